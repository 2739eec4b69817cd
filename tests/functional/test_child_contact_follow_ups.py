"""The child's contact pages, as walks G and I met them (session 8): what an advocate types about reaching the
child safely is kept after "Yes"; a child who does not know about the complaint is not contacted by surprise, by
the council or by the advocacy service; a young person can be reached through a worker where they live, or
someone else; the consent age is said as the council's setting; easy read or large print chosen with no address
is flagged. English and Welsh."""

from __future__ import annotations

import re

import pytest

from tests.functional.test_child_words import DEE_NO_WAY, KAI, KAI_THROUGH_TRUSTED, answers, walk
from tests.functional.test_no_phone_or_email import (
    advocacy_email,
    attached,
    body,
    council_email,
    needs_action,
    sent_mail,
    text_of_html,
)
from tests.functional.test_people_journey import ADVOCATE
from tests.journey_answers import PARENT, answer_until_check, text_of


@pytest.fixture
def mailing(make_app):
    return make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False).test_client()


def send(client) -> None:
    client.get(client.post("/complaint/send").location).close()


# --- the advocate's typed safe way ---------------------------------------------------------------------------

TYPED = "Only through me. Never ring the children's home: the staff there are who the complaint is about."
ADVOCATE_TYPED = {**ADVOCATE, "contacting-the-child-safely": {
    "child_safe": "yes", "child_safe_way": TYPED, "child_leave_message": "no"}}


def test_what_an_advocate_types_about_reaching_the_child_safely_is_kept_after_yes(mailing):
    answer_until_check(mailing, ADVOCATE_TYPED)
    assert TYPED in text_of(mailing.get("/complaint/check"))
    send(mailing)
    message = council_email(mailing)
    assert f"How to contact the child safely: {TYPED}" in needs_action(body(message))
    assert attached(message)["answers"]["child_needs"]["safe_way"] == TYPED


def test_the_childs_safe_way_is_still_required_after_no_and_nothing_typed_adds_nothing(client):
    answer_until_check(client, ADVOCATE_TYPED)
    refused = client.post("/complaint/contacting-the-child-safely",
                          data={"child_safe": "no", "child_safe_way": "  ", "child_leave_message": "no"},
                          follow_redirects=True)
    assert "Enter how the council should reach the child" in text_of(refused)
    client.post("/complaint/contacting-the-child-safely",
                data={"child_safe": "yes", "child_safe_way": "", "child_leave_message": "no"})
    assert "How to reach the child safely" not in text_of(client.get("/complaint/check"))


# --- a child who does not know about the complaint -------------------------------------------------------------

def unaware(knows: str, advocacy: str = "yes") -> dict:
    return {**PARENT, "does-the-child-know": {"child_knows": knows}, "advocate-for-the-child": {"advocacy": advocacy}}


@pytest.mark.parametrize("knows, said", [
    ("no", "The child does not know about this complaint: do not contact the child about it until you have spoken "
           "to the person who made it."),
    ("unsure", "The person is not sure the child knows about this complaint: do not contact the child about it "
               "until you have spoken to the person who made it."),
])
def test_the_council_is_told_not_to_raise_the_complaint_with_a_child_who_does_not_know(mailing, knows, said):
    answer_until_check(mailing, unaware(knows, advocacy="no"))
    send(mailing)
    assert said in needs_action(body(council_email(mailing)))


def test_a_child_who_knows_needs_no_such_caution(mailing):
    answer_until_check(mailing, unaware("yes", advocacy="no"))
    send(mailing)
    assert "do not contact the child about it" not in body(council_email(mailing))


def test_the_advocacy_service_asks_the_council_before_contacting_a_child_who_does_not_know(make_app):
    """H11: the parent asked the council to offer the child an advocate, and was told the council would take into
    account that the child does not know. The advocacy service got "Would like an advocate: Yes" and nothing
    else: it could ring a 9-year-old about a complaint he has never heard of."""
    separate = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False,
                        ADVOCACY_INBOX="advocacy@example.org").test_client()
    answer_until_check(separate, unaware("no"))
    send(separate)
    text = body(advocacy_email(separate))
    # L7: the person asked the council to offer one; the child did not ask.
    assert "Asked the council to offer the child an advocate: Yes" in text
    assert "Would like an advocate" not in text
    assert ("The child does not know about this complaint, or may not. Do not contact the child until the "
            "council's complaints team has agreed with the person who made the complaint when and how the child "
            "is told: ask the complaints team first, quoting the reference.") in " ".join(text.split())


