"""Safety on a shared device and the browser's own buttons, in Chromium against a real server.

- "Exit this page" (JavaScript on: the GOV.UK component, by click and by pressing Shift three times; JavaScript
  off: the plain link) goes through /leave. Then Back, and every journey URL, show nothing of the complaint.
  The JavaScript-on run uses Chromium with its back/forward cache switched on (Playwright switches it off by
  default), as a person's Chrome has it: Chromium keeps even ``no-store`` pages in that cache.
- "Delete my answers and leave", with its confirmation page.
- Every phone number on the pages a person may meet is a tel: link.
- Back after a page showed an error and was then answered shows the service's page, never "Confirm Form
  Resubmission".
- Each follow-up answer is refused when it is empty.
"""

from __future__ import annotations

import http.server
import re
import socketserver
import threading
from dataclasses import replace

import pytest

from tests.browser.test_submission_browser import fill_page, reference_shown, walk_to_check
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.functional.test_labels_and_follow_ups import FOLLOW_UPS, answers_for
from tests.journey_answers import PARENT
from wizard.journey.steps import STEPS

SECRET = "My foster carer hits me"
JOURNEY_URLS = ["/complaint/", "/complaint/check", "/complaint/delete", "/complaint/sent"] + [
    f"/complaint/{s.slug}" for s in STEPS
]


