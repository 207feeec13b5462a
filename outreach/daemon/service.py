"""`outreach service install`: the systemd user unit for this installation, and a private file for secrets.

The unit is systemd/outreach.service with the lines that depend on the installation replaced: the command
(the `outreach` beside this interpreter, wherever pipx or a virtualenv put it), the config it was installed
for, and the directories the sandboxed service may write (the database's and the config's).
"""

from __future__ import annotations

import logging
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from outreach.config.scaffold import DATA
from outreach.config.settings import Settings
from outreach.errors import ConfigError

logger = logging.getLogger(__name__)

UNIT_NAME = "outreach.service"
ENV_FILE_NAME = "service.env"
ENV_FILE_HEADER = """\
# Environment for the outreach user service (EnvironmentFile= in outreach.service), private to you.
# Only needed for password_env: one NAME=value a line, for example
#   OUTREACH_SMTP_PASSWORD=...
# password_command (secret-tool, pass) needs nothing here.
"""


@dataclass(frozen=True)
class Installed:
    unit: Path
    unit_changed: bool
    env_file: Path
    env_file_created: bool
    command: list[str]
    missing_env: list[str]  # password_env variables the env file does not set


def user_unit_dir() -> Path:
    """Where a user's own units live: $XDG_CONFIG_HOME/systemd/user."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base).expanduser() / "systemd" / "user"


def this_command() -> list[str]:
    """How to start this installation: its `outreach` script beside the interpreter, else `python -m outreach`."""
    script = Path(sys.executable).with_name("outreach")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "outreach"]


def render_unit(settings: Settings, command: list[str], env_file: Path) -> str:
    """systemd/outreach.service with ExecStart, the config, the env file and the writable paths of this install."""
    config = settings.source.resolve()
    writable = sorted({settings.paths.database.parent.resolve(), config.parent})
    replacements = {
        "Documentation=": f"Documentation=file://{quote(str(config))}",
        "ExecStart=": "ExecStart=" + " ".join(quote(arg) for arg in [*command, "run"]),
        "Environment=": "Environment=" + quote(f"OUTREACH_CONFIG={config}"),
        "EnvironmentFile=": "EnvironmentFile=-" + quote(str(env_file)),
        "ReadWritePaths=": "ReadWritePaths=" + " ".join("-" + quote(str(p)) for p in writable),
    }
    template = (DATA / "systemd" / UNIT_NAME).read_text()
    body = template[template.index("[Unit]"):]
    lines = []
    for line in body.splitlines():
        key = next((k for k in replacements if line.startswith(k)), None)
        lines.append(replacements.pop(key) if key else line)
    if replacements:  # the shipped unit lost a line this code relies on
        raise RuntimeError(f"systemd/{UNIT_NAME} has no {', '.join(replacements)} line to fill in")
    head = (f"# Written by `outreach service install` for {' '.join(command)}.\n"
            "# Run it again after moving or reinstalling outreach; edits here are replaced.\n")
    return head + "\n".join(lines) + "\n"


def install_user_unit(settings: Settings, unit_dir: Path | None = None) -> Installed:
    """Write the user unit (replacing an older one) and create the private env file if it is missing."""
    command = this_command()
    env_file = settings.source.resolve().parent / ENV_FILE_NAME
    created = not env_file.exists()
    if created:
        fd = os.open(env_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(ENV_FILE_HEADER)
    elif env_file.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError(f"{env_file}: readable by others; run `chmod 600 {env_file}`, then install again")
    # The sandbox (ProtectSystem=strict) only lets the service write directories that exist when it starts.
    settings.paths.database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    unit = (unit_dir or user_unit_dir()) / UNIT_NAME
    text = render_unit(settings, command, env_file)
    changed = not unit.exists() or unit.read_text() != text
    if changed:
        unit.parent.mkdir(parents=True, exist_ok=True)
        unit.write_text(text)
        logger.info("wrote %s", unit)
    return Installed(unit, changed, env_file, created, command, missing_env(settings, env_file))


def missing_env(settings: Settings, env_file: Path) -> list[str]:
    """password_env variables that the service's env file does not set (the service sees no shell variables)."""
    names = {server.secret.value for server in (settings.imap, settings.smtp) if server.secret.kind == "password_env"}
    given = set(re.findall(r"^\s*([A-Za-z_][A-Za-z0-9_]*)=", env_file.read_text(), re.MULTILINE))
    return sorted(names - given)


def quote(value: str) -> str:
    """One word of a unit file: specifiers and variables escaped, quoted when it holds spaces or quotes."""
    value = value.replace("%", "%%").replace("$", "$$")
    if re.search(r"[\s\"'\\]", value):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value
