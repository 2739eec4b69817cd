"""The record built at Send, as the people it is sent to read it: a complaint walked through the web app and
received by a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.delivery_fixtures import complaint_schema, schema_errors
from tests.journey_answers import PARENT, answer_until_check, date_parts

BORN = date(2011, 10, 20)
# A young person complaining for themselves, who gave their date of birth and wants an advocate.
CHILD = {
    **PARENT,
    "who-are-you": {"who": "child"},
    "feeling-safe": {"feels_safe": "yes"},
    "advocate": {"advocacy": "yes"},
    "your-name": {"name": "Jade"},
    "about-you": {"child_age": "", "child_dob": date_parts(BORN), "surname": "Smith", "social_worker": "Ann",
                  "where": "Hill School"},
}


@pytest.fixture
def web(make_app, smtp_server):
    return make_app(WTF_CSRF_ENABLED=False, SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port,
                    SMTP_TIMEOUT=5, OUTBOX_SEND_IN_THREAD=False)


def send(client, answers) -> None:
    answer_until_check(client, answers)
    assert client.post("/complaint/send").status_code in (302, 303)
    page = client.get("/complaint/sent")
    assert page.status_code == 200
    page.close()  # the sender runs once the page has gone


def test_the_advocacy_service_reads_the_young_persons_details_in_order_with_a_readable_birth_date(web, smtp_server):
    send(web.test_client(), CHILD)
    mail = {m["X-Complaint-Message"]: m for m in smtp_server.messages}
    assert set(mail) == {"council", "complainant", "advocacy"}
    text = mail["advocacy"].get_body(("plain",)).get_content()
    html = mail["advocacy"].get_body(("html",)).get_content()
    for body in (text, html):
        details = body[body.index("Name: Jade Smith"):]
        order = ["Name: Jade Smith", "Age: ", "Date of birth: 20 October 2011", "Last name: Smith",
                 "Social worker or personal adviser: Ann", "Where they live, or their school or college: Hill School"]
        positions = [details.index(item) for item in order]
        assert positions == sorted(positions), body
        assert "2011-10-20" not in body
    # The case system still gets the date in the documented form.
    attachment = next(mail["council"].iter_attachments())
    data = json.loads(attachment.get_content())
    assert data["answers"]["child"]["date_of_birth"] == "2011-10-20"
    assert schema_errors(data, complaint_schema()) == []


def test_the_contact_details_read_in_the_order_they_were_asked(web, smtp_server):
    # With a phone too, so "Can we leave a message?" is asked (only with a phone: fresh-eyes Y1, session 6).
    send(web.test_client(), {**CHILD, "contact-details": {**CHILD["contact-details"], "phone": "07700 900 123"}})
    text = next(m for m in smtp_server.messages if m["X-Complaint-Message"] == "advocacy").get_body(
        ("plain",)).get_content()
    contact = text[text.index("HOW TO GET IN TOUCH"):]
    order = ["Name: Jade", "Email: pat@example.com", "Best way to contact: Email", "Safe to contact that way: Yes",
             "Can leave a message: Yes", "Language the form was filled in"]
    positions = [contact.index(item) for item in order]
    assert positions == sorted(positions), contact
    # The language as a word, not its code (a fresh-eyes walk, session 6, read "Language ...: cy").
    assert "Language the form was filled in: English\r\n" in contact
