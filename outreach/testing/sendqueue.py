"""Approved drafts and a sending config on a local MailRig, for the sender's tests and benchmarks."""

from __future__ import annotations

import re
import uuid
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from outreach.config.reader import load_settings
from outreach.config.settings import Settings
from outreach.intake.contacts import Introduction, get_contact, import_introductions
from outreach.outgoing.drafts import approve, create_draft
from outreach.store.db import open_database
from outreach.store.models import Draft, DraftKind

from .localconfig import write_local_config
from .mailrig import MailRig

# Always open, no caps: tests that are about the window or the caps set their own.
OPEN_SENDING = {"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "start": "00:00", "end": "23:59",
                "max_per_day": 10_000, "min_interval_seconds": 0}


def sending_config(directory: Path, rig: MailRig, smtp: str = "postfix", sending: dict[str, Any] | None = None,
                   smtp_extra: dict[str, Any] | None = None, **options: Any) -> Path:
    """write_local_config plus a `sending` section (OPEN_SENDING unless given) and smtp overrides."""
    path = write_local_config(directory, rig, smtp=smtp, **options)
    data = yaml.safe_load(path.read_text())
    data["sending"] = {**OPEN_SENDING, **(sending or {})}
    data["smtp"].update(smtp_extra or {})
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def open_settings(path: Path) -> Settings:
    settings = load_settings(path)
    open_database(settings.paths.database)
    return settings


def queue_approved(settings: Settings, recipients: list[str], now: datetime, timezone: str | None = None,
                   subject: str = "Informational interview?") -> list[Draft]:
    """One approved outreach draft per recipient (each a new contact), in order."""
    intros = [Introduction(name=f"Contact {i}", email=email.lower(), line=i + 1, company="Example Corp",
                           timezone=timezone) for i, email in enumerate(recipients)]
    import_introductions(intros, now)
    out = []
    for email in recipients:
        tag = uuid.uuid4().hex[:8]
        draft = create_draft(get_contact(email.lower()), DraftKind.OUTREACH, f"{subject} [{tag}]",
                             f"Hello,\n\n.a line starting with a dot\nThanks,\nSam ({tag})\n", now, "cli", settings)
        out.append(approve(draft.id, now))
    return out


def copies_by_message_id(rig: MailRig, user: str, folder: str = "INBOX") -> Counter[str]:
    """How many copies of each Message-ID sit in `user`'s folder."""
    counts: Counter[str] = Counter()
    for raw in rig.messages(user, folder):
        match = re.search(rb"^Message-ID:\s*(<[^>]+>)", raw, re.MULTILINE | re.IGNORECASE)
        if match:
            counts[match.group(1).decode()] += 1
    return counts
