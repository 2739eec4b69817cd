import json

import flask
import pytest

from wizard.cli import register
from wizard.domain.vocabulary import STATUTORY_MILESTONES


@pytest.fixture(scope="module")
def runner():
    app = flask.Flask(__name__)
    register(app)
    return app.test_cli_runner()


def run_ok(runner, *args):
    result = runner.invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result


def run_bad(runner, *args):
    result = runner.invoke(args=list(args))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    return result.stderr


def test_route_prints_outcome_flags_and_reasons(runner):
    result = run_ok(
        runner,
        "route",
        "--council", "kingston",
        "--who", "advocate",
        "--about", "looked_after",
        "--child-age", "13",
        "--child-agrees", "unsure",
        "--happened", "2025-01-10",
        "--received", "2026-03-01",
        "--proceedings",
        "--provider-care",
    )  # fmt: skip
    data = json.loads(result.stdout)
    assert list(data) == ["outcome", "flags", "reasons"]
    assert data["outcome"] == "consent_needed"
    assert data["flags"] == ["late", "proceedings", "provider_care"]
    assert len(data["reasons"]) == 4
    assert all(isinstance(r, str) and r.endswith(".") for r in data["reasons"])


def test_route_uses_the_councils_subject_mapping(runner):
    kingston = run_ok(runner, "route", "--council", "kingston", "--who", "parent", "--about", "child_protection")
    example = run_ok(runner, "route", "--council", "example", "--who", "parent", "--about", "child_protection")
    assert json.loads(kingston.stdout)["outcome"] == "statutory"
    assert json.loads(example.stdout)["outcome"] == "corporate"


def test_route_danger_and_extra_flags(runner):
    data = json.loads(
        run_ok(runner, "route", "--council", "example", "--who", "child", "--about", "school", "--danger").stdout
    )
    assert data["outcome"] == "emergency"
    data = json.loads(
        run_ok(
            runner,
            "route",
            "--council",
            "example",
            "--who",
            "relative",
            "--about",
            "fostering",
            "--child-age",
            "15",
            "--continue-without-consent",
            "--advocacy-requested",
        ).stdout
    )
    assert data["outcome"] == "corporate"
    assert data["flags"] == ["sufficient_interest", "advocacy_requested"]


def test_timeline_prints_the_timeline_json(runner):
    result = run_ok(
        runner, "timeline", "--council", "lancashire", "--procedure", "statutory", "--received", "2026-12-25"
    )
    data = json.loads(result.stdout)
    assert data["council"] == "lancashire"
    assert data["procedure"] == "statutory"
    assert data["submitted"] == "2026-12-25"
    assert data["received"] == "2026-12-29"
    assert [m["key"] for m in data["milestones"]] == list(STATUTORY_MILESTONES)
    assert data["milestones"][-1]["after"] == "stage3_panel"
    assert set(data["milestones"][0]) == {"key", "working_days", "after", "due"}
    assert data["milestones"][0]["due"] == "2027-01-04"  # 3 working days: 30, 31 Dec, 4 Jan


def test_routes_prints_a_readable_table(runner):
    out = run_ok(runner, "routes", "--council", "kingston").stdout
    lines = out.splitlines()
    assert "Royal Borough of Kingston upon Thames" in lines[0]
    assert lines[1].split() == ["WHO", "ABOUT", "CHILD", "AGE", "CHILD", "AGREES", "OUTCOME", "FLAGS", "RULE"]
    assert any(line.split()[:2] == ["parent", "child_protection"] and "statutory" in line for line in lines)
    assert any(line.startswith("advocate") and "under 12" in line and "sufficient_interest" in line for line in lines)


def test_routes_json(runner):
    data = json.loads(run_ok(runner, "routes", "--council", "example", "--json").stdout)
    assert data["council"] == "example"
    assert data["consent_age"] == 12
    rows = data["routes"]
    assert {r["who"] for r in rows} >= {"child", "advocate", "other"}
    assert {"who", "about", "age_band", "child_agrees", "outcome", "flags", "rule"} <= set(rows[0])


def test_routes_without_a_council_is_flasks_url_listing(runner):
    out = run_ok(runner, "routes").stdout
    assert "/static/<path:filename>" in out


@pytest.mark.parametrize(
    "args,message",
    [
        (["route", "--council", "atlantis", "--who", "child", "--about", "school"], "unknown council 'atlantis'"),
        (["route", "--council", "example", "--who", "grandparent", "--about", "school"], "--who"),
        (["route", "--council", "example", "--who", "child", "--about", "housing"], "--about"),
        (
            ["route", "--council", "example", "--who", "child", "--about", "school", "--happened", "2026-02-30"],
            "not a date in the form YYYY-MM-DD",
        ),
        (
            ["route", "--council", "example", "--who", "child", "--about", "school", "--received", "yesterday"],
            "--received",
        ),
        (
            ["route", "--council", "example", "--who", "advocate", "--about", "school", "--child-agrees", "maybe"],
            "--child-agrees",
        ),
        (
            ["route", "--council", "example", "--who", "advocate", "--about", "school", "--child-age", "-3"],
            "--child-age",
        ),
        (["route", "--who", "child", "--about", "school"], "--council"),
        (["timeline", "--council", "example", "--procedure", "school", "--received", "2026-01-05"], "--procedure"),
        (["timeline", "--council", "example", "--procedure", "statutory", "--received", "2026-W02-1"], "YYYY-MM-DD"),
        (["timeline", "--council", "example", "--procedure", "statutory"], "--received"),
        (["routes", "--council", "../example"], "unknown council"),
    ],
)
def test_bad_arguments_exit_2_with_a_clear_message(runner, args, message):
    assert message in run_bad(runner, *args)


def test_the_commands_work_through_create_app(app):
    """The real app factory registers the commands (``app`` is the shared fixture in tests/conftest.py)."""
    cli = app.test_cli_runner()
    route = cli.invoke(args=["route", "--council", "kingston", "--who", "parent", "--about", "child_protection"])
    assert route.exit_code == 0, route.output
    assert json.loads(route.stdout)["outcome"] == "statutory"
    timeline = cli.invoke(
        args=["timeline", "--council", "example", "--procedure", "corporate", "--received", "2027-03-26"]
    )
    assert timeline.exit_code == 0, timeline.output
    assert json.loads(timeline.stdout)["received"] == "2027-03-30"
    routes = cli.invoke(args=["routes", "--council", "example", "--json"])
    assert routes.exit_code == 0, routes.output
    assert json.loads(routes.stdout)["council"] == "example"
    bad = cli.invoke(args=["timeline", "--council", "example", "--procedure", "corporate", "--received", "soon"])
    assert bad.exit_code == 2
