"""The annual figures page and its CSV: the anonymous counts (``wizard.delivery.figures``) in plain words.

A financial year at a time (April to March, as councils report), a column a month. Counts only: every line is
a vocabulary id and its label, never a name, a reference or anything typed. A count from 1 to 4 is not shown
(``figures.THRESHOLD``), and one more is hidden where the hidden one could otherwise be worked out.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext

from wizard.db import connect
from wizard.delivery import figures
from wizard.domain.dates import month_abbr_text
from wizard.domain.vocabulary import (
    ABOUT,
    ABOUT_LABELS,
    FLAG_LABELS,
    HELP_LABELS,
    N_,
    OUTCOME_LABELS,
    PROCEDURES,
    WHO,
    WHO_LABELS,
)
from wizard.translate import page_language

# Shown in place of a count from 1 to 4, on the page (with words for screen readers) and in the CSV.
SUPPRESSED = "<5"

MEASURE_TITLES = {
    "complaints": N_("All"),
    "procedure": N_("By procedure"),
    "subject": N_("By subject"),
    "who": N_("By who complained"),
    "late": N_("Late"),
    "without_agreement": N_("Without the child's agreement"),
    "advocate_requested": N_("Advocate"),
    "help": N_("Help needed to take part (a complaint can ask for more than one)"),
    "language": N_("Language used"),
    "exit": N_("Pages that sent people elsewhere"),
}
STAGE_TITLES = {
    "new": N_("New complaints"),
    "escalation": N_("Complaints taken to the next stage"),
    "": N_("Without a complaint"),
}
TOTAL_LABELS = {"new": N_("Complaints made"), "escalation": N_("Escalations asked for")}
YES_LABELS = {
    "late": FLAG_LABELS["late"],
    "without_agreement": N_("Made without the child's agreement"),
    "advocate_requested": N_("An advocate was asked for"),
}
EXIT_LABELS = {
    "school": N_("Told to use the school's own complaints procedure"),
    "emergency": N_("Shown how to get help now for a child in danger"),
    "provider": N_("Shown the page about care from another organisation"),
}


def _label(measure: str, value: str, stage: str, languages: dict) -> str:
    if measure == "complaints":
        return gettext(TOTAL_LABELS.get(stage, "Complaints made"))
    if measure == "procedure" and value in OUTCOME_LABELS:
        return gettext(OUTCOME_LABELS[value])
    if measure == "subject" and value in ABOUT_LABELS:
        return gettext(ABOUT_LABELS[value])
    if measure == "who" and value in WHO_LABELS:
        return gettext(WHO_LABELS[value])
    if measure in YES_LABELS:
        return gettext(YES_LABELS[measure])
    if measure == "help" and value in HELP_LABELS:
        return gettext(HELP_LABELS[value])
    if measure == "language" and value in languages:
        return languages[value]
    if measure == "exit" and value in EXIT_LABELS:
        return gettext(EXIT_LABELS[value])
    return value  # an id counted by a later version: shown as it is


def _values(languages: dict) -> dict[str, list[str]]:
    """The lines shown even when nothing was counted."""
    return {
        "complaints": ["all"],
        "procedure": list(PROCEDURES),
        "subject": list(ABOUT),
        "who": list(WHO),
        "late": ["yes"],
        "without_agreement": ["yes"],
        "advocate_requested": ["yes"],
        "help": [h for h in HELP_LABELS if h != "none"],
        "language": list(languages),
        "exit": list(figures.EXITS),
    }


@dataclass(frozen=True)
class ReportLine:
    id: str  # stage:measure:value, for spreadsheets and case systems
    label: str
    cells: tuple[figures.Cell, ...]


@dataclass(frozen=True)
class ReportSection:
    stage: str
    title: str
    groups: tuple[tuple[str, tuple[ReportLine, ...]], ...]  # (measure title, lines)


@dataclass(frozen=True)
class Report:
    year: int  # the financial year starting in April of this year
    months: tuple[str, ...]  # "YYYY-MM"
    month_labels: tuple[str, ...]
    sections: tuple[ReportSection, ...]
    any_suppressed: bool


def financial_year_months(year: int) -> list[str]:
    return [f"{year + (m < 4):04d}-{m:02d}" for m in (*range(4, 13), *range(1, 4))]


def financial_year_of(month: str) -> int:
    y, m = int(month[:4]), int(month[5:7])
    return y if m >= 4 else y - 1


def report(year: int, config) -> Report:
    languages = dict(config["LANGUAGES"])
    months = financial_year_months(year)
    connection = connect(config)
    try:
        lines = figures.table(connection, months, _values(languages))
    finally:
        connection.close()
    sections = []
    for stage in (*figures.STAGES, ""):
        stage_lines = [line for line in lines if line.stage == stage]
        if stage == "escalation" and not any(c.count for line in stage_lines for c in line.cells):
            continue  # no escalation counted this year: no empty section
        groups: dict[str, list[ReportLine]] = {}
        for line in stage_lines:
            groups.setdefault(line.measure, []).append(
                ReportLine(f"{stage or 'none'}:{line.measure}:{line.value}",
                           _label(line.measure, line.value, stage, languages), line.cells)
            )
        sections.append(
            ReportSection(
                stage,
                gettext(STAGE_TITLES[stage]),
                tuple((gettext(MEASURE_TITLES[m]), tuple(ls)) for m, ls in groups.items()),
            )
        )
    labels = tuple(month_abbr_text(date(int(m[:4]), int(m[5:7]), 1), page_language()) for m in months)
    suppressed = any(c.suppressed for line in lines for c in line.cells)
    return Report(year, tuple(months), labels, tuple(sections), suppressed)


def years(config, current: int) -> list[int]:
    """The financial years with figures, and the current one, newest first."""
    connection = connect(config)
    try:
        found = {financial_year_of(m) for m in figures.months_with_figures(connection)}
    finally:
        connection.close()
    return sorted(found | {current}, reverse=True)


def year_words(year: int) -> str:
    return gettext("April %(start)s to March %(end)s", start=year, end=year + 1)


def csv_text(r: Report) -> str:
    """The same table as the page: a line a row, a month a column, ``<5`` where a count is hidden."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([gettext("Id"), gettext("Stage"), gettext("Figure"), gettext("Line"), *r.months])
    for section in r.sections:
        for title, lines in section.groups:
            for line in lines:
                writer.writerow(
                    [line.id, section.title, title, line.label, *(c.shown(SUPPRESSED) for c in line.cells)]
                )
    return out.getvalue()
