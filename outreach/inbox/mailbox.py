"""One pass over the inbox: new messages since the last processed UID, matched and handed to replies.

The folder is opened read-only (EXAMINE) and every fetch is BODY.PEEK, so the user's
read/unread state never changes. Per folder the database keeps UIDVALIDITY and the last
processed UID: a restart resumes exactly there, and a new UIDVALIDITY means a rescan, which
cannot duplicate anything because replies are keyed by Message-ID. The first scan of a
folder goes back only to the day before the first outreach was sent (SEARCH SINCE).

Headers come first, in chunks, for every message; full bodies only for the few that
:func:`outreach.replies.matching.screen` picks. Waiting for new mail (IDLE) is in :mod:`.inboxwait`.
"""

from __future__ import annotations

import imaplib
import logging
import re
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from outreach.config.settings import Settings
from outreach.errors import ConnectionFailed
from outreach.mailconn import open_imap
from outreach.replies import act as replies
from outreach.replies.matching import (
    HEADER_FIELDS,
    Match,
    NeedBody,
    SentIndex,
    match_body,
    normalize_id,
    parse_headers,
    screen,
    unique_names,
)
from outreach.store.db import transaction
from outreach.store.models import Contact, Draft, DraftStatus, MailboxState

if TYPE_CHECKING:
    from imapclient import IMAPClient

logger = logging.getLogger(__name__)

HEADER_ITEM = b"BODY.PEEK[HEADER.FIELDS (" + " ".join(HEADER_FIELDS).encode() + b")]"
HEADER_CHUNK = 1000  # UIDs per header FETCH (about 7 KB of command line)
BODY_CHUNK = 25  # full messages per FETCH
PROGRESS_AT_LEAST = 2000  # scans shorter than this show no progress
LOG_EVERY_SECONDS = 10.0
# drafts that may have reached the recipient, so a reply to them is possible
MAYBE_SENT = (DraftStatus.SENT, DraftStatus.SENDING, DraftStatus.NEEDS_REVIEW)

T = TypeVar("T")


@dataclass
class ScanResult:
    folder: str
    examined: int = 0  # messages whose headers were read
    fetched: int = 0  # messages read in full
    outcomes: list[replies.Outcome] = field(default_factory=list)
    rescan: str | None = None  # why the folder was scanned from the start, if it was

    def lines(self) -> list[str]:
        n, r = self.examined, len(self.outcomes)
        head = f"{self.folder}: {n} new message{'' if n == 1 else 's'}, {r} repl{'y' if r == 1 else 'ies'}"
        if self.rescan:
            head += f" ({self.rescan})"
        return [head, *(o.line() for o in self.outcomes)]


def watch_once(settings: Settings, now: datetime) -> list[str]:
    """One watcher pass (for `outreach run --once` and the daemon's watch job): connect, scan, log out."""
    client = open_imap(settings.imap)
    try:
        result = scan(client, settings, now)
    finally:
        _logout(client)
    return result.lines()


def scan(client: IMAPClient, settings: Settings, now: datetime, folder: str | None = None,
         progress: bool | None = None) -> ScanResult:
    """Process every message in `folder` (default: the inbox) that arrived since the last pass."""
    folder = folder or settings.imap.folders.inbox
    where = f"imap {settings.imap.address} {folder}"
    try:
        return _scan(client, settings, now, folder, progress)
    except imaplib.IMAP4.abort as exc:
        raise ConnectionFailed(f"{where}: connection lost during the scan ({exc})") from None
    except TimeoutError:
        raise ConnectionFailed(f"{where}: no answer within {settings.imap.timeout_seconds:g} s") from None
    except OSError as exc:
        raise ConnectionFailed(f"{where}: connection lost during the scan ({exc.strerror or exc})") from None
    except imaplib.IMAP4.error as exc:
        raise ConnectionFailed(f"{where}: {exc}") from None


