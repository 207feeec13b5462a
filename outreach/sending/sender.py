"""Sending approved drafts: exactly once, inside the window, under the caps, with a copy in Sent.

The order that makes "exactly once" hold across crashes:

1. claim the draft (approved -> sending), committed before any SMTP command;
2. MAIL, RCPT, DATA; commit `reached_data_end` just before the final dot;
3. after the server's 250: file the exact bytes in Sent, then mark the draft sent.

A draft found in `sending` at start-up is settled by reconcile.py from the evidence
in Sent and in replies. Nothing is ever resent on a guess.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime, timedelta
from email.utils import getaddresses
from typing import TYPE_CHECKING

from outreach.addresses import wire_address
from outreach.calendar import slot_holds
from outreach.calendar.dav import CalendarAccount
from outreach.calendar.offers import offers_from, slot_context, stale_offer
from outreach.config.settings import Settings
from outreach.crashpoints import crashpoint
from outreach.errors import (
    AuthRefused,
    ConnectionFailed,
    LoginRefused,
    OutcomeUnknown,
    OutreachError,
    PermanentFailure,
    RateLimited,
    SecretError,
    SenderBusy,
    TemplateError,
    TransactionFailed,
)
from outreach.interviews import calendar_sync
from outreach.mailconn import open_smtp
from outreach.outgoing import drafts
from outreach.outgoing.message import build_message, uses_smtputf8
from outreach.outgoing.render import render_for_contact
from outreach.sending import queue
from outreach.sending.reconcile import Outcome, reconcile, settle_unknown
from outreach.sending.sendpause import current_pause, pause_sending
from outreach.sending.sendwindow import draft_hold, retry_delay, window_zone
from outreach.sending.sentcopy import SentMailbox, file_copy, open_sent_mailbox
from outreach.sending.smtpsession import transmit
from outreach.store.locks import lock_path, try_lock
from outreach.store.models import Draft, DraftEvent, DraftKind, Interview
from outreach.store.models import DraftStatus as S

if TYPE_CHECKING:
    import aiosmtplib

logger = logging.getLogger(__name__)

AUTH_PAUSE = timedelta(hours=1)
RATE_LIMIT_PAUSE = timedelta(hours=1)
QUOTA_PAUSE = timedelta(hours=24)
Clock = Callable[[], datetime]


# ------------------------------------------------------------------ one sender at a time


@contextmanager
def sender_lock(settings: Settings) -> Iterator[None]:
    """An exclusive lock beside the database: reconciling a draft another process is sending would
    misjudge it."""
    fd = try_lock(lock_path(settings, ".send-lock"))
    if fd is None:
        raise SenderBusy("another outreach process (the daemon?) is sending right now; "
                         "nothing was sent by this one")
    try:
        yield
    finally:
        os.close(fd)


def run_once(settings: Settings, now: datetime, clock: Clock | None = None,
             should_stop: Callable[[], bool] | None = None) -> list[Outcome]:
    """Reconcile drafts a crash left in `sending`, then send what is due."""
    with sender_lock(settings):
        return reconcile(settings, now) + send_due(settings, now, clock, should_stop)


# ------------------------------------------------------------------ sending


def send_due(settings: Settings, now: datetime, clock: Clock | None = None,
             should_stop: Callable[[], bool] | None = None) -> list[Outcome]:
    """Send the approved drafts that are due, oldest approval first, while window and caps allow.
    `now` decides what is due; `clock` (default: always `now`) stamps each message as it goes;
    `should_stop` (the daemon's SIGTERM flag) is asked between messages, never during one."""
    return asyncio.run(_Run(settings, clock or (lambda: now), should_stop or (lambda: False)).send_due(now))


class _Run:
    """One pass over the queue with one SMTP connection and one IMAP session, opened lazily."""

    def __init__(self, settings: Settings, clock: Clock, should_stop: Callable[[], bool]) -> None:
        self.settings = settings
        self.clock = clock
        self.should_stop = should_stop
        self.smtp: aiosmtplib.SMTP | None = None
        self.box: SentMailbox | None = None
        self.calendar: CalendarAccount | None = None

    async def send_due(self, now: datetime) -> list[Outcome]:
        pause = current_pause(now)
        if pause is not None:
            return [Outcome("paused", pause.reason, until=pause.until)]
        due = drafts.due_for_sending(now)
        outcomes: list[Outcome] = []
        times = queue.sent_times(now)
        try:
            for index, draft in enumerate(due):
                if self.should_stop():
                    outcomes += [Outcome("deferred", "not tried: stopping", d.id) for d in due[index:]]
                    break
                at = max(self.clock(), now)
                zone = window_zone(draft.contact.timezone, self.settings.me.timezone)
                # the same check `outreach drafts` shows (queue.send_holds), so both say the same
                hold = draft_hold(at, zone, self.settings.sending, times, retry_at=draft.next_attempt_at)
                if hold is not None and hold.account:
                    outcomes += [Outcome("deferred", hold.reason, d.id, until=hold.until) for d in due[index:]]
                    break
                if hold is not None:
                    outcomes.append(Outcome("deferred", hold.reason, draft.id, until=hold.until))
                    continue
                # before the claim, so a draft that must change is never half-way through sending
                checked = self._calendar_check(draft, at)
                if checked is not None:
                    outcomes.append(checked)
                    continue
                outcome, stop = await self._send_one(draft, at)
                outcomes.append(outcome)
                if outcome.result == "sent":
                    times.append(at)
                if stop is not None:
                    rest = due[index + 1:] if outcome.draft_id == draft.id else due[index:]
                    outcomes += [Outcome("deferred", f"not tried: {stop}", d.id) for d in rest]
                    break
        finally:
            await self._close()
        return outcomes

    async def _send_one(self, draft: Draft, at: datetime) -> tuple[Outcome, str | None]:
        """Returns the outcome, and why the rest of the queue should wait (None: carry on)."""
        try:
            await self._connect()
        except (LoginRefused, SecretError) as exc:
            until = at + AUTH_PAUSE
            pause_sending(at, until, f"{exc}. Sending is paused for the whole account; fix the login and "
                                     "it resumes by itself")
            return Outcome("paused", str(exc), until=until), "sending is paused"
        except ConnectionFailed as exc:
            claimed = drafts.claim_for_sending(draft.id, at)
            if claimed is None:
                return _not_claimed(draft), None
            return self._transient(claimed, at, str(exc)), "the server cannot be reached"
        claimed = drafts.claim_for_sending(draft.id, at)
        if claimed is None:
            return _not_claimed(draft), None
        crashpoint("after_claim")
        try:
            return await self._deliver(claimed, at)
        except Exception as exc:  # one draft's bad data (or our bug) must never hold up the rest of the queue
            return self._unexpected(claimed.id, at, exc), None

    async def _deliver(self, claimed: Draft, at: datetime) -> tuple[Outcome, str | None]:
        assert self.smtp is not None
        offered = self.smtp.supports_extension("smtputf8")
        message = build_message(claimed, self.settings, at, smtputf8=offered)
        utf8 = uses_smtputf8(claimed, self.settings, offered)
        payload = message.as_bytes()  # policy SMTP (CRLF): these exact bytes go out and into Sent
        recipients = [addr for _, addr in getaddresses(message.get_all("To", []) + message.get_all("Cc", []))]

        def before_final_dot() -> None:
            drafts.mark_reached_data_end(claimed.id)
            crashpoint("after_data_end_mark")

        try:
            accepted = await transmit(self.smtp, wire_address(self.settings.me.email, utf8), recipients, payload,
                                      before_final_dot, self.settings.smtp.timeout_seconds, smtputf8=utf8)
        except TransactionFailed as exc:
            return self._failed(drafts.get_draft(claimed.id), at, exc)
        crashpoint("after_final_reply")
        copy = self._file_copy(claimed, payload, at)
        crashpoint("after_sent_copy")
        drafts.mark_sent(claimed.id, at, smtp_response=accepted.reply, server_message_id=accepted.server_message_id,
                         recipient_errors=accepted.refused, note=copy)
        crashpoint("after_mark_sent")
        refused = "; refused: " + ", ".join(f"{r} {t}" for r, t in accepted.refused.items()) if accepted.refused else ""
        logger.debug("draft %s sent to %s: %s (%s)", claimed.id, claimed.to_addr, accepted.reply, copy)
        return Outcome("sent", f"{accepted.reply}; {copy}{refused}", claimed.id, claimed.to_addr), None

    def _calendar_check(self, draft: Draft, at: datetime) -> Outcome | None:
        """With a calendar: an outreach draft whose offered times are no longer free is re-rendered with fresh
        ones and goes back to pending; a confirmation of a time the contact proposed over the user's busy
        time is held for them (calendar_sync). None: send it."""
        if self.settings.calendar is None or draft.kind not in (DraftKind.OUTREACH, DraftKind.CONFIRMATION):
            return None

        interview = None
        if draft.kind == DraftKind.CONFIRMATION:
            interview = Interview.get_or_none(Interview.id == draft.related_id)
            if interview is None or not calendar_sync.needs_check(interview):
                return None
        elif not slot_holds.for_draft(draft.id):
            return None
        try:
            account = self._calendar_account()
            if interview is not None:
                line = calendar_sync.sync_one(account, interview, self.settings, at)
                conflict = calendar_sync.conflict_for(Interview.get_by_id(interview.id))
                return None if conflict is None else Outcome("pending", line or conflict, draft.id)
            return self._reoffer(account, draft, at)
        except OutreachError as exc:
            return Outcome("deferred", f"cannot check your calendar before sending: {exc}", draft.id)

    def _reoffer(self, account: CalendarAccount, draft: Draft, at: datetime) -> Outcome | None:
        assert self.settings.calendar is not None
        hours = self.settings.calendar.availability.hold_hours
        reason = stale_offer(account, self.settings, draft.id, at)
        if reason is None:
            slot_holds.renew(draft.id, at, hours)  # held from when the contact can first see them
            return None
        slots = offers_from(account, self.settings, at, exclude_draft=draft.id).take(draft.contact)
        try:
            message = render_for_contact(self.settings, draft.contact, template=draft.template,
                                         slots=slot_context(slots, self.settings.me.zone))
        except TemplateError as exc:
            drafts.flag(draft.id, at, "daemon", f"{reason}; re-rendering failed: {exc}")
            return Outcome("pending", f"{reason}; re-rendering failed: {exc}", draft.id)
        drafts.reoffer(draft.id, message.subject, message.body, slots, at, "daemon",
                       f"{reason}: re-rendered with fresh times", hours)
        return Outcome("pending", f"{reason}: re-rendered with fresh times; read it again and approve it "
                                  f"(`outreach drafts show {draft.id}`)", draft.id)

    def _calendar_account(self) -> CalendarAccount:
        if self.calendar is None:
            assert self.settings.calendar is not None
            account = CalendarAccount(self.settings.calendar, self.settings.me.zone)
            account.login()
            self.calendar = account
        return self.calendar

    def _unexpected(self, draft_id: int, at: datetime, exc: Exception) -> Outcome:
        """A draft in `sending` whose attempt raised: it fails (nothing went out) or is settled like a lost
        connection (the final dot may have gone), so it is never retried forever."""
        if isinstance(exc, OutreachError):  # bad data we can name: a header value, an address
            logger.debug("draft %s not sent: %s", draft_id, exc)
            reason = f"not sent: {exc}"
        else:
            logger.exception("draft %s: unexpected error while sending", draft_id)
            reason = (f"not sent: unexpected error {type(exc).__name__}: {exc}; fix the draft or report the bug, "
                      f"then `outreach drafts approve {draft_id}`")
            if self.smtp is not None:
                self.smtp.close()  # the SMTP dialogue is in an unknown state; the next draft reconnects
        draft = drafts.get_draft(draft_id)
        if draft.status != S.SENDING:
            return Outcome(draft.status, reason, draft_id, draft.to_addr)
        if draft.reached_data_end:
            return settle_unknown(self.box, draft, at, "after an unexpected error")
        drafts.mark_failed(draft_id, at, reason)
        return Outcome("failed", reason, draft_id, draft.to_addr)

    def _file_copy(self, draft: Draft, payload: bytes, at: datetime) -> str:
        if self.box is None:
            return "no copy in Sent (save_to_sent: never)"
        try:
            return file_copy(self.box, self.settings.smtp, draft, payload, at)
        except Exception as exc:  # the message is out; a missing copy must not make it look unsent
            logger.warning("draft %s was sent but not filed in Sent: %s", draft.id, exc, exc_info=not isinstance(
                exc, OutreachError))
            return f"sent, but the copy in Sent failed: {exc}"

    def _failed(self, draft: Draft, at: datetime, exc: TransactionFailed) -> tuple[Outcome, str | None]:
        text = str(exc)
        stop = "the server closed the connection" if exc.connection_lost else None
        if isinstance(exc, OutcomeUnknown):
            return settle_unknown(self.box, draft, at, "right after sending"), stop
        if isinstance(exc, (RateLimited, AuthRefused)):
            drafts.release_to_approved(draft.id, at, note=f"refused: {text}")
            quota = "quota" in text.lower() or "daily" in text.lower()
            auth = isinstance(exc, AuthRefused)
            until = at + (AUTH_PAUSE if auth else QUOTA_PAUSE if quota else RATE_LIMIT_PAUSE)
            what = "refused the login" if auth else "is limiting how much you send"
            reason = f"smtp {self.settings.smtp.address} {what}: {text}"
            pause_sending(at, until, reason)
            return Outcome("deferred", f"{reason}; sending is paused for the whole account", draft.id,
                           until=until), "sending is paused"
        if isinstance(exc, PermanentFailure):
            drafts.mark_failed(draft.id, at, text, smtp_response=text, recipient_errors=exc.refused)
            return Outcome("failed", text, draft.id, draft.to_addr), stop
        return self._transient(draft, at, text), stop

    def _transient(self, draft: Draft, at: datetime, text: str) -> Outcome:
        started = first_attempt_at(draft)
        limit = timedelta(hours=self.settings.sending.retry_for_hours)
        if at - started >= limit:
            error = f"gave up after {draft.attempts} attempts over {self.settings.sending.retry_for_hours} h: {text}"
            drafts.mark_failed(draft.id, at, error, smtp_response=text)
            return Outcome("failed", error, draft.id, draft.to_addr)
        retry_at = at + retry_delay(draft.attempts)
        drafts.schedule_retry(draft.id, at, text, retry_at)
        return Outcome("deferred", f"{text} (attempt {draft.attempts}; will retry)", draft.id, until=retry_at)

    async def _connect(self) -> None:
        if self.box is None and self.settings.smtp.save_to_sent != "never":
            self.box = open_sent_mailbox(self.settings.imap)
        if self.smtp is None or not self.smtp.is_connected:
            self.smtp = await open_smtp(self.settings.smtp)
            crashpoint("after_connect")

    async def _close(self) -> None:
        if self.smtp is not None and self.smtp.is_connected:
            with suppress(Exception):
                await self.smtp.quit(timeout=5)
            self.smtp.close()
        if self.box is not None:
            self.box.close()
        if self.calendar is not None:
            self.calendar.close()


def _not_claimed(draft: Draft) -> Outcome:
    return Outcome("skipped", "no longer approved (edited, rejected, its contact suppressed, or taken by "
                              "another process)", draft.id)


def first_attempt_at(draft: Draft) -> datetime:
    """When the current approval was first tried: retries give up `retry_for_hours` after this."""
    since = draft.approved_at or draft.created_at
    first = (DraftEvent.select(DraftEvent.at)
             .where(DraftEvent.draft == draft.id, DraftEvent.to_status == S.SENDING, DraftEvent.at >= since)
             .order_by(DraftEvent.at).first())
    at: datetime = first.at if first is not None else since
    return at

