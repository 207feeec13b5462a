"""Builders for the interview, follow-up and status tests: the rows the sender and the watcher would write."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from outreach.config.reader import load_settings
from outreach.config.settings import Settings
from outreach.intake.contacts import import_introductions, load_introductions
from outreach.outgoing import drafts
from outreach.store.db import open_database
from outreach.store.models import Contact, Draft, DraftKind, Reply
from tests.helpers import write_config

NOW = datetime(2026, 10, 5, 14, 0, tzinfo=UTC)  # Monday 5 October 2026, 10:00 in New York


def make_settings(directory: Path, **overrides: Any) -> Settings:
    """Config (tests.support, me in America/New_York), database opened, the two introductions imported."""
    settings = load_settings(write_config(directory, **overrides))
    open_database(settings.paths.database)
    import_introductions(load_introductions(settings.paths.introductions), NOW)
    return settings


def contact(email: str = "alex.chen@example.com") -> Contact:
    return Contact.get(Contact.email == email)


def sent(person: Contact, settings: Settings, at: datetime, kind: str = DraftKind.OUTREACH,
         subject: str = "Maria Lopez suggested I reach out", body: str = "Hello.") -> Draft:
    """A draft of `kind` to `person`, approved and sent at `at` (as the sender would leave it)."""
    draft = drafts.create_draft(person, kind, subject, body, at, "cli", settings)
    drafts.approve(draft.id, at)
    drafts.claim_for_sending(draft.id, at)
    return drafts.mark_sent(draft.id, at)


def reply(person: Contact, draft: Draft | None, intent: str, at: datetime, text: str = "Happy to chat.",
          result: dict[str, Any] | None = None, message_id: str | None = None) -> Reply:
    """A stored reply (as the watcher would store it)."""
    result = result if result is not None else {"intent": intent}
    return Reply.create(contact=person, draft=draft, message_id=message_id or f"<r{Reply.select().count()}@x.test>",
                        folder="INBOX", from_addr=person.email, subject="Re: hello", received_at=at, text=text,
                        intent=intent, classified_intent=intent, confidence=0.9, result=result, created_at=at)


def accepted(start: str | None = None, end: str | None = None, url: str | None = None,
             booking_url: str | None = None, proposed: list[str] | None = None,
             referrals: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A classifier result for an accepted reply."""
    return {"intent": "accepted", "confidence": 0.9,
            "meeting": {"start": start, "end": end, "url": url, "location": None, "booking_url": booking_url},
            "proposed_times": proposed or [], "referrals": referrals or []}
