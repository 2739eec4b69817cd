"""Phone numbers as links a person can tap to call (``tel:``), for templates and for texts built in Python.

A child on a phone should be able to call 999, the council or the Ombudsman with one tap, wherever a number
is shown: pages, footer, exits, confirmation and error pages.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape


def dial_string(number: str) -> str:
    """``01632 960000`` -> ``+441632960000``; short numbers (999) stay as they are."""
    digits = re.sub(r"[^\d+]", "", number)
    if digits.startswith("+"):
        return digits
    if digits.startswith("0") and len(digits) >= 10:
        return "+44" + digits[1:]
    return digits


def tel(number: str) -> Markup:
    """The number as shown, inside a link that calls it (kept on one line)."""
    return Markup('<a class="govuk-link app-tel" href="tel:{href}">{shown}</a>').format(
        href=dial_string(number), shown=number
    )


def with_phone_links(translated: str, **phones: str) -> Markup:
    """A translated sentence with ``%(name)s`` placeholders, the named numbers filled in as tel: links.

    ``translated`` is escaped first, so only the links are markup.
    """
    return escape(translated) % {name: tel(number) for name, number in phones.items()}
