"""Translating the English texts marked with ``N_`` or ``NP_`` (vocabulary.py) for the person's page.

A text marked ``NP_(context, text)`` carries its message context, so "Yes" to "Is a child in danger?" and "Yes"
to "Would you like an advocate?" are separate catalogue entries; every other text is translated as it is.
"""

from __future__ import annotations

from flask_babel import gettext, lazy_gettext, lazy_pgettext, pgettext


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
