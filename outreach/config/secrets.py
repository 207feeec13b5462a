"""Where a password or OAuth2 token comes from, and how to fetch it.

Secrets are fetched only when a connection needs them, registered with the
log redactor the moment they are read, and never stored or printed.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from outreach.errors import SecretError
from outreach.logs import register_secret

COMMAND_TIMEOUT_SECONDS = 30
_SHELL_CHARACTERS = set("|&;<>()$`*?[]{}~\"'\\")


@dataclass(frozen=True)
class SecretSource:
    """kind is password_command, password_env, password_file or oauth2_token_command."""

    kind: str
    value: str
    where: str  # file:line: key, for error messages

    @property
    def is_oauth2(self) -> bool:
        return self.kind == "oauth2_token_command"

    def describe(self) -> str:
        """Where the secret comes from, safe to print."""
        return f"{self.kind} {self.value}"

    def resolve(self) -> str:
        """Fetch the secret now. Raises SecretError with what to fix."""
        if self.kind in ("password_command", "oauth2_token_command"):
            secret = _run_command(self.value, self.where)
        elif self.kind == "password_env":
            secret = os.environ.get(self.value, "")
            if not secret:
                raise SecretError(f"{self.where}: environment variable {self.value} is not set or empty")
        else:
            secret = _read_private_file(Path(self.value), self.where)
        register_secret(secret)
        return secret


def _run_command(command: str, where: str) -> str:
    import shlex
    import subprocess

    # Run without a shell unless the command needs one (a pipe, a variable...).
    needs_shell = any(ch in _SHELL_CHARACTERS for ch in command)
    args: str | list[str] = command if needs_shell else shlex.split(command)
    try:
        result = subprocess.run(
            args, shell=needs_shell, capture_output=True, text=True,
            timeout=COMMAND_TIMEOUT_SECONDS, stdin=subprocess.DEVNULL, check=False,
        )
    except FileNotFoundError:
        raise SecretError(f"{where}: command not found: {command}") from None
    except subprocess.TimeoutExpired:
        raise SecretError(f"{where}: `{command}` did not finish within {COMMAND_TIMEOUT_SECONDS} s") from None
    if result.returncode != 0:
        # stderr may be useful (a locked keyring) but never stdout, which may hold the secret.
        detail = (result.stderr.strip().splitlines() or ["no error output"])[0]
        raise SecretError(f"{where}: `{command}` exited with status {result.returncode}: {detail}")
    secret = (result.stdout.splitlines() or [""])[0].strip()
    if not secret:
        raise SecretError(f"{where}: `{command}` printed nothing on its first line")
    return secret


def _read_private_file(path: Path, where: str) -> str:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise SecretError(f"{where}: password file {path} does not exist") from None
    if mode & (stat.S_IRGRP | stat.S_IROTH):
        raise SecretError(
            f"{where}: password file {path} is readable by other users; run `chmod 600 {path}`"
        )
    try:
        secret = (path.read_text(encoding="utf-8").splitlines() or [""])[0].strip()
    except OSError as exc:
        raise SecretError(f"{where}: cannot read password file {path}: {exc.strerror}") from None
    if not secret:
        raise SecretError(f"{where}: password file {path} is empty")
    return secret
