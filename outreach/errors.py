"""The one error hierarchy. Every expected failure is an OutreachError whose
message says what went wrong and what to do next; the CLI prints it on one line."""

from __future__ import annotations

from outreach.logs import redact


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


class AlreadyRunning(OutreachError):
    """Another daemon holds the database."""


class SenderBusy(OutreachError):
    """Another outreach process is sending from this database right now."""


class JobsFailed(OutreachError):
    """`run --once`: some jobs failed (each said why on its own line); the others ran."""


class AddressError(OutreachError):
    """An address is not a valid e-mail address, or cannot be sent to as it is."""


class RenderLimitError(TemplateError):
    """A template exceeded the time, size or iteration budget."""


class InterviewError(OutreachError):
    """An interview cannot make the requested change, or a time could not be read."""


class NotesError(OutreachError):
    """The notes file does not follow the format; the message names every bad line."""


class CalendarError(ConnectionFailed):
    """The CalDAV server could not be reached, or refused a request."""


class Disconnected(ConnectionFailed, ConnectionError):
    """The IMAP server ended the session, or the connection is dead (reconnect and rescan)."""


# ------------------------------------------------------------------ one SMTP transaction


class TransactionFailed(OutreachError):
    """An SMTP transaction ended without a 250 for the message; the subclass says what the sender does.
    `refused`: recipient -> the server's answer, for those RCPT TO refused."""

    def __init__(self, message: str, code: int | None = None, *, connection_lost: bool = False,
                 refused: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.connection_lost = connection_lost
        self.refused = refused or {}


class RateLimited(TransactionFailed):
    """The server limits how much the account sends: pause sending for the whole account, retry later."""


class AuthRefused(TransactionFailed):
    """The server refused the login or asked for one mid-session: pause sending; fix the credentials."""


class PermanentFailure(TransactionFailed):
    """A 5xx for the message: that draft fails with the server's answer; the others go on."""


class TemporaryFailure(TransactionFailed):
    """A 4xx, or the connection failed before the final dot: nothing was accepted; retry with backoff."""


class OutcomeUnknown(TransactionFailed, ConnectionError):
    """The final dot may have reached the server but no reply came: the message may be out. Never resend on
    a guess; look for it in Sent."""
