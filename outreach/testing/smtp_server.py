"""aiosmtpd SMTP server with fault injection that delivers into Dovecot over LMTP.

Run by `MailRig` as ``python -m outreach.testing.smtp_server CONFIG.json``.

Listeners (all on 127.0.0.1): ``smtp_port`` (25-style: STARTTLS offered, AUTH
only after TLS), ``submission_port`` (STARTTLS and AUTH required) and
``smtps_port`` (implicit TLS, AUTH required). Logins are checked against
Dovecot's passwd-file, so both servers know the same users.

Faults are a JSON object mapping a key to a fault; the config's ``faults`` are
the defaults and ``faults_file`` (written by ``MailRig.set_faults``) is re-read
on every RCPT and at the end of every DATA, so tests change faults while the
server runs. Keys:

- ``"<rcpt>"`` or ``"rcpt:<rcpt>"``: at RCPT TO for that recipient;
- ``"data:<rcpt>"`` or ``"data:*"``: after the final dot, for a message that
  has that recipient (or any message);
- ``"auth"``: the reply to AUTH (PLAIN or LOGIN) instead of checking the login; ``{login}``,
  ``{password}`` and ``{plain}`` (the AUTH PLAIN blob) in it are replaced by what the client
  sent, like a server that echoes credentials in its error.

A fault is a reply string (``"451 4.3.0 Try later"``; a reply starting with
421 also closes the connection) or an object::

    {"reply": "554 5.0.0 No", "delay": 2.5, "drop": true, "deliver": true, "times": 1}

- ``delay``: seconds to wait before acting (after delivering, at DATA);
- ``drop``: close the connection without sending any reply;
- ``deliver`` (DATA only): deliver the message over LMTP first. Defaults to
  true when neither ``reply`` nor ``drop`` is given, so ``{"delay": 5}`` is a
  slow 250 for a message that did arrive;
- ``times``: only the first N matching events since the faults were last set.

One key is a switch, not a fault: ``"smtputf8": "on"`` (or ``"off"``, the
default) makes EHLO offer SMTPUTF8 on connections opened from then on; with it
the server takes UTF-8 addresses and delivers them over LMTP with SMTPUTF8.

Every RCPT and DATA event is appended as one JSON line to ``journal_file``.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import signal
import smtplib
import ssl
import sys
import time
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.utils import formatdate
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

logger = logging.getLogger(__name__)

HOSTNAME = "mx.example.test"


@dataclass(frozen=True)
class Fault:
    """What the server does instead of its normal reply at one SMTP stage."""

    reply: str | None = None
    delay: float = 0.0
    drop: bool = False
    deliver: bool | None = None
    times: int | None = None

    @property
    def delivers(self) -> bool:
        """Whether a DATA-stage fault delivers the message before acting."""
        if self.deliver is not None:
            return self.deliver
        return self.reply is None and not self.drop


def parse_fault(key: str, value: object) -> Fault:
    """Turn one faults.json entry into a Fault; ValueError names the key."""
    if isinstance(value, str):
        return _checked(key, Fault(reply=value))
    if not isinstance(value, dict):
        raise ValueError(f"fault {key!r}: expected a reply string or an object, got {value!r}")
    unknown = set(value) - {"reply", "delay", "drop", "deliver", "times"}
    if unknown:
        raise ValueError(f"fault {key!r}: unknown field(s) {sorted(unknown)}")
    try:
        fault = Fault(
            reply=None if value.get("reply") is None else str(value["reply"]),
            delay=float(value.get("delay", 0.0)),
            drop=bool(value.get("drop", False)),
            deliver=None if value.get("deliver") is None else bool(value["deliver"]),
            times=None if value.get("times") is None else int(value["times"]),
        )
    except (TypeError, ValueError) as e:
        raise ValueError(f"fault {key!r}: {e}") from e
    return _checked(key, fault)


def _checked(key: str, fault: Fault) -> Fault:
    if not key or key == "data:":
        raise ValueError(f"fault key {key!r} names no recipient")
    if fault.reply is not None and not (fault.reply[:3].isdigit() and fault.reply[0] in "2345"):
        raise ValueError(f"fault {key!r}: reply {fault.reply!r} does not start with an SMTP code")
    if fault.delay < 0:
        raise ValueError(f"fault {key!r}: negative delay")
    return fault


SMTPUTF8_SWITCH = "smtputf8"


def parse_switch(raw: dict[str, Any]) -> bool | None:
    """The SMTPUTF8 switch of a faults mapping: True, False, or None when not set."""
    value = raw.get(SMTPUTF8_SWITCH)
    if value is None:
        return None
    if value not in ("on", "off"):
        raise ValueError(f"{SMTPUTF8_SWITCH!r}: expected \"on\" or \"off\", got {value!r}")
    return bool(value == "on")


def parse_faults(raw: object) -> dict[str, Fault]:
    """Parse a whole faults mapping (keys lower-cased); ValueError on the first bad entry."""
    if not isinstance(raw, dict):
        raise ValueError(f"faults must be a JSON object, got {type(raw).__name__}")
    parse_switch(raw)
    out = {}
    for key, value in raw.items():
        k = str(key).lower()
        if k == SMTPUTF8_SWITCH:
            continue
        if k.startswith("rcpt:"):
            k = k[5:]
        out[k] = parse_fault(k, value)
    return out


class FaultBook:
    """The current faults (defaults + faults file) and how often each has fired."""

    def __init__(self, defaults: dict[str, Fault], path: Path | None, smtputf8: bool = False) -> None:
        self.defaults = defaults
        self.path = path
        self.default_smtputf8 = smtputf8
        self._raw: bytes | None = None
        self._file: dict[str, Fault] = {}
        self._smtputf8: bool | None = None
        self._hits: dict[str, int] = {}

    def _reload(self) -> None:
        if self.path is None:
            return
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            raw = b""
        if raw == self._raw:
            return
        self._raw = raw
        self._hits.clear()  # new faults: every `times` counter starts again
        data = json.loads(raw) if raw.strip() else {}
        if isinstance(data, dict) and "faults" in data:
            data = data["faults"]
        try:
            self._file = parse_faults(data)
            self._smtputf8 = parse_switch(data)
        except ValueError:
            logger.exception("ignoring invalid faults file %s", self.path)
            self._file, self._smtputf8 = {}, None

    def smtputf8(self) -> bool:
        """Whether EHLO offers SMTPUTF8 right now."""
        self._reload()
        return self.default_smtputf8 if self._smtputf8 is None else self._smtputf8

    def take(self, *keys: str) -> tuple[str, Fault] | None:
        """The first of `keys` with a live fault; counts it as fired."""
        self._reload()
        for key in keys:
            fault = self._file.get(key) or self.defaults.get(key)
            if fault is None:
                continue
            hits = self._hits.get(key, 0)
            if fault.times is not None and hits >= fault.times:
                continue
            self._hits[key] = hits + 1
            return key, fault
        return None


def read_users(passwd_file: Path) -> dict[str, str]:
    """Dovecot passwd-file lines ``user:{PLAIN}password::::::`` -> {user: password}."""
    users = {}
    for line in passwd_file.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        user, _, rest = line.partition(":")
        password = rest.split(":", 1)[0]
        users[user.lower()] = password.removeprefix("{PLAIN}")
    return users


class Handler:
    """aiosmtpd handler: faults, local-user checks, LMTP delivery, journal."""

    def __init__(self, cfg: dict[str, Any]) -> None:
        self.lmtp_port = int(cfg["lmtp_port"])
        self.users_file = Path(cfg["users_file"])
        self.journal = Path(cfg["journal_file"]) if cfg.get("journal_file") else None
        faults_file = Path(cfg["faults_file"]) if cfg.get("faults_file") else None
        self.faults = FaultBook(parse_faults(cfg.get("faults", {})), faults_file, bool(cfg.get("smtputf8", False)))

    def users(self) -> dict[str, str]:
        return read_users(self.users_file)

    def record(self, **event: Any) -> None:
        if self.journal is not None:
            with self.journal.open("a") as f:
                f.write(json.dumps({"t": time.time(), **event}) + "\n")

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        rcpt = address.lower()
        hit = self.faults.take(rcpt)
        if hit is not None:
            key, fault = hit
            self.record(event="rcpt", rcpt=address, fault=key, reply=fault.reply, drop=fault.drop)
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.drop:
                return await _drop(server)
            if fault.reply is not None:
                if fault.reply.startswith("421"):
                    asyncio.get_running_loop().call_soon(_close, server)
                return fault.reply
        domain = rcpt.rsplit("@", 1)[-1]
        users = self.users()
        if domain in {u.rsplit("@", 1)[-1] for u in users}:
            if rcpt not in users:
                return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        elif not session.authenticated:
            return f"554 5.7.1 <{address}>: Relay access denied"
        else:
            return "550 5.7.1 No relaying beyond the test domains"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        keys = [f"data:{r.lower()}" for r in envelope.rcpt_tos] + ["data:*"]
        hit = self.faults.take(*keys)
        key, fault = hit if hit is not None else (None, Fault())
        data = envelope.original_content or b""
        if isinstance(data, str):
            data = data.encode()
        message_id = BytesHeaderParser().parsebytes(data).get("Message-ID")
        event: dict[str, Any] = {
            "event": "data",
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "message_id": message_id,
            "fault": key,
            "smtputf8": envelope.smtp_utf8,
            "delivered": False,
        }
        reply = fault.reply
        if fault.delivers:
            peer = session.peer[0] if session.peer else "unknown"
            received = (
                f"Received: from {session.host_name} ([{peer}]) by {HOSTNAME} (aiosmtpd)"
                f" with ESMTP{'SA' if session.authenticated else ''}; {formatdate(localtime=True)}\r\n"
            ).encode()
            refused = await asyncio.get_running_loop().run_in_executor(
                None, self.lmtp_deliver, envelope.mail_from or "", envelope.rcpt_tos, received + data
            )
            event["delivered"] = len(refused) < len(envelope.rcpt_tos)
            event["refused"] = {r: [code, msg.decode(errors="replace")] for r, (code, msg) in refused.items()}
            if reply is None and refused and len(refused) == len(envelope.rcpt_tos):
                code, msg = next(iter(refused.values()))
                reply = f"{code} {msg.decode(errors='replace')}"
        event["reply"] = "(dropped)" if fault.drop else reply or "250"
        self.record(**event)
        if fault.delay:
            await asyncio.sleep(fault.delay)
        if fault.drop:
            return await _drop(server)
        if reply is not None and reply.startswith("421"):
            asyncio.get_running_loop().call_soon(_close, server)
        return reply or f"250 2.0.0 OK: queued as {time.time_ns()}"

    def lmtp_deliver(self, mail_from: str, rcpts: list[str], data: bytes) -> dict[str, tuple[int, bytes]]:
        """Deliver over LMTP; returns the refused recipients as {rcpt: (code, text)}."""
        utf8 = not all(a.isascii() for a in (mail_from, *rcpts))
        with smtplib.LMTP("127.0.0.1", self.lmtp_port, timeout=30) as lmtp:
            try:
                return lmtp.sendmail(mail_from, rcpts, data, mail_options=["SMTPUTF8"] if utf8 else ())
            except smtplib.SMTPRecipientsRefused as e:
                return dict(e.recipients)
            except smtplib.SMTPNotSupportedError:  # Dovecot 2.3's LMTP has no SMTPUTF8; answer as Postfix does
                return {r: (550, b"5.6.7 SMTPUTF8 is required, but was not offered by the LMTP server") for r in rcpts}


def _close(server: SMTP) -> None:
    if server.transport is not None:
        server.transport.close()


async def _drop(server: SMTP) -> str:
    """Cut the connection without a reply. connection_lost() then cancels this session's task."""
    original = getattr(server, "_original_transport", None)  # raw TCP under STARTTLS
    for transport in (server.transport, original):
        if isinstance(transport, asyncio.Transport):
            transport.abort()
    await asyncio.sleep(3600)
    return "421 4.4.2 Connection dropped"  # not reached: the session task is cancelled


