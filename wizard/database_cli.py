"""Kept so that installs made before the ``db`` commands moved to ``wizard/cli.py`` still find them: their
plugin entry point names this module. ``pip install -e .`` (``make setup``) points it at ``wizard.cli``."""

from wizard.cli import db_group

__all__ = ["db_group"]
