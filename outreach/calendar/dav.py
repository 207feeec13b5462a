"""The user's CalDAV account, through the caldav library: log in, list calendars, busy time, and put or
delete one event by UID.

caldav (and its HTTP stack) is imported only here and only when a calendar is configured, so commands
that never touch a calendar never pay for it. Every library error is wrapped where it enters, naming
the server and what to do: a refused login is a LoginRefused, anything else a ConnectionFailed.

Writing is idempotent: an event is found by its UID before it is written, so retrying after a crash
updates the one event instead of adding a second.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from outreach.calendar.slots import Busy
from outreach.config.settings import CalendarSettings
from outreach.errors import CalendarError, LoginRefused, OutreachError

logger = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class FoundCalendar:
    name: str
    url: str


class CalendarAccount:
    """One logged-in session with the user's CalDAV server (use open_calendar)."""

    def __init__(self, settings: CalendarSettings, zone: ZoneInfo) -> None:
        self.settings = settings
        self.zone = zone  # all-day events are busy from midnight to midnight here
        self.client: Any = None
        self._calendars: list[tuple[str, Any]] | None = None

    # ------------------------------------------------------------------ connecting

    def login(self) -> None:
        from caldav.davclient import DAVClient

        s = self.settings
        password = s.secret.resolve()
        self.client = DAVClient(
            url=s.url, username=s.username, password=password, timeout=int(s.timeout_seconds),
            ssl_verify_cert=str(s.ca_file) if s.ca_file else True,
            require_tls=not s.url.startswith("http://"), enable_rfc6764=False,
        )
        self._calendars = self._call("list your calendars", self._list)

    def close(self) -> None:
        if self.client is not None:
            try:
                self.client.close()
            except Exception:  # closing a session that failed half-way must not hide the first error
                logger.debug("closing the CalDAV session failed", exc_info=True)

    def calendars(self) -> list[FoundCalendar]:
        assert self._calendars is not None
        return [FoundCalendar(name, str(cal.url)) for name, cal in self._calendars]

    def check_names(self) -> None:
        """Raise CalendarError when write_to or a busy_from calendar does not exist."""
        self._named(self.settings.write_to)
        self._busy_calendars()

    def _list(self) -> list[tuple[str, Any]]:
        found = []
        for calendar in self.client.principal().calendars():
            name = calendar.get_display_name() or str(calendar.url).rstrip("/").rsplit("/", 1)[-1]
            found.append((name, calendar))
        return found

    def _named(self, name: str) -> Any:
        assert self._calendars is not None
        for found, calendar in self._calendars:
            if found == name:
                return calendar
        names = ", ".join(sorted((n for n, _ in self._calendars), key=str.lower)) or "none"
        raise CalendarError(f"calendar {self.settings.url}: no calendar named {name!r} for {self.settings.username} "
                            f"(found: {names}); fix calendar.write_to or calendar.busy_from in outreach.yaml")

    def _busy_calendars(self) -> list[tuple[str, Any]]:
        assert self._calendars is not None
        if not self.settings.busy_from:
            return list(self._calendars)
        return [(name, self._named(name)) for name in self.settings.busy_from]

    # ------------------------------------------------------------------ busy time

    def busy(self, start: datetime, end: datetime) -> list[Busy]:
        """Busy intervals in [start, end) over the busy_from calendars: a free-busy report where the server
        answers one, else the events themselves."""
        out: list[Busy] = []
        for name, calendar in self._busy_calendars():
            try:
                out += self._call(f"ask {name!r} for free-busy time", partial(_freebusy, calendar, start, end))
            except CalendarError as exc:
                logger.debug("no free-busy report from %s (%s); reading its events", name, exc)
                out += self._events_of(name, calendar, start, end)
        return sorted(out, key=lambda b: (b.start, b.end))

    def events(self, start: datetime, end: datetime) -> list[Busy]:
        """The busy events themselves (with their summaries) in [start, end): to name a conflict."""
        out = [b for name, calendar in self._busy_calendars() for b in self._events_of(name, calendar, start, end)]
        return sorted(out, key=lambda b: (b.start, b.end))

    def _events_of(self, name: str, calendar: Any, start: datetime, end: datetime) -> list[Busy]:
        return self._call(f"read the events of {name!r}", partial(_events_busy, calendar, start, end, self.zone))

    # ------------------------------------------------------------------ writing one event

    def find(self, uid: str) -> Any | None:
        """The event with `uid` in the write_to calendar, or None."""
        import caldav.lib.error as dav_error

        calendar = self._named(self.settings.write_to)

        def lookup() -> Any | None:
            try:
                return calendar.get_event_by_uid(uid)
            except dav_error.NotFoundError:
                return None

        return self._call(f"look for event {uid}", lookup)

    def put(self, uid: str, ics: str) -> str:
        """Create or replace the event `uid` in write_to with `ics` (one VEVENT, that UID); returns its URL."""
        calendar = self._named(self.settings.write_to)
        existing = self.find(uid)

        def write() -> str:
            if existing is None:
                return str(calendar.add_event(ics, increase_seqno=False).url)
            existing.data = ics
            existing.save(increase_seqno=False)
            return str(existing.url)

        return self._call(f"write event {uid} to {self.settings.write_to!r}", write)

    def delete(self, uid: str) -> bool:
        """Remove the event `uid` from write_to; False when it was not there."""
        existing = self.find(uid)
        if existing is None:
            return False
        self._call(f"delete event {uid}", existing.delete)
        return True

    def _call(self, what: str, action: Callable[[], T]) -> T:
        """Run one request, wrapping what the library raises into our errors."""
        import caldav.lib.error as dav_error

        where = f"calendar {self.settings.url} as {self.settings.username}"
        try:
            return action()
        except OutreachError:
            raise
        except dav_error.AuthorizationError as exc:
            if getattr(exc, "reason", "") == "Forbidden" or "403" in str(exc):
                raise CalendarError(f"{where}: not allowed to {what}: {_short(exc)}") from None
            raise LoginRefused(f"{where}: the server refused the login ({_short(exc)}); check calendar.username "
                               f"and the password from {self.settings.secret.describe()}") from None
        except dav_error.DAVError as exc:
            raise CalendarError(f"{where}: could not {what}: {_short(exc)}") from None
        except (OSError, ValueError) as exc:
            raise CalendarError(f"{where}: could not {what}: {_short(exc)}") from None
        except Exception as exc:  # the HTTP stack's own errors (niquests/requests), which caldav lets through
            if type(exc).__module__.split(".")[0] in ("niquests", "requests", "urllib3", "urllib3_future"):
                raise CalendarError(f"{where}: could not {what}: {_short(exc)}") from None
            raise


