"""Matched replies: stored once (keyed by Message-ID) and acted on, in one transaction.

The only module that writes the replies table. What an intent means in general (is it their
answer? may it name people to introduce?) is in :mod:`outreach.intents`; what each one does here:

* accepted: an interview record (scheduled or proposed) and the contact moves to meeting;
* referral: the contact has replied;
* declined: the contact is closed (declined);
* later: no follow-ups until ``resume_after`` (start of that day, in the contact's zone or
  the user's), or LATER_DEFAULT_DAYS after the reply arrived when they named no date;
* auto_reply: no follow-ups until the return date (AUTO_REPLY_DEFAULT_DAYS when none is
  stated); it never counts as a reply and is never answered;
* bounce: the contact is bounced and their unsent drafts are rejected;
* unsubscribe: do-not-contact, permanently, and their unsent drafts are rejected;
* question and unknown, or any intent under ATTENTION_BELOW confidence: flagged for the user,
  who answers or corrects it with :func:`resolve` (then the corrected intent's action runs);
* in an intent that may refer (accepted, referral, declined), each person named becomes a
  pending introduction referred by this contact. A delivery failure is a bounce whatever the
  classifier read in it (the text of a returned message is ours, not theirs).

A reply in a conversation whose interview is still live (proposed or scheduled) is classified against
it (:func:`interviews.thread_context`). When the classifier reads it as an answer about that meeting
(it confirms, proposes another time, or cancels), the answer is acted on by
:func:`interviews.after_yes` instead of the intent's action: never a second interview, never a
declined contact for "I have to cancel". Unsubscribes, bounces and automatic replies stay as they are.

Who may make the daemon act (:func:`vet`): the contact of the thread, or a person that contact
introduced (then the reply is that person's), when the user's provider recorded no failing
DMARC/SPF/DKIM verdict for them; or anyone for a delivery report that carries our own message.
Anything else is stored as ``unverified`` with the reason, does nothing, and waits for the user,
who resolves it with the intent it really has, or as ``ignored``.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from email.message import Message
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from outreach.config.settings import Settings
from outreach.errors import NotFoundError, OutreachError
from outreach.intake import contacts
from outreach.intents import ACTS_FROM, CLASSIFIED, RESOLUTIONS, Intent, meaning
from outreach.interviews import answers as interviews
from outreach.outgoing import drafts
from outreach.replies.matching import (
    Match,
    address_of,
    auth_failures,
    decode_words,
    delivery_failure,
    normalize_id,
    report_text,
    returned_ids,
    senders_of,
)
from outreach.store.db import transaction
from outreach.store.models import Contact, ContactStatus, Draft, Interview, Reply

if TYPE_CHECKING:  # the classifier is imported only where a message is classified or a stored result acted on
    from outreach.classify.result import Classification

logger = logging.getLogger(__name__)

# the classifier's scale: under ACTS_FROM (0.6) is "weak or no evidence; ask the user"
ATTENTION_BELOW = ACTS_FROM
LATER_DEFAULT_DAYS = 30
AUTO_REPLY_DEFAULT_DAYS = 7
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
        return f"reply {reply.id} {sender_phrase(reply)}: {reply.intent}{flag}{done}"


def sender_phrase(reply: Reply) -> str:
    """'from alex@example.com', or 'from mallory@attacker.test about alex@example.com': the real sender."""
    sender = reply.from_addr or "an unknown sender"
    return f"from {sender}" if sender == reply.contact.email else f"from {sender} about {reply.contact.email}"


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
    result: Classification
    failure: bool  # a delivery failure report, whatever the classifier says (see `incoming`)


def prepare(raw: bytes, match: Match, where: Location, settings: Settings,
            message_id: str | None = None) -> Incoming | None:
    """Classify a matched message (outside any transaction); None when it was stored before."""
    key = reply_key(raw, message_id if message_id is not None else _header(raw, "message-id"))
    if Reply.get_or_none(Reply.message_id == key) is not None:
        logger.debug("reply %s already recorded; skipped", key)
        return None
    from outreach.classify import classify_message

    contact = Contact.get_by_id(match.contact_id)
    context = interviews.thread_context(contact, settings)
    # Whoever introduced the user to this contact is already part of the conversation, never a new referral
    # when a reply-all keeps them in Cc ("thanks Renata for connecting us").
    known = [settings.me.email, *([contact.referred_by_email] if contact.referred_by_email else [])]
    result = classify_message(raw, user_tz=settings.me.timezone, known_addresses=known, context=context)
    return incoming(raw, key, match, where, result)


def incoming(raw: bytes, key: str, match: Match, where: Location, result: Classification) -> Incoming:
    """A matched message with the classifier's `result`, and whether it is a delivery failure (which the
    daemon checks itself: a misread returned message must never act as the contact's words)."""
    failure = match.how == "bounce" or (result.intent != Intent.BOUNCE and delivery_failure(raw) is not None)
    return Incoming(raw, key, match, where, result, failure)


