"""How old someone is: the one calculation the journey's forms and the staff scenario tester share; and the oldest
child or young person a complaint here may be about, with the earliest day anything about them can be dated."""

from __future__ import annotations

from datetime import date


def years_old(born: date, today: date) -> int:
    """Age in whole years on ``today`` of someone born on ``born``."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


# The oldest child or young person a complaint may be about: care leavers up to 25 (Children Act 1989 s24D; the
# journey's age questions and ``routing.Answers`` take 0 to 25).
OLDEST_AGE = 25


def earliest_day(today: date) -> date:
    """The earliest day a date about a complaint can be (when it happened, the council's reply to it): before
    it, even the oldest young person a complaint may be about was not born, nor expected (a year more than the
    earliest birthday of someone aged ``OLDEST_AGE``, for what happens before a birth). A plain limit that catches
    a mistyped year (1900, 1926) and never turns away a late complaint or request, which the council may still
    look at."""
    years = OLDEST_AGE + 2
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)
