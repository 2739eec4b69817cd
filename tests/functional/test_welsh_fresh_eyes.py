"""What the fresh-eyes walk in Welsh and as a child found (FINDINGS-welsh-child.md), each held by a test: a child
reads the young words even when an adult was served the page first (and the other way round), GOV.UK Frontend's
own words in Welsh (the hidden "Error:", the character count), a language switcher a screen reader can name, no
answer in any page title, and a first reply from "the manager responsible for" the team, never from the person
complained about."""

from __future__ import annotations

import re

import pytest

from tests.journey_answers import PARENT, answer_until_check, slug_of


def first_pages(client, who: str, language: str = "en") -> str:
    """The "what is it about" page, after saying who you are."""
    client.get(f"/language/{language}?next=/")
    client.get("/complaint/")
    client.post("/complaint/child-in-danger", data={"danger": "no"})
    client.post("/complaint/new-or-reply", data={"kind": "new"})
    client.post("/complaint/who-are-you", data={"who": who})
    if who == "child":
        client.post("/complaint/feeling-safe", data={"feels_safe": "yes"})
    return client.get("/complaint/what-is-it-about").get_data(as_text=True)


# --- the young words, whoever was served first -----------------------------------------------------------------

@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_child_reads_the_young_choices_after_an_adult_and_an_adult_the_adult_ones_after_a_child(app, language):
    young, adult = {"en": ("Being in care", "A child in care"), "cy": ("Bod mewn gofal", "Plentyn sy'n derbyn gofal")}[
        language]
    parent = first_pages(app.test_client(), "parent", language).replace("&#39;", "'")
    child = first_pages(app.test_client(), "child", language).replace("&#39;", "'")
    parent_again = first_pages(app.test_client(), "parent", language).replace("&#39;", "'")
    assert adult in parent and adult in parent_again
    assert young not in parent and young not in parent_again
    assert young in child
    # The young hint now names the social worker too (walk K, K1).
    assert "Where you live, your care plan, your social worker, or seeing your family." in child or language == "cy"


# --- GOV.UK Frontend's own words -------------------------------------------------------------------------------

def test_the_hidden_error_prefix_is_welsh_on_a_welsh_page(client):
    client.get("/language/cy?next=/")
    client.get("/complaint/")
    refused = client.post("/complaint/child-in-danger", data={}, follow_redirects=True).get_data(as_text=True)
    assert '<span class="govuk-visually-hidden">Gwall:</span>' in refused
    assert "Error:" not in refused
    client.get("/language/en?next=/")
    refused = client.post("/complaint/child-in-danger", data={}, follow_redirects=True).get_data(as_text=True)
    assert '<span class="govuk-visually-hidden">Error:</span>' in refused


def walk_to(client, slug: str) -> str:
    response = client.get("/complaint/")
    for _ in range(40):
        here = slug_of(response.location)
        if here == slug:
            return client.get(response.location).get_data(as_text=True)
        client.get(response.location)
        response = client.post(response.location, data=PARENT.get(here, {"carry_on": "yes"}))
    raise AssertionError(slug)


def test_the_character_count_speaks_welsh_in_every_plural_form(client):
    client.get("/language/cy?next=/")
    html = walk_to(client, "your-complaint")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Gallwch roi hyd at 5000 nod" in text
    assert "You can enter up to" not in html and "characters remaining" not in html
    # The script's messages, one for each plural form Welsh has (Intl.PluralRules: zero, one, two, few, many).
    for form in ("zero", "one", "two", "few", "many", "other"):
        assert f'data-i18n.characters-under-limit.{form}="Mae gennych %{{count}} nod ar ôl"' in html, form
        assert f'data-i18n.characters-over-limit.{form}="Mae gennych %{{count}} nod yn ormod"' in html, form
    assert 'data-i18n.characters-at-limit="Mae gennych 0 nod ar ôl"' in html


