"""One error tree: every SMTP transaction failure is a typed OutreachError the sender acts on by its type."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import cast

import pytest

from outreach.errors import (
    AuthRefused,
    Disconnected,
    OutcomeUnknown,
    OutreachError,
    PermanentFailure,
    RateLimited,
    TemporaryFailure,
)
from outreach.sending.smtpsession import transaction_failed
from outreach.store.locks import database_file, lock_path
from tests.helpers import example_settings


@pytest.mark.parametrize(("message", "code", "handed_over", "kind"), [
    ("452 4.7.1 Rate limit exceeded, try again later (at RCPT TO)", 452, False, RateLimited),
    ("550 5.7.1 Daily sending quota exceeded (at MAIL FROM)", 550, False, RateLimited),
    ("535 5.7.8 Authentication credentials invalid (at MAIL FROM)", 535, False, AuthRefused),
    ("530 5.7.0 Must issue a STARTTLS command first (at MAIL FROM)", 530, False, AuthRefused),
    ("550 5.1.1 User unknown (at RCPT TO)", 550, False, PermanentFailure),
    ("451 4.3.0 Temporary lookup failure (at RCPT TO)", 451, False, TemporaryFailure),
    ("connection lost (reset) at DATA", None, False, TemporaryFailure),
    ("timed out at end of data", None, True, OutcomeUnknown),
])
def test_each_smtp_failure_has_its_type(message: str, code: int | None, handed_over: bool,
                                        kind: type[OutreachError]) -> None:
    """The server's code and words decide the type; no reply after the final dot is OutcomeUnknown."""
    error = transaction_failed(message, code, handed_over=handed_over, connection_lost=code is None,
                               refused={"a@example.com": "550 5.1.1 nope"})
    assert (type(error), str(error), error.code, error.connection_lost, error.refused) == (
        kind, message, code, code is None, {"a@example.com": "550 5.1.1 nope"})


def test_lost_connections_are_connection_errors_for_callers() -> None:
    """A dead IMAP session and an SMTP answer that never came are ConnectionErrors as well as OutreachErrors."""
    assert [(issubclass(k, OutreachError), issubclass(k, ConnectionError)) for k in (Disconnected, OutcomeUnknown)] \
        == [(True, True), (True, True)]


def test_local_state_of_a_database_url_lives_beside_the_config(tmp_path: Path) -> None:
    """With paths.database a PostgreSQL URL, locks and notes being edited go beside the config, not into 'postgres:'."""
    settings = example_settings(tmp_path)
    # config.py reads paths.database as a Path today (which would fold the "//"); db.open_database takes a URL
    database = cast(Path, "postgresql://db.example/outreach")
    url = replace(settings, paths=replace(settings.paths, database=database))
    assert (database_file(url), lock_path(url, ".send-lock"), database_file(settings)) == (
        tmp_path / "outreach.db", tmp_path / "outreach.db.send-lock", tmp_path / "outreach.db")
