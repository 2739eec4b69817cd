"""Taking a complaint further: the defects walks G, H and I left (issue 12, session 8).

- M1 (walk H): a request whose named procedure is not the one its subject would give a new complaint was sent to
  the council as "Procedure: Statutory", then "Why this procedure: ... the council's own complaints procedure
  (corporate_subject)". A request's decision now carries its own reasons (its escalation rule's and flags'), in the
  email, the JSON and the staff preview, and the council is asked to check the procedure named.
- G7/M5: "no difference in the child's name or the contact details" when there was nothing to compare.
- I7: "The review panel meets" on the latest day it may meet: "by" (page, emails, calendar, young words, Welsh).
- I12: "The reply you had should say which one" read by someone who has had no reply.
- The young person's request email: its heading, subject, stage 2 description and Ombudsman sentence were adult.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from test_escalation_attacks import STAGE2, go_to, records, send_new
from test_escalation_late_reason import YOUNG
from test_escalation_people import LATE

from tests.conftest import TEST_STAFF_PASSWORD
from tests.delivery_fixtures import complaint_schema, schema_errors
from tests.journey_answers import PARENT, TODAY, answer_until_check, check_and_send, date_parts, text_of

# Mrs Patel (walk H): child protection (the council's own procedure in the example profile), but she says her
# complaint is in the children's social care procedure, and asks for stage 2.
NAMED_STATUTORY = {**STAGE2, "what-is-it-about": {"about": "child_protection"}}
PANEL = {**STAGE2, "which-reply": {"reply_stage": "stage2"}}
YOUNG_STAGE2 = {**STAGE2, **YOUNG}
YOUNG_LATE_PANEL = {**LATE, **YOUNG, "which-reply": {"reply_stage": "stage2"}}


@pytest.fixture
def app(make_app):
    return make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)


def _mails(app) -> list:
    return [message_from_bytes(p.read_bytes(), policy=policy.default)
            for p in sorted((Path(app.config["DATA_DIR"]) / "mail").rglob("*.eml"))]


def _plain(message) -> str:
    return message.get_body(("plain",)).get_content()


def _one(app, kind: str, reference: str | None = None):
    found = [m for m in _mails(app) if str(m["X-Complaint-Message"]) == kind
             and (reference is None or str(m["X-Complaint-Reference"]) == reference)]
    assert len(found) == 1, [(str(m["X-Complaint-Message"]), str(m["To"])) for m in _mails(app)]
    return found[0]


def _attached(message) -> dict:
    return next(json.loads(part.get_content()) for part in message.iter_attachments()
                if part.get_filename().endswith(".json"))


def _send(app, answers, welsh: bool = False) -> tuple[str, str, str]:
    """Check your answers, the confirmation page (as text) and the request's reference."""
    client = app.test_client()
    check, confirmation = check_and_send(client, answers, welsh)  # the emails go once the sent page has gone
    calendar = client.get("/complaint/sent/calendar.ics").get_data(as_text=True).replace("\r\n ", "")
    return check, confirmation + "\n" + calendar, records(app)[-1]["reference"]


def _section(text: str, title: str) -> str:
    return text.split(title, 1)[1].split("\n\n", 1)[0]


# --- M1 ---------------------------------------------------------------------------------------------------------


def test_a_request_in_the_procedure_its_person_named_gives_that_procedures_reasons_and_asks_to_check_it(app):
    _send(app, NAMED_STATUTORY)
    council = _one(app, "council")
    text = _plain(council)
    assert "Procedure: Statutory (statutory)" in text
    why = _section(text, "WHY THIS PROCEDURE")
    # No reason of the new complaint's routing that names the other procedure.
    assert "corporate_subject" not in text and "council's own complaints procedure rather than" not in text
    assert "(rule: statutory_stage1_reply)" in why and "(rule: procedure_named_not_routed)" in why
    # The escalation rule's reason is said once, not in two sections.
    assert text.count("so you can ask for stage 2") == 1
    assert "escalation.procedure_named" in _section(text, "NEEDS ACTION")
    data = _attached(council)
    assert data["decision"]["procedure"] == "statutory"
    assert data["decision"]["rules"] == ["statutory_stage1_reply", "procedure_named_not_routed"]
    assert data["escalation"]["decision"]["flags"] == ["procedure_named"]
    assert schema_errors(data, complaint_schema()) == []
    # The HTML part says the same.
    html = council.get_body(("html",)).get_content()
    assert "corporate_subject" not in html and "procedure_named_not_routed" in html
    assert html.count("so you can ask for stage 2") == 1


