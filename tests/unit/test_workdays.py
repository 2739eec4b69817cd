from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wizard.domain.workdays import WorkingDays, easter_sunday, working_days

ENG = WorkingDays("ENG")

dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2032, 12, 31))


def test_unknown_region_is_refused():
    with pytest.raises(ValueError, match="unknown holiday region"):
        WorkingDays("GB")


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 12, 25),  # Christmas Day, Friday
        date(2026, 12, 28),  # Boxing Day falls on a Saturday: substitute Monday
        date(2027, 1, 1),
        date(2027, 3, 26),  # Good Friday
        date(2027, 3, 29),  # Easter Monday
        date(2027, 5, 3),
        date(2027, 5, 31),
        date(2027, 8, 30),
        date(2027, 12, 27),  # Christmas Day on a Saturday: substitute Monday
        date(2027, 12, 28),  # Boxing Day on a Sunday: substitute Tuesday
    ],
)
def test_2026_2027_bank_holidays_are_not_working_days(day):
    assert day.weekday() < 5
    assert not ENG.is_working_day(day)
    assert ENG.holiday_name(day)


@pytest.mark.parametrize(
    "day", [date(2026, 12, 24), date(2026, 12, 29), date(2027, 3, 25), date(2027, 3, 30), date(2027, 12, 29)]
)
def test_ordinary_weekdays_are_working_days(day):
    assert ENG.is_working_day(day)
    assert ENG.holiday_name(day) is None


def test_weekends_are_not_working_days():
    assert not ENG.is_working_day(date(2027, 1, 2))  # Saturday
    assert not ENG.is_working_day(date(2027, 1, 3))  # Sunday


def test_received_on_a_working_day_is_that_day():
    assert ENG.received_on(date(2026, 12, 24)) == date(2026, 12, 24)


def test_made_on_christmas_day_2026_counts_from_29_december():
    # Fri 25 Dec, Sat 26, Sun 27, Mon 28 (Boxing Day substitute): received Tuesday 29 December.
    assert ENG.received_on(date(2026, 12, 25)) == date(2026, 12, 29)
    assert ENG.received_on(date(2026, 12, 26)) == date(2026, 12, 29)


def test_made_on_good_friday_2027_counts_from_the_tuesday_after_easter():
    assert ENG.received_on(date(2027, 3, 26)) == date(2027, 3, 30)
    assert ENG.received_on(date(2027, 3, 28)) == date(2027, 3, 30)


def test_add_skips_christmas_2026_and_new_year_2027():
    # Wed 23 Dec 2026: Thu 24 (1), Tue 29 (2), Wed 30 (3), Thu 31 (4), Mon 4 Jan 2027 (5).
    assert ENG.add(date(2026, 12, 23), 1) == date(2026, 12, 24)
    assert ENG.add(date(2026, 12, 23), 2) == date(2026, 12, 29)
    assert ENG.add(date(2026, 12, 23), 5) == date(2027, 1, 4)


def test_add_skips_easter_2027():
    # Thu 25 Mar 2027: Good Friday and Easter Monday are skipped, so the next working day is Tue 30 Mar.
    assert ENG.add(date(2027, 3, 25), 1) == date(2027, 3, 30)
    assert ENG.add(date(2027, 3, 24), 2) == date(2027, 3, 30)


def test_add_skips_christmas_2027_substitute_days():
    # Fri 24 Dec 2027: Sat, Sun, Mon 27 and Tue 28 (substitutes) are skipped.
    assert ENG.add(date(2027, 12, 24), 1) == date(2027, 12, 29)


def test_add_zero_is_the_same_day_and_negative_is_refused():
    assert ENG.add(date(2027, 1, 2), 0) == date(2027, 1, 2)
    with pytest.raises(ValueError):
        ENG.add(date(2027, 1, 2), -1)
    with pytest.raises(ValueError):
        ENG.add(date(2027, 1, 2), True)


def test_datetimes_are_treated_as_their_date():
    assert ENG.received_on(datetime(2026, 12, 25, 23, 59)) == date(2026, 12, 29)


def test_between_counts_working_days():
    assert ENG.between(date(2026, 12, 23), date(2027, 1, 4)) == 5
    assert ENG.between(date(2027, 1, 4), date(2026, 12, 23)) == -5
    assert ENG.between(date(2027, 1, 4), date(2027, 1, 4)) == 0


def test_scotland_and_northern_ireland_differ_from_england():
    sct, nir = WorkingDays("SCT"), WorkingDays("NIR")
    assert not sct.is_working_day(date(2027, 11, 30))  # St Andrew's Day
    assert sct.is_working_day(date(2027, 3, 29))  # no Easter Monday in Scotland
    assert ENG.is_working_day(date(2027, 11, 30))
    assert not nir.is_working_day(date(2027, 3, 17))
    assert not nir.is_working_day(date(2027, 7, 12))
    assert ENG.is_working_day(date(2027, 7, 12))
    # Wales shares England's bank holidays.
    assert WorkingDays("WLS").holidays(2027) == ENG.holidays(2027)


def test_christmas_boxing_day_and_good_friday_are_never_working_days_in_any_region():
    for region in ("ENG", "WLS", "SCT", "NIR"):
        wd = working_days(region)
        for year in range(2024, 2032):
            assert date(year, 12, 25) in wd.holidays(year)
            assert date(year, 12, 26) in wd.holidays(year)
            assert easter_sunday(year) - timedelta(days=2) in wd.holidays(year)


@pytest.mark.parametrize(
    "year,expected",
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
    ],
)
def test_easter_sunday(year, expected):
    assert easter_sunday(year) == expected


@given(dates, st.integers(min_value=1, max_value=80))
def test_add_lands_on_a_working_day_n_working_days_later(d, n):
    due = ENG.add(d, n)
    assert ENG.is_working_day(due)
    assert due > d
    assert ENG.between(d, due) == n


@given(dates)
def test_received_on_is_the_first_working_day_on_or_after(d):
    r = ENG.received_on(d)
    assert ENG.is_working_day(r)
    assert r >= d
    day = d
    while day < r:
        assert not ENG.is_working_day(day)
        day += timedelta(days=1)


@given(dates, dates, st.integers(min_value=0, max_value=70))
def test_add_is_monotonic_in_the_start_date(a, b, n):
    a, b = min(a, b), max(a, b)
    assert ENG.add(a, n) <= ENG.add(b, n)


def test_uk_today_is_the_uk_date_not_the_servers():
    from datetime import UTC, datetime

    from wizard.domain.workdays import uk_today

    # 23:30 UTC on 1 July 2026 is already 2 July in the UK (British Summer Time)...
    assert uk_today(datetime(2026, 7, 1, 23, 30, tzinfo=UTC).timestamp()) == date(2026, 7, 2)
    # ...but in winter the UK keeps UTC.
    assert uk_today(datetime(2026, 12, 1, 23, 30, tzinfo=UTC).timestamp()) == date(2026, 12, 1)
