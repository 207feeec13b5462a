"""Matched replies: stored once (keyed by Message-ID) and acted on, in one transaction.

The only module that writes the replies table. What each intent does:

* accepted: an interview record (scheduled or proposed) and the contact moves to meeting;
  any referrals in it become new introductions too;
* referral: each person becomes a pending introduction referred by this contact;
* declined: the contact is closed (declined); referrals in it are still added;
* later: no follow-ups until ``resume_after`` (start of that day, in the contact's zone or
  the user's), or LATER_DEFAULT_DAYS after the reply arrived when they named no date;
* auto_reply: no follow-ups until the return date (AUTO_REPLY_DEFAULT_DAYS when none is
  stated); it never counts as a reply and is never answered;
* bounce: the contact is bounced and their unsent drafts are rejected;
* unsubscribe: do-not-contact, permanently, and their unsent drafts are rejected;
* question and unknown, or any intent under ATTENTION_BELOW confidence: flagged for the user,
  who answers or corrects it with :func:`resolve` (then the corrected intent's action runs).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from . import contacts, drafts, interviews
from .config import Settings
from .db import transaction
from .errors import NotFoundError, OutreachError
from .matching import Match, address_of, decode_words
from .models import Contact, ContactStatus, Interview, Reply

logger = logging.getLogger(__name__)

INTENTS = ("accepted", "declined", "referral", "later", "question", "auto_reply", "bounce", "unsubscribe",
           "unknown")
# the classifier's scale: under 0.6 is "weak or no evidence; ask the user"
ATTENTION_BELOW = 0.6
LATER_DEFAULT_DAYS = 30
AUTO_REPLY_DEFAULT_DAYS = 7
NOT_REPLIES = ("auto_reply", "bounce")  # automatic messages: the contact has not answered
ACTOR = "daemon"


@dataclass(frozen=True)
class Location:
    """Where the message was found, and when the server received it (INTERNALDATE)."""

    folder: str
    uid: int | None = None
    uidvalidity: int | None = None
    internaldate: datetime | None = None


@dataclass
class Outcome:
    reply: Reply
    actions: list[str] = field(default_factory=list)

    def line(self) -> str:
        reply = self.reply
        flag = " [needs attention]" if reply.needs_attention else ""
        done = f": {'; '.join(self.actions)}" if self.actions else ""
        return f"reply {reply.id} from {reply.contact.email}: {reply.intent}{flag}{done}"


def reply_key(raw: bytes, message_id: str | None) -> str:
    """The reply's Message-ID, or a digest of the message when it has none (same bytes, same key)."""
    if message_id:
        return message_id.strip()
    return f"<sha256-{hashlib.sha256(raw).hexdigest()[:40]}@outreach.invalid>"


@dataclass(frozen=True)
class Incoming:
    """A matched message, classified, not yet stored."""

    raw: bytes
    key: str
    match: Match
    where: Location
    result: dict[str, Any]


def prepare(raw: bytes, match: Match, where: Location, settings: Settings,
            message_id: str | None = None) -> Incoming | None:
    """Classify a matched message (outside any transaction); None when it was stored before."""
    key = reply_key(raw, message_id if message_id is not None else _header(raw, "message-id"))
    if Reply.get_or_none(Reply.message_id == key) is not None:
        logger.debug("reply %s already recorded; skipped", key)
        return None
    from .classify import classify_message

    result = classify_message(raw, user_tz=settings.me.timezone, known_addresses=[settings.me.email])
    return Incoming(raw, key, match, where, result)


def record(incoming: Incoming, settings: Settings, now: datetime) -> Outcome | None:
    """Store the reply and act on it, all in one transaction; None when it is already stored."""
    with transaction():
        # re-checked under the write lock: another process may have stored it meanwhile
        if Reply.get_or_none(Reply.message_id == incoming.key) is not None:
            return None
        return _store(incoming, settings, now)


def handle(raw: bytes, match: Match, where: Location, settings: Settings, now: datetime,
           message_id: str | None = None) -> Outcome | None:
    """Classify, store and act on one matched message; None when it was stored before (nothing done)."""
    incoming = prepare(raw, match, where, settings, message_id)
    return None if incoming is None else record(incoming, settings, now)


