import itertools
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.rule_tables import describe_rules
from wizard.domain.profiles import load_profile
from wizard.domain.routing import (
    FACTS,
    FLAG_RULES,
    RULES,
    Answers,
    AnswersError,
    complaint_deadline,
    decide,
    route,
    routing_table,
)
from wizard.domain.vocabulary import ABOUT, AGREES, FLAGS, OUTCOMES, WHO, WHO_FOR_CHILD, WHO_OWN_RIGHT

TODAY = date(2026, 6, 15)


def ask(profile, **kw):
    kw.setdefault("submitted", TODAY)
    return route(Answers(**kw), profile)


# --- each outcome rule ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("about", ["looked_after", "school", "education"])
def test_danger_comes_first_whatever_else_is_said(example, who, about):
    d = ask(example, who=who, about=about, danger=True, child_age=13, child_agrees="no")
    assert d.outcome == "emergency"
    assert d.procedure is None
    assert d.rule == "danger"
    assert d.reasons[0].rule == "danger"


@pytest.mark.parametrize("who", WHO)
def test_a_particular_school_goes_to_the_school(example, who):
    d = ask(example, who=who, about="school")
    assert (d.outcome, d.procedure, d.rule) == ("school", None, "school")


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("about", ["education", "childcare", "youth_services", "other_council", "child_protection"])
def test_corporate_subjects_go_to_the_corporate_procedure(example, who, about):
    d = ask(example, who=who, about=about, child_age=15, child_agrees="yes")
    assert (d.outcome, d.procedure, d.rule) == ("corporate", "corporate", "corporate_subject")
    assert d.flags == ()


def test_child_protection_follows_the_council(example, kingston):
    assert ask(example, who="parent", about="child_protection").outcome == "corporate"
    assert ask(kingston, who="parent", about="child_protection").outcome == "statutory"
    assert kingston.subject_route("child_protection") == "statutory"


STATUTORY_SUBJECTS = [
    a
    for a in ABOUT
    if a not in ("child_protection", "education", "childcare", "youth_services", "school", "other_council")
]


@pytest.mark.parametrize("who", WHO_OWN_RIGHT)
@pytest.mark.parametrize("about", STATUTORY_SUBJECTS)
def test_people_with_their_own_right_use_the_statutory_procedure(example, who, about):
    d = ask(example, who=who, about=about)
    assert (d.outcome, d.procedure, d.rule) == ("statutory", "statutory", "own_right")
    assert "sufficient_interest" not in d.flags


def test_adoption_people_use_the_statutory_procedure_only_for_adoption(example):
    d = ask(example, who="adoption", about="adoption")
    assert (d.outcome, d.rule) == ("statutory", "adoption_subject")
    for about in STATUTORY_SUBJECTS:
        if about == "adoption":
            continue
        d = ask(example, who="adoption", about=about)
        assert (d.outcome, d.procedure, d.rule) == ("corporate", "corporate", "adoption_other_subject")


@pytest.mark.parametrize("who", WHO_FOR_CHILD)
def test_acting_for_an_older_child_who_agrees_is_statutory(example, who):
    for age in (12, 13, 17):
        d = ask(example, who=who, about="looked_after", child_age=age, child_agrees="yes")
        assert (d.outcome, d.rule) == ("statutory", "for_child_agrees")
        assert d.flags == ()


@pytest.mark.parametrize("who", WHO_FOR_CHILD)
@pytest.mark.parametrize("agrees", ["no", "unsure", None])
def test_acting_for_an_older_child_who_has_not_agreed_needs_consent(example, who, agrees):
    d = ask(example, who=who, about="child_in_need", child_age=12, child_agrees=agrees)
    assert (d.outcome, d.procedure, d.rule) == ("consent_needed", None, "for_child_consent_needed")


@pytest.mark.parametrize("agrees", ["no", "unsure", None])
def test_going_on_without_the_childs_agreement_is_corporate_with_sufficient_interest(example, agrees):
    d = ask(
        example, who="relative", about="fostering", child_age=14, child_agrees=agrees, continue_without_consent=True
    )
    assert (d.outcome, d.procedure, d.rule) == ("corporate", "corporate", "for_child_continue_without_consent")
    assert d.flags == ("sufficient_interest",)
    assert "share" in d.reasons[0].text


def test_continuing_without_consent_changes_nothing_when_the_child_agrees(example):
    d = ask(example, who="relative", about="fostering", child_age=14, child_agrees="yes", continue_without_consent=True)
    assert d.outcome == "statutory"


@pytest.mark.parametrize("who", WHO_FOR_CHILD)
@pytest.mark.parametrize("agrees", [*AGREES, None])
def test_acting_for_a_younger_child_is_corporate_with_sufficient_interest(example, who, agrees):
    d = ask(example, who=who, about="disabled_children", child_age=11, child_agrees=agrees)
    if who == "advocate" and agrees == "yes":
        # The one exception, below.
        assert (d.outcome, d.procedure, d.rule) == ("statutory", "statutory", "advocate_younger_child_agrees")
        return
    assert (d.outcome, d.procedure, d.rule) == ("corporate", "corporate", "for_younger_child")
    assert d.flags == ("sufficient_interest",)


