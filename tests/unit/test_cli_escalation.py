"""``flask route``, ``flask timeline`` and ``flask routes`` on the paths that take a complaint further."""

import json

import flask
import pytest

from wizard.cli import register


@pytest.fixture(scope="module")
def runner():
    app = flask.Flask(__name__)
    register(app)
    return app.test_cli_runner()


def run(runner, *args, code=0):
    result = runner.invoke(args=list(args))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def test_route_with_a_late_stage2_request(runner):
    out = json.loads(run(
        runner, "route", "--council", "kingston", "--who", "parent", "--about", "looked_after",
        "--reply-stage", "stage1", "--stated-procedure", "statutory", "--reply-date", "2026-12-11",
        "--received", "2027-01-14", "--agrees-early-referral",
    ).stdout)
    assert out["outcome"] == "statutory"  # the complaint's own route is still shown
    esc = out["escalation"]
    assert esc["outcome"] == "statutory_stage2"
    assert esc["window"] == {
        "stage": "statutory_stage2", "working_days": 20, "reply": "2026-12-11", "last_day": "2027-01-13",
        "requested": "2027-01-14", "late": True,
    }
    assert esc["flags"] == ["late", "early_referral_agreed"]
    assert esc["rules"] == ["statutory_stage1_reply", "late_request", "early_referral_agreed"]
    assert esc["options"] == ["early_referral"]


def test_route_not_sure_follows_the_complaints_routing(runner):
    out = json.loads(run(
        runner, "route", "--council", "example", "--who", "parent", "--about", "education",
        "--reply-stage", "stage2",
    ).stdout)
    assert out["escalation"]["outcome"] == "ombudsman"
    assert out["escalation"]["rules"][0] == "corporate_stage2_reply"
    assert out["escalation"]["flags"] == ["check_procedure"]


def test_timeline_of_a_review_panel_request(runner):
    out = json.loads(run(
        runner, "timeline", "--council", "lancashire", "--stage", "review_panel", "--received", "2027-03-01"
    ).stdout)
    assert out["stage"] == "review_panel"
    assert [(m["key"], m["due"]) for m in out["milestones"]] == [
        ("stage3_panel", "2027-04-14"), ("stage3_panel_report", "2027-04-21"), ("stage3_final_response", "2027-05-06"),
    ]


def test_routes_lists_the_escalation_table(runner):
    text = run(runner, "routes", "--council", "lancashire").stdout
    assert "Taking a complaint further" in text
    assert "statutory_stage1_reply" in text and "conciliation" in text
    data = json.loads(run(runner, "routes", "--council", "lancashire", "--json").stdout)
    assert {r["outcome"] for r in data["escalation"]} == {"statutory_stage2", "review_panel", "corporate_stage2",
                                                          "ombudsman"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["timeline", "--council", "example", "--received", "2027-03-01"], "either --procedure or --stage"),
        (["timeline", "--council", "example", "--procedure", "statutory", "--stage", "review_panel", "--received",
          "2027-03-01"], "either --procedure or --stage"),
        (["timeline", "--council", "example", "--stage", "ombudsman", "--received", "2027-03-01"], "--stage"),
        (["route", "--council", "example", "--who", "parent", "--about", "fostering", "--reply-date", "2027-01-01"],
         "need --reply-stage"),
        (["route", "--council", "example", "--who", "parent", "--about", "fostering", "--reply-stage", "stage1",
          "--reply-date", "2027-03-02", "--received", "2027-03-01"], "after the request"),
    ],
)
def test_bad_escalation_arguments_exit_2(runner, args, message):
    result = run(runner, *args, code=2)
    assert message in result.stderr
