"""The `outreach` command. Orchestration only: every rule lives in the module that owns it.

Heavy modules (IMAP, SMTP, Jinja2, the classifier) are imported inside the
commands that need them, and the command groups kept in cli_*.py are imported only
when they run (LazyGroup), so that quick commands start quickly: `outreach classify`
never imports peewee or YAML, and `outreach drafts list` never imports the classifier.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from outreach.errors import OutreachError

if TYPE_CHECKING:
    from outreach.classify import ThreadContext
    from outreach.config.settings import Settings

logger = logging.getLogger(__name__)


class App:
    """What every command may need, loaded on first use. (A plain class: start-up matters here.)"""

    def __init__(self, config_path: Path | None, verbose: bool, actor: str = "cli") -> None:
        self.config_path = config_path
        self.verbose = verbose
        self.actor = actor
        self._settings: Settings | None = None
        self._db_open = False

    def __repr__(self) -> str:
        return (f"App(config_path={self.config_path!r}, verbose={self.verbose!r}, actor={self.actor!r}, "
                f"_db_open={self._db_open!r})")

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from outreach.config.reader import load_settings

            self._settings = load_settings(self.config_path)
        return self._settings

    def open_db(self) -> None:
        if not self._db_open:
            from outreach.store.db import open_database

            open_database(self.settings.paths.database)
            self._db_open = True


pass_app = click.make_pass_decorator(App)


def print_json(rows: list[dict[str, Any]] | dict[str, Any]) -> None:
    import json

    click.echo(json.dumps(rows, indent=None, ensure_ascii=False))


def now_utc() -> Any:
    from outreach.store.models import utcnow

    return utcnow()


class LazyGroup(click.Group):
    """click's documented lazy-loading group: `lazy_commands` maps a command name to "module:attribute",
    imported the first time the command is looked up (to run it, or to list it in --help)."""

    def __init__(self, *args: Any, lazy_commands: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            module, attribute = self.lazy_commands[cmd_name].split(":")
            command = getattr(importlib.import_module(module), attribute)
            if not isinstance(command, click.Command):
                raise TypeError(f"{module}.{attribute} is not a click command")
            self.add_command(command, cmd_name)
        found = super().get_command(ctx, cmd_name)
        if found is not None:
            _accept_verbose(found)
        return found


def _accept_verbose(command: click.Command) -> None:
    """`-v` after the subcommand too (`outreach status -v`), on every command and subcommand."""
    if not any(param.name == "verbose" for param in command.params):
        command.params.append(click.Option(["-v", "--verbose"], is_flag=True, expose_value=False, is_eager=True,
                                           callback=_turn_on_verbose, help="Show debug logs and tracebacks."))
    for sub in getattr(command, "commands", {}).values():
        _accept_verbose(sub)


def _turn_on_verbose(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    app = ctx.find_object(App)
    if value and app is not None and not app.verbose:
        from outreach.logs import setup_logging

        app.verbose = True
        setup_logging(logging.DEBUG)


# The commands kept in other modules, imported only when they run.
LAZY_COMMANDS: dict[str, str] = {
    "drafts": "outreach.cli.drafts:drafts",
    "run": "outreach.cli.run:run",
    "interviews": "outreach.cli.interviews:interviews",
    "status": "outreach.cli.interviews:status",
    "replies": "outreach.cli.replies:replies",
    "service": "outreach.cli.service:service",
    "templates": "outreach.cli.templates:templates",
}


@click.group(cls=LazyGroup, lazy_commands=LAZY_COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-c", "--config", "config_path", type=click.Path(path_type=Path),
              help="Config file (default: $OUTREACH_CONFIG, then $XDG_CONFIG_HOME/outreach/outreach.yaml).")
@click.option("-v", "--verbose", is_flag=True, help="Show debug logs and tracebacks.")
@click.version_option(package_name="outreach")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, verbose: bool) -> None:
    """Informational-interview outreach from your own mailbox."""
    from outreach.logs import setup_logging

    setup_logging(logging.DEBUG if verbose else logging.WARNING)
    ctx.obj = App(config_path=config_path, verbose=verbose)


@cli.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path))
def init(directory: Path | None) -> None:
    """Write the example config and introductions into DIRECTORY (default: ~/.config/outreach)."""
    from outreach.config.scaffold import init_config_dir

    written, kept = init_config_dir(directory)
    for path in written:
        click.echo(f"wrote {path}")
    for path in kept:
        click.echo(f"kept  {path} (already exists)")
    target = (written + kept)[0].parent
    click.echo(f"next: put yourself in {target}/outreach.yaml (me, imap, smtp) and your people in "
               f"{target}/introductions.yaml, then run `outreach check --connect`")


@cli.command()
@click.option("--connect", is_flag=True, help="Also log in to the IMAP and SMTP servers.")
@pass_app
def check(app: App, connect: bool) -> None:
    """Validate the config, introductions, templates and database."""
    from outreach.cli.checks import run_checks

    for line in run_checks(app.settings, connect=connect):
        click.echo(line)


@cli.command()
@pass_app
def sync(app: App) -> None:
    """Import introductions and compose outreach drafts."""
    from outreach.outgoing.sync import sync_introductions

    app.open_db()
    for line in sync_introductions(app.settings, now=now_utc(), actor=app.actor):
        click.echo(line)


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@click.pass_context
def contacts(ctx: click.Context, as_json: bool) -> None:
    """People you are reaching out to (no subcommand: list)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(contacts_list, as_json=as_json)


