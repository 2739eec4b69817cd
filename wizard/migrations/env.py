"""Alembic's environment: the connection is the one ``wizard.db.upgrade`` opened (no alembic.ini)."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, render_as_batch=connection.dialect.name == "sqlite")

with context.begin_transaction():
    if connection.dialect.name == "sqlite":
        # The driver is in autocommit mode (wizard.db): open the transaction ourselves, so a migration that
        # fails half way leaves nothing behind.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    context.run_migrations()
