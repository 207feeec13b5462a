"""The send window, the rolling daily cap, the minimum interval and the retry backoff (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from outreach.config.settings import Sending
from outreach.sending.sendwindow import (
    Hold,
    account_hold,
    draft_hold,
    earliest_send,
    in_window,
    next_window_open,
    retry_delay,
    window_hold,
    window_zone,
)

NY = ZoneInfo("America/New_York")
LA = ZoneInfo("America/Los_Angeles")
WEEKDAYS = Sending()  # Mon-Fri 08:30-17:30, 20 a day, 90 s apart
TUESDAY_10_NY = datetime(2025, 3, 4, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(("now", "zone", "expected"), [
    (TUESDAY_10_NY, NY, True),
    (TUESDAY_10_NY, LA, False),  # 07:00 in Los Angeles
    (datetime(2025, 3, 4, 13, 30, tzinfo=UTC), NY, True),  # 08:30 exactly: open
    (datetime(2025, 3, 4, 22, 30, tzinfo=UTC), NY, False),  # 17:30 exactly: closed
    (datetime(2025, 3, 8, 15, 0, tzinfo=UTC), NY, False),  # Saturday
    (datetime(2025, 3, 8, 3, 0, tzinfo=UTC), LA, False),  # Friday 19:00 in Los Angeles
    (datetime(2025, 3, 8, 0, 0, tzinfo=UTC), LA, True),  # Friday 16:00 in Los Angeles, Friday 19:00 in New York
])
def test_in_window(now: datetime, zone: ZoneInfo, expected: bool) -> None:
    """The window is checked in the given zone, start inclusive and end exclusive."""
    assert in_window(now, zone, WEEKDAYS) is expected


def test_end_2359_means_until_midnight() -> None:
    """An end of 23:59 keeps the window open through the last minute of the day."""
    sending = Sending(days=tuple(range(7)), start=time(0, 0), end=time(23, 59))
    assert in_window(datetime(2025, 3, 5, 4, 59, 59, tzinfo=UTC), NY, sending)  # 23:59:59 New York


def test_contact_zone_wins_over_the_users() -> None:
    """A contact's known zone is used; an unknown or invalid one falls back to the user's."""
    assert window_zone("America/Los_Angeles", "America/New_York") == LA
    assert window_zone(None, "America/New_York") == NY
    assert window_zone("Mars/Olympus", "America/New_York") == NY


def test_next_window_open() -> None:
    """Closed: the next opening, skipping the weekend; open: now."""
    assert next_window_open(TUESDAY_10_NY, NY, WEEKDAYS) == TUESDAY_10_NY
    friday_evening = datetime(2025, 3, 7, 23, 0, tzinfo=UTC)
    assert next_window_open(friday_evening, NY, WEEKDAYS) == datetime(2025, 3, 10, 8, 30, tzinfo=NY)
    assert next_window_open(TUESDAY_10_NY, LA, WEEKDAYS) == datetime(2025, 3, 4, 8, 30, tzinfo=LA)


def test_next_window_open_across_dst() -> None:
    """The opening after a DST change is 08:30 local wall time (12:30 UTC, not 13:30)."""
    saturday = datetime(2025, 3, 8, 18, 0, tzinfo=UTC)  # the US switches on Sunday 9 March
    opens = next_window_open(saturday, NY, WEEKDAYS)
    assert opens.astimezone(UTC) == datetime(2025, 3, 10, 12, 30, tzinfo=UTC)


def test_window_hold_names_the_window() -> None:
    """A closed window says when it opens and which window it is."""
    assert window_hold(TUESDAY_10_NY, LA, WEEKDAYS) == Hold(
        datetime(2025, 3, 4, 8, 30, tzinfo=LA),
        "outside the send window (mon, tue, wed, thu, fri 08:30-17:30 America/Los_Angeles)")


def test_cap_is_a_rolling_24_hours() -> None:
    """max_per_day counts sends in the last 24 hours and frees up as the oldest leave that span."""
    sending = Sending(max_per_day=3, min_interval_seconds=0)
    sent = [TUESDAY_10_NY - timedelta(hours=h) for h in (30, 20, 10, 1)]  # the 30-hour-old one no longer counts
    hold = account_hold(TUESDAY_10_NY, sending, sent)
    assert hold == Hold(sent[1] + timedelta(hours=24),
                        "daily cap reached (3 sent in the last 24 hours, max_per_day 3)", account=True)
    assert account_hold(sent[1] + timedelta(hours=24, seconds=1), sending, sent) is None


def test_min_interval_from_the_last_send() -> None:
    """The next send waits min_interval_seconds after the latest one."""
    sending = Sending(max_per_day=20, min_interval_seconds=90)
    last = TUESDAY_10_NY - timedelta(seconds=30)
    assert account_hold(TUESDAY_10_NY, sending, [last]) == Hold(
        last + timedelta(seconds=90), "min_interval_seconds 90 since the last send", account=True)
    assert account_hold(TUESDAY_10_NY, sending, [TUESDAY_10_NY - timedelta(seconds=90)]) is None
    assert account_hold(TUESDAY_10_NY, sending, []) is None


def test_retry_delay_doubles_up_to_an_hour() -> None:
    """Backoff: 1, 2, 4 ... minutes, never more than an hour, even after many attempts."""
    assert [retry_delay(n) for n in (1, 2, 3, 6, 7, 500)] == [
        timedelta(minutes=m) for m in (1, 2, 4, 32, 60, 60)]


def test_draft_hold_checks_in_the_senders_order() -> None:
    """A pause first, then the draft's retry time, then the cap and interval, then the window."""
    sending = Sending(max_per_day=1, min_interval_seconds=0)
    pause = Hold(TUESDAY_10_NY + timedelta(hours=1), "smtp refused the login", account=True)
    retry_at = TUESDAY_10_NY + timedelta(minutes=2)
    sent = [TUESDAY_10_NY - timedelta(hours=1)]
    capped = Hold(sent[0] + timedelta(hours=24), "daily cap reached (1 sent in the last 24 hours, max_per_day 1)",
                  account=True)
    assert draft_hold(TUESDAY_10_NY, LA, sending, sent, retry_at, pause) == pause
    assert draft_hold(TUESDAY_10_NY, LA, sending, sent, retry_at) == Hold(
        retry_at, "waiting to retry after a temporary error")
    assert draft_hold(TUESDAY_10_NY, LA, sending, sent, TUESDAY_10_NY) == capped
    assert draft_hold(TUESDAY_10_NY, LA, sending, []) == window_hold(TUESDAY_10_NY, LA, sending)
    assert draft_hold(TUESDAY_10_NY, NY, sending, []) is None
    assert draft_hold(pause.until, NY, sending, [], pause=pause) is None  # a pause ends at its `until`


def test_earliest_send_follows_one_hold_into_the_next() -> None:
    """A retry or a cap that ends after hours waits on for the window; nothing holds: None."""
    friday_evening = datetime(2025, 3, 7, 22, 0, tzinfo=UTC)  # 17:00 in New York
    monday_opens = Hold(datetime(2025, 3, 10, 8, 30, tzinfo=NY),
                        "outside the send window (mon, tue, wed, thu, fri 08:30-17:30 America/New_York)")
    assert earliest_send(friday_evening, NY, WEEKDAYS, [], retry_at=friday_evening + timedelta(hours=1)) == (
        monday_opens)
    capped = Sending(max_per_day=1, min_interval_seconds=0)
    sent = [datetime(2025, 3, 6, 22, 40, tzinfo=UTC)]  # Thursday 17:40: frees on Friday 17:40, after hours
    assert earliest_send(friday_evening, NY, capped, sent) == monday_opens
    assert earliest_send(TUESDAY_10_NY, NY, capped, []) is None
