"""Words for the person reading: a second set of texts for children, young people and care leavers.

Every page is written once, in the words for an adult (the English source text of the catalogue). When the
person has said they are a child, young person or care leaver, the journey uses the young text set instead: each
adult sentence that has a young version is swapped for it, then translated as usual. The swap happens in one
place, Flask-Babel's domain for the request (``use_for``), so it reaches everything a page says: questions, hints,
errors, the pages' own sentences, the section titles of "Check your answers" and the reasons the domain gives.
Forms, templates and the domain stay as they are (no ``if`` on the audience in a template); the council's
record is built with the English source text and never reworded.

The young texts live in ``young_words.py`` as data: per page (a step's name, or "check", "confirmation"), a table
from the adult sentence to the young one, plus a table for every page ("*"). A young sentence keeps the adult
sentence's placeholders (``%(phone)s`` ...), and may leave some out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import Domain, get_babel

from .young_words import YOUNG

# The people who read the young words: those complaining for themselves (steps.SELF).
YOUNG_AUDIENCE = ("child", "care_leaver")

TEXT_SETS: dict[str, Mapping[str, Mapping[str, str]]] = {"young": YOUNG}


def audience(who: str | None) -> str:
    """"young" for a child, young person or care leaver complaining for themselves; "adult" otherwise."""
    return "young" if who in YOUNG_AUDIENCE else "adult"


def words_for(audience_name: str, page: str) -> dict[str, str]:
    """The swaps for one page: the audience's table for every page, then the page's own (which wins)."""
    sets = TEXT_SETS.get(audience_name)
    if not sets:
        return {}
    return {**sets.get("*", {}), **sets.get(page, {})}


class _Reworded:
    """A catalogue that swaps each adult sentence for the audience's version before translating it."""

    def __init__(self, inner, words: Mapping[str, str]):
        self._inner = inner
        self._words = words

    def ugettext(self, message):
        return self._inner.ugettext(self._words.get(message, message))

    gettext = ugettext

    def ungettext(self, singular, plural, n):
        return self._inner.ungettext(self._words.get(singular, singular), self._words.get(plural, plural), n)

    ngettext = ungettext

    def __getattr__(self, name: str) -> Any:  # pgettext and the rest: as the catalogue does them
        return getattr(self._inner, name)


class WordsDomain(Domain):
    """Flask-Babel's domain with one page's text set laid over the app's own catalogue."""

    def __init__(self, words: Mapping[str, str]):
        super().__init__()
        self.words = dict(words)

    def get_translations(self):
        return _Reworded(get_babel().instance.domain_instance.get_translations(), self.words)


_domains: dict[tuple[str, str], WordsDomain] = {}


def use_for(who: str | None, page: str) -> str:
    """Use the words for this person on this page for the rest of the request; returns the audience."""
    name = audience(who)
    words = words_for(name, page)
    if words:
        key = (name, page)
        if key not in _domains:
            _domains[key] = WordsDomain(words)
        _domains[key].as_default()
    return name
