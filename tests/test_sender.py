"""Sending against the real servers: delivery, Sent copies, window and caps, SMTP faults, reconciliation."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from outreach.config.settings import Settings
from outreach.mailconn import open_smtp
from outreach.outgoing.drafts import get_draft
from outreach.outgoing.message import build_message
from outreach.sending.reconcile import Outcome
from outreach.sending.sender import run_once
from outreach.sending.smtpsession import transmit
from outreach.store.models import DraftStatus as S
from outreach.testing import MailRig
from outreach.testing.sendqueue import copies_by_message_id, open_settings, queue_approved, sending_config

NOW = datetime(2025, 3, 4, 15, 0, tzinfo=UTC)  # Tuesday 10:00 in New York
NY = "America/New_York"


def lines(settings: Settings, outcomes: list[Outcome]) -> list[str]:
    return [o.line(settings.me.zone) for o in outcomes]


def setup(tmp_path: Path, rig: MailRig, smtp: str = "postfix", **options: object) -> Settings:
    return open_settings(sending_config(tmp_path, rig, smtp=smtp, **options))  # type: ignore[arg-type]


def in_sent(rig: MailRig, identity: str) -> list[bytes]:
    return [m for m in rig.messages("me@example.test", "Sent") if f"X-Outreach-Draft: {identity}".encode() in m]


def test_approved_draft_delivered_once_with_copy_in_sent(tmp_path: Path, postfix: MailRig, mail_user: str) -> None:
    """An approved draft reaches the recipient's INBOX once, with its headers, and Sent holds the exact bytes."""
    settings = setup(tmp_path, postfix)
    (draft,) = queue_approved(settings, [mail_user], NOW)
    outcomes = run_once(settings, NOW)
    sent = get_draft(draft.id)
    assert lines(settings, outcomes) == [f"draft {draft.id} sent to {mail_user}: {sent.smtp_response}; "
                                         "copy appended to Sent"]
    assert re.fullmatch(r"250 2\.0\.0 Ok: queued as \w+", sent.smtp_response)
    assert (sent.status, sent.sent_at, sent.attempts, sent.reached_data_end) == (S.SENT, NOW, 1, True)
    (delivered,) = postfix.wait_for(mail_user, 1)
    headers = delivered.split(b"\r\n\r\n", 1)[0].decode()
    for header in ("From: Sam Rivera <me@example.test>", f"To: Contact 0 <{mail_user}>",
                   f"Subject: {draft.subject}", f"Message-ID: {draft.message_id}",
                   f"X-Outreach-Draft: {draft.identity}", "Date: Tue, 04 Mar 2025 10:00:00 -0500"):
        assert f"\r\n{header}\r\n" in f"\r\n{headers}\r\n"
    assert delivered.endswith(b"\r\n.a line starting with a dot\r\nThanks,\r\n" + delivered.rsplit(b"Thanks,\r\n")[1])
    assert in_sent(postfix, draft.identity) == [build_message(sent, settings, NOW).as_bytes()]
    assert run_once(settings, NOW + timedelta(hours=1)) == []
    assert copies_by_message_id(postfix, mail_user) == {draft.message_id: 1}


def test_window_and_cap_with_injected_now(tmp_path: Path, postfix: MailRig, mail_user: str) -> None:
    """Window in the contact's zone, min interval and a rolling daily cap, all from the database."""
    settings = setup(tmp_path, postfix, sending={"days": ["mon", "tue", "wed", "thu", "fri"], "start": "08:30",
                                                 "end": "17:30", "max_per_day": 2, "min_interval_seconds": 60})
    (west,) = queue_approved(settings, ["contact3@example.test"], NOW, timezone="America/Los_Angeles")
    first, second, third = queue_approved(settings, [mail_user, "contact1@example.test", "contact2@example.test"],
                                          NOW + timedelta(seconds=1))
    out = lines(settings, run_once(settings, NOW))
    window = "outside the send window (mon, tue, wed, thu, fri 08:30-17:30 America/Los_Angeles)"
    assert out[0] == f"draft {west.id} deferred until 2025-03-04 11:30 EST: {window}"
    assert out[1].startswith(f"draft {first.id} sent to {mail_user}: 250 ")
    interval = "min_interval_seconds 60 since the last send"
    assert out[2:] == [f"draft {second.id} deferred until 2025-03-04 10:01 EST: {interval}",
                       f"draft {third.id} deferred until 2025-03-04 10:01 EST: {interval}"]
    out = lines(settings, run_once(settings, NOW + timedelta(seconds=60)))
    assert out[0] == f"draft {west.id} deferred until 2025-03-04 11:30 EST: {window}"
    assert out[1].startswith(f"draft {second.id} sent to contact1@example.test: 250 ")
    cap = "daily cap reached (2 sent in the last 24 hours, max_per_day 2)"
    assert out[2:] == [f"draft {third.id} deferred until 2025-03-05 10:00 EST: {cap}"]
    # 16:45 UTC: the West Coast window is open, but the cap still holds everyone
    assert lines(settings, run_once(settings, NOW + timedelta(hours=1, minutes=45))) == [
        f"draft {west.id} deferred until 2025-03-05 10:00 EST: {cap}",
        f"draft {third.id} deferred until 2025-03-05 10:00 EST: {cap}"]
    # next day 10:00:30 New York: one slot is free (the first send left the 24 hours); Los Angeles is still closed
    out = lines(settings, run_once(settings, NOW + timedelta(hours=24, seconds=30)))
    assert out[0] == f"draft {west.id} deferred until 2025-03-05 11:30 EST: {window}"
    assert out[1].startswith(f"draft {third.id} sent to contact2@example.test: 250 ")
    assert [get_draft(d.id).status for d in (west, first, second, third)] == [S.APPROVED, S.SENT, S.SENT, S.SENT]


