"""Interview records: with answers.py (what the contact says), the only modules that write the interviews and
follow_throughs tables.

proposed (accepted, no fixed time) -> scheduled -> held, or -> cancelled; scheduled -> proposed
again when the contact asks for another time. Fixing a time the contact offered (or proposing one)
queues a confirmation draft with a calendar invitation; a time that came as the contact's own
calendar invitation is only recorded. Cancelling after our invitation went out queues its
cancellation (METHOD:CANCEL) for approval.

What the contact's replies do to the interview (the yes that creates it, every answer after it) is
answers.py's; what leaves the table for other programs (`.ics`, --json) is export.py's.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from outreach.config.settings import Settings
from outreach.config.timezones import is_zone
from outreach.errors import InterviewError, NotFoundError
from outreach.intake.contacts import add_referrals, set_status
from outreach.interviews.calendar_ics import Event, attachment, cancellation, event_times, invitation
from outreach.interviews.notes import blank_form, parse_notes
from outreach.outgoing.drafts import create_draft, reject
from outreach.outgoing.prep import interview_context
from outreach.outgoing.render import render_for_contact
from outreach.outgoing.threads import in_thread
from outreach.store.db import transaction
from outreach.store.models import (
    Contact,
    ContactStatus,
    Draft,
    DraftKind,
    DraftStatus,
    FollowThrough,
    Interview,
    TheirAnswer,
)
from outreach.store.models import InterviewStatus as S

logger = logging.getLogger(__name__)

TRANSITIONS: dict[str, frozenset[str]] = {
    # -> proposed: the contact asked for another time (from proposed: other options than before)
    S.PROPOSED: frozenset({S.PROPOSED, S.SCHEDULED, S.CANCELLED}),
    # scheduled -> scheduled: a new time
    S.SCHEDULED: frozenset({S.SCHEDULED, S.PROPOSED, S.HELD, S.CANCELLED}),
    S.HELD: frozenset({S.HELD}),  # notes edited again
    S.CANCELLED: frozenset(),
}
UNSENT = (DraftStatus.PENDING, DraftStatus.APPROVED, DraftStatus.FAILED, DraftStatus.NEEDS_REVIEW)
LIVE = (S.PROPOSED, S.SCHEDULED)
# What `outreach interviews` and `status` say of each answer
ANSWER_PHRASES = {
    TheirAnswer.CONFIRMED: "confirmed by them", TheirAnswer.TENTATIVE: "tentatively accepted by them",
    TheirAnswer.OTHER_TIME: "they proposed another time", TheirAnswer.CANCEL: "they asked to cancel",
    TheirAnswer.DECLINED: "they declined the invitation",
}


@dataclass
class NotesSaved:
    interview: Interview
    new_contacts: list[Contact] = field(default_factory=list)
    follow_through: int = 0


# ------------------------------------------------------------------ reading


def get_interview(interview_id: int) -> Interview:
    interview = (Interview.select(Interview, Contact).join(Contact)
                 .where(Interview.id == interview_id).get_or_none())
    if interview is None:
        raise NotFoundError(f"no interview {interview_id}; see `outreach interviews`")
    return interview


def list_interviews() -> list[Interview]:
    """Every interview with its contact: timed ones by start, then the rest oldest first."""
    rows = list(Interview.select(Interview, Contact).join(Contact).order_by(Interview.id))
    return sorted(rows, key=lambda i: (i.start is None, i.start or i.created_at, i.id))


def next_step(interview: Interview) -> str | None:
    """The command the user runs next for what the contact said, or None when nothing waits on them."""
    if interview.status not in LIVE:
        return None
    if interview.their_answer in TheirAnswer.FLAGGED:
        return f"outreach interviews cancel {interview.id}, or set {interview.id} --at WHEN to offer another time"
    if interview.status == S.PROPOSED:
        return (f"outreach interviews set {interview.id} --pick N" if interview.proposed_times
                else f"outreach interviews set {interview.id} --at WHEN")
    return None


# ------------------------------------------------------------------ the user's actions


def set_time(interview_id: int, settings: Settings, now: datetime, actor: str = "cli", at: str | None = None,
             pick: int | None = None, url: str | None = None) -> tuple[Interview, Draft | None]:
    """Fix the time (`at`: text in the user's zone unless it names one; `pick`: the Nth option offered).

    Returns the interview and the confirmation draft queued for it, if any: none when the contact
    gave a booking link (the booking page sends its own invitation). A new time replaces an unsent
    confirmation.
    """
    interview = get_interview(interview_id)
    check_move(interview, S.SCHEDULED)
    if (at is None) == (pick is None):
        raise InterviewError("give either a time (--at) or the number of an option (--pick)")
    if pick is not None:
        options = interview.proposed_times or []
        if not 1 <= pick <= len(options):
            raise InterviewError(f"interview {interview_id} has {len(options)} proposed option(s); "
                                 f"--pick takes 1 to {len(options)}" if options else
                                 f"interview {interview_id} has no proposed options; use --at WHEN")
        start = datetime.fromisoformat(options[pick - 1])
    else:
        start = parse_when(at or "", settings.me.zone)
    if url is not None and not re.match(r"^(https?://\S+|tel:\S+)$", url.strip()):
        raise InterviewError(f"{url!r} is not a call link (https://... or tel:...)")
    if interview.start and interview.end and interview.status == S.SCHEDULED:
        length = interview.end - interview.start
    else:
        length = timedelta(minutes=settings.interviews.default_minutes)
    end = start + length
    draft = None
    with transaction():
        withdraw_drafts(interview, DraftKind.CONFIRMATION, "the interview time changed", now, actor)
        moved = {} if interview.start == start else {"prep_sent_at": None}  # a new time gets a new prep brief
        Interview.update(status=S.SCHEDULED, start=start, end=end, url=url.strip() if url else interview.url,
                         thank_you_due_at=thank_you_due(end, settings), updated_at=now, **moved,
                         # a new time of ours waits for their answer
                         their_answer=None, their_answer_reply_id=None, their_answer_at=None,
                         ).where(Interview.id == interview.id).execute()
        interview = get_interview(interview_id)
        meeting_status(interview.contact, now)
        if not interview.booking_url:
            draft = queue_confirmation(interview, settings, now, actor)
    logger.info("interview %s set to %s", interview_id, start.isoformat())
    return get_interview(interview_id), draft


def cancel(interview_id: int, settings: Settings, now: datetime,
           actor: str = "cli") -> tuple[Interview, Draft | None]:
    """-> cancelled; its unsent confirmation and thank-you drafts are withdrawn (rejected).

    Returns the interview and, when a confirmation with our invitation was already sent, the
    cancellation queued in its thread (METHOD:CANCEL, same UID, higher SEQUENCE). That draft always
    waits for approval, whatever `approval.confirmation` says: if the contact is the one who
    cancelled, the user rejects it. Cancelling again changes nothing and queues nothing.
    """
    interview = get_interview(interview_id)
    if interview.status == S.CANCELLED:
        return interview, None
    check_move(interview, S.CANCELLED)
    draft = None
    with transaction():
        for kind in (DraftKind.CONFIRMATION, DraftKind.THANK_YOU):
            withdraw_drafts(interview, kind, "the interview was cancelled", now, actor)
        Interview.update(status=S.CANCELLED, updated_at=now).where(Interview.id == interview.id).execute()
        interview = get_interview(interview_id)
        sent = _last_sent_confirmation(interview)
        if sent is not None:
            draft = _queue_cancellation(interview, sent, settings, now, actor)
    logger.info("interview %s cancelled", interview_id)
    return get_interview(interview_id), draft


def mark_prep_sent(interview_id: int, now: datetime) -> bool:
    """Record that the prep brief is in the user's inbox; False when it was already recorded."""
    with transaction():
        changed = Interview.update(prep_sent_at=now, updated_at=now).where(
            Interview.id == interview_id, Interview.prep_sent_at.is_null()).execute()
    return bool(changed)


def save_notes(interview_id: int, text: str, settings: Settings, now: datetime) -> NotesSaved:
    """Validate and store the notes (raises NotesError, storing nothing); the interview is then held.

    People to contact become introductions referred by the interviewee; follow-through items are
    kept in step with the file (ticking `[x]` marks one done).
    """
    interview = get_interview(interview_id)
    if interview.start is None:
        raise InterviewError(f"interview {interview_id} has no time yet; record when it happened with "
                             f"`outreach interviews set {interview_id} --at WHEN` first")
    check_move(interview, S.HELD)
    notes = parse_notes(text, where=f"notes for interview {interview_id}")
    saved = NotesSaved(interview=interview)
    with transaction():
        Interview.update(status=S.HELD, notes=text, notes_data=notes.to_json(), updated_at=now,
                         ).where(Interview.id == interview.id).execute()
        saved.follow_through = _sync_follow_through(interview, notes.follow_through, now)
        saved.new_contacts = add_referrals([(p.name, p.email, p.company) for p in notes.people],
                                           interview.contact, now, "notes")
        set_status(interview.contact, ContactStatus.MET, now)
    saved.interview = get_interview(interview_id)
    return saved


def notes_form(interview: Interview) -> str:
    """What the editor opens: the saved notes, or a blank form."""
    if interview.notes:
        return interview.notes
    contact = interview.contact
    title = contact.name + (f" ({contact.company})" if contact.company else "") + f", interview {interview.id}"
    return blank_form(title)


def calendar_event(interview: Interview) -> Event:
    """The calendar view of a timed interview; SEQUENCE counts the confirmations already sent."""
    assert interview.start is not None and interview.end is not None
    contact = interview.contact
    sequence = Draft.select().where(Draft.kind == DraftKind.CONFIRMATION, Draft.related_id == interview.id,
                                    Draft.status == DraftStatus.SENT).count()
    return Event(interview.id, interview.start, interview.end, contact.name, contact.email, contact.company,
                 interview.url, interview.location, sequence=sequence,
                 cancelled=interview.status == S.CANCELLED)


def attach_thank_you(interview_id: int, draft_id: int, now: datetime) -> None:
    """The interview's thank-you draft (followups drafts it, inside the caller's transaction); set once."""
    Interview.update(thank_you_draft_id=draft_id, updated_at=now).where(
        Interview.id == interview_id, Interview.thank_you_draft_id.is_null()).execute()


def open_follow_through() -> list[FollowThrough]:
    """Promises not yet done, soonest due first (undated last)."""
    rows = list(FollowThrough.select(FollowThrough, Interview, Contact).join(Interview).join(Contact)
                .where(FollowThrough.done_at.is_null()))
    return sorted(rows, key=lambda f: (f.due is None, f.due or date.max, f.id))


# ------------------------------------------------------------------ times


def thank_you_due(end: datetime, settings: Settings) -> datetime:
    """thank_you.at, days_after days after the interview's (local) day, in the user's zone; never
    before the interview ends (days_after: 0 with an afternoon interview)."""
    zone = settings.me.zone
    local_day = end.astimezone(zone).date() + timedelta(days=settings.thank_you.days_after)
    due = datetime.combine(local_day, settings.thank_you.at, tzinfo=zone)
    return max(due, end)


_WHEN = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})[T ]+(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*(?P<ampm>[ap]m)?"
                   r"(?:\s*(?P<zone>[A-Za-z][\w/+\-]*))?$", re.IGNORECASE)