def record(incoming: Incoming, settings: Settings, now: datetime) -> Outcome | None:
    """Store the reply and act on it, all in one transaction; None when it is already stored."""
    with transaction():
        # re-checked under the write lock: another process may have stored it meanwhile
        if Reply.get_or_none(Reply.message_id == incoming.key) is not None:
            return None
        return _store(incoming, settings, now)


def _store(incoming: Incoming, settings: Settings, now: datetime) -> Outcome:
    raw, match, result = incoming.raw, incoming.match, incoming.result
    head = _head(raw)
    contact = Contact.get_by_id(match.contact_id)
    intent = result.intent if result.intent in CLASSIFIED else Intent.UNKNOWN
    confidence = result.confidence
    classified = intent
    if incoming.failure and intent not in (Intent.BOUNCE, Intent.UNSUBSCRIBE):
        # a delivery report: its structure outweighs any words in it (they may be our own, returned)
        intent, confidence = Intent.BOUNCE, max(confidence, 0.9)
    speaker, held = vet(raw, head, match, contact, intent, settings)
    draft_id = match.draft_id if speaker.id == contact.id else None
    stored = result.to_json()
    if held is not None:
        intent, stored = Intent.UNVERIFIED, {**stored, "held": held}
    live = _live_answer(incoming, speaker, contact, intent) if held is None else None
    if live is not None and result.thread is not None:
        # an answer about the live interview: its own confidence decides; a question in it still waits for you
        attention = result.thread.confidence < ATTENTION_BELOW or intent == Intent.QUESTION
    else:
        attention = held is not None or _needs_attention(intent, confidence)
    senders = senders_of(head)
    reply: Reply = Reply.create(
        contact=speaker, draft=draft_id, message_id=incoming.key, folder=incoming.where.folder,
        uid=incoming.where.uid, uidvalidity=incoming.where.uidvalidity,
        from_addr=", ".join(senders)[:250] if senders else address_of(_header(raw, "from") or ""),
        subject=decode_words(_header(raw, "subject") or "")[:1000],
        received_at=incoming.where.internaldate or _date_header(raw) or now,
        text=result.body[:20_000], intent=intent, classified_intent=classified, confidence=confidence,
        result=stored, needs_attention=attention, created_at=now,
    )
    outcome = Outcome(reply)
    if held is not None:
        outcome.actions.append(f"held ({held}); nothing done")
    elif live is not None and result.thread is not None and result.thread.confidence >= ATTENTION_BELOW:
        outcome.actions.extend(answer_about(live, reply, speaker, intent, result, settings, now))
        if attention:
            outcome.actions.append("waiting for you")
    elif attention:
        if meaning(intent).answer:
            _mark_replied(speaker, now)
        outcome.actions.append("waiting for you" if meaning(intent).asks_you
                               else f"low confidence ({confidence:.2f}); please check")
    else:
        outcome.actions.extend(act(reply, speaker, intent, result, settings, now))
    logger.debug("reply %s from %s about %s (%s, matched by %s): %s", reply.id, reply.from_addr or "nobody",
                 speaker.email, intent, match.how, "; ".join(outcome.actions) or "no action")
    return outcome


def _live_answer(incoming: Incoming, speaker: Contact, contact: Contact, intent: str) -> Interview | None:
    """The live interview a reply may answer about: the contact's own (not someone they introduced), and
    never from a delivery report, an unsubscribe or an automatic reply."""
    if (speaker.id != contact.id or incoming.failure
            or intent in (Intent.BOUNCE, Intent.UNSUBSCRIBE, Intent.AUTO_REPLY)):
        return None
    return interviews.live_interview(contact)


