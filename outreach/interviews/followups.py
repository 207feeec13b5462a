"""Drafts that come due with time: thank-you notes after interviews and follow-ups on silence.

Everything is decided from the database and `now`, so a run after downtime catches up and a
second run creates nothing new. Each decision is re-checked inside the write transaction that
acts on it, so the daemon and a CLI run cannot both create the same draft.

Follow-ups (business days are Monday to Friday in the user's zone, wall time kept across DST):
- simple: `after_business_days` after our last message with no reply, one follow-up, up to `max`;
- 3b7: after 3 business days, the next new introduction at the same company gets its outreach
  draft; after 7, one follow-up to the first contact;
- what each reply does to them is its intent's `follow_ups` in :mod:`outreach.intents`: a "later"
  reply waits until `paused_until`, then one follow-up follows (immediately when the date has
  passed), threaded to their reply; an out-of-office only pauses them (`paused_until`); an answer,
  a bounce or a request to stop ends them; a message that may not be theirs changes nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from outreach.config.settings import Settings
from outreach.errors import TemplateError
from outreach.intents import FollowUps, where
from outreach.interviews.records import attach_thank_you, thank_you_due
from outreach.outgoing.drafts import create_draft, is_referral
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
    Interview,
    InterviewStatus,
    Reply,
    TheirAnswer,
)

logger = logging.getLogger(__name__)

FIRST_STEP_DAYS = 3  # 3b7: try the next contact at the company
SECOND_STEP_DAYS = 7  # 3b7: follow up with the first
ENDING = where(follow_ups=FollowUps.STOP)
RESUMING = where(follow_ups=FollowUps.LATER)
OPEN = (DraftStatus.PENDING, DraftStatus.APPROVED, DraftStatus.SENDING, DraftStatus.FAILED,
        DraftStatus.NEEDS_REVIEW)


def create_due_drafts(settings: Settings, now: datetime, actor: str) -> list[str]:
    """Create every thank-you and follow-up draft due at `now`; one line per draft created or error."""
    lines = create_thank_yous(settings, now, actor)
    lines += create_follow_ups(settings, now, actor)
    return lines


# ------------------------------------------------------------------ thank-you notes


def create_thank_yous(settings: Settings, now: datetime, actor: str) -> list[str]:
    """A thank-you draft for each scheduled or held interview whose thank-you time has come (once each)."""
    lines = []
    candidates = (Interview.select(Interview, Contact).join(Contact)
                  .where(Interview.status.in_([InterviewStatus.SCHEDULED, InterviewStatus.HELD]),
                         # they asked to cancel: no thank-you until the user has decided
                         Interview.their_answer.is_null() | Interview.their_answer.not_in(TheirAnswer.FLAGGED),
                         Interview.thank_you_draft_id.is_null(), Interview.end.is_null(False),
                         Interview.end <= now, Contact.status.not_in(ContactStatus.SUPPRESSED))
                  .order_by(Interview.end, Interview.id))
    for interview in candidates:
        if thank_you_due(interview.end, settings) > now:
            continue
        try:
            with transaction():
                fresh = Interview.get_by_id(interview.id)
                if fresh.thank_you_draft_id is not None or fresh.status == InterviewStatus.CANCELLED:
                    continue
                draft = _thank_you_draft(fresh, interview.contact, settings, now, actor)
                attach_thank_you(interview.id, draft.id, now)
        except TemplateError as exc:
            logger.warning("no thank-you draft for interview %s yet: %s", interview.id, exc)
            lines.append(f"interview {interview.id}: thank-you not drafted: {exc}")
            continue
        lines.append(f"thank-you draft {draft.id} for {interview.contact.email} (interview {interview.id})")
    return lines


def _thank_you_draft(interview: Interview, contact: Contact, settings: Settings, now: datetime,
                     actor: str) -> Draft:
    joined = in_thread(contact, settings)
    context = interview_context(interview, contact, settings)
    notes = "\n".join(f"- {item}" for item in context["mention"]) or None
    rendered = render_for_contact(settings, contact, template="thank_you", thread=joined.thread, interview=context,
                                  notes=notes)
    return create_draft(contact, DraftKind.THANK_YOU, rendered.subject, rendered.body, now, actor, settings,
                        in_reply_to=joined.in_reply_to, references=joined.references, related_id=interview.id,
                        template=rendered.template)


# ------------------------------------------------------------------ follow-ups


def create_follow_ups(settings: Settings, now: datetime, actor: str) -> list[str]:
    """Follow-up (and, under 3b7, next-contact) drafts due at `now`."""
    lines = []
    contacts = (Contact.select().where(Contact.status.in_([ContactStatus.CONTACTED, ContactStatus.LATER]))
                .order_by(Contact.id))
    for contact in contacts:
        if _next_step(contact, settings, now) is None:
            continue
        try:
            lines += _take_steps(contact, settings, now, actor)
        except TemplateError as exc:
            logger.warning("no follow-up for %s yet: %s", contact.email, exc)
            lines.append(f"{contact.email}: follow-up not drafted: {exc}")
    return lines


def _take_steps(contact: Contact, settings: Settings, now: datetime, actor: str) -> list[str]:
    """Every step due for one contact, in order (after downtime, 3b7 can owe both of its steps)."""
    lines: list[str] = []
    for _ in range(2):
        with transaction():
            fresh = Contact.get_by_id(contact.id)
            step = _next_step(fresh, settings, now)
            if step == "follow_up":
                draft = _follow_up_draft(fresh, settings, now, actor)
                lines.append(f"follow-up draft {draft.id} for {fresh.email}")
            elif step == "next_contact":
                made = _next_contact_draft(fresh, settings, now, actor)
                lines.append(f"outreach draft {made.id} for {made.to_addr}, the next contact at {fresh.company} "
                             f"({fresh.email} has not replied in {FIRST_STEP_DAYS} business days)")
            else:
                break
    return lines


def _next_step(contact: Contact, settings: Settings, now: datetime) -> str | None:
    """'follow_up', 'next_contact' or None: what this contact's silence calls for at `now`."""
    if contact.paused_until is not None and contact.paused_until > now:
        return None
    sent = list(Draft.select(Draft.kind, Draft.sent_at)
                .where(Draft.contact == contact.id, Draft.status == DraftStatus.SENT,
                       Draft.kind.in_([DraftKind.OUTREACH, DraftKind.FOLLOW_UP]))
                .order_by(Draft.sent_at))
    if not any(d.kind == DraftKind.OUTREACH for d in sent):
        return None
    replies = list(Reply.select(Reply.intent, Reply.received_at)
                   .where(Reply.contact == contact.id, Reply.intent.in_(ENDING + RESUMING)))
    if any(r.intent in ENDING for r in replies):
        return None
    follow_ups = list(Draft.select(Draft.status, Draft.created_at)
                      .where(Draft.contact == contact.id, Draft.kind == DraftKind.FOLLOW_UP))
    if any(f.status in OPEN for f in follow_ups):
        return None
    zone = settings.me.zone
    later = max((r.received_at for r in replies), default=None)
    if later is not None:  # they said "later": one follow-up once the pause is over
        if any(f.created_at > later for f in follow_ups):
            return None
        due = contact.paused_until or add_business_days(later, settings.follow_up.after_business_days, zone)
        return "follow_up" if due <= now else None
    if len(follow_ups) >= settings.follow_up.max:
        return None
    last = sent[-1].sent_at
    if settings.follow_up.routine == "3b7":
        first = sent[0].sent_at
        tried_next = Draft.select().where(Draft.kind == DraftKind.OUTREACH, Draft.related_id == contact.id).exists()
        if (not tried_next and add_business_days(first, FIRST_STEP_DAYS, zone) <= now
                and _next_at_company(contact) is not None):
            return "next_contact"
        return "follow_up" if add_business_days(last, SECOND_STEP_DAYS, zone) <= now else None
    return "follow_up" if add_business_days(last, settings.follow_up.after_business_days, zone) <= now else None


