"""Where the config and the database live by default (kept apart from config.py so that finding them imports
nothing heavy): the XDG base directories, with their documented fallbacks."""

from __future__ import annotations

import os
from pathlib import Path

CONFIG_ENV = "OUTREACH_CONFIG"


def default_config_path() -> Path:
    """$OUTREACH_CONFIG, then $XDG_CONFIG_HOME/outreach/outreach.yaml."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    return default_config_dir() / "outreach.yaml"


def default_config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base).expanduser() / "outreach"


def default_database_path() -> Path:
    """$XDG_DATA_HOME/outreach/outreach.db, else ~/.local/share/outreach/outreach.db."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "outreach" / "outreach.db"


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/outreach, else ~/.cache/outreach: what can be thrown away and rebuilt."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "outreach"
