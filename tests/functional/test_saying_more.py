"""The 5,000-character limit of "What happened?": the page says what to do if that is not enough, with the
council's own inbox and phone number from its profile, in adult and young words, English and Welsh (issue 14,
session 5). The server counts an emoji as one character (the browser test holds the counter to the same)."""

from __future__ import annotations

import pytest

from tests.functional.test_child_words import KAI, answers, walk
from tests.journey_answers import PARENT, answer_until_check, text_of
from wizard.domain.profiles import load_profile

PROFILE = load_profile("example")


def complaint_page(client, route=PARENT, language="en") -> str:
    client.get(f"/language/{language}?next=/")
    answer_until_check(client, route)
    return text_of(client.get("/complaint/your-complaint"))


@pytest.mark.parametrize(
    ("route", "language", "said"),
    [
        (PARENT, "en", "You can write up to 5000 characters about what happened. If you need to say more, send the "
                       "rest by email to {inbox} after you send this form, with your complaint's reference in the "
                       "subject. Or call {council} on {phone} and ask to talk to someone."),
        (PARENT, "cy", "Os oes angen i chi ddweud mwy, anfonwch y gweddill mewn e-bost i {inbox}"),
        # "Send this first": the reference comes after sending (walk G, L5; was "email the rest ... after you
        # send this. Put your reference number in the subject").
        (KAI, "en", "You can write up to 5000 characters about what happened. If you want to say more, "
                    "send this first. You will then get a reference number. Email the rest to {inbox}"),
        (KAI, "cy", "Gallwch ysgrifennu hyd at 5000 nod am beth ddigwyddodd."),
    ],
)
def test_the_page_says_what_to_do_if_5000_characters_are_not_enough(client, route, language, said):
    assert PROFILE.inbox and PROFILE.phone
    text = complaint_page(client, route, language)
    assert said.format(inbox=PROFILE.inbox, council=PROFILE.name, phone=PROFILE.phone) in text


def test_without_an_inbox_in_the_profile_the_page_says_to_call(make_app):
    lancashire = load_profile("lancashire")
    assert lancashire.inbox is None  # it publishes none: its mail goes to COUNCIL_INBOX, not for the public
    client = make_app(
        WTF_CSRF_ENABLED=False, COUNCIL="lancashire", COUNCIL_INBOX="complaints@example.gov.uk"
    ).test_client()
    text = complaint_page(client)
    assert f"If you need to say more, call {lancashire.name} on {lancashire.phone} after you send this form" in text
    assert "send the rest by email" not in text and "complaints@example.gov.uk" not in text


def test_5000_emoji_or_welsh_letters_are_accepted_and_one_more_is_refused(client):
    answer_until_check(client)
    for text, ok in (("😀" * 5000, True), ("ŵ" * 4999 + "ŷ", True), ("w\u0302" * 5000, True), ("😀" * 5001, False)):
        data = {**PARENT["your-complaint"], "what_happened": text}
        response = client.post("/complaint/your-complaint", data=data)
        refused = response.location.rstrip("/").endswith("your-complaint")
        assert refused is not ok, text[:3]
        if not ok:
            assert "What happened must be 5000 characters or fewer" in text_of(client.get(response.location))


def test_a_childs_walk_still_reaches_the_end(client):
    pages = walk(client, answers(KAI), with_errors=False)
    assert pages[-1][0] == "sent"


# --- the escalation path (issue 14, session 6) ---------------------------------------------------------------
# Mia, 15, asks late for a review panel (the 1,200-character "why now" and the 5,000-character "still unhappy");
# a parent asks late for stage 2.

from tests.functional.test_child_words import MIA, PAT_FURTHER  # noqa: E402

PAT_LATE = answers(PAT_FURTHER, date_of_the_reply={"reply_date": MIA["date-of-the-reply"]["reply_date"]},
                   asking_later={"escalation_late_reason": ""})


def escalation_page(client, route, slug, language="en") -> str:
    client.get(f"/language/{language}?next=/")
    answer_until_check(client, route)
    return text_of(client.get(f"/complaint/{slug}"))


@pytest.mark.parametrize(
    ("route", "slug", "language", "said"),
    [
        (PAT_LATE, "still-unhappy", "en",
         "You can write up to 5000 characters about what you are still unhappy about. If you need to say more, "
         "send the rest by email to {inbox} after you send this form, with your request's reference in the "
         "subject. Or call {council} on {phone} and ask to talk to someone."),
        (PAT_LATE, "asking-later", "en",
         "You can write up to 1200 characters about why you are asking now. If you need to say more, send the "
         "rest by email to {inbox}"),
        (PAT_LATE, "still-unhappy", "cy",
         "Gallwch chi ysgrifennu hyd at 5000 nod am yr hyn rydych chi'n dal yn anhapus yn ei gylch. Os oes angen i "
         "chi ddweud mwy, anfonwch y gweddill mewn e-bost at {inbox}"),
        (PAT_LATE, "asking-later", "cy", "Gallwch chi ysgrifennu hyd at 1200 nod am pam rydych chi'n gofyn nawr."),
        (MIA, "still-unhappy", "en",
         "You can write up to 5000 characters about what is still wrong. If you want to say more, send this "
         "first. You will then get a reference number. Email the rest to {inbox}"),
        (MIA, "asking-later", "en", "You can write up to 1200 characters about why you are asking now."),
        (MIA, "asking-later", "cy", "Gallwch chi ysgrifennu hyd at 1200 nod am pam rydych chi'n gofyn"),
    ],
)
def test_the_escalation_fields_say_what_to_do_to_say_more(client, route, slug, language, said):
    text = escalation_page(client, route, slug, language)
    assert said.format(inbox=PROFILE.inbox, council=PROFILE.name, phone=PROFILE.phone) in text


def test_without_an_inbox_the_escalation_fields_say_to_call(make_app):
    lancashire = load_profile("lancashire")
    client = make_app(
        WTF_CSRF_ENABLED=False, COUNCIL="lancashire", COUNCIL_INBOX="complaints@example.gov.uk"
    ).test_client()
    text = escalation_page(client, PAT_LATE, "still-unhappy")
    assert (f"If you need to say more, call {lancashire.name} on {lancashire.phone} after you send this form, give "
            "your request's reference") in text
    assert "complaints@example.gov.uk" not in text
