"""Answers kept on the server while a person fills in the wizard, keyed by an opaque random id.

The session cookie holds only that id. A draft expires after ``DRAFT_TIMEOUT_MINUTES`` without a request that
touches it: each save moves ``expires_at`` on, and so does a load, but a load writes only when that moves it on
by at least ``SLIDE_SECONDS`` (a page view does not write to the disk each time), and a page view reads without
taking the write lock (``load(..., write=False)``). An expired draft is deleted
the moment anyone asks for it, and ``purge_expired`` (called by ``flask purge``) deletes the rest.

The answers are stored as each step's form kept them (``StepForm.to_keep``: only its own fields, text cleaned,
each value bounded), ``{step: {field: [values]}}``, so every step can be revalidated; a draft is made on a
person's first answer (never on a page view) and holds at most ``MAX_CHARS``. Beside them, under ``KNOWN``, a
save keeps what the journey's walk found of those answers (``steps.Walk.known``, each step's entry sealed by
``steps.seal_known``), so that a page view need not validate every earlier answer again; it is only ever a
shortcut, dropped when it would not fit.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from wizard.db import Connection, OperationalError, transaction

# Where a page's refused answers wait for the next GET of that page (see ``save_pending``); kept in the same
# JSON as the answers, so it is deleted, expired and purged with the draft.
PENDING = "_pending"
# Where what the walk found of the answers is kept (see the module docstring), in the same JSON.
KNOWN = "_known"


@dataclass
class Draft:
    id: str
    steps: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    expires_at: float = 0.0
    # A page's refused answers and their errors, waiting to be shown once: {"step", "data", "errors", "parts"}.
    pending: dict | None = None
    # What the journey's walk found of these answers when they were saved (``steps.Walk.known``), if kept.
    known: dict | None = None
    # When the draft was last used before this request (its time as stored, less the timeout).
    used_at: float = 0.0
    # The JSON as it was read (``keep_as_read`` writes only if it is still that).
    stored: str | None = field(default=None, repr=False, compare=False)


def _split(answers: str) -> tuple[dict, dict | None, dict | None]:
    """The stored JSON as (the steps' answers, the pending page's, what the walk found of them)."""
    steps = json.loads(answers)
    pending = steps.pop(PENDING, None)
    known = steps.pop(KNOWN, None)
    return steps, pending, known


def _with(steps: dict, pending: dict | None = None, known: dict | None = None) -> dict:
    """The JSON to store: the steps' answers, and what waits or was found beside them."""
    out = dict(steps)
    if pending is not None:
        out[PENDING] = pending
    if known is not None:
        out[KNOWN] = known
    return out


class DraftExpired(Exception):
    """The draft existed but ran out of time (it has now been deleted)."""


class DraftTooLarge(Exception):
    """Saving this step would make the draft larger than ``MAX_CHARS``: nothing was saved."""


# A load moves the expiry on only when it gains at least this much (so at most one write a minute from page views).
SLIDE_SECONDS = 60

# The most a draft may hold, in characters of its stored JSON. Every answer has a length limit, and all of them
# together come to about 15,000 characters; this bound stops anything else filling the disk.
MAX_CHARS = 100_000


def new_id() -> str:
    return secrets.token_urlsafe(24)


def expiry(now: float, timeout_minutes: int) -> float:
    """When a draft last used at ``now`` is deleted."""
    return now + timeout_minutes * 60


def create(connection: Connection, timeout_minutes: int, now: float | None = None) -> Draft:
    now = time.time() if now is None else now
    draft = Draft(new_id(), {}, expiry(now, timeout_minutes))
    with transaction(connection, durable=False):
        connection.execute(
            "INSERT INTO drafts (id, answers, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            (draft.id, "{}", now, now, draft.expires_at),
        )
    return draft


