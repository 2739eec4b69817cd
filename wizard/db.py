"""The one database that holds drafts, complaints, the outbox, receipts and staff sessions.

``DATABASE_URL`` unset: a SQLite file under ``DATA_DIR`` (``wizard.sqlite3``), which needs no server.
``DATABASE_URL=postgresql://...``: PostgreSQL, for several servers sharing one database.

Both go through SQLAlchemy Core (one engine, with its pool of connections, per database and process; psycopg 3
for PostgreSQL), and the tables are made and changed by Alembic (``wizard/migrations``): at start-up for SQLite
and in development, or by ``flask db upgrade``. The schema is applied once per database and process, never
looked up on a request.

The modules that own tables write plain SQL with ``?`` for values (``connection.execute(sql, params)``); it is
sent in the driver's own placeholders through ``exec_driver_sql`` (SQLAlchemy's errors and pool, without parsing
and compiling a ``text()`` statement on every execution), and on SQLite straight to the driver's connection that
the pool gave, its errors raised as SQLAlchemy's (``Connection._sqlite``); rows are read by name or position. A
``SELECT`` that must lock the rows it reads ends in ``FOR UPDATE`` (or ``FOR UPDATE SKIP LOCKED``): PostgreSQL
takes those row locks; SQLite takes the whole database's write lock at ``BEGIN IMMEDIATE``, so there the clause
is dropped.

SQLite: WAL mode, foreign keys on, ``secure_delete`` on (deleted answers do not linger in the file), a busy timeout
of ``LOCK_WAIT_SECONDS`` (PostgreSQL's ``lock_timeout`` on the service's connections is the same). Every transaction
is fully synchronous (``synchronous=FULL``: a complaint acknowledged on screen survives a power cut), except those
that only touch drafts, or add one to the anonymous count of an exit page shown (``transaction(...,
durable=False)``), which run with ``synchronous=NORMAL``. Drafts share the file with complaints on purpose: Send
stores the complaint, deletes the draft and issues the receipt in one transaction, which two files could not do
atomically (SQLite does not make a transaction across attached WAL databases atomic). In WAL mode a FULL commit
syncs the log up to and including every earlier NORMAL commit, so a power cut can only lose the last few draft saves
(and exit pages counted), never a complaint, and never out of order.
PostgreSQL: the same split with ``SET LOCAL synchronous_commit = off`` for drafts.
"""

from __future__ import annotations

import fcntl
import os
import re
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine, exc, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import NullPool, QueuePool

DATABASE_NAME = "wizard.sqlite3"

# What a failed statement raises, whichever database: a full or read-only disk, a lost server, a lock timeout.
OperationalError = exc.OperationalError
DatabaseError = exc.DBAPIError
IntegrityError = exc.IntegrityError


class DatabaseURLError(ValueError):
    """DATABASE_URL names something this service cannot use."""


def database_path(data_dir: Path | str) -> Path:
    return Path(data_dir) / DATABASE_NAME


def normalise_url(value: str) -> str:
    """``postgresql://`` (or ``postgres://``) as psycopg 3's URL; ``sqlite:///path`` as it is; else an error."""
    try:
        url = make_url(value)
    except exc.ArgumentError:
        raise DatabaseURLError("is not a database URL (postgresql://user:password@host:5432/name)") from None
    backend, _, driver = url.drivername.partition("+")
    if backend in ("postgresql", "postgres"):
        if driver not in ("", "psycopg"):
            raise DatabaseURLError(f"uses the driver {driver!r}; leave it out (postgresql://...) to use psycopg 3")
        if not url.database:
            raise DatabaseURLError("names no database (postgresql://user:password@host:5432/name)")
        return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise DatabaseURLError("must name a SQLite file (sqlite:////path/to/wizard.sqlite3)")
        return f"sqlite:///{url.database}"
    raise DatabaseURLError(f"must start with postgresql:// (or be unset for SQLite under DATA_DIR), not {backend}://")


