"""Config parsing: defaults, every kind of error with its exact message, and secret sources."""

from __future__ import annotations

import os
import textwrap
from datetime import time
from pathlib import Path

import pytest

from outreach.config.reader import load_settings
from outreach.config.settings import Settings
from outreach.errors import ConfigError, SecretError
from tests.helpers import write_config

GOOD = textwrap.dedent("""\
    me:
      name: Sam Rivera
      email: Sam.Rivera@Example.edu
      timezone: America/New_York
    imap:
      host: imap.example.edu
      username: sam
      password_env: IMAP_PW
    smtp:
      host: smtp.example.edu
      security: starttls
      username: sam
      password_command: pass show mail/smtp
""")


def load_text(tmp_path: Path, text: str) -> Settings:
    path = tmp_path / "outreach.yaml"
    path.write_text(text)
    return load_settings(path)


def error_for(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as info:
        load_text(tmp_path, text)
    return str(info.value).replace(str(tmp_path) + "/", "")


def test_minimal_config_gets_the_documented_defaults(tmp_path: Path) -> None:
    """A minimal config gets DESIGN.md's defaults, ports by security, and paths relative to the file."""
    s = load_settings(write_config(tmp_path))
    minimal = load_text(tmp_path, GOOD)
    assert minimal.me.email == "sam.rivera@example.edu"
    assert (minimal.imap.port, minimal.smtp.port) == (993, 587)
    assert minimal.sending.days == (0, 1, 2, 3, 4)
    assert (minimal.sending.start, minimal.sending.end) == (time(8, 30), time(17, 30))
    assert minimal.sending.max_per_day == 20
    assert minimal.approval.mode("outreach") == "required"
    assert minimal.follow_up.after_business_days == 7
    assert minimal.thank_you.at == time(9, 0)
    assert minimal.paths.introductions == tmp_path / "introductions.yaml"
    assert minimal.paths.database == Path("~/.local/share/outreach/outreach.db").expanduser()
    assert s.paths.database == tmp_path / "outreach.db"


@pytest.mark.parametrize(("text", "message"), [
    (GOOD + "extra: 1\n", "outreach.yaml:14: extra: unknown key; expected one of me, imap, smtp, sending, "
     "approval, follow_up, thank_you, interviews, paths, check_dns, calendar"),
    (GOOD.replace("  timezone: America/New_York", "  timezone: Mars/Olympus"),
     "outreach.yaml:4: me.timezone: unknown time zone 'Mars/Olympus'; use an IANA name like America/New_York"),
    (GOOD + "sending:\n  start: '25:00'\n",
     "outreach.yaml:15: sending.start: expected a time as \"HH:MM\", got '25:00'"),
    (GOOD + "sending:\n  start: 9:30\n",
     "outreach.yaml:15: sending.start: YAML read 9:30 as the number 570: put the time in quotes, \"9:30\""),
    (GOOD + "sending:\n  max_per_day: lots\n",
     "outreach.yaml:15: sending.max_per_day: expected a whole number, got 'lots'"),
    (GOOD + "sending:\n  max_per_day: 0\n",
     "outreach.yaml:15: sending.max_per_day: must be between 1 and 10000, got 0"),
    (GOOD + "sending:\n  max_per_day: " + "9" * 400 + "\n",
     "outreach.yaml:15: sending.max_per_day: must be between 1 and 10000, got a number of 400 digits"),
    (GOOD + "paths:\n  database: \"db\\0.sqlite\"\n",
     "outreach.yaml:15: paths.database: must not contain control characters (a NUL byte, an escape, ...)"),
    (GOOD.replace("  name: Sam Rivera", "  name: \"Sam\\x1b[2J\""),
     "outreach.yaml:2: me.name: must not contain control characters (a NUL byte, an escape, ...)"),
    (GOOD + "sending:\n  days: [mon, funday]\n",
     "outreach.yaml:15: sending.days: expected a list of days from mon, tue, wed, thu, fri, sat, sun"),
    (GOOD + "approval:\n  outreach: maybe\n",
     "outreach.yaml:15: approval.outreach: expected one of required, auto, got 'maybe'"),
    (GOOD.replace("  email: Sam.Rivera@Example.edu\n", ""),
     "outreach.yaml:1: me.email: required; please set it"),
    (GOOD.replace("  password_env: IMAP_PW\n", "  password: hunter2\n"),
     "outreach.yaml:8: imap.password: passwords never go in the YAML; use password_command, password_env "
     "or password_file"),
    (GOOD.replace("  password_env: IMAP_PW\n", ""),
     "outreach.yaml:5: imap: give exactly one of password_command, password_env, password_file, "
     "oauth2_token_command (none given)"),
    (GOOD.replace("  host: imap.example.edu\n", "  host: imap.example.edu\n  security: plain\n"),
     "outreach.yaml:7: imap.security: security 'plain' sends your password unencrypted and is only allowed "
     "for a loopback host, not 'imap.example.edu'; use tls or starttls"),
    (GOOD + "me: {}\n", "outreach.yaml:14: me: key given twice; keep one"),
    (GOOD + "paths: [1, 2]\n", "outreach.yaml:14: paths: expected a mapping of keys to values"),
    ("me: [unclosed\n", "outreach.yaml:2: invalid YAML: did not find expected ',' or ']'"),
    ("", "outreach.yaml:1: (top level): the file is empty; see config/outreach.example.yaml"),
    (GOOD.replace("smtp:", "smpt:"), "outreach.yaml:9: smpt: unknown key; expected one of me, imap, smtp, "
     "sending, approval, follow_up, thank_you, interviews, paths, check_dns, calendar"),
])
def test_config_errors_name_file_line_and_key(tmp_path: Path, text: str, message: str) -> None:
    """Each kind of config mistake gets one line naming the file, the line and the key."""
    assert error_for(tmp_path, text) == message


def test_missing_config_file_says_how_to_create_one(tmp_path: Path) -> None:
    """A missing config points to `outreach init`."""
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path / "nope.yaml")
    assert str(info.value) == f"{tmp_path}/nope.yaml: config file not found; run `outreach init` to create one, " \
        "or pass -c FILE"


