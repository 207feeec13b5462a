"""`outreach replies`: what contacts answered, and correcting how a reply was understood.
Orchestration only; every rule lives in replies.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from outreach.cli.main import App, now_utc, pass_app, print_json
from outreach.intents import RESOLUTIONS

if TYPE_CHECKING:
    from outreach.store.models import Reply


@click.group(invoke_without_command=True)
@click.option("--attention", is_flag=True, help="Only replies waiting for you.")
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@click.pass_context
def replies(ctx: click.Context, attention: bool, as_json: bool) -> None:
    """Replies matched to your outreach (no subcommand: list)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(replies_list, attention=attention, as_json=as_json)
    elif attention or as_json:
        raise click.UsageError("--attention and --json belong to `replies list`")


@replies.command("list")
@click.option("--attention", is_flag=True, help="Only replies waiting for you.")
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@pass_app
def replies_list(app: App, attention: bool = False, as_json: bool = False) -> None:
    """List replies, oldest first; `!` marks those waiting for you."""
    from outreach.replies.listing import held_because, list_replies, reply_json

    app.open_db()
    rows = list_replies(attention=attention)
    if as_json:
        print_json([reply_json(r) for r in rows])
        return
    if not rows:
        click.echo("no replies waiting for you" if attention else "no replies yet")
        return
    zone = app.settings.me.zone
    for r in rows:
        mark = "!" if r.needs_attention else " "
        when = r.received_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        click.echo(f"{r.id:>5} {mark} {when}  {r.contact.email:32} {_intent(r):22} {r.subject}")
        held = held_because(r)
        if held and r.needs_attention:
            click.echo(f"{'':8}from {r.from_addr or 'an unknown sender'}, not acted on: {held}")
            click.echo(f"{'':8}genuine? `outreach replies resolve {r.id} --as {r.classified_intent}`; "
                       f"if not, `outreach replies resolve {r.id} --as ignored`")
    waiting = sum(1 for r in rows if r.needs_attention)
    if waiting:
        click.echo(f"{waiting} waiting for you: answer them, then `outreach replies resolve ID --as INTENT`")


def _intent(reply: Reply) -> str:
    if reply.intent != reply.classified_intent:
        return f"{reply.intent} (was {reply.classified_intent})"
    return f"{reply.intent} {reply.confidence:.2f}"


@replies.command("resolve")
@click.argument("reply_id", type=int)
@click.option("--as", "intent", type=click.Choice(RESOLUTIONS), required=True,
              help="What the reply really means; that intent's action follows (ignored: none).")
@pass_app
def replies_resolve(app: App, reply_id: int, intent: str) -> None:
    """Correct (or confirm) how a reply was understood."""
    from outreach.replies.act import resolve

    app.open_db()
    outcome = resolve(reply_id, intent, now_utc(), app.settings)
    click.echo(outcome.line())
