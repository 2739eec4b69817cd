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


def synchronous_at(statements: list[str], write: str) -> list[str]:
    """The synchronous setting in force each time a statement starting with ``write`` ran, in order."""
    mode, found = "FULL", []  # as each connection opens
    for statement in statements:
        if statement.startswith("PRAGMA synchronous="):
            mode = statement.split("=", 1)[1]
        if statement.startswith(write):
            found.append(mode)
    return found


def test_drafts_are_committed_with_synchronous_normal_and_the_complaint_fully(make_app, trace_sqlite):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_AFTER_RESPONSE=False)
    client = app.test_client()
    answer_until_check(client)
    statements = trace_sqlite()
    assert client.post("/complaint/send").status_code == 302

    def mode_of(write: str) -> str:
        """The synchronous setting in force when the statement first ran."""
        found = synchronous_at(statements, write)
        if not found:
            raise AssertionError(f"{write} did not run: {statements}")
        return found[0]

    assert mode_of("SELECT answers, expires_at FROM drafts") == "NORMAL"  # loading the draft
    assert mode_of("INSERT INTO complaints") == "FULL"
    assert mode_of("INSERT INTO outbox") == "FULL"


def test_a_connection_goes_back_to_the_pool_fully_synchronous(tmp_path):
    """A drafts transaction leaves its connection at NORMAL; the next user of that pooled connection (an outbox
    send, a staff sign-in) must still commit fully synchronously."""
    first = db.connect(tmp_path)
    with db.transaction(first, durable=False):
        first.execute("DELETE FROM drafts WHERE id = ?", ("none",))
    first.close()
    second = db.connect(tmp_path)  # the same connection, from the pool
    try:
        assert second.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        with db.transaction(second):
            second.execute("DELETE FROM drafts WHERE id = ?", ("none",))
        assert second.execute("PRAGMA synchronous").fetchone()[0] == 2
    finally:
        second.close()


def test_statements_reach_postgres_in_its_own_placeholders(postgres_server):
    """The same ``?`` SQL runs on PostgreSQL through the driver's placeholders, a literal % kept as it is."""
    connection = db.connect(postgres_server.new_database())
    try:
        row = connection.execute("SELECT ? || '%' AS said, ? + 1 AS next", ("50", 41)).fetchone()
        assert row["said"] == "50%" and row["next"] == 42
        with db.transaction(connection, durable=False):
            connection.execute("DELETE FROM drafts WHERE id = ?", ("none",))
            connection.executemany(
                "INSERT INTO drafts (id, answers, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                [("pg-a", "{}", 1.0, 1.0, 2.0), ("pg-b", "{}", 1.0, 1.0, 2.0)],
            )
        found = connection.execute("SELECT id FROM drafts WHERE id IN (?, ?) ORDER BY id", ("pg-a", "pg-b")).fetchall()
        assert [r["id"] for r in found] == ["pg-a", "pg-b"]
        with pytest.raises(db.IntegrityError), db.transaction(connection, durable=False):  # the same errors
            connection.execute(
                "INSERT INTO drafts (id, answers, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                ("pg-a", "{}", 1.0, 1.0, 2.0),
            )
        assert connection.execute("SELECT count(*) FROM drafts WHERE id = ?", ("pg-a",)).fetchone()[0] == 1
    finally:
        connection.close()


def test_an_exit_page_is_counted_as_a_draft_is_saved_and_the_complaint_still_fully(make_app, trace_sqlite):
    """Counting the provider page shown (anonymous figures) commits at ``synchronous=NORMAL``, as a draft's save does:
    a power cut may lose it with the last draft saves, never a complaint (sent FULL, above); it is still counted."""
    from tests.journey_answers import LONG, slug_of

    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_AFTER_RESPONSE=False)
    client = app.test_client()
    response = client.get("/complaint/")
    while slug_of(response.location) != "who-gave-the-care":
        response = client.post(response.location, data=LONG.get(slug_of(response.location), {"carry_on": "yes"}))
    statements = trace_sqlite()
    response = client.post("/complaint/who-gave-the-care", data={"provider": "yes"})
    assert slug_of(response.location) == "care-from-another-organisation"
    assert synchronous_at(statements, "INSERT INTO annual_figures") == ["NORMAL"]
    conn = db.connect(app.config["DATA_DIR"])
    try:
        rows = conn.execute("SELECT count FROM annual_figures WHERE measure = 'exit' AND value = 'provider'").fetchall()
    finally:
        conn.close()
    assert [row[0] for row in rows] == [1]
