"""Taking a complaint further with the test client: the path, its dates, the record, the link from a new
complaint, and the Ombudsman page. (The browser tests walk the same paths in Chromium.)"""

from __future__ import annotations

import json
import re
from datetime import timedelta

from tests.journey_answers import PARENT, TODAY, answer_until_check, asking_further, date_parts, slug_of, text_of
from wizard import db
from wizard.delivery import load_complaint
from wizard.domain.escalation import escalation_timeline, request_window
from wizard.domain.workdays import WorkingDays

ENG = WorkingDays("ENG")
# A reply in time: five working days ago.
REPLY = ENG.add(ENG.received_on(TODAY - timedelta(days=14)), 0)

ESCALATION = {
    **PARENT,
    **asking_further("csc / 2026 - 0412", "The visits did not restart.\nNobody called me back.", "Restart the visits.",
                     asking_later={"escalation_late_reason": "I was in hospital."}),
}


def stored_records(app):
    conn = db.connect(app.config["DATA_DIR"])
    try:
        rows = conn.execute("SELECT reference FROM complaints ORDER BY created_at").fetchall()
        # The stored record in its JSON form (docs/complaint-schema.json), as case systems read it.
        return [{**found, "record": found["record"].to_json()} for r in rows if (found := load_complaint(conn, r[0]))]
    finally:
        conn.close()


def test_the_new_complaint_path_skips_the_escalation_questions(client):
    seen = answer_until_check(client)
    assert seen[:3] == ["child-in-danger", "new-or-reply", "who-are-you"]
    assert "earlier-complaint" not in seen and "which-reply" not in seen


def test_a_parent_asks_for_stage2_in_time(app, client):
    seen = answer_until_check(client, ESCALATION)
    assert "earlier-complaint" in seen and "which-procedure" in seen and "date-of-the-reply" in seen
    # The questions of a new complaint are not asked again.
    for slug in ("tried-to-sort-it-out", "when-did-it-happen", "court-or-police", "your-complaint",
                 "who-gave-the-care", "asking-later"):
        assert slug not in seen
    # The contact, consent and advocacy questions are the wizard's own.
    for slug in ("about-the-child", "advocate-for-the-child", "your-name", "contact-details"):
        assert slug in seen
    page = client.get("/complaint/check")
    text = text_of(page)
    assert "Check your answers before sending your request" in text
    assert "Stage 2 of the children's social care complaints procedure" in text
    due = escalation_timeline(app.extensions["council"], "statutory_stage2", TODAY)
    assert f"{due['stage2_response'].due.day} {due['stage2_response'].due.strftime('%B %Y')}" in text
    # Tidied (spaces), but a council's own reference keeps the case it was typed in (walk F, F8; session 7: it was
    # upper-cased before).
    assert "csc/2026-0412" in text
    response = client.post("/complaint/send")
    assert response.status_code == 302
    [stored] = stored_records(app)
    record = stored["record"]
    assert record["kind"] == "escalation"
    esc = record["escalation"]
    assert esc["earlier_reference"] == "csc/2026-0412"
    assert esc["linked"] is False and esc["earlier"] is None
    assert esc["next_stage"] == "statutory_stage2"
    assert esc["decision"]["window"]["late"] is False
    assert esc["still_unhappy_points"] == ["The visits did not restart.", "Nobody called me back."]
    assert record["timeline"]["stage"] == "statutory_stage2"
    assert [m["key"] for m in record["timeline"]["milestones"]] == ["stage2_response", "stage2_response_extended"]
    assert record["decision"]["procedure"] == "statutory"


def test_a_late_request_is_flagged_and_asks_why(app, client):
    late = {**ESCALATION, "date-of-the-reply": {"reply_date": date_parts(TODAY - timedelta(days=90))}}
    seen = answer_until_check(client, late)
    assert "asking-later" in seen
    text = text_of(client.get("/complaint/check"))
    assert "You are asking later than usual" in text
    client.post("/complaint/send")
    [stored] = stored_records(app)
    esc = stored["record"]["escalation"]
    assert esc["decision"]["flags"] == ["late"]
    assert esc["late_reason"] == "I was in hospital."


