"""The children's social care complaint wizard.

`create_app()` is the application factory. Flask is imported inside it, so that the plain-Python domain
(`wizard.domain`) can be imported and tested without Flask.
"""

from __future__ import annotations


def create_app(config: dict | None = None):
    """Build the Flask app from environment variables, with `config` overriding them (tests use this)."""
    from wizard.app import build_app

    return build_app(config)
