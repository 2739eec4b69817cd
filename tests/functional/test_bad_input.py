"""Nasty input on every page of the journey: an error on the page or a redirect, never a 500, never echoed raw.

For each page a parent meets (and the pages for someone complaining for a 14-year-old), every field is sent
empty, huge, as markup, with line breaks and control characters, as a list where one value is expected, and as
an impossible date; then the right answer is sent and the walk goes on.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.journey_answers import PARENT, slug_of

NASTY = [
    "",
    " ",
    "x" * 20000,
    "<script>alert('x')</script>",
    "Robert'); DROP TABLE drafts;--",
    "line one\r\nBcc: someone@evil.example",
    "\x00\x01\x7f",
    "\u202e\u2028emoji 🧒🏽",
    "-1",
    "99999999999999999999",
    "31",
    "not-a-choice",
]

RELATIVE_FOR_14 = {
    **PARENT,
    "who-are-you": {"who": "relative"},
    "about-the-child": {"child_name": "Ray Green", "child_age": "14", "child_dob": ["", "", ""]},
}


def field_names(data: dict) -> list[str]:
    return sorted(set(data) | {"carry_on"})


def fuzz_payloads(data: dict):
    names = field_names(data)
    for value in NASTY:
        yield dict.fromkeys(names, value)
        yield {name: [value, value, value] for name in names}
    yield {}
    yield {name: ["31", "2", "2026"] for name in names}  # 31 February
    yield {name: ["1", "1", "2999"] for name in names}  # a date in the future


def assert_handled(client, response, slug, payload):
    html = response.get_data(as_text=True)
    if response.status_code == 413:  # over the 256 KB a form may send: a page that says so, in the layout
        assert "What you sent is too long" in html
        return
    # Accepted (302 onwards) or refused (303 back to the same page, which then shows the errors once).
    assert response.status_code in (302, 303), (slug, payload, response.status_code)
    if response.status_code == 303:
        assert slug_of(response.location) == slug, (slug, payload, response.location)
        shown = client.get(response.location)
        html = shown.get_data(as_text=True)
        assert shown.status_code == 200
        assert "govuk-error-summary" in html, (slug, payload, "no error shown")
    assert "<script>alert" not in html, (slug, "markup from the person was not escaped")
    assert "Traceback" not in html


@pytest.mark.parametrize("answers", [PARENT, RELATIVE_FOR_14], ids=["parent", "relative-for-14"])
def test_every_page_survives_nasty_input(client, answers):
    response = client.get("/complaint/")
    visited = []
    for _ in range(40):
        assert response.status_code == 302
        slug = slug_of(response.location)
        if slug == "check":
            break
        visited.append(slug)
        data = answers.get(slug, {"carry_on": "yes"})
        for payload in fuzz_payloads(data):
            assert_handled(client, client.post(response.location, data=payload), slug, payload)
            # Whatever was accepted, the journey still knows where the person is.
            assert client.get(response.location).status_code in (200, 302)
        response = client.post(response.location, data=data)
    else:
        raise AssertionError(f"never reached Check your answers: {visited}")
    assert len(visited) > 10
    assert client.get("/complaint/check").status_code in (200, 302)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    slug=st.sampled_from(sorted(PARENT)),
    payload=st.dictionaries(
        st.sampled_from(sorted({k for v in PARENT.values() for k in v} | {"carry_on", "csrf_token", "change"})),
        st.one_of(st.text(max_size=300), st.lists(st.text(max_size=20), max_size=4)),
        max_size=6,
    ),
)
def test_any_post_to_any_step_never_fails(client, slug, payload):
    response = client.post(f"/complaint/{slug}", data=payload)
    # Accepted (302), refused (303 to a page that shows why), or a page not on this person's route.
    assert response.status_code in (302, 303, 404)
    assert "Traceback" not in response.get_data(as_text=True)
    if response.status_code == 303:
        shown = client.get(response.location)
        assert shown.status_code in (200, 302)
        assert "Traceback" not in shown.get_data(as_text=True)