def load(
    connection: Connection, draft_id: str, timeout_minutes: int, now: float | None = None, write: bool = True
) -> Draft | None:
    """The draft, its time extended; ``None`` if there is none; ``DraftExpired`` if it ran out of time.

    ``write=False`` (a page view): read without taking the database's write lock; a write (and its lock) only to
    delete a draft that ran out of time, or to move the expiry on when that gains ``SLIDE_SECONDS`` or more (at
    most once a minute). ``write=True`` (a POST, which writes anyway): read and extend in one write transaction.
    """
    now = time.time() if now is None else now
    if not write:
        return _read(connection, draft_id, timeout_minutes, now)
    expired = False
    with transaction(connection, durable=False):
        row = connection.execute(
            "SELECT answers, expires_at FROM drafts WHERE id = ? FOR UPDATE", (draft_id,)
        ).fetchone()
        if row is None:
            return None
        if row["expires_at"] <= now:
            # Deleted here and committed before saying so (raising inside the transaction would roll it back).
            connection.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
            expired = True
        else:
            expires_at = row["expires_at"]
            wanted = expiry(now, timeout_minutes)
            if abs(wanted - expires_at) >= SLIDE_SECONDS:
                try:
                    connection.execute("UPDATE drafts SET expires_at = ? WHERE id = ?", (wanted, draft_id))
                    expires_at = wanted
                except OperationalError:
                    # A full or read-only disk: the answers can still be read and shown (and Send then says
                    # plainly that the complaint was not sent); only their time is not extended.
                    pass
    if expired:
        raise DraftExpired(draft_id)
    steps, pending, known = _split(row["answers"])
    return Draft(draft_id, steps, expires_at, pending, known, row["expires_at"] - timeout_minutes * 60,
                 row["answers"])


def _read(connection: Connection, draft_id: str, timeout_minutes: int, now: float) -> Draft | None:
    """``load`` for a page view: a plain read; the rare write guarded by what it read (see ``load``)."""
    row = connection.execute("SELECT answers, expires_at FROM drafts WHERE id = ?", (draft_id,)).fetchone()
    if row is None:
        return None
    expires_at = row["expires_at"]
    if expires_at <= now:
        with transaction(connection, durable=False):
            # Only if it is still out of time (a draft cannot come back to life, so this is the one we read).
            connection.execute("DELETE FROM drafts WHERE id = ? AND expires_at <= ?", (draft_id, now))
        raise DraftExpired(draft_id)
    wanted = expiry(now, timeout_minutes)
    if abs(wanted - expires_at) >= SLIDE_SECONDS:
        try:
            with transaction(connection, durable=False):
                # Not if it ran out of time (or went) since it was read: a deleted draft stays deleted.
                moved = connection.execute(
                    "UPDATE drafts SET expires_at = ? WHERE id = ? AND expires_at > ?", (wanted, draft_id, now)
                ).rowcount
            if moved:
                expires_at = wanted
        except OperationalError:
            pass  # a full or read-only disk: the answers are shown, only their time is not extended (as above)
    steps, pending, known = _split(row["answers"])
    return Draft(draft_id, steps, expires_at, pending, known, row["expires_at"] - timeout_minutes * 60,
                 row["answers"])


def keep_as_read(connection: Connection, draft: Draft, timeout_minutes: int, now: float | None = None) -> bool:
    """A step answered again as the draft keeps it (nothing waiting to be shown): what ``save_step`` would write is
    what is stored, so only the draft's time moves on, without reading and writing its answers again. False (and
    nothing written) when the stored answers are no longer the ones read (another tab), or the draft has gone or
    run out of time: then save as usual."""
    if draft.stored is None or draft.pending is not None:
        return False
    now = time.time() if now is None else now
    with transaction(connection, durable=False):
        moved = connection.execute(
            "UPDATE drafts SET updated_at = ?, expires_at = ? WHERE id = ? AND answers = ? AND expires_at > ?",
            (now, expiry(now, timeout_minutes), draft.id, draft.stored, now),
        ).rowcount
    return moved == 1


@contextmanager
def _live(connection: Connection, draft_id: str, now: float) -> Iterator:
    """A write transaction on the draft: its row, locked; None (and deleted, if it ran out of time) when it is gone."""
    with transaction(connection, durable=False):
        row = connection.execute(
            "SELECT answers, expires_at FROM drafts WHERE id = ? FOR UPDATE", (draft_id,)
        ).fetchone()
        if row is None or row["expires_at"] <= now:
            connection.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
            row = None
        yield row


def _write(connection: Connection, draft_id: str, stored: str, now: float, timeout_minutes: int) -> float:
    """The draft's JSON written, its time moved on; returns when it now expires."""
    expires_at = expiry(now, timeout_minutes)
    connection.execute("UPDATE drafts SET answers = ?, updated_at = ?, expires_at = ? WHERE id = ?",
                       (stored, now, expires_at, draft_id))
    return expires_at


