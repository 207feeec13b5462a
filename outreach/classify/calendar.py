"""Read meeting invitations (text/calendar parts and attached .ics files).

The common forms are read directly: DTSTART in UTC, with an IANA TZID, or with
a Windows zone name such as "Pacific Standard Time" (Outlook). Only a TZID that
names neither is handed to the ``icalendar`` library, which builds the zone from
the VTIMEZONE block; it is imported then and only then, because importing it
costs about 80 ms, more than classifying a hundred messages.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from outreach.classify.links import find_links
from outreach.classify.zones import zone
from outreach.regex_store import regex

logger = logging.getLogger(__name__)

MAX_CALENDAR_CHARS = 200_000
_DT_RE = regex(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$")


@dataclass(frozen=True)
class Invitation:
    """The first event of a calendar part."""

    method: str
    start: datetime | None
    end: datetime | None
    url: str | None
    location: str | None
    cancelled: bool
    partstat: str = ""  # the attendee's answer in an iMIP REPLY: ACCEPTED, DECLINED, TENTATIVE
    organizer: str = ""  # the organizer's address, lower case


def _unfold(text: str) -> list[str]:
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        else:
            lines.append(raw)
    return lines


def _split(line: str) -> tuple[str, dict[str, str], str]:
    head, _, value = line.partition(":")
    # A quoted parameter may hold a colon (CN="Castillo, Ray":mailto:...).
    while head.count('"') % 2 and _:
        more, _, value = value.partition(":")
        head += ":" + more
    name, *params = head.split(";")
    parsed = {}
    for param in params:
        key, _, val = param.partition("=")
        parsed[key.upper()] = val.strip('"')
    return name.upper(), parsed, value


def _unescape(value: str) -> str:
    return value.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",").replace("\\;", ";")


def _datetime(value: str, params: dict[str, str]) -> tuple[datetime | None, bool]:
    """(value, resolved); resolved is False when the TZID needs the VTIMEZONE."""
    m = _DT_RE.match(value.strip())
    if not m:
        return None, True
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if m.group(4) is None:
        try:
            return datetime.combine(date(year, month, day), datetime.min.time(), UTC), True
        except ValueError:
            return None, True
    tz: tzinfo | None
    if m.group(7):
        tz = UTC
    elif "TZID" in params:
        tz = zone(params["TZID"])
        if tz is None:
            return None, False
    else:
        tz = None  # floating time: the reader's zone; the caller uses the Date header's offset
    try:
        value_dt = datetime(year, month, day, int(m.group(4)), int(m.group(5)), int(m.group(6) or 0), tzinfo=tz)
    except ValueError:
        return None, True
    return value_dt, True


_DURATION_RE = regex(r"^\+?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")


def _duration(value: str) -> timedelta | None:
    """An RFC 5545 DURATION ("PT30M", "P1DT2H", "P1W"), the event's length when it has no DTEND."""
    m = _DURATION_RE.match(value.strip().upper())
    if not m or not any(m.groups()):
        return None
    weeks, days, hours, minutes, seconds = (int(g or 0) for g in m.groups())
    if weeks > 52 or days > 366:  # an absurd length is no length
        return None
    return timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)


def _with_icalendar(text: str) -> tuple[datetime | None, datetime | None]:
    try:
        import icalendar  # deferred: see the module docstring
    except ImportError:
        return None, None
    try:
        cal = icalendar.Calendar.from_ical(text)
        for event in cal.walk("VEVENT"):
            start = event.decoded("DTSTART", None)
            end = event.decoded("DTEND", None)
            if isinstance(start, datetime):
                return start, end if isinstance(end, datetime) else None
    except Exception as exc:  # icalendar raises many types on bad input
        logger.debug("icalendar could not read the invitation: %s", exc)
    return None, None


def read_invitation(text: str, fallback_tz: tzinfo) -> Invitation | None:
    """The first VEVENT of a calendar text, or None when there is none."""
    text = text[:MAX_CALENDAR_CHARS]
    method = ""
    props: dict[str, tuple[dict[str, str], str]] = {}
    depth: list[str] = []
    in_event = done = False
    for line in _unfold(text):
        if not line.strip():
            continue
        name, params, value = _split(line)
        if name == "BEGIN":
            depth.append(value.upper())
            in_event = value.upper() == "VEVENT" and not done and len(depth) <= 2
        elif name == "END":
            if depth and depth[-1] == "VEVENT" and in_event:
                done = True
                in_event = False
            if depth:
                depth.pop()
        elif name == "METHOD" and len(depth) == 1:
            method = value.strip().upper()
        elif in_event and depth and depth[-1] == "VEVENT" and name not in props:
            props[name] = (params, value)
    if not done and not props:
        return None
    start, ok_start = _datetime(props.get("DTSTART", ({}, ""))[1], props.get("DTSTART", ({}, ""))[0])
    end, ok_end = _datetime(props.get("DTEND", ({}, ""))[1], props.get("DTEND", ({}, ""))[0])
    if not (ok_start and ok_end):
        start, end = _with_icalendar(text)
    if start is not None and start.tzinfo is None:
        start = start.replace(tzinfo=fallback_tz)
    if end is not None and end.tzinfo is None:
        end = end.replace(tzinfo=fallback_tz)
    if end is None and start is not None:
        length = _duration(props.get("DURATION", ({}, ""))[1])
        end = start + length if length is not None else None
    location = _unescape(props.get("LOCATION", ({}, ""))[1]).strip() or None
    url = None
    for key in ("X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "URL"):
        if key in props and props[key][1].strip().lower().startswith("http"):
            url = props[key][1].strip()
            break
    if url is None:
        url = find_links((location or "") + "\n" + _unescape(props.get("DESCRIPTION", ({}, ""))[1])).video
    status = props.get("STATUS", ({}, ""))[1].strip().upper()
    partstat = props.get("ATTENDEE", ({}, ""))[0].get("PARTSTAT", "").strip().upper()
    organizer = props.get("ORGANIZER", ({}, ""))[1].strip()
    organizer = organizer[7:] if organizer.lower().startswith("mailto:") else organizer
    return Invitation(
        method=method,
        start=start,
        end=end,
        url=url,
        location=location,
        cancelled=method == "CANCEL" or status == "CANCELLED",
        partstat=partstat,
        organizer=organizer.lower(),
    )
