"""Staff sign-ins kept on the server, so that signing out, a new STAFF_PASSWORD or 8 idle hours end them.

The session cookie holds only a random id. Each row remembers a keyed fingerprint of the password it was opened
with (never the password), so changing STAFF_PASSWORD ends every session opened with the old one, and when it
was last used, so a session left idle for ``IDLE_SECONDS`` ends. Signing out deletes the row: a copy of the
cookie taken before then opens nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from wizard.db import Connection, transaction

IDLE_SECONDS = 8 * 60 * 60


def password_mark(secret_key: str, password: str) -> str:
    """A fingerprint of the password, keyed with the app's secret (it cannot be reversed or looked up)."""
    return hmac.new(secret_key.encode(), b"staff-password:" + password.encode(), hashlib.sha256).hexdigest()


def start(connection: Connection, mark: str, now: float) -> str:
    session_id = secrets.token_urlsafe(32)
    with transaction(connection):
        connection.execute("DELETE FROM staff_sessions WHERE last_seen <= ?", (now - IDLE_SECONDS,))
        connection.execute(
            "INSERT INTO staff_sessions (id, password_mark, created_at, last_seen) VALUES (?, ?, ?, ?)",
            (session_id, mark, now, now),
        )
    return session_id


def touch(connection: Connection, session_id: object, mark: str, now: float) -> bool:
    """True, and the idle time starts again, if the session is open; otherwise it is ended and False."""
    if not isinstance(session_id, str) or not session_id:
        return False
    with transaction(connection):
        row = connection.execute(
            "SELECT password_mark, last_seen FROM staff_sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            return False
        if not hmac.compare_digest(row["password_mark"], mark) or now - row["last_seen"] >= IDLE_SECONDS:
            connection.execute("DELETE FROM staff_sessions WHERE id = ?", (session_id,))
            return False
        connection.execute("UPDATE staff_sessions SET last_seen = ? WHERE id = ?", (now, session_id))
    return True


def end(connection: Connection, session_id: object) -> None:
    if isinstance(session_id, str) and session_id:
        with transaction(connection):
            connection.execute("DELETE FROM staff_sessions WHERE id = ?", (session_id,))
