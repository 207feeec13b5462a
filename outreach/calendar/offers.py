"""Free times offered in outreach: busy time from the user's calendar, their scheduled interviews and
the slots already held for other contacts -> slots for each new draft, and the check that an approved
draft's times are still free just before it goes out.

Only used when `calendar:` is configured; the calendar is read once per compose or send run.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from outreach.calendar import slot_holds
from outreach.calendar.clock import clock, contact_zone, day, when
from outreach.calendar.dav import open_calendar
from outreach.calendar.slots import Busy, Slot, conflicts, free_slots, search_range
from outreach.config.settings import Settings
from outreach.store.models import Contact, Interview, InterviewStatus

if TYPE_CHECKING:
    from outreach.calendar.dav import CalendarAccount

logger = logging.getLogger(__name__)

# An offered time this close (or already past) is no longer offered: the contact could not take it.
MIN_NOTICE = timedelta(hours=12)


@dataclass
class Offers:
    """The busy time of one run, growing as slots are handed out, so two drafts never share one."""

    settings: Settings
    now: datetime
    busy: list[Busy] = field(default_factory=list)

    def take(self, contact: Contact) -> list[Slot]:
        """The next free slots for `contact`, in their zone (the user's when theirs is unknown); held in
        memory for this run (slot_holds.hold stores them with the draft)."""
        assert self.settings.calendar is not None
        slots = free_slots(self.settings.calendar.availability, self.settings.me.zone, self.busy, self.now,
                           contact_zone=contact_zone(contact))
        self.busy += [Busy(s.start, s.end, f"offered to {contact.email}") for s in slots]
        return slots


def open_offers(settings: Settings, now: datetime) -> Offers | None:
    """Offers for one compose run at `now` (None without a calendar). Reads the calendar once; raises
    ConnectionFailed (LoginRefused) when it cannot."""
    if settings.calendar is None:
        return None

    with open_calendar(settings.calendar, settings.me.zone) as account:
        return offers_from(account, settings, now)


def offers_from(account: CalendarAccount, settings: Settings, now: datetime,
                exclude_draft: int | None = None) -> Offers:
    """Offers from an open calendar: its busy time, the scheduled interviews and every hold in force (but
    `exclude_draft`'s, whose times are being replaced)."""
    assert settings.calendar is not None
    start, end = search_range(settings.calendar.availability, settings.me.zone, now)
    busy = account.busy(start, end) + interview_busy(start, end) + slot_holds.active(now, exclude_draft)
    return Offers(settings, now, busy)


def interview_busy(start: datetime, end: datetime) -> list[Busy]:
    """Scheduled interviews in [start, end): busy even before they reach the calendar."""
    rows = (Interview.select(Interview, Contact).join(Contact)
            .where(Interview.status == InterviewStatus.SCHEDULED, Interview.start < end, Interview.end > start))
    return [Busy(i.start, i.end, f"interview with {i.contact.name}") for i in rows]


def stale_offer(account: CalendarAccount, settings: Settings, draft_id: int, now: datetime) -> str | None:
    """Why the times an outreach draft offers can no longer go out ("Tuesday ... 9:00 AM EDT is now
    taken by 'Team sync'"), or None when they are all still free (or it offers none)."""
    held = slot_holds.for_draft(draft_id)
    if not held:
        return None
    assert settings.calendar is not None
    first, last = min(h.start for h in held), max(h.end for h in held)
    span = timedelta(minutes=settings.calendar.availability.buffer_minutes)
    busy = (account.events(first - span, last + span) + interview_busy(first - span, last + span)
            + slot_holds.active(now, exclude_draft=draft_id))

    for hold in held:
        if hold.start < now + MIN_NOTICE:
            return f"the offered time {when(hold.start, settings.me.zone)} is too close now"
        taken = conflicts(hold.start, hold.end, busy, settings.calendar.availability.buffer_minutes)
        if taken:
            return f"the offered time {when(hold.start, settings.me.zone)} is no longer free ({taken[0].what})"
    return None


def slot_context(slots: Sequence[Slot], fallback_zone: ZoneInfo) -> list[dict[str, Any]]:
    """The template's `slots`: start, end (the contact's zone), user_start (the user's), and the start as
    day ('Tuesday, March 10'), time ('9:00 AM EDT') and text ('Tuesday, March 10 at 9:00 AM EDT')."""
    out = []
    for slot in slots:
        zone = slot.start.tzinfo if isinstance(slot.start.tzinfo, ZoneInfo) else fallback_zone
        out.append({"start": slot.start, "end": slot.end, "user_start": slot.user_start,
                    "day": day(slot.start, zone), "time": clock(slot.start, zone),
                    "text": f"{day(slot.start, zone)} at {clock(slot.start, zone)}"})
    return out
