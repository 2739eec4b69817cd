"""Fault benchmark: 50 complaints sent through gunicorn while the mail server is down, then `outbox send`.

    .venv/bin/python bench/smtp_down.py [--complaints 50] [--clients 5] [--workers 2]

Everything runs on 127.0.0.1: gunicorn serves the app (CSRF on, as in production) with SMTP_HOST pointing at
an aiosmtpd server that is stopped. Each client walks the whole journey over HTTP, presses "Send complaint"
and reads its confirmation; after each page the app's background sender tries the mail server and fails.
Then the mail server starts and `flask --app wsgi outbox send` runs once. The script checks that every
complaint was stored and confirmed and that every message arrived exactly once (by Message-ID), prints the
timings and writes them to bench/results/smtp_down.json.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

from servers import (
    ROOT,
    Gunicorn,
    Recorder,
    bench_env,
    flask_command,
    free_port,
    mail_server,
    send_from_check,
    walk_to_check,
)

sys.path.insert(0, str(ROOT))

from tests.functional.test_submission import PARENT  # noqa: E402 - after the path is set


def one_complaint(base: str) -> dict:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def open_page(path: str, data: dict | None) -> tuple[str, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        response = opener.open(urllib.parse.urljoin(base, path), body, timeout=30)
        return response.geturl(), response.read().decode()

    started = time.monotonic()
    check = walk_to_check(open_page, PARENT)
    walked = time.monotonic() - started
    sent_at = time.monotonic()
    reference = send_from_check(open_page, check)
    return {"reference": reference, "walk": walked, "send": time.monotonic() - sent_at}


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def outbox_send(env: dict) -> subprocess.CompletedProcess:
    """`flask --app wsgi outbox send`, as cron would run it."""
    return subprocess.run(
        flask_command("outbox", "send"),
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=50)
    parser.add_argument("--clients", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    smtp_port = free_port()
    recorder = Recorder()
    with tempfile.TemporaryDirectory() as data_dir:
        env = bench_env(data_dir, RATE_LIMIT_PER_MINUTE="100000", SMTP_HOST="127.0.0.1", SMTP_PORT=str(smtp_port))
        with Gunicorn(env, workers=args.workers) as server:
            base = server.base
            results, errors = [], []
            lock = threading.Lock()
            todo = iter(range(args.complaints))

            def client():
                while True:
                    with lock:
                        if next(todo, None) is None:
                            return
                    try:
                        outcome = one_complaint(base)
                    except BaseException as error:  # noqa: BLE001 - reported below
                        errors.append(repr(error))
                        return
                    with lock:
                        results.append(outcome)

            began = time.monotonic()
            threads = [threading.Thread(target=client) for _ in range(args.clients)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            submit_seconds = time.monotonic() - began
            if errors:
                raise SystemExit(f"{len(errors)} complaints failed: {errors[:3]}")
            time.sleep(1)  # let the background senders finish their (failing) attempts

            database = sqlite3.connect(Path(data_dir) / "wizard.sqlite3")
            stored = database.execute("SELECT count(*) FROM complaints").fetchone()[0]
            states = dict(database.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
            tried = database.execute("SELECT count(*) FROM outbox WHERE attempts > 0").fetchone()[0]
            database.close()

            controller = mail_server(recorder, smtp_port)
            began = time.monotonic()
            done = outbox_send(env)
            outbox_seconds = time.monotonic() - began
            again = outbox_send(env)
            controller.stop()

    ids = Counter(m["Message-ID"] for m in recorder.messages)
    references = {r["reference"] for r in results}
    summary = {
        "complaints": args.complaints,
        "clients": args.clients,
        "gunicorn_workers": args.workers,
        "confirmed": len(results),
        "distinct_references": len(references),
        "stored": stored,
        "outbox_before": states,
        "messages_tried_while_down": tried,
        "submit_all_seconds": round(submit_seconds, 2),
        "walk_seconds_median": round(statistics.median(r["walk"] for r in results), 3),
        "send_and_confirmation_ms_p50": round(1000 * percentile([r["send"] for r in results], 50), 1),
        "send_and_confirmation_ms_p95": round(1000 * percentile([r["send"] for r in results], 95), 1),
        "send_and_confirmation_ms_max": round(1000 * max(r["send"] for r in results), 1),
        "outbox_send_seconds": round(outbox_seconds, 2),
        "outbox_send_output": done.stdout.strip().splitlines()[0] if done.stdout else done.stderr[-300:],
        "second_outbox_send_output": again.stdout.strip().splitlines()[0] if again.stdout else again.stderr[-300:],
        "messages_received": len(recorder.messages),
        "distinct_message_ids": len(ids),
        "every_message_once": bool(ids) and set(ids.values()) == {1},
        "every_reference_delivered": {m["X-Complaint-Reference"] for m in recorder.messages} == references,
    }
    print(json.dumps(summary, indent=2))
    out = ROOT / "bench" / "results" / "smtp_down.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(summary, indent=2) + "\n")
    ok = (
        summary["confirmed"] == summary["stored"] == summary["distinct_references"] == args.complaints
        and summary["every_message_once"]
        and summary["every_reference_delivered"]
        and summary["messages_received"] == 3 * args.complaints
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
