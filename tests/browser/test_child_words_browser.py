"""A child's route in Chromium on a 320 px screen: Kai (14, in foster care, their carer checks their phone) and
Dee (a 17-year-old care leaver). Every page, with and without its errors: axe, the page checker, nothing to scroll
sideways, the young words on the page, the reading grade of what Chromium shows (``innerText``), and help to tap.

Set SHOTS_DIR to keep full-page screenshots of every page.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.test_submission_browser import fill_page, reference_shown
from tests.functional.test_child_words import DEE, KAI, KAI_THROUGH_TRUSTED, unexplained_terms
from tests.pagecheck import check_page
from tests.readability import grade

SHOTS = os.environ.get("SHOTS_DIR")


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def slug(page) -> str:
    return page.url.rstrip("/").rsplit("/", 1)[-1].split("?")[0]


def rendered_grade(page) -> float:
    """The grade of the text Chromium draws: each line of ``innerText`` read as a block."""
    lines = [line.strip() for line in page.locator("body").inner_text().split("\n") if line.strip()]
    return grade(lines)


def look(page, axe, name: str, seen: dict) -> None:
    axe(page, name)
    check_page(page.content(), None)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 320px"
    seen[name] = rendered_grade(page)
    assert not unexplained_terms(page.content()), name
    shot(page, name)


@pytest.mark.parametrize(("who", "route"), [("kai", KAI), ("dee", DEE), ("kai-trusted", KAI_THROUGH_TRUSTED)])
def test_a_childs_route_at_320px(make_live_server, browser, axe, who, route):
    server = make_live_server()
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    seen: dict[str, float] = {}
    try:
        page.goto(f"{server.url}/complaint/")
        for step in range(60):
            here = slug(page)
            name = f"{who}-{step:02d}-{here}"
            if here == "check":
                look(page, axe, name, seen)
                break
            answers = route.get(here)
            if here == "contact-details":
                # A child may leave every way empty (issue 14, session 6): no error, but "How can we reach you?";
                # checked as served, then Back to give the route's answer.
                page.locator("main form button.govuk-button").first.click()
                page.wait_for_load_state()
                assert slug(page) == "reaching-you" and page.locator(".govuk-error-summary").count() == 0
                look(page, axe, f"{name}-left-empty", seen)
                page.go_back()
                page.wait_for_load_state()
                assert slug(page) == "contact-details"
            elif answers is not None:
                # First with no answer: the errors, in the child's words, then the answer.
                page.locator("main form button.govuk-button").first.click()
                page.wait_for_load_state()
                assert page.locator(".govuk-error-summary").count() == 1, here
                look(page, axe, f"{name}-errors", seen)
            else:
                look(page, axe, name, seen)
            # Checked as served (above); answering scrolls the page, so it is only photographed once filled in.
            fill_page(page, answers or {"carry_on": "yes"})
            shot(page, f"{name}-answered")
            page.locator("main form button.govuk-button").first.click()
            page.wait_for_load_state()
        else:
            raise AssertionError("never reached Check your answers")
        page.get_by_role("button", name="Send complaint").click()
        reference_shown(page)
        look(page, axe, f"{who}-confirmation", seen)
        main = page.locator("main").inner_text()
        assert "Keep your reference number safe" in main
        assert page.get_by_role("link", name="Add these dates to your calendar").count() == 0
        assert page.get_by_role("link", name="Print your complaint").count() == 0
        # The council's number, and for a child (not a care leaver) Childline's too (walk O, session 9).
        help_link = page.locator("aside.app-help a[href^='tel:']:not([href='tel:08001111'])")
        assert help_link.count() == 1 and help_link.is_visible()
        childline = page.locator("aside.app-help a[href='tel:08001111']")
        assert childline.count() == (1 if route["who-are-you"]["who"] == "child" else 0)
    finally:
        context.close()
    hardest = max(seen.values())
    assert hardest <= 5, {name: round(g, 1) for name, g in seen.items() if g > 5}
    assert len(seen) >= 18
