"""Calendar files: the invitation attached to a confirmation (METHOD:REQUEST), its cancellation
(METHOD:CANCEL) and `interviews export`.

Times are written in the user's zone with a VTIMEZONE covering just the years the events need,
so calendar apps show the right local time on both sides of a DST change. Each interview keeps
one UID for life; a changed time is the same event with a higher SEQUENCE.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from outreach.config.settings import Settings

logger = logging.getLogger(__name__)

PRODID = "-//outreach//interviews//EN"
ATTACHMENT_NAME = "invite.ics"


@dataclass(frozen=True)
class Event:
    """What a calendar needs to know about one interview."""

    interview_id: int
    start: datetime
    end: datetime
    contact_name: str
    contact_email: str
    company: str | None
    url: str | None
    location: str | None
    sequence: int = 0
    cancelled: bool = False


def uid(event: Event, settings: Settings) -> str:
    return f"outreach-interview-{event.interview_id}@{settings.me.domain}"


def invitation(event: Event, settings: Settings, now: datetime) -> str:
    """One event, METHOD:REQUEST: organiser = the user, attendee = the contact (RSVP requested)."""
    return _calendar([event], settings, now, method="REQUEST")


def cancellation(event: Event, settings: Settings, now: datetime) -> str:
    """The same event (same UID, the caller's higher SEQUENCE), METHOD:CANCEL and STATUS:CANCELLED."""
    return _calendar([replace(event, cancelled=True)], settings, now, method="CANCEL")


def event_times(text: str) -> tuple[datetime, datetime]:
    """(DTSTART, DTEND) of the first event in a calendar we wrote, as aware datetimes."""
    import icalendar

    (event, *_) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    return event.decoded("DTSTART"), event.decoded("DTEND")


def export(events: Sequence[Event], settings: Settings, now: datetime) -> str:
    """Every given event, METHOD:PUBLISH, for a calendar app to import."""
    return _calendar(events, settings, now, method="PUBLISH")


def attachment(text: str, method: str = "REQUEST") -> dict[str, object]:
    """The draft attachment (see message._attach) carrying an invitation (or, method CANCEL, its cancellation)."""
    return {"filename": ATTACHMENT_NAME, "mime": "text/calendar", "params": {"method": method},
            "content": text}


def _calendar(events: Sequence[Event], settings: Settings, now: datetime, method: str) -> str:
    import icalendar

    zone = settings.me.zone
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    for event in events:
        cal.add_component(_event(event, settings, zone, now))
    if events:
        first = min(e.start for e in events).astimezone(zone).date()
        last = max(e.end for e in events).astimezone(zone).date()
        cal.add_component(icalendar.Timezone.from_tzinfo(
            zone, tzid=settings.me.timezone, first_date=date(first.year - 1, 1, 1),
            last_date=date(last.year + 1, 12, 31)))
    # VTIMEZONE conventionally precedes the events that use it.
    cal.subcomponents.sort(key=lambda c: c.name != "VTIMEZONE")
    return cal.to_ical().decode("utf-8")


def _event(event: Event, settings: Settings, zone: ZoneInfo, now: datetime) -> Any:
    import icalendar

    vevent = icalendar.Event()
    vevent.add("uid", uid(event, settings))
    vevent.add("dtstamp", now.astimezone(UTC))
    vevent.add("sequence", event.sequence)
    vevent.add("dtstart", event.start.astimezone(zone))
    vevent.add("dtend", event.end.astimezone(zone))
    who = event.contact_name + (f" ({event.company})" if event.company else "")
    vevent.add("summary", f"Informational interview: {settings.me.name} / {who}")
    description = [f"{settings.me.name} and {event.contact_name}: an informational conversation."]
    if event.url:
        description.append(f"Join: {event.url}")
    vevent.add("description", "\n".join(description))
    where = event.url or event.location
    if where:
        vevent.add("location", where)
    if event.url:
        vevent.add("url", event.url)
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    organizer = icalendar.vCalAddress(f"mailto:{settings.me.email}")
    organizer.params["cn"] = settings.me.name
    organizer.params["role"] = "CHAIR"
    vevent.add("organizer", organizer)
    attendee = icalendar.vCalAddress(f"mailto:{event.contact_email}")
    attendee.params.update({"cn": event.contact_name, "role": "REQ-PARTICIPANT", "cutype": "INDIVIDUAL"})
    if not event.cancelled:  # nothing to answer to a cancellation
        attendee.params.update({"partstat": "NEEDS-ACTION", "rsvp": "TRUE"})
    vevent.add("attendee", attendee)
    return vevent
