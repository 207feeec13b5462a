"""Rendering context for the conversation templates (prep brief, thank-you, follow-up, confirmation).

`thread` is the conversation with one contact so far (what we sent, their words unquoted), with
the headers a reply in that thread needs; `interview` is one interview's times and place, written
for people: in the user's zone, and the contact's when known. Jinja2 is imported only by render.py
and only when `render_prep` (or another render) runs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from .intents import where
from .models import Contact, Draft, DraftStatus, Interview, Reply

if TYPE_CHECKING:
    from .config import Settings
    from .render import Rendered

logger = logging.getLogger(__name__)

MAX_REFERENCES = 10
ANSWERS = where(answer=True)


@dataclass(frozen=True)
class Message:
    """One message of a conversation: ours (sent) or theirs (a reply, quotes removed)."""

    ours: bool
    at: datetime
    subject: str
    text: str
    message_id: str | None


def conversation(contact: Contact) -> list[Message]:
    """Everything sent to and received from `contact`, oldest first; only their answers (no automatic replies,
    bounces, or messages that may not be theirs)."""
    sent = Draft.select().where(Draft.contact == contact.id, Draft.status == DraftStatus.SENT)
    replies = Reply.select().where(Reply.contact == contact.id, Reply.intent.in_(ANSWERS))
    messages = [Message(True, d.sent_at or d.created_at, d.subject, d.body, d.server_message_id or d.message_id)
                for d in sent]
    messages += [Message(False, r.received_at, r.subject, r.text,
                         r.message_id if r.message_id.startswith("<") else None) for r in replies]
    return sorted(messages, key=lambda m: (m.at, not m.ours))


def reply_headers(messages: list[Message]) -> tuple[str | None, str | None]:
    """(In-Reply-To, References) for a new message at the end of `messages`."""
    ids = [m.message_id for m in messages if m.message_id]
    if not ids:
        return None, None
    if len(ids) > MAX_REFERENCES:  # RFC 5322 3.6.4: keep the root and the most recent
        ids = [ids[0], *ids[-(MAX_REFERENCES - 1):]]
    return ids[-1], " ".join(ids)


def thread_context(contact: Contact, settings: Settings, messages: list[Message] | None = None) -> dict[str, Any]:
    """`thread` for templates: subject and date of our first message, and the messages so far."""
    messages = conversation(contact) if messages is None else messages
    zone = settings.me.zone
    first = next((m for m in messages if m.ours), None)
    return {
        "subject": first.subject if first else "Our conversation",
        "sent_on": day(first.at, zone) if first else None,
        "message_id": first.message_id if first else None,
        "messages": [{"from": settings.me.name if m.ours else contact.name, "ours": m.ours,
                      "on": day(m.at, zone), "subject": m.subject, "text": m.text.strip()} for m in messages],
    }


def interview_context(interview: Interview, contact: Contact, settings: Settings) -> dict[str, Any]:
    """`interview` for templates. Every key is always present (None when unknown): StrictUndefined."""
    zone = settings.me.zone
    start, end = interview.start, interview.end
    their_zone = contact_zone(contact)
    their = None
    if start is not None and their_zone is not None and _offset(start, their_zone) != _offset(start, zone):
        their = clock(start, their_zone)
    minutes = int((end - start).total_seconds() // 60) if start and end else None
    return {
        "id": interview.id,
        "status": interview.status,
        "on": day(start, zone) if start else None,
        "starts": when(start, zone) if start else None,
        "ends": clock(end, zone) if end else None,
        "their_time": their,
        "minutes": minutes,
        "url": interview.url,
        "booking_url": interview.booking_url,
        "location": interview.location,
        "proposed": [when(datetime.fromisoformat(t), zone) for t in interview.proposed_times or []],
        "follow_through": [f["text"] for f in (interview.notes_data or {}).get("follow_through", [])],
        "mention": list((interview.notes_data or {}).get("mention", [])),
        "people": [p.get("name") or p["email"] for p in (interview.notes_data or {}).get("people", [])],
    }


def render_prep(interview: Interview, settings: Settings) -> Rendered:
    """The prep brief (templates/prep.md.j2) for one interview."""
    from .render import render_for_contact

    contact = interview.contact
    return render_for_contact(settings, contact, template="prep", thread=thread_context(contact, settings),
                              interview=interview_context(interview, contact, settings))


def contact_zone(contact: Contact) -> ZoneInfo | None:
    from .timezones import is_zone

    return ZoneInfo(contact.timezone) if contact.timezone and is_zone(contact.timezone) else None


def day(moment: datetime, zone: ZoneInfo) -> str:
    """'Tuesday, October 13'."""
    local = moment.astimezone(zone)
    return f"{local:%A, %B} {local.day}"


def clock(moment: datetime, zone: ZoneInfo) -> str:
    """'2:00 PM CDT'."""
    local = moment.astimezone(zone)
    return f"{local.hour % 12 or 12}:{local:%M %p} {local.tzname()}"


def when(moment: datetime, zone: ZoneInfo) -> str:
    """'Tuesday, October 13, 2026 at 2:00 PM CDT'."""
    local = moment.astimezone(zone)
    return f"{day(local, zone)}, {local.year} at {clock(local, zone)}"


def _offset(moment: datetime, zone: ZoneInfo) -> Any:
    return moment.astimezone(zone).utcoffset()
