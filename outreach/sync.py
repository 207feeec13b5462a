"""`outreach sync`: introductions -> contacts -> outreach drafts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from .config import Settings
from .contacts import import_introductions, load_introductions
from .errors import TemplateError


def sync_introductions(settings: Settings, now: datetime, actor: str) -> Iterator[str]:
    """Import the introductions file, then compose drafts for contacts that need one.

    Contacts whose template fails still get their lines reported; the others get drafts, and a
    TemplateError is raised at the end so the command exits non-zero."""
    from .drafts import compose_outreach_drafts

    intros = load_introductions(settings.paths.introductions, check_dns=settings.check_dns)
    result = import_introductions(intros, now)
    yield (f"introductions: {len(result.created)} new, {len(result.updated)} updated, "
           f"{len(result.unchanged)} unchanged ({settings.paths.introductions})")
    composed = compose_outreach_drafts(settings, now, actor)
    for draft in composed.created:
        yield f"composed draft {draft.id} ({draft.status}) for {draft.contact.name} <{draft.to_addr}>: {draft.subject}"
    for error in composed.errors:
        yield f"no draft: {error}"
    pending = sum(1 for d in composed.created if d.status == "pending")
    yield (f"drafts: {len(composed.created)} composed, {len(composed.errors)} failed"
           + ("; review them with `outreach drafts` and approve with `outreach drafts approve ID`"
              if pending else ""))
    if composed.errors:
        raise TemplateError(f"{len(composed.errors)} contact(s) got no draft; fix the template or the "
                            "introduction named above and run `outreach sync` again")
