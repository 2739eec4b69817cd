"""Taking a complaint further, held against the people who use it (issue 12, the fresh-eyes walk's findings):
what a person who gave only a phone is promised, what the council reads first, and the small things.
"""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

from journey_answers import TODAY, answer_until_check, date_parts, text_of
from test_escalation_attacks import STAGE2, records

LATE = {**STAGE2, "date-of-the-reply": {"reply_date": date_parts(TODAY - timedelta(days=90))}}
# Someone who gave only a phone and said "text me first": no letter, no email.
PHONE_ONLY = {
    **LATE,
    "contact-details": {
        "email": "", "phone": "07700 900123", "address_line_1": "", "address_line_2": "",
        "address_town": "", "address_postcode": "",
    },
    "how-to-contact-you": {"preferred": "phone"},
    "contacting-you-safely": {"safe": "no", "leave_message": "no", "safe_way": "Text me first"},
}


def _mails(app) -> list:
    return [message_from_bytes(p.read_bytes(), policy=policy.default)
            for p in (Path(app.config["DATA_DIR"]) / "mail").rglob("*.eml")]


def _plain(message) -> str:
    return " ".join(p.get_content() for p in message.walk()
                    if p.get_content_maintype() == "text" and p.get_content_subtype() == "plain")


def test_a_person_who_gave_only_a_phone_is_not_promised_a_letter(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    client = app.test_client()
    answer_until_check(client, PHONE_ONLY)
    check = text_of(client.get("/complaint/check"))
    sent = client.post("/complaint/send")
    page = client.get(sent.location)
    confirmation = text_of(page)
    page.close()
    assert "You are asking later than usual." in check
    assert "It will contact you in the way you told us is safe, to tell you." in check
    assert "We will contact you in the way you told us is safe, to tell you what we decide." in confirmation
    for shown in (check, confirmation):
        assert "will write to tell you" not in shown and "We will write" not in shown
    assert records(app)[-1]["record"]["answers"]["contact"]["preferred"] == "phone"


def test_a_person_who_chose_email_is_told_we_will_write(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    client = app.test_client()
    answer_until_check(client, LATE)
    check = text_of(client.get("/complaint/check"))
    sent = client.post("/complaint/send")
    page = client.get(sent.location)
    confirmation = text_of(page)
    page.close()
    assert "It will write to tell you." in check
    assert "We will write to tell you what we decide." in confirmation
    [mine] = [m for m in _mails(app) if "lee@example.com" in str(m["To"])]
    assert "We will write to tell you what we decide." in " ".join(_plain(mine).split())


def test_the_council_reads_danger_and_safe_contact_before_the_request_and_its_flags(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    client = app.test_client()
    answers = {**PHONE_ONLY, "child-in-danger": {"danger": "yes"}, "advocate-for-the-child": {"advocacy": "yes"}}
    answer_until_check(client, {**answers, "danger-now": {"carry_on": "yes"}})
    sent = client.post("/complaint/send")
    client.get(sent.location).close()  # the emails are sent once the page has gone
    reference = records(app)[-1]["reference"]
    [council] = [m for m in _mails(app) if reference in str(m["Subject"]) and "lee@" not in str(m["To"])
                 and "advoca" not in str(m["To"])]
    text = _plain(council)
    needs = text[text.index("NEEDS ACTION"):text.index("TAKING A COMPLAINT FURTHER")]
    ids = [line.rsplit("(", 1)[1].rstrip(")") for line in needs.splitlines() if line.startswith("- ")]
    assert ids[0] == "danger_reported", ids
    contact = [i for i in ids if i.startswith("contact.")]
    assert contact and ids[1:1 + len(contact)] == contact, ids
    further = [i for i in ids if i.startswith("escalation.")]
    assert "escalation.late" in further
    assert ids.index(further[0]) > ids.index(contact[-1])
    flags = [i for i in ids if not i.startswith(("danger", "contact.", "child.", "escalation."))]
    assert flags, ids  # an advocate asked for: a routing flag to order
    assert all(ids.index(f) > ids.index(further[-1]) for f in flags), ids
