"""HTML to the plain text a reader sees, keeping link targets and quote depth.

Anchors become ``text <href>`` so mailto: addresses and booking links hidden behind
words stay visible to the later stages; ``<blockquote>`` content is prefixed with
``> `` so the quote stripper treats it like a plain-text quote.
"""

from __future__ import annotations

import logging
from html.parser import HTMLParser

logger = logging.getLogger(__name__)

_BLOCK = frozenset(
    [
        "p",
        "div",
        "br",
        "tr",
        "li",
        "ul",
        "ol",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "dt",
        "dd",
    ]
)
_SKIP = frozenset(["style", "script", "head", "title", "template", "xml"])
MAX_OUTPUT_CHARS = 100_000


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.quote_depth = 0
        self.skip_depth = 0
        self.href_stack: list[tuple[str, int]] = []
        self.size = 0

    def _flush(self) -> None:
        line = " ".join("".join(self.current).split())
        self.current = []
        prefix = "> " * self.quote_depth
        self.lines.append(prefix + line if line else prefix.rstrip())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
            return
        if tag == "blockquote":
            self._flush()
            self.quote_depth += 1
        elif tag in _BLOCK:
            self._flush()
        elif tag in ("td", "th"):
            self.current.append(" ")  # cells side by side read apart: "<td>To</td><td>a@b</td>" is "To a@b"
        elif tag == "a":
            href = next((v for k, v in attrs if k == "href" and v), "")
            self.href_stack.append((href.strip(), len("".join(self.current))))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "blockquote":
            self._flush()
            self.quote_depth = max(0, self.quote_depth - 1)
        elif tag in _BLOCK:
            self._flush()
        elif tag == "a" and self.href_stack:
            href, start = self.href_stack.pop()
            if not href or href.startswith("#"):
                return
            shown = "".join(self.current)[start:]
            target = href[7:] if href.lower().startswith("mailto:") else href
            target = target.split("?", 1)[0] if href.lower().startswith("mailto:") else target
            if target and target not in shown:
                self.current.append(f" <{target}>")

    def handle_data(self, data: str) -> None:
        if self.skip_depth or self.size > MAX_OUTPUT_CHARS:
            return
        self.size += len(data)
        self.current.append(data)


def html_to_text(html: str) -> str:
    """Render HTML as text; never raises."""
    parser = _TextParser()
    try:
        parser.feed(html)
        parser.close()
    except Exception as exc:  # html.parser is lenient, but be safe against odd input
        logger.debug("html parse failed: %s", exc)
    parser._flush()
    return "\n".join(parser.lines)
