"""What the tests do with the rig's mailboxes: deliver, append, read, wait for mail, kick sessions, and wait
until Postfix takes a new address.

A mixin of MailRig (mailrig.py starts and stops the servers); its methods need only the rig's root,
users, ports and CA, named by the _Rig protocol.
"""

from __future__ import annotations

import os
import re
import shutil
import smtplib
import ssl
import subprocess
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Protocol

from imapclient import IMAPClient

from outreach.testing import rigconfig
from outreach.testing.processes import RigError

DOMAIN = "example.test"


class _Rig(Protocol):
    root: Path
    users: dict[str, str]

    @property
    def dovecot_conf(self) -> Path: ...
    @property
    def lmtp_port(self) -> int: ...
    @property
    def imap_port(self) -> int: ...
    @property
    def imaps_port(self) -> int: ...
    @property
    def smtp_port(self) -> int: ...
    def ssl_context(self) -> ssl.SSLContext: ...
    def imap_client(self, user: str, password: str | None = None, *, starttls: bool = False,
                    timeout: float = 10.0) -> IMAPClient: ...


class Mailboxes:
    """The rig's mailboxes as a test uses them (over LMTP, IMAP, doveadm, or straight into the Maildir)."""

    def kick(self: _Rig, user: str) -> None:
        """Disconnect every IMAP session of `user` (doveadm kick on this private instance)."""
        result = subprocess.run(["doveadm", "-c", str(self.dovecot_conf), "kick", user], capture_output=True, text=True)
        if result.returncode not in (0, 68):  # 68 (EX_NOUSER): no session to kick
            raise RigError(f"doveadm kick {user} failed ({result.returncode}): {result.stderr.strip()}")

    def drop_in_maildir(self: _Rig, user: str, raw: bytes) -> None:
        """Deliver into `user`'s Maildir as a local delivery agent does; works while Dovecot is down."""
        local, domain = user.lower().split("@")
        new = self.root / "mail" / domain / local / "Maildir" / "new"
        tmp = new.parent / "tmp" / f"{time.time_ns()}.{os.getpid()}.mailrig"
        tmp.write_bytes(raw)
        owner = rigconfig.mail_owner()
        if owner is not None:
            shutil.chown(tmp, *owner)
        tmp.replace(new / tmp.name)

    def deliver(self: _Rig, to: str | Iterable[str], raw: bytes, mail_from: str = f"sender@{DOMAIN}") -> None:
        """Put a message straight into INBOX over LMTP (no SMTP server involved)."""
        rcpts = [to] if isinstance(to, str) else list(to)
        with smtplib.LMTP("127.0.0.1", self.lmtp_port, timeout=30) as lmtp:
            refused = lmtp.sendmail(mail_from, rcpts, raw)
        if refused:
            raise RigError(f"LMTP refused {refused!r}")

    def imap_client(
        self: _Rig, user: str, password: str | None = None, *, starttls: bool = False, timeout: float = 10.0
    ) -> IMAPClient:
        """A logged-in IMAPClient (implicit TLS, or STARTTLS on imap_port); the caller logs out."""
        ctx = self.ssl_context()
        if starttls:
            client = IMAPClient("127.0.0.1", port=self.imap_port, ssl=False, timeout=timeout)
            client.starttls(ctx)
        else:
            client = IMAPClient("127.0.0.1", port=self.imaps_port, ssl=True, ssl_context=ctx, timeout=timeout)
        client.login(user, self.users.get(user.lower(), "secret") if password is None else password)
        return client

    def append(self: _Rig, user: str, folder: str, raw: bytes, flags: Iterable[bytes | str] = ()) -> int | None:
        """APPEND a message to `user`'s `folder`; returns its UID (from APPENDUID)."""
        client = self.imap_client(user)
        try:
            response = client.append(folder, raw, flags=tuple(flags))
        finally:
            client.logout()
        match = re.search(rb"APPENDUID \d+ (\d+)", response or b"")
        return int(match.group(1)) if match else None

    def messages(self: _Rig, user: str, folder: str = "INBOX") -> list[bytes]:
        """Every message in the folder as raw bytes, in UID order (BODY.PEEK[]: nothing marked read)."""
        client = self.imap_client(user)
        try:
            client.select_folder(folder, readonly=True)
            return list(_fetch_new(client, {}).values())
        finally:
            client.logout()

    def wait_for(
        self: _Rig,
        user: str,
        what: int | Callable[[bytes], bool],
        folder: str = "INBOX",
        timeout: float = 10.0,
    ) -> list[bytes]:
        """Poll (NOOP + SEARCH) until the folder holds `what` messages, or one matches `what`.

        With a count, returns every message once there are at least that many;
        with a predicate over raw bytes, returns the matching messages once
        there is one. Raises TimeoutError saying what was there.
        """
        client = self.imap_client(user)
        seen: dict[int, bytes] = {}
        try:
            client.select_folder(folder, readonly=True)
            deadline = time.monotonic() + timeout
            while True:
                seen.update(_fetch_new(client, seen))
                if isinstance(what, int):
                    if len(seen) >= what:
                        return list(seen.values())
                else:
                    found = [m for m in seen.values() if what(m)]
                    if found:
                        return found
                if time.monotonic() > deadline:
                    break
                time.sleep(0.02)
                client.noop()
        finally:
            client.logout()
        subjects = [_subject(m) for m in seen.values()]
        wanted = f"{what} message(s)" if isinstance(what, int) else "a matching message"
        raise TimeoutError(f"{user} {folder}: no {wanted} after {timeout} s; has {len(seen)}: {subjects}")


    def wait_postfix_accepts(self: _Rig, address: str, timeout: float = 10.0) -> None:
        """Until Postfix (reloaded after add_user) takes `address` at RCPT."""
        deadline = time.monotonic() + timeout
        reply: tuple[int, bytes] = (0, b"")
        while time.monotonic() < deadline:
            with smtplib.SMTP("127.0.0.1", self.smtp_port, timeout=5) as s:
                s.ehlo("mailrig.test")
                s.mail("", [] if address.isascii() else ["SMTPUTF8"])  # smtplib then sends UTF-8
                reply = s.rcpt(address)
                s.rset()
            if reply[0] == 250:
                return
            time.sleep(0.02)
        raise RigError(f"Postfix still refuses {address} after reload: {reply!r}")

def _fetch_new(client: IMAPClient, seen: Mapping[int, bytes]) -> dict[int, bytes]:
    # UID lists, not "1:*": imapclient 4.1 rejects range strings in its unsolicited-response filter
    uids = [u for u in client.search(["ALL"]) if u not in seen]
    out: dict[int, bytes] = {}
    for i in range(0, len(uids), 500):
        fetched = client.fetch(uids[i : i + 500], [b"BODY.PEEK[]"])
        out |= {uid: data[b"BODY[]"] for uid, data in sorted(fetched.items())}
    return dict(sorted(out.items()))


def _subject(raw: bytes) -> str:
    match = re.search(rb"^Subject: ?(.*)$", raw, re.MULTILINE | re.IGNORECASE)
    return match.group(1).decode(errors="replace").strip() if match else "(no subject)"
