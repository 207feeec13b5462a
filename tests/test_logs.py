"""Secrets never reach a log line, whatever the level or the path through which they are logged."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from outreach.config import load_settings
from outreach.logs import RedactingFilter, register_secret
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
