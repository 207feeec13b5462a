"""A reply read against its conversation: the times the thread already holds.

Once a meeting is agreed, "Wednesday at 10 works great" or "see you then" is an answer about that
meeting, not a new one. The caller passes what the thread holds as a :class:`ThreadContext` (the
scheduled time, the options on the table, the zones they were written in, the last message we sent);
this module says how the reply relates to them, as a :class:`ThreadAnswer`:

* ``confirms`` the time (``start``: which one); ``tentative`` for a calendar's "maybe";
* ``reschedules``: proposes other times (``options``, possibly none: "can we find another day?");
  ``invitation`` when the new time came as their own calendar invitation;
* ``cancels`` ("something came up, I have to cancel"), or ``declines`` (a calendar decline).

A weekday or a time without a date resolves against the context first: a bare "Wednesday" means the
Wednesday of a context time, and "10" a context time whose clock reads 10 in one of the context's
zones or the Date header's offset. Pure, like the rest of the classifier: the context is an argument.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from typing import Any

from outreach.classify.calendar import Invitation
from outreach.classify.cues import lowered, pattern
from outreach.classify.dates import find_dates
from outreach.classify.times import TIME_RE, find_times
from outreach.classify.zones import zone
from outreach.regex_store import regex

CONFIRMS = "confirms"
TENTATIVE = "tentative"
RESCHEDULES = "reschedules"
CANCELS = "cancels"
DECLINES = "declines"
ANSWERS = (CONFIRMS, TENTATIVE, RESCHEDULES, CANCELS, DECLINES)

MAX_OPTIONS = 20
MAX_LAST_SENT_CHARS = 20_000

_NEGATED = regex(r"(?:\b(?:no|not|never|nicht|kein|pas|non|não|niet|geen)|n't)\s+(?:\S+\s)?$", re.IGNORECASE)
# What calendar apps put before the event's title when the attendee answers (Outlook, Google, Apple).
_SUBJECT_ANSWER = regex(
    r"^\s*(?:(?P<yes>accepted|akzeptiert|angenommen|accepté|aceptado|aceito|aceita|accettato|geaccepteerd)"
    r"|(?P<maybe>tentative(?:ly accepted)?|mit vorbehalt angenommen|vorläufig angenommen|provisoire|"
    r"provisional|provisório|provvisorio|voorlopig geaccepteerd|quizás)"
    r"|(?P<no>declined|abgelehnt|refusé|rechazado|recusado|rifiutato|geweigerd|afgewezen))\s*:",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ThreadContext:
    """What the conversation already holds. Times are aware; ``zones`` are IANA names (or anything
    :func:`outreach.classify.zones.zone` reads) that the times were written in to the contact."""

    scheduled: datetime | None = None
    proposed: tuple[datetime, ...] = ()
    zones: tuple[str, ...] = ()
    last_sent_text: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "scheduled": self.scheduled.isoformat() if self.scheduled else None,
            "proposed": [t.isoformat() for t in self.proposed],
            "zones": list(self.zones),
            "last_sent_text": self.last_sent_text,
        }

    @classmethod
    def from_json(cls, data: Any) -> ThreadContext:
        """Read the `--context` object; ValueError naming the field that is wrong."""
        if not isinstance(data, dict):
            raise ValueError("the context must be a JSON object")
        unknown = sorted(set(data) - {"scheduled", "proposed", "zones", "last_sent_text"})
        if unknown:
            raise ValueError(f"unknown field {unknown[0]!r}; the fields are scheduled, proposed, zones, last_sent_text")
        scheduled = data.get("scheduled")
        proposed = data.get("proposed") or []
        zones = data.get("zones") or []
        last = data.get("last_sent_text")
        if not isinstance(proposed, list) or len(proposed) > MAX_OPTIONS:
            raise ValueError(f"field 'proposed': a list of at most {MAX_OPTIONS} ISO-8601 times")
        if not isinstance(zones, list) or not all(isinstance(z, str) for z in zones):
            raise ValueError("field 'zones': a list of zone names such as \"America/New_York\"")
        for name in zones:
            if zone(name) is None:
                raise ValueError(f"field 'zones': unknown time zone {name!r}; use an IANA name such as America/Chicago")
        if last is not None and not isinstance(last, str):
            raise ValueError("field 'last_sent_text': a string or null")
        return cls(
            scheduled=parse_instant(scheduled, "scheduled") if scheduled is not None else None,
            proposed=tuple(parse_instant(t, "proposed") for t in proposed),
            zones=tuple(zones),
            last_sent_text=last[:MAX_LAST_SENT_CHARS] if last else None,
        )


@dataclass(frozen=True)
class ThreadAnswer:
    """How a reply relates to the thread's times; ``confidence`` on the classifier's scale."""

    answer: str
    confidence: float
    start: datetime | None = None
    options: tuple[datetime, ...] = ()
    invitation: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "answer": self.answer,
            "confidence": self.confidence,
            "start": self.start.isoformat() if self.start else None,
            "options": [t.isoformat() for t in self.options],
            "invitation": self.invitation,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ThreadAnswer:
        start = data.get("start")
        return cls(
            str(data["answer"]),
            float(data.get("confidence") or 0.0),
            parse_instant(start, "start") if start else None,
            tuple(parse_instant(t, "options") for t in data.get("options") or ()),
            bool(data.get("invitation")),
        )


def parse_instant(value: Any, name: str) -> datetime:
    """An aware datetime from ISO-8601 text (``Z`` allowed); a ValueError names the field otherwise."""
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"field {name!r}: {value!r} is not an ISO-8601 time") from None
    if parsed.tzinfo is None:
        raise ValueError(f"field {name!r}: {value!r} has no UTC offset (write e.g. 2026-12-09T10:00:00-05:00)")
    return parsed


# ------------------------------------------------------------------ the context's times


def context_times(context: ThreadContext, ref: datetime) -> list[datetime]:
    """Every instant the thread holds: scheduled first, then the options, then the times our last message named."""
    out: list[datetime] = []
    said = find_times(context.last_sent_text, ref, None).times if context.last_sent_text else []
    for value in (context.scheduled, *context.proposed, *said):
        if value is not None and value not in out:
            out.append(value)
    return out


def _zones(context: ThreadContext, ref: datetime) -> list[tzinfo]:
    """The zones a context time may have been read in: the context's, each time's own, the Date header's."""
    named = [z for z in (zone(name) for name in context.zones) if z is not None]
    own = [t.tzinfo for t in context_times(context, ref) if t.tzinfo is not None]
    return [*named, *own, *([ref.tzinfo] if ref.tzinfo is not None else [])]


