"""Words for the person reading: a second set of texts for children, young people and care leavers.

Every page is written once, in the words for an adult (the English source text of the catalogue). When the
person has said they are a child, young person or care leaver, the journey uses the young text set instead: each
adult sentence that has a young version is swapped for it, then translated as usual. The swap happens in one
place, Flask-Babel's domain for the request (``use_for``), so it reaches everything a page says: questions, hints,
errors, the pages' own sentences, the section titles of "Check your answers" and the reasons the domain gives.
Forms, templates and the domain stay as they are (no ``if`` on the audience in a template); the council's
record is built with the English source text and never reworded.

The young texts are one table in the domain, ``wizard/domain/young_words.py``, which the complainant's email reads
too: per page (a step's name, or "check", "confirmation"), a table from the adult sentence to the young one, plus a
table for every page ("*"). A young sentence keeps the adult sentence's placeholders (``%(phone)s`` ...), and may
leave some out.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import g
from flask_babel import Domain, get_babel

from wizard.domain.young_words import YOUNG_AUDIENCE, Reworded, audience, words_for

__all__ = ["YOUNG_AUDIENCE", "WordsDomain", "audience", "use_for", "words_for"]


class WordsDomain(Domain):
    """Flask-Babel's domain with one page's text set laid over the app's own catalogue."""

    def __init__(self, words: Mapping[str, str]):
        super().__init__()
        self.words = dict(words)

    def get_translations(self):
        return Reworded(get_babel().instance.domain_instance.get_translations(), self.words)


_domains: dict[tuple[str, str], WordsDomain] = {}


def use_for(who: str | None, page: str) -> str:
    """Use the words for this person on this page for the rest of the request; returns the audience."""
    name = audience(who)
    g.reader = who  # the page's own help (base.html) asks young_words.gets_childline: Childline on a child's pages
    words = words_for(name, page)
    if words:
        key = (name, page)
        if key not in _domains:
            _domains[key] = WordsDomain(words)
        _domains[key].as_default()
    return name
