"""The one rule for header values: one line of plain text, as written and once decoded.

A header value is refused when it holds a line break or a control character, either as
written or once its RFC 2047 encoded words are decoded: the email library decodes
`=?utf-8?q?Acme=0D=0ABcc:_x?=` into a real CR LF when it serialises the header.
"""

from __future__ import annotations

import re

from outreach.errors import HeaderInjectionError

# C0 controls but TAB, DEL, C1 controls (NEL among them), and the Unicode line and paragraph separators.
FORBIDDEN = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines() splits on
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([qQbB])\?([^?\s]*)\?=")


def header_problem(value: str) -> str | None:
    """What makes `value` unfit for a header (a line break, a control character), or None."""
    for text, how in ((value, ""), (decode_encoded_words(value), " once its encoded words are decoded")):
        bad = FORBIDDEN.search(text)
        if bad is not None:
            char = bad.group()
            kind = "a line break" if char in _LINE_BREAKS else f"a control character (U+{ord(char):04X})"
            return kind + how
    return None


def check_header_value(what: str, value: str | None) -> None:
    """Refuse a value bound for a mail header if it holds a line break or a control character, as written
    or once decoded."""
    problem = None if value is None else header_problem(value)
    if problem is not None:
        raise HeaderInjectionError(
            f"{what} contains {problem} ({value!r}); a header value must be one line of plain text, "
            "so it was not used"
        )


def decode_encoded_words(value: str) -> str:
    """`value` with every RFC 2047 encoded word replaced by its text, wherever it stands (the library's
    parsers do not agree on where they decode one, so assume everywhere)."""
    return _ENCODED_WORD.sub(_decode_word, value) if "=?" in value else value


def _decode_word(match: re.Match[str]) -> str:
    import base64
    import binascii

    charset, encoding, text = match.group(1).partition("*")[0], match.group(2).lower(), match.group(3)
    try:
        if encoding == "q":
            raw = binascii.a2b_qp(text.encode("ascii", "replace"), header=True)
        else:
            raw = base64.b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return match.group(0)
    try:
        return raw.decode(charset, "replace")
    except LookupError:  # an unknown charset: the bytes as they are, controls included
        return raw.decode("latin-1")

