"""Recovery from outages, secrets in server answers, `run --once` that keeps going, a full or read-only disk."""

from __future__ import annotations

import base64
import contextlib
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from outreach.cli.main import App
from outreach.cli.run import run_every_job_once
from outreach.config.settings import Settings
from outreach.daemon import jobs
from outreach.errors import DatabaseError, JobsFailed
from outreach.store.db import close_database, open_database
from outreach.store.models import Reply, RuntimeState
from outreach.testing import MailRig
from outreach.testing.sendqueue import open_settings, queue_approved, sending_config
from tests.test_mailbox import wait_until
from tests.watchkit import ACCEPT, DECLINE, reply_to, sent_draft, watch_settings

NOW = datetime.now(UTC)


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
        with contextlib.suppress(TimeoutError):  # the assertions below show the daemon's log
            wait_until(lambda: Reply.select().count() == 3, 60)  # a hang guard; bench_watcher times the return
    finally:
        err = stop_daemon(daemon)
    # the reconnect backoff is capped at idle_renew_seconds (10 s)
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


# ------------------------------------------------------------------ 7: a server that echoes the password

class EchoingImap:
    """A loopback IMAP server that refuses every LOGIN and echoes the command, password included."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn: socket.socket) -> None:
        with conn, conn.makefile("rwb") as wire:
            wire.write(b"* OK [CAPABILITY IMAP4rev1 IDLE] echo ready\r\n")
            wire.flush()
            for line in wire:
                tag, _, command = line.rstrip(b"\r\n").partition(b" ")
                verb = command.split(b" ", 1)[0].upper()
                if verb == b"CAPABILITY":
                    wire.write(b"* CAPABILITY IMAP4rev1 IDLE\r\n" + tag + b" OK done\r\n")
                elif verb == b"LOGIN":
                    wire.write(tag + b" NO [AUTHENTICATIONFAILED] rejected " + command + b"\r\n")
                elif verb == b"LOGOUT":
                    wire.write(b"* BYE bye\r\n" + tag + b" OK done\r\n")
                    wire.flush()
                    return
                else:
                    wire.write(tag + b" BAD unexpected\r\n")
                wire.flush()

    def close(self) -> None:
        self.listener.close()


# an IMAP-quoted form differs from the raw one, and the raw one is not a word the output could hold
PASSWORD = 'pa"ss\\w0rd-7f3e'


def outreach(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "JOURNAL_STREAM"}
    return subprocess.run([sys.executable, "-m", "outreach", "-c", str(config), *args], env=env,
                          capture_output=True, text=True, timeout=60)


def assert_no_password(config: Path, *texts: str) -> None:
    database = "\n".join(sqlite3.connect(config.parent / "outreach.db").iterdump())
    plain = base64.b64encode(f"\0me@example.test\0{PASSWORD}".encode()).decode()
    for form in (PASSWORD, PASSWORD.replace("\\", "\\\\").replace('"', '\\"'), "w0rd-7f3e", plain):
        for where, text in (("database", database), *(("output", t) for t in texts)):
            assert form not in text, (form, where, text)


def test_an_imap_server_echoing_the_password_leaves_it_nowhere(tmp_path: Path, mailrig: MailRig) -> None:
    """run --once, the pause stored in the database and `status` show the refused login without the password."""
    server = EchoingImap()
    try:
        config = sending_config(tmp_path, mailrig, smtp="fault", password=PASSWORD)
        data = yaml.safe_load(config.read_text())
        data["imap"].update(host="127.0.0.1", port=server.port, security="plain", ca_file=None)
        config.write_text(yaml.safe_dump(data))
        queue_approved(open_settings(config), ["alex@example.com"], NOW)
        once = outreach(config, "run", "--once")
        status = outreach(config, "status")
    finally:
        server.close()
    refused = (f"imap 127.0.0.1:{server.port} refused login for me@example.test: [AUTHENTICATIONFAILED] rejected "
               f"LOGIN me@example.test [REDACTED]; check the password from password_file {tmp_path / 'password'}")
    assert (once.returncode, once.stdout.splitlines()[1:]) == (1, [
        f"send: sending paused until {_local_hour(once.stdout)}: {refused}",
        "send: draft 1 deferred: not tried: sending is paused"])
    assert once.stderr.splitlines()[-2:] == [f"watch: error: {refused}", "error: 1 job(s) failed: watch"]
    assert f"{refused}. Sending is paused for the whole account" in status.stdout
    assert_no_password(config, once.stdout, once.stderr, status.stdout, status.stderr)


def test_an_smtp_server_echoing_the_credentials_leaves_them_nowhere(tmp_path: Path, mailrig: MailRig,
                                                                    faults: Callable[..., None]) -> None:
    """An AUTH refusal quoting the AUTH PLAIN blob and the password is stored and shown redacted."""
    config = sending_config(tmp_path, mailrig, smtp="fault")
    secret = tmp_path / "smtp-password"
    secret.write_text(PASSWORD + "\n")
    secret.chmod(0o600)
    data = yaml.safe_load(config.read_text())
    data["smtp"].update(save_to_sent="never", password_file=str(secret))
    config.write_text(yaml.safe_dump(data))
    queue_approved(open_settings(config), ["alex@example.com"], NOW)
    faults({"auth": "535 5.7.8 rejected AUTH PLAIN {plain} for {login} with {password}"})
    once = outreach(config, "run", "--once")
    status = outreach(config, "status")
    refused = (f"smtp 127.0.0.1:{mailrig.fault_smtps_port} refused login for me@example.test: 535 5.7.8 rejected "
               f"AUTH PLAIN [REDACTED] for me@example.test with [REDACTED]; check the password from "
               f"password_file {secret}")
    assert (once.returncode, once.stdout.splitlines()[1:]) == (0, [
        f"send: sending paused until {_local_hour(once.stdout)}: {refused}",
        "send: draft 1 deferred: not tried: sending is paused",
        "watch: INBOX: 0 new messages, 0 replies (first scan)"])
    assert f"{refused}. Sending is paused for the whole account" in status.stdout
    assert_no_password(config, once.stdout, once.stderr, status.stdout, status.stderr)


def _local_hour(stdout: str) -> str:
    """The pause's end as run --once printed it (an hour from now, in the user's zone)."""
    found = re.search(r"sending paused until (\S+ \S+ \S+):", stdout)
    assert found, stdout
    return found.group(1)


# ------------------------------------------------------------------ 8: run --once keeps going; a full or read-only disk

def test_run_once_runs_every_job_whatever_one_raises(tmp_path: Path, mailrig: MailRig, mail_user: str,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A job that fails with a bug is reported on one line; the later jobs still run; the exit is 1."""
    config = sending_config(tmp_path, mailrig, user=mail_user)

    def broken(settings: Settings, now: datetime) -> list[str]:
        raise KeyError("contact")

    monkeypatch.setattr(jobs, "due_drafts_job", broken)
    with pytest.raises(JobsFailed) as failed:
        run_every_job_once(App(config, verbose=False))
    out, err = capsys.readouterr()
    assert (out.splitlines()[1:], err.splitlines(), str(failed.value)) == (
        ["watch: INBOX: 0 new messages, 0 replies (first scan)"],
        ["due-drafts: error: unexpected KeyError: 'contact' (a bug; -v shows the traceback)"],
        "1 job(s) failed: due-drafts")


