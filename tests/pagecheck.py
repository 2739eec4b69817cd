"""Checks every HTML page a test fetches: the things a screen reader user or a council would notice."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser


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

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
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
        if "govuk-error-summary" in (attributes.get("class") or "").split():
            self.has_error_summary = True

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)


class PageProblem(AssertionError):
    pass


def check_page(html: str, csp: str | None = None) -> dict:
    """Raise PageProblem listing what is wrong with the page; return what was found."""
    parser = _PageParser()
    parser.feed(html)
    title = " ".join("".join(parser.title_parts).split())
    problems = []
    if not title:
        problems.append("the page has no <title>")
    if parser.has_error_summary and not title.startswith("Error: "):
        problems.append(f"the page shows an error summary but its title does not start 'Error: ' ({title!r})")
    if title.startswith("Error: ") and not parser.has_error_summary:
        problems.append(f"the title starts 'Error: ' but the page has no error summary ({title!r})")
    duplicates = [i for i, n in Counter(parser.ids).items() if n > 1]
    if duplicates:
        problems.append(f"ids used more than once: {duplicates}")
    if not parser.html_lang:
        problems.append("<html> has no lang")
    if parser.h1_count != 1:
        problems.append(f"the page has {parser.h1_count} <h1> headings, not one")
    if csp is not None:
        match = re.search(r"'nonce-([^']+)'", csp)
        nonce = match.group(1) if match else None
        for script in parser.scripts:
            if script.get("nonce") != nonce:
                problems.append(f"a script does not carry this response's CSP nonce: {script}")
    if problems:
        raise PageProblem("; ".join(problems))
    return {"title": title, "ids": parser.ids, "lang": parser.html_lang}
