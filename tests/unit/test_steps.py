"""The steps as data, and the walk that decides which step comes next (by asking the domain)."""

from __future__ import annotations

import dataclasses
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
    "kind": raw(kind="new"),
    "who": raw(who="relative"),
    "about": raw(about="looked_after"),
    "provider": raw(provider="no"),
}


def test_steps_have_unique_names_and_slugs_and_known_sections():
    assert len({st.name for st in s.STEPS}) == len(s.STEPS)
    assert len({st.slug for st in s.STEPS}) == len(s.STEPS)
    assert all(st.slug == st.slug.lower() and " " not in st.slug for st in s.STEPS)
    assert {st.kind for st in s.STEPS} <= {"question", "info", "exit"}


def test_a_step_is_the_same_step_only_as_itself():
    # Each step is made once; where it is (``STEPS.index``, ``in w.done``) is asked dozens of times a request and
    # must not compare every field of every step before it (a request's cost grew with the answers given).
    last = s.STEPS[-1]
    twin = dataclasses.replace(last)
    assert twin != last and last == last
    assert s.STEPS.index(last) == len(s.STEPS) - 1
    assert twin not in s.STEPS
    assert len({*s.STEPS, twin}) == len(s.STEPS) + 1


def test_an_empty_draft_starts_with_safety(ctx):
    w = s.walk({}, PROFILE, TODAY)
    assert w.current.name == "danger" and w.done == []


def test_danger_shows_the_emergency_page_before_anything_else(ctx):
    w = s.walk({"danger": raw(danger="yes")}, PROFILE, TODAY)
    assert w.current.name == "emergency"
    w = s.walk({"danger": raw(danger="yes"), "emergency": raw(carry_on="yes")}, PROFILE, TODAY)
    assert w.current.name == "kind"  # a new complaint, or unhappy with a reply
    w = s.walk({"danger": raw(danger="yes"), "emergency": raw(carry_on="yes"), "kind": raw(kind="new")},
               PROFILE, TODAY)
    assert w.current.name == "who"


@pytest.mark.parametrize(
    ("age", "expected"),
    [("14", "agrees"), ("11", "child_knows"), ("12", "agrees")],  # consent age 12; younger: whether they know
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
    stored = {**BASE, "who": raw(who="child"), "feels_safe": raw(feels_safe="yes"),  # a child's first question
              "child": raw(child_name="Sam", child_age="9", child_dob=["", "", ""])}
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
              "child_knows": raw(child_knows="yes"), "tried": raw(tried="yes"), "when": raw(happened=["", "2", "2024"])}
    assert s.walk(stored, PROFILE, TODAY).flat["happened"] == date(2024, 2, 29)
    stored["when"] = raw(happened=["", "11", "2026"])
    assert s.walk(stored, PROFILE, TODAY).flat["happened"] == TODAY


def test_school_complaints_stop_at_the_exit(ctx):
    stored = {**BASE, "who": raw(who="parent"), "about": raw(about="school")}
    w = s.walk(stored, PROFILE, TODAY)
    assert w.current.name == "school" and w.current.kind == "exit"


def parent_draft():
    """The stored answers of a parent's whole journey (tests/journey_answers.py), dated before TODAY."""
    from tests.journey_answers import PARENT

    stored = {s.BY_SLUG[slug].name: raw(**data) for slug, data in PARENT.items() if slug in s.BY_SLUG}
    stored["when"] = raw(happened=["1", "11", "2026"])
    return stored


def the_same(a: s.Walk, b: s.Walk) -> None:
    assert [st.name for st in a.done] == [st.name for st in b.done]
    assert (a.current and a.current.name) == (b.current and b.current.name)
    assert a.values == b.values and a.flat == b.flat
    assert a.not_applicable == b.not_applicable
    assert a.decision == b.decision
    assert a.contexts.keys() == b.contexts.keys()
    assert all(a.contexts[n].flat == b.contexts[n].flat for n in a.contexts)
    assert all(a.contexts[n].decision == b.contexts[n].decision for n in a.contexts)


def test_a_walk_asks_the_domain_about_each_distinct_set_of_answers_once(ctx, monkeypatch):
    routed = []
    real = s.route

    def counting(answers, profile):
        routed.append(answers)
        return real(answers, profile)

    monkeypatch.setattr(s, "route", counting)
    stored = parent_draft()
    w = s.walk(stored, PROFILE, TODAY)
    assert w.complete and w.decision.outcome == "statutory"
    assert routed and len(routed) == len(set(routed))
    # A request's second walk of the same answers asks the domain nothing new, and finds the same.
    routes = {}
    first = s.walk(stored, PROFILE, TODAY, routes=routes)
    asked = len(routed)
    second = s.walk(stored, PROFILE, TODAY, routes=routes)
    assert len(routed) == asked
    the_same(first, second)
    the_same(w, second)


