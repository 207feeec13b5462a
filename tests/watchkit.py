"""Helpers for the watcher tests and bench: settings on the rig, sent drafts, replies, a stalling TCP proxy."""

from __future__ import annotations

import contextlib
import select
import socket
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import yaml

from outreach.config.reader import load_settings
from outreach.config.settings import Settings
from outreach.daemon.jobs import JobName, watch_job
from outreach.daemon.loop import Daemon, Job
from outreach.inbox.inboxwait import IdleWaiter, open_waiter
from outreach.store.db import open_database
from outreach.store.models import Contact, ContactStatus, Draft, DraftKind, DraftStatus
from outreach.testing import MailRig
from outreach.testing.localconfig import write_local_config


def wait_until(check: Callable[[], bool], timeout: float = 15.0, poll: float = 0.05) -> float:
    """Seconds until `check()` holds; TimeoutError after `timeout` (a guard against hangs)."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"not true after {timeout} s")
        time.sleep(poll)
    return time.monotonic() - started


def watch_settings(directory: Path, rig: MailRig, user: str, port: int | None = None,
                   **imap: Any) -> Settings:
    """Config for `user` on the rig (implicit TLS), with `imap` keys overridden; the database opened."""
    path = write_local_config(directory, rig, user=user)
    data = yaml.safe_load(path.read_text())
    data["imap"].update(imap)
    if port is not None:
        data["imap"]["port"] = port
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    settings = load_settings(path)
    open_database(settings.paths.database)
    return settings


def sent_draft(email: str, name: str, sent_at: datetime, settings: Settings, company: str | None = None,
               message_id: str | None = None, timezone: str | None = None) -> Draft:
    """A contact we wrote to: the contact row and one sent outreach draft."""
    contact = Contact.get_or_none(Contact.email == email.lower())
    if contact is None:
        contact = Contact.create(email=email.lower(), name=name, company=company, timezone=timezone,
                                 status=ContactStatus.CONTACTED, created_at=sent_at, updated_at=sent_at)
    draft: Draft = Draft.create(
        contact=contact, kind=DraftKind.OUTREACH, status=DraftStatus.SENT, to_addr=contact.email,
        subject=f"Introduction via Maria Lopez: {name}", body="Hello", identity=uuid.uuid4().hex,
        message_id=message_id or f"<{uuid.uuid4().hex}@{settings.me.domain}>", created_at=sent_at,
        updated_at=sent_at, approved_at=sent_at, sent_at=sent_at,
    )
    return draft


def reply_to(draft: Draft, to: str, body: str, sender: str | None = None, date: datetime | None = None,
             message_id: str | None = None, subject: str | None = None) -> bytes:
    """A plain reply from the draft's contact (or `sender`), threaded on the draft."""
    msg = EmailMessage()
    msg["From"] = sender or f"{draft.contact.name} <{draft.contact.email}>"
    msg["To"] = to
    msg["Subject"] = subject or f"Re: {draft.subject}"
    msg["Date"] = format_datetime(date or datetime.now(UTC))
    msg["Message-ID"] = message_id or f"<{uuid.uuid4().hex}@reply.example.com>"
    msg["In-Reply-To"] = draft.message_id
    msg["References"] = draft.message_id
    msg.set_content(body)
    return bytes(msg)


def unrelated(i: int, to: str, date: datetime | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"News {i % 50} <news{i % 50}@lists.example.org>"
    msg["To"] = to
    msg["Subject"] = f"Weekly digest {i}"
    msg["Date"] = format_datetime(date or datetime.now(UTC) - timedelta(minutes=i))
    msg["Message-ID"] = f"<digest-{i}-{uuid.uuid4().hex[:8]}@lists.example.org>"
    msg.set_content(f"Digest number {i}.\n" + "Lorem ipsum dolor sit amet. " * 40)
    return bytes(msg)


ACCEPT = "Hi Sam,\n\nSure, happy to chat. Thursday at 2pm ET works for me.\n\nBest,\nAlex\n"
DECLINE = "Hi Sam,\n\nThanks for reaching out, but I'll have to pass; my schedule is full.\n\nAlex\n"


class StallingProxy:
    """A loopback TCP proxy to `port`. `stall()` stops forwarding on the connections open now (their
    sockets stay open: a half-open peer as the client sees it); later connections forward normally."""

    def __init__(self, port: int) -> None:
        self.target = port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.pairs: list[tuple[socket.socket, socket.socket, threading.Event]] = []
        self.closed = threading.Event()
        self.accepted = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            stalled = threading.Event()
            self.pairs.append((client, upstream, stalled))
            self.accepted += 1
            threading.Thread(target=self._pump, args=(client, upstream, stalled), daemon=True).start()

    def _pump(self, a: socket.socket, b: socket.socket, stalled: threading.Event) -> None:
        with contextlib.suppress(OSError):
            while not self.closed.is_set():
                readable, _, _ = select.select([a, b], [], [], 0.1)
                if stalled.is_set():
                    continue  # keep both sockets open, move nothing
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (b if sock is a else a).sendall(data)

    def stall(self) -> None:
        for _, _, stalled in self.pairs:
            stalled.set()

    def close(self) -> None:
        self.closed.set()
        self.listener.close()
        for a, b, _ in self.pairs:
            a.close()
            b.close()


class WatchDaemon:
    """The daemon's loop in a thread with only the watch job (IDLE waiter included), until stop()."""

    def __init__(self, settings: Settings, idle_seconds: float | None = None) -> None:
        self.passes: list[list[str]] = []
        self.waiters: list[IdleWaiter] = []

        def watch(s: Settings, now: datetime) -> list[str]:
            lines = watch_job(s, now)
            self.passes.append(lines)
            return lines

        def factory(s: Settings) -> IdleWaiter | None:
            waiter = open_waiter(s, idle_seconds)
            if waiter is not None:
                self.waiters.append(waiter)
            return waiter

        self.daemon = Daemon(None, lambda should_stop: [Job(JobName.WATCH, 60, watch, idle_driven=True)],
                             waiter_factory=factory, settings=settings)
        self.thread = threading.Thread(target=self.daemon.serve, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.daemon.request_stop()
        self.thread.join(timeout=30)
