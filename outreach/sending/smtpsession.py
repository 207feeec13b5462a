"""One SMTP mail transaction, split so the caller knows when the message was handed over.

aiosmtplib's `sendmail` does MAIL, RCPT and DATA in one call; here DATA is split
into the DATA command (354) and the content with its final dot, and the caller's
`before_final_dot` hook runs in between. Until that hook has run, a failure
proves the server never accepted the message; after it, only the server's reply
can tell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from outreach.crashpoints import crashpoint
from outreach.errors import (
    AuthRefused,
    OutcomeUnknown,
    PermanentFailure,
    RateLimited,
    TemporaryFailure,
    TransactionFailed,
)
from outreach.logs import redact

if TYPE_CHECKING:
    import aiosmtplib

# RFC 5321 4.5.3.2 gives the server up to 10 minutes to answer the final dot; giving up early
# turns a slow server into a "needs review" draft, so wait longer than for other replies.
FINAL_REPLY_TIMEOUT = 300.0
_RATE_LIMIT = re.compile(
    r"rate.?limit|rate exceeded|too many (connections|messages|mails|emails|logins|auth|requests|sessions)"
    r"|throttl|quota|limit exceeded|sending limit|try again later", re.IGNORECASE)
_AUTH_CODES = (530, 534, 535, 538)
_PROVIDER_ID = re.compile(r"<([^<>@\s]+@[^<>\s]+)>")


@dataclass
class Accepted:
    reply: str  # "250 2.0.0 Ok: queued as ..."
    refused: dict[str, str] = field(default_factory=dict)  # recipient -> "550 5.1.1 ..."
    server_message_id: str | None = None


def transaction_failed(message: str, code: int | None = None, *, handed_over: bool = False,
                       connection_lost: bool = False, refused: dict[str, str] | None = None) -> TransactionFailed:
    """The typed error for a transaction that ended without a 250. `handed_over`: the final dot may have
    reached the server, so without a reply the message may have been accepted anyway."""
    kind: type[TransactionFailed]
    if code is not None and code >= 400 and _RATE_LIMIT.search(message):
        kind = RateLimited
    elif code in _AUTH_CODES:
        kind = AuthRefused
    elif code is None:
        kind = OutcomeUnknown if handed_over else TemporaryFailure
    else:
        kind = PermanentFailure if code >= 500 else TemporaryFailure
    return kind(message, code, connection_lost=connection_lost, refused=refused)


def reply_text(code: int, message: str) -> str:
    """A server's reply on one line, redacted: it is logged and stored with the draft."""
    return redact(f"{code} {' '.join(message.split())}")


async def transmit(smtp: aiosmtplib.SMTP, sender: str, recipients: Sequence[str], payload: bytes,
                   before_final_dot: Callable[[], None], timeout: float, smtputf8: bool = False) -> Accepted:
    """MAIL, RCPT for each recipient, DATA, then `payload` (CRLF lines) and the final dot.
    `smtputf8`: the addresses and headers are UTF-8 (RFC 6531); the caller checked the server offers it."""
    import aiosmtplib

    stage = "MAIL FROM"
    handed_over = False
    refused: dict[str, str] = {}
    encoding = "utf-8" if smtputf8 else "ascii"
    try:
        options = [f"SIZE={len(payload)}"] if smtp.supports_extension("size") else []
        if smtputf8:
            options.append("SMTPUTF8")
            if smtp.supports_extension("8bitmime"):
                options.append("BODY=8BITMIME")  # UTF-8 headers are 8-bit data
        await smtp.mail(sender, options=options, encoding=encoding, timeout=timeout)
        stage = "RCPT TO"
        for rcpt in recipients:
            try:
                await smtp.rcpt(rcpt, encoding=encoding, timeout=timeout)
            except aiosmtplib.SMTPRecipientRefused as exc:
                refused[rcpt] = reply_text(exc.code, exc.message)
                if exc.code == 421:
                    raise
        if len(refused) == len(recipients):
            # a 4xx among them makes the whole draft worth retrying
            code, text = min((int(t[:3]), t) for t in refused.values())
            raise aiosmtplib.SMTPResponseException(code, text[4:])
        crashpoint("after_rcpt")
        stage = "DATA"
        start = await smtp.execute_command(b"DATA", timeout=timeout)
        if start.code != 354:
            raise aiosmtplib.SMTPDataError(start.code, start.message)
        stage = "end of data"
        before_final_dot()
        protocol = smtp.protocol
        if protocol is None:
            raise aiosmtplib.SMTPServerDisconnected("Connection lost")
        handed_over = True
        # write() is synchronous and read_response() arms the reply before the loop runs again,
        # so no reply byte can slip in between (see aiosmtplib.protocol.SMTPProtocol.data_received).
        protocol.write(dot_stuffed(payload))
        crashpoint("after_final_dot")
        reply = await protocol.read_response(timeout=max(timeout, FINAL_REPLY_TIMEOUT))
        if reply.code != 250:
            raise aiosmtplib.SMTPDataError(reply.code, reply.message)
    except aiosmtplib.SMTPResponseException as exc:
        if exc.code == 421 or not smtp.is_connected:
            smtp.close()
        else:
            await _reset(smtp)
        raise transaction_failed(f"{reply_text(exc.code, exc.message)} (at {stage})", exc.code,
                                 connection_lost=not smtp.is_connected, refused=refused) from None
    except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError, OSError) as exc:
        smtp.close()
        what = "timed out" if isinstance(exc, TimeoutError) else f"connection lost ({exc})"
        raise transaction_failed(f"{what} at {stage}", handed_over=handed_over, connection_lost=True,
                                 refused=refused) from None
    text = reply_text(reply.code, reply.message)
    return Accepted(text, refused, _provider_id(reply.message))


def dot_stuffed(payload: bytes) -> bytes:
    """The DATA content as it goes on the wire: leading dots doubled, then the final dot."""
    if not payload.endswith(b"\r\n"):
        payload += b"\r\n"
    return re.sub(rb"(?m)^\.", b"..", payload) + b".\r\n"


def _provider_id(reply: str) -> str | None:
    """Some providers (e.g. Amazon SES) replace the Message-ID and name the new one in the 250."""
    match = _PROVIDER_ID.search(reply)
    return f"<{match.group(1)}>" if match else None


async def _reset(smtp: aiosmtplib.SMTP) -> None:
    import aiosmtplib

    try:
        await smtp.rset()
    except (aiosmtplib.SMTPException, OSError):
        smtp.close()