def test_the_character_count_in_english_is_as_before(client):
    html = walk_to(client, "your-complaint")
    assert "You can enter up to 5000 characters" in html
    assert 'data-i18n.characters-under-limit.one="You have %{count} character remaining"' in html
    assert 'data-i18n.characters-under-limit.other="You have %{count} characters remaining"' in html


# --- the language switcher -------------------------------------------------------------------------------------

def test_the_switcher_tells_a_screen_reader_what_it_does_in_its_own_language(client):
    html = client.get("/privacy").get_data(as_text=True)
    link = re.search(r'<a [^>]*hreflang="cy"[^>]*>(.*?)</a>', html, re.S).group(0)
    assert 'lang="cy"' in link
    assert "Cymraeg<span class=\"govuk-visually-hidden\"> (Newid yr iaith i&#39;r Gymraeg)</span>" in link
    client.get("/language/cy?next=/")
    html = client.get("/privacy").get_data(as_text=True)
    link = re.search(r'<a [^>]*hreflang="en"[^>]*>(.*?)</a>', html, re.S).group(0)
    assert "English<span class=\"govuk-visually-hidden\"> (Change the language to English)</span>" in link
    # On a question page the switcher is a button of the page's form: the same words.
    html = walk_to(client, "about-the-child")
    button = re.search(r'<button[^>]*name="switch_language"[^>]*>(.*?)</button>', html, re.S).group(1)
    assert button == 'English<span class="govuk-visually-hidden"> (Change the language to English)</span>'


# --- no answer in a page title ---------------------------------------------------------------------------------

ADVOCATE = {
    **PARENT,
    "who-are-you": {"who": "advocate"},
    "about-the-child": {"child_name": "Kim Lee", "child_age": "8", "child_dob": ["", "", ""]},
    "advocate-details": {"advocate_name": "Robin Reed", "organisation": "Voices", "role": "Advocate",
                         "direct_phone": "01632 960123", "working_hours": "9 to 5",
                         "advocate_email": "robin@voices.example.org"},
    "help-for-the-child": {"help": ["none"], "interpreter_language": "", "help_other": ""},
}


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(("answers", "names"), [(PARENT, ("Sam", "Smith", "Pat", "Jones")),
                                                (ADVOCATE, ("Kim", "Lee", "Robin", "Reed"))],
                         ids=["parent", "advocate"])
def test_no_page_title_holds_a_name_or_an_answer(client, language, answers, names):
    client.get(f"/language/{language}?next=/")
    titles = []
    response = client.get("/complaint/")
    for _ in range(40):
        here = slug_of(response.location)
        page = client.get(response.location).get_data(as_text=True)
        titles.append(re.search(r"<title>(.*?)</title>", page, re.S).group(1))
        if here == "check":
            break
        response = client.post(response.location, data=answers.get(here, {"carry_on": "yes"}))
    sent = client.post("/complaint/send")
    titles.append(re.search(r"<title>(.*?)</title>", client.get(sent.location).get_data(as_text=True), re.S).group(1))
    assert len(titles) >= 15
    for title in titles:
        assert not any(name in title for name in names), title
        assert "The visits stopped" not in title and "@" not in title


# --- the first reply comes from a manager, not from the person complained about --------------------------------

def test_the_confirmation_says_the_manager_responsible_for_the_team_or_person_replies(client):
    answer_until_check(client)
    client.get("/language/cy?next=/")
    sent = client.post("/complaint/send")
    html = client.get(sent.location).get_data(as_text=True).replace("&#39;", "'")
    assert "Bydd y rheolwr sy'n gyfrifol am y tîm neu'r person y gwnaethoch gwyno amdano yn edrych ar eich cwyn" in html
    assert "rheolwr y tîm neu'r person" not in html


# --- a month typed as a word -------------------------------------------------------------------------------------

WELSH = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
         "Tachwedd", "Rhagfyr")
ENGLISH = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


