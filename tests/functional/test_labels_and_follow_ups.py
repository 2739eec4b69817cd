"""Every question is named in the page code, every follow-up answer is checked, every phone number can be tapped.

The page checker (tests/pagecheck.py) runs on every page the test client fetches; these tests show that it
catches what it is meant to catch, starting with the two questions that had no name before issue 8.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.journey_answers import PARENT, answer_until_check, text_of
from tests.pagecheck import PageProblem, check_page
from wizard.journey.forms import RequiredWhen
from wizard.journey.steps import STEPS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def problems(html: str) -> str:
    with pytest.raises(PageProblem) as raised:
        check_page(html)
    return str(raised.value)


def page(body: str) -> str:
    head = '<!DOCTYPE html><html lang="en"><head><title>A page</title></head>'
    return f"{head}<body><h1>Question</h1>{body}</body></html>"


# --- the checker, on the markup the service served before the fix ------------------------------------------


def test_the_checker_refuses_the_message_question_as_it_was_served_before_the_fix():
    html = (FIXTURES / "before-issue-8-contacting-you-safely.html").read_text()
    found = problems(html)
    assert "radio 'leave_message' is in a <fieldset> whose <legend> has no text" in found
    assert "radio 'safe'" not in found  # the other question on the page had its legend


def test_the_checker_refuses_the_date_of_birth_as_it_was_served_before_the_fix():
    html = (FIXTURES / "before-issue-8-about-the-child.html").read_text()
    found = problems(html)
    assert "date group 'child_dob' is in a <fieldset> whose <legend> has no text" in found


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<input type="radio" name="a" id="a"><label for="a">Yes</label>', "radio 'a' is not inside a <fieldset>"),
        ('<fieldset><legend> </legend><input type="checkbox" name="b" id="b"><label for="b">X</label></fieldset>',
         "checkbox 'b' is in a <fieldset> whose <legend> has no text"),
        ('<div class="govuk-date-input" id="d"><label for="d-day">Day</label><input id="d-day" name="d"></div>',
         "date group 'd' is not inside a <fieldset>"),
        ('<input type="text" name="t" id="t">', "input 't' has no <label>"),
        ('<label for="t"> </label><input type="text" name="t" id="t">', "input 't' has a <label> with no text"),
        ('<label for="other">Name</label><input type="email" name="t" id="t">', "input 't' has no <label>"),
        ('<textarea name="x" id="x"></textarea>', "textarea 'x' has no <label>"),
        ('<select name="s" id="s"></select>', "select 's' has no <label>"),
        ("<p>Call 01632 960000 today.</p>", "the phone number '01632 960000' is not a tel: link"),
        ("<p>If a child is in danger, call 999.</p>", "the phone number '999' is not a tel: link"),
        ("<p>Call <a href='tel:+441632960001'>01632 960000</a>.</p>", "does not call the number it shows"),
    ],
)
def test_the_checker_finds_each_kind_of_unnamed_field_and_untappable_number(body, expected):
    assert expected in problems(page(body))


@pytest.mark.parametrize(
    "body",
    [
        '<fieldset><legend>Pick</legend><input type="radio" name="a" id="a"><label for="a">Yes</label></fieldset>',
        '<fieldset><legend><span>Pick</span></legend><div class="govuk-date-input" id="d">'
        '<label for="d-day">Day</label><input id="d-day" name="d"></div></fieldset>',
        '<label>Your name <input type="text" name="n"></label>',
        '<input type="hidden" name="csrf_token" value="x"><button type="submit">Go</button>',
        "<p>Call <a href='tel:+441632960000'>01632 960000</a> or <a href='tel:999'>999</a>.</p>",
        "<p>Reference EX-2026-0001, 25 November 2026, 5000 characters.</p>",
    ],
)
def test_the_checker_accepts_named_fields_and_tappable_numbers(body):
    check_page(page(body))


# --- the two questions, named now ------------------------------------------------------------------------------


def walk_to(client, slug: str, answers=PARENT) -> str:
    response = client.get("/complaint/")
    for _ in range(40):
        here = response.location.rstrip("/").rsplit("/", 1)[-1].split("?")[0]
        if here == slug:
            return response.location
        assert here != "check", f"never reached {slug}"
        client.get(response.location)
        response = client.post(response.location, data=answers.get(here, {"carry_on": "yes"}))
    raise AssertionError(f"never reached {slug}")


def legends(html: str) -> list[str]:
    found = re.findall(r"<legend[^>]*>(.*?)</legend>", html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", m).split()) for m in found]


# "Can we leave a message?" is asked only when a phone was given (fresh-eyes Y1, session 6): email and phone here,
# email the best way.
WITH_PHONE = {**PARENT, "contact-details": {**PARENT["contact-details"], "phone": "07700 900 123"}}


def test_can_we_leave_a_message_is_the_legend_of_its_radios(client):
    html = client.get(walk_to(client, "contacting-you-safely", WITH_PHONE)).get_data(as_text=True)  # checked
    # Both ways given are asked about (fresh-eyes G2, session 7; the legend named only the email before).
    assert legends(html) == ["Is it safe for us to contact you by email and by phone?", "Can we leave a message?"]


def test_date_of_birth_is_the_legend_of_its_date_group(client):
    html = client.get(walk_to(client, "about-the-child")).get_data(as_text=True)
    assert legends(html) == ["Date of birth (if you know it)"]


def test_the_same_pages_in_welsh_still_name_both_questions(client):
    answer_until_check(client, WITH_PHONE)
    client.get("/language/cy?next=/")
    for slug, count in (("contacting-you-safely", 2), ("about-the-child", 1)):
        html = client.get(f"/complaint/{slug}").get_data(as_text=True)
        named = legends(html)
        assert len(named) == count and all(named), (slug, named)


# --- follow-up answers -----------------------------------------------------------------------------------------

# (step slug, follow-up field, what the person chose that asks for it, the error they must see).
# The advocate's pages about the child ("contacting-the-child-safely", "help-for-the-child") are walked with
# ADVOCATE below; the rest with OLDER_CHILD.
FOLLOW_UPS = [
    ("contacting-the-child-safely", "child_safe_way", {"child_safe": "no", "child_leave_message": "no"},
     "Enter how the council should reach the child"),
    ("help-for-the-child", "interpreter_language", {"help": ["interpreter"]},
     "Enter the language you need an interpreter for"),
    ("help-for-the-child", "help_other", {"help": ["other"]}, "Enter the help you need"),
    ("contacting-you-safely", "safe_way", {"safe": "no", "leave_message": "no"}, "Enter how we can contact you safely"),
    ("help-to-take-part", "interpreter_language", {"help": ["interpreter"]},
     "Enter the language you need an interpreter for"),
    ("help-to-take-part", "help_other", {"help": ["other"]}, "Enter the help you need"),
    ("how-the-child-will-confirm", "child_contact", {"confirm_method": "council_contacts"},
     "Enter how the council can contact the child safely"),
]

# A grandmother complaining for a 13-year-old who agrees: the journey that reaches "How will the child confirm".
OLDER_CHILD = {
    **PARENT,
    "who-are-you": {"who": "relative"},
    "about-the-child": {"child_name": "Sam Smith", "child_age": "13", "child_dob": ["", "", ""]},
}


# An advocate for a 14-year-old: the journey that reaches the questions about the child's needs.
ADVOCATE = {
    **OLDER_CHILD,
    "who-are-you": {"who": "advocate"},
    "about-the-child": {"child_name": "Kim Lee", "child_age": "14", "child_dob": ["", "", ""]},
    "advocate-details": {"advocate_name": "Robin Reed", "organisation": "Voices", "role": "Advocate",
                         "direct_phone": "01632 960123", "working_hours": "9 to 5",
                         "advocate_email": "robin@voices.example.org"},
}
ADVOCATE_PAGES = ("contacting-the-child-safely", "help-for-the-child")


def answers_for(slug: str) -> dict:
    return ADVOCATE if slug in ADVOCATE_PAGES else OLDER_CHILD


def validators_of(unbound) -> list:
    """The validators a form class gives a field (WTForms keeps them on the unbound field)."""
    if unbound is None or not hasattr(unbound, "field_class"):
        return []
    return list(unbound.kwargs.get("validators") or (unbound.args[1] if len(unbound.args) > 1 else []) or [])


def fields_of(form_class) -> dict:
    """A form class's fields, its own and inherited."""
    found = {}
    for klass in reversed(form_class.__mro__):
        found.update({name: value for name, value in vars(klass).items() if hasattr(value, "field_class")})
    return found


