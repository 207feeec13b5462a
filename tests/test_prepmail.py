"""The prep brief in the user's inbox on interview mornings, against the real Dovecot."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from imapclient import IMAPClient

from outreach.config.reader import load_settings
from outreach.config.settings import Settings
from outreach.daemon.jobs import prep_brief_job
from outreach.inbox.mailbox import watch_once
from outreach.intake.contacts import import_introductions, load_introductions
from outreach.interviews import records as interviews
from outreach.interviews.answers import record_from_reply
from outreach.interviews.prepmail import already_filed, deliver_prep_briefs, prep_due
from outreach.outgoing.prep import render_prep
from outreach.replies.act import stored_result
from outreach.store.db import open_database
from outreach.store.models import Interview, Reply
from outreach.testing import MailRig
from outreach.testing.localconfig import write_local_config
from tests.helpers import ALEX_INTRODUCTION
from tests.interview_fixtures import NOW, accepted, contact, reply, sent

NY = ZoneInfo("America/New_York")
START = "2026-10-08T14:00:00-04:00"  # Thursday 8 October, 2:00 PM EDT
MORNING = datetime(2026, 10, 8, 7, 0, tzinfo=NY)
DELIVERED = "prep brief for interview 1 (alex.chen@example.com) put in INBOX"


def rig_settings(directory: Path, rig: MailRig, user: str, email_prep_brief: bool | None = True) -> Settings:
    """Config for `user` on the rig (prep brief on, off, or unset), database opened, introductions imported."""
    path = write_local_config(directory, rig, user=user)
    data = yaml.safe_load(path.read_text())
    if email_prep_brief is not None:
        data["interviews"] = {"email_prep_brief": email_prep_brief}
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    (directory / "introductions.yaml").write_text(ALEX_INTRODUCTION)
    settings = load_settings(path)
    open_database(settings.paths.database)
    import_introductions(load_introductions(settings.paths.introductions), NOW)
    return settings


def schedule(settings: Settings, start: str = START) -> Interview:
    """Alex was written to at NOW and accepted a call at `start` an hour later."""
    alex = contact()
    outreach = sent(alex, settings, NOW)
    answer = reply(alex, outreach, "accepted", NOW + timedelta(hours=1), result=accepted(start=start),
                   message_id="<yes@example.com>")
    return record_from_reply(alex, answer, stored_result(answer), settings, NOW + timedelta(hours=1))


def inbox(client: IMAPClient) -> list[tuple[tuple[bytes, ...], EmailMessage]]:
    """(flags, parsed message) for every message in the inbox, oldest first; nothing marked read."""
    client.select_folder("INBOX", readonly=True)
    uids = client.search(["ALL"])
    fetched = client.fetch(uids, [b"FLAGS", b"BODY.PEEK[]"]) if uids else {}
    return [(data[b"FLAGS"], email.message_from_bytes(data[b"BODY[]"], policy=email.policy.default))
            for _, data in sorted(fetched.items())]


@pytest.fixture
def settings(tmp_path: Path, mailrig: MailRig, mail_user: str) -> Settings:
    return rig_settings(tmp_path, mailrig, mail_user)


def test_off_by_default_nothing_is_appended(tmp_path: Path, mailrig: MailRig, mail_user: str,
                                            imap: Callable[..., IMAPClient]) -> None:
    """Without interviews.email_prep_brief no brief is appended and nothing is recorded."""
    settings = rig_settings(tmp_path, mailrig, mail_user, email_prep_brief=None)
    assert settings.interviews.email_prep_brief is False
    interview = schedule(settings)
    assert (deliver_prep_briefs(settings, MORNING), prep_brief_job(settings, MORNING)) == ([], [])
    assert (inbox(imap(mail_user)), Interview.get_by_id(interview.id).prep_sent_at) == ([], None)


def test_due_at_seven_local_not_a_minute_before(settings: Settings, mail_user: str,
                                               imap: Callable[..., IMAPClient]) -> None:
    """At 06:59 in the user's zone nothing happens; at 07:00 the brief is appended and recorded."""
    interview = schedule(settings)
    assert deliver_prep_briefs(settings, MORNING - timedelta(minutes=1)) == []
    assert inbox(imap(mail_user)) == []
    assert deliver_prep_briefs(settings, MORNING) == [DELIVERED]
    assert len(inbox(imap(mail_user))) == 1
    assert Interview.get_by_id(interview.id).prep_sent_at == MORNING.astimezone(UTC)


def test_the_message_is_unread_from_and_to_the_user_and_holds_the_whole_brief(
        settings: Settings, mail_user: str, imap: Callable[..., IMAPClient]) -> None:
    """Headers as specified, no \\Seen flag, and the text/plain body is exactly the rendered prep brief."""
    interview = schedule(settings)
    prep_brief_job(settings, MORNING)
    ((flags, message),) = inbox(imap(mail_user))
    assert b"\\Seen" not in flags
    me = f"Sam Rivera <{mail_user}>"
    assert (message["From"], message["To"], message["Subject"], message["Date"], message["X-Outreach-Prep"]) == (
        me, me, "Prep brief: Alex Chen, today at 2:00 PM EDT", "Thu, 08 Oct 2026 07:00:00 -0400",
        "1 2026-10-08T18:00Z")
    assert message["Message-ID"].endswith("@example.test>")
    assert message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8"
    assert message.get_content().replace("\r\n", "\n") == render_prep(Interview.get_by_id(interview.id), settings).body


