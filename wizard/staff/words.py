"""The routing rules and the council profile in plain words, for the staff pages.

Everything here is worked out from the rule table (``wizard.domain.routing``) and the active profile; the
labels of who, subjects, outcomes, flags and milestones come from the vocabulary's label tables. Ids are
kept alongside, for people who configure profiles.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from flask_babel import gettext, ngettext

from wizard.domain.dates import due_text
from wizard.domain.profiles import DEFAULT_MILESTONES, CouncilOptions, CouncilProfile
from wizard.domain.routing import FLAG_RULES, RULES, Condition, routing_table
from wizard.domain.vocabulary import (
    ABOUT,
    ABOUT_LABELS,
    DEFAULT_SUBJECT_PROCEDURES,
    FLAG_LABELS,
    MILESTONE_KEYS,
    N_,
    OUTCOME_LABELS,
    PROCEDURES,
    RECEIVED,
    STAFF_MILESTONE_LABELS,
    SUBJECT_ROUTES,
    WHO,
    WHO_LABELS,
)
from wizard.staff.forms import AGREES_LABELS
from wizard.translate import page_language


def _join(words: Iterable[str]) -> str:
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return gettext("%(items)s or %(last)s", items=", ".join(words[:-1]), last=words[-1])


def who_words(who: str) -> str:
    return gettext(WHO_LABELS[who])


def about_words(about: str) -> str:
    return gettext(ABOUT_LABELS[about])


def outcome_words(outcome: str) -> str:
    return gettext(OUTCOME_LABELS[outcome])


def flag_words(flag: str) -> str:
    return gettext(FLAG_LABELS[flag])


def agrees_words(agrees: str | None) -> str:
    return str(AGREES_LABELS[agrees or ""])


def age_words(age_band: str | None, consent_age: int) -> str:
    if age_band == "younger":
        return gettext("Under %(age)s", age=consent_age)
    if age_band == "consent_age_or_over":
        return gettext("%(age)s or over, or age not known", age=consent_age)
    return gettext("Any age")


def carries_on_words(value: bool | None) -> str:
    if value is None:
        return gettext("Either")
    return gettext("Yes, without the child's agreement") if value else gettext("No")


def subjects_by_route(profile: CouncilProfile) -> dict[str, list[str]]:
    """Each subject route (statutory, corporate, school) with the subjects this council sends there."""
    return {r: [a for a in ABOUT if profile.subject_route(a) == r] for r in SUBJECT_ROUTES}


def subject_list(subjects: Iterable[str]) -> str:
    return ", ".join(about_words(a) for a in subjects)


def condition_words(condition: Condition, profile: CouncilProfile) -> str:
    """One condition of a rule, in plain words."""
    fact, values = condition.fact, condition.values
    if fact == "danger":
        return gettext("a child is in danger now") if values == (True,) else gettext("no child is in danger now")
    if fact == "subject_route":
        return gettext(
            "this council sends the subject to %(procedure)s",
            procedure=_join(outcome_words(route).lower() for route in values),
        )
    if fact == "who":
        return gettext("the person complaining is: %(who)s", who=_join(who_words(w) for w in values))
    if fact == "about":
        return gettext("the complaint is about: %(about)s", about=_join(about_words(a) for a in values))
    if fact == "age_band":
        return gettext("the child's age is: %(age)s", age=_join(age_words(b, profile.consent_age) for b in values))
    if fact == "child_agrees":
        return gettext("asked whether the child agrees: %(answers)s", answers=_join(agrees_words(v) for v in values))
    if fact == "continue_without_consent":
        if values == (True,):
            return gettext("the person carries on without the child's agreement")
        return gettext("the person does not carry on without the child's agreement")
    if fact == "late":
        return gettext(
            "the complaint is made more than %(months)s months after the matter", months=profile.time_limit_months
        )
    if fact == "proceedings":
        return gettext("there are court proceedings or a police investigation about the same matter")
    if fact == "provider_care":
        return gettext("the care was arranged by the council but given by another organisation")
    if fact == "advocacy_requested":
        return gettext("an advocate is asked for")
    return condition.describe()  # a new fact without words yet: its ids, rather than nothing


def rules_in_words(profile: CouncilProfile) -> list[dict[str, Any]]:
    """The outcome rules in the order they are tried, then the flag rules, each with its conditions in words."""
    out = [
        {
            "id": r.id,
            "kind": "outcome",
            "description": gettext(r.description),
            "conditions": [condition_words(c, profile) for c in r.when],
            "outcome": r.outcome,
            "result": outcome_words(r.outcome),
            "flags": [flag_words(f) for f in r.flags],
            "ids": r.conditions_text(),
        }
        for r in RULES
    ]
    out.extend(
        {
            "id": r.id,
            "kind": "flag",
            "description": gettext(r.reason),
            "conditions": [condition_words(c, profile) for c in r.when],
            "outcome": None,
            "result": None,
            "flags": [flag_words(r.flag)],
            "ids": r.conditions_text(),
        }
        for r in FLAG_RULES
    )
    return out


def row_in_words(row: dict[str, Any]) -> dict[str, Any]:
    """One row of ``routing_table`` with its plain words beside its ids."""
    return {
        **row,
        "who_words": who_words(row["who"]),
        "about_words": about_words(row["about"]),
        "age_words": age_words(row["age_band"], row["consent_age"]),
        "agrees_words": agrees_words(row["child_agrees"]) if row["child_agrees"] else gettext("Any answer"),
        "carries_on_words": carries_on_words(row["continue_without_consent"]),
        "outcome_words": outcome_words(row["outcome"]),
        "flags_words": [flag_words(f) for f in row["flags"]],
    }


def routing_map(profile: CouncilProfile) -> list[dict[str, Any]]:
    return [row_in_words(r) for r in routing_table(profile)]


def consent_branches(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Where the child's age or agreement changes the route: each branch once, with the people and subjects
    it applies to."""
    branches: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        if row["age_band"] is None:
            continue
        key = (row["age_band"], row["child_agrees"], row["continue_without_consent"], row["outcome"],
               tuple(row["flags"]), row["rule"])
        branch = branches.setdefault(key, {**row, "whos": [], "abouts": []})
        if row["who"] not in branch["whos"]:
            branch["whos"].append(row["who"])
        if row["about"] not in branch["abouts"]:
            branch["abouts"].append(row["about"])
    found = list(branches.values())
    whos = sorted({w for b in found for w in b["whos"]}, key=WHO.index)
    abouts = sorted({a for b in found for a in b["abouts"]}, key=ABOUT.index)
    same = all(b["whos"] == whos and b["abouts"] == abouts for b in found)
    return {
        "branches": found,
        "same_people": same,
        "who_words": [who_words(w) for w in whos],
        "about_words": [about_words(a) for a in abouts],
    }