def answer_about(interview: Interview, reply: Reply, contact: Contact, intent: str, result: Classification,
                 settings: Settings, now: datetime) -> list[str]:
    """A reply answering about the live interview: that answer's action (interviews.after_yes), the
    contact marked as replied, and the people it names, as for any reply."""
    if meaning(intent).answer or intent == Intent.UNKNOWN:
        _mark_replied(contact, now)
    done = interviews.after_yes(interview, reply, result, settings, now)
    if meaning(intent).refers:
        people = [(p.name, p.email, None) for p in result.referrals]
        done += [f"new introduction {new.email}" for new in contacts.add_referrals(people, contact, now, "reply")]
    return done


def vet(raw: bytes, head: Message, match: Match, contact: Contact, intent: str,
        settings: Settings) -> tuple[Contact, str | None]:
    """Who the reply is from as far as acting goes, and why it may not act (None: it may).

    It may act when its one From address is the contact's, or (except for a calendar invitation) that
    of a person the contact introduced, who is then the one answering; and the user's provider
    recorded no failing DMARC/SPF/DKIM verdict for that address. A bounce from anyone may act when
    the report carries our own message to the contact. Everything else waits for the user.
    """
    if intent == Intent.BOUNCE and _carries_our_message(raw, match, contact):
        return contact, None
    senders = senders_of(head)
    if len(senders) != 1:
        return contact, ("no sender address" if not senders else
                         f"From names {len(senders)} addresses; a reply has one")
    sender = senders[0]
    speaker = contact if sender == contact.email else (
        None if match.how == "calendar" else
        Contact.get_or_none(Contact.email == sender, Contact.referred_by_email == contact.email))
    if speaker is None:
        if intent == Intent.BOUNCE:
            return contact, f"a delivery report that does not contain our message to {contact.email}"
        if match.how == "calendar":
            return contact, f"a calendar invitation naming {contact.email} from someone else"
        return contact, f"not from {contact.email} or anyone they introduced"
    failed = auth_failures(head, settings.imap.authserv_id, sender)
    if failed:
        return contact, f"{settings.imap.authserv_id} recorded {', '.join(failed)} for {sender}"
    return speaker, None


def _carries_our_message(raw: bytes, match: Match, contact: Contact) -> bool:
    """Is our message to `contact` (Message-ID or X-Outreach-Draft) inside the delivery report?"""
    if match.how == "bounce" and match.draft_id is not None:
        return True  # matching found it there already
    ours: set[str] = set()
    for draft in Draft.select(Draft.message_id, Draft.server_message_id, Draft.identity).where(
            Draft.contact == contact.id):
        ours |= {normalize_id(m) for m in (draft.message_id, draft.server_message_id) if m}
        ours.add(draft.identity.lower())
    return bool(ours & returned_ids(report_text(raw)))


def _needs_attention(intent: str, confidence: float) -> bool:
    return meaning(intent).asks_you or confidence < ATTENTION_BELOW


