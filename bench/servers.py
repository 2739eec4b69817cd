"""What the benchmarks that start real servers share: a free port, gunicorn on 127.0.0.1 with a temporary data
folder, a mail server that keeps what arrives, and a person walking the journey over HTTP with its form tokens.

Used by load_pages.py, page_weight.py, smtp_down.py and two_servers.py. Loopback only; every process started
here is stopped by the same code that started it.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from email import message_from_bytes, policy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = ROOT / ".venv/bin/gunicorn"
FLASK = ROOT / ".venv/bin/flask"
SECRET_KEY = "bench-" + "x" * 40

ACTION = re.compile(r'<form method="post" action="([^"]+)"')
REFERENCE = re.compile(r'class="app-reference">([^<]+)<')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, seconds: float = 60, what: str = "server") -> None:
    """Until ``url`` answers; stops the benchmark with a message if it does not within ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"{what} at {url} did not start") from None
            time.sleep(0.2)


def bench_env(data_dir: str | Path, **settings: str) -> dict:
    """The environment of a server under test: this one's, a data folder, a fixed secret key, and ``settings``."""
    return {**os.environ, "DATA_DIR": str(data_dir), "SECRET_KEY": SECRET_KEY, **settings}


class Gunicorn:
    """``gunicorn wsgi:app`` on 127.0.0.1 (a free port unless given); its output goes to ``log`` (a path), or
    nowhere. In a process group of its own, so that ``kill`` reaches its workers too.

        with Gunicorn(bench_env(data_dir), workers=2) as server:
            urllib.request.urlopen(server.base + "/")
    """

    def __init__(self, env: dict, workers: int = 1, port: int | None = None, log: Path | None = None,
                 start_seconds: float = 60):
        self.env = env
        self.workers = workers
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.start_seconds = start_seconds
        self.process: subprocess.Popen | None = None

    def start(self) -> Gunicorn:
        command = [str(GUNICORN), "-w", str(self.workers), "-b", f"127.0.0.1:{self.port}", "wsgi:app"]
        output = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115 - closed below
        try:
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=output, stderr=output,
                                            start_new_session=True)
        finally:
            if self.log:
                output.close()  # the child has its own copy
        wait_until_up(self.base + "/", self.start_seconds, "gunicorn")
        return self

    def kill(self) -> None:
        """SIGKILL, master and workers at once (a machine losing power, as far as the database can tell)."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self, seconds: float = 30) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(seconds)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def log_lines(self) -> list[str]:
        return self.log.read_text(errors="replace").splitlines() if self.log and self.log.exists() else []

    def __enter__(self) -> Gunicorn:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


def flask_command(*args: str) -> list[str]:
    """``flask --app wsgi ...`` as cron or a service would run it (``outbox send``, ``outbox worker``)."""
    return [str(FLASK), "--app", "wsgi", *args]


class Recorder:
    """aiosmtpd's handler: keeps every message that arrives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def mail_server(recorder: Recorder, port: int):
    """An aiosmtpd server on 127.0.0.1:``port`` handing what arrives to ``recorder``, started (``.stop()`` it)."""
    from aiosmtpd.controller import Controller

    controller = Controller(recorder, hostname="127.0.0.1", port=port, loop=asyncio.new_event_loop())
    controller.start()
    return controller


def token_of(html: str) -> str:
    found = re.search(r'<input[^>]*name="csrf_token"[^>]*>', html)
    if not found:
        raise RuntimeError("no CSRF token on the page")
    return re.search(r'value="([^"]+)"', found.group(0)).group(1)


# open_page(path or URL, form data or None for a GET) -> (the URL it ended at, the page's HTML)
OpenPage = Callable[[str, dict | None], tuple[str, str]]


def walk_to_check(open_page: OpenPage, answers: dict, steps: int = 40) -> str:
    """Answer the journey from its start (``answers``: slug -> form data; any other page is carried on from)
    up to Check your answers, with each page's form token as a browser would; returns that page's HTML."""
    url, html = open_page("/complaint/", None)
    for _ in range(steps):
        path = urllib.parse.urlparse(url).path
        slug = path.rstrip("/").rsplit("/", 1)[-1]
        if slug == "check":
            return html
        data = dict(answers.get(slug, {"carry_on": "yes"}))
        data["csrf_token"] = token_of(html)
        action = urllib.parse.urljoin(path, ACTION.search(html).group(1).replace("&amp;", "&"))
        url, html = open_page(action, data)
    raise RuntimeError("never reached Check your answers")


def send_from_check(open_page: OpenPage, check_html: str) -> str:
    """Press Send complaint; the reference its confirmation page shows."""
    url, page = open_page("/complaint/send", {"csrf_token": token_of(check_html)})
    found = REFERENCE.search(page)
    if not url.endswith("/complaint/sent") or not found:
        raise RuntimeError(f"no confirmation after sending (at {url})")
    return found.group(1)
