"""The service under real gunicorn, as a council runs it: a bad setting stops the master at once with its
one-line message; without SECRET_KEY in development, two workers share one generated key (kept in DATA_DIR),
so a person's answers survive whichever worker answers each request."""

from __future__ import annotations

import http.cookiejar
import os
import re
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from tests.conftest import free_port
from tests.journey_answers import PARENT, slug_of

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def environment(data_dir: Path, **extra) -> dict:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DATA_DIR": str(data_dir), **extra}
    return env


def test_a_bad_setting_stops_gunicorn_at_once_with_its_message(tmp_path):
    process = subprocess.Popen(
        [GUNICORN, "-w", "2", "-b", f"127.0.0.1:{free_port()}", "wsgi:app"],
        cwd=ROOT, env=environment(tmp_path, SMTP_PORT="twenty-five"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        _out, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        _out, err = process.communicate()
        raise AssertionError(f"gunicorn was still restarting workers after 30 s:\n{err[-2000:]}") from None
    assert process.returncode != 0
    assert err.count("The complaint wizard cannot start: setting SMTP_PORT") == 1, err
    assert "Booting worker" not in err and "Traceback" not in err, err


def test_two_workers_share_one_session_key(tmp_path):
    port = free_port()
    log = tmp_path / "access.log"
    process = subprocess.Popen(
        [GUNICORN, "-w", "2", "-b", f"127.0.0.1:{port}", "--access-logfile", str(log),
         "--access-logformat", "%(p)s %(s)s %(U)s", "wsgi:app"],
        cwd=ROOT, env=environment(tmp_path / "data"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
        seen_slugs = []
        for _round in range(3):  # three journeys, each page fetched by whichever worker is free
            location = _open(opener, base + "/complaint/").headers["Location"]
            while slug_of(location) != "check":
                slug = slug_of(location)
                page = _open(opener, urllib.parse.urljoin(base, location))
                assert page.status == 200, (slug, page.status)
                token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.read().decode()).group(1)
                data = {**PARENT.get(slug, {"carry_on": "yes"}), "csrf_token": token}
                answer = _open(opener, urllib.parse.urljoin(base, location), urllib.parse.urlencode(data, doseq=True))
                assert answer.status == 302, (slug, answer.status)
                location = answer.headers["Location"]
                assert not location.endswith("/expired"), f"answers lost after {slug}"
                seen_slugs.append(slug)
            check = _open(opener, base + "/complaint/check").read().decode()
            assert "Sam Smith" in check and "Pat Jones" in check
            jar.clear()
    finally:
        process.terminate()
        process.wait(timeout=30)
    workers = {line.split()[0] for line in log.read_text().splitlines() if line.strip()}
    assert len(workers) == 2, f"only one worker answered: {workers}"
    key_file = tmp_path / "data" / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key_file.read_text().strip()) >= 32
    assert len(seen_slugs) > 30


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _open(opener, url, data: str | None = None):
    try:
        return opener.open(url, data.encode() if data is not None else None, timeout=30)
    except urllib.error.HTTPError as response:  # 3xx and 4xx come back as errors without redirect handling
        return response


def _wait_until_up(base: str, process) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn stopped: {process.stderr.read()[-2000:]}")
        try:
            urllib.request.urlopen(base + "/", timeout=2).close()
            time.sleep(1)  # let the second worker finish booting too
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not start in 60 s")
