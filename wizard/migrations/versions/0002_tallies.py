"""Running totals for ``outbox status``: complaints stored, delivered and purged, and emails sent.

Counting them from the tables reads every complaint (and every email ever sent) each time; at a million
complaints that is most of a second. The totals are kept in the same transactions that change them, so they are
exact; this migration counts what is already stored, once.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TALLIES = {
    "complaints": "SELECT count(*) FROM complaints",
    "delivered": "SELECT count(*) FROM complaints WHERE delivered_at IS NOT NULL",
    "purged": "SELECT count(*) FROM complaints WHERE record IS NULL",
    "sent": "SELECT count(*) FROM outbox WHERE state = 'sent'",
}


def upgrade() -> None:
    op.create_table(
        "tallies",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("value", sa.BigInteger, nullable=False),
    )
    bind = op.get_bind()
    for name, query in TALLIES.items():
        value = bind.execute(sa.text(query)).scalar_one()
        insert = sa.text("INSERT INTO tallies (name, value) VALUES (:name, :value)")
        bind.execute(insert, {"name": name, "value": value})


def downgrade() -> None:
    op.drop_table("tallies")
