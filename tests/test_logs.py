"""Secrets never reach a log line, whatever the level or the path through which they are logged."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from outreach.config.reader import load_settings
from outreach.errors import LoginRefused
from outreach.logs import RedactingFilter, redact, register_secret
from tests.helpers import write_config

CANARY = "canary-secret-91f0"


def test_resolved_password_is_redacted_from_every_log_record(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Once resolved, a password is replaced in messages, arguments and tracebacks at every level."""
    monkeypatch.setenv("OUTREACH_TEST_PASSWORD", CANARY)
    settings = load_settings(write_config(tmp_path))
    register_secret("secret")  # a shorter secret inside the canary (the test servers' password)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("outreach.test_logs")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        secret = settings.imap.secret.resolve()
        logger.debug("login with %s", secret)
        logger.info("password=" + secret)
        try:
            raise RuntimeError(f"server said: bad password {secret}")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert CANARY not in output
    assert output.splitlines()[:3] == ["login with [REDACTED]", "password=[REDACTED]", "failed"]
    assert "RuntimeError: server said: bad password [REDACTED]" in output


REDACTION_CASES = [
    # (what the server said, what may be shown); the registered secret is pa"ss\w0rd
    ('NO [AUTHENTICATIONFAILED] rejected LOGIN me "pa\\"ss\\\\w0rd"',
     "NO [AUTHENTICATIONFAILED] rejected LOGIN me [REDACTED]"),
    ("535 5.7.8 bad password pa\"ss\\w0rd for me", "535 5.7.8 bad password [REDACTED] for me"),
    ("535 rejected AUTH PLAIN AG1lAHBhInNzXHcwcmQ=", "535 rejected AUTH PLAIN [REDACTED]"),
    ("535 5.7.8 AG1lAHBhInNzXHcwcmQ= is not valid", "535 5.7.8 [REDACTED] is not valid"),
    ("535 bad password cGEic3NcdzByZA==", "535 bad password [REDACTED]"),
    # whatever the password was, an echoed LOGIN or AUTH loses its credentials
    ('NO rejected LOGIN "me" "another one"', 'NO rejected LOGIN "me" [REDACTED]'),
    ("NO rejected LOGIN me hunter2", "NO rejected LOGIN me [REDACTED]"),
    ("NO AUTHENTICATE XOAUTH2 dXNlcj1tZQFhdXRoPUJlYXJlciB0b2sBAQ== failed",
     "NO AUTHENTICATE XOAUTH2 [REDACTED] failed"),
    # nothing else is touched, and redacting twice changes nothing
    ("535 5.7.8 Authentication credentials invalid", "535 5.7.8 Authentication credentials invalid"),
    ("NO rejected LOGIN me [REDACTED]", "NO rejected LOGIN me [REDACTED]"),
]


@pytest.mark.parametrize(("said", "shown"), REDACTION_CASES)
def test_server_answers_lose_the_password_in_every_form(said: str, shown: str) -> None:
    """A password echoed raw, IMAP-quoted or in base64 (alone or in an AUTH PLAIN blob) is redacted."""
    register_secret('pa"ss\\w0rd')
    assert redact(said) == shown


def test_error_messages_are_redacted_when_made() -> None:
    """An OutreachError carrying a server's answer never holds the password, however it is shown."""
    register_secret("hunter22")
    error = LoginRefused("imap example.test:993 refused login for me: NO bad password hunter22")
    assert (str(error), repr(error)) == (
        "imap example.test:993 refused login for me: NO bad password [REDACTED]",
        "LoginRefused('imap example.test:993 refused login for me: NO bad password [REDACTED]')")
