"""The one error hierarchy. Every expected failure is an OutreachError whose
message says what went wrong and what to do next; the CLI prints it on one line."""

from __future__ import annotations

from .logs import redact


class OutreachError(Exception):
    """Base class of every error the user is expected to see and fix. The message is redacted when the
    error is made (see logs.redact): it often carries a server's answer, which may echo a password,
    and it is printed, logged and stored (a draft's last error, the sending pause)."""

    def __init__(self, *args: object) -> None:
        super().__init__(*(redact(a) if isinstance(a, str) else a for a in args))


class ConfigError(OutreachError):
    """The config file (or a file it points to) is missing or invalid."""


class SecretError(ConfigError):
    """A password or token could not be obtained from its configured source."""


class IntroductionsError(OutreachError):
    """introductions.yaml is invalid; nothing from it was imported."""


class TemplateError(OutreachError):
    """A template is missing, invalid, or could not be rendered for a contact."""


class HeaderInjectionError(TemplateError):
    """A value bound for a mail header contains CR or LF."""


class DraftStateError(OutreachError):
    """A draft cannot make the requested state change."""


class NotFoundError(OutreachError):
    """A record named on the command line does not exist."""


class ConnectionFailed(OutreachError):
    """A mail server could not be reached, refused TLS, or refused the login."""


class LoginRefused(ConnectionFailed):
    """The server was reached but refused the username, password or token."""


class DatabaseError(OutreachError):
    """The database cannot be opened or migrated."""
