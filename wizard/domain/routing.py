"""Where a complaint goes: the rule table, as data, and ``route(answers, profile)``.

The answers are first turned into a few plain facts (``facts``). The outcome rules are tried in order and the
first whose conditions all hold decides the outcome; then every flag rule whose conditions hold adds its flag.
Each rule carries the plain English reason shown to people and staff (an ``N_`` string: translate it when
rendering).

Two choices worth knowing:

- A child's age that is not known, for someone acting for a child, counts as at or above the consent age:
  the wizard asks whether the child agrees rather than assuming the child is too young to be asked.
- ``late`` compares the date the complaint is made (``submitted``) with the time limit counted from the date
  of the matter. It never changes the outcome: a late complaint is still sent, with the flag.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .ages import OLDEST_AGE
from .profiles import CouncilProfile
from .vocabulary import (
    ABOUT,
    AGREES,
    FLAGS,
    N_,
    OUTCOMES,
    PROCEDURES,
    WHO,
    WHO_ASKS_THE_CHILD_AT_ANY_AGE,
    WHO_FOR_CHILD,
    WHO_OWN_RIGHT,
    WHO_PROVIDES_CARE,
)
from .workdays import uk_today


class AnswersError(ValueError):
    """Answers that use an id outside the vocabulary, or an impossible value."""


@dataclass(frozen=True)
class Answers:
    who: str
    about: str
    child_age: int | None = None
    child_agrees: str | None = None
    happened: date | None = None
    submitted: date | None = None  # today when None
    danger: bool = False
    proceedings: bool = False
    provider_care: bool = False
    advocacy_requested: bool = False
    continue_without_consent: bool = False

    def __post_init__(self) -> None:
        if self.who not in WHO:
            raise AnswersError(f"unknown who {self.who!r}; expected one of {', '.join(WHO)}")
        if self.about not in ABOUT:
            raise AnswersError(f"unknown about {self.about!r}; expected one of {', '.join(ABOUT)}")
        if self.child_agrees is not None and self.child_agrees not in AGREES:
            raise AnswersError(f"unknown child_agrees {self.child_agrees!r}; expected one of {', '.join(AGREES)}")
        if self.child_age is not None and (
            isinstance(self.child_age, bool)
            or not isinstance(self.child_age, int)
            or not 0 <= self.child_age <= OLDEST_AGE
        ):
            raise AnswersError(f"child_age must be a whole number from 0 to {OLDEST_AGE}, got {self.child_age!r}")
        for name in ("happened", "submitted"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, date):
                raise AnswersError(f"{name} must be a date, got {type(value).__name__}")


@dataclass(frozen=True)
class Reason:
    rule: str  # the id of the rule it rests on
    text: str  # an N_ English sentence


@dataclass(frozen=True)
class Decision:
    outcome: str
    flags: tuple[str, ...]
    reasons: tuple[Reason, ...]
    procedure: str | None  # "statutory" or "corporate" when the complaint goes to the council, else None
    rule: str = ""  # the id of the outcome rule that matched

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "flags": list(self.flags),
            "reasons": [r.text for r in self.reasons],
            "procedure": self.procedure,
            "rules": [r.rule for r in self.reasons],  # the rule each reason rests on, in the same order
        }


@dataclass(frozen=True)
class Condition:
    """``fact`` is one of ``values``."""

    fact: str
    values: tuple[Any, ...]

    def holds(self, facts: Mapping[str, Any]) -> bool:
        return facts[self.fact] in self.values

    def describe(self) -> str:
        shown = [_show(v) for v in self.values]
        if len(shown) == 1:
            return f"{self.fact} is {shown[0]}"
        return f"{self.fact} is one of {', '.join(shown)}"


def _show(value: Any) -> str:
    if value is None:
        return "not given"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@dataclass(frozen=True)
class Rule:
    id: str
    description: str  # for staff: what the rule says, in plain words
    when: tuple[Condition, ...]
    outcome: str
    flags: tuple[str, ...]  # flags the outcome always carries (none for most rules)
    reason: str  # N_ sentence shown with the decision

    def matches(self, facts: Mapping[str, Any]) -> bool:
        return all(c.holds(facts) for c in self.when)

    def conditions_text(self) -> str:
        return " and ".join(c.describe() for c in self.when) or "always"


@dataclass(frozen=True)
class FlagRule:
    id: str
    flag: str
    when: tuple[Condition, ...]
    reason: str

    def matches(self, facts: Mapping[str, Any]) -> bool:
        return all(c.holds(facts) for c in self.when)

    def conditions_text(self) -> str:
        return " and ".join(c.describe() for c in self.when)


def when(**facts: Any) -> tuple[Condition, ...]:
    """``when(who=("a", "b"), danger=True)`` -> conditions; a single value means just that value."""
    return tuple(Condition(k, tuple(v) if isinstance(v, tuple | list) else (v,)) for k, v in facts.items())


_NOT_AGREED = ("no", "unsure", None)

# The facts the rules read, with the values they can take. ``facts()`` computes them from the answers.
FACTS: Mapping[str, tuple[Any, ...]] = {
    "danger": (True, False),
    "subject_route": ("statutory", "corporate", "school"),
    "who": WHO,
    "about": ABOUT,
    "age_band": ("younger", "consent_age_or_over"),
    "child_agrees": (*AGREES, None),
    "continue_without_consent": (True, False),
    "late": (True, False),
    "proceedings": (True, False),
    "provider_care": (True, False),
    "advocacy_requested": (True, False),
}

RULES: tuple[Rule, ...] = (
    Rule(
        "danger",
        N_("A child is in danger now: get help at once, before anything else."),
        when(danger=True),
        "emergency",
        (),
        N_(
            "You told us a child may be in danger right now. A complaint cannot keep a child safe today, so "
            "the first step is to get help straight away."
        ),
    ),
    Rule(
        "school",
        N_("The complaint is about a particular school: every school has its own procedure."),
        when(subject_route="school"),
        "school",
        (),
        N_(
            "Each school deals with complaints about itself through its own procedure, so the council "
            "cannot take this one."
        ),
    ),
    Rule(
        "corporate_subject",
        N_("The subject is not a children's social care function for this council: its own procedure applies."),
        when(subject_route="corporate"),
        "corporate",
        (),
        N_(
            "This subject is handled under the council's own complaints procedure rather than the children's "
            "social care one."
        ),
    ),
    Rule(
        "own_right",
        N_("A child, care leaver, parent or foster carer may use the statutory procedure in their own right."),
        when(subject_route="statutory", who=WHO_OWN_RIGHT),
        "statutory",
        (),
        N_(
            "You can use the children's social care complaints procedure yourself, because of who you are "
            "and what the complaint is about."
        ),
    ),
    Rule(
        "provides_care",
        N_(
            "A family and friends or kinship carer who looks after the child may complain without the child's "
            "agreement: the statutory procedure."
        ),
        when(subject_route="statutory", who=WHO_PROVIDES_CARE),
        "statutory",
        (),
        N_(
            "You look after the child, so you can use the children's social care complaints procedure without "
            "the child's agreement. If the child does not agree, the council may not be able to share some of "
            "the child's personal information with you."
        ),
    ),
    Rule(
        "adoption_subject",
        N_("Someone in an adoption, complaining about adoption, may use the statutory procedure."),
        when(subject_route="statutory", who="adoption", about="adoption"),
        "statutory",
        (),
        N_(
            "People involved in an adoption can use the children's social care complaints procedure for "
            "complaints about adoption."
        ),
    ),
    Rule(
        "adoption_other_subject",
        N_("Someone in an adoption, complaining about something other than adoption: the council's own procedure."),
        when(subject_route="statutory", who="adoption"),
        "corporate",
        (),
        N_(
            "People involved in an adoption can use the children's social care procedure only for adoption "
            "matters, so the council's own procedure applies to this complaint."
        ),
    ),
    Rule(
        "for_child_agrees",
        N_("Someone acting for a child old enough to agree, and the child agrees: the statutory procedure."),
        when(subject_route="statutory", who=WHO_FOR_CHILD, age_band="consent_age_or_over", child_agrees="yes"),
        "statutory",
        (),
        N_(
            "The child is old enough to agree to someone complaining for them, and they agree, so the "
            "complaint can go ahead on their behalf."
        ),
    ),
    Rule(
        "for_child_continue_without_consent",
        N_(
            "Someone acting for a child old enough to agree, the child has not agreed, and the person goes on "
            "anyway: the council's own procedure, and the council decides whether it can look at it."
        ),
        when(
            subject_route="statutory",
            who=WHO_FOR_CHILD,
            age_band="consent_age_or_over",
            child_agrees=_NOT_AGREED,
            continue_without_consent=True,
        ),
        "corporate",
        ("sufficient_interest",),
        N_(
            "The child has not confirmed that they agree to this complaint. The council will decide whether "
            "it can look into it, and it may not be able to share the child's details with you."
        ),
    ),
    Rule(
        "for_child_consent_needed",
        N_(
            "Someone acting for a child old enough to agree, and the child has not agreed: ask for the child's "
            "agreement first."
        ),
        when(
            subject_route="statutory",
            who=WHO_FOR_CHILD,
            age_band="consent_age_or_over",
            child_agrees=_NOT_AGREED,
        ),
        "consent_needed",
        (),
        N_(
            "The child is old enough to have a say, so they need to agree before someone else can complain "
            "for them and receive the reply."
        ),
    ),
    Rule(
        "advocate_younger_child_agrees",
        N_(
            "An advocate helping a child below the consent age, and the child agrees: the child's own complaint, "
            "through the advocate, under the statutory procedure."
        ),
        when(subject_route="statutory", who=WHO_ASKS_THE_CHILD_AT_ANY_AGE, age_band="younger", child_agrees="yes"),
        "statutory",
        (),
        N_(
            "The child agrees to you making this complaint for them as their advocate, so it is the child's own "
            "complaint and goes through the children's social care complaints procedure."
        ),
    ),
    Rule(
        "for_younger_child",
        N_(
            "Someone acting for a child below the consent age: the council's own procedure, and the council "
            "decides whether this person has a sufficient interest in the child's welfare."
        ),
        when(subject_route="statutory", who=WHO_FOR_CHILD, age_band="younger"),
        "corporate",
        ("sufficient_interest",),
        N_(
            "The council will decide whether you have a close enough interest in the child's welfare to use "
            "the children's social care procedure. Until then it will look at your complaint under its own "
            "procedure."
        ),
    ),
)

FLAG_RULES: tuple[FlagRule, ...] = (
    FlagRule(
        "late",
        "late",
        when(late=True),
        N_(
            "This complaint is about something that happened longer ago than the usual time limit. The "
            "council can still look at it if there was a good reason for the delay and it can still be "
            "looked at fairly."
        ),
    ),
    FlagRule(
        "proceedings",
        "proceedings",
        when(proceedings=True),
        N_(
            "There is court or police involvement in the same matter, so the council may need to pause or "
            "leave out part of the complaint until that has finished."
        ),
    ),
    FlagRule(
        "advocacy_requested",
        "advocacy_requested",
        when(advocacy_requested=True),
        N_("An advocate has been asked for, and the council must help arrange one."),
    ),
    FlagRule(
        "provider_care",
        "provider_care",
        when(provider_care=True),
        N_(
            "The care was arranged by the council but given by another organisation. The complaint can go to "
            "that organisation or to the council."
        ),
    ),
)


def _add_months(d: date, months: int) -> date:
    month_index = d.month - 1 + months
    year, month = d.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def complaint_deadline(profile: CouncilProfile, happened: date) -> date:
    """The last day a complaint about something that happened on ``happened`` is within the time limit."""
    return _add_months(happened, profile.time_limit_months)


def age_band(child_age: int | None, profile: CouncilProfile) -> str:
    """The child's age band as the rules read it (``FACTS["age_band"]``): "younger" below the council's consent
    age, "consent_age_or_over" at or over it, or when the age is not known. The one place that compares an age with
    the consent age: the rules and the agreement page's words both ask it."""
    younger = isinstance(child_age, int) and child_age < profile.consent_age
    return "younger" if younger else "consent_age_or_over"


