"""Free times to offer: availability + busy intervals + now -> slots. Pure (no database, no network).

Every day is built from its own wall-clock window in the user's zone (09:00-17:00 is 09:00-17:00 on
both sides of a daylight-saving change), and all arithmetic is done in UTC, so a slot is always
`slot_minutes` long. Slots are spread over days: the first free one on each day comes first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from outreach.config.settings import Availability


@dataclass(frozen=True)
class Busy:
    """A time the user is not free (UTC-aware); `what` says why, for messages ("Team sync"); `uid`: the
    calendar event's, when it is one."""

    start: datetime
    end: datetime
    what: str = "busy"
    uid: str = ""


@dataclass(frozen=True)
class Slot:
    """One time offered to a contact: `start`/`end` in the contact's zone (the user's when theirs is
    unknown), `user_start` the same instant in the user's zone. This is the template's `slots` item."""

    start: datetime
    end: datetime
    user_start: datetime


def free_slots(availability: Availability, user_zone: ZoneInfo, busy: Iterable[Busy], now: datetime,
               count: int | None = None, contact_zone: ZoneInfo | None = None) -> list[Slot]:
    """Up to `count` (default availability.offer) free slots between earliest_days and latest_days ahead.

    A slot is free when no busy interval comes within buffer_minutes of it. The first free slot of each
    day comes first (so three offers fall on three days when they can), then the later ones, in time order.
    """
    wanted = availability.offer if count is None else count
    if wanted <= 0:
        return []
    intervals = sorted((b.start.astimezone(UTC), b.end.astimezone(UTC)) for b in busy)
    buffer = timedelta(minutes=availability.buffer_minutes)
    length = timedelta(minutes=availability.slot_minutes)
    first, later = [], []
    for day in _days(availability, now.astimezone(user_zone).date()):
        day_slots = [s for s in _day_candidates(availability, user_zone, day, length)
                     if s >= now and _is_free(s, s + length, intervals, buffer)]
        if day_slots:
            first.append(day_slots[0])
            # a later slot on the same day starts at least a slot and a buffer after the one before
            picked = day_slots[0]
            for start in day_slots[1:]:
                if start >= picked + length + buffer:
                    later.append(start)
                    picked = start
        if len(first) >= wanted:
            break
    chosen = sorted((first + sorted(later))[:wanted])
    shown = contact_zone or user_zone
    return [Slot(s.astimezone(shown), (s + length).astimezone(shown), s.astimezone(user_zone)) for s in chosen]


def conflicts(start: datetime, end: datetime, busy: Iterable[Busy], buffer_minutes: int = 0) -> list[Busy]:
    """The busy intervals that overlap [start, end) (widened by buffer_minutes), in time order."""
    buffer = timedelta(minutes=buffer_minutes)
    return sorted((b for b in busy if b.start < end + buffer and b.end > start - buffer), key=lambda b: b.start)


def search_range(availability: Availability, user_zone: ZoneInfo, now: datetime) -> tuple[datetime, datetime]:
    """The UTC span free_slots can look at: midnight of the first day to midnight after the last."""
    today = now.astimezone(user_zone).date()
    first = today + timedelta(days=availability.earliest_days)
    last = today + timedelta(days=availability.latest_days + 1)
    return (datetime.combine(first, datetime.min.time(), tzinfo=user_zone).astimezone(UTC),
            datetime.combine(last, datetime.min.time(), tzinfo=user_zone).astimezone(UTC))


def _days(availability: Availability, today: date) -> Iterable[date]:
    for offset in range(availability.earliest_days, availability.latest_days + 1):
        day = today + timedelta(days=offset)
        if day.weekday() in availability.days:
            yield day


def _day_candidates(availability: Availability, zone: ZoneInfo, day: date, length: timedelta) -> list[datetime]:
    """Slot starts (UTC) on `day`, every slot_minutes from the window's start, ending by its end."""
    opens = datetime.combine(day, availability.start, tzinfo=zone).astimezone(UTC)
    closes = datetime.combine(day, availability.end, tzinfo=zone).astimezone(UTC)
    starts = []
    start = opens
    while start + length <= closes:
        starts.append(start)
        start += length
    return starts


def _is_free(start: datetime, end: datetime, intervals: Sequence[tuple[datetime, datetime]],
             buffer: timedelta) -> bool:
    return not any(b_start < end + buffer and b_end > start - buffer for b_start, b_end in intervals)