def test_the_late_page_gives_the_last_day(app, client):
    late = {**ESCALATION, "date-of-the-reply": {"reply_date": date_parts(TODAY - timedelta(days=90))}}
    response = client.get("/complaint/")
    for _ in range(40):
        slug = slug_of(response.location)
        if slug == "asking-later":
            break
        client.get(response.location)
        response = client.post(response.location, data=late.get(slug, {"carry_on": "yes"}))
    page = client.get("/complaint/asking-later")
    window = request_window(app.extensions["council"], "statutory_stage2", TODAY - timedelta(days=90), TODAY)
    assert f"{window.last_day.day} {window.last_day.strftime('%B %Y')}" in text_of(page)
    assert "never" not in text_of(page).lower()


def test_a_corporate_stage2_reply_leads_to_the_ombudsman(client):
    done = {**ESCALATION, "which-procedure": {"earlier_procedure": "corporate"},
            "which-reply": {"reply_stage": "stage2"}}
    response = client.get("/complaint/")
    for _ in range(40):
        slug = slug_of(response.location)
        if slug == "the-ombudsman-is-next":
            break
        assert slug != "check"
        client.get(response.location)
        response = client.post(response.location, data=done.get(slug, {"carry_on": "yes"}))
    page = client.get("/complaint/the-ombudsman-is-next")
    text = text_of(page)
    assert "0300 061 0614" in text and "PO Box 4771, Coventry, CV4 0EH" in text
    assert "/ombudsman?finished=1" in page.get_data(as_text=True)
    assert client.get("/complaint/check").status_code == 302  # nothing to send to the council


def test_the_ombudsman_page(client):
    page = client.get("/ombudsman")
    text = text_of(page)
    for fact in ("free", "independent", "12 months", "0300 061 0614", "PO Box 4771", "at any time"):
        assert fact in text
    assert 'href="https://www.lgo.org.uk"' in page.get_data(as_text=True)
    assert "href=\"/ombudsman\"" in client.get("/").get_data(as_text=True)


def test_our_own_reference_is_recognised_and_linked(app, client):
    answer_until_check(client)
    client.post("/complaint/send")
    [first] = stored_records(app)
    reference = first["reference"]
    client.get("/complaint/")  # starting again closes the sent complaint's pages
    ours = {**ESCALATION, "earlier-complaint": {"earlier_reference": reference.lower()}}
    del ours["which-procedure"]  # answered below: recognised, never filled in from what we recorded
    response = client.get("/complaint/")
    for _ in range(40):
        slug = slug_of(response.location)
        if slug == "which-procedure":
            page = client.get(response.location)
            html = page.get_data(as_text=True)
            assert "one this service made" not in html  # the same words as for any reference
            # Anyone can type a reference they have seen: what we recorded of it is not shown or chosen.
            assert "checked" not in html
            response = client.post(response.location, data={"earlier_procedure": "statutory"})
            continue
        if slug == "check":
            break
        client.get(response.location)
        response = client.post(response.location, data=ours.get(slug, {"carry_on": "yes"}))
    client.post("/complaint/send")
    second = stored_records(app)[1]
    esc = second["record"]["escalation"]
    assert esc["linked"] is True
    assert esc["earlier"]["reference"] == reference
    assert esc["earlier"]["procedure"] == "statutory"
    # Nothing of the earlier complaint's content is copied.
    assert "Sam Smith" not in json.dumps(esc)


