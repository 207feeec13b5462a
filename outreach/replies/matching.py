"""Which of our conversations a message belongs to. Pure: no database, no network.

Two steps, so that the watcher fetches full messages only for the few that may matter:

1. :func:`screen` looks at a handful of headers: our own mail is dropped; In-Reply-To and
   References are checked against every Message-ID we sent (ours and any a provider put in
   its place); then the sender's address against the contacts we wrote to. Delivery reports
   and calendar/booking mail that match neither are sent on to step 2.
2. :func:`match_body` reads such a message in full: a report that returns our original
   (Message-ID or X-Outreach-Draft) is about that message; a delivery failure is also about the
   failed recipient; an invitation or booking confirmation names the contact.

What is a delivery failure, and which recipient failed, is the classifier's one recogniser
(:mod:`outreach.classify.bounces`): :func:`screen` asks it about the envelope, :func:`match_body`
and :func:`delivery_failure` about the whole message. It is imported only when needed.

Matching only says which conversation a message is about. Whether it may make the daemon act is
decided in replies.py with the helpers at the end of this module: who sent it (:func:`senders_of`),
what the user's own provider says of that sender (:func:`auth_failures`), and whether a delivery
report carries our message (:func:`returned_ids`).
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parseaddr
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from outreach.classify.bounces import Bounce

# the fields `screen` needs, in the order the watcher asks for them
HEADER_FIELDS = ("MESSAGE-ID", "IN-REPLY-TO", "REFERENCES", "FROM", "SUBJECT", "CONTENT-TYPE",
                 "RETURN-PATH", "X-OUTREACH-DRAFT", "X-FAILED-RECIPIENTS")
OWN_HEADER = "x-outreach-draft"

_MSGID = re.compile(r"<[^<>\s]+>")
_ADDRESS = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_REPORT_TYPE = re.compile(r"report-type\s*=\s*\"?([\w-]+)")
_CALENDAR_SUBJECT = re.compile(
    r"invitation|invite|booked|booking|confirmed|scheduled|new event|appointment|meeting", re.IGNORECASE)


@dataclass(frozen=True)
class Headers:
    """The few header fields matching looks at, unfolded; addresses in lower case."""

    message_id: str | None = None
    in_reply_to: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    from_addr: str = ""
    subject: str = ""
    content_type: str = ""
    return_path: str = ""
    outreach_draft: str | None = None
    from_header: str = ""  # the whole From, decoded: a notice may say so only in its display name
    failed_recipients: str = ""


@dataclass(frozen=True)
class SentIndex:
    """What we sent: Message-IDs (lower case) and X-Outreach-Draft values -> (contact id, draft id),
    and the addresses we wrote to."""

    me: str
    message_ids: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    identities: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    addresses: Mapping[str, int] = field(default_factory=dict)
    names: Mapping[str, int] = field(default_factory=dict)  # "first last" (lower case) -> contact, unique only

    @property
    def empty(self) -> bool:
        return not self.message_ids and not self.addresses


@dataclass(frozen=True)
class Match:
    contact_id: int
    draft_id: int | None
    # thread | sender | calendar | bounce: a delivery failure (draft_id set: our message is in it) |
    # report: another report returning our message (a spam complaint, a read receipt)
    how: str


class NeedBody:
    """`screen` cannot tell from headers alone: a report ("report") or a calendar/booking message ("calendar")."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __repr__(self) -> str:
        return f"NeedBody({self.kind!r})"


Screened = Match | NeedBody | None


