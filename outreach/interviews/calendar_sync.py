"""Interviews into the user's CalDAV calendar: the only module that writes calendar_entries.

A scheduled (or held) interview is one event in `calendar.write_to`, with the UID of the invitation
we send the contact, the contact as attendee, the call link, and the first lines of the prep brief.
A new time moves it; cancelling (or the contact asking for another time) removes it.

Crash-safe in this order: the event is written (found by UID first, so a retry replaces it), then
the entry recording what was written is committed. A crash in between leaves an entry that differs
from the interview, so the next run writes the same UID again: still one event.

A time the contact proposed that collides with the user's busy time is not written and not
confirmed: the entry records the conflict ("you have 'Team sync' then"), the confirmation draft
waits for the user, and only the user's own choice (approving that draft, or `interviews set`)
lets it through.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from outreach.calendar.clock import when
from outreach.calendar.dav import open_calendar
from outreach.calendar.slots import conflicts
from outreach.config.settings import Settings
from outreach.crashpoints import crashpoint
from outreach.errors import OutreachError
from outreach.interviews.calendar_ics import export, uid
from outreach.interviews.records import calendar_event
from outreach.outgoing.drafts import flag
from outreach.outgoing.prep import render_prep
from outreach.store.db import transaction
from outreach.store.models import CalendarEntry, Contact, Draft, DraftEvent, Interview, InterviewStatus

if TYPE_CHECKING:
    from outreach.calendar.dav import CalendarAccount

logger = logging.getLogger(__name__)

IN_CALENDAR = (InterviewStatus.SCHEDULED, InterviewStatus.HELD)
BRIEF_LINES = 8


def sync_interviews(settings: Settings, now: datetime) -> list[str]:
    """Bring the calendar in line with the interviews; one line per change. No calendar, or nothing to
    change: no connection at all."""
    if settings.calendar is None:
        return []
    work = [i for i in _candidates() if _wanted(i) != _written(i) and not _waiting(i)]
    if not work:
        return []

    lines = []
    with open_calendar(settings.calendar, settings.me.zone) as account:
        for interview in work:
            line = sync_one(account, interview, settings, now)
            if line:
                lines.append(line)
    return lines


def update_now(settings: Settings, now: datetime) -> list[str]:
    """sync_interviews right after the user changed an interview (`interviews set`, `cancel`); a calendar that
    cannot be reached is one line, not a failure of the change (the daemon's calendar job tries again)."""
    try:
        return sync_interviews(settings, now)
    except OutreachError as exc:
        return [f"calendar: not updated yet ({exc}); the daemon will try again"]


def sync_one(account: CalendarAccount, interview: Interview, settings: Settings, now: datetime) -> str | None:
    """Write, move, remove or flag one interview's event; what was done, or None when nothing changed."""
    wanted, entry = _wanted(interview), _entry(interview)
    if wanted == _written(interview) or _waiting(interview):
        return None
    uid = _uid(interview, settings)
    who = f"interview {interview.id} with {interview.contact.name}"
    if wanted is None:
        account.delete(uid)
        crashpoint("after_calendar_write")
        _record(interview, uid, None, None, now)
        return f"calendar: {who} removed"
    conflict = _conflict(account, interview, settings)
    if conflict is not None:
        return _flag(interview, uid, conflict, settings, now)
    url = account.put(uid, event_ics(interview, settings, now))
    crashpoint("after_calendar_write")
    moved = entry is not None and entry.start is not None
    _record(interview, uid, url, wanted, now)
    when = _when(interview, settings)
    return f"calendar: {who} {'moved to' if moved else 'added at'} {when}"


def conflict_for(interview: Interview) -> str | None:
    """The conflict recorded for the interview's current time, if one waits for the user."""
    entry = _entry(interview)
    if entry is None or entry.conflict is None or entry.conflict_start != interview.start:
        return None
    return str(entry.conflict)


def _waiting(interview: Interview) -> bool:
    """Flagged for the user, who has not decided yet: nothing to do until they do."""
    return conflict_for(interview) is not None and needs_check(interview)


def needs_check(interview: Interview) -> bool:
    """A time the contact proposed (their reply set it) that the user has not taken themselves: neither
    chose it with `interviews set` nor approved its confirmation."""
    if interview.reply is None or interview.status != InterviewStatus.SCHEDULED:
        return False
    if interview.confirmation_draft_id is None:
        return True
    return not (DraftEvent.select().where(DraftEvent.draft == interview.confirmation_draft_id,
                                          DraftEvent.actor == "cli").exists())


def event_ics(interview: Interview, settings: Settings, now: datetime) -> str:
    """The event as stored in the user's calendar: the invitation's UID, no METHOD (a stored object, not a
    message), attendees marked SCHEDULE-AGENT=CLIENT so the server never emails the contact itself (our
    confirmation does), and the prep brief's first lines in the description."""
    import icalendar


    event = replace(calendar_event(interview), sequence=0)
    calendar = icalendar.Calendar.from_ical(export([event], settings, now))
    del calendar["METHOD"]
    for vevent in calendar.walk("VEVENT"):
        for name in ("ORGANIZER", "ATTENDEE"):
            value = vevent.get(name)
            if value is not None:
                value.params["SCHEDULE-AGENT"] = "CLIENT"
        brief = _brief(interview, settings)
        if brief:
            vevent["DESCRIPTION"] = icalendar.vText(f"{vevent.get('DESCRIPTION', '')}\n\n{brief}".strip())
    return str(calendar.to_ical().decode("utf-8"))


# ------------------------------------------------------------------ internals


def _candidates() -> list[Interview]:
    """Interviews that belong in the calendar, and those that were written there (to move or remove)."""
    written = CalendarEntry.select(CalendarEntry.interview).where(CalendarEntry.start.is_null(False))
    return list(Interview.select(Interview, Contact).join(Contact)
                .where((Interview.status.in_(IN_CALENDAR) & Interview.start.is_null(False))
                       | Interview.id.in_(written))
                .order_by(Interview.id))


def _wanted(interview: Interview) -> dict[str, Any] | None:
    """What the calendar should hold for this interview (None: nothing), as compared with what was written."""
    if interview.status not in IN_CALENDAR or interview.start is None or interview.end is None:
        return None
    contact = interview.contact
    return {"start": interview.start.isoformat(), "end": interview.end.isoformat(), "url": interview.url,
            "location": interview.location, "email": contact.email, "name": contact.name}


def _written(interview: Interview) -> dict[str, Any] | None:
    entry = _entry(interview)
    if entry is None or entry.start is None:
        return None
    written: dict[str, Any] = entry.written
    return written


def _entry(interview: Interview) -> CalendarEntry | None:
    entry: CalendarEntry | None = CalendarEntry.get_or_none(CalendarEntry.interview == interview.id)
    return entry


def _record(interview: Interview, uid: str, url: str | None, written: dict[str, Any] | None,
            now: datetime) -> None:
    with transaction():
        values = {"uid": uid, "url": url, "written": written, "conflict": None, "conflict_start": None,
                  "start": interview.start if written else None, "end": interview.end if written else None,
                  "updated_at": now}
        if not CalendarEntry.update(**values).where(CalendarEntry.interview == interview.id).execute():
            CalendarEntry.create(interview=interview.id, **values)


def _conflict(account: CalendarAccount, interview: Interview, settings: Settings) -> str | None:
    """'you have 'Team sync' then' when the contact's proposed time collides with the user's busy time
    (the user's own choices are never second-guessed)."""
    if not needs_check(interview):
        return None
    assert interview.start is not None and interview.end is not None

    uid = _uid(interview, settings)
    busy = account.events(interview.start - timedelta(hours=1), interview.end + timedelta(hours=1))
    # not our own event for this interview: at its old time, or written just before a crash
    taken = conflicts(interview.start, interview.end, [b for b in busy if b.uid != uid])
    if not taken:
        return None
    return "you have " + " and ".join(f"'{b.what}'" for b in taken) + " then"


def _flag(interview: Interview, uid: str, conflict: str, settings: Settings, now: datetime) -> str:
    """Record the conflict and hold the confirmation for the user; the event is not written."""
    when = _when(interview, settings)
    reason = f"{interview.contact.name} proposed {when}, but {conflict}"
    with transaction():
        entry = _entry(interview)
        values = {"uid": uid, "conflict": conflict, "conflict_start": interview.start, "updated_at": now}
        if entry is None:
            CalendarEntry.create(interview=interview.id, **values)
        else:
            CalendarEntry.update(**values).where(CalendarEntry.interview == interview.id).execute()
        draft = (Draft.get_or_none(Draft.id == interview.confirmation_draft_id)
                 if interview.confirmation_draft_id else None)
        if draft is not None:
            flag(draft.id, now, "daemon", reason)
    then = (f"approve draft {draft.id} to confirm it anyway, or " if draft is not None else "")
    return (f"calendar: interview {interview.id}: {reason}; not confirmed: {then}"
            f"`outreach interviews set {interview.id} --at WHEN` for another time")


def _when(interview: Interview, settings: Settings) -> str:
    assert interview.start is not None
    return when(interview.start, settings.me.zone)


def _uid(interview: Interview, settings: Settings) -> str:
    return uid(calendar_event(interview), settings)


def _brief(interview: Interview, settings: Settings) -> str:
    """The prep brief's first lines, or nothing when it cannot be rendered (the event matters more)."""
    try:
        body = render_prep(interview, settings).body
    except OutreachError as exc:
        logger.debug("interview %s: no prep brief in the calendar event: %s", interview.id, exc)
        return ""
    lines = [line for line in body.splitlines() if line.strip()]
    return "\n".join(lines[:BRIEF_LINES])
