"""Who can complain for a child without the child's agreement: the carers who look after the child."""

from __future__ import annotations

from datetime import date

import pytest

from tests.rule_tables import describe_rules
from wizard.domain.routing import RULES, Answers, route
from wizard.domain.vocabulary import WHO_LABELS

TODAY = date(2026, 6, 15)
STATUTORY = ["looked_after", "child_in_need", "disabled_children", "special_guardianship", "fostering"]


def ask(profile, **kw):
    return route(Answers(submitted=TODAY, **kw), profile)


@pytest.mark.parametrize("about", STATUTORY)
@pytest.mark.parametrize("age", [None, 5, 12, 16])
@pytest.mark.parametrize("agrees", [None, "no", "unsure", "yes"])
def test_a_kinship_carer_is_accepted_without_the_childs_agreement(example, about, age, agrees):
    d = ask(example, who="kinship_carer", about=about, child_age=age, child_agrees=agrees)
    assert (d.outcome, d.procedure, d.rule) == ("statutory", "statutory", "provides_care")
    assert "sufficient_interest" not in d.flags
    assert d.reasons[0].rule == "provides_care"
    assert "without the child's agreement" in d.reasons[0].text


def test_a_relative_the_child_does_not_live_with_still_needs_the_childs_agreement(example):
    d = ask(example, who="relative", about="looked_after", child_age=14)
    assert d.outcome == "consent_needed"


def test_a_kinship_carer_complaining_about_education_uses_the_corporate_procedure(example):
    assert ask(example, who="kinship_carer", about="education").rule == "corporate_subject"


def test_the_rule_is_in_the_table_with_a_reason():
    rule = next(r for r in RULES if r.id == "provides_care")
    assert rule.outcome == "statutory" and rule.reason
    described = {r["id"]: r for r in describe_rules()}
    assert described["provides_care"]["when"] == "subject_route is statutory and who is kinship_carer"
    assert WHO_LABELS["kinship_carer"]


def test_the_council_decides_first_for_late_and_no_agreement_complaints():
    from wizard.domain.routing import council_decides_first

    assert council_decides_first((), False) == ()
    assert council_decides_first(("advocacy_requested",), True) == ()
    assert council_decides_first(("late",), False) == ("late",)
    assert council_decides_first(("late", "sufficient_interest"), True) == ("late", "without_agreement")
    assert council_decides_first(("sufficient_interest",), False) == ("sufficient_interest",)
