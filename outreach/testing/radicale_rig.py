"""A private Radicale CalDAV server on loopback, for the tests, the demo and the bench.

Radicale (from PyPI, the `test` extra) runs as a child process with its own config, htpasswd
users and collections under one root directory, on a free loopback port::

    with RadicaleRig("/tmp/dav") as dav:
        dav.add_user("me", "secret")
        dav.make_calendar("me", "Work")
        dav.add_event("me", "Work", "Team sync", start, end)

The helpers use the caldav library, as outreach itself does.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from outreach.testing.processes import RigError, die_with_parent, free_ports, stop_process


class RadicaleRig:
    """One Radicale process; users in a plain htpasswd file (test passwords only)."""

    def __init__(self, root: str | Path, users: dict[str, str] | None = None) -> None:
        self.root = Path(root)
        self.users: dict[str, str] = dict(users or {})
        self.port = free_ports(1)[0]
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def log_file(self) -> Path:
        return self.root / "radicale.log"

    def configure(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "collections").mkdir(exist_ok=True)
        self._write_users()
        config = self.root / "radicale.conf"
        config.write_text(
            "[server]\n"
            f"hosts = 127.0.0.1:{self.port}\n"
            "[auth]\n"
            "type = htpasswd\n"
            f"htpasswd_filename = {self.root / 'users'}\n"
            "htpasswd_encryption = plain\n"
            "delay = 0\n"
            "[rights]\n"
            "type = owner_only\n"
            "[storage]\n"
            f"filesystem_folder = {self.root / 'collections'}\n"
            "[logging]\n"
            "level = warning\n"
            "mask_passwords = True\n"
        )
        return config

    def _write_users(self) -> None:
        path = self.root / "users"
        path.write_text("".join(f"{user}:{password}\n" for user, password in self.users.items()))
        path.chmod(0o600)

    def start(self, timeout: float = 20.0) -> RadicaleRig:
        config = self.configure()
        log = self.log_file.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(config)],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, preexec_fn=die_with_parent,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RigError(f"radicale exited with status {self.proc.returncode}; see {self.log_file}:\n"
                               + self.log_file.read_text()[-2000:])
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return self
            time.sleep(0.05)
        self.stop()
        raise RigError(f"radicale did not listen on port {self.port} within {timeout} s; see {self.log_file}")

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc)
            self.proc = None

    def __enter__(self) -> RadicaleRig:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()

    # ------------------------------------------------------------------ users and calendars

    def add_user(self, user: str | None = None, password: str = "secret") -> str:
        """A new user (htpasswd is re-read on each login); a fresh unique name when none is given."""
        user = user or f"u{uuid.uuid4().hex[:10]}"
        self.users[user] = password
        self._write_users()
        return user

    def client(self, user: str) -> Any:
        from caldav.davclient import DAVClient

        return DAVClient(url=self.url, username=user, password=self.users[user], require_tls=False,
                                enable_rfc6764=False, timeout=10)

    def calendar(self, user: str, name: str) -> Any:
        """The user's calendar with display name `name`, made if it does not exist."""
        principal = self.client(user).principal()
        for calendar in principal.calendars():
            if calendar.get_display_name() == name:
                return calendar
        return principal.make_calendar(name=name)

    def make_calendar(self, user: str, name: str) -> None:
        self.calendar(user, name)

    def add_event(self, user: str, calendar: str, summary: str, start: datetime, end: datetime,
                  uid: str | None = None, transparent: bool = False) -> str:
        """Put one event (a VEVENT with DTSTART/DTEND in UTC) into `calendar`; returns its UID."""
        uid = uid or f"{uuid.uuid4().hex}@tests"
        self.add_events(user, calendar, [(summary, start, end)], uids=[uid], transparent=transparent)
        return uid

    def add_events(self, user: str, calendar: str, events: list[tuple[str, datetime, datetime]],
                   uids: list[str] | None = None, transparent: bool = False) -> None:
        """Put many (summary, start, end) events into `calendar` over one session."""
        import icalendar

        target = self.calendar(user, calendar)
        for index, (summary, start, end) in enumerate(events):
            cal = icalendar.Calendar()
            cal.add("prodid", "-//outreach tests//EN")
            cal.add("version", "2.0")
            event = icalendar.Event()
            event.add("uid", uids[index] if uids else f"{uuid.uuid4().hex}@tests")
            event.add("dtstamp", datetime.now(UTC))
            event.add("summary", summary)
            event.add("dtstart", start.astimezone(UTC))
            event.add("dtend", end.astimezone(UTC))
            if transparent:
                event.add("transp", "TRANSPARENT")
            cal.add_component(event)
            target.add_event(cal.to_ical().decode())

    def events(self, user: str, calendar: str) -> list[Any]:
        """Every VEVENT (icalendar components) in `calendar`, by start."""
        found = [component for item in self.calendar(user, calendar).events()
                 for component in item.icalendar_instance.walk("VEVENT")]
        return sorted(found, key=lambda e: e.decoded("DTSTART"))


def calendar_config(rig: RadicaleRig, user: str, directory: Path, write_to: str = "Interviews",
                    busy_from: list[str] | None = None, **availability: Any) -> dict[str, Any]:
    """The `calendar:` section of outreach.yaml for `user` on `rig`; the password sits in a 0600 file."""
    directory.mkdir(parents=True, exist_ok=True)
    secret = directory / "dav-password"
    secret.write_text(rig.users[user] + "\n")
    secret.chmod(0o600)
    section: dict[str, Any] = {"url": rig.url, "username": user, "password_file": str(secret),
                               "write_to": write_to, "timeout_seconds": 10}
    if busy_from is not None:
        section["busy_from"] = busy_from
    if availability:
        section["availability"] = availability
    return section
