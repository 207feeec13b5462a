"""`outreach init`: copy the example config, introductions and templates into place."""

from __future__ import annotations

import shutil
from pathlib import Path

from .locations import default_config_dir

DATA = Path(__file__).resolve().parent / "data"


def shipped_templates_dir() -> Path:
    return DATA / "templates"


def init_config_dir(directory: Path | None) -> tuple[list[Path], list[Path]]:
    """Write outreach.yaml, introductions.yaml and templates/ into `directory`; never overwrite."""
    target = (directory or default_config_dir()).expanduser()
    target.mkdir(parents=True, exist_ok=True)
    plan = [
        (DATA / "config" / "outreach.example.yaml", target / "outreach.yaml"),
        (DATA / "config" / "introductions.example.yaml", target / "introductions.yaml"),
    ]
    plan += [(src, target / "templates" / src.name) for src in sorted(shipped_templates_dir().glob("*.j2"))]
    written, kept = [], []
    for source, destination in plan:
        if destination.exists():
            kept.append(destination)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        written.append(destination)
    return written, kept