def _store(incoming: Incoming, settings: Settings, now: datetime) -> Outcome:
    raw, match, result = incoming.raw, incoming.match, incoming.result
    contact = Contact.get_by_id(match.contact_id)
    intent = str(result.get("intent") or "unknown")
    confidence = float(result.get("confidence") or 0.0)
    classified = intent
    if match.how == "bounce" and intent != "bounce":
        # the delivery report itself named our message or recipient: that outweighs the text
        intent, confidence = "bounce", max(confidence, 0.9)
    attention = _needs_attention(intent, confidence)
    reply: Reply = Reply.create(
        contact=contact, draft=match.draft_id, message_id=incoming.key, folder=incoming.where.folder,
        uid=incoming.where.uid, uidvalidity=incoming.where.uidvalidity,
        from_addr=address_of(_header(raw, "from") or ""),
        subject=decode_words(_header(raw, "subject") or "")[:1000],
        received_at=incoming.where.internaldate or _date_header(raw) or now,
        text=_their_words(raw), intent=intent, classified_intent=classified, confidence=confidence,
        result=result, needs_attention=attention, created_at=now,
    )
    outcome = Outcome(reply)
    if attention:
        if intent not in NOT_REPLIES:
            _mark_replied(contact, now)
        outcome.actions.append("waiting for you" if intent in ("question", "unknown")
                               else f"low confidence ({confidence:.2f}); please check")
    else:
        outcome.actions.extend(act(reply, contact, intent, result, settings, now))
    logger.info("reply %s from %s (%s, matched by %s): %s", reply.id, contact.email, intent, match.how,
                "; ".join(outcome.actions) or "no action")
    return outcome


def _needs_attention(intent: str, confidence: float) -> bool:
    return intent in ("question", "unknown") or confidence < ATTENTION_BELOW


def act(reply: Reply, contact: Contact, intent: str, result: dict[str, Any], settings: Settings,
        now: datetime) -> list[str]:
    """Carry out what `intent` means for this contact; returns what was done, for the user."""
    done: list[str] = []
    wanted = [str(p.get("email") or "").strip().lower() for p in result.get("referrals") or []]
    known_before = {c.email for c in Contact.select(Contact.email).where(Contact.email.in_(wanted))} if wanted \
        else set()
    if intent == "accepted":
        interview = interviews.record_from_reply(contact, reply, result, settings, now)
        contacts.set_status(contact, ContactStatus.MEETING, now, reason=f"reply {reply.id}")
        done.append(f"interview {interview.id} ({interview.status})")
    elif intent == "declined":
        contacts.set_status(contact, ContactStatus.DECLINED, now, reason=f"reply {reply.id}")
        done.append("contact closed (declined)")
    elif intent == "referral":
        _mark_replied(contact, now)
    elif intent == "later":
        until = (_resume_at(result.get("resume_after"), contact, settings)
                 or reply.received_at + timedelta(LATER_DEFAULT_DAYS))
        contacts.pause_follow_ups(contact, until, now)
        contacts.set_status(contact, ContactStatus.LATER, now, reason=f"reply {reply.id}")
        done.append(f"follow-ups paused until {until.date().isoformat()}")
    elif intent == "auto_reply":
        until = (_resume_at(result.get("resume_after"), contact, settings)
                 or reply.received_at + timedelta(AUTO_REPLY_DEFAULT_DAYS))
        if contact.paused_until is None or contact.paused_until < until:
            contacts.pause_follow_ups(contact, until, now)
        done.append(f"follow-ups paused until {contact.paused_until.date().isoformat()}")
    elif intent in ("bounce", "unsubscribe"):
        status = ContactStatus.BOUNCED if intent == "bounce" else ContactStatus.DO_NOT_CONTACT
        reason = (f"bounced: {result.get('bounced_recipient') or contact.email}" if intent == "bounce"
                  else f"asked not to be contacted (reply {reply.id})")
        contacts.set_status(contact, status, now, reason=reason)
        rejected = drafts.reject_pending_for_contact(contact, reason, now, actor=ACTOR)
        done.append(f"contact {status}" + (f"; {len(rejected)} unsent draft(s) rejected" if rejected else ""))
    elif intent in ("question", "unknown"):
        _mark_replied(contact, now)
    if intent in ("accepted", "referral", "declined"):
        for person in result.get("referrals") or []:
            # interviews.record_from_reply may have added them already; report each new one once
            address = str(person.get("email") or "").strip().lower()
            contacts.add_referral(person.get("name"), address, contact, now, source="reply")
            if address not in known_before and Contact.get_or_none(Contact.email == address) is not None:
                done.append(f"new introduction {address}")
    return done


