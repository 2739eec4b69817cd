"""One way of saying each thing, on every page, email and calendar that says it (issue 12, session 7).

- E6 (walk E): the confirmation page and the calendar file count the days to ask for the next stage the same way,
  in the same words ("within N working days of the day you get our reply"); a new complaint's ask event says "if we
  look at it" when the council decides first; a young person's confirmation describes a review panel once.
- H13 (walk H): a late request's Check your answers shows the day we tell them we have it, as its sent page and
  email do, and its other dates "if we agree to look at your request", as the sent page does.
- M3 (walk H): "I'm not sure" of the procedure is not turned into a fact: the person is told it was worked out
  from their answers and that the council will check.
- L1 (walk H): two lines of the plain-text emails no longer run into each other.
"""

from __future__ import annotations

import re
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tests.functional.test_child_words import MIA
from tests.functional.test_escalation_attacks import STAGE2
from tests.functional.test_escalation_people import LATE
from tests.journey_answers import PARENT, TODAY, check_and_send, date_parts
from wizard.delivery.messages import long_date
from wizard.domain.workdays import working_days

ASK = "within 20 working days of the day you get our reply"


@pytest.fixture
def client(make_app):
    return make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False).test_client()


def _send(client, answers):
    return check_and_send(client, answers)


def _events(client) -> dict[str, str]:
    response = client.get("/complaint/sent/calendar.ics")
    assert response.status_code == 200
    unfolded = response.get_data(as_text=True).replace("\r\n ", "").replace("\\,", ",").replace("\\;", ";")
    return {re.search(r"UID:[^-]+-[^-]+-(\w+)@", e).group(1): e for e in unfolded.split("BEGIN:VEVENT")[1:]}


def _mails(client) -> dict[str, str]:
    found = {}
    for path in (Path(client.application.config["DATA_DIR"]) / "mail").rglob("*.eml"):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        found[str(message["X-Complaint-Message"])] = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    return found


def test_the_new_complaints_page_and_calendar_count_the_days_to_ask_in_the_same_words(client):
    _, confirmation = _send(client, PARENT)
    assert f"Ask {ASK}." in confirmation
    ask = _events(client)["stage2_ask"]
    assert f"ask for the next stage {ASK}" in ask
    assert "reaches you" not in ask and "after our reply" not in confirmation
    # The review panel, further down the same page: counted from the day the stage 2 letter reaches them too.
    assert "Ask within 20 working days of the day you get the stage 2 letter." in confirmation


def test_a_requests_calendar_counts_the_review_panel_window_in_the_same_words(client):
    _send(client, STAGE2)
    ask = _events(client)["review_panel_ask"]
    assert f"ask for a review panel {ASK}" in ask


def test_when_the_council_decides_first_the_ask_event_says_if_we_look_at_it(client):
    late = {**PARENT, "when-did-it-happen": {"happened": date_parts(TODAY - timedelta(days=500))},
            "why-now": {"late_reason": "I was ill."}}
    _send(client, late)
    ask = _events(client)["stage2_ask"]
    assert "SUMMARY:Reply due on complaint" in ask and ", if we look at it: if you are unhappy with it" in ask
    assert f"If we look at your complaint, our reply is due by this date. If you are unhappy with it, ask for the " \
           f"next stage {ASK}." in ask


def test_a_new_complaint_the_council_will_look_at_has_no_if_in_its_ask_event(client):
    _send(client, PARENT)
    ask = _events(client)["stage2_ask"]
    assert "if we look at it" not in ask.lower()


def test_a_young_persons_confirmation_describes_the_review_panel_once(client):
    _, confirmation = _send(client, MIA)
    assert confirmation.count("three people who do not work for the council") == 1
    assert "You asked for: A review panel." in confirmation


def test_a_late_requests_check_page_shows_the_day_we_tell_them_we_have_it_as_the_sent_page_does(client):
    check, confirmation = _send(client, LATE)
    council = client.application.extensions["council"]
    wd = working_days(council.holiday_region)
    ack = wd.add(wd.received_on(TODAY), council.procedures["statutory"].get("acknowledgement").working_days)
    assert re.search(rf"We tell you we have your request (\w+ )?{ack.day} {ack.strftime('%B %Y')}", check), check
    assert "We tell you we have your request (if" not in check
    assert "We reply at stage 2 (if we agree to look at your request)" in check
    assert "We reply at stage 2 (if we agree to look at your request)" in confirmation
    assert f"We tell you we have your request {long_date(ack)}" in confirmation


UNSURE = "You were not sure which complaints procedure your complaint is in, so we worked it out from your answers."


def test_not_sure_of_the_procedure_is_said_to_the_person_on_check_sent_and_email(client):
    check, confirmation = _send(client, {**STAGE2, "which-procedure": {"earlier_procedure": "unsure"}})
    for shown in (check, confirmation, " ".join(_mails(client)["complainant"].split())):
        assert UNSURE in shown
        assert "The council will check the earlier reply and tell you if the stages or dates are different." in shown


def test_a_procedure_the_person_named_has_no_such_sentence(client):
    check, confirmation = _send(client, STAGE2)
    assert UNSURE not in check and UNSURE not in confirmation


def test_a_young_person_not_sure_of_the_procedure_reads_it_in_young_words(client):
    check, confirmation = _send(client, {**MIA, "which-procedure": {"earlier_procedure": "unsure"}})
    young = ("You were not sure which kind of complaint it was, so we worked it out from your answers. The council "
             "will check, and tell you if the steps or dates are different.")
    assert young in check and young in confirmation


def test_the_plain_text_emails_keep_their_lines_apart(client):
    # A relative complaining for a 9-year-old: the council first decides their interest (corporate for now).
    relative = {**PARENT, "who-are-you": {"who": "relative"},
                "when-did-it-happen": {"happened": date_parts(TODAY - timedelta(days=500))},
                "why-now": {"late_reason": "I was ill."}}
    _send(client, relative)
    mails = _mails(client)
    council = mails["council"]
    assert re.search(r"^Procedure: .*\(corporate\)$", council, re.MULTILINE), council[:400]
    assert "\nCorporate for now: the council first decides" in council
    mine = mails["complainant"]
    assert ".- " not in mine
    assert re.search(r"what we decide\.\n- ", mine), mine
