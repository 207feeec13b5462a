"""Generate hostile mail for the classifier: deep nesting, huge parts, bad charsets,
malformed headers and dates, and inputs shaped to make regexes backtrack.

Used by tests/test_classify_hostile.py (bounded time, no exceptions) and by
bench/bench_classify.py (peak memory). ``python bench/hostile.py DIR`` writes them as files.
"""

from __future__ import annotations

import base64
import sys
from collections.abc import Callable
from pathlib import Path

HEAD = (
    b"From: Pat Lee <pat@acme.example>\r\nTo: Jordan Park <jordan.park@example.edu>\r\n"
    b"Date: Wed, 07 Oct 2026 10:00:00 -0500\r\nSubject: Re: chat\r\nMIME-Version: 1.0\r\n"
)


def _text(body: bytes, ctype: bytes = b'text/plain; charset="utf-8"', cte: bytes = b"8bit") -> bytes:
    return HEAD + b"Content-Type: " + ctype + b"\r\nContent-Transfer-Encoding: " + cte + b"\r\n\r\n" + body


def deep_multipart(depth: int = 2000) -> bytes:
    opens = b"".join(
        b'--b%d\r\nContent-Type: multipart/mixed; boundary="b%d"\r\n\r\n' % (i, i + 1) for i in range(depth)
    )
    closes = b"".join(b"\r\n--b%d--\r\n" % i for i in reversed(range(depth + 1)))
    inner = b"--b%d\r\nContent-Type: text/plain\r\n\r\nLet's do Tuesday, October 13 at 2pm CT.\r\n" % depth
    return HEAD + b'Content-Type: multipart/mixed; boundary="b0"\r\n\r\n' + opens + inner + closes


def many_parts(count: int = 20000) -> bytes:
    part = b"--x\r\nContent-Type: text/plain\r\n\r\nhello Tuesday 2pm\r\n"
    return HEAD + b'Content-Type: multipart/mixed; boundary="x"\r\n\r\n' + part * count + b"--x--\r\n"


def deep_rfc822(depth: int = 500) -> bytes:
    inner = b"Content-Type: text/plain\r\n\r\nhi\r\n"
    for _ in range(depth):
        inner = b"Content-Type: message/rfc822\r\n\r\n" + inner
    return HEAD + inner


def huge_line(size: int = 30_000_000) -> bytes:
    return _text(b"a" * size)


def huge_base64(size: int = 12_000_000) -> bytes:
    return _text(base64.encodebytes(b"Tuesday at 2pm " * (size // 15)), cte=b"base64")


def huge_header() -> bytes:
    return HEAD + b"X-Junk: " + b"x" * 2_000_000 + b"\r\nCc: " + b"a@b.example, " * 100_000 + b"\r\n\r\nhi\r\n"


def many_headers() -> bytes:
    return HEAD + b"".join(b"X-H%d: v\r\n" % i for i in range(200_000)) + b"\r\nhello\r\n"


def bad_charsets() -> bytes:
    return _text(
        "Ol\u00e9 \u2014 happy to chat Thursday, October 15 at 10am CT".encode("utf-16"),
        ctype=b'text/plain; charset="no-such-charset-\xff"',
    )


def utf16_declared_bad_bytes() -> bytes:
    return _text(b"\xff\xfe\x00\xd8\x00" * 1000, ctype=b'text/plain; charset="utf-16"')


def malformed_headers() -> bytes:
    return (
        b'From: <<<@@@>>>\r\nTo: "unterminated\r\nDate: Mon, 99 Foo 99999 99:99:99 +9999\r\n'
        b"Subject: =?utf-8?B?!!!notbase64?= =?bogus?Q?x?=\r\nContent-Type: text/plain; charset\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n=ZZ=\r\n=41=4 tomorrow at 10am=\r\n"
    )


def no_headers_binary() -> bytes:
    return bytes(range(256)) * 4000


def regex_bait() -> bytes:
    parts = [
        b"1" * 200_000,
        b"2-" * 100_000 + b"pm",
        b"Monday " * 30_000,
        b"On " * 50_000 + b"wrote",
        b"a@" * 100_000,
        b"http://" + b"a" * 500_000,
        b"> " * 100_000,
        b"From: x\r\n" * 20_000,
        b"10/" * 100_000,
        b"at 3 " * 50_000,
        b"October " * 50_000,
    ]
    return _text(b"\r\n".join(parts))


def html_bomb() -> bytes:
    html = b"<div>" * 200_000 + b"<a href='mailto:x@y.example'>" * 10_000 + b"<blockquote>" * 50_000
    return _text(html, ctype=b'text/html; charset="utf-8"')


def calendar_junk() -> bytes:
    cal = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Nowhere/Zone:99999999T999999\r\n"
    cal += b"X-LONG:" + b" folded\r\n " * 100_000 + b"\r\n" + b"BEGIN:VEVENT\r\n" * 50_000
    return HEAD + b"Content-Type: text/calendar; method=REQUEST\r\n\r\n" + cal


def bad_dsn() -> bytes:
    body = (
        b"--r\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--r\r\nContent-Type: message/delivery-status\r\n\r\n"
        + b"Action: failed\r\nFinal-Recipient: "
        + b";" * 100_000
        + b"\r\n--r--\r\n"
    )
    return HEAD.replace(b"Pat Lee <pat@acme.example>", b"MAILER-DAEMON@mx.example") + (
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="r"\r\n\r\n' + body
    )


def empty() -> bytes:
    return b""


GENERATORS: dict[str, Callable[[], bytes]] = {
    f.__name__: f
    for f in (
        deep_multipart,
        many_parts,
        deep_rfc822,
        huge_line,
        huge_base64,
        huge_header,
        many_headers,
        bad_charsets,
        utf16_declared_bad_bytes,
        malformed_headers,
        no_headers_binary,
        regex_bait,
        html_bomb,
        calendar_junk,
        bad_dsn,
        empty,
    )
}


def hostile_messages() -> list[tuple[str, bytes]]:
    """(name, raw bytes) for every hostile message."""
    return [(name, make()) for name, make in GENERATORS.items()]


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")
    out.mkdir(parents=True, exist_ok=True)
    for name, raw in hostile_messages():
        (out / f"{name}.eml").write_bytes(raw)
    print(f"wrote {len(GENERATORS)} messages to {out}")