def _mark_replied(contact: Contact, now: datetime) -> None:
    # "replied" only moves a contact forward; it never undoes meeting, declined, later or a suppression
    if contact.status in (ContactStatus.NEW, ContactStatus.CONTACTED):
        contacts.set_status(contact, ContactStatus.REPLIED, now)


def _resume_at(value: Any, contact: Contact, settings: Settings) -> datetime | None:
    """Start of the named day, in the contact's zone when known, else the user's."""
    if not value:
        return None
    try:
        day = date.fromisoformat(str(value))
        zone = ZoneInfo(contact.timezone) if contact.timezone else settings.me.zone
    except (ValueError, KeyError):
        return None
    return datetime.combine(day, time(0, 0), tzinfo=zone)


def resolve(reply_id: int, intent: str, now: datetime, settings: Settings) -> Outcome:
    """The user's correction (or confirmation) of a reply's intent; that intent's action follows."""
    if intent not in INTENTS:
        raise OutreachError(f"unknown intent {intent!r}; expected one of {', '.join(INTENTS)}")
    with transaction():
        reply = Reply.get_or_none(Reply.id == reply_id)
        if reply is None:
            raise NotFoundError(f"no reply {reply_id}; see `outreach replies`")
        previous = reply.intent
        Reply.update(intent=intent, needs_attention=False, resolved_at=now).where(Reply.id == reply.id).execute()
        reply.intent, reply.needs_attention, reply.resolved_at = intent, False, now
        contact = reply.contact
        outcome = Outcome(reply)
        if previous == "accepted" and intent != "accepted":
            for interview in Interview.select().where(Interview.reply == reply.id):
                outcome.actions.append(f"interview {interview.id} kept; cancel it with "
                                       f"`outreach interviews cancel {interview.id}` if it is off")
        outcome.actions.extend(act(reply, contact, intent, reply.result or {}, settings, now))
    logger.info("reply %s resolved as %s (was %s)", reply_id, intent, previous)
    return outcome


def list_replies(attention: bool = False) -> list[Reply]:
    query = Reply.select(Reply, Contact).join(Contact)
    if attention:
        query = query.where(Reply.needs_attention == True)  # noqa: E712 (peewee expression)
    return list(query.order_by(Reply.received_at, Reply.id))


def attention_count() -> int:
    return int(Reply.select().where(Reply.needs_attention == True).count())  # noqa: E712


def has_replied(contact: Contact) -> bool:
    """Did the person answer? Automatic replies and bounces do not count."""
    return bool(Reply.select().where(Reply.contact == contact.id, Reply.intent.not_in(NOT_REPLIES)).exists())


def reply_json(reply: Reply) -> dict[str, Any]:
    return {
        "id": reply.id, "contact_email": reply.contact.email, "intent": reply.intent,
        "classified_intent": reply.classified_intent, "confidence": reply.confidence,
        "received_at": reply.received_at.isoformat(), "needs_attention": reply.needs_attention,
        "resolved_at": reply.resolved_at.isoformat() if reply.resolved_at else None,
        "from": reply.from_addr, "subject": reply.subject, "message_id": reply.message_id,
        "draft_id": reply.__data__.get("draft"), "result": reply.result,
    }


# ------------------------------------------------------------------ reading the raw message


def _header(raw: bytes, name: str) -> str | None:
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    from email.parser import BytesHeaderParser
    from email.policy import compat32

    value = BytesHeaderParser(policy=compat32).parsebytes(head + b"\r\n\r\n").get(name)
    return None if value is None else " ".join(str(value).split())


def _date_header(raw: bytes) -> datetime | None:
    from email.utils import parsedate_to_datetime

    value = _header(raw, "date")
    try:
        parsed = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed is not None and parsed.tzinfo is not None else None


def _their_words(raw: bytes) -> str:
    """The contact's own text: quotes and signature removed (best effort; the raw stays on the server)."""
    try:
        from .classify.mime import body_texts, read_mail
        from .classify.quotes import split_reply

        plain, html = body_texts(read_mail(raw))
        return split_reply(plain or html).body[:20_000]
    except Exception:  # the text is for display only; never lose a reply over it
        logger.debug("could not extract the reply text", exc_info=True)
        return ""
