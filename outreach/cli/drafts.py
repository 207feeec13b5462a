"""`outreach drafts`: review, approve, edit and reject queued messages. Orchestration only;
every rule lives in drafts.py."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from outreach.cli.main import App, now_utc, pass_app, print_json
from outreach.errors import DraftStateError, OutreachError, TemplateError
from outreach.store.models import DraftStatus

if TYPE_CHECKING:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from outreach.sending.sendwindow import Hold
    from outreach.store.models import Draft



@click.group(invoke_without_command=True)
@click.option("--status", type=click.Choice(DraftStatus.ALL), help="Only drafts in this state.")
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@click.pass_context
def drafts(ctx: click.Context, status: str | None, as_json: bool) -> None:
    """Review and approve messages before they are sent (no subcommand: list)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(drafts_list, status=status, as_json=as_json)
    elif status or as_json:
        raise click.UsageError("--status and --json belong to `drafts list`")


@drafts.command("list")
@click.option("--status", type=click.Choice(DraftStatus.ALL), help="Only drafts in this state.")
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@pass_app
def drafts_list(app: App, status: str | None = None, as_json: bool = False) -> None:
    """List drafts, oldest first."""
    from outreach.outgoing.drafts import list_drafts
    from outreach.sending.queue import drafts_json, holds_for

    app.open_db()
    now = now_utc()
    if as_json:
        print_json(drafts_json(app.settings, now, status))
        return
    rows = list_drafts(status)
    if not rows:
        click.echo(f"no {status} drafts" if status else "no drafts; run `outreach sync` to compose outreach drafts")
        return
    zone = app.settings.me.zone
    holds = holds_for(app.settings, now, rows)
    for d in rows:
        click.echo(f"{d.id:>5}  {d.status:12} {d.kind:10} {d.to_addr:32} {d.subject}")
        note = _delivery_note(d, holds.get(d.id), zone)
        if note:
            click.echo(f"{'':19}{note}")
    pending = sum(1 for d in rows if d.status == "pending")
    if pending:
        click.echo(f"{pending} pending: read one with `outreach drafts show ID`, then `outreach drafts approve ID`")


def _delivery_note(draft: Draft, hold: Hold | None, zone: ZoneInfo) -> str:
    """The second line for drafts that went out or are waiting to: when, why, what went wrong."""
    def local(moment: datetime) -> str:
        return f"{moment.astimezone(zone):%Y-%m-%d %H:%M %Z}"

    if draft.status == "sent" and draft.sent_at:
        return f"sent {local(draft.sent_at)}"
    if draft.status in ("failed", "needs_review"):
        return f"{draft.status.replace('_', ' ')}: {draft.last_error or draft.reason or 'see drafts show'}"
    if draft.status != "approved":
        return ""
    tried = f"; {draft.attempts} attempt(s), last error: {draft.last_error}" if draft.attempts else ""
    if hold is None:
        return f"due now: the daemon sends it on its next pass (`outreach run`){tried}"
    return f"deferred until {local(hold.until)}: {hold.reason}{tried}"


@drafts.command("show")
@click.argument("draft_id", type=int)
@pass_app
def drafts_show(app: App, draft_id: int) -> None:
    """Print the full message as it will go out (Date is set when it is sent)."""
    from outreach.outgoing.drafts import get_draft
    from outreach.outgoing.message import build_message, message_text
    from outreach.sending.queue import holds_for

    app.open_db()
    draft = get_draft(draft_id)
    now = now_utc()
    summary = _summary(draft)
    note = _delivery_note(draft, holds_for(app.settings, now, [draft]).get(draft.id), app.settings.me.zone)
    click.echo(f"{summary} · {note}" if note and draft.status == "approved" else summary, err=True)
    click.echo(message_text(build_message(draft, app.settings, now)), nl=False)


