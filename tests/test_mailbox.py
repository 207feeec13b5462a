"""The inbox watcher against the real Dovecot: UIDs, read state, restarts, IDLE and dead connections."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from imapclient import IMAPClient

from outreach.config.settings import Settings
from outreach.inbox.inboxwait import IdleWaiter
from outreach.inbox.mailbox import watch_once
from outreach.store.db import close_database, open_database
from outreach.store.models import MailboxState, Reply
from outreach.testing import MailRig
from tests.watchkit import (
    ACCEPT,
    DECLINE,
    StallingProxy,
    WatchDaemon,
    reply_to,
    sent_draft,
    unrelated,
    wait_until,
    watch_settings,
)

NOW = datetime.now(UTC)


def flags(client: IMAPClient, folder: str = "INBOX") -> list[tuple[bytes, ...]]:
    client.select_folder(folder, readonly=True)
    uids = client.search(["ALL"])
    return [data[b"FLAGS"] for _, data in sorted(client.fetch(uids, [b"FLAGS"]).items())] if uids else []


def test_first_scan_reads_back_to_first_outreach_and_leaves_mail_unread(
        tmp_path: Path, mailrig: MailRig, mail_user: str, imap: Callable[..., IMAPClient]) -> None:
    """Only mail since the day before the first outreach is scanned; nothing is marked \\Seen."""
    settings = watch_settings(tmp_path, mailrig, mail_user)
    draft = sent_draft("alex@example.com", "Alex Chen", NOW - timedelta(hours=2), settings)
    client = imap(mail_user)
    client.append("INBOX", reply_to(draft, mail_user, DECLINE), msg_time=datetime(2020, 1, 6, tzinfo=UTC))
    mailrig.deliver(mail_user, unrelated(1, mail_user))
    mailrig.deliver(mail_user, reply_to(draft, mail_user, ACCEPT))
    lines = watch_once(settings, NOW)
    assert lines[0] == "INBOX: 2 new messages, 1 reply (first scan)"
    assert lines[1].startswith("reply 1 from alex@example.com: accepted: interview 1 ")
    assert [b"\\Seen" in f for f in flags(client)] == [False, False, False]


def test_restart_resumes_without_reprocessing(tmp_path: Path, mailrig: MailRig, mail_user: str) -> None:
    """A new process resumes after the last UID; `UID n:*` past the end yields nothing new."""
    settings = watch_settings(tmp_path, mailrig, mail_user)
    draft = sent_draft("alex@example.com", "Alex Chen", NOW - timedelta(hours=2), settings)
    mailrig.deliver(mail_user, reply_to(draft, mail_user, ACCEPT))
    first = watch_once(settings, NOW)
    close_database()
    open_database(settings.paths.database)  # as a restarted daemon would
    again = watch_once(settings, NOW)
    mailrig.deliver(mail_user, unrelated(2, mail_user))
    mailrig.deliver(mail_user, reply_to(draft, mail_user, DECLINE))
    later = watch_once(settings, NOW)
    state = MailboxState.get_by_id("INBOX")
    assert [first[0], again, later[0], later[1], state.last_uid] == [
        "INBOX: 1 new message, 1 reply (first scan)", ["INBOX: 0 new messages, 0 replies"],
        "INBOX: 2 new messages, 1 reply", "reply 2 from alex@example.com: declined: contact closed (declined)", 3]


def test_uidvalidity_change_rescans_without_duplicates(tmp_path: Path, mailrig: MailRig, mail_user: str,
                                                       imap: Callable[..., IMAPClient]) -> None:
    """A recreated folder (new UIDVALIDITY) is rescanned; the reply already stored is not stored again."""
    settings = watch_settings(tmp_path, mailrig, mail_user, folders={"inbox": "Outreach"})
    draft = sent_draft("alex@example.com", "Alex Chen", NOW - timedelta(hours=2), settings)
    client = imap(mail_user)
    client.create_folder("Outreach")
    accepted = reply_to(draft, mail_user, ACCEPT)
    client.append("Outreach", accepted)
    first = watch_once(settings, NOW)
    old = MailboxState.get_by_id("Outreach").uidvalidity
    client.delete_folder("Outreach")
    client.create_folder("Outreach")
    client.append("Outreach", accepted)
    client.append("Outreach", reply_to(draft, mail_user, DECLINE))
    new = client.folder_status("Outreach", [b"UIDVALIDITY"])[b"UIDVALIDITY"]
    second = watch_once(settings, NOW)
    assert (first[0], second[0], second[1:], Reply.select().count()) == (
        "Outreach: 1 new message, 1 reply (first scan)",
        f"Outreach: 2 new messages, 1 reply (UIDVALIDITY changed ({old} -> {new}))",
        ["reply 2 from alex@example.com: declined: contact closed (declined)"], 2)


@pytest.fixture
def watcher(tmp_path: Path) -> Iterator[Callable[..., list[IdleWaiter]]]:
    """start(settings, idle_seconds) runs the daemon's loop with the watch job in a thread until it idles;
    returns its waiters."""
    running: list[WatchDaemon] = []

    def start(settings: Settings, idle_seconds: float | None = None) -> list[IdleWaiter]:
        watch = WatchDaemon(settings, idle_seconds)
        running.append(watch)
        watch.start()
        wait_until(lambda: len(watch.passes) >= 2)  # the first pass, then the one a new connection asks for
        time.sleep(0.2)
        return watch.waiters

    yield start
    for watch in running:
        watch.stop()


def test_idle_survives_kick_and_dovecot_restart(tmp_path: Path, mailrig: MailRig, mail_user: str,
                                                watcher: Callable[..., list[IdleWaiter]]) -> None:
    """After `doveadm kick` and a Dovecot restart the watcher reconnects (bench_watcher times it); no reply is lost."""
    settings = watch_settings(tmp_path, mailrig, mail_user)
    alex = sent_draft("alex@example.com", "Alex Chen", NOW - timedelta(hours=2), settings)
    priya = sent_draft("priya@example.org", "Priya Natarajan", NOW - timedelta(hours=2), settings)
    ben = sent_draft("ben@example.net", "Ben Okafor", NOW - timedelta(hours=2), settings)
    waiter = watcher(settings)[0]
    mailrig.deliver(mail_user, reply_to(alex, mail_user, ACCEPT))
    wait_until(lambda: Reply.select().count() == 1)
    mailrig.kick(mail_user)
    mailrig.deliver(mail_user, reply_to(priya, mail_user, ACCEPT))  # while the watcher is away
    wait_until(lambda: waiter.connects == 2)
    wait_until(lambda: Reply.select().count() == 2)
    mailrig.restart_dovecot()
    mailrig.deliver(mail_user, reply_to(ben, mail_user, DECLINE))
    wait_until(lambda: waiter.connects == 3)
    wait_until(lambda: Reply.select().count() == 3)
    emails = sorted(r.contact.email for r in Reply.select())
    # the kick ends in BYE; a restart may also fail a reconnect attempt or two while Dovecot starts
    assert (emails, waiter.disconnects[0]) == (["alex@example.com", "ben@example.net", "priya@example.org"],
                                               "Disconnected: the server said BYE")
    assert len(waiter.disconnects) >= 2


def test_half_open_connection_is_detected(tmp_path: Path, mailrig: MailRig, mail_user: str,
                                          watcher: Callable[..., list[IdleWaiter]]) -> None:
    """A connection that silently stops carrying data fails the NOOP probe; the reply still arrives."""
    proxy = StallingProxy(mailrig.imaps_port)
    try:
        settings = watch_settings(tmp_path, mailrig, mail_user, port=proxy.port, timeout_seconds=2)
        draft = sent_draft("alex@example.com", "Alex Chen", NOW - timedelta(hours=2), settings)
        waiter = watcher(settings, idle_seconds=1.0)[0]
        proxy.stall()
        mailrig.deliver(mail_user, reply_to(draft, mail_user, ACCEPT))
        wait_until(lambda: Reply.select().count() == 1, timeout=20)
        assert (len(waiter.disconnects), waiter.disconnects[0].split(":")[0]) == (1, "TimeoutError"), \
            waiter.disconnects
    finally:
        proxy.close()
