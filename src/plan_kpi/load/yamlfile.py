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

from plan_kpi.core.errors import PlanError, Problem

Path = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_NULL, _MERGE = f"{_CORE}null", f"{_CORE}merge"
_COLLECTION_TAGS = (f"{_CORE}seq", f"{_CORE}map")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: Plan files nest a few levels (values → id → stated → 0 → key); anything far deeper is a mistake
#: or an attack, refused before Python's recursion limit is near.
MAX_DEPTH = 24


@dataclass
class Document:
    """A YAML file's data (dicts, lists, str, None) and the line of every path in it."""

    file: str
    data: Any
    lines: dict[Path, tuple[int, int]] = field(default_factory=dict)
    #: where each mapping key itself is written (lines holds where its value starts)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def at(self, path: Path) -> tuple[int, int]:
        """Line and column of the node at path, or of its nearest ancestor."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, (1, 1))

    def problem(self, path: Path, message: str) -> Problem:
        line, column = self.at(path)
        return Problem(self.file, line, column, message)

    def key_problem(self, path: Path, message: str) -> Problem:
        """A problem with the key at path itself (a misspelt key), placed on the key."""
        line, column = self.keys[path] if path in self.keys else self.at(path)
        return Problem(self.file, line, column, message)


_HOW_TO_SAVE = {
    False: "(in Notepad: Save As, Encoding: UTF-8)",
    True: "(in Excel: Save As, 'CSV UTF-8 (Comma delimited)')",
}


def decode(raw: bytes, file: str) -> str:
    """The file's text: UTF-8 (a BOM is fine); anything else is an error saying what to do."""
    start = raw[:200]
    # UTF-16 without a BOM: every other byte of Latin text is 0 (a stray NUL is not UTF-16)
    if raw.startswith(_UTF16_BOMS) or (len(start) >= 2 and start.count(0) >= len(start) // 4):
        raise PlanError(
            [
                Problem(
                    file,
                    1,
                    1,
                    "the file is saved as UTF-16 — save it as UTF-8 "
                    + _HOW_TO_SAVE[file.endswith(".csv")],
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
                    f"byte 0x{raw[err.start]:02x} is not UTF-8: the file seems saved in a legacy "
                    "encoding such as Windows-1258 (or TCVN3, VNI) — save it as UTF-8 "
                    + _HOW_TO_SAVE[file.endswith(".csv")],
                )
            ]
        ) from None


def load_yaml(raw: bytes, file: str) -> Document:
    """Parse a YAML file into a Document; every failure is a PlanError with a line."""
    text = decode(raw, file)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        raise PlanError([_syntax_problem(err, file, text)]) from None
    except yaml.reader.ReaderError as err:
        raise PlanError([_reader_problem(err, file, text)]) from None
    except yaml.YAMLError as err:
        raise PlanError([Problem(file, None, None, f"not valid YAML: {err}")]) from None
    except RecursionError:  # pragma: no cover - only without libyaml, which limits nesting itself
        raise PlanError([Problem(file, None, None, _TOO_DEEP)]) from None
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
    doc.data = walker.walk(root, (), root.start_mark)
    if walker.problems:
        raise PlanError(walker.problems)
    return doc


def _syntax_problem(err: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    """A YAML syntax error in words for people who are not programmers, with its place."""
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    lines = text.splitlines()
    here = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
    char = here[column - 1] if column is not None and 0 < column <= len(here) else ""
    what = err.problem or "invalid YAML"
    context = err.context or ""
    opened = err.context_mark
    since = f"line {opened.line + 1}, column {opened.column + 1}" if opened else "above"
    indent = here[: len(here) - len(here.lstrip(" \t"))]
    if char == "\t" or "\t" in indent or "tab" in what:
        message = (
            "a tab is used to indent — YAML indents with spaces only: replace the tab by spaces"
        )
    elif "quoted scalar" in context and "end of stream" in what:
        line, column = (opened.line + 1, opened.column + 1) if opened else (line, column)
        message = "this quoted text is never closed — add the closing quote"
    elif "escape" in what:
        message = (
            "a backslash in double quotes starts an escape such as \\n — use single quotes "
            "('C:\\path') or write the backslash twice"
        )
    elif "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        message = (
            f"the {bracket!r} at {since} is not closed where expected — add {closing!r}, "
            "or a ',' between items"
        )
    elif "mapping values are not allowed" in what:
        message = (
            "a ': ' inside a value, or a line indented too far — put the value in quotes "
            '("Kế hoạch: năm 2022") or line the key up with the keys above it'
        )
    elif "expected key" in what or "expected <block end>" in what or "'-' indicator" in what:
        message = (
            f"this line does not fit the block that starts at {since} — line it up with the "
            "lines above, and put text that follows a closing quote inside the quotes"
        )
    elif "cannot start any token" in what and char:
        message = f"a value cannot start with {char!r} — put the value in quotes"
    elif "undefined alias" in what:
        message = "'*' starts a YAML alias here — to write a '*', put the value in quotes"
    elif "another document" in what:
        message = (
            "a second document ('---') in the file — a plan file holds one: remove the '---' "
            "line, or split the file in two"
        )
    else:
        message = f"{what} — check the indentation and the quotes on this line"
    return Problem(file, line, column, f"YAML syntax: {message}")


def _reader_problem(err: yaml.reader.ReaderError, file: str, text: str) -> Problem:
    position = err.position
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return Problem(
        file,
        line,
        column,
        f"an invisible control character (U+{err.character:04X}) is in the file — "
        "delete it (retype the line if you cannot see it)",
    )


_TOO_DEEP = (
    f"nested more than {MAX_DEPTH} levels deep — plan files are only a few levels deep; "
    "check the brackets and the indentation"
)


class _Walker:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.reported: set[tuple[int, int]] = set()

    def problem(self, mark: yaml.Mark, message: str) -> None:
        self.problems.append(Problem(self.doc.file, mark.line + 1, mark.column + 1, message))

    def walk(self, node: yaml.Node, path: Path, at: yaml.Mark) -> Any:
        """The data of node; ``at`` is where it is referred to (its key, or its list)."""
        self.doc.lines[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if id(node) in self.seen:
            self.alias(node, at)
            return None
        self.seen.add(id(node))
        if len(path) > MAX_DEPTH:
            self.problem(node.start_mark, _TOO_DEEP)
            return None
        if node.tag not in _COLLECTION_TAGS:
            self.problem(node.start_mark, _tag_message(node.tag))
            return None
        if isinstance(node, yaml.SequenceNode):
            return [
                self.walk(item, (*path, i), node.start_mark) for i, item in enumerate(node.value)
            ]
        assert isinstance(node, yaml.MappingNode)
        return self.mapping(node, path)

    def alias(self, node: yaml.Node, at: yaml.Mark) -> None:
        """A list or mapping met a second time: an alias, refused without expanding it."""
        if (id(node), at.line) in self.reported:
            return
        self.reported.add((id(node), at.line))
        kind = "list" if isinstance(node, yaml.SequenceNode) else "block of keys"
        self.problem(
            at,
            f"a YAML alias ('*') repeats the {kind} at line {node.start_mark.line + 1} — write "
            "it out here instead (aliases of whole lists or blocks could expand into billions)",
        )

    def mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        keys = self.doc.keys
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                self.problem(
                    key_node.start_mark,
                    "keys must be plain words or numbers — no '<<' merges or complex keys",
                )
                continue
            key = self.scalar(key_node)
            if key is None:
                self.problem(key_node.start_mark, "a key is empty — write a name before the ':'")
                continue
            key_path = (*path, key)
            if key in result:
                self.problem(
                    key_node.start_mark,
                    f"duplicate key {key!r}: it is also at line {keys[key_path][0]} — keep one "
                    "of them (a second one would silently replace the first)",
                )
                continue
            mark = key_node.start_mark
            keys[key_path] = (mark.line + 1, mark.column + 1)
            result[key] = self.walk(value_node, key_path, mark)
        return result

    def scalar(self, node: yaml.Node) -> str | None:
        if node.tag not in _SCALAR_TAGS:
            self.problem(node.start_mark, _tag_message(node.tag))
            return None
        assert isinstance(node, yaml.ScalarNode) and isinstance(node.value, str)
        # libyaml marks a plain scalar with style "", the Python parser with None
        if node.tag == _NULL and not node.style:
            return None
        return unicodedata.normalize("NFC", node.value)


def _tag_message(tag: str) -> str:
    shown = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag
    return (
        f"the YAML tag {shown!r} is not allowed (plan files hold only text, numbers, lists and "
        "keys; some tags would run code) — remove it"
    )