def test_the_next_stage_link_stores_nothing_until_start(app, client):
    page = client.get("/complaint/next-stage?reference=ex-23456789")
    assert page.status_code == 200
    assert "EX-23456789" in text_of(page)
    conn = db.connect(app.config["DATA_DIR"])
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "drafts" in tables:
            assert conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
    finally:
        conn.close()
    response = client.post("/complaint/next-stage", data={"reference": "EX-23456789"})
    assert response.status_code == 303
    # The questions come as usual, with the choice and the reference already filled in.
    response = client.get("/complaint/")
    prefilled = {}
    for _ in range(40):
        slug = slug_of(response.location)
        if slug == "check":
            break
        html = client.get(response.location).get_data(as_text=True)
        if slug in ("new-or-reply", "earlier-complaint"):
            prefilled[slug] = html
        response = client.post(response.location, data=ESCALATION.get(slug, {"carry_on": "yes"})
                               if slug != "earlier-complaint" else {"earlier_reference": "EX-23456789"})
    # "New or reply" was answered by the link: not asked again (issue 12, item 7); the reference is filled in.
    assert "new-or-reply" not in prefilled
    assert 'value="EX-23456789"' in prefilled["earlier-complaint"]
    page = client.get("/complaint/new-or-reply").get_data(as_text=True)  # still there for Back and Change
    assert re.search(r'value="escalation"\s+checked', page)
    assert "EX-23456789" in text_of(client.get("/complaint/check"))


def test_a_reference_of_another_shape_is_not_shown_on_the_link_page(client):
    page = client.get("/complaint/next-stage?reference=<script>alert(1)</script>")
    assert page.status_code == 200
    assert "alert" not in page.get_data(as_text=True)


def test_the_staff_routing_page_shows_the_escalation_rules_and_this_councils_windows(make_app):
    from tests.functional.test_staff_routing_map import signed_in_client, table_rows
    from wizard.domain.escalation import RULES, escalation_table
    from wizard.domain.profiles import load_profile

    client = signed_in_client(make_app, "lancashire")
    html = client.get("/staff/routing").get_data(as_text=True)
    assert "When someone is unhappy with a reply" in html
    for rule in RULES:
        assert f'id="escalation-rule-{rule.id}"' in html
    rows = table_rows(html, "escalation-table")
    expected = escalation_table(load_profile("lancashire"))
    assert [r["data"]["data-escalation-rule"] for r in rows] == [r["rule"] for r in expected]
    first = rows[0]["cells"]
    assert first[2] == "Stage 2 of the children's social care complaints procedure"
    assert first[3] == "20 working days from the reply"
    assert "conciliation or mediation" in first[4]


def test_every_escalation_page_shows_its_errors_and_keeps_the_answers(client):
    """An empty or hostile answer on each new page: an error on the page (the page checker reads it), never a 500."""
    late = {**ESCALATION, "date-of-the-reply": {"reply_date": date_parts(TODAY - timedelta(days=90))}}
    bad = {
        "new-or-reply": [{}, {"kind": "both"}],
        "earlier-complaint": [{"earlier_reference": "<script>"}, {"earlier_reference": "A" * 41}],
        "which-procedure": [{}, {"earlier_procedure": "school"}],
        "which-reply": [{}, {"reply_stage": "stage9"}],
        "date-of-the-reply": [
            {}, {"reply_date": ["31", "2", "2026"]}, {"reply_date": date_parts(TODAY + timedelta(days=1))},
        ],
        "asking-later": [{"escalation_late_reason": "x" * 1201}],  # an empty reason is allowed (issue 12, item 6)
        "still-unhappy": [{}, {"still_unhappy": "x" * 5001, "wanted": ""}],
    }
    response = client.get("/complaint/")
    checked = set()
    for _ in range(50):
        slug = slug_of(response.location)
        if slug == "check":
            break
        for data in bad.get(slug, []):
            refused = client.post(f"/complaint/{slug}", data=data)
            assert refused.status_code == 303, (slug, data)
            page = client.get(refused.location)
            assert page.status_code == 200
            assert "There is a problem" in text_of(page), (slug, data)
            checked.add(slug)
        client.get(response.location)
        response = client.post(response.location, data=late.get(slug, {"carry_on": "yes"}))
    assert checked == set(bad)
