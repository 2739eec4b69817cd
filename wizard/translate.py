"""Translating the English texts marked with ``N_`` or ``NP_`` (vocabulary.py) for the person's page.

A text marked ``NP_(context, text)`` carries its message context, so "Yes" to "Is a child in danger?" and "Yes"
to "Would you like an advocate?" are separate catalogue entries; every other text is translated as it is.
"""

from __future__ import annotations

from datetime import datetime, time

from flask_babel import format_time, gettext, lazy_gettext, lazy_pgettext, pgettext


def translate(text: str, **variables) -> str:
    """``gettext``, or ``pgettext`` for a text with a message context."""
    context = getattr(text, "context", "")
    if context:
        return pgettext(context, str(text), **variables)
    return gettext(text, **variables)


def lazy_translate(text: str, **variables):
    """``lazy_gettext``, or ``lazy_pgettext`` for a text with a message context."""
    context = getattr(text, "context", "")
    if context:
        return lazy_pgettext(context, str(text), **variables)
    return lazy_gettext(text, **variables)


def clock(moment: datetime | time) -> str:
    """A time of day as the person's language writes it on a council's page: "8:29pm" in English, "8:29yh" in
    Welsh ("yb" for y bore, "yh" for yr hwyr, as Welsh councils write opening hours). CLDR's wide day periods
    give both: its abbreviated ones are "AM" and "PM" in Welsh too."""
    return format_time(moment, "h:mm aaaa").replace(" ", "").replace("\u202f", "").lower()
