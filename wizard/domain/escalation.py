"""Taking a complaint further: asking for the next stage after a reply, as data like the rest of the routing.

A person unhappy with a reply says which procedure the complaint is in (or that they are not sure), which
reply they have had and when. ``route_escalation(answers, profile)`` turns that into a few facts, tries the
outcome rules in order (the first that holds decides what is asked for: statutory stage 2, a review panel,
corporate stage 2, or the Ombudsman once the council's procedure is finished), then adds every flag whose rule
holds. Each rule has an id and an ``N_`` reason, as in ``routing.py``.

Windows (how long a person has to ask) come from the profile: statutory ``stage2_request_by`` and
``stage3_request_by`` (20 working days by default, seeds 001, 002, 003), corporate ``stage2_request_by`` (the
Complaint Handling Code sets none; the product's default is 20, as for the statutory procedure). A window is
counted from the day the reply counts as received (the reply's date, or the next working day if it is not one)
and ends on its Nth working day. A request received after that day is ``late``: it is flagged and the person
is asked why, never refused.

The dates of the stage asked for are the profile's own milestones, counted from the day the request is
received instead of from the projected end of the window (``escalation_timeline``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .profiles import CouncilProfile, MilestoneRule
from .routing import RULES as ROUTING_RULES
from .routing import Decision, FlagRule, Reason, Rule, apply_rules, describe_table, when
from .timeline import Milestone, Timeline, counted, milestones
from .vocabulary import (
    ESCALATION_FLAGS,
    ESCALATION_MILESTONES,
    ESCALATION_OPTIONS,
    ESCALATION_OUTCOMES,
    N_,
    NEXT_STAGES,
    PROCEDURES,
    RECEIVED,
    REPLY_STAGES,
    STATED_PROCEDURES,
)
from .workdays import uk_today, working_days

# The procedure each next stage belongs to, and the profile milestone that holds its window.
STAGE_PROCEDURE = {"statutory_stage2": "statutory", "review_panel": "statutory", "corporate_stage2": "corporate"}
WINDOW_MILESTONE = {
    "statutory_stage2": "stage2_request_by",
    "review_panel": "stage3_request_by",
    "corporate_stage2": "stage2_request_by",
}


@dataclass(frozen=True)
class Ombudsman:
    """How to reach the Local Government and Social Care Ombudsman (seed 004; domain.md)."""

    name: str = "Local Government and Social Care Ombudsman"
    phone: str = "0300 061 0614"
    address: tuple[str, ...] = ("PO Box 4771", "Coventry", "CV4 0EH")
    website: str = "https://www.lgo.org.uk"
    # It usually expects a complaint within 12 months of the person knowing about the matter.
    time_limit_months: int = 12


OMBUDSMAN = Ombudsman()


class EscalationAnswersError(ValueError):
    """Escalation answers with an id outside the vocabulary, or an impossible value."""


@dataclass(frozen=True)
class EscalationAnswers:
    stated_procedure: str  # statutory, corporate or unsure
    reply_stage: str  # stage1, stage2 or final
    reply_date: date | None = None
    submitted: date | None = None  # today when None
    # The procedure the complaint routing gives for who the person is and what it is about (used when unsure).
    complaint_procedure: str | None = None
    wants_conciliation: bool = False
    agrees_early_referral: bool = False
    # Whether a late request says why it is late (the reason is optional): None until the person has been asked.
    late_reason_given: bool | None = None

    def __post_init__(self) -> None:
        if self.stated_procedure not in STATED_PROCEDURES:
            raise EscalationAnswersError(
                f"unknown procedure {self.stated_procedure!r}; expected one of {', '.join(STATED_PROCEDURES)}"
            )
        if self.reply_stage not in REPLY_STAGES:
            raise EscalationAnswersError(
                f"unknown reply stage {self.reply_stage!r}; expected one of {', '.join(REPLY_STAGES)}"
            )
        if self.complaint_procedure is not None and self.complaint_procedure not in PROCEDURES:
            raise EscalationAnswersError(f"unknown complaint procedure {self.complaint_procedure!r}")
        for name in ("reply_date", "submitted"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, date):
                raise EscalationAnswersError(f"{name} must be a date, got {type(value).__name__}")
        if self.reply_date and self.submitted and self.reply_date > self.submitted:
            raise EscalationAnswersError("the reply cannot be dated after the request")


@dataclass(frozen=True)
class Window:
    """How long a person has to ask for ``stage``: ``working_days`` from the reply."""

    stage: str
    working_days: int
    reply: date  # the reply's date as given
    counted_from: date  # the day the reply counts as received
    last_day: date  # the last day to ask in time
    requested: date  # the day this request counts as received
    late: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "working_days": self.working_days,
            "reply": self.reply.isoformat(),
            "last_day": self.last_day.isoformat(),
            "requested": self.requested.isoformat(),
            "late": self.late,
        }


@dataclass(frozen=True)
class EscalationDecision:
    outcome: str  # one of ESCALATION_OUTCOMES
    procedure: str  # the procedure the complaint is treated as being in
    flags: tuple[str, ...]
    reasons: tuple[Reason, ...]
    rule: str
    window: Window | None  # None when the outcome is the Ombudsman, or the reply date is not known
    options: tuple[str, ...] = ()  # what the council offers before the next stage (ESCALATION_OPTIONS)

    @property
    def next_stage(self) -> str | None:
        """The stage asked for (None when the council's procedure is finished: the Ombudsman is next)."""
        return self.outcome if self.outcome in NEXT_STAGES else None

    @property
    def late(self) -> bool:
        return "late" in self.flags

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "procedure": self.procedure,
            "flags": list(self.flags),
            "reasons": [r.text for r in self.reasons],
            "rules": [r.rule for r in self.reasons],
            "window": self.window.to_dict() if self.window else None,
            "options": list(self.options),
        }


