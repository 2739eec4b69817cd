"""The tables: drafts, complaints, the outbox and its attempts, receipts and staff sessions, with their indexes.

A SQLite database made by an earlier version (tables made by each module's CREATE TABLE IF NOT EXISTS, no
alembic_version) keeps its rows: a table that is there already is left, the outbox gets the columns added
since the first release, and the indexes are made.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Every query the outbox, the purge and the status run has an index (tests/functional/test_query_plans.py).
# Partial indexes hold only the rows the query looks for (unsent messages, failed ones, ...), so they stay
# small however many complaints have been sent.
INDEXES = (
    # table, name, columns, WHERE (None: the whole table)
    ("drafts", "drafts_expires_at", ["expires_at"], None),
    ("receipts", "receipts_draft_id", ["draft_id"], None),
    ("receipts", "receipts_expires_at", ["expires_at"], None),
    ("staff_sessions", "staff_sessions_last_seen", ["last_seen"], None),
    ("outbox_attempts", "outbox_attempts_by_message", ["outbox_id"], None),
    ("outbox_attempts", "outbox_attempts_failed", ["id"], "ok = 0"),
    # What a sender tries, oldest first.
    ("outbox", "outbox_to_send", ["created_at", "id"], "state != 'sent' AND gave_up IS NULL"),
    # The oldest unsent message and the counts of pending and failed ones (outbox status).
    ("outbox", "outbox_unsent", ["created_at", "id"], "state != 'sent'"),
    ("outbox", "outbox_failed", ["first_failed_at"], "state = 'failed'"),
    ("outbox", "outbox_leased", ["leased_until"], "state != 'sent' AND leased_until IS NOT NULL"),
    ("outbox", "outbox_notes", ["sent_at"], "note IS NOT NULL"),
    # What the purge deletes: delivered complaints whose content is still stored.
    ("complaints", "complaints_to_purge", ["delivered_at"], "record IS NOT NULL AND delivered_at IS NOT NULL"),
)

# Columns added to the outbox after the first release (a database made then lacks them).
def _added_outbox_columns() -> list[sa.Column]:
    return [
        sa.Column("handovers", sa.Integer, nullable=False, server_default="0"),
        sa.Column("leased_by", sa.Text),
        sa.Column("gave_up", sa.Text),
        sa.Column("note", sa.Text),
    ]


def _tables() -> dict:
    return {
        "drafts": (
            sa.Column("id", sa.Text, primary_key=True),
            sa.Column("answers", sa.Text, nullable=False),
            sa.Column("created_at", sa.Float, nullable=False),
            sa.Column("updated_at", sa.Float, nullable=False),
            sa.Column("expires_at", sa.Float, nullable=False),
        ),
        "complaints": (
            sa.Column("reference", sa.Text, primary_key=True),
            sa.Column("idempotency_key", sa.Text, nullable=False, unique=True),
            sa.Column("council", sa.Text, nullable=False),
            sa.Column("procedure", sa.Text),
            sa.Column("created_at", sa.Text, nullable=False),
            sa.Column("record", sa.Text),
            sa.Column("delivered_at", sa.Text),
            sa.Column("purged_at", sa.Text),
        ),
        "outbox": (
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("reference", sa.Text, sa.ForeignKey("complaints.reference"), nullable=False),
            sa.Column("kind", sa.Text, nullable=False),
            sa.Column("state", sa.Text, nullable=False, server_default="pending"),
            sa.Column("message_id", sa.Text),
            sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
            sa.Column("created_at", sa.Text, nullable=False),
            sa.Column("next_attempt_at", sa.Text, nullable=False),
            sa.Column("leased_until", sa.Text),
            sa.Column("first_failed_at", sa.Text),
            sa.Column("last_attempt_at", sa.Text),
            sa.Column("last_error", sa.Text),
            sa.Column("sent_at", sa.Text),
            *_added_outbox_columns(),
            sa.UniqueConstraint("reference", "kind"),
        ),
        "outbox_attempts": (
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("outbox_id", sa.Integer, sa.ForeignKey("outbox.id"), nullable=False),
            sa.Column("attempted_at", sa.Text, nullable=False),
            sa.Column("ok", sa.Integer, nullable=False),
            sa.Column("error", sa.Text),
        ),
        "receipts": (
            sa.Column("token", sa.Text, primary_key=True),
            sa.Column("reference", sa.Text, nullable=False),
            sa.Column("draft_id", sa.Text, nullable=False),
            sa.Column("issued_at", sa.Float, nullable=False),
            sa.Column("expires_at", sa.Float, nullable=False),
        ),
        "staff_sessions": (
            sa.Column("id", sa.Text, primary_key=True),
            sa.Column("password_mark", sa.Text, nullable=False),
            sa.Column("created_at", sa.Float, nullable=False),
            sa.Column("last_seen", sa.Float, nullable=False),
        ),
    }


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    existing = set(inspector.get_table_names())
    for name, columns in _tables().items():
        if name not in existing:
            op.create_table(name, *columns)
    indexes = {table: {i["name"] for i in inspector.get_indexes(table)} for table in existing}
    if "outbox" in existing:
        have = {column["name"] for column in inspector.get_columns("outbox")}
        for column in _added_outbox_columns():
            if column.name not in have:
                op.add_column("outbox", column)
        # The first release's index on (state, next_attempt_at) served no query well: replaced below.
        if "outbox_unsent" in indexes["outbox"]:
            op.drop_index("outbox_unsent", table_name="outbox")
            indexes["outbox"].discard("outbox_unsent")
    for table, name, columns, where in INDEXES:
        if name in indexes.get(table, ()):
            continue
        condition = {} if where is None else {"sqlite_where": sa.text(where), "postgresql_where": sa.text(where)}
        op.create_index(name, table, columns, **condition)


def downgrade() -> None:
    for name in ("staff_sessions", "receipts", "outbox_attempts", "outbox", "complaints", "drafts"):
        op.drop_table(name)
