"""Taking a complaint further, held against the people who use it (issue 12, the fresh-eyes walk's findings):
what a person who gave only a phone is promised, what the council reads first, and the small things.
"""

from __future__ import annotations

from datetime import date as _date
from datetime import timedelta

from test_escalation_attacks import STAGE2, records

from tests.journey_answers import PARENT, TODAY, answer_until_check, date_parts, plain_text, send, sent_mail, text_of
from wizard.domain.dates import due_text
from wizard.domain.workdays import working_days

LATE = {**STAGE2, "date-of-the-reply": {"reply_date": date_parts(TODAY - timedelta(days=90))}}
# Someone who gave only a phone and said "text me first": no letter, no email.
PHONE_ONLY = {
    **LATE,
    "contact-details": {
        "email": "", "phone": "07700 900123", "address_line_1": "", "address_line_2": "",
        "address_town": "", "address_postcode": "",
    },
    "how-to-contact-you": {"preferred": "phone"},
    "contacting-you-safely": {"safe": "no", "leave_message": "no", "safe_way": "Text me first"},
}


def test_a_person_who_gave_only_a_phone_is_not_promised_a_letter(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    client = app.test_client()
    answer_until_check(client, PHONE_ONLY)
    check = text_of(client.get("/complaint/check"))
    confirmation = send(client)
    assert "You are asking later than usual." in check
    assert "It will contact you in the way you told us is safe, to tell you." in check
    assert "We will contact you in the way you told us is safe, to tell you what we decide." in confirmation
    for shown in (check, confirmation):
        assert "will write to tell you" not in shown and "We will write" not in shown
    assert records(app)[-1]["record"]["answers"]["contact"]["preferred"] == "phone"


def test_a_person_who_chose_email_is_told_we_will_write(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    client = app.test_client()
    answer_until_check(client, LATE)
    check = text_of(client.get("/complaint/check"))
    confirmation = send(client)
    assert "It will write to tell you." in check
    assert "We will write to tell you what we decide." in confirmation
    [mine] = [m for m in sent_mail(app) if "lee@example.com" in str(m["To"])]
    assert "We will write to tell you what we decide." in plain_text(mine)


def test_the_council_reads_danger_and_safe_contact_before_the_request_and_its_flags(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    client = app.test_client()
    answers = {**PHONE_ONLY, "child-in-danger": {"danger": "yes"}, "advocate-for-the-child": {"advocacy": "yes"}}
    answer_until_check(client, {**answers, "danger-now": {"carry_on": "yes"}})
    sent = client.post("/complaint/send")
    client.get(sent.location).close()  # the emails are sent once the page has gone
    reference = records(app)[-1]["reference"]
    [council] = [m for m in sent_mail(app) if reference in str(m["Subject"]) and "lee@" not in str(m["To"])
                 and "advoca" not in str(m["To"])]
    text = plain_text(council, folded=False)
    needs = text[text.index("NEEDS ACTION"):text.index("TAKING A COMPLAINT FURTHER")]
    ids = [line.rsplit("(", 1)[1].rstrip(")") for line in needs.splitlines() if line.startswith("- ")]
    assert ids[0] == "danger_reported", ids
    contact = [i for i in ids if i.startswith("contact.")]
    assert contact and ids[1:1 + len(contact)] == contact, ids
    further = [i for i in ids if i.startswith("escalation.")]
    assert "escalation.late" in further
    assert ids.index(further[0]) > ids.index(contact[-1])
    flags = [i for i in ids if not i.startswith(("danger", "contact.", "child.", "escalation."))]
    assert flags, ids  # an advocate asked for: a routing flag to order
    assert all(ids.index(f) > ids.index(further[-1]) for f in flags), ids


def _send(app, answers):
    client = app.test_client()
    answer_until_check(client, answers)
    sent = client.post("/complaint/send")
    page = client.get(sent.location)
    html = page.get_data(as_text=True)
    confirmation = text_of(page)
    page.close()  # the emails are sent once the page has gone
    return client, html, confirmation, records(app)[-1]


def _council(app, reference):
    [council] = [m for m in sent_mail(app) if reference in str(m["Subject"]) and "[" in str(m["Subject"])
                 and "Advocate" not in str(m["To"])]
    return plain_text(council)


def test_a_stage2_request_in_time_says_what_happens_next_with_its_dates_and_both_references(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    client, html, page, stored = _send(app, STAGE2)
    reference = stored["reference"]
    record = stored["record"]
    received = record["timeline"]["received"]
    assert record["escalation"]["next_stage"] == "statutory_stage2"
    # The acknowledgement: the profile's statutory acknowledgement days from the day the request is received.
    profile = app.extensions["council"]
    days = profile.procedures["statutory"].get("acknowledgement").working_days
    ack = working_days(profile.holiday_region).add(_date.fromisoformat(received), days)
    assert f"We tell you we have your request {due_text(ack)}" in page
    for due in record["timeline"]["milestones"]:
        assert due_text(_date.fromisoformat(due["due"])) in page
    assert "You asked in time: within 20 working days of the reply" in page
    assert "investigating officer" in page and "independent person" in page
    assert "agree with you what they will look into" in page
    # Counted as the calendar and a new complaint's page count it: from the day the reply reaches them (E6).
    assert ("If you are still unhappy after this stage, you can ask for a review panel. You usually need to ask "
            "within 20 working days of the day you get the reply to this stage.") in page
    assert f"We have sent it with the reference you gave, CSC/2026-0412. When you contact us about this request, " \
           f"quote the new reference, {reference}." in page
    assert "if we agree" not in page
    [mine] = [plain_text(m) for m in sent_mail(app) if "lee@example.com" in str(m["To"])]
    assert f"We tell you we have your request: {due_text(ack)}." in mine
    assert ("The reference of your earlier complaint, as you gave it: CSC/2026-0412. For this request, quote the "
            "new reference above.") in mine
    assert "You asked in time" in mine and "investigating officer" in mine and "ask for a review panel" in mine
    # The calendar file holds the same dates.
    ics = client.get("/complaint/sent/calendar.ics")
    assert ics.status_code == 200
    body = ics.get_data(as_text=True)
    # The acknowledgement, the stage's dates, and the day its reply is due, when the window to ask for a review
    # panel opens (test_calendars.py).
    assert body.count("BEGIN:VEVENT") == 2 + len(record["timeline"]["milestones"])
    assert ack.strftime("%Y%m%d") in body
    for due in record["timeline"]["milestones"]:
        assert due["due"].replace("-", "") in body
    assert f"(request {reference})" in body.replace("\r\n ", "")


def test_a_late_review_panel_request_reads_if_the_council_agrees_on_its_dates(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    late_panel = {**LATE, "which-reply": {"reply_stage": "stage2"}}
    _, html, page, stored = _send(app, late_panel)
    record = stored["record"]
    assert record["escalation"]["next_stage"] == "review_panel" and record["escalation"]["decision"]["window"]["late"]
    assert "The review panel meets by (if we agree to look at your request)" in page
    assert "We tell you we have your request (if" not in page  # acknowledging does not wait for the decision
    assert "You asked in time" not in page
    assert "This is the last stage of the council's complaints procedure." in page
    assert "three people" in page and "bring an advocate and one other person" in page
    council = _council(app, stored["reference"])
    assert "Review panel to meet by (if the council agrees to look at the late request)" in council
    assert "Acknowledge the request by:" in council


def test_a_reply_date_given_without_its_day_reads_as_a_month_in_the_council_email(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    month = TODAY.replace(day=1) - timedelta(days=1)  # some day last month
    answers = {**STAGE2, "date-of-the-reply": {"reply_date": ["", str(month.month), str(month.year)]}}
    _, _, _, stored = _send(app, answers)
    assert stored["record"]["escalation"]["reply_date_day_known"] is False
    council = _council(app, stored["reference"])
    last = month  # the month's last day
    expected = (f"got on {last.strftime('%B %Y')} (day not given; counted from {last.day} {last.strftime('%B')})")
    assert expected in council


def test_a_new_complaints_council_email_names_later_stages_as_only_if_asked(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    _, _, _, stored = _send(app, PARENT)
    council = _council(app, stored["reference"])
    assert "Stage 2 reply due (only if the person asks for that stage):" in council
    assert "Review panel to meet by (only if the person asks for that stage):" in council
    assert "Acknowledge by:" in council and "Acknowledge by (only" not in council
    assert "Stage 2 may be asked for until (if stage 1 replies on time):" in council


def test_the_late_reason_may_be_left_empty_and_the_council_reads_no_reason_given(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    client = app.test_client()
    answer_until_check(client, {**LATE, "asking-later": {"escalation_late_reason": ""}})
    check = text_of(client.get("/complaint/check"))
    assert "Why you are asking now Not given" in check
    sent = client.post("/complaint/send")
    client.get(sent.location).close()
    stored = records(app)[-1]
    assert stored["record"]["escalation"]["late_reason"] is None
    assert "Why they are asking now: no reason given" in _council(app, stored["reference"])


def test_the_late_reason_page_says_it_need_not_be_given(client):
    from test_escalation_attacks import go_to

    url = go_to(client, LATE, "asking-later")
    page = text_of(client.get(url))
    assert "You do not have to say." in page


def test_no_subject_carries_a_raw_code(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    in_need = {**PARENT, "what-is-it-about": {"about": "child_in_need"}, "advocate": {"advocacy": "yes"},
               "advocate-for-the-child": {"advocacy": "yes"}}
    _send(app, in_need)
    _send(app, {**LATE, "advocate-for-the-child": {"advocacy": "yes"}})
    _send(app, {**STAGE2, "earlier-complaint": {"earlier_reference": ""}})
    subjects = [str(m["Subject"]) for m in sent_mail(app)]
    assert any("Help for a child in need" in s for s in subjects), subjects
    assert any("(earlier reference not from this service): A child in care" in s for s in subjects), subjects
    assert any("(no earlier reference given)" in s for s in subjects), subjects
    for s in subjects:
        for raw in ("child_in_need", "looked_after", "not ours or not given", "_"):
            assert raw not in s, s


def test_a_request_naming_our_complaint_is_threaded_under_its_council_email(make_app):
    from test_escalation_attacks import send_new

    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    theirs = send_new(app, PARENT)
    _, _, _, stored = _send(app, {**STAGE2, "earlier-complaint": {"earlier_reference": theirs}})
    [earlier] = [m for m in sent_mail(app) if str(m["X-Complaint-Reference"]) == theirs
                 and str(m["X-Complaint-Message"]) == "council"]
    [request] = [m for m in sent_mail(app) if str(m["X-Complaint-Reference"]) == stored["reference"]
                 and str(m["X-Complaint-Message"]) == "council"]
    assert str(request["In-Reply-To"]) == str(earlier["Message-ID"]) == str(request["References"])
    # A request naming a reference that is not ours starts no thread.
    _, _, _, other = _send(app, STAGE2)
    [alone] = [m for m in sent_mail(app) if str(m["X-Complaint-Reference"]) == other["reference"]
               and str(m["X-Complaint-Message"]) == "council"]
    assert alone["In-Reply-To"] is None and alone["References"] is None


def test_the_ombudsman_page_links_to_the_next_stage_and_shows_its_website(client):
    html = client.get("/ombudsman").get_data(as_text=True)
    assert 'href="/complaint/next-stage">Ask for the next stage of a complaint you have already made</a>' in html
    assert '>www.lgo.org.uk</a>' in html
    assert "the Ombudsman&#39;s website" not in html


def test_a_reply_dated_1800_is_too_long_ago(client):
    from test_escalation_attacks import go_to

    url = go_to(client, STAGE2, "date-of-the-reply")
    refused = client.post(url, data={"reply_date": ["1", "1", "1800"]})
    page = text_of(client.get(refused.location))
    assert "is too long ago: check the year" in page and "must be a real date" not in page


def test_without_a_public_address_a_new_complaints_email_says_how_else_to_ask(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False, PUBLIC_URL=None)
    _send(app, PARENT)
    [mine] = [plain_text(m) for m in sent_mail(app) if "pat@example.com" in str(m["To"])]
    profile = app.extensions["council"]
    assert f"To ask, call us on {profile.phone} or email" in mine
    assert "complaints form online" not in mine


def test_a_late_new_complaint_from_a_phone_only_person_is_not_promised_a_letter(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    late_new = {
        **PARENT,
        "when-did-it-happen": {"happened": date_parts(TODAY - timedelta(days=800))},
        "why-now": {"late_reason": "I was unwell."},
        "contact-details": PHONE_ONLY["contact-details"],
        "how-to-contact-you": {"preferred": "phone"},
        "contacting-you-safely": {"safe": "yes", "leave_message": "no", "safe_way": "Text me first"},
    }
    _, _, page, stored = _send(app, late_new)
    assert "late" in stored["record"]["decision"]["flags"]
    assert "First, we will decide whether we can still look at it" in page
    assert "We will contact you in the way you told us is safe, to tell you what we decide." in page
    assert "We will write" not in page
    # Someone who chose email reads that we will write.
    email_late = {**late_new, "contact-details": PARENT["contact-details"],
                  "how-to-contact-you": {"preferred": "email"},
                  "contacting-you-safely": PARENT["contacting-you-safely"]}
    _, _, page, _ = _send(app, email_late)
    assert "We will write to tell you what we decide." in page
    [mine] = [plain_text(m) for m in sent_mail(app) if "pat@example.com" in str(m["To"])]
    assert "using what you told us about why you are complaining now. We will write to tell you what we decide." \
        in mine


def test_a_childs_own_complaint_has_no_list_of_consent_nos_for_the_council(make_app):
    """Found by a fresh-eyes walk (Y2): on Kai's own complaint the council read "Child's agreement asked: No /
    Going on without the child's agreement: No", as if something had been missed. Nobody needed the child's
    agreement: the email says so. A parent's complaint where the child was asked still lists it."""
    from test_child_words import KAI

    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    kai = {**KAI, "child-in-danger": {"danger": "no"}, "advocate": {"advocacy": "no"}}
    _client, _html, _confirmation, stored = _send(app, kai)
    council = _council(app, stored["reference"])
    assert "No consent was needed or recorded." in council
    assert "Child's agreement asked" not in council
    assert "Going on without the child's agreement" not in council
