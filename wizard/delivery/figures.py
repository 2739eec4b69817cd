"""Anonymous counts for the council's annual complaints report, kept when complaint content is purged.

One table, ``annual_figures``: a count per month, stage, measure and value. Each measure is counted on its own
(how many complaints were about fostering; how many were late), never crossed with another, and nothing else is
kept: no reference, no name, no date finer than the month, no free text. A complaint adds one to each of its
measures when it is stored (in the same transaction), so the counts stay when retention purges its content.

``stage`` is ``new`` for a first complaint and ``escalation`` for a request to take one further; the exit pages
(school, emergency, provider) add to measure ``exit`` with stage ``""``: the page was shown, nothing about who.

Reading: ``table(connection, months)`` gives every line with its count per month, counts under ``THRESHOLD``
suppressed (see ``suppress``), so a small month cannot point to a child. Plain SQL that SQLite and PostgreSQL
both run (``INSERT ... ON CONFLICT ... DO UPDATE``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from wizard.db import Connection
from wizard.domain.complaint import Complaint
from wizard.domain.vocabulary import REQUEST_KINDS

STAGES = REQUEST_KINDS  # a new complaint, or a request to take one further
EXITS = ("school", "emergency", "provider")
# Measures whose values split the month's complaints between them (each complaint has exactly one value):
# with the total shown, one hidden count among them could be worked out, so a second one is hidden too.
PARTITIONS = ("procedure", "subject", "who", "language")
# Yes-or-no measures: only the "yes" count is kept (the rest is not shown, so nothing can be subtracted).
YES_MEASURES = ("late", "without_agreement", "advocate_requested")
MEASURES = ("complaints", *PARTITIONS, *YES_MEASURES, "help", "exit")
# No count from 1 to THRESHOLD - 1 is shown for a month (to avoid identifying a child).
THRESHOLD = 5


SCHEMA = """
CREATE TABLE IF NOT EXISTS annual_figures (
    month TEXT NOT NULL,
    stage TEXT NOT NULL,
    measure TEXT NOT NULL,
    value TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (month, stage, measure, value)
)
"""


def ensure_schema(connection) -> None:
    """Make the table on a connection of one's own (tests). The service's database gets it from the migrations
    (``wizard/migrations/versions/0003_annual_figures.py``), once, so nothing here looks for it on a request."""
    connection.execute(SCHEMA)


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _add(connection: Connection, month: str, stage: str, pairs: Iterable[tuple[str, str]]) -> None:
    connection.executemany(
        "INSERT INTO annual_figures (month, stage, measure, value, count) VALUES (?, ?, ?, ?, 1)"
        " ON CONFLICT (month, stage, measure, value) DO UPDATE SET count = annual_figures.count + 1",
        [(month, stage, measure, value) for measure, value in pairs],
    )


def _complaint(record: Complaint | Mapping[str, Any]) -> Complaint:
    """The typed record, from itself or its JSON (docs/complaint-schema.json)."""
    return record if isinstance(record, Complaint) else Complaint.from_json(record)


def facts(record: Complaint | Mapping[str, Any]) -> list[tuple[str, str]]:
    """The (measure, value) pairs a complaint record adds to: ids from the vocabulary, never its words."""
    complaint = _complaint(record)
    answers = complaint.answers
    pairs = [
        ("complaints", "all"),
        ("procedure", str(complaint.decision.procedure or complaint.decision.outcome or "unknown")),
        ("subject", str(answers.about or "unknown")),
        ("who", str(answers.who or "unknown")),
        ("language", str(complaint.language or "unknown")),
    ]
    # A request to take a complaint further is late by its own window (``Complaint.late``).
    if complaint.late:
        pairs.append(("late", "yes"))
    if answers.consent.continue_without_consent:
        pairs.append(("without_agreement", "yes"))
    if complaint.advocacy_requested:
        pairs.append(("advocate_requested", "yes"))
    pairs.extend(("help", need) for need in complaint.help_needs)
    return pairs


def count_complaint(connection: Connection, record: Complaint | Mapping[str, Any], stage: str | None = None) -> None:
    """Add one complaint to the figures of the month it was made. Call it in the transaction that stores it.

    ``stage`` is the record's own kind (``Complaint.kind``) unless given."""
    complaint = _complaint(record)
    stage = stage or complaint.kind
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}")
    _add(connection, month_of(complaint.submitted), stage, facts(complaint))