def every_follow_up_field() -> set[tuple[str, str]]:
    return {
        (step.slug, name)
        for step in STEPS
        for name, unbound in fields_of(step.form).items()
        if any(isinstance(v, RequiredWhen) for v in validators_of(unbound))
    }


def test_every_follow_up_field_in_the_wizard_is_tested_here():
    """A new follow-up question (``follow_up``/``RequiredWhen``) must be added to FOLLOW_UPS."""
    assert every_follow_up_field() == {(slug, field) for slug, field, _chosen, _error in FOLLOW_UPS}


def test_no_follow_up_question_is_left_to_an_inline_validator_behind_optional():
    """The defect of issue 8: ``Optional`` stops the chain, so ``validate_<field>`` never ran for an empty field."""
    for step in STEPS:
        for method in dir(step.form):
            if method.startswith("validate_") and method != "validate_step":
                unbound = fields_of(step.form).get(method.removeprefix("validate_"))
                assert not any(type(v).__name__ == "Optional" for v in validators_of(unbound)), (step.slug, method)


@pytest.mark.parametrize(("slug", "field", "chosen", "error"), FOLLOW_UPS, ids=[f[1] for f in FOLLOW_UPS])
def test_each_follow_up_is_refused_when_empty_and_kept_when_given(client, slug, field, chosen, error):
    url = walk_to(client, slug, answers_for(slug))
    data = {**answers_for(slug)[slug], **chosen, field: "   "}
    refused = client.post(url, data=data, follow_redirects=True)
    assert error in text_of(refused)
    assert f'href="#{field}"' in refused.get_data(as_text=True)  # the summary links to the empty field
    accepted = client.post(url, data={**data, field: "Polish, please"})
    assert accepted.status_code in (302, 303)
    assert not accepted.location.endswith(url.rsplit("/", 1)[-1])


@pytest.mark.parametrize(("slug", "field", "chosen", "error"), FOLLOW_UPS, ids=[f[1] for f in FOLLOW_UPS])
def test_a_follow_up_not_asked_for_is_not_required(client, slug, field, chosen, error):
    url = walk_to(client, slug, answers_for(slug))
    response = client.post(url, data={**answers_for(slug)[slug], field: ""})
    assert response.status_code in (302, 303)
    assert not response.location.endswith(slug)


def test_a_whole_journey_with_every_follow_up_answered_reaches_check_your_answers(client):
    answers = {
        **OLDER_CHILD,
        "contacting-you-safely": {"safe": "no", "safe_way": "Only after 6pm", "leave_message": "no"},
        "help-to-take-part": {"help": ["interpreter", "other"], "interpreter_language": "Polish",
                              "help_other": "Short meetings"},
        "how-the-child-will-confirm": {"confirm_method": "council_contacts", "child_contact": "At school on Friday"},
    }
    answer_until_check(client, answers)
    text = text_of(client.get("/complaint/check"))
    for shown in ("Only after 6pm", "An interpreter for Polish", "Short meetings", "At school on Friday"):
        assert shown in text
