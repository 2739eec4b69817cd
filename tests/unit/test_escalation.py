"""Taking a complaint further: windows around bank holidays, the next stage's dates, each seed profile's
figures, and the escalation rule table. Every expected date below was counted by hand on a calendar."""

from datetime import date
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wizard.domain import escalation as esc
from wizard.domain.escalation import (
    EscalationAnswers,
    EscalationAnswersError,
    escalation_table,
    escalation_timeline,
    request_window,
    route_escalation,
    window_days,
)
from wizard.domain.vocabulary import (
    ESCALATION_MILESTONES,
    ESCALATION_OUTCOMES,
    MILESTONE_LABELS,
    NEXT_STAGES,
    PROCEDURES,
    REPLY_STAGES,
    STAFF_MILESTONE_LABELS,
    STATED_PROCEDURES,
)
from wizard.domain.workdays import WorkingDays

ENG = WorkingDays("ENG")


def dues(timeline) -> dict[str, date]:
    return {m.key: m.due for m in timeline.milestones}


# ---------------------------------------------------------------------------------------------------------
# Windows to ask for the next stage, around bank holidays


def test_stage2_window_over_christmas_with_a_substitute_boxing_day(kingston):
    # 2026: Christmas on Friday 25, Boxing Day on Saturday 26 so Monday 28 is the substitute, New Year's Day
    # on Friday 1 January. 20 working days after Friday 11 December: 14-18 (5), 21-24 (9), 29-31 (12),
    # 4-8 January (17), 11, 12, 13 (20).
    w = request_window(kingston, "statutory_stage2", date(2026, 12, 11), date(2027, 1, 13))
    assert w.working_days == 20
    assert w.last_day == date(2027, 1, 13)
    assert not w.late
    late = request_window(kingston, "statutory_stage2", date(2026, 12, 11), date(2027, 1, 14))
    assert late.late and late.last_day == date(2027, 1, 13)


def test_review_panel_window_over_easter(kingston):
    # Easter 2027: Good Friday 26 March, Easter Monday 29 March. 20 working days after Monday 15 March:
    # 16-19 (4), 22-25 (8), 30, 31, 1, 2 April (12), 5-9 (17), 12, 13, 14 (20).
    w = request_window(kingston, "review_panel", date(2027, 3, 15), date(2027, 4, 14))
    assert w.last_day == date(2027, 4, 14)
    assert not w.late
    assert request_window(kingston, "review_panel", date(2027, 3, 15), date(2027, 4, 15)).late


def test_corporate_stage2_window_over_christmas_2027_with_three_substitute_days(example):
    # 2027: Christmas and Boxing Day fall on a weekend, so Monday 27 and Tuesday 28 December are bank holidays;
    # 1 January 2028 is a Saturday, so Monday 3 January is one too. 20 working days after Friday 17 December:
    # 20-24 (5), 29-31 (8), 4-7 January (12), 10-14 (17), 17, 18, 19 (20).
    for substitute in (date(2027, 12, 27), date(2027, 12, 28), date(2028, 1, 3)):
        assert not ENG.is_working_day(substitute)
    w = request_window(example, "corporate_stage2", date(2027, 12, 17), date(2028, 1, 19))
    assert w.working_days == 20
    assert w.last_day == date(2028, 1, 19)
    assert not w.late


def test_a_reply_dated_on_a_bank_holiday_counts_from_the_next_working_day(kingston):
    # Dated Saturday 26 December 2026: counted from Tuesday 29 December. 30, 31 (2), 4-8 (7), 11-15 (12),
    # 18-22 (17), 25, 26, 27 January (20).
    w = request_window(kingston, "statutory_stage2", date(2026, 12, 26), date(2027, 1, 27))
    assert w.counted_from == date(2026, 12, 29)
    assert w.last_day == date(2027, 1, 27)
    assert not w.late


def test_a_request_on_the_weekend_after_the_last_day_is_late(example):
    # Reply Friday 5 February 2027: 8-12 (5), 15-19 (10), 22-26 (15), 1-5 March (20): the last day is Friday
    # 5 March. Asked on Saturday 6 March, the request counts as received on Monday 8 March: late.
    w = request_window(example, "statutory_stage2", date(2027, 2, 5), date(2027, 3, 6))
    assert w.last_day == date(2027, 3, 5)
    assert w.requested == date(2027, 3, 8)
    assert w.late


