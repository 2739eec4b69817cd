"""The routing rule tables as plain rows, for the routing tests (the staff pages put them in words themselves,
``wizard.staff.words.rules_in_words``)."""

from __future__ import annotations

from typing import Any

from wizard.domain.routing import FLAG_RULES, RULES, describe_table


def describe_rules() -> list[dict[str, Any]]:
    """Every outcome rule, then every flag rule: id, kind, description, conditions, outcome, flags, reason."""
    return describe_table(RULES, FLAG_RULES)