def _follow_up_draft(contact: Contact, settings: Settings, now: datetime, actor: str) -> Draft:
    joined = in_thread(contact, settings)
    rendered = render_for_contact(settings, contact, template="follow_up", thread=joined.thread)
    return create_draft(contact, DraftKind.FOLLOW_UP, rendered.subject, rendered.body, now, actor, settings,
                        in_reply_to=joined.in_reply_to, references=joined.references, template=rendered.template)


def _next_at_company(contact: Contact) -> Contact | None:
    """The first new introduction at the same company that has no outreach draft yet."""
    if not contact.company:
        return None
    drafted = Draft.select(Draft.contact).where(Draft.kind == DraftKind.OUTREACH)
    candidates = (Contact.select()
                  .where(Contact.status == ContactStatus.NEW, Contact.id != contact.id,
                         Contact.id.not_in(drafted))
                  .order_by(Contact.created_at, Contact.id))
    company = contact.company.strip().casefold()
    return next((c for c in candidates if (c.company or "").strip().casefold() == company), None)


def _next_contact_draft(contact: Contact, settings: Settings, now: datetime, actor: str) -> Draft:
    successor = _next_at_company(contact)
    assert successor is not None  # _next_step found one inside the same transaction
    rendered = render_for_contact(settings, successor)
    return create_draft(successor, DraftKind.OUTREACH, rendered.subject, rendered.body, now, actor, settings,
                        related_id=contact.id, template=rendered.template, require_approval=is_referral(successor))


def add_business_days(moment: datetime, days: int, zone: ZoneInfo) -> datetime:
    """`moment` plus `days` weekdays (Mon-Fri) in `zone`, at the same wall-clock time."""
    local = moment.astimezone(zone)
    day, counted = local.date(), 0
    while counted < days:
        day += timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return datetime.combine(day, local.time(), tzinfo=zone)
