"""`outreach run`: the daemon (built later) and `--once`, which reconciles and sends what is due."""

from __future__ import annotations

import click

from .cli import App, now_utc, pass_app


def attach(cli: click.Group) -> None:
    cli.add_command(run)


@click.command()
@click.option("--once", is_flag=True, help="Run every job once and exit (today: reconcile and send what is due).")
@pass_app
def run(app: App, once: bool) -> None:
    """The daemon; --once runs every job once and exits."""
    if not once:
        raise click.ClickException("the daemon loop is not built yet; use --once")
    from .models import utcnow
    from .sender import run_once

    app.open_db()
    outcomes = run_once(app.settings, now=now_utc(), clock=utcnow)
    for outcome in outcomes:
        click.echo(outcome.line(app.settings.me.zone))
    if not outcomes:
        click.echo("nothing to send")
