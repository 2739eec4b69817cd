"""Due dates along a procedure's chain of milestones.

Each milestone is due ``working_days`` working days after the due date of the milestone it counts from (or
after the received date), on the assumption that every earlier step happens on its due date. Extended
milestones count from the same event as the normal one. A complaint made on a day that is not a working day
counts as received on the next working day.

Where a council counts stage 2 from the agreed complaint statement (``options.stage2_clock``), the stage 2
dates here are the earliest they can be: as if the statement were agreed on the day stage 2 was asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .profiles import CouncilProfile, MilestoneRule
from .vocabulary import FIRST_STAGE_MILESTONES, MILESTONE_LABELS, N_, RECEIVED
from .workdays import working_days


@dataclass(frozen=True)
class Milestone:
    key: str
    working_days: int
    after: str
    due: date

    @property
    def label(self) -> str:
        """The plain English label (an ``N_`` string: translate it when rendering)."""
        return MILESTONE_LABELS[self.key]

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "working_days": self.working_days,
            "after": self.after,
            "due": self.due.isoformat(),
        }


@dataclass(frozen=True)
class Timeline:
    council: str
    procedure: str
    submitted: date
    received: date
    milestones: tuple[Milestone, ...]
    notes: tuple[str, ...] = ()  # N_ sentences about how to read the dates (not part of to_dict)

    def get(self, key: str) -> Milestone | None:
        for m in self.milestones:
            if m.key == key:
                return m
        return None

    def __getitem__(self, key: str) -> Milestone:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(m.key for m in self.milestones)

    @property
    def first_stage(self) -> tuple[Milestone, ...]:
        """The dates a person can expect before anything else happens (``FIRST_STAGE_MILESTONES``, in order)."""
        return tuple(m for key in FIRST_STAGE_MILESTONES if (m := self.get(key)) is not None)

    def to_dict(self) -> dict:
        return {
            "council": self.council,
            "procedure": self.procedure,
            "submitted": self.submitted.isoformat(),
            "received": self.received.isoformat(),
            "milestones": [m.to_dict() for m in self.milestones],
        }


_STATEMENT_NOTE = N_(
    "Stage 2 is counted from the day the complaint statement is agreed, so its dates may be later than shown."
)
_PANEL_NOTE = N_("The final response is counted from the day the review panel meets.")


def counted(
    profile: CouncilProfile, rules: Iterable[MilestoneRule], submitted: date, stage2: bool, panel: bool
) -> tuple[date, tuple[Milestone, ...], tuple[str, ...]]:
    """For something sent on ``submitted``: the day it counts as received, each rule's due date (its working days
    from the milestone it follows, or from the day received), and the notes that go with them: stage 2
    counted from the agreed complaint statement (when ``stage2`` is among the dates), the final response from the
    panel's meeting (when ``panel`` is), where the council counts them so."""
    wd = working_days(profile.holiday_region)
    received = wd.received_on(submitted)
    due: dict[str, date] = {RECEIVED: received}
    result = []
    for rule in rules:
        day = wd.add(due[rule.after], rule.working_days)
        due[rule.key] = day
        result.append(Milestone(rule.key, rule.working_days, rule.after, day))
    notes: list[str] = []
    if stage2 and profile.options.stage2_from_statement:
        notes.append(_STATEMENT_NOTE)
    if panel and profile.options.final_from_panel:
        notes.append(_PANEL_NOTE)
    return received, tuple(result), tuple(notes)


def milestones(profile: CouncilProfile, procedure: str, submitted: date) -> Timeline:
    """The projected timeline of ``procedure`` (``statutory`` or ``corporate``) for a complaint made on
    ``submitted``."""
    if procedure not in profile.procedures:
        raise ValueError(f"unknown procedure {procedure!r}; expected one of {', '.join(profile.procedures)}")
    statutory = procedure == "statutory"
    received, dates, notes = counted(
        profile, profile.procedures[procedure].milestones, submitted, stage2=statutory, panel=statutory
    )
    return Timeline(profile.id, procedure, submitted, received, dates, notes)
