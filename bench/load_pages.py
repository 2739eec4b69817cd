"""Load benchmark: gunicorn serving the app on 127.0.0.1, hit by concurrent clients for a bounded time.

    .venv/bin/python bench/load_pages.py [--seconds 10] [--clients 8] [--workers 2]

Only loopback traffic; the loop stops after --seconds or --max-requests, whichever comes first. Prints
requests per second and latency percentiles per path, and writes them to bench/results/load_pages.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.request

from servers import ROOT, Gunicorn, bench_env

PATHS = ["/", "/privacy", "/cookies", "/accessibility", "/council.css", "/static/build/main.css"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-requests", type=int, default=50000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as data_dir, \
            Gunicorn(bench_env(data_dir, RATE_LIMIT_PER_MINUTE="100000"), workers=args.workers) as server:
        base = server.base
        timings: dict[str, list[float]] = {p: [] for p in PATHS}
        errors = 0
        lock = threading.Lock()
        stop_at = time.monotonic() + args.seconds
        count = [0]

        def client(offset: int) -> None:
            nonlocal errors
            i = offset
            while time.monotonic() < stop_at:
                with lock:
                    if count[0] >= args.max_requests:
                        return
                    count[0] += 1
                path = PATHS[i % len(PATHS)]
                i += 1
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(base + path, timeout=10) as response:
                        response.read()
                    elapsed = time.perf_counter() - started
                    with lock:
                        timings[path].append(elapsed)
                except OSError:
                    with lock:
                        errors += 1

        began = time.monotonic()
        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        duration = time.monotonic() - began

    total = sum(len(t) for t in timings.values())
    result = {
        "clients": args.clients,
        "workers": args.workers,
        "seconds": round(duration, 2),
        "requests": total,
        "errors": errors,
        "requests_per_second": round(total / duration, 1),
        "paths": {
            path: {
                "count": len(t),
                "p50_ms": round(statistics.median(t) * 1000, 1),
                "p95_ms": round(statistics.quantiles(t, n=20)[18] * 1000, 1) if len(t) >= 20 else None,
            }
            for path, t in timings.items()
            if t
        },
        "python": sys.version.split()[0],
        "cores": os.cpu_count(),
    }
    print(json.dumps(result, indent=2))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "load_pages.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
