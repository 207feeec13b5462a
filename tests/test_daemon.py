"""`outreach run` as systemd runs it: readiness, watchdog, reload, SIGTERM mid-send, crash restart, one instance."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from datetime import time as dt_time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from outreach.testing import MailRig
from outreach.testing.sendqueue import copies_by_message_id, open_settings, queue_approved, sending_config

NOW = datetime.now(UTC)
NEW_YORK = ZoneInfo("America/New_York")


class NotifySocket:
    """A fake systemd notify socket that collects what the daemon says."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.settimeout(0.2)
        self.messages: list[str] = []

    def collect(self, until: str, timeout: float = 30.0) -> list[str]:
        """Read datagrams until one contains `until`; return everything read so far."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(until in m for m in self.messages):
                return self.messages
            try:
                self.messages.append(self.sock.recv(4096).decode())
            except TimeoutError:
                continue
        raise AssertionError(f"no {until!r} from the daemon in {timeout} s; got {self.messages}")


@pytest.fixture
def notify(tmp_path: Path) -> Iterator[NotifySocket]:
    sock = NotifySocket(tmp_path / "notify.sock")
    yield sock
    sock.sock.close()


def start_daemon(config: Path, notify: NotifySocket | None = None, **env: str) -> subprocess.Popen[str]:
    full_env = {**os.environ, **env}
    full_env.pop("JOURNAL_STREAM", None)
    if notify is not None:
        full_env["NOTIFY_SOCKET"] = str(notify.path)
    return subprocess.Popen([sys.executable, "-m", "outreach", "-c", str(config), "run"], env=full_env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stop(proc: subprocess.Popen[str], sig: int = signal.SIGTERM, timeout: float = 30) -> tuple[int, str]:
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=timeout)
    return proc.returncode, err


def test_ready_watchdog_status_and_clean_stop(postfix: MailRig, tmp_path: Path, notify: NotifySocket,
                                              mail_user: str) -> None:
    """The daemon sends its queue, says READY=1 with a STATUS, pings the watchdog, and exits 0 on SIGTERM."""
    config = sending_config(tmp_path, postfix)
    settings = open_settings(config)
    [draft] = queue_approved(settings, [mail_user], NOW)
    proc = start_daemon(config, notify, WATCHDOG_USEC="1000000")
    try:
        said = notify.collect("READY=1")
        notify.collect("WATCHDOG=1", timeout=10)
    finally:
        code, err = stop(proc)
    ready = next(m for m in said if "READY=1" in m)
    assert ready.splitlines()[0] == "READY=1" and ready.splitlines()[1].startswith("STATUS=")
    assert "STOPPING=1" in notify.collect("STOPPING=1")
    assert code == 0, err
    assert copies_by_message_id(postfix, mail_user)[draft.message_id] == 1
    assert err.splitlines()[-1].endswith("INFO outreach.daemon.loop: outreach daemon stopped")
    assert [line.split(" INFO ")[1] for line in err.splitlines() if f"draft {draft.id} " in line] == [
        f"outreach.daemon.loop: send: draft {draft.id} sent to {mail_user}: " + sent_line_tail(err, draft.id)]


def sent_line_tail(err: str, draft_id: int) -> str:
    """What the server answered, as the one log line about a sent draft says it (the queue id varies)."""
    match = re.search(rf"send: draft {draft_id} sent to \S+: (.*)$", err, re.MULTILINE)
    assert match is not None, err
    return match.group(1)


def test_one_log_line_per_event(postfix: MailRig, tmp_path: Path, notify: NotifySocket, mail_user: str) -> None:
    """A draft waiting for the window is logged once, not on every send pass; modules add no second line."""
    opens = datetime.now(NEW_YORK).date() + timedelta(days=3)
    day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[opens.weekday()]
    config = sending_config(tmp_path, postfix, sending={"days": [day], "start": "08:30", "end": "17:30"})
    settings = open_settings(config)
    [draft] = queue_approved(settings, [mail_user], NOW)
    proc = start_daemon(config, notify)
    try:
        notify.collect("READY=1")
        time.sleep(2)  # the watch job's report wakes the send job again at once: a second pass, same deferral
    finally:
        code, err = stop(proc)
    assert code == 0, err
    until = datetime.combine(opens, dt_time(8, 30), tzinfo=NEW_YORK)
    assert [line.split(" ", 2)[2] for line in err.splitlines()] == [
        "INFO outreach.daemon.loop: sync: introductions: 0 new, 0 updated, 0 unchanged "
        f"({tmp_path}/introductions.yaml)",
        f"INFO outreach.daemon.loop: send: draft {draft.id} deferred until {until:%Y-%m-%d %H:%M %Z}: outside the send "
        f"window ({day} 08:30-17:30 America/New_York)",
        "INFO outreach.daemon.loop: watch: INBOX: 0 new messages, 0 replies (first scan)",
        f"INFO outreach.daemon.loop: outreach daemon ready (pid {proc.pid})",
        "INFO outreach.daemon.loop: watch: INBOX: 0 new messages, 0 replies",  # changed: no longer the first scan
        "INFO outreach.daemon.loop: outreach daemon stopped",
    ]


def test_sighup_reloads_config_and_keeps_the_old_one_when_bad(postfix: MailRig, tmp_path: Path,
                                                              notify: NotifySocket) -> None:
    """SIGHUP re-reads the config; a broken one is reported and the running config kept."""
    config = sending_config(tmp_path, postfix)
    good = config.read_text()
    proc = start_daemon(config, notify)
    try:
        notify.collect("READY=1")
        config.write_text(good + "bogus_key: 1\n")  # the last line
        proc.send_signal(signal.SIGHUP)
        notify.collect("RELOADING=1")
        time.sleep(0.5)
        config.write_text(good.replace("max_per_day: 100000", "max_per_day: 5"))
        proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 10
        while sum("RELOADING=1" in m for m in notify.messages) < 2 and time.monotonic() < deadline:
            notify.collect("RELOADING=1", timeout=1)
            time.sleep(0.1)
    finally:
        code, err = stop(proc)
    assert code == 0
    refused = [line for line in err.splitlines() if "reload refused" in line]
    assert len(refused) == 1
    bogus_line = len(good.splitlines()) + 1
    assert refused[0].endswith(f"keeping the running config: {config}:{bogus_line}: bogus_key: unknown key; "
                               "expected one of me, imap, smtp, sending, approval, follow_up, thank_you, "
                               "interviews, paths, check_dns, calendar")
    assert sum("configuration reloaded" in line for line in err.splitlines()) == 1


def test_sigterm_during_a_send_finishes_it_once(mailrig: MailRig, tmp_path: Path, faults: object,
                                                mail_user: str) -> None:
    """SIGTERM while the server holds the final reply: the send completes, exit 0, one copy, draft sent."""
    config = sending_config(tmp_path, mailrig, smtp="fault")
    settings = open_settings(config)
    [draft] = queue_approved(settings, [mail_user], NOW)
    mailrig.set_faults({f"data:{mail_user}": {"delay": 3}})
    journal_before = len(mailrig.smtp_journal())
    proc = start_daemon(config)
    deadline = time.monotonic() + 20
    while len(mailrig.smtp_journal()) == journal_before and time.monotonic() < deadline:
        time.sleep(0.05)  # the server has the message and is holding its 250
    code, err = stop(proc)
    assert code == 0, err
    assert copies_by_message_id(mailrig, mail_user)[draft.message_id] == 1
    open_settings(config)
    from outreach.store.models import Draft

    assert Draft.get_by_id(draft.id).status == "sent"


def test_second_instance_refused_and_crash_restart(postfix: MailRig, tmp_path: Path, notify: NotifySocket) -> None:
    """A second daemon on the same database refuses to start; after kill -9 a new one starts cleanly."""
    config = sending_config(tmp_path, postfix)
    first = start_daemon(config, notify)
    try:
        notify.collect("READY=1")
        second = subprocess.run([sys.executable, "-m", "outreach", "-c", str(config), "run"], capture_output=True,
                                text=True, timeout=30)
        assert second.returncode == 1
        assert second.stderr.splitlines()[-1] == (
            f"error: another outreach daemon (pid {first.pid}) is already running on this database "
            f"({tmp_path}/outreach.db.daemon.lock); stop it first (systemctl --user stop outreach) or use another "
            "config")
    finally:
        first.kill()
        first.wait()
    notify.messages.clear()
    again = start_daemon(config, notify)
    try:
        notify.collect("READY=1")
    finally:
        code, _ = stop(again)
    assert code == 0


def test_journald_logs_have_no_timestamps(tmp_path: Path, postfix: MailRig) -> None:
    """Under journald (JOURNAL_STREAM set) log lines carry no timestamp of their own."""
    config = sending_config(tmp_path, postfix)
    data = yaml.safe_load(config.read_text())
    config.write_text(yaml.safe_dump(data))
    env = {**os.environ, "JOURNAL_STREAM": "8:12345"}
    result = subprocess.run([sys.executable, "-m", "outreach", "-c", str(config), "run", "--once"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr and all(line.startswith(("INFO ", "WARNING ", "ERROR ")) for line in
                                 result.stderr.splitlines())


def test_sigterm_stops_a_long_queue_between_messages(mailrig: MailRig, tmp_path: Path, faults: object,
                                                     mail_users: Callable[[int], list[str]]) -> None:
    """With ten slow messages queued, SIGTERM ends the run after the message in flight; the rest stay approved."""
    config = sending_config(tmp_path, mailrig, smtp="fault")
    settings = open_settings(config)
    recipients = mail_users(10)
    queued = queue_approved(settings, recipients, NOW)
    mailrig.set_faults({f"data:{r}": {"delay": 1} for r in recipients})
    journal_before = len(mailrig.smtp_journal())
    proc = start_daemon(config)
    deadline = time.monotonic() + 20
    while len(mailrig.smtp_journal()) == journal_before and time.monotonic() < deadline:
        time.sleep(0.05)
    code, err = stop(proc)
    assert code == 0, err
    open_settings(config)
    from outreach.store.models import Draft

    statuses = [Draft.get_by_id(d.id).status for d in queued]
    assert statuses[0] == "sent" and "sending" not in statuses and statuses.count("approved") >= 7, statuses
    for draft, recipient in zip(queued, recipients, strict=True):
        assert copies_by_message_id(mailrig, recipient)[draft.message_id] <= 1
