"""Rendering context for the conversation templates (prep brief, thank-you, follow-up, confirmation).

`interview` is one interview's times and place, written for people: in the user's zone, and the
contact's when known (`thread`, the conversation so far, is threads.py's). Jinja2 is imported only by render.py
and only when `render_prep` (or another render) runs.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from outreach.calendar.clock import clock, contact_zone, day, when
from outreach.outgoing.render import render_for_contact
from outreach.outgoing.threads import thread_context
from outreach.store.models import Contact, Interview

if TYPE_CHECKING:
    from outreach.config.settings import Settings
    from outreach.outgoing.render import Rendered

logger = logging.getLogger(__name__)


def interview_context(interview: Interview, contact: Contact, settings: Settings,
                      times: tuple[datetime, datetime] | None = None) -> dict[str, Any]:
    """`interview` for templates. Every key is always present (None when unknown): StrictUndefined.

    `times`: the start and end the message names when they are not the interview's (a cancellation names
    the time of the invitation the contact has). `their_time` is the start on the contact's clock when their
    zone differs; `their_start` the same with the day when their day differs too; `offered`: the start is a
    time the contact offered."""
    zone = settings.me.zone
    start, end = times or (interview.start, interview.end)
    their_zone = contact_zone(contact)
    their = their_start = None
    if start is not None and their_zone is not None and _offset(start, their_zone) != _offset(start, zone):
        their = clock(start, their_zone)
        same_day = start.astimezone(their_zone).date() == start.astimezone(zone).date()
        their_start = their if same_day else when(start, their_zone)
    minutes = int((end - start).total_seconds() // 60) if start and end else None
    return {
        "id": interview.id,
        "status": interview.status,
        "on": day(start, zone) if start else None,
        "starts": when(start, zone) if start else None,
        "ends": clock(end, zone) if end else None,
        "their_time": their,
        "their_start": their_start,
        "offered": start is not None and start in offered_times(interview),
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
    contact = interview.contact
    return render_for_contact(settings, contact, template="prep", thread=thread_context(contact, settings),
                              interview=interview_context(interview, contact, settings))


def offered_times(interview: Interview) -> set[datetime]:
    """The instants the contact offered: their options, or the one time their reply fixed."""
    offered = {datetime.fromisoformat(t) for t in interview.proposed_times or []}
    reply = interview.reply
    start = _parse(((reply.result or {}).get("meeting") or {}).get("start")) if reply else None
    return offered | ({start} if start else set())


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else None


def _offset(moment: datetime, zone: ZoneInfo) -> Any:
    return moment.astimezone(zone).utcoffset()
