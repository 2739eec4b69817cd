"""A real PostgreSQL server for the tests and benchmarks, started and stopped by them.

Debian's ``postgresql`` package (``make test`` installs it when it is missing): ``initdb`` into a temporary
folder, ``pg_ctl start`` on a free port of 127.0.0.1, trust authentication for the one local user. PostgreSQL
will not run as root, so when we are root the server runs as the ``postgres`` user the package makes.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

INSTALL_HINT = (
    "PostgreSQL's server programs (initdb, pg_ctl) were not found: run `make test`, which installs Debian's"
    " postgresql package, or `apt-get install postgresql`"
)


class PostgresMissing(RuntimeError):
    pass


def server_bin() -> Path:
    """The folder with initdb and pg_ctl: Debian's /usr/lib/postgresql/<newest>/bin, else the PATH."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[4]))
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    raise PostgresMissing(INSTALL_HINT)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """``start()``, then ``url(name)`` / ``new_database()``; ``stop()`` removes everything."""

    def __init__(self, durable: bool = False):
        self.bin = server_bin()
        self.port = free_port()
        self.user = "wizard"
        self.durable = durable  # False: fsync off (tests); True: as a council would run it (benchmarks)
        self.folder = Path(tempfile.mkdtemp(prefix="wizard-postgres-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self._as_postgres = os.geteuid() == 0
        self._made = 0

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise RuntimeError(f"{args[0]} failed ({done.returncode}): {done.stderr.strip()}\n{log}")
        return done

    def start(self) -> PostgresServer:
        if self._as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", self.user, "--auth=trust", "--encoding=UTF8",
                  "--locale=C", "--no-sync")
        options = [
            f"-p {self.port}",
            "-c listen_addresses=127.0.0.1",
            f"-c unix_socket_directories={self.folder}",
            "-c max_connections=300",
            "-c shared_buffers=64MB",
        ]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", " ".join(options), "-w", "-t", "60",
                  "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, template: str | None = None) -> str:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            suffix = f" TEMPLATE {template}" if template else ""
            connection.execute(f'CREATE DATABASE "{name}"{suffix}')
        return self.url(name)

    def new_database(self) -> str:
        """A new database with the wizard's tables (copied from one migrated once)."""
        from wizard import db

        if self._made == 0:
            db.upgrade(db.normalise_url(self.create_database("wizard_template")))
        self._made += 1
        return self.create_database(f"wizard_{self._made}", template="wizard_template")

    def stop(self) -> None:
        try:
            if self.data.exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
