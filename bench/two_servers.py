"""Two servers over one PostgreSQL database; one is SIGKILLed mid-run and restarted. Nothing lost, nothing twice.

    .venv/bin/python bench/two_servers.py [--journeys 100] [--clients 8] [--workers 2] [--kill-after 40]

Everything runs on 127.0.0.1 and is started by the script: a PostgreSQL server (Debian's postgresql: initdb in
a temporary folder, fsync on, as a council would run it), an aiosmtpd mail server, and two "servers", each a
gunicorn (CSRF on) with its own DATA_DIR and port plus its own `flask outbox worker --interval 1`, all sharing
DATABASE_URL and SECRET_KEY. Every server sends each complaint's emails after its confirmation page, and both
workers send what is left, at the same time.

The journeys are spread across both servers (odd ones to one, even to the other). When `--kill-after`
journeys have been confirmed, server A (gunicorn master, its workers and its outbox worker) is SIGKILLed in the
middle of everything and restarted three seconds later. A person whose server stops answering carries on at
the other one with the same cookie, as behind a load balancer. At the end the script waits for the outbox to
empty and checks: every journey that saw a confirmation is stored once, no complaint is stored twice, and each
of their emails arrived at aiosmtpd exactly once (by Message-ID). It prints a summary, writes it to
bench/results/two_servers.json and exits 1 on any loss or duplicate.
"""

from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

from servers import (
    ROOT,
    SECRET_KEY,
    Gunicorn,
    Recorder,
    flask_command,
    free_port,
    mail_server,
    send_from_check,
    walk_to_check,
)

sys.path.insert(0, str(ROOT))

from tests.journey_answers import PARENT  # noqa: E402 - after the path is set
from tests.postgres_server import PostgresServer  # noqa: E402

GONE = (urllib.error.URLError, ConnectionError, http.client.HTTPException, TimeoutError)


class Person:
    """One journey, over HTTP, starting at one server and moving to the other when it stops answering."""

    def __init__(self, bases: list[str], first: int):
        self.bases = bases
        self.current = first
        self.moved = 0
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def open(self, path: str, data: dict | None = None) -> tuple[str, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        for _ in range(20):
            try:
                response = self.opener.open(self.bases[self.current] + path, body, timeout=30)
                return response.geturl(), response.read().decode()
            except urllib.error.HTTPError:
                raise
            except GONE:
                self.current = 1 - self.current  # the load balancer sends the next request to the other server
                self.moved += 1
                time.sleep(0.3)
        raise RuntimeError("neither server answered")

    def journey(self) -> dict:
        reference = send_from_check(self.open, walk_to_check(self.open, PARENT))
        return {"reference": reference, "moved": self.moved}


class Server:
    """gunicorn and `flask outbox worker`: killed and restarted together."""

    def __init__(self, name: str, env: dict, workers: int):
        self.name = name
        self.env = env
        log = Path(env["DATA_DIR"]) / "server.log"
        self.gunicorn = Gunicorn(env, workers, log=log)
        self.base = self.gunicorn.base
        self.log = log
        self.worker: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log, "ab") as log:
            # In a session of its own, as gunicorn is, so a kill reaches it alone.
            self.worker = subprocess.Popen(flask_command("outbox", "worker", "--interval", "1"), cwd=ROOT,
                                           env=self.env, stdout=log, stderr=log, start_new_session=True)
        self.gunicorn.start()

    def kill(self) -> None:
        self.gunicorn.kill()
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait(10)

    def stop(self) -> None:
        self.gunicorn.stop()
        if self.worker is not None and self.worker.poll() is None:
            self.worker.terminate()
            try:
                self.worker.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.worker.pid, signal.SIGKILL)


