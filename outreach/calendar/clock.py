"""A moment as a person reads it, in their zone: 'Tuesday, October 13', '2:00 PM CDT', and both with the year.

Offers, invitations, prep briefs and thread quotes all write times this one way.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from outreach.config.timezones import is_zone
from outreach.store.models import Contact


def contact_zone(contact: Contact) -> ZoneInfo | None:
    return ZoneInfo(contact.timezone) if contact.timezone and is_zone(contact.timezone) else None


def day(moment: datetime, zone: ZoneInfo) -> str:
    """'Tuesday, October 13'."""
    local = moment.astimezone(zone)
    return f"{local:%A, %B} {local.day}"


def clock(moment: datetime, zone: ZoneInfo) -> str:
    """'2:00 PM CDT'."""
    local = moment.astimezone(zone)
    return f"{local.hour % 12 or 12}:{local:%M %p} {local.tzname()}"


def when(moment: datetime, zone: ZoneInfo) -> str:
    """'Tuesday, October 13, 2026 at 2:00 PM CDT'."""
    local = moment.astimezone(zone)
    return f"{day(local, zone)}, {local.year} at {clock(local, zone)}"
