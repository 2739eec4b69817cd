"""gunicorn's settings for the wizard; gunicorn reads this file from the folder it is started in.

The settings and the council profile are checked once, in gunicorn's master process, before any worker is
started: a bad setting stops gunicorn at once with the one-line message that names it (exit status 2), instead
of every worker failing at start-up and being restarted for ever. Anything else (workers, binding, timeouts)
is given on the command line as usual, e.g. `gunicorn -w 4 -b 127.0.0.1:8000 wsgi:app`.
"""

import sys


def on_starting(server):
    from wizard import create_app
    from wizard.domain.profiles import ProfileError
    from wizard.settings import SettingsError

    try:
        create_app()  # also makes DATA_DIR and, in development without SECRET_KEY, the one shared key in it
    except (SettingsError, ProfileError) as error:
        print(f"The complaint wizard cannot start: {error}", file=sys.stderr, flush=True)
        sys.exit(2)
