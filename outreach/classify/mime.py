"""Turn raw RFC 5322 bytes into the text a mail client would show.

Everything here is bounded: the raw message, the number and depth of parts, the
bytes decoded per part and the text kept per part all have caps, so a hostile
message costs at most a few megabytes and milliseconds.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.header import decode_header
from email.message import Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from outreach.classify.html2text import html_to_text
from outreach.regex_store import regex

logger = logging.getLogger(__name__)

MAX_RAW_BYTES = 2 * 1024 * 1024
MAX_HEADER_BYTES = 256 * 1024
MAX_MULTIPART_HEADERS = 100
MAX_BOUNDARY_LINES = 1000
MAX_PARTS = 64
MAX_DEPTH = 8
MAX_PART_BYTES = 512 * 1024
MAX_TEXT_CHARS = 100_000
MAX_HEADER_CHARS = 2_000

# Charsets that mail headers name but Python does not know, mapped to what senders meant.
_CHARSET_ALIASES = {
    "unicode-1-1-utf-7": "utf-7",
    "x-unknown": "windows-1252",
    "unknown-8bit": "windows-1252",
    "iso-8859-8-i": "iso-8859-8",
    "ks_c_5601-1987": "cp949",
    "gb2312": "gb18030",
    "x-sjis": "shift_jis",
    "windows-874": "cp874",
}


@dataclass
class Mail:
    """The parts of a message the classifier reads."""

    headers: dict[str, str] = field(default_factory=dict)
    date: datetime | None = None
    from_addr: str = ""
    from_name: str = ""
    to_addrs: list[tuple[str, str]] = field(default_factory=list)
    cc_addrs: list[tuple[str, str]] = field(default_factory=list)
    content_type: str = "text/plain"
    report_type: str = ""
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    calendars: list[str] = field(default_factory=list)
    delivery_status: list[str] = field(default_factory=list)
    encrypted: bool = False
    truncated: bool = False
    # The parsed message, for libraries that read it themselves (flufl.bounce).
    message: Message | None = field(default=None, repr=False, compare=False)

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Decode with the declared charset, falling back to UTF-8 then windows-1252."""
    name = (charset or "").strip().strip('"').lower()
    name = _CHARSET_ALIASES.get(name, name)
    candidates = [name] if name and name not in ("us-ascii", "ascii") else []
    candidates += ["utf-8", "windows-1252"]
    for enc in candidates:
        try:
            codecs.lookup(enc)
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
    return data.decode("utf-8", "replace")


def decode_header_value(value: object) -> str:
    """RFC 2047 decode a header value; never raises."""
    text = str(value)[:MAX_HEADER_CHARS]
    if "=?" not in text:
        return " ".join(text.split())
    try:
        pieces = []
        for chunk, charset in decode_header(text):
            if isinstance(chunk, bytes):
                pieces.append(decode_bytes(chunk, charset))
            else:
                pieces.append(chunk)
        return " ".join("".join(pieces).split())
    except Exception:  # malformed encoded words: keep the raw text
        return " ".join(text.split())


# The common shapes, read without the stdlib's general parser (a quarter of the time per message went there):
# "a@b", "<a@b>", "Name <a@b>", "\"Last, First\" <a@b>".
_SIMPLE_ADDRESS = regex(r'\s*(?:"([^"\\]*)"|([^"<>,;:@()\\]*?))\s*<([^<>\s,;:@()"]+@[^<>\s,;:@()"]+)>\s*'
                             r'|\s*([^<>\s,;:@()"]+@[^<>\s,;:@()"]+)\s*')


def parse_addresses(value: str) -> list[tuple[str, str]]:
    """(name, lower-case address) pairs from an address header."""
    if "(" not in value and "\\" not in value:
        fast = _fast_addresses(value)
        if fast is not None:
            return fast
    try:
        pairs = getaddresses([value])
    except Exception:
        return []
    return [(name, addr.lower()) for name, addr in pairs if "@" in addr]


def _fast_addresses(value: str) -> list[tuple[str, str]] | None:
    """The pairs when every comma-separated item has a common shape, else None (the general parser decides)."""
    out = []
    for item in _split_items(value):
        m = _SIMPLE_ADDRESS.fullmatch(item)
        if m is None:
            return None
        name = m.group(1) if m.group(1) is not None else (m.group(2) or "")
        out.append((name.strip(), (m.group(3) or m.group(4)).lower()))
    return out


def _split_items(value: str) -> list[str]:
    """Comma-separated items, not splitting inside a quoted name."""
    items: list[str] = []
    current: list[str] = []
    quoted = False
    for char in value:
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return [item for item in items if item.strip()]


def unflow(text: str, delsp: bool) -> str:
    """Undo RFC 3676 format=flowed: join soft line breaks, remove space stuffing."""
    out: list[str] = []
    buf = ""
    for line in text.split("\n"):
        quoted = line.startswith(">")
        if line.startswith(" ") and not quoted:
            line = line[1:]
        if line.endswith(" ") and line != "-- ":
            buf += line[:-1] if delsp else line
            continue
        out.append(buf + line)
        buf = ""
    if buf:
        out.append(buf)
    return "\n".join(out)


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    if len(payload) > MAX_PART_BYTES:
        payload = payload[:MAX_PART_BYTES]
    text = decode_bytes(payload, part.get_content_charset())
    text = text.replace("\r\n", "\n").replace("\r", "\n")[:MAX_TEXT_CHARS]
    if str(part.get_param("format") or "").lower() == "flowed":
        delsp = str(part.get_param("delsp") or "").lower() == "yes"
        text = unflow(text, delsp)
    return text


