"""Welsh after a word that mutates the next one (issue 12, session 9: "gallwch ofyn am panel adolygu").

A placeholder cannot mutate: "am %(stage)s" is filled with "panel adolygu", and Welsh needs "am banel". So no Welsh
sentence puts a placeholder that names a thing straight after such a word; the sentence is written around it
("gofyn am gael %(stage)s"). And the words the walk found unmutated after "am" and "neu" are mutated.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

CATALOGUE = Path(__file__).resolve().parents[2] / "translations" / "cy" / "LC_MESSAGES" / "messages.po"
# Words after which Welsh softens the next word (am, ar, at, gan, heb, i, o, dan, dros, drwy, wrth, hyd, neu).
SOFTENING = r"(?:am|ar|at|gan|heb|i|o|dan|dros|drwy|trwy|wrth|hyd|neu)"
# Placeholders filled with a Welsh noun phrase that could mutate (a stage's name).
NOUN_PLACEHOLDERS = ("stage",)
UNMUTATED = ("am panel", "am cam ", "neu pwy ", "neu cliriwch", "neu dewiswch", "neu dim ond", "neu daeth",
             "neu defnyddiwch", "neu cytunwch", "Neu rhowch")


def _welsh() -> list[str]:
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    out = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        out += [s for s in strings if s]
    return out


def test_no_stage_name_is_put_straight_after_a_word_that_mutates_it():
    pattern = re.compile(rf"\b{SOFTENING}\s+%\((?:{'|'.join(NOUN_PLACEHOLDERS)})\)s", re.IGNORECASE)
    wrong = [s for s in _welsh() if pattern.search(s)]
    assert not wrong, wrong


def test_the_words_found_unmutated_are_mutated():
    text = "\n".join(_welsh())
    for words in UNMUTATED:
        assert words not in text, words
    assert "gallwch ofyn am gael %(stage)s" in text
