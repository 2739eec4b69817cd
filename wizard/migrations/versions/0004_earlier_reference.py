"""Requests that name the same earlier complaint, read together (issue 12, walks J and M: J5/M4).

``complaints.earlier_reference`` is the earlier complaint a request to take a complaint further names, when that is
one of this service's (a random reference, nothing personal), and ``asks_for`` the stage it asked for. Like
``procedure`` they outlive retention's purge, so a later request on the same reference is still shown the earlier
requests (their reference, stage and day, never their content). Requests already stored are filled in from their
records.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("complaints", sa.Column("earlier_reference", sa.Text))
    op.add_column("complaints", sa.Column("asks_for", sa.Text))
    op.create_index("complaints_earlier_reference", "complaints", ["earlier_reference"])
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT reference, record FROM complaints WHERE record IS NOT NULL AND record LIKE '%\"escalation\": {%'"
    )).fetchall()
    update = sa.text("UPDATE complaints SET earlier_reference = :earlier, asks_for = :asks WHERE reference = :ref")
    for reference, record in rows:
        try:
            further = json.loads(record).get("escalation") or {}
        except ValueError:
            continue
        earlier = further.get("earlier") or {}
        if isinstance(earlier, dict) and earlier.get("reference"):
            bind.execute(update, {"earlier": earlier["reference"], "asks": further.get("next_stage"), "ref": reference})


def downgrade() -> None:
    op.drop_index("complaints_earlier_reference", "complaints")
    op.drop_column("complaints", "asks_for")
    op.drop_column("complaints", "earlier_reference")
