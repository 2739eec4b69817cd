"""Complaint records for the delivery tests, built through the domain as the journey builds them at Send."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

from wizard.delivery.store import purge_delivered_references
from wizard.domain.complaint import (
    Account,
    Advocacy,
    Answers,
    Child,
    ChildNeeds,
    Complaint,
    Consent,
    Contact,
    EarlierComplaint,
    Escalation,
    Row,
    Section,
)
from wizard.domain.escalation import EscalationAnswers, escalation_timeline, route_escalation
from wizard.domain.profiles import load_profile
from wizard.domain.routing import Answers as RouteAnswers
from wizard.domain.routing import route
from wizard.domain.timeline import milestones

FIXTURES = Path(__file__).resolve().parent / "fixtures"

SUBMITTED = date(2025, 3, 3)  # a Monday

# Things a complaint's content holds that must never appear in the complainant's or advocate's copy.
SECRET_WHAT_HAPPENED = "The social worker missed 4 visits and lost Tyler's care plan"
SECRET_PUT_RIGHT = "An apology and a new social worker for Tyler"


def council_record(council: str = "example", **answers) -> Complaint:
    """A relative complaining for a 14-year-old in foster care who agrees and wants an advocate.

    Built through the domain: the decision is the one the routing rules make for these answers, and the dates
    are the timeline of its procedure. ``answers`` change any part (see ``revised``).
    """
    record = Complaint(
        council=council,
        submitted=SUBMITTED,
        decision=route(RouteAnswers(who="relative", about="fostering"), load_profile(council)),  # replaced below
        timeline=None,
        answers=Answers(
            who="relative",
            about="fostering",
            danger_reported=False,
            child=Child(name="Tyler Example", age=14),
            consent=Consent(
                asked=True,
                child_agrees="yes",
                method="council_contacts",
                child_contact="Text Tyler on 07700 900456 after school",
            ),
            advocacy=Advocacy(answer="yes"),
            complaint=Account(
                happened=date(2025, 1, 10),
                what_happened=SECRET_WHAT_HAPPENED,
                who_involved="The fostering team",
                put_right=SECRET_PUT_RIGHT,
            ),
            contact=Contact(
                name="Sam Relative",
                email="sam@example.org",
                phone="07700 900123",
                preferred="email",
                safe_to_contact=True,
                leave_message=False,
                help=("large_print",),
                language="en",
            ),
            proceedings="no",
            tried_local_resolution="yes",
        ),
        sections=SECTIONS,
    )
    return revised(record, **answers)


SECTIONS = tuple(
    Section(title, tuple(Row(*row) for row in rows))
    for title, rows in (
        ("About you", [("who", "Who are you", "A relative or friend of the child")]),
        ("The child", [("child_name", "Child's name", "Tyler Example"), ("child_age", "Child's age", "14"),
                       ("child_agrees", "Does the child agree", "Yes")]),
        ("Your complaint", [("about", "What is it about", "Fostering"),
                            ("what_happened", "What happened", SECRET_WHAT_HAPPENED),
                            ("put_right", "What would put it right", SECRET_PUT_RIGHT)]),
        ("How to contact you", [("name", "Name", "Sam Relative"), ("email", "Email", "sam@example.org"),
                                ("phone", "Phone", "07700 900123")]),
    )
)

_PARTS = {"child": Child, "consent": Consent, "advocacy": Advocacy, "complaint": Account, "contact": Contact,
          "child_needs": ChildNeeds}


def revised(record: Complaint, **changes) -> Complaint:
    """The complaint with some answers changed, routed again by the domain's rules and dated again.

    A change is an answer (``who="parent"``, ``danger_reported=True``) or a part with some of its fields
    (``contact={"email": None}``, ``child_needs={"leave_message": False}``).
    """
    answers = record.answers
    updates = {}
    for name, value in changes.items():
        if name in _PARTS and isinstance(value, dict):
            current = getattr(answers, name) or _PARTS[name]()
            if "help" in value:
                value = {**value, "help": tuple(value["help"] or ())}
            value = dataclasses.replace(current, **value)
        updates[name] = value
    answers = dataclasses.replace(answers, **updates)
    profile = load_profile(record.council)
    decision = route(routing_answers(answers, record.submitted), profile)
    timeline = milestones(profile, decision.procedure, record.submitted) if decision.procedure else None
    return dataclasses.replace(record, answers=answers, decision=decision, timeline=timeline)


def with_shown_value(record: Complaint, section: int, row: int, value: str) -> Complaint:
    """The complaint with one value of "Check your answers" (as stored in ``sections``) changed."""
    sections = list(record.sections)
    rows = list(sections[section].rows)
    rows[row] = dataclasses.replace(rows[row], value=value)
    sections[section] = dataclasses.replace(sections[section], rows=tuple(rows))
    return dataclasses.replace(record, sections=tuple(sections))


def routing_answers(answers: Answers, submitted: date) -> RouteAnswers:
    """What the routing rules read, from a complaint's answers (a danger reported was seen and carried past)."""
    return RouteAnswers(
        who=answers.who,
        about=answers.about,
        child_age=answers.child.age if answers.child else None,
        child_agrees=answers.consent.child_agrees,
        happened=answers.complaint.happened,
        submitted=submitted,
        proceedings=answers.proceedings == "yes",
        provider_care=answers.provider_care == "yes",
        advocacy_requested=answers.advocacy.requested,
        continue_without_consent=answers.consent.continue_without_consent,
    )