@pytest.mark.parametrize("spelling", ["welsh", "welsh lower case", "english", "english short", "english short."])
def test_a_month_typed_as_a_word_in_welsh_or_english_is_accepted(client, spelling):
    from datetime import timedelta

    from tests.journey_answers import TODAY

    day = TODAY - timedelta(days=60)
    month = {"welsh": WELSH[day.month - 1], "welsh lower case": WELSH[day.month - 1].lower(),
             "english": ENGLISH[day.month - 1], "english short": ENGLISH[day.month - 1][:3],
             "english short.": ENGLISH[day.month - 1][:3] + "."}[spelling]
    walk_to(client, "when-did-it-happen")
    client.get("/language/cy?next=/")
    answered = client.post("/complaint/when-did-it-happen", data={"happened": ["3", month, str(day.year)]})
    assert slug_of(answered.location) != "when-did-it-happen", month
    answer_until_check(client)
    text = " ".join(re.sub(r"<[^>]+>", " ", client.get("/complaint/check").get_data(as_text=True)).split())
    assert f"3 {WELSH[day.month - 1]} {day.year}" in text


def test_a_word_that_is_not_a_month_is_still_refused_in_welsh(client):
    walk_to(client, "when-did-it-happen")
    client.get("/language/cy?next=/")
    refused = client.post("/complaint/when-did-it-happen", data={"happened": ["3", "Mediant", "2025"]},
                          follow_redirects=True).get_data(as_text=True).replace("&#39;", "'")
    assert "rhowch ddyddiad go iawn" in refused


# --- the accessibility statement --------------------------------------------------------------------------------

def test_the_accessibility_statement_says_how_it_was_tested_what_does_not_work_and_how_to_review_the_welsh(client):
    english = " ".join(re.sub(r"<[^>]+>", " ", client.get("/accessibility").get_data(as_text=True)).split())
    for said in ("with axe", "using only the keyboard", "what a screen reader relies on",
                 "each Change link on the check your answers page says which answer it changes",
                 "320 pixels wide", "JavaScript turned off", "do all of this in English and in Welsh",
                 "What we know does not work well yet", "We have not yet tested the service with people who use "
                 "screen readers", "We can only measure how easy the English words are to read",
                 "A professional Welsh translator has not checked the Welsh yet",
                 "a Welsh translator should review it before a council starts to use the service",
                 "translations/cy/LC_MESSAGES/messages.po", "Poedit", "msgctxt", "make translations-update"):
        assert said in english, said
    client.get("/language/cy?next=/")
    welsh = " ".join(re.sub(r"<[^>]+>", " ", client.get("/accessibility").get_data(as_text=True)).split())
    welsh = welsh.replace("&#39;", "'")
    for said in ("Datganiad hygyrchedd", "320 picsel", "gan ddefnyddio'r bysellfwrdd yn unig", "darllenydd sgrin",
                 "yn Saesneg ac yn Gymraeg", "Nid yw cyfieithydd Cymraeg proffesiynol wedi gwirio'r Gymraeg eto",
                 "translations/cy/LC_MESSAGES/messages.po", "msgctxt", "make translations-update"):
        assert said in welsh, said


def test_the_readme_tells_a_council_to_have_the_welsh_reviewed_and_how_to_hand_over_the_file():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert "Before a council goes live, have a Welsh translator review it" in readme
    for said in ("Send them `translations/cy/LC_MESSAGES/messages.po`", "`msgctxt`", "hidden after Change",
                 "msgattrib --untranslated", "make translations-update"):
        assert said in readme, said


def test_a_care_leaver_complaining_late_reads_the_young_words_on_the_confirmation_in_both_languages(client):
    from tests.functional.test_child_words import DEE, walk

    sent = dict(walk(client, DEE, with_errors=False))["sent"].replace("&#39;", "'")
    assert "This happened more than 12 months ago. First, we will decide if we can still look at it." in sent
    assert "Your complaint is about something that happened more than" not in sent
    client.get("/language/cy?next=/")
    welsh = client.get("/complaint/sent").get_data(as_text=True).replace("&#39;", "'")
    assert ("Digwyddodd hyn fwy na 12 mis yn ôl. Yn gyntaf, byddwn ni'n penderfynu a allwn ni edrych arni o "
            "hyd.") in welsh
