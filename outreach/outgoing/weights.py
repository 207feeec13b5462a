"""Weighing template values before they grow: about how many characters a value would take as text, and what
the few operations that multiply their input (replace, join, translate, expandtabs, indent, wordwrap, urlize)
would build. sandbox.py refuses a value or an operation past MAX_OUTPUT_CHARS before it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from outreach.errors import RenderLimitError

MAX_OUTPUT_CHARS = 100_000  # a rendered message larger than this is a template bug


def check_size(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value).bit_length() > 256:
        raise RenderLimitError("a number grew beyond 256 bits")
    return check_weight(value)


def check_weight(value: Any) -> Any:
    text_weight(value)
    return value


def text_weight(value: Any) -> int:
    """About how many characters `str(value)` would take: strings by length, containers by their items,
    each shared reference counted again (that is how a few nested lists expand). Raises past the limit."""
    from jinja2.utils import Namespace

    known: dict[int, int] = {}

    def weigh(item: Any) -> int:
        if isinstance(item, str | bytes):
            return len(item)
        if isinstance(item, Namespace):  # `{% set ns.x = ... %}` stores values there, and str() shows them
            item = object.__getattribute__(item, "_Namespace__attrs")
        if not isinstance(item, list | tuple | set | frozenset | dict):
            return 1
        if id(item) in known:
            return known[id(item)]
        known[id(item)] = 0  # a container met again while weighing itself (cannot be built here, but cheap)
        parts = (*item.keys(), *item.values()) if isinstance(item, dict) else item
        total = len(parts)
        for part in parts:
            total += weigh(part)
            if total > MAX_OUTPUT_CHARS:
                raise RenderLimitError(f"a value grew beyond {MAX_OUTPUT_CHARS} characters")
        known[id(item)] = total
        return total

    total = weigh(value)
    if total > MAX_OUTPUT_CHARS:
        raise RenderLimitError(f"a value grew beyond {MAX_OUTPUT_CHARS} characters")
    return total


def check_result(what: str, size: int) -> None:
    if size > MAX_OUTPUT_CHARS:
        raise RenderLimitError(f"{what} would build about {size} characters (the limit is {MAX_OUTPUT_CHARS})")


def _text_len(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes) else text_weight(value)


def _occurrences(subject: Any, old: Any, count: Any) -> int:
    found = str(subject).count(str(old)) if not isinstance(subject, bytes) else subject.count(old)
    return min(found, count) if isinstance(count, int) and count >= 0 else found


def _replace_size(subject: Any, old: Any, new: Any, count: Any = None) -> int:
    return _text_len(subject) + _occurrences(subject, old, count) * max(0, _text_len(new) - _text_len(old))


def _join_size(items: Any, separator: Any) -> int:
    return text_weight(items) + _text_len(separator) * max(0, len(items) - 1)


def _lines(text: Any) -> int:
    return str(text).count("\n") + 1


def _indent_size(text: Any, width: Any = 4, first: bool = False, blank: bool = False) -> int:
    return _text_len(text) + _lines(text) * (width if isinstance(width, int) else _text_len(width))


def _translate_size(text: Any, table: Any) -> int:
    values = table.values() if isinstance(table, Mapping) else table if isinstance(table, list | tuple) else ()
    longest = max((_text_len(v) for v in values if isinstance(v, str | bytes)), default=1)
    return _text_len(text) * max(1, longest)


def _expandtabs_size(text: Any, tabsize: int = 8) -> int:
    return _text_len(text) + str(text).count("\t") * max(0, tabsize)


def _wordwrap_size(environment: Any, text: Any, width: int = 79, break_long_words: bool = True,
                   wrapstring: Any = None, *args: Any, **kwargs: Any) -> int:
    return _text_len(text) + (_text_len(text) + 1) * _text_len(wrapstring or "\n")


def _urlize_size(eval_ctx: Any, text: Any, trim_url_limit: Any = None, nofollow: bool = False,
                 target: Any = None, rel: Any = None, *args: Any, **kwargs: Any) -> int:
    # Linear (a link per word, markup around it), except the target and rel copied into every link.
    words = len(str(text).split()) + 1
    return 8 * _text_len(text) + words * (_text_len(target or "") + _text_len(rel or ""))


# The operations that can multiply their input, by method of str/bytes and by filter: their result's size.
METHOD_SIZE: dict[str, Callable[..., int]] = {
    "replace": _replace_size,
    "join": lambda separator, items: _join_size(items, separator),
    "translate": _translate_size,
    "expandtabs": _expandtabs_size,
}
FILTER_SIZE: dict[str, Callable[..., int]] = {
    "replace": lambda eval_ctx, *args, **kwargs: _replace_size(*args, **kwargs),
    "join": lambda eval_ctx, items, d="", attribute=None: _join_size(items, d),
    "indent": _indent_size,
    "wordwrap": _wordwrap_size,
    "urlize": _urlize_size,
}
