"""Time-zone names as users write them in config and introductions."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def is_zone(name: str) -> bool:
    """True when `name` is an IANA zone this machine knows (e.g. America/New_York)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as "Pacific"
        return False
    return True
