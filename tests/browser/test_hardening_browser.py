"""In Chromium: a read-only disk at Send (a real file made immutable with ``chattr +i``) shows a plain page that
says the complaint was NOT sent, passes axe, and Send works with the same answers once the disk is back."""

from __future__ import annotations

import subprocess

from tests.browser.test_submission_browser import reference_shown, walk_to_check
from wizard import db


def test_a_read_only_disk_at_send_says_not_sent_and_the_answers_are_kept(make_live_server, smtp_server, page, axe):
    server = make_live_server(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5)
    walk_to_check(page, server.url)
    data_dir = server.app.config["DATA_DIR"]
    connection = db.connect(server.app.config)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    database = db.database_path(data_dir)
    subprocess.run(["chattr", "+i", str(database)], check=True)
    db.dispose_all()  # chattr stops new opens for writing; a disk that turns read-only also fails open ones
    try:
        page.get_by_role("button", name="Send complaint").click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text() == "Your complaint has not been sent"
        main = page.locator("main").inner_text()
        assert "It has not been sent to the council." in main
        assert "Your answers are kept" in main
        phone = server.app.extensions["council"].phone
        # the page's own offer to call, not the "Get help" box every page has
        link = page.locator("main").get_by_role("listitem").filter(has_text=phone).get_by_role("link", name=phone)
        assert link.get_attribute("href") == "tel:" + phone.replace(" ", "")
        axe(page, "complaint not sent")
        assert smtp_server.messages == []
    finally:
        subprocess.run(["chattr", "-i", str(database)], check=True)
    page.get_by_role("button", name="Go back to your answers").click()
    page.wait_for_load_state()
    assert page.url.endswith("/complaint/check")
    page.get_by_role("button", name="Send complaint").click()
    assert reference_shown(page).startswith("EX-")