def test_when_the_advocacy_inbox_is_the_complaints_inbox_it_points_to_the_complaint_email(mailing):
    same = mailing.application
    same.config["ADVOCACY_INBOX"] = same.config["COUNCIL_INBOX"]
    answer_until_check(mailing, unaware("unsure"))
    send(mailing)
    texts = [" ".join(body(m).split()) for m in sent_mail(mailing) if m["X-Complaint-Message"] == "advocacy"]
    assert len(texts) == 1
    assert "read the complaint email with the same reference first" in texts[0]
    assert "ask the complaints team first" not in texts[0]


# --- someone a young person trusts ---------------------------------------------------------------------------

HOME_WORKER = answers(KAI_THROUGH_TRUSTED, someone_you_trust={
    "trusted_role": "home_worker", "trusted_name": "Jo Price", "trusted_phone": "01632 960 456",
    "trusted_email": "", "trusted_about": "no"})


@pytest.mark.parametrize("language, mine, other", [
    ("en", "A worker where I live, like my key worker at my children's home", "Someone else"),
    ("cy", "Gweithiwr lle rydw i'n byw, fel fy ngweithiwr allweddol yn fy nghartref plant", "Rhywun arall"),
])
def test_a_young_person_can_be_reached_through_a_worker_where_they_live_or_someone_else(client, language, mine,
                                                                                        other):
    client.get(f"/language/{language}?next=/")
    answer_until_check(client, HOME_WORKER)
    page = text_of(client.get("/complaint/someone-you-trust"))
    assert mine in page and other in page


def test_the_council_is_told_a_worker_where_they_live_may_be_close_to_what_the_complaint_is_about(mailing):
    pages = dict(walk(mailing, HOME_WORKER, with_errors=False))
    assert "Jo Price" in text_of_html(pages["check"])
    message = council_email(mailing)
    actions = " ".join(needs_action(body(message)).split())
    assert ("Contact this person only through someone they trust: Jo Price, a worker where they live, such as "
            "their key worker at their children's home (phone 01632 960 456).") in actions
    assert ("This person works where the young person lives: check the complaint is not about them or the people "
            "they work with before you contact them.") in actions
    assert attached(message)["answers"]["contact"]["trusted"]["role"] == "home_worker"


def test_someone_else_is_named_to_the_council_as_someone_they_trust(mailing):
    walk(mailing, answers(HOME_WORKER, someone_you_trust={
        "trusted_role": "other", "trusted_name": "Ali Khan", "trusted_phone": "", "trusted_email": "ali@example.org",
        "trusted_about": "no"}), with_errors=False)
    actions = " ".join(needs_action(body(council_email(mailing))).split())
    assert "Ali Khan, someone else they trust (email ali@example.org)" in actions
    assert "works where the young person lives" not in actions


# --- the consent age is the council's setting ---------------------------------------------------------------

@pytest.mark.parametrize("language, said, not_said", [
    ("en", "Example Council asks for a child's agreement to a complaint made for them from the age of 12. For a "
           "younger child, it does not need their agreement.", "Children under 12 do not have to agree"),
    ("cy", "Mae Example Council yn gofyn i blentyn gytuno i gŵyn a wneir ar ei ran o 12 oed ymlaen.",
     "Does dim rhaid i blant o dan 12 oed"),
])
def test_the_consent_age_is_said_as_the_councils_own_setting(client, language, said, not_said):
    client.get(f"/language/{language}?next=/")
    answer_until_check(client, unaware("no"))
    page = text_of(client.get("/complaint/does-the-child-know"))
    assert said in page and not_said not in page


# --- easy read or large print with no address -----------------------------------------------------------------

NO_ADDRESS_LETTERS = {**PARENT, "help-to-take-part": {"help": ["easy_read", "large_print"]}}


def test_easy_read_or_large_print_with_no_postal_address_is_flagged(mailing):
    answer_until_check(mailing, NO_ADDRESS_LETTERS)
    send(mailing)
    actions = " ".join(needs_action(body(council_email(mailing))).split())
    flagged = "They gave no postal address: send it the way they gave, or agree one with them."
    assert f"Write letters in easy read. {flagged}" in actions
    assert f"Write letters in large print. {flagged}" in actions