def database_url(target: Mapping | Path | str) -> str:
    """The database URL for an app's config (``DATABASE_URL``, else SQLite under ``DATA_DIR``), a data folder or
    a URL."""
    if isinstance(target, Mapping):
        url = target.get("DATABASE_URL")
        return _url_of(url, True) if url else _url_of(target["DATA_DIR"], False)
    return _url_of(target, isinstance(target, str) and "://" in target)


@lru_cache(maxsize=64)
def _url_of(target: Path | str, is_url: bool) -> str:
    # Worked out once per value and process (every request asks): parsing a URL, or resolving a folder's path.
    if is_url:
        return normalise_url(target)
    return f"sqlite:///{database_path(target).resolve()}"


def safe_url(url: str) -> str:
    """The URL with its password hidden, for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)


# ---------------------------------------------------------------------------------------------------------
# Engines: one per database and process


# How long a statement of the service waits for another's lock before it gives up: the person then sees the plain
# "not saved" or "not sent" page, their answers kept. Well inside gunicorn's worker timeout (30 seconds unless
# ``--timeout`` says otherwise), which would otherwise stop the worker first and show a bare 500 (found by a helper
# attacking the service: a database locked for 45 seconds). The outbox's senders and the purge wait as long: a
# sender that cannot record an email as sent leaves it to be sent again, which the delivery promise allows (at least
# once, the same Message-ID, at most OUTBOX_MAX_ATTEMPTS copies).
LOCK_WAIT_SECONDS = 10


def _sqlite_pragmas(connection: sqlite3.Connection) -> None:
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute(f"PRAGMA busy_timeout={int(LOCK_WAIT_SECONDS * 1000)}")
    # Deleted content (purged complaints, expired drafts) is overwritten with zeros, not left in free pages:
    # set here rather than trusting how this SQLite was compiled.
    connection.execute("PRAGMA secure_delete=ON")


def _sqlite_creator(path: str):
    def creator() -> sqlite3.Connection:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        # Autocommit in the driver: ``transaction()`` says BEGIN IMMEDIATE and COMMIT itself.
        connection = sqlite3.connect(path, timeout=LOCK_WAIT_SECONDS, isolation_level=None, check_same_thread=False)
        _sqlite_pragmas(connection)
        return connection

    return creator


# An error's text never carries the values of its statement: a draft's answers, a complaint's record and the draft
# id are values, and the error reaches the logs. SQLAlchemy quotes them unless told not to.
HIDE_VALUES = {"hide_parameters": True}


def describe(error: BaseException) -> str:
    """An error from the database, for a log or a message: its kind and the first line of the database's own
    words, never the statement's values (hidden from every error, see ``HIDE_VALUES``) nor the lines PostgreSQL
    adds after the first (its DETAIL can quote the row that failed)."""
    orig = getattr(error, "orig", None)
    words = str(orig if orig is not None else error).strip().splitlines()
    return f"{type(error).__name__}: {words[0]}" if words else type(error).__name__


def _make_engine(url: str, pooled: bool = True) -> Engine:
    """The pooled engine the service uses (autocommit: ``transaction()`` begins and commits), or an unpooled
    one with SQLAlchemy's own transactions, for Alembic."""
    options = {"poolclass": QueuePool, "pool_size": 5, "max_overflow": 20} if pooled else {"poolclass": NullPool}
    if pooled:
        options["isolation_level"] = "AUTOCOMMIT"
    options.update(HIDE_VALUES)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return create_engine("sqlite+pysqlite://", creator=_sqlite_creator(parsed.database), **options)
    connect_args = {"connect_timeout": 10}
    if pooled:  # the service's statements; on PostgreSQL not Alembic's, which may wait for the service's to finish
        # Added to any ``options`` the URL gives (a search_path, say): connect_args would replace them.
        given = parsed.query.get("options")
        given = " ".join(given) if isinstance(given, tuple) else given
        connect_args["options"] = " ".join(
            filter(None, [given, f"-c lock_timeout={int(LOCK_WAIT_SECONDS * 1000)}"])
        )
    return create_engine(url, pool_pre_ping=pooled, connect_args=connect_args, **options)


