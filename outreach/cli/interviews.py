"""`outreach interviews` and `outreach status`. Orchestration only: the rules live in interviews.py,
notes.py, calendar_ics.py, prep.py and status.py. Jinja2 and icalendar are imported only by the
commands that render (show, set, export)."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from outreach.cli.main import App, now_utc, pass_app, print_json

if TYPE_CHECKING:
    from outreach.store.models import Interview


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@click.pass_context
def interviews(ctx: click.Context, as_json: bool) -> None:
    """Interviews: when, with whom, and what needs doing (no subcommand: list)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(interviews_list, as_json=as_json)
    elif as_json:
        raise click.UsageError("--json belongs to `interviews list`")


@interviews.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@pass_app
def interviews_list(app: App, as_json: bool = False) -> None:
    """List interviews, soonest first."""
    from outreach.interviews.export import interview_json
    from outreach.interviews.records import list_interviews

    app.open_db()
    rows = list_interviews()
    zone = app.settings.me.zone
    if as_json:
        print_json([interview_json(i, zone) for i in rows])
        return
    if not rows:
        click.echo("no interviews yet; they appear when a contact accepts")
        return
    now = now_utc()
    for interview in rows:
        click.echo(_line(interview, app, now))


def _line(interview: Interview, app: App, now: datetime) -> str:
    from outreach.interviews.records import ANSWER_PHRASES, LIVE
    from outreach.outgoing.prep import interview_context

    contact = interview.contact
    ctx = interview_context(interview, contact, app.settings)
    if ctx["starts"]:
        when = ctx["starts"] + (f" ({ctx['their_time']} theirs)" if ctx["their_time"] else "")
    elif ctx["proposed"]:
        when = f"{len(ctx['proposed'])} options offered"
    elif interview.booking_url:
        when = "booking link"
    else:
        when = "no time yet"
    who = f"{contact.name} <{contact.email}>" + (f" ({contact.company})" if contact.company else "")
    where = interview.url or interview.location or ""
    said = ANSWER_PHRASES.get(interview.their_answer or "", "") if interview.status in LIVE else ""
    todo = _todo(interview, now)
    return "  ".join(part for part in (f"{interview.id:>4}", f"{interview.status:9}", when, who, where, said,
                                       f"→ {todo}" if todo else "") if part)


def _todo(interview: Interview, now: datetime) -> str:
    from outreach.interviews.records import next_step

    step = next_step(interview)
    if step:
        return step
    if interview.status == "scheduled" and interview.end is not None and interview.end <= now:
        return f"outreach interviews notes {interview.id}"
    return ""


@interviews.command("show")
@click.argument("interview_id", type=int)
@pass_app
def interviews_show(app: App, interview_id: int) -> None:
    """Show one interview with its prep brief."""
    from outreach.interviews.records import get_interview
    from outreach.outgoing.prep import render_prep

    app.open_db()
    interview = get_interview(interview_id)
    brief = render_prep(interview, app.settings)
    click.echo(f"interview {interview.id} · {interview.status} · {interview.contact.email}")
    click.echo("")
    click.echo(brief.body, nl=False)


@interviews.command("set")
@click.argument("interview_id", type=int)
@click.option("--at", "at", metavar="WHEN", help="YYYY-MM-DD HH:MM in your zone, or followed by a zone name.")
@click.option("--pick", type=int, metavar="N", help="Take the Nth time the contact offered.")
@click.option("--url", help="The call link.")
@pass_app
def interviews_set(app: App, interview_id: int, at: str | None, pick: int | None, url: str | None) -> None:
    """Fix an interview's time; queues a confirmation with a calendar invitation."""
    from outreach.calendar.clock import when
    from outreach.interviews.records import set_time

    if at is not None and pick is not None:
        raise click.UsageError("give --at WHEN or --pick N, not both")
    if at is None and pick is None:
        raise click.UsageError("give --at WHEN or --pick N")
    app.open_db()
    interview, draft = set_time(interview_id, app.settings, now_utc(), app.actor, at=at, pick=pick, url=url)
    assert interview.start is not None
    click.echo(f"interview {interview.id} with {interview.contact.name}: "
               f"{when(interview.start, app.settings.me.zone)}")
    if draft is not None:
        click.echo(f"confirmation draft {draft.id} ({draft.status}) with a calendar invitation: "
                   f"`outreach drafts show {draft.id}`")
    _update_calendar(app)


