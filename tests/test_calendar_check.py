"""`outreach check --connect` with a calendar: Radicale and the mail rig, through the real CLI."""

from __future__ import annotations

import base64
from pathlib import Path

import yaml

from outreach.testing import MailRig
from outreach.testing.localconfig import write_local_config
from outreach.testing.radicale_rig import RadicaleRig, calendar_config
from tests.test_check_connect import check

CANARY = "canary-Dav-51b2e7"


def config_with_calendar(tmp_path: Path, rig: MailRig, radicale: RadicaleRig, user: str, **calendar: object) -> Path:
    path = write_local_config(tmp_path, rig, smtp="fault")
    data = yaml.safe_load(path.read_text())
    data["calendar"] = {**calendar_config(radicale, user, tmp_path), **calendar}
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_check_connect_lists_the_calendars(tmp_path: Path, mailrig: MailRig, radicale: RadicaleRig,
                                           dav_user: str) -> None:
    """After IMAP and SMTP, a calendar line: the server, the user, each calendar and its role."""
    radicale.make_calendar(dav_user, "Personal")
    config = config_with_calendar(tmp_path, mailrig, radicale, dav_user, busy_from=["Work", "Personal"])
    result = check(config)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        f"calendar      ok  {radicale.url} as {dav_user}; calendars: Interviews (write_to), Personal (busy), "
        "Work (busy)")


def test_a_wrong_caldav_password_is_a_clear_error_and_never_printed(tmp_path: Path, mailrig: MailRig,
                                                                    radicale: RadicaleRig, dav_user: str) -> None:
    """One line naming the server, the user and where the password came from; not the password, even with -v."""
    config = config_with_calendar(tmp_path, mailrig, radicale, dav_user)
    (tmp_path / "dav-password").write_text(CANARY + "\n")
    result = check(config, "-v")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: calendar {radicale.url} as {dav_user}: the server refused the login (AuthorizationError at "
        f"'{radicale.url}', reason Unauthorized); check calendar.username and the password from password_file "
        f"{tmp_path}/dav-password")
    assert result.stdout.splitlines()[-1].startswith("smtp          ok  ")  # the mail servers were still checked
    basic = base64.b64encode(f"{dav_user}:{CANARY}".encode()).decode()
    assert CANARY not in result.stdout + result.stderr
    assert basic not in result.stdout + result.stderr


def test_a_missing_write_to_calendar_is_named(tmp_path: Path, mailrig: MailRig, radicale: RadicaleRig,
                                              dav_user: str) -> None:
    """write_to must name an existing calendar; the error lists the ones found."""
    config = config_with_calendar(tmp_path, mailrig, radicale, dav_user, write_to="Meetings")
    result = check(config)
    assert (result.returncode, result.stderr.splitlines()[-1]) == (1, (
        f"error: calendar {radicale.url}: no calendar named 'Meetings' for {dav_user} (found: Interviews, Work); "
        "fix calendar.write_to or calendar.busy_from in outreach.yaml"))