def authenticator(users_file: Path, faults: FaultBook | None = None) -> Any:
    def check(server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any) -> AuthResult:
        hit = faults.take("auth") if faults is not None else None
        if hit is not None and hit[1].reply is not None and isinstance(auth_data, LoginPassword):
            login, secret = auth_data.login, auth_data.password
            plain = base64.b64encode(b"\0" + login + b"\0" + secret).decode()
            echo = hit[1].reply.format(login=login.decode(errors="replace"), plain=plain,
                                       password=secret.decode(errors="replace"))
            return AuthResult(success=False, handled=False, message=echo)
        if isinstance(auth_data, LoginPassword):
            user, password = auth_data.login.decode(), auth_data.password.decode()
            if read_users(users_file).get(user.lower()) == password:
                return AuthResult(success=True, auth_data=user)
        return AuthResult(success=False, handled=False)

    return check


async def serve(cfg: dict[str, Any]) -> None:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cfg["cert"], cfg["key"])
    handler = Handler(cfg)
    auth = authenticator(Path(cfg["users_file"]), handler.faults)
    loop = asyncio.get_running_loop()

    def smtp(**kw: Any) -> SMTP:
        # always pass hostname: the default is socket.getfqdn(), a DNS lookup
        return SMTP(handler, hostname=HOSTNAME, authenticator=auth, ident="outreach mailrig aiosmtpd",
                    enable_SMTPUTF8=handler.faults.smtputf8(), **kw)

    servers = [
        await loop.create_server(lambda: smtp(tls_context=ctx, auth_require_tls=True), "127.0.0.1", cfg["smtp_port"]),
        await loop.create_server(
            lambda: smtp(tls_context=ctx, require_starttls=True, auth_required=True, auth_require_tls=True),
            "127.0.0.1",
            cfg["submission_port"],
        ),
        # implicit TLS: aiosmtpd only counts STARTTLS as TLS, so auth_require_tls=True would hide AUTH here
        await loop.create_server(
            lambda: smtp(auth_required=True, auth_require_tls=False), "127.0.0.1", cfg["smtps_port"], ssl=ctx
        ),
    ]
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    for s in servers:
        s.close()


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m outreach.testing.smtp_server CONFIG.json", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    cfg = json.loads(Path(argv[0]).read_text())
    asyncio.run(serve(cfg))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
