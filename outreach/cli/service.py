"""`outreach service`: run outreach as a systemd user service. Orchestration only; see service.py."""

from __future__ import annotations

import click

from outreach.cli.main import App, pass_app


@click.group()
def service() -> None:
    """Run outreach as a systemd user service."""


@service.command("install")
@pass_app
def service_install(app: App) -> None:
    """Write ~/.config/systemd/user/outreach.service for this installation and this config."""
    from outreach.daemon.service import install_user_unit

    done = install_user_unit(app.settings)
    click.echo(f"{'wrote' if done.unit_changed else 'kept '} {done.unit} (runs `{' '.join(done.command)} run` "
               f"with {app.settings.source.resolve()})")
    if done.env_file_created:
        click.echo(f"wrote {done.env_file} (private, mode 0600: for password_env variables, if you use any)")
    for name in done.missing_env:
        click.echo(f"note: the service sees no shell variables: add {name}=... to {done.env_file}, "
                   "or use password_command")
    click.echo("next: systemctl --user daemon-reload && systemctl --user enable --now outreach\n"
               "      (to keep it running while you are logged out: loginctl enable-linger)")
