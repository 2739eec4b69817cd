"""Issue 12, session 9: the defects walks J, L and M left (brief items 4: the smaller ones).

- Welsh: "gallwch ofyn am panel adolygu" (a placeholder cannot mutate): "gofyn am gael panel adolygu".
- M13: the expired sent page told anyone "If you sent a complaint, we have it".
- L8: "We have received your complaint", then "We will let you know we have your complaint by ...".
- A young person's (late) review panel email gave the day we tell them we have it twice.
- M9: "0 0 0" was told about the year first; the "meeting first" error named only yes.
- M11: a parent with a corporate complaint at the Ombudsman page was offered the council's advocacy.
- M12: the young earlier-complaint page promised a "birthday" question that never comes.
- L9: the staff scenario tester took a future "when it happened" with no flag.
"""

from __future__ import annotations

import pytest
from test_escalation_attacks import STAGE2, go_to
from test_escalation_late_reason import YOUNG
from test_escalation_people import LATE

from tests.conftest import TEST_STAFF_PASSWORD
from tests.journey_answers import (
    PARENT,
    answer_until_check,
    plain_text,
    send,
    sent_mail,
    text_of,
    to_welsh,
)

YOUNG_LATE_PANEL = {**LATE, **YOUNG, "which-reply": {"reply_stage": "stage2"}}
PANEL = {**STAGE2, "which-reply": {"reply_stage": "stage2"}}


@pytest.fixture
def app(make_app):
    return make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)


def _mine(app, address: str) -> str:
    [mine] = [m for m in sent_mail(app) if address in str(m["To"])]
    return plain_text(mine)


def test_in_welsh_a_stage_2_request_is_told_it_can_ask_for_a_review_panel_with_the_mutation(app):
    client = app.test_client()
    answer_until_check(client, STAGE2)
    to_welsh(client)
    page = send(client)
    mail = _mine(app, "lee@example.com")
    for shown in (page, mail):
        assert "am gael panel adolygu" in shown
        assert "am panel" not in shown


def test_the_expired_sent_page_does_not_tell_a_stranger_their_complaint_was_sent(client):
    page = text_of(client.get("/complaint/sent"))
    assert "We cannot show this page" in page
    assert "If you sent a complaint, we have it" not in page
    assert ("If you pressed Send and then saw a page with a reference number, we have your complaint.") in page
    assert ("If you did not see a reference number, we may not have your complaint. Call us to check, or make your "
            "complaint again.") in page


def test_a_new_complaint_says_once_that_we_have_it_and_what_the_acknowledgement_is(app):
    client = app.test_client()
    answer_until_check(client, PARENT)
    page = send(client)
    mail = _mine(app, "pat@example.com")
    for shown in (page, mail):
        assert "we will confirm that we are dealing with your complaint." in shown
        assert "We will let you know we have your complaint" not in shown
    young = app.test_client()
    answer_until_check(young, {**PARENT, **YOUNG, "advocate": {"advocacy": "no"}})
    assert "we will tell you we are dealing with your complaint." in send(young)


def test_a_young_persons_late_review_panel_email_gives_the_acknowledgement_day_once(app):
    client = app.test_client()
    answer_until_check(client, YOUNG_LATE_PANEL)
    page = send(client)
    mail = _mine(app, "jade@example.com")
    assert "We will tell you we have your request by" in mail
    assert "We tell you we have your request:" not in mail  # the list of dates no longer says it again
    assert "The latest day for the review panel meeting (if we say yes):" in mail
    # The page keeps its table of dates (the sentence, then the table: the first of her dates).
    assert "We tell you we have your request" in page


@pytest.mark.parametrize("typed, part", [(["0", "0", "0"], "day"), (["3", "0", "0"], "month"),
                                         (["3", "13", "26"], "month"), (["3", "11", "26"], "year")])
def test_a_date_says_what_is_wrong_with_its_first_wrong_part(app, typed, part):
    client = app.test_client()
    url = go_to(client, STAGE2, "date-of-the-reply")
    html = client.get(client.post(url, data={"reply_date": typed}).location).get_data(as_text=True)
    assert f'href="#reply_date-{part}"' in html
    if part != "year":
        assert "Date you got the reply must be a real date" in html and "Year must include 4 numbers" not in html
    else:
        assert "Year must include 4 numbers" in html


def test_the_meeting_first_error_names_yes_and_no(make_app):
    lancashire = make_app(WTF_CSRF_ENABLED=False, COUNCIL="lancashire", COUNCIL_INBOX="complaints@lancashire.example")
    client = lancashire.test_client()
    url = go_to(client, STAGE2, "a-meeting-first")
    page = text_of(client.get(client.post(url, data={}).location))
    assert "Select yes if you would like to try a meeting first, or no if you would not" in page


def test_a_parent_with_a_corporate_complaint_at_the_ombudsman_page_is_not_offered_an_advocate(app):
    corporate = {**STAGE2, "what-is-it-about": {"about": "education"},
                 "which-procedure": {"earlier_procedure": "corporate"}, "which-reply": {"reply_stage": "stage2"}}
    client = app.test_client()
    page = text_of(client.get(go_to(client, corporate, "the-ombudsman-is-next")))
    assert "The next step is the Ombudsman" in page
    assert "advocate" not in page.lower()
    young = app.test_client()
    page = text_of(young.get(go_to(young, {**corporate, **YOUNG}, "the-ombudsman-is-next")))
    assert "advocate" in page.lower()


def test_a_young_person_without_a_reference_is_not_promised_a_birthday_question(app):
    client = app.test_client()
    page = text_of(client.get(go_to(client, {**STAGE2, **YOUNG}, "earlier-complaint")))
    assert "birthday" not in page
    assert "Then we will ask your name, how old you are and a few other things" in page


def test_the_staff_scenario_tester_refuses_a_when_it_happened_the_public_form_refuses(app):
    client = app.test_client()
    assert client.post("/staff/sign-in", data={"password": TEST_STAFF_PASSWORD}).status_code == 302
    base = {"who": "parent", "about": "looked_after", "child_age": "9", "submitted": "2026-12-14", "kind": "new"}
    future = text_of(client.get("/staff/scenario", query_string={**base, "happened": "2030-01-01"}))
    assert "When it happened must be on or before the date the complaint is received" in future
    assert "Where it goes" not in future
    later = {**base, "submitted": "2030-12-16"}  # from then, 27 years back is after the tester's earliest year
    old = text_of(client.get("/staff/scenario", query_string={**later, "happened": "2001-01-01"}))
    assert "When it happened cannot be before 2003-12-16" in old
    fine = text_of(client.get("/staff/scenario", query_string={**base, "happened": "2026-12-01"}))
    assert "Where it goes" in fine
    reply = text_of(client.get("/staff/scenario", query_string={
        **later, "kind": "escalation", "stated_procedure": "statutory", "reply_stage": "stage1",
        "reply_date": "2000-01-01"}))
    assert "The date of the reply is too long ago: check the year" in reply
