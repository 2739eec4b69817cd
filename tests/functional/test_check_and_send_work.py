"""Check your answers and Send each validate every answer, once (issue 10): no page's answer validated twice in
the request, no set of answers routed twice, and Send looks the draft's key up once."""

from __future__ import annotations

import pytest

from tests.journey_answers import LONG, PARENT, answer_until_check
from wizard import db
from wizard.journey import steps as journey_steps


@pytest.fixture
def watched(monkeypatch):
    """Each step whose stored answer a request validated (with its form, or as a plain answer without it:
    ``journey/plain_answers.py``), and each ``Answers`` it routed."""
    seen = {"steps": [], "routed": []}
    real_make_form, real_route, real_plain = journey_steps.make_form, journey_steps.route, journey_steps.plain_values

    def make_form(step, ctx, data):
        seen["steps"].append(step.name)
        return real_make_form(step, ctx, data)

    def plain(step, data):
        found = real_plain(step, data)
        if found is not None:
            seen["steps"].append(step.name)
        return found

    def route(answers, profile):
        seen["routed"].append(answers)
        return real_route(answers, profile)

    monkeypatch.setattr(journey_steps, "make_form", make_form)
    monkeypatch.setattr(journey_steps, "plain_values", plain)
    monkeypatch.setattr(journey_steps, "route", route)

    def take():
        found = {key: list(value) for key, value in seen.items()}
        for value in seen.values():
            value.clear()
        return found

    return take


@pytest.mark.parametrize("answers", [PARENT, LONG], ids=["parent", "long"])
def test_check_and_send_validate_each_answer_once_and_route_each_set_of_answers_once(client, watched, answers):
    pages = answer_until_check(client, answers)
    assert len(pages) >= (22 if answers is LONG else 16)
    watched()
    assert client.get("/complaint/check").status_code == 200
    for request in ("check", "send"):
        found = watched()
        # Every page answered on the way (questions and the information pages carried on from), each once.
        assert len(found["steps"]) == len(pages) == len(set(found["steps"])), (request, found["steps"])
        assert found["routed"] and len(found["routed"]) == len(set(found["routed"])), (request, found["routed"])
        if request == "check":
            response = client.post("/complaint/send")
            assert response.status_code == 302 and response.location.endswith("/complaint/sent")


def test_send_looks_the_drafts_key_up_once_and_stores_one_complaint(app, client):
    answer_until_check(client)
    with db.recording() as statements:
        response = client.post("/complaint/send")
    assert response.status_code == 302 and response.location.endswith("/complaint/sent")
    lookups = [sql for sql, _ in statements if sql.startswith("SELECT reference FROM complaints WHERE idempotency_key")]
    assert len(lookups) == 1, statements
    assert sum(sql.startswith("INSERT INTO complaints") for sql, _ in statements) == 1
    connection = db.connect(app.config)
    try:
        assert connection.execute("SELECT count(*) FROM complaints").fetchone()[0] == 1
    finally:
        connection.close()
    # Pressed again (a double click): the same complaint, found by its key; nothing stored twice.
    assert client.post("/complaint/send").status_code == 302
    connection = db.connect(app.config)
    try:
        assert connection.execute("SELECT count(*) FROM complaints").fetchone()[0] == 1
    finally:
        connection.close()
