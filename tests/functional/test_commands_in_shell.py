"""The staff commands as a person types them: `flask --app wsgi ...` in a shell."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def flask(*args, tmp_path):
    # .venv/bin/flask, as a member of staff would type it after `make test`.
    env = {"PATH": "/usr/bin:/bin", "DATA_DIR": str(tmp_path)}
    return subprocess.run(
        [str(Path(sys.executable).parent / "flask"), "--app", "wsgi", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )


def test_routes_command_prints_the_councils_table_not_flasks_url_list(tmp_path):
    result = flask("routes", "--council", "kingston", "--json", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["routes"]
    protection = [r for r in rows if r["who"] == "parent" and r["about"] == "child_protection"]
    assert protection and protection[0]["outcome"] == "statutory"


def test_route_and_timeline_commands(tmp_path):
    routed = flask("route", "--council", "example", "--who", "relative", "--about", "fostering",
                   "--child-age", "6", tmp_path=tmp_path)
    assert routed.returncode == 0, routed.stderr
    assert json.loads(routed.stdout)["outcome"] == "corporate"
    timeline = flask("timeline", "--council", "example", "--procedure", "statutory", "--received", "2026-12-24",
                     tmp_path=tmp_path)
    data = json.loads(timeline.stdout)
    assert data["received"] == "2026-12-24"
    assert data["milestones"][0]["key"] == "acknowledgement"


def test_bad_arguments_exit_2_without_a_traceback(tmp_path):
    result = flask("timeline", "--council", "example", "--procedure", "statutory", "--received", "24/12/2026",
                   tmp_path=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
