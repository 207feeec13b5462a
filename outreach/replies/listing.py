"""The stored replies as the commands show them: the list, the --json object, why one was held, and
whether a contact answered at all."""

from __future__ import annotations

from typing import Any

from outreach.intents import ANSWERS
from outreach.store.models import Contact, Reply


def held_because(reply: Reply) -> str | None:
    """Why a reply was not allowed to act (None when it was)."""
    reason = (reply.result or {}).get("held")
    return str(reason) if reason else None


def list_replies(attention: bool = False) -> list[Reply]:
    query = Reply.select(Reply, Contact).join(Contact)
    if attention:
        query = query.where(Reply.needs_attention == True)  # noqa: E712 (peewee expression)
    return list(query.order_by(Reply.received_at, Reply.id))


def has_replied(contact: Contact) -> bool:
    """Did the person answer? Automatic replies and bounces do not count."""
    return bool(Reply.select().where(Reply.contact == contact.id, Reply.intent.in_(ANSWERS)).exists())


def reply_json(reply: Reply) -> dict[str, Any]:
    return {
        "id": reply.id, "contact_email": reply.contact.email, "intent": reply.intent,
        "classified_intent": reply.classified_intent, "confidence": reply.confidence,
        "received_at": reply.received_at.isoformat(), "needs_attention": reply.needs_attention,
        "resolved_at": reply.resolved_at.isoformat() if reply.resolved_at else None,
        "from": reply.from_addr, "subject": reply.subject, "message_id": reply.message_id,
        "draft_id": reply.draft_id, "result": reply.result, "held": held_because(reply),
    }