# The facts the rules read, with the values they can take.
FACTS: Mapping[str, tuple[Any, ...]] = {
    "procedure": PROCEDURES,
    "procedure_stated": (True, False),
    "procedure_differs": (True, False),
    "reply_stage": REPLY_STAGES,
    "late": (True, False),
    "wants_conciliation": (True, False),
    "agrees_early_referral": (True, False),
    "late_reason_given": (True, False, None),
}

RULES: tuple[Rule, ...] = (
    Rule(
        "final_response",
        N_("The council's final response after a review panel: its procedure is finished; the Ombudsman is next."),
        when(reply_stage="final"),
        "ombudsman",
        (),
        N_(
            "You have had the council's final response, so its complaints procedure is finished. If you are "
            "still unhappy, the Local Government and Social Care Ombudsman can look at your complaint."
        ),
    ),
    Rule(
        "corporate_stage2_reply",
        N_("A stage 2 reply under the council's own procedure: it has only two stages; the Ombudsman is next."),
        when(procedure="corporate", reply_stage="stage2"),
        "ombudsman",
        (),
        N_(
            "The council's own complaints procedure has two stages, and you have had the reply at the second. "
            "If you are still unhappy, the Local Government and Social Care Ombudsman can look at your complaint."
        ),
    ),
    Rule(
        "statutory_stage1_reply",
        N_("A stage 1 reply under the children's procedure: the person may ask for stage 2."),
        when(procedure="statutory", reply_stage="stage1"),
        "statutory_stage2",
        (),
        N_(
            "You have had a stage 1 reply under the children's social care complaints procedure, so you can ask "
            "for stage 2. At stage 2 someone who has not been involved looks into your complaint again, with an "
            "independent person who checks it is done fairly."
        ),
    ),
    Rule(
        "statutory_stage2_reply",
        N_("A stage 2 reply under the children's procedure: the person may ask for a review panel (stage 3)."),
        when(procedure="statutory", reply_stage="stage2"),
        "review_panel",
        (),
        N_(
            "You have had a stage 2 reply under the children's social care complaints procedure, so you can ask "
            "for a review panel (stage 3)."
        ),  # what a review panel is: vocabulary.REVIEW_PANEL_WORDS, shown after it
    ),
    Rule(
        "corporate_stage1_reply",
        N_("A stage 1 reply under the council's own procedure: the person may ask for its stage 2."),
        when(procedure="corporate", reply_stage="stage1"),
        "corporate_stage2",
        (),
        N_(
            "You have had a stage 1 reply under the council's own complaints procedure, so you can ask for stage 2. "
            "At stage 2 someone more senior at the council looks at your complaint again."
        ),
    ),
)