@pytest.mark.parametrize(
    ("name", "answer"),
    [
        ("danger", raw(danger="no")),
        ("who", raw(who="child")),  # the route changes: questions about the child go, about-you comes
        ("about", raw(about="school")),  # an exit
        ("child", raw(child_name="Sam", child_age="14", child_dob=["", "", ""])),  # now the child's agreement
        ("tried", raw(tried="no")),  # advice page comes in
        ("when", raw(happened=["1", "3", "2025"])),  # late: why now
        ("when", raw(happened=["99", "3", "2025"])),  # invalid: asked again
        ("complaint", raw(what_happened="", who_involved="", put_right="")),  # invalid
        ("help", raw(help=["none"], interpreter_language="", help_other="")),
    ],
)
def test_carrying_on_from_a_changed_step_finds_what_walking_again_finds(ctx, name, answer):
    stored = parent_draft()
    earlier = s.walk(stored, PROFILE, TODAY, routes={})
    step = s.BY_NAME[name]
    assert earlier.reachable(step)
    changed = {**stored, name: answer}
    the_same(s.walk(changed, PROFILE, TODAY, routes={}, after=(earlier, step)), s.walk(changed, PROFILE, TODAY))


# ---------------------------------------------------------------------------------------------------------
# What a walk found, kept with the draft: a page view validates nothing it already knows


def kept(w: s.Walk, stored) -> dict:
    """``Walk.known`` as the draft keeps it: through JSON and back."""
    import json

    return json.loads(json.dumps(w.known(stored)))


def test_a_walk_given_what_was_known_validates_nothing_and_finds_the_same(ctx):
    stored = parent_draft()
    full = s.walk(stored, PROFILE, TODAY)
    assert full.complete and full.validated == len(full.done)
    again = s.walk(stored, PROFILE, TODAY, known=kept(full, stored))
    assert again.validated == 0
    the_same(full, again)
    assert again.flat["happened"] == date(2026, 11, 1)  # a date comes back as a date


@pytest.mark.parametrize(
    ("name", "answer"),
    [
        ("who", raw(who="child")),  # the route changes
        ("child", raw(child_name="Sam", child_age="14", child_dob=["", "", ""])),  # the child's agreement comes in
        ("when", raw(happened=["1", "3", "2025"])),  # late: why now
        ("when", raw(happened=["99", "3", "2025"])),  # invalid: asked again
        ("contact", raw(email="", phone="01632 960 001", address_line_1="", address_line_2="", address_town="",
                        address_postcode="")),  # the email preferred before is no longer a choice
    ],
)
def test_from_a_changed_answer_on_everything_is_validated_again(ctx, name, answer):
    stored = parent_draft()
    known = kept(s.walk(stored, PROFILE, TODAY), stored)
    changed = {**stored, name: answer}
    fresh = s.walk(changed, PROFILE, TODAY)
    found = s.walk(changed, PROFILE, TODAY, known=known)
    the_same(fresh, found)
    before = [st for st in fresh.done if s.STEPS.index(st) < s.STEPS.index(s.BY_NAME[name])]
    assert found.validated == fresh.validated - len(before)


def test_what_was_known_yesterday_or_for_another_council_is_validated_again(ctx):
    from dataclasses import replace
    from datetime import timedelta

    stored = parent_draft()
    known = kept(s.walk(stored, PROFILE, TODAY), stored)
    tomorrow = TODAY + timedelta(days=1)
    the_same(s.walk(stored, PROFILE, tomorrow, known=known), s.walk(stored, PROFILE, tomorrow))
    assert s.walk(stored, PROFILE, tomorrow, known=known).validated == len(s.walk(stored, PROFILE, tomorrow).done)
    other = replace(PROFILE, id="another-council")
    assert s.walk(stored, other, TODAY, known=known).validated == len(s.walk(stored, other, TODAY).done)
    # A date of birth that made the child 25 yesterday may make them 26 today: only a walk of today can tell.


def test_carrying_on_after_a_walk_that_validated_again_does_not_trust_what_was_known(ctx):
    stored = parent_draft()
    known = kept(s.walk(stored, PROFILE, TODAY), stored)
    # Another tab changed who the person is: what was known of the later steps no longer holds.
    changed = {**stored, "who": raw(who="foster_carer")}
    earlier = s.walk(changed, PROFILE, TODAY, routes={}, known=known)
    step = s.BY_NAME["complaint"]
    carried = s.walk(changed, PROFILE, TODAY, routes={}, after=(earlier, step), known=known)
    assert carried.validated > 0
    the_same(carried, s.walk(changed, PROFILE, TODAY))


