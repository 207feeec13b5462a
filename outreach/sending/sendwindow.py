"""When a message may leave: the send window, the rolling daily cap and the minimum interval.

Pure functions over settings, zones and the sent times the caller read from the
database (so restarts never reset a cap). All datetimes in and out are aware.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from outreach.backoff import exponential_delay
from outreach.config.settings import WEEKDAYS, Sending

DAY = timedelta(hours=24)
# The config cannot say 24:00, so an end of 23:59 means "until midnight".
END_OF_DAY = time(23, 59)
RETRY_BASE = timedelta(minutes=1)
RETRY_CAP = timedelta(hours=1)
MAX_HOLD_STEPS = 16


@dataclass(frozen=True)
class Hold:
    """Not now: the earliest time it may be tried again, and why."""

    until: datetime
    reason: str
    account: bool = False  # the whole account waits (a pause, the daily cap, the interval), not one draft


def window_zone(contact_zone: str | None, user_zone: str) -> ZoneInfo:
    """The contact's zone when known and valid, else the user's."""
    if contact_zone:
        try:
            return ZoneInfo(contact_zone)
        except (KeyError, ValueError):
            pass
    return ZoneInfo(user_zone)


def in_window(now: datetime, zone: ZoneInfo, sending: Sending) -> bool:
    local = now.astimezone(zone)
    if local.weekday() not in sending.days:
        return False
    clock = local.time().replace(tzinfo=None)
    return sending.start <= clock and (sending.end == END_OF_DAY or clock < sending.end)


def next_window_open(now: datetime, zone: ZoneInfo, sending: Sending) -> datetime:
    """`now` if the window is open, else the next moment it opens (in `zone`)."""
    if in_window(now, zone, sending):
        return now
    local = now.astimezone(zone)
    for ahead in range(8):
        day = local.date() + timedelta(days=ahead)
        opens = datetime.combine(day, sending.start, tzinfo=zone)
        if day.weekday() in sending.days and opens > local:
            return opens
    raise ValueError("sending.days is empty")  # config validation forbids it


def describe_window(zone: ZoneInfo, sending: Sending) -> str:
    days = ", ".join(WEEKDAYS[d] for d in sending.days)
    end = "24:00" if sending.end == END_OF_DAY else sending.end.strftime("%H:%M")
    return f"{days} {sending.start.strftime('%H:%M')}-{end} {zone.key}"


def window_hold(now: datetime, zone: ZoneInfo, sending: Sending) -> Hold | None:
    opens = next_window_open(now, zone, sending)
    if opens == now:
        return None
    return Hold(opens, f"outside the send window ({describe_window(zone, sending)})")


def account_hold(now: datetime, sending: Sending, sent_times: Sequence[datetime]) -> Hold | None:
    """The daily cap (any rolling 24 hours) and the minimum interval, from the sent times."""
    recent = sorted(t for t in sent_times if now - DAY < t <= now)
    if len(recent) >= sending.max_per_day:
        # the cap frees up when the oldest send that still counts leaves the 24-hour window
        frees = recent[len(recent) - sending.max_per_day] + DAY
        return Hold(frees, f"daily cap reached ({len(recent)} sent in the last 24 hours, "
                           f"max_per_day {sending.max_per_day})", account=True)
    if recent and sending.min_interval_seconds:
        earliest = recent[-1] + timedelta(seconds=sending.min_interval_seconds)
        if earliest > now:
            return Hold(earliest, f"min_interval_seconds {sending.min_interval_seconds} since the last send",
                        account=True)
    return None


def draft_hold(now: datetime, zone: ZoneInfo, sending: Sending, sent_times: Sequence[datetime],
               retry_at: datetime | None = None, pause: Hold | None = None) -> Hold | None:
    """Why one approved draft may not go at `now`, checked in the sender's order: the account's pause,
    the draft's retry time, the daily cap and the interval, then the window in `zone`. None: it may go."""
    if pause is not None and pause.until > now:
        return pause
    if retry_at is not None and retry_at > now:
        return Hold(retry_at, "waiting to retry after a temporary error")
    return account_hold(now, sending, sent_times) or window_hold(now, zone, sending)


def earliest_send(now: datetime, zone: ZoneInfo, sending: Sending, sent_times: Sequence[datetime],
                  retry_at: datetime | None = None, pause: Hold | None = None) -> Hold | None:
    """When an approved draft goes out at the earliest (with what it waits for last), or None if it may
    go now: `draft_hold` again at each hold's end, since a retry may end in a closed window."""
    hold = None
    at = now
    for _ in range(MAX_HOLD_STEPS):  # each hold ends later than the last: a few steps settle it
        step = draft_hold(at, zone, sending, sent_times, retry_at, pause)
        if step is None:
            break
        hold, at = step, step.until
    return hold


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff after the n-th failed attempt: 1, 2, 4 ... minutes, at most an hour."""
    seconds = exponential_delay(attempts - 1, RETRY_BASE.total_seconds(), RETRY_CAP.total_seconds())
    return timedelta(seconds=seconds)
