"""Waiting for new mail: one IMAP connection in IDLE on the inbox, kept alive and honest.

imapclient's ``idle_check`` cannot tell a dead connection from a quiet one (it returns no
responses in both cases), so the waiter never trusts silence:

* IDLE is ended and re-entered every ``imap.idle_renew_seconds`` (default 540 s, under the
  29 minutes servers allow), and each renewal sends NOOP under the socket timeout: a
  half-open connection (the peer gone, nothing ever arriving) fails there;
* ``idle_check`` returning early with nothing parsed means the socket was readable without a
  whole line, which is what EOF looks like: that is probed at once;
* a BYE (``doveadm kick``, server shutdown) ends the connection.

A lost connection (or one that could not be opened at start) is reopened with exponential
backoff and equal jitter, capped at ``imap.idle_renew_seconds``: the server is back within
that time after an outage, however long it was. Every new connection (including the first)
reports "new mail" once, so the caller rescans at once from the last processed UID and nothing
that arrived while we were away is missed; the IDLE is started before that report, so nothing
arriving during the rescan is missed either. A refused login is not retried here: it is the
caller's to report.
"""

from __future__ import annotations

import imaplib
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from outreach.backoff import Backoff
from outreach.config.settings import Settings
from outreach.errors import ConnectionFailed, Disconnected, LoginRefused
from outreach.mailconn import open_imap

if TYPE_CHECKING:
    from imapclient import IMAPClient

logger = logging.getLogger(__name__)

SLICE_SECONDS = 1.0  # how often `interrupted` is looked at while idling
NEW_MAIL = (b"EXISTS", b"RECENT")


# what a lost connection looks like, from the socket, ssl, imaplib and our own checks
LOST = (OSError, imaplib.IMAP4.error, ConnectionFailed, Disconnected)


class IdleWaiter:
    """The daemon's InboxWaiter: ``wait(timeout, interrupted)`` is True when the inbox may hold new mail."""

    def __init__(self, settings: Settings, idle_seconds: float | None = None, backoff: Backoff | None = None,
                 connect: Callable[[Settings], IMAPClient] | None = None) -> None:
        self.settings = settings
        self.folder = settings.imap.folders.inbox
        self.renew = float(idle_seconds or settings.imap.idle_renew_seconds)
        self.backoff = backoff or Backoff(cap=float(settings.imap.idle_renew_seconds))
        self._connect_fn = connect or _open
        self.client: IMAPClient | None = None
        self.idling = False
        self.idle_since = 0.0
        self.retry_at = 0.0
        self.fresh = False  # a new connection: report once so the caller rescans
        self.connects = 0
        self.disconnects: list[str] = []  # why each connection was lost (for logs and tests)
        self._closed = threading.Event()

    # ------------------------------------------------------------------ life cycle

    def connect(self) -> bool:
        """Open, EXAMINE the inbox and enter IDLE; False when the server has no IDLE (poll instead)."""
        client = self._connect_fn(self.settings)
        try:
            if not client.has_capability("IDLE"):
                _quietly(client.logout)
                return False
            client.select_folder(self.folder, readonly=True)
            client.idle()
        except BaseException:
            _quietly(client.shutdown)
            raise
        self.client, self.idling, self.idle_since = client, True, time.monotonic()
        self.connects += 1
        self.fresh = True
        self.backoff.reset()
        logger.debug("imap %s: idling on %s", self.settings.imap.address, self.folder)
        return True

    def try_connect(self) -> bool | None:
        """connect(), or None when the connection failed (recorded; the next try waits for the backoff).
        A refused login raises: it is the caller's to report."""
        try:
            return self.connect()
        except LoginRefused:
            raise
        except LOST as exc:
            self._lost(exc)
            return None

    def close(self) -> None:
        self._closed.set()
        client, self.client = self.client, None
        if client is not None:
            if self.idling:
                _quietly(client.idle_done)
            _quietly(client.logout)
        self.idling = False

    # ------------------------------------------------------------------ waiting

    def wait(self, timeout: float, interrupted: Callable[[], bool]) -> bool:
        """Block up to `timeout` s; True when new mail may have arrived. Reconnects by itself."""
        end = time.monotonic() + timeout
        while not interrupted() and not self._closed.is_set():
            if self.fresh:
                self.fresh = False
                return True
            remaining = end - time.monotonic()
            if remaining <= 0:
                return False
            if self.client is None:
                self._reconnect(min(remaining, SLICE_SECONDS))
                continue
            try:
                if self._check(min(remaining, SLICE_SECONDS)):
                    return True
            except LOST as exc:
                self._lost(exc)
        return False

    def _reconnect(self, budget: float) -> None:
        pause = self.retry_at - time.monotonic()
        if pause > 0:
            self._closed.wait(min(pause, budget))
            return
        connected = self.try_connect()
        if connected is None:
            return
        if not connected:
            raise ConnectionFailed(f"imap {self.settings.imap.address} no longer offers IDLE; polling instead")
        logger.info("imap %s: reconnected", self.settings.imap.address)

    def _check(self, seconds: float) -> bool:
        client = self.client
        assert client is not None
        if not self.idling:
            client.idle()
            self.idling, self.idle_since = True, time.monotonic()
        started = time.monotonic()
        responses = client.idle_check(timeout=seconds)
        if _said_bye(responses):
            raise Disconnected("the server said BYE")
        if _has_new_mail(responses):
            return True
        quick = not responses and time.monotonic() - started < seconds / 2
        if quick or time.monotonic() - self.idle_since >= self.renew:
            return self._probe()
        return False

    def _probe(self) -> bool:
        """End IDLE and NOOP, both under the socket timeout: a dead or half-open connection fails here."""
        client = self.client
        assert client is not None
        self.idling = False
        _, during = client.idle_done()
        _, after = client.noop()
        responses: list[Any] = [*during, *after]
        if _said_bye(responses):
            raise Disconnected("the server said BYE")
        client.idle()
        self.idling, self.idle_since = True, time.monotonic()
        return _has_new_mail(responses)

    def _lost(self, exc: BaseException) -> None:
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        self.disconnects.append(reason)
        client, self.client, self.idling = self.client, None, False
        if client is not None:
            _quietly(client.shutdown)
        delay = self.backoff.next_delay()
        self.retry_at = time.monotonic() + delay
        logger.warning("imap %s: connection lost (%s); reconnecting in %.1f s", self.settings.imap.address,
                       reason, delay)


def open_waiter(settings: Settings, idle_seconds: float | None = None) -> IdleWaiter | None:
    """The daemon's waiter_factory: an IdleWaiter, or None when the server has no IDLE. A server that
    cannot be reached now gives a waiter that keeps trying (a refused login raises LoginRefused)."""
    waiter = IdleWaiter(settings, idle_seconds=idle_seconds)
    connected = waiter.try_connect()
    if connected is None:
        return waiter
    if not connected:
        logger.info("imap %s offers no IDLE; polling instead", settings.imap.address)
        return None
    return waiter


def _open(settings: Settings) -> IMAPClient:
    return open_imap(settings.imap)


def _said_bye(responses: list[Any]) -> bool:
    return any(isinstance(r, tuple) and r and r[0] == b"BYE" for r in responses)


def _has_new_mail(responses: list[Any]) -> bool:
    return any(isinstance(r, tuple) and len(r) >= 2 and r[1] in NEW_MAIL for r in responses)


def _quietly(call: Callable[[], Any]) -> None:
    try:
        call()
    except Exception:  # tearing down a connection that may already be dead
        logger.debug("imap teardown step failed", exc_info=True)
