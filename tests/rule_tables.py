"""The routing rule tables as plain rows, for the routing tests (the staff pages put them in words themselves,
``wizard.staff.words.rules_in_words``)."""

from __future__ import annotations

from typing import Any

from wizard.domain.routing import FLAG_RULES, RULES


def describe_rules() -> list[dict[str, Any]]:
    """Every outcome rule, then every flag rule: id, kind, description, conditions, outcome, flags, reason."""
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
        for r in RULES
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
        for r in FLAG_RULES
    )
    return out
