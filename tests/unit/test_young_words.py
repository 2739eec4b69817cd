"""The young words' own rules, beside the table (the table itself: tests/functional/test_young_words_one_table.py)."""

import pytest

from wizard.domain.vocabulary import WHO
from wizard.domain.young_words import gets_childline


def test_only_a_child_complaining_for_themselves_is_given_childline_in_every_pages_help():
    assert gets_childline("child")
    assert not gets_childline(None)  # before "who are you", and pages outside the journey


@pytest.mark.parametrize("who", [w for w in WHO if w != "child"])
def test_no_one_else_is_given_childline_in_every_pages_help(who):
    """A care leaver reads the young words, but is an adult: the help box gives them the council's number only."""
    assert not gets_childline(who)
