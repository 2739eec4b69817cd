"""The domain decides each combination of facts once per process (``routing.decide``): the same decision as the
rule tables applied afresh, for every combination the walk can meet, in any order; a table replaced starts again;
a missing fact fails as it did."""

from __future__ import annotations

import itertools
import random

import pytest

from wizard.domain import routing
from wizard.domain.routing import FACTS, decide


def every_combination():
    names = list(FACTS)
    return [dict(zip(names, values, strict=True)) for values in itertools.product(*FACTS.values())]


def test_every_combination_of_facts_is_decided_as_the_tables_decide_it():
    combinations = every_combination()
    assert len(combinations) > 10_000
    sample = random.Random(10).sample(combinations, 6000)
    for _round in range(2):  # decided afresh, then as kept
        for known in sample:
            shuffled = dict(random.Random(len(known["who"])).sample(list(known.items()), len(known)))
            assert decide(shuffled) == routing._decide(known), known
    # The kept decision is the same value, not a copy made for each caller to change.
    assert decide(sample[0]) is decide(dict(sample[0]))


def test_a_replaced_rule_table_is_read_again(monkeypatch):
    known = every_combination()[0]
    before = decide(known)
    # The same rules with the one that matched taken out: another outcome, at once.
    monkeypatch.setattr(routing, "RULES", tuple(rule for rule in routing.RULES if rule.id != before.rule))
    after = decide(known)
    assert after.rule != before.rule and after == routing._decide(known)
    monkeypatch.undo()
    assert decide(known) == before


def test_a_missing_fact_fails_as_the_rules_fail():
    known = every_combination()[0]
    del known["danger"]
    with pytest.raises(KeyError):
        decide(known)
    with pytest.raises(KeyError):
        routing._decide(known)
