"""Deleting personal data when its time is up.

- a complaint's content, RETENTION_DAYS after all its emails were delivered (the reference and dates stay, so
  a returning person sees a page that explains, and the outbox history stays readable);
- the file mailer's `.eml` copies of those complaints;
- drafts whose time ran out (people who stopped part way).

`purge()` does all three. `flask --app wsgi purge` calls it (run it daily from cron), and the journey calls
`purge_if_due()` when someone starts, so the data goes even where nobody set up cron. Drafts are the journey's:
the caller hands over the journey's own way of deleting the expired ones (``drafts.purge_expired``), so this
module reads nothing of the journey.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from wizard import db
from wizard.delivery.outbox import remove_mail_files
from wizard.delivery.store import purge_delivered_references, stamp, utcnow

# The opportunistic purge runs at most this often in one process.
PURGE_INTERVAL_SECONDS = 15 * 60
_lock = threading.Lock()


@dataclass(frozen=True)
class PurgeReport:
    complaints: int
    mail_files: int
    drafts: int
    cutoff: str
    retention_days: int


# Deletes the drafts whose time ran out before a moment (a Unix time), returning how many: ``drafts.purge_expired``.
ExpireDrafts = Callable[[object, float], int]


def purge(config, expire_drafts: ExpireDrafts, now: datetime | None = None) -> PurgeReport:
    moment = now or utcnow()
    days = config["RETENTION_DAYS"]
    connection = db.connect(config)
    try:
        with db.transaction(connection):
            references = purge_delivered_references(connection, days, moment)
        files = remove_mail_files(Path(config["DATA_DIR"]) / "mail", references)
        expired_drafts = expire_drafts(connection, moment.timestamp())
    finally:
        connection.close()
    return PurgeReport(len(references), files, expired_drafts, stamp(moment - timedelta(days=days)), days)


def purge_if_due(config, state: dict, expire_drafts: ExpireDrafts, clock=time.monotonic) -> PurgeReport | None:
    """Purge now unless this app did so in the last PURGE_INTERVAL_SECONDS (``state`` is the app's own dict)."""
    with _lock:
        last = state.get("last_purge")
        if last is not None and clock() - last < PURGE_INTERVAL_SECONDS:
            return None
        state["last_purge"] = clock()
    return purge(config, expire_drafts)