class _Neutral(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"<!DOCTYPE html><html lang='en'><title>Weather</title><h1>Weather today</h1></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def neutral_page():
    """A stand-in for the council's neutral page (BBC Weather by default), on another origin."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Neutral)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://localhost:{server.server_address[1]}/weather"
    server.shutdown()
    server.server_close()


@pytest.fixture
def server(make_live_server, neutral_page):
    def prepare(app):
        # Profiles only accept https:// addresses; the test's neutral page is plain http on localhost.
        app.extensions["council"] = replace(app.extensions["council"], exit_url=neutral_page)

    return make_live_server(prepare)


@pytest.fixture(scope="module")
def browser_with_bfcache(browser):
    chromium = browser.browser_type.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    yield chromium
    chromium.close()


def seen_text(page) -> str:
    """Everything on screen, with what is in the fields (a form's typed values are not in its HTML)."""
    page.wait_for_function("document.readyState === 'complete' && document.body !== null")
    return page.evaluate(
        "document.body.innerText + ' ' + [...document.querySelectorAll('input, textarea')].map(f => f.value).join(' ')"
    )


def write_the_complaint(page, base: str) -> None:
    """Walk to "Your complaint", answer it, go on, and come back to it: the complaint is on screen."""
    page.goto(f"{base}/complaint/")
    for _ in range(40):
        slug = page.url.rsplit("/", 1)[-1]
        if slug == "your-complaint":
            break
        fill_page(page, PARENT.get(slug, {"carry_on": "yes"}))
        page.locator("main form button.govuk-button").first.click()
        page.wait_for_load_state()
    page.fill("#what_happened", SECRET)
    page.fill("#put_right", "Let me live somewhere else")
    page.locator("main form button.govuk-button").first.click()
    page.wait_for_url(re.compile(r"/your-name$"))
    page.go_back(wait_until="commit")
    page.wait_for_url(re.compile(r"/your-complaint$"), wait_until="commit")
    page.wait_for_timeout(300)
    assert SECRET in seen_text(page)
    page.fill("#what_happened", SECRET + ", typed again but not sent")


def nothing_left(page, base: str, neutral: str) -> None:
    # Back from the neutral page.
    page.go_back(wait_until="commit")
    page.wait_for_load_state()
    page.wait_for_timeout(500)
    assert page.url.startswith(base), page.url
    assert SECRET not in seen_text(page), f"Back showed the complaint at {page.url}"
    assert page.evaluate("document.cookie") == ""
    # And every journey URL, opened by hand.
    for url in JOURNEY_URLS:
        page.goto(base + url)
        assert SECRET not in seen_text(page), url
        assert "Sam Smith" not in seen_text(page), url


def test_exit_with_javascript_and_the_back_forward_cache_leaves_nothing(server, neutral_page, browser_with_bfcache):
    context = browser_with_bfcache.new_context()
    page = context.new_page()
    page.set_default_timeout(10000)
    leaves = []
    page.on("request", lambda request: leaves.append(request.url) if request.url.endswith("/leave") else None)
    try:
        write_the_complaint(page, server.url)
        page.wait_for_selector(".govuk-exit-this-page[data-govuk-exit-this-page-init]")  # the component's JS ran
        page.get_by_role("button", name="Exit this page").click()
        page.wait_for_url(neutral_page)
        assert leaves == [f"{server.url}/leave"]  # the component's navigation went through the service
        nothing_left(page, server.url, neutral_page)
    finally:
        context.close()


def test_exit_by_pressing_shift_three_times_goes_through_the_service(server, neutral_page, page):
    write_the_complaint(page, server.url)
    page.wait_for_selector(".govuk-exit-this-page[data-govuk-exit-this-page-init]")
    page.locator("h1").click()  # focus on the page, not in a field
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral_page)
    nothing_left(page, server.url, neutral_page)


def test_exit_with_javascript_off_leaves_nothing(server, neutral_page, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10000)
    try:
        write_the_complaint(page, server.url)
        page.get_by_role("button", name="Exit this page").click()  # a plain link without JavaScript
        page.wait_for_url(neutral_page)
        nothing_left(page, server.url, neutral_page)
    finally:
        context.close()


def test_delete_my_answers_and_leave(server, neutral_page, browser_with_bfcache, axe):
    context = browser_with_bfcache.new_context()
    page = context.new_page()
    page.set_default_timeout(10000)
    try:
        write_the_complaint(page, server.url)
        page.get_by_role("link", name="Delete my answers and leave").click()
        page.wait_for_url(re.compile(r"/complaint/delete\?back=/complaint/your-complaint$"))
        assert page.locator("h1").inner_text() == "Are you sure you want to delete your answers?"
        axe(page, "delete my answers")
        page.get_by_role("link", name="No, go back to my answers").click()
        page.wait_for_url(re.compile(r"/complaint/your-complaint$"))  # where they were, nothing lost
        assert SECRET in seen_text(page)
        walk_to_check(page, server.url)
        page.get_by_role("link", name="Delete my answers and leave").click()
        page.get_by_role("button", name="Yes, delete my answers and leave").click()
        page.wait_for_url(neutral_page)
        nothing_left(page, server.url, neutral_page)
    finally:
        context.close()


PHONE = r"(?:\+44 ?|0)\d(?: ?\d){8,9}|\b999\b"
UNLINKED_PHONES = """(pattern) => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, textarea, pre, .govuk-summary-list__value, .govuk-error-message, '
        + '.govuk-error-summary, a[href^="tel:"]')) continue;
    for (const m of node.textContent.matchAll(new RegExp(pattern, 'g'))) found.push(m[0]);
  }
  return found;
}"""


def phones_on(page) -> tuple[list[str], list[str]]:
    """(numbers shown outside a tel: link, the tel: links' hrefs)."""
    links = page.eval_on_selector_all('a[href^="tel:"]', "links => links.map(a => a.getAttribute('href'))")
    return page.evaluate(UNLINKED_PHONES, PHONE), links


def test_every_phone_number_a_person_meets_can_be_tapped(make_live_server, smtp_server, browser):
    server = make_live_server(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5)
    context = browser.new_context(viewport={"width": 320, "height": 640}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10000)
    council = server.app.extensions["council"]
    checked = {}
    try:
        for url in ("/", "/accessibility", "/privacy", "/cookies", "/no-such-page"):
            page.goto(server.url + url)
            checked[url] = phones_on(page)
        page.goto(server.url + "/complaint/")
        page.check("input[name=danger][value=yes]")
        page.locator("main form button.govuk-button").first.click()
        page.wait_for_url(re.compile(r"/get-help-now$"))
        checked["emergency"] = phones_on(page)
        assert "tel:999" in checked["emergency"][1] and "tel:+441632960001" in checked["emergency"][1]
        context.clear_cookies()  # start again (Exit would leave for the real BBC Weather, off this test machine)
        walk_to_check(page, server.url)
        page.get_by_role("button", name="Send complaint").click()
        reference_shown(page)
        checked["confirmation"] = phones_on(page)
    finally:
        context.close()
    for where, (unlinked, links) in checked.items():
        assert unlinked == [], f"{where}: {unlinked} cannot be tapped"
        assert "tel:999" in links and "tel:+441632960000" in links, (where, links)  # the footer, on every page
    assert council.phone == "01632 960000"


def test_back_after_an_error_shows_the_page_not_a_resubmission(server, page):
    page.goto(server.url + "/complaint/")
    page.locator("main form button.govuk-button").first.click()  # nothing chosen: an error
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    assert page.url.endswith("/complaint/child-in-danger")
    page.check("input[name=danger][value=no]")
    page.locator("main form button.govuk-button").first.click()
    page.wait_for_url(re.compile(r"/new-or-reply$"))
    page.locator("main form button.govuk-button").first.click()  # an error on the next page too
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    page.check("input[name=kind][value=new]")
    page.locator("main form button.govuk-button").first.click()
    page.wait_for_url(re.compile(r"/who-are-you$"))

    for expected in ("new-or-reply", "new-or-reply", "child-in-danger", "child-in-danger"):
        response = page.go_back()
        assert response is not None and response.ok, f"Back to {expected}: {response and response.status}"
        assert page.url.endswith(f"/complaint/{expected}")
        assert not page.title().startswith("Error: "), "the error is shown once, not again on Back"
        assert page.locator("h1, legend h1").first.is_visible()
        assert page.locator("main form").count() == 1
    # The answers given are still there.
    page.go_forward()
    page.go_forward()
    page.go_forward()
    assert page.url.endswith("/new-or-reply")
    assert page.is_checked("input[name=kind][value=new]")


@pytest.mark.parametrize(("slug", "field", "chosen", "error"), FOLLOW_UPS, ids=[f[1] for f in FOLLOW_UPS])
def test_each_follow_up_is_refused_when_empty(server, page, slug, field, chosen, error):
    walk_to_check(page, server.url, answers_for(slug))
    page.goto(f"{server.url}/complaint/{slug}?change=1")  # as from "Change" on Check your answers
    fill_page(page, chosen)
    page.fill(f"#{field}", "")
    page.locator("main form button.govuk-button").first.click()
    page.wait_for_load_state()
    assert page.url.split("?")[0].endswith(f"/complaint/{slug}")
    assert error in page.locator(".govuk-error-summary").inner_text()
    assert error in page.locator(f"#{field}-error").inner_text()
    page.get_by_role("link", name=error).click()
    assert page.evaluate("document.activeElement.id") == field
    page.fill(f"#{field}", "Polish")
    page.locator("main form button.govuk-button").first.click()
    page.wait_for_url(re.compile(r"/check$"))
    assert "Polish" in page.locator("main").inner_text()


def test_the_timeout_warning_has_its_own_exit(server, neutral_page, page, axe):
    """The time-out warning is modal: it covers the page and the page's "Exit this page" button, which a click can
    no longer reach. A child who must leave now finds "Exit this page" in the warning itself (found by a
    fresh-eyes walk), and it leaves as the page's button does: through the service, taking the answers with it."""
    page.clock.install()
    leaves = []
    page.on("request", lambda request: leaves.append(request.url) if request.url.endswith("/leave") else None)
    write_the_complaint(page, server.url)
    page.clock.run_for("01:55:01")  # five minutes before the answers would be deleted
    dialog = page.locator("#timeout-dialog")
    dialog.wait_for(state="visible")
    exit_in_warning = dialog.get_by_role("button", name="Exit this page")
    assert exit_in_warning.is_visible()
    axe(page, "timeout warning with its exit")
    exit_in_warning.click()
    page.wait_for_url(neutral_page)
    assert leaves == [f"{server.url}/leave"]
    nothing_left(page, server.url, neutral_page)


@pytest.mark.parametrize("bfcache", [True, False])
def test_back_after_exit_shows_no_answer_chosen(server, neutral_page, browser, browser_with_bfcache, bfcache):
    """Found by a helper playing a child: after "Exit this page", Back to the first question showed "Yes" chosen
    for "Is a child in danger right now?". The server draws the page with nothing chosen (the draft is gone), but
    Chromium puts back what the page's fields held when it was left, unless the form says not to."""
    context = (browser_with_bfcache if bfcache else browser).new_context()
    page = context.new_page()
    page.set_default_timeout(10000)
    try:
        page.goto(f"{server.url}/complaint/")
        page.wait_for_url(re.compile(r"/child-in-danger$"))
        page.locator('input[name="danger"][value="yes"]').check()
        page.locator("main form button.govuk-button").first.click()
        page.wait_for_url(re.compile(r"/get-help-now$"))
        page.get_by_role("button", name="Exit this page").click()
        page.wait_for_url(neutral_page)
        seen = []
        for _ in range(4):
            page.go_back(wait_until="commit")
            page.wait_for_load_state()
            page.wait_for_timeout(300)
            seen.append(page.url)
            if page.url.endswith("/child-in-danger"):
                assert page.locator('input[name="danger"]:checked').count() == 0, seen
        assert any(url.endswith("/child-in-danger") for url in seen), seen
    finally:
        context.close()
