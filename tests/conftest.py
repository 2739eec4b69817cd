"""Shared fixtures: the app and test client, a live server, Chromium through Playwright, axe and SMTP."""

from __future__ import annotations

import asyncio
import gzip
import os
import socket
import threading
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from hypothesis import settings as hypothesis_settings

from tests.pagecheck import check_page

# Performance is measured in bench/, never by a time limit in a test: hypothesis's default 200 ms deadline
# failed property tests of the timeline when eight people shared two cores.
hypothesis_settings.register_profile("no-deadline", deadline=None)
hypothesis_settings.load_profile("no-deadline")

# Tests must not pick up a developer's own settings.
for _name in (
    "COUNCIL", "SECRET_KEY", "DATA_DIR", "SMTP_HOST", "SMTP_PORT", "SMTP_USERNAME", "SMTP_PASSWORD",
    "SMTP_SECURITY", "MAIL_FROM", "COUNCIL_INBOX", "ADVOCACY_INBOX", "STAFF_PASSWORD", "APP_ENV", "FLASK_ENV",
    "DRAFT_TIMEOUT_MINUTES", "RETENTION_DAYS", "RATE_LIMIT_PER_MINUTE", "RATELIMIT_STORAGE_URI", "PROXY_COUNT",
    "DATABASE_URL",
):
    os.environ.pop(_name, None)

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
TEST_STAFF_PASSWORD = "correct horse battery"


def decoded_text(response) -> str:
    """The page's text, uncompressed when it was sent with brotli or gzip (a test that asks for it)."""
    body = response.get_data()
    encoding = response.headers.get("Content-Encoding")
    if encoding == "br":
        import brotli

        body = brotli.decompress(body)
    elif encoding == "gzip":
        body = gzip.decompress(body)
    return body.decode()


class CheckingClient(FlaskClient):
    """A test client that checks every HTML page it fetches (title, ids, lang, one h1, script nonces)."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        if response.mimetype == "text/html" and response.status_code != 304:
            check_page(decoded_text(response), response.headers.get("Content-Security-Policy"))
        return response


def base_config(tmp_path: Path, **overrides) -> dict:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production-0123456789",
        "DATA_DIR": tmp_path / "data",
        "STAFF_PASSWORD": TEST_STAFF_PASSWORD,
        "RATE_LIMIT_PER_MINUTE": 10000,
    }
    config.update(overrides)
    return config


@pytest.fixture(autouse=True)
def _close_database_connections():
    """Each test's database gets its own pool of connections: closed when the test ends."""
    yield
    from wizard import db
    from wizard.delivery.outbox import stop_keepers

    stop_keepers()  # a keeper retrying a test's waiting emails stops with the test, before its database goes
    db.dispose_all()


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for the whole run (started on first use; see tests/postgres_server.py)."""
    from tests.postgres_server import PostgresMissing, PostgresServer

    try:
        server = PostgresServer().start()
    except PostgresMissing as missing:
        pytest.fail(str(missing), pytrace=False)
    yield server
    server.stop()


# The storage tests run on both databases: a module says so with ``database_url = both_databases``.
STORAGE_BACKENDS = ("sqlite", "postgresql")


def database_for(request, kind: str) -> str | None:
    """None for SQLite under DATA_DIR (the default), or the URL of a new PostgreSQL database with the tables."""
    if kind == "sqlite":
        return None
    return request.getfixturevalue("postgres_server").new_database()


@pytest.fixture
def database_url(request):
    """The app's DATABASE_URL: SQLite unless the test or module asks for PostgreSQL too (``both_databases``)."""
    return database_for(request, getattr(request, "param", "sqlite"))


@pytest.fixture(params=STORAGE_BACKENDS)
def both_databases(request):
    return database_for(request, request.param)


@pytest.fixture
def make_app(tmp_path, database_url):
    from wizard import create_app

    def factory(**overrides):
        overrides.setdefault("DATABASE_URL", database_url)
        app = create_app(base_config(tmp_path, **overrides))
        app.test_client_class = CheckingClient
        return app

    return factory


