"""Private, throwaway mail servers on loopback, for tests and the demo.

Dovecot (IMAP, LMTP, SASL auth) plus Postfix and/or an aiosmtpd fault server
(SMTP), each a child process with its own config under one root directory,
on OS-assigned free ports::

    with MailRig("/tmp/rig", smtp="both") as rig:
        rig.deliver("me@example.test", raw)
        rig.wait_for("me@example.test", 1)

CLI: ``python -m outreach.testing.mailrig up ROOT [postfix|aiosmtpd|both|none]``
prints the rig's info as JSON and stays up until SIGTERM or SIGINT.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
import shutil
import signal
import smtplib
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from imapclient import IMAPClient

from outreach.testing import rigconfig
from outreach.testing.rigconfig import Ports
from outreach.testing.smtp_server import parse_faults

Backend = Literal["postfix", "aiosmtpd", "both", "none"]
BACKENDS: tuple[Backend, ...] = ("postfix", "aiosmtpd", "both", "none")
DOMAIN = "example.test"
DEFAULT_USERS = {f"{u}@{DOMAIN}": "secret" for u in ("me", "contact1", "contact2", "contact3")}
POSTFIX_MASTER = "/usr/lib/postfix/sbin/master"
REQUIRED_BINARIES = ("dovecot", "doveadm", "openssl", POSTFIX_MASTER)
PACKAGE_PARENT = Path(__file__).resolve().parents[2]


class RigError(RuntimeError):
    """The mail servers could not be started or driven; the message says where to look."""


def missing_binaries(smtp: Backend = "both") -> list[str]:
    """The server binaries this backend needs that are not installed."""
    needed = [b for b in REQUIRED_BINARIES if smtp in ("postfix", "both") or b != POSTFIX_MASTER]
    return [b for b in needed if shutil.which(b) is None and not os.access(b, os.X_OK)]


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


def _die_with_parent() -> None:
    """preexec_fn: SIGTERM the child when the thread that forked it dies (Linux PR_SET_PDEATHSIG).

    Does not survive Postfix's uid change, so the finalizer stays the primary cleanup.
    """
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)


def _stop_process(proc: subprocess.Popen[bytes], grace: float = 10.0) -> float:
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


class MailRig:
    """Dovecot + Postfix/aiosmtpd on free loopback ports, all state under `root`.

    `smtp` picks the SMTP side: "postfix" (a real MTA: queue, DSN bounces),
    "aiosmtpd" (scriptable faults), "both" (Postfix on the main ports and the
    aiosmtpd fault server on the fault_* ports, both delivering to the same
    Dovecot) or "none". Every user's password is in `users`.

    With smtp="aiosmtpd" the fault_*_port properties are the main ports.
    `set_faults` drives the aiosmtpd server only; Postfix refuses the fixed
    addresses in rigconfig.DEFAULT_FAULTS at RCPT and bounces rigconfig.GHOSTS
    with a DSN. Postfix needs root; rootless, use smtp="aiosmtpd".
    """

    def __init__(
        self,
        root: str | os.PathLike[str],
        users: Mapping[str, str] | None = None,
        smtp: Backend = "postfix",
        name: str = "0",
        mail_fsync: Literal["optimized", "always", "never"] = "optimized",
        die_with_parent: bool = False,
    ) -> None:
        if smtp not in BACKENDS:
            raise ValueError(f"smtp must be one of {BACKENDS}, not {smtp!r}")
        self.root = Path(root).resolve()
        self.users: dict[str, str] = dict(DEFAULT_USERS if users is None else users)
        self.smtp: Backend = smtp
        self.name = re.sub(r"[^A-Za-z0-9_-]", "_", name)
        self.mail_fsync = mail_fsync
        self.die_with_parent = die_with_parent
        self.ports = self._allocate_ports()
        self.timings: dict[str, float] = {}
        self._procs: dict[str, subprocess.Popen[bytes]] = {}
        self._faults_version = 0

    # ------------------------------------------------------------------ ports and paths
    @staticmethod
    def _allocate_ports() -> Ports:
        return Ports(*free_ports(10))

    @property
    def has_postfix(self) -> bool:
        return self.smtp in ("postfix", "both")

    @property
    def has_fault_server(self) -> bool:
        return self.smtp in ("aiosmtpd", "both")

    @property
    def imap_port(self) -> int:
        """IMAP with STARTTLS offered."""
        return self.ports.imap

    @property
    def imaps_port(self) -> int:
        """IMAP with implicit TLS."""
        return self.ports.imaps

    @property
    def lmtp_port(self) -> int:
        """Dovecot LMTP: delivery straight into a mailbox."""
        return self.ports.lmtp

    def _smtp_ports(self, fault: bool) -> tuple[int, int, int]:
        p = self.ports
        if fault or self.smtp == "aiosmtpd":
            if not self.has_fault_server:
                raise RigError(f"this rig has no aiosmtpd fault server (smtp={self.smtp!r})")
            if self.smtp == "aiosmtpd":
                return p.smtp, p.submission, p.smtps
            return p.fault_smtp, p.fault_submission, p.fault_smtps
        if self.smtp == "none":
            raise RigError("this rig has no SMTP server (smtp='none')")
        return p.smtp, p.submission, p.smtps

    @property
    def smtp_port(self) -> int:
        """25-style: STARTTLS offered, AUTH only after TLS."""
        return self._smtp_ports(False)[0]

    @property
    def submission_port(self) -> int:
        """587-style: STARTTLS and AUTH required."""
        return self._smtp_ports(False)[1]

    @property
    def smtps_port(self) -> int:
        """465-style: implicit TLS, AUTH required."""
        return self._smtp_ports(False)[2]

    @property
    def fault_smtp_port(self) -> int:
        """The aiosmtpd fault server, 25-style."""
        return self._smtp_ports(True)[0]

    @property
    def fault_submission_port(self) -> int:
        """The aiosmtpd fault server, STARTTLS and AUTH required."""
        return self._smtp_ports(True)[1]

    @property
    def fault_smtps_port(self) -> int:
        """The aiosmtpd fault server, implicit TLS and AUTH required."""
        return self._smtp_ports(True)[2]

    @property
    def ca_file(self) -> Path:
        """The CA certificate clients must trust (the only one that signed the servers' certs)."""
        return self.root / "certs" / "ca.pem"

    @property
    def dovecot_conf(self) -> Path:
        return self.root / "dovecot" / "dovecot.conf"

    @property
    def faults_file(self) -> Path:
        return self.root / "aiosmtpd" / "faults.json"

    @property
    def journal_file(self) -> Path:
        return self.root / "aiosmtpd" / "journal.jsonl"

    def ssl_context(self) -> ssl.SSLContext:
        """A client context that trusts only this rig's CA, with strict X.509 checks."""
        ctx = ssl.create_default_context(cafile=str(self.ca_file))
        ctx.verify_flags |= ssl.VERIFY_X509_STRICT
        return ctx

    def info(self) -> dict[str, Any]:
        """Ports, paths and users as a JSON-able dict (what the CLI prints)."""
        info: dict[str, Any] = {
            "root": str(self.root),
            "smtp": self.smtp,
            "host": "127.0.0.1",
            "ca_file": str(self.ca_file),
            "imap_port": self.imap_port,
            "imaps_port": self.imaps_port,
            "lmtp_port": self.lmtp_port,
        }
        if self.smtp != "none":
            info |= {
                "smtp_port": self.smtp_port,
                "submission_port": self.submission_port,
                "smtps_port": self.smtps_port,
            }
        if self.has_fault_server:
            info |= {
                "fault_smtp_port": self.fault_smtp_port,
                "fault_submission_port": self.fault_submission_port,
                "fault_smtps_port": self.fault_smtps_port,
                "faults_file": str(self.faults_file),
            }
        return info | {"users": self.users, "timings": {k: round(v, 4) for k, v in self.timings.items()}}

    # ------------------------------------------------------------------ configuration
    def configure(self) -> None:
        """Write every config file, certificate and directory under root."""
        if self.has_postfix and os.geteuid() != 0:
            raise RigError("Postfix needs root (it switches to the postfix user); use smtp='aiosmtpd'")
        root = self.root
        root.mkdir(parents=True, exist_ok=True)
        # mkdtemp() gives 0700, but Dovecot's auth (dovecot), mail (nobody) and Postfix (postfix)
        # processes must traverse it: that is also why the rig can't live under pytest's tmp_path
        root.chmod(0o755)
        if not self.ca_file.exists():
            t = time.monotonic()
            rigconfig.generate_certs(root / "certs")
            self.timings["certs_s"] = time.monotonic() - t
        rigconfig.write_file(self.dovecot_conf, rigconfig.dovecot_conf(root, self.name, self.ports, self.mail_fsync))
        self._write_users()
        (root / "mail").mkdir(exist_ok=True)
        owner = rigconfig.mail_owner()
        if owner is not None:
            shutil.chown(root / "mail", *owner)
        if self.has_postfix:
            self._write_postfix_maps()
            rigconfig.write_file(root / "postfix/conf/master.cf", rigconfig.postfix_master_cf(self.ports))
            rigconfig.make_postfix_dirs(root / "postfix")
        if self.has_fault_server:
            smtp, submission, smtps = self._smtp_ports(True)
            rigconfig.write_file(
                root / "aiosmtpd/config.json",
                json.dumps(
                    {
                        "smtp_port": smtp,
                        "submission_port": submission,
                        "smtps_port": smtps,
                        "lmtp_port": self.lmtp_port,
                        "users_file": str(root / "dovecot/users"),
                        "faults": rigconfig.DEFAULT_FAULTS,
                        "faults_file": str(self.faults_file),
                        "journal_file": str(self.journal_file),
                        "cert": str(root / "certs/server.pem"),
                        "key": str(root / "certs/server.key"),
                    },
                    indent=1,
                ),
            )

    def _write_users(self) -> None:
        # not write_file(): Dovecot notices a changed passwd-file by its mtime, so don't backdate it
        path = self.root / "dovecot" / "users"
        path.write_text(rigconfig.dovecot_users(self.users))
        path.chmod(0o644)

    def _write_postfix_maps(self) -> None:
        root = self.root
        domains = sorted({u.rsplit("@", 1)[1] for u in self.users} | {DOMAIN})
        rigconfig.write_file(root / "postfix/conf/main.cf", rigconfig.postfix_main_cf(root, self.ports, domains))
        rigconfig.write_file(root / "postfix/vmailbox", rigconfig.postfix_vmailbox(list(self.users)))
        rigconfig.write_file(root / "postfix/rcpt_access", rigconfig.postfix_rcpt_access())

    # ------------------------------------------------------------------ processes
    def _spawn(self, key: str, argv: list[str], log: Path, env: dict[str, str] | None = None) -> None:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("ab") as out:
            self._procs[key] = subprocess.Popen(
                argv,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
                preexec_fn=_die_with_parent if self.die_with_parent else None,
            )

    def _spawn_dovecot(self) -> None:
        self._spawn("dovecot", ["dovecot", "-F", "-c", str(self.dovecot_conf)], self.root / "dovecot/stdout.log")

    def _wait_dovecot(self, deadline: float, t0: float) -> None:
        ctx = self.ssl_context()
        self._wait("imap", self.imap_port, b"* OK", deadline, t0)
        self._wait("imaps", self.imaps_port, b"* OK", deadline, t0, ctx)
        self._wait("lmtp", self.lmtp_port, b"220", deadline, t0)
        self._wait("auth", self.ports.auth, b"VERSION", deadline, t0)

    def start(self, timeout: float = 20.0) -> MailRig:
        """Configure and start every server; returns when each port has sent its greeting."""
        if self._procs:
            raise RigError("rig already started")
        for attempt in range(3):
            try:
                self._start_once(timeout)
                return self
            except RigError:
                # another process may have grabbed one of our "free" ports between pick and bind
                if attempt == 2 or "already in use" not in self._log_tails():
                    raise
                self.ports = self._allocate_ports()
        raise AssertionError("unreachable")

    def _start_once(self, timeout: float) -> None:
        self.configure()
        t0 = time.monotonic()
        deadline = t0 + timeout
        self._spawn_dovecot()
        if self.has_postfix:
            # run the master directly: `postfix start-fg` is a shell wrapper whose death on SIGTERM
            # orphans the master, which has setsid()'d itself out of our process group
            self._spawn(
                "postfix",
                [POSTFIX_MASTER, "-c", str(self.root / "postfix/conf"), "-s"],
                self.root / "postfix/stdout.log",
            )
        if self.has_fault_server:
            env = dict(os.environ)
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE_PARENT), env.get("PYTHONPATH")]))
            self._spawn(
                "aiosmtpd",
                [
                    sys.executable,
                    "-m",
                    "outreach.testing.smtp_server",
                    str(self.root / "aiosmtpd/config.json"),
                ],
                self.root / "aiosmtpd/stdout.log",
                env,
            )
        try:
            self._wait_dovecot(deadline, t0)
            ctx = self.ssl_context()
            if self.has_postfix:
                p = self.ports
                self._wait("postfix_smtp", p.smtp, b"220", deadline, t0)
                self._wait("postfix_submission", p.submission, b"220", deadline, t0)
                self._wait("postfix_smtps", p.smtps, b"220", deadline, t0, ctx)
            if self.has_fault_server:
                smtp, submission, smtps = self._smtp_ports(True)
                self._wait("aiosmtpd_smtp", smtp, b"220", deadline, t0)
                self._wait("aiosmtpd_submission", submission, b"220", deadline, t0)
                self._wait("aiosmtpd_smtps", smtps, b"220", deadline, t0, ctx)
        except RigError:
            self.stop()
            raise
        self.timings["ready_s"] = time.monotonic() - t0

    def _wait(
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
            for key, proc in self._procs.items():
                if proc.poll() is not None:
                    raise RigError(
                        f"{key} exited with {proc.returncode} before {what} port {port} answered; "
                        f"logs under {self.root}:\n{self._log_tails()}"
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
        raise RigError(f"{what} port {port}: no {prefix!r} greeting ({last!r}); logs:\n{self._log_tails()}")

    def _log_tails(self, lines: int = 15) -> str:
        out = []
        for rel in (
            "dovecot/dovecot.log",
            "dovecot/stdout.log",
            "postfix/postfix.log",
            "postfix/stdout.log",
            "aiosmtpd/stdout.log",
        ):
            path = self.root / rel
            if path.exists():
                tail = path.read_text(errors="replace").splitlines()[-lines:]
                out.append(f"--- {path}\n" + "\n".join(tail))
        return "\n".join(out)

    def stop(self) -> None:
        """Stop every server (SIGTERM, SIGKILL after 10 s). Safe to call twice."""
        for key in ("aiosmtpd", "postfix", "dovecot"):
            proc = self._procs.pop(key, None)
            if proc is not None:
                self.timings[f"{key}_stop_s"] = _stop_process(proc)

    def restart_dovecot(self, timeout: float = 20.0) -> None:
        """Stop and start Dovecot on the same ports (drops every IMAP connection); mail is kept."""
        self.stop_dovecot()
        self.start_dovecot(timeout)

    def stop_dovecot(self) -> None:
        """Stop Dovecot (IMAP and LMTP) until `start_dovecot`: an outage as the clients see it."""
        proc = self._procs.pop("dovecot", None)
        if proc is not None:
            _stop_process(proc)

    def start_dovecot(self, timeout: float = 20.0) -> None:
        """Start Dovecot again on the same ports; returns when it answers."""
        t0 = time.monotonic()
        self._spawn_dovecot()
        self._wait_dovecot(t0 + timeout, t0)

    def drop_in_maildir(self, user: str, raw: bytes) -> None:
        """Deliver into `user`'s Maildir as a local delivery agent does; works while Dovecot is down."""
        local, domain = user.lower().split("@")
        new = self.root / "mail" / domain / local / "Maildir" / "new"
        tmp = new.parent / "tmp" / f"{time.time_ns()}.{os.getpid()}.mailrig"
        tmp.write_bytes(raw)
        owner = rigconfig.mail_owner()
        if owner is not None:
            shutil.chown(tmp, *owner)
        tmp.replace(new / tmp.name)

    def __enter__(self) -> MailRig:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # ------------------------------------------------------------------ users and faults
    def add_user(self, address: str, password: str = "secret") -> None:
        """Add a mailbox user while running (takes up to 1 s).

        Dovecot re-reads its passwd-file when the file changed, but stats it at
        most once per second, so this waits for the next second; Postfix gets
        the new recipient map and a reload (SIGHUP to its master).
        """
        self.users[address.lower()] = password
        self._write_users()
        if self.has_postfix and "postfix" in self._procs:
            self._write_postfix_maps()
            os.kill(self._procs["postfix"].pid, signal.SIGHUP)  # master re-reads main.cf, restarts smtpd
            self._wait_postfix_accepts(address)
        time.sleep(1.01 - time.time() % 1)

    def _wait_postfix_accepts(self, address: str, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        reply: tuple[int, bytes] = (0, b"")
        while time.monotonic() < deadline:
            with smtplib.SMTP("127.0.0.1", self.ports.smtp, timeout=5) as s:
                s.ehlo("mailrig.test")
                s.mail("", [] if address.isascii() else ["SMTPUTF8"])  # smtplib then sends UTF-8
                reply = s.rcpt(address)
                s.rset()
            if reply[0] == 250:
                return
            time.sleep(0.02)
        raise RigError(f"Postfix still refuses {address} after reload: {reply!r}")

    def set_faults(self, faults: Mapping[str, str | Mapping[str, Any]]) -> None:
        """Replace the aiosmtpd server's faults (see outreach.testing.smtp_server); resets `times` counts.

        The default RCPT faults (fail451@, reject550@, drop421@) stay unless overridden.
        """
        if not self.has_fault_server:
            raise RigError(f"this rig has no aiosmtpd fault server (smtp={self.smtp!r})")
        parse_faults(dict(faults))  # ValueError now, in the test, rather than a log line in the server
        self._faults_version += 1
        tmp = self.faults_file.with_suffix(".tmp")
        tmp.write_text(json.dumps({"version": self._faults_version, "faults": dict(faults)}, indent=1))
        tmp.replace(self.faults_file)  # atomic: the server never reads half a file

    def clear_faults(self) -> None:
        """Back to the default faults only."""
        self.set_faults({})

    def smtp_journal(self) -> list[dict[str, Any]]:
        """Every RCPT fault and DATA event the aiosmtpd server saw, oldest first."""
        if not self.journal_file.exists():
            return []
        return [json.loads(line) for line in self.journal_file.read_text().splitlines() if line]

    def kick(self, user: str) -> None:
        """Disconnect every IMAP session of `user` (doveadm kick on this private instance)."""
        result = subprocess.run(["doveadm", "-c", str(self.dovecot_conf), "kick", user], capture_output=True, text=True)
        if result.returncode not in (0, 68):  # 68 (EX_NOUSER): no session to kick
            raise RigError(f"doveadm kick {user} failed ({result.returncode}): {result.stderr.strip()}")

    # ------------------------------------------------------------------ mailbox helpers
    def deliver(self, to: str | Iterable[str], raw: bytes, mail_from: str = f"sender@{DOMAIN}") -> None:
        """Put a message straight into INBOX over LMTP (no SMTP server involved)."""
        rcpts = [to] if isinstance(to, str) else list(to)
        with smtplib.LMTP("127.0.0.1", self.lmtp_port, timeout=30) as lmtp:
            refused = lmtp.sendmail(mail_from, rcpts, raw)
        if refused:
            raise RigError(f"LMTP refused {refused!r}")

    def imap_client(
        self, user: str, password: str | None = None, *, starttls: bool = False, timeout: float = 10.0
    ) -> IMAPClient:
        """A logged-in IMAPClient (implicit TLS, or STARTTLS on imap_port); the caller logs out."""
        ctx = self.ssl_context()
        if starttls:
            client = IMAPClient("127.0.0.1", port=self.imap_port, ssl=False, timeout=timeout)
            client.starttls(ctx)
        else:
            client = IMAPClient("127.0.0.1", port=self.imaps_port, ssl=True, ssl_context=ctx, timeout=timeout)
        client.login(user, self.users.get(user.lower(), "secret") if password is None else password)
        return client

    def append(self, user: str, folder: str, raw: bytes, flags: Iterable[bytes | str] = ()) -> int | None:
        """APPEND a message to `user`'s `folder`; returns its UID (from APPENDUID)."""
        client = self.imap_client(user)
        try:
            response = client.append(folder, raw, flags=tuple(flags))
        finally:
            client.logout()
        match = re.search(rb"APPENDUID \d+ (\d+)", response or b"")
        return int(match.group(1)) if match else None

    def messages(self, user: str, folder: str = "INBOX") -> list[bytes]:
        """Every message in the folder as raw bytes, in UID order (BODY.PEEK[]: nothing marked read)."""
        client = self.imap_client(user)
        try:
            client.select_folder(folder, readonly=True)
            return list(_fetch_new(client, {}).values())
        finally:
            client.logout()

    def wait_for(
        self,
        user: str,
        what: int | Callable[[bytes], bool],
        folder: str = "INBOX",
        timeout: float = 10.0,
    ) -> list[bytes]:
        """Poll (NOOP + SEARCH) until the folder holds `what` messages, or one matches `what`.

        With a count, returns every message once there are at least that many;
        with a predicate over raw bytes, returns the matching messages once
        there is one. Raises TimeoutError saying what was there.
        """
        client = self.imap_client(user)
        seen: dict[int, bytes] = {}
        try:
            client.select_folder(folder, readonly=True)
            deadline = time.monotonic() + timeout
            while True:
                seen.update(_fetch_new(client, seen))
                if isinstance(what, int):
                    if len(seen) >= what:
                        return list(seen.values())
                else:
                    found = [m for m in seen.values() if what(m)]
                    if found:
                        return found
                if time.monotonic() > deadline:
                    break
                time.sleep(0.02)
                client.noop()
        finally:
            client.logout()
        subjects = [_subject(m) for m in seen.values()]
        wanted = f"{what} message(s)" if isinstance(what, int) else "a matching message"
        raise TimeoutError(f"{user} {folder}: no {wanted} after {timeout} s; has {len(seen)}: {subjects}")


def _fetch_new(client: IMAPClient, seen: Mapping[int, bytes]) -> dict[int, bytes]:
    # UID lists, not "1:*": imapclient 4.1 rejects range strings in its unsolicited-response filter
    uids = [u for u in client.search(["ALL"]) if u not in seen]
    out: dict[int, bytes] = {}
    for i in range(0, len(uids), 500):
        fetched = client.fetch(uids[i : i + 500], [b"BODY.PEEK[]"])
        out |= {uid: data[b"BODY[]"] for uid, data in sorted(fetched.items())}
    return dict(sorted(out.items()))


def _subject(raw: bytes) -> str:
    match = re.search(rb"^Subject: ?(.*)$", raw, re.MULTILINE | re.IGNORECASE)
    return match.group(1).decode(errors="replace").strip() if match else "(no subject)"


def main(argv: list[str]) -> int:
    """``up ROOT [BACKEND]``: start a rig, print its info as JSON, run until SIGTERM/SIGINT."""
    if len(argv) not in (2, 3) or argv[0] != "up" or (len(argv) == 3 and argv[2] not in BACKENDS):
        print(f"usage: python -m outreach.testing.mailrig up ROOT [{'|'.join(BACKENDS)}]", file=sys.stderr)
        return 2
    smtp: Backend = "postfix"
    for backend in BACKENDS:
        if argv[2:] == [backend]:
            smtp = backend
    rig = MailRig(argv[1], smtp=smtp, name=Path(argv[1]).name, die_with_parent=True)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))  # while starting
    try:
        rig.start()
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
        print(json.dumps(rig.info()), flush=True)  # one line: easy to read from a pipe
        signal.sigwait({signal.SIGTERM, signal.SIGINT})
    except RigError as e:
        print(f"mailrig: {e}", file=sys.stderr)
        return 1
    finally:
        rig.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
