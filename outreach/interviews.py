"""Interview records: the only module that writes the interviews and follow_throughs tables."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from .config import Settings
from .db import transaction
from .models import Contact, Interview, InterviewStatus, Reply

logger = logging.getLogger(__name__)


def record_from_reply(contact: Contact, reply: Reply, result: dict[str, Any], settings: Settings,
                      now: datetime) -> Interview:
    """An accepted reply becomes an interview: scheduled when one start time is fixed, else proposed.

    Idempotent per reply: seeing the same reply again returns the existing record.
    """
    existing = Interview.get_or_none(Interview.reply == reply.id)
    if existing is not None:
        return existing
    meeting = result.get("meeting") or {}
    start = _parse(meeting.get("start"))
    end = _parse(meeting.get("end"))
    if start is not None and end is None:
        end = start + timedelta(minutes=settings.interviews.default_minutes)
    with transaction():
        interview: Interview = Interview.create(
            contact=contact, reply=reply,
            status=InterviewStatus.SCHEDULED if start else InterviewStatus.PROPOSED,
            start=start, end=end, url=meeting.get("url"), booking_url=meeting.get("booking_url"),
            location=meeting.get("location"), proposed_times=list(result.get("proposed_times") or []),
            created_at=now, updated_at=now,
        )
    logger.info("interview %s with %s: %s", interview.id, contact.email, interview.status)
    return interview


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else None