def test_late_is_flagged_never_refused(kingston):
    decision = route_escalation(
        EscalationAnswers("statutory", "stage1", date(2026, 1, 5), date(2026, 6, 1)), kingston
    )
    assert decision.outcome == "statutory_stage2"
    assert decision.late
    assert "late" in decision.flags
    assert "late_request" in [r.rule for r in decision.reasons]


@pytest.mark.parametrize(
    ("given", "rule", "says"),
    [
        (True, "late_request_reason_given", "the person has said why it is later"),
        (False, "late_request_no_reason", "The person did not say why it is later"),
        (None, "late_request", "The council can still agree to it."),
    ],
)
def test_the_late_reason_says_whether_a_reason_was_given(kingston, given, rule, says):
    decision = route_escalation(
        EscalationAnswers("statutory", "stage1", date(2026, 1, 5), date(2026, 6, 1), late_reason_given=given),
        kingston,
    )
    [late] = [r for r in decision.reasons if r.rule.startswith("late_request")]
    assert decision.flags == ("late",)
    assert late.rule == rule and says in late.text
    if given is not True:
        assert "has said why" not in late.text


@given(
    reply=st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)),
    extra=st.integers(min_value=0, max_value=60),
)
def test_the_window_is_exactly_the_profiles_working_days(reply, extra):
    from wizard.domain.profiles import load_profile

    profile = load_profile("example")
    submitted = ENG.add(ENG.received_on(reply), extra)
    w = request_window(profile, "statutory_stage2", reply, submitted)
    assert ENG.between(w.counted_from, w.last_day) == 20
    assert w.late == (extra > 20)


# ---------------------------------------------------------------------------------------------------------
# The next stage's dates, counted from the request


def test_statutory_stage2_is_25_working_days_at_most_65_from_the_request_over_christmas(kingston):
    # From Monday 14 December 2026: 15-18 (4), 21-24 (8), 29-31 (11), 4-8 (16), 11-15 (21), 18-21 (25).
    t = escalation_timeline(kingston, "statutory_stage2", date(2026, 12, 14))
    assert t.keys == ("stage2_response", "stage2_response_extended")
    assert t["stage2_response"].due == date(2027, 1, 21)
    assert t["stage2_response_extended"].due == date(2027, 3, 18)
    assert all(m.after == "received" for m in t.milestones)
    assert t.notes == ()


def test_review_panel_over_easter_with_the_final_response_from_the_panel(lancashire):
    # Lancashire (seed 003): the panel within 30 working days of Monday 1 March 2027 (Good Friday and Easter
    # Monday skipped): 14 April; its report 5 later: 21 April; the response 15 after the panel, skipping the
    # May Day bank holiday (3 May): 6 May.
    t = escalation_timeline(lancashire, "review_panel", date(2027, 3, 1))
    assert dues(t) == {
        "stage3_panel": date(2027, 4, 14),
        "stage3_panel_report": date(2027, 4, 21),
        "stage3_final_response": date(2027, 5, 6),
    }
    assert t["stage3_final_response"].after == "stage3_panel"
    assert any("panel meets" in n for n in t.notes)


def test_review_panel_final_response_from_the_report_by_default(example):
    # 15 working days after the report on 21 April 2027, skipping 3 May: 13 May.
    t = escalation_timeline(example, "review_panel", date(2027, 3, 1))
    assert t["stage3_final_response"].due == date(2027, 5, 13)
    assert t["stage3_final_response"].after == "stage3_panel_report"


def test_corporate_stage2_follows_the_complaint_handling_code_where_the_profile_is_silent(example):
    # Acknowledged in 5 working days (8 March 2027), replied 20 after that (7 April, Easter skipped), at most
    # 20 more (6 May, the May Day bank holiday skipped).
    t = escalation_timeline(example, "corporate_stage2", date(2027, 3, 1))
    assert dues(t) == {
        "stage2_acknowledgement": date(2027, 3, 8),
        "stage2_response": date(2027, 4, 7),
        "stage2_response_extended": date(2027, 5, 6),
    }
    assert ENG.between(t["stage2_acknowledgement"].due, t["stage2_response"].due) == 20
    assert ENG.between(t["stage2_response"].due, t["stage2_response_extended"].due) == 20


def test_kingston_corporate_stage2_is_15_working_days_with_no_extension(kingston):
    # Seed 000: acknowledged within 2 working days, "a reply will be sent within 15 working days".
    t = escalation_timeline(kingston, "corporate_stage2", date(2027, 3, 1))
    assert dues(t) == {"stage2_acknowledgement": date(2027, 3, 3), "stage2_response": date(2027, 3, 22)}


