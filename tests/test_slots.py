"""The slot finder (outreach/calendar/slots.py): pure, table-driven, DST-correct."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from outreach.calendar.slots import Busy, Slot, conflicts, free_slots, search_range
from outreach.config.settings import Availability

NY = ZoneInfo("America/New_York")
PARIS = ZoneInfo("Europe/Paris")
# Thursday 2026-03-05, 10:00 in New York; the US moves to daylight time on Sunday 2026-03-08
NOW = datetime(2026, 3, 5, 15, 0, tzinfo=UTC)
AVAILABILITY = Availability(days=(0, 1, 2, 3, 4), slot_minutes=30, buffer_minutes=15, earliest_days=1,
                            latest_days=14, offer=3)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def starts(slots: list[Slot]) -> list[str]:
    return [s.start.isoformat() for s in slots]


def test_first_free_slot_of_each_day_across_the_dst_change() -> None:
    """09:00 New York is 14:00 UTC before the change and 13:00 UTC after; one offer per weekday."""
    slots = free_slots(AVAILABILITY, NY, [], NOW)
    assert slots == [
        Slot(datetime(2026, 3, 6, 9, 0, tzinfo=NY), datetime(2026, 3, 6, 9, 30, tzinfo=NY),
             datetime(2026, 3, 6, 9, 0, tzinfo=NY)),
        Slot(datetime(2026, 3, 9, 9, 0, tzinfo=NY), datetime(2026, 3, 9, 9, 30, tzinfo=NY),
             datetime(2026, 3, 9, 9, 0, tzinfo=NY)),
        Slot(datetime(2026, 3, 10, 9, 0, tzinfo=NY), datetime(2026, 3, 10, 9, 30, tzinfo=NY),
             datetime(2026, 3, 10, 9, 0, tzinfo=NY)),
    ]
    assert [s.start.astimezone(UTC).hour for s in slots] == [14, 13, 13]


def test_slots_shown_in_the_contacts_zone() -> None:
    """Paris has not changed yet: 09:00 New York is 15:00 in Paris on Friday, 14:00 on Monday."""
    slots = free_slots(AVAILABILITY, NY, [], NOW, contact_zone=PARIS)
    assert starts(slots) == ["2026-03-06T15:00:00+01:00", "2026-03-09T14:00:00+01:00", "2026-03-10T14:00:00+01:00"]
    assert [s.user_start.isoformat() for s in slots] == [
        "2026-03-06T09:00:00-05:00", "2026-03-09T09:00:00-04:00", "2026-03-10T09:00:00-04:00"]
    assert all(s.end - s.start == slots[0].end - slots[0].start for s in slots)


@pytest.mark.parametrize(("busy", "expected"), [
    # a meeting 09:00-10:00 Friday: with the 15-minute buffer the first free start is 10:30
    ([("2026-03-06T14:00", "2026-03-06T15:00")],
     ["2026-03-06T10:30:00-05:00", "2026-03-09T09:00:00-04:00", "2026-03-10T09:00:00-04:00"]),
    # ends 10:20: 10:30 is within the buffer, so 11:00
    ([("2026-03-06T14:00", "2026-03-06T15:20")],
     ["2026-03-06T11:00:00-05:00", "2026-03-09T09:00:00-04:00", "2026-03-10T09:00:00-04:00"]),
    # Friday and Monday fully busy
    ([("2026-03-06T13:00", "2026-03-06T23:00"), ("2026-03-09T12:00", "2026-03-09T22:00")],
     ["2026-03-10T09:00:00-04:00", "2026-03-11T09:00:00-04:00", "2026-03-12T09:00:00-04:00"]),
])
def test_busy_time_and_its_buffer_are_never_offered(busy: list[tuple[str, str]], expected: list[str]) -> None:
    """A slot within buffer_minutes of a busy interval is skipped."""
    slots = free_slots(AVAILABILITY, NY, [Busy(utc(a), utc(b)) for a, b in busy], NOW)
    assert starts(slots) == expected


def test_fewer_days_than_offers_gives_later_slots_the_same_day() -> None:
    """With one available day in range, later offers that day keep a buffer apart, on the slot grid."""
    one_day = replace(AVAILABILITY, days=(4,), earliest_days=1, latest_days=3)
    slots = free_slots(one_day, NY, [], NOW)
    assert starts(slots) == ["2026-03-06T09:00:00-05:00", "2026-03-06T10:00:00-05:00", "2026-03-06T11:00:00-05:00"]


def test_nothing_free_gives_no_slots_and_offer_zero_gives_none() -> None:
    """A fully busy range yields an empty list, as does offer: 0."""
    everything = [Busy(utc("2026-03-01T00:00"), utc("2026-04-01T00:00"), "Sabbatical")]
    assert free_slots(AVAILABILITY, NY, everything, NOW) == []
    assert free_slots(replace(AVAILABILITY, offer=0), NY, [], NOW) == []


def test_earliest_day_today_skips_slots_already_past() -> None:
    """earliest_days: 0 offers today only from now on (09:00 and 09:30 are past at 10:00)."""
    today = replace(AVAILABILITY, earliest_days=0, latest_days=0, offer=2)
    assert starts(free_slots(today, NY, [], NOW)) == ["2026-03-05T10:00:00-05:00", "2026-03-05T11:00:00-05:00"]


def test_conflicts_and_search_range() -> None:
    """conflicts names the overlapping intervals; search_range spans whole local days."""
    team = Busy(utc("2026-03-06T14:00"), utc("2026-03-06T15:00"), "Team sync")
    lunch = Busy(utc("2026-03-06T17:00"), utc("2026-03-06T18:00"), "Lunch")
    assert conflicts(utc("2026-03-06T14:30"), utc("2026-03-06T15:00"), [lunch, team]) == [team]
    assert conflicts(utc("2026-03-06T15:00"), utc("2026-03-06T15:30"), [lunch, team]) == []
    assert conflicts(utc("2026-03-06T15:00"), utc("2026-03-06T15:30"), [lunch, team], buffer_minutes=15) == [team]
    assert search_range(AVAILABILITY, NY, NOW) == (utc("2026-03-06T05:00"), utc("2026-03-20T04:00"))