def test_with_a_postal_address_the_letters_are_not_flagged(mailing):
    answer_until_check(mailing, {**NO_ADDRESS_LETTERS, "contact-details": {
        **PARENT["contact-details"], "address_line_1": "1 High Street", "address_town": "Kingston",
        "address_postcode": "KT1 1AA"}})
    send(mailing)
    actions = needs_action(body(council_email(mailing)))
    assert "Write letters in easy read." in actions and "gave no postal address" not in actions


# --- the advocacy service's "how to get in touch" ----------------------------------------------------------------

def contact_block(text: str) -> str:
    return text.split("HOW TO GET IN TOUCH", 1)[1]


def test_a_child_whose_phone_is_not_safe_is_not_listed_with_phone_as_the_best_way(make_app):
    """J1: Kai gave only a phone and said it is not safe ("Text only. My carer checks my phone."). The advocacy
    email listed "Best way to contact: Phone", a choice he never made, before how to reach him safely."""
    client = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False,
                      ADVOCACY_INBOX="advocacy@example.org").test_client()
    walk(client, KAI, with_errors=False)
    block = contact_block(body(advocacy_email(client)))
    assert "Best way to contact" not in block
    safe = block.index("How to contact safely: Text only. My carer checks my phone.")
    assert safe < block.index("Phone: 07700 900 982")
    assert block.index("Safe to contact that way: No") < block.index("Phone: 07700 900 982")


def test_with_two_ways_the_best_way_chosen_says_it_is_not_safe(make_app):
    client = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False,
                      ADVOCACY_INBOX="advocacy@example.org").test_client()
    walk(client, answers(KAI, contact_details={**KAI["contact-details"], "email": "kai@example.com"},
                         how_to_contact_you={"preferred": "phone"}), with_errors=False)
    block = " ".join(contact_block(body(advocacy_email(client))).split())
    assert ("Best way to contact: Phone, but they said it is not safe: see how to contact them safely, above"
            in block)


def test_with_two_ways_a_safe_best_way_is_listed_plainly(make_app):
    safe = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False,
                    ADVOCACY_INBOX="advocacy@example.org").test_client()
    walk(safe, answers(KAI, contact_details={**KAI["contact-details"], "email": "kai@example.com"},
                       how_to_contact_you={"preferred": "email"},
                       contacting_you_safely={"safe": "yes", "safe_way": "", "leave_message": "no"}),
         with_errors=False)
    assert "Best way to contact: Email" in contact_block(body(advocacy_email(safe)))


# --- a full name is not asked for twice ---------------------------------------------------------------------------

def test_a_young_person_who_gave_their_full_name_is_not_asked_their_last_name_again(client):
    """J11: Tyler typed "tyler jones" as his name and was then asked for his last name."""
    answer_until_check(client, answers(KAI, your_name={"name": "Kai Jones"}))
    page = text_of(client.get("/complaint/about-you"))
    assert "How old are you?" in page and "Your last name (optional)" not in page
    first_only = client.application.test_client()
    answer_until_check(first_only, KAI)
    assert "Your last name (optional)" in text_of(first_only.get("/complaint/about-you"))


def test_the_consent_part_of_the_council_email_says_why_no_agreement_was_asked_for_a_younger_child(mailing):
    """J13: "No consent was needed or recorded" beside a parent who had just said whether the child knows."""
    answer_until_check(mailing, unaware("yes", advocacy="no"))
    send(mailing)
    text = " ".join(body(council_email(mailing)).split())
    assert ("No consent was needed: the child is younger than 12, the age from which the council asks for it. "
            "Whether they know about the complaint is in the answers below.") in text
    assert "No consent was needed or recorded" not in text


# --- walk K: the council's email about a child it must not contact, or whose information is withheld -----------

ADVOCATE_NOT_SAFE = {**ADVOCATE, "contacting-the-child-safely": {
    "child_safe": "no", "child_safe_way": "Only through me.", "child_leave_message": "no"}}


def test_a_child_the_council_must_not_contact_directly_tags_the_subject(mailing):
    """K2: Kai must not be contacted directly, yet the subject was only "[Statutory] [Provider care]"."""
    answer_until_check(mailing, ADVOCATE_NOT_SAFE)
    send(mailing)
    assert "[Contact safely: read first]" in str(council_email(mailing)["Subject"])


