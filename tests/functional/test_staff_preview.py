"""Preview mode of the citizen journey: staff walk the real journey; nothing is stored as a complaint, sent or
counted; a citizen cannot get into it, and it weakens nothing for citizens."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from tests.conftest import TEST_STAFF_PASSWORD
from tests.journey_answers import PARENT, answer_until_check, slug_of, text_of
from wizard.delivery import outbox
from wizard.staff import journey_preview

COOKIE = "complaint_session"


def sign_in(client):
    response = client.post("/staff/sign-in", data={"password": TEST_STAFF_PASSWORD})
    assert response.status_code == 302 and response.location.endswith("/staff/")
    return client


def start_preview(client):
    response = client.post("/staff/preview/start")
    assert response.status_code == 302 and response.location.endswith("/complaint/")
    return client


def rows(app, sql: str, preview: bool = False) -> list:
    folder = app.config["DATA_DIR"] / "preview" if preview else app.config["DATA_DIR"]
    path = folder / "wizard.sqlite3"
    if not path.exists():
        return []
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    except sqlite3.OperationalError as error:  # the table was never made: nothing in it
        assert "no such table" in str(error)
        return []
    finally:
        connection.close()


def count(app, table: str, preview: bool = False) -> int:
    found = rows(app, f"SELECT count(*) FROM {table}", preview)  # noqa: S608 - test-only, fixed table names
    return found[0][0] if found else 0


def banner(response) -> bool:
    return 'id="preview-banner"' in response.get_data(as_text=True)


def walk_to_check(client, answers=PARENT):
    """As ``answer_until_check``, asserting that every page on the way shows the preview banner."""
    response = client.get("/complaint/")
    seen = []
    for _ in range(40):
        slug = slug_of(response.location)
        if slug == "check":
            page = client.get(response.location)
            assert banner(page), "Check your answers has no preview banner"
            return seen, page
        seen.append(slug)
        page = client.get(response.location)
        assert page.status_code == 200 and banner(page), f"{slug} has no preview banner"
        response = client.post(response.location, data=answers.get(slug, {"carry_on": "yes"}))
    raise AssertionError(seen)


def test_a_preview_walks_the_real_journey_and_its_send_stores_and_sends_nothing(make_app, smtp_server):
    app = make_app(
        WTF_CSRF_ENABLED=False, SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, OUTBOX_SEND_IN_THREAD=False
    )
    client = start_preview(sign_in(app.test_client()))
    seen, check = walk_to_check(client, {**PARENT, "advocate-for-the-child": {"advocacy": "yes"}})
    # The same pages a citizen sees, in the same order (the journey test's route for this parent).
    citizen = app.test_client()
    assert answer_until_check(citizen, {**PARENT, "advocate-for-the-child": {"advocacy": "yes"}}) == seen
    assert "Pat Jones" in text_of(check)
    # Which rule decided the route so far, in plain words and by id.
    page = check.get_data(as_text=True)
    assert "Which rule decided the route so far" in page
    assert "The children&#39;s social care complaints procedure" in page
    assert re.search(r"rule <code>[a-z_]+</code>", page)
    assert count(app, "drafts") == 1  # the citizen's draft only: the preview's is kept apart
    assert count(app, "drafts", preview=True) == 1

    sent = client.post("/complaint/send")
    assert sent.status_code == 302 and sent.location.endswith("/complaint/sent")
    confirmation = client.get("/complaint/sent")
    confirmation.close()  # what a server does once the page has gone: a citizen's complaint is sent then
    text = text_of(confirmation)
    assert "Complaint sent" in text and f"{app.extensions['council'].short_code}-PREVIEW" in text
    html = confirmation.get_data(as_text=True)
    assert banner(confirmation)
    # The three emails and the JSON, as they would go.
    for kind in ("council", "complainant", "advocacy"):
        assert f'id="email-{kind}"' in html
    assert "pat@example.com" in html and "The visits stopped." in html
    payload = re.search(r'id="json-heading".*?<pre>(.*?)</pre>', html, re.S).group(1)
    assert json.loads(payload.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&"))["reference"].endswith(
        "-PREVIEW"
    )
    printed = client.get("/complaint/sent/print")
    assert printed.status_code == 200 and "Pat Jones" in text_of(printed)
    assert banner(printed) and 'id="email-council"' not in printed.get_data(as_text=True)  # no emails on paper
    assert client.get("/complaint/sent/calendar.ics").mimetype == "text/calendar"

    # Nothing stored as a complaint, nothing queued, nothing sent, nothing counted.
    assert count(app, "complaints") == 0 and count(app, "outbox") == 0
    assert count(app, "complaints", preview=True) == 0 and count(app, "outbox", preview=True) == 0
    assert count(app, "annual_figures") == 0
    assert count(app, "drafts", preview=True) == 0  # Send deleted the preview's draft
    with app.app_context():
        connection = sqlite3.connect(app.config["DATA_DIR"] / "wizard.sqlite3")
        connection.row_factory = sqlite3.Row
        report = outbox.send_pending(connection, app.config, due_only=False)
        connection.close()
    assert report.sent == 0
    assert smtp_server.messages == []
    assert not (app.config["DATA_DIR"] / "mail").exists()

    # The citizen in the other browser, by contrast, really sends.
    client_send = citizen.post("/complaint/send")
    assert client_send.location.endswith("/complaint/sent")
    citizen.get("/complaint/sent").close()
    assert count(app, "complaints") == 1
    assert len(smtp_server.messages) == 3
    assert not banner(citizen.get("/complaint/sent"))


def test_the_banner_says_no_route_yet_then_the_rule_as_answers_come(app):
    client = start_preview(sign_in(app.test_client()))
    first = client.get("/complaint/child-in-danger")
    assert banner(first) and "No route yet" in first.get_data(as_text=True)
    client.post("/complaint/child-in-danger", data={"danger": "no"})
    client.post("/complaint/new-or-reply", data={"kind": "new"})
    client.post("/complaint/who-are-you", data={"who": "parent"})
    client.post("/complaint/what-is-it-about", data={"about": "school"})
    school = client.get("/complaint/school-complaint")
    html = school.get_data(as_text=True)
    assert "The school&#39;s own complaints procedure" in html and "rule <code>" in html
    # An exit reached in a preview is not counted.
    assert count(app, "annual_figures") == 0


def test_a_citizen_cannot_start_or_fake_a_preview(app):
    citizen = app.test_client()
    assert citizen.post("/staff/preview/start").location.endswith("/staff/sign-in")
    # Flags in the form or the address mean nothing: only the server's record of a staff preview counts.
    answer_until_check(citizen)
    check = citizen.get("/complaint/check?preview=1")
    assert not banner(check)
    sent = citizen.post("/complaint/send?preview=1", data={"preview": "1", "journey_preview": "1", "staff": "x"})
    assert sent.location.endswith("/complaint/sent")
    assert count(app, "complaints") == 1  # a real complaint, as for anyone
    assert count(app, "previews", preview=True) == 0


def test_a_preview_id_without_its_staff_session_opens_nothing(app):
    """A cookie holding a preview id, but with another (or no) staff session: no preview, the id dropped."""
    staff = start_preview(sign_in(app.test_client()))
    staff.post("/complaint/child-in-danger", data={"danger": "no"})
    other = sign_in(app.test_client())  # a second staff member: their own session, not this preview's
    with other.session_transaction() as s, staff.session_transaction() as theirs:
        s["preview"] = theirs["preview"]
        s["draft"] = theirs["draft"]
    page = other.get("/complaint/new-or-reply")
    assert not banner(page)
    with other.session_transaction() as s:
        assert "preview" not in s and "draft" not in s
    # The preview that id named is ended, and its answers deleted, rather than opened in another browser.
    assert count(app, "drafts", preview=True) == 0


def test_a_cookie_replayed_after_sign_out_is_not_a_preview_and_finds_nothing(app):
    staff = start_preview(sign_in(app.test_client()))
    staff.post("/complaint/child-in-danger", data={"danger": "no"})
    staff.post("/complaint/new-or-reply", data={"kind": "new"})
    staff.post("/complaint/who-are-you", data={"who": "parent"})
    copied = staff.get_cookie(COOKIE).value
    assert count(app, "drafts", preview=True) == 1
    staff.post("/staff/sign-out")
    assert count(app, "drafts", preview=True) == 0  # signing out deleted the preview's answers
    assert count(app, "previews", preview=True) == 0

    replay = app.test_client()
    replay.set_cookie(COOKIE, copied)
    page = replay.get("/complaint/what-is-it-about")
    assert page.status_code == 302  # not the preview's page: the answers are gone, the journey starts again
    follow = replay.get("/complaint/", follow_redirects=True)
    assert not banner(follow)
    assert replay.get("/staff/").location.endswith("/staff/sign-in")
    # Carrying on with that cookie is an ordinary citizen's journey: a real complaint, no preview.
    answer_until_check(replay)
    assert not banner(replay.get("/complaint/check"))
    replay.post("/complaint/send")
    assert count(app, "complaints") == 1


def test_stopping_the_preview_deletes_it_and_the_journey_is_a_citizens_again(app):
    client = start_preview(sign_in(app.test_client()))
    client.post("/complaint/child-in-danger", data={"danger": "no"})
    assert count(app, "drafts", preview=True) == 1
    stopped = client.post("/staff/preview/stop")
    assert stopped.location.endswith("/staff/preview")
    assert count(app, "drafts", preview=True) == 0 and count(app, "previews", preview=True) == 0
    assert not banner(client.get("/complaint/child-in-danger"))


def test_old_previews_and_their_drafts_are_cleaned_up(make_app):
    clock = {"now": 1_800_000_000.0}
    app = make_app(WTF_CSRF_ENABLED=False, JOURNEY_CLOCK=lambda: clock["now"])
    left = start_preview(sign_in(app.test_client()))
    left.post("/complaint/child-in-danger", data={"danger": "no"})  # then the browser is closed
    assert count(app, "drafts", preview=True) == 1
    clock["now"] += journey_preview.PREVIEW_SECONDS + 60
    start_preview(sign_in(app.test_client()))  # someone else starts one the next day
    assert count(app, "drafts", preview=True) == 0
    assert count(app, "previews", preview=True) == 1


def test_a_preview_weakens_nothing_a_citizen_relies_on(app):
    citizen = app.test_client()
    staff = start_preview(sign_in(app.test_client()))
    for client in (citizen, staff):
        client.post("/complaint/child-in-danger", data={"danger": "no"})
    theirs = citizen.get("/complaint/new-or-reply")
    ours = staff.get("/complaint/new-or-reply")
    assert banner(ours) and not banner(theirs)

    def policy(response):
        return re.sub(r"'nonce-[^']+'", "'nonce'", response.headers["Content-Security-Policy"])

    assert policy(ours) == policy(theirs)
    for name in ("Cache-Control", "X-Frame-Options", "Referrer-Policy", "X-Content-Type-Options"):
        assert ours.headers[name] == theirs.headers[name], name
    assert "no-store" in ours.headers["Cache-Control"]
    # The banner adds no script and no inline style.
    html = ours.get_data(as_text=True)
    section = html[html.index('id="preview-banner"'): html.index("</section>", html.index('id="preview-banner"'))]
    assert "<script" not in section and "style=" not in section
    # Exit this page works as for anyone: the preview's answers and the whole session go.
    assert 'href="/leave"' in html
    copied = staff.get_cookie(COOKIE).value
    left = staff.get("/leave", headers={"Sec-Fetch-Site": "same-origin"})
    assert left.status_code == 303 and "Clear-Site-Data" in left.headers
    assert count(app, "drafts", preview=True) == 0
    assert staff.get("/staff/").location.endswith("/staff/sign-in")
    # The staff sign-in ended on the server too: a copy of the cookie taken before Exit opens nothing.
    replay = app.test_client()
    replay.set_cookie(COOKIE, copied)
    assert replay.get("/staff/").location.endswith("/staff/sign-in")
    assert not banner(replay.get("/complaint/child-in-danger"))


@pytest.mark.parametrize("exit_slug, answers", [
    ("school-complaint", [("child-in-danger", {"danger": "no"}), ("new-or-reply", {"kind": "new"}),
                          ("who-are-you", {"who": "parent"}),
                          ("what-is-it-about", {"about": "school"})]),
    ("get-help-now", [("child-in-danger", {"danger": "yes"})]),
])
def test_citizens_exits_are_counted_once_and_previews_not_at_all(app, exit_slug, answers):
    def walk(client):
        for slug, data in answers:
            response = client.post(f"/complaint/{slug}", data=data)
        assert slug_of(response.location) == exit_slug
        client.get(response.location)
        client.get(response.location)  # a refresh is the same page shown, not another exit

    walk(app.test_client())
    walk(start_preview(sign_in(app.test_client())))
    found = rows(app, "SELECT stage, measure, value, count FROM annual_figures")
    exit_id = {"school-complaint": "school", "get-help-now": "emergency"}[exit_slug]
    assert found == [("", "exit", exit_id, 1)]


def test_the_preview_check_leaves_the_council_stylesheet_cacheable(app):
    """A browser in a preview sends its session cookie with every request; the council's stylesheet must still
    not vary by it (the preview hook does not look at the session for it), nor must a page without a cookie."""
    client = start_preview(sign_in(app.test_client()))
    page = client.get("/complaint/child-in-danger")
    assert banner(page)
    css = re.search(r'href="(/council\.[0-9a-f]+\.css)"', page.get_data(as_text=True)).group(1)
    response = client.get(css)
    assert response.status_code == 200 and "Cookie" not in response.headers.get("Vary", "")
    assert banner(client.get("/"))  # the start page of a preview still shows the banner
    stranger = app.test_client().get(css)
    assert stranger.status_code == 200 and "Cookie" not in stranger.headers.get("Vary", "")
