"""Reading YAML as typed: every scalar kept as its source text, every node's line kept.

PyYAML's composer (the C one when present) builds the node tree; we walk it
ourselves instead of constructing Python objects, so ``61.005`` stays the
text ``"61.005"`` (never a float), duplicate keys are errors, tags that would
construct objects are refused, and aliases cannot expand into a bomb.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from plan_kpi.errors import PlanError, Problem

Path = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass
class Document:
    """A YAML file's data (dicts, lists, str, None) and the line of every path in it."""

    file: str
    data: Any
    lines: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def at(self, path: Path) -> tuple[int, int]:
        """Line and column of the node at path, or of its nearest ancestor."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, (1, 1))

    def problem(self, path: Path, message: str) -> Problem:
        line, column = self.at(path)
        return Problem(self.file, line, column, message)


def decode(raw: bytes, file: str) -> str:
    """The file's text: UTF-8 (a BOM is fine); anything else is an error saying what to do."""
    if raw.startswith(_UTF16_BOMS) or (len(raw) >= 2 and b"\x00" in raw[:200]):
        raise PlanError(
            [
                Problem(
                    file,
                    1,
                    1,
                    "the file is saved as UTF-16 — save it as UTF-8 (in Notepad: Save As, "
                    "Encoding: UTF-8)",
                )
            ]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise PlanError(
            [
                Problem(
                    file,
                    line,
                    column,
                    f"byte 0x{raw[err.start]:02x} is not UTF-8; the file seems saved in a legacy "
                    "encoding such as Windows-1258 — save it as UTF-8",
                )
            ]
        ) from None


def load_yaml(raw: bytes, file: str) -> Document:
    """Parse a YAML file into a Document; every failure is a PlanError with a line."""
    text = decode(raw, file)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        raise PlanError([_syntax_problem(err, file)]) from None
    except yaml.YAMLError as err:
        raise PlanError([Problem(file, None, None, f"not valid YAML: {err}")]) from None
    if root is None:
        raise PlanError(
            [
                Problem(
                    file,
                    1,
                    1,
                    "the file is empty — write the plan's data into it, or remove it",
                )
            ]
        )
    doc = Document(file, None)
    walker = _Walker(doc)
    doc.data = walker.walk(root, ())
    if walker.problems:
        raise PlanError(walker.problems)
    return doc


def _syntax_problem(err: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    what = err.problem or "invalid YAML"
    hint = "check the indentation and quoting on this line"
    if "'\\t'" in what or "\t" in what:
        hint = "YAML indents with spaces, not tabs: replace the tab by spaces"
    elif "mapping values are not allowed" in what:
        hint = "a value containing ': ' must be quoted"
    return Problem(file, line, column, f"YAML syntax: {what} — {hint}")


class _Walker:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def problem(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.doc.file, mark.line + 1, mark.column + 1, message))

    def walk(self, node: yaml.Node, path: Path) -> Any:
        self.doc.lines[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if id(node) in self.seen:
            self.problem(
                node, "a YAML alias repeats a whole mapping or list — write it out instead"
            )
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            if node.tag != f"{_CORE}seq":
                self.problem(node, f"YAML tag {node.tag!r} is not allowed — remove it")
                return None
            return [self.walk(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        if node.tag != f"{_CORE}map":
            self.problem(node, f"YAML tag {node.tag!r} is not allowed — remove it")
            return None
        return self.mapping(node, path)

    def mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == f"{_CORE}merge":
                self.problem(
                    key_node, "keys must be plain words or numbers — no '<<' merges or complex keys"
                )
                continue
            key = self.scalar(key_node)
            if key is None:
                self.problem(key_node, "a key is empty — write a name before the ':'")
                continue
            line = key_node.start_mark.line + 1
            if key in result:
                self.problem(
                    key_node,
                    f"duplicate key {key!r} (first at line {first_line[key]}) — keep one of them",
                )
                continue
            first_line[key] = line
            result[key] = self.walk(value_node, (*path, key))
        return result

    def scalar(self, node: yaml.Node) -> str | None:
        if node.tag not in _SCALAR_TAGS:
            self.problem(node, f"YAML tag {node.tag!r} is not allowed — remove it")
            return None
        assert isinstance(node, yaml.ScalarNode) and isinstance(node.value, str)
        if node.tag == f"{_CORE}null" and node.style is None:
            return None
        return unicodedata.normalize("NFC", node.value)