def save_step(
    connection: Connection,
    draft_id: str,
    step: str,
    data: dict[str, list[str]],
    timeout_minutes: int,
    now: float | None = None,
    known: dict | None = None,
) -> Draft | None:
    """Store one step's answers, read-modify-write in one transaction (two tabs cannot lose each other's steps).

    ``known``: what the walk found of the answers with this step saved (``steps.Walk.known``), kept beside them
    in place of what was kept before (which a walk checks against the answers, so two tabs cannot mislead it).
    """
    now = time.time() if now is None else now
    with _live(connection, draft_id, now) as row:
        if row is None:
            return None
        steps, _pending, _known = _split(row["answers"])  # a page answered is a page whose errors are over
        steps[step] = data
        # With what the walk found when it fits (written once); without it when not: only a shortcut, never a
        # reason to refuse the answers. Too large without it: refused.
        stored = json.dumps(_with(steps, known=known), ensure_ascii=False) if known is not None else None
        if stored is None or len(stored) > MAX_CHARS:
            known = None
            stored = json.dumps(steps, ensure_ascii=False)
            if len(stored) > MAX_CHARS:
                raise DraftTooLarge(draft_id)
        expires_at = _write(connection, draft_id, stored, now, timeout_minutes)
    return Draft(draft_id, steps, expires_at, None, known)


def save_pending(
    connection: Connection,
    draft_id: str,
    step: str,
    data: dict[str, list[str]],
    errors: dict[str, list[str]],
    parts: dict[str, str],
    timeout_minutes: int,
    now: float | None = None,
) -> Draft | None:
    """Keep a refused page's answers as typed and its error messages for the next GET of that page.

    The POST that was refused then redirects (303), so the browser's history holds a GET: Back after an error
    never asks to resend a form. It is kept on the server, with the draft: what a person types, and the error
    messages that quote it, never go into a cookie. ``None`` when the draft has gone.
    """
    now = time.time() if now is None else now
    with _live(connection, draft_id, now) as row:
        if row is None:
            return None
        steps, _old, known = _split(row["answers"])
        pending = {"step": step, "data": data, "errors": errors, "parts": parts}
        # The bound is checked on exactly what is written (escaped characters would be longer).
        stored = json.dumps(_with(steps, pending, known), ensure_ascii=False)
        if len(stored) > MAX_CHARS:
            pending["data"] = {}  # too much to keep: the errors are still shown, the page empty
            stored = json.dumps(_with(steps, pending, known), ensure_ascii=False)
        expires_at = _write(connection, draft_id, stored, now, timeout_minutes)
    return Draft(draft_id, steps, expires_at, pending, known)


def take_pending(connection: Connection, draft: Draft, step: str) -> dict | None:
    """The refused answers waiting for ``step`` (then forgotten: errors are shown once); ``None`` if none.

    Waiting answers for another page are forgotten too: the person has moved on. With nothing waiting, nothing
    is written.
    """
    pending, draft.pending = draft.pending, None
    if pending is None:
        return None
    with transaction(connection, durable=False):
        row = connection.execute("SELECT answers FROM drafts WHERE id = ? FOR UPDATE", (draft.id,)).fetchone()
        if row is not None:
            steps, _pending, known = _split(row["answers"])
            connection.execute(
                "UPDATE drafts SET answers = ? WHERE id = ?",
                (json.dumps(_with(steps, known=known), ensure_ascii=False), draft.id),
            )
    return pending if pending.get("step") == step else None


def drop_steps(connection: Connection, draft_id: str, names: set[str]) -> None:
    """Forget the answers of steps that are no longer on the person's route."""
    if not names:
        return
    with transaction(connection, durable=False):
        row = connection.execute("SELECT answers FROM drafts WHERE id = ? FOR UPDATE", (draft_id,)).fetchone()
        if row is None:
            return
        steps = json.loads(row["answers"])  # with any pending answers, which stay
        known = steps.get(KNOWN)
        for name in names:
            steps.pop(name, None)
            if isinstance(known, dict) and isinstance(known.get("steps"), dict):
                known["steps"].pop(name, None)  # nothing of a dropped answer is kept
        connection.execute(
            "UPDATE drafts SET answers = ? WHERE id = ?", (json.dumps(steps, ensure_ascii=False), draft_id)
        )


def delete(connection: Connection, draft_id: str) -> None:
    """Delete a draft. No transaction of its own: call it inside the caller's (send stores and deletes at once)."""
    connection.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))


def purge_expired(connection: Connection, now: float | None = None) -> int:
    """Delete every draft whose time has run out; returns how many."""
    now = time.time() if now is None else now
    with transaction(connection, durable=False):
        cursor = connection.execute("DELETE FROM drafts WHERE expires_at <= ?", (now,))
    return cursor.rowcount
