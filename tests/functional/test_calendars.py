"""The calendar files people are offered after Send (issue 12, brief item 3): a new complaint's holds the one
date the person acts on (asking for the next stage), without inventing a deadline nobody can know yet; a request
to take a complaint further offers its own calendar file on its confirmation page, as a new complaint's does."""

from __future__ import annotations

import re

import pytest
from test_escalation_attacks import STAGE2
from test_escalation_late_reason import YOUNG

from tests.journey_answers import PARENT, TODAY, answer_until_check, to_welsh
from wizard.domain.profiles import load_profile
from wizard.domain.timeline import milestones


@pytest.fixture
def app(make_app):
    return make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)


def _send(client, answers, welsh=False):
    answer_until_check(client, answers)
    if welsh:
        to_welsh(client)
    sent = client.post("/complaint/send")
    page = client.get(sent.location)
    html = page.get_data(as_text=True)
    page.close()
    return html


def _events(client) -> dict[str, str]:
    response = client.get("/complaint/sent/calendar.ics")
    assert response.status_code == 200
    unfolded = response.get_data(as_text=True).replace("\r\n ", "")
    events = unfolded.split("BEGIN:VEVENT")[1:]
    return {re.search(r"UID:[^-]+-[^-]+-(\w+)@", e).group(1): e.replace("\\,", ",").replace("\\;", ";")
            for e in events}


def test_a_new_complaints_calendar_says_when_to_ask_for_the_next_stage_without_inventing_a_deadline(app):
    client = app.test_client()
    html = _send(client, PARENT)
    reference = re.search(r'class="app-reference">([^<]+)<', html).group(1)
    events = _events(client)
    timeline = milestones(load_profile("example"), "statutory", TODAY)
    reply_due = timeline["stage1_response"].due
    ask = events["stage2_ask"]
    # On the day the reply is due, not on a made-up "ask by" day counted from a reply that has not come yet.
    assert f"DTSTART;VALUE=DATE:{reply_due:%Y%m%d}" in ask
    assert f"{timeline['stage2_request_by'].due:%Y%m%d}" not in "".join(events.values())
    assert f"SUMMARY:Reply due on complaint {reference}: if you are unhappy with it, ask for the next stage" in ask
    # One way of counting, in the confirmation page's words (walk E, E6; session 7: the event said it two ways).
    assert ("Our reply is due by this date. If you are unhappy with it, ask for the next stage within 20 working days "
            "of the day you get our reply.") in ask
    assert "reaches you" not in ask
    assert f"/complaint/next-stage?reference={reference}" in ask
    assert "Pat" not in ask and "Sam" not in ask


def test_a_new_complaints_ask_for_the_next_stage_event_in_welsh(app):
    client = app.test_client()
    _send(client, PARENT, welsh=True)
    ask = _events(client)["stage2_ask"]
    assert "os ydych yn anhapus ag ef, gofynnwch am y cam nesaf" in ask
    assert "cyn pen 20 diwrnod gwaith ar ôl y diwrnod y byddwch yn cael ein hateb" in ask


def test_a_requests_confirmation_offers_its_calendar_file(app):
    client = app.test_client()
    html = _send(client, STAGE2)
    assert 'href="/complaint/sent/calendar.ics" download' in html
    assert "Add these dates to your calendar" in html
    events = _events(client)
    assert "stage2_ask" not in events  # a request's dates are its own (delivery.messages.escalation_dates)
    assert "request_acknowledgement" in events and "stage2_response" in events
    # After stage 2 comes a review panel: its window opens on the day the stage 2 reply is due, and no later
    # "ask by" day is made up.
    ask = events["review_panel_ask"]
    due = re.search(r"DTSTART;VALUE=DATE:(\d{8})", events["stage2_response"]).group(1)
    assert f"DTSTART;VALUE=DATE:{due}" in ask
    assert "if you are unhappy with it, ask for a review panel" in ask
    assert "ask for a review panel within 20 working days of the day you get our reply" in ask


def test_a_review_panel_request_has_no_later_stage_to_ask_for_in_its_calendar(app):
    client = app.test_client()
    _send(client, {**STAGE2, "which-reply": {"reply_stage": "stage2"}})
    events = _events(client)
    assert "stage3_panel" in events and not [k for k in events if k.endswith("_ask")]


def test_a_young_persons_request_offers_no_calendar_or_print_and_says_why(app):
    client = app.test_client()
    html = _send(client, {**STAGE2, **YOUNG})
    page = " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#39;", "'").split())
    assert "calendar.ics" not in html and "/complaint/sent/print" not in html
    assert "We have not offered a calendar entry or a copy to print" in page
    assert client.get("/complaint/sent/calendar.ics").status_code == 404


def test_the_ask_event_links_from_the_services_public_address_when_it_has_one(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False, PUBLIC_URL="https://complaints.example.gov.uk")
    client = app.test_client()
    _send(client, PARENT)
    ask = _events(client)["stage2_ask"]
    assert "go to https://complaints.example.gov.uk/complaint/next-stage?reference=" in ask
