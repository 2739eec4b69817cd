"""Attacking the path for taking a complaint further: someone else's reference, hostile and multipart input to
/complaint/next-stage and every escalation page, a missing form token, use slower than the draft's time limit, and
the mail server down at Send.

The rule for a reference: anyone who has seen one (a letter left out, a forwarded email, a shared screen) can type
it. So the journey may say a reference is one of ours, and nothing else about that complaint: not its procedure,
not its day, nothing of its content, on any page, in any email the person gets or in their confirmation. What we
know goes only to the council, with the request.
"""

from __future__ import annotations

import re
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tests.journey_answers import PARENT, TODAY, answer_until_check, asking_further, date_parts, slug_of, text_of
from wizard import db
from wizard.delivery import load_complaint

STAGE2 = {
    **PARENT,
    **asking_further("CSC/2026-0412", "The visits did not restart.", "Restart the visits.",
                     # Asked only of someone still waiting for a late reply (session 9, walks J and M: J2/M5).
                     which_reply_is_late={"awaited": "stage1"},
                     when_did_you_send_it={"awaited_since": date_parts(TODAY - timedelta(days=30))},
                     asking_later={"escalation_late_reason": "I was in hospital."}),
    "your-name": {"name": "Lee Other"},
    "about-the-child": {"child_name": "Jo Other", "child_age": "9", "child_dob": ["", "", ""]},
    "contact-details": {
        "email": "lee@example.com", "phone": "", "address_line_1": "", "address_line_2": "",
        "address_town": "", "address_postcode": "",
    },
}
# Someone else's complaint: a parent about education (the council's own procedure), with things only they know.
EDUCATION = {
    **PARENT,
    "what-is-it-about": {"about": "education"},
    "your-complaint": {"what_happened": "SECRET-WHAT-HAPPENED", "who_involved": "", "put_right": "Say sorry."},
    "your-name": {"name": "Secret Parent"},
    "about-the-child": {"child_name": "Secret Child", "child_age": "9", "child_dob": ["", "", ""]},
}
SECRET_CHILD_CARE = {**PARENT, "your-name": {"name": "Secret Parent"},
                     "about-the-child": {"child_name": "Secret Child", "child_age": "9", "child_dob": ["", "", ""]}}


def records(app) -> list[dict]:
    conn = db.connect(app.config)
    try:
        rows = conn.execute("SELECT reference FROM complaints ORDER BY created_at").fetchall()
        # The stored record in its JSON form (docs/complaint-schema.json), as case systems read it.
        return [{**found, "record": found["record"].to_json()} for r in rows if (found := load_complaint(conn, r[0]))]
    finally:
        conn.close()


def send_new(app, answers) -> str:
    client = app.test_client()
    answer_until_check(client, answers)
    client.post("/complaint/send")
    return records(app)[-1]["reference"]


def go_to(client, answers, target: str, start: str = "/complaint/") -> str:
    """Answer each page until ``target``; returns its URL (fails if the path never gets there)."""
    response = client.get(start)
    seen = []
    for _ in range(50):
        assert response.status_code in (302, 303), f"{response.status_code} after {seen}"
        slug = slug_of(response.location)
        if slug == target:
            return response.location
        assert slug != "check", f"never reached {target}: {seen}"
        seen.append(slug)
        client.get(response.location)
        response = client.post(response.location, data=answers.get(slug, {"carry_on": "yes"}))
    raise AssertionError(seen)


def scrub(html: str) -> str:
    """A page without what differs from one request to the next (form tokens, nonces, the time answers go)."""
    html = re.sub(r'name="csrf_token"[^>]*value="[^"]*"', "", html)
    html = re.sub(r'value="[^"]*"([^>]*name="csrf_token")', r"\1", html)
    html = re.sub(r'nonce="[^"]*"', "", html)
    html = re.sub(r"\d{1,2}:\d{2}\s*[ap]m", "TIME", html)
    return re.sub(r'data-expires-in="\d+"', "", html)


def procedure_page(app, reference: str) -> str:
    client = app.test_client()
    answers = {**STAGE2, "earlier-complaint": {"earlier_reference": reference}}
    url = go_to(client, answers, "which-procedure")
    return client.get(url).get_data(as_text=True)


def test_someone_elses_reference_shows_nothing_of_it(app):
    statutory = send_new(app, SECRET_CHILD_CARE)
    corporate = send_new(app, EDUCATION)
    assert records(app)[0]["record"]["decision"]["procedure"] == "statutory"
    assert records(app)[1]["record"]["decision"]["procedure"] == "corporate"
    pages = {ref: procedure_page(app, ref) for ref in (statutory, corporate)}
    for html in pages.values():
        # Not even that it is ours (an oracle for guessed references): the words of any reference.
        assert "one this service made" not in html
        assert "checked" not in html  # nothing chosen for them from what we recorded
    # The page for a statutory complaint's reference and for a corporate one's are the same page.
    assert scrub(pages[statutory]) == scrub(pages[corporate].replace(corporate, statutory))
    # And the same as for a reference that is not ours.
    assert scrub(pages[statutory]) == scrub(procedure_page(app, "EX-99999999").replace("EX-99999999", statutory))


