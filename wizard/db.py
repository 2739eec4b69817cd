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


def database_path(data_dir: Path | str) -> Path:
    return Path(data_dir) / DATABASE_NAME


def connect(data_dir: Path | str) -> sqlite3.Connection:
    """Open the database (created if missing) in autocommit mode; use `transaction()` for writes."""
    path = database_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
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
