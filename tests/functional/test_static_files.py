"""Light pages (issue 11): static files by hashed name, cached a year as immutable, sent compressed; HTML
compressed except where BREACH could read a secret; pages with personal details still never stored."""

from __future__ import annotations

import gzip
import re
import shutil

import brotli
import pytest

from tests.journey_answers import PARENT, answer_until_check
from wizard import assets

IMMUTABLE = "public, max-age=31536000, immutable"
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd", "Sec-Fetch-Site": "same-origin"}


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """The real static files, built as `make setup` builds them, into a folder of this test's own."""
    folder = tmp_path_factory.mktemp("static") / "dist"
    assets.build(assets.SOURCE_DIR, folder)
    return folder


@pytest.fixture
def built_app(make_app, dist):
    return make_app(STATIC_DIST_DIR=dist, WTF_CSRF_ENABLED=False)


def linked_files(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/(?:static/|council\.)[^"]+)"', html)


def directives(header: str) -> set[str]:
    return {part.strip() for part in header.split(",")}


def test_pages_link_static_files_by_hashed_name_cached_for_a_year(built_app):
    client = built_app.test_client()
    links = linked_files(client.get("/").get_data(as_text=True))
    assert {"css", "mjs", "svg"} <= {link.rsplit(".", 1)[1] for link in links}
    for link in links:
        assert re.search(r"\.[0-9a-f]{12}\.[a-z]+$", link), link
        response = client.get(link)
        assert response.status_code == 200, link
        assert directives(response.headers["Cache-Control"]) == directives(IMMUTABLE), link
        assert "no-store" not in response.headers["Cache-Control"]
        # The headers security.py gives pages are on files WhiteNoise serves too.
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], link
        assert response.headers["X-Content-Type-Options"] == "nosniff", link


def test_modules_load_each_other_by_hashed_name_too(built_app):
    """Otherwise a warm cache would still ask for govuk-frontend.min.js on every page."""
    client = built_app.test_client()
    script = next(link for link in linked_files(client.get("/").get_data(as_text=True)) if link.endswith(".mjs"))
    source = client.get(script).get_data(as_text=True)
    imports = re.findall(r"from '([^']+)'", source)
    assert len(imports) == 3  # GOV.UK Frontend, the character count as the server counts, the timeout warning
    for specifier in imports:
        url = "/static/js/" + specifier.removeprefix("./") if specifier.startswith("./") else None
        url = url or "/static/" + specifier.removeprefix("../")
        response = client.get(url)
        assert response.status_code == 200, url
        assert directives(response.headers["Cache-Control"]) == directives(IMMUTABLE), url


def test_static_files_are_sent_as_the_prebuilt_brotli_or_gzip_copy(built_app, dist):
    client = built_app.test_client()
    css = next(link for link in linked_files(client.get("/").get_data(as_text=True)) if "/build/main." in link)
    plain = client.get(css, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    original = plain.get_data()
    assert original == (dist / "files" / css.removeprefix("/static/")).read_bytes()

    as_brotli = client.get(css, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert as_brotli.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in as_brotli.headers["Vary"]
    assert brotli.decompress(as_brotli.get_data()) == original
    assert len(as_brotli.get_data()) < len(original) / 5

    as_gzip = client.get(css, headers={"Accept-Encoding": "gzip"})
    assert as_gzip.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(as_gzip.get_data()) == original
    # Made once by the build, not for each request.
    assert (dist / "files" / (css.removeprefix("/static/") + ".br")).is_file()
    assert (dist / "files" / (css.removeprefix("/static/") + ".gz")).is_file()


def test_a_file_asked_for_by_its_plain_name_is_kept_only_a_minute(built_app):
    response = built_app.test_client().get("/static/build/main.css")
    assert response.status_code == 200
    assert directives(response.headers["Cache-Control"]) == {"public", "max-age=60"}


def test_council_css_is_cached_and_renamed_when_the_colour_changes(make_app, dist):
    example = make_app(COUNCIL="example", STATIC_DIST_DIR=dist).test_client()
    kingston = make_app(COUNCIL="kingston", STATIC_DIST_DIR=dist).test_client()
    example_css = next(link for link in linked_files(example.get("/").get_data(as_text=True)) if "council" in link)
    kingston_css = next(link for link in linked_files(kingston.get("/").get_data(as_text=True)) if "council" in link)
    assert example_css != kingston_css  # another colour, another name: nobody keeps the old colour

    response = example.get(example_css)
    assert response.mimetype == "text/css" and "#4c2c92" in response.get_data(as_text=True)
    assert directives(response.headers["Cache-Control"]) == directives(IMMUTABLE)
    assert "Cookie" not in response.headers.get("Vary", "")  # else the cache would miss on every new cookie

    # A page from before the colour changed asks for the old name: today's colour, and not kept.
    stale = example.get(kingston_css)
    assert "#4c2c92" in stale.get_data(as_text=True)
    assert "immutable" not in stale.headers["Cache-Control"] and "no-cache" in stale.headers["Cache-Control"]
    assert example.get("/council.not-a-digest.css").status_code == 404


def test_pages_are_compressed_and_still_never_stored(built_app):
    client = built_app.test_client()
    answer_until_check(client, PARENT)
    for url in ["/", "/complaint/your-name", "/complaint/check"]:
        plain = client.get(url, headers={"Sec-Fetch-Site": "same-origin"})
        response = client.get(url, headers=BROWSER)
        assert response.status_code == 200, url
        assert response.headers["Content-Encoding"] == "br", url
        assert "Accept-Encoding" in response.headers["Vary"], url
        assert "no-store" in response.headers["Cache-Control"], url
        html = brotli.decompress(response.get_data()).decode()
        assert len(response.get_data()) < len(html) / 2, url
        assert html.count("<h1") == 1 and "</html>" in html
        if url != "/":
            assert "Pat Jones" in html and "Pat Jones" in plain.get_data(as_text=True)


def test_pages_with_a_token_are_not_compressed_for_requests_another_site_started(make_app, dist):
    """BREACH: another site making the browser fetch a page with the person's cookie gets it uncompressed."""
    client = make_app(STATIC_DIST_DIR=dist).test_client()  # CSRF on: the pages carry a token
    first = client.get("/complaint/", headers=BROWSER)
    page_url = first.location
    same_site = client.get(page_url, headers=BROWSER)
    assert same_site.headers["Content-Encoding"] == "br"
    assert 'name="csrf_token"' in brotli.decompress(same_site.get_data()).decode()

    typed = client.get(page_url, headers={**BROWSER, "Sec-Fetch-Site": "none"})  # typed or bookmarked
    assert typed.headers["Content-Encoding"] == "br"
    for started_by in ("cross-site", "same-site", None):  # another site, a sibling subdomain, an old browser
        headers = {"Accept-Encoding": BROWSER["Accept-Encoding"]}
        if started_by:
            headers["Sec-Fetch-Site"] = started_by
        response = client.get(page_url, headers=headers)
        assert "Content-Encoding" not in response.headers, started_by
        assert 'name="csrf_token"' in response.get_data(as_text=True)
        assert "no-store" in response.headers["Cache-Control"]


def test_a_first_visit_from_a_link_on_the_councils_site_is_compressed(make_app, dist):
    """No cookie yet, so nothing of the person's is in the page: compressing it gives nothing away."""
    client = make_app(STATIC_DIST_DIR=dist).test_client()
    response = client.get("/", headers={"Accept-Encoding": "gzip, br", "Sec-Fetch-Site": "cross-site"})
    assert response.headers["Content-Encoding"] == "br"


def test_staff_pages_stay_unstored_and_unindexed(built_app):
    response = built_app.test_client().get("/staff/", headers=BROWSER)
    assert "no-store" in response.headers["Cache-Control"]
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"


def test_a_build_older_than_its_sources_is_not_used(make_app, tmp_path, caplog):
    source = tmp_path / "static"
    shutil.copytree(assets.SOURCE_DIR, source, ignore=shutil.ignore_patterns("dist", "scss"))
    assets.build(source, tmp_path / "dist", compress=False)
    assert assets.load_manifest(tmp_path / "dist", source)[0] is not None
    (source / "js" / "app.mjs").write_text((source / "js" / "app.mjs").read_text() + "\n// changed\n")
    built, problem = assets.load_manifest(tmp_path / "dist", source)
    assert built is None and "older than the files" in problem

    app = make_app(STATIC_DIST_DIR=tmp_path / "missing")
    assert "no build of the static files" in caplog.text
    # Still a working site: the plain names, served by Flask as before.
    client = app.test_client()
    links = linked_files(client.get("/").get_data(as_text=True))
    assert "/static/build/main.css" in links
    assert client.get("/static/build/main.css").status_code == 200


def test_the_build_names_files_by_content_and_rewrites_references(tmp_path):
    source = tmp_path / "static"
    (source / "js").mkdir(parents=True)
    (source / "scss").mkdir()
    (source / "scss" / "x.scss").write_text("a{}")
    (source / "js" / "a.mjs").write_text("import { b } from './b.mjs'\nimport('../js/c.js')\nb()\n")
    (source / "js" / "b.mjs").write_text("export function b () { return 1 }\n")
    (source / "js" / "c.js").write_text("console.log('c')\n")
    (source / "site.css").write_text('.x{background:url("/static/js/c.js")}.y{background:url(data:image/png;a)}')
    files = assets.build(source, tmp_path / "dist")
    assert set(files) == {"js/a.mjs", "js/b.mjs", "js/c.js", "site.css"}  # not the Sass sources
    built_a = (tmp_path / "dist" / "files" / files["js/a.mjs"]).read_text()
    assert f"from './{files['js/b.mjs'].split('/')[-1]}'" in built_a
    assert f"import('../js/{files['js/c.js'].split('/')[-1]}')" in built_a
    assert f'url("/static/{files["js/c.js"]}")' in (tmp_path / "dist" / "files" / files["site.css"]).read_text()

    # Changing a file that a.mjs loads renames a.mjs too.
    (source / "js" / "b.mjs").write_text("export function b () { return 2 }\n")
    again = assets.build(source, tmp_path / "dist")
    assert again["js/b.mjs"] != files["js/b.mjs"] and again["js/a.mjs"] != files["js/a.mjs"]
    assert again["js/c.js"] == files["js/c.js"]

    (source / "js" / "b.mjs").write_text("import './a.mjs'\n")
    with pytest.raises(assets.AssetBuildError, match="loop"):
        assets.build(source, tmp_path / "dist")
