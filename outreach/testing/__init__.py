"""Private mail servers (Dovecot + Postfix/aiosmtpd) on loopback, for the tests and the demo.

The names below are loaded lazily so that ``python -m outreach.testing.mailrig``
does not import its own module twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from outreach.testing import mailrig

if TYPE_CHECKING:
    from outreach.testing.mailrig import DEFAULT_USERS, Backend, MailRig, missing_binaries
    from outreach.testing.processes import RigError

__all__ = ["DEFAULT_USERS", "Backend", "MailRig", "RigError", "missing_binaries"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(mailrig, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
