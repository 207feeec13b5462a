"""What the classifier says about one message, typed; JSON only at the edges.

:class:`Classification` is what :func:`outreach.classify.classify_message` returns.
:meth:`Classification.to_json` gives the contract's object (docs/classify-contract.md: the same
keys, ISO-8601 formats and rounding that ``outreach classify --json`` prints and the replies table
stores); :meth:`Classification.from_json` reads such an object back, as the database stored it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from outreach.classify.context import ThreadAnswer, parse_instant
from outreach.intents import Intent


@dataclass(frozen=True)
class Meeting:
    """An accepted meeting: a fixed start (aware), a call link, a place, or a page to book one."""

    start: datetime | None = None
    end: datetime | None = None
    url: str | None = None
    location: str | None = None
    booking_url: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "start": _iso(self.start),
            "end": _iso(self.end),
            "url": self.url,
            "location": self.location,
            "booking_url": self.booking_url,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Meeting:
        return cls(
            _instant(data.get("start"), "meeting.start"),
            _instant(data.get("end"), "meeting.end"),
            data.get("url"),
            data.get("location"),
            data.get("booking_url"),
        )


@dataclass(frozen=True)
class Referral:
    """A person the reply points to."""

    name: str | None
    email: str

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "email": self.email}


@dataclass(frozen=True)
class Classification:
    """One message, understood. ``confidence`` is on the scale in :mod:`outreach.classify`, rounded to 0.01.

    ``body`` is the contact's new text (quotes and signature removed); empty for automatic mail, whose
    words are no one's answer. ``from_invitation``: the meeting comes from a calendar invitation (the
    contact fixed the time themselves). Neither is part of the JSON contract.
    """

    intent: Intent = Intent.UNKNOWN
    confidence: float = 0.0
    meeting: Meeting | None = None
    proposed_times: tuple[datetime, ...] = ()
    referrals: tuple[Referral, ...] = ()
    resume_after: date | None = None
    bounced_recipient: str | None = None
    body: str = ""
    from_invitation: bool = False
    error: str | None = None
    thread: ThreadAnswer | None = None  # only when a thread context was given (classify_message(context=...))

    def to_json(self) -> dict[str, Any]:
        """The contract's object; ``error`` only when there is one."""
        out: dict[str, Any] = {
            "intent": str(self.intent),
            "confidence": self.confidence,
            "meeting": self.meeting.to_json() if self.meeting is not None else None,
            "proposed_times": [t.isoformat() for t in self.proposed_times],
            "referrals": [r.to_json() for r in self.referrals],
            "resume_after": self.resume_after.isoformat() if self.resume_after is not None else None,
            "bounced_recipient": self.bounced_recipient,
        }
        if self.error is not None:
            out["error"] = self.error
        if self.thread is not None:
            out["thread"] = self.thread.to_json()
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Classification:
        """Read a stored object back (absent keys take their defaults; keys outside the contract are ignored).

        The body is not stored (the replies table keeps it in its own column), so it comes back empty;
        ``from_invitation`` is read from ``meeting.end``, which only an invitation fills.
        ValueError for an intent outside the vocabulary or a time that is not ISO-8601 with an offset.
        """
        meeting = Meeting.from_json(data["meeting"]) if data.get("meeting") else None
        resume = data.get("resume_after")
        return cls(
            intent=Intent(data.get("intent") or Intent.UNKNOWN),
            confidence=float(data.get("confidence") or 0.0),
            meeting=meeting,
            proposed_times=tuple(parse_instant(t, "proposed_times") for t in data.get("proposed_times") or ()),
            referrals=tuple(Referral(p.get("name"), str(p.get("email") or "")) for p in data.get("referrals") or ()),
            resume_after=date.fromisoformat(str(resume)) if resume else None,
            bounced_recipient=data.get("bounced_recipient"),
            from_invitation=meeting is not None and meeting.end is not None,
            error=data.get("error"),
            thread=ThreadAnswer.from_json(data["thread"]) if data.get("thread") else None,
        )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _instant(value: str | None, name: str) -> datetime | None:
    return parse_instant(value, name) if value else None
