"""Stored drafts -> the messages that go on the wire (header values checked by headers.py).

Kept apart from render.py so that showing or sending a draft never imports Jinja2.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from outreach.addresses import needs_smtputf8, wire_address
from outreach.errors import HeaderInjectionError
from outreach.headers import FORBIDDEN, check_header_value

if TYPE_CHECKING:
    from email.headerregistry import Address
    from email.message import EmailMessage

    from outreach.config.settings import Settings
    from outreach.store.models import Draft

MAX_LINE = 998  # RFC 5322 hard limit; longer lines are quoted-printable encoded
# Every header build_message writes; anything else in the serialised head is an injection.
WIRE_HEADERS = frozenset({"from", "to", "subject", "date", "message-id", "in-reply-to", "references",
                          "x-outreach-draft", "mime-version", "content-type", "content-transfer-encoding"})


def uses_smtputf8(draft: Draft, settings: Settings, offered: bool) -> bool:
    """Whether the draft goes out with SMTPUTF8: only when an address needs it (a local part beyond ASCII) and
    the server offers it. A message that needs SMTPUTF8 bounces at any later hop without it, so a domain alone
    goes IDNA-encoded instead."""
    return offered and (needs_smtputf8(settings.me.email) or needs_smtputf8(draft.to_addr))


def build_message(draft: Draft, settings: Settings, now: datetime, smtputf8: bool = True) -> EmailMessage:
    """The message as it goes on the wire: headers from the stored draft, Date = now.

    `smtputf8`: whether the server takes SMTPUTF8 (see uses_smtputf8). Without it a domain goes out
    IDNA-encoded (xn--) and a non-ASCII local part is an AddressError.
    Every header is checked as written and once decoded, and the serialised head must hold exactly the
    headers written here: the last line of defence before the wire."""
    from email.message import EmailMessage
    from email.policy import SMTP, SMTPUTF8
    from email.utils import format_datetime

    me = settings.me
    contact = draft.contact
    whose = f"draft {draft.id} to {draft.to_addr!r}"
    fields = {"from": (f"your name (me.name) in {whose}", me.name),
              "to": (f"the contact's name in {whose}", contact.name),
              "subject": (f"the subject of {whose}", draft.subject),
              "in-reply-to": (f"In-Reply-To of {whose}", draft.in_reply_to),
              "references": (f"References of {whose}", draft.references)}
    check_header_value(f"the recipient address of draft {draft.id}", draft.to_addr)
    for what, value in fields.values():
        check_header_value(what, value)
    utf8 = uses_smtputf8(draft, settings, smtputf8)
    msg = EmailMessage(policy=SMTPUTF8 if utf8 else SMTP)
    msg["From"] = _address(me.name, wire_address(me.email, utf8, "your address (me.email)"))
    msg["To"] = _address(contact.name, wire_address(draft.to_addr, utf8, f"the recipient address of draft {draft.id}"))
    msg["Subject"] = draft.subject
    msg["Date"] = format_datetime(now.astimezone(me.zone))
    msg["Message-ID"] = draft.message_id
    if draft.in_reply_to:
        msg["In-Reply-To"] = draft.in_reply_to
    if draft.references:
        msg["References"] = draft.references
    msg["X-Outreach-Draft"] = draft.identity
    set_text_body(msg, draft.body)
    for attachment in draft.attachments or []:
        _attach(msg, attachment)
    for name, header in msg.items():  # as the library parsed them: encoded words decoded
        check_header_value(fields.get(name.lower(), (f"the {name} header of {whose}", None))[0], str(header))
    _check_serialised(msg, whose)
    return msg


def set_text_body(msg: EmailMessage, body: str) -> None:
    """text/plain UTF-8: 7bit when it can be, else quoted-printable (non-ASCII, or a line over MAX_LINE)."""
    long_lines = any(len(line) > MAX_LINE for line in body.splitlines())
    msg.set_content(body, charset="utf-8", cte="7bit" if body.isascii() and not long_lines else "quoted-printable")


def _address(name: str, address: str) -> Address:
    from email.headerregistry import Address

    # In parts: Address(addr_spec=...) refuses a non-ASCII local part even under SMTPUTF8.
    username, _, domain = address.rpartition("@")
    return Address(display_name=name, username=username, domain=domain)


def _check_serialised(msg: EmailMessage, whose: str) -> None:
    head = msg.as_bytes().partition(b"\r\n\r\n")[0]
    for line in head.split(b"\r\n"):
        name = line.partition(b":")[0].decode("ascii", "replace")
        bad = FORBIDDEN.search(line.decode("utf-8", "replace").replace("\t", " "))
        if bad is not None or (line[:1] not in (b" ", b"\t") and name.lower() not in WIRE_HEADERS):
            raise HeaderInjectionError(f"{whose} would go out with a header line we did not write "
                                       f"({line[:80]!r}); it was not sent")


def _attach(msg: EmailMessage, attachment: Mapping[str, Any]) -> None:
    import base64

    filename = attachment.get("filename") or "attachment"
    mime = attachment.get("mime") or "application/octet-stream"
    check_header_value("an attachment's file name", filename)
    check_header_value("an attachment's type", mime)
    maintype, _, subtype = mime.partition("/")
    params = {k: str(v) for k, v in (attachment.get("params") or {}).items()}
    content = attachment.get("content") or ""
    if maintype == "text":
        msg.add_attachment(content, subtype=subtype, filename=filename, params=params, charset="utf-8")
    else:
        msg.add_attachment(base64.b64decode(content), maintype=maintype, subtype=subtype, filename=filename,
                           params=params)


def message_text(msg: EmailMessage) -> str:
    """Headers exactly as serialised, then each text part decoded, for a person to read."""
    head, _, _ = msg.as_string(policy=msg.policy.clone(linesep="\n")).partition("\n\n")
    parts = [head, ""]
    body = msg.get_body(("plain",))
    if body is not None:
        parts.append(body.get_content().rstrip("\n"))
    for part in msg.iter_attachments():
        parts.append(f"\n[attachment: {part.get_filename()} ({part.get_content_type()})]")
    return "\n".join(parts) + "\n"
