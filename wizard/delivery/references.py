"""Complaint references: the council's short code, a hyphen and 8 random characters.

The characters come from an alphabet without look-alikes (no 0/O, no 1/I/L), so a reference read out over the
phone or copied from a letter is not mistaken. They come from ``secrets``, never from anything the person
typed. 31 characters to the power 8 is about 8.5 * 10^11 references per council; the store still checks that
each is unused.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8
REFERENCE_RE = re.compile(rf"^[A-Z]{{2,4}}-[{ALPHABET}]{{{LENGTH}}}$")


def new_reference(short_code: str) -> str:
    """A fresh random reference such as ``KIN-7HK3QP2M``."""
    if not re.fullmatch(r"[A-Z]{2,4}", short_code or ""):
        raise ValueError(f"a council short code is 2 to 4 capital letters, got {short_code!r}")
    return f"{short_code}-{''.join(secrets.choice(ALPHABET) for _ in range(LENGTH))}"


def is_reference(value: object) -> bool:
    """True for a string shaped like a reference (it may still not exist)."""
    return isinstance(value, str) and REFERENCE_RE.fullmatch(value) is not None
