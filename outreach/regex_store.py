"""Compiled regular expressions kept between runs, so a short command does not pay to compile them again.

Python's ``re`` parses and compiles a pattern in pure Python. The classifier has a few hundred patterns, many
of them long alternations of phrases in seven languages; compiling them costs about 140 ms per process, a
quarter of an ``outreach classify`` run over 130 replies. The result of that work is a list of integers that
CPython's regex engine (``_sre``) takes as it is, so :func:`regex` can keep it in a file and hand it straight
to the engine the next time.

The store is off until a command :func:`open_store`\\ s a file (``outreach classify`` does; the daemon, which
compiles once and runs for days, does not), and it must be opened before the classifier is imported, since
most patterns are compiled at import. The file is keyed by the interpreter's version and the engine's magic
number, and the engine checks every list it is given: a file from another Python, a damaged file or a file
that cannot be written only costs the time it was meant to save, never an error.
"""

from __future__ import annotations

import contextlib
import logging
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any, AnyStr

logger = logging.getLogger(__name__)

# More patterns than the classifier has: past this, a save keeps only the patterns its run used, so the
# patterns of older versions do not pile up.
MAX_PATTERNS = 2000

_Key = tuple[str | bytes, int]
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
# How the file is laid out; part of its version, so a file written another way is ignored.
_FORMAT = 2


class _Store:
    def __init__(self) -> None:
        self.path: Path | None = None
        # Each entry stays marshalled until a pattern asks for it: a run reads only the entries it uses, so
        # the patterns of older versions kept in the file cost little more than their bytes.
        self.entries: dict[_Key, bytes] = {}
        self.used: set[_Key] = set()
        self.added = 0


_store = _Store()


def _version() -> str:
    """What a stored list depends on: the interpreter's build and the regex engine's code format."""
    import _sre

    return f"{sys.implementation.name} {sys.version} {_sre.MAGIC} {_sre.CODESIZE} format {_FORMAT}"


def regex(source: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(source, flags)``, taken from the open store when it holds ``source``, else compiled and kept."""
    flags = int(flags)
    if _store.path is None:
        return re.compile(source, flags)
    key = (source, flags)
    _store.used.add(key)
    stored = _store.entries.get(key)
    if stored is not None:
        try:
            return _from_entry(source, marshal.loads(stored))
        except (RuntimeError, TypeError, ValueError, OverflowError, EOFError):
            logger.debug("stored regex %.40r was refused by the engine; compiling it", source)
            del _store.entries[key]
    try:
        entry = _compile_entry(source, flags)
    except AttributeError:  # an interpreter whose re internals differ: compile as usual, keep nothing
        return re.compile(source, flags)
    _store.entries[key] = marshal.dumps(entry)
    _store.added += 1
    return _from_entry(source, entry)


def _compile_entry(source: str | bytes, flags: int) -> _Entry:
    """What ``re._compiler.compile`` hands to the engine, kept apart so it can be stored."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(source, flags)
    code = _compiler._code(parsed, flags)
    group_index = dict(parsed.state.groupdict)
    index_group: list[str | None] = [None] * parsed.state.groups
    for name, number in group_index.items():
        index_group[number] = name
    # The opcodes are int subclasses (named constants), which marshal does not take.
    code_numbers = [int(number) for number in code]
    return flags | parsed.state.flags, code_numbers, parsed.state.groups - 1, group_index, tuple(index_group)


def _from_entry(source: AnyStr, entry: _Entry) -> re.Pattern[AnyStr]:
    import _sre

    final_flags, code, groups, group_index, index_group = entry
    pattern: re.Pattern[AnyStr] = _sre.compile(source, final_flags, code, groups, group_index, index_group)
    return pattern


def open_store(path: Path) -> None:
    """Use ``path`` for :func:`regex` from now on, reading what an earlier run kept there (if it can)."""
    _store.path, _store.entries, _store.used, _store.added = path, {}, set(), 0
    try:
        data: Any = marshal.loads(path.read_bytes())
    except FileNotFoundError:
        return
    except (OSError, EOFError, ValueError, TypeError) as exc:
        logger.debug("regex store %s unreadable (%s); starting afresh", path, exc)
        return
    if isinstance(data, dict) and data.get("version") == _version() and isinstance(data.get("entries"), dict):
        _store.entries = data["entries"]


def save_store() -> None:
    """Write the open store back if this run compiled anything new (atomically; a failure is only logged)."""
    path = _store.path
    if path is None or not _store.added:
        return
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        entries = _store.entries
        if len(entries) > MAX_PATTERNS:
            entries = {key: entry for key, entry in entries.items() if key in _store.used}
        temporary.write_bytes(marshal.dumps({"version": _version(), "entries": entries}))
        os.replace(temporary, path)
        _store.added = 0
    except (OSError, ValueError) as exc:  # ValueError: an entry marshal cannot write
        logger.debug("cannot keep compiled regexes in %s: %s", path, exc)
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def close_store() -> None:
    """Stop using the store: :func:`regex` compiles as ``re.compile`` does again."""
    _store.path, _store.entries, _store.used, _store.added = None, {}, set(), 0
