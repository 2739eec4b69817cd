"""Which browser may see a sent complaint's confirmation, print and calendar pages, and for how long.

At "Send" the session is rotated: everything in it (the draft id, the form token) is dropped, and it gets a new
random receipt token instead, kept here with the complaint's reference for ``RECEIPT_SECONDS``. A cookie copied
before Send holds no receipt, so it opens nothing; one copied after it stops working when the receipt runs out,
or as soon as the person starts again (the receipt is deleted). Nothing personal is stored here: a token, a
reference, the draft id it replaced and two times.

A second press of Send from the same page (a double click, two tabs pressing at once) carries the old draft id;
within ``REPEAT_SEND_SECONDS`` of the first it gets a receipt too, so the person sees the confirmation rather
than an error. After that the old draft id opens nothing.
"""

from __future__ import annotations

import secrets

from wizard.db import Connection, transaction

RECEIPT_SECONDS = 30 * 60
REPEAT_SEND_SECONDS = 30

def issue(connection: Connection, reference: str, draft_id: str, now: float) -> str:
    """A new receipt for the browser that sent ``reference`` from the draft ``draft_id``."""
    with transaction(connection):
        return issue_within(connection, reference, draft_id, now)


def issue_within(connection: Connection, reference: str, draft_id: str, now: float) -> str:
    """``issue`` inside the caller's transaction: Send stores the complaint, deletes the draft and writes the
    first receipt at once, so a second press of Send never finds the draft gone and no receipt yet."""
    token = secrets.token_urlsafe(24)
    connection.execute("DELETE FROM receipts WHERE expires_at <= ?", (now,))
    connection.execute(
        "INSERT INTO receipts (token, reference, draft_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        (token, reference, draft_id, now, now + RECEIPT_SECONDS),
    )
    return token


def repeat_send(connection: Connection, draft_id: str, now: float) -> str | None:
    """The reference, if ``draft_id`` was sent less than REPEAT_SEND_SECONDS ago (a second press of Send)."""
    row = connection.execute(
        "SELECT reference FROM receipts WHERE draft_id = ? AND issued_at > ? AND expires_at > ? "
        "ORDER BY issued_at LIMIT 1",
        (draft_id, now - REPEAT_SEND_SECONDS, now),
    ).fetchone()
    return row[0] if row else None


def reference_for(connection: Connection, token: object, now: float) -> str | None:
    """The reference this receipt shows, or None when there is no such receipt or it has run out."""
    if not isinstance(token, str) or not token:
        return None
    row = connection.execute(
        "SELECT reference FROM receipts WHERE token = ? AND expires_at > ?", (token, now)
    ).fetchone()
    return row[0] if row else None


def revoke(connection: Connection, token: object) -> None:
    if isinstance(token, str) and token:
        with transaction(connection):
            # Every receipt from the same draft (two presses at the same moment can each hold one).
            connection.execute(
                "DELETE FROM receipts WHERE token = ? OR draft_id = (SELECT draft_id FROM receipts WHERE token = ?)",
                (token, token),
            )
