"""What Check your answers' parts cost, against the framework's floor, in-process: how far the page's ratio would
fall if a part of its work were free, or if the walk took the values kept with the draft.

    .venv/bin/python bench/check_parts.py [--journey parent|long] [--rounds 9] [--requests 60]

The journey is walked to Check your answers with the app and floor of ``steps.py`` (a bare view rendering the base
template; without ``steps.py``'s counting wrappers, so its ratios read a little lower than ``steps.py``'s). Then, in
each of ``--rounds`` rounds, every variant in turn (in an order that changes from round to round) is put in place
and timed: ``--requests`` of Check your answers and of the floor, interleaved, this thread's CPU time. For each
variant the bench prints the median of its rounds' ratios (the page's median over the floor's), with their range,
and the floor's median. The variants change the page's view here in the bench, never in the product:

- ``as it is``: the page as people get it (every answer validated again).
- ``kept values``: the walk takes the values kept (sealed) with the draft when each answer was saved, as a question
  page's walk does, instead of validating every answer again; it then checks the seals, the answers' digests and
  decodes the values, which the page as it is does not. One alternative, not a bound.
- ``validation free``: the walk as it is, but each answer's values are given to it as the first walk found them,
  with no form made and nothing checked: the most that validating more cheaply (without WTForms' forms, say) could
  give, the walk's own work (conditions, decisions, contexts) kept.
- ``walk reused``: no walk at all; the round's first walk is given to every later request.
- ``rows reused``: the walk as it is; the rows and their HTML are the round's first.
- ``walk and rows reused``: both.

A part made free shows what the page would cost without it: the most that making it cheaper could give. No variant
is correct for a person: this measures, it changes nothing in the product. The bench stops if a variant's assumption
fails (an answer validated under "kept values", a form made or no values given under "validation free", a reused
part never made).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from steps import JOURNEYS, make_app  # noqa: E402

from tests.journey_answers import slug_of  # noqa: E402
from wizard.journey import steps as journey_steps  # noqa: E402
from wizard.journey import views  # noqa: E402

VARIANTS = ("as it is", "kept values", "validation free", "walk reused", "rows reused", "walk and rows reused")
REAL = (views.walk_and_tidy, views.check_sections, journey_steps.plain_values, journey_steps.make_form)


class Reused:
    """``real``, called once; its first result given to every later call."""

    def __init__(self, real):
        self.real, self.kept = real, []

    def __call__(self, *args, **kwargs):
        if not self.kept:
            self.kept.append(self.real(*args, **kwargs))
        return self.kept[0]


class GivenValues:
    """``plain_values`` for the walk: each step's values as a first walk found them (a copy), whatever its form;
    ``made`` counts the forms made all the same (none, if the walk takes every value given)."""

    def __init__(self, values: dict):
        self.values, self.given, self.made = values, 0, 0

    def __call__(self, step, data):
        self.given += 1
        return dict(self.values[step.name])

    def make_form(self, *args, **kwargs):
        self.made += 1
        return REAL[3](*args, **kwargs)


class KeptValues:
    """The walk with what was kept when the answers were saved (``every=False``), counting the answers it
    validated (none, while every seal holds)."""

    def __init__(self):
        self.validated = 0

    def __call__(self, draft, every=False, **kwargs):
        w = REAL[0](draft, every=False, **kwargs)
        self.validated += w.validated
        return w


def install(variant: str, values: dict) -> list:
    """Put the variant in place (``values``: each step's, from a first walk); what it installed, to check
    afterwards."""
    views.walk_and_tidy, views.check_sections, journey_steps.plain_values, journey_steps.make_form = REAL
    installed = []
    if variant == "validation free":
        journey_steps.plain_values = given = GivenValues(values)
        journey_steps.make_form = given.make_form
        installed.append(given)
    if variant == "kept values":
        views.walk_and_tidy = KeptValues()
        installed.append(views.walk_and_tidy)
    if variant in ("walk reused", "walk and rows reused"):
        views.walk_and_tidy = Reused(REAL[0])
        installed.append(views.walk_and_tidy)
    if variant in ("rows reused", "walk and rows reused"):
        views.check_sections = Reused(REAL[1])
        installed.append(views.check_sections)
    return installed


def check(variant: str, installed: list) -> None:
    for part in installed:
        if isinstance(part, Reused) and not part.kept:
            raise SystemExit(f"{variant}: the reused part was never made")
        if isinstance(part, GivenValues) and (part.made or not part.given):
            raise SystemExit(f"{variant}: {part.given} values given, {part.made} forms made")
        if isinstance(part, KeptValues) and part.validated:
            raise SystemExit(f"{variant}: {part.validated} answers were validated (a seal did not hold)")


def cpu(client, url: str) -> float:
    start = time.thread_time()
    response = client.get(url)
    spent = time.thread_time() - start
    assert response.status_code == 200, (url, response.status_code, response.location)
    return spent


def measure(answers: dict, rounds: int, requests: int) -> dict[str, tuple[list[float], list[float]]]:
    """Each variant's rounds: the ratios of Check your answers' median CPU time to the floor's, and the floor's
    medians (s)."""
    found = {variant: ([], []) for variant in VARIANTS}
    try:
        with tempfile.TemporaryDirectory() as data_dir:
            app = make_app(data_dir)
            client = app.test_client()
            response = client.get("/complaint/")
            while slug_of(response.location) != "check":
                url = response.location
                client.get(url)
                response = client.post(url, data=answers.get(slug_of(url), {"carry_on": "yes"}))
            first = views.walk_and_tidy = Reused(REAL[0])
            cpu(client, "/complaint/check")
            values = first.kept[0].values  # each step's, as the page's walk finds them
            views.walk_and_tidy = REAL[0]
            for _ in range(100):  # warm up
                cpu(client, "/complaint/check")
                cpu(client, "/__floor")
            for round_ in range(rounds):
                order = VARIANTS[round_ % len(VARIANTS):] + VARIANTS[:round_ % len(VARIANTS)]
                for variant in order:
                    installed = install(variant, values)
                    for _ in range(5):  # the reused parts made, the variant's code warm
                        cpu(client, "/complaint/check")
                    page, floor = [], []
                    for _ in range(requests):
                        floor.append(cpu(client, "/__floor"))
                        page.append(cpu(client, "/complaint/check"))
                    check(variant, installed)
                    found[variant][0].append(statistics.median(page) / statistics.median(floor))
                    found[variant][1].append(statistics.median(floor))
    finally:
        views.walk_and_tidy, views.check_sections, journey_steps.plain_values, journey_steps.make_form = REAL
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--journey", choices=sorted(JOURNEYS), default="long", help="whose answers to walk")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--requests", type=int, default=60, help="of Check your answers and of the floor, a round")
    args = parser.parse_args()
    found = measure(JOURNEYS[args.journey], args.rounds, args.requests)
    print(f"Check your answers, {args.journey} journey: CPU ratio to the floor, median of {args.rounds} rounds "
          f"(range), and the floor's median")
    for variant, (ratios, floors) in found.items():
        print(f"{variant:<22} {statistics.median(ratios):5.2f} ({min(ratios):.2f}-{max(ratios):.2f})"
              f"   floor {statistics.median(floors) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
