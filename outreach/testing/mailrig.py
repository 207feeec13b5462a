"""Private, throwaway mail servers on loopback, for tests and the demo.

Dovecot (IMAP, LMTP, SASL auth) plus Postfix and/or an aiosmtpd fault server
(SMTP), each a child process with its own config under one root directory,
on OS-assigned free ports::

    with MailRig("/tmp/rig", smtp="both") as rig:
        rig.deliver("me@example.test", raw)
        rig.wait_for("me@example.test", 1)

The child processes are processes.py's, the config files rigconfig.py's, and what a test does with the
mailboxes mailboxes.py's (a mixin of MailRig).

CLI: ``python -m outreach.testing.mailrig up ROOT [postfix|aiosmtpd|both|none]``
prints the rig's info as JSON and stays up until SIGTERM or SIGINT.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import ssl
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from outreach.testing import rigconfig
from outreach.testing.mailboxes import DOMAIN, Mailboxes
from outreach.testing.processes import Children, RigError, free_ports
from outreach.testing.rigconfig import Ports
from outreach.testing.smtp_server import parse_faults

Backend = Literal["postfix", "aiosmtpd", "both", "none"]
BACKENDS: tuple[Backend, ...] = ("postfix", "aiosmtpd", "both", "none")
DEFAULT_USERS = {f"{u}@{DOMAIN}": "secret" for u in ("me", "contact1", "contact2", "contact3")}
POSTFIX_MASTER = "/usr/lib/postfix/sbin/master"
REQUIRED_BINARIES = ("dovecot", "doveadm", "openssl", POSTFIX_MASTER)
PACKAGE_PARENT = Path(__file__).resolve().parents[2]
LOG_FILES = ("dovecot/dovecot.log", "dovecot/stdout.log", "postfix/postfix.log", "postfix/stdout.log",
             "aiosmtpd/stdout.log")


def missing_binaries(smtp: Backend = "both") -> list[str]:
    """The server binaries this backend needs that are not installed."""
    needed = [b for b in REQUIRED_BINARIES if smtp in ("postfix", "both") or b != POSTFIX_MASTER]
    return [b for b in needed if shutil.which(b) is None and not os.access(b, os.X_OK)]


class MailRig(Mailboxes):
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
        self.children = Children(self.root, LOG_FILES, self.timings, die_with_parent)
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
        return self.ports.smtp_side(self.smtp, fault)

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
        rigconfig.write_users(self.root, self.users)
        (root / "mail").mkdir(exist_ok=True)
        owner = rigconfig.mail_owner()
        if owner is not None:
            shutil.chown(root / "mail", *owner)
        if self.has_postfix:
            rigconfig.write_postfix_maps(self.root, self.ports, self.users, DOMAIN)
            rigconfig.write_file(root / "postfix/conf/master.cf", rigconfig.postfix_master_cf(self.ports))
            rigconfig.make_postfix_dirs(root / "postfix")
        if self.has_fault_server:
            rigconfig.write_file(root / "aiosmtpd/config.json", rigconfig.aiosmtpd_config(
                root, self._smtp_ports(True), self.lmtp_port, self.faults_file, self.journal_file))

    # ------------------------------------------------------------------ processes
    def _spawn_dovecot(self) -> None:
        argv = ["dovecot", "-F", "-c", str(self.dovecot_conf)]
        self.children.spawn("dovecot", argv, self.root / "dovecot/stdout.log")

    def _wait_dovecot(self, deadline: float, t0: float) -> None:
        ctx = self.ssl_context()
        self.children.wait_for_greeting("imap", self.imap_port, b"* OK", deadline, t0)
        self.children.wait_for_greeting("imaps", self.imaps_port, b"* OK", deadline, t0, ctx)
        self.children.wait_for_greeting("lmtp", self.lmtp_port, b"220", deadline, t0)
        self.children.wait_for_greeting("auth", self.ports.auth, b"VERSION", deadline, t0)

    def start(self, timeout: float = 20.0) -> MailRig:
        """Configure and start every server; returns when each port has sent its greeting."""
        if self.children.procs:
            raise RigError("rig already started")
        for attempt in range(3):
            try:
                self._start_once(timeout)
                return self
            except RigError:
                # another process may have grabbed one of our "free" ports between pick and bind
                if attempt == 2 or "already in use" not in self.children.log_tails():
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
            self.children.spawn(
                "postfix",
                [POSTFIX_MASTER, "-c", str(self.root / "postfix/conf"), "-s"],
                self.root / "postfix/stdout.log",
            )
        if self.has_fault_server:
            env = dict(os.environ)
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE_PARENT), env.get("PYTHONPATH")]))
            self.children.spawn(
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
                self.children.wait_for_greeting("postfix_smtp", p.smtp, b"220", deadline, t0)
                self.children.wait_for_greeting("postfix_submission", p.submission, b"220", deadline, t0)
                self.children.wait_for_greeting("postfix_smtps", p.smtps, b"220", deadline, t0, ctx)
            if self.has_fault_server:
                smtp, submission, smtps = self._smtp_ports(True)
                self.children.wait_for_greeting("aiosmtpd_smtp", smtp, b"220", deadline, t0)
                self.children.wait_for_greeting("aiosmtpd_submission", submission, b"220", deadline, t0)
                self.children.wait_for_greeting("aiosmtpd_smtps", smtps, b"220", deadline, t0, ctx)
        except RigError:
            self.stop()
            raise
        self.timings["ready_s"] = time.monotonic() - t0

    def stop(self) -> None:
        """Stop every server (SIGTERM, SIGKILL after 10 s). Safe to call twice."""
        for key in ("aiosmtpd", "postfix", "dovecot"):
            self.children.stop(key)

    def restart_dovecot(self, timeout: float = 20.0) -> None:
        """Stop and start Dovecot on the same ports (drops every IMAP connection); mail is kept."""
        self.stop_dovecot()
        self.start_dovecot(timeout)

    def stop_dovecot(self) -> None:
        """Stop Dovecot (IMAP and LMTP) until `start_dovecot`: an outage as the clients see it."""
        self.children.stop("dovecot")

    def start_dovecot(self, timeout: float = 20.0) -> None:
        """Start Dovecot again on the same ports; returns when it answers."""
        t0 = time.monotonic()
        self._spawn_dovecot()
        self._wait_dovecot(t0 + timeout, t0)

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
        rigconfig.write_users(self.root, self.users)
        if self.has_postfix and "postfix" in self.children.procs:
            rigconfig.write_postfix_maps(self.root, self.ports, self.users, DOMAIN)
            os.kill(self.children.procs["postfix"].pid, signal.SIGHUP)  # master re-reads main.cf, restarts smtpd
            self.wait_postfix_accepts(address)
        time.sleep(1.01 - time.time() % 1)

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