def parse_headers(block: bytes) -> Headers:
    """Parse a HEADER.FIELDS block quickly (no full RFC 5322 parser: this runs for every message)."""
    values: dict[str, str] = {}
    name = ""
    for line in block.decode("utf-8", "replace").splitlines():
        if not line:
            continue
        if line[0] in " \t":
            if name:
                values[name] += " " + line.strip()
            continue
        key, sep, value = line.partition(":")
        if not sep:
            continue
        name = key.strip().lower()
        # a repeated field: keep the first, as mail readers do
        if name in values:
            name = ""
            continue
        values[name] = value.strip()
    return Headers(
        message_id=_first_id(values.get("message-id", "")),
        in_reply_to=message_ids(values.get("in-reply-to", "")),
        references=message_ids(values.get("references", "")),
        from_addr=address_of(values.get("from", "")),
        subject=decode_words(values.get("subject", "")),
        content_type=values.get("content-type", "").lower(),
        return_path=values.get("return-path", ""),
        outreach_draft=values.get(OWN_HEADER),
        from_header=decode_words(values.get("from", "")),
        failed_recipients=values.get("x-failed-recipients", ""),
    )


def message_ids(value: str) -> tuple[str, ...]:
    found = _MSGID.findall(value)
    if not found and value.strip() and "@" in value:
        found = [f"<{value.strip().strip('<>')}>"]
    return tuple(m.lower() for m in found)


def _first_id(value: str) -> str | None:
    ids = _MSGID.findall(value)
    return ids[0] if ids else (value.strip() or None)


def address_of(value: str) -> str:
    """The address in a From-style value, lower case ("" when there is none)."""
    if "<" in value:
        start, end = value.rfind("<"), value.rfind(">")
        if end > start:
            return value[start + 1:end].strip().lower()
    if '"' not in value and "(" not in value and "," not in value:
        return value.strip().lower()
    return parseaddr(value)[1].lower()


def decode_words(value: str) -> str:
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (ValueError, LookupError, UnicodeError):
        return value


def is_own(headers: Headers, me: str) -> bool:
    """Mail we sent (From: us, or carrying our private draft header) is never a reply."""
    return headers.from_addr == me.lower() or headers.outreach_draft is not None


def screen(headers: Headers, index: SentIndex) -> Screened:
    """A Match from the headers alone, NeedBody when the full message must decide, None to leave it."""
    if is_own(headers, index.me):
        return None
    # most recent first: In-Reply-To, then References from the end
    for mid in (*headers.in_reply_to, *reversed(headers.references)):
        hit = index.message_ids.get(mid)
        if hit is not None:
            return Match(contact_id=hit[0], draft_id=hit[1], how="thread")
    contact = index.addresses.get(headers.from_addr)
    if contact is not None:
        return Match(contact_id=contact, draft_id=None, how="sender")
    if may_be_report(headers):
        return NeedBody("report")
    if "calendar" in headers.content_type or _CALENDAR_SUBJECT.search(headers.subject):
        return NeedBody("calendar")
    return None


def may_be_report(headers: Headers) -> bool:
    """Whether a message's envelope is a report's: a delivery status notice (the classifier's test, on
    the headers alone), any multipart/report, a null sender or a no-reply mailbox's multipart/mixed mail, which may
    return a message (a provider's notice in its own words attaches it), or a list server's own mail (a list
    refusing a post)."""
    from outreach.classify.bounces import list_robot, looks_like_notice, no_reply_sender
    from outreach.classify.mime import Mail

    if "report" in headers.content_type or headers.return_path.strip() == "<>":
        return True
    if no_reply_sender(headers.from_addr) and headers.content_type.startswith("multipart/mixed"):
        return True
    if list_robot(headers.from_addr):
        return True
    found = _REPORT_TYPE.search(headers.content_type)
    envelope = Mail(headers={"from": headers.from_header or headers.from_addr, "subject": headers.subject,
                             "return-path": headers.return_path, "x-failed-recipients": headers.failed_recipients},
                    from_addr=headers.from_addr, report_type=found.group(1) if found else "")
    return looks_like_notice(envelope, "")


def match_body(raw: bytes, headers: Headers, index: SentIndex, kind: str) -> Match | None:
    """Decide a NeedBody message from its full text."""
    if kind == "report":
        return _match_report(raw, index)
    return _match_calendar(email.message_from_bytes(raw, policy=email.policy.compat32), index)


