"""Taking a complaint further: what walk J found (issue 12, session 8; /work/team/FINDINGS-fresh-j.md).

- J6: "The final response is counted from the day the review panel meets." was shown on a new complaint's Check
  your answers, whose dates are its first stage only. It is said only where a review panel's dates are shown.
- J9: the Ombudsman page at the end of a request told an adult "An advocate can also help you"; the council's
  advocacy is for children, young people and care leavers. The reply-is-late page said the same.
- J10: for a parent asking for a review panel, the advocate page said "the child can bring an advocate, or send an
  advocate", the confirmation "you can"; the person asking is the one who may bring or send one (seed 001).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from test_escalation_attacks import STAGE2, go_to
from test_escalation_late_reason import YOUNG

from tests.journey_answers import PARENT, TODAY, answer_until_check, date_parts, text_of

PANEL_NOTE = "The final response is counted from the day the review panel meets."
LANCASHIRE = {"COUNCIL": "lancashire", "COUNCIL_INBOX": "complaints@lancashire.example"}
OMBUDSMAN_NEXT = {**STAGE2, "which-procedure": {"earlier_procedure": "corporate"},
                  "which-reply": {"reply_stage": "stage2"}}


@pytest.fixture
def lancashire(make_app):
    return make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False, **LANCASHIRE)


def test_a_new_complaint_is_not_told_how_a_review_panels_final_response_is_counted(lancashire):
    client = lancashire.test_client()
    answer_until_check(client, PARENT)
    assert PANEL_NOTE not in text_of(client.get("/complaint/check"))
    # Where the review panel's dates are shown (a request for one, in a council that counts from the panel), the
    # note is beside them.
    panel = lancashire.test_client()
    answer_until_check(panel, {**STAGE2, "which-reply": {"reply_stage": "stage2"},
                               "date-of-the-reply": {"reply_date": date_parts(TODAY - timedelta(days=2))}})
    check = text_of(panel.get("/complaint/check"))
    assert "The review panel meets by" in check and PANEL_NOTE in check


def test_an_adult_at_the_ombudsman_page_is_not_promised_an_advocate(app):
    client = app.test_client()
    page = text_of(client.get(go_to(client, OMBUDSMAN_NEXT, "the-ombudsman-is-next")))
    assert "An advocate can also help you" not in page
    # Session 9 (walk M, M11; brief item 4): the parent is no longer offered the council's advocacy at all (it was
    # offered "if you are a child ..."); the seeds offer it to children, young people and care leavers only.
    assert "advocate" not in page.lower()
    young = app.test_client()
    page = text_of(young.get(go_to(young, {**OMBUDSMAN_NEXT, **YOUNG}, "the-ombudsman-is-next")))
    assert "An advocate can help you too: someone on your side who helps you say what you want." in page


def test_the_reply_is_late_page_offers_an_advocate_to_children_and_young_people_only(app):
    client = app.test_client()
    page = text_of(client.get(go_to(client, {**STAGE2, "which-reply": {"reply_stage": "overdue"}}, "reply-is-late")))
    assert "An advocate can also help you" not in page
    assert ("If you are a child or young person, a child in care or a care leaver, you can also ask for an "
            "advocate") in page


def test_a_parent_asking_for_a_review_panel_reads_one_thing_about_advocates_there(app):
    client = app.test_client()
    panel = {**STAGE2, "which-reply": {"reply_stage": "stage2"}}
    page = text_of(client.get(go_to(client, panel, "advocate-for-the-child")))
    said = ("At the review panel meeting, you can bring an advocate and one other person, or send an advocate in "
            "your place.")
    assert said in page and "the child can bring an advocate" not in page
    answer_until_check(client, panel)
    sent = client.post("/complaint/send")
    confirmation = client.get(sent.location)
    text = text_of(confirmation)
    confirmation.close()
    assert "bring an advocate and one other person, or send an advocate in your place" in text


def test_the_time_to_ask_runs_from_the_day_the_reply_came_and_the_question_asks_that_day(make_app):
    """J3: every page says "within 20 working days of the day you get our reply" (seeds 001-003: of receiving
    it), but the question asked for the date printed on the reply. It asks the day it came; the date on it only
    when they do not know."""
    from tests.journey_answers import body, council_email

    client = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False).test_client()
    page = text_of(client.get(go_to(client, STAGE2, "date-of-the-reply")))
    assert "When did you get the reply?" in page and "What date is on the reply?" not in page
    assert "If you do not know the day you got it, enter the date on the reply." in page
    answer_until_check(client, STAGE2)
    check = text_of(client.get("/complaint/check"))
    assert "Date you got the reply" in check
    sent = client.post("/complaint/send")
    client.get(sent.location).close()
    text = body(council_email(client))
    got = TODAY - timedelta(days=3)
    assert f"Reply they had: A stage 1 reply, got on {got.strftime('%A')} {got.day} {got:%B %Y}" in text
