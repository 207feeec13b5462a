"""Find calendar dates in text ("Oct 8", "Monday 10/12", "tomorrow", "next Tuesday").

Relative and partial dates are read against the Date header in the header's own
offset: "tomorrow" in a message sent Monday 21:47 -0500 is Tuesday, even though it
is already Tuesday in UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    "mär": 3,
    "mai": 5,
    "okt": 10,
    "dez": 12,
}
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?)"
)
_WEEKDAY = (
    r"(?:(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)"
)
DATE_RE = re.compile(
    r"(?P<iso>\b(?P<iy>20\d\d)-(?P<im>[01]?\d)-(?P<id>[0-3]?\d)\b)"
    r"|(?P<md>\b(?P<mon1>" + _MONTH + r")\.?\s{1,3}(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\b(?!:)"
    r"(?:,?\s{1,3}(?P<y1>20\d\d)\b)?)"
    r"|(?P<dm>\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\.?\s{1,3}(?:of\s)?(?P<mon2>" + _MONTH + r")\b\.?"
    r"(?:,?\s{1,3}(?P<y2>20\d\d)\b)?)"
    r"|(?P<num>(?<![\d/.:])(?P<n1>[01]?\d)/(?P<n2>[0-3]?\d)(?:/(?P<ny>(?:20)?\d\d))?(?![\d/]))"
    r"|(?P<rel>\b(?i:the day after tomorrow|tomorrow|today|tonight|tmrw|tmr)\b)"
    r"|(?P<wd>\b(?:(?P<wrel>(?i:this|next|coming|this coming))\s{1,3})?(?P<wname>" + _WEEKDAY + r")\b(?!s\b))"
)


@dataclass(frozen=True)
class DateMention:
    """A date found in text, with where it was found."""

    start: int
    end: int
    day: date
    explicit: bool


def _year_for(month: int, day: int, today: date) -> date | None:
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate >= today - timedelta(days=60):
            return candidate
    return None


def _weekday(name: str, rel: str, today: date) -> date:
    target = WEEKDAYS[name[:3].lower()]
    ahead = (target - today.weekday()) % 7
    if rel == "next":
        # "next Tuesday": the Tuesday of next week (weeks start on Monday).
        monday_next = today + timedelta(days=7 - today.weekday())
        return monday_next + timedelta(days=target)
    return today + timedelta(days=ahead)


def _explicit(m: re.Match[str], today: date) -> date | None:
    try:
        if m.group("iso"):
            return date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        if m.group("md") or m.group("dm"):
            mon = (m.group("mon1") or m.group("mon2")).lower()[:3]
            day = int(m.group("d1") or m.group("d2"))
            year = m.group("y1") or m.group("y2")
            if year:
                return date(int(year), MONTHS[mon], day)
            return _year_for(MONTHS[mon], day, today)
        if m.group("num"):
            a, b = int(m.group("n1")), int(m.group("n2"))
            month, day = (a, b) if a <= 12 else (b, a)
            if m.group("ny"):
                year = int(m.group("ny"))
                return date(year + 2000 if year < 100 else year, month, day)
            return _year_for(month, day, today)
    except (ValueError, KeyError):
        return None
    return None


def find_dates(text: str, today: date) -> list[DateMention]:
    """All dates in ``text``; a weekday right before/after an explicit date merges with it."""
    found: list[DateMention] = []
    for m in DATE_RE.finditer(text):
        if m.group("rel"):
            word = m.group("rel").lower()
            delta = 2 if "after" in word else 0 if word in ("today", "tonight") else 1
            found.append(DateMention(m.start(), m.end(), today + timedelta(days=delta), False))
        elif m.group("wd"):
            rel = (m.group("wrel") or "").lower()
            found.append(DateMention(m.start(), m.end(), _weekday(m.group("wname"), rel, today), False))
        else:
            day = _explicit(m, today)
            if day is not None:
                found.append(DateMention(m.start(), m.end(), day, True))
    merged: list[DateMention] = []
    for mention in found:
        if merged:
            prev = merged[-1]
            gap = text[prev.end : mention.start]
            if len(gap) <= 4 and re.fullmatch(r"[\s,(]*", gap) and prev.explicit != mention.explicit:
                # "Monday 10/12", "this Thursday (Oct 8)": the explicit date wins.
                day = prev.day if prev.explicit else mention.day
                merged[-1] = DateMention(prev.start, mention.end, day, True)
                continue
        merged.append(mention)
    return merged
