"""Waiting on a request to take a complaint further (issue 12, session 7; fresh-eyes walk F, finding F5).

Jordan, 19, a care leaver reached through her personal adviser, asks late for a review panel. Every date of the
panel holds only if the council agrees, and no council publishes how long that decision takes (domain.md, the
seeds), so she is told the day we tell her we have her request, and to call the council's number if she has heard
nothing by then. "We acknowledge your request" (jargon) is gone from every page, email and calendar.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.functional.test_child_words import DEE, FURTHER, NO_WAY, answers
from tests.functional.test_escalation_people import LATE
from tests.journey_answers import (
    TODAY,
    check_and_send,
    date_parts,
    plain_text,
    sent_mail,
)
from wizard.delivery.messages import long_date
from wizard.domain.workdays import working_days

JORDAN = answers(
    answers(DEE, **{k.replace("-", "_"): v for k, v in FURTHER.items()}),
    your_name={"name": "Jordan"},
    about_you={"child_age": "19", "child_dob": ["", "", ""], "surname": "Reed", "social_worker": "", "where": ""},
    which_reply={"reply_stage": "stage2"},
    date_of_the_reply={"reply_date": date_parts(TODAY - timedelta(days=62))},
    asking_later={"escalation_late_reason": ""},
    contact_details=NO_WAY,
    reaching_you={"through": "trusted"},
    someone_you_trust={"trusted_role": "personal_adviser", "trusted_name": "Sam Okafor",
                       "trusted_phone": "01632 960 123", "trusted_email": "", "trusted_about": "no"},
)
# Jordan again, with an email address of her own: the email she gets says the same.
JORDAN_EMAIL = answers(
    JORDAN,
    contact_details={**NO_WAY, "email": "jordan@example.com"},
    contacting_you_safely={"safe": "yes", "safe_way": "", "leave_message": ""},
)
JORDAN_NO_WAY = answers(JORDAN, reaching_you={"through": "nobody"})


@pytest.fixture
def app(make_app):
    return make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)


def _send(app, route, welsh=False):
    client = app.test_client()
    check, confirmation = check_and_send(client, route, welsh)
    confirmation = confirmation.replace(" .", ".")  # a number's link, then its full stop
    calendar = client.get("/complaint/sent/calendar.ics")
    ics = calendar.get_data(as_text=True).replace("\r\n ", "") if calendar.status_code == 200 else ""
    return check, confirmation, sent_mail(app), ics


def _acknowledged(app) -> date:
    """The day the council tells the person it has a statutory request: its acknowledgement days after today."""
    council = app.extensions["council"]
    wd = working_days(council.holiday_region)
    days = council.procedures["statutory"].get("acknowledgement").working_days
    return wd.add(wd.received_on(TODAY), days)


def test_jordan_is_told_when_we_tell_her_we_have_it_and_when_to_call(app):
    council = app.extensions["council"]
    check, confirmation, mails, _ = _send(app, JORDAN)
    ack = long_date(_acknowledged(app), "en")
    assert (f"We will tell you we have your request by {ack}. If you have not heard from us by then, or you want "
            f"to know if we said yes, call {council.name} on {council.phone}. Tell them your reference "
            "number.") in confirmation
    # The first of her dates, in plain words: no "acknowledge", and no "if we say yes" on it.
    assert f"We tell you we have your request {ack}" in confirmation
    for shown in (check, confirmation):
        assert "acknowledge" not in shown.lower()
    # The panel's own dates still wait for the decision.
    assert "(if we say yes)" in confirmation
    # The council's copy keeps its own words ("Acknowledge the request by").
    [council_mail] = [m for m in mails if str(m["X-Complaint-Message"]) == "council"]
    assert "Acknowledge the request by:" in plain_text(council_mail)


def test_her_email_says_the_same_in_young_words(app):
    council = app.extensions["council"]
    _, _, mails, ics = _send(app, JORDAN_EMAIL)
    [mine] = [m for m in mails if "jordan@example.com" in str(m["To"])]
    text = plain_text(mine)
    ack = long_date(_acknowledged(app), "en")
    assert f"We will tell you we have your request by {ack}. If you have not heard from us by then" in text
    assert f"call {council.name} on {council.phone}" in text
    assert "acknowledge" not in text.lower()
    assert ics == ""  # a young person is offered no calendar file (someone else may see it)


def test_in_welsh_her_page_and_email_say_it_in_welsh(app):
    council = app.extensions["council"]
    welsh = app
    _, confirmation, mails, _ = _send(welsh, JORDAN_EMAIL, welsh=True)
    ack_cy = long_date(_acknowledged(welsh), "cy")
    expected = (f"Byddwn yn dweud wrthych fod eich cais gennym erbyn {ack_cy}. Os nad ydych wedi clywed gennym erbyn "
                f"hynny, neu os ydych chi eisiau gwybod a ydym wedi dweud ie, ffoniwch {council.name} ar "
                f"{council.phone}.")
    assert expected in confirmation
    [mine] = [m for m in mails if "jordan@example.com" in str(m["To"])]
    assert expected in plain_text(mine)
    assert "Rydym yn dweud wrthych fod eich cais gennym" in confirmation


def test_an_adult_late_request_is_told_when_to_call_in_adult_words(app):
    council = app.extensions["council"]
    check, confirmation, mails, ics = _send(app, LATE)
    ack = long_date(_acknowledged(app), "en")
    expected = (f"We will tell you we have your request by {ack}. If you have not heard from us by then, or you want "
                f"to know whether we have agreed, call {council.name} on {council.phone} and give your reference "
                "number.")
    assert expected in confirmation
    [mine] = [m for m in mails if "lee@example.com" in str(m["To"])]
    assert expected in plain_text(mine)
    assert f"We tell you we have your request {ack}" in confirmation
    assert "acknowledge" not in confirmation.lower() and "acknowledge" not in plain_text(mine).lower()
    shown = " ".join(line for line in ics.splitlines() if line.startswith(("SUMMARY", "DESCRIPTION")))
    assert "acknowledge" not in shown.lower() and "We tell you we have your request" in shown


def test_a_request_in_time_has_no_when_to_call_line(app):
    from tests.functional.test_escalation_attacks import STAGE2

    _, confirmation, _, _ = _send(app, STAGE2)
    assert "If you have not heard from us by then" not in confirmation
    assert "We tell you we have your request" in confirmation


def test_with_no_way_to_be_told_she_is_told_from_when_to_call(app):
    council = app.extensions["council"]
    _, confirmation, _, _ = _send(app, JORDAN_NO_WAY)
    ack = long_date(_acknowledged(app), "en")
    assert (f"You can call {council.name} on {council.phone} from {ack} to ask if we said yes.") in confirmation
    assert "If you have not heard from us by then" not in confirmation  # she cannot hear from us


def test_the_corporate_stage2_acknowledgement_reads_in_plain_words(app):
    corporate = {**LATE, "which-procedure": {"earlier_procedure": "corporate"}}
    _, confirmation, _, _ = _send(app, corporate)
    assert "We tell you we have your request for stage 2" in confirmation
    assert "acknowledge" not in confirmation.lower()
    assert "If you have not heard from us by then" in confirmation  # late: the when-to-call line, from that date
