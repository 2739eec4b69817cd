"""The steps as data, and the walk that decides which step comes next (by asking the domain)."""

from __future__ import annotations

from datetime import date

import pytest

from wizard.domain.profiles import load_profile
from wizard.journey import steps as s

PROFILE = load_profile("example")
TODAY = date(2026, 11, 24)


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield


def raw(**fields):
    return {k: v if isinstance(v, list) else [v] for k, v in fields.items()}


BASE = {
    "danger": raw(danger="no"),
    "who": raw(who="relative"),
    "about": raw(about="looked_after"),
    "provider": raw(provider="no"),
}


def test_steps_have_unique_names_and_slugs_and_known_sections():
    assert len({st.name for st in s.STEPS}) == len(s.STEPS)
    assert len({st.slug for st in s.STEPS}) == len(s.STEPS)
    assert all(st.slug == st.slug.lower() and " " not in st.slug for st in s.STEPS)
    assert {st.kind for st in s.STEPS} <= {"question", "info", "exit"}


def test_an_empty_draft_starts_with_safety(ctx):
    w = s.walk({}, PROFILE, TODAY)
    assert w.current.name == "danger" and w.done == []


def test_danger_shows_the_emergency_page_before_anything_else(ctx):
    w = s.walk({"danger": raw(danger="yes")}, PROFILE, TODAY)
    assert w.current.name == "emergency"
    w = s.walk({"danger": raw(danger="yes"), "emergency": raw(carry_on="yes")}, PROFILE, TODAY)
    assert w.current.name == "who"


@pytest.mark.parametrize(
    ("age", "expected"),
    [("14", "agrees"), ("11", "tried"), ("12", "agrees")],  # the example council's consent age is 12
)
def test_the_consent_question_follows_the_domain_and_the_councils_consent_age(ctx, age, expected):
    stored = {**BASE, "child": raw(child_name="Sam", child_age=age, child_dob=["", "", ""])}
    assert s.walk(stored, PROFILE, TODAY).current.name == expected


def test_a_child_who_does_not_agree_leads_to_the_consent_page_then_corporate(ctx):
    stored = {**BASE, "child": raw(child_name="Sam", child_age="14", child_dob=["", "", ""]),
              "agrees": raw(child_agrees="no")}
    w = s.walk(stored, PROFILE, TODAY)
    assert w.current.name == "consent_needed" and w.decision.outcome == "consent_needed"
    stored["consent_needed"] = raw(carry_on="yes")
    w = s.walk(stored, PROFILE, TODAY)
    assert w.current.name == "tried"
    assert w.decision.outcome == "corporate" and "sufficient_interest" in w.decision.flags


def test_answers_of_steps_off_the_route_are_listed_for_dropping(ctx):
    stored = {**BASE, "who": raw(who="child"), "child": raw(child_name="Sam", child_age="9", child_dob=["", "", ""])}
    w = s.walk(stored, PROFILE, TODAY)
    assert "child" in w.not_applicable


def test_an_invalid_stored_answer_is_asked_again(ctx):
    stored = {**BASE, "who": raw(who="not-a-kind-of-person")}
    assert s.walk(stored, PROFILE, TODAY).current.name == "who"


def test_late_complaints_ask_why_now(ctx):
    stored = {**BASE, "who": raw(who="care_leaver"), "about": raw(about="leaving_care"), "tried": raw(tried="yes"),
              "when": raw(happened=["1", "3", "2025"])}
    w = s.walk(stored, PROFILE, TODAY)
    assert w.current.name == "late" and "late" in w.decision.flags
    stored["when"] = raw(happened=["1", "3", "2026"])
    assert s.walk(stored, PROFILE, TODAY).current.name == "advocacy_self"


def test_a_month_and_year_counts_as_the_last_day_of_the_month_but_never_after_today(ctx):
    stored = {**BASE, "who": raw(who="parent"), "child": raw(child_name="Sam", child_age="9", child_dob=["", "", ""]),
              "tried": raw(tried="yes"), "when": raw(happened=["", "2", "2024"])}
    assert s.walk(stored, PROFILE, TODAY).flat["happened"] == date(2024, 2, 29)
    stored["when"] = raw(happened=["", "11", "2026"])
    assert s.walk(stored, PROFILE, TODAY).flat["happened"] == TODAY


def test_school_complaints_stop_at_the_exit(ctx):
    stored = {**BASE, "who": raw(who="parent"), "about": raw(about="school")}
    w = s.walk(stored, PROFILE, TODAY)
    assert w.current.name == "school" and w.current.kind == "exit"
