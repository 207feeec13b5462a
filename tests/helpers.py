"""Test helpers: configs written into a temp dir, either from a small base (`write_config`) or from the
shipped examples (`example_config`)."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from outreach.config.reader import load_settings
from outreach.config.settings import Settings
from outreach.store.db import open_database

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CONFIG = ROOT / "config" / "outreach.example.yaml"
# The shipped samples are refused as placeholders; tests use these people instead.
EXAMPLE_INTRODUCTIONS = ROOT / "tests" / "data" / "introductions.yaml"
NOW = datetime(2025, 3, 4, 15, 0, tzinfo=UTC)
LOOPBACK = {"host": "127.0.0.1", "security": "plain", "ca_file": None}


def example_config(directory: Path, introductions: str | None = None, **overrides: Any) -> Path:
    """The shipped example config and introductions, with loopback servers and a database in `directory`.

    `overrides` replace top-level sections key by key (e.g. approval={"outreach": "auto"})."""
    data = yaml.safe_load(EXAMPLE_CONFIG.read_text())
    data["me"]["email"] = "sam.rivera@example.edu"  # edited, as `outreach check` asks of every user
    data["imap"].update(LOOPBACK, port=1143)
    data["smtp"].update(LOOPBACK, port=1025)
    data["paths"] = {"introductions": "introductions.yaml", "templates": "templates", "database": "outreach.db"}
    for key, value in overrides.items():
        data[key] = {**data.get(key, {}), **value} if isinstance(value, dict) else value
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "outreach.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    intro_text = introductions if introductions is not None else EXAMPLE_INTRODUCTIONS.read_text()
    (directory / "introductions.yaml").write_text(intro_text)
    return path


def example_settings(directory: Path, introductions: str | None = None, **overrides: Any) -> Settings:
    """Write the example config, load it and open (and migrate) its database."""
    settings = load_settings(example_config(directory, introductions, **overrides))
    open_database(settings.paths.database)
    return settings


def write_template(settings: Settings, name: str, text: str) -> Path:
    """Put a template in the user's templates dir (it overrides a shipped one of the same name)."""
    settings.paths.templates.mkdir(parents=True, exist_ok=True)
    path = settings.paths.templates / name
    path.write_text(text)
    return path

BASE_CONFIG: dict[str, Any] = {
    "me": {
        "name": "Sam Rivera",
        "email": "me@example.test",
        "timezone": "America/New_York",
        "signature": "Sam Rivera\nExample University",
        "stories": {
            "tell_me_about_yourself": "I study data science.",
            "why_this_field": "I like evidence.",
            "what_im_looking_for": "An applied ML role.",
        },
    },
    "imap": {"host": "127.0.0.1", "port": 993, "security": "tls", "username": "me@example.test",
             "password_env": "OUTREACH_TEST_PASSWORD"},
    "smtp": {"host": "127.0.0.1", "port": 465, "security": "tls", "username": "me@example.test",
             "password_env": "OUTREACH_TEST_PASSWORD"},
    "paths": {"introductions": "introductions.yaml", "templates": "templates", "database": "outreach.db"},
}

ALEX_INTRODUCTION = textwrap.dedent("""\
    introductions:
      - name: Alex Chen
        email: alex.chen@example.com
        company: Example Corp
        role: Staff Data Scientist
        referred_by: Maria Lopez
        relationship: my thesis advisor
        timezone: America/Los_Angeles
        topics: [ML in production, moving from academia]
""")
INTRODUCTIONS = ALEX_INTRODUCTION + (
    "  - name: Priya Natarajan\n"
    "    email: Priya.N@Example.org\n"
    "    company: Example Health\n"
)


def merge(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        elif value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def write_config(directory: Path, introductions: str = INTRODUCTIONS, **overrides: Any) -> Path:
    """Write outreach.yaml (BASE_CONFIG with overrides; None deletes a key) and introductions.yaml."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "outreach.yaml"
    path.write_text(yaml.safe_dump(merge(BASE_CONFIG, overrides), sort_keys=False))
    (directory / "introductions.yaml").write_text(introductions)
    return path


def delivery_report_body(groups: str, text: str, original: str, boundary: str) -> str:
    """The parts of an RFC 3464 multipart/report: human text, the per-recipient groups, the returned message."""
    return (
        f"--{boundary}\nContent-Type: text/plain\n\n{text}\n"
        f"--{boundary}\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.far.example\n\n{groups}\n"
        f"--{boundary}\nContent-Type: message/rfc822\n\n{original}\n--{boundary}--\n"
    )