@pytest.mark.parametrize("age", [0, 5, 10, 11])
def test_a_younger_child_who_agrees_complains_through_their_advocate_under_the_statutory_procedure(example, age):
    # Fresh-eyes walk H: an advocate for a 10-year-old in foster care was never asked whether the boy agreed, and
    # his own complaint went to the council's procedure "until the council decides whether you have a close
    # enough interest". An advocate acts on what the child wants (s26A): a child who agrees complains through them.
    d = ask(example, who="advocate", about="looked_after", child_age=age, child_agrees="yes")
    assert (d.outcome, d.procedure, d.rule, d.flags) == ("statutory", "statutory", "advocate_younger_child_agrees", ())
    assert "own complaint" in d.reasons[0].text
    # Anyone else acting for the same child, with the same agreement, is still decided on by the council.
    for who in ("relative", "professional", "other"):
        d = ask(example, who=who, about="looked_after", child_age=age, child_agrees="yes")
        assert d.rule == "for_younger_child"


def test_an_unknown_age_is_treated_as_old_enough_to_be_asked(example):
    assert ask(example, who="professional", about="looked_after").outcome == "consent_needed"
    assert ask(example, who="professional", about="looked_after", child_agrees="yes").outcome == "statutory"


def test_consent_age_is_a_council_setting(example):
    older = replace(example, consent_age=14)
    assert ask(example, who="advocate", about="looked_after", child_age=13).outcome == "consent_needed"
    assert ask(older, who="advocate", about="looked_after", child_age=13).outcome == "corporate"
    assert ask(older, who="advocate", about="looked_after", child_age=14).outcome == "consent_needed"


# --- flags ------------------------------------------------------------------------------------------------


def test_complaint_deadline_adds_the_time_limit_in_months(example):
    assert complaint_deadline(example, date(2025, 6, 15)) == date(2026, 6, 15)
    assert complaint_deadline(example, date(2024, 2, 29)) == date(2025, 2, 28)
    short = replace(example, time_limit_months=1)
    assert complaint_deadline(short, date(2027, 1, 31)) == date(2027, 2, 28)
    assert complaint_deadline(short, date(2027, 12, 31)) == date(2028, 1, 31)
    assert complaint_deadline(replace(example, time_limit_months=18), date(2026, 8, 31)) == date(2028, 2, 29)


def test_late_is_flagged_after_the_deadline_but_never_refused(example):
    on_time = ask(example, who="parent", about="looked_after", happened=date(2025, 6, 15))
    late = ask(example, who="parent", about="looked_after", happened=date(2025, 6, 14))
    assert on_time.flags == ()
    assert late.flags == ("late",)
    assert late.outcome == on_time.outcome == "statutory"
    assert [r.rule for r in late.reasons] == ["own_right", "late"]


def test_a_matter_in_the_future_or_unknown_is_not_late(example):
    assert ask(example, who="child", about="looked_after", happened=date(2026, 7, 1)).flags == ()
    assert ask(example, who="child", about="looked_after").flags == ()


def test_submitted_defaults_to_today(example):
    long_ago = Answers(who="child", about="looked_after", happened=date(2000, 1, 1))
    assert route(long_ago, example).flags == ("late",)


@pytest.mark.parametrize("flag", ["proceedings", "provider_care", "advocacy_requested"])
def test_each_answer_flag(example, flag):
    d = ask(example, who="child", about="looked_after", **{flag: True})
    assert d.flags == (flag,)
    assert d.outcome == "statutory"
    assert d.reasons[-1].rule == flag


def test_flags_come_in_vocabulary_order_with_one_reason_each(example):
    d = ask(
        example,
        who="other",
        about="looked_after",
        child_age=5,
        happened=date(2020, 1, 1),
        proceedings=True,
        provider_care=True,
        advocacy_requested=True,
    )
    assert d.flags == FLAGS
    assert [r.rule for r in d.reasons] == [
        "for_younger_child",
        "late",
        "proceedings",
        "advocacy_requested",
        "provider_care",
    ]
    assert d.to_dict() == {
        "outcome": "corporate",
        "flags": list(FLAGS),
        "reasons": [r.text for r in d.reasons],
        "procedure": "corporate",
        "rules": ["for_younger_child", "late", "proceedings", "advocacy_requested", "provider_care"],
    }


# --- answers are checked ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kw",
    [
        {"who": "grandparent", "about": "looked_after"},
        {"who": "child", "about": "housing"},
        {"who": "advocate", "about": "looked_after", "child_agrees": "maybe"},
        {"who": "advocate", "about": "looked_after", "child_age": -1},
        {"who": "advocate", "about": "looked_after", "child_age": 40},
        {"who": "advocate", "about": "looked_after", "child_age": "12"},
        {"who": "advocate", "about": "looked_after", "happened": "2026-01-01"},
    ],
)
def test_answers_outside_the_vocabulary_are_refused(kw):
    with pytest.raises(AnswersError):
        Answers(**kw)


