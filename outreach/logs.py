"""Logging set-up for the entry points, and the redactor that keeps secrets out of every log line."""

from __future__ import annotations

import logging
import os
import sys

_secrets: set[str] = set()
REDACTED = "[REDACTED]"


def register_secret(secret: str) -> None:
    """From now on, `secret` is replaced by [REDACTED] in every log record."""
    if len(secret) >= 3:
        _secrets.add(secret)


def redact(text: str) -> str:
    # Longest first: a secret that contains another one must still disappear whole.
    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


class RedactingFilter(logging.Filter):
    """Renders each record's message once, with every known secret removed."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _secrets:
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