_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def engine_for(url: str) -> Engine:
    """This process's engine for ``url`` (made on first use; its pool holds the open connections)."""
    engine = _engines.get(url)
    if engine is None:
        with _engines_lock:
            engine = _engines.get(url)
            if engine is None:
                engine = _engines[url] = _make_engine(url)
    return engine


def dispose_all() -> None:
    """Close every pooled connection of every engine (tests, and a process that is about to stop)."""
    with _engines_lock:
        engines = list(_engines.values())
        _engines.clear()
    for engine in engines:
        engine.dispose()


def _after_fork() -> None:
    # A forked worker must not share its parent's open connections: it opens its own.
    for engine in list(_engines.values()):
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_after_fork)


# ---------------------------------------------------------------------------------------------------------
# Connections


class Row(tuple):
    """A result row, read by position (``row[0]``) or by column name (``row["reference"]``, ``dict(row)``)."""

    __slots__ = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self):
        return list(self._index)


@lru_cache(maxsize=64)
def _row_class(columns: tuple[str, ...]) -> type[Row]:
    return type("Row", (Row,), {"__slots__": (), "_index": {name: i for i, name in enumerate(columns)}})


class Result:
    def __init__(self, result):
        self._result = result
        self.rowcount = result.rowcount
        self._row = _row_class(tuple(result.keys())) if result.returns_rows else None

    @classmethod
    def of_cursor(cls, cursor: sqlite3.Cursor) -> Result:
        """A result read straight from the SQLite driver's cursor (see ``Connection.execute``)."""
        result = object.__new__(cls)
        result._result = cursor
        result.rowcount = cursor.rowcount
        description = cursor.description
        result._row = _row_class(tuple(column[0] for column in description)) if description is not None else None
        return result

    def fetchone(self) -> Row | None:
        row = self._result.fetchone()
        return None if row is None else self._row(row)

    def fetchall(self) -> list[Row]:
        return [self._row(row) for row in self._result.fetchall()]

    def __iter__(self) -> Iterator[Row]:
        for row in self._result:
            yield self._row(row)


_LOCKING = re.compile(r"\s+FOR\s+UPDATE(\s+SKIP\s+LOCKED)?\s*$", re.IGNORECASE)


@lru_cache(maxsize=512)
def _statement(sql: str, dialect: str):
    """``?`` placeholders as named bind parameters; a trailing ``FOR UPDATE`` dropped for SQLite."""
    if dialect == "sqlite":
        sql = _LOCKING.sub("", sql)
    parts = sql.split("?")
    named = parts[0] + "".join(f":p{i}{part}" for i, part in enumerate(parts[1:]))
    return text(named), len(parts) - 1


@lru_cache(maxsize=512)
def _driver_statement(sql: str, dialect: str) -> tuple[str, int]:
    """The statement in the driver's own placeholders (SQLite's ``?``; psycopg's ``%s``, with a literal ``%``
    doubled), and how many values it takes. Sent with ``exec_driver_sql``: SQLAlchemy neither parses nor
    compiles it, about half the cost of a ``text()`` statement per execution, for the same errors."""
    if dialect == "sqlite":
        sql = _LOCKING.sub("", sql)
        return sql, sql.count("?")
    return sql.replace("%", "%%").replace("?", "%s"), sql.count("?")


def _bind(params, count: int) -> dict:
    if isinstance(params, Mapping):
        return dict(params)
    values = tuple(params)
    if len(values) != count:
        raise ValueError(f"the statement has {count} placeholders, {len(values)} values were given")
    return {f"p{i}": value for i, value in enumerate(values)}


def _values(params, count: int) -> tuple:
    values = tuple(params)
    if len(values) != count:
        raise ValueError(f"the statement has {count} placeholders, {len(values)} values were given")
    return values


