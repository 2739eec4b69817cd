"""The one check of an email address a person typed: can it go into a mail header exactly as it is?

The journey's forms refuse an address this check refuses (with a clear error on the page), and the emails use
only addresses it accepts (the complainant's copy, the council email's Reply-To), so whatever the form accepts,
the messages can be built.

An address passes when it is a plain ``local@domain`` in ASCII (no spaces, quotes, commas, angle brackets or
encoded words such as ``=?utf-8?q?...?=``), and when the standard library's ``email`` package, with the policy
the messages are built with, puts it in a header and reads the same address back.
"""

from __future__ import annotations

import re
from email import message_from_bytes
from email import policy as policies
from email.headerregistry import Address
from email.message import EmailMessage

_PLAIN = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")
MAX_LENGTH = 254


def header_safe_address(value: object) -> str | None:
    """``value`` (stripped) when it can be put in a mail header as it is, else None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if len(value) > MAX_LENGTH or not _PLAIN.fullmatch(value) or "=?" in value or "?=" in value:
        return None
    try:
        message = EmailMessage(policy=policies.SMTP)
        message["To"] = Address(addr_spec=value)
        parsed = message_from_bytes(message.as_bytes(), policy=policies.default)
        found = [address.addr_spec for address in parsed["To"].addresses]
    except Exception:  # noqa: BLE001 - any complaint from the email package means "not usable"
        return None
    if found != [value] or parsed["To"].defects:
        return None
    return value
