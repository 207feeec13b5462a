"""E-mail address validation, the one normalisation used as a contact's key, and the form sent on the wire."""

from __future__ import annotations

from typing import TYPE_CHECKING

from outreach.errors import AddressError

if TYPE_CHECKING:
    from email_validator import ValidatedEmail


def _validated(address: str, check_dns: bool = False) -> ValidatedEmail:
    if "\r" in address or "\n" in address:
        raise AddressError(f"{address!r} contains a line break")
    from email_validator import EmailNotValidError, validate_email

    try:
        # .test is reserved (RFC 2606) and used by the local demo and test servers; allow it.
        test_domain = address.strip().lower().endswith(".test")
        return validate_email(address.strip(), check_deliverability=check_dns and not test_domain,
                              test_environment=test_domain)
    except EmailNotValidError as exc:
        raise AddressError(f"{address!r} is not a valid e-mail address: {exc}") from None


def normalize_address(address: str, check_dns: bool = False) -> str:
    """Validate with email-validator and return the address in canonical form (lower case)."""
    # Providers treat the local part case-insensitively in practice; one key per person.
    return _validated(address, check_dns).normalized.lower()


def needs_smtputf8(address: str) -> bool:
    """Only a local part beyond ASCII needs SMTPUTF8: a domain can always go out IDNA-encoded."""
    return not address.rpartition("@")[0].isascii()


def wire_address(address: str, smtputf8: bool, what: str = "the address") -> str:
    """`address` as it goes in the envelope and the headers: as written when the message uses SMTPUTF8,
    else with its domain IDNA-encoded (bücher.example -> xn--bcher-kva.example), which every server and
    every later hop takes. A local part that is not ASCII cannot be sent without SMTPUTF8: AddressError."""
    if smtputf8 or address.isascii():
        return address
    ascii_form = _validated(address).ascii_email
    if ascii_form is None:
        raise AddressError(f"{what} {address} has a non-ASCII local part, which needs SMTPUTF8, and the SMTP "
                           "server does not offer it; ask the contact for an ASCII address, or send through a "
                           "server with SMTPUTF8")
    return ascii_form
