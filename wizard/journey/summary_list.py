"""GOV.UK's summary list, drawn in Python for the rows of Check your answers.

The page lists every answer given (30 or more rows on a long journey); through the govuk-frontend-jinja macro
each row costs a dozen macro calls and filters, most of Check your answers' time. This draws the same HTML, byte
for byte (``tests/functional/test_check_list.py`` compares it with the macro's), for the one shape the page uses:
a key as text, a value as HTML, and at most one action link per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from jinja2.filters import do_indent
from markupsafe import Markup, escape

# Jinja's ``indent`` filter, on the HTML as plain text: on Markup every line it splits and joins is escaped again
# (nothing to escape in HTML already made, or in spaces), which costs more than the rest of a row.


# What Jinja's ``indent`` splits lines at (``str.splitlines``): a text with none of these is left as it is.
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _block(html: Markup, width: int) -> str:
    """The macro's ``html | safe | trim | indent(width)``."""
    text = str(html).strip()
    return do_indent(text, width) if _LINE_BREAKS.search(text) else text


def _action(href: str, html: Markup) -> str:
    """The macro's ``_actionLink(action) | trim | indent(6, true)`` for a link with no classes or attributes."""
    link = f'<a class="govuk-link" href="{escape(href)}">{do_indent(str(html), 4)}</a>'
    return do_indent(link.strip(), 6, True)


# Each row's link drawn once per link and words (a page's Change links are the same for everyone who reaches
# them in a language: a step's address and the words of what it changes, never an answer), up to this many.
ACTIONS_KEPT = 1024
_actions: dict[tuple[str, str], str] = {}


def _kept_action(href: str, html: Markup) -> str:
    key = (href, str(html))
    found = _actions.get(key)
    if found is None:
        if len(_actions) >= ACTIONS_KEPT:
            _actions.clear()  # a bound, not an eviction policy
        found = _actions[key] = _action(href, html)
    return found


def summary_list(rows: Iterable[Mapping], classes: str = "", attributes: Mapping[str, str] | None = None) -> Markup:
    """``govukSummaryList({'rows': rows, 'classes': classes, 'attributes': attributes})`` for rows of
    ``{"key": text, "value": Markup, "href": change link or None, "action": the link's Markup}``.

    Built as a plain string (``Markup.format`` costs more than the rest together): every piece that is not
    this module's own literal HTML is either escaped here or given as Markup by the caller. ``classes`` and
    ``attributes`` are the page's own, never an answer: their tag is kept for the life of the process (``_opening``).
    """
    rows = list(rows)
    any_actions = any(row.get("href") for row in rows)
    parts = [_opening(classes, attributes)]
    for row in rows:
        href = row.get("href")
        value, action = row["value"], row.get("action")
        if not isinstance(value, Markup) or (href and not isinstance(action, Markup)):
            raise TypeError("a row's value and action must be Markup (escaped by whoever built them)")
        parts.append(
            f'  <div class="govuk-summary-list__row{_NO_ACTIONS if any_actions and not href else ""}">\n'
            '    <dt class="govuk-summary-list__key">\n'
            f"      {escape(row['key'])}\n"
            "    </dt>\n"
            '    <dd class="govuk-summary-list__value">\n'
            f"      {_block(value, 6)}\n"
            "    </dd>\n"
        )
        if href:
            parts.append(f'    <dd class="govuk-summary-list__actions">\n{_kept_action(href, action)}\n    </dd>\n')
        parts.append("  </div>\n")
    parts.append("</dl>")
    return Markup("".join(parts).strip())  # noqa: S704 - escaped piece by piece above


_NO_ACTIONS = " govuk-summary-list__row--no-actions"


def _opening(classes: str, attributes: Mapping[str, str] | None) -> str:
    """The list's opening tag. Made once per process for each ``classes`` and ``attributes`` that are plain text
    (``str``, not Markup: a cache would take the two for the one text): escaping them costs 4 µs a list, and Check
    your answers draws one for each section and one for its dates. So both are the page's own constants (a
    section's id), never an answer or a name."""
    pairs = tuple(attributes.items()) if attributes else ()
    if type(classes) is str and all(type(name) is str and type(value) is str for name, value in pairs):
        return _kept_opening(classes, pairs)
    return _kept_opening.__wrapped__(classes, pairs)


@lru_cache(maxsize=64)
def _kept_opening(classes: str, attributes: tuple[tuple[str, str], ...]) -> str:
    parts = [f'<dl class="govuk-summary-list{" " + escape(classes) if classes else ""}"']
    parts.extend(f' {escape(name)}="{escape(value)}"' for name, value in attributes)
    parts.append(">\n")
    return "".join(parts)


# Each row of Check your answers drawn around its answer, kept by its label, its Change link's address and words
# (the same for everyone who reaches that page in a language: never an answer), up to this many.
ROWS_KEPT = 1024
_rows: dict[tuple[str, str, str, str], tuple[str, str]] = {}


def answers_list(rows: Iterable[tuple[str, str, str, str]], change: str, classes: str = "",
                 attributes: Mapping[str, str] | None = None) -> Markup:
    """``summary_list`` of Check your answers' rows, each ``(label, answer, Change link's address, the link's hidden
    words)`` as plain text (escaped here, each line break of the answer a ``<br>``), every row with its link
    ("``change``" and the hidden words): the same HTML, with each row's HTML around its answer made once per label,
    link and words. ``classes`` and ``attributes`` as ``summary_list``'s."""
    parts = [_opening(classes, attributes)]
    for label, answer, href, hidden in rows:
        key = (label, href, change, hidden)
        around = _rows.get(key)
        if around is None:
            if len(_rows) >= ROWS_KEPT:
                _rows.clear()  # a bound, not an eviction policy
            action = Markup(  # noqa: S704 - both texts escaped here
                f'{escape(change)}<span class="govuk-visually-hidden"> {escape(hidden)}</span>'
            )
            around = _rows[key] = (
                '  <div class="govuk-summary-list__row">\n'
                '    <dt class="govuk-summary-list__key">\n'
                f"      {escape(label)}\n"
                "    </dt>\n"
                '    <dd class="govuk-summary-list__value">\n'
                "      ",
                "\n    </dd>\n"
                f'    <dd class="govuk-summary-list__actions">\n{_action(href, action)}\n    </dd>\n'
                "  </div>\n",
            )
        parts.append(around[0])
        parts.append(_block(str(escape(answer)).replace("\n", "<br>"), 6))
        parts.append(around[1])
    parts.append("</dl>")
    return Markup("".join(parts))  # noqa: S704 - escaped piece by piece above
