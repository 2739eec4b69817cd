"""Characters that draw nothing are taken out of every answer (clean_text), except where a visible character
needs one: the joiners inside an emoji or a word, a variation selector after its character, a flag's tags.

Unicode's Default_Ignorable_Code_Point list is the reference: the combining grapheme joiner U+034F, Hangul
fillers, the Mongolian vowel separator, tag characters and the rest could make "Sam" and "Sa\u034fm" look the
same to a caseworker while being different text (or hide words in an email)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.journey.forms import clean_text, default_ignorable

# Every range of Default_Ignorable_Code_Point in Unicode 16's DerivedCoreProperties.txt, written out here
# independently of the code under test.
IGNORABLE_RANGES = [
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180D), (0x180E, 0x180E), (0x180F, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x2064), (0x2065, 0x2065), (0x2066, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0000), (0xE0001, 0xE0001), (0xE0002, 0xE001F), (0xE0020, 0xE007F), (0xE0080, 0xE00FF),
    (0xE0100, 0xE01EF), (0xE01F0, 0xE0FFF),
]
IGNORABLE = [chr(c) for low, high in IGNORABLE_RANGES for c in sorted({low, high, (low + high) // 2})]
JOINERS = {"\u200c", "\u200d"}
SELECTORS = {chr(c) for c in [*range(0x180B, 0x180E), 0x180F, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)]}
FLAG = "\U0001F3F4"
TAGS = {chr(c) for c in range(0xE0020, 0xE0080)}
ENGLAND = FLAG + "".join(chr(0xE0000 + ord(c)) for c in "gbeng") + "\U000E007F"
WALES = FLAG + "".join(chr(0xE0000 + ord(c)) for c in "gbwls") + "\U000E007F"


def visible(char: str) -> bool:
    return unicodedata.category(char)[0] in "LNPS" and not default_ignorable(char) and char != "\u2800"


def leftover_invisibles(text: str) -> list[str]:
    """Default-ignorable characters in ``text`` outside the places a visible character needs them."""
    wrong = []
    for i, char in enumerate(text):
        if not any(low <= ord(char) <= high for low, high in IGNORABLE_RANGES):
            continue
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if char in SELECTORS and before and visible(before):
            continue
        if char in JOINERS and before and after and (visible(before) or before in SELECTORS) and visible(after):
            continue
        if char in TAGS:
            start = text.rfind(FLAG, 0, i + 1)
            end = text.find("\U000E007F", i)
            if start != -1 and end != -1 and all(c in TAGS for c in text[start + 1 : end + 1]):
                continue
        wrong.append(f"U+{ord(char):04X}")
    return wrong


def test_the_ranges_written_here_match_the_code():
    for char in IGNORABLE:
        assert default_ignorable(char), f"U+{ord(char):04X}"
    for char in "aZ09 \u00e9\u0300\u2800\U0001F600\u200b"[:-1]:
        assert not default_ignorable(char), f"U+{ord(char):04X}"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Sam\u034fSmith", "SamSmith"),  # the combining grapheme joiner of the attacker's walk
        ("Sa\u034f\u034fm", "Sam"),
        ("\u3164", ""),  # a Hangul filler alone is an empty answer
        ("\u115f\u1160\uffa0", ""),
        ("Pat\u180eJones", "PatJones"),
        ("Pat\u17b4 Jones\u00ad", "Pat Jones"),
        ("Pat\U000E0041\U000E0042", "Pat"),  # tags outside a flag
        ("\u2064a\u2065b\ufff0", "ab"),
        ("\U0001F468\u200d\U0001F469\u200d\U0001F467", "\U0001F468\u200d\U0001F469\u200d\U0001F467"),
        ("I \u2764\ufe0f it", "I \u2764\ufe0f it"),
        ("\u2764\ufe0f\u200d\U0001F525", "\u2764\ufe0f\u200d\U0001F525"),  # heart on fire: joiner after a selector
        ("1\ufe0f\u20e3", "1\ufe0f\u20e3"),  # keycap one
        (f"Born in {ENGLAND}, lives in {WALES}", f"Born in {ENGLAND}, lives in {WALES}"),
        (FLAG + "\U000E0067x", FLAG + "x"),  # tags that never close are not a flag
        ("\ufe0fa\ufe0f\ufe0f", "a\ufe0f"),
        ("\u8fbb\U000E0100", "\u8fbb\U000E0100"),  # an ideographic variation sequence
    ],
)
def test_invisible_characters_are_removed_and_emoji_survive(typed, kept):
    assert clean_text(typed) == kept


# Text built to hit the awkward places: invisible characters beside letters, emoji, marks and each other.
PIECES = st.one_of(
    st.sampled_from(IGNORABLE),
    st.sampled_from(["a", "Z", "7", " ", "\n", "\u00e9", "e\u0301", "\u0300", "\u0316", "\U0001F468", "\u2764",
                     "\u20e3", FLAG, ENGLAND, "\u8fbb", "\u1820", "\u2800"]),
    st.characters(codec="utf-8"),
)
HOSTILE_TEXT = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(HOSTILE_TEXT, st.booleans())
def test_no_invisible_character_is_left_where_nothing_needs_it(text, keep_line_breaks):
    cleaned = clean_text(text, keep_line_breaks=keep_line_breaks)
    assert leftover_invisibles(cleaned) == []
    assert clean_text(cleaned, keep_line_breaks=keep_line_breaks) == cleaned  # once is enough
    assert unicodedata.is_normalized("NFC", cleaned)


VISIBLE_TEXT = st.text(
    alphabet=st.characters(categories=["L", "N", "P", "S", "Zs"]).filter(
        lambda c: not default_ignorable(c) and c not in "\u2800\u115f\u1160\u3164\uffa0" and c.isprintable()
    ),
    min_size=1,
    max_size=30,
).filter(lambda t: any(visible(c) for c in t))
NEEDLESS = [c for c in IGNORABLE if c not in SELECTORS | JOINERS | TAGS]


@settings(max_examples=300, deadline=None)
@given(VISIBLE_TEXT, st.lists(st.tuples(st.integers(0, 30), st.sampled_from(NEEDLESS)), max_size=8))
def test_sprinkling_invisible_characters_changes_nothing(text, insertions):
    hidden = list(text)
    for position, char in insertions:
        hidden.insert(min(position, len(hidden)), char)
    assert clean_text("".join(hidden)) == clean_text(text)