FLAG_RULES: tuple[FlagRule, ...] = (
    FlagRule(
        "late_request_reason_given",
        "late",
        when(late=True, late_reason_given=True),
        N_(
            "This request was made after the usual time to ask for the next stage. The council can still agree "
            "to it, and the person has said why it is later."
        ),
    ),
    FlagRule(
        "late_request_no_reason",
        "late",
        when(late=True, late_reason_given=False),
        N_(
            "This request was made after the usual time to ask for the next stage. The council can still agree "
            "to it. The person did not say why it is later: ask them if the council needs to know."
        ),
    ),
    FlagRule(
        "late_request",
        "late",
        when(late=True, late_reason_given=None),
        N_(
            "This request was made after the usual time to ask for the next stage. The council can still agree "
            "to it."
        ),
    ),
    FlagRule(
        "procedure_unsure",
        "check_procedure",
        when(procedure_stated=False),
        N_(
            "The person was not sure which procedure their complaint is in. It was worked out from who they are "
            "and what the complaint is about: check it against the earlier reply."
        ),
    ),
    FlagRule(
        "procedure_named_not_routed",
        "procedure_named",
        when(procedure_differs=True),
        N_(
            "The person named the procedure their complaint is in, and the request is treated as being in it. "
            "Who they are and what it is about would put a new complaint in the other procedure: check it against "
            "the earlier reply."
        ),
    ),
    FlagRule(
        "conciliation_wanted",
        "conciliation_wanted",
        when(wants_conciliation=True),
        N_("The person would like to try a meeting to sort things out before the next stage."),
    ),
    FlagRule(
        "early_referral_agreed",
        "early_referral_agreed",
        when(agrees_early_referral=True),
        N_("The person agrees to the council asking the Ombudsman to look at the complaint straight away."),
    ),
)


@dataclass(frozen=True)
class OptionRule:
    """An option offered before a next stage, when the profile's ``option`` setting is on (seed in brackets)."""

    id: str
    option: str  # the CouncilOptions field that turns it on
    stages: tuple[str, ...]


# Conciliation or mediation before stage 2 of the children's procedure (seeds 003, 004); early referral to the
# Ombudsman, at the council's discretion with the person's agreement, at stage 2 (seed 000).
OPTION_RULES: tuple[OptionRule, ...] = (
    OptionRule("conciliation", "conciliation_before_stage2", ("statutory_stage2",)),
    OptionRule("early_referral", "early_ombudsman_referral", ("statutory_stage2", "corporate_stage2")),
)


def options_offered(profile: CouncilProfile, outcome: str) -> tuple[str, ...]:
    """The options this council offers before ``outcome`` (never forced on anyone)."""
    return tuple(
        r.id for r in OPTION_RULES if outcome in r.stages and getattr(profile.options, r.option)
    )


def window_days(profile: CouncilProfile, stage: str) -> int:
    """How many working days a person has to ask for ``stage`` after the reply, from the profile."""
    rule = profile.procedures[STAGE_PROCEDURE[stage]].get(WINDOW_MILESTONE[stage])
    assert rule is not None, "request windows are never optional"
    return rule.working_days


def request_window(profile: CouncilProfile, stage: str, reply: date, submitted: date) -> Window:
    """The window to ask for ``stage`` after a reply dated ``reply``, and whether ``submitted`` is in it."""
    wd = working_days(profile.holiday_region)
    days = window_days(profile, stage)
    counted_from = wd.received_on(reply)
    last_day = wd.add(counted_from, days)
    requested = wd.received_on(submitted)
    return Window(stage, days, reply, counted_from, last_day, requested, requested > last_day)


