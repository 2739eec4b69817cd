"""The staff pages: closed without a password, signed in with it, and showing the same rules as the domain."""

import sqlite3

from tests.conftest import TEST_STAFF_PASSWORD
from wizard.db import database_path


def sign_in(client):
    return client.post("/staff/sign-in", data={"password": TEST_STAFF_PASSWORD}, follow_redirects=True)


def test_staff_pages_are_closed_without_a_password(make_app):
    client = make_app(STAFF_PASSWORD=None, WTF_CSRF_ENABLED=False).test_client()
    for path in ["/staff/", "/staff/sign-in", "/staff/routing", "/staff/scenario"]:
        assert client.get(path).status_code == 404


def test_staff_pages_need_signing_in(client):
    response = client.get("/staff/routing")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/staff/sign-in")


def test_wrong_password_is_an_error_on_the_page(client):
    response = client.post("/staff/sign-in", data={"password": "not the password"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "govuk-error-summary" in html and "The password is not right" in html
    assert client.get("/staff/").status_code == 302


def test_empty_password_is_an_error_on_the_page(client):
    html = client.post("/staff/sign-in", data={"password": ""}).get_data(as_text=True)
    assert "Enter the password" in html


def test_overview_shows_the_councils_settings(client):
    html = sign_in(client).get_data(as_text=True)
    assert "Staff pages for Example Council" in html
    assert "complaints@example.gov.uk" in html
    assert "Written to files in the data folder" in html


def test_routing_map_lists_every_rule_and_combination(client, app):
    from wizard.domain.routing import FLAG_RULES, RULES, routing_table

    sign_in(client)
    html = client.get("/staff/routing").get_data(as_text=True)
    for rule in (*RULES, *FLAG_RULES):
        assert f'id="rule-{rule.id}"' in html
    assert html.count("data-rule=") == len(routing_table(app.extensions["council"]))


def test_scenario_tester_shows_outcome_reasons_and_dates(client):
    sign_in(client)
    html = client.get(
        "/staff/scenario",
        query_string={"who": "relative", "about": "fostering", "child_age": "14", "child_agrees": "no",
                      "submitted": "2026-12-24"},
    ).get_data(as_text=True)
    assert "Where it goes: The child&#39;s agreement is needed" in html
    html = client.get(
        "/staff/scenario",
        query_string={"who": "parent", "about": "fostering", "submitted": "2026-12-24", "flags": "proceedings"},
    ).get_data(as_text=True)
    assert "Where it goes: The children&#39;s social care complaints procedure" in html
    assert "Court or police involvement" in html
    # Received on Christmas Eve (a working day); acknowledged 3 working days later, after Christmas and Boxing Day.
    assert "Received on Thursday 24 December 2026." in html and "Thursday 31 December 2026" in html


def test_scenario_tester_reports_bad_input_on_the_page(client):
    sign_in(client)
    response = client.get("/staff/scenario", query_string={"who": "parent", "about": "fostering", "child_age": "99"})
    assert response.status_code == 200
    assert "Enter an age from 0 to 25" in response.get_data(as_text=True)
    response = client.get("/staff/scenario", query_string={"who": "king", "about": "fostering"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.get_data(as_text=True)


def test_sign_out(client):
    sign_in(client)
    client.post("/staff/sign-out")
    assert client.get("/staff/").status_code == 302


def test_overview_reports_emails_waiting_and_the_last_error(make_app):
    from tests.conftest import free_port
    from tests.delivery_fixtures import council_record
    from wizard import db
    from wizard.delivery import send_pending, submit_complaint

    closed_port = free_port()  # nothing listens here: the mail server is down
    app = make_app(WTF_CSRF_ENABLED=False, SMTP_HOST="127.0.0.1", SMTP_PORT=closed_port)
    connection = db.connect(app.config)
    with db.transaction(connection):
        reference = submit_complaint(connection, council_record(), "draft-key-1")
    report = send_pending(connection, app.config, due_only=False, profile=app.extensions["council"])
    connection.close()
    assert report.sent == 0

    client = app.test_client()
    html = sign_in(client).get_data(as_text=True)
    assert "Waiting to be sent" in html
    assert f"{reference}, council email" in html
    assert "Connection refused" in html or "refused" in html.lower()
    assert "Tyler" not in html  # the complaint's content never shows on the staff pages


def test_email_preview_shows_all_three_emails_built_by_the_real_code(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, ADVOCACY_INBOX="advocacy@council.example")
    client = app.test_client()
    sign_in(client)
    response = client.get("/staff/emails")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "[Statutory] [Advocate requested] Complaint EX-ABCDEFGH: Fostering" in html
    assert "To the complaints inbox" in html and "complaints@example.gov.uk" in html
    assert "To the person who complained" in html and "sample.relative@example.com" in html
    assert "To the advocacy service" in html and "advocacy@council.example" in html
    assert "complaint-EX-ABCDEFGH.json" in html
    assert "&#34;schema_version&#34;" in html or "&quot;schema_version&quot;" in html
    # Nothing was stored or sent.
    connection = sqlite3.connect(database_path(app.config["DATA_DIR"]))
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "complaints" in tables:
        assert connection.execute("SELECT count(*) FROM complaints").fetchone()[0] == 0
    connection.close()
    assert not (app.config["DATA_DIR"] / "mail").exists() or not list((app.config["DATA_DIR"] / "mail").iterdir())
