"""How old someone is: the one calculation the journey's forms and the staff scenario tester share."""

from __future__ import annotations

from datetime import date


def years_old(born: date, today: date) -> int:
    """Age in whole years on ``today`` of someone born on ``born``."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
