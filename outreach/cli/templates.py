"""`outreach templates`: which templates are used, and copying a shipped one to customise it.
Orchestration only; the rules live in scaffold.py."""

from __future__ import annotations

import click

from outreach.cli.main import App, pass_app


@click.group(invoke_without_command=True)
@click.pass_context
def templates(ctx: click.Context) -> None:
    """The templates drafts are rendered from (no subcommand: list)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(templates_list)


@templates.command("list")
@pass_app
def templates_list(app: App) -> None:
    """Each template by name, and whether the shipped one or your copy is used."""
    from outreach.config.scaffold import template_files

    files = template_files(app.settings.paths.templates)
    width = max((len(t.name) for t in files), default=0) + 2
    for template in files:
        click.echo(f"{template.name:{width}}{template.describe()}")


@templates.command("copy")
@click.argument("name")
@pass_app
def templates_copy(app: App, name: str) -> None:
    """Copy the shipped template NAME (e.g. outreach) into your templates folder to customise it."""
    from outreach.config.scaffold import copy_template

    path = copy_template(name, app.settings.paths.templates)
    click.echo(f"copied {path.name} to {path}; edit it there. Your copy now overrides the shipped one "
               "(fixes to it in new versions won't reach you; delete your copy to go back)")
