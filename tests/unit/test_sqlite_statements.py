"""SQLite statements go to the driver's own connection (``db.Connection._sqlite``, issue 10): the same rows, counts
and errors as through SQLAlchemy's ``exec_driver_sql``, which every module's error handling was written for."""

from __future__ import annotations

import sqlite3

import pytest

from wizard import db


@pytest.fixture
def connection(tmp_path):
    connection = db.connect(tmp_path)
    yield connection
    connection.close()


def _through_sqlalchemy(connection, sql, values=()):
    """The same statement as ``exec_driver_sql`` sends it (what ``Connection.execute`` did before)."""
    statement, count = db._driver_statement(sql, connection.dialect)
    return db.Result(connection._connection.exec_driver_sql(statement, tuple(values)))


def _error_of(call):
    with pytest.raises(db.DatabaseError) as raised:
        call()
    return raised.value


def test_statements_reach_the_driver_itself_and_give_the_same_rows_and_counts(connection):
    assert connection._sqlite3 is connection._connection.connection.driver_connection
    with db.transaction(connection, durable=False):
        connection.execute(
            "INSERT INTO drafts (id, answers, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            ("a", "{}", 1.0, 1.0, 100.0),
        )
    select = "SELECT id, answers, expires_at FROM drafts WHERE id = ?"
    mine = connection.execute(select, ("a",)).fetchone()
    theirs = _through_sqlalchemy(connection, select, ("a",)).fetchone()
    assert mine == theirs == ("a", "{}", 100.0)
    assert mine["expires_at"] == theirs["expires_at"] == 100.0 and mine.keys() == theirs.keys()
    assert connection.execute("SELECT id FROM drafts WHERE id = ?", ("none",)).fetchone() is None
    assert connection.execute("UPDATE drafts SET expires_at = ? WHERE id = ?", (200.0, "a")).rowcount == 1
    assert connection.execute("UPDATE drafts SET expires_at = ? WHERE id = ?", (200.0, "none")).rowcount == 0
    rows = [(f"k{i}", "{}", 1.0, 1.0, 2.0) for i in range(3)]
    inserted = connection.executemany(
        "INSERT INTO drafts (id, answers, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?)", rows
    )
    assert inserted.rowcount == 3
    assert [row["id"] for row in connection.execute("SELECT id FROM drafts ORDER BY id")] == ["a", "k0", "k1", "k2"]
    with pytest.raises(ValueError):
        connection.execute("SELECT id FROM drafts WHERE id = ?", ("a", "b"))  # as before: counted first


def test_its_errors_are_sqlalchemys_as_before(connection):
    insert = "INSERT INTO drafts (id, answers, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?)"
    connection.execute(insert, ("a", "{}", 1.0, 1.0, 2.0))
    for sql, values in (
        (insert, ("a", "{}", 1.0, 1.0, 2.0)),  # the same id again
        ("INSERT INTO drafts (id) VALUES (?)", ("b",)),  # a column that may not be empty
        ("SELECT nothing FROM drafts", ()),
        ("SELEC 1", ()),
    ):
        mine = _error_of(lambda sql=sql, values=values: connection.execute(sql, values))
        theirs = _error_of(lambda sql=sql, values=values: _through_sqlalchemy(connection, sql, values))
        assert type(mine) is type(theirs), sql
        assert type(mine.orig) is type(theirs.orig) and str(mine.orig) == str(theirs.orig)
        assert isinstance(mine.orig, sqlite3.Error)
    assert isinstance(_error_of(lambda: connection.execute(insert, ("a", "{}", 1.0, 1.0, 2.0))), db.IntegrityError)


def test_a_full_disk_is_an_operational_error_and_the_connection_is_not_given_back(tmp_path):
    connection = db.connect(tmp_path)
    try:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(db.OperationalError) as raised, db.transaction(connection):
            connection.execute(
                "INSERT INTO drafts (id, answers, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                ("big", "x" * 200_000, 1.0, 1.0, 2.0),
            )
        assert "full" in str(raised.value.orig)
        assert connection._broken  # closed, not pooled: the next request opens a new connection
    finally:
        connection.close()
    again = db.connect(tmp_path)
    try:
        assert again.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0  # rolled back, and usable again
    finally:
        again.close()
