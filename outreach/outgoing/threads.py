"""The conversation with one contact, and how our next message joins it: In-Reply-To, References and
a "Re:" subject for every reply we write (thank-you, follow-up, confirmation, cancellation), and `thread`
for the templates (what we sent, their words unquoted)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from outreach.calendar.clock import day
from outreach.intents import ANSWERS
from outreach.store.models import Contact, Draft, DraftStatus, Reply

if TYPE_CHECKING:
    from outreach.config.settings import Settings

MAX_REFERENCES = 10


@dataclass(frozen=True)
class Message:
    """One message of a conversation: ours (sent) or theirs (a reply, quotes removed)."""

    ours: bool
    at: datetime
    subject: str
    text: str
    message_id: str | None


def conversation(contact: Contact) -> list[Message]:
    """Everything sent to and received from `contact`, oldest first; only their answers (no automatic replies,
    bounces, or messages that may not be theirs)."""
    sent = Draft.select().where(Draft.contact == contact.id, Draft.status == DraftStatus.SENT)
    replies = Reply.select().where(Reply.contact == contact.id, Reply.intent.in_(ANSWERS))
    messages = [Message(True, d.sent_at or d.created_at, d.subject, d.body, d.server_message_id or d.message_id)
                for d in sent]
    messages += [Message(False, r.received_at, r.subject, r.text,
                         r.message_id if r.message_id.startswith("<") else None) for r in replies]
    return sorted(messages, key=lambda m: (m.at, not m.ours))


def reply_headers(messages: list[Message]) -> tuple[str | None, str | None]:
    """(In-Reply-To, References) for a new message at the end of `messages`."""
    ids = [m.message_id for m in messages if m.message_id]
    if not ids:
        return None, None
    if len(ids) > MAX_REFERENCES:  # RFC 5322 3.6.4: keep the root and the most recent
        ids = [ids[0], *ids[-(MAX_REFERENCES - 1):]]
    return ids[-1], " ".join(ids)


def thread_context(contact: Contact, settings: Settings, messages: list[Message] | None = None) -> dict[str, Any]:
    """`thread` for templates: subject and date of our first message, and the messages so far."""
    messages = conversation(contact) if messages is None else messages
    zone = settings.me.zone
    first = next((m for m in messages if m.ours), None)
    return {
        "subject": first.subject if first else "Our conversation",
        "sent_on": day(first.at, zone) if first else None,
        "message_id": first.message_id if first else None,
        "messages": [{"from": settings.me.name if m.ours else contact.name, "ours": m.ours,
                      "on": day(m.at, zone), "subject": m.subject, "text": m.text.strip()} for m in messages],
    }


@dataclass(frozen=True)
class InThread:
    """Our next message in a conversation: its threading headers, a reply subject, and `thread` for templates."""

    messages: list[Message]
    in_reply_to: str | None
    references: str | None
    subject: str
    thread: dict[str, Any]


def in_thread(contact: Contact, settings: Settings) -> InThread:
    messages = conversation(contact)
    in_reply_to, references = reply_headers(messages)
    thread = thread_context(contact, settings, messages)
    subject = thread["subject"]
    return InThread(messages, in_reply_to, references,
                    subject if subject.lower().startswith("re:") else f"Re: {subject}", thread)
