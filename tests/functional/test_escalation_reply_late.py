"""Someone whose reply has not come and is late (issue 12, session 7; fresh-eyes walk E, finding E5).

"Which reply have you had most recently?" offers "I have not had a reply, and it is late". domain.md and the seeds
give no rule that lets a person go on to the next stage because a reply is late, so the journey asks nothing for
them and sends nothing: it shows the council's own reply times (its profile), how to ask the council (its phone,
and its inbox when it has one) and that the Ombudsman can be contacted at any time, though it usually expects the
council to have had the chance first (seed 004). Adult and young words, English and Welsh.
"""

from __future__ import annotations

import pytest

from tests.functional.test_child_words import DEE, answers
from tests.journey_answers import PARENT, slug_of, text_of

WAITING = {
    **PARENT,
    "new-or-reply": {"kind": "escalation"},
    "earlier-complaint": {"earlier_reference": "CSC/2026-0412"},
    "which-procedure": {"earlier_procedure": "statutory"},
    "which-reply": {"reply_stage": "overdue"},
    # Which reply, and when they sent what it answers (session 9, walks J and M: J2/M5).
    "which-reply-is-late": {"awaited": "stage1"},
    "when-did-you-send-it": {"awaited_since": ["1", "10", "2026"]},
}


def walk_to(client, route, stop="reply-is-late", limit=40):
    """Follow the journey, posting each page's answer, until ``stop`` is served: its response."""
    response = client.get("/complaint/")
    seen = []
    for _ in range(limit):
        assert response.status_code == 302, f"expected a redirect, got {response.status_code} after {seen}"
        slug = slug_of(response.location)
        seen.append(slug)
        page = client.get(response.location)
        assert page.status_code == 200, (slug, page.status_code)
        if slug == stop:
            return page, seen
        response = client.post(response.location, data=route.get(slug, {"carry_on": "yes"}))
    raise AssertionError(f"never reached {stop}: {seen}")


@pytest.fixture
def kingston(make_app):
    return make_app(COUNCIL="kingston", WTF_CSRF_ENABLED=False).test_client()


@pytest.fixture
def lancashire(make_app):
    # Lancashire publishes no inbox (the complaints go to COUNCIL_INBOX): the page gives its phone only.
    return make_app(COUNCIL="lancashire", COUNCIL_INBOX="complaints@example.gov.uk", WTF_CSRF_ENABLED=False
                    ).test_client()


def test_the_choice_is_offered_and_leads_to_what_they_can_do_with_the_councils_own_times(kingston):
    which, _ = walk_to(kingston, WAITING, stop="which-reply")
    assert "I have not had a reply, and it is late" in text_of(which)
    page, seen = walk_to(kingston, WAITING)
    text = text_of(page)
    html = page.get_data(as_text=True)
    assert "date-of-the-reply" not in seen  # no reply, so no date of one is asked
    assert "If your reply is late" in text
    # Kingston's statutory times (its profile: seed 000), each with the longer time it allows itself.
    assert ("Stage 1 reply: within 10 working days of the council getting your complaint. If the council tells you "
            "it needs more time, up to 20 working days.") in text
    assert ("Stage 2 reply: within 25 working days of the council getting your request. If the council tells you "
            "it needs more time, up to 65 working days.") in text
    assert "Review panel: it meets within 30 working days of the council getting your request." in text
    # How to ask: the council's number as a link to call it, and its inbox.
    assert ("Ask Royal Borough of Kingston upon Thames when you will get your reply. Call 0208 547 5000 or email "
            "crm.complaints@kingston.gov.uk, and give the reference of your complaint if you have it.") in text
    assert 'href="tel:+442085475000"' in html
    # The Ombudsman at any time (seed 004), and the page about it.
    assert "you can contact the Local Government and Social Care Ombudsman at any time" in text
    assert "It usually expects the council to have had the chance to deal with your complaint first." in text
    assert 'href="/ombudsman"' in html
    # Nothing invents a right to the next stage.
    assert "ask for stage 2 now" not in text.lower()
    assert "When your reply comes, if you are still unhappy, you can come back here and ask for the next stage." \
        in text


def test_the_journey_stops_there_and_nothing_can_be_sent(kingston):
    walk_to(kingston, WAITING)
    for later in ("/complaint/date-of-the-reply", "/complaint/still-unhappy", "/complaint/check"):
        response = kingston.get(later)
        assert response.status_code == 302 and slug_of(response.location) == "reply-is-late", later
    sent = kingston.post("/complaint/send")
    assert sent.status_code in (302, 303) and slug_of(sent.location) == "reply-is-late"
    assert kingston.post("/complaint/reply-is-late", data={"carry_on": "yes"}).status_code == 405


def test_changing_the_answer_to_a_reply_carries_on_as_before(kingston):
    walk_to(kingston, WAITING)
    changed = kingston.post("/complaint/which-reply?change=1", data={"reply_stage": "stage1"})
    assert slug_of(changed.location) == "date-of-the-reply"


