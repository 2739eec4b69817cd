"""How dates are written, in one place: every page, email, record and staff page formats a date through here.

- ``day_text``: ``20 October 2011`` (``October 2011`` when only the month is known): a day a person gave, or the
  day a complaint was made.
- ``month_abbr_text``: ``Mar 2025``: a column of the staff pages' monthly figures.
- ``due_text``: ``Monday 17 March 2025`` (``Dydd Llun 17 Mawrth 2025`` in Welsh): a day something is due.

``locale`` is the language it is written in (``en``, ``cy``); the record a council receives is in English.
Each text is worked out once per process (Babel takes about 0.1 ms a date; Check your answers shows a dozen).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel.dates import format_date

DAY = "d MMMM y"
MONTH = "MMMM y"
DUE = "EEEE d MMMM y"
MONTH_ABBR = "MMM y"


@lru_cache(maxsize=4096)
def day_text(day: date, locale: str = "en", month_only: bool = False) -> str:
    return format_date(day, MONTH if month_only else DAY, locale=locale)


@lru_cache(maxsize=4096)
def due_text(day: date, locale: str = "en") -> str:
    return format_date(day, DUE, locale=locale)


@lru_cache(maxsize=4096)
def month_abbr_text(day: date, locale: str = "en") -> str:
    return format_date(day, MONTH_ABBR, locale=locale)