def facts(answers: EscalationAnswers, profile: CouncilProfile) -> dict[str, Any]:
    """The plain facts the rules read (and the window, when there is one)."""
    stated = answers.stated_procedure != "unsure"
    procedure = answers.stated_procedure if stated else (answers.complaint_procedure or "corporate")
    return {
        "procedure": procedure,
        "procedure_stated": stated,
        # The procedure named is not the one routing gives a new complaint with the same answers (who, about).
        "procedure_differs": stated and answers.complaint_procedure not in (None, answers.stated_procedure),
        "reply_stage": answers.reply_stage,
        "late": False,
        "wants_conciliation": bool(answers.wants_conciliation),
        "agrees_early_referral": bool(answers.agrees_early_referral),
        "late_reason_given": answers.late_reason_given,
    }


def decide(known: Mapping[str, Any]) -> tuple[Rule, tuple[Reason, ...], tuple[str, ...]]:
    """The outcome rule, reasons and flags for these facts: routing's rule table machinery, this table."""
    return apply_rules(RULES, FLAG_RULES, known, ESCALATION_FLAGS)


def route_escalation(answers: EscalationAnswers, profile: CouncilProfile) -> EscalationDecision:
    """What the person can ask for next, whether they are in time, and the reasons."""
    known = facts(answers, profile)
    outcome_rule = next(r for r in RULES if r.matches(known))
    window = None
    if outcome_rule.outcome in NEXT_STAGES and answers.reply_date is not None:
        window = request_window(
            profile, outcome_rule.outcome, answers.reply_date, answers.submitted or uk_today()
        )
        known["late"] = window.late
    if outcome_rule.outcome not in NEXT_STAGES:
        # Nothing to ask the council for: the options before a next stage do not apply.
        known["wants_conciliation"] = known["agrees_early_referral"] = False
    else:
        offered = options_offered(profile, outcome_rule.outcome)
        known["wants_conciliation"] = known["wants_conciliation"] and "conciliation" in offered
        known["agrees_early_referral"] = known["agrees_early_referral"] and "early_referral" in offered
    rule, reasons, flags = decide(known)
    return EscalationDecision(
        outcome=rule.outcome,
        procedure=known["procedure"],
        flags=tuple(flags),
        reasons=tuple(reasons),
        rule=rule.id,
        window=window,
        options=options_offered(profile, rule.outcome),
    )


def request_decision(routing: Decision, further: EscalationDecision) -> Decision:
    """The decision of a request to take a complaint further, from the complaint routing of its answers (who, what
    about...) and the escalation decision: in the procedure the request is in, with the request's own reasons (the
    escalation rule's, then its flags'), and the routing's notes that still hold for it (court or police, an
    advocate, another organisation). Never the routing outcome's reason, nor the flags that outcome carries when
    the request is in another procedure: they say where a new complaint would go, next to a request in the
    procedure the person named (walk H, M1). The record, the emails, the JSON and the staff preview read it."""
    procedure = further.procedure
    notes = tuple(r for r in routing.reasons if r.rule != routing.rule)
    carried = next((r.flags for r in ROUTING_RULES if r.id == routing.rule), ())
    flags = routing.flags if procedure == routing.procedure else tuple(f for f in routing.flags if f not in carried)
    return Decision(
        outcome=procedure if routing.outcome in PROCEDURES else routing.outcome,
        flags=flags,
        reasons=further.reasons + notes,
        procedure=procedure,
        rule=further.rule,
    )


def escalation_rules(profile: CouncilProfile, stage: str) -> tuple[MilestoneRule, ...]:
    """The milestones of ``stage`` from the profile, counted from the request (``received``)."""
    procedure = STAGE_PROCEDURE[stage]
    timescales = profile.procedures[procedure]
    window_key = WINDOW_MILESTONE[stage]
    out: list[MilestoneRule] = []
    for key in ESCALATION_MILESTONES[stage]:
        if key == "stage2_acknowledgement":
            # The council acknowledges a corporate stage 2 request as it acknowledges any complaint: the
            # profile's corporate acknowledgement (5 working days in the Complaint Handling Code).
            ack = timescales.get("acknowledgement")
            out.append(MilestoneRule(key, ack.working_days if ack else 5, RECEIVED))
            continue
        rule = timescales.get(key)
        if rule is None:  # an "_extended" milestone the council does not publish
            continue
        after = RECEIVED if rule.after == window_key else rule.after
        out.append(MilestoneRule(key, rule.working_days, after))
    return tuple(out)


