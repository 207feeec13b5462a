"""The conversation after yes: what the contact's replies do to their interview.

An accepted reply creates the interview (:func:`record_from_reply`). One conversation has at most one live
(proposed or scheduled) interview: every later reply in it is read against that interview
(:func:`thread_context`) and answers about it (:func:`after_yes`): it confirms the time, proposes
another, or asks to cancel (flagged for the user, never cancelled behind their back); it never creates a
second one. The records themselves change only through records.py's rules (check_move).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from outreach.config.settings import Settings
from outreach.interviews.records import (
    ANSWER_PHRASES,
    LIVE,
    check_move,
    get_interview,
    meeting_status,
    queue_confirmation,
    thank_you_due,
    withdraw_drafts,
)
from outreach.outgoing.drafts import hold
from outreach.store.db import transaction
from outreach.store.models import Contact, Draft, DraftKind, DraftStatus, Interview, Reply, TheirAnswer
from outreach.store.models import InterviewStatus as S

if TYPE_CHECKING:
    from outreach.classify.context import ThreadAnswer, ThreadContext
    from outreach.classify.result import Classification

logger = logging.getLogger(__name__)


def record_from_reply(contact: Contact, reply: Reply, result: Classification, settings: Settings,
                      now: datetime) -> Interview:
    """An accepted reply becomes an interview: scheduled when one start time is fixed, else proposed.

    Idempotent per reply: seeing the same reply again returns the existing record. A time the
    contact wrote gets a confirmation draft; their own calendar invitation is just recorded.
    (People they pointed to are replies.act's: referrals are recorded in one place.)
    """
    existing = Interview.get_or_none(Interview.reply == reply.id)
    if existing is not None:
        return existing
    live = live_interview(contact)
    if live is not None:  # one conversation, one interview: a later yes is an answer about it
        after_yes(live, reply, result, settings, now)
        return get_interview(live.id)
    from outreach.classify.result import Meeting

    meeting = result.meeting or Meeting()
    start, end = meeting.start, meeting.end
    if start is not None and (end is None or end <= start):
        end = start + timedelta(minutes=settings.interviews.default_minutes)
    with transaction():
        interview: Interview = Interview.create(
            contact=contact, reply=reply,
            status=S.SCHEDULED if start else S.PROPOSED,
            start=start, end=end, url=meeting.url, booking_url=meeting.booking_url,
            location=meeting.location, proposed_times=[t.isoformat() for t in result.proposed_times],
            thank_you_due_at=thank_you_due(end, settings) if end else None,
            created_at=now, updated_at=now,
        )
        meeting_status(contact, now)
        if start is not None and not result.from_invitation:
            queue_confirmation(interview, settings, now, "daemon")
    logger.debug("interview %s with %s: %s", interview.id, contact.email, interview.status)
    return get_interview(interview.id)


def live_interview(contact: Contact) -> Interview | None:
    """The conversation's interview that is still on (proposed or scheduled); the newest if ever several."""
    return (Interview.select(Interview, Contact).join(Contact)
            .where(Interview.contact == contact.id, Interview.status.in_(LIVE))
            .order_by(Interview.id.desc()).first())


def thread_context(contact: Contact, settings: Settings) -> ThreadContext | None:
    """What the classifier reads a reply from `contact` against: the live interview's time or options, the
    zones they were written in (the user's and the contact's), and the last message we sent them."""
    from outreach.classify.context import ThreadContext

    interview = live_interview(contact)
    if interview is None:
        return None
    last = (Draft.select(Draft.body).where(Draft.contact == contact.id, Draft.status == DraftStatus.SENT)
            .order_by(Draft.sent_at.desc(), Draft.id.desc()).first())
    zones = tuple(dict.fromkeys(z for z in (settings.me.timezone, contact.timezone) if z))
    return ThreadContext(scheduled=interview.start if interview.status == S.SCHEDULED else None,
                         proposed=tuple(datetime.fromisoformat(t) for t in interview.proposed_times or []),
                         zones=zones, last_sent_text=last.body if last is not None else None)


def after_yes(interview: Interview, reply: Reply, result: Classification, settings: Settings,
              now: datetime) -> list[str]:
    """A reply in a conversation whose interview is live: what it says about the time, acted on.

    Confirms: recorded, nothing to send. Their own invitation at a new time: the time is moved (no
    confirmation of ours). Another time or options: the interview is proposed again with them, unsent
    confirmations withdrawn, and the user picks (the next confirmation keeps the invitation's UID
    with a higher SEQUENCE). Cancels, or their calendar declines: flagged for the user, unsent
    confirmation and thank-you drafts held (back to pending); nothing is cancelled. Anything else
    changes nothing here. Runs inside the caller's transaction; returns what was done.
    """
    answer = result.thread or _answer_from(result, interview)
    if answer is None:
        return []
    with transaction():
        return _act_on_answer(interview, reply, answer, result, settings, now)


def _act_on_answer(interview: Interview, reply: Reply, answer: ThreadAnswer, result: Classification,
                   settings: Settings, now: datetime) -> list[str]:
    from outreach.classify import context as c

    if answer.answer in (c.CONFIRMS, c.TENTATIVE):
        if interview.status == S.SCHEDULED and answer.start in (None, interview.start):
            said = TheirAnswer.CONFIRMED if answer.answer == c.CONFIRMS else TheirAnswer.TENTATIVE
            _record_answer(interview, reply, said, now)
            return [f"interview {interview.id} {ANSWER_PHRASES[said]}"]
        if answer.start is None:
            return []  # a yes with no time while options are open: the user still picks
    if answer.answer in (c.CANCELS, c.DECLINES):
        said = TheirAnswer.CANCEL if answer.answer == c.CANCELS else TheirAnswer.DECLINED
        held = [d.id for kind in (DraftKind.CONFIRMATION, DraftKind.THANK_YOU)
                for d in _hold_drafts(interview, kind, f"{ANSWER_PHRASES[said]} (reply {reply.id})", now)]
        _record_answer(interview, reply, said, now)
        return [f"interview {interview.id}: {ANSWER_PHRASES[said]}; nothing cancelled"
                + (f"; draft(s) {', '.join(map(str, held))} held for you" if held else "")]
    options = answer.options or ((answer.start,) if answer.start is not None else ())
    if answer.invitation and len(options) == 1:
        return [_move_to_their_invitation(interview, reply, options[0], result, settings, now)]
    withdraw_drafts(interview, DraftKind.CONFIRMATION, "they proposed another time", now, "daemon")
    check_move(interview, S.PROPOSED)
    Interview.update(status=S.PROPOSED, start=None, end=None, thank_you_due_at=None, prep_sent_at=None,
                     proposed_times=[t.isoformat() for t in options], updated_at=now,
                     ).where(Interview.id == interview.id).execute()
    _record_answer(interview, reply, TheirAnswer.OTHER_TIME, now)
    how = (f"`outreach interviews set {interview.id} --pick N` ({len(options)} option(s))" if options
           else f"`outreach interviews set {interview.id} --at WHEN`")
    return [f"interview {interview.id}: {ANSWER_PHRASES[TheirAnswer.OTHER_TIME]}; {how}"]


def _answer_from(result: Classification, interview: Interview) -> ThreadAnswer | None:
    """An accepted result read without context (a stored reply resolved as accepted): its times, compared."""
    from outreach.classify.context import CONFIRMS, RESCHEDULES, ThreadAnswer

    start = result.meeting.start if result.meeting is not None else None
    times = (start,) if start is not None else result.proposed_times
    if result.intent != "accepted" or not times:
        return None
    if times == (interview.start,):
        return ThreadAnswer(CONFIRMS, result.confidence, start=start, invitation=result.from_invitation)
    return ThreadAnswer(RESCHEDULES, result.confidence, options=tuple(times), invitation=result.from_invitation)


def _move_to_their_invitation(interview: Interview, reply: Reply, start: datetime, result: Classification,
                              settings: Settings, now: datetime) -> str:
    """Their calendar invitation names a new time: that is the time now (they hold it; we send nothing)."""
    end = result.meeting.end if result.meeting is not None else None
    if end is None or end <= start:
        length = (interview.end - interview.start if interview.start and interview.end
                  else timedelta(minutes=settings.interviews.default_minutes))
        end = start + length
    withdraw_drafts(interview, DraftKind.CONFIRMATION, "they sent their own invitation", now, "daemon")
    check_move(interview, S.SCHEDULED)
    Interview.update(status=S.SCHEDULED, start=start, end=end, thank_you_due_at=thank_you_due(end, settings),
                     prep_sent_at=None, updated_at=now).where(Interview.id == interview.id).execute()
    _record_answer(interview, reply, TheirAnswer.CONFIRMED, now)
    return f"interview {interview.id} moved to {start.isoformat()} (their invitation)"


def _record_answer(interview: Interview, reply: Reply, said: str, now: datetime) -> None:
    Interview.update(their_answer=said, their_answer_reply_id=reply.id, their_answer_at=now, updated_at=now,
                     ).where(Interview.id == interview.id).execute()


def _hold_drafts(interview: Interview, kind: str, reason: str, now: datetime) -> list[Draft]:
    """Unsent drafts of `kind` for the interview wait for the user again (approved -> pending)."""
    rows = Draft.select().where(Draft.kind == kind, Draft.related_id == interview.id,
                                Draft.status.in_([DraftStatus.PENDING, DraftStatus.APPROVED]))
    return [hold(d.id, now, "daemon", reason) for d in rows]