@interviews.command("cancel")
@click.argument("interview_id", type=int)
@pass_app
def interviews_cancel(app: App, interview_id: int) -> None:
    """Cancel an interview; unsent drafts are withdrawn, a sent invitation gets a cancellation to approve."""
    from outreach.interviews.records import cancel

    app.open_db()
    interview, draft = cancel(interview_id, app.settings, now_utc(), app.actor)
    click.echo(f"interview {interview.id} with {interview.contact.name} cancelled")
    if draft is not None:
        click.echo(f"queued cancellation draft {draft.id} for your approval; reject it if they cancelled: "
                   f"`outreach drafts show {draft.id}`")
    _update_calendar(app)


def _update_calendar(app: App) -> None:
    """With a calendar configured, the change reaches it now (calendar_sync.update_now)."""
    if app.settings.calendar is None:
        return
    from outreach.interviews.calendar_sync import update_now

    for line in update_now(app.settings, now_utc()):
        click.echo(line)


@interviews.command("notes")
@click.argument("interview_id", type=int)
@pass_app
def interviews_notes(app: App, interview_id: int) -> None:
    """Write your notes in $EDITOR; saving marks the interview held."""
    from outreach.errors import NotesError
    from outreach.interviews.records import get_interview, notes_form, save_notes

    app.open_db()
    interview = get_interview(interview_id)
    kept = _kept_path(app, interview_id)
    original = notes_form(interview)
    text = kept.read_text(encoding="utf-8") if kept.exists() else original
    if kept.exists():
        click.echo(f"continuing your unsaved edit from {kept}", err=True)
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_text(text, encoding="utf-8")
    click.edit(filename=str(kept), require_save=False)
    edited = kept.read_text(encoding="utf-8")
    if edited == original:
        kept.unlink()
        click.echo(f"notes for interview {interview_id} unchanged")
        return
    try:
        saved = save_notes(interview_id, edited, app.settings, now_utc())
    except NotesError as exc:
        raise NotesError(f"{exc}. Your edit is kept in {kept}; run `outreach interviews notes {interview_id}` "
                         "again to fix it") from None
    kept.unlink()
    click.echo(f"notes saved; interview {interview_id} is held")
    for contact in saved.new_contacts:
        click.echo(f"new introduction: {contact.name} <{contact.email}>, referred by {interview.contact.name}")
    if saved.follow_through:
        click.echo(f"{saved.follow_through} follow-through item(s) will show in `outreach status` until done")


def _kept_path(app: App, interview_id: int) -> Path:
    from outreach.store.locks import database_file

    return database_file(app.settings).parent / "notes-in-progress" / f"interview-{interview_id}.md"


@interviews.command("export")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@pass_app
def interviews_export(app: App, path: Path) -> None:
    """Write every scheduled (and held) interview to an .ics file a calendar app imports (one event each)."""
    from outreach.interviews.calendar_ics import export
    from outreach.interviews.export import exportable
    from outreach.interviews.records import calendar_event

    app.open_db()
    events = [calendar_event(i) for i in exportable()]
    text = export(events, app.settings, now_utc())
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, path)
    click.echo(f"wrote {len(events)} interview(s) to {path}")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object on stdout.")
@pass_app
def status(app: App, as_json: bool) -> None:
    """The funnel, and what needs you."""
    from outreach.cli.status import gather, render_text

    app.open_db()
    result = gather(now_utc(), app.settings.me.zone, app.settings)
    if as_json:
        print_json(result.to_json())
        return
    click.echo(render_text(result, bars=sys.stdout.isatty()), nl=False)
