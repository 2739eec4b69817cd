"""Sending a complaint in Chromium: double click, back and send again, refresh, two tabs, and the pages after."""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.functional.test_submission import PARENT
from wizard import db

REFERENCE = re.compile(r"\b(EX-[2-9A-HJKMNP-Z]{8})\b")


@pytest.fixture
def server(make_live_server, smtp_server):
    return make_live_server(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5)


def fill_page(page, answers: dict) -> None:
    for name, value in answers.items():
        fields = page.locator(f'main [name="{name}"]')
        if fields.count() == 0:
            continue
        kind = fields.first.get_attribute("type")
        if kind in ("radio", "checkbox"):
            for one in value if isinstance(value, list) else [value]:
                page.locator(f'main [name="{name}"][value="{one}"]').check()
        elif isinstance(value, list):
            for i, one in enumerate(value):
                fields.nth(i).fill(one)
        elif value and fields.first.is_visible():
            fields.first.fill(value)


def walk_to_check(page, base: str, answers=PARENT) -> None:
    page.goto(f"{base}/complaint/")
    for _ in range(40):
        slug = page.url.rstrip("/").rsplit("/", 1)[-1].split("?")[0]
        if slug == "check":
            return
        fill_page(page, answers.get(slug, {"carry_on": "yes"}))
        page.locator("main form button.govuk-button").first.click()
        page.wait_for_load_state()
    raise AssertionError(f"never reached Check your answers (at {page.url})")


def reference_shown(page) -> str:
    page.wait_for_url(re.compile(r"/complaint/sent$"))
    found = REFERENCE.search(page.locator(".govuk-panel").inner_text())
    assert found, "no reference in the panel"
    return found.group(1)


def wait_for_messages(smtp_server, expected: int, timeout: float = 10) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end and len(smtp_server.messages) < expected:
        time.sleep(0.05)
    time.sleep(0.5)  # and nothing more arrives


def complaints(server) -> int:
    connection = db.connect(server.app.config)
    try:
        return connection.execute("SELECT count(*) FROM complaints").fetchone()[0]
    finally:
        connection.close()


def test_send_refresh_and_back_then_send_again(server, smtp_server, page, axe):
    walk_to_check(page, server.url)
    page.get_by_role("button", name="Send complaint").click()
    reference = reference_shown(page)
    axe(page, "confirmation")
    wait_for_messages(smtp_server, 3)
    page.reload()
    assert reference_shown(page) == reference
    page.go_back()
    page.wait_for_load_state()
    if page.get_by_role("button", name="Send complaint").count():
        page.get_by_role("button", name="Send complaint").click()
    assert reference_shown(page) == reference
    wait_for_messages(smtp_server, 4, timeout=2)
    assert complaints(server) == 1
    ids = Counter(m["Message-ID"] for m in smtp_server.messages)
    assert sorted(ids) == sorted(f"<{reference}.{k}@example.gov.uk>" for k in ("council", "complainant", "advocacy"))
    assert set(ids.values()) == {1}
    # The printable copy and the calendar file.
    page.get_by_role("link", name="Print your complaint").click()
    assert "The visits stopped in March." in page.locator("main").inner_text()
    axe(page, "print")
    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("link", name="Add these dates to your calendar").click()
    body = Path(download.value.path()).read_bytes()
    # The first stage's three dates, and the day the reply is due with how long there is to ask for the next stage.
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.count(b"BEGIN:VEVENT") == 4
    assert b"working days of the day you get our reply" in body.replace(b"\r\n ", b"")


def test_double_click_with_javascript_off(server, smtp_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        walk_to_check(page, server.url)
        page.get_by_role("button", name="Send complaint").dblclick()
        reference = reference_shown(page)
        wait_for_messages(smtp_server, 3)
        assert complaints(server) == 1
        assert Counter(m["X-Complaint-Reference"] for m in smtp_server.messages) == Counter({reference: 3})
    finally:
        context.close()


def test_two_tabs_send_one_complaint(server, smtp_server, context):
    first = context.new_page()
    walk_to_check(first, server.url)
    second = context.new_page()
    second.goto(f"{server.url}/complaint/check")
    first.get_by_role("button", name="Send complaint").click()
    reference = reference_shown(first)
    second.get_by_role("button", name="Send complaint").click()
    assert reference_shown(second) == reference
    wait_for_messages(smtp_server, 3)
    assert complaints(server) == 1
    assert len(smtp_server.messages) == 3


def test_confirmation_without_a_complaint_passes_axe(server, page, axe):
    page.goto(f"{server.url}/complaint/sent")
    assert page.locator("h1").inner_text() == "We cannot show this page"
    axe(page, "missing confirmation")