def hint_days(context: ThreadContext, ref: datetime) -> list[date]:
    """The days of the context's times, in each of its zones: what a bare weekday in the reply refers to."""
    zones = _zones(context, ref)
    return sorted({t.astimezone(z).date() for t in context_times(context, ref) for z in zones})


def resolve_times(context: ThreadContext, times: Sequence[datetime], ref: datetime) -> list[datetime]:
    """The reply's times with each one that means a context time replaced by it.

    A time means a context time when it is the same instant, or when no zone was named for it (it
    is in the Date header's offset) and its date and clock match the context time's in one of the
    context's zones: "Wednesday at 10" from Los Angeles answers "Wednesday at 10:00 AM EST".
    """
    ref_tz = ref.tzinfo
    known = context_times(context, ref)
    zones = _zones(context, ref)
    out: list[datetime] = []
    for value in times:
        hit = next((k for k in known if k == value), None)
        if hit is None and value.tzinfo is ref_tz:
            wall = value.replace(tzinfo=None)
            hit = next((k for k in known if any(k.astimezone(z).replace(tzinfo=None) == wall for z in zones)), None)
        chosen = hit or value
        if chosen not in out:
            out.append(chosen)
    return out


# ------------------------------------------------------------------ reading the answer


def read_calendar(
    context: ThreadContext, invite: Invitation | None, subject: str, ref: datetime
) -> ThreadAnswer | None:
    """The answer a calendar message gives: an iMIP REPLY (by PARTSTAT), COUNTER, CANCEL or their own
    REQUEST; without a calendar part, an "Accepted: ..." / "Declined: ..." subject."""
    if invite is not None:
        start = resolve_times(context, [invite.start], ref)[0] if invite.start else None
        if invite.method == "REPLY":
            answer = {"ACCEPTED": CONFIRMS, "TENTATIVE": TENTATIVE, "DECLINED": DECLINES}.get(invite.partstat)
            return ThreadAnswer(answer, 0.95, start=start) if answer else None
        if invite.method == "COUNTER":
            return ThreadAnswer(RESCHEDULES, 0.95, options=(start,) if start else ())
        if invite.cancelled:
            return ThreadAnswer(CANCELS, 0.95)
        if start is not None:  # their own invitation (REQUEST, PUBLISH or none): the time they hold
            if start in context_times(context, ref)[:1]:
                return ThreadAnswer(CONFIRMS, 0.95, start=start, invitation=True)
            return ThreadAnswer(RESCHEDULES, 0.95, options=(start,), invitation=True)
        return None
    m = _SUBJECT_ANSWER.match(subject)
    if m is None:
        return None
    answer = CONFIRMS if m.group("yes") else TENTATIVE if m.group("maybe") else DECLINES
    known = context_times(context, ref)
    return ThreadAnswer(answer, 0.9, start=known[0] if known and answer != DECLINES else None)


