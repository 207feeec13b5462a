"""Every command and subcommand of the CLI is documented in the README."""

from __future__ import annotations

from pathlib import Path

import click

from outreach.cli.main import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def command_paths(group: click.Group, prefix: str = "outreach") -> list[str]:
    ctx = click.Context(group)
    paths = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        paths.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            paths += command_paths(command, f"{prefix} {name}")
    return paths


def test_every_command_is_in_the_readme() -> None:
    """`outreach X [Y]` appears in README.md for each command X and subcommand Y."""
    paths = command_paths(cli)
    assert len(paths) > 15
    def documented(path: str) -> bool:
        head, _, last = path.rpartition(" ")
        return f"`{path}" in README or f"`{head} [{last}]" in README  # `outreach drafts [list]`

    assert [p for p in paths if not documented(p)] == []
