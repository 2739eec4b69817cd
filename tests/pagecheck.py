"""Checks every HTML page a test fetches: the things a screen reader user or a council would notice."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Controls a person fills in: each needs a label. Hidden fields and buttons name themselves.
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}
GROUPED_INPUT_TYPES = {"radio", "checkbox"}
# A UK phone number (10 or 11 digits, spaces allowed, +44 allowed) or 999, as a person reads it on the page.
PHONE_RE = re.compile(r"(?<![\w+])(?:(?:\+44 ?(?:\(0\) ?)?|0)\d(?: ?\d){8,9}|999)(?![\w])")


class _Box:
    """Something whose text is collected: a fieldset's legend, a label."""

    def __init__(self, what: str, attributes: dict):
        self.what = what
        self.attributes = attributes
        self.text: list[str] = []

    @property
    def has_text(self) -> bool:
        return bool("".join(self.text).strip())


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.h1_count = 0
        self.html_lang: str | None = None
        self.title_parts: list[str] = []
        self.in_title = False
        self.scripts: list[dict] = []
        self.has_error_summary = False
        # Open elements, innermost last: (tag, attributes, box or None).
        self.open: list[tuple[str, dict, _Box | None]] = []
        self.labels: list[_Box] = []
        # (description, innermost fieldset or None) for every radio, checkbox and date group.
        self.groups: list[tuple[str, _Box | None]] = []
        # (description, attributes, wrapping label or None) for every field a person fills in.
        self.fields: list[tuple[str, dict, _Box | None]] = []
        self.phones_outside_links: list[str] = []
        self.tel_links: list[tuple[str, _Box]] = []

    def _innermost(self, tag: str) -> _Box | None:
        for open_tag, _attributes, box in reversed(self.open):
            if open_tag == tag:
                return box
        return None

    def _inside(self, predicate) -> bool:
        return any(predicate(tag, attributes) for tag, attributes, _box in self.open)

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        classes = attributes.get("class", "").split()
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag == "html":
            self.html_lang = attributes.get("lang")
        elif tag == "h1":
            self.h1_count += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "script":
            self.scripts.append(attributes)
        if "govuk-error-summary" in classes:
            self.has_error_summary = True

        if tag == "input":
            kind = attributes.get("type", "text").lower()
            name = attributes.get("name") or attributes.get("id") or "?"
            if kind in GROUPED_INPUT_TYPES:
                self.groups.append((f"{kind} {name!r}", self._innermost("fieldset")))
            if kind not in UNLABELLED_INPUT_TYPES:
                self.fields.append((f"input {name!r}", attributes, self._innermost("label")))
        elif tag in ("select", "textarea"):
            name = attributes.get("name") or attributes.get("id") or "?"
            self.fields.append((f"{tag} {name!r}", attributes, self._innermost("label")))
        if "govuk-date-input" in classes:
            self.groups.append((f"date group {attributes.get('id', '?')!r}", self._innermost("fieldset")))

        if tag in VOID:
            return
        box = None
        if tag == "fieldset":
            box = _Box("fieldset", attributes)
        elif tag == "legend":
            box = self._innermost("fieldset")  # the legend's text belongs to its fieldset
        elif tag == "label":
            box = _Box("label", attributes)
            self.labels.append(box)
        elif tag == "a" and attributes.get("href", "").startswith("tel:"):
            box = _Box("tel", attributes)
            self.tel_links.append((attributes["href"], box))
        self.open.append((tag, attributes, box))

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in VOID:
            return
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                break

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
        legend_of = self._innermost("legend")  # the fieldset the legend names
        if legend_of is not None:
            legend_of.text.append(data)
        label = self._innermost("label")
        if label is not None:
            label.text.append(data)
        tel = self._innermost("a")
        if tel is not None and tel.what == "tel":
            tel.text.append(data)
            return
        if self._inside(_not_shown_as_page_text):
            return
        for match in PHONE_RE.finditer(data):
            self.phones_outside_links.append(match.group(0))


def _not_shown_as_page_text(tag: str, attributes: dict) -> bool:
    """Places whose phone numbers are not ones to call: scripts, what people typed, emails shown to staff,
    and error messages, which show the format of a phone number with made-up examples."""
    if tag in ("script", "style", "textarea", "title", "pre"):
        return True
    classes = set(attributes.get("class", "").split())
    # "Check your answers": a person's own answers, shown back to them as they typed them.
    return bool(classes & {"govuk-summary-list__value", "govuk-error-message", "govuk-error-summary"})


def _number(text: str) -> str:
    """The number to dial, in one form: digits only, +44 written as 0."""
    digits = re.sub(r"\D", "", text)
    return "0" + digits[2:] if digits.startswith("44") else digits


def label_problems(parser: _PageParser) -> list[str]:
    problems = []
    for what, fieldset in parser.groups:
        if fieldset is None:
            problems.append(f"{what} is not inside a <fieldset>")
        elif not fieldset.has_text:
            problems.append(f"{what} is in a <fieldset> whose <legend> has no text")
    labelled = {}
    for label in parser.labels:
        target = label.attributes.get("for")
        if target:
            labelled[target] = labelled.get(target, False) or label.has_text
    for what, attributes, wrapping in parser.fields:
        if wrapping is not None and wrapping.has_text:
            continue
        field_id = attributes.get("id")
        if field_id and labelled.get(field_id):
            continue
        if field_id in labelled:
            problems.append(f"{what} has a <label> with no text")
        else:
            problems.append(f"{what} has no <label> (for=\"{field_id or ''}\" or around it)")
    return problems


def phone_problems(parser: _PageParser) -> list[str]:
    problems = [f"the phone number {number!r} is not a tel: link" for number in parser.phones_outside_links]
    for href, box in parser.tel_links:
        shown = "".join(box.text)
        if _number(href) != _number(shown):
            problems.append(f"the tel: link {href!r} does not call the number it shows ({shown.strip()!r})")
    return problems


class PageProblem(AssertionError):
    pass


# How a page's title starts when the page shows errors, in each language the service speaks.
ERROR_PREFIX = {"en": "Error: ", "cy": "Gwall: "}


def check_page(html: str, csp: str | None = None) -> dict:
    """Raise PageProblem listing what is wrong with the page; return what was found."""
    parser = _PageParser()
    parser.feed(html)
    title = " ".join("".join(parser.title_parts).split())
    problems = []
    if not title:
        problems.append("the page has no <title>")
    error = ERROR_PREFIX.get((parser.html_lang or "en").split("-")[0], "Error: ")
    if parser.has_error_summary and not title.startswith(error):
        problems.append(f"the page shows an error summary but its title does not start {error!r} ({title!r})")
    if title.startswith(error) and not parser.has_error_summary:
        problems.append(f"the title starts {error!r} but the page has no error summary ({title!r})")
    duplicates = [i for i, n in Counter(parser.ids).items() if n > 1]
    if duplicates:
        problems.append(f"ids used more than once: {duplicates}")
    if not parser.html_lang:
        problems.append("<html> has no lang")
    if parser.h1_count != 1:
        problems.append(f"the page has {parser.h1_count} <h1> headings, not one")
    problems += label_problems(parser)
    problems += phone_problems(parser)
    if csp is not None:
        match = re.search(r"'nonce-([^']+)'", csp)
        nonce = match.group(1) if match else None
        for script in parser.scripts:
            if script.get("nonce") != nonce:
                problems.append(f"a script does not carry this response's CSP nonce: {script}")
    if problems:
        raise PageProblem("; ".join(problems))
    return {"title": title, "ids": parser.ids, "lang": parser.html_lang}
