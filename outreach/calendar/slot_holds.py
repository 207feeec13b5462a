"""Slot holds: the only module that writes the slot_holds table.

A free time offered in an outreach draft is held for `calendar.availability.hold_hours`, so no other
contact is offered it. A hold ends when it expires, when it is released (the draft was re-rendered
with fresh times), or when what it was for is over: the draft was rejected or failed, the contact
declined, asked for later, bounced or asked not to be contacted, or an interview with them exists
(they picked a time, ours or another). Those endings are read from the draft and the contact when
holds are asked for, so no other module has to remember to release anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from outreach.calendar.slots import Busy, Slot
from outreach.store.db import transaction
from outreach.store.models import Contact, ContactStatus, Draft, DraftStatus, Interview, SlotHold

# the draft is still on its way (or out) and the contact has not answered in a way that ends the offer
LIVE_DRAFT = (DraftStatus.PENDING, DraftStatus.APPROVED, DraftStatus.SENDING, DraftStatus.SENT,
              DraftStatus.NEEDS_REVIEW)
WAITING_CONTACT = (ContactStatus.NEW, ContactStatus.CONTACTED, ContactStatus.REPLIED)


def active(now: datetime, exclude_draft: int | None = None) -> list[Busy]:
    """Every hold in force at `now` (but those of `exclude_draft`), as busy time naming the contact."""
    query = (SlotHold.select(SlotHold, Contact).join(Contact)
             .switch(SlotHold).join(Draft)
             .where(SlotHold.released_at.is_null(), SlotHold.expires_at > now,
                    Draft.status.in_(LIVE_DRAFT), Contact.status.in_(WAITING_CONTACT),
                    SlotHold.contact.not_in(Interview.select(Interview.contact))))
    if exclude_draft is not None:
        query = query.where(SlotHold.draft != exclude_draft)
    return [Busy(h.start, h.end, f"offered to {h.contact.email}") for h in query]


def for_draft(draft_id: int) -> list[SlotHold]:
    """The times a draft offers (its unreleased holds), by start."""
    return list(SlotHold.select().where(SlotHold.draft == draft_id, SlotHold.released_at.is_null())
                .order_by(SlotHold.start))


def hold(draft: Draft, slots: Sequence[Slot], now: datetime, hours: int) -> None:
    """Hold `slots` for `draft` until now + hours. Runs inside the caller's transaction (the draft's)."""
    with transaction():
        for slot in slots:
            SlotHold.create(draft=draft.id, contact=draft.contact, start=slot.start, end=slot.end,
                            expires_at=now + timedelta(hours=hours), created_at=now)


def replace(draft: Draft, slots: Sequence[Slot], now: datetime, hours: int) -> None:
    """The draft offers `slots` instead of what it offered: the old holds are released, the new held."""
    with transaction():
        release(draft.id, now)
        hold(draft, slots, now, hours)


def renew(draft_id: int, now: datetime, hours: int) -> None:
    """The offer is about to reach the contact: hold its times for `hours` from now."""
    with transaction():
        SlotHold.update(expires_at=now + timedelta(hours=hours)).where(
            SlotHold.draft == draft_id, SlotHold.released_at.is_null()).execute()


def release(draft_id: int, now: datetime) -> int:
    """End every hold of a draft; returns how many were in force."""
    with transaction():
        return int(SlotHold.update(released_at=now).where(
            SlotHold.draft == draft_id, SlotHold.released_at.is_null()).execute())
