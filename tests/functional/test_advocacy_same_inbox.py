"""When the advocacy inbox is the complaints inbox (Kingston: both crm.complaints@), the caseworker gets two emails
about one complaint (issue 12, session 7; fresh-eyes walk E, finding E3). The advocacy email's subject says plainly
that it is an advocacy request, and its body does not send its reader to "the complaints team", themselves: it
points to the complaint email with the same reference. With a separate advocacy inbox nothing changes. Sent through
a real SMTP server (aiosmtpd).
"""

from __future__ import annotations

from tests.functional.test_child_words import KAI_THROUGH_TRUSTED
from tests.journey_answers import PARENT, answer_until_check

KINGSTON_INBOX = "crm.complaints@kingston.gov.uk"
ASKS_AN_ADVOCATE = {**PARENT, "advocate-for-the-child": {"advocacy": "yes"}}


def _send(make_app, smtp_server, answers, **settings):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False, SMTP_HOST=smtp_server.host,
                   SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5, **settings)
    client = app.test_client()
    answer_until_check(client, answers)
    sent = client.post("/complaint/send")
    client.get(sent.location).close()  # the emails go once the page has gone
    return {str(m["X-Complaint-Message"]): m for m in smtp_server.messages}, smtp_server.envelopes


def _text(message) -> str:
    return " ".join(message.get_body(("plain",)).get_content().split())


def _html(message) -> str:
    return message.get_body(("html",)).get_content()


def test_in_kingston_the_advocacy_email_says_it_is_an_advocacy_request_and_points_to_the_complaint_email(
    make_app, smtp_server
):
    mails, envelopes = _send(make_app, smtp_server, ASKS_AN_ADVOCATE, COUNCIL="kingston")
    council, advocacy = mails["council"], mails["advocacy"]
    # Both reach the one inbox: that is why the two must not look alike.
    assert [e.rcpt_tos for e in envelopes if e.content and b"Advocacy request" in e.content] == [[KINGSTON_INBOX]]
    assert council["To"].addresses[0].addr_spec == advocacy["To"].addresses[0].addr_spec == KINGSTON_INBOX
    reference = council["Subject"].split("Complaint ", 1)[1].split(":")[0]
    assert advocacy["Subject"] == f"[Advocate requested] Advocacy request for complaint {reference}: A child in care"
    assert "Advocacy request" not in council["Subject"]
    text = _text(advocacy)
    assert (f"This inbox gets the complaints too, so you also have the complaint email with the same reference, "
            f"{reference}. This is not a second complaint: the complaint itself is in that email.") in text
    assert "ask them, quoting the reference" not in text and "ask the complaints team" not in text
    assert "This inbox gets the complaints too" in _html(advocacy)
    assert "ask them, quoting the reference" not in _html(advocacy)


def test_with_its_own_advocacy_inbox_the_advocacy_email_is_as_before(make_app, smtp_server):
    mails, envelopes = _send(make_app, smtp_server, ASKS_AN_ADVOCATE, ADVOCACY_INBOX="advocacy@example.org")
    advocacy = mails["advocacy"]
    assert advocacy["To"].addresses[0].addr_spec == "advocacy@example.org"
    assert advocacy["Subject"].startswith("[Advocate requested] Complaint ")
    assert "Advocacy request for" not in advocacy["Subject"]
    text = _text(advocacy)
    assert "The complaint itself has gone to the council's complaints team: ask them, quoting the reference" in text
    assert "This inbox gets the complaints too" not in text


def test_the_same_address_written_differently_is_the_same_inbox(make_app, smtp_server):
    mails, _ = _send(make_app, smtp_server, ASKS_AN_ADVOCATE, COUNCIL="kingston",
                     ADVOCACY_INBOX="CRM.Complaints@Kingston.gov.uk")
    assert "Advocacy request for complaint" in mails["advocacy"]["Subject"]


def test_a_child_reached_through_someone_else_the_advocacy_email_points_to_the_complaint_emails_checks(
    make_app, smtp_server
):
    mails, _ = _send(make_app, smtp_server, KAI_THROUGH_TRUSTED, COUNCIL="kingston")
    text = _text(mails["advocacy"])
    assert ("Do not contact anyone to reach them until you have read the complaint email with the same reference: "
            "its NEEDS ACTION says how to reach them and what to check first.") in text
    assert "ask the complaints team first" not in text
    assert "Sam Okafor" not in text and "01632 960 123" not in text  # still no way in handed over (walk F, F1)


def test_elsewhere_the_child_reached_through_someone_else_keeps_asking_the_complaints_team(make_app, smtp_server):
    mails, _ = _send(make_app, smtp_server, KAI_THROUGH_TRUSTED, ADVOCACY_INBOX="advocacy@example.org")
    text = _text(mails["advocacy"])
    assert "ask the complaints team first, quoting the reference" in text


def test_a_request_to_take_a_complaint_further_says_so_in_the_advocacy_subject(make_app, smtp_server):
    from tests.functional.test_escalation_attacks import STAGE2

    request = {**STAGE2, "advocate-for-the-child": {"advocacy": "yes"},
               "straight-to-the-ombudsman": {"early_referral": "no"}}
    mails, _ = _send(make_app, smtp_server, request, COUNCIL="kingston")
    council, advocacy = mails["council"], mails["advocacy"]
    reference = council["Subject"].split("Request ", 1)[1].split(" ")[0]
    assert advocacy["Subject"] == ("[Escalation] [Stage 2 request] [Advocate requested] Advocacy request for "
                                   f"escalation {reference}: A child in care")
    assert "Advocacy request" not in council["Subject"]
    assert f"the complaint email with the same reference, {reference}" in _text(advocacy)
