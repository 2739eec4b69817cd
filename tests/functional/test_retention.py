"""Personal data goes when its time is up, even where nobody set up the daily purge."""

from datetime import timedelta

import pytest

from tests.conftest import STORAGE_BACKENDS, database_for
from tests.delivery_fixtures import council_record
from wizard import db
from wizard.delivery import send_pending, submit_complaint
from wizard.delivery.store import utcnow
from wizard.journey.drafts import purge_expired
from wizard.retention import PURGE_INTERVAL_SECONDS, purge, purge_if_due


@pytest.fixture(params=STORAGE_BACKENDS)
def database_url(request):
    """These tests run on SQLite and on a real PostgreSQL server."""
    return database_for(request, request.param)


def stored_complaint(app, key="key-1"):
    connection = db.connect(app.config)
    with db.transaction(connection):
        reference = submit_complaint(connection, council_record(), key)
    send_pending(connection, app.config, due_only=False, profile=app.extensions["council"])  # files: delivered
    connection.close()
    return reference


def content_of(app, reference):
    connection = db.connect(app.config)
    row = connection.execute("SELECT record FROM complaints WHERE reference = ?", (reference,)).fetchone()
    connection.close()
    return row[0]


def test_purge_keeps_content_until_retention_ends_then_deletes_it_and_its_mail_files(app):
    reference = stored_complaint(app)
    mail = app.config["DATA_DIR"] / "mail"
    assert list(mail.glob(f"{reference}-*.eml"))

    early = purge(app.config, purge_expired, now=utcnow() + timedelta(days=app.config["RETENTION_DAYS"] - 1))
    assert early.complaints == 0 and content_of(app, reference) is not None

    late = purge(app.config, purge_expired, now=utcnow() + timedelta(days=app.config["RETENTION_DAYS"], hours=1))
    assert late.complaints == 1 and late.mail_files == 3
    assert content_of(app, reference) is None
    assert not list(mail.glob(f"{reference}-*.eml"))


def test_starting_a_complaint_runs_the_purge_at_most_every_interval(app, client):
    state = app.extensions.setdefault("retention", {})
    client.get("/complaint/")
    first = state["last_purge"]
    client.get("/complaint/")  # an existing draft: no purge
    other = app.test_client()
    other.get("/complaint/")  # someone new, but within the interval
    assert state["last_purge"] == first

    later = first + PURGE_INTERVAL_SECONDS + 1
    assert purge_if_due(app.config, state, purge_expired, clock=lambda: later) is not None
    assert state["last_purge"] == later


def test_purge_command_reports_counts(app, runner):
    stored_complaint(app)
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0
    assert "complaints purged: 0" in result.output
    assert "mail files deleted: 0" in result.output
    assert "expired drafts deleted: 0" in result.output
