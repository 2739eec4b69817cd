"""Complaint records shaped as the journey's ``build_record`` makes them, for the delivery tests."""

from __future__ import annotations

import copy
from datetime import date

from wizard.domain.profiles import load_profile
from wizard.domain.timeline import milestones

SUBMITTED = date(2025, 3, 3)  # a Monday

# Things a complaint's content holds that must never appear in the complainant's or advocate's copy.
SECRET_WHAT_HAPPENED = "The social worker missed 4 visits and lost Tyler's care plan"
SECRET_PUT_RIGHT = "An apology and a new social worker for Tyler"


def council_record(council: str = "example", **overrides) -> dict:
    """A relative complaining for a 14-year-old in foster care who agrees and wants an advocate."""
    profile = load_profile(council)
    timeline = milestones(profile, "statutory", SUBMITTED).to_dict()
    record = {
        "council": council,
        "submitted": SUBMITTED.isoformat(),
        "decision": {
            "outcome": "statutory",
            "flags": ["advocacy_requested", "sufficient_interest"],
            "reasons": [
                "Fostering is a children's social care service, so the children's procedure applies.",
                "The council will decide whether you have sufficient interest in the child's welfare.",
            ],
            "procedure": "statutory",
            "rules": ["own_right", "for_younger_child"],
        },
        "timeline": timeline,
        "answers": {
            "who": "relative",
            "about": "fostering",
            "danger_reported": False,
            "child": {"name": "Tyler Example", "age": 14, "date_of_birth": None},
            "consent": {
                "asked": True,
                "child_agrees": "yes",
                "method": "council_contacts",
                "child_contact": "Text Tyler on 07700 900456 after school",
                "child_typed_name": None,
                "continue_without_consent": False,
            },
            "advocacy": {"requested": True, "answer": "yes", "advocate": None},
            "complaint": {
                "happened": "2025-01-10",
                "happened_day_known": True,
                "what_happened": SECRET_WHAT_HAPPENED,
                "who_involved": "The fostering team",
                "put_right": SECRET_PUT_RIGHT,
            },
            "contact": {
                "name": "Sam Relative",
                "email": "sam@example.org",
                "phone": "07700 900123",
                "address": None,
                "preferred": "email",
                "safe_to_contact": True,
                "safe_way": None,
                "leave_message": False,
                "help": ["large_print"],
                "interpreter_language": None,
                "help_other": None,
                "language": "en",
            },
            "late_reason": None,
            "proceedings": "no",
            "provider_care": None,
            "tried_local_resolution": "yes",
        },
        "sections": [
            {
                "title": "About you",
                "rows": [
                    {"key": "who", "label": "Who are you", "value": "A relative or friend of the child"},
                ],
            },
            {
                "title": "The child",
                "rows": [
                    {"key": "child_name", "label": "Child's name", "value": "Tyler Example"},
                    {"key": "child_age", "label": "Child's age", "value": "14"},
                    {"key": "child_agrees", "label": "Does the child agree", "value": "Yes"},
                ],
            },
            {
                "title": "Your complaint",
                "rows": [
                    {"key": "about", "label": "What is it about", "value": "Fostering"},
                    {"key": "what_happened", "label": "What happened", "value": SECRET_WHAT_HAPPENED},
                    {"key": "put_right", "label": "What would put it right", "value": SECRET_PUT_RIGHT},
                ],
            },
            {
                "title": "How to contact you",
                "rows": [
                    {"key": "name", "label": "Name", "value": "Sam Relative"},
                    {"key": "email", "label": "Email", "value": "sam@example.org"},
                    {"key": "phone", "label": "Phone", "value": "07700 900123"},
                ],
            },
        ],
    }
    for key, value in overrides.items():
        record[key] = value
    return record


def without_email(record: dict) -> dict:
    record = copy.deepcopy(record)
    record["answers"]["contact"]["email"] = None
    record["answers"]["contact"]["preferred"] = "phone"
    return record


def not_safe(record: dict) -> dict:
    record = copy.deepcopy(record)
    record["answers"]["contact"]["safe_to_contact"] = False
    record["answers"]["contact"]["safe_way"] = "Only by phone after 6pm"
    return record


def without_advocacy(record: dict) -> dict:
    record = copy.deepcopy(record)
    record["decision"]["flags"] = [f for f in record["decision"]["flags"] if f != "advocacy_requested"]
    record["answers"]["advocacy"] = {"requested": False, "answer": "no", "advocate": None}
    return record


def prefers_phone(record: dict) -> dict:
    """Gave an email, but the "safe to contact" answer was about the phone."""
    record = copy.deepcopy(record)
    record["answers"]["contact"]["preferred"] = "phone"
    return record


def corporate(record: dict) -> dict:
    record = copy.deepcopy(record)
    profile = load_profile(record["council"])
    record["decision"] = {
        "outcome": "corporate",
        "flags": [],
        "reasons": ["Education is not a children's social care service."],
        "procedure": "corporate",
        "rules": ["corporate_subject"],
    }
    record["answers"]["about"] = "education"
    record["answers"]["advocacy"] = {"requested": False, "answer": "no", "advocate": None}
    record["timeline"] = milestones(profile, "corporate", SUBMITTED).to_dict()
    return record


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