def delivery_failure(raw: bytes, known: Iterable[str] = ()) -> Bounce | None:
    """The permanent delivery failure `raw` reports (its failed recipient, preferring one of `known`), or None:
    not a delivery status notice, or only a delay warning."""
    found = _notice(raw, known)
    return found if found is not None and found.permanent else None


def _notice(raw: bytes, known: Iterable[str]) -> Bounce | None:
    from outreach.classify.bounces import find_bounce
    from outreach.classify.mime import body_texts, read_mail

    mail = read_mail(raw)
    plain, html = body_texts(mail)
    return find_bounce(mail, plain or html, frozenset(known))


def _match_report(raw: bytes, index: SentIndex) -> Match | None:
    # Our original's Message-ID or X-Outreach-Draft (in message/rfc822, text/rfc822-headers or a plain-text
    # notice) is the strongest evidence, and the only one that lets a bounce act; a failed recipient we wrote
    # to, without it, only lets the user decide. A delay warning is left alone: a failure, if it comes, reports
    # itself. Any other report returning our message (a complaint) goes to the classifier and the user.
    failure = _notice(raw, index.addresses)
    if failure is not None and not failure.permanent:
        return None
    for value in returned_ids(report_text(raw)):
        hit = index.message_ids.get(value) or index.identities.get(value)
        if hit is not None:
            return Match(contact_id=hit[0], draft_id=hit[1], how="bounce" if failure else "report")
    recipient = failure.recipient if failure is not None else None
    if recipient is not None and recipient != index.me.lower() and recipient in index.addresses:
        return Match(contact_id=index.addresses[recipient], draft_id=None, how="bounce")
    return None


def _match_calendar(message: Message, index: SentIndex) -> Match | None:
    text = _all_text(message, include_headers=False)
    contacts = _contacts_named(text, index)
    if not contacts:
        lowered = " ".join(text.lower().split())
        contacts = {cid for name, cid in index.names.items() if name in lowered}
    if len(contacts) == 1:
        return Match(contact_id=contacts.pop(), draft_id=None, how="calendar")
    return None  # nobody, or several contacts: not ours to guess


def _contacts_named(text: str, index: SentIndex) -> set[int]:
    me = index.me.lower()
    return {index.addresses[a] for a in (m.lower() for m in _ADDRESS.findall(text))
            if a != me and a in index.addresses}


def report_text(raw: bytes) -> str:
    """The body of a delivery report as matching reads it: its parts and the returned message's headers."""
    return _all_text(email.message_from_bytes(raw, policy=email.policy.compat32), include_headers=True)


def _all_text(message: Message, include_headers: bool) -> str:
    """Every text part decoded (and, for bounces, every embedded header block), joined."""
    chunks: list[str] = []
    for part in message.walk():
        ctype = part.get_content_type()
        if ctype == "message/rfc822" and include_headers:
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            if isinstance(inner, Message):
                chunks.extend(f"{k}: {v}" for k, v in inner.items())
            continue
        if part.is_multipart():
            continue
        if ctype == "message/delivery-status" or ctype == "text/rfc822-headers" or ctype.startswith("text/"):
            chunks.append(_decoded(part))
    return "\n".join(chunks)


