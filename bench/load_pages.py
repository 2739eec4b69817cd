"""Load benchmark: gunicorn serving the app on 127.0.0.1, hit by concurrent clients for a bounded time.

    .venv/bin/python bench/load_pages.py [--seconds 10] [--clients 8] [--workers 2]

Only loopback traffic; the loop stops after --seconds or --max-requests, whichever comes first. Prints
requests per second and latency percentiles per path, and writes them to bench/results/load_pages.json.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = ["/", "/privacy", "/cookies", "/accessibility", "/council.css", "/static/build/main.css"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-requests", type=int, default=50000)
    args = parser.parse_args()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "DATA_DIR": data_dir, "SECRET_KEY": "bench-" + "x" * 40, "RATE_LIMIT_PER_MINUTE": "100000"}
        server = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "-w", str(args.workers), "-b", f"127.0.0.1:{port}", "wsgi:app"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(base + "/")
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
        finally:
            server.terminate()
            server.wait(timeout=10)

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
