"""Logging set-up for the entry points, and the redactor that keeps secrets out of every log line,
every error message and everything stored from a server's answer."""

from __future__ import annotations

import binascii
import logging
import os
import re
import sys
from base64 import b64decode

_secrets: set[str] = set()
REDACTED = "[REDACTED]"

# A server may echo what it was sent: IMAP `LOGIN user "password"` (quoted, or an atom), SMTP
# `AUTH PLAIN <base64>`, IMAP `AUTHENTICATE XOAUTH2 <base64>`. These go whatever the secret was.
_QUOTED = r'"(?:[^"\\\r\n]|\\.)*"'
_LOGIN_ECHO = re.compile(rf'(\bLOGIN\s+(?:{_QUOTED}|[^\s"()]+)\s+)(?!\[REDACTED\])(?:{_QUOTED}|[^\s"()\]]+)')
_SASL_ECHO = re.compile(
    r"(\bAUTH(?:ENTICATE)?\s+(?:PLAIN|LOGIN|XOAUTH2|OAUTHBEARER)\s+)(?!REDACTED)[A-Za-z0-9+/]{4,}=*", re.IGNORECASE)
_BASE64 = re.compile(r"[A-Za-z0-9+/]{4,}=*")


def register_secret(secret: str) -> None:
    """From now on, `secret` is replaced by [REDACTED] wherever :func:`redact` looks."""
    if len(secret) >= 3:
        _secrets.add(secret)


def redact(text: str) -> str:
    """`text` without any known secret (as is, IMAP-quoted, or inside base64 such as an AUTH PLAIN
    blob) and without the credentials of an echoed LOGIN or AUTH command. Applied to every log line,
    every OutreachError message and every server answer before it is stored or shown."""
    if _secrets:
        # Longest first: a secret that contains another one must still disappear whole.
        for secret in sorted(_secrets, key=len, reverse=True):
            for form in (secret.replace("\\", "\\\\").replace('"', '\\"'), secret):  # IMAP-quoted, raw
                text = text.replace(form, REDACTED)
        text = _BASE64.sub(_redact_encoded, text)
    text = _LOGIN_ECHO.sub(rf"\1{REDACTED}", text)
    return _SASL_ECHO.sub(rf"\1{REDACTED}", text)


def _redact_encoded(match: re.Match[str]) -> str:
    token = match.group()
    data = token.rstrip("=")
    try:
        decoded = b64decode(data + "=" * (-len(data) % 4), validate=True)
    except (binascii.Error, ValueError):
        return token
    return REDACTED if any(secret.encode() in decoded for secret in _secrets) else token


class RedactingFilter(logging.Filter):
    """Renders each record's message once, redacted (see :func:`redact`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def setup_logging(level: int = logging.INFO) -> None:
    """Log to stderr; no timestamps under journald, which adds its own."""
    handler = logging.StreamHandler(sys.stderr)
    if os.environ.get("JOURNAL_STREAM"):
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("peewee", "asyncio", "imapclient", "aiosmtplib"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING) if level > logging.DEBUG else logging.DEBUG)
