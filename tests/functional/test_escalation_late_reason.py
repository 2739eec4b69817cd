"""A late request to take a complaint further, with and without a reason (the reason is optional): what the
person reads on Check your answers, the confirmation page and their email, and what the council reads, in adult
and young words, in English and Welsh. Nobody is told "using what you told us about why" when they told us
nothing (issue 12, brief item 2)."""

from __future__ import annotations

import pytest
from test_escalation_people import LATE

from tests.journey_answers import check_and_send, plain_text, sent_mail

REASON = {"asking-later": {"escalation_late_reason": "I was in hospital."}}
NO_REASON = {"asking-later": {"escalation_late_reason": "   "}}  # spaces only: nothing said
YOUNG = {
    "who-are-you": {"who": "child"},
    "feeling-safe": {"feels_safe": "yes"},  # a child's new complaint asks it (session 9); a request does not
    "your-name": {"name": "Jade"},
    "about-you": {"child_age": "15", "child_dob": ["", "", ""], "surname": "", "social_worker": "", "where": ""},
    "contact-details": {
        "email": "jade@example.com", "phone": "", "address_line_1": "", "address_line_2": "",
        "address_town": "", "address_postcode": "",
    },
}


def _send(app, answers, welsh=False):
    check, confirmation = check_and_send(app.test_client(), answers, welsh)
    mails = sent_mail(app)
    [mine] = [m for m in mails if "@example.com" in str(m["To"])]
    [council] = [m for m in mails if str(m["X-Complaint-Message"]) == "council"]
    return check, confirmation, plain_text(mine), plain_text(council)


@pytest.fixture
def app(make_app):
    return make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)


ABOUT_WHY = "using what you told us about why"


def test_an_adult_who_gave_a_reason_is_told_it_will_be_used(app):
    check, confirmation, mine, council = _send(app, {**LATE, **REASON})
    assert "The council will first decide whether it can agree to your request, using what you told us about why." \
        in check
    for shown in (confirmation, mine):
        assert "First, we will decide whether we can agree to your request, using what you told us about why." \
            in shown
        assert "You did not tell us why" not in shown
    assert "The council can still agree to it, and the person has said why it is later." in council
    assert "did not say why" not in council


def test_an_adult_who_gave_no_reason_is_not_told_we_will_use_it(app):
    check, confirmation, mine, council = _send(app, {**LATE, **NO_REASON})
    assert ABOUT_WHY not in check
    assert "You have not said why you are asking later: you do not have to, but it can help the council decide." \
        in check
    for shown in (confirmation, mine):
        assert ABOUT_WHY not in shown
        assert "You did not tell us why you are asking later, so we may ask you." in shown
    assert "has said why" not in council
    assert "The person did not say why it is later: ask them if the council needs to know." in council
    assert "Why they are asking now: no reason given" in council


def test_a_young_person_who_gave_no_reason_reads_young_words_that_do_not_claim_one(app):
    check, confirmation, mine, _ = _send(app, {**LATE, **YOUNG, **NO_REASON})
    assert "You do not have to say why, but it can help." in check
    for shown in (confirmation, mine):
        assert "You asked later than most people do. First, we will decide if we can say yes. We may ask you why." \
            in shown
        assert ABOUT_WHY not in shown and "working days after the reply. First" not in shown


def test_a_young_person_who_gave_a_reason_reads_young_words(app):
    check, confirmation, mine, _ = _send(app, {**LATE, **YOUNG, **REASON})
    assert "You are asking later than most people do. The council will first decide if it can say yes." in check
    assert "You do not have to say why" not in check
    for shown in (confirmation, mine):
        assert "You asked later than most people do. First, we will decide if we can say yes." in shown
        assert "We may ask you why" not in shown and ABOUT_WHY not in shown


def test_in_welsh_without_a_reason(app):
    check, confirmation, mine, council = _send(app, {**LATE, **NO_REASON}, welsh=True)
    assert "Nid ydych wedi dweud pam rydych yn gofyn yn hwyrach" in check
    assert "gan ddefnyddio'r hyn a ddywedoch wrthym am pam" not in check
    for shown in (confirmation, mine):
        assert "Ni ddywedoch wrthym pam rydych yn gofyn yn hwyrach, felly efallai y byddwn yn gofyn i chi." in shown
        assert "gan ddefnyddio'r hyn a ddywedoch wrthym am pam" not in shown
    assert "The person did not say why it is later" in council  # the council's email stays in English


def test_in_welsh_with_a_reason(app):
    check, confirmation, mine, _ = _send(app, {**LATE, **REASON}, welsh=True)
    assert "gan ddefnyddio'r hyn a ddywedoch wrthym am pam" in check
    for shown in (confirmation, mine):
        assert "gan ddefnyddio'r hyn a ddywedoch wrthym am pam" in shown


def test_in_welsh_in_young_words_without_a_reason(app):
    check, confirmation, mine, _ = _send(app, {**LATE, **YOUNG, **NO_REASON}, welsh=True)
    assert "Does dim rhaid i chi ddweud pam, ond gall helpu." in check
    for shown in (confirmation, mine):
        assert "Efallai y byddwn yn gofyn i chi pam." in shown
