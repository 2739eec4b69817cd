"""The pages every visitor can reach, fetched through the checking test client."""

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
PAGES = ["/", "/accessibility", "/privacy", "/cookies"]


@pytest.mark.parametrize("path", PAGES)
def test_page_is_served_in_the_council_layout(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<span class="app-header__council">Example Council</span>' in html
    assert "Exit this page" in html
    assert 'href="#main-content"' in html
    assert "Accessibility statement" in html and "Privacy notice" in html
    # Councils are not GOV.UK: no crown, no GOV.UK logotype, no GDS Transport.
    assert "govuk-logo" not in html and "GOV.UK" not in html and "Crown copyright" not in html


def test_start_page_says_who_it_is_for_and_what_to_have_ready(client):
    html = client.get("/").get_data(as_text=True)
    assert "Make a complaint about children's social care" in html
    assert 'call <a class="govuk-link app-tel" href="tel:999">999</a>' in html
    assert "Before you start" in html
    assert "Start now" in html


def test_privacy_notice_says_how_long_things_are_kept(make_app):
    app = make_app(RETENTION_DAYS=45, DRAFT_TIMEOUT_MINUTES=90)
    html = app.test_client().get("/privacy").get_data(as_text=True)
    assert "45 days after the emails have been delivered" in html
    assert "90 minutes" in html


def test_cookies_page_names_the_only_cookie(client):
    html = client.get("/cookies").get_data(as_text=True)
    assert "complaint_session" in html


def test_brand_colour_comes_from_the_council_profile(client, app):
    css = client.get("/council.css")
    assert css.mimetype == "text/css"
    assert app.extensions["council"].brand_colour in css.get_data(as_text=True)


def test_kingston_profile_brands_the_pages(make_app):
    app = make_app(COUNCIL="kingston")
    html = app.test_client().get("/").get_data(as_text=True)
    assert "Kingston" in html
    assert "0208 547 5000" in html


def test_unknown_page_gets_a_404_in_the_council_layout(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Page not found" in html and "Example Council" in html


def test_server_error_page_in_the_council_layout_without_details(make_app, caplog):
    app = make_app(WTF_CSRF_ENABLED=False)
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/explode")
    def explode():
        raise RuntimeError("secret child name Alice")

    response = app.test_client().get("/explode?name=Alice")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in html
    assert "Alice" not in html
    assert "Alice" not in caplog.text


FORM = "/complaint/child-in-danger"  # a form page (Flask-Limiter counts posts to the app's routes)


def test_too_many_posts_get_the_429_page(make_app):
    app = make_app(RATE_LIMIT_PER_MINUTE=3, WTF_CSRF_ENABLED=False)
    client = app.test_client()
    statuses = [client.post(FORM).status_code for _ in range(4)]
    assert 429 not in statuses[:3]  # the page answers (an error on the empty form)
    assert statuses[3] == 429
    assert "too many attempts" in client.post(FORM).get_data(as_text=True)


def test_language_switcher_changes_the_page_language(client):
    response = client.get("/language/cy?next=/privacy")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/privacy")
    html = client.get("/privacy").get_data(as_text=True)
    assert '<html lang="cy"' in html
    client.get("/language/en?next=/")
    assert '<html lang="en"' in client.get("/").get_data(as_text=True)


def test_welsh_pages_say_that_some_parts_are_still_in_english(make_app, tmp_path):
    # A catalogue with one sentence not translated yet (as when someone adds a sentence before the translator
    # has been): Welsh pages say so; English pages never do.
    partial = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, partial)
    po = partial / "cy" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as f:
        catalog = read_po(f, locale="cy")
    catalog.get("Cookies").string = ""
    with po.open("wb") as f:
        write_po(f, catalog)
    client = make_app(WTF_CSRF_ENABLED=False, BABEL_TRANSLATION_DIRECTORIES=str(partial)).test_client()
    notice = "Nid yw rhai rhannau o'r gwasanaeth hwn wedi'u cyfieithu eto."
    assert notice not in client.get("/").get_data(as_text=True).replace("&#39;", "'")
    client.get("/language/cy?next=/")
    for path in ("/", "/complaint/"):
        html = client.get(path, follow_redirects=True).get_data(as_text=True).replace("&#39;", "'")
        assert notice in html, path


def test_language_switcher_never_redirects_off_site(client):
    for target in ["https://evil.example/", "//evil.example/", "/\\evil.example"]:
        response = client.get("/language/cy", query_string={"next": target})
        assert response.headers["Location"] in ("/", "http://localhost/")


def test_welsh_catalogue_is_compiled_and_used(client):
    client.get("/language/cy?next=/")
    html = client.get("/").get_data(as_text=True)
    assert "Gwneud cwyn am ofal cymdeithasol plant" in html


def test_expired_form_token_gets_a_friendly_page(make_app):
    app = make_app()  # CSRF checks on

    @app.post("/form-test")
    def form_test():
        return "accepted"

    response = app.test_client().post("/form-test", data={"answer": "x"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "This page timed out" in html
    assert 'href="/form-test"' in html


def test_behind_a_proxy_the_rate_limit_counts_each_person_not_the_proxy(make_app):
    app = make_app(RATE_LIMIT_PER_MINUTE=2, WTF_CSRF_ENABLED=False, PROXY_COUNT=1)
    client = app.test_client()
    for person in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
        statuses = [client.post(FORM, headers={"X-Forwarded-For": person}).status_code for _ in range(2)]
        assert 429 not in statuses, person  # each person has their own allowance
    assert client.post(FORM, headers={"X-Forwarded-For": "203.0.113.1"}).status_code == 429


def test_without_a_proxy_setting_forwarded_addresses_are_not_trusted(make_app):
    app = make_app(RATE_LIMIT_PER_MINUTE=2, WTF_CSRF_ENABLED=False)
    client = app.test_client()
    statuses = [client.post(FORM, headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code for n in range(3)]
    assert statuses[-1] == 429  # a client cannot dodge the limit by making up addresses


def test_a_welsh_speaker_in_danger_is_told_what_to_do_in_welsh(make_app):
    """The first question and the emergency page are translated before anything else."""
    client = make_app(WTF_CSRF_ENABLED=False).test_client()
    client.get("/language/cy?next=/")
    first = client.get("/complaint/", follow_redirects=True)
    assert "Ydy plentyn mewn perygl ar hyn o bryd?" in first.get_data(as_text=True)
    page = client.post(first.request.path, data={"danger": "yes"}, follow_redirects=True)
    html = page.get_data(as_text=True).replace("&#39;", "'")
    text = re.sub(r"<[^>]+>", "", html)
    assert "Cael help nawr" in html
    assert "Os yw plentyn mewn perygl uniongyrchol, ffoniwch 999 nawr." in text
    assert "ffoniwch wasanaethau plant Example Council ar 01632 960001." in text
    assert 'href="tel:999"' in html and 'href="tel:+441632960001"' in html
    assert "Parhau â chwyn" in html



def test_with_the_shipped_welsh_catalogue_no_page_says_it_is_partly_in_english(client):
    notice = "Nid yw rhai rhannau o'r gwasanaeth hwn wedi'u cyfieithu eto."
    client.get("/language/cy?next=/")
    for path in ("/", "/complaint/", "/accessibility"):
        html = client.get(path, follow_redirects=True).get_data(as_text=True).replace("&#39;", "'")
        assert '<html lang="cy"' in html and notice not in html, path