def _decoded(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        charset = part.get_content_charset() or "utf-8"
        try:
            return payload.decode(charset, "replace")
        except LookupError:
            return payload.decode("utf-8", "replace")
    # message/delivery-status parses into header blocks
    inner = part.get_payload()
    if isinstance(inner, list):
        return "\n".join(f"{k}: {v}" for block in inner if isinstance(block, Message) for k, v in block.items())
    return str(inner or "")


def unique_names(people: Iterable[tuple[int, str]]) -> dict[str, int]:
    """Full names (two words or more) that belong to one contact only, for calendar matching."""
    seen: dict[str, set[int]] = {}
    for cid, name in people:
        key = " ".join(name.lower().split())
        if len(key.split()) >= 2:
            seen.setdefault(key, set()).add(cid)
    return {name: ids.pop() for name, ids in seen.items() if len(ids) == 1}


# ------------------------------------------------------------------ who may make the daemon act

_OWN_HEADER_VALUE = re.compile(r"x-outreach-draft:\s*([0-9a-f]{16,64})", re.IGNORECASE)
_AR_COMMENT = re.compile(r"\([^()]*\)")
AR_MAX_CHARS = 4000  # one Authentication-Results value read (hostile input stays bounded)
AR_MAX_HEADERS = 20
# the property each method's verdict is about: the From domain (DMARC), the envelope sender (SPF), the signer
_AR_SUBJECT = {"dmarc": ("header.from",), "spf": ("smtp.mailfrom",), "dkim": ("header.d", "header.i")}


def returned_ids(text: str) -> set[str]:
    """Message-IDs (lower case) and X-Outreach-Draft values in a delivery report's text (see report_text)."""
    return {m.lower() for m in _MSGID.findall(text)} | {m.lower() for m in _OWN_HEADER_VALUE.findall(text)}


def senders_of(message: Message) -> list[str]:
    """Every address in every From header, lower case: one is a sender; none or several, nobody to trust."""
    return [a.strip().lower() for _, a in getaddresses([str(v) for v in message.get_all("from") or []]) if a]


def normalize_id(message_id: str) -> str:
    """A Message-ID as the index keys it: in angle brackets, lower case."""
    return f"<{message_id.strip().strip('<>')}>".lower()


def auth_failures(message: Message, authserv_id: str, address: str) -> list[str]:
    """Failing verdicts about `address`'s domain that the user's provider (`authserv_id`) recorded.

    Only the topmost Authentication-Results headers carrying `authserv_id` count: the provider adds
    its own on top, and anything below could have been written by the sender. A DMARC pass for the
    domain clears everything; otherwise each of DMARC, SPF and DKIM that failed for the domain (and
    did not also pass, as with a second DKIM signature) is returned, e.g. ["dmarc=fail"].
    """
    domain = address.rpartition("@")[2].lower()
    verdicts: list[tuple[str, str]] = []
    for value in (message.get_all("authentication-results") or [])[:AR_MAX_HEADERS]:
        server, results = _read_auth_results(str(value))
        if server != authserv_id.lower():
            break
        verdicts += [(method, result) for method, result, props in results if _about(method, props, domain)]
    passed = {method for method, result in verdicts if result == "pass"}
    if "dmarc" in passed:
        return []
    failed = [method for method, result in verdicts if result == "fail" and method not in passed]
    return [f"{method}=fail" for method in dict.fromkeys(failed)]


def _read_auth_results(value: str) -> tuple[str, list[tuple[str, str, dict[str, str]]]]:
    """RFC 8601: "authserv-id [version]; method=result prop=value ...; ..." (comments removed)."""
    text = value[:AR_MAX_CHARS]
    while True:
        stripped = _AR_COMMENT.sub(" ", text)
        if stripped == text:
            break
        text = stripped
    first, *rest = text.split(";")
    words = first.split()
    server = words[0].lower() if words and "=" not in words[0] else ""
    results = []
    for segment in rest if server else [first, *rest]:
        tokens = segment.split()
        if not tokens or "=" not in tokens[0]:
            continue
        method, _, result = tokens[0].partition("=")
        props = {k.lower(): v.strip('"').lower() for k, _, v in (t.partition("=") for t in tokens[1:]) if "." in k}
        results.append((method.split("/")[0].lower(), result.lower(), props))
    return server, results


def _about(method: str, props: dict[str, str], domain: str) -> bool:
    keys = _AR_SUBJECT.get(method)
    if keys is None:
        return False
    named = [props[k].rpartition("@")[2] for k in keys if k in props]
    return not named or domain in named
