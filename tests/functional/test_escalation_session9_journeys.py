"""Issue 12, session 9: the three larger defects walks J and M left.

- M6: "Which complaints procedure is your complaint in?" told people the email confirming their complaint says
  which; this service's own email never did. A new complaint's confirmation page and email now name it, in the
  words of that question's choices; and the next-stage link in them carries it, so someone who follows it is not
  asked what they were just told. A reference typed by hand still asks (anyone who has seen a reference can type
  it: the pages say nothing of what we hold).
- M5/J2: "My reply is late" never said when the reply was due. It asks which reply and when the person sent what
  it answers, and gives the day it was due by the council's own times (and the latest day if the council says it
  needs more time), then what they can do. Nothing is asked for on their behalf (no rule in domain.md or the seeds).
- M4/J5: several requests on one reference were not shown to the caseworker together. The council's email and JSON
  now list the other requests sent through this service on it (reference, stage asked for, day; never content),
  and a review panel asked for on the day the complaint was made is flagged. The person's pages say nothing of it.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
from test_escalation_attacks import EDUCATION, STAGE2, go_to, records, send_new

from tests.journey_answers import (
    PARENT,
    TODAY,
    answer_until_check,
    date_parts,
    plain_text,
    send,
    sent_mail,
    slug_of,
    text_of,
    to_welsh,
)
from wizard.domain.dates import due_text
from wizard.domain.workdays import working_days

PUBLIC = "https://complaints.example.gov.uk"
STATUTORY_NAMED = "Your complaint is in the children's social care complaints procedure."
CORPORATE_NAMED = "Your complaint is in the council's own complaints procedure."


@pytest.fixture
def app(make_app):
    return make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False, PUBLIC_URL=PUBLIC)


def _mail_to(app, address: str) -> str:
    found = [m for m in sent_mail(app) if address in str(m["To"])]
    return plain_text(found[-1], folded=False)


def _council(app, reference: str):
    [message] = [m for m in sent_mail(app)
                 if str(m["X-Complaint-Message"]) == "council" and reference in str(m["Subject"])]
    return message


def _json_of(message) -> dict:
    [part] = [p for p in message.walk() if p.get_content_type() == "application/json"]
    return json.loads(part.get_content() if isinstance(part.get_content(), str) else part.get_content().decode())


# ---------------------------------------------------------------------------------------------------------
# M6: the procedure named, and not asked again through the link


@pytest.mark.parametrize("answers, named, other", [(PARENT, STATUTORY_NAMED, CORPORATE_NAMED),
                                                   (EDUCATION, CORPORATE_NAMED, STATUTORY_NAMED)])
def test_a_new_complaints_page_and_email_name_its_procedure_as_the_question_does(app, answers, named, other):
    client = app.test_client()
    answer_until_check(client, answers)
    page = send(client)
    mail = " ".join(_mail_to(app, "pat@example.com").split())
    for shown in (page, mail):
        assert named in shown and other not in shown
    # The same words as the choice on "Which complaints procedure is your complaint in?".
    choice = "The " + named.removeprefix("Your complaint is in the ").rstrip(".")
    asked = app.test_client()
    html = asked.get(go_to(asked, STAGE2, "which-procedure")).get_data(as_text=True)
    assert choice in html.replace("&#39;", "'")


def test_in_welsh_the_page_and_email_name_it_in_welsh(app):
    client = app.test_client()
    answer_until_check(client, PARENT)
    to_welsh(client)
    page = send(client)
    mail = " ".join(_mail_to(app, "pat@example.com").split())
    for shown in (page, mail):
        assert "Mae eich cwyn yn y weithdrefn gwyno gofal cymdeithasol plant." in shown
        assert STATUTORY_NAMED not in shown


def test_a_complaint_the_council_must_first_accept_does_not_name_a_procedure_yet(app):
    # An aunt for a child of 9: the council first decides whether she has a sufficient interest (the children's
    # procedure, or the council's own), so neither is named and the link carries none.
    aunt = {**PARENT, "who-are-you": {"who": "relative"}}
    client = app.test_client()
    answer_until_check(client, aunt)
    page = send(client)
    mail = _mail_to(app, "pat@example.com")
    for shown in (page, " ".join(mail.split())):
        assert STATUTORY_NAMED not in shown and CORPORATE_NAMED not in shown
    assert "procedure=" not in mail


def _link_in(mail: str) -> str:
    return re.search(r"https?://\S+/complaint/next-stage\?\S+", mail).group(0)


def _sent_new(app, answers) -> str:
    """A new complaint sent and its page shown (its emails go once the page has gone): its reference."""
    client = app.test_client()
    answer_until_check(client, answers)
    send(client)
    return records(app)[-1]["reference"]


def test_the_emails_link_carries_the_procedure_and_it_is_not_asked_again(app):
    reference = _sent_new(app, PARENT)
    link = _link_in(_mail_to(app, "pat@example.com"))
    assert link == f"{PUBLIC}/complaint/next-stage?reference={reference}&procedure=statutory"
    client = app.test_client()
    page = client.get(link.removeprefix(PUBLIC))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'name="procedure" type="hidden" value="statutory"' in html or 'value="statutory"' in html
    started = client.post("/complaint/next-stage", data={"reference": reference, "procedure": "statutory"})
    assert started.status_code == 303
    answers = {**STAGE2, "earlier-complaint": {"earlier_reference": reference}}
    seen = []
    response = client.get("/complaint/")
    for _ in range(40):
        slug = slug_of(response.location)
        if slug == "check":
            break
        seen.append(slug)
        client.get(response.location)
        response = client.post(response.location, data=answers.get(slug, {"carry_on": "yes"}))
    assert "earlier-complaint" in seen and "which-reply" in seen
    assert "which-procedure" not in seen and "new-or-reply" not in seen
    check = text_of(client.get("/complaint/check"))
    assert "Complaints procedure The children's social care complaints procedure" in check
    # Back from which reply shows the question, answered, and it can be changed there.
    back = client.get("/complaint/which-procedure").get_data(as_text=True)
    assert re.search(r'value="statutory"[^>]*checked|checked[^>]*value="statutory"', back)
    send(client)
    assert records(app)[-1]["record"]["escalation"]["stated_procedure"] == "statutory"


def test_a_changed_reference_is_asked_its_procedure(app):
    reference = send_new(app, PARENT)
    client = app.test_client()
    client.post("/complaint/next-stage", data={"reference": reference, "procedure": "statutory"})
    answers = {**STAGE2, "earlier-complaint": {"earlier_reference": "CSC/2026-0412"}}
    url = go_to(client, answers, "which-procedure")
    assert slug_of(url) == "which-procedure"


@pytest.mark.parametrize("query", ["procedure=ombudsman", "procedure=%3Cscript%3E", "procedure=statutory&procedure=x",
                                   "procedure=unsure"])
def test_a_link_with_anything_else_asks_the_question(app, query):
    reference = send_new(app, PARENT)
    client = app.test_client()
    html = client.get(f"/complaint/next-stage?reference={reference}&{query}").get_data(as_text=True)
    assert "<script>" not in html and "ombudsman\"" not in html
    client.post("/complaint/next-stage", data={"reference": reference, "procedure": query.split("=")[1]})
    assert slug_of(go_to(client, STAGE2, "which-procedure")) == "which-procedure"


def test_a_procedure_without_a_reference_is_ignored(app):
    client = app.test_client()
    client.post("/complaint/next-stage", data={"procedure": "corporate"})
    assert slug_of(go_to(client, STAGE2, "which-procedure")) == "which-procedure"


# ---------------------------------------------------------------------------------------------------------
# M5/J2: when the late reply was due


WAITING = {**STAGE2, "which-reply": {"reply_stage": "overdue"}}


def _waiting(client, awaited: str, sent: date, **more) -> str:
    answers = {**WAITING, "which-reply-is-late": {"awaited": awaited},
               "when-did-you-send-it": {"awaited_since": date_parts(sent)}, **more}
    return text_of(client.get(go_to(client, answers, "reply-is-late")))


def _add(app, start: date, days: int) -> date:
    wd = working_days(app.extensions["council"].holiday_region)
    return wd.add(wd.received_on(start), days)


def test_mr_ali_is_told_his_stage_1_reply_was_due_and_the_latest_day_has_passed(app):
    sent = TODAY - timedelta(days=60)
    page = _waiting(app.test_client(), "stage1", sent)
    due, latest = _add(app, sent, 10), _add(app, sent, 20)  # the example council: statutory 10, up to 20
    assert f"Your reply was due by {due_text(due)}." in page
    assert (f"If Example Council told you it needed more time, the latest day was {due_text(latest)}. That has passed "
            "too.") in page
    # What he can do: ask the council, the Ombudsman at any time; nothing asked for on his behalf.
    assert "Ask Example Council when you will get your reply." in page
    assert "contact the Local Government and Social Care Ombudsman at any time" in page
    assert "ask for stage 2 now" not in page.lower()


def test_a_reply_not_yet_due_is_said_not_to_be_late(app):
    page = _waiting(app.test_client(), "stage1", TODAY)
    assert f"Your reply is not late yet: it is due by {due_text(_add(app, TODAY, 10))}." in page
    assert "Your reply was due by" not in page


def test_a_stage_2_reply_and_a_review_panel_count_from_the_request(app):
    sent = TODAY - timedelta(days=100)
    stage2 = _waiting(app.test_client(), "stage2", sent)
    assert f"Your reply was due by {due_text(_add(app, sent, 25))}." in stage2
    panel = _waiting(app.test_client(), "review_panel", sent)
    assert f"The review panel should have met by {due_text(_add(app, sent, 30))}." in panel


def test_a_corporate_complaint_has_no_review_panel_to_wait_for(app):
    client = app.test_client()
    corporate = {**WAITING, "which-procedure": {"earlier_procedure": "corporate"}}
    html = client.get(go_to(client, corporate, "which-reply-is-late")).get_data(as_text=True)
    assert 'value="stage1"' in html and 'value="stage2"' in html and 'value="review_panel"' not in html
    refused = client.post("/complaint/which-reply-is-late", data={"awaited": "review_panel"})
    assert slug_of(refused.location) == "which-reply-is-late"


def test_around_christmas_the_due_day_skips_the_bank_holidays(app):
    # Sent on Friday 19 December 2025: 10 working days skip Christmas Day, Boxing Day and New Year's Day.
    page = _waiting(app.test_client(), "stage1", date(2025, 12, 19))
    assert "Your reply was due by Wednesday 7 January 2026." in page


def test_a_month_without_its_day_says_what_it_counts_from(app):
    sent = TODAY - timedelta(days=70)
    client = app.test_client()
    answers = {**WAITING, "which-reply-is-late": {"awaited": "stage1"},
               "when-did-you-send-it": {"awaited_since": ["", str(sent.month), str(sent.year)]}}
    page = text_of(client.get(go_to(client, answers, "reply-is-late")))
    assert "You did not give the day you sent it, so this counts from" in page


def test_in_welsh_the_due_day_is_in_welsh(app):
    sent = TODAY - timedelta(days=60)
    client = app.test_client()
    client.get("/language/cy?next=/")
    page = _waiting(client, "stage1", sent)
    assert f"Roedd eich ateb yn ddyledus erbyn {due_text(_add(app, sent, 10), 'cy')}." in page


@pytest.mark.parametrize("typed", [["1", "1", "3000"], ["31", "2", "2026"], ["", "", ""], ["1", "1", "1900"]])
def test_a_bad_date_sent_is_refused_on_the_page(app, typed):
    client = app.test_client()
    answers = {**WAITING, "which-reply-is-late": {"awaited": "stage1"}}
    url = go_to(client, answers, "when-did-you-send-it")
    refused = client.post(url, data={"awaited_since": typed})
    assert refused.status_code == 303 and slug_of(refused.location) == "when-did-you-send-it"
    page = client.get(refused.location)
    assert page.status_code == 200 and "There is a problem" in text_of(page)


# ---------------------------------------------------------------------------------------------------------
# M4/J5: requests on the same reference, read together


def _request(app, reference: str, **more) -> str:
    client = app.test_client()
    answer_until_check(client, {**STAGE2, "earlier-complaint": {"earlier_reference": reference}, **more})
    page = send(client)
    return records(app)[-1]["reference"], page


def test_a_second_request_on_a_reference_tells_the_caseworker_of_the_first(app):
    original = send_new(app, PARENT)
    first, _ = _request(app, original)
    first_text = plain_text(_council(app, first))
    assert "Other requests sent through this service" not in first_text
    assert _json_of(_council(app, first))["escalation"]["earlier"]["requests"] == []
    second, page = _request(app, original, **{"still-unhappy": {"still_unhappy": "SECOND-POINT", "wanted": "x"}})
    text = plain_text(_council(app, second))
    needs = text[text.index("NEEDS ACTION"):text.index("TAKING A COMPLAINT FURTHER")]
    assert (f"Other requests sent through this service name {original} too: {first} (Stage 2 of the children's "
            f"social care complaints procedure, made on {due_text(TODAY)}).") in needs
    assert "(escalation.earlier_requests)" in needs
    # Its content is never copied: the first request's words are not in the second's email.
    assert "SECOND-POINT" in text  # this request's own words
    assert "The visits did not restart." not in text
    data = _json_of(_council(app, second))
    assert data["escalation"]["earlier"]["requests"] == [
        {"reference": first, "asks_for": "statutory_stage2", "submitted": TODAY.isoformat()}]
    # The person who asked (maybe a stranger) is told nothing of the other request.
    assert first not in page
    mine = [plain_text(m) for m in sent_mail(app) if str(m["X-Complaint-Message"]) == "complainant"
            and second in str(m["Subject"])]
    assert mine and first not in mine[0] and "Other requests" not in mine[0]


def test_a_review_panel_asked_on_a_complaint_made_today_is_flagged(app):
    original = send_new(app, PARENT)
    panel, _ = _request(app, original, **{"which-reply": {"reply_stage": "stage2"},
                                          "date-of-the-reply": {"reply_date": date_parts(TODAY)}})
    text = plain_text(_council(app, panel))
    assert (f"{original} was made on {due_text(TODAY)}, the day of this request: a review panel comes after a stage 1 "
            "reply and a stage 2 investigation") in text
    assert _json_of(_council(app, panel))["escalation"]["asked_too_soon"] is True
    stage2, _ = _request(app, original, **{"date-of-the-reply": {"reply_date": date_parts(TODAY)}})
    assert "escalation.asked_too_soon" not in plain_text(_council(app, stage2))
    assert _json_of(_council(app, stage2))["escalation"]["asked_too_soon"] is False


def test_a_reference_that_is_not_ours_has_no_requests_listed(app):
    first, _ = _request(app, "CSC/2026-0412")
    second, _ = _request(app, "CSC/2026-0412")
    assert "Other requests sent through this service" not in plain_text(_council(app, second))
    assert _json_of(_council(app, second))["escalation"]["earlier"] is None


def test_a_relative_not_sure_of_the_procedure_of_a_statutory_complaint_is_moved_by_the_caseworker(app):
    # Walk N, N3: Begum's complaint is statutory; her sister-in-law, not sure, was worked out as the council's own
    # procedure. Her pages say nothing of what we hold; the caseworker is told to handle it in the statutory one.
    original = _sent_new(app, PARENT)
    sister = {"who-are-you": {"who": "relative"}, "which-procedure": {"earlier_procedure": "unsure"},
              "what-is-it-about": {"about": "education"},
              "your-name": {"name": "Sister In-law"}, "about-the-child": {"child_name": "Sam Smith", "child_age": "14",
                                                                        "child_dob": ["", "", ""]}}
    request, page = _request(app, original, **sister)
    council = _council(app, request)
    data = _json_of(council)
    assert data["escalation"]["earlier"]["procedure"] == "statutory"
    assert data["decision"]["procedure"] == "corporate"
    text = plain_text(council)
    needs = text[text.index("NEEDS ACTION"):text.index("TAKING A COMPLAINT FURTHER")]
    assert (f"{original} was sent to the statutory procedure, but this request was worked out as the corporate "
            f"procedure: handle it in the procedure of {original}") in needs
    assert "statutory procedure" not in page  # her page says nothing of it
    # The same procedure: nothing to move.
    parent, _ = _request(app, original)
    assert "escalation.earlier_procedure_differs" not in plain_text(_council(app, parent))


def test_the_danger_error_names_both_answers(app):
    client = app.test_client()
    refused = client.post("/complaint/child-in-danger", data={})
    page = text_of(client.get(refused.location))
    assert "Select yes if a child is in danger right now, or no if not" in page


def test_the_procedure_page_does_not_say_you_made_it(app):
    client = app.test_client()
    page = text_of(client.get(go_to(client, STAGE2, "which-procedure")))
    assert "The earlier complaint" in page and "The complaint you made before" not in page


def test_hostile_and_multipart_posts_to_the_new_pages_are_refused_or_take_one_answer(app):
    from io import BytesIO

    client = app.test_client()
    url = go_to(client, WAITING, "which-reply-is-late")
    for bad in ("stage3", "<script>alert(1)</script>", "stage1\x00", "x" * 5000):
        refused = client.post(url, data={"awaited": bad})
        assert slug_of(refused.location) == "which-reply-is-late", bad
        page = client.get(refused.location)
        assert page.status_code == 200 and "<script>alert" not in page.get_data(as_text=True)
    both = client.post(url, data={"awaited": ["stage2", "stage1"], "file": (BytesIO(b"x" * 1000), "a.txt")},
                       content_type="multipart/form-data")
    assert both.status_code in (302, 303) and slug_of(both.location) in ("which-reply-is-late", "when-did-you-send-it")
    assert client.get(both.location).status_code == 200
    url = go_to(client, {**WAITING, "which-reply-is-late": {"awaited": "stage1"}}, "when-did-you-send-it")
    for bad in (["1", "1", "2026", "9"], ["\uff11", "1", "2026x"], ["<b>", "", ""]):
        refused = client.post(url, data={"awaited_since": bad})
        assert slug_of(refused.location) == "when-did-you-send-it", bad
        assert client.get(refused.location).status_code == 200
    page = client.post("/complaint/next-stage", data={"reference": "x" * 100, "procedure": "statutory" * 10})
    assert page.status_code in (200, 303)
