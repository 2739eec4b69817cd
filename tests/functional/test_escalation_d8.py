"""The fresh-eyes walk's D8 (issue 12): the "which reply" page offers the replies the chosen procedure has (no
review panel in the council's own procedure), and a review panel is described one way everywhere a person reads
it (vocabulary.REVIEW_PANEL_WORDS): Check your answers, the request's confirmation and email, a new complaint's
confirmation."""

from __future__ import annotations

import re

import pytest
from test_escalation_attacks import STAGE2, go_to
from test_escalation_late_reason import YOUNG

from tests.journey_answers import PARENT, answer_until_check, plain_text, send, sent_mail, text_of

PANEL = "A review panel is three people who do not work for the council. They meet to check whether your " \
    "complaint was looked into properly and fairly at stage 2."
OTHER_WAYS = ("children's services", "care team", "do not work in the service", "three independent people",
              "do not work for the team you complained about")
CORPORATE = {**STAGE2, "which-procedure": {"earlier_procedure": "corporate"}}
PANEL_REQUEST = {**STAGE2, "which-reply": {"reply_stage": "stage2"}}


def _offered(html: str) -> list[str]:
    return re.findall(r'name="reply_stage"[^>]*value="(\w+)"', html) or \
        re.findall(r'value="(\w+)"[^>]*name="reply_stage"', html)


@pytest.mark.parametrize(("procedure", "offered"), [
    # Every procedure's list ends with "I have not had a reply, and it is late" (walk E, E5; session 7).
    ("corporate", ["stage1", "stage2", "overdue"]),
    ("statutory", ["stage1", "stage2", "final", "overdue"]),
    ("unsure", ["stage1", "stage2", "final", "overdue"]),
])
def test_the_which_reply_page_offers_the_replies_of_the_procedure_chosen(client, procedure, offered):
    url = go_to(client, {**STAGE2, "which-procedure": {"earlier_procedure": procedure}}, "which-reply")
    html = client.get(url).get_data(as_text=True)
    assert _offered(html) == offered
    page = text_of(client.get(url))
    assert ("review panel" in page) is (procedure != "corporate")
    if procedure == "corporate":
        assert "the last stage of the council's own complaints procedure" in page
        assert "investigating officer" not in page


def test_a_forged_final_reply_on_the_corporate_path_is_refused_on_the_page(client):
    url = go_to(client, CORPORATE, "which-reply")
    response = client.post(url, data={"reply_stage": "final"})
    assert response.location.endswith("/which-reply")  # back to the page, with its error
    page = text_of(client.get(response.location))
    assert "There is a problem" in page and "Select which reply you have had most recently" in page
    response = client.post(url, data={"reply_stage": "stage2"})
    assert response.location.endswith("/date-of-the-reply")


def test_a_review_panel_is_described_one_way_on_check_confirmation_and_email(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    client = app.test_client()
    answer_until_check(client, PANEL_REQUEST)
    check = text_of(client.get("/complaint/check"))
    confirmation = send(client)
    [mine] = [m for m in sent_mail(app) if "lee@example.com" in str(m["To"])]
    email = plain_text(mine)
    for shown in (check, confirmation, email):
        assert PANEL in shown
        for other in OTHER_WAYS:
            assert other not in shown


def test_a_new_statutory_complaints_confirmation_describes_the_panel_the_same_way(client):
    answer_until_check(client, PARENT)
    sent = client.post("/complaint/send")
    confirmation = text_of(client.get(sent.location))
    assert "If you are still not happy after stage 2, you can ask for a review panel (stage 3). " + PANEL \
        in confirmation
    for other in OTHER_WAYS:
        assert other not in confirmation


def test_a_young_person_reads_the_young_description_of_a_panel(client):
    answer_until_check(client, {**PANEL_REQUEST, **YOUNG})
    check = text_of(client.get("/complaint/check"))
    assert "A review panel is three people who do not work for the council. They meet to check your complaint " \
        "was looked at properly and fairly." in check
    for other in OTHER_WAYS:
        assert other not in check