def facts(answers: Answers, profile: CouncilProfile) -> dict[str, Any]:
    """The plain facts the rules read."""
    submitted = answers.submitted or uk_today()
    return {
        "danger": bool(answers.danger),
        "subject_route": profile.subject_route(answers.about),
        "who": answers.who,
        "about": answers.about,
        "age_band": age_band(answers.child_age, profile),
        "child_agrees": answers.child_agrees,
        "continue_without_consent": bool(answers.continue_without_consent),
        "late": answers.happened is not None and submitted > complaint_deadline(profile, answers.happened),
        "proceedings": bool(answers.proceedings),
        "provider_care": bool(answers.provider_care),
        "advocacy_requested": bool(answers.advocacy_requested),
    }


def apply_rules(
    rules: tuple[Rule, ...], flag_rules: tuple[FlagRule, ...], known: Mapping[str, Any], flag_order: tuple[str, ...]
) -> tuple[Rule, tuple[Reason, ...], tuple[str, ...]]:
    """One rule table applied to facts: the first outcome rule that holds, then every flag rule that holds.

    Returns the outcome rule, the reasons (the outcome's first, then each flag's, with their rule ids) and the
    flags in ``flag_order``. Routing a complaint and taking one further (``escalation.py``) both use it.
    """
    for rule in rules:
        if rule.matches(known):
            break
    else:  # pragma: no cover - the tables are total (a test checks every combination)
        raise AssertionError(f"no rule matches {dict(known)!r}")
    reasons = [Reason(rule.id, rule.reason)]
    flags = set(rule.flags)
    for flag_rule in flag_rules:
        if flag_rule.matches(known):
            flags.add(flag_rule.flag)
            reasons.append(Reason(flag_rule.id, flag_rule.reason))
    return rule, tuple(reasons), tuple(f for f in flag_order if f in flags)