@contextmanager
def open_calendar(settings: CalendarSettings, zone: ZoneInfo) -> Iterator[CalendarAccount]:
    """A logged-in CalendarAccount, closed afterwards."""
    account = CalendarAccount(settings, zone)
    try:
        account.login()
        yield account
    finally:
        account.close()


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


# ------------------------------------------------------------------ reading calendar data


def _freebusy(calendar: Any, start: datetime, end: datetime) -> list[Busy]:
    report = calendar.freebusy_request(start.astimezone(UTC), end.astimezone(UTC))
    out = []
    for component in report.icalendar_instance.walk("VFREEBUSY"):
        values = component.get("FREEBUSY", [])
        for value in values if isinstance(values, list) else [values]:
            if str(value.params.get("FBTYPE", "BUSY")).upper() == "FREE":
                continue
            first, second = value.dt
            out.append(Busy(first.astimezone(UTC), (second if isinstance(second, datetime)
                                                    else first + second).astimezone(UTC)))
    return out


def _events_busy(calendar: Any, start: datetime, end: datetime, zone: ZoneInfo) -> list[Busy]:
    found = calendar.search(start=start.astimezone(UTC), end=end.astimezone(UTC), event=True, expand=True)
    out = []
    for item in found:
        for event in item.icalendar_instance.walk("VEVENT"):
            busy = event_busy(event, zone)
            if busy is not None and busy.start < end and busy.end > start:
                out.append(busy)
    return out


def event_busy(event: Any, zone: ZoneInfo) -> Busy | None:
    """The busy interval of one VEVENT, or None when it does not make the user busy (transparent, cancelled)."""
    if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
        return None
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return None
    start = _moment(event.decoded("DTSTART"), zone)
    if "DTEND" in event:
        end = _moment(event.decoded("DTEND"), zone)
    elif "DURATION" in event:
        end = start + event.decoded("DURATION")
    else:  # RFC 5545: a date lasts the day, a date-time is an instant
        end = start + (timedelta(days=1) if not isinstance(event.decoded("DTSTART"), datetime) else timedelta(0))
    return Busy(start, end, str(event.get("SUMMARY", "busy")), str(event.get("UID", "")))


def _moment(value: date | datetime, zone: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=zone)).astimezone(UTC)
    return datetime.combine(value, time(0), tzinfo=zone).astimezone(UTC)


def describe_calendars(found: Sequence[FoundCalendar], settings: CalendarSettings) -> str:
    """'Interviews (write_to), Personal (busy), Work (busy)': what check --connect says it found."""
    parts = []
    for calendar in sorted(found, key=lambda c: c.name.lower()):
        roles = []
        if calendar.name == settings.write_to:
            roles.append("write_to")
        if not settings.busy_from or calendar.name in settings.busy_from:
            roles.append("busy")
        parts.append(calendar.name + (f" ({', '.join(roles)})" if roles else ""))
    return ", ".join(parts) or "none"
