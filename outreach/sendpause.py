"""The account-wide sending pause (a refused login, a provider's rate limit): the only writer of
RuntimeState "sending_paused". Kept apart from sender.py so that `outreach status` can read it cheaply."""

from __future__ import annotations

import logging
from datetime import datetime

from .db import transaction
from .models import RuntimeState
from .sendwindow import Hold

logger = logging.getLogger(__name__)

PAUSE_KEY = "sending_paused"  # {"until": ISO-8601, "reason": text}


def current_pause(now: datetime) -> Hold | None:
    row = RuntimeState.get_or_none(RuntimeState.name == PAUSE_KEY)
    if row is None or not row.value:
        return None
    until = datetime.fromisoformat(row.value["until"])
    return Hold(until, row.value["reason"]) if until > now else None


def pause_sending(now: datetime, until: datetime, reason: str) -> None:
    with transaction():
        value = {"until": until.isoformat(), "reason": reason}
        if not RuntimeState.update(value=value, updated_at=now).where(RuntimeState.name == PAUSE_KEY).execute():
            RuntimeState.create(name=PAUSE_KEY, value=value, updated_at=now)
    logger.warning("sending paused until %s: %s", until.isoformat(), reason)


def resume_sending(now: datetime) -> None:
    with transaction():
        RuntimeState.update(value=None, updated_at=now).where(RuntimeState.name == PAUSE_KEY).execute()