def test_plain_is_allowed_on_loopback(tmp_path: Path) -> None:
    """security: plain is accepted for 127.0.0.1 and localhost."""
    s = load_text(tmp_path, GOOD.replace("  host: imap.example.edu\n", "  host: 127.0.0.1\n  security: plain\n"))
    assert (s.imap.security, s.imap.port) == ("plain", 143)


def test_password_command_runs_without_shell_and_takes_first_line(tmp_path: Path) -> None:
    """password_command: first line of stdout; a shell only when the command needs one."""
    script = tmp_path / "pw.sh"
    script.write_text("#!/bin/sh\necho 'first line'\necho second\n")
    script.chmod(0o700)
    s = load_text(tmp_path, GOOD.replace("pass show mail/smtp", str(script)))
    assert s.smtp.secret.resolve() == "first line"
    s = load_text(tmp_path, GOOD.replace("pass show mail/smtp", "echo piped | tr a-z A-Z"))
    assert s.smtp.secret.resolve() == "PIPED"


@pytest.mark.parametrize(("command", "message"), [
    ("/bin/false", "outreach.yaml:13: smtp.password_command: `/bin/false` exited with status 1: no error output"),
    ("/nonexistent/pw", "outreach.yaml:13: smtp.password_command: command not found: /nonexistent/pw"),
    ("/bin/true", "outreach.yaml:13: smtp.password_command: `/bin/true` printed nothing on its first line"),
])
def test_password_command_failures(tmp_path: Path, command: str, message: str) -> None:
    """A failing, missing or silent password command is a clear error."""
    s = load_text(tmp_path, GOOD.replace("pass show mail/smtp", command))
    with pytest.raises(SecretError) as info:
        s.smtp.secret.resolve()
    assert str(info.value).replace(str(tmp_path) + "/", "") == message


def test_password_file_must_be_private(tmp_path: Path) -> None:
    """password_file is refused while group or others can read it, accepted at 0600."""
    secret = tmp_path / "pw"
    secret.write_text("s3cret\n")
    secret.chmod(0o644)
    s = load_text(tmp_path, GOOD.replace("password_command: pass show mail/smtp", "password_file: pw"))
    with pytest.raises(SecretError) as info:
        s.smtp.secret.resolve()
    assert str(info.value).replace(str(tmp_path) + "/", "") == (
        "outreach.yaml:13: smtp.password_file: password file pw is readable by other users; run `chmod 600 pw`")
    secret.chmod(0o600)
    assert s.smtp.secret.resolve() == "s3cret"


def test_password_file_expands_credentials_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """password_file may name $CREDENTIALS_DIRECTORY, as systemd's LoadCredential= provides."""
    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / "smtp").write_text("from-systemd")
    (creds / "smtp").chmod(0o600)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    s = load_text(tmp_path, GOOD.replace("password_command: pass show mail/smtp",
                                         "password_file: $CREDENTIALS_DIRECTORY/smtp"))
    assert s.smtp.secret.resolve() == "from-systemd"


def test_password_env_unset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unset password_env variable is named in the error."""
    monkeypatch.delenv("IMAP_PW", raising=False)
    s = load_text(tmp_path, GOOD)
    with pytest.raises(SecretError) as info:
        s.imap.secret.resolve()
    assert str(info.value).endswith("outreach.yaml:8: imap.password_env: environment variable IMAP_PW is not "
                                    "set or empty")
    assert "IMAP_PW" not in os.environ
