"""Mail over TLS with a login, against real aiosmtpd servers on 127.0.0.1 with a certificate made for the test."""

import asyncio
import ssl
import subprocess

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.conftest import RecordingHandler, free_port
from tests.delivery_fixtures import council_record
from wizard import db
from wizard.delivery import send_pending, submit_complaint

USER, PASSWORD = "wizard-mailer", "mail-password-123"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )
    return cert, key


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data == LoginPassword(USER.encode(), PASSWORD.encode())
    return AuthResult(success=ok)


def start_server(certificate, mode):
    cert, key = certificate
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    handler = RecordingHandler()
    port = free_port()
    # With implicit TLS, aiosmtpd does not see the connection as upgraded, so it must not insist on STARTTLS first.
    options = {"authenticator": authenticator, "auth_require_tls": mode == "starttls"}
    if mode == "ssl":
        controller = Controller(handler, hostname="127.0.0.1", port=port, ssl_context=server_context,
                                loop=asyncio.new_event_loop(), **options)
    else:
        controller = Controller(handler, hostname="127.0.0.1", port=port, tls_context=server_context,
                                require_starttls=True, loop=asyncio.new_event_loop(), **options)
    controller.start()
    return controller, handler, port


def submit_and_send(make_app, port, mode, cert, password=PASSWORD, timeout=10):
    app = make_app(WTF_CSRF_ENABLED=False, SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_SECURITY=mode,
                   SMTP_USERNAME=USER, SMTP_PASSWORD=password, SMTP_CA_FILE=str(cert), SMTP_TIMEOUT=timeout)
    connection = db.connect(app.config)
    with db.transaction(connection):
        reference = submit_complaint(connection, council_record(), f"key-{mode}")
    report = send_pending(connection, app.config, due_only=False, profile=app.extensions["council"])
    connection.close()
    return reference, report


@pytest.mark.parametrize("mode", ["ssl", "starttls"])
def test_mail_goes_over_tls_with_a_login(make_app, certificate, mode):
    controller, handler, port = start_server(certificate, mode)
    try:
        reference, report = submit_and_send(make_app, port, mode, certificate[0])
    finally:
        controller.stop()
    assert report.sent == 3 and report.failed == 0
    assert len(handler.messages) == 3
    assert all(reference in m["Subject"] or reference in m.get_body(("plain",)).get_content()
               for m in handler.messages)


@pytest.mark.parametrize("mode", ["ssl", "starttls"])
def test_a_wrong_password_is_a_recorded_failure_not_a_lost_complaint(make_app, certificate, mode):
    controller, handler, port = start_server(certificate, mode)
    try:
        # aiosmtpd leaves smtplib's fallback LOGIN attempt hanging, so a short timeout keeps the test quick.
        reference, report = submit_and_send(
            make_app, port, mode, certificate[0], password="wrong-password-1", timeout=2
        )
    finally:
        controller.stop()
    assert report.sent == 0 and report.failed == 3
    assert handler.messages == []
    assert PASSWORD not in " ".join(report.errors) and "wrong-password-1" not in " ".join(report.errors)


def test_an_untrusted_certificate_is_refused(make_app, certificate, tmp_path):
    other = tmp_path / "other.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(tmp_path / "k.pem"), "-out",
         str(other), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )
    controller, handler, port = start_server(certificate, "ssl")
    try:
        _reference, report = submit_and_send(make_app, port, "ssl", other)
    finally:
        controller.stop()
    assert report.sent == 0 and handler.messages == []
