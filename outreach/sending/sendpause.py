"""The account-wide sending pause (a refused login, a provider's rate limit): the only writer of
RuntimeState "sending_paused". Kept apart from sender.py so that `outreach status` can read it cheaply."""

from __future__ import annotations

import logging
from datetime import datetime

from outreach.logs import redact
from outreach.sending.sendwindow import Hold
from outreach.store.models import RuntimeState

logger = logging.getLogger(__name__)

PAUSE_KEY = "sending_paused"  # {"until": ISO-8601, "reason": text}


def current_pause(now: datetime) -> Hold | None:
    value = RuntimeState.read(PAUSE_KEY)
    if not value:
        return None
    until = datetime.fromisoformat(value["until"])
    return Hold(until, redact(value["reason"]), account=True) if until > now else None


def pause_sending(now: datetime, until: datetime, reason: str) -> None:
    """`reason` quotes the server (a refused login): redacted before it is stored."""
    reason = redact(reason)
    RuntimeState.write(PAUSE_KEY, {"until": until.isoformat(), "reason": reason}, now)
    logger.debug("sending paused until %s: %s", until.isoformat(), reason)  # the sender's outcome says it