def test_a_request_in_the_procedure_its_subject_gives_is_not_flagged_and_keeps_the_routings_notes(app):
    _send(app, {**STAGE2, "advocate-for-the-child": {"advocacy": "yes"}})
    text = _plain(_one(app, "council"))
    why = _section(text, "WHY THIS PROCEDURE")
    assert "procedure_named" not in text
    # The complaint routing's note that still holds for the request (an advocate asked for) is kept; its outcome
    # rule (why a new complaint would go to this procedure) is not said of a request.
    assert "(rule: advocacy_requested)" in why and "(rule: statutory_stage1_reply)" in why
    assert "(rule: own_right)" not in text
    assert _attached(_one(app, "council"))["decision"]["rules"] == ["statutory_stage1_reply", "advocacy_requested"]


def test_the_staff_scenario_and_walk_preview_show_a_requests_own_decision(app):
    client = app.test_client()
    assert client.post("/staff/sign-in", data={"password": TEST_STAFF_PASSWORD}).status_code == 302
    page = client.get("/staff/scenario", query_string={
        "who": "parent", "about": "child_protection", "child_age": "9", "submitted": "2026-12-14",
        "kind": "escalation", "stated_procedure": "statutory", "reply_stage": "stage1", "reply_date": "2026-12-10",
    })
    assert page.status_code == 200
    shown = text_of(page)
    assert "Where it goes: The children's social care complaints procedure" in shown
    assert "corporate_subject" not in shown and "procedure_named_not_routed" in shown
    # Walking the journey as staff: the banner on Check your answers gives the request's rule, not the routing's.
    assert client.post("/staff/preview/start").status_code == 302
    answer_until_check(client, NAMED_STATUTORY)
    html = client.get("/complaint/check").get_data(as_text=True)
    banner = html[html.index('id="preview-banner"'):html.index("</section>")]
    assert "statutory_stage1_reply" in banner and "procedure_named_not_routed" in banner
    assert "corporate_subject" not in banner


# --- G7/M5 ------------------------------------------------------------------------------------------------------


def test_what_was_compared_and_what_was_not_is_said(app):
    theirs = send_new(app, PARENT)  # child "Sam Smith", an email address only
    phone_only = {**STAGE2, "earlier-complaint": {"earlier_reference": theirs},
                  "about-the-child": PARENT["about-the-child"],  # the same child's name
                  "contact-details": {**STAGE2["contact-details"], "email": "", "phone": "07700 900555"},
                  "how-to-contact-you": {"preferred": "phone"},
                  "contacting-you-safely": {"safe": "yes", "leave_message": "yes", "safe_way": ""},
                  "date-of-the-reply": {"reply_date": date_parts(TODAY)}}
    _send(app, phone_only)
    mine = records(app)[-1]
    earlier = mine["record"]["escalation"]["earlier"]
    assert earlier["differs"] == [] and earlier["compared"] == ["child_name"]
    text = " ".join(_plain(_one(app, "council", mine["reference"])).split())
    assert "no difference in the child's name or the contact details" not in text
    assert "Compared with it, the same in both: the child's name." in text
    assert ("Not compared (given in only one of them, or in neither): the email address, the phone number and "
            "the postal address.") in text


def test_a_request_with_no_detail_in_common_says_it_was_not_compared():
    """A child's name is asked on both paths, so a request and a complaint of ours nearly always share it; an
    earlier record with none (or a request that gives none) has nothing in common to compare, which is not a
    match. What the council reads in each case, from the record's ``compared`` and ``differs``."""
    from types import SimpleNamespace

    from wizard.delivery.messages import _earlier_check
    from wizard.domain.complaint import EarlierComplaint

    def check(**known) -> str:
        return _earlier_check(SimpleNamespace(earlier=EarlierComplaint("EX-23456789", **known)), lambda s: s)

    nothing = check(differs=(), compared=())
    assert nothing.startswith("Not compared with it: the request and that complaint do not both give any of the "
                              "child's name, an email address, a phone number or a postal address.")
    assert "no difference" not in nothing and "Compared with it" not in nothing
    assert "check the request is from the same person" in nothing
    every = check(differs=(), compared=("child_name", "email", "phone", "address"))
    assert every.startswith("Compared with it, the same in both: the child's name, the email address, the phone "
                            "number and the postal address. Anyone")
    differs = check(differs=("phone",), compared=("child_name", "phone"))
    assert differs.startswith("Compared with it: the phone number differs. Not compared (given in only one of them, "
                              "or in neither): the email address and the postal address.")
    # Stored before ``compared`` was kept: no claim about what was compared.
    assert check(differs=(), compared=None).startswith("Compared with it: no difference in the details both give.")
    assert check(differs=None).startswith("This request could not be compared with it")


