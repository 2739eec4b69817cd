"""Anonymous monthly counts for the council's annual complaints report (``wizard/delivery/figures.py``).

A database where the figures' own CREATE TABLE IF NOT EXISTS already made the table keeps it and its counts.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "annual_figures" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "annual_figures",
        sa.Column("month", sa.Text, nullable=False),
        sa.Column("stage", sa.Text, nullable=False),
        sa.Column("measure", sa.Text, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("month", "stage", "measure", "value"),
    )


def downgrade() -> None:
    op.drop_table("annual_figures")