def test_451_retried_with_backoff_then_delivered(tmp_path: Path, mailrig: MailRig, mail_user: str,
                                                 faults: Callable[..., None]) -> None:
    """A 451 keeps the draft approved with attempts, next try and last error; it is delivered later."""
    settings = setup(tmp_path, mailrig, smtp="fault")
    faults({mail_user: {"reply": "451 4.3.0 Mailbox busy, try again", "times": 1}})
    (draft,) = queue_approved(settings, [mail_user], NOW)
    assert lines(settings, run_once(settings, NOW)) == [
        f"draft {draft.id} deferred until 2025-03-04 10:01 EST: 451 4.3.0 Mailbox busy, try again (at RCPT TO) "
        "(attempt 1; will retry)"]
    waiting = get_draft(draft.id)
    assert (waiting.status, waiting.attempts, waiting.next_attempt_at) == (S.APPROVED, 1, NOW + timedelta(minutes=1))
    assert waiting.last_error == "451 4.3.0 Mailbox busy, try again (at RCPT TO)"
    assert run_once(settings, NOW + timedelta(seconds=30)) == []
    (outcome,) = run_once(settings, NOW + timedelta(minutes=1))
    assert (outcome.result, get_draft(draft.id).attempts) == ("sent", 2)
    mailrig.wait_for(mail_user, 1)
    assert copies_by_message_id(mailrig, mail_user) == {draft.message_id: 1}


def test_transient_errors_give_up_after_retry_for_hours(tmp_path: Path, mailrig: MailRig, mail_user: str,
                                                        faults: Callable[..., None]) -> None:
    """A draft still failing with 4xx retry_for_hours after its first attempt fails, with the last answer."""
    settings = setup(tmp_path, mailrig, smtp="fault")
    faults({mail_user: "451 4.3.0 Still busy"})
    (draft,) = queue_approved(settings, [mail_user], NOW)
    run_once(settings, NOW)
    assert lines(settings, run_once(settings, NOW + timedelta(hours=48))) == [
        f"draft {draft.id} failed: gave up after 2 attempts over 48 h: 451 4.3.0 Still busy (at RCPT TO)"]
    assert get_draft(draft.id).status == S.FAILED


def test_550_fails_the_draft_with_the_servers_text(tmp_path: Path, mailrig: MailRig, mail_user: str,
                                                   faults: Callable[..., None]) -> None:
    """A 5xx fails that draft only, keeping the server's words; the next draft still goes."""
    settings = setup(tmp_path, mailrig, smtp="fault")
    faults({mail_user: "550 5.1.1 <nobody>: Recipient address rejected: User unknown"})
    bad, good = queue_approved(settings, [mail_user, "contact1@example.test"], NOW)
    out = lines(settings, run_once(settings, NOW))
    text = "550 5.1.1 <nobody>: Recipient address rejected: User unknown (at RCPT TO)"
    assert out[0] == f"draft {bad.id} failed: {text}"
    assert out[1].startswith(f"draft {good.id} sent to contact1@example.test: 250 2.0.0 OK: queued as ")
    failed = get_draft(bad.id)
    assert (failed.status, failed.last_error, failed.smtp_response) == (S.FAILED, text, text)
    assert failed.recipient_errors == {mail_user: "550 5.1.1 <nobody>: Recipient address rejected: User unknown"}
    assert copies_by_message_id(mailrig, mail_user) == {}