def _scan(client: IMAPClient, settings: Settings, now: datetime, folder: str,
          progress: bool | None) -> ScanResult:
    client.normalise_times = False  # INTERNALDATE with its offset, not naive local time
    info = client.select_folder(folder, readonly=True)  # EXAMINE: the server cannot set \Seen
    uidvalidity = int(info[b"UIDVALIDITY"])
    uidnext = int(info.get(b"UIDNEXT", 0))
    state = MailboxState.get_or_none(MailboxState.folder == folder)
    result = ScanResult(folder)
    if state is not None and state.uidvalidity == uidvalidity:
        # `UID n:*` returns the highest UID even when n is past it: keep only UIDs >= n
        uids = sorted(u for u in client.search(["UID", f"{state.last_uid + 1}:*"]) if u > state.last_uid)
        floor = state.last_uid
    else:
        result.rescan = "first scan" if state is None else f"UIDVALIDITY changed ({state.uidvalidity} -> {uidvalidity})"
        floor = 0
        first = first_outreach_at()
        if first is None:
            # nothing sent yet, so nothing here can be a reply: start from the current end
            _advance(folder, uidvalidity, max(uidnext - 1, 0), now)
            return result
        since = (first - timedelta(days=1)).date()  # SINCE is by date; a day's slack for zones
        uids = sorted(client.search(["SINCE", since]))
        logger.info("%s: %s; scanning %d message(s) since %s", folder, result.rescan, len(uids), since)
    index = load_index(settings)
    meter = _Progress(len(uids), folder, progress)
    try:
        for chunk in _chunks(uids, HEADER_CHUNK):
            _scan_chunk(client, chunk, index, folder, uidvalidity, settings, now, result)
            _advance(folder, uidvalidity, chunk[-1], now)
            meter.update(len(chunk))
    finally:
        meter.close()
    if result.rescan:  # also records the new UIDVALIDITY when the folder had nothing to scan
        _advance(folder, uidvalidity, max(uidnext - 1, max(uids, default=floor)), now)
    return result


def _scan_chunk(client: IMAPClient, chunk: Sequence[int], index: SentIndex, folder: str, uidvalidity: int,
                settings: Settings, now: datetime, result: ScanResult) -> None:
    blocks = fetch_headers(client, chunk)
    picked: list[tuple[int, Any, Match | NeedBody]] = []
    for uid in chunk:
        block = blocks.get(uid)
        if block is None:  # expunged meanwhile
            continue
        result.examined += 1
        headers = parse_headers(block)
        verdict = screen(headers, index)
        if verdict is not None:
            picked.append((uid, headers, verdict))
    for part in _chunks(picked, BODY_CHUNK):
        bodies = client.fetch([uid for uid, _, _ in part], [b"BODY.PEEK[]", b"INTERNALDATE"])
        for uid, headers, verdict in part:
            data = bodies.get(uid)
            if data is None:
                continue
            result.fetched += 1
            raw = data[b"BODY[]"]
            match = verdict if isinstance(verdict, Match) else match_body(raw, headers, index, verdict.kind)
            if match is None:
                continue
            internaldate = data.get(b"INTERNALDATE")
            where = replies.Location(folder, uid, uidvalidity,
                                     internaldate if isinstance(internaldate, datetime) else None)
            incoming = replies.prepare(raw, match, where, settings, headers.message_id)
            if incoming is None:
                continue
            with transaction():  # the reply, its actions and our place in the folder, together
                outcome = replies.record(incoming, settings, now)
                _advance(folder, uidvalidity, uid, now)
            if outcome is not None:
                result.outcomes.append(outcome)


_FETCH_UID = re.compile(rb"^\d+ \(.*?\bUID (\d+)")


def fetch_headers(client: IMAPClient, uids: Sequence[int]) -> dict[int, bytes]:
    """UID -> the HEADER.FIELDS block. imapclient's response parser, written in Python, costs more than
    the server for this hot path, so the literals are read straight from imaplib; imapclient is used
    when that shape is not what we expect."""
    imap = getattr(client, "_imap", None)
    if isinstance(imap, imaplib.IMAP4):
        typ, data = imap.uid("FETCH", ",".join(map(str, uids)), "(" + HEADER_ITEM.decode() + ")")
        if typ == "OK":
            out: dict[int, bytes] = {}
            for item in data:
                if isinstance(item, tuple) and len(item) == 2:
                    found = _FETCH_UID.match(item[0])
                    if found and b"BODY[" in item[0]:
                        out[int(found.group(1))] = item[1]
            if len(out) == len(uids):
                return out  # else (a message expunged meanwhile, an odd response) let imapclient sort it out
    fetched = client.fetch(list(uids), [HEADER_ITEM])
    return {uid: _header_block(data) for uid, data in fetched.items()}