# --- the table is data, total and readable ----------------------------------------------------------------


def test_rules_are_data_with_plain_english_reasons():
    ids = [r.id for r in RULES] + [r.id for r in FLAG_RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.outcome in OUTCOMES
        assert rule.reason.endswith(".") and rule.description.endswith(".")
        assert all(c.fact in FACTS for c in rule.when)
        assert all(set(c.values) <= set(FACTS[c.fact]) for c in rule.when)
    assert {r.flag for r in FLAG_RULES} | {f for r in RULES for f in r.flags} == set(FLAGS)
    described = describe_rules()
    assert [d["id"] for d in described] == ids
    assert described[0]["when"] == "danger is yes"


OUTCOME_FACTS = ("danger", "subject_route", "who", "about", "age_band", "child_agrees", "continue_without_consent")


def test_every_combination_of_facts_has_exactly_one_first_rule_and_an_outcome():
    quiet = {"late": False, "proceedings": False, "provider_care": False, "advocacy_requested": False}
    for values in itertools.product(*(FACTS[f] for f in OUTCOME_FACTS)):
        facts = dict(zip(OUTCOME_FACTS, values, strict=True), **quiet)
        matching = [r for r in RULES if r.matches(facts)]
        assert matching, facts
        d = decide(facts)
        assert d.rule == matching[0].id
        assert d.outcome in OUTCOMES
        assert (d.procedure is not None) == (d.outcome in ("statutory", "corporate"))


answers = st.builds(
    Answers,
    who=st.sampled_from(WHO),
    about=st.sampled_from(ABOUT),
    child_age=st.one_of(st.none(), st.integers(0, 25)),
    child_agrees=st.one_of(st.none(), st.sampled_from(AGREES)),
    happened=st.one_of(st.none(), st.dates(date(2015, 1, 1), date(2030, 12, 31))),
    submitted=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    danger=st.booleans(),
    proceedings=st.booleans(),
    provider_care=st.booleans(),
    advocacy_requested=st.booleans(),
    continue_without_consent=st.booleans(),
)


PROFILES = [load_profile(c) for c in ("example", "kingston", "lancashire")]


@given(answers)
def test_every_answer_has_exactly_one_outcome(a):
    for profile in PROFILES:
        d = route(a, profile)
        assert d.outcome in OUTCOMES
        assert set(d.flags) <= set(FLAGS)
        assert list(d.flags) == [f for f in FLAGS if f in d.flags]
        assert len(d.reasons) == 1 + len([f for f in d.flags if f != "sufficient_interest"])
        if a.danger:
            assert d.outcome == "emergency"
        if d.outcome == "consent_needed":
            assert a.who in WHO_FOR_CHILD and a.child_agrees != "yes" and not a.continue_without_consent
        if d.outcome == "statutory":
            assert profile.subject_route(a.about) == "statutory"
        assert ("late" in d.flags) == (a.happened is not None and a.submitted > complaint_deadline(profile, a.happened))


def test_routing_table_covers_every_who_and_about(example, kingston):
    for profile in (example, kingston):
        rows = routing_table(profile)
        assert {(r["who"], r["about"]) for r in rows} == {(w, a) for w in WHO for a in ABOUT}
        for r in rows:
            assert r["outcome"] in OUTCOMES
            a = Answers(
                who=r["who"],
                about=r["about"],
                child_age={None: None, "younger": profile.consent_age - 1, "consent_age_or_over": profile.consent_age}[
                    r["age_band"]
                ],
                child_agrees=r["child_agrees"],
                continue_without_consent=bool(r["continue_without_consent"]),
                submitted=TODAY,
            )
            assert route(a, profile).outcome == r["outcome"]


def test_routing_table_splits_only_where_consent_matters(example):
    rows = [r for r in routing_table(example) if r["who"] == "advocate" and r["about"] == "looked_after"]
    assert [(r["age_band"], r["child_agrees"], r["continue_without_consent"], r["outcome"]) for r in rows] == [
        ("younger", "yes", None, "statutory"),
        ("younger", "no", None, "corporate"),
        ("younger", "unsure", None, "corporate"),
        ("consent_age_or_over", "yes", None, "statutory"),
        ("consent_age_or_over", "no", False, "consent_needed"),
        ("consent_age_or_over", "no", True, "corporate"),
        ("consent_age_or_over", "unsure", False, "consent_needed"),
        ("consent_age_or_over", "unsure", True, "corporate"),
    ]
    single = [r for r in routing_table(example) if r["who"] == "parent" and r["about"] == "looked_after"]
    assert len(single) == 1 and single[0]["age_band"] is None and single[0]["outcome"] == "statutory"


def test_the_routing_doc_lists_every_rule():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "routing.md").read_text()
    for rule in RULES:
        assert f"`{rule.id}`" in doc, rule.id
    for rule in FLAG_RULES:
        assert f"`{rule.flag}`" in doc, rule.flag