@drafts.command("approve")
@click.argument("draft_ids", nargs=-1, type=int)
@click.option("--all", "approve_all", is_flag=True, help="Approve every pending draft.")
@click.option("--yes", "-y", is_flag=True, help="With --all: do not ask for confirmation.")
@pass_app
def drafts_approve(app: App, draft_ids: tuple[int, ...], approve_all: bool, yes: bool) -> None:
    """Approve drafts for sending: ID... or --all pending ones."""
    from outreach.outgoing.drafts import approve, get_draft, list_drafts

    if approve_all == bool(draft_ids):
        raise click.UsageError("give draft IDs or --all (not both)")
    app.open_db()
    if approve_all:
        pending = list_drafts("pending")
        if not pending:
            click.echo("no pending drafts")
            return
        if not yes:
            click.confirm(f"Approve {len(pending)} pending draft(s) for sending?", abort=True)
        draft_ids = tuple(d.id for d in pending)
    now = now_utc()
    failures: list[OutreachError] = []
    for draft_id in draft_ids:
        try:
            before = get_draft(draft_id).status
            draft = approve(draft_id, now, app.actor)
        except OutreachError as exc:
            failures.append(exc)
            continue
        verb = "already approved" if before == "approved" else "approved"
        click.echo(f"{verb} {draft.id}: {draft.contact.name} <{draft.to_addr}>: {draft.subject}")
    _raise_failures(failures)


@drafts.command("reject")
@click.argument("draft_ids", nargs=-1, type=int, required=True)
@click.option("--reason", help="Why (kept with the draft).")
@pass_app
def drafts_reject(app: App, draft_ids: tuple[int, ...], reason: str | None) -> None:
    """Reject drafts: they will never be sent."""
    from outreach.outgoing.drafts import reject

    app.open_db()
    now = now_utc()
    failures: list[OutreachError] = []
    for draft_id in draft_ids:
        try:
            draft = reject(draft_id, now, app.actor, reason=reason)
        except OutreachError as exc:
            failures.append(exc)
            continue
        click.echo(f"rejected {draft.id}: {draft.contact.name} <{draft.to_addr}>: {draft.subject}")
    _raise_failures(failures)


@drafts.command("edit")
@click.argument("draft_id", type=int)
@pass_app
def drafts_edit(app: App, draft_id: int) -> None:
    """Edit a draft's subject and body in $EDITOR; an approved draft goes back to pending."""
    from outreach.outgoing.drafts import EDITABLE, edit, get_draft, state_phrase
    from outreach.outgoing.render import split_message

    app.open_db()
    draft = get_draft(draft_id)
    if draft.status not in EDITABLE:
        raise DraftStateError(f"draft {draft_id} {state_phrase(draft)}; it cannot be edited")
    original = f"Subject: {draft.subject}\n\n{draft.body}"
    import tempfile

    fd, name = tempfile.mkstemp(prefix=f"outreach-draft-{draft_id}-", suffix=".txt")
    path = Path(name)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(original)
    try:
        click.edit(filename=str(path), require_save=False)
    except click.ClickException as exc:
        raise TemplateError(f"draft {draft_id} not changed: the editor failed ({exc.format_message()}); "
                            f"your text is kept in {path}") from None
    text = path.read_text(encoding="utf-8")
    if text == original:
        path.unlink()
        click.echo(f"draft {draft_id} unchanged")
        return
    try:
        subject, body = split_message(text, str(path))
        updated = edit(draft_id, subject, body, now_utc(), app.actor)
    except TemplateError as exc:
        raise TemplateError(f"draft {draft_id} not changed: {exc}; your edit is kept in {path}") from None
    path.unlink()
    if draft.status == "approved" and updated.status == "pending":
        click.echo(f"draft {draft_id} edited; it needs approval again: `outreach drafts approve {draft_id}`")
    else:
        click.echo(f"draft {draft_id} edited ({updated.status})")


def _summary(draft: Draft) -> str:
    parts = [f"draft {draft.id}", draft.status, draft.kind, f"created {draft.created_at.isoformat(timespec='minutes')}"]
    if draft.sent_at:
        parts.append(f"sent {draft.sent_at.isoformat(timespec='minutes')}")
    if draft.reason:
        parts.append(f"reason: {draft.reason}")
    elif draft.last_error:
        parts.append(f"last error: {draft.last_error}")
    return " · ".join(parts)


def _raise_failures(failures: list[OutreachError]) -> None:
    """After doing what could be done: one line naming what could not (exit 1)."""
    if len(failures) == 1:
        raise failures[0]
    if failures:
        raise DraftStateError(f"{len(failures)} drafts not changed: " + "; ".join(map(str, failures)))
