"""A shared device in Chromium: the next person never lands inside an unfinished complaint without being asked.

Found by a fresh-eyes walk as a 12-year-old on a foster home's tablet (he closed the tab; his foster carer opened
the site, pressed "Start now" and could read his complaint about her). Chromium says where a navigation came
from (``Sec-Fetch-Site``): typed, bookmarked and history navigations ask first; the service's own links, reload,
Back and Forward carry on as before.
"""

from __future__ import annotations

import time

import pytest

from tests.browser.test_submission_browser import walk_to_check
from tests.functional.test_submission import PARENT

STORY = PARENT["your-complaint"]["what_happened"]


class Clock:
    def __init__(self):
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


@pytest.fixture
def clock():
    return Clock()


def test_a_closed_tab_reopened_by_the_next_person_asks_first_and_shows_nothing(make_live_server, clock, context, axe):
    live_server = make_live_server(JOURNEY_CLOCK=clock)
    base = live_server.url
    page = context.new_page()
    walk_to_check(page, base)
    page.close()  # the child closes the tab instead of pressing Exit; the browser (and its cookie) stays
    clock.offset += 5 * 60  # the tablet changes hands

    page = context.new_page()
    page.goto(base + "/")
    page.get_by_role("button", name="Start now").click()
    page.wait_for_load_state()
    assert page.url == base + "/complaint/start"
    assert page.locator("h1").inner_text() == "A complaint was started on this device"
    assert STORY not in page.content()
    axe(page)
    page.screenshot(path="/tmp/shared-device-in-progress.png", full_page=True)

    # Typed into the address bar, or chosen from the history: asked first too.
    page.goto(base + "/complaint/your-complaint")
    assert page.url == base + "/complaint/start" and STORY not in page.content()
    page.goto(base + "/complaint/check")
    assert page.url == base + "/complaint/start"

    # Continue without choosing: an error, still nothing shown.
    with page.expect_navigation():  # the same address: wait for the error page to load before reading it
        page.get_by_role("button", name="Continue").click()
    assert page.title().startswith("Error: ")
    assert STORY not in page.content()

    page.get_by_label("Start a new complaint and delete the unfinished one").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert "/complaint/start" not in page.url
    for url in ("/complaint/check", "/complaint/your-complaint", "/complaint/start"):
        page.goto(base + url)
        assert STORY not in page.content(), url
    page.go_back()
    assert STORY not in page.content()


def test_the_person_who_started_it_carries_on_and_reload_back_forward_are_unchanged(live_server, page):
    base = live_server.url
    walk_to_check(page, base)
    page.reload()  # reload keeps where the navigation came from: still Check your answers
    assert page.url == base + "/complaint/check" and STORY in page.content()
    page.get_by_role("link", name="Change").first.click()
    page.wait_for_load_state()
    changed_at = page.url
    page.go_back()
    assert page.url == base + "/complaint/check" and STORY in page.content()
    page.go_forward()
    assert page.url == changed_at

    page.goto(base + "/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("It is mine: carry on with it").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(base + "/complaint/check")
    assert STORY in page.content()


def test_without_javascript_the_question_works_the_same(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        base = live_server.url
        walk_to_check(page, base)
        page.goto(base + "/complaint/start")
        page.get_by_label("It is mine: carry on with it").check()
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(base + "/complaint/check")
    finally:
        context.close()