def test_a_request_on_christmas_day_is_received_on_the_next_working_day(example):
    t = escalation_timeline(example, "statutory_stage2", date(2026, 12, 25))
    assert t.received == date(2026, 12, 29)
    assert ENG.between(t.received, t["stage2_response"].due) == 25


def test_unknown_stage_is_refused(example):
    with pytest.raises(ValueError):
        escalation_timeline(example, "ombudsman", date(2027, 3, 1))


def test_every_escalation_milestone_has_words_for_people_and_staff():
    keys = {k for keys in ESCALATION_MILESTONES.values() for k in keys}
    assert keys <= set(MILESTONE_LABELS)
    assert keys <= set(STAFF_MILESTONE_LABELS)


# ---------------------------------------------------------------------------------------------------------
# Each seed profile's figures


def test_seed001_figures(seed_profile):
    p = seed_profile("seed001")
    assert window_days(p, "statutory_stage2") == 20  # "within 20 days of receiving your letter"
    t = escalation_timeline(p, "statutory_stage2", date(2027, 6, 1))
    assert [m.working_days for m in t.milestones] == [25, 65]
    panel = escalation_timeline(p, "review_panel", date(2027, 6, 1))
    assert [(m.key, m.working_days, m.after) for m in panel.milestones] == [
        ("stage3_panel", 30, "received"),
        ("stage3_panel_report", 5, "stage3_panel"),
        ("stage3_final_response", 15, "stage3_panel_report"),
    ]
    assert esc.options_offered(p, "statutory_stage2") == ()


def test_seed002_counts_stage2_from_the_complaint_statement(seed_profile):
    p = seed_profile("seed002")
    t = escalation_timeline(p, "statutory_stage2", date(2027, 6, 1))
    assert [m.working_days for m in t.milestones] == [25, 65]
    assert any("complaint statement" in n for n in t.notes)
    assert window_days(p, "review_panel") == 20  # "within 20 working days of ... the adjudication letter"


def test_seed003_lancashire_figures(lancashire):
    assert window_days(lancashire, "statutory_stage2") == 20
    assert window_days(lancashire, "review_panel") == 20
    assert esc.options_offered(lancashire, "statutory_stage2") == ("conciliation",)  # mediation first


def test_seed004_offers_conciliation_before_stage2(seed_profile):
    p = seed_profile("seed004")
    assert esc.options_offered(p, "statutory_stage2") == ("conciliation",)
    assert esc.options_offered(p, "review_panel") == ()
    t = escalation_timeline(p, "statutory_stage2", date(2027, 6, 1))
    assert [m.working_days for m in t.milestones] == [25, 65]
    panel = escalation_timeline(p, "review_panel", date(2027, 6, 1))
    assert panel["stage3_final_response"].working_days == 15


def test_seed000_kingston_offers_early_referral_to_the_ombudsman(kingston):
    assert esc.options_offered(kingston, "statutory_stage2") == ("early_referral",)
    assert esc.options_offered(kingston, "corporate_stage2") == ("early_referral",)
    decision = route_escalation(
        EscalationAnswers("statutory", "stage1", date(2027, 3, 1), date(2027, 3, 2), agrees_early_referral=True),
        kingston,
    )
    assert "early_referral_agreed" in decision.flags


def test_an_option_the_council_does_not_offer_is_never_flagged(example):
    decision = route_escalation(
        EscalationAnswers("statutory", "stage1", date(2027, 3, 1), date(2027, 3, 2), wants_conciliation=True,
                          agrees_early_referral=True),
        example,
    )
    assert decision.flags == ()
    assert decision.options == ()


# ---------------------------------------------------------------------------------------------------------
# The rule table


@pytest.mark.parametrize(
    ("stated", "reply", "outcome"),
    [
        ("statutory", "stage1", "statutory_stage2"),
        ("statutory", "stage2", "review_panel"),
        ("statutory", "final", "ombudsman"),
        ("corporate", "stage1", "corporate_stage2"),
        ("corporate", "stage2", "ombudsman"),
        ("corporate", "final", "ombudsman"),
    ],
)
def test_what_comes_next(example, stated, reply, outcome):
    decision = route_escalation(EscalationAnswers(stated, reply, date(2027, 3, 1), date(2027, 3, 2)), example)
    assert decision.outcome == outcome
    assert decision.flags == ()
    assert (decision.window is None) == (outcome == "ombudsman")


def test_not_sure_uses_the_complaints_routing_and_asks_staff_to_check(example):
    decision = route_escalation(
        EscalationAnswers("unsure", "stage2", date(2027, 3, 1), date(2027, 3, 2), complaint_procedure="statutory"),
        example,
    )
    assert decision.outcome == "review_panel"
    assert decision.flags == ("check_procedure",)