def long_date(day: date) -> str:
    """For example "Thursday 24 December 2026" (``wizard.domain.dates``)."""
    return due_text(day, page_language())


def milestone_words(key: str) -> str:
    return gettext(STAFF_MILESTONE_LABELS[key])


def after_words(after: str) -> str:
    """What a milestone is counted from, in words."""
    if after == RECEIVED:
        return gettext("the day the complaint is received")
    return gettext("“%(milestone)s”", milestone=milestone_words(after))


def counted_words(working_days: int, after: str) -> str:
    return ngettext(
        "%(num)s working day after %(after)s", "%(num)s working days after %(after)s", working_days,
        after=after_words(after),
    )


HOLIDAY_WORDS = {
    "ENG": N_("Monday to Friday, except bank holidays in England and Wales"),
    "WLS": N_("Monday to Friday, except bank holidays in Wales"),
    "SCT": N_("Monday to Friday, except bank holidays in Scotland"),
    "NIR": N_("Monday to Friday, except bank holidays in Northern Ireland"),
}

# What each profile option means (``CouncilOptions``), and the words for its values.
OPTION_WORDS = {
    "conciliation_before_stage2": N_("Conciliation or mediation offered before stage 2"),
    "early_ombudsman_referral": N_(
        "Early referral to the Ombudsman, at the council's discretion and with the person's agreement"
    ),
    "stage2_clock": N_("Stage 2 is counted from"),
    "stage3_final_from": N_("The final response after a review panel is counted from"),
}
OPTION_VALUE_WORDS = {
    ("stage2_clock", "request"): N_("the day stage 2 is asked for"),
    ("stage2_clock", "complaint_statement"): N_("the day the complaint statement is agreed"),
    ("stage3_final_from", "panel_report"): N_("the day of the panel's report"),
    ("stage3_final_from", "panel"): N_("the day the review panel meets"),
}


