"""How a due date and a duration read in English and Welsh (wizard/domain/dates.py)."""

from __future__ import annotations

from datetime import date

import pytest

from wizard.domain.dates import due_text, duration_text


def test_a_welsh_due_date_has_dydd_in_lower_case_as_running_text_and_tables_need():
    assert due_text(date(2026, 11, 27), "cy") == "dydd Gwener 27 Tachwedd 2026"
    assert due_text(date(2025, 3, 17), "cy") == "dydd Llun 17 Mawrth 2025"
    assert due_text(date(2026, 11, 27), "en") == "Friday 27 November 2026"


@pytest.mark.parametrize(
    ("minutes", "english", "welsh"),
    [
        (120, "2 hours", "2 awr"),
        (60, "1 hour", "1 awr"),
        (90, "90 minutes", "90 munud"),
        (5, "5 minutes", "5 munud"),
        (180, "3 hours", "3 awr"),
    ],
)
def test_a_duration_is_whole_hours_when_it_can_be_and_minutes_otherwise(minutes, english, welsh):
    assert duration_text(minutes, "en") == english
    assert duration_text(minutes, "cy") == welsh
