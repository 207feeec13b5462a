"""The approval queue. The only module that writes drafts and draft_events.

Every status change goes through `_transition`: one transaction that checks the
move against TRANSITIONS, updates the row only if its status is still the one
read (so two processes cannot both move it), and records a DraftEvent saying
who (cli or daemon) and when. Callers pass `now`.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from outreach.calendar import slot_holds
from outreach.config.settings import Settings
from outreach.errors import DraftStateError, NotFoundError, OutreachError, TemplateError
from outreach.headers import check_header_value
from outreach.intake.contacts import set_status
from outreach.store.db import transaction
from outreach.store.models import Contact, ContactStatus, Draft, DraftEvent, DraftKind
from outreach.store.models import DraftStatus as S

if TYPE_CHECKING:
    from outreach.calendar.slots import Slot

logger = logging.getLogger(__name__)

# from -> the statuses it may move to. None is "created".
TRANSITIONS: dict[str | None, frozenset[str]] = {
    None: frozenset({S.PENDING, S.APPROVED}),
    S.PENDING: frozenset({S.APPROVED, S.REJECTED, S.PENDING}),  # pending -> pending: edited
    S.APPROVED: frozenset({S.PENDING, S.SENDING, S.REJECTED}),  # -> pending: edited after approval
    S.SENDING: frozenset({S.SENT, S.FAILED, S.NEEDS_REVIEW, S.APPROVED}),  # -> approved: provably not sent
    S.NEEDS_REVIEW: frozenset({S.SENT, S.APPROVED, S.REJECTED}),
    S.FAILED: frozenset({S.APPROVED, S.PENDING, S.REJECTED}),  # retry, edit, or give up
    S.SENT: frozenset(),
    S.REJECTED: frozenset(),
}
EDITABLE = (S.PENDING, S.APPROVED, S.FAILED)
APPROVABLE = (S.PENDING, S.FAILED, S.NEEDS_REVIEW)
# Unsent drafts a suppressed contact loses (a draft being sent right now is the sender's to settle).
UNSENT = (S.PENDING, S.APPROVED, S.FAILED, S.NEEDS_REVIEW)
MAX_SUBJECT = 998
MAX_BODY = 100_000


# ------------------------------------------------------------------ reading


def get_draft(draft_id: int) -> Draft:
    draft = (Draft.select(Draft, Contact).join(Contact).where(Draft.id == draft_id).get_or_none())
    if draft is None:
        raise NotFoundError(f"no draft {draft_id}; see `outreach drafts`")
    return draft


def list_drafts(status: str | Sequence[str] | None = None, kind: str | None = None) -> list[Draft]:
    """Drafts (with their contact) oldest first, optionally of some statuses or one kind."""
    query = Draft.select(Draft, Contact).join(Contact)
    statuses = checked_statuses(status)
    if statuses is not None:
        query = query.where(Draft.status.in_(statuses))
    if kind is not None:
        query = query.where(Draft.kind == kind)
    return list(query.order_by(Draft.created_at, Draft.id))


def due_for_sending(now: datetime, limit: int | None = None) -> list[Draft]:
    """Approved drafts whose retry time (if any) has come, oldest approval first."""
    query = (Draft.select(Draft, Contact).join(Contact)
             .where(Draft.status == S.APPROVED,
                    Draft.next_attempt_at.is_null() | (Draft.next_attempt_at <= now))
             .order_by(Draft.approved_at, Draft.id))
    return list(query.limit(limit) if limit else query)


def checked_statuses(status: str | Sequence[str] | None) -> list[str] | None:
    if status is None:
        return None
    statuses = [status] if isinstance(status, str) else list(status)
    for value in statuses:
        if value not in S.ALL:
            raise OutreachError(f"unknown draft status {value!r}; expected one of {', '.join(S.ALL)}")
    return statuses


# ------------------------------------------------------------------ creating


def create_draft(contact: Contact, kind: str, subject: str, body: str, now: datetime, actor: str,
                 settings: Settings, in_reply_to: str | None = None, references: str | None = None,
                 attachments: list[dict[str, Any]] | None = None, related_id: int | None = None,
                 template: str | None = None, require_approval: bool = False) -> Draft:
    """Queue a message. It gets its Message-ID and identity now; `approval: auto` kinds start approved
    unless `require_approval` (then it always waits for the user)."""
    if kind not in DraftKind.ALL:
        raise ValueError(f"unknown draft kind {kind!r}")
    subject = subject.strip()
    _validate(subject, body, what=f"the {kind} draft for {contact.email}")
    for what, value in (("your name (me.name in outreach.yaml)", settings.me.name),
                        (f"the name of contact {contact.email}", contact.name),
                        (f"the address of contact {contact.name}", contact.email),
                        ("In-Reply-To", in_reply_to), ("References", references)):
        check_header_value(what, value)
    for attachment in attachments or []:
        check_header_value("an attachment's file name", attachment.get("filename"))
        check_header_value("an attachment's type", attachment.get("mime"))
    auto = settings.approval.mode(kind) == "auto" and not require_approval
    status = S.APPROVED if auto else S.PENDING
    with transaction():
        draft = Draft.create(
            contact=contact, kind=kind, status=status, to_addr=contact.email, subject=subject,
            body=_normalise_body(body), template=template, message_id=new_message_id(settings),
            identity=uuid.uuid4().hex, in_reply_to=in_reply_to, references=references,
            attachments=attachments, related_id=related_id, created_at=now, updated_at=now,
            approved_at=now if auto else None,
        )
        DraftEvent.create(draft=draft, from_status=None, to_status=status, actor=actor, at=now,
                          note=f"created (approval: {kind} auto)" if auto else "created")
    logger.debug("draft %s: %s for %s created (%s)", draft.id, kind, contact.email, status)
    return draft


def new_message_id(settings: Settings) -> str:
    return f"<{uuid.uuid4().hex}@{settings.me.domain}>"


def is_referral(contact: Contact) -> bool:
    """Introductions that came from a reply or notes: their outreach always waits for the user, whatever
    `approval.outreach` says (a reply can be forged; the user knows whom they mean to write to)."""
    return contact.source in ("reply", "notes")


# ------------------------------------------------------------------ the user's actions


def approve(draft_id: int, now: datetime, actor: str = "cli") -> Draft:
    """pending, failed (retry) or needs_review (the user says it did not go out) -> approved."""
    draft = get_draft(draft_id)
    if draft.status == S.APPROVED:
        return draft
    if draft.status not in APPROVABLE:
        raise DraftStateError(f"draft {draft_id} {state_phrase(draft)}; it cannot be approved")
    return _transition(draft_id, S.APPROVED, now, actor, expect=draft.status, approved_at=now,
                       next_attempt_at=None, attempts=0 if draft.status == S.FAILED else draft.attempts)


def reject(draft_id: int, now: datetime, actor: str = "cli", reason: str | None = None) -> Draft:
    draft = get_draft(draft_id)
    if draft.status == S.REJECTED:
        return draft
    if S.REJECTED not in TRANSITIONS[draft.status]:
        raise DraftStateError(f"draft {draft_id} {state_phrase(draft)}; it cannot be rejected")
    return _transition(draft_id, S.REJECTED, now, actor, expect=draft.status, note=reason, reason=reason)


def hold(draft_id: int, now: datetime, actor: str, reason: str) -> Draft:
    """An approved draft back to pending with `reason` (something changed since the approval); others as they are."""
    draft = get_draft(draft_id)
    if draft.status != S.APPROVED:
        return draft
    return _transition(draft_id, S.PENDING, now, actor, expect=S.APPROVED, note=reason, reason=reason,
                       approved_at=None)


def flag(draft_id: int, now: datetime, actor: str, reason: str) -> Draft:
    """Something the user must see before this draft goes (a calendar conflict): an approved draft goes back
    to pending, a pending one keeps waiting; both carry `reason`. Others are left as they are."""
    draft = get_draft(draft_id)
    if draft.status == S.APPROVED:
        return hold(draft_id, now, actor, reason)
    if draft.status != S.PENDING or draft.reason == reason:
        return draft
    return _transition(draft_id, S.PENDING, now, actor, expect=S.PENDING, note=reason, reason=reason)


def reoffer(draft_id: int, subject: str, body: str, slots: Sequence[Slot], now: datetime, actor: str,
            reason: str, hold_hours: int) -> Draft:
    """An approved outreach draft whose offered times are no longer free, re-rendered with `slots`: back to
    pending (the user approves the words that leave), its old holds released and the new ones held."""
    with transaction():
        draft = _transition(draft_id, S.PENDING, now, actor, expect=S.APPROVED, note=reason, reason=reason,
                            subject=subject.strip(), body=_normalise_body(body), approved_at=None)
        slot_holds.replace(draft, slots, now, hold_hours)
    return draft


def edit(draft_id: int, subject: str, body: str, now: datetime, actor: str = "cli") -> Draft:
    """Replace subject and body. An approved (or failed) draft goes back to pending for a fresh approval."""
    draft = get_draft(draft_id)
    if draft.status not in EDITABLE:
        raise DraftStateError(f"draft {draft_id} {state_phrase(draft)}; it cannot be edited")
    subject = subject.strip()
    body = _normalise_body(body)
    _validate(subject, body, what=f"draft {draft_id}")
    if subject == draft.subject and body == draft.body:
        return draft
    return _transition(draft_id, S.PENDING, now, actor, expect=draft.status, note="edited",
                       subject=subject, body=body, approved_at=None)


def reject_pending_for_contact(contact: Contact, reason: str, now: datetime, actor: str) -> list[Draft]:
    """A contact became do-not-contact or bounced: every unsent draft to them is rejected with `reason`."""
    rejected = []
    with transaction():
        for draft in Draft.select().where(Draft.contact == contact.id, Draft.status.in_(UNSENT)):
            rejected.append(_transition(draft.id, S.REJECTED, now, actor, expect=draft.status,
                                        note=reason, reason=reason))
    if rejected:
        logger.info("rejected %d unsent drafts to %s: %s", len(rejected), contact.email, reason)
    return rejected


# ------------------------------------------------------------------ the sender's hooks


def claim_for_sending(draft_id: int, now: datetime, actor: str = "daemon") -> Draft | None:
    """approved -> sending, counting the attempt. None if another process took it, it is no longer
    approved, or its contact is suppressed (then the draft is rejected)."""
    with transaction():
        draft = Draft.get_or_none(Draft.id == draft_id)
        if draft is None or draft.status != S.APPROVED:
            return None
        contact = draft.contact
        if contact.status in ContactStatus.SUPPRESSED:
            _transition(draft_id, S.REJECTED, now, actor, expect=S.APPROVED,
                        note=f"contact is {contact.status}", reason=f"contact is {contact.status}")
            return None
        try:
            return _transition(draft_id, S.SENDING, now, actor, expect=S.APPROVED,
                               attempts=draft.attempts + 1, reached_data_end=False)
        except DraftStateError:
            return None


def mark_reached_data_end(draft_id: int) -> None:
    """Recorded just before the final dot of DATA: after a crash, the message may have gone out."""
    with transaction():
        Draft.update(reached_data_end=True).where(Draft.id == draft_id, Draft.status == S.SENDING).execute()


def mark_sent(draft_id: int, now: datetime, smtp_response: str | None = None,
              server_message_id: str | None = None, actor: str = "daemon",
              recipient_errors: dict[str, str] | None = None, note: str | None = None) -> Draft:
    """sending (or needs_review, once found in Sent) -> sent. An outreach draft marks its contact contacted.
    `recipient_errors`: the recipients the server refused while accepting the others."""
    with transaction():
        draft = _transition(draft_id, S.SENT, now, actor, note=note, sent_at=now, smtp_response=smtp_response,
                            server_message_id=server_message_id, next_attempt_at=None, last_error=None,
                            recipient_errors=recipient_errors or None)
        contact = draft.contact
        if contact.status == ContactStatus.NEW:
            set_status(contact, ContactStatus.CONTACTED, now)
    return draft


def mark_failed(draft_id: int, now: datetime, error: str, smtp_response: str | None = None,
                actor: str = "daemon", recipient_errors: dict[str, str] | None = None) -> Draft:
    """sending -> failed: a permanent error (5xx) with the server's answer."""
    return _transition(draft_id, S.FAILED, now, actor, note=error, last_error=error, reason=error,
                       smtp_response=smtp_response, next_attempt_at=None,
                       recipient_errors=recipient_errors or None)


