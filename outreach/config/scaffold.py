"""`outreach init` and `outreach templates`: the example config in place, and copies of shipped templates.

Only templates the user chose to customise live in their folder: a copy there overrides the shipped
template of the same name, so an upgrade's fixes to that template never reach them."""

from __future__ import annotations

import filecmp
import shutil
from dataclasses import dataclass
from pathlib import Path

from outreach.config.locations import default_config_dir
from outreach.errors import TemplateError

DATA = Path(__file__).resolve().parents[1] / "data"

TEMPLATE_SUFFIXES = (".txt.j2", ".md.j2", ".j2")


def shipped_templates_dir() -> Path:
    return DATA / "templates"


def init_config_dir(directory: Path | None) -> tuple[list[Path], list[Path]]:
    """Write outreach.yaml and introductions.yaml into `directory`; never overwrite. No templates: the
    shipped ones are used until the user copies one with `outreach templates copy NAME`."""
    target = (directory or default_config_dir()).expanduser()
    target.mkdir(parents=True, exist_ok=True)
    plan = [
        (DATA / "config" / "outreach.example.yaml", target / "outreach.yaml"),
        (DATA / "config" / "introductions.example.yaml", target / "introductions.yaml"),
    ]
    written, kept = [], []
    for source, destination in plan:
        if destination.exists():
            kept.append(destination)
            continue
        shutil.copyfile(source, destination)
        written.append(destination)
    return written, kept


@dataclass(frozen=True)
class TemplateFile:
    """One template as the renderer will find it: the user's copy wins over the shipped one."""

    name: str
    shipped: Path | None
    yours: Path | None

    @property
    def overrides(self) -> bool:
        return self.shipped is not None and self.yours is not None

    @property
    def identical(self) -> bool:
        return (self.shipped is not None and self.yours is not None
                and filecmp.cmp(self.shipped, self.yours, shallow=False))

    def describe(self) -> str:
        if not self.overrides:
            return "shipped" if self.yours is None else f"yours ({self.yours})"
        if self.identical:
            return (f"yours ({self.yours}), identical to the shipped one: delete it so that fixes in new "
                    "versions reach you")
        return (f"yours ({self.yours}), overrides the shipped one: fixes in new versions won't reach you; "
                f"compare with `diff -u {self.shipped} {self.yours}`")


def template_files(user_dir: Path) -> list[TemplateFile]:
    """Every template by name: the shipped ones and those in `user_dir`."""
    shipped = {p.name: p for p in shipped_templates_dir().glob("*.j2")}
    yours = {p.name: p for p in user_dir.glob("*.j2")} if user_dir.is_dir() else {}
    return [TemplateFile(name, shipped.get(name), yours.get(name)) for name in sorted({*shipped, *yours})]


def copy_template(name: str, user_dir: Path) -> Path:
    """Copy the shipped template `name` (with or without its suffix) into `user_dir` to customise it."""

    shipped = {p.name: p for p in shipped_templates_dir().glob("*.j2")}
    candidates = [name] if name.endswith(".j2") else [name + suffix for suffix in TEMPLATE_SUFFIXES]
    source = next((shipped[c] for c in candidates if c in shipped), None)
    if source is None:
        raise TemplateError(f"no shipped template named {name!r}; the shipped ones are "
                            f"{', '.join(n.split('.')[0] for n in sorted(shipped))}")
    destination = user_dir / source.name
    if destination.exists():
        raise TemplateError(f"{destination} already exists; edit it there, or delete it to use the shipped "
                            f"{source.name} again")
    user_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, destination)
    return destination
