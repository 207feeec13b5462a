"""The user's Sent folder over IMAP: file the exact bytes sent, and find evidence that a draft went out.

Evidence, strongest first: a copy in Sent carrying the draft's private
X-Outreach-Draft header; a copy with its Message-ID (or the ID a provider put in
its place); a message in the inbox that replies to it (In-Reply-To/References).
"""

from __future__ import annotations

import logging
import time as clock
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from outreach.config.settings import ImapSettings, SmtpSettings
from outreach.errors import ConnectionFailed
from outreach.mailconn import explained_errors, open_imap
from outreach.store.models import Draft

if TYPE_CHECKING:
    from imapclient import IMAPClient

logger = logging.getLogger(__name__)

IDENTITY_HEADER = "X-Outreach-Draft"
# Providers known to file what you send over SMTP in Sent themselves; `auto` waits briefly for their copy.
SELF_FILING_HOSTS = ("smtp.gmail.com", "smtp.googlemail.com", "smtp.office365.com", "smtp-mail.outlook.com")
PROVIDER_COPY_WAIT_SECONDS = 3.0


@dataclass(frozen=True)
class Evidence:
    where: str  # e.g. "Sent (X-Outreach-Draft header)"
    date: datetime | None  # the copy's Date header, when it has one


class SentMailbox:
    """One IMAP session: the Sent folder (special-use unless configured) and the inbox."""

    def __init__(self, client: IMAPClient, settings: ImapSettings) -> None:
        self.client = client
        self.settings = settings
        self.sent_folder = self._find_sent_folder()

    def _find_sent_folder(self) -> str:
        configured = self.settings.folders.sent
        if configured != "auto":
            return configured
        from imapclient.imapclient import SENT

        with self._errors():
            found = self.client.find_special_folder(SENT)
        if not found:
            raise ConnectionFailed(
                f"imap {self.settings.address}: no folder is marked as Sent (RFC 6154 \\Sent) and none has a "
                "usual name; set imap.folders.sent to your Sent folder's name"
            )
        return str(found)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        from imapclient.exceptions import IMAPClientError

        with explained_errors(self.settings, "imap"):
            try:
                yield
            except IMAPClientError as exc:
                raise ConnectionFailed(f"imap {self.settings.address}: {exc}") from None

    def _search(self, folder: str, header: str, value: str) -> list[int]:
        with self._errors():
            self.client.select_folder(folder, readonly=True)
            return list(self.client.search(["HEADER", header, value]))

    def _date_of(self, uid: int) -> datetime | None:
        with self._errors():
            data = self.client.fetch([uid], [b"BODY.PEEK[HEADER.FIELDS (DATE)]"])
        raw = b""
        for fields in data.values():
            raw = fields.get(b"BODY[HEADER.FIELDS (DATE)]", b"")
        _, _, value = raw.decode("ascii", "replace").partition(":")
        try:
            return parsedate_to_datetime(value.strip())
        except (TypeError, ValueError):
            return None

    def find_copy(self, draft: Draft) -> Evidence | None:
        """A copy of this draft in Sent: by identity header, then Message-ID, then a provider's ID."""
        searches = [(IDENTITY_HEADER, draft.identity, "X-Outreach-Draft header"),
                    ("Message-ID", draft.message_id, "Message-ID")]
        if draft.server_message_id:
            searches.append(("Message-ID", draft.server_message_id, "the provider's Message-ID"))
        for header, value, label in searches:
            uids = self._search(self.sent_folder, header, value)
            if uids:
                return Evidence(f"{self.sent_folder} ({label})", self._date_of(uids[0]))
        return None

    def find_reply(self, draft: Draft) -> Evidence | None:
        """A message in the inbox answering this draft proves it was delivered."""
        for message_id in filter(None, (draft.message_id, draft.server_message_id)):
            for header in ("In-Reply-To", "References"):
                if self._search(self.settings.folders.inbox, header, message_id):
                    return Evidence(f"{self.settings.folders.inbox} (a reply's {header})", None)
        return None

    def evidence(self, draft: Draft) -> Evidence | None:
        return self.find_copy(draft) or self.find_reply(draft)

    def append(self, raw: bytes, when: datetime) -> None:
        """File `raw` (the exact bytes sent) in Sent, marked read."""
        with self._errors():
            self.client.append(self.sent_folder, raw, flags=(b"\\Seen",), msg_time=when)

    def close(self) -> None:
        try:
            self.client.logout()
        except Exception:  # already gone: nothing to clean up
            logger.debug("imap logout failed", exc_info=True)


def open_sent_mailbox(settings: ImapSettings) -> SentMailbox:
    client = open_imap(settings)
    try:
        return SentMailbox(client, settings)
    except BaseException:
        client.shutdown()
        raise


def file_copy(box: SentMailbox, smtp: SmtpSettings, draft: Draft, raw: bytes, when: datetime) -> str:
    """Put the sent bytes in Sent per `smtp.save_to_sent`; returns what was done, for the log."""
    if smtp.save_to_sent == "never":
        return "no copy (save_to_sent: never)"
    if smtp.save_to_sent == "auto":
        wait = PROVIDER_COPY_WAIT_SECONDS if smtp.host.lower() in SELF_FILING_HOSTS else 0.0
        deadline = clock.monotonic() + wait
        while True:
            found = box.find_copy(draft)
            if found is not None:
                return f"the server filed it in {found.where}"
            if clock.monotonic() >= deadline:
                break
            clock.sleep(0.25)
    box.append(raw, when)
    return f"copy appended to {box.sent_folder}"
