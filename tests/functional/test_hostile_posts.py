"""Hostile input to EVERY POST endpoint: never a 500, never a traceback.

The endpoints are read from ``app.url_map``, so a POST route added later is attacked too (a route with a URL
argument this file does not know how to fill fails the test, so it cannot slip through untested). Each one gets
urlencoded junk, multipart posts with a file part in every field, values over and under the size limit, a field
repeated thousands of times, bytes that are not UTF-8, a body with no boundary, and JSON; in several states of
the session (nobody, a complaint ready to send for a parent and for a relative of a 14-year-old, staff signed in).
"""

from __future__ import annotations

import io
import json
import re

import pytest

from tests.conftest import TEST_STAFF_PASSWORD
from tests.journey_answers import PARENT, answer_until_check, asking_further, slug_of
from wizard.journey.steps import BY_SLUG, STEPS

RELATIVE_FOR_14 = {
    **PARENT,
    "who-are-you": {"who": "relative"},
    "about-the-child": {"child_name": "Ray Green", "child_age": "14", "child_dob": ["", "", ""]},
}

# Someone unhappy with a stage 1 reply, asking for stage 2 (the escalation path's own pages are then reachable).
STAGE2_REQUEST = {
    **PARENT,
    # Late (a reply in 2020): the "why now" page is on the path too.
    **asking_further("EX-23456789", "Still no visits.", "Visits.", reply=["1", "1", "2020"],
                     asking_later={"escalation_late_reason": "I was ill."}),
}

# How to fill each URL argument of a POST route. A new argument must be added here (the test says so).
ARGUMENT_VALUES = {"slug": sorted(BY_SLUG) + ["no-such-step"]}

NASTY = [
    "",
    "<script>alert('x')</script>",
    "line one\r\nBcc: someone@evil.example",
    "\x00\x01\x7f\u202e\u200b",
    "//evil.example/\t\n",
    "99999999999999999999",
    "31",
]


def post_urls(app) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        unknown = set(rule.arguments) - set(ARGUMENT_VALUES)
        assert not unknown, f"{rule.rule}: add values for {unknown} to ARGUMENT_VALUES so it is attacked too"
        if not rule.arguments:
            urls.append(rule.rule)
            continue
        (name,) = rule.arguments
        urls.extend(rule.rule.replace(f"<{name}>", value) for value in ARGUMENT_VALUES[name])
    # The posts that change the session's state most (send, sign out) go last.
    return sorted(urls, key=lambda url: (url.endswith(("/send", "/sign-out")), url))


def fields_of(form_class) -> list[str]:
    names = (a for a in dir(form_class) if not a.startswith("_"))
    return sorted(a for a in names if hasattr(getattr(form_class, a), "field_class"))


def own_fields(url: str) -> list[str]:
    """The fields of the form a URL takes (every step's page, the staff sign-in)."""
    step = BY_SLUG.get(url.rsplit("/", 1)[-1]) if url.startswith("/complaint/") else None
    if step is not None and step.form is not None:
        return fields_of(step.form)
    return ["password"] if url == "/staff/sign-in" else []


def field_names() -> list[str]:
    names = {"csrf_token", "next", "change", "submit", "password", "carry_on"}
    for step in STEPS:
        if step.form is not None:
            names.update(fields_of(step.form))
    return sorted(names)