class _Walker:
    def __init__(self, mail: Mail) -> None:
        self.mail = mail
        self.seen = 0

    def walk(self, part: Message, depth: int) -> None:
        self.seen += 1
        if self.seen > MAX_PARTS or depth > MAX_DEPTH:
            self.mail.truncated = True
            return
        ctype = part.get_content_type()
        disposition = (part.get("Content-Disposition") or "").lower()
        filename = (part.get_filename() or "").lower()
        if ctype == "message/rfc822" or ctype == "text/rfc822-headers":
            return  # the returned original of a bounce, or a forwarded mail: never the sender's words
        if ctype in ("message/delivery-status", "message/global-delivery-status"):
            self.mail.delivery_status.append(_delivery_status_text(part))
            return
        if part.is_multipart():
            children = part.get_payload()
            if not isinstance(children, list):
                return
            for child in children[:MAX_PARTS]:
                if isinstance(child, Message):
                    self.walk(child, depth + 1)
            return
        if ctype in ("application/pkcs7-mime", "application/x-pkcs7-mime") and "signed" not in str(
            part.get_param("smime-type") or ""
        ):
            self.mail.encrypted = True
            return
        if ctype == "text/calendar" or filename.endswith(".ics") or ctype == "application/ics":
            self.mail.calendars.append(_part_text(part))
            return
        if "attachment" in disposition:
            return
        # A multipart whose boundary the parser could not find (a header folded without
        # indentation) arrives as one text; MTAs write such notices.
        if ctype == "text/plain" or ctype.startswith("multipart/"):
            self.mail.plain.append(_part_text(part))
        elif ctype == "text/html":
            self.mail.html.append(_part_text(part))


def _delivery_status_text(part: Message) -> str:
    payload = part.get_payload()
    if isinstance(payload, list):  # the parser splits the per-recipient groups into sub-messages
        chunks = []
        for sub in payload[:MAX_PARTS]:
            if isinstance(sub, Message):
                chunks.append("\n".join(f"{k}: {v}" for k, v in sub.items()))
        return "\n\n".join(chunks)[:MAX_TEXT_CHARS]
    if isinstance(payload, str):
        return payload[:MAX_TEXT_CHARS]
    return ""


def parse_date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    # RFC 5322 3.3: "-0000" is UTC with the sender's local zone unknown (qmail, some webmails);
    # the instant is exact, so it is as good a reference as any other offset.
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


_BLANK_LINE = regex(rb"\r?\n\r?\n")


def _bounded(raw: bytes) -> tuple[bytes, bool]:
    """Cut what would make the stdlib parser slow or recurse deeply; True when something was cut."""
    cut = False
    if len(raw) > MAX_RAW_BYTES:
        raw, cut = raw[:MAX_RAW_BYTES], True
    blank = _BLANK_LINE.search(raw)
    end = blank.start() if blank else len(raw)
    if end > MAX_HEADER_BYTES:
        # Headers beyond the cap are dropped, the body is kept.
        head = raw[:MAX_HEADER_BYTES]
        head = head[: head.rfind(b"\n") + 1]
        raw, cut = head + raw[end:].lstrip(b"\r\n").join((b"\r\n", b"")), True
    # The parser recurses once per nested multipart (stop well before the interpreter's limit)
    # and slows down with thousands of parts.
    for marker, limit in ((b"multipart/", MAX_MULTIPART_HEADERS), (b"\n--", MAX_BOUNDARY_LINES)):
        pos = -1
        for _ in range(limit):
            pos = raw.find(marker, pos + 1)
            if pos < 0:
                break
        else:
            raw, cut = raw[:pos], True
    return raw, cut


def read_mail(raw: bytes) -> Mail:
    """Parse raw bytes into a :class:`Mail`; raises only on parser failure."""
    mail = Mail()
    raw, mail.truncated = _bounded(raw)
    msg = BytesParser().parsebytes(raw)
    mail.message = msg
    for key, value in msg.items()[:500]:
        name = key.lower()
        if name not in mail.headers:
            mail.headers[name] = decode_header_value(value)
        elif name == "cc" or name == "to":
            mail.headers[name] += ", " + decode_header_value(value)
    mail.date = parse_date(mail.header("date"))
    from_pairs = parse_addresses(mail.header("from"))
    mail.from_name, mail.from_addr = from_pairs[0] if from_pairs else ("", "")
    mail.to_addrs = parse_addresses(mail.header("to"))
    mail.cc_addrs = parse_addresses(mail.header("cc"))
    mail.content_type = msg.get_content_type()
    mail.report_type = str(msg.get_param("report-type") or "").lower()
    _Walker(mail).walk(msg, 0)
    return mail


_HREF_RE = regex(r"""href\s*=\s*["']?(?:mailto:)?([^"'\s>?]+)""", re.IGNORECASE)


def _html_adds_links(html: str, plain: str) -> bool:
    """Whether the HTML links to something the plain text does not show (a mailto: behind a name)."""
    return any(target not in plain for target in _HREF_RE.findall(html[:MAX_TEXT_CHARS]))


def body_texts(mail: Mail) -> tuple[str, str]:
    """(plain text, HTML rendered as text); the HTML is rendered only when it adds something."""
    plain = "\n\n".join(t for t in mail.plain if t.strip())
    sources = [h for h in mail.html if h.strip() and (not plain or _html_adds_links(h, plain))]
    return plain, "\n\n".join(html_to_text(h) for h in sources)