# ---------------------------------------------------------------------------------------------------------
# A save seals only what it found anew: entries taken unchanged from checked seals are kept as they were


SECRET = "a test secret key " * 3


def sealed(w: s.Walk, stored) -> dict:
    """What a save keeps, through JSON and back, as the draft gives it to the next walk."""
    import json

    return json.loads(json.dumps(s.seal_known(w.known(stored), SECRET, PROFILE)))


def test_carrying_on_from_an_early_step_reseals_only_what_changed_and_every_seal_holds(ctx, monkeypatch):
    stored = parent_draft()
    kept = sealed(s.walk(stored, PROFILE, TODAY), stored)
    opened = s.open_known(kept, SECRET, PROFILE)
    assert len(opened["steps"]) == len(kept["steps"]) >= 15
    macs = []
    real_mac = s._mac
    monkeypatch.setattr(s, "_mac", lambda *a: macs.append(a[0]) or real_mac(*a))
    # A POST on "who are you" with the same answer, and with another that keeps the route: the walk before that
    # step, then on from it, as the journey's views do.
    for answer in (raw(who="parent"), raw(who="relative")):
        first = s.walk(stored, PROFILE, TODAY, known=s.open_known(kept, SECRET, PROFILE), through=s.BY_NAME["who"])
        changed = {**stored, "who": answer}
        ahead = s.walk(changed, PROFILE, TODAY, after=(first, s.BY_NAME["who"]),
                       known=s.open_known(kept, SECRET, PROFILE))
        assert ahead.complete
        macs.clear()
        again = sealed(ahead, changed)
        assert len(macs) == ahead.validated  # sealed anew: only what was validated
        fresh = sealed(s.walk(changed, PROFILE, TODAY), changed)
        assert again == fresh  # the same entries and seals as sealing everything anew
        reopened = s.open_known(again, SECRET, PROFILE)
        assert set(reopened["steps"]) == set(again["steps"])  # every seal holds
        assert s.walk(changed, PROFILE, TODAY, known=reopened).validated == 0
    assert len(macs) >= 1


def test_a_changed_kept_value_is_never_carried_into_the_next_save(ctx):
    stored = parent_draft()
    kept = sealed(s.walk(stored, PROFILE, TODAY), stored)
    kept["steps"]["complaint"]["values"]["what_happened"] = "Nothing happened at all."
    first = s.walk(stored, PROFILE, TODAY, known=s.open_known(kept, SECRET, PROFILE), through=s.BY_NAME["who"])
    ahead = s.walk(stored, PROFILE, TODAY, after=(first, s.BY_NAME["who"]), known=s.open_known(kept, SECRET, PROFILE))
    assert ahead.validated >= 1 and ahead.values["complaint"]["what_happened"] != "Nothing happened at all."
    again = sealed(ahead, stored)
    assert "Nothing happened at all." not in str(again)
    assert set(s.open_known(again, SECRET, PROFILE)["steps"]) == set(again["steps"])


class Reading(dict):
    """The answers, noting each one that is read."""

    def __init__(self, *args):
        super().__init__(*args)
        self.read = set()

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)


DRAFTS = {
    "parent": lambda: parent_draft(),
    "danger seen": lambda: {**parent_draft(), "danger": raw(danger="yes"), "emergency": raw(carry_on="yes")},
    "a child who does not agree": lambda: {**parent_draft(), "who": raw(who="advocate"),
                                           "child": raw(child_name="Sam", child_age="14", child_dob=["", "", ""]),
                                           "agrees": raw(child_agrees="no")},
    "late": lambda: {**parent_draft(), "when": raw(happened=["1", "3", "2025"])},
}


@pytest.mark.parametrize("name", DRAFTS)
def test_a_decision_is_made_from_the_routed_answers_only_and_kept_while_they_stay_the_same(ctx, name):
    w = s.walk(DRAFTS[name](), PROFILE, TODAY, routes={})
    flats = [c.flat for c in w.contexts.values()] + [w.flat]
    assert any(s.decide(flat, PROFILE, TODAY) is not None for flat in flats)
    for flat in flats:
        for routes, overrides in ((None, {}), ({}, {}), ({}, {"child_agrees": None})):
            reading = Reading(flat)
            s.decide(reading, PROFILE, TODAY, routes=routes, **overrides)
            assert reading.read <= s.ROUTED_ANSWERS, reading.read - s.ROUTED_ANSWERS
    # Every step's context carries the decision its answers make, made afresh.
    for step_name, context in w.contexts.items():
        assert context.decision == s.decide(context.flat, PROFILE, TODAY), step_name
    assert w.decision == s.decide(w.flat, PROFILE, TODAY)
