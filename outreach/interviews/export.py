"""What leaves the interviews table for other programs: the `.ics` export's choice and the --json objects."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from outreach.interviews.records import list_interviews
from outreach.store.models import Interview
from outreach.store.models import InterviewStatus as S


def exportable() -> list[Interview]:
    """What `interviews export` writes, by start: every held interview, and one scheduled interview per
    conversation (the newest, should a database from before schema 3 hold two for one contact)."""
    seen: set[int] = set()
    out = []
    for interview in sorted(list_interviews(), key=lambda i: i.id, reverse=True):
        if interview.start is None or interview.status not in (S.SCHEDULED, S.HELD):
            continue
        if interview.status == S.SCHEDULED:
            if interview.contact.id in seen:
                continue
            seen.add(interview.contact.id)
        out.append(interview)
    return sorted(out, key=lambda i: (i.start, i.id))


def interview_json(interview: Interview, zone: ZoneInfo) -> dict[str, Any]:
    """The --json object; times ISO-8601 in the user's zone (with its offset)."""
    def iso(value: datetime | None) -> str | None:
        return value.astimezone(zone).isoformat() if value is not None else None

    contact = interview.contact
    return {
        "id": interview.id, "contact_email": contact.email, "status": interview.status,
        "start": iso(interview.start), "end": iso(interview.end), "url": interview.url,
        "booking_url": interview.booking_url, "proposed_times": list(interview.proposed_times or []),
        "contact_name": contact.name, "company": contact.company, "location": interview.location,
        "contact_timezone": contact.timezone, "thank_you_due_at": iso(interview.thank_you_due_at),
        "thank_you_draft_id": interview.thank_you_draft_id,
        "confirmation_draft_id": interview.confirmation_draft_id, "has_notes": interview.notes is not None,
        "their_answer": interview.their_answer, "their_answer_at": iso(interview.their_answer_at),
        "their_answer_reply_id": interview.their_answer_reply_id,
    }
