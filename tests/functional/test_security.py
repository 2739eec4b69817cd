"""Security headers and cookie settings on every response."""

import re


def test_strict_headers_on_pages(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert re.search(r"script-src 'self' 'nonce-[A-Za-z0-9_-]{16,}'", csp)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response.headers["Cache-Control"]
    # Development serves over plain http, so no HSTS there.
    assert "Strict-Transport-Security" not in response.headers


def test_every_response_gets_a_fresh_nonce_and_scripts_carry_it(client):
    first = client.get("/")
    second = client.get("/")
    nonce = re.search(r"'nonce-([^']+)'", first.headers["Content-Security-Policy"]).group(1)
    assert nonce != re.search(r"'nonce-([^']+)'", second.headers["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script[^>]*>", first.get_data(as_text=True))
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)


def test_headers_on_errors_and_static_files_too(client):
    for path in ["/no-such-page", "/static/build/main.css", "/council.css"]:
        response = client.get(path)
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], path
        assert response.headers["X-Content-Type-Options"] == "nosniff", path


def test_hsts_and_secure_cookie_outside_development(make_app):
    app = make_app(APP_ENV="production", SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    response = client.get("/language/cy?next=/")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_session_cookie_is_http_only_and_lax_in_development(client):
    cookie = client.get("/language/cy?next=/").headers["Set-Cookie"]
    assert cookie.startswith("complaint_session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie
