"""Server time of every step of the journey against the framework's floor, in-process (Flask test client).

    .venv/bin/python bench/steps.py [--repeat 15] [--journey parent|long]

A parent's journey (the answers in tests/journey_answers.py; ``--journey long``: a relative of a 14-year-old
who agrees and types their name, with every information page and a late complaint, 22 answered steps) is walked
step by step. At each step the bench
times, interleaved in the same loop, a GET of the floor (a bare Flask view on the same app rendering the same
base template), a GET of the step, the floor again and a POST of the step's answer (posting the same answer
again leaves the draft as it was, so every repeat measures the same request). Then Check your answers, Send
(on a fresh copy of the finished draft each time, its time as the Check page view left it) and the confirmation
page. It prints the median of each and
its ratio to the median of the floor samples taken beside it ("ratio") and to the median floor of the whole
run ("vs run"), the same for this thread's CPU time ("cpu ms", "cpu ratio": steadier when the machine is
busy, but it leaves out time spent waiting for the disk), and how many times one request called the
domain's ``route()`` and validated an answer (with its step form, or as a plain answer without it), counted by
wrapping those functions here, not in the product.

Whether a request costs more as answers are given is read two ways: all steps with up to 5 answers given
against those with 10 or more (different pages, so heavier late pages count too), and the same question pages
(those met with 2 to 5 answers given) viewed and posted again once every answer is given ("same page").

No network: the app runs in this process with CSRF checks off, mail not sent after the confirmation, and its
data in a temporary directory. The machine is shared, so read the ratios rather than the milliseconds.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask import render_template  # noqa: E402

from tests.journey_answers import LONG, PARENT, slug_of  # noqa: E402
from wizard import create_app  # noqa: E402
from wizard.db import database_path  # noqa: E402
from wizard.journey import drafts  # noqa: E402
from wizard.journey import forms as journey_forms  # noqa: E402
from wizard.journey import steps as journey_steps  # noqa: E402

JOURNEYS = {"parent": PARENT, "long": LONG}

FLOOR_TEMPLATE = """{% extends "base.html" %}
{% block title %}Floor{% endblock %}
{% block content %}<h1 class="govuk-heading-l">Floor</h1><p class="govuk-body">The bare view.</p>{% endblock %}
"""


class Counts:
    """How many times the domain's ``route()`` ran and answers were validated (a step form validated, or a plain
    question's answer accepted without its form: ``journey/plain_answers.py``), since the last reset."""

    def __init__(self):
        self.route = 0
        self.validate = 0

    def reset(self):
        self.route = 0
        self.validate = 0

    def install(self):
        real_route = journey_steps.route
        real_validate = journey_forms.StepForm.validate
        real_plain = journey_steps.plain_values

        def counted_route(*args, **kwargs):
            self.route += 1
            return real_route(*args, **kwargs)

        def counted_validate(form, *args, **kwargs):
            self.validate += 1
            return real_validate(form, *args, **kwargs)

        def counted_plain(step, data):
            found = real_plain(step, data)
            if found is not None:
                self.validate += 1
            return found

        journey_steps.route = counted_route
        journey_forms.StepForm.validate = counted_validate
        journey_steps.plain_values = counted_plain


def make_app(data_dir: str):
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "bench-" + "x" * 40,
        "DATA_DIR": Path(data_dir),
        "WTF_CSRF_ENABLED": False,
        "RATE_LIMIT_PER_MINUTE": 10**9,
        "OUTBOX_SEND_AFTER_RESPONSE": False,
        "STAFF_PASSWORD": "bench staff password",
    })
    floor_template = app.jinja_env.from_string(FLOOR_TEMPLATE)
    app.add_url_rule("/__floor", "bench_floor", lambda: render_template(floor_template))
    return app


def timed(call, expect):
    """Wall-clock seconds and this thread's CPU seconds for one request (CPU time leaves out waiting for a busy
    machine's cores, and for the disk)."""
    cpu = time.thread_time()
    start = time.perf_counter()
    response = call()
    elapsed = time.perf_counter() - start
    cpu = time.thread_time() - cpu
    assert response.status_code in expect, (response.status_code, response.location)
    return (elapsed, cpu), response


