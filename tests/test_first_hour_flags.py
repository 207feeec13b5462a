"""Issue 14.5, as a new user meets it: where the database goes, -v anywhere, both servers checked, usage
messages that say what is wrong, and `outreach classify` readable without --json."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from outreach.testing import MailRig
from outreach.testing.localconfig import write_local_config
from outreach.testing.processes import free_ports
from tests.helpers import ROOT, write_config

REPLIES = ROOT / "tests" / "data" / "replies"
DEBUG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ DEBUG ")


def outreach(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a fresh process, with no config or data directory from the machine."""
    full_env = {k: v for k, v in os.environ.items()
                if k not in ("OUTREACH_CONFIG", "XDG_CONFIG_HOME", "XDG_DATA_HOME")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "outreach", *args], capture_output=True, text=True,
                          env=full_env, timeout=60)


def database_line(result: subprocess.CompletedProcess[str]) -> str:
    [line] = [line for line in result.stdout.splitlines() if line.startswith("database")]
    return line


def test_default_database_follows_xdg_data_home(tmp_path: Path) -> None:
    """Without paths.database the database is $XDG_DATA_HOME/outreach/outreach.db, else under ~/.local/share."""
    config = write_config(tmp_path / "cfg", paths={"database": None})
    data = tmp_path / "data"
    with_xdg = outreach("-c", str(config), "check", env={"XDG_DATA_HOME": str(data), "HOME": str(tmp_path)})
    assert (with_xdg.returncode, with_xdg.stderr) == (0, "")
    assert database_line(with_xdg).startswith(f"database      ok  {data}/outreach/outreach.db (schema ")
    without = outreach("-c", str(config), "check", env={"HOME": str(tmp_path)})
    assert database_line(without).startswith(f"database      ok  {tmp_path}/.local/share/outreach/outreach.db ")


def test_verbose_after_the_subcommand(tmp_path: Path) -> None:
    """`-v` works after the subcommand too, on groups and their subcommands, with tracebacks on errors."""
    config = str(write_config(tmp_path))
    for args in (("status", "-v"), ("drafts", "list", "-v"), ("contacts", "--verbose")):
        result = outreach("-c", config, *args)
        assert result.returncode == 0, result.stderr
        assert DEBUG_LINE.match(result.stderr), result.stderr
        assert outreach("-c", config, *args[:-1]).stderr == ""  # without -v: no logs
    failed = outreach("-c", config, "interviews", "show", "9", "-v")
    assert failed.returncode == 1
    assert "Traceback (most recent call last):" in failed.stderr
    assert failed.stderr.splitlines()[-1] == "error: no interview 9; see `outreach interviews`"
    quiet = outreach("-c", config, "interviews", "show", "9")
    assert quiet.stderr == "error: no interview 9; see `outreach interviews`\n"


def test_check_connect_reports_both_servers(tmp_path: Path) -> None:
    """When neither server answers, `check --connect` tries both and names both in its one error line."""
    imap_port, smtp_port = free_ports(2)
    config = write_config(tmp_path, imap={"port": imap_port}, smtp={"port": smtp_port})
    result = outreach("-c", str(config), "check", "--connect", env={"OUTREACH_TEST_PASSWORD": "x"})
    assert (result.returncode, result.stderr) == (1, (
        f"error: imap 127.0.0.1:{imap_port}: connection refused; check imap.host and imap.port and "
        f"smtp 127.0.0.1:{smtp_port}: connection refused; check smtp.host and smtp.port\n"))


def test_check_connect_still_checks_smtp_after_imap_fails(postfix: MailRig, tmp_path: Path) -> None:
    """A failing IMAP server does not hide the SMTP result: SMTP's ok line, then IMAP's error."""
    config = write_local_config(tmp_path, postfix)
    [unused] = free_ports(1)
    config.write_text(config.read_text().replace(f"port: {postfix.imaps_port}", f"port: {unused}"))
    result = outreach("-c", str(config), "check", "--connect")
    assert (result.returncode, result.stderr) == (
        1, f"error: imap 127.0.0.1:{unused}: connection refused; check imap.host and imap.port\n")
    assert result.stdout.splitlines()[-1].startswith(
        f"smtp          ok  tls 127.0.0.1:{postfix.smtps_port} as me@example.test; extensions: ")


def test_interviews_set_with_both_flags_says_not_both(tmp_path: Path) -> None:
    """`--pick` with `--at` is refused as 'not both'; neither is refused as before."""
    config = str(write_config(tmp_path))
    both = outreach("-c", config, "interviews", "set", "1", "--pick", "1", "--at", "2026-12-01 10:00")
    assert (both.returncode, both.stderr.splitlines()[-1]) == (2, "Error: give --at WHEN or --pick N, not both")
    neither = outreach("-c", config, "interviews", "set", "1")
    assert (neither.returncode, neither.stderr.splitlines()[-1]) == (2, "Error: give --at WHEN or --pick N")


def test_contacts_help_says_it_lists_without_a_subcommand() -> None:
    """`contacts --help` says what the bare command does, as `drafts --help` does."""
    result = outreach("contacts", "--help")
    assert result.stdout.splitlines()[:3] == ["Usage: outreach contacts [OPTIONS] [COMMAND] [ARGS]...", "",
                                              "  People you are reaching out to (no subcommand: list)."]


def test_classify_is_readable_without_json() -> None:
    """Without --json each file gets its intent and confidence, then one line per finding."""
    files = [REPLIES / "accepted-with-referral-via-cc-outlook-mac.eml",
             REPLIES / "accepted-several-options-apple-mail.eml",
             REPLIES / "bounce-postfix-dsn-user-unknown.eml",
             REPLIES / "later-week-of-november-16-outlook.eml"]
    result = outreach("classify", "--tz", "America/New_York", *map(str, files))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"{files[0]}: accepted (confidence 0.90)\n"
        "  meeting: start 2026-10-16T13:00:00-05:00\n"
        "  referrals: Omar Haddad <omar.haddad@tallgrass.example>\n"
        f"{files[1]}: accepted (confidence 0.90)\n"
        "  proposed times: 2026-10-12T09:00:00-07:00, 2026-10-13T12:30:00-07:00, 2026-10-16T15:00:00-07:00\n"
        f"{files[2]}: bounce (confidence 0.99)\n"
        "  bounced recipient: rafael.alvarez@orbitalsys.example\n"
        f"{files[3]}: later (confidence 0.80)\n"
        "  resume after: 2026-11-16\n")


def test_classify_json_stays_json_lines() -> None:
    """`classify --json` prints JSON Lines exactly as before: one compact object per file, in order."""
    booking, question = REPLIES / "accepted-booking-link-gmail.eml", REPLIES / "question-resume-first-gmail.eml"
    result = outreach("classify", "--json", "--tz", "America/New_York", str(booking), str(question))
    assert result.stdout == (
        f'{{"file": "{booking}", "intent": "accepted", "confidence": 0.9, "meeting": {{"start": null, "end": null, '
        '"url": null, "location": null, "booking_url": "https://schedule.example.org/mk/30"}, "proposed_times": [], '
        '"referrals": [], "resume_after": null, "bounced_recipient": null}\n'
        f'{{"file": "{question}", "intent": "question", "confidence": 0.85, "meeting": null, "proposed_times": [], '
        '"referrals": [], "resume_after": null, "bounced_recipient": null}\n')