def read_thread(context: ThreadContext, text: str, times: Sequence[datetime], ref: datetime) -> ThreadAnswer | None:
    """How the contact's new `text` (quotes and signature removed) relates to the thread.

    `times` are the classifier's times for the text, already read with :func:`hint_days` and passed
    through :func:`resolve_times`. None when the text is about something else (a question, thanks,
    a referral): the usual intents apply.
    """
    text = text.replace("’", "'")
    known = context_times(context, ref)
    first = known[0] if known else None
    low = lowered(text)
    cancel = _said(pattern("cancel"), low) or _said(pattern("decline"), low)
    reschedule = _said(pattern("reschedule"), low)
    confirm = _said(pattern("accept"), low)
    if not times:
        times = _dateless(text, known, context, ref)
    if any(t not in known for t in times):
        # new times: they are the options now (with any old one they named again beside them)
        return ThreadAnswer(
            RESCHEDULES, 0.9 if (reschedule or confirm or cancel) else 0.8, options=tuple(times[:MAX_OPTIONS])
        )
    if cancel:
        return ThreadAnswer(RESCHEDULES if reschedule else CANCELS, 0.85)
    if times:
        chosen = times[0]
        if context.scheduled is not None and chosen != first:
            return ThreadAnswer(RESCHEDULES, 0.9 if reschedule else 0.8, options=(chosen,))
        return ThreadAnswer(CONFIRMS, 0.9 if (confirm or not reschedule) else 0.8, start=chosen)
    day = _weekday_only(text, known, context, ref)
    if day is not None:
        if context.scheduled is not None and day != first:
            return ThreadAnswer(RESCHEDULES, 0.85, options=(day,))
        return ThreadAnswer(CONFIRMS, 0.85, start=day)
    if reschedule:
        return ThreadAnswer(RESCHEDULES, 0.8)
    if confirm and first is not None and (context.scheduled is not None or len(known) == 1):
        return ThreadAnswer(CONFIRMS, 0.85, start=first)
    return None


def _said(cue: re.Pattern[str], text: str) -> bool:
    """A cue not right after a negation ("doesn't work" is no confirmation)."""
    return any(not _NEGATED.search(text[max(0, m.start() - 20) : m.start()]) for m in cue.finditer(text))


_AT_WORD = regex(r"(?:\bat|@|\blas|\balle|\bum|\bom|\bàs|\bà|\ba)\s?$", re.IGNORECASE)
_AFTER_WORD = regex(
    r"^\s?(?:o'?clock|works|is (?:fine|good|great|perfect|better)|then|passt|me va|"
    r"va bene|werkt|funciona|marche|uhr|uur|h\b)",
    re.IGNORECASE,
)


def _dateless(text: str, known: Sequence[datetime], context: ThreadContext, ref: datetime) -> list[datetime]:
    """Context times that a time written without a date names ("10 works", "see you at 2:30")."""
    ref_tz = ref.tzinfo
    if not known or ref_tz is None:
        return []
    zones = _zones(context, ref)
    out: list[datetime] = []
    for m in TIME_RE.finditer(text[:MAX_LAST_SENT_CHARS]):
        ap, minute = m.group("ap"), int(m.group("m") or 0)
        strong = bool(ap or m.group("m") or m.group("uhr") or m.group("hh"))
        if not strong and not (
            _AT_WORD.search(text[max(0, m.start() - 6) : m.start()]) or _AFTER_WORD.match(text[m.end() : m.end() + 12])
        ):
            continue
        hour = int(m.group("h"))
        if hour > 23 or (ap and not 1 <= hour <= 12):
            continue
        hours = (
            {hour % 12 + (12 if ap.lower() == "p" else 0)}
            if ap
            else ({hour % 12, hour % 12 + 12} if hour <= 12 else {hour})
        )
        clock = {time(h, minute) for h in hours}
        for value in known:
            if value not in out and any(value.astimezone(z).time() in clock for z in zones):
                out.append(value)
    return out


def _weekday_only(text: str, known: Sequence[datetime], context: ThreadContext, ref: datetime) -> datetime | None:
    """The one context time on the day a bare weekday names ("Thursday works")."""
    if not known:
        return None
    zones = _zones(context, ref)
    days = {d.day for d in find_dates(text, ref.date(), hint_days(context, ref)) if not d.explicit}
    hits = [t for t in known if any(t.astimezone(z).date() in days for z in zones)]
    return hits[0] if len(set(hits)) == 1 else None
