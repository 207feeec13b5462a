"""Private mail servers (Dovecot + Postfix/aiosmtpd) on loopback, for the tests and the demo."""

from outreach.testing.mailrig import DEFAULT_USERS, Backend, MailRig, RigError, missing_binaries

__all__ = ["DEFAULT_USERS", "Backend", "MailRig", "RigError", "missing_binaries"]