# The rules read the facts and nothing else, and the facts take few values (``FACTS``): each combination met is
# decided once per process, for the rule tables as they are (a table replaced, as a test may, starts again). The
# same decision, as a value: a ``Decision`` is frozen. At most this many are kept.
DECIDED_KEPT = 4096
_decided: dict[tuple, Decision] = {}
_decided_for: list = [None, None, None]


def decide(known: Mapping[str, Any]) -> Decision:
    """Apply the rule table to facts already worked out."""
    try:
        key = tuple([known[name] for name in FACTS])
        found = _decided.get(key)
    except (KeyError, TypeError):  # a fact missing (the rules say which) or a value no rule could match: as it is
        return _decide(known)
    tables = _decided_for
    if tables[0] is not RULES or tables[1] is not FLAG_RULES or tables[2] is not FLAGS:
        _decided.clear()
        tables[:] = [RULES, FLAG_RULES, FLAGS]
        found = None
    if found is None:
        if len(_decided) >= DECIDED_KEPT:
            _decided.clear()  # a bound, not an eviction policy
        found = _decided[key] = _decide(known)
    return found


def _decide(known: Mapping[str, Any]) -> Decision:
    rule, reasons, flags = apply_rules(RULES, FLAG_RULES, known, FLAGS)
    return Decision(
        outcome=rule.outcome,
        flags=flags,
        reasons=reasons,
        procedure=rule.outcome if rule.outcome in PROCEDURES else None,
        rule=rule.id,
    )


