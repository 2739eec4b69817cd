"""Time running out while a person writes, in Chromium: what they wrote on the page is shown back, not lost.

Found by a fresh-eyes walk: with the warning ignored (or JavaScript off), the answers were deleted and the text
being written on the page went with them. Now, when time runs out on a page where something was written, the
page is sent as Continue would send it, and the server (finding the answers deleted) shows that text back to
copy. Browser time and the server's time are both moved on; nothing waits for two hours.
"""

from __future__ import annotations

import time

from tests.browser.test_people_browser import walk
from tests.functional.test_submission import PARENT

STORY = "They moved my brother to another home in March.\nI have not seen him since."


class Clock:
    def __init__(self):
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


def test_text_written_when_time_runs_out_is_shown_back_to_copy(make_live_server, page, axe):
    clock = Clock()
    server = make_live_server(JOURNEY_CLOCK=clock)
    page.clock.install()
    walk(page, server.url, PARENT, "late", stop="your-complaint")
    page.locator("#what_happened").fill(STORY)
    clock.offset += 121 * 60  # on the server: the two hours are over, the answers are deleted
    with page.expect_navigation():
        page.clock.run_for("02:00:02")  # in the browser: the warning came and went unanswered
    assert page.get_by_role("heading", level=1).inner_text() == "Your answers have been deleted"
    main = page.locator("main").inner_text()
    assert "What you wrote on the last page" in main
    assert "They moved my brother to another home in March." in main and "I have not seen him since." in main
    axe(page, "answers deleted, with the text shown back")
    page.screenshot(path="/tmp/late-shown-back.png", full_page=True)
    # Nothing of it was kept: the next page view is the plain "deleted" page.
    page.goto(server.url + "/complaint/your-complaint")
    assert "They moved my brother" not in page.content()


def test_with_nothing_written_the_page_says_the_answers_were_deleted(make_live_server, page):
    clock = Clock()
    server = make_live_server(JOURNEY_CLOCK=clock)
    page.clock.install()
    walk(page, server.url, PARENT, "late-empty", stop="your-complaint")
    clock.offset += 121 * 60
    with page.expect_navigation():
        page.clock.run_for("02:00:02")
    assert page.url == server.url + "/complaint/expired"
    assert page.get_by_role("heading", level=1).inner_text() == "Your answers have been deleted"
