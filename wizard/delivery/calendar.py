"""An iCalendar file (RFC 5545) with a complaint's due dates as all-day events.

It holds the reference, the council's name and the dates: nothing else about the person.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta


def _escape(text: str) -> str:
    text = " ".join(str(text).replace("\r", " ").replace("\n", " ").split())
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character."""
    out, current, size = [], "", 0
    for character in line:
        width = len(character.encode())
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += character
        size += width
    out.append(current)
    return "\r\n".join(out)


def ics(
    reference: str,
    events: Iterable[tuple[str, date, str, str]],
    *,
    uid_domain: str,
    now: datetime | None = None,
) -> bytes:
    """``events`` are ``(key, day, summary, description)``; each becomes an all-day event with a stable UID."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Children's social care complaints//Complaint wizard//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for key, day, summary, description in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{reference}-{key}@{uid_domain}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode()
