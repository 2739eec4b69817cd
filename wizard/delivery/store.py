"""Complaints and their outbox, written together in the caller's transaction.

Tables (made by the migrations in ``wizard/migrations``, with an index for every query that reads them):

``complaints``
    one row per complaint: its reference, the idempotency key of the "Send" that made it, the record as JSON
    (set to NULL when retention purges it), when it was made, when all its messages were delivered and when its
    content was purged.
``outbox``
    one row per message to send (``kind`` is ``council``, ``complainant`` or ``advocacy``): its state
    (``pending``, ``sent``, or ``failed``), attempts, how many times it was handed to the mail server, when it
    may next be tried, a lease (and who holds it) so two senders never send it at once, why sending stopped
    if it did, a note on a message sent without something, and the last error (never holding personal data).
    A message is ``failed`` once it has been failing for a day (it is still retried) or when sending stopped:
    it was handed to the mail server ``OUTBOX_MAX_ATTEMPTS`` times, or it cannot be built.
``outbox_attempts``
    every attempt: when, whether it worked, and the (redacted) error.

Times are UTC text in one fixed-width format, so they compare as strings.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from wizard.delivery.references import new_reference
from wizard.domain.complaint import Complaint, compared_details, differences
from wizard.domain.workdays import UK_TIME

TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

def utcnow() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    """A UTC time as fixed-width text."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def parse_stamp(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=UTC)


@lru_cache(maxsize=32)
def _short_code(council: str) -> str:
    from wizard.domain.profiles import load_profile

    return load_profile(council).short_code


def message_kinds(record: Complaint) -> list[str]:
    """Which messages a complaint sends: always the council's; the complainant's copy; the advocacy request."""
    kinds = ["council"]
    if record.reply_address:
        kinds.append("complainant")
    if record.advocacy_requested:
        kinds.append("advocacy")
    return kinds


def find_by_key(connection, idempotency_key: str) -> str | None:
    """The reference of the complaint made by this "Send", if there is one."""
    row = connection.execute(
        "SELECT reference FROM complaints WHERE idempotency_key = ?", (idempotency_key,)
    ).fetchone()
    return row[0] if row else None


def submit_complaint(
    connection,
    record: Complaint,
    idempotency_key: str,
    *,
    short_code: str | None = None,
    now: datetime | None = None,
    not_found: bool = False,
) -> str:
    """Store the complaint and its outbox messages; return its reference.

    Call it inside ``with db.transaction(connection):`` so the complaint, its messages and whatever else the
    caller does (deleting the draft) are written together. A second call with the same ``idempotency_key``
    stores nothing and returns the first complaint's reference. ``not_found``: the caller has just looked the key
    up (``find_by_key``) in this same transaction and found nothing, so it is not looked up again.
    """
    if not isinstance(idempotency_key, str) or not idempotency_key:
        raise ValueError("an idempotency key is required")
    existing = None if not_found else find_by_key(connection, idempotency_key)
    if existing:
        return existing
    council = record.council
    code = short_code or _short_code(council)
    procedure = record.decision.procedure
    # A request that names one of our complaints: kept beside it, so later requests on it are read together.
    further = record.escalation
    earlier_reference = further.earlier.reference if further is not None and further.earlier is not None else None
    asks_for = further.next_stage if further is not None else None
    body = json.dumps(record.to_json(), ensure_ascii=False, sort_keys=True)
    created = stamp(now or utcnow())
    for _ in range(20):
        reference = new_reference(code)
        # ON CONFLICT DO NOTHING rather than catching the error: on PostgreSQL a failed statement would abort
        # the caller's whole transaction. A second Send with the same key waits here for the first to commit.
        inserted = connection.execute(
            "INSERT INTO complaints (reference, idempotency_key, council, procedure, created_at, record,"
            " earlier_reference, asks_for) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (reference, idempotency_key, council, procedure, created, body, earlier_reference, asks_for),
        ).rowcount
        if inserted != 1:
            again = find_by_key(connection, idempotency_key)
            if again:  # another writer got there first
                return again
            continue  # the random reference was taken: draw another
        break
    else:  # pragma: no cover - 20 collisions in a space of 8.5e11 means the random source is broken
        raise RuntimeError("could not find an unused reference")
    connection.executemany(
        "INSERT INTO outbox (reference, kind, created_at, next_attempt_at) VALUES (?, ?, ?, ?)",
        [(reference, kind, created, created) for kind in message_kinds(record)],
    )
    add_to_tally(connection, "complaints")
    return reference


def load_complaint(connection, reference: str) -> dict | None:
    """The stored complaint: ``{"reference", "created_at", "delivered_at", "purged", "record"}``.

    ``record`` is the ``Complaint``, None once retention has purged the content. None when there is no such
    complaint.
    """
    row = connection.execute(
        "SELECT reference, created_at, delivered_at, purged_at, record FROM complaints WHERE reference = ?",
        (reference,),
    ).fetchone()
    if row is None:
        return None
    return {
        "reference": row["reference"],
        "created_at": row["created_at"],
        "delivered_at": row["delivered_at"],
        "purged": row["purged_at"] is not None,
        "record": Complaint.from_json(json.loads(row["record"])) if row["record"] is not None else None,
    }


