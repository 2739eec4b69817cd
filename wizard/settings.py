"""Every environment variable the service reads, read and checked in one place.

A bad value stops start-up with a SettingsError that names the variable and what is wrong with it, so a
council's operator can fix it without reading a traceback.

A few config keys are no environment variable: tests and the benchmarks give them to ``create_app(config)``, and a
service never sets them.

- ``JOURNEY_CLOCK``: a function returning the time, the journey's and the staff pages' clock (tests move it).
- ``OUTBOX_SEND_AFTER_RESPONSE``, ``OUTBOX_SEND_IN_THREAD``, ``OUTBOX_KEEP_TRYING``: each True unless given False.
  False: the confirmation page starts no sender, nor does a new visit start a keeper; it sends once its response
  is closed, in the request's own thread rather than another; a failed send starts no keeper to try again.
- ``STATIC_DIST_DIR``: another folder of built static files.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path

from email_validator import EmailNotValidError, validate_email

from wizard.db import DatabaseURLError, normalise_url

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS_DIR = PROJECT_ROOT / "translations"
# The languages the service is offered in, by code, each named in its own language.
LANGUAGES = {"en": "English", "cy": "Cymraeg"}

PRODUCTION_NAMES = {"production", "prod"}
SMTP_SECURITY_CHOICES = ("none", "starttls", "ssl")
# Where rate limits are counted: in each process, or in Redis shared by every worker and server.
RATELIMIT_STORAGE_SCHEMES = ("memory", "redis", "rediss", "redis+sentinel", "redis+cluster")


# A host name (ASCII; an international name in its xn-- form), an IPv4 address or a bracketed IPv6 address;
# a leading dot stands for every subdomain.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST_NAME = re.compile(rf"\.?(?:{_LABEL}\.)*{_LABEL}|\[[0-9a-f:.]+\]")


class SettingsError(Exception):
    """A setting is missing or has a value the service cannot use."""

    def __init__(self, variable: str, problem: str):
        self.variable = variable
        self.problem = problem
        super().__init__(f"setting {variable}: {problem}")


def _email(variable: str, value: str) -> str:
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise SettingsError(variable, f"{value!r} is not a valid email address ({error})") from None


def _whole_number(variable: str, value: str, low: int, high: int) -> int:
    if not re.fullmatch(r"\d+", value.strip()):
        raise SettingsError(variable, f"{value!r} is not a whole number")
    number = int(value)
    if not low <= number <= high:
        raise SettingsError(variable, f"{number} is outside the allowed range {low} to {high}")
    return number


SECRET_KEY_FILE = "secret_key"  # noqa: S105 - a file name, not a key


def development_secret_key(data_dir: Path) -> str:
    """The generated key kept in DATA_DIR/secret_key (mode 0600), made on first use, shared by every worker.

    Each worker (or each restart) making its own key would make the others' session cookies invalid: people
    would lose their answers. The file is written under another name and linked into place, so two workers
    starting at once end up with the same key.
    """
    path = Path(data_dir) / SECRET_KEY_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            temporary = path.with_name(f".{SECRET_KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_hex(32))
            try:
                os.link(temporary, path)  # fails if another worker got there first: theirs is kept
            except FileExistsError:
                pass
            finally:
                temporary.unlink()
        key = path.read_text().strip()
    except OSError as error:
        problem = f"is not set, and no key could be kept in {path} ({error.strerror})"
        raise SettingsError("SECRET_KEY", problem) from None
    if len(key) < 32:
        raise SettingsError("SECRET_KEY", f"is not set, and {path} does not hold a usable key; delete it")
    return key


def environment_name(environ: Mapping[str, str]) -> str:
    """'production' when APP_ENV or FLASK_ENV says so, otherwise 'development'."""
    for variable in ("APP_ENV", "FLASK_ENV"):
        value = environ.get(variable, "").strip().lower()
        if value:
            return "production" if value in PRODUCTION_NAMES else value
    return "development"


def load_settings(environ: Mapping[str, str] | None = None) -> dict:
    """Read the environment into a dict of Flask config keys, checking every value."""
    env = os.environ if environ is None else environ

    def get(name: str, default: str = "") -> str:
        return env.get(name, default).strip()

    app_env = environment_name(env)
    production = app_env == "production"

    council = get("COUNCIL", "example") or "example"
    if not re.fullmatch(r"[a-z0-9_-]+", council):
        raise SettingsError("COUNCIL", f"{council!r} is not a council id (lower-case letters, digits, - or _)")

    secret_key = get("SECRET_KEY")
    if not secret_key:
        if production:
            raise SettingsError("SECRET_KEY", "is required in production; set it to a long random string")
        secret_key = None  # development: one generated key kept under DATA_DIR (development_secret_key)
    elif production and len(secret_key) < 32:
        raise SettingsError("SECRET_KEY", "is too short; use at least 32 random characters in production")

    data_dir = Path(get("DATA_DIR") or PROJECT_ROOT / "instance")
    if data_dir.exists() and not data_dir.is_dir():
        raise SettingsError("DATA_DIR", f"{data_dir} exists and is not a folder")

    # Unset: SQLite in DATA_DIR (one server). postgresql://user:password@host:5432/name: several servers.
    database_url = get("DATABASE_URL")
    if database_url:
        try:
            database_url = normalise_url(database_url)
        except DatabaseURLError as error:
            raise SettingsError("DATABASE_URL", str(error)) from None

    smtp_host = get("SMTP_HOST")
    smtp_security = get("SMTP_SECURITY", "none").lower() or "none"
    if smtp_security not in SMTP_SECURITY_CHOICES:
        raise SettingsError("SMTP_SECURITY", f"{smtp_security!r} is not one of {', '.join(SMTP_SECURITY_CHOICES)}")
    default_port = {"none": "25", "starttls": "587", "ssl": "465"}[smtp_security]
    smtp_port = _whole_number("SMTP_PORT", get("SMTP_PORT") or default_port, 1, 65535)
    smtp_username = get("SMTP_USERNAME")
    smtp_password = env.get("SMTP_PASSWORD", "")
    if smtp_username and not smtp_password:
        raise SettingsError("SMTP_PASSWORD", "is required when SMTP_USERNAME is set")
    if smtp_username and smtp_security == "none" and production:
        raise SettingsError("SMTP_SECURITY", "must be starttls or ssl when logging in to the mail server in production")

    smtp_ca_file = get("SMTP_CA_FILE")
    if smtp_ca_file and not Path(smtp_ca_file).is_file():
        raise SettingsError("SMTP_CA_FILE", f"{smtp_ca_file} is not a file")
    smtp_timeout = _whole_number("SMTP_TIMEOUT", get("SMTP_TIMEOUT") or "20", 1, 300)

    mail_from = _email("MAIL_FROM", get("MAIL_FROM")) if get("MAIL_FROM") else None
    council_inbox = _email("COUNCIL_INBOX", get("COUNCIL_INBOX")) if get("COUNCIL_INBOX") else None
    advocacy_inbox = _email("ADVOCACY_INBOX", get("ADVOCACY_INBOX")) if get("ADVOCACY_INBOX") else None

    # The service's own address as people reach it (https://complaints.example.gov.uk): emails use it for the link
    # to ask for the next stage. Optional: without it the emails say where to go in words.
    public_url = get("PUBLIC_URL").rstrip("/")
    if public_url and not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?", public_url):
        raise SettingsError("PUBLIC_URL", "must be a web address like https://complaints.example.gov.uk (no query)")
    if public_url and production and not public_url.startswith("https://"):
        raise SettingsError("PUBLIC_URL", "must start with https:// in production")

    staff_password = env.get("STAFF_PASSWORD", "")
    if staff_password and len(staff_password) < 12:
        raise SettingsError("STAFF_PASSWORD", "is too short; use at least 12 characters")

    draft_minutes = _whole_number("DRAFT_TIMEOUT_MINUTES", get("DRAFT_TIMEOUT_MINUTES") or "120", 5, 24 * 60)
    retention_days = _whole_number("RETENTION_DAYS", get("RETENTION_DAYS") or "30", 1, 3650)
    rate_limit = _whole_number("RATE_LIMIT_PER_MINUTE", get("RATE_LIMIT_PER_MINUTE") or "60", 1, 100000)
    proxy_count = _whole_number("PROXY_COUNT", get("PROXY_COUNT") or "0", 0, 5)
    # The host names people reach the service at: a request naming any other host gets 400 (Flask's
    # TRUSTED_HOSTS), so nothing the service builds from the Host header can point somewhere else.
    trusted_hosts = [host.lower() for host in re.split(r"[,\s]+", get("TRUSTED_HOSTS")) if host]
    for host in trusted_hosts:
        if not _HOST_NAME.fullmatch(host):
            raise SettingsError(
                "TRUSTED_HOSTS",
                f"{host!r} is not a host name; give names like complaints.example.gov.uk (a leading dot allows "
                "every subdomain), separated by commas, without https:// or a port",
            )
    if production and not trusted_hosts:
        raise SettingsError(
            "TRUSTED_HOSTS",
            "is required in production; set it to the host names people reach this service at, separated by "
            "commas, like complaints.example.gov.uk",
        )
    ratelimit_storage = get("RATELIMIT_STORAGE_URI") or "memory://"
    scheme = ratelimit_storage.split("://", 1)[0].lower() if "://" in ratelimit_storage else ""
    if scheme not in RATELIMIT_STORAGE_SCHEMES:
        raise SettingsError(
            "RATELIMIT_STORAGE_URI",
            f"must start with one of {', '.join(s + '://' for s in RATELIMIT_STORAGE_SCHEMES)}",
        )
    # How many times one email may be handed to the mail server (each may deliver a copy) before it is marked
    # failed and left for a person: the most copies of one email anybody can receive.
    outbox_max_attempts = _whole_number("OUTBOX_MAX_ATTEMPTS", get("OUTBOX_MAX_ATTEMPTS") or "5", 1, 50)

    return {
        "APP_ENV": app_env,
        "PRODUCTION": production,
        "COUNCIL": council,
        "SECRET_KEY": secret_key,
        "DATA_DIR": data_dir,
        "DATABASE_URL": database_url or None,
        "SMTP_HOST": smtp_host or None,
        "SMTP_PORT": smtp_port,
        "SMTP_USERNAME": smtp_username or None,
        "SMTP_PASSWORD": smtp_password or None,
        "SMTP_SECURITY": smtp_security,
        "SMTP_CA_FILE": smtp_ca_file or None,
        "SMTP_TIMEOUT": smtp_timeout,
        "MAIL_FROM": mail_from,
        "COUNCIL_INBOX": council_inbox,
        "ADVOCACY_INBOX": advocacy_inbox,
        "PUBLIC_URL": public_url or None,
        "STAFF_PASSWORD": staff_password or None,
        "DRAFT_TIMEOUT_MINUTES": draft_minutes,
        "RETENTION_DAYS": retention_days,
        "RATE_LIMIT_PER_MINUTE": rate_limit,
        "PROXY_COUNT": proxy_count,
        "RATELIMIT_STORAGE_URI": ratelimit_storage,
        "TRUSTED_HOSTS": trusted_hosts or None,
        "OUTBOX_MAX_ATTEMPTS": outbox_max_attempts,
        # Cookies: only the session cookie, which holds an opaque draft id and the language choice.
        "SESSION_COOKIE_NAME": "complaint_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": app_env != "development",
        "MAX_CONTENT_LENGTH": 256 * 1024,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(TRANSLATIONS_DIR),
        "LANGUAGES": dict(LANGUAGES),
    }
