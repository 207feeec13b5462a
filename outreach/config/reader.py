"""outreach.yaml -> the settings of settings.py: each section read, checked and frozen.

Errors name the file, the line and the key, and say what to write instead.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from outreach.config.locations import default_config_path, default_database_path
from outreach.config.secrets import SecretSource
from outreach.config.settings import (
    WEEKDAYS,
    Approval,
    Availability,
    CalendarSettings,
    Folders,
    FollowUp,
    ImapSettings,
    Interviews,
    Me,
    Paths,
    Sending,
    Settings,
    SmtpSettings,
    Stories,
    ThankYou,
)
from outreach.config.timezones import is_zone
from outreach.config.yamlfile import PathKey, YamlDocument, load_yaml
from outreach.errors import ConfigError


def load_settings(path: Path | None = None) -> Settings:
    """Read and validate the config file; raise ConfigError naming file, line and key."""
    path = (path or default_config_path()).expanduser()
    if not path.exists():
        raise ConfigError(f"{path}: config file not found; run `outreach init` to create one, or pass -c FILE")
    doc = load_yaml(path, ConfigError)
    top = _Section(doc, (), TOP_KEYS, required=True)
    me = _read_me(top.section("me", ME_KEYS, required=True))
    paths = _read_paths(top.section("paths", PATHS_KEYS), path.parent)
    return Settings(
        source=path,
        me=me,
        imap=_read_imap(top.section("imap", IMAP_KEYS, required=True), path.parent),
        smtp=_read_smtp(top.section("smtp", SMTP_KEYS, required=True), path.parent),
        sending=_read_sending(top.section("sending", SENDING_KEYS)),
        approval=_read_approval(top.section("approval", APPROVAL_KEYS)),
        follow_up=_read_follow_up(top.section("follow_up", FOLLOW_UP_KEYS)),
        thank_you=_read_thank_you(top.section("thank_you", THANK_YOU_KEYS)),
        interviews=_read_interviews(top.section("interviews", INTERVIEWS_KEYS)),
        paths=paths,
        check_dns=top.boolean("check_dns", False),
        calendar=_read_calendar(top.section("calendar", CALENDAR_KEYS), path.parent) if "calendar" in doc.data
        else None,
    )


TOP_KEYS = (
    "me", "imap", "smtp", "sending", "approval", "follow_up", "thank_you", "interviews", "paths", "check_dns",
    "calendar",
)
ME_KEYS = ("name", "email", "timezone", "signature", "stories")
STORY_KEYS = ("tell_me_about_yourself", "why_this_field", "what_im_looking_for")
SECRET_KEYS = ("password_command", "password_env", "password_file", "oauth2_token_command")
# "password" is accepted by the parser only to refuse it with a better message than "unknown key".
SERVER_KEYS = ("host", "port", "security", "username", "ca_file", "timeout_seconds", "password", *SECRET_KEYS)
IMAP_KEYS = (*SERVER_KEYS, "folders", "idle_renew_seconds", "authserv_id")
SMTP_KEYS = (*SERVER_KEYS, "save_to_sent")
FOLDER_KEYS = ("inbox", "sent", "drafts")
SENDING_KEYS = ("days", "start", "end", "max_per_day", "min_interval_seconds", "retry_for_hours")
APPROVAL_KEYS = ("outreach", "follow_up", "thank_you", "confirmation")
FOLLOW_UP_KEYS = ("after_business_days", "max", "routine")
THANK_YOU_KEYS = ("at", "days_after")
INTERVIEWS_KEYS = ("default_minutes", "email_prep_brief")
PATHS_KEYS = ("introductions", "templates", "database")
CALENDAR_KEYS = ("url", "username", "write_to", "busy_from", "availability", "ca_file", "timeout_seconds",
                 "password", *SECRET_KEYS[:3])
AVAILABILITY_KEYS = ("days", "start", "end", "slot_minutes", "buffer_minutes", "earliest_days", "latest_days",
                     "offer", "hold_hours")


def _read_me(s: _Section) -> Me:
    stories = s.section("stories", STORY_KEYS)
    return Me(
        name=s.text("name", single_line=True),
        email=s.email("email"),
        timezone=s.zone("timezone"),
        signature=s.text("signature", default="").rstrip("\n"),
        stories=Stories(**{key: stories.text(key, default="").strip() for key in STORY_KEYS}),
    )


def _read_server(s: _Section, config_dir: Path, default_ports: Mapping[str, int]) -> dict[str, Any]:
    _refuse_password(s)
    host = s.text("host", single_line=True)
    security = s.choice("security", ("tls", "starttls", "plain"), "tls")
    if security == "plain" and not _is_loopback(host):
        raise ConfigError(
            f"{s.doc.where((*s.key, 'security'))}: security 'plain' sends your password unencrypted and is "
            f"only allowed for a loopback host, not {host!r}; use tls or starttls"
        )
    return {
        "host": host,
        "port": s.integer("port", default_ports[security], minimum=1, maximum=65535),
        "security": security,
        **_read_login(s, config_dir, SECRET_KEYS),
    }


def _refuse_password(s: _Section) -> None:
    if "password" in s.raw:
        raise ConfigError(
            f"{s.doc.where((*s.key, 'password'))}: passwords never go in the YAML; "
            "use password_command, password_env or password_file"
        )


def _read_login(s: _Section, config_dir: Path, secret_keys: tuple[str, ...]) -> dict[str, Any]:
    """username, where the secret lives (exactly one of `secret_keys`), ca_file and timeout_seconds."""
    given = [key for key in secret_keys if key in s.raw]
    if len(given) != 1:
        raise ConfigError(
            f"{s.doc.where(s.key)}: give exactly one of {', '.join(secret_keys)} "
            f"({'none' if not given else ' and '.join(given)} given)"
        )
    kind = given[0]
    value = s.text(kind, single_line=True)
    where = s.doc.where((*s.key, kind))
    if kind == "password_file":
        value = str(_resolve_path(os.path.expandvars(value), config_dir))
    ca_file = s.optional_text("ca_file")
    return {
        "username": s.text("username", single_line=True),
        "secret": SecretSource(kind=kind, value=value, where=where),
        "ca_file": _resolve_path(ca_file, config_dir) if ca_file else None,
        "timeout_seconds": float(s.integer("timeout_seconds", 30, minimum=1, maximum=600)),
    }


def _read_imap(s: _Section, config_dir: Path) -> ImapSettings:
    common = _read_server(s, config_dir, {"tls": 993, "starttls": 143, "plain": 143})
    folders = s.section("folders", FOLDER_KEYS)
    return ImapSettings(
        **common,
        folders=Folders(**{key: folders.text(key, default=getattr(Folders(), key)) for key in FOLDER_KEYS}),
        idle_renew_seconds=s.integer("idle_renew_seconds", 540, minimum=10, maximum=1740),
        authserv_id=(s.optional_text("authserv_id") or common["host"]).lower(),
    )


def _read_smtp(s: _Section, config_dir: Path) -> SmtpSettings:
    common = _read_server(s, config_dir, {"tls": 465, "starttls": 587, "plain": 25})
    return SmtpSettings(**common, save_to_sent=s.choice("save_to_sent", ("auto", "always", "never"), "auto"))


def _read_sending(s: _Section) -> Sending:
    start, end = s.clock("start", time(8, 30)), s.clock("end", time(17, 30))
    if end <= start:
        raise ConfigError(f"{s.doc.where((*s.key, 'end'))}: the send window must end after it starts")
    return Sending(
        days=s.weekdays("days"),
        start=start,
        end=end,
        max_per_day=s.integer("max_per_day", 20, minimum=1, maximum=10_000),
        min_interval_seconds=s.integer("min_interval_seconds", 90, minimum=0, maximum=86_400),
        retry_for_hours=s.integer("retry_for_hours", 48, minimum=1, maximum=24 * 30),
    )


def _read_approval(s: _Section) -> Approval:
    return Approval(**{key: s.choice(key, ("required", "auto"), "required") for key in APPROVAL_KEYS})


def _read_follow_up(s: _Section) -> FollowUp:
    return FollowUp(
        after_business_days=s.integer("after_business_days", 7, minimum=1, maximum=260),
        max=s.integer("max", 1, minimum=0, maximum=10),
        routine=s.choice("routine", ("simple", "3b7"), "simple"),
    )


def _read_thank_you(s: _Section) -> ThankYou:
    return ThankYou(at=s.clock("at", time(9, 0)), days_after=s.integer("days_after", 1, minimum=0, maximum=60))


def _read_interviews(s: _Section) -> Interviews:
    return Interviews(
        default_minutes=s.integer("default_minutes", 30, minimum=1, maximum=480),
        email_prep_brief=s.boolean("email_prep_brief", False),
    )


def _read_calendar(s: _Section, config_dir: Path) -> CalendarSettings:
    url = s.text("url", single_line=True)
    scheme, _, rest = url.partition("://")
    host = rest.split("/", 1)[0].rsplit("@", 1)[-1].rsplit(":", 1)[0].strip("[]")
    if scheme not in ("https", "http") or not host:
        raise s._fail("url", f"expected the CalDAV server's https:// address, got {url!r}")
    if scheme == "http" and not _is_loopback(host):
        raise s._fail("url", f"http:// sends your password unencrypted and is only allowed for a loopback host, "
                             f"not {host!r}; use https://")
    _refuse_password(s)
    common = _read_login(s, config_dir, SECRET_KEYS[:3])
    busy_from = s.raw.get("busy_from", [])
    if not isinstance(busy_from, list) or any(not isinstance(n, str) or not n.strip() for n in busy_from):
        raise s._fail("busy_from", "expected a list of calendar names, e.g. [Work, Personal]")
    a = s.section("availability", AVAILABILITY_KEYS)
    start, end = a.clock("start", time(9, 0)), a.clock("end", time(17, 0))
    if end <= start:
        raise a._fail("end", "availability must end after it starts")
    slot = a.integer("slot_minutes", 30, minimum=5, maximum=480)
    if (datetime.combine(date.min, end) - datetime.combine(date.min, start)).total_seconds() < slot * 60:
        raise a._fail("slot_minutes", f"a {slot}-minute slot does not fit between start and end")
    earliest = a.integer("earliest_days", 2, minimum=0, maximum=365)
    return CalendarSettings(
        url=url, username=common["username"], secret=common["secret"],
        write_to=s.text("write_to", single_line=True),
        busy_from=tuple(n.strip() for n in busy_from),
        availability=Availability(
            days=a.weekdays("days"), start=start, end=end, slot_minutes=slot,
            buffer_minutes=a.integer("buffer_minutes", 15, minimum=0, maximum=480),
            earliest_days=earliest,
            latest_days=a.integer("latest_days", 14, minimum=max(earliest, 1), maximum=365),
            offer=a.integer("offer", 3, minimum=0, maximum=20),
            hold_hours=a.integer("hold_hours", 72, minimum=1, maximum=24 * 90),
        ),
        ca_file=common["ca_file"], timeout_seconds=common["timeout_seconds"],
    )


def _read_paths(s: _Section, config_dir: Path) -> Paths:
    return Paths(
        introductions=_resolve_path(s.text("introductions", default="introductions.yaml"), config_dir),
        templates=_resolve_path(s.text("templates", default="templates"), config_dir),
        database=_resolve_path(s.text("database", default=str(default_database_path())), config_dir),
    )


def _resolve_path(value: str, base: Path) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else (base / path)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Section:
    """One mapping of the YAML document: typed getters that raise ConfigError with file:line: key."""

    def __init__(self, doc: YamlDocument, key: PathKey, allowed: tuple[str, ...], required: bool = False):
        self.doc, self.key = doc, key
        raw = doc.data
        for part in key:
            raw = raw.get(part) if isinstance(raw, dict) else None
        if raw is None:
            if required:
                what = f"section '{key[-1]}' is missing" if key else "the file is empty"
                raise ConfigError(f"{doc.where(key)}: {what}; see config/outreach.example.yaml")
            raw = {}
        if not isinstance(raw, dict):
            raise ConfigError(f"{doc.where(key)}: expected a mapping of keys to values")
        for name in raw:
            if name not in allowed:
                raise ConfigError(
                    f"{doc.where((*key, str(name)))}: unknown key; expected one of {', '.join(allowed)}"
                )
        self.raw: dict[str, Any] = raw

    def _fail(self, name: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.doc.where((*self.key, name))}: {problem}")

    def section(self, name: str, allowed: tuple[str, ...], required: bool = False) -> _Section:
        return _Section(self.doc, (*self.key, name), allowed, required)

    def text(self, name: str, default: str | None = None, single_line: bool = False) -> str:
        value = self.raw.get(name, default)
        if value is None:
            raise self._fail(name, "required; please set it")
        if not isinstance(value, str) or (single_line and not value.strip()):
            raise self._fail(name, f"expected a non-empty text value, got {value!r}")
        if single_line and ("\n" in value or "\r" in value):
            raise self._fail(name, "must be a single line")
        if any((ord(c) < 32 and c not in "\t\r\n") or c == "\x7f" for c in value):
            raise self._fail(name, "must not contain control characters (a NUL byte, an escape, ...)")
        return value.strip() if single_line else value

    def optional_text(self, name: str) -> str | None:
        return None if self.raw.get(name) is None else self.text(name, single_line=True)

    def integer(self, name: str, default: int, minimum: int = 0, maximum: int = 1_000_000_000) -> int:
        value = self.raw.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._fail(name, f"expected a whole number, got {value!r}")
        if not minimum <= value <= maximum:
            shown = str(value) if abs(value) < 10**12 else f"a number of {len(str(abs(value)))} digits"
            raise self._fail(name, f"must be between {minimum} and {maximum}, got {shown}")
        return value

    def boolean(self, name: str, default: bool) -> bool:
        value = self.raw.get(name, default)
        if not isinstance(value, bool):
            raise self._fail(name, f"expected true or false, got {value!r}")
        return value

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> Any:
        value = self.raw.get(name, default)
        if value not in choices:
            raise self._fail(name, f"expected one of {', '.join(choices)}, got {value!r}")
        return value

    def clock(self, name: str, default: time) -> time:
        value = self.raw.get(name)
        if value is None:
            return default
        if isinstance(value, int) and not isinstance(value, bool) and 60 <= value < 24 * 60:
            # YAML 1.1 reads an unquoted 9:30 as a sexagesimal number: 9 * 60 + 30 = 570
            written = f"{value // 60}:{value % 60:02d}"
            raise self._fail(name, f'YAML read {written} as the number {value}: put the time in quotes, "{written}"')
        try:
            hours, minutes = str(value).split(":")
            return time(int(hours), int(minutes))
        except ValueError:
            raise self._fail(name, f'expected a time as "HH:MM", got {value!r}') from None

    def weekdays(self, name: str) -> tuple[int, ...]:
        """A list of day names (default Monday to Friday) -> sorted weekday numbers, Monday = 0."""
        days = self.raw.get(name, ["mon", "tue", "wed", "thu", "fri"])
        if not isinstance(days, list) or not days or any(d not in WEEKDAYS for d in days):
            raise self._fail(name, f"expected a list of days from {', '.join(WEEKDAYS)}")
        return tuple(sorted({WEEKDAYS.index(d) for d in days}))

    def zone(self, name: str) -> str:
        value = self.text(name, single_line=True)
        if not is_zone(value):
            raise self._fail(name, f"unknown time zone {value!r}; use an IANA name like America/New_York")
        return value

    def email(self, name: str) -> str:
        # A cheap shape check on every load; `outreach check` runs email-validator on it (its import
        # alone costs more than the rest of loading the config).
        value = self.text(name, single_line=True)
        local, _, domain = value.partition("@")
        if not local or "." not in domain or any(c.isspace() for c in value) or "@" in domain:
            raise self._fail(name, f"{value!r} is not a valid e-mail address")
        return value.lower()