def _header_block(data: dict[bytes, Any]) -> bytes:
    for key, value in data.items():
        if key.startswith(b"BODY[") and isinstance(value, bytes):
            return value
    return b""


def _advance(folder: str, uidvalidity: int, uid: int, now: datetime) -> None:
    """Record `uid` as processed (never moving backwards within one UIDVALIDITY)."""
    with transaction():
        state = MailboxState.get_or_none(MailboxState.folder == folder)
        if state is None:
            MailboxState.create(folder=folder, uidvalidity=uidvalidity, last_uid=uid, updated_at=now)
        elif state.uidvalidity != uidvalidity or uid > state.last_uid:
            MailboxState.update(uidvalidity=uidvalidity, last_uid=uid, updated_at=now).where(
                MailboxState.folder == folder).execute()


def first_outreach_at() -> datetime | None:
    """When the first message that could be answered went out (None: nothing sent yet)."""
    sent = (Draft.select(Draft.sent_at).where(Draft.sent_at.is_null(False)).order_by(Draft.sent_at).first())
    if sent is not None:
        return sent.sent_at
    unclear = (Draft.select(Draft.updated_at).where(Draft.status.in_(MAYBE_SENT))
               .order_by(Draft.updated_at).first())
    return None if unclear is None else unclear.updated_at


def load_index(settings: Settings) -> SentIndex:
    """Every Message-ID we sent (and any a provider replaced it with), our X-Outreach-Draft values, and the
    contacts we wrote to."""
    message_ids: dict[str, tuple[int, int]] = {}
    identities: dict[str, tuple[int, int]] = {}
    contact_ids: set[int] = set()
    query = Draft.select(Draft.id, Draft.contact, Draft.message_id, Draft.server_message_id, Draft.identity).where(
        Draft.sent_at.is_null(False) | Draft.status.in_(MAYBE_SENT))
    for draft in query:
        contact_id = int(draft.contact_id)
        contact_ids.add(contact_id)
        identities[draft.identity.lower()] = (contact_id, draft.id)
        for mid in (draft.message_id, draft.server_message_id):
            if mid:
                message_ids[normalize_id(mid)] = (contact_id, draft.id)
    people = list(Contact.select(Contact.id, Contact.email, Contact.name).where(Contact.id.in_(contact_ids))) \
        if contact_ids else []
    return SentIndex(
        me=settings.me.email.lower(), message_ids=message_ids, identities=identities,
        addresses={c.email.lower(): c.id for c in people},
        names=unique_names((c.id, c.name) for c in people),
    )


class _Progress:
    """A progress bar on a terminal; otherwise a log line every LOG_EVERY_SECONDS (the daemon's case)."""

    def __init__(self, total: int, folder: str, bar: bool | None) -> None:
        import click

        self.total, self.folder, self.done = total, folder, 0
        self.started = self.last_log = time.monotonic()
        self.logged = total >= PROGRESS_AT_LEAST
        show = sys.stderr.isatty() if bar is None else bar
        self.bar: Any = None
        if self.logged and show:
            self.bar = click.progressbar(length=total, label=f"scanning {folder}", file=sys.stderr)
            self.bar.__enter__()

    def update(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
        elif self.logged and time.monotonic() - self.last_log >= LOG_EVERY_SECONDS:
            self.last_log = time.monotonic()
            logger.info("%s: scanned %d of %d messages", self.folder, self.done, self.total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
        if self.logged:
            logger.info("%s: scanned %d messages in %.1f s", self.folder, self.done,
                        time.monotonic() - self.started)


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _logout(client: IMAPClient) -> None:
    try:
        client.logout()
    except Exception:  # the connection may already be gone; nothing is lost by not saying goodbye
        logger.debug("imap logout failed", exc_info=True)
