"""The WSGI entry point: `gunicorn -w 4 wsgi:app` or `flask --app wsgi run`."""

import sys

from wizard import create_app
from wizard.domain.profiles import ProfileError
from wizard.settings import SettingsError

try:
    app = create_app()
except (SettingsError, ProfileError) as error:
    print(f"The complaint wizard cannot start: {error}", file=sys.stderr)
    sys.exit(2)
