"""The queue as `outreach drafts` and `status` show it: each draft and, for an approved one, why it waits
and until when. The waits are the sender's own check (sendwindow.draft_hold), so both say the same."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from outreach.config.settings import Settings
from outreach.outgoing.drafts import checked_statuses
from outreach.sending.sendpause import current_pause
from outreach.sending.sendwindow import Hold, earliest_send, window_zone
from outreach.store.db import database_proxy
from outreach.store.models import Contact, Draft
from outreach.store.models import DraftStatus as S


def sent_times(now: datetime) -> list[datetime]:
    """sent_at of everything sent in the last 24 hours: the cap and the interval count these."""
    return [row.sent_at for row in Draft.select(Draft.sent_at).where(Draft.sent_at > now - timedelta(hours=24))]


def send_holds(settings: Settings, now: datetime,
               approved: Sequence[tuple[int, str | None, datetime | None]]) -> dict[int, Hold]:
    """Why each approved draft, given as (id, contact timezone, next_attempt_at), is not going out at `now`
    and when it will: the sender's own check (sendwindow.draft_hold), so it is right before the daemon runs."""
    if not approved:
        return {}
    pause = current_pause(now)
    times = sent_times(now)
    holds = {}
    for draft_id, timezone, retry_at in approved:
        zone = window_zone(timezone, settings.me.timezone)
        hold = earliest_send(now, zone, settings.sending, times, retry_at=retry_at, pause=pause)
        if hold is not None:
            holds[draft_id] = hold
    return holds


def holds_for(settings: Settings, now: datetime, rows: Sequence[Draft]) -> dict[int, Hold]:
    """send_holds for the approved drafts among `rows` (with their contacts)."""
    return send_holds(settings, now, [(d.id, d.contact.timezone, d.next_attempt_at) for d in rows
                                      if d.status == S.APPROVED])


def draft_json(draft: Draft, hold: Hold | None = None) -> dict[str, Any]:
    """The --json object (DESIGN.md fields first); times are ISO-8601 with offset. `hold`: why an approved
    draft waits (send_holds); its end is `next_attempt_at`, null when the draft is due now."""
    return {
        "id": draft.id, "kind": draft.kind, "status": draft.status, "to": draft.to_addr,
        "subject": draft.subject, "message_id": draft.message_id, "contact_email": draft.contact.email,
        "created_at": _iso(draft.created_at), "sent_at": _iso(draft.sent_at),
        "contact_name": draft.contact.name, "approved_at": _iso(draft.approved_at),
        "attempts": draft.attempts, "next_attempt_at": _iso(hold.until.astimezone(UTC) if hold else None),
        "deferred_reason": hold.reason if hold else None,
        "last_error": draft.last_error, "reason": draft.reason, "in_reply_to": draft.in_reply_to,
    }


JSON_COLUMNS = ("id", "kind", "status", "to", "subject", "message_id", "contact_email", "created_at", "sent_at",
                "contact_name", "approved_at", "attempts", "next_attempt_at", "last_error", "reason", "in_reply_to",
                "timezone")


TIME_COLUMNS = ("created_at", "sent_at", "approved_at", "next_attempt_at")


def drafts_json(settings: Settings, now: datetime, status: str | None = None) -> list[dict[str, Any]]:
    """draft_json for every listed draft at `now`, read as plain rows: building 1,000 model pairs (or even
    peewee tuples) would dominate `outreach drafts list --json`."""
    statuses = checked_statuses(status)
    query = (Draft.select(Draft.id, Draft.kind, Draft.status, Draft.to_addr, Draft.subject, Draft.message_id,
                          Contact.email, Draft.created_at, Draft.sent_at, Contact.name, Draft.approved_at,
                          Draft.attempts, Draft.next_attempt_at, Draft.last_error, Draft.reason,
                          Draft.in_reply_to, Contact.timezone)
             .join(Contact).order_by(Draft.created_at, Draft.id))
    if statuses is not None:
        query = query.where(Draft.status.in_(statuses))
    rows = [dict(zip(JSON_COLUMNS, row, strict=True)) for row in database_proxy.execute(query).fetchall()]
    holds = send_holds(settings, now, [(r["id"], r["timezone"], _time_column(r["next_attempt_at"]))
                                       for r in rows if r["status"] == S.APPROVED])
    out = []
    for item in rows:
        hold = holds.get(item["id"])
        item["next_attempt_at"] = hold.until.astimezone(UTC) if hold else None
        item["deferred_reason"] = hold.reason if hold else None
        for key in TIME_COLUMNS:
            item[key] = _iso_column(item[key])
        out.append({key: item[key] for key in JSON_KEYS})
    return out


JSON_KEYS = (*JSON_COLUMNS[:13], "deferred_reason", "last_error", "reason", "in_reply_to")  # draft_json's order


def _iso_column(value: Any) -> str | None:
    """A stored UTC time (text on SQLite, a naive datetime elsewhere) -> ISO-8601 with offset."""
    moment = _time_column(value)
    return moment.isoformat() if moment is not None else None


def _time_column(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
