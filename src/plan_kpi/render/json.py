"""JSON whose numbers are written digit for digit from Decimals (never via float)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from plan_kpi.core import numbers as n
from plan_kpi.core.numbers import Locale
from plan_kpi.reports.figures import Amount
from plan_kpi.say.terms import explain

try:  # the json package's own string encoder, without importing its decoder (start-up)
    from _json import encode_basestring
except ImportError:  # not CPython
    from json.encoder import py_encode_basestring as encode_basestring


class RawNumber(str):
    """Digits to be written into JSON as a number, not a string."""


class Each(Sequence[Any]):
    """A JSON list whose values are made as it is written: each from one of ``items`` by
    ``make``. A large report's rows (some 2 KB of JSON values each) are then never all in
    memory at once as JSON, beside the report they come from."""

    __slots__ = ("items", "make")

    def __init__(self, items: Sequence[Any], make: Callable[[Any], Any]) -> None:
        self.items = items
        self.make = make

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Any]:
        return map(self.make, self.items)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self.make(item) for item in self.items[index]]
        return self.make(self.items[index])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Each | list | tuple):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # as a list's


def number(value: Decimal | None) -> RawNumber | None:
    return None if value is None else RawNumber(n.plain(value))


def amount_number(amount: Amount | None) -> RawNumber | None:
    """A display figure as a JSON number: its Decimal rounded half-up to its places."""
    return None if amount is None else number(amount.rounded)


#: decimals of a derived figure's bounds: rounded outward, as the audit's are
BOUND_PLACES = 4


def derivation_json(amount: Amount, lang: Locale) -> dict[str, Any]:
    """How a derived figure was derived: its formula in the data format's keys, the figures
    it used (each as typed, with where it was typed), the values it may take given them
    (``low``, ``high``: the exact range, rounded outward), and the same in words under
    ``text``."""
    low = high = None
    if amount.low is not None and amount.high is not None:
        low, high = n.round_outward(amount.low, amount.high, BOUND_PLACES)
    return {
        "formula": str(amount.relation) if amount.relation is not None else None,
        "inputs": [
            {
                "term": str(item.label),
                "value": number(item.rounded),
                "percent": item.percent,
                "at": item.at,
                "bound": item.bound,
            }
            for item in amount.inputs
        ],
        "low": number(low),
        "high": number(high),
        "text": explain(amount, lang),
    }


def dumps(value: Any, indent: int = 2) -> str:
    """Serialise dicts, lists, strings, ints, bools, None and RawNumber; UTF-8 kept as is."""
    pieces: list[str] = []
    dump(value, pieces.append, indent)
    return "".join(pieces)


#: pieces gathered before they are written on, as a list or a dict ends (a row, a report's
#: rows): a large report never is one whole string
_BATCH = 16_384


def dump(value: Any, write: Callable[[str], object], indent: int = 2) -> None:
    """What dumps gives, written on as it is made, a batch of pieces at a time.

    A large report (an audit of a thousand indicators writes some 40 MB) is mostly
    the same few keys and short values: each key is encoded once, each level's
    indent made once, and a value is written with its key and separator as one
    piece (a number or an ASCII text without a call of its own).
    """
    chunks: list[str] = []
    append = chunks.append
    keys: dict[str, str] = {}
    indents: list[str] = []

    def inner(level: int) -> str:
        while len(indents) <= level:
            indents.append("\n" + " " * (indent * len(indents)))
        return indents[level]

    def container(value: Any, level: int) -> None:
        if isinstance(value, dict):
            if not value:
                append("{}")
                return
            between = inner(level + 1)
            lead = "{" + between
            for key, item in value.items():
                if type(key) is str:
                    said = keys.get(key)
                    if said is None:
                        said = keys[key] = _string(key) + ": "
                else:
                    said = _string(str(key)) + ": "
                kind = type(item)
                if kind is RawNumber:  # a str: concatenated as its digits
                    append(lead + said + item)
                elif kind is str and item.isascii():
                    append(lead + said + encode_basestring(item))
                elif (piece := _scalar(item)) is not None:
                    append(lead + said + piece)
                else:
                    append(lead + said)
                    container(item, level + 1)
                lead = "," + between
            append(inner(level) + "}")
        elif isinstance(value, list | tuple | Each):
            if not value:
                append("[]")
                return
            between = inner(level + 1)
            lead = "[" + between
            for item in value:
                if (piece := _scalar(item)) is not None:
                    append(lead + piece)
                else:
                    append(lead)
                    container(item, level + 1)
                lead = "," + between
            append(inner(level) + "]")
        else:
            raise TypeError(f"cannot write {type(value).__name__} as JSON")
        if len(chunks) >= _BATCH:  # written on as each container ends: a row, a report's rows
            write("".join(chunks))
            chunks.clear()

    piece = _scalar(value)
    if piece is None:
        container(value, 0)
    else:
        append(piece)
    append("\n")
    write("".join(chunks))


_LITERALS = {None: "null", True: "true", False: "false"}


def _scalar(value: Any) -> str | None:
    """A scalar's JSON (a string, a RawNumber's digits, an int, a literal); None for a
    container (or what cannot be written, which the container's turn refuses)."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is RawNumber:
        return str.__str__(value)
    if value is None or kind is bool:
        return _LITERALS[value]
    if kind is int:
        return int.__repr__(value)
    if isinstance(value, str):  # a subclass: a text (an enum's value), or a RawNumber's
        return str.__str__(value) if isinstance(value, RawNumber) else _string(value)
    if isinstance(value, int):  # an int's subclass (bool has none, and is caught above)
        return int.__repr__(value)
    return None


#: Invisible characters that reorder or break lines on a screen: escaped like control characters
#: (a table for str.translate: a compiled pattern of them costs milliseconds of start-up)
_INVISIBLE = {
    code: f"\\u{code:04x}"
    for code in (
        0x061C,
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0x2028,
        0x2029,
    )
}


def _string(text: str) -> str:
    """A JSON string: Vietnamese as is, control and bidi characters as \\u escapes."""
    encoded = encode_basestring(text)  # json.dumps(text, ensure_ascii=False)
    if text.isascii():
        return encoded
    return encoded.translate(_INVISIBLE)
