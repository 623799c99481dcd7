"""Reading YAML as typed: every scalar kept as its source text, every node's line kept.

PyYAML's parser (libyaml's, when present) gives the file's events; we build
the data from them ourselves, without a tree of nodes or Python objects
constructed by PyYAML, so ``61.005`` stays the text ``"61.005"`` (never a
float), duplicate keys are errors, tags that would construct objects are
refused, aliases cannot expand into a bomb, and a file of more than
MAX_YAML_NODES nodes is refused before it can exhaust memory.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import yaml

from plan_kpi.core.records import field, record

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from plan_kpi.core.errors import PlanError, Problem
from plan_kpi.core.messages import N_, Message, Number
from plan_kpi.core.quotes import quoted

Path = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_NULL, _MERGE, _STR = f"{_CORE}null", f"{_CORE}merge", f"{_CORE}str"
_COLLECTION_TAGS = (f"{_CORE}seq", f"{_CORE}map")
#: the first characters of a plain scalar that may resolve to a tag read otherwise than as
#: text (null, a merge key, or one refused): any other plain scalar is read as its text
_RESOLVED: dict[str | None, list[tuple[str, Any]]] = _Loader.yaml_implicit_resolvers
_RESOLVE_FIRST = frozenset(
    first
    for first, resolvers in _RESOLVED.items()
    if any(tag not in _SCALAR_TAGS or tag in (_NULL, _MERGE) for tag, _ in resolvers)
)
#: resolvers for any first character: then every plain scalar is resolved
_RESOLVE_ANY = None in _RESOLVED
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: Plan files nest a few levels (values → id → stated → 0 → key); anything far deeper is a mistake
#: or an attack, refused before Python's recursion limit is near.
MAX_DEPTH = 24
#: The most nodes (values, keys, lists, mappings) read from one YAML file, so that parsing
#: one takes at most about a gigabyte: read from the parser's events, a node keeps less than
#: 450 bytes (about 400 for a list of aliases near the deepest level allowed, each item's
#: path a tuple of two dozen keys: tests/test_hostile_input.py). A larger file is refused as
#: soon as its node count passes this, before it can exhaust memory. The targets of 50.000
#: indicators over five years are about 1,7 million nodes, and targets take one file.
MAX_YAML_NODES = 2_500_000


@record(frozen=False)
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

    def problem(self, path: Path, message: Message) -> Problem:
        line, column = self.at(path)
        return Problem(self.file, line, column, message)

    def key_problem(self, path: Path, message: Message) -> Problem:
        """A problem with the key at path itself (a misspelt key), placed on the key."""
        line, column = self.keys[path] if path in self.keys else self.at(path)
        return Problem(self.file, line, column, message)


_HOW_TO_SAVE = {
    False: N_("(in Notepad: Save As, Encoding: UTF-8)"),
    True: N_("(in Excel: Save As, 'CSV UTF-8 (Comma delimited)')"),
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
                    N_(
                        "the file is saved as UTF-16 — save it as UTF-8 {how}",
                        how=_HOW_TO_SAVE[file.endswith(".csv")],
                    ),
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
        byte = f"0x{raw[err.start]:02x}"
        raise PlanError(
            [
                Problem(
                    file,
                    line,
                    column,
                    N_(
                        "byte {byte} is not UTF-8: the file seems saved in a legacy encoding "
                        "such as Windows-1258 (or TCVN3, VNI) — save it as UTF-8 {how}",
                        byte=byte,
                        how=_HOW_TO_SAVE[file.endswith(".csv")],
                    ),
                )
            ]
        ) from None


def load_yaml(raw: bytes, file: str, too_many: Message | None = None) -> Document:
    """Parse a YAML file into a Document; every failure is a PlanError with a line.

    ``too_many`` says what to do with a file of more than MAX_YAML_NODES nodes (by
    default: split it, as actuals/ takes any number of files).
    """
    text = decode(raw, file)
    doc = Document(file, None)
    loader = _Loader(text)
    try:
        walker = _Walker(doc, loader, too_many or _too_many_nodes())
        found = walker.document()
    except yaml.MarkedYAMLError as err:
        raise PlanError([_syntax_problem(err, file, text)]) from None
    except yaml.reader.ReaderError as err:
        raise PlanError([_reader_problem(err, file, text)]) from None
    except yaml.YAMLError as err:
        raise PlanError(
            [Problem(file, None, None, N_("not valid YAML: {problem}", problem=str(err)))]
        ) from None
    finally:
        loader.dispose()
    if not found:
        raise PlanError(
            [
                Problem(
                    file,
                    1,
                    1,
                    N_("the file is empty — write the plan's data into it, or remove it"),
                )
            ]
        )
    if walker.problems:
        raise PlanError(walker.problems)
    return doc


def _syntax_problem(err: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    """A YAML syntax error in words for people who are not programmers, with its place.

    PyYAML's own (English) messages tell the errors apart; each is said in
    plan-kpi's words, its place kept.
    """
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    lines = text.splitlines()
    here = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
    char = here[column - 1] if column is not None and 0 < column <= len(here) else ""
    what = err.problem or ""
    context = err.context or ""
    opened = err.context_mark
    since = (
        N_("line {line}, column {column}", line=opened.line + 1, column=opened.column + 1)
        if opened
        else N_("above")
    )
    indent = here[: len(here) - len(here.lstrip(" \t"))]
    message: Message
    if char == "\t" or "\t" in indent or "tab" in what:
        message = N_(
            "a tab is used to indent — YAML indents with spaces only: replace the tab by spaces"
        )
    elif "quoted scalar" in context and "end of stream" in what:  # not words: PyYAML's
        line, column = (opened.line + 1, opened.column + 1) if opened else (line, column)
        message = N_("this quoted text is never closed — add the closing quote")
    elif "escape" in what:
        message = N_(
            "a backslash in double quotes starts an escape such as \\n — use single quotes "
            "('C:\\path') or write the backslash twice"
        )
    elif "flow sequence" in context or "flow mapping" in context:  # not words: PyYAML's
        bracket, closing = ("[", "]") if "sequence" in context else ("{", "}")
        message = N_(
            "the {bracket!r} at {since} is not closed where expected — add {closing!r}, "
            "or a ',' between items",
            bracket=bracket,
            since=since,
            closing=closing,
        )
    elif "mapping values are not allowed" in what:  # not words: PyYAML's
        message = N_(
            "a ': ' inside a value, or a line indented too far — put the value in quotes "
            '("Kế hoạch: năm 2022") or line the key up with the keys above it'
        )
    elif (
        "expected key" in what  # not words: PyYAML's
        or "expected <block end>" in what  # not words: PyYAML's
        or "'-' indicator" in what
    ):
        message = N_(
            "this line does not fit the block that starts at {since} — line it up with the "
            "lines above, and put text that follows a closing quote inside the quotes",
            since=since,
        )
    elif "cannot start any token" in what and char:  # not words: PyYAML's
        message = N_("a value cannot start with {char!r} — put the value in quotes", char=char)
    elif "undefined alias" in what:  # not words: PyYAML's
        message = N_("'*' starts a YAML alias here — to write a '*', put the value in quotes")
    elif "another document" in what:  # not words: PyYAML's
        message = N_(
            "a second document ('---') in the file — a plan file holds one: remove the '---' "
            "line, or split the file in two"
        )
    elif what:
        message = N_("{problem} — check the indentation and the quotes on this line", problem=what)
    else:
        message = N_("invalid YAML — check the indentation and the quotes on this line")
    return Problem(file, line, column, N_("YAML syntax: {problem}", problem=message))


def _reader_problem(err: yaml.reader.ReaderError, file: str, text: str) -> Problem:
    position = err.position
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = f"U+{err.character:04X}"
    return Problem(
        file,
        line,
        column,
        N_(
            "an invisible control character ({code}) is in the file — "
            "delete it (retype the line if you cannot see it)",
            code=code,
        ),
    )


def _too_many_nodes() -> Message:
    return N_(
        "more than {most} values, keys and lists in one file, the most plan-kpi reads from one "
        "YAML file — split it into several files (actuals/ takes any number of them: one a "
        "report, or a year), or write the figures as CSV",
        most=Number(MAX_YAML_NODES),
    )


def too_many_targets() -> Message:
    """The targets' file over the cap: targets take one file, so it cannot be split."""
    return N_(
        "more than {most} values, keys and lists in one file, the most plan-kpi reads from one "
        "YAML file — a plan's targets take one file: write a target that is only a level in "
        'its short form (2022: "15000") and a name or a unit in one language as one text, or '
        "split the plan into two plans, each in a folder of its own, keeping each indicator "
        "with its parts and the indicators its formula names",
        most=Number(MAX_YAML_NODES),
    )