def escalation_record(
    reply: date = date(2025, 2, 24),  # a Monday, 5 working days before SUBMITTED: in time
    stated_procedure: str = "statutory",
    reply_stage: str = "stage1",
    earlier: EarlierComplaint | None = None,
    **answers,
) -> Complaint:
    """``council_record``'s relative taking the complaint further after the reply of ``reply``: the escalation
    rules decide it and the dates are the stage asked for, as the journey builds it at Send."""
    record = council_record(**answers)
    profile = load_profile(record.council)
    decision = route_escalation(
        EscalationAnswers(stated_procedure=stated_procedure, reply_stage=reply_stage, reply_date=reply,
                          submitted=record.submitted, complaint_procedure=record.decision.procedure),
        profile,
    )
    timeline = escalation_timeline(profile, decision.next_stage, record.submitted) if decision.next_stage else None
    further = Escalation(
        decision=decision,
        earlier_reference=earlier.reference if earlier else "CSC/2025-0412",
        earlier=earlier,
        stated_procedure=stated_procedure,
        reply_stage=reply_stage,
        reply_date=reply,
        late_reason="I was in hospital." if decision.late else None,
        still_unhappy="The visits did not restart.\nNobody called me back.",
        wanted="Restart the visits.",
    )
    return dataclasses.replace(record, timeline=timeline).escalated(further)


def stored_record() -> Complaint:
    """A complaint as an earlier version stored it (its JSON kept in ``tests/fixtures``), read back.

    Its decision was written by hand before records were built through the domain (statutory, yet with the
    "sufficient interest" flag, and reasons in words of their own): what is stored is shown as it was stored.
    """
    return Complaint.from_json(stored_json())


def stored_json() -> dict:
    return json.loads((FIXTURES / "stored-complaint-1.0.json").read_text())


def stored_escalation_json() -> dict:
    """A late request to take a complaint further, linked to one of ours, as the first release of escalations
    stored it (before the record was typed): no ``schema_version``, no ``consent.child_knows``."""
    return json.loads((FIXTURES / "stored-escalation-1.0.json").read_text())


def purge_delivered(connection, retention_days: int, now=None) -> int:
    """How many complaints retention purges now (``store.purge_delivered_references``, counted)."""
    return len(purge_delivered_references(connection, retention_days, now))


def without_email(record: Complaint) -> Complaint:
    return revised(record, contact={"email": None, "preferred": "phone"})


def not_safe(record: Complaint) -> Complaint:
    return revised(record, contact={"safe_to_contact": False, "safe_way": "Only by phone after 6pm"})


def without_advocacy(record: Complaint) -> Complaint:
    return revised(record, advocacy={"answer": "no"})


def prefers_phone(record: Complaint) -> Complaint:
    """Gave an email, but the "safe to contact" answer was about the phone."""
    return revised(record, contact={"preferred": "phone"})


def corporate(record: Complaint) -> Complaint:
    """About education: the council's own procedure, no advocate."""
    return revised(record, about="education", advocacy={"answer": "no"})


# ---------------------------------------------------------------------------------------------------------
# A small JSON Schema checker for docs/complaint-schema.json (jsonschema is not a dependency). It knows the
# keywords that schema uses and fails loudly on any other, so the schema cannot silently outgrow it.

_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "boolean": bool,
    "null": type(None),
}
_KNOWN = {
    "$schema",
    "$id",
    "$defs",
    "$ref",
    "title",
    "description",
    "type",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "pattern",
    "oneOf",
}


def _is_type(value, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def schema_errors(value, schema: dict, root: dict | None = None, path: str = "$") -> list[str]:
    import re

    root = root or schema
    unknown = set(schema) - _KNOWN
    if unknown:
        raise AssertionError(f"the test validator does not know {sorted(unknown)} (at {path})")
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return schema_errors(value, root["$defs"][name], root, path)
    errors: list[str] = []
    if "oneOf" in schema:
        matches = [s for s in schema["oneOf"] if not schema_errors(value, s, root, path)]
        if len(matches) != 1:
            errors.append(f"{path}: matches {len(matches)} of oneOf, not exactly one")
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(value, t) for t in types):
            return [f"{path}: {value!r} is not {types}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                errors.append(f"{path}: {key!r} is missing")
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                errors += schema_errors(item, properties[key], root, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unexpected key {key!r}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += schema_errors(item, schema["items"], root, f"{path}[{i}]")
    return errors


def complaint_schema() -> dict:
    import json
    from pathlib import Path

    return json.loads((Path(__file__).resolve().parents[1] / "docs" / "complaint-schema.json").read_text())
