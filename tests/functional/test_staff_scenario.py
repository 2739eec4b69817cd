"""The scenario tester: plain words, a date of birth, any received date, real dates, and this scenario's emails."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date, timedelta
from html import unescape

import pytest

from tests.conftest import TEST_STAFF_PASSWORD
from wizard.db import database_path
from wizard.domain.routing import Answers, route
from wizard.domain.timeline import milestones
from wizard.domain.vocabulary import STAFF_MILESTONE_LABELS


def signed_in(app):
    client = app.test_client()
    assert client.post("/staff/sign-in", data={"password": TEST_STAFF_PASSWORD}).status_code == 302
    return client


def text(response) -> str:
    html = response.get_data(as_text=True)
    main = html[html.index("<main"): html.index("</main>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


def json_shown(response) -> dict:
    html = response.get_data(as_text=True)
    block = html[html.index('aria-labelledby="json-heading"'):]
    return json.loads(unescape(block[block.index("<pre>") + 5: block.index("</pre>")]))


def scenario(client, **answers):
    response = client.get("/staff/scenario", query_string=answers)
    assert response.status_code == 200
    return response


def test_a_date_of_birth_decides_which_side_of_the_consent_age_the_child_is(app):
    client = signed_in(app)
    made = "2026-11-24"
    # Twelve the day after: still under the consent age on the day the complaint is made.
    younger = text(scenario(client, who="relative", about="fostering", child_dob="2014-11-25", child_agrees="yes",
                            submitted=made))
    assert "From the date of birth, the child is 11 on the day the complaint is made." in younger
    assert "Where it goes: The council's own complaints procedure" in younger
    assert "The council must decide whether this person can use the procedure" in younger
    # Twelve that day: old enough to agree, and agrees.
    twelve = text(scenario(client, who="relative", about="fostering", child_dob="2014-11-24", child_agrees="yes",
                           submitted=made))
    assert "From the date of birth, the child is 12 on the day the complaint is made." in twelve
    assert "Where it goes: The children's social care complaints procedure" in twelve


def test_the_timeline_has_real_dates_and_plain_labels_for_any_received_date(app):
    client = signed_in(app)
    page = text(scenario(client, who="parent", about="looked_after", child_age="9", submitted="2026-12-25"))
    assert "Made on Friday 25 December 2026, which is not a working day, so it counts as received on " \
           "Tuesday 29 December 2026." in page
    timeline = milestones(app.extensions["council"], "statutory", date(2026, 12, 25))
    for m in timeline.milestones:
        assert f"{STAFF_MILESTONE_LABELS[m.key]} {m.due.strftime('%A')} {m.due.day} {m.due.strftime('%B %Y')}" in page
    dates = page[page.index("Due dates"): page.index("These are the emails")]
    assert "stage1_response" not in dates and "2026-" not in dates and "2027-" not in dates
    assert "3 working days after the day the complaint is received" in dates
    assert "20 working days after “Stage 1 reply due”" in dates


def test_the_emails_and_json_are_for_this_scenario(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, ADVOCACY_INBOX="advocacy@council.example")
    client = signed_in(app)
    child = scenario(client, who="child", about="looked_after", child_age="15", happened="2025-06-10",
                     submitted="2026-12-01", flags=["advocacy_requested", "proceedings"])
    page = text(child)
    assert "[Statutory]" in page and "[Court or police]" in page and "Made after the time limit" in page
    assert "To the complaints inbox" in page and "To the advocacy service" in page
    data = json_shown(child)
    assert data["answers"]["who"] == "child" and data["answers"]["about"] == "looked_after"
    assert data["submitted"] == "2026-12-01"
    assert data["decision"]["outcome"] == "statutory"
    assert {"late", "proceedings", "advocacy_requested"} <= set(data["decision"]["flags"])

    # An advocate is not offered an advocate: no advocacy email, and the acknowledgement goes to the advocate.
    advocate = text(scenario(client, who="advocate", about="looked_after", child_age="14", child_agrees="yes",
                             submitted="2026-12-01", flags=["advocacy_requested"]))
    assert "To the complaints inbox" in advocate and "To the advocacy service" not in advocate
    assert "To sample.advocate@example.org" in advocate

    parent = scenario(client, who="parent", about="education", child_age="9", submitted="2026-12-01")
    page = text(parent)
    assert "[Corporate]" in page and "To the advocacy service" not in page
    data = json_shown(parent)
    assert data["answers"]["who"] == "parent" and data["answers"]["about"] == "education"


def test_no_emails_where_the_journey_stops_and_the_reason_is_given(app):
    client = signed_in(app)
    page = text(scenario(client, who="relative", about="fostering", child_age="14", child_agrees="no"))
    assert "Where it goes: The child's agreement is needed" in page
    assert "No emails: the person is shown the page “the-childs-agreement”" in page
    assert "To the complaints inbox" not in page
    page = text(scenario(client, who="parent", about="fostering"))
    assert "Give the child's age or date of birth." in page


def test_the_scenario_stores_and_sends_nothing(make_app, smtp_server):
    app = make_app(WTF_CSRF_ENABLED=False, SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port)
    client = signed_in(app)
    for who in ("parent", "advocate", "child", "relative"):
        page = text(scenario(client, who=who, about="fostering", child_age="14", child_agrees="yes",
                             flags=["advocacy_requested"]))
        assert "To the complaints inbox" in page, who
    assert smtp_server.messages == []
    path = database_path(app.config["DATA_DIR"])
    if path.exists():
        connection = sqlite3.connect(path)
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table in {"complaints", "outbox"} & tables:
            assert connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0  # noqa: S608
        connection.close()
    mail = app.config["DATA_DIR"] / "mail"
    assert not mail.exists() or not list(mail.iterdir())


@pytest.mark.parametrize(
    "answers, error",
    [
        ({"child_age": "9", "child_dob": "2017-01-01"}, "Give the child's age or date of birth, not both"),
        ({"child_dob": "2027-01-01", "submitted": "2026-12-01"},
         "The date of birth must be on or before the date the complaint is received"),
        ({"child_dob": "1990-01-01"}, "The date of birth must be for someone aged 25 or under"),
        ({"child_dob": "31/02/2020"}, "Not a valid date value"),
        ({"submitted": "tomorrow"}, "Not a valid date value"),
    ],
)
def test_bad_dates_are_errors_on_the_page(app, answers, error):
    client = signed_in(app)
    response = scenario(client, who="relative", about="fostering", **answers)
    page = text(response)
    assert "There is a problem" in page and error in page
    assert "Where it goes" not in page


def test_the_tester_agrees_with_the_domain_for_many_scenarios(app):
    client = signed_in(app)
    profile = app.extensions["council"]
    made = date(2026, 6, 1)
    cases = [
        {"who": w, "about": a, "child_age": age, "child_agrees": agrees, "happened": happened}
        for w in ("child", "parent", "relative", "advocate", "kinship_carer", "adoption", "other")
        for a in ("fostering", "adoption", "education", "school")
        for age, agrees in ((9, None), (15, "yes"), (15, "no"))
        for happened in (made - timedelta(days=30), made - timedelta(days=500))
    ]
    for case in cases:
        query = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in case.items() if v is not None}
        page = text(scenario(client, submitted=made.isoformat(), **query))
        expected = route(Answers(submitted=made, **case), profile)
        assert f"(rule {expected.rule} )" in page, case
        assert ("Made after the time limit" in page) == ("late" in expected.flags), case


def test_a_caseworker_tries_a_late_stage2_request_with_a_reason_and_sees_rules_dates_and_emails(app):
    from wizard.domain.escalation import escalation_timeline, request_window

    client = signed_in(app)
    council = app.extensions["council"]
    # Asked on Monday 14 December 2026 about a stage 1 reply of 2 October: well past 20 working days.
    response = scenario(client, who="parent", about="looked_after", child_age="9", submitted="2026-12-14",
                        kind="escalation", stated_procedure="statutory", reply_stage="stage1",
                        reply_date="2026-10-02")
    page = text(response)
    html = response.get_data(as_text=True)
    assert 'data-escalation="statutory_stage2"' in html
    assert "statutory_stage1_reply" in page and "late_request" in page  # the rule ids
    assert "Asked for after the usual time" in page  # the flag
    assert "The council can still agree to it, and the person has said why it is later." in page  # the reason
    window = request_window(council, "statutory_stage2", date(2026, 10, 2), date(2026, 12, 14))
    assert window.late and f'data-last-day="{window.last_day.isoformat()}"' in html
    due = escalation_timeline(council, "statutory_stage2", date(2026, 12, 14))
    assert f'data-key="stage2_response" data-due="{due["stage2_response"].due.isoformat()}"' in html
    assert "[Escalation]" in page and "[Late request]" in page and "[Stage 2 request]" in page  # the email
    data = json_shown(response)
    assert data["kind"] == "escalation"
    assert data["escalation"]["decision"]["flags"] == ["late"]
    assert data["escalation"]["late_reason"]
    assert data["timeline"]["stage"] == "statutory_stage2"


def test_a_caseworker_sees_a_corporate_stage2_reply_lead_to_the_ombudsman_without_emails(app):
    client = signed_in(app)
    response = scenario(client, who="parent", about="education", child_age="9", submitted="2026-12-14",
                        kind="escalation", stated_procedure="corporate", reply_stage="stage2")
    html = response.get_data(as_text=True)
    assert 'data-escalation="ombudsman"' in html and "corporate_stage2_reply" in text(response)
    assert "the-ombudsman-is-next" in text(response)
    assert 'aria-labelledby="json-heading"' not in html


def test_a_reply_dated_after_the_request_is_an_error_on_the_page(app):
    client = signed_in(app)
    response = scenario(client, who="parent", about="looked_after", child_age="9", submitted="2026-12-14",
                        kind="escalation", reply_date="2026-12-20")
    assert "The reply cannot be dated after the request" in text(response)


@pytest.mark.parametrize("field, value", [
    ("submitted", "9999-12-30"), ("submitted", "1066-10-14"), ("happened", "9999-12-30"), ("reply_date", "0001-01-01"),
])
def test_a_date_off_the_calendar_is_an_error_on_the_page_not_a_server_error(app, field, value):
    """Walk K, K9: a received date of 9999-12-30 was a 500 (the working-day count ran off the calendar)."""
    client = signed_in(app)
    answers = {"who": "parent", "about": "fostering", "kind": "escalation" if field == "reply_date" else "new",
               field: value}
    page = text(scenario(client, **answers))
    assert f"Enter a date between 2000 and {date.today().year + 10}" in page
