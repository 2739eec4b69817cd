"""The language switch's `next` (and every other redirect to a place a person's browser sent) stays on this site.

Browsers read a Location leniently (they drop tabs and line breaks, take a backslash for a slash), so each known
trick is sent as it would arrive on the wire, and the answer must be a path on this site that a browser cannot
read as another host, or the start page.
"""

from urllib.parse import urljoin

import pytest

BYPASSES = [
    "/%09/evil.example/x",
    "/%0a/evil.example",
    "/%0d%0a/evil.example",
    "%0a//evil.example",
    "/%0aSet-Cookie:%20x=1",
    "/%00/evil.example",
    "//evil.example",
    "///evil.example",
    "////evil.example/",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "%5C%5Cevil.example",
    "/%5C/evil.example",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "/%2F/evil.example",
    "/%252F%252Fevil.example",
    "https:evil.example",
    "https://evil.example",
    "http:/evil.example",
    "HTTPS://evil.example",
    "javascript:alert(1)",
    "%20//evil.example",
    "/%20/evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "/%09%2F/evil.example",
    "/%EF%BC%8F/evil.example",  # fullwidth solidus
    "%EF%BC%8F%EF%BC%8Fevil.example",
    "/%E2%80%AE/evil.example",  # right-to-left override
    "/%E2%80%8B/evil.example",  # zero-width space
    "/%E3%80%80/evil.example",  # ideographic space
    "/%C0%AF/evil.example",  # overlong slash
    "@evil.example",
    "/@evil.example",
    "evil.example",
    "/privacy%0d%0aLocation:%20//evil.example",
    "/privacy?x=%0a//evil.example",
    "/" + "a" * 5000,
]


def is_local(location: str) -> bool:
    """What a browser would make of the Location: still this site."""
    cleaned = "".join(ch for ch in location if ch not in "\t\r\n").replace("\\", "/")
    return (
        cleaned.startswith("/")
        and not cleaned.startswith("//")
        and urljoin("http://wizard.test/", cleaned).startswith("http://wizard.test/")
        and all(32 < ord(ch) < 127 for ch in location)
    )


@pytest.mark.parametrize("target", BYPASSES)
def test_language_switch_never_leads_off_the_site(client, target):
    response = client.get(f"/language/cy?next={target}")
    assert response.status_code == 302, target
    location = response.headers["Location"]
    assert is_local(location), (target, location)
    assert location == "/", (target, location)


@pytest.mark.parametrize("target", ["/privacy", "/complaint/your-name", "/", "/accessibility", "/complaint/check"])
def test_language_switch_returns_to_the_page_the_person_was_on(client, target):
    response = client.get("/language/cy", query_string={"next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == target
    assert 'lang="cy"' in client.get("/").get_data(as_text=True)


def test_a_page_that_does_not_exist_is_not_a_target(client):
    assert client.get("/language/cy?next=/no-such-page").headers["Location"] == "/"
    assert client.get("/language/cy?next=/complaint/x/y").headers["Location"] == "/"


def test_timed_out_page_offers_a_way_back_only_to_this_site(make_app):
    """The 'page timed out' error links back to the page posted to: never to a path a browser reads as a host."""
    client = make_app().test_client()  # CSRF checks on
    response = client.post("/staff/sign-in", data={"password": "x"})
    assert response.status_code == 400
    assert 'href="/staff/sign-in"' in response.get_data(as_text=True)


HOSTILE_HOST = {"Host": "evil.example"}


@pytest.mark.parametrize("path", ["/complaint", "/staff", "/complaint/check/", "/language/cy?next=/complaint"])
def test_a_hostile_host_header_is_refused_when_the_hosts_are_set(make_app, path):
    client = make_app(TRUSTED_HOSTS=["complaints.example.gov.uk"]).test_client()
    response = client.get(path, headers=HOSTILE_HOST)
    assert response.status_code == 400
    assert "Location" not in response.headers
    ours = client.get(path, headers={"Host": "complaints.example.gov.uk"})
    assert ours.status_code in (200, 302, 303, 308, 404)


@pytest.mark.parametrize("path", ["/complaint", "/staff"])
def test_the_slash_redirect_never_names_the_host_it_was_given(make_app, path):
    """Without TRUSTED_HOSTS (development) the redirect is relative: it cannot lead to the Host sent."""
    client = make_app().test_client()
    response = client.get(path, headers=HOSTILE_HOST)
    assert response.status_code == 308
    assert response.headers["Location"] == path + "/"
    assert response.headers["Location"].startswith("/") and not response.headers["Location"].startswith("//")


@pytest.mark.parametrize(
    ("location", "host", "expected"),
    [
        ("http://evil.example/complaint/", "evil.example", "/complaint/"),
        ("https://evil.example:8443/a?b=1", "evil.example:8443", "/a?b=1"),
        ("http://evil.example//other.example/", "evil.example", "/other.example/"),
        ("http://evil.example/\\other.example/", "evil.example", "/other.example/"),
        ("https://www.bbc.co.uk/weather", "complaints.example.gov.uk", "https://www.bbc.co.uk/weather"),
        ("/complaint/", "evil.example", "/complaint/"),
    ],
)
def test_redirects_to_the_requests_own_host_become_relative(location, host, expected):
    from wizard.security import own_relative_location

    assert own_relative_location(location, host) == expected