class Bench:
    def __init__(self, client, counts, repeat):
        self.client = client
        self.counts = counts
        self.repeat = repeat
        self.rows = []  # (label, median s, floor median s, route calls, validations, CPU median s, floor CPU s)
        self.again = []  # (slug, answers given when first measured, answers given when measured again)

    def measure(self, label, call, expect=(200, 302), before=None):
        """Interleave the floor and ``call``; the counts are those of one request."""
        samples, floor = [], []
        counted = None
        for _ in range(self.repeat):
            floor.append(timed(lambda: self.client.get("/__floor"), (200,))[0])
            if before:
                before()
            self.counts.reset()
            elapsed, response = timed(call, expect)
            if counted is None:
                counted = (self.counts.route, self.counts.validate)
            samples.append(elapsed)
        self.rows.append((
            label, statistics.median(s[0] for s in samples), statistics.median(f[0] for f in floor), *counted,
            statistics.median(s[1] for s in samples), statistics.median(f[1] for f in floor),
        ))
        return response


def run(repeat: int, answers: dict = PARENT) -> list:
    counts = Counts()
    counts.install()
    with tempfile.TemporaryDirectory() as data_dir:
        app = make_app(data_dir)
        client = app.test_client()
        bench = Bench(client, counts, repeat)
        for _ in range(20):  # warm up: templates compiled, imports done
            client.get("/__floor")
        response = client.get("/complaint/")
        answered = 0
        early = []  # the question pages met with 2 to 5 answers given: (url, answer, answers given then)
        while slug_of(response.location) != "check":
            url = response.location
            slug = slug_of(url)
            data = answers.get(slug, {"carry_on": "yes"})
            if 2 <= answered <= 5 and slug in answers:
                early.append((url, data, answered))
            bench.measure(f"GET  {slug} ({answered} answered)", lambda url=url: client.get(url), (200,))
            response = bench.measure(f"POST {slug}", lambda url=url, data=data: client.post(url, data=data), (302,))
            answered += 1
        bench.measure(f"GET  check ({answered} answered)", lambda: client.get("/complaint/check"), (200,))

        # The same early pages again, now that every answer is given: does a page cost more with more answers?
        for url, data, before in early:
            slug = slug_of(url)
            bench.measure(f"GET  {slug} ({answered} answered)", lambda url=url: client.get(url), (200,))
            bench.measure(f"POST {slug} ({answered} answered)",
                          lambda url=url, data=data: client.post(url, data=data), (302,))
            bench.again.append((slug, before, answered))

        # Send: each repeat sends a fresh copy of the finished draft.
        with client.session_transaction() as session:
            draft_id = session["draft"]
        conn = sqlite3.connect(database_path(app.config["DATA_DIR"]))
        answers = conn.execute("SELECT answers FROM drafts WHERE id = ?", (draft_id,)).fetchone()[0]

        def fresh_draft():
            # As the draft stands when its Check your answers page has just been viewed (the view slid its time
            # on): Send reads it in its write transaction and finds nothing to slide, as when a person presses it.
            copy = drafts.new_id()
            now = time.time()
            conn.execute(
                "INSERT INTO drafts (id, answers, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                (copy, answers, now, now, now + app.config["DRAFT_TIMEOUT_MINUTES"] * 60),
            )
            conn.commit()
            with client.session_transaction() as session:
                session["draft"] = copy
                session.pop("reference", None)

        bench.measure("POST send", lambda: client.post("/complaint/send"), (302,), before=fresh_draft)
        bench.measure("GET  confirmation", lambda: client.get("/complaint/sent"), (200,))
        conn.close()
    return bench.rows, bench.again


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15, help="samples of each request (and of the floor)")
    parser.add_argument("--journey", choices=sorted(JOURNEYS), default="parent", help="whose answers to walk")
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    args = parser.parse_args()
    rows, again = run(args.repeat, JOURNEYS[args.journey])
    floors = [row[2] for row in rows]
    print(f"floor (bare view, base template): median {statistics.median(floors) * 1000:.2f} ms "
          f"(per-step floor medians {min(floors) * 1000:.2f}-{max(floors) * 1000:.2f} ms); {args.repeat} samples each")
    run_floor = statistics.median(floors)
    print(f"{'request':<46} {'ms':>7} {'ratio':>6} {'vs run':>7} {'cpu ms':>7} {'cpu ratio':>9} "
          f"{'route()':>8} {'validations':>12}")
    for label, median, floor, routes, validations, cpu, cpu_floor in rows:
        print(f"{label:<46} {median * 1000:7.2f} {median / floor:6.2f} {median / run_floor:7.2f} "
              f"{cpu * 1000:7.2f} {cpu / cpu_floor:9.2f} {routes:8d} {validations:12d}")
    ratios = [row[1] / row[2] for row in rows]
    cpu_ratios = [row[5] / row[6] for row in rows]
    print(f"ratio: max {max(ratios):.2f}, median {statistics.median(ratios):.2f}; "
          f"cpu ratio: max {max(cpu_ratios):.2f}, median {statistics.median(cpu_ratios):.2f}")
    flatness(rows)
    same_pages(rows, again)
    if args.json:
        args.json.write_text(json.dumps(
            [{"request": r[0], "ms": round(r[1] * 1000, 3), "floor_ms": round(r[2] * 1000, 3),
              "ratio": round(r[1] / r[2], 2), "route_calls": r[3], "validations": r[4],
              "cpu_ms": round(r[5] * 1000, 3), "cpu_ratio": round(r[5] / r[6], 2)} for r in rows],
            indent=1,
        ))


