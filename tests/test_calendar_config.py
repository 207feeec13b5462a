"""The `calendar:` section of outreach.yaml: the issue's shape, defaults, and errors naming file, line and key."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from outreach.config.reader import load_settings
from outreach.config.secrets import SecretSource
from outreach.config.settings import Availability, CalendarSettings
from outreach.errors import ConfigError
from tests.helpers import write_config

# the shape of issue 16, which scripts rely on
CALENDAR = """\
calendar:
  url: https://dav.example.com/
  username: me@example.com
  password_command: pass show dav
  write_to: Interviews
  busy_from: [Work, Personal]
  availability:
    days: [mon, tue, wed, thu, fri]
    start: "09:00"
    end: "17:00"
    slot_minutes: 30
    buffer_minutes: 15
    earliest_days: 2
    latest_days: 14
    offer: 3
    hold_hours: 72
"""


def load_with(tmp_path: Path, text: str) -> CalendarSettings | None:
    path = write_config(tmp_path)
    path.write_text(path.read_text() + text)
    return load_settings(path).calendar


def test_the_issues_calendar_section_is_read_whole(tmp_path: Path) -> None:
    """Every key of the documented shape lands in a frozen CalendarSettings."""
    where = "outreach.yaml:31: calendar.password_command"
    assert load_with(tmp_path, CALENDAR) == CalendarSettings(
        url="https://dav.example.com/", username="me@example.com",
        secret=SecretSource("password_command", "pass show dav", f"{tmp_path}/{where}"),
        write_to="Interviews", busy_from=("Work", "Personal"),
        availability=Availability(days=(0, 1, 2, 3, 4), start=time(9), end=time(17), slot_minutes=30,
                                  buffer_minutes=15, earliest_days=2, latest_days=14, offer=3, hold_hours=72),
    )


def test_no_calendar_section_is_none_and_defaults_fill_the_rest(tmp_path: Path) -> None:
    """Without `calendar:` there is no calendar; a minimal section gets every calendar and the defaults."""
    assert load_with(tmp_path, "") is None
    minimal = load_with(tmp_path, "calendar:\n  url: http://127.0.0.1:5232/\n  username: me\n"
                                  "  password_env: DAV_PASSWORD\n  write_to: Interviews\n")
    assert minimal is not None
    assert (minimal.busy_from, minimal.availability) == ((), Availability())


@pytest.mark.parametrize(("text", "message"), [
    (CALENDAR.replace("https://dav.example.com/", "http://dav.example.com/"),
     "outreach.yaml:29: calendar.url: http:// sends your password unencrypted and is only allowed for a loopback "
     "host, not 'dav.example.com'; use https://"),
    (CALENDAR.replace("https://dav.example.com/", "dav.example.com"),
     "outreach.yaml:29: calendar.url: expected the CalDAV server's https:// address, got 'dav.example.com'"),
    (CALENDAR.replace("password_command: pass show dav", "password: hunter2"),
     "outreach.yaml:31: calendar.password: passwords never go in the YAML; use password_command, password_env "
     "or password_file"),
    (CALENDAR.replace("  password_command: pass show dav\n", ""),
     "outreach.yaml:28: calendar: give exactly one of password_command, password_env, password_file (none given)"),
    (CALENDAR.replace("[mon, tue, wed, thu, fri]", "[monday]"),
     "outreach.yaml:35: calendar.availability.days: expected a list of days from mon, tue, wed, thu, fri, sat, sun"),
    (CALENDAR.replace('end: "17:00"', 'end: "08:00"'),
     "outreach.yaml:37: calendar.availability.end: availability must end after it starts"),
    (CALENDAR.replace("slot_minutes: 30", "slot_minutes: 600"),
     "outreach.yaml:38: calendar.availability.slot_minutes: must be between 5 and 480, got 600"),
    (CALENDAR.replace("latest_days: 14", "latest_days: 1"),
     "outreach.yaml:41: calendar.availability.latest_days: must be between 2 and 365, got 1"),
    (CALENDAR.replace("busy_from: [Work, Personal]", "busy_from: Work"),
     "outreach.yaml:33: calendar.busy_from: expected a list of calendar names, e.g. [Work, Personal]"),
    (CALENDAR.replace("  write_to: Interviews\n", "  write_into: Interviews\n"),
     "outreach.yaml:32: calendar.write_into: unknown key; expected one of url, username, write_to, busy_from, "
     "availability, ca_file, timeout_seconds, password, password_command, password_env, password_file"),
])
def test_calendar_errors_name_file_line_and_key(tmp_path: Path, text: str, message: str) -> None:
    """Each mistake in the calendar section is one line naming file, line and key."""
    with pytest.raises(ConfigError) as info:
        load_with(tmp_path, text)
    assert str(info.value) == f"{tmp_path}/{message}"
