"""Which languages are still partly in English."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from wizard.translation_status import incomplete_languages

PROJECT = Path(__file__).resolve().parents[2]


def write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        write_po(f, catalog)


def catalogues(tmp_path: Path, welsh: dict[str, str], fuzzy: tuple[str, ...] = ()) -> Path:
    template = Catalog()
    for msgid in ("Back", "Continue"):
        template.add(msgid)
    write(tmp_path / "messages.pot", template)
    cy = Catalog(locale="cy")
    for msgid in ("Back", "Continue"):
        flags = ("fuzzy",) if msgid in fuzzy else ()
        cy.add(msgid, welsh.get(msgid, ""), flags=flags)
    write(tmp_path / "cy" / "LC_MESSAGES" / "messages.po", cy)
    return tmp_path


def test_a_language_with_every_sentence_translated_is_complete(tmp_path):
    directory = catalogues(tmp_path, {"Back": "Yn ôl", "Continue": "Parhau"})
    assert incomplete_languages(directory, ("en", "cy")) == frozenset()


def test_a_missing_or_fuzzy_translation_leaves_the_language_incomplete(tmp_path):
    assert incomplete_languages(catalogues(tmp_path / "a", {"Back": "Yn ôl"}), ("en", "cy")) == {"cy"}
    both = {"Back": "Yn ôl", "Continue": "Parhau"}
    assert incomplete_languages(catalogues(tmp_path / "b", both, fuzzy=("Continue",)), ("en", "cy")) == {"cy"}


def test_a_language_with_no_catalogue_is_incomplete(tmp_path):
    directory = catalogues(tmp_path, {})
    assert incomplete_languages(directory, ("en", "fr")) == {"fr"}


def test_each_message_context_needs_its_own_translation(tmp_path):
    # "Yes" to "Is a child in danger?" (Ydy) and "Yes" to "Would you like an advocate?" (Hoffwn) are two entries:
    # translating one does not complete the other.
    template = Catalog()
    template.add("Yes", context="danger")
    template.add("Yes", context="advocate")
    write(tmp_path / "messages.pot", template)
    cy = Catalog(locale="cy")
    cy.add("Yes", "Ydy", context="danger")
    cy.add("Yes", "", context="advocate")
    write(tmp_path / "cy" / "LC_MESSAGES" / "messages.po", cy)
    assert incomplete_languages(tmp_path, ("en", "cy")) == {"cy"}
    cy = Catalog(locale="cy")
    cy.add("Yes", "Ydy", context="danger")
    cy.add("Yes", "Hoffwn", context="advocate")
    write(tmp_path / "cy" / "LC_MESSAGES" / "messages.po", cy)
    assert incomplete_languages(tmp_path, ("en", "cy")) == frozenset()


def test_the_shipped_welsh_catalogue_is_complete():
    # So Welsh pages no longer say that some parts are still in English.
    assert incomplete_languages(PROJECT / "translations", ("en", "cy")) == frozenset()
