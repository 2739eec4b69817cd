"""Page weight in Chromium: bytes transferred and requests for the start page (cold cache) and later steps (warm).

    .venv/bin/python bench/page_weight.py [--workers 1] [--json bench/results/page_weight.json]

Starts gunicorn on 127.0.0.1 with a temporary DATA_DIR, opens Debian's Chromium through Playwright (as the
tests do) and reads every request from the DevTools protocol: ``encodedDataLength`` is what came over the wire
(headers and body, compressed), the number DevTools shows as "transferred". A request answered from the
browser's cache without asking the server is not counted as a request (its bytes are 0).

1. Cold: a new browser context (empty cache, no cookies) opens the start page as a person typing its address.
2. The same context presses Start now and answers two questions, so the cache is warm.
3. Warm, answering a question: the person answers the third question and presses Continue; everything from the
   press until the next question has loaded (the POST, its 303 redirect and the next page).
4. Warm, opening a later step: the person goes to a step they have already answered (as the Back link does).
5. The same step opened in a new tab: only the browser's HTTP cache helps there, not the old page's memory.

Budgets (issue 11): cold start page at most 60 KB; a later step with a warm cache one request for the page and
at most one more, at most 15 KB; no request to another site. The script prints every request, then the
budgets with PASS or FAIL, and exits 1 if any budget fails. Loopback only; bounded (a handful of pages).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from servers import ROOT, Gunicorn, bench_env

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
KB = 1024
COLD_START_BUDGET = 60 * KB
WARM_STEP_BUDGET = 15 * KB
WARM_STEP_MAX_REQUESTS = 2


class NetworkLog:
    """Every request Chromium makes for one page, from the DevTools protocol."""

    def __init__(self, context, page):
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.requests: dict[str, dict] = {}
        self.hops: list[dict] = []  # one per request sent, redirects included
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.requestServedFromCache", self._from_cache)
        self.cdp.on("Network.responseReceived", self._response)
        self.cdp.on("Network.loadingFinished", self._finished)

    def reset(self) -> None:
        self.requests = {}
        self.hops = []

    def _sent(self, event):
        redirect = event.get("redirectResponse")
        if redirect and event["requestId"] in self.requests:
            earlier = self.requests[event["requestId"]]
            earlier["status"] = redirect["status"]
            earlier["bytes"] = redirect.get("encodedDataLength", 0)
            earlier["done"] = True
        hop = {"url": event["request"]["url"], "method": event["request"]["method"], "status": None,
               "bytes": 0, "cache": "", "encoding": "", "done": False}
        self.requests[event["requestId"]] = hop
        self.hops.append(hop)

    def _from_cache(self, event):
        if event["requestId"] in self.requests:
            self.requests[event["requestId"]]["cache"] = "memory cache"

    def _response(self, event):
        hop = self.requests.get(event["requestId"])
        if hop is None:
            return
        response = event["response"]
        hop["status"] = response["status"]
        headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
        hop["encoding"] = headers.get("content-encoding", "")
        if response.get("fromDiskCache"):
            hop["cache"] = "disk cache"
        elif response.get("fromMemoryCache"):
            hop["cache"] = "memory cache"

    def _finished(self, event):
        hop = self.requests.get(event["requestId"])
        if hop is not None:
            hop["bytes"] = 0 if hop["cache"] else int(event.get("encodedDataLength", 0))
            hop["done"] = True

    def summary(self, base: str) -> dict:
        over_network = [h for h in self.hops if not h["cache"]]
        return {
            "requests": len(over_network),
            "bytes": sum(h["bytes"] for h in over_network),
            "from_cache": len(self.hops) - len(over_network),
            "third_party": [h["url"] for h in self.hops if not h["url"].startswith((base + "/", "data:"))],
            "hops": [dict(h, path=urlparse(h["url"]).path) for h in self.hops],
        }


def settle(page) -> None:
    page.wait_for_load_state("load")
    page.wait_for_load_state("networkidle")


def continue_with(page, field: str, value: str) -> None:
    page.locator(f"input[name='{field}'][value='{value}']").check()
    with page.expect_navigation():
        page.locator("main form button.govuk-button").first.click()
    settle(page)


def show(label: str, result: dict) -> None:
    print(f"\n{label}: {result['requests']} requests over the network, {result['bytes']} bytes "
          f"({result['bytes'] / KB:.1f} KB) transferred, {result['from_cache']} answered from the cache")
    for hop in result["hops"]:
        where = hop["cache"] or f"{hop['bytes']:>6} B"
        print(f"  {hop['method']:<4} {hop['status'] or '-':>3} {where:>12} {hop['encoding'] or '-':<4} {hop['path']}")


def measure(base: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(30000)
        log = NetworkLog(context, page)

        page.goto(base + "/")
        settle(page)
        cold = log.summary(base)

        with page.expect_navigation():
            page.get_by_role("button", name="Start now").or_(page.get_by_role("link", name="Start now")).click()
        settle(page)
        # Answer questions (whichever the journey asks, from this list) until "What is it about?".
        answers = {
            "child-in-danger": ("danger", "no"), "new-or-reply": ("kind", "new"), "who-are-you": ("who", "parent"),
        }
        answered_url = page.url
        for _ in range(6):
            slug = urlparse(page.url).path.rstrip("/").rsplit("/", 1)[-1]
            if slug not in answers:
                break
            answered_url = page.url
            continue_with(page, *answers[slug])

        log.reset()
        continue_with(page, "about", "looked_after")  # What is it about? A child in care
        warm_answer = log.summary(base)
        warm_answer["landed_on"] = urlparse(page.url).path

        log.reset()
        page.goto(answered_url)
        settle(page)
        warm_open = log.summary(base)
        warm_open["landed_on"] = urlparse(page.url).path

        # A new tab: nothing in the old page's memory, only the browser's HTTP cache.
        tab = context.new_page()
        tab_log = NetworkLog(context, tab)
        tab.goto(answered_url)
        settle(tab)
        warm_tab = tab_log.summary(base)
        warm_tab["landed_on"] = urlparse(tab.url).path

        context.close()
        browser.close()
    return {"cold_start_page": cold, "warm_answer_a_step": warm_answer, "warm_open_a_step": warm_open,
            "warm_new_tab_step": warm_tab}


def budgets(results: dict) -> list[tuple[str, bool]]:
    cold = results["cold_start_page"]
    checks = [
        (f"cold start page at most {COLD_START_BUDGET // KB} KB ({cold['bytes'] / KB:.1f} KB)",
         cold["bytes"] <= COLD_START_BUDGET),
    ]
    for key, label in (("warm_answer_a_step", "answering a step"), ("warm_open_a_step", "opening a later step"),
                       ("warm_new_tab_step", "a later step in a new tab")):
        warm = results[key]
        checks.append((
            f"warm cache, {label}: at most {WARM_STEP_MAX_REQUESTS} requests ({warm['requests']}) and "
            f"{WARM_STEP_BUDGET // KB} KB ({warm['bytes'] / KB:.1f} KB)",
            warm["requests"] <= WARM_STEP_MAX_REQUESTS and warm["bytes"] <= WARM_STEP_BUDGET,
        ))
    everything = [url for r in results.values() for url in r["third_party"]]
    checks.append((f"no request to another site ({len(everything)})", not everything))
    return checks


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--json", type=Path, default=ROOT / "bench/results/page_weight.json")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as data_dir:
        server = Gunicorn(bench_env(data_dir), workers=args.workers, log=Path(data_dir) / "gunicorn.log")
        with server:
            results = measure(server.base)
        server_log = server.log_lines()
    warnings = [line for line in server_log if "WARNING" in line]

    show("Cold cache, start page (typed address)", results["cold_start_page"])
    show(f"Warm cache, answering a step (to {results['warm_answer_a_step']['landed_on']})",
         results["warm_answer_a_step"])
    show(f"Warm cache, opening a later step ({results['warm_open_a_step']['landed_on']})",
         results["warm_open_a_step"])
    show(f"Warm cache, a later step in a new tab ({results['warm_new_tab_step']['landed_on']})",
         results["warm_new_tab_step"])
    for line in warnings:
        print("server:", line)
    print()
    checks = budgets(results)
    for label, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"results": results, "budgets": dict(checks)}, indent=2) + "\n")
    return 0 if all(ok for _, ok in checks) and not warnings else 1


if __name__ == "__main__":
    sys.exit(main())
