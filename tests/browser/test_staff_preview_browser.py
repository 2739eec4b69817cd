"""In Chromium, as a complaints manager: preview the journey to its confirmation and emails (nothing stored, nothing
received by the mail server), then download the annual figures after three complaints and two exits."""

from __future__ import annotations

import csv
import io
import sqlite3
import time
from pathlib import Path

import pytest

from tests.browser.test_submission_browser import fill_page, reference_shown, wait_for_messages, walk_to_check
from tests.conftest import TEST_STAFF_PASSWORD
from tests.functional.test_submission import PARENT
from wizard.db import database_path
from wizard.domain.workdays import uk_today

SLOW_PAGES_MS = 60000


@pytest.fixture
def server(make_live_server, smtp_server):
    return make_live_server(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5)


def sign_in(page, base: str) -> None:
    page.goto(base + "/staff/sign-in")
    page.get_by_label("Staff password").fill(TEST_STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/")


def count(server, table: str) -> int:
    path = database_path(server.app.config["DATA_DIR"])
    if not path.exists():
        return 0
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
    except sqlite3.OperationalError:
        return 0
    finally:
        connection.close()


def test_a_manager_previews_the_journey_to_the_confirmation_and_its_emails(server, smtp_server, page, axe, tmp_path):
    page.set_default_timeout(SLOW_PAGES_MS)
    sign_in(page, server.url)
    page.get_by_role("link", name="Preview the journey").click()
    page.wait_for_url("**/staff/preview")
    axe(page, "preview start page")
    page.get_by_role("button", name="Start a preview").click()
    page.wait_for_url("**/complaint/child-in-danger")
    banner = page.get_by_role("region", name="Staff preview")
    shots = 0
    answers = {**PARENT, "advocate-for-the-child": {"advocacy": "yes"}}
    for _ in range(40):
        slug = page.url.rstrip("/").rsplit("/", 1)[-1]
        assert banner.is_visible(), f"no preview banner on {slug}"
        assert "Preview: nothing you send here is stored as a complaint or sent." in banner.inner_text()
        if slug in ("child-in-danger", "about-the-child") or shots == 0:
            axe(page, f"preview: {slug}")
            page.screenshot(path=str(tmp_path / f"preview-{slug}.png"), full_page=True)
            shots += 1
        if slug == "check":
            break
        fill_page(page, answers.get(slug, {"carry_on": "yes"}))
        page.locator("main form button.govuk-button").first.click()
        page.wait_for_load_state()
    assert page.url.endswith("/complaint/check")
    banner.get_by_text("Which rule decided the route so far").click()
    route = banner.inner_text()
    assert "Where it goes: The children's social care complaints procedure" in route
    assert "Decided by the rule:" in route and "rule " in route
    axe(page, "preview: check your answers, route open")
    page.screenshot(path=str(tmp_path / "preview-check.png"), full_page=True)

    page.get_by_role("button", name="Send complaint").click()
    page.wait_for_url("**/complaint/sent")
    assert "-PREVIEW" in page.locator(".govuk-panel").inner_text()
    assert banner.is_visible()
    for heading in ("To the complaints inbox", "To the person who complained", "To the advocacy service",
                    "The JSON attached for case systems"):
        assert page.get_by_role("heading", name=heading).is_visible(), heading
    council_email = page.get_by_role("region", name="To the complaints inbox").inner_text()
    assert "The visits stopped in March." in council_email
    axe(page, "preview: confirmation with the emails")
    page.screenshot(path=str(tmp_path / "preview-confirmation.png"), full_page=True, timeout=SLOW_PAGES_MS)

    time.sleep(2)  # a real complaint's emails would be on their way by now
    assert smtp_server.messages == []
    assert count(server, "complaints") == 0 and count(server, "outbox") == 0
    assert count(server, "annual_figures") == 0

    # Stop: the journey is an ordinary one again, with no banner.
    banner.get_by_role("button", name="Stop the preview").click()
    page.wait_for_url("**/staff/preview")
    page.goto(server.url + "/complaint/")
    page.wait_for_url("**/complaint/child-in-danger")
    assert page.get_by_role("region", name="Staff preview").count() == 0
    print(f"screenshots in {tmp_path}")


def test_a_manager_downloads_the_figures_after_three_complaints_and_two_exits(server, smtp_server, browser, page, axe,
                                                                          tmp_path):
    page.set_default_timeout(SLOW_PAGES_MS)
    for n in range(3):
        citizen = browser.new_context()
        walker = citizen.new_page()
        walker.set_default_timeout(SLOW_PAGES_MS)
        subject = "fostering" if n else "looked_after"
        walk_to_check(walker, server.url, {**PARENT, "what-is-it-about": {"about": subject}})
        walker.get_by_role("button", name="Send complaint").click()
        reference_shown(walker)
        citizen.close()
    to_school = {"child-in-danger": {"danger": "no"}, "new-or-reply": {"kind": "new"}, "who-are-you": {"who": "parent"},
                 "what-is-it-about": {"about": "school"}}
    to_help = {"child-in-danger": {"danger": "yes"}}
    for answers, exit_slug in ((to_school, "/school-complaint"), (to_help, "/get-help-now")):
        citizen = browser.new_context()
        walker = citizen.new_page()
        walker.goto(server.url + "/complaint/")
        for _ in range(6):
            if walker.url.endswith(exit_slug):
                break
            fill_page(walker, answers.get(walker.url.rstrip("/").rsplit("/", 1)[-1], {}))
            walker.locator("main form button.govuk-button").first.click()
            walker.wait_for_load_state()
        assert walker.url.endswith(exit_slug)
        citizen.close()
    wait_for_messages(smtp_server, 6)  # each complaint: the council's email and the complainant's copy

    sign_in(page, server.url)
    page.get_by_role("link", name="Figures for the annual report").click()
    page.wait_for_url("**/staff/figures")
    axe(page, "annual figures")
    page.screenshot(path=str(tmp_path / "figures.png"), full_page=True, timeout=SLOW_PAGES_MS)
    today = uk_today()
    month = f"{today.year:04d}-{today.month:02d}"
    column = page.locator("table[data-stage='new'] thead th").all_inner_texts().index(today.strftime("%b %Y")) + 1

    def shown(line_id: str) -> str:
        return page.locator(f"tr[data-id='{line_id}'] > :nth-child({column})").inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    rows = {row["Id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["new:complaints:all"][month] == "<5"  # three complaints: hidden
    assert rows["none:exit:school"][month] == "<5" and rows["none:exit:emergency"][month] == "<5"
    assert rows["new:subject:adoption"][month] == "0"
    for line_id in ("new:complaints:all", "new:subject:fostering", "new:subject:adoption", "none:exit:school",
                    "none:exit:emergency", "none:exit:provider"):
        on_page = shown(line_id)
        assert (on_page.startswith("<5") if rows[line_id][month] == "<5" else on_page == rows[line_id][month]), line_id
    assert "Pat Jones" not in text and "EX-" not in text  # no name, no reference

    page.set_viewport_size({"width": 320, "height": 800})
    page.screenshot(path=str(tmp_path / "figures-320.png"), full_page=True, timeout=SLOW_PAGES_MS)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    print(f"screenshots in {tmp_path}")
