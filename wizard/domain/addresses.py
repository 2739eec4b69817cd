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
import time
from collections.abc import Callable
from email import message_from_bytes
from email import policy as policies
from email.headerregistry import Address
from email.message import EmailMessage

_PLAIN = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")
MAX_LENGTH = 254


class KeptVerdicts(dict):
    """What a check that depends on nothing but the text it is given said of texts this process has already
    checked, keyed by a digest under a key of its own: no text is kept. At most ``most`` verdicts, for at most
    ``seconds``: then every verdict is forgotten and a new key made, so no digest outlives the hour it was made in
    (a draft's answers live longer than that) and none can be tested against the key after."""

    def __init__(self, most: int = 4096, seconds: float = 3600):
        super().__init__()
        self.most, self.seconds = most, seconds
        self._renew()

    def _renew(self) -> None:
        self.clear()
        self._key = secrets.token_bytes(32)
        self._since = time.monotonic()

    def of(self, value: str, check: Callable[[str], bool]) -> bool:
        """``check(value)``, asked once per text while it is kept."""
        if time.monotonic() - self._since >= self.seconds:
            self._renew()
        key = hashlib.blake2b(value.encode("utf-8", "surrogatepass"), key=self._key, digest_size=16).digest()
        found = self.get(key)
        if found is None:
            found = bool(check(value))
            if len(self) >= self.most:
                self._renew()
            self[key] = found
        return found


# What the email package said of addresses already checked (the check is a third of the cost of validating every
# answer again at Check your answers and Send).
_round_trips = KeptVerdicts()
_KEPT_MAX = _round_trips.most


def header_safe_address(value: object) -> str | None:
    """``value`` (stripped) when it can be put in a mail header as it is, else None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if len(value) > MAX_LENGTH or not _PLAIN.fullmatch(value) or "=?" in value or "?=" in value:
        return None
    return value if _round_trips.of(value, _round_trip) else None


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