def council_decides_first(flags, continue_without_consent: bool) -> tuple[str, ...]:
    """Why the council must first decide whether it can look at a complaint (empty when it need not).

    ``late``: made after the time limit. ``without_agreement``: made for a child who has not agreed.
    ``sufficient_interest``: made for a child too young to agree, by someone whose interest the council decides.
    The reply dates hold only if the council does look at it, so nobody is told them as promises.
    """
    found = []
    if "late" in flags:
        found.append("late")
    if "sufficient_interest" in flags:
        found.append("without_agreement" if continue_without_consent else "sufficient_interest")
    return tuple(found)


def route(answers: Answers, profile: CouncilProfile) -> Decision:
    """Where the complaint goes, with its flags and the reasons for both."""
    return decide(facts(answers, profile))


def routing_table(profile: CouncilProfile) -> list[dict[str, Any]]:
    """Every combination of who and about (no danger, nothing late), with outcome, flags and rule.

    Where the child's age or agreement changes the result, there is one row per case; otherwise the row has
    ``None`` (any) for ``age_band``, ``child_agrees`` and ``continue_without_consent``. ``age_band`` is
    ``"younger"`` (below ``consent_age``) or ``"consent_age_or_over"`` (at or above it, or not known).
    """
    rows: list[dict[str, Any]] = []
    for who in WHO:
        for about in ABOUT:
            base = {
                "danger": False,
                "subject_route": profile.subject_route(about),
                "who": who,
                "about": about,
                "late": False,
                "proceedings": False,
                "provider_care": False,
                "advocacy_requested": False,
            }
            rows.extend(_rows_for(base, profile))
    return rows


