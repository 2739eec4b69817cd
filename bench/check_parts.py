"""What Check your answers' parts cost, against the framework's floor, in-process: how far each part of the
page's work could take its ratio if it cost nothing.

    .venv/bin/python bench/check_parts.py [--journey parent|long] [--rounds 9] [--requests 60]

The journey is walked to Check your answers as in ``steps.py`` (same app, same floor: a bare view rendering the
base template). Then, for each variant, the bench times Check your answers and the floor in turn (``--requests``
of each a round, this thread's CPU time), and prints the median over ``--rounds`` of each round's ratio of the
medians, with its range. The variants change what the page's view does, here in the bench and not in the product:

- ``as it is``: the page as people get it (every answer validated again).
- ``kept values``: the walk takes the values kept with the draft when each answer was saved (sealed), as a
  question page's walk does, instead of validating every answer again.
- ``walk reused``: no walk at all; the first request's walk is given to every later one.
- ``rows reused``: the walk as it is; the rows and their HTML are the first request's.
- ``walk and rows reused``: both.

Each variant is what the page would cost if that part were free, which is the most that making it cheaper could
give. No variant is correct for a person: this measures, it changes nothing in the product.
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
from wizard.journey import views  # noqa: E402

VARIANTS = ("as it is", "kept values", "walk reused", "rows reused", "walk and rows reused")


def reuse_first(real):
    """``real``, called once; its first result given to every later call."""
    kept = []

    def first(*args, **kwargs):
        if not kept:
            kept.append(real(*args, **kwargs))
        return kept[0]

    return first


def install(variant: str) -> None:
    if variant == "kept values":
        real_walk = views.walk_and_tidy
        views.walk_and_tidy = lambda draft, every=False, **kwargs: real_walk(draft, every=False, **kwargs)
    if variant in ("walk reused", "walk and rows reused"):
        views.walk_and_tidy = reuse_first(views.walk_and_tidy)
    if variant in ("rows reused", "walk and rows reused"):
        views.check_sections = reuse_first(views.check_sections)


def cpu(client, url: str) -> float:
    start = time.thread_time()
    response = client.get(url)
    spent = time.thread_time() - start
    assert response.status_code == 200, (url, response.status_code, response.location)
    return spent


def measure(variant: str, answers: dict, rounds: int, requests: int) -> tuple[list[float], float]:
    """Each round's ratio of Check your answers' median CPU time to the floor's, and the floor's median (s)."""
    real = (views.walk_and_tidy, views.check_sections)
    try:
        with tempfile.TemporaryDirectory() as data_dir:
            app = make_app(data_dir)
            client = app.test_client()
            response = client.get("/complaint/")
            while slug_of(response.location) != "check":
                url = response.location
                client.get(url)
                response = client.post(url, data=answers.get(slug_of(url), {"carry_on": "yes"}))
            install(variant)
            for _ in range(100):  # warm up, and the reused parts made
                cpu(client, "/complaint/check")
                cpu(client, "/__floor")
            ratios, floors = [], []
            for _ in range(rounds):
                page, floor = [], []
                for _ in range(requests):
                    floor.append(cpu(client, "/__floor"))
                    page.append(cpu(client, "/complaint/check"))
                ratios.append(statistics.median(page) / statistics.median(floor))
                floors.append(statistics.median(floor))
            return ratios, statistics.median(floors)
    finally:
        views.walk_and_tidy, views.check_sections = real


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--journey", choices=sorted(JOURNEYS), default="long", help="whose answers to walk")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--requests", type=int, default=60, help="of Check your answers and of the floor, a round")
    args = parser.parse_args()
    print(f"Check your answers, {args.journey} journey: CPU ratio to the floor, median of {args.rounds} rounds "
          f"(range)")
    for variant in VARIANTS:
        ratios, floor = measure(variant, JOURNEYS[args.journey], args.rounds, args.requests)
        print(f"{variant:<22} {statistics.median(ratios):5.2f} ({min(ratios):.2f}-{max(ratios):.2f})"
              f"   floor {floor * 1000:.2f} ms")


if __name__ == "__main__":
    main()
