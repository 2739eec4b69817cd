"""The 5,000-character limit of "What happened?", counted the same way in Chromium and on the server (issue 14,
session 5): an emoji is one character, not two; "ŵ" and "ŷ" are one however they were typed; a line break is one.
The page says what to do if 5,000 characters are not enough."""

from __future__ import annotations

from tests.browser.test_submission_browser import fill_page
from tests.journey_answers import PARENT

LIMIT = 5000


def walk_to(page, base: str, target: str) -> None:
    page.goto(f"{base}/complaint/")
    for _ in range(40):
        here = page.url.rstrip("/").rsplit("/", 1)[-1].split("?")[0]
        if here == target:
            return
        fill_page(page, PARENT.get(here, {"carry_on": "yes"}))
        page.locator("main form button.govuk-button").first.click()
        page.wait_for_load_state()
    raise AssertionError(f"never reached {target} (at {page.url})")


def counter(page) -> str:
    box = page.locator('textarea[name="what_happened"]').locator(
        "xpath=ancestor::div[contains(@class, 'govuk-character-count')]"
    )
    return box.locator(".govuk-character-count__status").inner_text().strip()


def test_emoji_and_welsh_letters_count_one_each_in_the_counter_and_on_the_server(live_server, page):
    walk_to(page, live_server.url, "your-complaint")
    intro = page.locator("main").inner_text()
    assert "You can write up to 5000 characters about what happened. If you need to say more" in intro
    # Exactly 5000 characters: emoji (two UTF-16 units each), Welsh letters typed as one character and as a
    # letter followed by a combining circumflex, and line breaks (sent by the browser as CR LF).
    parts = "😀👍🏴󠁧󠁢󠁷󠁬󠁳󠁿" + "ŵŷ" + "w\u0302y\u0302" + "\n\n"
    # The flag of Wales is one flag emoji, 5 tag letters and a cancel tag (7 characters); w + U+0302 is one
    # character (NFC).
    assert page.evaluate("(t) => Array.from(t.normalize('NFC')).length", parts) == 2 + 7 + 2 + 2 + 2
    text = parts + "a" * (LIMIT - 15)
    area = page.locator('textarea[name="what_happened"]')
    area.fill(text)
    page.wait_for_timeout(1200)  # the component updates its message after typing stops
    assert counter(page) == "You have 0 characters remaining"
    fill_page(page, {"put_right": "Restart them."})
    page.locator("main form button.govuk-button").first.click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith("/your-name"), "the server refused what the counter allowed"

    page.go_back()
    page.wait_for_load_state()
    area = page.locator('textarea[name="what_happened"]')
    area.fill(text + "ŵ")
    page.wait_for_timeout(1200)
    assert counter(page) == "You have 1 character too many"
    page.locator("main form button.govuk-button").first.click()
    page.wait_for_load_state()
    assert "What happened must be 5000 characters or fewer" in page.locator("main").inner_text()
    page.wait_for_timeout(1200)
    assert counter(page) == "You have 1 character too many"  # the same count, from what the server sent back


def test_the_counter_leaves_out_what_the_server_takes_away(live_server, page):
    page.goto(f"{live_server.url}/")
    count = page.evaluate(
        "async (t) => (await import('/static/js/character-count.mjs')).countCharacters(t)",
        "  Sam\u200b said\u202e no \r\nok\u00ad  \n",
    )
    # What the server keeps: "Sam said no\nok" (14 characters).
    from wizard.journey.forms import clean_text

    kept = clean_text("  Sam\u200b said\u202e no \r\nok\u00ad  \n")
    assert kept == "Sam said no\nok"
    assert count == len(kept)