def test_421_mid_session_retries_and_leaves_the_rest_for_later(tmp_path: Path, mailrig: MailRig,
                                                               mail_user: str) -> None:
    """A 421 closes the session: that draft retries with backoff, the rest wait untouched for the next run."""
    settings = setup(tmp_path, mailrig, smtp="fault")
    dropped, waiting = queue_approved(settings, ["drop421@example.test", mail_user], NOW)
    assert lines(settings, run_once(settings, NOW)) == [
        f"draft {dropped.id} deferred until 2025-03-04 10:01 EST: 421 4.7.0 Injected: closing connection "
        "(at RCPT TO) (attempt 1; will retry)",
        f"draft {waiting.id} deferred: not tried: the server closed the connection"]
    assert get_draft(waiting.id).attempts == 0
    out = lines(settings, run_once(settings, NOW + timedelta(seconds=10)))
    assert out[0].startswith(f"draft {waiting.id} sent to {mail_user}: 250 ")
    mailrig.wait_for(mail_user, 1)
    assert copies_by_message_id(mailrig, mail_user) == {waiting.message_id: 1}


def test_auth_failure_pauses_the_whole_account(tmp_path: Path, mailrig: MailRig, mail_user: str) -> None:
    """A refused login pauses sending for an hour with a clear message; drafts stay approved, untouched."""
    (tmp_path / "smtp-password").write_text("wrong\n")
    (tmp_path / "smtp-password").chmod(0o600)
    settings = setup(tmp_path, mailrig, smtp="fault", smtp_extra={"password_file": "smtp-password"})
    first, second = queue_approved(settings, [mail_user, "contact1@example.test"], NOW)
    out = lines(settings, run_once(settings, NOW))
    assert len(out) == 3
    assert out[0].startswith(f"sending paused until 2025-03-04 11:00 EST: smtp 127.0.0.1:{mailrig.fault_smtps_port} "
                             "refused login for me@example.test: 535 ")
    assert out[1:] == [f"draft {first.id} deferred: not tried: sending is paused",
                       f"draft {second.id} deferred: not tried: sending is paused"]
    assert [(get_draft(d.id).status, get_draft(d.id).attempts) for d in (first, second)] == [(S.APPROVED, 0)] * 2
    (again,) = run_once(settings, NOW + timedelta(minutes=5))
    assert (again.result, again.until) == ("paused", NOW + timedelta(hours=1))


def test_rate_limit_answer_pauses_the_whole_account(tmp_path: Path, mailrig: MailRig, mail_user: str,
                                                    faults: Callable[..., None]) -> None:
    """A provider's throttling answer pauses everything instead of burning through the queue."""
    settings = setup(tmp_path, mailrig, smtp="fault")
    faults({mail_user: "450 4.7.0 Too many messages sent, slow down (rate limited)"})
    first, second = queue_approved(settings, [mail_user, "contact1@example.test"], NOW)
    reason = (f"smtp 127.0.0.1:{mailrig.fault_smtps_port} is limiting how much you send: "
              "450 4.7.0 Too many messages sent, slow down (rate limited) (at RCPT TO)")
    assert lines(settings, run_once(settings, NOW)) == [
        f"draft {first.id} deferred until 2025-03-04 11:00 EST: {reason}; sending is paused for the whole account",
        f"draft {second.id} deferred: not tried: sending is paused"]
    assert [get_draft(d.id).status for d in (first, second)] == [S.APPROVED, S.APPROVED]
    assert lines(settings, run_once(settings, NOW + timedelta(minutes=59))) == [
        f"sending paused until 2025-03-04 11:00 EST: {reason}"]


def test_partly_refused_recipients_are_recorded_per_recipient(tmp_path: Path, mailrig: MailRig,
                                                              mail_user: str) -> None:
    """With several recipients, the refused ones are listed and the message still goes to the rest."""
    settings = setup(tmp_path, mailrig, smtp="fault")
    raw = (f"From: me@example.test\r\nTo: {mail_user}\r\nSubject: partial\r\nMessage-ID: <partial-{mail_user}>\r\n"
           "\r\nhello\r\n").encode()
    marks: list[str] = []

    async def send() -> object:
        smtp = await open_smtp(settings.smtp)
        try:
            return await transmit(smtp, "me@example.test", [mail_user, "reject550@example.test"], raw,
                                  lambda: marks.append("dot"), 10)
        finally:
            smtp.close()

    accepted = asyncio.run(send())
    assert accepted.refused == {"reject550@example.test": "550 5.1.1 Injected: no such user"}  # type: ignore[attr-defined]
    assert marks == ["dot"]
    assert len(mailrig.wait_for(mail_user, 1)) == 1