def schedule_retry(draft_id: int, now: datetime, error: str, next_attempt_at: datetime,
                   actor: str = "daemon") -> Draft:
    """sending -> approved after a transient error (4xx, network); not due again before next_attempt_at."""
    return _transition(draft_id, S.APPROVED, now, actor, note=f"retry at {next_attempt_at.isoformat()}: {error}",
                       last_error=error, next_attempt_at=next_attempt_at)


def mark_needs_review(draft_id: int, now: datetime, note: str, actor: str = "daemon") -> Draft:
    """sending -> needs_review: it is unclear whether the message went out; never resent automatically."""
    return _transition(draft_id, S.NEEDS_REVIEW, now, actor, note=note, last_error=note, reason=note)


def release_to_approved(draft_id: int, now: datetime, note: str, actor: str = "daemon") -> Draft:
    """sending or needs_review -> approved, only when it provably did not go out (e.g. not in Sent,
    DATA never finished)."""
    return _transition(draft_id, S.APPROVED, now, actor, note=note, next_attempt_at=None,
                       reached_data_end=False)


# ------------------------------------------------------------------ the one place statuses change


def _transition(draft_id: int, to: str, now: datetime, actor: str, expect: str | None = None,
                note: str | None = None, **changes: Any) -> Draft:
    """Move one draft to `to` in one transaction and record it. `expect`: the status the caller saw."""
    if actor not in ("cli", "daemon"):
        raise ValueError(f"actor must be 'cli' or 'daemon', not {actor!r}")
    with transaction():
        draft = Draft.get_or_none(Draft.id == draft_id)
        if draft is None:
            raise NotFoundError(f"no draft {draft_id}; see `outreach drafts`")
        current = draft.status
        if expect is not None and current != expect:
            raise DraftStateError(f"draft {draft_id} changed to {current} meanwhile; look again with "
                                  f"`outreach drafts show {draft_id}`")
        if to not in TRANSITIONS[current]:
            raise DraftStateError(f"draft {draft_id} {state_phrase(draft)}; it cannot move to {to}")
        updated = (Draft.update(status=to, updated_at=now, **changes)
                   .where(Draft.id == draft_id, Draft.status == current).execute())
        if updated != 1:
            raise DraftStateError(f"draft {draft_id} changed meanwhile; look again with "
                                  f"`outreach drafts show {draft_id}`")
        DraftEvent.create(draft=draft_id, from_status=current, to_status=to, actor=actor, note=note, at=now)
    logger.debug("draft %s: %s -> %s by %s", draft_id, current, to, actor)
    return get_draft(draft_id)


def state_phrase(draft: Draft) -> str:
    if draft.status == S.SENT:
        when = f" at {draft.sent_at.isoformat(timespec='minutes')}" if draft.sent_at else ""
        return f"was already sent{when}"
    if draft.status == S.SENDING:
        return "is being sent right now"
    if draft.status == S.NEEDS_REVIEW:
        return "may already have been sent (needs review)"
    return f"is {draft.status}"


def _normalise_body(body: str) -> str:
    body = body.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    return body + "\n"


def _validate(subject: str, body: str, what: str) -> None:
    check_header_value(f"the subject of {what}", subject)
    if not subject:
        raise TemplateError(f"{what}: the subject is empty")
    if len(subject) > MAX_SUBJECT:
        raise TemplateError(f"{what}: the subject is longer than {MAX_SUBJECT} characters")
    if not body.strip():
        raise TemplateError(f"{what}: the body is empty")
    if len(body) > MAX_BODY:
        raise TemplateError(f"{what}: the body is longer than {MAX_BODY} characters")