_TOO_DEEP = N_(
    "nested more than {most} levels deep — plan files are only a few levels deep; "
    "check the brackets and the indentation",
    most=MAX_DEPTH,
)


_END_EVENTS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class _Walker:
    """Builds a Document from the parser's events, without a tree of YAML nodes in between.

    Reading events keeps memory to the data itself (a node tree costs about
    a kilobyte a node), lets a file be refused as soon as it holds more than
    MAX_YAML_NODES nodes, and lets an alias of a list or a mapping be refused
    without ever being expanded.
    """

    def __init__(self, doc: Document, loader: Any, too_many: Message) -> None:
        self.doc = doc
        self.loader = loader
        self.too_many_message = too_many
        self.problems: list[Problem] = []
        #: each anchor: its scalar's value, or the kind of collection it names, and where
        self.anchors: dict[str, tuple[str, str | None, Any]] = {}  # (kind, value, mark)
        self.reported: set[tuple[str, int]] = set()
        self.nodes = 0
        self.get = loader.get_event
        #: the tag each plain text resolves to: a file's keys repeat ('name', 'note')
        self.resolved: dict[str, str] = {}

    def problem(self, mark: yaml.Mark, message: Message) -> None:
        self.problems.append(Problem(self.doc.file, mark.line + 1, mark.column + 1, message))

    def count(self, event: Any) -> None:
        """One more node read; past MAX_YAML_NODES, the file is refused then and there."""
        self.nodes += 1
        if self.nodes > MAX_YAML_NODES:
            raise self.too_many(event)

    def too_many(self, event: Any) -> PlanError:
        mark: Any = event.start_mark
        return PlanError([Problem(self.doc.file, mark.line + 1, None, self.too_many_message)])

    def document(self) -> bool:
        """Walk the file's one document into doc.data; False when the file holds none."""
        self.get()  # the stream starts
        start = self.get()
        if isinstance(start, yaml.StreamEndEvent):
            return False
        root = self.get()
        self.doc.data = self.walk(root, (), root.start_mark)
        self.get()  # the document ends
        after: Any = self.get()
        if isinstance(after, yaml.DocumentStartEvent):
            marks: tuple[Any, Any] = (start.start_mark, after.start_mark)
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",  # not words: as PyYAML's
                marks[0],
                "but found another document",  # not words: _syntax_problem's to say
                marks[1],
            )
        return True

    def walk(self, event: Any, path: Path, at: yaml.Mark) -> Any:
        """The data of the node that starts with event; ``at`` is where it is referred to
        (its key, or its list)."""
        self.count(event)
        self.doc.lines[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.ScalarEvent):
            value = self.scalar(event, self.tag(event))
            if event.anchor is not None:
                self.anchors[event.anchor] = ("scalar", value, event.start_mark)
            return value
        if isinstance(event, yaml.AliasEvent):
            return self.alias(event, at)
        kind = "list" if isinstance(event, yaml.SequenceStartEvent) else "mapping"
        if event.anchor is not None:
            self.anchors[event.anchor] = (kind, None, event.start_mark)
        if len(path) > MAX_DEPTH:
            self.problem(event.start_mark, _TOO_DEEP)
            self.skip_rest()
            return None
        tag = event.tag
        if tag is None or tag == "!":
            tag = _COLLECTION_TAGS[0 if kind == "list" else 1]
        if tag not in _COLLECTION_TAGS:
            self.problem(event.start_mark, _tag_message(tag))
            self.skip_rest()
            return None
        if kind == "list":
            items: list[Any] = []
            while not isinstance(item := self.get(), yaml.SequenceEndEvent):
                items.append(self.walk(item, (*path, len(items)), event.start_mark))
            return items
        return self.mapping(path)

    def alias(self, event: Any, at: yaml.Mark) -> str | None:
        """An alias: a scalar's value again; a list or a mapping is refused, never expanded."""
        if event.anchor not in self.anchors:
            raise yaml.composer.ComposerError(
                None,
                None,
                f"found undefined alias {quoted(event.anchor or '')}",  # not words: PyYAML's
                event.start_mark,
            )
        kind, value, mark = self.anchors[event.anchor]
        if kind == "scalar":
            return value
        if (event.anchor, at.line) not in self.reported:
            self.reported.add((event.anchor, at.line))
            self.problem(at, _repeated(kind, mark.line + 1))
        return None

    def skip_rest(self) -> None:
        """Read past the rest of a list or mapping whose start was read, keeping nothing."""
        depth = 1
        while depth:
            event = self.get()
            if isinstance(event, _END_EVENTS):
                depth -= 1
                continue
            self.count(event)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1

    def skip(self, event: Any) -> None:
        """Read past the node that starts with event, keeping nothing."""
        self.count(event)
        if isinstance(event, yaml.CollectionStartEvent):
            self.skip_rest()

    def mapping(self, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        keys = self.doc.keys
        get = self.get
        lines = self.doc.lines
        while not isinstance(key_event := get(), yaml.MappingEndEvent):
            mark = key_event.start_mark
            key = _text_of(key_event)
            if key is not None:  # a word or a number, as keys mostly are: counted here
                self.nodes += 1
                if self.nodes > MAX_YAML_NODES:
                    raise self.too_many(key_event)
            else:
                tag = self.tag(key_event) if isinstance(key_event, yaml.ScalarEvent) else None
                if tag == _MERGE or not self.plain_key(key_event):
                    self.problem(
                        mark,
                        N_("keys must be plain words or numbers — no '<<' merges or complex keys"),
                    )
                    self.skip(key_event)
                    self.skip(get())
                    continue
                self.count(key_event)
                key = (
                    self.alias(key_event, mark)
                    if tag is None  # an alias of a scalar
                    else self.scalar(key_event, tag)
                )
                if key is None:
                    self.problem(mark, N_("a key is empty — write a name before the ':'"))
                    self.skip(get())
                    continue
            key_path = (*path, key)
            if key in result:
                self.problem(
                    mark,
                    N_(
                        "duplicate key {key}: it is also at line {line} — keep one of them "
                        "(a second one would silently replace the first)",
                        key=quoted(key, strict=True),
                        line=keys[key_path][0],
                    ),
                )
                self.skip(get())
                continue
            keys[key_path] = (mark.line + 1, mark.column + 1)
            value_event = get()
            text = _text_of(value_event)
            if text is None:
                result[key] = self.walk(value_event, key_path, mark)
                continue
            self.nodes += 1  # what walk does of a text, without the calls
            if self.nodes > MAX_YAML_NODES:
                raise self.too_many(value_event)
            at = value_event.start_mark
            lines[key_path] = (at.line + 1, at.column + 1)
            result[key] = text
        return result

    def plain_key(self, event: Any) -> bool:
        """True for a key that is a word or a number, or an alias of one."""
        if isinstance(event, yaml.AliasEvent):
            named = self.anchors.get(event.anchor or "")
            return named is None or named[0] == "scalar"  # an undefined one: alias() says so
        return isinstance(event, yaml.ScalarEvent)

    def tag(self, event: Any) -> str:
        """A scalar's tag: the one written, else the one its text implies (quoted: text)."""
        if event.tag is None or event.tag == "!":
            if not event.implicit[0]:
                return _STR
            value = event.value
            if value and value[0] not in _RESOLVE_FIRST and not _RESOLVE_ANY:
                return _STR  # a number, a date, true or false: all read as text, as str is
            if value not in self.resolved:  # a plain scalar: its text alone decides
                self.resolved[value] = str(
                    self.loader.resolve(yaml.ScalarNode, value, event.implicit)
                )
            return self.resolved[value]
        return str(event.tag)

    def scalar(self, event: Any, tag: str) -> str | None:
        if tag not in _SCALAR_TAGS:
            self.problem(event.start_mark, _tag_message(tag))
            return None
        # libyaml marks a plain scalar with style "", the Python parser with None
        if tag == _NULL and not event.style:
            return None
        return nfc(event.value)


def nfc(text: str) -> str:
    """A text in NFC, the one form plan-kpi compares texts in (ASCII is in it already)."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _text_of(event: Any) -> str | None:
    """The text of a scalar read as written (no tag, no anchor, and quoted or a first
    character that resolves to nothing but text), in NFC; None for any other event."""
    if event.__class__ is not yaml.ScalarEvent or event.tag is not None:
        return None
    value: str = event.value
    if event.anchor is not None or (
        event.implicit[0] and (not value or value[0] in _RESOLVE_FIRST or _RESOLVE_ANY)
    ):
        return None
    return nfc(value)


def _repeated(kind: str, line: int) -> Message:
    """An alias of a whole list or mapping, refused (its kind, and the line of its anchor)."""
    if kind == "list":
        return N_(
            "a YAML alias ('*') repeats the list at line {line} — write it out here instead "
            "(aliases of whole lists or blocks could expand into billions)",
            line=line,
        )
    return N_(
        "a YAML alias ('*') repeats the block of keys at line {line} — write it out here "
        "instead (aliases of whole lists or blocks could expand into billions)",
        line=line,
    )


def _tag_message(tag: str) -> Message:
    shown = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag
    return N_(
        "the YAML tag {tag} is not allowed (plan files hold only text, numbers, lists and "
        "keys; some tags would run code) — remove it",
        tag=quoted(shown, strict=True),
    )
