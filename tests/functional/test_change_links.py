"""The "Change" links on Check your answers, as a screen reader lists them: each says what it changes in a phrase
that reads after the verb ("Change the child's name", "Newid enw'r plentyn"), in both languages, never the row's
label glued on ("Newid ydy plentyn mewn perygl ar hyn o bryd?"), and no two links on a page say the same."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from tests.functional.test_escalation_journey import ESCALATION
from tests.journey_answers import PARENT, TODAY, answer_until_check, date_parts
from wizard.journey.change_words import CHANGE_WORDS

ROOT = Path(__file__).resolve().parents[2]


def pages(base: dict, **changes) -> dict:
    found = dict(base)
    for slug, data in changes.items():
        found[slug.replace("_", "-")] = data
    return found


ROUTES = {
    # Every row a parent can be shown: the organisation's name, the council contacting the child, a late reason.
    "parent": pages(
        PARENT,
        who_gave_the_care={"provider": "yes", "provider_name": "Oak House"},
        about_the_child={"child_name": "Sam Smith", "child_age": "14",
                         "child_dob": date_parts(TODAY - timedelta(days=14 * 365 + 40))},
        how_the_child_will_confirm={"confirm_method": "council_contacts", "child_contact": "At school"},
        when_did_it_happen={"happened": date_parts(TODAY - timedelta(days=500))},
        why_now={"late_reason": "I was ill."},
        contact_details={"email": "pat@example.com", "phone": "01632 960001", "address_line_1": "1 High Street",
                         "address_line_2": "", "address_town": "Exton", "address_postcode": "EX1 1AA"},
        contacting_you_safely={"safe": "no", "leave_message": "no", "safe_way": "Email only."},
        help_to_take_part={"help": ["interpreter"], "interpreter_language": "Polish", "help_other": ""},
        your_complaint={"what_happened": "The visits stopped.", "who_involved": "Team A",
                        "put_right": "Restart them."},
    ),
    # A child for themselves: their age, last name, social worker and where they live.
    "child": pages(
        PARENT,
        who_are_you={"who": "child"},
        feeling_safe={"feels_safe": "yes"},
        advocate={"advocacy": "yes"},
        your_name={"name": "Jade"},
        about_you={"child_age": "15", "child_dob": ["", "", ""], "surname": "Green", "social_worker": "Mo",
                   "where": "Exton"},
    ),
    # An advocate: their own details and the child's safe contact.
    "advocate": pages(
        PARENT,
        who_are_you={"who": "advocate"},
        about_the_child={"child_name": "Kim Lee", "child_age": "14", "child_dob": ["", "", ""]},
        advocate_details={"advocate_name": "Robin Reed", "organisation": "Voices", "role": "Advocate",
                          "direct_phone": "01632 960123", "working_hours": "9 to 5",
                          "advocate_email": "robin@voices.example.org"},
        contacting_the_child_safely={"child_safe": "no", "child_safe_way": "Through me.", "child_leave_message": "no"},
        help_for_the_child={"help": ["interpreter"], "interpreter_language": "Arabic", "help_other": ""},
    ),
    "escalation": ESCALATION,
}


def change_links(html: str) -> list[tuple[str, str]]:
    """(the row's label, the hidden words of its Change link) for each row of Check your answers."""
    out = []
    for row in re.split(r'<div class="govuk-summary-list__row', html)[1:]:
        if "govuk-summary-list__actions" not in row:
            continue  # the dates: nothing to change
        label = re.search(r'<dt class="govuk-summary-list__key">(.*?)</dt>', row, re.S).group(1)
        link = re.search(r'<a class="govuk-link"[^>]*>(.*?)</a>', row, re.S).group(1)
        hidden = re.search(r'<span class="govuk-visually-hidden">(.*?)</span>', link, re.S)
        assert hidden, link
        out.append((" ".join(label.split()), " ".join(hidden.group(1).split()).replace("&#39;", "'")))
    return out


def check_page(client, route: str, language: str) -> str:
    answer_until_check(client, ROUTES[route])
    client.get(f"/language/{language}?next=/")
    response = client.get("/complaint/check")
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("route", sorted(ROUTES))
@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_change_link_says_what_it_changes_in_its_own_words(client, route, language):
    links = change_links(check_page(client, route, language))
    assert len(links) >= 8, links
    english = {str(words) for words in CHANGE_WORDS.values()}
    for label, words in links:
        assert not words.startswith(("your answer:", "eich ateb:")), f"{label!r} has no words of its own"
        assert words[:1].islower() and "?" not in words, f"{label!r}: not a phrase after Change: {words!r}"
        if language == "en":
            assert words in english, words
        else:  # a question's own verb does not follow "Newid": "a yw ...", "a oes ...", never "Ydy ..."
            assert words not in english, f"English after Newid: {words!r}"
            assert not re.match(r"(ydy|ydw|oes|do|wyt|gawn|hoffai|hoffech)\b", words), words
    said = [words for _, words in links]
    assert len(said) == len(set(said)), f"two Change links say the same: {said}"


def test_the_welsh_change_links_read_as_welsh_phrases(client):
    html = check_page(client, "parent", "cy")
    links = dict(change_links(html))
    assert links["Ydy plentyn mewn perygl ar hyn o bryd?"] == "a yw plentyn mewn perygl ar hyn o bryd"
    assert links["Enw&#39;r plentyn"] == "enw'r plentyn"
    assert links["Pwy ydych chi?"] == "pwy ydych chi"
    assert links["A gafodd y gofal ei roi gan sefydliad arall?"] == "pwy roddodd y gofal"
    assert links["Gawn ni adael neges?"] == "a gawn ni adael neges"
    # As a screen reader reads the link: the visible word, then the hidden phrase.
    assert re.search(r'>\s*Newid<span class="govuk-visually-hidden"> a yw plentyn mewn perygl ar hyn o bryd</span>',
                     html)
    assert "Newid<span class=\"govuk-visually-hidden\"> ydy " not in html


def test_the_english_change_links_too(client):
    links = dict(change_links(check_page(client, "child", "en")))
    assert links["Your age"] == "your age"
    assert links["Your last name"] == "your last name"
    assert links["Is a child in danger right now?"] == "whether a child is in danger right now"
    links = dict(change_links(check_page(client.application.test_client(), "parent", "en")))
    assert links["Child&#39;s age"] == "the child's age"
    assert links["Advocate wanted for the child"] == "whether the child would like an advocate"


def test_a_row_without_words_of_its_own_still_names_its_answer(client, monkeypatch):
    from wizard.journey import change_words

    monkeypatch.delitem(change_words.CHANGE_WORDS, "who")
    links = dict(change_links(check_page(client, "parent", "cy")))
    assert links["Pwy ydych chi?"] == "eich ateb: Pwy ydych chi?"


ROW = re.compile(r'\(\s*"([a-z_]+\.[a-z_.]+|[a-z_]+)",\s*T\(N_\(')


def test_every_row_the_journey_can_show_has_change_words():
    keys = set()
    for name in ("forms.py", "escalation_forms.py", "steps.py"):
        source = (ROOT / "wizard" / "journey" / name).read_text()
        keys |= set(ROW.findall(source))
        keys |= set(re.findall(r'_carry_on_rows\(\s*"([a-z_.]+)"', source))
        keys |= set(re.findall(r'return \[\("([a-z_.]+)", label,', source))
        keys |= set(re.findall(r'\bRow\(\s*"([a-z_.]+)",', source))  # a one-question step's row (forms.Row)
    known = {key if isinstance(key, str) else key[0] for key in CHANGE_WORDS}
    assert len(keys) >= 50
    assert keys <= known, f"rows with no Change words in change_words.py: {sorted(keys - known)}"
