"""Settings come from environment variables; a bad one stops start-up with a message naming it."""

import subprocess
import sys
from pathlib import Path

import pytest

from wizard.domain.profiles import ProfileError
from wizard.settings import SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_need_no_settings():
    settings = load_settings({})
    assert settings["COUNCIL"] == "example"
    assert settings["APP_ENV"] == "development"
    assert settings["SMTP_HOST"] is None
    assert settings["DATA_DIR"] == ROOT / "instance"
    assert settings["SECRET_KEY"] is None  # development: the app keeps one generated key under DATA_DIR
    assert settings["STAFF_PASSWORD"] is None


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        ({"APP_ENV": "production"}, "SECRET_KEY"),
        ({"FLASK_ENV": "production", "SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"SMTP_PORT": "abc"}, "SMTP_PORT"),
        ({"SMTP_PORT": "70000"}, "SMTP_PORT"),
        ({"SMTP_SECURITY": "tls"}, "SMTP_SECURITY"),
        ({"SMTP_USERNAME": "mailer"}, "SMTP_PASSWORD"),
        ({"MAIL_FROM": "not an address"}, "MAIL_FROM"),
        ({"COUNCIL_INBOX": "nobody@"}, "COUNCIL_INBOX"),
        ({"ADVOCACY_INBOX": "x"}, "ADVOCACY_INBOX"),
        ({"COUNCIL": "../etc"}, "COUNCIL"),
        ({"STAFF_PASSWORD": "short"}, "STAFF_PASSWORD"),
        ({"DRAFT_TIMEOUT_MINUTES": "0"}, "DRAFT_TIMEOUT_MINUTES"),
        ({"RETENTION_DAYS": "forever"}, "RETENTION_DAYS"),
        ({"SMTP_CA_FILE": "/nonexistent/ca.pem"}, "SMTP_CA_FILE"),
        ({"SMTP_TIMEOUT": "0"}, "SMTP_TIMEOUT"),
        ({"PROXY_COUNT": "many"}, "PROXY_COUNT"),
        ({"APP_ENV": "production", "SECRET_KEY": "k" * 40}, "TRUSTED_HOSTS"),
        ({"TRUSTED_HOSTS": "https://complaints.example.gov.uk"}, "TRUSTED_HOSTS"),
        ({"TRUSTED_HOSTS": "complaints.example.gov.uk:8443"}, "TRUSTED_HOSTS"),
        ({"TRUSTED_HOSTS": "complaints.example.gov.uk/path"}, "TRUSTED_HOSTS"),
    ],
)
def test_bad_setting_names_the_variable(environ, variable):
    with pytest.raises(SettingsError) as caught:
        load_settings(environ)
    assert caught.value.variable == variable
    assert variable in str(caught.value)


def test_smtp_settings_are_read():
    settings = load_settings(
        {"SMTP_HOST": "mail.example.org", "SMTP_SECURITY": "starttls", "SMTP_USERNAME": "u", "SMTP_PASSWORD": "p"}
    )
    assert settings["SMTP_PORT"] == 587
    assert settings["SMTP_SECURITY"] == "starttls"


def test_inbox_overrides_replace_the_profile(make_app):
    app = make_app(COUNCIL_INBOX="complaints@council.example", ADVOCACY_INBOX="advocacy@council.example")
    assert app.config["COUNCIL_INBOX"] == "complaints@council.example"
    assert app.config["ADVOCACY_INBOX"] == "advocacy@council.example"


def test_lancashire_needs_a_council_inbox(make_app):
    with pytest.raises(SettingsError) as caught:
        make_app(COUNCIL="lancashire")
    assert caught.value.variable == "COUNCIL_INBOX"
    assert "lancashire" in str(caught.value)
    app = make_app(COUNCIL="lancashire", COUNCIL_INBOX="complaints@lancashire.example")
    assert app.config["COUNCIL_INBOX"] == "complaints@lancashire.example"


def test_unknown_council_stops_start_up(make_app):
    with pytest.raises(ProfileError) as caught:
        make_app(COUNCIL="atlantis")
    assert "atlantis" in str(caught.value)


def _start(env_extra, tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DATA_DIR": str(tmp_path), **env_extra}
    return subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_wsgi_start_up_stops_with_a_clear_message(tmp_path):
    result = _start({"SMTP_PORT": "twenty-five"}, tmp_path)
    assert result.returncode == 2
    assert "SMTP_PORT" in result.stderr
    assert "Traceback" not in result.stderr


def test_wsgi_start_up_names_the_missing_inbox_for_lancashire(tmp_path):
    result = _start({"COUNCIL": "lancashire"}, tmp_path)
    assert result.returncode == 2
    assert "COUNCIL_INBOX" in result.stderr and "Traceback" not in result.stderr


def test_wsgi_starts_with_defaults(tmp_path):
    result = _start({}, tmp_path)
    assert result.returncode == 0, result.stderr


def test_trusted_hosts_are_read_as_a_list():
    assert load_settings({})["TRUSTED_HOSTS"] is None  # development: any host
    settings = load_settings({"TRUSTED_HOSTS": "Complaints.Example.gov.uk, .kingston.gov.uk 10.0.0.5"})
    assert settings["TRUSTED_HOSTS"] == ["complaints.example.gov.uk", ".kingston.gov.uk", "10.0.0.5"]
