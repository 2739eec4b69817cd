"""Taking a complaint further without its reference (fresh-eyes D6) and from the next-stage link (D7): the pages
ask for what lets the council find the complaint, and promise only what is carried (issue 12, brief items 4-5)."""

from __future__ import annotations

from test_escalation_attacks import STAGE2, go_to
from test_escalation_late_reason import YOUNG

from tests.journey_answers import text_of

NO_REFERENCE = {**STAGE2, "earlier-complaint": {"earlier_reference": ""}}
FULL_NAME = "Your first name and last name. You did not give the reference of your complaint, so your full name " \
    "helps the council find it."
FIRST_NAME_ENOUGH = ("You can give just your first name", "Your first name is enough")


def _page(client, answers, slug, welsh=False):
    url = go_to(client, answers, slug)
    if welsh:  # the switcher on a question page is a button of its form
        assert client.post(url, data={"switch_language": "cy"}).status_code == 303
    return text_of(client.get(url))


def test_the_reference_page_says_we_will_ask_for_what_finds_the_complaint(client):
    page = _page(client, STAGE2, "earlier-complaint")
    assert "from your name" not in page
    assert "We will then ask for your full name and other details that help the council find your complaint." \
        in page


def test_an_adult_without_a_reference_is_asked_for_their_full_name_and_told_why(client):
    assert FULL_NAME in _page(client, NO_REFERENCE, "your-name")


def test_an_adult_with_a_reference_reads_the_usual_hint(client):
    page = _page(client, STAGE2, "your-name")
    assert "Your full name." in page and FULL_NAME not in page


def test_a_young_person_without_a_reference_is_not_told_a_first_name_is_enough(client):
    answers = {**NO_REFERENCE, **YOUNG}
    earlier = _page(client, answers, "earlier-complaint")
    # Session 9 (walk M, M12; brief item 4): no birthday question comes (the page asks their age, a date of birth
    # is optional), so none is promised (was "your first name, last name and birthday").
    assert ("Then we will ask your name, how old you are and a few other things, to help us find your complaint."
            in earlier)
    assert "birthday, to help us" not in earlier
    assert "We can find your complaint from your name" not in earlier
    name = _page(client, answers, "your-name")
    assert "You did not give us the number of your complaint, so your full name helps us find it." in name
    about = _page(client, answers, "about-you")
    assert "Your last name and your birthday help us find it." in about
    assert "This helps us find your complaint." in about
    for shown in (name, about):
        for enough in FIRST_NAME_ENOUGH:
            assert enough not in shown


def test_a_young_person_with_a_reference_may_still_give_just_a_first_name(client):
    answers = {**STAGE2, **YOUNG}
    assert FIRST_NAME_ENOUGH[0] in _page(client, answers, "your-name")
    about = _page(client, answers, "about-you")
    assert FIRST_NAME_ENOUGH[1] in about and "help us find it" not in about


def test_in_welsh_without_a_reference(client):
    name = _page(client, NO_REFERENCE, "your-name", welsh=True)
    assert "Ni wnaethoch roi cyfeirnod eich cwyn, felly mae eich enw llawn yn helpu'r cyngor i ddod o hyd iddi." \
        in name


def test_the_next_stage_page_says_what_it_carries_and_what_will_be_asked_again(client):
    from test_escalation_attacks import send_new

    from tests.journey_answers import PARENT

    reference = send_new(client.application, PARENT)
    page = text_of(client.get(f"/complaint/next-stage?reference={reference}"))
    assert "We will add it to your request for you" not in page
    assert (f"Your complaint's reference is {reference}. We will fill it in on your request for you. We cannot "
            "fill in your other answers from your complaint, so we will ask you again who you are, about the child "
            "and how to contact you.") in page
