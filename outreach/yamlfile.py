"""Load a YAML file and remember where every key and list item was written,
so that errors can name the file, the line and the field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import OutreachError

PathKey = tuple[str | int, ...]
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
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read: {exc}") from None
    loader = _Loader(text)
    try:
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