def flatness(rows: list) -> None:
    """Do the steps cost more as answers are given? Page views and posts with up to 5 answers given against
    those with 10 or more (15 for the parent, 22 for ``--journey long``), medians of both ratios."""
    answered, by_step = 0, []
    for row in rows:
        label = row[0]
        if label.startswith("GET ") and "answered)" in label and not label.startswith("GET  check"):
            answered = int(label.rsplit("(", 1)[1].split()[0])
        if label.startswith("GET  check"):
            break  # the early pages measured again, Send and the confirmation come after it
        by_step.append((answered, row[1] / row[2], row[5] / row[6]))
    early = [r for r in by_step if r[0] <= 5]
    late = [r for r in by_step if r[0] >= 10]
    if not early or not late:
        return
    for name, index in (("ratio", 1), ("cpu ratio", 2)):
        a, b = statistics.median(r[index] for r in early), statistics.median(r[index] for r in late)
        print(f"{name}, steps with <=5 answers given: median {a:.2f}; with >=10 (up to {max(r[0] for r in late)}): "
              f"median {b:.2f} ({(b / a - 1) * 100:+.0f}%)")


def same_pages(rows: list, again: list) -> None:
    """The same question pages (GET and POST of the same answer) with 2-5 answers given and with every answer
    given: the ratio of their CPU ratios (1.00: no dearer with more answers)."""
    if not again:
        return
    by_label = {row[0]: row[5] / row[6] for row in rows}
    early, late = [], []
    for slug, before, after in again:
        for verb in ("GET ", "POST"):
            first = by_label[f"{verb} {slug} ({before} answered)" if verb == "GET " else f"POST {slug}"]
            last = by_label[f"{verb} {slug} ({after} answered)"]
            early.append(first)
            late.append(last)
            print(f"same page {verb} {slug:<28} cpu ratio {first:.2f} with {before} answers, {last:.2f} with {after} "
                  f"({(last / first - 1) * 100:+.0f}%)")
    a, b = statistics.median(early), statistics.median(late)
    print(f"same pages, cpu ratio median: {a:.2f} with 2-5 answers given, {b:.2f} with {again[0][2]} "
          f"({(b / a - 1) * 100:+.0f}%)")


if __name__ == "__main__":
    main()
