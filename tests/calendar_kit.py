"""Helpers for the calendar tests: a config with a `calendar:` section on the session's Radicale."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from outreach.config.reader import load_settings
from outreach.config.settings import Settings
from outreach.store.db import open_database
from outreach.testing.radicale_rig import RadicaleRig, calendar_config
from tests.helpers import write_config

# Thursday 2026-03-05, 10:00 in New York; the US moves to daylight time on Sunday 2026-03-08, Paris on the 29th
NOW = datetime(2026, 3, 5, 15, 0, tzinfo=UTC)
AVAILABILITY = {"earliest_days": 1, "latest_days": 14, "offer": 3, "slot_minutes": 30, "buffer_minutes": 15,
                "start": "09:00", "end": "17:00", "hold_hours": 72}
PARIS_INTRODUCTION = """\
introductions:
  - name: Camille Martin
    email: camille@example.fr
    company: Exemple SA
    referred_by: Maria Lopez
    timezone: Europe/Paris
"""
TWO_INTRODUCTIONS = PARIS_INTRODUCTION + """\
  - name: Priya Natarajan
    email: priya@example.org
    company: Example Health
"""


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def calendar_settings(directory: Path, rig: RadicaleRig, user: str, introductions: str = PARIS_INTRODUCTION,
                      calendar: dict[str, Any] | None = None, **overrides: Any) -> Settings:
    """BASE_CONFIG (tests/helpers.py) plus a calendar on `rig` for `user`; the database opened."""
    section = calendar_config(rig, user, directory, **{**AVAILABILITY, **(calendar or {})})
    path = write_config(directory, introductions, calendar=section, **overrides)
    settings = load_settings(path)
    open_database(settings.paths.database)
    return settings
