"""E-mail address validation and the one normalisation used as a contact's key."""

from __future__ import annotations

from .errors import OutreachError


class AddressError(OutreachError):
    """An address is not a valid e-mail address."""


def normalize_address(address: str, check_dns: bool = False) -> str:
    """Validate with email-validator and return the address in canonical form (lower case)."""
    if "\r" in address or "\n" in address:
        raise AddressError(f"{address!r} contains a line break")
    from email_validator import EmailNotValidError, validate_email

    try:
        # .test is reserved (RFC 2606) and used by the local demo and test servers; allow it.
        test_domain = address.strip().lower().endswith(".test")
        result = validate_email(address.strip(), check_deliverability=check_dns and not test_domain,
                                test_environment=test_domain)
    except EmailNotValidError as exc:
        raise AddressError(f"{address!r} is not a valid e-mail address: {exc}") from None
    # Providers treat the local part case-insensitively in practice; one key per person.
    return result.normalized.lower()