def test_a_child_who_may_be_contacted_leaves_the_subject_untagged(mailing):
    answer_until_check(mailing, ADVOCATE_TYPED)
    send(mailing)
    assert "[Contact safely: read first]" not in str(council_email(mailing)["Subject"])


RELATIVE_NOT_AGREED = {**PARENT, "who-are-you": {"who": "relative"},
                       "about-the-child": {"child_name": "Ray", "child_age": "15", "child_dob": ["", "", ""]},
                       "does-the-child-agree": {"child_agrees": "no"}}


def test_the_council_email_does_not_reply_to_someone_who_may_not_have_the_childs_information(mailing):
    """K6: "do not share the child's personal information with them", and Reply-To was that person, with the
    footer "Replying to this email goes to the complainant"."""
    answer_until_check(mailing, RELATIVE_NOT_AGREED)
    send(mailing)
    message = council_email(mailing)
    assert message["Reply-To"] is None
    text = " ".join(body(message).split())
    assert ("Replying to this email does not go to the complainant: it holds the child's information, which must "
            "not be shared with them until you decide whether they have a sufficient interest (see NEEDS ACTION). "
            "Write to them separately at pat@example.com.") in text
    assert "Replying to this email goes to the complainant" not in text
    # A parent, who may have it, is still replied to.
    parent = mailing.application.test_client()
    answer_until_check(parent, PARENT)
    send(parent)
    found = [m for m in sent_mail(parent) if m["X-Complaint-Message"] == "council" and m["Reply-To"] is not None]
    assert [str(m["Reply-To"]) for m in found] == ["pat@example.com"]


def test_not_sure_whether_the_child_would_like_an_advocate_asks_the_council_to_offer_one(mailing):
    """K8: "I'm not sure" was recorded as "Advocate requested: No", with nothing for the caseworker to do."""
    walk(mailing, {**PARENT, "advocate-for-the-child": {"advocacy": "unsure"}}, with_errors=False)
    assert ("The person was not sure whether an advocate is wanted: explain what an advocate does and offer one."
            in " ".join(needs_action(body(council_email(mailing))).split()))


# --- walk K1: a complaint about a social worker is not "something else" -----------------------------------------

@pytest.mark.parametrize("route, said", [
    (PARENT, ("A child looked after by the council: where they live, their care plan, their social worker, contact "
              "with family.",
              "A council service not listed here, or how an adult was treated by council staff. If it is about a "
              "social worker or a child's care, choose one of the options above.",
              "including relatives or friends bringing up a child")),
    (KAI, ("Where you live, your care plan, your social worker, or seeing your family.",
           "Something else the council does. If it is about your social worker or your care, choose one of the "
           "choices above.")),
], ids=["adult", "child"])
def test_what_it_is_about_sends_a_social_workers_doings_to_the_childrens_subjects(client, route, said):
    """K1: "How you were treated by council staff" under "Something else the council does" led a child whose
    social worker shouts at her into the council's own procedure, away from the review panel and an advocate."""
    answer_until_check(client, route)
    page = text_of(client.get("/complaint/what-is-it-about"))
    for words in said:
        assert words in page
    assert "How you were treated by council staff" not in page


# --- walk K3: the name typed for the child's agreement -----------------------------------------------------------

@pytest.mark.parametrize("typed, flagged", [("x", True), ("Robin Reed", True), ("Kim", False),
                                            ("kim lee", False), ("Lee", False)])
def test_a_typed_name_that_is_not_the_childs_asks_the_council_to_check_the_child_agrees(mailing, typed, flagged):
    """K3: "x", or the advocate's own name, was taken as the child's agreement, and nothing was flagged."""
    answer_until_check(mailing, {**ADVOCATE_TYPED, "child-confirms": {"confirm_name": typed}})
    send(mailing)
    actions = " ".join(needs_action(body(council_email(mailing))).split())
    said = (f"The name typed to confirm the child agrees ({typed}) is not the child's name (Kim Lee): check with the "
            "child, in the safe way given, that they agree.")
    assert (said in actions) is flagged


# --- walk K7: no copy offered, and told how to get one ---------------------------------------------------------

