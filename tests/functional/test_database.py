"""DATABASE_URL, the schema at start-up and `flask db upgrade`, and how durably each kind of write is committed."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.conftest import base_config
from tests.journey_answers import answer_until_check
from wizard import create_app, db
from wizard.cli import db_group
from wizard.settings import SettingsError, load_settings


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("mysql://u:hunter2@db/complaints", "must start with postgresql://"),
        ("not a url", "is not a database URL"),
        ("postgresql+asyncpg://u:hunter2@db/complaints", "leave it out"),
        ("postgresql://u:hunter2@db", "names no database"),
        ("sqlite://", "must name a SQLite file"),
    ],
)
def test_a_bad_database_url_stops_start_up_naming_the_variable(value, says):
    with pytest.raises(SettingsError) as raised:
        load_settings({"DATABASE_URL": value})
    assert raised.value.variable == "DATABASE_URL"
    assert says in raised.value.problem
    assert "hunter2" not in str(raised.value)  # a password is never repeated into a log


def test_unset_means_sqlite_under_data_dir_and_needs_no_server(tmp_path):
    settings = load_settings({"DATA_DIR": str(tmp_path)})
    assert settings["DATABASE_URL"] is None
    app = create_app(base_config(tmp_path))
    assert db.database_url(app.config) == f"sqlite:///{(tmp_path / 'data' / 'wizard.sqlite3').resolve()}"
    assert (tmp_path / "data" / "wizard.sqlite3").exists()  # made, with its tables, at start-up
    assert db.current_revision(db.database_url(app.config)) == db.head_revision()


def test_postgres_urls_are_read_with_psycopg_3():
    assert load_settings({"DATABASE_URL": "postgres://u:p@db.example:5432/wizard"})["DATABASE_URL"] == (
        "postgresql+psycopg://u:p@db.example:5432/wizard"
    )


def test_a_database_that_cannot_be_reached_stops_start_up_naming_the_variable(tmp_path):
    from tests.postgres_server import free_port

    url = f"postgresql://wizard:hunter2@127.0.0.1:{free_port()}/nothing"
    with pytest.raises(SettingsError) as raised:
        create_app(base_config(tmp_path, DATABASE_URL=url, PRODUCTION=True))
    assert raised.value.variable == "DATABASE_URL"
    assert "cannot use the database" in raised.value.problem and "hunter2" not in str(raised.value)


def test_production_postgres_starts_only_once_flask_db_upgrade_has_run(tmp_path, postgres_server, monkeypatch):
    url = postgres_server.create_database("wizard_not_upgraded")
    with pytest.raises(SettingsError) as raised:
        create_app(base_config(tmp_path, DATABASE_URL=url, PRODUCTION=True))
    assert raised.value.variable == "DATABASE_URL"
    assert "flask --app wsgi db upgrade" in raised.value.problem

    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    assert runner.invoke(db_group, ["current"]).exit_code == 1
    result = runner.invoke(db_group, ["upgrade"])
    assert result.exit_code == 0, result.output
    assert f"tables at revision {db.head_revision()}" in result.output
    assert runner.invoke(db_group, ["upgrade"]).exit_code == 0  # again: nothing to do
    assert runner.invoke(db_group, ["current"]).exit_code == 0
    app = create_app(base_config(tmp_path, DATABASE_URL=url, PRODUCTION=True))
    assert app.config["DATABASE_URL"] == url


def test_drafts_are_committed_with_synchronous_normal_and_the_complaint_fully(make_app, monkeypatch):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_AFTER_RESPONSE=False)
    client = app.test_client()
    answer_until_check(client)
    statements: list[str] = []
    real_connect = db.connect

    def recording_connect(*args, **kwargs):
        connection = real_connect(*args, **kwargs)
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(db, "connect", recording_connect)
    assert client.post("/complaint/send").status_code == 302

    def mode_of(write: str) -> str:
        """The synchronous setting in force when the statement ran."""
        mode = "FULL"  # as each connection opens
        for statement in statements:
            if statement.startswith("PRAGMA synchronous="):
                mode = statement.split("=", 1)[1]
            if statement.startswith(write):
                return mode
        raise AssertionError(f"{write} did not run: {statements}")

    assert mode_of("SELECT answers, expires_at FROM drafts") == "NORMAL"  # loading the draft
    assert mode_of("INSERT INTO complaints") == "FULL"
    assert mode_of("INSERT INTO outbox") == "FULL"
