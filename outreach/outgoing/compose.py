"""Outreach drafts for new contacts: who gets one (3b7: one person per company at a time), rendered with
the free times offered, queued through drafts.create_draft."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from outreach.calendar import slot_holds
from outreach.calendar.offers import open_offers, slot_context
from outreach.calendar.slots import conflicts
from outreach.config.settings import Settings
from outreach.errors import OutreachError, TemplateError
from outreach.outgoing.drafts import create_draft, is_referral
from outreach.store.db import transaction
from outreach.store.models import Contact, ContactStatus, Draft, DraftKind

logger = logging.getLogger(__name__)


@dataclass
class ComposeResult:
    created: list[Draft] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def compose_outreach_drafts(settings: Settings, now: datetime, actor: str) -> ComposeResult:
    """One outreach draft for each new contact that has none. A render error skips that contact only."""
    from outreach.outgoing.render import render_for_contact  # not loaded by `drafts list`, `status`

    result = ComposeResult()
    rendered = []
    contacts = _contacts_needing_outreach()
    if settings.follow_up.routine == "3b7":
        contacts = _first_per_company(contacts)
    if not contacts:
        return result
    try:
        offers = open_offers(settings, now)
    except OutreachError as exc:  # the user asked for real free times: no draft goes without them
        result.errors.append(f"no outreach drafts composed: cannot read your calendar: {exc}")
        return result
    for contact in contacts:
        slots = offers.take(contact) if offers is not None else []
        try:
            message = render_for_contact(settings, contact, slots=slot_context(slots, settings.me.zone))
        except TemplateError as exc:
            result.errors.append(str(exc))
            logger.debug("no draft for %s: %s", contact.email, exc)
            continue
        rendered.append((contact, message, slots))
    if not rendered:
        return result
    with transaction():
        # Re-check inside the write lock: the daemon may have composed for the same contacts meanwhile,
        # or offered the same times to others (those contacts wait for the next run, with fresh times).
        taken = set(_outreach_contact_ids().where(Draft.contact.in_([c.id for c, _, _ in rendered])).tuples())
        held = slot_holds.active(now) if offers is not None else []
        for contact, message, slots in rendered:
            if (contact.id,) in taken or any(conflicts(s.start, s.end, held) for s in slots):
                continue
            try:
                draft = create_draft(contact, DraftKind.OUTREACH, message.subject, message.body, now, actor,
                                     settings, template=message.template, require_approval=is_referral(contact))
            except TemplateError as exc:  # a header value with a line break
                result.errors.append(str(exc))
                continue
            if offers is not None and settings.calendar is not None:
                slot_holds.hold(draft, slots, now, settings.calendar.availability.hold_hours)
            draft.contact = contact
            result.created.append(draft)
    return result


def _outreach_contact_ids() -> Any:
    return Draft.select(Draft.contact).where(Draft.kind == DraftKind.OUTREACH)


def _first_per_company(contacts: list[Contact]) -> list[Contact]:
    """3b7 writes to one person per company at a time; followups.py moves on to the next after 3 days."""
    busy = {(c.company or "").strip().lower() for c in
            Contact.select(Contact.company).where(Contact.id.in_(_outreach_contact_ids()))}
    chosen = []
    for contact in contacts:
        company = (contact.company or "").strip().lower()
        if company and company in busy:
            continue
        if company:
            busy.add(company)
        chosen.append(contact)
    return chosen


def _contacts_needing_outreach() -> list[Contact]:
    # Only `new` contacts: contacted, replied, declined, later, bounced and do-not-contact all had their turn.
    return list(Contact.select()
                .where(Contact.status == ContactStatus.NEW, Contact.id.not_in(_outreach_contact_ids()))
                .order_by(Contact.created_at, Contact.id))
