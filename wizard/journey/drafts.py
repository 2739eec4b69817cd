"""Answers kept on the server while a person fills in the wizard, keyed by an opaque random id.

The session cookie holds only that id. A draft expires after ``DRAFT_TIMEOUT_MINUTES`` without a request that
touches it: each load or save moves ``expires_at`` on. An expired draft is deleted the moment anyone asks for
it, and ``purge_expired`` (called by ``flask purge``) deletes the rest.

The answers are stored as each step's form kept them (``StepForm.to_keep``: only its own fields, text cleaned,
each value bounded), ``{step: {field: [values]}}``, so every step can be revalidated; a draft is made on a
person's first answer (never on a page view) and holds at most ``MAX_CHARS``.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from dataclasses import dataclass, field

from wizard.db import transaction

SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    id TEXT PRIMARY KEY,
    answers TEXT NOT NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    expires_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS drafts_expires_at ON drafts (expires_at);
"""

def ensure_schema(connection: sqlite3.Connection) -> None:
    """Create the table if it is missing (statement by statement: safe inside a caller's transaction)."""
    found = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'drafts'").fetchone()
    if found:
        return
    for statement in SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)


@dataclass
class Draft:
    id: str
    steps: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    expires_at: float = 0.0


class DraftExpired(Exception):
    """The draft existed but ran out of time (it has now been deleted)."""


class DraftTooLarge(Exception):
    """Saving this step would make the draft larger than ``MAX_CHARS``: nothing was saved."""


# The most a draft may hold, in characters of its stored JSON. Every answer has a length limit, and all of them
# together come to about 15,000 characters; this bound stops anything else filling the disk.
MAX_CHARS = 100_000


def new_id() -> str:
    return secrets.token_urlsafe(24)


def create(connection: sqlite3.Connection, timeout_minutes: int, now: float | None = None) -> Draft:
    ensure_schema(connection)
    now = time.time() if now is None else now
    draft = Draft(new_id(), {}, now + timeout_minutes * 60)
    with transaction(connection):
        connection.execute(
            "INSERT INTO drafts (id, answers, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            (draft.id, "{}", now, now, draft.expires_at),
        )
    return draft


def load(connection: sqlite3.Connection, draft_id: str, timeout_minutes: int, now: float | None = None) -> Draft | None:
    """The draft, its time extended; ``None`` if there is none; ``DraftExpired`` if it ran out of time."""
    ensure_schema(connection)
    now = time.time() if now is None else now
    expired = False
    with transaction(connection):
        row = connection.execute("SELECT answers, expires_at FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            return None
        if row["expires_at"] <= now:
            # Deleted here and committed before saying so (raising inside the transaction would roll it back).
            connection.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
            expired = True
        else:
            expires_at = now + timeout_minutes * 60
            try:
                connection.execute("UPDATE drafts SET expires_at = ? WHERE id = ?", (expires_at, draft_id))
            except sqlite3.OperationalError:
                # A full or read-only disk: the answers can still be read and shown (and Send then says
                # plainly that the complaint was not sent); only their time is not extended.
                expires_at = row["expires_at"]
    if expired:
        raise DraftExpired(draft_id)
    return Draft(draft_id, json.loads(row["answers"]), expires_at)


def save_step(
    connection: sqlite3.Connection,
    draft_id: str,
    step: str,
    data: dict[str, list[str]],
    timeout_minutes: int,
    now: float | None = None,
) -> Draft | None:
    """Store one step's answers, read-modify-write in one transaction (two tabs cannot lose each other's steps)."""
    ensure_schema(connection)
    now = time.time() if now is None else now
    with transaction(connection):
        row = connection.execute("SELECT answers, expires_at FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        if row is None or row["expires_at"] <= now:
            connection.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
            return None
        steps = json.loads(row["answers"])
        steps[step] = data
        stored = json.dumps(steps, ensure_ascii=False)
        if len(stored) > MAX_CHARS:
            raise DraftTooLarge(draft_id)
        expires_at = now + timeout_minutes * 60
        connection.execute(
            "UPDATE drafts SET answers = ?, updated_at = ?, expires_at = ? WHERE id = ?",
            (stored, now, expires_at, draft_id),
        )
    return Draft(draft_id, steps, expires_at)


def drop_steps(connection: sqlite3.Connection, draft_id: str, names: set[str]) -> None:
    """Forget the answers of steps that are no longer on the person's route."""
    if not names:
        return
    with transaction(connection):
        row = connection.execute("SELECT answers FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            return
        steps = json.loads(row["answers"])
        for name in names:
            steps.pop(name, None)
        connection.execute(
            "UPDATE drafts SET answers = ? WHERE id = ?", (json.dumps(steps, ensure_ascii=False), draft_id)
        )


def delete(connection: sqlite3.Connection, draft_id: str) -> None:
    """Delete a draft. No transaction of its own: call it inside the caller's (send stores and deletes at once)."""
    connection.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))


def purge_expired(connection: sqlite3.Connection, now: float | None = None) -> int:
    """Delete every draft whose time has run out; returns how many."""
    ensure_schema(connection)
    now = time.time() if now is None else now
    with transaction(connection):
        cursor = connection.execute("DELETE FROM drafts WHERE expires_at <= ?", (now,))
    return cursor.rowcount
