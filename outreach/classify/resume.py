"""When contact is welcome again: "back on Monday, October 26", "week of November 16",
"any time from January 11 onward", "in January", "after the holidays".

A date tied to a return or restart cue wins over a month or a period ("in the new
year"); "through Friday" means the day after; dates before the message are ignored.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from outreach.classify.dates import MONTHS, find_dates

_RETURN_CUE = re.compile(
    r"(\bback\b|\breturn(ing|s)?\b|\bin the office\b|\bavailable (again )?\b|\breachable\b|\bon or after\b|"
    r"\bfrom\b|\bstarting\b|\bafter\b|\bbeginning\b|\bweek of\b|\bagain\b|\bonce\b|\buntil\b|\btill\b|"
    r"\bthrough\b|\bthru\b|\bto\b|\bany ?time\b)",
    re.IGNORECASE,
)
_PERIOD_CUE = re.compile(
    r"\b(?:in|after|early|mid-?|late|end of|beginning of|start of)\s?(?P<mon>"
    + "|".join(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
    + r")\b"
    r"|\b(?P<newyear>in the new year|after the (new year|holidays)|next year|early next year)\b"
    r"|\b(?:in|after)\s(?P<n>a|one|two|three|four|five|six|a few|a couple(?: of)?|\d{1,2})\s(?P<unit>weeks?|months?)\b"
    r"|\b(?P<nextunit>next (?:week|month))\b",
    re.IGNORECASE,
)
_NUMBERS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "a few": 3,
    "a couple": 2,
    "a couple of": 2,
}


def _after_cue(text: str, start: int) -> str:
    window = re.split(r"[.?!\n]", text[max(0, start - 60) : start])[-1]
    cues = list(_RETURN_CUE.finditer(window))
    return cues[-1].group(1).lower() if cues else ""


def find_resume_date(text: str, today: date) -> date | None:
    """The first day the sender welcomes contact, or None when they name none."""
    text = text[:20_000]
    best: tuple[int, date] | None = None
    for mention in find_dates(text, today):
        if mention.day < today:
            continue
        cue = _after_cue(text, mention.start)
        if not cue:
            continue
        day = mention.day
        if cue in ("through", "thru", "to") or (cue == "until" and not mention.explicit):
            day += timedelta(days=1)
            rank = 2
        elif cue in ("until", "till"):
            rank = 2
        elif cue == "week of":
            day -= timedelta(days=day.weekday())
            rank = 0
        else:
            rank = 0 if cue in ("back", "returning", "return", "returns", "on or after", "again") else 1
        if best is None or rank < best[0]:
            best = (rank, day)
    if best is not None:
        return best[1]
    return _period(text, today)


def _period(text: str, today: date) -> date | None:
    m = _PERIOD_CUE.search(text)
    if not m:
        return None
    if m.group("mon"):
        month = MONTHS[m.group("mon")[:3].lower()]
        year = today.year if month > today.month else today.year + 1
        word = m.group(0).lower()
        day = 15 if word.startswith("mid") else 20 if word.startswith(("late", "end")) else 1
        return date(year, month, day)
    if m.group("newyear"):
        return date(today.year + 1, 1, 4 if "holiday" in m.group(0).lower() else 1)
    if m.group("nextunit"):
        if "week" in m.group("nextunit").lower():
            return today + timedelta(days=7 - today.weekday())
        return date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    count = _NUMBERS.get(m.group("n").lower())
    if count is None:
        count = int(m.group("n")) if m.group("n").isdigit() else 1
    weeks = count if m.group("unit").lower().startswith("week") else count * 4
    return today + timedelta(weeks=min(weeks, 104))
