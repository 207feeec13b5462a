"""Recovery from outages, secrets in server answers, `run --once` that keeps going, a full or read-only disk."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from outreach.models import Reply
from outreach.testing import MailRig
from tests.watchkit import ACCEPT, DECLINE, reply_to, sent_draft, watch_settings

NOW = datetime.now(UTC)


def wait_until(check: Callable[[], bool], timeout: float) -> float:
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"not true after {timeout} s")
        time.sleep(0.1)
    return time.monotonic() - started


def start_daemon(config: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("JOURNAL_STREAM", "NOTIFY_SOCKET")}
    return subprocess.Popen([sys.executable, "-m", "outreach", "-c", str(config), "run"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def stop_daemon(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    return err


# ------------------------------------------------------------------ 6: the watcher after an outage

GATE = """#!/bin/sh
# the IMAP password; once `arm` exists, the next caller says so in `waiting` and holds until `go` exists
if [ -e "$0.arm" ]; then
  rm -f "$0.arm"; touch "$0.waiting"
  while [ ! -e "$0.go" ]; do sleep 0.05; done
fi
echo secret
"""


def test_replies_that_arrive_during_an_imap_outage_are_read_promptly_after_it(
        tmp_path: Path, mailrig: MailRig, mail_user: str) -> None:
    """Dovecot stops just as a scan starts: the failed scan does not hold back the replies once it is back."""
    settings = watch_settings(tmp_path, mailrig, mail_user, idle_renew_seconds=10)
    gate = tmp_path / "gate.sh"
    gate.write_text(GATE)
    gate.chmod(0o700)
    config = yaml.safe_load(settings.source.read_text())
    config["imap"].pop("password_file")
    config["imap"]["password_command"] = str(gate)
    settings.source.write_text(yaml.safe_dump(config))
    contacts = [sent_draft(f"{name}@example.com", name.title(), NOW - timedelta(hours=2), settings)
                for name in ("alex", "priya", "ben")]
    daemon = start_daemon(settings.source)
    try:
        wait_until(lambda: (tmp_path / "outreach.db-wal").exists() and _scanned(settings.source), 20)
        Path(f"{gate}.arm").touch()
        mailrig.deliver(mail_user, reply_to(contacts[0], mail_user, ACCEPT))  # IDLE wakes the watch job...
        wait_until(Path(f"{gate}.waiting").exists, 20)  # ...which is now fetching its password
        mailrig.stop_dovecot()
        Path(f"{gate}.go").touch()  # the scan meets a refused connection
        mailrig.drop_in_maildir(mail_user, reply_to(contacts[1], mail_user, ACCEPT))
        mailrig.drop_in_maildir(mail_user, reply_to(contacts[2], mail_user, DECLINE))
        time.sleep(3)
        mailrig.start_dovecot()
        back = time.monotonic()
        with contextlib.suppress(TimeoutError):  # the assertions below show the daemon's log
            wait_until(lambda: Reply.select().count() == 3, 60)
        took = time.monotonic() - back
    finally:
        err = stop_daemon(daemon)
    assert took < 15, (took, err)  # the reconnect backoff is capped at idle_renew_seconds (10 s)
    assert (f"watch failed (imap {settings.imap.address}: connection refused; check imap.host and imap.port); "
            "retrying in 10 s") in err, err
    assert sorted(r.contact.email for r in Reply.select()) == [
        "alex@example.com", "ben@example.com", "priya@example.com"]


def _scanned(config: Path) -> bool:
    """Has the daemon finished its first scan (the inbox's place recorded)?"""
    import sqlite3

    with sqlite3.connect(config.parent / "outreach.db") as db:
        try:
            return bool(db.execute("select count(*) from mailbox_state").fetchone()[0])
        except sqlite3.OperationalError:
            return False
