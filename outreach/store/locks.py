"""Exclusive locks in files beside the database: one daemon per database, one sender at a time.

flock() locks are dropped by the kernel when the process dies, however it dies, so a crash never
leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from outreach.config.settings import Settings
from outreach.errors import AlreadyRunning


def database_file(settings: Settings) -> Path:
    """The database file, beside which local state lives (locks, notes being edited); for a database URL
    (PostgreSQL), `outreach.db` beside the config."""
    database = str(settings.paths.database)
    return settings.source.parent / "outreach.db" if "://" in database else Path(database).expanduser()


def lock_path(settings: Settings, suffix: str) -> Path:
    """`<database><suffix>` (see database_file)."""
    base = database_file(settings)
    return base.with_name(base.name + suffix)


def try_lock(path: Path) -> int | None:
    """Take an exclusive lock on `path` (created 0600) without waiting: its fd, or None when held."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


class InstanceLock:
    """Held for the daemon's lifetime; the file names the holder's pid for the refusal message."""

    def __init__(self, settings: Settings) -> None:
        self.path = lock_path(settings, ".daemon.lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = try_lock(self.path)
        if fd is None:
            holder = self.path.read_text(errors="replace").strip() or "unknown"
            raise AlreadyRunning(
                f"another outreach daemon (pid {holder}) is already running on this database ({self.path}); "
                "stop it first (systemctl --user stop outreach) or use another config"
            )
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