def test_drop_after_final_dot_not_stored_needs_review(tmp_path: Path, mailrig: MailRig, mail_user: str,
                                                      faults: Callable[..., None]) -> None:
    """The connection drops after the final dot and nothing was stored: needs review, never resent."""
    settings = setup(tmp_path, mailrig, smtp="fault")
    faults({f"data:{mail_user}": {"drop": True, "deliver": False}})
    (draft,) = queue_approved(settings, [mail_user], NOW)
    (outcome,) = run_once(settings, NOW)
    assert outcome.result == "needs_review"
    assert outcome.detail.startswith("right after sending: the connection ended after the message was handed over")
    assert run_once(settings, NOW + timedelta(hours=1)) == []
    assert (get_draft(draft.id).status, get_draft(draft.id).attempts) == (S.NEEDS_REVIEW, 1)
    assert copies_by_message_id(mailrig, mail_user) == {}
    assert in_sent(mailrig, draft.identity) == []


def test_drop_after_final_dot_stored_is_reconciled_by_the_providers_sent_copy(
        tmp_path: Path, mailrig: MailRig, mail_user: str, faults: Callable[..., None]) -> None:
    """Stored, then dropped: once the provider's own Sent copy shows up (as Gmail files it), the draft is sent."""
    settings = setup(tmp_path, mailrig, smtp="fault")
    faults({f"data:{mail_user}": {"drop": True, "deliver": True}})
    (draft,) = queue_approved(settings, [mail_user], NOW)
    assert run_once(settings, NOW)[0].result == "needs_review"
    (delivered,) = mailrig.wait_for(mail_user, 1)
    mailrig.append("me@example.test", "Sent", delivered)  # what a self-filing provider does with what it accepted
    assert lines(settings, run_once(settings, NOW + timedelta(minutes=5))) == [
        f"draft {draft.id} sent to {mail_user}: found in Sent (X-Outreach-Draft header)"]
    sent = get_draft(draft.id)
    assert (sent.status, sent.sent_at) == (S.SENT, NOW)  # the copy's Date header
    assert copies_by_message_id(mailrig, mail_user) == {draft.message_id: 1}


def test_drop_after_final_dot_stored_is_reconciled_by_a_reply(tmp_path: Path, mailrig: MailRig, mail_user: str,
                                                              faults: Callable[..., None]) -> None:
    """Stored, then dropped, no Sent copy: a reply in the inbox referring to it proves delivery."""
    settings = setup(tmp_path, mailrig, smtp="fault")
    faults({f"data:{mail_user}": {"drop": True, "deliver": True}})
    (draft,) = queue_approved(settings, [mail_user], NOW)
    assert run_once(settings, NOW)[0].result == "needs_review"
    assert run_once(settings, NOW + timedelta(minutes=1)) == []  # no evidence yet: stays for review
    reply = (f"From: {mail_user}\r\nTo: me@example.test\r\nSubject: Re: hello\r\nMessage-ID: <re-{draft.identity}@x>"
             f"\r\nIn-Reply-To: {draft.message_id}\r\n\r\nHappy to talk.\r\n").encode()
    mailrig.deliver("me@example.test", reply)
    assert lines(settings, run_once(settings, NOW + timedelta(minutes=2))) == [
        f"draft {draft.id} sent to {mail_user}: found in INBOX (a reply's In-Reply-To)"]
    assert copies_by_message_id(mailrig, mail_user) == {draft.message_id: 1}


@pytest.mark.parametrize("save_to_sent", ["never", "auto"])
def test_save_to_sent_never_and_auto_with_a_self_filing_server(tmp_path: Path, mailrig: MailRig, mail_user: str,
                                                               faults: Callable[..., None],
                                                               save_to_sent: str) -> None:
    """never: no copy is appended; auto: no second copy when the server already filed one in Sent."""
    settings = setup(tmp_path, mailrig, smtp="fault", smtp_extra={"save_to_sent": save_to_sent})
    (draft,) = queue_approved(settings, [mail_user], NOW)
    provider_copy = build_message(draft, settings, NOW).as_bytes()
    if save_to_sent == "auto":  # stand-in for a server that files SMTP mail itself, before we look
        mailrig.append("me@example.test", "Sent", provider_copy)
    (outcome,) = run_once(settings, NOW)
    note = {"never": "no copy in Sent (save_to_sent: never)",
            "auto": "the server filed it in Sent (X-Outreach-Draft header)"}[save_to_sent]
    assert outcome.detail.endswith(f"; {note}")
    assert len(in_sent(mailrig, draft.identity)) == (1 if save_to_sent == "auto" else 0)