def outbox_counts(url: str) -> dict:
    import psycopg

    with psycopg.connect(url) as connection:
        states = dict(connection.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
        held = connection.execute(
            "SELECT count(*) FROM outbox WHERE state != 'sent' AND leased_until IS NOT NULL"
        ).fetchone()[0]
    return {"states": states, "held": held}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--journeys", type=int, default=100)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kill-after", type=int, default=40, help="confirmed journeys before server A is killed")
    args = parser.parse_args()

    import psycopg

    from wizard import db

    postgres = PostgresServer(durable=True).start()
    recorder = Recorder()
    smtp_port = free_port()
    controller = mail_server(recorder, smtp_port)
    servers: list[Server] = []
    try:
        url = postgres.create_database("wizard")
        db.upgrade(db.normalise_url(url))  # `flask db upgrade`, once, before the servers start
        shared = {
            **os.environ,
            "DATABASE_URL": url,
            "SECRET_KEY": SECRET_KEY,
            "RATE_LIMIT_PER_MINUTE": "100000",
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(smtp_port),
            "SMTP_TIMEOUT": "10",
        }
        for name in ("A", "B"):
            data_dir = Path(postgres.folder) / f"server-{name}"
            data_dir.mkdir()
            servers.append(Server(name, {**shared, "DATA_DIR": str(data_dir)}, args.workers))
        for server in servers:
            server.start()
        bases = [server.base for server in servers]

        results, errors = [], []
        lock = threading.Lock()
        todo = iter(range(args.journeys))
        killed = threading.Event()
        timeline = {}
        began = time.monotonic()

        def client():
            while True:
                with lock:
                    number = next(todo, None)
                if number is None:
                    return
                try:
                    outcome = Person(bases, number % 2).journey()
                except Exception as error:  # noqa: BLE001 - reported below
                    with lock:
                        errors.append(repr(error))
                    continue
                with lock:
                    results.append(outcome)
                    due = len(results) >= args.kill_after and not killed.is_set()
                    if due:
                        killed.set()
                if due:
                    timeline["killed_at_seconds"] = round(time.monotonic() - began, 2)
                    servers[0].kill()
                    time.sleep(3)
                    servers[0].start()
                    timeline["restarted_at_seconds"] = round(time.monotonic() - began, 2)

        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        journeys_seconds = time.monotonic() - began

        # Both workers keep sending; wait for the outbox to empty (a message held by a sender killed with
        # server A is taken at once by the sender that finds its process gone).
        deadline = time.monotonic() + 300
        while True:
            counts = outbox_counts(url)
            if counts["states"].get("pending", 0) == 0 and counts["held"] == 0:
                break
            if time.monotonic() > deadline:
                break
            time.sleep(0.5)
        drained_seconds = time.monotonic() - began
        time.sleep(1)

        with psycopg.connect(url) as connection:
            stored = Counter(row[0] for row in connection.execute("SELECT reference FROM complaints"))
            expected = {
                f"<{reference}.{kind}@example.gov.uk>"
                for reference, kind in connection.execute("SELECT reference, kind FROM outbox")
            }
            states = dict(connection.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
            handovers = connection.execute("SELECT count(*) FROM outbox WHERE handovers > 1").fetchone()[0]
    finally:
        for server in servers:
            server.stop()
        controller.stop()
        postgres.stop()

    confirmed = [r["reference"] for r in results]
    received = Counter(m["Message-ID"] for m in recorder.messages)
    summary = {
        "journeys": args.journeys,
        "clients": args.clients,
        "gunicorn_workers_per_server": args.workers,
        **timeline,
        "journeys_seconds": round(journeys_seconds, 2),
        "outbox_empty_after_seconds": round(drained_seconds, 2),
        "confirmed": len(confirmed),
        "journeys_that_failed": len(errors),
        "errors": errors[:5],
        "journeys_moved_to_the_other_server": sum(1 for r in results if r["moved"]),
        "complaints_stored": sum(stored.values()),
        "confirmed_and_stored_once": sum(1 for r in confirmed if stored.get(r) == 1),
        "stored_without_a_confirmation": sorted(set(stored) - set(confirmed)),
        "references_stored_twice": sorted(r for r, n in stored.items() if n > 1),
        "outbox": states,
        "emails_handed_over_more_than_once": handovers,
        "emails_expected": len(expected),
        "emails_received": len(recorder.messages),
        "emails_received_once": sum(1 for m in expected if received.get(m) == 1),
        "emails_missing": sorted(expected - set(received)),
        "emails_duplicated": sorted(m for m, n in received.items() if n > 1),
        "emails_unexpected": sorted(set(received) - expected),
    }
    print(json.dumps(summary, indent=2))
    out = ROOT / "bench" / "results" / "two_servers.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(summary, indent=2) + "\n")
    ok = (
        summary["confirmed_and_stored_once"] == len(confirmed)
        and not summary["references_stored_twice"]
        and summary["emails_received_once"] == summary["emails_expected"] == summary["emails_received"]
        and not summary["emails_missing"] and not summary["emails_duplicated"]
        and len(confirmed) == args.journeys
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