def parse_when(text: str, zone: ZoneInfo) -> datetime:
    """'2026-10-13 14:00', '2026-10-13 2:00pm America/Chicago' or ISO-8601 with an offset -> aware datetime."""
    value = text.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is not None and parsed.tzinfo is not None:
        return parsed
    match = _WHEN.match(value)
    if match is None:
        raise InterviewError(f"cannot read the time {text!r}; write it as YYYY-MM-DD HH:MM, optionally "
                             "followed by a zone such as America/Chicago or UTC")
    hour, minute = int(match["hour"]), int(match["minute"])
    if match["ampm"]:
        if not 1 <= hour <= 12:
            raise InterviewError(f"{text!r}: with am/pm the hour is 1 to 12")
        hour = hour % 12 + (12 if match["ampm"].lower() == "pm" else 0)
    if match["zone"]:
        if not is_zone(match["zone"]):
            raise InterviewError(f"{text!r}: unknown time zone {match['zone']!r}; use an IANA name "
                                 "such as America/Chicago")
        zone = ZoneInfo(match["zone"])
    try:
        return datetime.combine(date.fromisoformat(match["date"]), time(hour, minute), tzinfo=zone)
    except ValueError as exc:
        raise InterviewError(f"cannot read the time {text!r}: {exc}") from None