@pytest.mark.parametrize("language, said", [
    ("en", "If you want a copy of what you sent, call us and ask for one. Our number is below."),
    ("cy", "Os ydych chi eisiau copi o'r hyn a anfonoch, ffoniwch ni a gofyn am un. Mae ein rhif isod."),
])
def test_someone_offered_no_printout_is_told_how_to_get_a_copy(mailing, language, said):
    """K7: Mrs Evans (no email) said "no messages", so no printout or calendar was offered, and she had no copy."""
    mailing.get(f"/language/{language}?next=/")
    answer_until_check(mailing, {**NO_ADDRESS_LETTERS, "contacting-you-safely": {
        "safe": "yes", "safe_way": "", "leave_message": "no"}, "contact-details": {
        **PARENT["contact-details"], "email": "", "phone": "01632 960 111"}})
    page = text_of(mailing.get(mailing.post("/complaint/send").location))
    assert said.replace("'", "&#39;") in page or said in page
    offered = mailing.application.test_client()
    offered.get(f"/language/{language}?next=/")
    answer_until_check(offered, PARENT)
    assert said not in text_of(offered.get(offered.post("/complaint/send").location))


def test_an_advocates_complaint_names_the_advocate_and_does_not_read_as_no_advocate(mailing):
    """K (L5): Priya's complaint said "Advocate requested: No", and "The advocate filing" left out her name."""
    answer_until_check(mailing, ADVOCATE_TYPED)
    send(mailing)
    text = body(council_email(mailing))
    advocacy = text.split("ADVOCACY", 1)[1].split("\n\n", 1)[0]
    assert "Advocate requested: none, the complaint is made by the child's advocate (below)." in advocacy
    assert "Advocate requested: No" not in advocacy
    assert "Name: Robin Reed; Organisation: Voices" in advocacy


def test_a_young_person_is_told_the_reference_comes_after_sending(client):
    """Walk G (L5): "email the rest ... put your reference number in the subject" came before any reference."""
    answer_until_check(client, KAI)
    page = text_of(client.get("/complaint/your-complaint"))
    assert ("If you want to say more, send this first. You will then get a reference number. Email the rest to "
            "complaints@example.gov.uk with that number in the subject.") in page


@pytest.mark.parametrize("who, choice", [("child", "Your social worker"), ("parent", "A social worker")])
def test_a_complaint_about_a_social_worker_has_its_own_choice_and_goes_to_the_childrens_procedure(mailing, who,
                                                                                                 choice):
    """K1 and L1: a 14-year-old scared of her social worker found no choice for it, chose "something else", and
    went to the council's own procedure with nothing flagged."""
    route = answers(KAI, what_is_it_about={"about": "social_worker"}) if who == "child" else {
        **PARENT, "what-is-it-about": {"about": "social_worker"}}
    answer_until_check(mailing, route)
    page = text_of(mailing.get("/complaint/what-is-it-about"))
    assert page.index(choice) < page.index("Something else the council does")
    send(mailing)
    message = council_email(mailing)
    assert str(message["Subject"]).startswith(("[Statutory]", "[Child in danger reported]"))
    assert "[Statutory]" in str(message["Subject"])
    assert attached(message)["answers"]["about"] == "social_worker"


# --- walks J4 and M2: the dates are the latest days, not appointments ----------------------------------------

LATEST = "Each date below is the latest day: it may come sooner."


def test_the_dates_after_sending_are_said_to_be_the_latest_days(mailing):
    from tests.functional.test_escalation_journey import ESCALATION

    answer_until_check(mailing, PARENT)
    assert LATEST in text_of(mailing.get(mailing.post("/complaint/send").location))
    request = mailing.application.test_client()
    answer_until_check(request, ESCALATION)
    page = request.get(request.post("/complaint/send").location)
    assert LATEST in text_of(page)
    page.close()  # what a server does once the page has gone: the emails are sent
    mine = [m for m in sent_mail(request) if m["X-Complaint-Message"] == "complainant"
            and "request" in str(m["Subject"]).lower()]
    assert mine and LATEST in " ".join(body(mine[-1]).split())


# --- session 9: the pages that send people to staff, letters with no address, a child with only a first name --------

