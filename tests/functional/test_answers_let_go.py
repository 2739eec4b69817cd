"""A request lets go of the person's answers when it ends, by reference counting: nothing of them waits in the
worker's memory for Python's cycle collector.

Check your answers and Send validate every answer again, each with its step's form, and a form and its fields point
at each other. Left so, each request left some 580 objects (forms, fields, the draft's answers, the decisions) for
the collector, whose runs then cost Check about 0.4 ms a request (bench/RESULTS.md, session 10). The walk cuts each
form loose once its values are taken (``webforms.let_go``), and the journey's teardown drops the draft and the
decisions it kept on ``g`` (which Flask's own objects hold in a cycle). What the page's template was given waits for
the collector with Jinja's render context, as on any page (the floor's too).
"""

from __future__ import annotations

import gc

import pytest

from tests.journey_answers import LONG, PARENT, answer_until_check
from wizard.journey.drafts import Draft
from wizard.journey.forms import StepForm
from wizard.journey.steps import BY_NAME, Context, make_form, step_values
from wizard.journey.views import profile, today
from wizard.webforms import let_go

MARK = "Marked words of the complaint 5y7q"


def left_for_the_collector(request) -> list:
    """The objects that only the cycle collector would have freed after ``request()``."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        request()
        gc.collect()
        return list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was_enabled:
            gc.enable()


def _holds_the_mark(thing) -> bool:
    if isinstance(thing, str):
        return MARK in thing
    if isinstance(thing, dict):
        return any(_holds_the_mark(v) for v in thing.values())
    if isinstance(thing, (list, tuple)):
        return any(_holds_the_mark(v) for v in thing)
    return False


def _reachable_from(root, target) -> bool:
    seen, todo = set(), [root]
    while todo:
        thing = todo.pop()
        if thing is target:
            return True
        if id(thing) in seen:
            continue
        seen.add(id(thing))
        if isinstance(thing, dict):
            todo.extend(thing.values())
        elif isinstance(thing, (list, tuple)):
            todo.extend(thing)
    return False


@pytest.mark.parametrize("answers", [PARENT, LONG], ids=["parent", "long"])
def test_check_your_answers_leaves_no_form_and_no_answer_for_the_collector(client, answers):
    marked = {**answers, "your-complaint": {**answers["your-complaint"], "what_happened": MARK}}
    answer_until_check(client, marked)
    client.get("/complaint/check")  # as the person sees it first

    response = []
    garbage = left_for_the_collector(lambda: response.append(client.get("/complaint/check")))

    assert response[0].status_code == 200 and MARK in response[0].get_data(as_text=True)
    assert [type(o).__name__ for o in garbage if isinstance(o, StepForm)] == []
    assert [o for o in garbage if isinstance(o, Draft)] == []
    # The person's words are left only where the page's template was given them (Jinja's context, in a cycle of
    # Jinja's own): not in a form, a field, the draft or the walk.
    holders = [o for o in garbage if isinstance(o, (dict, list, tuple)) and _holds_the_mark(o)]
    jinja_vars = [o for o in garbage if isinstance(o, dict) and "sections" in o and "url_for" in o]
    assert len(jinja_vars) == 1
    assert all(_reachable_from(jinja_vars[0], o) for o in holders)


def test_send_leaves_no_step_form_for_the_collector(client):
    answer_until_check(client, PARENT)
    client.get("/complaint/check")

    response = []
    garbage = left_for_the_collector(lambda: response.append(client.post("/complaint/send")))

    assert response[0].status_code == 302 and response[0].location.endswith("/complaint/sent")
    assert [type(o).__name__ for o in garbage if isinstance(o, StepForm)] == []
    assert [o for o in garbage if isinstance(o, Draft)] == []


def test_a_form_let_go_keeps_what_was_taken_from_it(app):
    """What the walk took from a form (its values) is its own: cutting the form loose changes none of it."""

    with app.test_request_context("/complaint/check"):
        step = BY_NAME["complaint"]
        ctx = Context(profile(), today(), {}, None, {})
        form = make_form(step, ctx, {"what_happened": [MARK], "who_involved": [""], "put_right": ["Sorry"]})
        assert form.validate_step()
        values = step_values(step, form)
        before = dict(values)
        let_go(form)
        assert values == before and values["what_happened"] == MARK
        assert all(field._form is None for field in form._fields.values())
