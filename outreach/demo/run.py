"""The one-command demo: local mail servers, a throwaway config, and the whole loop, narrated.

    python -m outreach.demo [--keep]

Everything happens under a temporary directory on 127.0.0.1; nothing leaves the machine. The calendar
part runs against a local Radicale (CalDAV), as installed by the test extra.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from outreach.demo import replies
from outreach.testing.localconfig import write_local_config
from outreach.testing.mailrig import DOMAIN, Backend, MailRig, missing_binaries
from outreach.testing.radicale_rig import RadicaleRig, calendar_config

CONTACTS = {
    "alex": ("Alex Chen", "Example Corp", "Staff Data Scientist", "Maria Lopez", "my thesis advisor"),
    "priya": ("Priya Natarajan", "Example Health", "Analytics Manager", "Jordan Kim", "a former lab mate"),
    "omar": ("Omar Haddad", "Example Robotics", "Engineering Manager", "Maria Lopez", "my thesis advisor"),
}
USERS = {f"{name}@{DOMAIN}": "secret" for name in ("me", *CONTACTS, "jane")}
ALEX_NOTES = """\
## Advice
Start with one small project that ships, and write down what it changed.
## Follow through
- [ ] send the write-up of my thesis project
## Mention in thank-you
- your advice to start with one small project that ships
"""
DEMO_DAV_USER = "me"  # your CalDAV account on the demo's Radicale
COUNTDOWN_EVERY = 15.0  # seconds between countdown lines when the output is not a terminal


class Demo:
    def __init__(self, root: Path, keep: bool = False) -> None:
        self.root = root
        self.keep = keep
        self.config_dir = root / "config"
        self.started = time.monotonic()
        self.config: Path | None = None
        self.dav: RadicaleRig | None = None

    def say(self, text: str) -> None:
        print(f"\n[{time.monotonic() - self.started:5.1f}s] {textwrap.fill(text, 96)}", flush=True)

    def outreach(self, *args: str, show: bool = True, editor: str | None = None) -> str:
        """Run the real CLI, as the user would, and show its output."""
        assert self.config is not None
        command = [sys.executable, "-m", "outreach", "-c", str(self.config), *args]
        if show:
            print(f"  $ outreach {' '.join(args)}", flush=True)
        env = {**os.environ, "EDITOR": editor} if editor else None
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
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

    def run(self, rig: MailRig, dav: RadicaleRig) -> None:
        self.say(f"Local mail servers are up: Dovecot (IMAP) on 127.0.0.1:{rig.imaps_port} and "
                 f"{'Postfix' if rig.has_postfix else 'aiosmtpd'} (SMTP) on 127.0.0.1:{rig.smtps_port}, "
                 f"with mailboxes for you (me@{DOMAIN}) and the people you will write to; and your calendar "
                 f"on a CalDAV server (Radicale) at {dav.url}.")
        self.dav = dav
        self.config = write_local_config(self.config_dir, rig)
        _demo_settings(self.config, _demo_calendar(dav, self.config_dir))
        (self.config_dir / "introductions.yaml").write_text(self.introductions())
        self.say("A throwaway config points at them (for the demo, drafts are approved automatically and the "
                 "send window is always open). Check that everything is in order and that we can log in to "
                 "both mail servers over verified TLS, and to the calendar:")
        self.outreach("check", "--connect")
        self.say("Import the three introductions; an outreach draft is composed for each:")
        self.outreach("sync")
        self.say("Start the daemon (`outreach run`), as systemd would:")
        daemon = self.start_daemon()
        try:
            self.loop(rig)
        finally:
            self.stop_daemon(daemon)
        self.say("Where things stand:")
        self.outreach("status")
        self.say(closing(time.monotonic() - self.started, self.root, self.keep))

    def loop(self, rig: MailRig) -> None:
        sent = self.wait_for("the three outreach emails to go out",
                             lambda: [d for d in self.json("drafts", "--json") if d["status"] == "sent"], 3)
        show_sent(sent)
        outreach_ids = {d["to"]: d["message_id"] for d in sent}
        for user in CONTACTS:
            rig.wait_for(f"{user}@{DOMAIN}", 1)
        self.say("Each one landed in the contact's inbox, with a copy in your Sent folder "
                 f"({len(rig.messages('me@' + DOMAIN, 'Sent'))} messages there). Now the contacts answer: "
                 "Alex accepts a call in a couple of minutes, Priya refers a colleague, Omar is out of office.")
        start = replies.send_replies(rig, outreach_ids)
        print(f"    Alex proposed {start:%H:%M} {start.tzname()} today")
        interviews = self.wait_for("the daemon to read the replies and record the interview",
                                   lambda: self.json("interviews", "--json"), 1)
        self.outreach("replies")
        self.outreach("interviews")
        show_sent(self.wait_for("the confirmation (with a calendar invitation) to go to Alex",
                                lambda: self.sent_of_kind("confirmation"), 1))
        self.say("Priya's colleague is a new introduction, referred by Priya. The daemon composed an outreach "
                 "email to her, but one to a person a reply named always waits for you (approval.outreach: auto "
                 "does not cover it), so approve it:")
        jane = self.wait_for("the draft to Jane", lambda: [d for d in self.drafts_of_kind("outreach")
                                                           if d["to"] == f"jane@{DOMAIN}"], 1)[0]
        self.outreach("drafts", "approve", str(jane["id"]))
        show_sent(self.wait_for("the outreach email to Jane", lambda: [d for d in self.sent_of_kind("outreach")
                                                                      if d["to"] == f"jane@{DOMAIN}"], 1))
        self.outreach("contacts")
        interview = interviews[0]
        notes = self.root / "alex-notes.md"
        notes.write_text(ALEX_NOTES)
        self.say("During the call you take notes (`outreach interviews notes` opens them in $EDITOR; here the "
                 "editor is a script that writes them). Saving them marks the interview held:")
        self.outreach("interviews", "notes", str(interview["id"]), editor=f"cp {shlex.quote(str(notes))}")
        end = datetime.fromisoformat(interview["end"])
        local_end = end.astimezone(replies.EASTERN)
        self.say(f"The one-minute interview ends at {local_end:%H:%M} {local_end.tzname()}. With "
                 "thank_you.days_after: 0 the thank-you note is drafted as soon as it is over (the daemon "
                 "looks for due drafts every 10 s), with what you noted to mention:")
        thanks = self.wait_for("the thank-you draft", lambda: self.drafts_of_kind("thank_you"), 1, timeout=240,
                               countdown_to=end)
        self.outreach("drafts", "show", str(thanks[0]["id"]))
        self.calendar_loop(rig, jane)

    def calendar_loop(self, rig: MailRig, jane: dict[str, Any]) -> None:
        """Jane takes one of the free times her outreach offered: into the calendar, moved, removed."""
        assert self.dav is not None
        offered = [line[2:] for line in self.outreach("drafts", "show", str(jane["id"]), show=False).splitlines()
                   if line.startswith("- ")]
        self.say("Your calendar (a local Radicale, over CalDAV) has a 'Team sync' every weekday at 09:00, so the "
                 "outreach to Jane offered only free times around it, each held so nobody else is offered it:")
        print("\n".join(f"    - {slot}" for slot in offered), flush=True)
        self.say(f"Jane takes the second one: {offered[1]}.")
        replies.send_acceptance(rig, jane["message_id"], offered[1])
        interview = self.wait_for("the daemon to record Jane's interview and put it in your calendar",
                                  lambda: [i for i in self.json("interviews", "--json")
                                           if i["contact_email"] == f"jane@{DOMAIN}" and self.in_calendar()], 1)[0]
        self.show_calendar()
        moved = datetime.fromisoformat(interview["start"]).astimezone(replies.EASTERN) + timedelta(days=1)
        self.say("Something comes up: move it a day later, at 14:00 (the event moves, same UID):")
        self.outreach("interviews", "set", str(interview["id"]), "--at", f"{moved:%Y-%m-%d} 14:00")
        self.show_calendar()
        self.say("And in the end cancel it; the event leaves your calendar:")
        self.outreach("interviews", "cancel", str(interview["id"]))
        self.show_calendar()

    def in_calendar(self) -> bool:
        assert self.dav is not None
        return bool(self.dav.events(DEMO_DAV_USER, "Interviews"))

    def show_calendar(self) -> None:
        assert self.dav is not None
        events = self.dav.events(DEMO_DAV_USER, "Interviews")
        print("    your 'Interviews' calendar:" + (" empty" if not events else ""), flush=True)
        for event in events:
            start = event.decoded("DTSTART").astimezone(replies.EASTERN)
            print(f"      {start:%a %b %d %H:%M} {start.tzname()}  {event['SUMMARY']}  (UID {event['UID']})",
                  flush=True)

    # ------------------------------------------------------------------ helpers

    def json(self, *args: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = json.loads(self.outreach(*args, show=False))
        return rows

    def drafts_of_kind(self, kind: str) -> list[dict[str, Any]]:
        return [d for d in self.json("drafts", "--json") if d["kind"] == kind]

    def sent_of_kind(self, kind: str) -> list[dict[str, Any]]:
        return [d for d in self.drafts_of_kind(kind) if d["status"] == "sent"]

    def wait_for(self, what: str, found: Callable[[], list[dict[str, Any]]], count: int,
                 timeout: float = 60.0, countdown_to: datetime | None = None) -> list[dict[str, Any]]:
        """Poll until `found` lists `count` rows; with `countdown_to`, show the seconds left until then."""
        self.say(f"Waiting for {what}...")
        deadline = time.monotonic() + timeout
        countdown = Countdown(countdown_to) if countdown_to else None
        while True:
            rows = found()
            if len(rows) >= count:
                if countdown:
                    countdown.finish()
                return rows
            if countdown:
                countdown.tick()
            if time.monotonic() > deadline:
                tail = (self.root / "daemon.log").read_text()[-3000:]
                raise SystemExit(f"demo stopped: no {what} after {timeout:.0f} s; daemon log:\n{tail}")
            time.sleep(0.5)

    def start_daemon(self) -> subprocess.Popen[bytes]:
        assert self.config is not None
        log = (self.root / "daemon.log").open("ab")
        return subprocess.Popen([sys.executable, "-m", "outreach", "-c", str(self.config), "run"],
                                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def stop_daemon(self, daemon: subprocess.Popen[bytes]) -> None:
        daemon.send_signal(signal.SIGTERM)
        try:
            code = daemon.wait(30)
        except subprocess.TimeoutExpired:
            daemon.kill()
            code = daemon.wait()
        self.say(f"SIGTERM: the daemon finished its current step and exited with status {code}.")


def closing(seconds: float, root: Path, keep: bool) -> str:
    """The last line: how long it took, and where the files are only if they are kept."""
    where = (f"The config, the database and the daemon's log are kept in {root}." if keep else
             "Run it with --keep to keep the config, the database and the daemon's log.")
    return f"Done in {seconds:.0f} s. {where}"


def show_sent(drafts: list[dict[str, Any]]) -> None:
    for draft in drafts:
        print(f"    sent {draft['sent_at'][11:19]} UTC to {draft['to']}: {draft['subject']}", flush=True)


class Countdown:
    """Seconds left until `end`: one line rewritten in place on a terminal, else a line every 15 s."""

    def __init__(self, end: datetime) -> None:
        self.end = end
        self.tty = sys.stdout.isatty()
        self.last_line = 0.0

    def line(self, now: datetime) -> str:
        left = (self.end - now).total_seconds()
        return (f"    the interview ends in {left:3.0f} s" if left > 0 else
                f"    the interview ended {-left:3.0f} s ago; the next due-drafts run drafts the thank-you")

    def tick(self) -> None:
        text = self.line(datetime.now(UTC))
        if self.tty:
            print(f"\r{text}   ", end="", flush=True)
        elif time.monotonic() - self.last_line >= COUNTDOWN_EVERY:
            print(text, flush=True)
            self.last_line = time.monotonic()

    def finish(self) -> None:
        if self.tty:
            print(flush=True)


def _demo_calendar(dav: RadicaleRig, config_dir: Path) -> dict[str, Any]:
    """Your calendar: 'Work' with a team sync at 09:00 every weekday for three weeks, and 'Interviews'."""
    dav.add_user(DEMO_DAV_USER, "secret")
    dav.make_calendar(DEMO_DAV_USER, "Interviews")
    today = datetime.now(replies.EASTERN).date()
    for offset in range(22):
        day = today + timedelta(days=offset)
        if day.weekday() < 5:
            start = datetime.combine(day, datetime.min.time().replace(hour=9), tzinfo=replies.EASTERN)
            dav.add_event(DEMO_DAV_USER, "Work", "Team sync", start, start + timedelta(minutes=45))
    return calendar_config(dav, DEMO_DAV_USER, config_dir, busy_from=["Work"])


def _demo_settings(config: Path, calendar: dict[str, Any]) -> None:
    """Demo-only choices: auto approval, an always-open window, no pauses, a one-minute interview; the calendar."""
    data = yaml.safe_load(config.read_text())
    data["calendar"] = calendar
    data["approval"] = {kind: "auto" for kind in ("outreach", "follow_up", "thank_you", "confirmation")}
    data["sending"] = {"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "start": "00:00",
                       "end": "23:59", "max_per_day": 100, "min_interval_seconds": 0}
    data["thank_you"] = {"at": "00:00", "days_after": 0}
    data["interviews"] = {"default_minutes": 1}
    data["imap"]["idle_renew_seconds"] = 60
    config.write_text(yaml.safe_dump(data, sort_keys=False))


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
    demo = Demo(root, keep=args.keep)
    try:
        with (MailRig(root / "mail", users=USERS, smtp=backend, name="demo", die_with_parent=True) as rig,
              RadicaleRig(root / "dav") as dav):
            demo.run(rig, dav)
    finally:
        if args.keep:
            print(f"\nkept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0