@contacts.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@pass_app
def contacts_list(app: App, as_json: bool = False) -> None:
    """List contacts and where each one stands."""
    from outreach.intake.contacts import contacts_json, list_contacts

    app.open_db()
    if as_json:
        print_json(contacts_json())
        return
    rows = list_contacts()
    if not rows:
        click.echo("no contacts yet; add introductions and run `outreach sync`")
        return
    for c in rows:
        click.echo(f"{c.email:40} {c.status:15} {c.name}" + (f" ({c.company})" if c.company else ""))


@cli.command()
@click.option("--json", "as_json", is_flag=True,
              help="JSON Lines: one JSON object per file, in order (not one array like other --json).")
@click.option("--tz", "zone", help="IANA zone for 'your time' (default: me.timezone, else this machine's).")
@click.option("--context", "context_file", type=click.Path(dir_okay=False, path_type=str), metavar="FILE.json",
              help="What the thread already holds, read the replies against it: a JSON object "
                   '{"scheduled": ISO-8601 or null, "proposed": [ISO-8601, ...], "zones": ["America/New_York", ...], '
                   '"last_sent_text": "..." or null} (every field optional). Each result then has "thread": '
                   "confirms, tentative, reschedules, cancels or declines, or null.")
@click.option("--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes for a long list of files (default: the usable CPUs; 1: this process only).")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@click.pass_context
def classify(ctx: click.Context, as_json: bool, zone: str | None, context_file: str | None, jobs: int | None,
             files: tuple[str, ...]) -> None:
    """Classify reply messages (raw .eml files): a few readable lines per file, or --json. Needs no config."""
    from outreach import regex_store
    from outreach.config.locations import default_cache_dir

    # Before the classifier is imported: most of its patterns are compiled at import.
    regex_store.open_store(default_cache_dir() / "regex.marshal")
    from outreach.classify.batch import classify_files
    from outreach.config.timezones import is_zone

    if zone is None:
        zone = _config_zone(ctx.find_object(App))
    if zone is not None and not is_zone(zone):
        raise click.BadParameter(f"unknown time zone {zone!r}", param_hint="--tz")
    import json

    context = _thread_context(context_file) if context_file is not None else None
    out = sys.stdout
    try:
        for path, found in zip(files, classify_files(files, user_tz=zone, context=context, jobs=jobs), strict=True):
            result = {"file": path, **found.to_json()}
            if context is not None:
                result.setdefault("thread", None)
            out.write(json.dumps(result, ensure_ascii=False) + "\n" if as_json else readable_classification(result))
    finally:
        regex_store.save_store()


def _thread_context(path: str) -> ThreadContext:
    """The --context file, read and checked; a bad one is one line naming the file and the field."""
    import json

    from outreach.classify import ThreadContext

    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        return ThreadContext.from_json(data)
    except OSError as exc:
        raise click.BadParameter(f"cannot read {path}: {exc.strerror or exc}", param_hint="--context") from None
    except json.JSONDecodeError as exc:
        raise click.BadParameter(f"{path}, line {exc.lineno}: not JSON ({exc.msg})", param_hint="--context") from None
    except ValueError as exc:
        raise click.BadParameter(f"{path}: {exc}", param_hint="--context") from None


def readable_classification(result: dict[str, Any]) -> str:
    """`outreach classify` without --json: the file, the intent and its confidence, then what was found."""
    lines = [f"{result['file']}: {result['intent']} (confidence {result['confidence']:.2f})"]
    meeting = {key: value for key, value in (result.get("meeting") or {}).items() if value}
    found = [
        ("meeting", ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in meeting.items())),
        ("proposed times", ", ".join(result.get("proposed_times") or [])),
        ("referrals", ", ".join(" ".join(filter(None, (p.get("name"), f"<{p['email']}>" if p.get("email") else None,
                                                       f"({p['company']})" if p.get("company") else None)))
                                for p in result.get("referrals") or [])),
        ("resume after", result.get("resume_after")),
        ("bounced recipient", result.get("bounced_recipient")),
        ("thread", _thread_phrase(result.get("thread"))),
        ("error", result.get("error")),
    ]
    lines += [f"  {label}: {value}" for label, value in found if value]
    return "\n".join(lines) + "\n"


def _thread_phrase(thread: dict[str, Any] | None) -> str | None:
    if not thread:
        return None
    times = ", ".join(filter(None, [thread.get("start"), *(thread.get("options") or [])]))
    return f"{thread['answer']}" + (f" {times}" if times else "") + f" (confidence {thread['confidence']:.2f})"


def _config_zone(app: App | None) -> str | None:
    """me.timezone when a config is found and valid; else the machine's zone (None)."""
    from outreach.config.locations import default_config_path

    path = (app.config_path if app else None) or default_config_path()
    if app is None or not path.exists():
        return None
    try:
        return app.settings.me.timezone
    except OutreachError:
        return None


def fail(message: str) -> NoReturn:
    raise click.ClickException(message)


def main(argv: list[str] | None = None) -> None:
    """Entry point: expected errors are one line on stderr and exit 1; -v adds the traceback."""
    verbose = "-v" in (argv or sys.argv[1:]) or "--verbose" in (argv or sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="outreach", standalone_mode=False)
    except OutreachError as exc:
        if verbose:
            logger.exception("failed")
        from outreach.logs import redact

        click.echo(f"error: {redact(str(exc))}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:
        from outreach.store.db import storage_problem

        problem = storage_problem(exc)  # a full disk, not the failed rollback that masks it
        if problem is None:
            raise
        if verbose:
            logger.exception("failed")
        click.echo(f"error: {problem}", err=True)
        sys.exit(1)
