"""Every word the emails add is in the translation catalogue, and coded answers reach people as words."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from html.parser import HTMLParser

import pytest
from babel.support import NullTranslations

from tests.delivery_fixtures import council_record, revised, stored_json, stored_record
from wizard.delivery import messages
from wizard.domain.complaint import Complaint
from wizard.domain.profiles import load_profile

SETTINGS = messages.MailSettings("complaints@example.gov.uk", "complaints@example.gov.uk", "advocacy@example.gov.uk")
MARK = re.compile(r"⟦[^⟧]*⟧")


class Marking(NullTranslations):
    """A catalogue that wraps every sentence it is asked for, so words that bypass it stand out."""

    def gettext(self, message):
        return f"⟦{message}⟧"

    ugettext = gettext  # what Jinja's i18n extension calls on a Babel catalogue


class TextNodes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.nodes = []

    def handle_data(self, data):
        if data.strip():
            self.nodes.append(data.strip())


def strings_in(value):
    """Every string inside the record: what the person answered, and what the domain worked out."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


def record_with_everything():
    return revised(council_record(), danger_reported=True)


def data_of(record, profile, context) -> list[str]:
    data = [*strings_in(record.to_json()), context["reference"], context["attachment_name"]]
    data += [profile.name, profile.phone, profile.website]
    data += [d["due_text"] for d in context["dates"]] + [context["submitted_text"], context["received_text"]]
    return sorted({d for d in data if d}, key=len, reverse=True)


def leftover_words(text: str, data: list[str]) -> str:
    text = MARK.sub(" ", text)
    text = re.sub(r"\([a-z_.]+\)", " ", text)  # the vocabulary ids shown after their labels, for case systems
    for value in data:
        text = text.replace(value, " ")
    return " ".join(re.findall(r"[A-Za-z]{2,}", text))


@pytest.fixture
def marking_catalogue(monkeypatch):
    """Every language's catalogue is the marking one, for this test only (the environments are cached)."""
    messages._environment.cache_clear()
    monkeypatch.setattr(messages, "translations", lambda language, directory=None: Marking())
    yield
    messages._environment.cache_clear()


@pytest.mark.parametrize("kind", ["council", "advocacy", "complainant"])
def test_every_word_an_email_adds_comes_from_the_catalogue(marking_catalogue, kind):
    record, profile = record_with_everything(), load_profile("example")
    context = messages.context("EX-7HK3QP2M", record, profile, "cy")
    text, html = messages.render(kind, context, "cy")
    data = data_of(record, profile, context)
    nodes = TextNodes()
    nodes.feed(html)
    assert [node for node in nodes.nodes if leftover_words(node, data)] == []
    assert [line for line in text.splitlines() if leftover_words(line, data)] == []
    assert "⟦" in text and "⟦" in html  # the catalogue really was used


def test_a_sentence_outside_the_catalogue_would_be_caught():
    data = ["Tyler Example"]
    assert leftover_words("⟦Name⟧: Tyler Example", data) == ""
    assert leftover_words("Thank you, Tyler Example", data) == "Thank you"


def test_coded_answers_reach_the_council_and_the_advocate_as_words():
    record = council_record()
    for kind in ("council", "advocacy"):
        outgoing = messages.build(kind, "EX-7HK3QP2M", record, load_profile("example"), SETTINGS)
        message = message_from_bytes(outgoing.message.as_bytes(), policy=policy.default)
        text = message.get_body(("plain",)).get_content()
        assert "How the child will confirm: The council is to contact the child to check" in text, kind
        assert "council_contacts" not in text, kind
        if kind == "advocacy":  # the council reads the contact details in the answers' own section
            assert "Help to take part: Letters in large print" in text
            assert "Best way to contact: Email" in text
            assert "large_print" not in text and ": email" not in text


def test_the_council_sees_the_rule_each_reason_rests_on():
    # A complaint stored with its reasons and their rules (the words are stored, so they are shown as stored).
    text = messages.build("council", "EX-7HK3QP2M", stored_record(), load_profile("example"), SETTINGS)
    body = text.message.get_body(("plain",)).get_content()
    assert "the children's procedure applies. (rule: own_right)" in body
    assert "welfare. (rule: for_younger_child)" in body


def test_a_complaint_stored_before_rules_were_kept_still_shows_its_reasons():
    data = stored_json()
    del data["decision"]["rules"]
    record = Complaint.from_json(data)
    outgoing = messages.build("council", "EX-7HK3QP2M", record, load_profile("example"), SETTINGS)
    body = outgoing.message.get_body(("plain",)).get_content()
    assert "- Fostering is a children's social care service, so the children's procedure applies.\n" in body
    assert "(rule:" not in body