# --- I7 ---------------------------------------------------------------------------------------------------------


def test_the_review_panel_date_is_the_latest_day_it_may_meet_everywhere(app):
    check, sent, reference = _send(app, PANEL)
    flat_sent = " ".join(sent.split())
    for shown in (check, flat_sent):
        assert "The review panel meets by" in shown
        assert not re.search(r"The review panel meets (?!by)", shown.replace("The review panel meets by", ""))
    assert "SUMMARY:Example Council: The review panel meets by (request" in sent  # the calendar's event
    mine = " ".join(_plain(_one(app, "complainant")).split())
    assert "The review panel meets by:" in mine and "The review panel meets:" not in mine
    assert "Review panel to meet by:" in _plain(_one(app, "council"))


def test_a_young_person_and_a_welsh_reader_read_the_panel_date_as_the_latest_day(make_app, tmp_path):
    young = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False, DATA_DIR=tmp_path / "young")
    _, sent, _ = _send(young, YOUNG_LATE_PANEL)
    assert "The latest day for the review panel meeting (if we say yes)" in sent
    assert "The latest day for the review panel meeting (if we say yes):" in _plain(_one(young, "complainant"))
    welsh = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False, DATA_DIR=tmp_path / "welsh")
    check, sent, _ = _send(welsh, PANEL, welsh=True)
    assert "Mae'r panel adolygu yn cyfarfod erbyn" in check and "Mae'r panel adolygu yn cyfarfod erbyn" in sent
    assert "Mae'r panel adolygu yn cyfarfod erbyn:" in _plain(_one(welsh, "complainant"))


# --- I12 --------------------------------------------------------------------------------------------------------


def test_the_procedure_question_does_not_assume_a_reply_came(app):
    # Asked before which reply: Mrs Okafor (walk I), still waiting for a late stage 1 reply, reads it too.
    client = app.test_client()
    page = text_of(client.get(go_to(client, STAGE2, "which-procedure")))
    assert "The reply you had" not in page
    assert ("A letter or email from the council about your complaint should say which one: its reply, or the "
            "message saying it had your complaint.") in page


# --- The young person's request email -------------------------------------------------------------------------


def test_a_young_persons_request_email_is_in_young_words(make_app, tmp_path):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False, DATA_DIR=tmp_path / "en")
    _, sent, _ = _send(app, YOUNG_STAGE2)
    mail = _one(app, "complainant")
    text = " ".join(_plain(mail).split())
    html = " ".join(re.sub(r"<[^>]+>", " ", mail.get_body(("html",)).get_content()).split())
    assert str(mail["Subject"]).startswith("We have your request to look at your complaint again: reference ")
    for shown in (text, html):
        assert "We have your request to look at your complaint again" in shown
        assert "take your complaint further" not in shown
        assert "Two new people will look into your complaint." in shown and "investigating officer" not in shown
        assert ("If you are still unhappy at the end, you can ask the Ombudsman to look at your complaint. The "
                "Ombudsman checks how councils deal with complaints.") in shown
        assert "Local Government and Social Care Ombudsman to look" not in shown
        assert "The number you gave us for your complaint: CSC/2026-0412." in shown
    # The confirmation page reads the same description of stage 2.
    assert "Two new people will look into your complaint." in sent and "investigating officer" not in sent
    # An adult's email is as before.
    adult = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False, DATA_DIR=tmp_path / "adult")
    _send(adult, STAGE2)
    theirs = " ".join(_plain(_one(adult, "complainant")).split())
    assert "We have received your request to take your complaint further" in theirs
    assert "An investigating officer" in theirs and "Local Government and Social Care Ombudsman" in theirs


