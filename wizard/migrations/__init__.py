"""Alembic's migrations for the wizard's tables (run by ``wizard.db.upgrade`` and ``flask db upgrade``)."""
