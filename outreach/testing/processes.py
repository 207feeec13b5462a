"""The rigs' child processes: free ports, dying with the parent, stopping a process group."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import ssl
import subprocess
import time
from pathlib import Path


class RigError(RuntimeError):
    """The mail servers could not be started or driven; the message says where to look."""


def free_ports(n: int) -> list[int]:
    """`n` distinct loopback ports the OS considers free right now."""
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def die_with_parent() -> None:
    """preexec_fn: SIGTERM the child when the thread that forked it dies (Linux PR_SET_PDEATHSIG).

    Does not survive Postfix's uid change, so the finalizer stays the primary cleanup.
    """
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)


def stop_process(proc: subprocess.Popen[bytes], grace: float = 10.0) -> float:
    """SIGTERM the child's process group, SIGKILL after `grace` seconds; returns seconds taken."""
    t = time.monotonic()
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return time.monotonic() - t


class Children:
    """Named server processes, each in its own process group with its output in a log under `root`.

    `logs`: the log files (relative to root) whose tails an error shows; `timings` gains each greeting's
    and each stop's seconds; `with_parent`: the children get SIGTERM when the forking thread dies.
    """

    def __init__(self, root: Path, logs: tuple[str, ...], timings: dict[str, float], with_parent: bool) -> None:
        self.root = root
        self.logs = logs
        self.timings = timings
        self.with_parent = with_parent
        self.procs: dict[str, subprocess.Popen[bytes]] = {}

    def spawn(self, key: str, argv: list[str], log: Path, env: dict[str, str] | None = None) -> None:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("ab") as out:
            self.procs[key] = subprocess.Popen(
                argv,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
                preexec_fn=die_with_parent if self.with_parent else None,
            )

    def wait_for_greeting(
        self,
        what: str,
        port: int,
        prefix: bytes,
        deadline: float,
        t0: float,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        """Connect until the server greets with `prefix`; fail at once if a server process has exited."""
        last: object = None
        while time.monotonic() < deadline:
            for key, proc in self.procs.items():
                if proc.poll() is not None:
                    raise RigError(
                        f"{key} exited with {proc.returncode} before {what} port {port} answered; "
                        f"logs under {self.root}:\n{self.log_tails()}"
                    )
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=2) as raw:
                    sock = tls.wrap_socket(raw, server_hostname="localhost") if tls else raw
                    line = sock.recv(512)
                    if line.startswith(prefix):
                        self.timings[f"{what}_ready_s"] = time.monotonic() - t0
                        return
                    last = line
            except (OSError, ssl.SSLError) as e:  # not listening yet
                last = e
            time.sleep(0.01)
        raise RigError(f"{what} port {port}: no {prefix!r} greeting ({last!r}); logs:\n{self.log_tails()}")

    def log_tails(self, lines: int = 15) -> str:
        out = []
        for rel in self.logs:
            path = self.root / rel
            if path.exists():
                tail = path.read_text(errors="replace").splitlines()[-lines:]
                out.append(f"--- {path}\n" + "\n".join(tail))
        return "\n".join(out)

    def stop(self, key: str) -> None:
        """Stop one child (SIGTERM, SIGKILL after 10 s), if it runs."""
        proc = self.procs.pop(key, None)
        if proc is not None:
            self.timings[f"{key}_stop_s"] = stop_process(proc)
