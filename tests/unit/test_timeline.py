from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wizard.domain.profiles import load_profile
from wizard.domain.timeline import milestones
from wizard.domain.vocabulary import MILESTONE_LABELS, STATUTORY_MILESTONES
from wizard.domain.workdays import WorkingDays

ENG = WorkingDays("ENG")
TEST_COUNCILS = Path(__file__).resolve().parent / "councils"
PROFILES = [load_profile(c) for c in ("example", "kingston", "lancashire")] + [
    load_profile(c, TEST_COUNCILS) for c in ("seed001", "seed002", "seed004")
]


def dues(timeline) -> dict[str, date]:
    return {m.key: m.due for m in timeline.milestones}


def test_to_dict_has_the_cli_shape(kingston):
    t = milestones(kingston, "statutory", date(2026, 12, 25))
    d = t.to_dict()
    assert list(d) == ["council", "procedure", "submitted", "received", "milestones"]
    assert d["council"] == "kingston"
    assert d["procedure"] == "statutory"
    assert d["submitted"] == "2026-12-25"
    assert d["received"] == "2026-12-29"
    assert [m["key"] for m in d["milestones"]] == list(STATUTORY_MILESTONES)
    assert d["milestones"][0] == {"key": "acknowledgement", "working_days": 2, "after": "received", "due": "2026-12-31"}


def test_kingston_statutory_over_christmas_2026(kingston):
    t = milestones(kingston, "statutory", date(2026, 12, 25))
    assert t.received == date(2026, 12, 29)
    # 30, 31 Dec; 4, 5, 6, 7, 8, 11, 12, 13 Jan: the 10th working day is 13 January 2027.
    assert t["acknowledgement"].due == date(2026, 12, 31)
    assert t["stage1_response"].due == date(2027, 1, 13)
    assert t["stage1_response_extended"].due == date(2027, 1, 27)
    assert t["stage2_request_by"].due == date(2027, 2, 10)  # 20 working days after 13 January
    # 25 working days after 10 February: to 17 March.
    assert t["stage2_response"].due == date(2027, 3, 17)
    # 20 working days after 17 March skip Good Friday (26 Mar) and Easter Monday (29 Mar): 16 April.
    assert t["stage3_request_by"].due == date(2027, 4, 16)
    assert t.get("nonsense") is None
    with pytest.raises(KeyError):
        t["nonsense"]


def test_kingston_corporate_is_15_working_days_at_each_stage(kingston):
    t = milestones(kingston, "corporate", date(2027, 4, 26))  # a Monday
    assert t.keys == ("acknowledgement", "stage1_response", "stage2_request_by", "stage2_response")
    assert t["acknowledgement"].due == date(2027, 4, 28)
    # 15 working days from Mon 26 April skip the May Day bank holiday (3 May): Tuesday 18 May.
    assert t["stage1_response"].due == date(2027, 5, 18)
    assert ENG.between(t["stage2_request_by"].due, t["stage2_response"].due) == 15


def test_example_corporate_follows_the_complaint_handling_code(example):
    t = milestones(example, "corporate", date(2027, 5, 28))  # Friday before the spring bank holiday
    ack = t["acknowledgement"].due
    assert ack == date(2027, 6, 7)  # 1, 2, 3, 4, 7 June: Monday 31 May is a bank holiday
    assert ENG.between(ack, t["stage1_response"].due) == 10
    assert ENG.between(ack, t["stage1_response_extended"].due) == 20
    assert ENG.between(t["stage2_request_by"].due, t["stage2_response"].due) == 25
    assert ENG.between(t["stage2_request_by"].due, t["stage2_response_extended"].due) == 45


def test_lancashire_final_response_counts_from_the_panel(lancashire, example):
    lan = milestones(lancashire, "statutory", date(2027, 1, 4))
    ex = milestones(example, "statutory", date(2027, 1, 4))
    assert lan["stage3_final_response"].after == "stage3_panel"
    assert lan["stage3_final_response"].due == ENG.add(lan["stage3_panel"].due, 15)
    assert ex["stage3_final_response"].due == ENG.add(ex["stage3_panel_report"].due, 15)
    assert lan["stage3_final_response"].due < ex["stage3_final_response"].due
    assert lan.notes and "panel" in lan.notes[0]


def test_seed002_notes_that_stage2_counts_from_the_complaint_statement(seed_profile):
    t = milestones(seed_profile("seed002"), "statutory", date(2027, 8, 27))  # Friday before 30 Aug
    assert any("complaint statement" in n for n in t.notes)
    assert t["acknowledgement"].due == date(2027, 9, 2)  # 31 Aug, 1 Sep, 2 Sep
    # Monday 30 August is a bank holiday: 31 Aug, 1, 2, 3, 6, 7, 8, 9, 10, 13 September.
    assert t["stage1_response"].due == date(2027, 9, 13)


def test_seed001_panel_chain(seed_profile):
    t = milestones(seed_profile("seed001"), "statutory", date(2027, 1, 4))
    assert ENG.between(t["stage3_request_by"].due, t["stage3_panel"].due) == 30
    assert ENG.between(t["stage3_panel"].due, t["stage3_panel_report"].due) == 5
    assert ENG.between(t["stage3_panel_report"].due, t["stage3_final_response"].due) == 15


def test_seed004_stage1_and_stage2(seed_profile):
    t = milestones(seed_profile("seed004"), "statutory", date(2027, 3, 25))  # Thursday before Easter
    assert t.received == date(2027, 3, 25)
    # Good Friday and Easter Monday skipped: 30, 31 Mar, 1, 2, 5, 6, 7, 8, 9, 12 April.
    assert t["stage1_response"].due == date(2027, 4, 12)
    assert t["stage1_response_extended"].due == date(2027, 4, 26)


def test_unknown_procedure_is_refused(example):
    with pytest.raises(ValueError, match="unknown procedure"):
        milestones(example, "school", date(2027, 1, 4))


def test_milestones_have_labels(example):
    t = milestones(example, "statutory", date(2027, 1, 4))
    assert [m.label for m in t.milestones] == [MILESTONE_LABELS[k] for k in STATUTORY_MILESTONES]


submitted_dates = st.dates(date(2025, 1, 1), date(2030, 12, 31))


@given(submitted_dates)
def test_due_dates_are_working_days_in_order_along_the_chain(submitted):
    for profile in PROFILES:
        wd = WorkingDays(profile.holiday_region)
        for procedure in ("statutory", "corporate"):
            t = milestones(profile, procedure, submitted)
            assert t.received >= submitted and wd.is_working_day(t.received)
            due = {"received": t.received, **dues(t)}
            for m in t.milestones:
                assert wd.is_working_day(m.due)
                assert m.due > due[m.after]
                assert wd.between(due[m.after], m.due) == m.working_days


@given(submitted_dates, st.integers(1, 40), st.integers(1, 10))
def test_a_later_complaint_never_has_an_earlier_due_date(submitted, days_later, calendar_days):
    later = ENG.add(ENG.received_on(submitted), days_later)
    next_days = submitted + timedelta(days=calendar_days)
    for profile in PROFILES:
        for procedure in ("statutory", "corporate"):
            first = dues(milestones(profile, procedure, submitted))
            second = dues(milestones(profile, procedure, later))
            assert all(first[k] <= v for k, v in dues(milestones(profile, procedure, next_days)).items())
            assert all(first[k] <= second[k] for k in first)
            # received a working day later or more moves every date on
            assert all(first[k] < second[k] for k in first)