def holiday_words(region: str) -> str:
    return gettext(HOLIDAY_WORDS[region]) if region in HOLIDAY_WORDS else region


def options_in_words(profile: CouncilProfile) -> list[dict[str, Any]]:
    out = []
    for name in CouncilOptions.__dataclass_fields__:
        value = getattr(profile.options, name)
        if isinstance(value, bool):
            shown = gettext("Yes") if value else gettext("No")
        else:
            shown = gettext(OPTION_VALUE_WORDS[(name, value)]) if (name, value) in OPTION_VALUE_WORDS else str(value)
        label = gettext(OPTION_WORDS[name]) if name in OPTION_WORDS else name
        out.append({"id": name, "value_id": value, "label": label, "value": shown})
    return out


def subjects_in_words(profile: CouncilProfile) -> list[dict[str, Any]]:
    return [
        {
            "about": a,
            "route": profile.subject_route(a),
            "about_words": about_words(a),
            "route_words": outcome_words(profile.subject_route(a)),
            "changed": profile.subject_route(a) != DEFAULT_SUBJECT_PROCEDURES[a],
        }
        for a in ABOUT
    ]


def timescales_in_words(profile: CouncilProfile) -> list[dict[str, Any]]:
    """Each procedure's stages: how each is counted, and whether the council changed the default."""
    out = []
    for procedure in PROCEDURES:
        timescales = profile.procedures[procedure]
        defaults = {m.key: m for m in DEFAULT_MILESTONES[procedure]}
        rows = []
        for key in MILESTONE_KEYS[procedure]:
            rule = timescales.get(key)
            default = defaults[key]
            rows.append(
                {
                    "key": key,
                    "label": milestone_words(key),
                    "counted": counted_words(rule.working_days, rule.after) if rule else None,
                    "changed": rule is None
                    or (rule.working_days, rule.after) != (default.working_days, default.after),
                }
            )
        out.append({"id": procedure, "words": outcome_words(procedure), "milestones": rows})
    return out


# ---------------------------------------------------------------------------------------------------------
# Taking a complaint further


_OPTION_WORDS = {
    "conciliation": N_("A meeting to sort it out (conciliation or mediation)"),
    "early_referral": N_("Going straight to the Ombudsman, if the person agrees"),
}


def escalation_in_words(profile) -> dict:
    """The escalation rules and this council's table of what each reply leads to, in plain words."""
    from wizard.domain.escalation import describe_rules as escalation_rules
    from wizard.domain.escalation import escalation_table
    from wizard.domain.vocabulary import (
        ESCALATION_FLAG_LABELS,
        ESCALATION_OUTCOME_LABELS,
        REPLY_STAGE_LABELS,
        STATED_PROCEDURE_LABELS,
    )

    rules = []
    for rule in escalation_rules():
        rules.append({
            **rule,
            "outcome_words": gettext(ESCALATION_OUTCOME_LABELS[rule["outcome"]]) if rule["outcome"] else "",
            "flag_words": ", ".join(gettext(ESCALATION_FLAG_LABELS[f]) for f in rule["flags"]),
        })
    rows = []
    for row in escalation_table(profile):
        procedure = gettext(STATED_PROCEDURE_LABELS[row["stated_procedure"]])
        if row["complaint_procedure"]:
            procedure = gettext("Not sure; the complaint's routing says %(procedure)s") % {
                "procedure": gettext(STATED_PROCEDURE_LABELS[row["complaint_procedure"]]).lower()
            }
        rows.append({
            **row,
            "procedure_words": procedure,
            "reply_words": gettext(REPLY_STAGE_LABELS[row["reply_stage"]]),
            "outcome_words": gettext(ESCALATION_OUTCOME_LABELS[row["outcome"]]),
            "options_words": [gettext(_OPTION_WORDS[o]) for o in row["options"]],
        })
    return {"rules": rules, "rows": rows}
