"""When a reply someone is still waiting for was due (issue 12, session 9, walks J and M: J2/M5), by the profile's
own times, counted as that complaint's or request's confirmation counted them: around bank holidays, and for each
seed profile's figures."""

from __future__ import annotations

from datetime import date

import pytest

from wizard.domain.escalation import awaited_reply
from wizard.domain.profiles import load_profile


@pytest.mark.parametrize("council, procedure, reply, sent, due, latest", [
    # Statutory stage 1: 10 working days, up to 20 (seeds 000, 001, 004). Sent Friday 18 December 2026: the days
    # skip Christmas Day, the substitute Boxing Day (Monday 28) and New Year's Day.
    ("example", "statutory", "stage1", date(2026, 12, 18), date(2027, 1, 6), date(2027, 1, 20)),
    # Easter 2027: the days skip Good Friday 26 March and Easter Monday 29 March.
    ("kingston", "statutory", "stage1", date(2027, 3, 19), date(2027, 4, 6), date(2027, 4, 20)),
    # Statutory stage 2: 25 working days from the request, up to 65 (seeds 001-004).
    ("lancashire", "statutory", "stage2", date(2026, 12, 1), date(2027, 1, 8), date(2027, 3, 5)),
    # A review panel meets within 30 working days of the request (seeds 001, 003); no longer time published.
    ("example", "statutory", "review_panel", date(2026, 12, 1), date(2027, 1, 15), None),
    # Kingston's own procedure: 15 working days at each stage (seed 000), no longer time.
    ("kingston", "corporate", "stage1", date(2026, 12, 18), date(2027, 1, 13), None),
    ("kingston", "corporate", "stage2", date(2026, 12, 18), date(2027, 1, 13), None),
    # The Complaint Handling Code's defaults: acknowledged in 5, then stage 1 in 10 (up to 10 more); stage 2
    # acknowledged in 5, then 20 (up to 20 more).
    ("example", "corporate", "stage1", date(2026, 12, 1), date(2026, 12, 22), date(2027, 1, 8)),
    ("example", "corporate", "stage2", date(2026, 12, 1), date(2027, 1, 8), date(2027, 2, 5)),
])
def test_the_due_days_come_from_the_profile(council, procedure, reply, sent, due, latest):
    found = awaited_reply(load_profile(council), procedure, reply, sent, today=date(2027, 6, 1))
    assert (found.due, found.latest) == (due, latest)
    assert found.overdue and found.past_latest == (latest is not None)


def test_not_late_before_the_due_day_and_late_after_it():
    profile = load_profile("example")
    sent = date(2026, 11, 2)
    on_the_day = awaited_reply(profile, "statutory", "stage1", sent, today=date(2026, 11, 16))
    assert on_the_day.due == date(2026, 11, 16) and not on_the_day.overdue
    assert awaited_reply(profile, "statutory", "stage1", sent, today=date(2026, 11, 17)).overdue


def test_a_corporate_complaint_has_no_review_panel_to_wait_for():
    assert awaited_reply(load_profile("example"), "corporate", "review_panel", date(2026, 11, 2)) is None