def test_a_request_quoting_someone_elses_reference_gives_the_requester_nothing_of_theirs(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    theirs = send_new(app, EDUCATION)
    client = app.test_client()
    # The requester says "the children's procedure"; the earlier complaint was in the council's own.
    answers = {**STAGE2, "earlier-complaint": {"earlier_reference": theirs.lower()}}
    answer_until_check(client, answers)
    check = client.get("/complaint/check").get_data(as_text=True)
    sent = client.post("/complaint/send")
    page = client.get(sent.location)
    confirmation = page.get_data(as_text=True)
    page.close()  # what a server does once the page has gone: the emails are sent
    mine = records(app)[-1]
    # The council is told both, to check.
    esc = mine["record"]["escalation"]
    assert esc["linked"] is True and esc["earlier"]["procedure"] == "corporate"
    assert esc["stated_procedure"] == "statutory"
    # The person who typed the reference is told nothing about it (not even that it is linked).
    mail_dir = Path(app.config["DATA_DIR"]) / "mail"
    to_requester = []
    for path in mail_dir.rglob("*.eml"):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        if "lee@example.com" in str(message["To"]):
            to_requester.append(" ".join(p.get_content() for p in message.walk()
                                         if p.get_content_maintype() == "text"))
    assert to_requester, "the requester's copy was not written"
    for shown in (check, confirmation, *to_requester):
        for secret in ("SECRET-WHAT-HAPPENED", "Secret Parent", "Secret Child", "education", "Education"):
            assert secret not in shown
        assert "own complaints procedure" not in shown.replace("The council&#39;s own complaints procedure", "")
        assert "linked" not in shown


@pytest.mark.parametrize(
    "reference",
    [
        "EX-" + "7" * 5000,
        "EX-2345\x00\x1b[31m6789",
        "EX-\u202e98765432",
        "\u2067EX-23456789\u2069",
        "javascript:alert(1)",
        "../../etc/passwd",
    ],
)
def test_the_next_stage_link_echoes_no_hostile_reference(client, reference):
    page = client.get("/complaint/next-stage", query_string={"reference": reference})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert reference not in html and "\u202e" not in html and "\x1b" not in html
    assert 'name="reference" type="hidden" value=""' in html or 'value=""' in html


def test_the_next_stage_post_with_a_list_a_file_or_junk_never_fails(client):
    for data in (
        {"reference": ["EX-23456789", "EX-34567892"]},
        {"reference": "x" * 100_000},
        {"reference": "EX-2345\u202e6789"},
    ):
        response = client.post("/complaint/next-stage", data=data)
        assert response.status_code in (200, 303), data
        client.get("/complaint/delete")
        client.post("/complaint/delete")
    import io

    response = client.post("/complaint/next-stage", data={"reference": (io.BytesIO(b"EX-23456789"), "r.txt")},
                           content_type="multipart/form-data")
    assert response.status_code in (200, 303, 400)


def test_next_stage_without_its_form_token_makes_no_draft(make_app):
    app = make_app()  # CSRF on
    client = app.test_client()
    response = client.post("/complaint/next-stage", data={"reference": "EX-23456789"})
    assert response.status_code == 200
    assert "This page timed out. Select Start now again." in text_of(response)
    conn = db.connect(app.config)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "drafts" not in tables or conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("EX-" + "2" * 60, "40 characters or fewer"),
        ("EX-2345\x00678", None),  # control and invisible characters are taken out, the rest kept
        ("EX-2345\u202e678", None),
        ("<b>CSC</b>/1", "only letters, numbers, spaces"),
    ],
)
def test_a_hostile_earlier_reference_is_refused_or_cleaned_and_the_page_keeps_it(client, typed, error):
    url = go_to(client, STAGE2, "earlier-complaint")
    response = client.post(url, data={"earlier_reference": typed})
    if error is None:
        assert slug_of(response.location) == "which-procedure"
        assert 'value="EX-2345678"' in client.get(url).get_data(as_text=True)
        return
    assert slug_of(response.location) == "earlier-complaint"
    page = client.get(url)
    assert error in text_of(page)
    assert page.status_code == 200


def test_an_invisible_character_in_the_reference_does_not_hide_our_reference(app):
    theirs = send_new(app, EDUCATION)
    hidden = theirs[:4] + "\u200b" + theirs[4:]
    client = app.test_client()
    answer_until_check(client, {**STAGE2, "earlier-complaint": {"earlier_reference": hidden}})
    client.post("/complaint/send")
    esc = records(app)[-1]["record"]["escalation"]
    assert esc["linked"] is True and esc["earlier"]["reference"] == theirs


