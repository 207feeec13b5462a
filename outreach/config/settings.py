"""The frozen, typed settings every stage gets (reader.py reads them from outreach.yaml).

The YAML is read once; every later stage gets these dataclasses, never raw dicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from outreach.config.secrets import SecretSource

Security = Literal["tls", "starttls", "plain"]
ApprovalMode = Literal["required", "auto"]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Stories:
    """The user's "big three" answers, shown in every prep brief."""

    tell_me_about_yourself: str = ""
    why_this_field: str = ""
    what_im_looking_for: str = ""


@dataclass(frozen=True)
class Me:
    name: str
    email: str
    timezone: str
    signature: str
    stories: Stories

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def domain(self) -> str:
        return self.email.rsplit("@", 1)[1]


@dataclass(frozen=True)
class Folders:
    inbox: str = "INBOX"
    sent: str = "auto"
    drafts: str = "auto"


@dataclass(frozen=True)
class ServerSettings:
    """How to reach one mail server. `secret` knows where the password lives, not what it is."""

    host: str
    port: int
    security: Security
    username: str
    secret: SecretSource
    ca_file: Path | None
    timeout_seconds: float = 30.0

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class ImapSettings(ServerSettings):
    folders: Folders = field(default_factory=Folders)
    idle_renew_seconds: int = 540
    # whose Authentication-Results headers to believe: the user's provider's (lower case)
    authserv_id: str = ""


@dataclass(frozen=True)
class SmtpSettings(ServerSettings):
    save_to_sent: Literal["auto", "always", "never"] = "auto"


@dataclass(frozen=True)
class Sending:
    days: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday = 0, as datetime.weekday()
    start: time = time(8, 30)
    end: time = time(17, 30)
    max_per_day: int = 20
    min_interval_seconds: int = 90
    retry_for_hours: int = 48


@dataclass(frozen=True)
class Approval:
    outreach: ApprovalMode = "required"
    follow_up: ApprovalMode = "required"
    thank_you: ApprovalMode = "required"
    confirmation: ApprovalMode = "required"

    def mode(self, kind: str) -> ApprovalMode:
        mode: ApprovalMode = getattr(self, kind, "required")
        return mode


@dataclass(frozen=True)
class FollowUp:
    after_business_days: int = 7
    max: int = 1
    routine: Literal["simple", "3b7"] = "simple"


@dataclass(frozen=True)
class ThankYou:
    at: time = time(9, 0)
    days_after: int = 1


@dataclass(frozen=True)
class Interviews:
    default_minutes: int = 30
    email_prep_brief: bool = False


@dataclass(frozen=True)
class Availability:
    """When the user takes calls, in me.timezone: what the slot finder (slots.py) offers."""

    days: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday = 0
    start: time = time(9, 0)
    end: time = time(17, 0)
    slot_minutes: int = 30
    buffer_minutes: int = 15
    earliest_days: int = 2
    latest_days: int = 14
    offer: int = 3
    hold_hours: int = 72


@dataclass(frozen=True)
class CalendarSettings:
    """The user's CalDAV account: busy time from `busy_from` (empty: every calendar), interviews into `write_to`."""

    url: str
    username: str
    secret: SecretSource
    write_to: str
    busy_from: tuple[str, ...]
    availability: Availability
    ca_file: Path | None = None
    timeout_seconds: float = 30.0


@dataclass(frozen=True)
class Paths:
    introductions: Path
    templates: Path
    database: Path


@dataclass(frozen=True)
class Settings:
    source: Path
    me: Me
    imap: ImapSettings
    smtp: SmtpSettings
    sending: Sending
    approval: Approval
    follow_up: FollowUp
    thank_you: ThankYou
    interviews: Interviews
    paths: Paths
    check_dns: bool = False
    calendar: CalendarSettings | None = None
