"""Read YAML strictly, keeping the line of every value so that errors can point at it.

Refused: duplicate keys (a silent overwrite otherwise), anchors and aliases (a few hundred bytes of nested
aliases can expand to gigabytes), text that is not UTF-8. Accepted: a byte-order mark and CRLF line ends.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kb.errors import DataError

# libyaml's C loader when PyYAML was built with it (several times faster), else the pure-Python one.
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LocatedDict(dict[Any, Any]):
    """A mapping that remembers its own line, each key's line, and the source text of non-string scalars."""

    line: int = 0
    key_lines: dict[Any, int]
    raw: dict[Any, str]


class LocatedList(list[Any]):
    """A sequence that remembers its own line and each item's line."""

    line: int = 0
    item_lines: list[int]


class _StrictLoader(SafeLoader):  # type: ignore[valid-type,misc]  # a variable base class
    """A safe loader that refuses duplicate keys and records lines."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> LocatedDict:
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    result.key_lines, result.raw = {}, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result.key_lines:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
        if isinstance(value_node, yaml.ScalarNode) and not isinstance(result[key], str):
            result.raw[key] = value_node.value
    return result


def _construct_sequence(loader: _StrictLoader, node: yaml.SequenceNode, deep: bool = False) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def decode_text(data: bytes, label: str) -> str:
    """UTF-8 text (a byte-order mark is dropped); anything else is a DataError naming the line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(label, None, None, f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                        "save the file as UTF-8", line=line) from exc


def _refuse_anchors(text: str, label: str) -> None:
    if "&" not in text and "*" not in text:  # an anchor is written with &, an alias with *: none can be here
        return
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            line = event.start_mark.line + 1 if event.start_mark else None
            raise DataError(label, None, None, "uses a YAML anchor or alias (& or *); write each value out in full",
                            line=line)


def parse_yaml(text: str, label: str) -> Any:
    """Parse YAML text; any problem becomes a DataError naming `label` and the line."""
    try:
        _refuse_anchors(text, label)
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = str(exc.problem or exc.context or "").strip()
        lines = text.splitlines()
        if mark and mark.line < len(lines) and "\t" in lines[mark.line]:
            problem += " (the line holds a tab: indent with spaces)"
        raise DataError(label, None, None, f"is not valid YAML: {problem}",
                        line=mark.line + 1 if mark else None) from exc
    except yaml.YAMLError as exc:
        raise DataError(label, None, None, f"is not valid YAML: {exc}") from exc


def read_yaml(path: Path, label: str) -> Any:
    """Read and parse one YAML file; `label` is the file's repository path, used in messages."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(label, None, None, f"cannot be read ({exc.strerror})") from exc
    return parse_yaml(decode_text(data, label), label)
