"""The one SQLite database under DATA_DIR that holds drafts, complaints and the outbox.

WAL mode with full synchronous writes, so a complaint that was acknowledged on screen survives a crash;
``secure_delete`` on, so deleted answers do not linger in the file.
Each module that owns tables (journey/drafts.py, delivery/store.py) creates them with `ensure_schema`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DATABASE_NAME = "wizard.sqlite3"

# (database file, owner) pairs whose tables this process has already made sure of (see ``schema_known``).
_SCHEMAS_IN_PLACE: set[tuple[str, str]] = set()


class Connection(sqlite3.Connection):
    """A connection that knows which database file it opened (``path``)."""

    path: str | None = None


def schema_known(connection: sqlite3.Connection, owner: str) -> bool:
    """Whether ``owner``'s tables were already made sure of in this database file by this process."""
    path = getattr(connection, "path", None)
    return path is not None and (path, owner) in _SCHEMAS_IN_PLACE


def schema_in_place(connection: sqlite3.Connection, owner: str) -> None:
    """Remember that ``owner``'s tables are in this connection's database file (for ``schema_known``)."""
    path = getattr(connection, "path", None)
    if path is not None:
        _SCHEMAS_IN_PLACE.add((path, owner))


def database_path(data_dir: Path | str) -> Path:
    return Path(data_dir) / DATABASE_NAME


def connect(data_dir: Path | str) -> sqlite3.Connection:
    """Open the database (created if missing) in autocommit mode; use `transaction()` for writes."""
    path = database_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False, factory=Connection)
    connection.path = str(path.resolve())
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA busy_timeout=30000")
    # Deleted content (purged complaints, expired drafts) is overwritten with zeros, not left in free pages:
    # set here rather than trusting how this SQLite was compiled.
    connection.execute("PRAGMA secure_delete=ON")
    return connection


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: all of it is written, or none of it."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    else:
        connection.execute("COMMIT")
