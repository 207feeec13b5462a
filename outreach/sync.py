"""`outreach sync`: introductions -> contacts -> outreach drafts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from .config import Settings
from .contacts import import_introductions, load_introductions


def sync_introductions(settings: Settings, now: datetime, actor: str) -> Iterator[str]:
    """Import the introductions file, then compose drafts for contacts that need one."""
    intros = load_introductions(settings.paths.introductions, check_dns=settings.check_dns)
    result = import_introductions(intros, now)
    yield (f"introductions: {len(result.created)} new, {len(result.updated)} updated, "
           f"{len(result.unchanged)} unchanged ({settings.paths.introductions})")