def act(reply: Reply, contact: Contact, intent: str, result: Classification, settings: Settings,
        now: datetime) -> list[str]:
    """Carry out what `intent` means for this contact; returns what was done, for the user."""
    done: list[str] = []
    means = meaning(intent)
    if means.answer:
        _mark_replied(contact, now)
    if intent == Intent.ACCEPTED:
        interview = interviews.record_from_reply(contact, reply, result, settings, now)
        contacts.set_status(contact, ContactStatus.MEETING, now, reason=f"reply {reply.id}")
        done.append(f"interview {interview.id} ({interview.status})")
    elif intent == Intent.DECLINED:
        contacts.set_status(contact, ContactStatus.DECLINED, now, reason=f"reply {reply.id}")
        done.append("contact closed (declined)")
    elif intent == Intent.LATER:
        until = (_resume_at(result.resume_after, contact, settings)
                 or reply.received_at + timedelta(LATER_DEFAULT_DAYS))
        contacts.pause_follow_ups(contact, until, now)
        contacts.set_status(contact, ContactStatus.LATER, now, reason=f"reply {reply.id}")
        done.append(f"follow-ups paused until {until.date().isoformat()}")
    elif intent == Intent.AUTO_REPLY:
        until = (_resume_at(result.resume_after, contact, settings)
                 or reply.received_at + timedelta(AUTO_REPLY_DEFAULT_DAYS))
        if contact.paused_until is None or contact.paused_until < until:
            contacts.pause_follow_ups(contact, until, now)
        done.append(f"follow-ups paused until {contact.paused_until.date().isoformat()}")
    elif intent in (Intent.BOUNCE, Intent.UNSUBSCRIBE):
        status = ContactStatus.BOUNCED if intent == Intent.BOUNCE else ContactStatus.DO_NOT_CONTACT
        reason = (f"bounced: {result.bounced_recipient or contact.email}" if intent == Intent.BOUNCE
                  else f"asked not to be contacted (reply {reply.id})")
        contacts.set_status(contact, status, now, reason=reason)
        rejected = drafts.reject_pending_for_contact(contact, reason, now, actor=ACTOR)
        done.append(f"contact {status}" + (f"; {len(rejected)} unsent draft(s) rejected" if rejected else ""))
    if means.refers:
        people = [(p.name, p.email, None) for p in result.referrals]
        done += [f"new introduction {new.email}" for new in contacts.add_referrals(people, contact, now, "reply")]
    return done


def _mark_replied(contact: Contact, now: datetime) -> None:
    # "replied" only moves a contact forward; it never undoes meeting, declined, later or a suppression
    if contact.status in (ContactStatus.NEW, ContactStatus.CONTACTED):
        contacts.set_status(contact, ContactStatus.REPLIED, now)


def _resume_at(day: date | None, contact: Contact, settings: Settings) -> datetime | None:
    """Start of the named day, in the contact's zone when known, else the user's."""
    if day is None:
        return None
    try:
        zone = ZoneInfo(contact.timezone) if contact.timezone else settings.me.zone
    except (ValueError, KeyError):
        return None
    return datetime.combine(day, time(0, 0), tzinfo=zone)


def resolve(reply_id: int, intent: str, now: datetime, settings: Settings) -> Outcome:
    """The user's correction (or confirmation) of a reply's intent; that intent's action follows."""
    if intent not in RESOLUTIONS:
        raise OutreachError(f"unknown intent {intent!r}; expected one of {', '.join(RESOLUTIONS)}")
    with transaction():
        reply = Reply.get_or_none(Reply.id == reply_id)
        if reply is None:
            raise NotFoundError(f"no reply {reply_id}; see `outreach replies`")
        previous = reply.intent
        Reply.update(intent=intent, needs_attention=False, resolved_at=now).where(Reply.id == reply.id).execute()
        reply.intent, reply.needs_attention, reply.resolved_at = intent, False, now
        contact = reply.contact
        outcome = Outcome(reply)
        if previous == Intent.ACCEPTED and intent != Intent.ACCEPTED:
            for interview in Interview.select().where(Interview.reply == reply.id):
                outcome.actions.append(f"interview {interview.id} kept; cancel it with "
                                       f"`outreach interviews cancel {interview.id}` if it is off")
        outcome.actions.extend(act(reply, contact, intent, stored_result(reply), settings, now))
    logger.info("reply %s %s resolved as %s (was %s)", reply_id, sender_phrase(reply), intent, previous)
    return outcome


def stored_result(reply: Reply) -> Classification:
    """The classification as the replies table keeps it (its JSON, read back; the body is `reply.text`)."""
    from outreach.classify.result import Classification

    return Classification.from_json(reply.result or {})


# ------------------------------------------------------------------ reading the raw message


def _head(raw: bytes) -> Message:
    """The message's own header block (what a delivery report returns is in the body, not here)."""
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    from email.parser import BytesHeaderParser
    from email.policy import compat32

    return BytesHeaderParser(policy=compat32).parsebytes(head + b"\r\n\r\n")


def _header(raw: bytes, name: str) -> str | None:
    value = _head(raw).get(name)
    return None if value is None else " ".join(str(value).split())


def _date_header(raw: bytes) -> datetime | None:
    from email.utils import parsedate_to_datetime

    value = _header(raw, "date")
    try:
        parsed = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed is not None and parsed.tzinfo is not None else None