# ------------------------------------------------------------------ internals


def check_move(interview: Interview, to: str) -> None:
    if to not in TRANSITIONS[interview.status]:
        raise InterviewError(f"interview {interview.id} is {interview.status}; it cannot become {to}")


def meeting_status(contact: Contact, now: datetime) -> None:
    if contact.status in (ContactStatus.NEW, ContactStatus.CONTACTED, ContactStatus.REPLIED, ContactStatus.LATER):
        set_status(contact, ContactStatus.MEETING, now)


def withdraw_drafts(interview: Interview, kind: str, reason: str, now: datetime, actor: str) -> None:
    for draft in Draft.select().where(Draft.kind == kind, Draft.related_id == interview.id,
                                      Draft.status.in_(UNSENT)):
        reject(draft.id, now, actor, reason=reason)


def queue_confirmation(interview: Interview, settings: Settings, now: datetime, actor: str) -> Draft:
    event = calendar_event(interview)
    draft = _reply_draft(interview, "confirmation", interview_context(interview, interview.contact, settings),
                         attachment(invitation(event, settings, now)), settings, now, actor)
    Interview.update(confirmation_draft_id=draft.id).where(Interview.id == interview.id).execute()
    return draft


def _last_sent_confirmation(interview: Interview) -> Draft | None:
    """Our latest invitation for this interview that went out (so the contact's calendar has the event)."""
    return (Draft.select().where(Draft.kind == DraftKind.CONFIRMATION, Draft.related_id == interview.id,
                                 Draft.status == DraftStatus.SENT)
            .order_by(Draft.sent_at.desc(), Draft.id.desc()).first())


