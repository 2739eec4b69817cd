"""Preview mode of the citizen journey: a signed-in staff member walks the real journey, nothing is kept or sent.

A preview is started from the staff pages (``start``). The browser's session then holds the preview's random id
beside the staff session's id; on every request outside the staff pages, ``resume`` checks both on the server:
the staff session must still be open (not signed out, not idle, same password) and the preview must belong to
it. Only then is ``g.journey_preview`` set, which is the one thing the journey asks (``preview_mode()``). Nothing
a browser sends can set it: no form field, query or cookie value is read but the two ids, and a copy of the
cookie stops working when the staff member signs out.

While it is set, the journey's views and forms run as for anyone, with three differences the journey itself
makes: its drafts are kept in a database of their own (``DATA_DIR/preview``), apart from citizens' drafts and
from the complaints and outbox; Send keeps the record here (``keep_sent``) for the confirmation page instead of
storing a complaint, so nothing is queued or sent; and nothing is counted in the annual figures. Everything is
deleted when the preview stops, when the staff member signs out, and ``PREVIEW_SECONDS`` after it started.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from wizard.db import connect, transaction
from wizard.domain.complaint import Complaint
from wizard.journey.public import delete_draft, purge_expired_drafts
from wizard.staff import sessions

PREVIEW_SECONDS = sessions.IDLE_SECONDS
REFERENCE_CODE = "PREVIEW"  # the reference shown and put in the previewed emails: never a real one's shape

SCHEMA = """
CREATE TABLE IF NOT EXISTS previews (
    id TEXT PRIMARY KEY,
    staff_session TEXT NOT NULL,
    started_at REAL NOT NULL,
    record TEXT
)
"""

# What the journey keeps in the session cookie: a preview's are dropped when the preview ends.
JOURNEY_SESSION_KEYS = ("draft", "receipt", "refused")


def data_dir(config) -> Path:
    return Path(config["DATA_DIR"]) / "preview"


def _connect(config) -> sqlite3.Connection:
    connection = connect(data_dir(config))
    connection.execute(SCHEMA)
    return connection


@dataclass(frozen=True)
class PreviewMode:
    """What the journey is given for a preview request (see ``wizard.journey.views.preview_mode``)."""

    id: str
    data_dir: Path
    reference: str

    def keep_sent(self, connection: sqlite3.Connection, record: Complaint) -> None:
        """Send in a preview: keep the record for the confirmation page (in the preview's database only)."""
        connection.execute(SCHEMA)
        connection.execute(
            "UPDATE previews SET record = ? WHERE id = ?", (json.dumps(record.to_json(), ensure_ascii=False), self.id)
        )

    def sent(self, connection: sqlite3.Connection) -> dict | None:
        """What the confirmation page shows: the record this preview's Send kept, with the preview reference."""
        connection.execute(SCHEMA)
        row = connection.execute("SELECT record FROM previews WHERE id = ?", (self.id,)).fetchone()
        if row is None or row["record"] is None:
            return None
        return {"reference": self.reference, "record": Complaint.from_json(json.loads(row["record"])), "purged": False}


def preview_reference(short_code: str) -> str:
    return f"{short_code}-{REFERENCE_CODE}"


def start(config, session, staff_session: str, short_code: str, now: float) -> str:
    """Start a new preview for this signed-in browser (ending any earlier one); returns its id."""
    end(config, session)
    preview_id = secrets.token_urlsafe(24)
    connection = _connect(config)
    try:
        _purge(connection, now)
        with transaction(connection):
            connection.execute(
                "INSERT INTO previews (id, staff_session, started_at) VALUES (?, ?, ?)",
                (preview_id, staff_session, now),
            )
    finally:
        connection.close()
    for key in JOURNEY_SESSION_KEYS:  # a journey this browser had open is not carried into the preview
        session.pop(key, None)
    session["preview"] = preview_id
    return preview_id


def resume(config, session, password_mark: str, short_code: str, now: float) -> PreviewMode | None:
    """The preview this request belongs to, if the browser holds one and its staff session is still open.

    A browser holding a preview id that no longer opens (signed out, idle, another password, a stopped preview)
    has it and the preview's journey state dropped from its session, and the preview's draft deleted.
    """
    preview_id = session.get("preview")
    if not preview_id:
        return None
    staff_session = session.get("staff")
    main = connect(config)
    try:
        staff_open = sessions.touch(main, staff_session, password_mark, now)
    finally:
        main.close()
    connection = _connect(config)
    try:
        row = connection.execute(
            "SELECT staff_session, started_at FROM previews WHERE id = ?", (preview_id,)
        ).fetchone() if isinstance(preview_id, str) else None
        if (
            staff_open
            and row is not None
            and isinstance(staff_session, str)
            and secrets.compare_digest(row["staff_session"], staff_session)
            and now - row["started_at"] < PREVIEW_SECONDS
        ):
            return PreviewMode(preview_id, data_dir(config), preview_reference(short_code))
    finally:
        connection.close()
    end(config, session)
    return None


def end(config, session) -> None:
    """Stop this browser's preview: its draft and what its Send kept are deleted, its ids leave the session."""
    preview_id = session.pop("preview", None)
    if preview_id is None:
        return
    draft_id = session.get("draft")
    connection = _connect(config)
    try:
        with transaction(connection):
            if isinstance(draft_id, str) and draft_id:
                delete_draft(connection, draft_id)
            if isinstance(preview_id, str):
                connection.execute("DELETE FROM previews WHERE id = ?", (preview_id,))
    finally:
        connection.close()
    for key in JOURNEY_SESSION_KEYS:
        session.pop(key, None)


def end_all_for(config, staff_session: object) -> int:
    """Signing out: every preview of that staff session goes (with ``end`` for this browser's draft)."""
    if not isinstance(staff_session, str) or not staff_session:
        return 0
    connection = _connect(config)
    try:
        with transaction(connection):
            return connection.execute("DELETE FROM previews WHERE staff_session = ?", (staff_session,)).rowcount
    finally:
        connection.close()


def _purge(connection: sqlite3.Connection, now: float) -> None:
    """Previews older than ``PREVIEW_SECONDS`` and preview drafts whose time ran out (as citizens' do)."""
    with transaction(connection):
        connection.execute("DELETE FROM previews WHERE started_at <= ?", (now - PREVIEW_SECONDS,))
    purge_expired_drafts(connection, now)


def purge(config, now: float) -> None:
    connection = _connect(config)
    try:
        _purge(connection, now)
    finally:
        connection.close()
