"""How dates are written, in one place: every page, email, record and staff page formats a date through here.

- ``day_text``: ``20 October 2011`` (``October 2011`` when only the month is known): a day a person gave, or the
  day a complaint was made.
- ``day_month_text``: ``30 September``: the day a month given without its day is counted from.
- ``month_abbr_text``: ``Mar 2025``: a column of the staff pages' monthly figures.
- ``due_text``: ``Monday 17 March 2025`` (``dydd Llun 17 Mawrth 2025`` in Welsh: "dydd" in lower case, as in
  running text and tables; a sentence that starts with the date capitalises it itself): a day something is due.
- ``duration_text``: ``2 hours``, ``90 minutes`` (``2 awr``, ``90 munud``): how long something lasts.

``locale`` is the language it is written in (``en``, ``cy``); the record a council receives is in English.
Each text is worked out once per process (Babel takes about 0.1 ms a date; Check your answers shows a dozen).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from babel.dates import format_date, format_timedelta

DAY = "d MMMM y"
MONTH = "MMMM y"
DAY_MONTH = "d MMMM"
DUE = "EEEE d MMMM y"
MONTH_ABBR = "MMM y"


@lru_cache(maxsize=4096)
def day_text(day: date, locale: str = "en", month_only: bool = False) -> str:
    return format_date(day, MONTH if month_only else DAY, locale=locale)


def day_month_text(day: date, locale: str = "en") -> str:
    """``30 September``: the day a month given without its day is counted from."""
    return format_date(day, DAY_MONTH, locale=locale)


@lru_cache(maxsize=4096)
def due_text(day: date, locale: str = "en") -> str:
    text = format_date(day, DUE, locale=locale)
    if locale.startswith("cy") and text.startswith("Dydd "):
        # Babel (CLDR) writes the Welsh day with a capital; in running text and tables it is "dydd Gwener".
        text = "d" + text[1:]
    return text


@lru_cache(maxsize=256)
def duration_text(minutes: int, locale: str = "en") -> str:
    """Whole hours as hours (``2 hours``, ``2 awr``), anything else in minutes (``90 minutes``, ``90 munud``)."""
    whole_hours = minutes % 60 == 0
    return format_timedelta(
        timedelta(minutes=minutes),
        granularity="minute",
        threshold=1 if whole_hours else 10**6,
        format="long",
        locale=locale,
    )


@lru_cache(maxsize=4096)
def month_abbr_text(day: date, locale: str = "en") -> str:
    return format_date(day, MONTH_ABBR, locale=locale)
