"""Stored drafts -> the messages that go on the wire, and the one rule for header values.

Kept apart from render.py so that showing or sending a draft never imports Jinja2.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .errors import HeaderInjectionError

if TYPE_CHECKING:
    from email.message import EmailMessage

    from .config import Settings
    from .models import Draft

MAX_LINE = 998  # RFC 5322 hard limit; longer lines are quoted-printable encoded


def check_header_value(what: str, value: str | None) -> None:
    """Refuse a value bound for a mail header if it holds CR, LF or another line break."""
    if value is not None and any(ch in value for ch in "\r\n\x0b\x0c\x85\u2028\u2029"):
        raise HeaderInjectionError(
            f"{what} contains a line break ({value!r}); header values must be one line, so nothing was written"
        )


def build_message(draft: Draft, settings: Settings, now: datetime) -> EmailMessage:
    """The message as it goes on the wire: headers from the stored draft, Date = now."""
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime

    me = settings.me
    contact = draft.contact
    for what, value in (("your name (me.name)", me.name), (f"the name of {draft.to_addr}", contact.name),
                        ("the recipient address", draft.to_addr), (f"the subject of draft {draft.id}", draft.subject),
                        ("In-Reply-To", draft.in_reply_to), ("References", draft.references)):
        check_header_value(what, value)
    msg = EmailMessage(policy=SMTP)
    msg["From"] = Address(display_name=me.name, addr_spec=me.email)
    msg["To"] = Address(display_name=contact.name, addr_spec=draft.to_addr)
    msg["Subject"] = draft.subject
    msg["Date"] = format_datetime(now.astimezone(me.zone))
    msg["Message-ID"] = draft.message_id
    if draft.in_reply_to:
        msg["In-Reply-To"] = draft.in_reply_to
    if draft.references:
        msg["References"] = draft.references
    msg["X-Outreach-Draft"] = draft.identity
    body = draft.body
    long_lines = any(len(line) > MAX_LINE for line in body.splitlines())
    cte = "7bit" if body.isascii() and not long_lines else "quoted-printable"
    msg.set_content(body, charset="utf-8", cte=cte)
    for attachment in draft.attachments or []:
        _attach(msg, attachment)
    return msg


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