def test_long_and_control_character_answers_on_every_escalation_page_never_fail(client):
    nasty = "\x00\x07\u202e\u2066 " + "x" * 30_000
    for slug, fields in (
        ("earlier-complaint", ["earlier_reference"]),
        ("which-procedure", ["earlier_procedure"]),
        ("which-reply", ["reply_stage"]),
        ("date-of-the-reply", ["reply_date"]),
        ("still-unhappy", ["still_unhappy", "wanted"]),
    ):
        url = go_to(client, STAGE2, slug)
        response = client.post(url, data={f: [nasty, nasty] for f in fields})
        assert response.status_code in (302, 303), slug
        assert slug_of(response.location) == slug, f"{slug} took a hostile answer"
        page = client.get(url)
        assert page.status_code == 200 and "govuk-error-summary" in page.get_data(as_text=True), slug
        client.post("/complaint/delete")


def test_a_late_reason_with_control_characters_is_kept_without_them(app, client):
    late = {**STAGE2, "date-of-the-reply": {"reply_date": date_parts(TODAY - timedelta(days=120))},
            "asking-later": {"escalation_late_reason": "I was\u202e in\x00 hospital.\u200b"}}
    answer_until_check(client, late)
    client.post("/complaint/send")
    reason = records(app)[-1]["record"]["escalation"]["late_reason"]
    assert "hospital" in reason and "\u202e" not in reason and "\x00" not in reason and "\u200b" not in reason


def test_slow_use_past_the_time_limit_loses_nothing_sent_and_says_what_happened(make_app):
    clock = {"now": 1_800_000_000.0}
    app = make_app(WTF_CSRF_ENABLED=False, DRAFT_TIMEOUT_MINUTES=30, JOURNEY_CLOCK=lambda: clock["now"])
    client = app.test_client()
    url = go_to(client, STAGE2, "still-unhappy")
    clock["now"] += 31 * 60
    response = client.post(url, data=STAGE2["still-unhappy"])
    # Said at once, in the answer to that POST (which shows back what the page carried, to copy: see
    # tests/functional/test_coming_back_late.py); the "deleted" page says the same on the next view.
    assert response.status_code == 200 and "Your answers have been deleted" in text_of(response)
    assert "30 minutes" in text_of(response)
    page = client.get("/complaint/expired")
    assert "30 minutes" in text_of(page)
    # Starting again from the reply's link goes back to the first question of taking it further.
    client.post("/complaint/next-stage", data={"reference": "EX-23456789"})
    again = client.get("/complaint/")
    assert slug_of(again.location) in ("child-in-danger", "who-are-you")
    assert records(app) == []


def test_with_the_mail_server_down_at_send_the_request_is_kept_and_sent_later(make_app, smtp_server):
    app = make_app(WTF_CSRF_ENABLED=False, SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port,
                   SMTP_TIMEOUT=5, OUTBOX_SEND_IN_THREAD=False)
    smtp_server.stop()
    client = app.test_client()
    answer_until_check(client, STAGE2)
    sent = client.post("/complaint/send")
    assert slug_of(sent.location) == "sent"
    page = client.get(sent.location)
    assert page.status_code == 200
    assert "Request sent" in text_of(page)
    page.close()
    [stored] = records(app)
    assert stored["record"]["kind"] == "escalation"
    conn = db.connect(app.config)
    try:
        waiting = conn.execute("SELECT count(*) FROM outbox WHERE state != 'sent'").fetchone()[0]
    finally:
        conn.close()
    assert waiting >= 1
    # When the server is back, the outbox sends it, marked as a request to take a complaint further.
    smtp_server.start()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["outbox", "send"])
    assert result.exit_code == 0, result.output
    subjects = [m["Subject"] for m in smtp_server.messages]
    assert any(stored["reference"] in s for s in subjects)


@pytest.mark.parametrize(
    ("stored_utc", "uk_day"),
    [
        ("2026-06-30T23:30:00.000000Z", "2026-07-01"),  # 00:30 BST on 1 July
        ("2026-06-30T22:59:59.000000Z", "2026-06-30"),  # 23:59 BST on 30 June
        ("2026-12-31T23:30:00.000000Z", "2026-12-31"),  # GMT: the UTC day is the UK day
        ("2026-03-29T00:30:00.000000Z", "2026-03-29"),  # the night the clocks go forward (01:00 GMT -> BST)
        ("2026-10-24T23:30:00.000000Z", "2026-10-25"),  # the night they go back: 00:30 BST on 25 October
    ],
)
def test_the_day_our_reference_was_made_is_the_uk_day(app, stored_utc, uk_day):
    from wizard.delivery.store import find_reference

    reference = send_new(app, EDUCATION)
    conn = db.connect(app.config)
    try:
        with db.transaction(conn):
            conn.execute("UPDATE complaints SET created_at = ? WHERE reference = ?", (stored_utc, reference))
        assert find_reference(conn, reference)["submitted"] == uk_day
    finally:
        conn.close()
