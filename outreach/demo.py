"""The one-command demo: local mail servers, a throwaway config, and the whole loop, narrated.

    python -m outreach.demo [--keep]

Everything happens under a temporary directory on 127.0.0.1; nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from .testing.localconfig import write_local_config
from .testing.mailrig import DOMAIN, Backend, MailRig, missing_binaries

CONTACTS = {
    "alex": ("Alex Chen", "Example Corp", "Staff Data Scientist", "Maria Lopez", "my thesis advisor"),
    "priya": ("Priya Natarajan", "Example Health", "Analytics Manager", "Jordan Kim", "a former lab mate"),
    "omar": ("Omar Haddad", "Example Robotics", "Engineering Manager", "Maria Lopez", "my thesis advisor"),
}
USERS = {f"{name}@{DOMAIN}": "secret" for name in ("me", *CONTACTS, "jane")}


class Demo:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.config_dir = root / "config"
        self.started = time.monotonic()
        self.config: Path | None = None

    def say(self, text: str) -> None:
        print(f"\n[{time.monotonic() - self.started:5.1f}s] {textwrap.fill(text, 96)}", flush=True)

    def outreach(self, *args: str, show: bool = True) -> str:
        """Run the real CLI, as the user would, and show its output."""
        assert self.config is not None
        command = [sys.executable, "-m", "outreach", "-c", str(self.config), *args]
        print(f"  $ outreach {' '.join(args)}", flush=True)
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        output = (result.stdout + result.stderr).rstrip()
        if show and output:
            print(textwrap.indent(output, "    "), flush=True)
        if result.returncode != 0:
            raise SystemExit(f"demo stopped: `outreach {' '.join(args)}` exited {result.returncode}")
        return result.stdout

    def introductions(self) -> str:
        entries = []
        for user, (name, company, role, referrer, relationship) in CONTACTS.items():
            entries.append(textwrap.dedent(f"""\
                - name: {name}
                  email: {user}@{DOMAIN}
                  company: {company}
                  role: {role}
                  referred_by: {referrer}
                  relationship: {relationship}
                  topics: [what a typical week looks like, moving from academia to industry]
            """))
        return "introductions:\n" + textwrap.indent("".join(entries), "  ")

    def run(self, rig: MailRig) -> None:
        self.say(f"Local mail servers are up: Dovecot (IMAP) on 127.0.0.1:{rig.imaps_port} and "
                 f"{'Postfix' if rig.has_postfix else 'aiosmtpd'} (SMTP) on 127.0.0.1:{rig.smtps_port}, "
                 f"with mailboxes for you (me@{DOMAIN}) and three professionals.")
        self.config = write_local_config(self.config_dir, rig)
        (self.config_dir / "introductions.yaml").write_text(self.introductions())
        self.say("A throwaway config points at them. First, check that everything is in order and that we can "
                 "log in to both servers over verified TLS:")
        self.outreach("check", "--connect")
        self.say("Import the three introductions:")
        self.outreach("sync")
        self.outreach("contacts")
        self.say(f"Done in {time.monotonic() - self.started:.1f} s.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m outreach.demo", description=__doc__)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory and print its path")
    args = parser.parse_args(argv)
    backend: Backend = "postfix" if os.geteuid() == 0 else "aiosmtpd"  # Postfix must start as root
    missing = missing_binaries(backend)
    if missing:
        print(f"missing: {', '.join(missing)}; run `bash .ci/install` (as root) first", file=sys.stderr)
        return 1
    root = Path(tempfile.mkdtemp(prefix="outreach-demo-"))
    root.chmod(0o755)  # the mail servers' unprivileged processes must reach their files
    demo = Demo(root)
    try:
        with MailRig(root / "mail", users=USERS, smtp=backend, name="demo", die_with_parent=True) as rig:
            demo.run(rig)
    finally:
        if args.keep:
            print(f"\nkept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
