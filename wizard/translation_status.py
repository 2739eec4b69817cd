"""Which languages are not fully translated yet, so their pages can say that some parts are still in English.

Read once at start-up from the catalogue template (``translations/messages.pot``) and each language's ``.po``.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po


def _translated(message) -> bool:
    if isinstance(message.string, tuple | list):
        return all(message.string)
    return bool(message.string)


def incomplete_languages(directory: Path, languages, source: str = "en") -> frozenset[str]:
    """The languages (other than ``source``) whose catalogue is missing a translation of any sentence (each
    message context apart: "Yes" to one question is not "Yes" to another)."""
    with open(directory / "messages.pot", "rb") as f:
        wanted = {(message.context, message.id) for message in read_po(f) if message.id}
    incomplete = set()
    for code in languages:
        if code == source:
            continue
        path = directory / code / "LC_MESSAGES" / "messages.po"
        if not path.exists():
            incomplete.add(code)
            continue
        with open(path, "rb") as f:
            done = {(m.context, m.id) for m in read_po(f, locale=code) if m.id and not m.fuzzy and _translated(m)}
        if wanted - done:
            incomplete.add(code)
    return frozenset(incomplete)
