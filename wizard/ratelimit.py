"""A small per-address limit on form posts, so one client cannot flood the service.

It counts POSTs per client address in a sliding minute, in memory (per worker process). Over the limit the
person sees the 429 page, which says to wait a minute; nothing they already saved is lost.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from flask import Flask, abort, request


class PostRateLimiter:
    def __init__(self, per_minute: int, clock=time.monotonic):
        self.per_minute = per_minute
        self.clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = self.clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and now - hits[0] >= 60:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return False
            hits.append(now)
            if len(self._hits) > 10000:  # forget idle clients so memory stays bounded
                for stale in [k for k, v in self._hits.items() if not v or now - v[-1] >= 60]:
                    del self._hits[stale]
            return True


def init_rate_limit(app: Flask) -> None:
    limiter = PostRateLimiter(app.config["RATE_LIMIT_PER_MINUTE"])
    app.extensions["post_rate_limiter"] = limiter

    @app.before_request
    def limit_posts():
        if request.method == "POST" and not limiter.allow(request.remote_addr or "unknown"):
            abort(429)