def count_exit(connection: Connection, exit_page: str, day: date) -> None:
    """The school, emergency or provider page was shown: one more for the month, and nothing else."""
    if exit_page not in EXITS:
        raise ValueError(f"unknown exit {exit_page!r}")
    _add(connection, month_of(day), "", [("exit", exit_page)])


def counts(connection: Connection, months: Iterable[str]) -> dict[tuple[str, str, str, str], int]:
    """The raw counts for these months: {(month, stage, measure, value): count}. Not for showing: see ``table``."""
    wanted = list(months)
    if not wanted:
        return {}
    rows = connection.execute(
        "SELECT month, stage, measure, value, count FROM annual_figures WHERE month >= ? AND month <= ?",
        (min(wanted), max(wanted)),
    ).fetchall()
    return {(r[0], r[1], r[2], r[3]): int(r[4]) for r in rows if r[0] in wanted}


def months_with_figures(connection: Connection) -> list[str]:
    return [r[0] for r in connection.execute("SELECT DISTINCT month FROM annual_figures ORDER BY month")]


@dataclass(frozen=True)
class Cell:
    count: int
    suppressed: bool

    def shown(self, marker: str) -> str:
        return marker if self.suppressed else str(self.count)


@dataclass(frozen=True)
class Line:
    stage: str
    measure: str
    value: str
    cells: tuple[Cell, ...]  # one a month, in the order asked for


def suppress(group: Mapping[str, int], partition: bool) -> set[str]:
    """Which values of one month's group to hide: every count from 1 to THRESHOLD - 1 and, in a partition of
    the month's total, one more (the smallest other count above zero) when only one was hidden, so the hidden
    one cannot be worked out by subtracting the rest from the total."""
    hidden = {value for value, n in group.items() if 0 < n < THRESHOLD}
    if partition and len(hidden) == 1:
        others = sorted((n, value) for value, n in group.items() if n > 0 and value not in hidden)
        if others:
            hidden.add(others[0][1])
    return hidden


def table(
    connection: Connection, months: list[str], values: Mapping[str, Iterable[str]]
) -> list[Line]:
    """Every line the report shows, for these months (in this order): complaints by stage and measure, then
    the exits. ``values`` lists, per measure, the values to show a line for even when nothing was counted
    (the vocabulary's ids); values counted but not listed are shown too."""
    raw = counts(connection, months)
    lines: list[Line] = []
    keys: list[tuple[str, str, str]] = []
    for stage in STAGES:
        for measure in MEASURES:
            if measure == "exit":
                continue
            listed = list(values.get(measure, ()))
            seen = sorted({v for (_m, s, me, v) in raw if s == stage and me == measure} - set(listed))
            keys.extend((stage, measure, v) for v in [*listed, *seen])
    listed_exits = list(values.get("exit", EXITS))
    seen_exits = sorted({v for (_m, s, me, v) in raw if me == "exit"} - set(listed_exits))
    keys.extend(("", "exit", v) for v in [*listed_exits, *seen_exits])

    hidden: set[tuple[str, str, str, str]] = set()
    for month in months:
        groups: dict[tuple[str, str], dict[str, int]] = {}
        for stage, measure, value in keys:
            groups.setdefault((stage, measure), {})[value] = raw.get((month, stage, measure, value), 0)
        for (stage, measure), group in groups.items():
            for value in suppress(group, measure in PARTITIONS):
                hidden.add((month, stage, measure, value))
    for stage, measure, value in keys:
        cells = tuple(
            Cell(raw.get((m, stage, measure, value), 0), (m, stage, measure, value) in hidden) for m in months
        )
        lines.append(Line(stage, measure, value, cells))
    return lines