def test_a_corporate_complaint_in_kingston_has_its_fifteen_days_and_no_longer_time(kingston):
    page, _ = walk_to(kingston, {**WAITING, "which-procedure": {"earlier_procedure": "corporate"}})
    text = text_of(page)
    assert "Stage 1 reply: within 15 working days of the council getting your complaint." in text
    assert "Stage 2 reply: within 15 working days of the council getting your request." in text
    assert "needs more time" not in text and "Review panel" not in text


def test_where_the_council_counts_from_the_acknowledgement_the_page_says_so(make_app):
    client = make_app(WTF_CSRF_ENABLED=False).test_client()  # the example council: the Code's corporate defaults
    page, _ = walk_to(client, {**WAITING, "which-procedure": {"earlier_procedure": "corporate"}})
    text = text_of(page)
    assert ("Stage 1 reply: within 10 working days of the council telling you it has your complaint. If the council "
            "tells you it needs more time, up to 20 working days.") in text


def test_not_sure_of_the_procedure_shows_the_one_worked_out_from_the_answers(kingston):
    page, _ = walk_to(kingston, {**WAITING, "which-procedure": {"earlier_procedure": "unsure"}})
    assert 'data-replies="statutory"' in page.get_data(as_text=True)  # a parent, a child in care: statutory


def test_without_an_inbox_the_page_says_to_call(lancashire):
    page, _ = walk_to(lancashire, WAITING)
    text = text_of(page)
    assert ("Ask Lancashire County Council when you will get your reply. Call 0300 123 6701 and give the reference "
            "of your complaint if you have it.") in text
    assert "email" not in text.split("What you can do")[1].split("Ombudsman")[0]
    assert "complaints@example.gov.uk" not in text


def test_a_care_leaver_reads_it_in_young_words(kingston):
    young = answers(DEE, new_or_reply={"kind": "escalation"}, earlier_complaint={"earlier_reference": ""},
                    which_procedure={"earlier_procedure": "statutory"}, which_reply={"reply_stage": "overdue"},
                    which_reply_is_late={"awaited": "stage1"},
                    when_did_you_send_it={"awaited_since": ["1", "10", "2026"]})
    which, _ = walk_to(kingston, young, stop="which-reply")
    assert "My reply has not come, and it is late" in text_of(which)
    page, _ = walk_to(kingston, young)
    text = text_of(page)
    assert "The first reply (stage 1): within 10 working days of the council getting your complaint." in text
    assert "If the council says it needs more time: up to 20 working days." in text
    assert "Ask Royal Borough of Kingston upon Thames when your reply will come." in text
    assert "It will usually want the council to try first." in text
    assert "Local Government and Social Care Ombudsman" not in text.split("Exit this page")[-1].split("Get help")[0]


def test_in_welsh(kingston):
    kingston.get("/language/cy?next=/")
    walk_to(kingston, WAITING, stop="which-reply")
    assert "Nid wyf wedi cael ateb, ac mae'n hwyr" in text_of(kingston.get("/complaint/which-reply"))
    page, _ = walk_to(kingston, WAITING)
    text = text_of(page)
    assert "Os yw eich ateb yn hwyr" in text
    assert "Ateb cam 1: cyn pen 10 diwrnod gwaith ar ôl i'r cyngor gael eich cwyn." in text
    assert "gallwch gysylltu ag Ombwdsmon Llywodraeth Leol a Gofal Cymdeithasol ar unrhyw adeg" in text


def test_hostile_answers_to_which_reply_are_refused_and_kept_off_the_page(kingston):
    walk_to(kingston, WAITING, stop="which-reply")
    for bad in ("overdue\x00", "OVERDUE", "<script>", "overdue overdue"):
        refused = kingston.post("/complaint/which-reply", data={"reply_stage": bad})
        assert slug_of(refused.location) == "which-reply", bad
        page = kingston.get(refused.location)
        assert "Select which reply you have had most recently" in text_of(page)
        assert "<script>" not in page.get_data(as_text=True)
    # Two values at once, and a multipart body with a stray file: one answer is taken, or the page refuses.
    from io import BytesIO

    both = kingston.post("/complaint/which-reply", data={"reply_stage": ["overdue", "stage1"],
                                                          "file": (BytesIO(b"x" * 1000), "a.txt")},
                         content_type="multipart/form-data")
    # Session 9: "overdue" now leads to which reply is late (J2/M5), before the reply-is-late page.
    assert both.status_code in (302, 303) and slug_of(both.location) in ("which-reply", "which-reply-is-late",
                                                                           "date-of-the-reply")
    assert kingston.get(both.location).status_code == 200


def test_a_young_person_waiting_for_a_late_reply_reads_it_at_grade_5_with_every_hard_word_explained(kingston):
    from tests.functional.test_child_words import MIA, report, unexplained_terms
    from tests.readability import grade

    waiting = answers(MIA, which_reply={"reply_stage": "overdue"}, which_reply_is_late={"awaited": "stage1"},
                      when_did_you_send_it={"awaited_since": ["1", "10", "2026"]})
    page, _ = walk_to(kingston, waiting)
    html = page.get_data(as_text=True)
    assert "The first reply (stage 1)" in html
    assert grade(html) <= 5, report([("reply-is-late", html)], 5)
    assert not unexplained_terms(html)
