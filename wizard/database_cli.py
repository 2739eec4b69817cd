"""``flask db upgrade`` and ``flask db current``: the database's tables, made and changed by Alembic.

Registered as a Flask plugin command (pyproject.toml), so it runs without building the app: a PostgreSQL database
in production must be upgraded before the service will start on it. It reads DATABASE_URL and DATA_DIR as the
service does (``wizard/settings.py``) and prints the database with its password hidden.
"""

from __future__ import annotations

import sys

import click

from wizard import db


def _url() -> str:
    from wizard.settings import SettingsError, load_settings

    try:
        return db.database_url(load_settings())
    except SettingsError as error:
        click.echo(f"The complaint wizard cannot start: {error}", err=True)
        sys.exit(2)


@click.group("db")
def db_group():
    """The database's tables (SQLite under DATA_DIR, or PostgreSQL at DATABASE_URL)."""


@db_group.command("upgrade")
def upgrade_command():
    """Make or bring the tables up to date (safe to run again, and from several servers at once)."""
    url = _url()
    try:
        db.upgrade(url)
    except db.OperationalError as error:
        click.echo(f"cannot use the database {db.safe_url(url)}: {str(error.orig).strip()}", err=True)
        sys.exit(1)
    click.echo(f"{db.safe_url(url)}: tables at revision {db.head_revision()}")


@db_group.command("current")
def current_command():
    """Which revision the database's tables are at, and the latest this release knows."""
    url = _url()
    found = db.current_revision(url)
    head = db.head_revision()
    click.echo(f"{db.safe_url(url)}: at {found or 'none (no tables yet)'}, latest {head}")
    if found != head:
        sys.exit(1)
