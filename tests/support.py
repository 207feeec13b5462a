"""Shared helpers for tests: write a complete config into a temp dir."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import yaml

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

INTRODUCTIONS = textwrap.dedent("""\
    introductions:
      - name: Alex Chen
        email: alex.chen@example.com
        company: Example Corp
        role: Staff Data Scientist
        referred_by: Maria Lopez
        relationship: my thesis advisor
        timezone: America/Los_Angeles
        topics: [ML in production, moving from academia]
      - name: Priya Natarajan
        email: Priya.N@Example.org
        company: Example Health
""")


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
