"""The one check of an email address a person typed: can it go into a mail header exactly as it is?

The journey's forms refuse an address this check refuses (with a clear error on the page), and the emails use
only addresses it accepts (the complainant's copy, the council email's Reply-To), so whatever the form accepts,
the messages can be built.

An address passes when it is a plain ``local@domain`` in ASCII (no spaces, quotes, commas, angle brackets or
encoded words such as ``=?utf-8?q?...?=``), and when the standard library's ``email`` package, with the policy
the messages are built with, puts it in a header and reads the same address back.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from email import message_from_bytes
from email import policy as policies
from email.headerregistry import Address
from email.message import EmailMessage

_PLAIN = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")
MAX_LENGTH = 254


# What the email package said of addresses already checked by this process (the check is a third of the cost of
# validating every answer again at Check your answers and Send), keyed by a digest under a key made at start-up:
# no address is kept, and nothing kept means anything outside this process.
_DIGEST_KEY = secrets.token_bytes(32)
_round_trips: dict[bytes, bool] = {}
_KEPT_MAX = 4096


def header_safe_address(value: object) -> str | None:
    """``value`` (stripped) when it can be put in a mail header as it is, else None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if len(value) > MAX_LENGTH or not _PLAIN.fullmatch(value) or "=?" in value or "?=" in value:
        return None
    key = hashlib.blake2b(value.encode("ascii"), key=_DIGEST_KEY, digest_size=16).digest()
    found = _round_trips.get(key)
    if found is None:
        found = _round_trip(value)
        if len(_round_trips) >= _KEPT_MAX:
            _round_trips.clear()
        _round_trips[key] = found
    return value if found else None


def _round_trip(value: str) -> bool:
    """The email package, with the policy the messages are built with, puts ``value`` in a header and reads the
    same address back, with no defect."""
    try:
        message = EmailMessage(policy=policies.SMTP)
        message["To"] = Address(addr_spec=value)
        parsed = message_from_bytes(message.as_bytes(), policy=policies.default)
        found = [address.addr_spec for address in parsed["To"].addresses]
    except Exception:  # noqa: BLE001 - any complaint from the email package means "not usable"
        return False
    return found == [value] and not parsed["To"].defects
