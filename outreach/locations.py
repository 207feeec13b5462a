"""Where the config lives by default (kept apart from config.py so that finding it imports nothing heavy)."""

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