def test_the_table_is_total_and_every_rule_is_reachable(example):
    used = set()
    for stated, reply, cp in product(STATED_PROCEDURES, REPLY_STAGES, (*PROCEDURES, None)):
        d = route_escalation(EscalationAnswers(stated, reply, complaint_procedure=cp), example)
        assert d.outcome in ESCALATION_OUTCOMES
        used.add(d.rule)
    assert used == {r.id for r in esc.RULES}
    rows = escalation_table(example)
    assert {r["outcome"] for r in rows} == set(ESCALATION_OUTCOMES)
    assert all((r["window_working_days"] is None) == (r["outcome"] not in NEXT_STAGES) for r in rows)
    assert [r["id"] for r in esc.describe_rules()] == [r.id for r in esc.RULES] + [r.id for r in esc.FLAG_RULES]


@pytest.mark.parametrize(
    "bad",
    [
        {"stated_procedure": "school", "reply_stage": "stage1"},
        {"stated_procedure": "statutory", "reply_stage": "stage9"},
        {"stated_procedure": "statutory", "reply_stage": "stage1", "reply_date": "2027-01-01"},
        {"stated_procedure": "statutory", "reply_stage": "stage1", "reply_date": date(2027, 3, 2),
         "submitted": date(2027, 3, 1)},
    ],
)
def test_impossible_answers_are_refused(bad):
    with pytest.raises(EscalationAnswersError):
        EscalationAnswers(**bad)


def test_escalation_rules_are_routings_own_rule_type_with_ids_and_reasons():
    from wizard.domain import routing

    assert all(type(r) is routing.Rule for r in esc.RULES)
    assert all(type(r) is routing.FlagRule for r in esc.FLAG_RULES)
    assert not hasattr(esc, "EscalationRule") and not hasattr(esc, "EscalationFlagRule")
    ids = [r.id for r in (*esc.RULES, *esc.FLAG_RULES)]
    assert len(ids) == len(set(ids)) and all(r.reason for r in (*esc.RULES, *esc.FLAG_RULES))
    # One table machinery: the same facts give the same rule, reasons and flags through either door.
    known = {"procedure": "statutory", "procedure_stated": False, "procedure_differs": False, "reply_stage": "stage2",
             "late": True,
             "wants_conciliation": False, "agrees_early_referral": False, "late_reason_given": None}
    rule, reasons, flags = esc.decide(known)
    assert (rule.id, flags) == ("statutory_stage2_reply", ("late", "check_procedure"))
    assert [r.rule for r in reasons] == ["statutory_stage2_reply", "late_request", "procedure_unsure"]
    assert esc.describe_rules()[0] == {
        "id": "final_response", "kind": "outcome", "description": esc.RULES[0].description,
        "when": "reply_stage is final", "outcome": "ombudsman", "flags": [], "reason": esc.RULES[0].reason}


def test_the_procedure_question_offers_the_vocabularys_ids():
    from wizard.journey.escalation_forms import PROCEDURE_CHOICES, REPLY_CHOICES

    assert tuple(k for k, _ in PROCEDURE_CHOICES) == STATED_PROCEDURES
    assert tuple(k for k, _ in REPLY_CHOICES) == REPLY_STAGES


# Someone still waiting for a late reply (walk E, E5): the reply times they are told are the profile's own.
def test_the_reply_times_a_waiting_person_is_told_are_each_profiles_own(kingston, lancashire, example, seed_profile):
    from wizard.domain.escalation import ReplyTime, reply_times

    assert reply_times(kingston, "statutory") == (
        ReplyTime("stage1", 10, 20, "received"), ReplyTime("stage2", 25, 65, "received"),
        ReplyTime("review_panel", 30, None, "received"),
    )
    # Kingston's corporate replies: 15 working days at each stage, no longer time published (seed 000).
    assert reply_times(kingston, "corporate") == (ReplyTime("stage1", 15, None, "received"),
                                                  ReplyTime("stage2", 15, None, "received"))
    # Where the profile is silent, the Complaint Handling Code: stage 1 counted from the acknowledgement.
    assert reply_times(example, "corporate")[0] == ReplyTime("stage1", 10, 20, "acknowledgement")
    assert [t.reply for t in reply_times(lancashire, "statutory")] == ["stage1", "stage2", "review_panel"]
    # Seed 002 counts stage 2 from the agreed complaint statement.
    assert reply_times(seed_profile("seed002"), "statutory")[1].after == "complaint_statement"
