"""The library internals outreach relies on still exist: an upgrade past the bound in pyproject.toml
fails here, naming what depends on them, instead of failing quietly in production."""

from __future__ import annotations

import inspect
from importlib.metadata import version

import aiosmtplib
import aiosmtplib.protocol
from imapclient import IMAPClient


def test_imapclient_keeps_its_imaplib_connection_as_imap() -> None:
    """mailbox.fetch_headers reads IMAPClient._imap (an imaplib.IMAP4) to fetch headers without imapclient's
    slow parser; it falls back to client.fetch when the attribute is gone, but the bench figure would drop."""
    source = inspect.getsource(IMAPClient.__init__)
    assert "self._imap = self._create_IMAP4()" in source, (
        f"imapclient {version('imapclient')} no longer keeps its imaplib.IMAP4 as _imap: "
        "outreach/inbox/mailbox.py fetch_headers depends on it; update it and the bound in pyproject.toml")


def test_aiosmtplib_exposes_its_protocol_for_the_final_dot() -> None:
    """smtpsession.transmit writes the message and its final dot through SMTP.protocol.write and reads the
    server's answer with protocol.read_response: the exactly-once mark goes between DATA and the final dot."""
    smtp = aiosmtplib.SMTP()
    missing = [name for name in ("write", "read_response")
               if not callable(getattr(aiosmtplib.protocol.SMTPProtocol, name, None))]
    assert hasattr(smtp, "protocol") and missing == [], (
        f"aiosmtplib {version('aiosmtplib')} changed SMTP.protocol ({missing or 'attribute gone'}): "
        "outreach/sending/smtpsession.py transmit depends on it; update it and the bound in pyproject.toml")


def test_re_still_hands_its_engine_a_list_of_numbers() -> None:
    """outreach.regex_store keeps what re._parser.parse and re._compiler._code make of a pattern and gives it
    to _sre.compile in a later run; it falls back to re.compile when they are gone, but the command gets slower."""
    from outreach import regex_store

    entry = regex_store._compile_entry(r"(?P<hour>\d{1,2})[:h](\d\d)", 0)
    pattern = regex_store._from_entry(r"(?P<hour>\d{1,2})[:h](\d\d)", entry)
    match = pattern.search("at 14h30")
    assert match is not None and (match.group("hour"), match.group(2), pattern.groupindex) == ("14", "30", {"hour": 1})
