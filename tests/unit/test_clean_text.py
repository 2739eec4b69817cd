"""An answer made of plain characters (ASCII, Latin letters, line breaks) is cleaned without the character-by-
character loop (journey/forms.py: _PLAIN): exactly as the loop cleans it, for any mix of characters."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.journey import forms as f


def by_the_loop(value: str, keep_line_breaks: bool) -> str:
    """``clean_text`` as it was before the plain path: every answer through the loop."""
    text = f._LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", value))
    text = f._kept_characters(text, keep_line_breaks)
    if not any(f._visible(char) for char in text):
        return ""
    if keep_line_breaks:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text.strip()


PLAIN = [chr(c) for c in (*range(0x20, 0x7F), *range(0xA0, 0xAD), *range(0xAE, 0x250))]
TRICKY = list("\n\r\t\x0b\x0c\x1c\x85\u2028\u2029\u00ad\u200b\u200c\u200d\u202e\u2066\ufe0f\u0301\u3164\u2800")
TRICKY += ["\U0001F3F4", "\U000E0067", "\U000E007F", "\u00a0", " "]


def test_each_plain_character_is_one_the_loop_keeps_as_it_is():
    for char in PLAIN:
        assert f._PLAIN.fullmatch(char)
        for keep in (True, False):
            assert f.clean_text(f"a{char}b", keep) == by_the_loop(f"a{char}b", keep), hex(ord(char))
    assert not f._PLAIN.fullmatch("\u00ad") and not f._PLAIN.fullmatch("\t")


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(PLAIN + TRICKY), max_size=30), keep=st.booleans())
def test_any_mix_of_characters_is_cleaned_as_the_loop_cleans_it(text, keep):
    assert f.clean_text(text, keep) == by_the_loop(text, keep)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=20), keep=st.booleans())
def test_any_text_at_all_is_cleaned_as_the_loop_cleans_it(text, keep):
    assert f.clean_text(text, keep) == by_the_loop(text, keep)


def test_blank_answers_are_empty_either_way():
    for text in ("", " ", "\n \u00a0\n", "\r\n\t", "\u200b"):
        assert f.clean_text(text) == f.clean_text(text, False) == by_the_loop(text, True) == ""