def _queue_cancellation(interview: Interview, sent: Draft, settings: Settings, now: datetime,
                        actor: str) -> Draft:
    """A confirmation-kind reply in the thread withdrawing our invitation; always pending (see `cancel`).

    It names the time of the invitation they have (`sent`), which a later unsent `set` may have changed;
    calendar_event's SEQUENCE counts the confirmations sent, so it is above every one of theirs.
    """
    start, end = event_times(sent.attachments[0]["content"])
    text = cancellation(replace(calendar_event(interview), start=start, end=end), settings, now)
    context = interview_context(interview, interview.contact, settings, times=(start, end))
    return _reply_draft(interview, "cancellation", context, attachment(text, method="CANCEL"), settings, now,
                        actor, require_approval=True)


def _reply_draft(interview: Interview, template: str, context: dict[str, Any], invite: dict[str, Any],
                 settings: Settings, now: datetime, actor: str, require_approval: bool = False) -> Draft:
    """A confirmation-kind draft in the conversation: `template` rendered, the calendar part attached."""
    contact = interview.contact
    joined = in_thread(contact, settings)
    rendered = render_for_contact(settings, contact, template=template, thread=joined.thread, interview=context)
    return create_draft(contact, DraftKind.CONFIRMATION, rendered.subject, rendered.body, now, actor, settings,
                        in_reply_to=joined.in_reply_to, references=joined.references, attachments=[invite],
                        related_id=interview.id, template=rendered.template, require_approval=require_approval)


def _sync_follow_through(interview: Interview, promises: list[Any], now: datetime) -> int:
    existing = {f.text: f for f in FollowThrough.select().where(FollowThrough.interview == interview.id)}
    wanted = {p.text for p in promises}
    for text, row in existing.items():
        if text not in wanted and row.done_at is None:
            row.delete_instance()
    for promise in promises:
        found = existing.get(promise.text)
        done_at = now if promise.done else None
        if found is None:
            FollowThrough.create(interview=interview, text=promise.text, due=promise.due, done_at=done_at,
                                 created_at=now)
        elif found.due != promise.due or (found.done_at is None) != (done_at is None):
            FollowThrough.update(due=promise.due, done_at=(found.done_at or done_at) if promise.done else None,
                                 ).where(FollowThrough.id == found.id).execute()
    return len(promises)
