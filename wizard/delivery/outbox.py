"""Sending the outbox: the SMTP and file mailers, leases, retries with backoff, status.

A message is claimed with a short lease (so the sender started after a confirmation page and
``flask outbox send`` never send the same message at the same time), built from the stored record, handed to
the mailer, and only then marked sent. A crash between the mail server accepting it and the mark means it is
sent again later with the same ``Message-ID``, so the copy is recognisable; a crash before means it is simply
sent later. Nothing is lost because mail is down: the complaint and its messages are already stored.

Every attempt is recorded. After a failure the next automatic try waits 1, 2, 4, ... minutes, at most an hour;
a message that has been failing for a day is marked ``failed`` (and still retried). ``send_pending(..., due_only
=False)`` (what ``flask outbox send`` does) tries every unsent message now, whatever the backoff says.

The delivery promise: every message is sent at least once, always with the same ``Message-ID``, and is handed to
the mail server at most ``OUTBOX_MAX_ATTEMPTS`` times. The count goes up (and is committed) before each hand-over,
so a server that takes the message and then drops the connection, or a sender killed mid-send, can never make
more copies than that. When the cap is reached the message is marked ``failed`` and left for a person (``flask
outbox status`` and the staff overview say so). A failure to connect hands nothing over and does not count.

A message that cannot be built never holds a complaint back: the council's email is built again without the
part that failed (the Reply-To of a complainant's address that cannot go into a header) and sent, with a note
recorded; any other message that cannot be built is marked ``failed`` at once (trying again would not help).

A lease records which sender holds it (host, process id and start time). When that process has gone (killed
mid-send), the next sender on the same host takes the message at once instead of waiting for the lease to run
out; leases held by running senders are counted and listed by ``flask outbox send`` and ``flask outbox status``.

Logs name the reference and the kind of message, never a person's details; recorded errors have email
addresses removed.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import smtplib
import socket
import ssl
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from wizard import db
from wizard.delivery import messages
from wizard.delivery.store import add_to_tally, parse_stamp, stamp, tallies, utcnow
from wizard.domain.complaint import Complaint
from wizard.domain.profiles import CouncilProfile, load_profile

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
FAILED_AFTER = timedelta(days=1)
FIRST_BACKOFF = timedelta(minutes=1)
MAX_BACKOFF = timedelta(hours=1)
SMTP_TIMEOUT = 20  # seconds, for connecting and for each command
MAX_ATTEMPTS = 5  # hand-overs to the mail server per message (OUTBOX_MAX_ATTEMPTS)


def backoff(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed attempt."""
    return min(FIRST_BACKOFF * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


# ---------------------------------------------------------------------------------------------------------
# Mailers: ``with mailer.session() as send: send(outgoing)``


class SMTPMailer:
    def __init__(
        self, host, port, security="none", username=None, password=None, timeout=SMTP_TIMEOUT, ca_file=None
    ):
        self.ca_file = ca_file  # a council's own certificate authority, when its mail server uses one
        self.host = host
        self.port = int(port)
        self.security = security
        self.username = username
        self.password = password
        self.timeout = timeout

    def describe(self) -> str:
        return f"SMTP {self.host}:{self.port} ({self.security})"

    @contextlib.contextmanager
    def session(self):
        context = ssl.create_default_context(cafile=self.ca_file)
        if self.security == "ssl":
            client = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            client.ehlo_or_helo_if_needed()
            if self.security == "starttls":
                client.starttls(context=context)
                client.ehlo()
            if self.username:
                client.login(self.username, self.password or "")

            def send(outgoing: messages.Outgoing) -> None:
                refused = client.send_message(
                    outgoing.message, from_addr=outgoing.sender, to_addrs=list(outgoing.recipients)
                )
                if refused:
                    codes = ", ".join(str(code) for code, _text in refused.values())
                    raise smtplib.SMTPRecipientsRefused({"<address>": (codes, b"refused")})

            yield send
        finally:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()


class FileMailer:
    """Writes each message to ``<directory>/<reference>-<kind>.eml`` (the same name when sent again)."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def describe(self) -> str:
        return f"files in {self.directory}"

    @contextlib.contextmanager
    def session(self):
        self.directory.mkdir(parents=True, exist_ok=True)

        def send(outgoing: messages.Outgoing) -> None:
            reference = outgoing.message["X-Complaint-Reference"]
            target = self.directory / f"{reference}-{outgoing.kind}.eml"
            temporary = target.with_suffix(".tmp")
            envelope = f"X-Envelope-To: {', '.join(outgoing.recipients)}\r\n".encode()
            temporary.write_bytes(envelope + outgoing.message.as_bytes())
            temporary.replace(target)

        yield send


def mailer_from_config(config):
    if config.get("SMTP_HOST"):
        return SMTPMailer(
            config["SMTP_HOST"],
            config.get("SMTP_PORT") or 25,
            config.get("SMTP_SECURITY") or "none",
            config.get("SMTP_USERNAME"),
            config.get("SMTP_PASSWORD"),
            timeout=config.get("SMTP_TIMEOUT", SMTP_TIMEOUT),
            ca_file=config.get("SMTP_CA_FILE"),
        )
    return FileMailer(Path(config["DATA_DIR"]) / "mail")


# ---------------------------------------------------------------------------------------------------------
# Sending


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    skipped: int = 0  # claimed by another sender, or nothing to send
    errors: list[str] = field(default_factory=list)
    leased: list[dict] = field(default_factory=list)  # held by a running sender, so not tried now
    taken_over: int = 0  # held by a sender that had died: taken at once
    gave_up: int = 0  # marked failed by this run: the attempts cap was reached, or it cannot be built


def _error_text(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        text = f"{type(error).__name__}: {error.smtp_code} {error.smtp_error!r}"
    elif isinstance(error, smtplib.SMTPRecipientsRefused):
        text = f"{type(error).__name__}: recipient refused"
    else:
        text = f"{type(error).__name__}: {error}"
    return messages.redact(text)[:500]


# ---------------------------------------------------------------------------------------------------------
# Leases and who holds them

HOST = socket.gethostname()


def _start_time(pid: int) -> str:
    """The process's start time (clock ticks since boot) from /proc, or "" where there is no /proc."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    fields = stat[stat.rindex(")") + 2:].split()
    return fields[19] if len(fields) > 19 else ""


def _process_state(pid: int) -> str:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat[stat.rindex(")") + 2:].split()[0]


def lease_holder() -> str:
    """``host:pid:start``: enough to tell later whether the sender that took a lease is still running."""
    pid = os.getpid()
    return f"{HOST}:{pid}:{_start_time(pid)}"


def holder_gone(holder: str | None) -> bool:
    """True when the lease's holder ran on this host and that process no longer runs (killed, crashed).

    A holder on another host, or one not recorded, is never judged gone: its lease is left to run out.
    """
    if not holder:
        return False
    try:
        host, pid_text, started = holder.rsplit(":", 2)
        pid = int(pid_text)
    except ValueError:
        return False
    if host != HOST:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # it runs, as someone else
    if _process_state(pid) in ("Z", "X"):
        return True  # killed, not yet reaped by its parent
    now_started = _start_time(pid)
    return bool(started and now_started and now_started != started)  # the id was reused by a new process


def _candidates(connection, now: datetime, reference: str | None, due_only: bool, fresh_only: bool, limit: int,
                report: SendReport):
    """Messages to try now, as (id, the dead holder whose lease may be taken or None); leased ones are reported."""
    sql = (
        "SELECT id, reference, kind, leased_until, leased_by FROM outbox"
        " WHERE state != 'sent' AND gave_up IS NULL"
    )
    args: list = []
    if reference is not None:
        sql += " AND reference = ?"
        args.append(reference)
    if due_only:
        sql += " AND next_attempt_at <= ?"
        args.append(stamp(now))
    if fresh_only:
        sql += " AND attempts = 0"
    sql += " ORDER BY created_at, id"
    found = []
    for row in connection.execute(sql, args):
        if len(found) >= limit:
            break
        leased = row["leased_until"] is not None and row["leased_until"] >= stamp(now)
        if not leased:
            found.append((row["id"], None))
        elif holder_gone(row["leased_by"]):
            found.append((row["id"], row["leased_by"]))
        else:
            report.leased.append(
                {"reference": row["reference"], "kind": row["kind"], "leased_until": row["leased_until"]}
            )
    return found


def _claim(connection, outbox_id: int, now: datetime, dead_holder: str | None = None):
    """Take the lease on one message; None when another sender holds it or it was sent meanwhile.

    ``dead_holder``: the lease may also be taken from that holder, whose process has gone.
    """
    with db.transaction(connection):
        # Several senders (on several servers) may reach for the same message at once. PostgreSQL: the row is
        # locked, and a sender that finds it locked by another skips it rather than waiting; SQLite: BEGIN
        # IMMEDIATE has already given this transaction the only write lock (the clause is dropped there).
        free = connection.execute(
            "SELECT id FROM outbox WHERE id = ? AND state != 'sent' AND gave_up IS NULL"
            " AND (leased_until IS NULL OR leased_until < ? OR leased_by = ?) FOR UPDATE SKIP LOCKED",
            (outbox_id, stamp(now), dead_holder or ""),
        ).fetchone()
        if free is None:
            return None
        connection.execute(
            "UPDATE outbox SET leased_until = ?, leased_by = ? WHERE id = ?",
            (stamp(now + LEASE), lease_holder(), outbox_id),
        )
        return connection.execute(
            "SELECT o.id, o.reference, o.kind, o.message_id, o.attempts, o.handovers, o.first_failed_at, c.record,"
            " c.council FROM outbox o JOIN complaints c ON c.reference = o.reference WHERE o.id = ?",
            (outbox_id,),
        ).fetchone()


def _count_handover(connection, row) -> None:
    """Committed before the message goes to the mail server: a copy can only exist if it was counted."""
    with db.transaction(connection):
        connection.execute("UPDATE outbox SET handovers = handovers + 1 WHERE id = ?", (row["id"],))


def _record_success(connection, row, message_id: str, now: datetime, note: str | None = None) -> None:
    with db.transaction(connection):
        # Two senders finishing two emails of one complaint at once (PostgreSQL): the second waits here, so it
        # sees the first as sent and one of them marks the complaint delivered.
        connection.execute("SELECT reference FROM complaints WHERE reference = ? FOR UPDATE", (row["reference"],))
        marked = connection.execute(
            "UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_attempt_at = ?,"
            " leased_until = NULL, leased_by = NULL, message_id = ?, note = ? WHERE id = ? AND state != 'sent'",
            (stamp(now), stamp(now), message_id, note, row["id"]),
        ).rowcount
        add_to_tally(connection, "sent", marked)
        connection.execute(
            "INSERT INTO outbox_attempts (outbox_id, attempted_at, ok, error) VALUES (?, ?, 1, NULL)",
            (row["id"], stamp(now)),
        )
        unsent = connection.execute(
            "SELECT count(*) FROM outbox WHERE reference = ? AND state != 'sent'", (row["reference"],)
        ).fetchone()[0]
        if unsent == 0:
            delivered = connection.execute(
                "UPDATE complaints SET delivered_at = ? WHERE reference = ? AND delivered_at IS NULL",
                (stamp(now), row["reference"]),
            ).rowcount
            add_to_tally(connection, "delivered", delivered)


def _record_failure(
    connection, row, message_id: str | None, error: str, now: datetime, max_attempts: int, unbuildable: bool = False
) -> str | None:
    """Record a failed attempt; return why sending stops now ("attempts" or "build"), or None to retry later."""
    attempts = row["attempts"] + 1
    first_failed = parse_stamp(row["first_failed_at"]) or now
    handovers = connection.execute("SELECT handovers FROM outbox WHERE id = ?", (row["id"],)).fetchone()[0]
    gave_up = "build" if unbuildable else ("attempts" if handovers >= max_attempts else None)
    state = "failed" if gave_up or now - first_failed >= FAILED_AFTER else "pending"
    with db.transaction(connection):
        connection.execute(
            "UPDATE outbox SET state = ?, attempts = ?, last_attempt_at = ?, next_attempt_at = ?,"
            " first_failed_at = ?, last_error = ?, leased_until = NULL, leased_by = NULL,"
            " message_id = coalesce(message_id, ?), gave_up = ? WHERE id = ?",
            (
                state,
                attempts,
                stamp(now),
                stamp(now + backoff(attempts)),
                stamp(first_failed),
                error,
                message_id,
                gave_up,
                row["id"],
            ),
        )
        connection.execute(
            "INSERT INTO outbox_attempts (outbox_id, attempted_at, ok, error) VALUES (?, ?, 0, ?)",
            (row["id"], stamp(now), error),
        )
    return gave_up


class Unbuildable(Exception):
    """The message cannot be built from the stored record: trying again would not help."""


def _build(row, record, profile, settings, message_id) -> tuple[messages.Outgoing, str | None]:
    """The message, and a note when it had to be built without something (only the council's may be)."""
    try:
        return messages.build(row["kind"], row["reference"], record, profile, settings, message_id=message_id), None
    except Exception as error:  # noqa: BLE001 - whatever went wrong, the council must still get the complaint
        problem = _error_text(error)
        if row["kind"] != "council":
            raise Unbuildable(f"cannot be built: {problem}") from None
    try:
        outgoing = messages.build(
            row["kind"], row["reference"], record, profile, settings, message_id=message_id, with_reply_to=False
        )
    except Exception as error:  # noqa: BLE001
        raise Unbuildable(f"cannot be built: {_error_text(error)}") from None
    return outgoing, f"sent without Reply-To (the complainant's address could not be used): {problem}"


def send_pending(
    connection,
    config,
    *,
    reference: str | None = None,
    due_only: bool = True,
    fresh_only: bool = False,
    limit: int = 10000,
    mailer=None,
    profile: CouncilProfile | None = None,
    now=None,
) -> SendReport:
    """Send unsent messages (of one complaint, or all); return what happened.

    ``due_only`` respects the backoff; ``fresh_only`` takes only messages never tried. ``now`` (a callable
    returning the time) is for tests.
    """
    clock = now or utcnow
    mailer = mailer or mailer_from_config(config)
    settings = messages.MailSettings.from_config(config)
    max_attempts = int(config.get("OUTBOX_MAX_ATTEMPTS") or MAX_ATTEMPTS)
    domain = messages.mail_domain(settings.mail_from)
    report = SendReport()
    candidates = _candidates(connection, clock(), reference, due_only, fresh_only, limit, report)
    if not candidates:
        return report
    profiles: dict[str, CouncilProfile] = {}
    session = None
    send = None
    connect_error: str | None = None

    def failed(row, message_id, error_text, unbuildable=False):
        gave_up = _record_failure(connection, row, message_id, error_text, clock(), max_attempts, unbuildable)
        report.failed += 1
        report.errors.append(error_text)
        if gave_up:
            report.gave_up += 1
            log.error("gave up sending %s message for %s (%s): %s", row["kind"], row["reference"], gave_up,
                      error_text)
        else:
            log.warning("could not send %s message for %s: %s", row["kind"], row["reference"], error_text)

    try:
        for outbox_id, dead_holder in candidates:
            row = _claim(connection, outbox_id, clock(), dead_holder)
            if row is None:
                report.skipped += 1
                continue
            if dead_holder:
                report.taken_over += 1
                log.warning("took over %s message for %s from a sender that stopped", row["kind"], row["reference"])
            message_id = row["message_id"] or messages.message_id_for(row["reference"], row["kind"], domain)
            if row["handovers"] >= max_attempts:  # a sender died after its last hand-over
                failed(row, message_id, f"gave up after {row['handovers']} attempts")
                continue
            try:
                if row["record"] is None:
                    raise Unbuildable("the complaint's content is no longer stored")
                try:
                    record = Complaint.from_json(json.loads(row["record"]))
                except ValueError as error:
                    raise Unbuildable(f"the stored complaint cannot be read: {error}") from None
                council = row["council"]
                if council not in profiles:
                    profiles[council] = profile if profile and profile.id == council else load_profile(council)
                outgoing, note = _build(row, record, profiles[council], settings, message_id)
            except Unbuildable as error:
                failed(row, message_id, messages.redact(str(error))[:500], unbuildable=True)
                continue
            except Exception as error:  # noqa: BLE001 - one bad message must not stop the others
                failed(row, message_id, _error_text(error))
                continue
            try:
                if connect_error:
                    raise ConnectionError(connect_error)
                if send is None:
                    try:
                        session = mailer.session()
                        send = session.__enter__()
                    except (OSError, smtplib.SMTPException) as error:
                        session = None
                        connect_error = _error_text(error)
                        raise
                _count_handover(connection, row)
                send(outgoing)
            except (TimeoutError, smtplib.SMTPServerDisconnected, ConnectionResetError, BrokenPipeError) as error:
                # The connection went: record it, and open a fresh one for the next message.
                _close(session)
                session = send = None
                failed(row, message_id, _error_text(error))
            except Exception as error:  # noqa: BLE001 - one bad message must not stop the others
                failed(row, message_id, _error_text(error))
            else:
                _record_success(connection, row, message_id, clock(), note)
                report.sent += 1
                if note:
                    log.warning("sent %s message for %s without its Reply-To", row["kind"], row["reference"])
                else:
                    log.info("sent %s message for %s", row["kind"], row["reference"])
    finally:
        _close(session)
    return report


def _close(session) -> None:
    if session is not None:
        with contextlib.suppress(Exception):  # closing a broken connection may fail too
            session.__exit__(None, None, None)


# ---------------------------------------------------------------------------------------------------------
# After the confirmation page

_threads: set[threading.Thread] = set()
_threads_lock = threading.Lock()


def send_for_reference(config, reference: str, profile: CouncilProfile | None = None) -> SendReport:
    """Open a connection of its own and send the complaint's never-tried messages, then any retries due.

    Whatever could not be sent is left to this process's keeper (``keep_trying``) as well as to cron."""
    connection = db.connect(config)
    report = SendReport()
    try:
        report = send_pending(connection, config, reference=reference, due_only=False, fresh_only=True, profile=profile)
        more = send_pending(connection, config, due_only=True, limit=20, profile=profile)
        report.sent += more.sent
        report.failed += more.failed
        report.errors += more.errors
        report.leased += more.leased
        return report
    except Exception as error:  # noqa: BLE001 - the messages stay in the outbox for ``flask outbox send``
        # The type only: an exception's message could quote a person's details.
        log.error("sending after the confirmation page failed for %s: %s", reference, type(error).__name__)
        report.failed += 1
        return report
    finally:
        connection.close()
        if (report.failed or report.leased) and config.get("OUTBOX_KEEP_TRYING", True):
            keep_trying(config, profile)


def send_soon(config, reference: str, profile: CouncilProfile | None = None) -> None:
    """Send in a background thread, so a slow or absent mail server never holds up a page."""
    frozen = dict(config)

    def run():
        try:
            send_for_reference(frozen, reference, profile)
        finally:
            with _threads_lock:
                _threads.discard(threading.current_thread())

    thread = threading.Thread(target=run, name=f"outbox-{reference}", daemon=True)
    with _threads_lock:
        _threads.add(thread)
    thread.start()


def wait_for_senders(timeout: float = 30) -> None:
    """Wait for background senders to finish (tests). A process that ends without waiting loses nothing: what a
    sender had not sent stays in the outbox, for the next keeper, ``flask outbox send`` or the worker (a message the
    ending process had claimed is taken at once on the same host, elsewhere when its lease runs out)."""
    with _threads_lock:
        running = list(_threads)
    for thread in running:
        thread.join(timeout)


# ---------------------------------------------------------------------------------------------------------
# Trying again in this process, so an email never waits for the next complaint (or for cron nobody set up)

# While an email waits, the keeper looks again when its backoff says, but never sooner than KEEPER_MIN_WAIT and
# never later than KEEPER_MAX_WAIT seconds (a message another sender holds has no due time of its own to wait for).
KEEPER_MIN_WAIT = 5.0
KEEPER_MAX_WAIT = 60.0
_keepers: dict[str, threading.Thread] = {}  # one per database this process sends from
_poked: set[str] = set()  # databases that got a new waiting email while their keeper was deciding to stop
_keepers_lock = threading.Lock()
_keepers_stop = threading.Event()


def keep_trying(config, profile: CouncilProfile | None = None) -> None:
    """Make sure a thread in this process retries this database's waiting emails, each when it is due, until
    none is waiting. Cron (``flask outbox send --due-only``) or ``flask outbox worker`` still does it for emails
    left by a process that stopped; several senders never send one email twice (leases)."""
    url = db.database_url(config)
    frozen = dict(config)
    with _keepers_lock:
        running = _keepers.get(url)
        if running is not None and running.is_alive():
            _poked.add(url)
            return
        thread = threading.Thread(target=_keep, args=(frozen, url, profile), name="outbox-keeper", daemon=True)
        _keepers[url] = thread
        _poked.discard(url)
    thread.start()


def seconds_until_due(connection, now: datetime) -> float | None:
    """Seconds until the earliest waiting email may be tried again (0 when one is due); None when none waits."""
    row = connection.execute(
        "SELECT min(next_attempt_at) FROM outbox WHERE state != 'sent' AND gave_up IS NULL"
    ).fetchone()
    due = parse_stamp(row[0]) if row and row[0] else None
    return None if due is None else max((due - now).total_seconds(), 0.0)


def _keep(config, url: str, profile: CouncilProfile | None) -> None:
    while not _keepers_stop.is_set():
        try:
            connection = db.connect(config)
            try:
                send_pending(connection, config, due_only=True, limit=100, profile=profile)
                wait = seconds_until_due(connection, utcnow())
            finally:
                connection.close()
        except Exception as error:  # noqa: BLE001 - the database may be away for a moment: look again later
            log.error("the outbox keeper could not look at the outbox: %s", type(error).__name__)
            wait = KEEPER_MAX_WAIT
        if wait is None:
            with _keepers_lock:
                if url not in _poked:
                    if _keepers.get(url) is threading.current_thread():
                        del _keepers[url]
                    return
                _poked.discard(url)
            continue
        _keepers_stop.wait(min(max(wait, KEEPER_MIN_WAIT), KEEPER_MAX_WAIT))


def stop_keepers(timeout: float = 10) -> None:
    """Stop this process's keepers (tests, tools/same_output.py); the outbox keeps what they did not send."""
    _keepers_stop.set()
    with _keepers_lock:
        running = list(_keepers.values())
    for thread in running:
        thread.join(timeout)
    with _keepers_lock:
        _keepers.clear()
        _poked.clear()
    _keepers_stop.clear()


# ---------------------------------------------------------------------------------------------------------
# Status


def outbox_status(connection, now: datetime | None = None) -> dict:
    """Counts by state, the oldest unsent message, the last error, the failed messages, the messages a sender
    holds and the notes on messages sent without something: nothing personal."""
    moment = now or utcnow()
    # Every query here reads an index of the unsent, failed, held or noted messages, or a running total: none
    # reads all the complaints or all the emails ever sent, so the status costs the same at any size.
    totals = tallies(connection)
    counts = {"pending": 0, "sent": totals.get("sent", 0), "failed": 0}
    for state, count in connection.execute("SELECT state, count(*) FROM outbox WHERE state != 'sent' GROUP BY state"):
        counts[state] = count
    oldest = connection.execute(
        "SELECT reference, kind, created_at, attempts FROM outbox WHERE state != 'sent' ORDER BY created_at, id LIMIT 1"
    ).fetchone()
    last_error = connection.execute(
        "SELECT o.reference, o.kind, a.attempted_at, a.error FROM outbox_attempts a"
        " JOIN outbox o ON o.id = a.outbox_id WHERE a.ok = 0 ORDER BY a.id DESC LIMIT 1"
    ).fetchone()
    failed = connection.execute(
        "SELECT reference, kind, first_failed_at, attempts, handovers, gave_up, last_error FROM outbox"
        " WHERE state = 'failed' ORDER BY first_failed_at LIMIT 100"
    ).fetchall()
    leased = connection.execute(
        "SELECT reference, kind, leased_until, leased_by, attempts FROM outbox"
        " WHERE state != 'sent' AND leased_until IS NOT NULL AND leased_until >= ? ORDER BY leased_until LIMIT 100",
        (stamp(moment),),
    ).fetchall()
    notes = connection.execute(
        "SELECT reference, kind, sent_at, note FROM outbox WHERE note IS NOT NULL ORDER BY sent_at DESC LIMIT 100"
    ).fetchall()
    oldest_info = None
    if oldest:
        created = parse_stamp(oldest["created_at"])
        oldest_info = {
            "reference": oldest["reference"],
            "kind": oldest["kind"],
            "created_at": oldest["created_at"],
            "attempts": oldest["attempts"],
            "age_minutes": int((moment - created).total_seconds() // 60),
        }
    return {
        "counts": counts,
        "complaints": {
            "total": totals.get("complaints", 0),
            "delivered": totals.get("delivered", 0),
            "purged": totals.get("purged", 0),
        },
        "oldest_pending": oldest_info,
        "last_error": dict(last_error) if last_error else None,
        "failed": [dict(row) for row in failed],
        "leased": [
            {
                "reference": row["reference"],
                "kind": row["kind"],
                "leased_until": row["leased_until"],
                "attempts": row["attempts"],
                "sender_gone": holder_gone(row["leased_by"]),
            }
            for row in leased
        ],
        "notes": [dict(row) for row in notes],
    }


def release_failed(connection, reference: str, kind: str | None = None, now: datetime | None = None) -> int:
    """Make a complaint's failed emails pending again, their hand-overs counted from zero; returns how many."""
    sql = (
        "UPDATE outbox SET state = 'pending', gave_up = NULL, handovers = 0, first_failed_at = NULL,"
        " next_attempt_at = ? WHERE reference = ? AND state = 'failed'"
    )
    args: list = [stamp(now or utcnow()), reference]
    if kind:
        sql += " AND kind = ?"
        args.append(kind)
    with db.transaction(connection):
        return connection.execute(sql, args).rowcount


def remove_mail_files(directory: Path, references: list[str]) -> int:
    """Delete the file mailer's copies (``<reference>-<kind>.eml``) of these complaints; returns how many."""
    removed = 0
    for reference in references:
        for path in directory.glob(f"{reference}-*.eml"):
            path.unlink(missing_ok=True)
            removed += 1
    return removed