def payloads(names: list[str], own: list[str]):
    """(label, keyword arguments for client.post) pairs; ``own`` are the fields of the page posted to."""
    for value in NASTY:
        yield f"urlencoded {value[:12]!r}", {"data": dict.fromkeys(names, value)}
    for name in own:
        yield f"200 KB in {name}", {"data": {**dict.fromkeys(names, "yes"), name: "x" * 200_000}}
    yield "repeated fields", {"data": {name: ["yes"] * 3000 for name in (own or names[:8])}}
    yield "over the size limit", {"data": {"what_happened": "x" * 400_000}}
    yield "a file in every field", {
        "data": {name: (io.BytesIO(b"GIF89a\x00\xff"), "photo.gif", "image/gif") for name in names},
        "content_type": "multipart/form-data",
    }
    for name in own:
        yield f"a file in {name}", {
            "data": {**dict.fromkeys(names, "yes"), name: (io.BytesIO(b"x"), "x.txt")},
            "content_type": "multipart/form-data",
        }
    yield "files and text under one name", {
        "data": {name: ["text", (io.BytesIO(b"x"), "x.txt")] for name in names},
        "content_type": "multipart/form-data",
    }
    yield "bytes that are not UTF-8", {
        "data": b"&".join(n.encode() + b"=%FF%FE%C0%AF\xff\xfe" for n in names),
        "content_type": "application/x-www-form-urlencoded",
    }
    yield "a strange charset", {
        "data": "danger=no&name=\u00e9".encode("latin-1"),
        "content_type": "application/x-www-form-urlencoded; charset=x-no-such-charset",
    }
    yield "multipart without a boundary", {"data": b"--x\r\n\r\n", "content_type": "multipart/form-data"}
    yield "multipart that never ends", {
        "data": b'--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nPat',
        "content_type": "multipart/form-data; boundary=b",
    }
    yield "JSON with nested values", {
        "data": json.dumps({name: {"a": [1, None, {"b": True}]} for name in names}),
        "content_type": "application/json",
    }
    yield "JSON numbers and lists", {
        "data": json.dumps({name: [1, 2.5, None] for name in names}),
        "content_type": "application/json",
    }
    yield "broken JSON", {"data": b"{not json", "content_type": "application/json"}


def token_of(response) -> str:
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', response.get_data(as_text=True))
    return found.group(1) if found else ""


def walk_with_tokens(client, answers) -> None:
    """Like answer_until_check, but posting each page's CSRF token (for the runs with CSRF checks on)."""
    response = client.get("/complaint/")
    for _ in range(40):
        assert response.status_code == 302
        if slug_of(response.location) == "check":
            return
        page = client.get(response.location)
        data = answers.get(slug_of(response.location), {"carry_on": "yes"})
        response = client.post(response.location, data={**data, "csrf_token": token_of(page)})
    raise AssertionError("never reached Check your answers")


def prepare(client, state: str) -> None:
    if state in READY:
        walk_with_tokens(client, READY[state])
    elif state == "staff signed in":
        page = client.get("/staff/sign-in")
        response = client.post("/staff/sign-in", data={"password": TEST_STAFF_PASSWORD, "csrf_token": token_of(page)})
        assert response.status_code == 302


READY = {
    "parent ready to send": PARENT,
    "relative of a 14-year-old ready to send": RELATIVE_FOR_14,
    "parent asking for stage 2 ready to send": STAGE2_REQUEST,
}
STATES = [
    "nobody", "parent ready to send", "relative of a 14-year-old ready to send",
    "parent asking for stage 2 ready to send", "staff signed in",
]


@pytest.mark.parametrize(
    ("state", "csrf"),
    [(state, False) for state in STATES]
    + [("nobody", True), ("parent ready to send", True), ("parent asking for stage 2 ready to send", True)],
)
def test_no_post_anywhere_gives_a_server_error(make_app, state, csrf):
    app = make_app(WTF_CSRF_ENABLED=csrf, PROPAGATE_EXCEPTIONS=False)  # a 500 is counted, not raised
    names = field_names()
    assert {"danger", "child_name", "happened", "email", "what_happened"} <= set(names)
    urls = post_urls(app)
    assert "/complaint/send" in urls and "/staff/sign-in" in urls and "/complaint/your-name" in urls
    assert "/complaint/next-stage" in urls and "/complaint/still-unhappy" in urls
    client = app.test_client()
    prepare(client, state)
    failures = []
    for url in urls:
        for label, kwargs in payloads(names, own_fields(url)):
            response = client.post(url, **kwargs)
            body = response.get_data(as_text=True)
            if response.status_code >= 500 or "Traceback" in body:
                failures.append(f"{url} {label}: {response.status_code}")
            elif "<script>alert" in body:
                failures.append(f"{url} {label}: markup not escaped")
    assert not failures, "\n".join(failures[:40])


def test_a_file_in_a_date_field_gets_a_clear_error_and_keeps_the_answers(client):
    """A file where a date is expected is ignored: the page asks for the date, as for an empty field."""
    answer_until_check(client, PARENT)
    response = client.post(
        "/complaint/when-did-it-happen",
        data={"happened": [(io.BytesIO(b"1"), "day.txt"), "1", "2026"]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303  # refused: back to the page, which shows the error once
    response = client.get(response.location)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "govuk-error-summary" in html
    # Nothing saved before is lost.
    check = client.get("/complaint/check").get_data(as_text=True)
    assert "Pat Jones" in check and "The visits stopped." in check
