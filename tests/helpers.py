"""Helpers for the drafts and rendering tests: a config dir in tmp built from the shipped examples."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from outreach.config import Settings, load_settings
from outreach.db import open_database

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CONFIG = ROOT / "config" / "outreach.example.yaml"
EXAMPLE_INTRODUCTIONS = ROOT / "config" / "introductions.example.yaml"
NOW = datetime(2025, 3, 4, 15, 0, tzinfo=UTC)
LOOPBACK = {"host": "127.0.0.1", "security": "plain", "ca_file": None}


def example_config(directory: Path, introductions: str | None = None, **overrides: Any) -> Path:
    """The shipped example config and introductions, with loopback servers and a database in `directory`.

    `overrides` replace top-level sections key by key (e.g. approval={"outreach": "auto"})."""
    data = yaml.safe_load(EXAMPLE_CONFIG.read_text())
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
