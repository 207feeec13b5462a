"""What a crash (or a connection lost after the final dot) leaves in `sending`, settled from the evidence.

A draft in `sending` is looked for in Sent and in replies: found -> sent; else back to approved only if it
never reached the final dot; else needs_review. needs_review drafts are looked for again at each start.
Nothing is ever resent on a guess. Outcome is what every sending step reports.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from outreach.config.settings import Settings
from outreach.errors import OutreachError
from outreach.outgoing import drafts
from outreach.sending.sentcopy import SentMailbox, open_sent_mailbox
from outreach.store.models import Draft
from outreach.store.models import DraftStatus as S

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What happened to one draft (or to the whole run, when draft_id is None)."""

    result: str  # sent | failed | deferred | needs_review | approved | pending | skipped | paused
    detail: str
    draft_id: int | None = None
    to: str | None = None
    until: datetime | None = None

    def line(self, zone: ZoneInfo) -> str:
        when = f" until {self.until.astimezone(zone):%Y-%m-%d %H:%M %Z}" if self.until else ""
        if self.draft_id is None:
            return f"sending {self.result}{when}: {self.detail}"
        label = {"sent": f"sent to {self.to}", "approved": "back to approved",
                 "needs_review": "needs review"}.get(self.result, self.result)
        return f"draft {self.draft_id} {label}{when}: {self.detail}"


def reconcile(settings: Settings, now: datetime) -> list[Outcome]:
    """Settle drafts left in `sending` by a crash; re-check needs_review drafts for new evidence."""
    stuck = drafts.list_drafts(S.SENDING)
    review = drafts.list_drafts(S.NEEDS_REVIEW)
    if not stuck and not review:
        return []
    outcomes = []
    box: SentMailbox | None = None
    try:
        box = open_sent_mailbox(settings.imap)
    except OutreachError as exc:
        logger.warning("cannot look in Sent to reconcile: %s", exc)
        if stuck:
            outcomes.append(Outcome("skipped", f"{len(stuck)} draft(s) left in sending stay there until "
                                               f"Sent can be searched: {exc}"))
        return outcomes
    try:
        for draft in stuck:
            outcomes.append(settle_unknown(box, draft, now, "after a restart"))
        for draft in review:
            found = box.evidence(draft)
            if found is not None:
                drafts.mark_sent(draft.id, found.date or now, smtp_response=draft.smtp_response,
                                 note=f"found in {found.where}")
                outcomes.append(Outcome("sent", f"found in {found.where}", draft.id, draft.to_addr))
    finally:
        box.close()
    return outcomes


def settle_unknown(box: SentMailbox | None, draft: Draft, now: datetime, when: str) -> Outcome:
    """A draft in `sending` whose SMTP transaction ended without a verdict."""
    found = None
    if box is not None:
        try:
            found = box.evidence(draft)
        except OutreachError as exc:
            logger.warning("draft %s: cannot search Sent: %s", draft.id, exc)
    if found is not None:
        drafts.mark_sent(draft.id, found.date or now, note=f"{when}: found in {found.where}")
        return Outcome("sent", f"found in {found.where} {when}", draft.id, draft.to_addr)
    if not draft.reached_data_end:
        drafts.release_to_approved(draft.id, now, note=f"{when}: the message never reached the final dot")
        return Outcome("approved", f"{when}: it provably never went out; it will be sent again", draft.id)
    note = (f"{when}: the connection ended after the message was handed over and no copy was found in Sent; "
            f"it may have been delivered. Check with the recipient or your Sent folder, then "
            f"`outreach drafts approve {draft.id}` to send it again or `outreach drafts reject {draft.id}`")
    drafts.mark_needs_review(draft.id, now, note)
    return Outcome("needs_review", note, draft.id)