class Connection:
    """One connection taken from the engine's pool; ``close()`` gives it back."""

    def __init__(self, engine: Engine, url: str):
        self.url = url
        self._connection = engine.connect()
        self.dialect = engine.dialect.name  # "sqlite" or "postgresql"
        self.in_transaction = False
        self._synchronous = "FULL"
        self._broken = False
        # SQLite: the driver's own connection, that the pool gave (see ``_sqlite``).
        self._sqlite3 = self._connection.connection.driver_connection if self.dialect == "sqlite" else None

    @property
    def sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @property
    def path(self) -> str | None:
        """The SQLite file, or None for PostgreSQL."""
        return make_url(self.url).database if self.sqlite else None

    def execute(self, sql: str, params=()) -> Result:
        if _recorders:
            for recorder in _recorders:
                recorder.append((sql, tuple(params)))
        if isinstance(params, Mapping):  # named values (``:name``): SQLAlchemy binds them
            statement, count = _statement(sql, self.dialect)
            with self._failing():
                return Result(self._connection.execute(statement, _bind(params, count)))
        statement, count = _driver_statement(sql, self.dialect)
        if self._sqlite3 is not None:
            return Result.of_cursor(self._sqlite(self._sqlite3.execute, statement, _values(params, count)))
        with self._failing():
            return Result(self._connection.exec_driver_sql(statement, _values(params, count)))

    def executemany(self, sql: str, rows) -> Result:
        statement, count = _driver_statement(sql, self.dialect)
        rows = [_values(row, count) for row in rows]
        if not rows:
            return None
        if self._sqlite3 is not None:
            return Result.of_cursor(self._sqlite(self._sqlite3.executemany, statement, rows))
        with self._failing():
            return Result(self._connection.exec_driver_sql(statement, rows))

    def driver_sql(self, sql: str) -> None:
        """A statement with no parameters, sent to the database as it is (BEGIN, PRAGMA, SET)."""
        if self._sqlite3 is not None:
            self._sqlite(self._sqlite3.execute, sql, ())
            return
        with self._failing():
            self._connection.exec_driver_sql(sql)

    def _sqlite(self, run, statement: str, values):
        """A statement given to the SQLite driver's connection itself (as ``exec_driver_sql`` would give it, without
        SQLAlchemy's work around it: a third of a page view's cost in the database, most of Send's), its errors
        raised as SQLAlchemy raises them (``OperationalError`` for a full or read-only disk or a lock timeout,
        ``IntegrityError``, ...), the driver's error as their ``orig``."""
        try:
            return run(statement, values)
        except sqlite3.Error as error:
            wrapped = exc.DBAPIError.instance(statement, values, error, sqlite3.Error, **HIDE_VALUES)
            if isinstance(wrapped, exc.OperationalError):
                self._broken = True  # as ``_failing``: not given back to the pool
            raise wrapped from error

    @contextmanager
    def _failing(self):
        # A connection that failed (a full or read-only disk, a server that went away) is not given back to the
        # pool: the next request opens a new one, which works again once the fault is over.
        try:
            yield
        except exc.OperationalError:
            self._broken = True
            raise

    def set_trace_callback(self, callback) -> None:
        """SQLite's statement trace (tests look at the statements a request runs)."""
        self._connection.connection.driver_connection.set_trace_callback(callback)

    def close(self) -> None:
        if self._connection is None:
            return
        self._sqlite3 = None
        try:
            if self.sqlite:
                raw = self._connection.connection.driver_connection
                if raw is not None:
                    raw.set_trace_callback(None)
                    if self._synchronous != "FULL" and not self._broken:
                        # Back to the pool as every connection starts (fully synchronous): the next user's first
                        # durable transaction must not inherit this one's NORMAL.
                        with suppress(sqlite3.Error):
                            raw.execute("PRAGMA synchronous=FULL")
                        self._synchronous = "FULL"
            if self._broken:
                self._connection.invalidate()
            self._connection.close()
        finally:
            self._connection = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


# Lists that every statement run (with its values) is appended to, while ``recording()`` is open (tests).
_recorders: list[list] = []


@contextmanager
def recording() -> Iterator[list[tuple[str, tuple]]]:
    """Every statement run through ``Connection.execute`` while open, as (SQL, values)."""
    statements: list[tuple[str, tuple]] = []
    _recorders.append(statements)
    try:
        yield statements
    finally:
        _recorders.remove(statements)


