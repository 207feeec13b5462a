"""One daemon per database: an exclusive lock on a file beside it, released by the kernel on exit."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from .errors import OutreachError


class AlreadyRunning(OutreachError):
    """Another daemon holds the database."""


class InstanceLock:
    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + ".daemon.lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise AlreadyRunning(
                f"another outreach daemon (pid {holder}) is already running on this database ({self.path}); "
                "stop it first (systemctl --user stop outreach) or use another config"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