def _rows_for(base: dict[str, Any], profile: CouncilProfile) -> list[dict[str, Any]]:
    def decision(age_band: str, agrees: str | None, cont: bool) -> Decision:
        return decide({**base, "age_band": age_band, "child_agrees": agrees, "continue_without_consent": cont})

    def key(d: Decision) -> tuple:
        return (d.outcome, d.flags, d.rule)

    def row(d: Decision, age_band: str | None, agrees: str | None, cont: bool | None) -> dict[str, Any]:
        return {
            "who": base["who"],
            "about": base["about"],
            "subject_route": base["subject_route"],
            "age_band": age_band,
            "consent_age": profile.consent_age,
            "child_agrees": agrees,
            "continue_without_consent": cont,
            "outcome": d.outcome,
            "flags": list(d.flags),
            "procedure": d.procedure,
            "rule": d.rule,
        }

    bands = FACTS["age_band"]
    agreements = FACTS["child_agrees"]
    all_cases = {
        (b, a, c): decision(b, a, c) for b in bands for a in agreements for c in FACTS["continue_without_consent"]
    }
    if len({key(d) for d in all_cases.values()}) == 1:
        return [row(next(iter(all_cases.values())), None, None, None)]
    out = []
    for band in bands:
        in_band = {k: d for k, d in all_cases.items() if k[0] == band}
        if len({key(d) for d in in_band.values()}) == 1:
            out.append(row(next(iter(in_band.values())), band, None, None))
            continue
        for agrees in agreements:
            if agrees is None:
                continue  # not asked behaves like "unsure"; the table lists the answers a person can give
            pair = {c: in_band[(band, agrees, c)] for c in (False, True)}
            if key(pair[False]) == key(pair[True]):
                out.append(row(pair[False], band, agrees, None))
            else:
                out.extend(row(pair[c], band, agrees, c) for c in (False, True))
    return out


def describe_table(rules: tuple[Rule, ...], flag_rules: tuple[FlagRule, ...]) -> list[dict[str, Any]]:
    """A rule table in plain words, for the staff pages and docs (any table of ``Rule`` and ``FlagRule``)."""
    out = [
        {
            "id": r.id,
            "kind": "outcome",
            "description": r.description,
            "when": r.conditions_text(),
            "outcome": r.outcome,
            "flags": list(r.flags),
            "reason": r.reason,
        }
        for r in rules
    ]
    out.extend(
        {
            "id": r.id,
            "kind": "flag",
            "description": r.reason,
            "when": r.conditions_text(),
            "outcome": None,
            "flags": [r.flag],
            "reason": r.reason,
        }
        for r in flag_rules
    )
    return out


assert {r.outcome for r in RULES} <= set(OUTCOMES)
assert {f for r in RULES for f in r.flags} | {r.flag for r in FLAG_RULES} <= set(FLAGS)
