"""Load a YAML file and remember where every key and list item was written,
so that errors can name the file, the line and the field.

The files are the user's, but a file can be pasted from anywhere: before anything is built, the event
stream is checked against a size, a nesting depth and an alias budget, so that no "billion laughs" or
recursive alias can take time, memory or the stack.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from outreach.errors import OutreachError

PathKey = tuple[str | int, ...]
MAX_FILE_BYTES = 1_000_000  # about 3,000 introductions
MAX_DEPTH = 32  # nested mappings and lists; the config needs 5
MAX_ALIAS_VALUES = 10_000  # values that aliases may add to a document, all aliases together
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: same result, faster


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML document plus the 1-based line of every mapping key and list item."""

    path: Path
    data: Any
    lines: dict[PathKey, int]

    def line_of(self, key: PathKey) -> int:
        """The line of `key`, or of its nearest parent that has one."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)

    def where(self, key: PathKey) -> str:
        """`file:line: a.b[2].c` for error messages."""
        return f"{self.path}:{self.line_of(key)}: {dotted(key)}"


def dotted(key: PathKey) -> str:
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(top level)"


def load_yaml(path: Path, error: type[OutreachError]) -> YamlDocument:
    """Parse `path` with the safe loader; raise `error` naming file and line on any problem."""
    text = _read(path, error)
    loader = _Loader(text)
    try:
        _check_bounds(_Loader(text), path, error)
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(path, None, {(): 1})
        lines: dict[PathKey, int] = {(): node.start_mark.line + 1}
        _record_lines(node, (), lines, path, error)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise error(f"{path}:{line}: invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise error(f"{path}: invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    return YamlDocument(path, data, lines)


def _read(path: Path, error: type[OutreachError]) -> str:
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            line = raw.count(b"\n", 0, MAX_FILE_BYTES) + 1
            raise error(f"{path}:{line}: the file is larger than {MAX_FILE_BYTES:,} bytes, the limit for "
                        "outreach's YAML files; trim it (or split the introductions and import them in turns)")
        return raw.decode("utf-8")
    except FileNotFoundError:
        raise error(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read: {exc}") from None


def _check_bounds(loader: Any, path: Path, error: type[OutreachError]) -> None:
    """Walk the parser's events (no document is built) and refuse deep nesting, aliases that refer to
    the value containing them, and aliases that would expand the document by more than MAX_ALIAS_VALUES.

    Each open collection is [values so far, its anchor]; a finished anchor remembers its size in values."""
    sizes: dict[str, int] = {}
    stack: list[list[Any]] = [[0, None]]
    added = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.CollectionStartEvent):
                if len(stack) > MAX_DEPTH:
                    raise error(f"{path}:{line}: nested deeper than {MAX_DEPTH} levels; outreach's files need "
                                "far fewer, so flatten it")
                stack.append([1, event.anchor])
            elif isinstance(event, yaml.CollectionEndEvent):
                size, anchor = stack.pop()
                stack[-1][0] += size
                if anchor is not None:
                    sizes[anchor] = size
            elif isinstance(event, yaml.ScalarEvent):
                stack[-1][0] += 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                if any(anchor == event.anchor for _, anchor in stack):
                    raise error(f"{path}:{line}: alias *{event.anchor} refers to the value that contains it "
                                f"(a recursive alias); write the value out instead")
                size = sizes.get(event.anchor or "", 0)  # an undefined alias is reported by the composer
                added += size
                stack[-1][0] += size
                if added > MAX_ALIAS_VALUES:
                    raise error(f"{path}:{line}: aliases expand this file by more than {MAX_ALIAS_VALUES:,} "
                                "values (a YAML bomb?); write the values out instead of nesting aliases")
    finally:
        loader.dispose()


def _record_lines(
    node: yaml.Node, key: PathKey, lines: dict[PathKey, int], path: Path, error: type[OutreachError]
) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            name = str(key_node.value)
            if name in seen:
                raise error(
                    f"{path}:{key_node.start_mark.line + 1}: {dotted((*key, name))}: key given twice; keep one"
                )
            seen.add(name)
            lines[(*key, name)] = key_node.start_mark.line + 1
            _record_lines(value_node, (*key, name), lines, path, error)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*key, index)] = item.start_mark.line + 1
            _record_lines(item, (*key, index), lines, path, error)