def test_appended_once_across_runs_and_a_lost_database_update(
        settings: Settings, mail_user: str, imap: Callable[..., IMAPClient]) -> None:
    """A second run does nothing; with prep_sent_at lost, the copy in the inbox is found, not duplicated."""
    interview = schedule(settings)
    assert deliver_prep_briefs(settings, MORNING) == [DELIVERED]
    assert deliver_prep_briefs(settings, MORNING + timedelta(minutes=1)) == []
    Interview.update(prep_sent_at=None).where(Interview.id == interview.id).execute()  # as if the crash came first
    later = MORNING + timedelta(minutes=2)
    assert deliver_prep_briefs(settings, later) == [
        "prep brief for interview 1 (alex.chen@example.com) already in INBOX"]
    assert len(inbox(imap(mail_user))) == 1
    assert Interview.get_by_id(interview.id).prep_sent_at == later.astimezone(UTC)


def test_scheduled_after_seven_goes_at_once_but_not_after_the_start(
        settings: Settings, mail_user: str, imap: Callable[..., IMAPClient]) -> None:
    """Scheduled mid-morning for the afternoon: due right away; once the interview started: never."""
    schedule(settings)
    assert deliver_prep_briefs(settings, datetime(2026, 10, 8, 14, 0, tzinfo=NY)) == []
    assert deliver_prep_briefs(settings, datetime(2026, 10, 8, 13, 59, tzinfo=NY)) == [DELIVERED]
    ((_, message),) = inbox(imap(mail_user))
    assert message["Subject"] == "Prep brief: Alex Chen, today at 2:00 PM EDT"


def test_cancelled_interviews_get_none(settings: Settings, mail_user: str, imap: Callable[..., IMAPClient]) -> None:
    """A cancelled interview's morning passes without a brief."""
    interview = schedule(settings)
    interviews.cancel(interview.id, settings, NOW + timedelta(hours=2))
    assert deliver_prep_briefs(settings, MORNING) == []
    assert inbox(imap(mail_user)) == []


def test_the_watcher_does_not_take_the_brief_for_a_reply(settings: Settings) -> None:
    """watch_once sees the brief (From: the user) and stores no reply for it."""
    schedule(settings)
    deliver_prep_briefs(settings, MORNING)
    assert watch_once(settings, MORNING + timedelta(minutes=1)) == ["INBOX: 1 new message, 0 replies (first scan)"]
    assert [r.message_id for r in Reply.select()] == ["<yes@example.com>"]


def test_an_inbox_copy_is_matched_by_the_exact_id(settings: Settings, mail_user: str,
                                                  imap: Callable[..., IMAPClient]) -> None:
    """A brief for interview 11 does not count as one for interview 1 (IMAP SEARCH matches substrings)."""
    client = imap(mail_user)
    client.append("INBOX", f"From: {mail_user}\r\nX-Outreach-Prep: 11 2026-10-08T18:00Z\r\nSubject: x\r\n\r\n"
                  "x\r\n".encode())
    assert (already_filed(client, "INBOX", "1 2026-10-08T18:00Z"),
            already_filed(client, "INBOX", "11 2026-10-08T18:00Z")) == (False, True)


@pytest.mark.parametrize(("start", "due"), [
    (datetime(2026, 10, 8, 14, 0, tzinfo=NY), datetime(2026, 10, 8, 7, 0, tzinfo=NY)),
    (datetime(2026, 11, 1, 9, 0, tzinfo=NY), datetime(2026, 11, 1, 7, 0, tzinfo=NY)),  # the day DST ends
    (datetime(2026, 10, 8, 6, 30, tzinfo=NY), datetime(2026, 10, 8, 5, 30, tzinfo=NY)),  # before seven
])
def test_prep_due(start: datetime, due: datetime) -> None:
    """07:00 local on the interview's day; an hour before an interview that starts by then."""
    assert prep_due(start.astimezone(UTC), NY) == due


def test_a_call_moved_to_another_day_gets_a_new_brief(
        settings: Settings, mail_user: str, imap: Callable[..., IMAPClient]) -> None:
    """After the brief went out, moving the call to Friday 10:00 brings a second brief on Friday morning."""
    interview = schedule(settings)
    assert deliver_prep_briefs(settings, MORNING) == [DELIVERED]
    interviews.set_time(interview.id, settings, MORNING + timedelta(hours=1), at="2026-10-09 10:00")
    assert deliver_prep_briefs(settings, MORNING + timedelta(hours=2)) == []
    assert deliver_prep_briefs(settings, MORNING + timedelta(days=1)) == [DELIVERED]
    assert [(m["Subject"], m["X-Outreach-Prep"]) for _, m in inbox(imap(mail_user))] == [
        ("Prep brief: Alex Chen, today at 2:00 PM EDT", "1 2026-10-08T18:00Z"),
        ("Prep brief: Alex Chen, today at 10:00 AM EDT", "1 2026-10-09T14:00Z"),
    ]
