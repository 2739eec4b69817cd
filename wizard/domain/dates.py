"""How dates are written, in one place: every page, email, record and staff page formats a date through here.

- ``day_text``: ``20 October 2011`` (``October 2011`` when only the month is known): a day a person gave, or the
  day a complaint was made.
- ``day_month_text``: ``30 September``: the day a month given without its day is counted from.
- ``month_abbr_text``: ``Mar 2025``: a column of the staff pages' monthly figures.
- ``due_text``: ``Monday 17 March 2025`` (``Dydd Llun 17 Mawrth 2025`` in Welsh): a day something is due.

``locale`` is the language it is written in (``en``, ``cy``); the record a council receives is in English.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

DAY = "d MMMM y"
MONTH = "MMMM y"
DAY_MONTH = "d MMMM"
DUE = "EEEE d MMMM y"
MONTH_ABBR = "MMM y"


def day_text(day: date, locale: str = "en", month_only: bool = False) -> str:
    return format_date(day, MONTH if month_only else DAY, locale=locale)


def day_month_text(day: date, locale: str = "en") -> str:
    """``30 September``: the day a month given without its day is counted from."""
    return format_date(day, DAY_MONTH, locale=locale)


def due_text(day: date, locale: str = "en") -> str:
    return format_date(day, DUE, locale=locale)


def month_abbr_text(day: date, locale: str = "en") -> str:
    return format_date(day, MONTH_ABBR, locale=locale)
