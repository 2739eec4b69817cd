"""One table of words per set of ids, in the vocabulary: the forms offer its options, the emails and the staff
pages show its labels (issue 10: who and subject had two wordings; "unsure" had three)."""

from __future__ import annotations

import ast
from pathlib import Path

from wizard.delivery import messages
from wizard.domain import vocabulary as v
from wizard.journey import forms

ROOT = Path(__file__).resolve().parents[2]


def test_the_forms_offer_the_vocabularys_options():
    assert v.options(v.WHO_WORDS) == forms.WHO_CHOICES
    assert tuple(v.ABOUT_LABELS.items()) == forms.ABOUT_CHOICES
    assert v.options(v.AGREES_WORDS) == forms.AGREES_CHOICES
    assert forms.YES_NO_UNSURE == forms.PROCEEDINGS_CHOICES == v.options(v.YES_NO_UNSURE_WORDS)
    assert v.options(v.CONTACT_WAY_WORDS) == forms.CONTACT_WAYS
    assert v.options(v.CONFIRM_METHOD_WORDS) == forms.CONFIRM_CHOICES
    assert [key for key, _ in forms.WHO_CHOICES] == list(v.WHO)
    assert [key for key, _ in forms.ABOUT_CHOICES] == list(v.ABOUT)
    assert [key for key, _ in forms.AGREES_CHOICES] == list(v.AGREES)


def test_taking_a_complaint_further_offers_the_vocabularys_words():
    """The procedure and the reply a person picks are the words the council's email and the staff pages show."""
    from wizard.journey import escalation_forms

    assert v.options(v.STATED_PROCEDURE_WORDS) == escalation_forms.PROCEDURE_CHOICES
    assert [k for k, _ in escalation_forms.PROCEDURE_CHOICES] == list(v.STATED_PROCEDURES)
    assert {k: w.label for k, w in v.STATED_PROCEDURE_WORDS.items()} == v.STATED_PROCEDURE_LABELS
    assert dict(escalation_forms.REPLY_CHOICES) == v.REPLY_STAGE_LABELS
    assert [k for k, _ in escalation_forms.REPLY_CHOICES] == list(v.REPLY_STAGES)


def test_the_emails_show_the_vocabularys_labels():
    assert messages.VALUE_LABELS["child_agrees"] == v.AGREES_LABELS
    assert dict(messages.VALUE_LABELS["method"]) == {k: w.label for k, w in v.CONFIRM_METHOD_WORDS.items()}
    assert dict(messages.VALUE_LABELS["preferred"]) == {k: w.label for k, w in v.CONTACT_WAY_WORDS.items()}
    assert messages.VALUE_LABELS["help"] is v.HELP_LABELS


def english_strings(path: Path) -> set[str]:
    """The sentences marked for translation in a source file (the first argument of N_, _l, gettext)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in
                ("N_", "_l", "gettext", "lazy_gettext") and node.args and isinstance(node.args[0], ast.Constant)):
            found.add(node.args[0].value)
    return found


def test_each_answers_words_are_written_once():
    vocabulary = ROOT / "wizard" / "domain" / "vocabulary.py"
    words = {w for table in (v.WHO_WORDS, v.AGREES_WORDS, v.YES_NO_UNSURE_WORDS, v.CONTACT_WAY_WORDS,
                             v.CONFIRM_METHOD_WORDS, v.STATED_PROCEDURE_WORDS, v.THROUGH_WORDS,
                             v.TRUSTED_ROLE_WORDS) for pair in table.values() for w in pair}
    words |= set(v.ABOUT_LABELS.values()) | set(v.REPLY_STAGE_LABELS.values())
    words -= {"Yes", "No", "Email", "Phone", "Someone else"}  # also words of other questions and pages
    for path in (ROOT / "wizard").rglob("*.py"):
        if path != vocabulary:
            again = words & english_strings(path)
            assert not again, f"{path.relative_to(ROOT)} writes {sorted(again)} again"
    assert "I do not know" not in english_strings(ROOT / "wizard" / "journey" / "forms.py")