@pytest.fixture
def app(make_app):
    """The app with CSRF checks off, for tests of behaviour; the CSRF tests turn it back on."""
    return make_app(WTF_CSRF_ENABLED=False)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def counted(monkeypatch):
    """How many answers each request validated (a step form validated, or a plain question's answer accepted
    without its form: ``journey/plain_answers.py``), how many times it asked the domain for a route, and how many
    seals of kept answers it made or checked (counts, never timings): ``counted()`` gives them and starts again."""
    from wizard.journey import forms as journey_forms
    from wizard.journey import steps as journey_steps

    counts = {"validate": 0, "route": 0, "mac": 0}
    real_validate, real_route, real_mac = journey_forms.StepForm.validate, journey_steps.route, journey_steps._mac
    real_plain = journey_steps.plain_values

    def validate(form, *args, **kwargs):
        counts["validate"] += 1
        return real_validate(form, *args, **kwargs)

    def plain(step, data):
        found = real_plain(step, data)
        if found is not None:
            counts["validate"] += 1
        return found

    def route(*args, **kwargs):
        counts["route"] += 1
        return real_route(*args, **kwargs)

    def mac(*args):
        counts["mac"] += 1
        return real_mac(*args)

    monkeypatch.setattr(journey_forms.StepForm, "validate", validate)
    monkeypatch.setattr(journey_steps, "plain_values", plain)
    monkeypatch.setattr(journey_steps, "route", route)
    monkeypatch.setattr(journey_steps, "_mac", mac)

    def take():
        found = dict(counts)
        counts.update(validate=0, route=0, mac=0)
        return found

    return take


@pytest.fixture
def trace_sqlite(monkeypatch):
    """``trace_sqlite()`` records, from then on, every statement SQLite runs on each connection ``wizard.db.connect``
    opens (PRAGMAs too, as run), and returns the list they are appended to."""
    from wizard import db

    def start() -> list[str]:
        statements: list[str] = []
        real_connect = db.connect

        def recording_connect(*args, **kwargs):
            connection = real_connect(*args, **kwargs)
            connection.set_trace_callback(statements.append)
            return connection

        monkeypatch.setattr(db, "connect", recording_connect)
        return statements

    return start


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    def __init__(self, app):
        from werkzeug.serving import make_server

        self.app = app
        self.port = free_port()
        self.server = make_server("127.0.0.1", self.port, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.thread.join(timeout=10)


@pytest.fixture
def make_live_server(tmp_path):
    """Start the real app (CSRF on) on 127.0.0.1 with a free port; stopped after the test."""
    from wizard import create_app

    servers = []

    def factory(prepare=None, **overrides):
        app = create_app(base_config(tmp_path / f"live{len(servers)}", **overrides))
        if prepare:
            prepare(app)  # e.g. add a test-only route before the server starts
        server = LiveServer(app)
        servers.append(server)
        return server

    yield factory
    for server in servers:
        server.stop()


@pytest.fixture
def live_server(make_live_server):
    return make_live_server()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(10000)
    return page


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(scope="session")
def axe_runner():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def axe(axe_runner):
    """axe(page): run the WCAG 2.0/2.1/2.2 A and AA rules and fail with the report if anything is found."""

    def check(page, label: str = ""):
        results = axe_runner.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        if results.violations_count:
            raise AssertionError(f"axe found problems on {label or page.url}:\n{results.generate_report()}")
        return results

    return check


class RecordingHandler:
    def __init__(self):
        self.messages = []
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


class SMTPServer:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives; it can be stopped and restarted."""

    def __init__(self):
        self.handler = RecordingHandler()
        self.port = free_port()
        self.host = "127.0.0.1"
        self.controller = None

    @property
    def messages(self):
        return self.handler.messages

    @property
    def envelopes(self):
        return self.handler.envelopes

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.handler, hostname=self.host, port=self.port, loop=asyncio.new_event_loop())
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None


REDIS_SERVER = os.environ.get("REDIS_SERVER_PATH", "/usr/bin/redis-server")


@pytest.fixture
def redis_server(tmp_path):
    """A real Redis (Debian's redis-server; `make test` installs it when missing) on a free port, no persistence.

    Yields an object with ``uri`` (for RATELIMIT_STORAGE_URI) and ``stop()``; stopped after the test."""
    import subprocess
    import time

    import redis

    port = free_port()
    process = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise
            time.sleep(0.05)

    class Running:
        uri = f"redis://127.0.0.1:{port}/0"

        @staticmethod
        def stop():
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=10)

    yield Running
    client.close()
    Running.stop()


@pytest.fixture
def smtp_server():
    server = SMTPServer()
    server.start()
    yield server
    server.stop()