def has_untried_messages(connection, reference: str) -> bool:
    """Whether any of the complaint's messages has never been tried (so sending after the page has work to do)."""
    row = connection.execute(
        "SELECT 1 FROM outbox WHERE reference = ? AND attempts = 0 AND state != 'sent' LIMIT 1", (reference,)
    ).fetchone()
    return row is not None


def find_reference(connection, reference: str, compare_with: Complaint | None = None) -> dict | None:
    """What a later request may know of one of our complaints from its reference alone: that it exists, its
    procedure, the day it was made and the requests already sent on it (``{"reference", "procedure", "submitted",
    "requests"}``, see ``earlier_requests``), never its content. These columns outlive retention's purge. None
    when there is no such complaint.

    With ``compare_with`` (the request being sent), also ``"differs"`` and ``"compared"`` (the details both give):
    what in the request does not match that
    complaint (ids of ``complaint.EARLIER_DIFFERENCES``, never the values), or None once its content is deleted."""
    row = connection.execute(
        "SELECT reference, procedure, created_at, record FROM complaints WHERE reference = ?", (reference,)
    ).fetchone()
    # Asked whether or not the reference is ours, so Send takes as long for a made-up one.
    requests = earlier_requests(connection, reference)
    if row is None:
        if compare_with is not None:
            # The same work as comparing with a stored complaint (read a record's JSON, compare), so Send takes
            # as long for a made-up reference as for one of ours: its time tells nothing (bench/reference_lookup.py).
            _compare_with_stored(compare_with, json.dumps(compare_with.to_json()))
        return None
    # ``created_at`` is a UTC time; the day a complaint was made is the day in the UK (a complaint sent at 00:30
    # BST on 1 July is stored as 23:30 on 30 June UTC, and was made on 1 July).
    made = parse_stamp(row["created_at"]).astimezone(UK_TIME).date()
    found = {"reference": row["reference"], "procedure": row["procedure"], "submitted": made.isoformat(),
             "requests": requests}
    if compare_with is not None:
        found["differs"] = found["compared"] = None
        if row["record"] is not None:
            found["differs"], found["compared"] = _compare_with_stored(compare_with, row["record"])
        else:
            _compare_with_stored(compare_with, json.dumps(compare_with.to_json()))  # as long as when it is kept
    return found


def earlier_requests(connection, reference: str) -> list[dict]:
    """The requests already stored that name ``reference`` (one of ours), oldest first: each one's reference, the
    stage it asked for and the day it was made (UK), never its content (walks J and M, J5/M4)."""
    rows = connection.execute(
        "SELECT reference, asks_for, created_at FROM complaints WHERE earlier_reference = ?"
        " ORDER BY created_at, reference",
        (reference,),
    ).fetchall()
    return [
        {"reference": r["reference"], "asks_for": r["asks_for"],
         "submitted": parse_stamp(r["created_at"]).astimezone(UK_TIME).date().isoformat()}
        for r in rows
    ]


def _compare_with_stored(
    request: Complaint, stored_json: str | dict
) -> tuple[list[str] | None, list[str] | None]:
    """What in ``request`` differs from the complaint stored as ``stored_json``, and which details both give so
    could be compared (None, None if it cannot be read). A dict (the request's own record, as stand-in work when
    there is nothing stored) is read as it is."""
    try:
        stored = Complaint.from_json(stored_json if isinstance(stored_json, dict) else json.loads(stored_json))
    except ValueError:
        return None, None
    return list(differences(request, stored)), list(compared_details(request, stored))



def purge_delivered_references(
    connection, retention_days: int, now: datetime | None = None
) -> list[str]:
    """Delete the content of complaints whose messages were all delivered ``retention_days`` ago or more, and
    return their references (to remove their copies in ``DATA_DIR/mail``).

    The reference, dates and outbox states stay (they hold nothing personal), so a late question about a
    reference can still be answered "delivered on ...".
    """
    moment = now or utcnow()
    cutoff = stamp(moment - timedelta(days=retention_days))
    # One statement, so two purges at once (two servers) never purge, or count, the same complaint twice.
    references = [
        row[0]
        for row in connection.execute(
            "UPDATE complaints SET record = NULL, purged_at = ?"
            " WHERE record IS NOT NULL AND delivered_at IS NOT NULL AND delivered_at <= ? RETURNING reference",
            (stamp(moment), cutoff),
        ).fetchall()
    ]
    add_to_tally(connection, "purged", len(references))
    return references


def add_to_tally(connection, name: str, amount: int = 1) -> None:
    """Keep a running total (``tallies``) in the caller's transaction: ``outbox status`` reads it instead of
    counting every complaint."""
    if amount:
        connection.execute("UPDATE tallies SET value = value + ? WHERE name = ?", (amount, name))


def tallies(connection) -> dict[str, int]:
    return {row[0]: row[1] for row in connection.execute("SELECT name, value FROM tallies")}