NEVER_STAFF = {
    "en": "You do not have to do this, and you never have to talk to the people your complaint is about.",
    "cy": "Does dim rhaid i chi wneud hyn, a does byth rhaid i chi siarad â'r bobl y mae eich cwyn amdanyn nhw.",
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_adult_told_talking_to_staff_can_be_quicker_is_told_they_never_have_to_talk_to_those_staff(client,
                                                                                                       language):
    """K16: an advocate whose complaint is about the social worker was told to talk to the social worker first."""
    client.get(f"/language/{language}?next=/")
    answer_until_check(client, {**PARENT, "tried-to-sort-it-out": {"tried": "no"}})
    assert NEVER_STAFF[language] in text_of(client.get("/complaint/sorting-it-out-first"))


KAI_PROVIDER = answers(KAI, who_gave_the_care={"provider": "yes", "provider_name": "Oakfield House"})


@pytest.mark.parametrize("language, said, unsaid", [
    ("en", "If your complaint is about staff there, you do not have to ask them. You can tell us instead.",
     "ask the staff"),
    ("cy", "Os yw eich cwyn am staff yno, does dim rhaid i chi ofyn iddyn nhw. Gallwch ddweud wrthon ni yn lle hynny.",
     "gofynnwch i'r staff"),
])
def test_a_child_whose_care_comes_from_a_home_is_not_sent_to_its_staff(client, language, said, unsaid):
    """L4: Jade's complaint is about a worker at her home; the page told her to ask the staff how to complain."""
    client.get(f"/language/{language}?next=/")
    pages = dict(walk(client, KAI_PROVIDER, with_errors=False, send=False))
    page = text_of_html(pages["care-from-another-organisation"])
    assert said in page and unsaid not in page


LETTERS_NEED_AN_ADDRESS = ("You did not give a postal address. If you want letters in easy read or large print, the "
                           "council will get in touch to agree where to send them.")


def test_someone_who_gave_no_address_is_told_before_choosing_large_print_how_letters_will_reach_them(client):
    """L5: Mrs Price (phone only, large print) was never told that letters need an address; only the council was."""
    answer_until_check(client, NO_ADDRESS_LETTERS)
    page = text_of(client.get("/complaint/help-to-take-part"))
    assert "Select all that apply." in page and LETTERS_NEED_AN_ADDRESS in page
    with_address = client.application.test_client()
    answer_until_check(with_address, {**NO_ADDRESS_LETTERS, "contact-details": {
        **PARENT["contact-details"], "address_line_1": "1 High Street", "address_town": "Kingston",
        "address_postcode": "KT1 1AA"}})
    page = text_of(with_address.get("/complaint/help-to-take-part"))
    assert "Select all that apply." in page and "did not give a postal address" not in page


def test_the_way_to_reach_a_child_to_confirm_does_not_invite_the_phone_where_they_live(client):
    """K10: "For example, a phone number" invited the children's home's number."""
    answer_until_check(client, {**ADVOCATE_TYPED, "how-the-child-will-confirm": {
        "confirm_method": "council_contacts", "child_contact": "Text her"}})
    page = text_of(client.get("/complaint/how-the-child-will-confirm"))
    assert "For example, a phone only they answer" in page
    assert "Not a phone where they live if that is not safe." in page


FIRST_NAME_ONLY = ("They gave only a first name, with no last name, date of birth, social worker or place: you may not "
                   "be able to find their records until they call.")


@pytest.mark.parametrize("about_you, warned", [
    ({}, True),
    ({"surname": "Jones"}, False),
    ({"where": "Oakfield House"}, False),
])
def test_a_young_person_with_no_way_and_only_a_first_name_is_flagged_as_hard_to_find(mailing, about_you, warned):
    """K5: "Cerys, 13", no way to reach her and nothing else to find her by: the clocks start all the same."""
    route = answers(DEE_NO_WAY, about_you={**DEE_NO_WAY["about-you"], **about_you})
    answer_until_check(mailing, route)
    send(mailing)
    actions = " ".join(needs_action(body(council_email(mailing))).split())
    assert "No way to contact:" in actions
    assert (FIRST_NAME_ONLY in actions) is warned


# --- a child who does not feel safe where they live (walk O, O1) ------------------------------------------------

SAFE_QUESTION = "Do you feel safe where you live now? (optional)"
CHILDLINE = "If you do not feel safe, you can call Childline free on 0800 1111, day or night."


def whole_page(html: str) -> str:
    """Every word of the page, the help beside the main content too (text_of reads only <main>)."""
    return " ".join(re.sub(r"<[^>]+>", "", html).replace("&#39;", "'").split())


def kai_feels(answer: str | None) -> dict:
    complaint = dict(KAI["your-complaint"])
    if answer is not None:
        complaint["feels_safe"] = answer
    return answers(KAI, your_complaint=complaint)


def test_a_child_is_asked_whether_they_feel_safe_where_they_live_and_an_adult_is_not(client):
    answer_until_check(client, KAI)
    page = text_of(client.get("/complaint/your-complaint"))
    assert SAFE_QUESTION in page and "we will ask the council to check you are safe" in page
    adult = client.application.test_client()
    answer_until_check(adult, PARENT)
    assert SAFE_QUESTION not in text_of(adult.get("/complaint/your-complaint"))


@pytest.mark.parametrize("answer, said", [
    ("no", "The child said they do not feel safe where they live now. Check they are safe today"),
    ("unsure", "The child was not sure whether they feel safe where they live now. Check they are safe today"),
])
def test_a_child_who_does_not_feel_safe_where_they_live_is_flagged_to_check_today(mailing, answer, said):
    answer_until_check(mailing, kai_feels(answer))
    assert "Do you feel safe where you live now?" in text_of(mailing.get("/complaint/check"))
    send(mailing)
    message = council_email(mailing)
    assert "[Child in danger reported] [Check safety today] " in str(message["Subject"])
    actions = " ".join(needs_action(body(message)).split())
    assert said in actions
    assert attached(message)["answers"]["child"]["feels_safe"] == answer


@pytest.mark.parametrize("answer", [None, "yes"])
def test_a_child_who_feels_safe_or_did_not_say_is_not_flagged(mailing, answer):
    answer_until_check(mailing, kai_feels(answer))
    send(mailing)
    message = council_email(mailing)
    assert "Check safety today" not in str(message["Subject"])
    assert "feel safe where they live" not in body(message)
    assert attached(message)["answers"]["child"].get("feels_safe") == answer


def test_the_safety_answer_refuses_what_it_does_not_offer_and_keeps_what_was_typed(client):
    answer_until_check(client, KAI)
    refused = client.post("/complaint/your-complaint", data={**KAI["your-complaint"], "feels_safe": "maybe"},
                          follow_redirects=True)
    page = text_of(refused)
    assert "Select whether you feel safe where you live now, or leave it blank" in page
    assert KAI["your-complaint"]["what_happened"] in page


def test_an_adult_cannot_post_the_childs_safety_answer(mailing):
    answer_until_check(mailing, {**PARENT, "your-complaint": {**PARENT["your-complaint"], "feels_safe": "no"}})
    send(mailing)
    message = council_email(mailing)
    assert "Check safety today" not in str(message["Subject"])
    assert "feels_safe" not in (attached(message)["answers"]["child"] or {})


@pytest.mark.parametrize("language, said", [
    ("en", CHILDLINE),
    ("cy", "Os nad ydych chi'n teimlo'n ddiogel, gallwch ffonio Childline am ddim ar 0800 1111, ddydd a nos."),
])
def test_every_page_a_child_sees_gives_childline_in_its_help(client, language, said):
    client.get(f"/language/{language}?next=/")
    pages = dict(walk(client, KAI, with_errors=False))
    for slug in ("your-complaint", "check", "sent"):
        assert said in whole_page(pages[slug]), slug
    adult = client.application.test_client()
    adult.get(f"/language/{language}?next=/")
    assert "Childline" not in whole_page(dict(walk(adult, PARENT, with_errors=False))["your-complaint"])


@pytest.mark.parametrize("council, said, unsaid", [
    ("kingston", "call Royal Borough of Kingston upon Thames on 0208 547 5000 and say you are worried about a child.",
     "children's services on"),
    (None, "call Example Council children's services on 01632 960001", "say you are worried about a child"),
])
def test_the_get_help_page_does_not_call_a_switchboard_childrens_services(make_app, council, said, unsaid):
    """O2: Kingston's only number is its switchboard: the page does not call it children's services. A council
    with a number of its own for children's services keeps it so named."""
    client = make_app(WTF_CSRF_ENABLED=False, **({"COUNCIL": council} if council else {})).test_client()
    answer_until_check(client, PARENT)
    client.post("/complaint/child-in-danger", data={"danger": "yes"})
    page = text_of(client.get("/complaint/get-help-now"))
    assert said in page and unsaid not in page
