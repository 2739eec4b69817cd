"""Working days for a bank holiday region.

A working day is any day but a Saturday, a Sunday or a bank holiday in the region (one-off bank holidays
included, as the ``holidays`` package lists them). Christmas Day, Boxing Day and Good Friday are never working
days in any region. A complaint made on a day that is not a working day counts as received on the next working
day, and "within N working days" is due on the Nth working day after the received date.
"""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from .vocabulary import HOLIDAY_REGIONS

# Every holiday region of the UK keeps the same clock: a complaint's day is the UK's day, not the server's.
UK_TIME = ZoneInfo("Europe/London")


def uk_today(timestamp: float | None = None) -> date:
    """Today's date in the UK (or the UK date of a POSIX ``timestamp``)."""
    moment = datetime.now(UK_TIME) if timestamp is None else datetime.fromtimestamp(timestamp, UK_TIME)
    return moment.date()

_ONE_DAY = timedelta(days=1)
_MAX_STEPS = 3660  # no chain ever needs ten years; guards against a runaway loop


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


_lock = threading.Lock()


@lru_cache(maxsize=512)
def _holidays_for(region: str, year: int) -> dict[date, str]:
    """Bank holidays of one region in one year, date -> name (a fresh lookup, cached by region and year)."""
    with _lock:
        found = dict(holidays.country_holidays("GB", subdiv=region, years=year).items())
    good_friday = easter_sunday(year) - timedelta(days=2)
    for day, name in (
        (date(year, 12, 25), "Christmas Day"),
        (date(year, 12, 26), "Boxing Day"),
        (good_friday, "Good Friday"),
    ):
        found.setdefault(day, name)
    return found


def _as_date(d: date) -> date:
    if isinstance(d, datetime):
        return d.date()
    if not isinstance(d, date):
        raise TypeError(f"expected a date, got {type(d).__name__}")
    return d


class WorkingDays:
    """Working-day arithmetic for one bank holiday region: ``ENG``, ``WLS``, ``SCT`` or ``NIR``."""

    def __init__(self, region: str = "ENG") -> None:
        if region not in HOLIDAY_REGIONS:
            expected = ", ".join(HOLIDAY_REGIONS)
            raise ValueError(f"unknown holiday region {region!r}; expected one of {expected}")
        self.region = region

    def __repr__(self) -> str:
        return f"WorkingDays({self.region!r})"

    def holidays(self, year: int) -> dict[date, str]:
        """The region's non-working days (other than weekends) in ``year``, date -> name."""
        return dict(_holidays_for(self.region, year))

    def holiday_name(self, d: date) -> str | None:
        d = _as_date(d)
        return _holidays_for(self.region, d.year).get(d)

    def is_working_day(self, d: date) -> bool:
        d = _as_date(d)
        return d.weekday() < 5 and d not in _holidays_for(self.region, d.year)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        d = _as_date(d)
        for _ in range(_MAX_STEPS):
            d += _ONE_DAY
            if self.is_working_day(d):
                return d
        raise RuntimeError("no working day found")  # pragma: no cover - impossible with real calendars

    def received_on(self, d: date) -> date:
        """The day a complaint made on ``d`` counts as received: ``d`` if a working day, else the next one."""
        d = _as_date(d)
        return d if self.is_working_day(d) else self.next_working_day(d)

    def add(self, d: date, n: int) -> date:
        """The ``n``th working day after ``d`` (``d`` itself when ``n`` is 0)."""
        d = _as_date(d)
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValueError(f"working days must be a whole number of at least 0, got {n!r}")
        for _ in range(n):
            d = self.next_working_day(d)
        return d

    def between(self, a: date, b: date) -> int:
        """How many working days fall after ``a`` up to and including ``b`` (negative if ``b`` comes first).

        ``between(a, add(a, n)) == n`` for every ``n``.
        """
        a, b = _as_date(a), _as_date(b)
        if b < a:
            return -self.between(b, a)
        count = 0
        d = a
        while d < b:
            d += _ONE_DAY
            if self.is_working_day(d):
                count += 1
        return count


@lru_cache(maxsize=8)
def working_days(region: str) -> WorkingDays:
    """A shared ``WorkingDays`` for ``region``."""
    return WorkingDays(region)