def escalation_timeline(profile: CouncilProfile, stage: str, submitted: date) -> Timeline:
    """The due dates of ``stage`` (one of ``NEXT_STAGES``) for a request made on ``submitted``."""
    if stage not in NEXT_STAGES:
        raise ValueError(f"unknown next stage {stage!r}; expected one of {', '.join(NEXT_STAGES)}")
    received, dates, notes = counted(
        profile, escalation_rules(profile, stage), submitted,
        stage2=stage == "statutory_stage2", panel=stage == "review_panel",
    )
    return Timeline(profile.id, STAGE_PROCEDURE[stage], submitted, received, dates, notes)


# The stage after each stage asked for (None: the council's procedure ends there, the Ombudsman follows).
FOLLOWING_STAGE = {"statutory_stage2": "review_panel", "review_panel": None, "corporate_stage2": None}
REQUEST_ACKNOWLEDGEMENT = "request_acknowledgement"


def request_acknowledgement(profile: CouncilProfile, timeline: Timeline) -> Milestone | None:
    """When the council acknowledges a request to take a complaint further: the profile's acknowledgement days
    for the procedure (3 working days by default for the statutory one), counted from the day the request is
    received. None when the stage's own dates already hold it (corporate stage 2's ``stage2_acknowledgement``)."""
    if any(m.key.endswith("acknowledgement") for m in timeline.milestones):
        return None
    timescales = profile.procedures.get(timeline.procedure)
    rule = timescales.get("acknowledgement") if timescales else None
    days = rule.working_days if rule else 3
    due = working_days(profile.holiday_region).add(timeline.received, days)
    return Milestone(REQUEST_ACKNOWLEDGEMENT, days, RECEIVED, due)


# Someone still waiting for a reply that is late (fresh-eyes walk E, finding E5). domain.md and the seeds give no
# rule that lets a person move on to the next stage because a reply is late, so nothing is asked for on their
# behalf. They are told the council's own reply times (its profile), that the council tells them when it needs more
# time (seeds 000, 001, 002), to ask the council, and that the Ombudsman can be contacted at any time, though it
# usually expects the council to have had the chance to deal with the complaint first (seed 004).
AWAITED_REPLIES: Mapping[str, tuple[tuple[str, str, str | None], ...]] = {
    # (the reply waited for, the profile milestone of its usual time, the milestone of its latest time or None)
    "statutory": (
        ("stage1", "stage1_response", "stage1_response_extended"),
        ("stage2", "stage2_response", "stage2_response_extended"),
        ("review_panel", "stage3_panel", None),
    ),
    "corporate": (
        ("stage1", "stage1_response", "stage1_response_extended"),
        ("stage2", "stage2_response", "stage2_response_extended"),
    ),
}
# The stage asked for whose dates hold each later reply (the request is its "received" day).
_AWAITED_STAGE = {("statutory", "stage2"): "statutory_stage2", ("statutory", "review_panel"): "review_panel",
                  ("corporate", "stage2"): "corporate_stage2"}


@dataclass(frozen=True)
class ReplyTime:
    """How long the council takes for one reply, in working days, as its profile says."""

    reply: str  # "stage1", "stage2" or "review_panel" (the panel meeting)
    working_days: int
    latest: int | None  # when the council says it needs more time; None where it publishes no longer time
    # What the days count from: RECEIVED (the complaint, or the request for a later stage), "acknowledgement" or
    # "complaint_statement" (stage 2 where the profile counts from the agreed complaint statement).
    after: str


def reply_times(profile: CouncilProfile, procedure: str) -> tuple[ReplyTime, ...]:
    """The reply times a person waiting for a late reply is told, for ``procedure`` (statutory or corporate)."""
    out = []
    for reply, usual_key, latest_key in AWAITED_REPLIES[procedure]:
        stage = _AWAITED_STAGE.get((procedure, reply))
        if stage is None:  # stage 1: the profile's own milestones, from the complaint
            rules = {m.key: m for m in profile.procedures[procedure].milestones}
        else:  # a later stage: its dates counted from the request, as a request's confirmation counts them
            rules = {m.key: m for m in escalation_rules(profile, stage)}
        usual = rules.get(usual_key)
        if usual is None:
            continue
        latest = rules.get(latest_key) if latest_key else None
        after = usual.after
        if stage == "statutory_stage2" and profile.options.stage2_from_statement:
            after = "complaint_statement"  # seed 002: counted from the agreed complaint statement
        out.append(ReplyTime(reply, usual.working_days, latest.working_days if latest else None, after))
    return tuple(out)


