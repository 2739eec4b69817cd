"""Staff pages are private: every staff URL asks for sign-in, and no staff page is indexed or cached."""

from __future__ import annotations

import pytest
from werkzeug.routing import IntegerConverter, UUIDConverter

from tests.conftest import TEST_STAFF_PASSWORD

# The only staff page that answers without a session: the sign-in page itself.
OPEN_TO_EVERYONE = {"staff.sign_in", "staff.login"}
SAMPLE_VALUES = {IntegerConverter: "1", UUIDConverter: "00000000-0000-0000-0000-000000000000"}


def staff_urls(app):
    """(method, url) for every rule of the staff blueprint, with a made-up value for each variable part."""
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("staff."):
            continue
        values = {name: SAMPLE_VALUES.get(type(conv), "sample") for name, conv in rule._converters.items()}
        url = rule.build(values, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((rule.endpoint, method, url))
    return found


def test_the_staff_blueprint_has_pages_to_check(app):
    endpoints = {endpoint for endpoint, _method, _url in staff_urls(app)}
    assert {"staff.index", "staff.routing", "staff.scenario"} <= endpoints


def test_every_staff_url_asks_for_sign_in_without_a_session(app):
    client = app.test_client()
    checked = 0
    for endpoint, method, url in staff_urls(app):
        if endpoint in OPEN_TO_EVERYONE:
            continue
        response = client.open(url, method=method)
        assert response.status_code in (302, 303, 401, 403), f"{method} {url} answered {response.status_code}"
        if response.status_code in (302, 303):
            assert "/staff/sign-in" in response.headers["Location"], f"{method} {url} went elsewhere"
        assert response.headers.get("X-Robots-Tag") == "noindex, nofollow"
        checked += 1
    assert checked >= 4


def test_a_session_from_the_citizen_journey_does_not_open_the_staff_pages(app):
    client = app.test_client()
    client.get("/")  # a citizen's visit
    client.post("/complaint/child-in-danger", data={"danger": "no"})
    for endpoint, method, url in staff_urls(app):
        if endpoint in OPEN_TO_EVERYONE or method != "GET":
            continue
        assert client.get(url).status_code in (302, 303, 401, 403), url


def signed_in(client):
    response = client.post("/staff/sign-in", data={"password": TEST_STAFF_PASSWORD})
    assert response.status_code in (302, 303)
    return client


@pytest.mark.parametrize("signed", [False, True])
def test_no_staff_page_is_indexed_or_cached(app, signed):
    client = app.test_client()
    if signed:
        signed_in(client)
    urls = [url for endpoint, method, url in staff_urls(app) if method == "GET"]
    urls += ["/staff/sign-in", "/staff/no-such-page"]
    for url in urls:
        response = client.get(url)
        assert response.headers["X-Robots-Tag"] == "noindex, nofollow", url
        assert "no-store" in response.headers["Cache-Control"], url
        if response.status_code == 200 and response.mimetype == "text/html":
            assert '<meta name="robots" content="noindex, nofollow">' in response.get_data(as_text=True), url


def test_citizen_pages_stay_indexable(client):
    response = client.get("/")
    assert "X-Robots-Tag" not in response.headers
    assert 'name="robots"' not in response.get_data(as_text=True)
