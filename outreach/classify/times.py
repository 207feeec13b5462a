"""Meeting times the sender proposes, resolved to aware datetimes.

A time counts only when a date sits in the same clause (or the sentence before,
when that one named a date and no time), it is not in a clause that turns it
down ("I'm tied up tomorrow afternoon"), and it is not a conversion of a time
already given ("..., which should be 10:00 AM in Chicago"). Its zone is the one
written after it, else a zone named elsewhere in the message ("all Pacific
time"), else the Date header's offset; "your time" is the user's zone.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from outreach.classify.dates import DateMention, find_dates
from outreach.classify.zones import PLACES, zone

logger = logging.getLogger(__name__)

MAX_CHARS = 20_000
MAX_CLAUSES = 300
MAX_PER_CLAUSE = 20
TIME_RE = re.compile(
    r"(?<![\d:/.$£€])(?P<h>[012]?\d)(?::(?P<m>[0-5]\d))?"
    r"(?:\s?(?:-|–|—|to|until)\s?(?P<h2>[012]?\d)(?::(?P<m2>[0-5]\d))?)?"
    r"(?:\s?(?P<ap>[ap])\.?m\b\.?|\s?(?P<uhr>uhr)\b)?"
    r"(?![\d/])",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)\S{1,2000}|[^\s@]{1,64}@\S{1,255}", re.IGNORECASE)
_NOON = re.compile(r"\b(?:noon|midday)\b", re.IGNORECASE)
_ABBR = r"ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|GMT|UTC|BST|CET|CEST|MEZ|MESZ|EET|EEST|IST|SGT|HKT|JST|KST|AEST|AEDT|AET|AWST|NZST|NZDT|WET|WEST|HST"  # noqa: E501
_PLACE = "|".join(sorted((re.escape(p) for p in PLACES), key=len, reverse=True))
ZONE_RE = re.compile(
    r"(?P<off>\b(?:UTC|GMT)\s?[+-]\s?\d{1,2}(?::?\d{2})?)"
    r"|(?P<abbr>\b(?:" + _ABBR + r")\b)"
    r"|(?P<mine>\b(?i:my|our)\s(?i:local\s)?(?i:time)\b)"
    r"|(?P<yours>\b(?i:your)\s(?i:local\s)?(?i:time)\b|\b(?i:for you)\b)"
    r"|(?P<place>\b(?i:" + _PLACE + r")\b(?:\s(?i:standard|daylight))?\s(?i:time)\b)"
    r"|(?P<region>\b(?i:pacific|eastern|central|mountain)\b)"
    r"|(?P<inplace>\b(?i:in)\s(?P<city>(?i:" + _PLACE + r"))\b)"
)
_CLAUSE_SPLIT = re.compile(
    r"(?<=[.!?;])(?<![AaPp]\.[Mm]\.)\s+(?=[A-Z\"'(•*-])"  # sentence ends (not "a.m. Tuesday")
    r"|(?<=;)\s+|\n\s*\n"
    r"|\n(?=\s*(?:[-*•·◦‣–]|\d+[.)])\s)"  # list items
    r"|,?\s+\b(?:but|however|so|though)\b\s+"
)
_NEGATIVE = re.compile(
    r"\b(?:can't|cannot|can not|won't|wont|unable|not available|unavailable|doesn't work|does not work|"
    r"don't work|won't work|tied up|busy|booked|packed|out of (?:the )?office|travell?ing|away|"
    r"not free|tough|missed|off that day|on leave|conflict)\b",
    re.IGNORECASE,
)
_CONVERSION = re.compile(
    r"\b(?:which|that|it)\s(?:should|would|will|is|'s)\s(?:be\s)?|\bthat's\b|\bi\.e\.|\baka\b|=\s",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Found:
    """Times found in a message body."""

    times: list[datetime]
    dates: list[date]


@dataclass(frozen=True)
class _Time:
    start: int
    end: int
    value: time


def _hour(h: int, ap: str | None, strong: bool) -> int | None:
    if ap:
        if not 1 <= h <= 12:
            return None
        return (h % 12) + (12 if ap.lower() == "p" else 0)
    if h > 23:
        return None
    if not strong:
        return None
    # Without am/pm, 1-6 means afternoon in a meeting context; 24-hour times stay as written.
    return h + 12 if 1 <= h <= 6 else h


def _find_times(text: str) -> list[_Time]:
    found: list[_Time] = []
    for m in TIME_RE.finditer(text):
        ap = m.group("ap")
        minute_text = m.group("m")
        end_minutes = m.group("m2")
        strong = bool(ap or m.group("uhr") or minute_text or end_minutes)
        if not ap and not minute_text and not m.group("uhr"):
            # A bare number ("at 3") only counts right after "at"/"@".
            before = text[max(0, m.start() - 4) : m.start()].lower()
            if not re.search(r"(?:\bat|@)\s?$", before):
                continue
            strong = True
        start_hour = int(m.group("h"))
        if m.group("h2") and ap:
            end_hour = int(m.group("h2"))
            # "11-1pm": the start is in the morning; "2-4pm": both afternoon.
            start_ap = "a" if ap.lower() == "p" and start_hour > end_hour and start_hour != 12 else ap
        else:
            start_ap = ap
        hour = _hour(start_hour, start_ap, strong)
        if hour is None:
            continue
        found.append(_Time(m.start(), m.end(), time(hour, int(minute_text or 0))))
    for m in _NOON.finditer(text):
        found.append(_Time(m.start(), m.end(), time(12, 0)))
    found.sort(key=lambda t: t.start)
    return found


def _zone_from(m: re.Match[str], ref_tz: tzinfo, user_tz: tzinfo | None) -> tzinfo | None:
    if m.group("mine"):
        return ref_tz
    if m.group("yours"):
        return user_tz
    if m.group("off"):
        return zone(m.group("off").replace(" ", ""))
    if m.group("abbr"):
        return zone(m.group("abbr"))
    if m.group("place"):
        words = m.group("place").rsplit(" ", 1)[0]
        words = re.sub(r"\s(?i:standard|daylight)$", "", words)
        return zone(words)
    if m.group("city"):
        return zone(m.group("city"))
    if m.group("region"):
        return zone(m.group("region"))
    return None


def _zone_after(text: str, pos: int, ref_tz: tzinfo, user_tz: tzinfo | None) -> tuple[tzinfo | None, bool]:
    """The zone written right after a time, and whether one was written at all."""
    window = text[pos : pos + 30]
    m = ZONE_RE.search(window)
    if m is None or window[: m.start()].strip(" ,()[]-") not in ("", "in the morning", "in the afternoon"):
        return None, False
    return _zone_from(m, ref_tz, user_tz), True


def _default_zone(text: str, times: list[_Time], ref_tz: tzinfo, user_tz: tzinfo | None) -> tzinfo | None:
    """A zone named apart from any time ("all Pacific time"), when exactly one is."""
    zones = set()
    ends = {t.end for t in times}
    for m in ZONE_RE.finditer(text):
        if m.group("yours") or m.group("inplace") or m.group("region"):
            continue
        if any(m.start() - gap in ends for gap in range(13)):
            continue
        tz = _zone_from(m, ref_tz, user_tz)
        if tz is not None:
            zones.add(tz)
    return zones.pop() if len(zones) == 1 else None


def find_times(text: str, ref: datetime, user_tz: tzinfo | None) -> Found:
    """Times and dates the sender proposes in ``text`` (already free of quotes and signature)."""
    text = text[:MAX_CHARS]
    ref_tz = ref.tzinfo or ref.astimezone().tzinfo
    assert ref_tz is not None
    today = ref.date()
    all_times = _find_times(text)[: MAX_CLAUSES * MAX_PER_CLAUSE]
    default = _default_zone(text, all_times, ref_tz, user_tz)
    results: list[datetime] = []
    mentioned: list[date] = []
    previous_date: DateMention | None = None
    for clause in _clauses(text)[:MAX_CLAUSES]:
        dates = find_dates(clause, today)[:MAX_PER_CLAUSE]
        times = [t for t in _find_times(clause)[:MAX_PER_CLAUSE] if not _inside_date(t, dates)]
        mentioned.extend(d.day for d in dates)
        carried = previous_date if not dates and previous_date is not None else None
        previous_date = dates[-1] if dates and not times else None
        if not times or _NEGATIVE.search(clause):
            continue
        conversion = _CONVERSION.search(clause)
        for t in times:
            if conversion and t.start > conversion.start():
                continue
            day = _date_for(t, dates) or (carried.day if carried else None)
            if day is None:
                continue
            tz, named = _zone_after(clause, t.end, ref_tz, user_tz)
            if not named:
                tz = default
            if tz is None:
                tz = ref_tz
            try:
                value = datetime.combine(day, t.value, tzinfo=tz)
            except (ValueError, OverflowError):
                continue
            if value < ref - timedelta(hours=1) or value > ref + timedelta(days=400):
                continue
            if all(value != r for r in results):
                results.append(value)
    return Found(results, mentioned)


def _clauses(text: str) -> list[str]:
    text = _URL.sub(" ", text)
    return [" ".join(c.split()) for c in _CLAUSE_SPLIT.split(text) if c and c.strip()]


def _inside_date(t: _Time, dates: list[DateMention]) -> bool:
    return any(d.start <= t.start < d.end for d in dates)


def _date_for(t: _Time, dates: list[DateMention]) -> date | None:
    before = [d for d in dates if d.end <= t.start]
    if before:
        return before[-1].day
    after = [d for d in dates if d.start >= t.end]
    return after[0].day if after else None
