"""How Send, the send after the confirmation page and `outbox status` cost as stored complaints grow.

    .venv/bin/python bench/growth.py [--sizes 0,100000,1000000] [--samples 15] [--backends sqlite,postgresql]

For each database (SQLite in a temporary DATA_DIR; PostgreSQL started by the script, fsync on) the tables are
filled, in steps, with complaints already sent and delivered, as years of use leave them: three emails each,
all sent, one attempt each, the content purged except for the newest thousand. At each size the script walks
``--samples`` journeys in-process (Flask's test client, the real app) and times, for each:

- Send: the POST of "Send complaint" (stores the complaint and its outbox, deletes the draft, issues the receipt);
- the send after the confirmation page (``outbox.send_for_reference``: the complaint's own emails, then any
  retries due), to the file mailer so the mail server's speed is not measured;
- ``outbox status`` (``outbox_status``, what the command and the staff overview read).

It prints the median and 90th percentile of each, and their ratio to the empty database, and writes them to
bench/results/growth.json. The planner statistics are those a running database would have: PostgreSQL is
ANALYZEd after each load (autovacuum would do it), SQLite is not (nothing runs ANALYZE on it).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.pop("DATABASE_URL", None)

from tests.journey_answers import answer_until_check  # noqa: E402 - after the path is set
from tests.postgres_server import PostgresServer  # noqa: E402

STAMP = "%Y-%m-%dT%H:%M:%S.%fZ"
KINDS = ("council", "complainant", "advocacy")
KEEP_CONTENT = 1000  # the newest complaints, still within their retention time, keep their content
FILLER_RECORD = json.dumps({"council": "example", "answers": {"complaint": {"what_happened": "x" * 800}}})


def filler_rows(start: int, stop: int, total: int, id_base: int):
    """Complaints ``start``..``stop`` of ``total``, spread over three years, oldest first; their emails are
    numbered from ``id_base`` (above the emails already stored)."""
    now = datetime.now(UTC)
    span = timedelta(days=3 * 365)
    for i in range(start, stop):
        made = now - span + span * (i / max(total, 1)) - timedelta(days=1)
        created = made.strftime(STAMP)
        delivered = (made + timedelta(minutes=1)).strftime(STAMP)
        purged = i < total - KEEP_CONTENT
        complaint = (f"FILL-{i:09d}", f"fill-{i}", "example", "childrens_statutory", created,
                     None if purged else FILLER_RECORD, delivered, delivered if purged else None)
        outbox = [
            (id_base + 3 * (i - start) + n + 1, complaint[0], kind, "sent",
             f"<{complaint[0]}.{kind}@example.gov.uk>", 1, created, created, created, delivered, 1)
            for n, kind in enumerate(KINDS)
        ]
        yield complaint, outbox, purged


COMPLAINT_COLUMNS = "reference, idempotency_key, council, procedure, created_at, record, delivered_at, purged_at"
OUTBOX_COLUMNS = ("id, reference, kind, state, message_id, attempts, created_at, next_attempt_at, last_attempt_at,"
                  " sent_at, handovers")


def fill_sqlite(path: Path, start: int, stop: int) -> None:
    import sqlite3

    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN")
    id_base = connection.execute("SELECT coalesce(max(id), 0) FROM outbox").fetchone()[0]
    purged_count = 0
    batch_c, batch_o, batch_a = [], [], []

    def flush():
        connection.executemany(f"INSERT INTO complaints ({COMPLAINT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)", batch_c)  # noqa: S608
        connection.executemany(f"INSERT INTO outbox ({OUTBOX_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)", batch_o)  # noqa: S608
        connection.executemany("INSERT INTO outbox_attempts (outbox_id, attempted_at, ok) VALUES (?,?,1)", batch_a)
        batch_c.clear(), batch_o.clear(), batch_a.clear()

    for complaint, outbox, purged in filler_rows(start, stop, stop, id_base):
        purged_count += purged
        batch_c.append(complaint)
        batch_o.extend(outbox)
        batch_a.extend((row[0], row[9]) for row in outbox)
        if len(batch_c) >= 20000:
            flush()
    flush()
    _add_tallies(connection.execute, stop - start, purged_count, "?")
    connection.execute("COMMIT")
    connection.close()


def fill_postgres(url: str, start: int, stop: int) -> None:
    import psycopg

    purged_count = 0
    with psycopg.connect(url) as connection:
        with connection.cursor() as cursor:
            id_base = cursor.execute("SELECT coalesce(max(id), 0) FROM outbox").fetchone()[0]

            def rows():
                return filler_rows(start, stop, stop, id_base)

            with cursor.copy(f"COPY complaints ({COMPLAINT_COLUMNS}) FROM STDIN") as copy:
                for complaint, _outbox, purged in rows():
                    purged_count += purged
                    copy.write_row(complaint)
            with cursor.copy(f"COPY outbox ({OUTBOX_COLUMNS}) FROM STDIN") as copy:
                for _complaint, outbox, _purged in rows():
                    for row in outbox:
                        copy.write_row(row)
            with cursor.copy("COPY outbox_attempts (outbox_id, attempted_at, ok) FROM STDIN") as copy:
                for _complaint, outbox, _purged in rows():
                    for row in outbox:
                        copy.write_row((row[0], row[9], 1))
            cursor.execute("SELECT setval(pg_get_serial_sequence('outbox', 'id'), (SELECT max(id) FROM outbox))")
            _add_tallies(cursor.execute, stop - start, purged_count, "%s")
        connection.commit()
        connection.autocommit = True
        connection.execute("ANALYZE")


def _add_tallies(execute, complaints: int, purged: int, mark: str) -> None:
    for name, amount in (("complaints", complaints), ("delivered", complaints), ("purged", purged),
                         ("sent", 3 * complaints)):
        execute(f"UPDATE tallies SET value = value + {mark} WHERE name = {mark}", (amount, name))  # noqa: S608


def measure(app, samples: int) -> dict:
    from wizard import db
    from wizard.delivery import outbox, outbox_status

    config = dict(app.config)
    profile = app.extensions["council"]
    send, after, status = [], [], []
    for _ in range(samples):
        client = app.test_client()
        answer_until_check(client)
        began = time.perf_counter()
        response = client.post("/complaint/send")
        send.append(time.perf_counter() - began)
        assert response.status_code == 302 and response.location.endswith("/complaint/sent"), response.location
        page = client.get("/complaint/sent").get_data(as_text=True)
        reference = page.split('class="app-reference">', 1)[1].split("<", 1)[0]
        began = time.perf_counter()
        report = outbox.send_for_reference(config, reference, profile)
        after.append(time.perf_counter() - began)
        assert report.sent >= 2 and report.failed == 0, report
        connection = db.connect(config)
        try:
            began = time.perf_counter()
            outbox_status(connection)
            status.append(time.perf_counter() - began)
        finally:
            connection.close()

    def summary(values):
        ordered = sorted(values)
        return {"median_ms": round(1000 * statistics.median(ordered), 2),
                "p90_ms": round(1000 * ordered[int(0.9 * (len(ordered) - 1))], 2)}

    return {"send": summary(send), "after_confirmation_send": summary(after), "outbox_status": summary(status)}


def run_backend(backend: str, sizes: list[int], samples: int, workdir: Path) -> list[dict]:
    from wizard import create_app, db

    postgres = None
    data_dir = workdir / backend
    config = {
        "TESTING": True, "SECRET_KEY": "bench-growth-" + "x" * 40, "DATA_DIR": data_dir, "WTF_CSRF_ENABLED": False,
        "RATE_LIMIT_PER_MINUTE": 1000000, "OUTBOX_SEND_AFTER_RESPONSE": False,
    }
    try:
        if backend == "postgresql":
            postgres = PostgresServer(durable=True).start()
            config["DATABASE_URL"] = db.normalise_url(postgres.create_database("growth"))
        app = create_app(config)  # makes the tables
        rows, loaded = [], 0
        for size in sizes:
            began = time.monotonic()
            # The filler's numbering starts after what the measurements themselves stored.
            if size > loaded:
                if backend == "sqlite":
                    fill_sqlite(db.database_path(data_dir), loaded, size)
                else:
                    fill_postgres(postgres.url("growth"), loaded, size)
            load_seconds = round(time.monotonic() - began, 1)
            loaded = max(loaded, size)
            db.dispose_all()
            result = {"backend": backend, "stored_complaints": size, "load_seconds": load_seconds,
                      **measure(app, samples)}
            print(json.dumps(result), flush=True)
            rows.append(result)
        return rows
    finally:
        db.dispose_all()
        if postgres:
            postgres.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="0,100000,1000000")
    parser.add_argument("--samples", type=int, default=15)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    with tempfile.TemporaryDirectory(prefix="wizard-growth-") as workdir:
        for backend in args.backends.split(","):
            results += run_backend(backend, sizes, args.samples, Path(workdir))
    print()
    print(f"{'backend':<11}{'complaints':>11}  {'Send ms':>16}  {'after-confirmation ms':>22}"
          f"  {'outbox status ms':>17}")
    for row in results:
        base = next(r for r in results if r["backend"] == row["backend"])
        cells = []
        for key, width in (("send", 16), ("after_confirmation_send", 22), ("outbox_status", 17)):
            ratio = row[key]["median_ms"] / base[key]["median_ms"] if base[key]["median_ms"] else 0
            cells.append(f"{row[key]['median_ms']:.1f} (x{ratio:.2f})".rjust(width))
        print(f"{row['backend']:<11}{row['stored_complaints']:>11}  " + "  ".join(cells))
    out = ROOT / "bench" / "results" / "growth.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