def test_a_young_persons_request_email_in_welsh(make_app, tmp_path):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False, DATA_DIR=tmp_path / "cy")
    _send(app, YOUNG_STAGE2, welsh=True)
    mail = _one(app, "complainant")
    text = " ".join(_plain(mail).split())
    assert str(mail["Subject"]).startswith("Mae eich cais i edrych ar eich cwyn eto gennym: cyfeirnod ")
    assert "Bydd dau berson newydd yn edrych ar eich cwyn." in text
    assert "Mae'r Ombwdsmon yn gwirio sut mae cynghorau'n delio â chwynion." in text
    assert "swyddog ymchwilio" not in text and "Ombwdsmon Llywodraeth Leol" not in text


# --- I11: one check of every date a person types ---------------------------------------------------------------


def _refused(client, url: str, parts: list[str], field: str = "reply_date") -> str:
    response = client.post(url, data={field: parts})
    assert response.status_code == 303, response.status_code  # refused: back to the page, with the error
    html = client.get(response.location).get_data(as_text=True)
    assert "govuk-error-summary" in html
    return html


def test_a_reply_date_before_anything_about_a_complaint_here_can_be_is_refused_and_kept(app):
    from wizard.domain.ages import earliest_day

    client = app.test_client()
    url = go_to(client, STAGE2, "date-of-the-reply")
    floor = earliest_day(TODAY)
    html = _refused(client, url, ["1", "1", "1900"])
    said = (f"Date you got the reply cannot be before {floor.day} {floor:%B %Y}: this service is for complaints "
            "about ")
    assert said in " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert 'value="1900"' in html  # what was typed is shown back
    html = _refused(client, url, date_parts(floor - timedelta(days=1)))
    assert "cannot be before" in html
    # The day itself is taken (a late request: the council may still agree), and the request goes on.
    taken = client.post(url, data={"reply_date": date_parts(floor)})
    assert taken.status_code == 302 and taken.location.endswith("/complaint/asking-later")


def test_a_reply_date_in_other_digits_or_with_a_fourth_part_is_not_read_quietly(app):
    client = app.test_client()
    url = go_to(client, STAGE2, "date-of-the-reply")
    text = " ".join(re.sub(r"<[^>]+>", " ", _refused(client, url, ["٣", "11", "2026"])).split())
    assert "Date you got the reply must be written with the numbers 0 to 9" in text
    html = _refused(client, url, ["3", "11", "2026", "7"])
    assert "Date you got the reply must be a real date" in html
    # Full-width digits (a phone set for another script) are the same numbers: read, and shown back as read.
    day = TODAY - timedelta(days=3)
    wide = [str(p).translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}) for p in date_parts(day)]
    taken = client.post(url, data={"reply_date": wide})
    assert taken.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert f'value="{day.year}"' in page


def test_a_new_complaints_date_has_the_same_check(app):
    from wizard.domain.ages import earliest_day

    client = app.test_client()
    answer_until_check(client, PARENT)
    url = "/complaint/when-did-it-happen"
    html = _refused(client, url, ["1", "1", "1900"], field="happened")
    assert "Date it happened cannot be before" in html
    assert "Date it happened must be written with the numbers 0 to 9" in _refused(
        client, url, ["1", "١١", "2025"], field="happened")
    assert "Date it happened must be a real date" in _refused(client, url, ["1", "3", "2025", "9"], field="happened")
    # Long ago, but after the floor: a late complaint, asked why, never refused.
    taken = client.post(url, data={"happened": date_parts(earliest_day(TODAY) + timedelta(days=1))})
    assert taken.status_code == 302 and taken.location.endswith("/complaint/why-now")


def test_the_date_errors_are_in_welsh_and_young_words(app):
    client = app.test_client()
    url = go_to(client, {**STAGE2, **YOUNG}, "date-of-the-reply")
    young = " ".join(re.sub(r"<[^>]+>", " ", _refused(client, url, ["1", "1", "1900"])).split())
    assert "cannot be before" in young and "Check the year." in young
    assert "children and young people aged 25 or under" not in young
    welsh = app.test_client()
    url = go_to(welsh, STAGE2, "date-of-the-reply")
    welsh.get("/language/cy?next=" + url)
    html = _refused(welsh, url, ["٣", "11", "2026"])
    assert "rhifau 0 i 9" in html
