"""`outreach sync`: introductions -> contacts -> outreach drafts (the daemon's sync job uses the same steps)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING

from outreach.config.settings import Settings
from outreach.errors import TemplateError
from outreach.intake.contacts import import_introductions, load_introductions
from outreach.intake.samples import refuse_example_identity, refuse_sample_introductions
from outreach.outgoing.compose import compose_outreach_drafts

if TYPE_CHECKING:
    from outreach.outgoing.compose import ComposeResult


def import_file(settings: Settings, now: datetime) -> str:
    """Import the introductions file (all or nothing; nothing while the example's placeholders remain);
    one line saying what changed."""
    intros = load_introductions(settings.paths.introductions, check_dns=settings.check_dns)
    refuse_example_identity(settings)
    refuse_sample_introductions(settings, intros)
    result = import_introductions(intros, now)
    return (f"introductions: {len(result.created)} new, {len(result.updated)} updated, "
            f"{len(result.unchanged)} unchanged ({settings.paths.introductions})")


def composed_lines(composed: ComposeResult) -> list[str]:
    """One line per draft composed and per contact whose template failed."""
    lines = [f"composed draft {draft.id} ({draft.status}) for {draft.contact.name} <{draft.to_addr}>: "
             f"{draft.subject}" for draft in composed.created]
    return lines + [f"no draft: {error}" for error in composed.errors]


def sync_introductions(settings: Settings, now: datetime, actor: str) -> Iterator[str]:
    """Import the introductions file, then compose drafts for contacts that need one.

    Contacts whose template fails still get their lines reported; the others get drafts, and a
    TemplateError is raised at the end so the command exits non-zero."""
    yield import_file(settings, now)
    composed = compose_outreach_drafts(settings, now, actor)
    yield from composed_lines(composed)
    pending = sum(1 for d in composed.created if d.status == "pending")
    yield (f"drafts: {len(composed.created)} composed, {len(composed.errors)} failed"
           + ("; review them with `outreach drafts` and approve with `outreach drafts approve ID`"
              if pending else ""))
    if composed.errors:
        raise TemplateError(f"{len(composed.errors)} contact(s) got no draft; fix the template or the "
                            "introduction named above and run `outreach sync` again")