@contextlib.contextmanager
def small_disk(path: Path, size: str) -> Iterator[Path]:
    """A tmpfs of `size` mounted at `path` (root only; skipped elsewhere)."""
    path.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()}); needs root")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(disk: Path, leave: int) -> None:
    """Fill `disk` but for `leave` bytes."""
    fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    written = 0
    try:
        while True:
            written += os.write(fd, bytes(65536))
    except OSError:
        os.ftruncate(fd, max(0, written - leave))
    finally:
        os.close(fd)


MANY_INTRODUCTIONS = "introductions:\n" + "".join(
    f"  - {{name: Person {i}, email: person{i}@example.com, company: Example {i}, referred_by: Maria Lopez,"
    f" topics: [a long list of topics to make the rows big, {'x' * 200}]}}\n" for i in range(300))


def test_a_full_disk_is_named_as_such_and_nothing_is_half_written(tmp_path: Path, mailrig: MailRig,
                                                                    mail_user: str) -> None:
    """SQLite's "database or disk is full" (not the rollback error that masked it) in one line per job."""
    with small_disk(tmp_path / "disk", "1m") as disk:
        config = sending_config(tmp_path, mailrig, user=mail_user)
        data = yaml.safe_load(config.read_text())
        data["paths"]["database"] = str(disk / "outreach.db")
        config.write_text(yaml.safe_dump(data))
        (tmp_path / "introductions.yaml").write_text(MANY_INTRODUCTIONS)
        close_database()
        open_settings(config)
        close_database()  # the database exists, with its schema
        fill(disk, leave=64 * 1024)
        once = outreach(config, "run", "--once")
        sync = outreach(config, "sync")
        contacts = sqlite3.connect(disk / "outreach.db").execute("select count(*) from contacts").fetchone()[0]
    full = (f"cannot write the database {disk / 'outreach.db'}: the disk is full; free some space there and run "
            "again (the failed step changed nothing)")
    assert (once.returncode, f"sync: error: {full}" in once.stderr.splitlines()) == (1, True), once.stderr
    assert (sync.returncode, sync.stderr.splitlines()[-1:], contacts) == (1, [f"error: {full}"], 0)
    assert "cannot rollback" not in once.stderr + sync.stderr


def test_a_read_only_database_is_named_as_such(tmp_path: Path, mailrig: MailRig, mail_user: str) -> None:
    """A database on a file system mounted read-only gets a one-line error saying so."""
    with small_disk(tmp_path / "disk", "1m") as disk:
        config = sending_config(tmp_path, mailrig, user=mail_user)
        data = yaml.safe_load(config.read_text())
        data["paths"]["database"] = str(disk / "outreach.db")
        config.write_text(yaml.safe_dump(data))
        close_database()
        open_settings(config)
        close_database()
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        once = outreach(config, "run", "--once")
    assert (once.returncode, once.stderr.splitlines()) == (1, [
        f"error: cannot open the database {disk / 'outreach.db'}: it is read-only (the file, its folder or the "
        "file system); make it writable and run again (the failed step changed nothing)"])


def test_a_write_refused_as_read_only_is_named_as_such(tmp_path: Path) -> None:
    """SQLite's "attempt to write a readonly database" (here from PRAGMA query_only) becomes a one-line error."""
    database = open_database(tmp_path / "outreach.db")
    database.execute_sql("PRAGMA query_only = 1")
    try:
        with pytest.raises(DatabaseError) as refused:
            RuntimeState.write("probe", 1, NOW)
    finally:
        close_database()
    assert str(refused.value) == (
        f"cannot write the database {tmp_path / 'outreach.db'}: it is read-only (the file, its folder or the "
        "file system); make it writable and run again (the failed step changed nothing)")