_schemas_ready: set[str] = set()
_schema_lock = threading.Lock()


def connect(target: Mapping | Path | str) -> Connection:
    """A connection from the pool (an app's config, a data folder or a URL), in autocommit mode: use
    ``transaction()`` for writes. The first use of a SQLite database in a process brings its tables up to date."""
    url = database_url(target)
    if url not in _schemas_ready and url.startswith("sqlite"):
        upgrade(url)
    return Connection(engine_for(url), url)


@contextmanager
def transaction(connection: Connection, durable: bool = True) -> Iterator[Connection]:
    """BEGIN IMMEDIATE (SQLite) or BEGIN (PostgreSQL) ... COMMIT, or ROLLBACK on any error: all of it is
    written, or none of it.

    ``durable=False`` for transactions that only touch drafts: they are committed without waiting for the disk
    (SQLite ``synchronous=NORMAL``, PostgreSQL ``synchronous_commit = off``); see the module's docstring.
    """
    if connection.sqlite:
        wanted = "FULL" if durable else "NORMAL"
        if connection._synchronous != wanted:
            connection.driver_sql(f"PRAGMA synchronous={wanted}")
            connection._synchronous = wanted
        connection.driver_sql("BEGIN IMMEDIATE")
    else:
        connection.driver_sql("BEGIN")
        if not durable:
            connection.driver_sql("SET LOCAL synchronous_commit = off")
    connection.in_transaction = True
    try:
        yield connection
    except BaseException:
        connection.in_transaction = False
        with suppress(exc.DBAPIError):  # the connection itself failed: the database has rolled it back
            connection.driver_sql("ROLLBACK")
        raise
    else:
        connection.in_transaction = False
        connection.driver_sql("COMMIT")


# ---------------------------------------------------------------------------------------------------------
# The schema: Alembic

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _alembic_config(connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config(None)).get_current_head()


def current_revision(url: str) -> str | None:
    from alembic.runtime.migration import MigrationContext

    engine = _make_engine(url, pooled=False)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


@contextmanager
def _upgrade_lock(url: str, connection):
    """One upgrade at a time: several workers or servers may start at once."""
    if make_url(url).get_backend_name() == "sqlite":
        lock_path = Path(make_url(url).database).with_suffix(".migrate-lock")
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(lock_path, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
    else:
        connection.exec_driver_sql("SELECT pg_advisory_lock(7305119)")  # any fixed number, the same everywhere
        try:
            yield
        finally:
            connection.exec_driver_sql("SELECT pg_advisory_unlock(7305119)")


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database's tables up to ``revision`` (Alembic), once per database and process."""
    from alembic import command

    with _schema_lock:
        if url in _schemas_ready and revision == "head":
            return
        engine = _make_engine(url, pooled=False)
        try:
            with engine.connect() as connection, _upgrade_lock(url, connection):
                command.upgrade(_alembic_config(connection), revision)
                connection.commit()
        finally:
            engine.dispose()
        if revision == "head":
            _schemas_ready.add(url)


def check_database(config: Mapping) -> None:
    """At start-up: make or check the schema, so a bad DATABASE_URL stops the service with a clear message.

    SQLite, and any database in development, is brought up to date; PostgreSQL in production must be at the
    latest revision already (``flask db upgrade``), so a new release's migration runs once, when its operator
    chooses.
    """
    from wizard.settings import SettingsError

    url = database_url(config)
    sqlite = url.startswith("sqlite")
    try:
        if sqlite or not config.get("PRODUCTION"):
            upgrade(url)
            return
        if url in _schemas_ready:
            return
        found = current_revision(url)
    except OperationalError as error:
        raise SettingsError("DATABASE_URL", f"cannot use the database {safe_url(url)}: {describe(error)}") from None
    head = head_revision()
    if found != head:
        raise SettingsError(
            "DATABASE_URL",
            f"the database {safe_url(url)} is at schema revision {found or 'none (empty)'}, not {head}:"
            " run `flask --app wsgi db upgrade` first",
        )
    _schemas_ready.add(url)