@dataclass(frozen=True)
class AwaitedReply:
    """When a reply someone is still waiting for was due (walks J and M, J2/M5): from the day they sent the complaint
    or the request (``sent``), by the council's own times (its profile), as the confirmation of that complaint or
    request counted them. ``latest`` is the last day when the council says it needs more time (None where it
    publishes no longer time). Nothing is asked for on the person's behalf: domain.md and the seeds give no rule
    that moves a complaint on because a reply is late (see ``AWAITED_REPLIES``)."""

    reply: str  # "stage1", "stage2" or "review_panel" (the day the panel meets by)
    procedure: str
    sent: date
    due: date
    latest: date | None
    # Stage 2 counted from the agreed complaint statement (seed 002): the dates may be later than shown.
    from_statement: bool
    today: date

    @property
    def overdue(self) -> bool:
        """The usual time has passed (the council may have said it needs more time)."""
        return self.today > self.due

    @property
    def past_latest(self) -> bool:
        return self.latest is not None and self.today > self.latest


def awaited_reply(
    profile: CouncilProfile, procedure: str, reply: str, sent: date, today: date | None = None
) -> AwaitedReply | None:
    """The due dates of the reply ``reply`` to a complaint (stage 1) or a request (stage 2, review panel) sent on
    ``sent`` under ``procedure``; None when the procedure has no such reply (a corporate review panel)."""
    found = next((row for row in AWAITED_REPLIES.get(procedure, ()) if row[0] == reply), None)
    if found is None:
        return None
    _, usual_key, latest_key = found
    stage = _AWAITED_STAGE.get((procedure, reply))
    # Stage 1: the complaint's own dates, as its confirmation gave them; a later stage: its dates counted from the
    # request, as the request's confirmation gave them.
    dates = milestones(profile, procedure, sent) if stage is None else escalation_timeline(profile, stage, sent)
    usual = dates.get(usual_key)
    if usual is None:
        return None
    latest = dates.get(latest_key) if latest_key else None
    return AwaitedReply(
        reply=reply,
        procedure=procedure,
        sent=sent,
        due=usual.due,
        latest=latest.due if latest else None,
        from_statement=stage == "statutory_stage2" and profile.options.stage2_from_statement,
        today=today or uk_today(),
    )


def escalation_table(profile: CouncilProfile) -> list[dict[str, Any]]:
    """Every stated procedure and reply: what may be asked for, its window in working days, options, rule."""
    rows = []
    for stated in STATED_PROCEDURES:
        complaint_procedures = PROCEDURES if stated == "unsure" else (None,)
        for complaint_procedure in complaint_procedures:
            for reply in REPLY_STAGES:
                decision = route_escalation(
                    EscalationAnswers(stated, reply, complaint_procedure=complaint_procedure), profile
                )
                nxt = decision.next_stage
                rows.append(
                    {
                        "stated_procedure": stated,
                        "complaint_procedure": complaint_procedure,
                        "reply_stage": reply,
                        "outcome": decision.outcome,
                        "window_working_days": window_days(profile, nxt) if nxt else None,
                        "options": list(decision.options),
                        "flags": list(decision.flags),
                        "rule": decision.rule,
                    }
                )
    return rows


def describe_rules() -> list[dict[str, Any]]:
    """The escalation rule tables in plain words, for the staff pages and docs."""
    return describe_table(RULES, FLAG_RULES)


assert {r.outcome for r in RULES} <= set(ESCALATION_OUTCOMES)
assert {f for r in RULES for f in r.flags} | {r.flag for r in FLAG_RULES} <= set(ESCALATION_FLAGS)
assert {r.id for r in OPTION_RULES} <= set(ESCALATION_OPTIONS)
