"""JSON whose numbers are written digit for digit from Decimals (never via float)."""

from __future__ import annotations

from collections.abc import Callable
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


#: pieces gathered before they are written on: a large report never is one whole string
_BATCH = 16_384


def dump(value: Any, write: Callable[[str], object], indent: int = 2) -> None:
    """What dumps gives, written on as it is made, a batch of pieces at a time."""
    chunks: list[str] = []

    def out(piece: str) -> None:
        chunks.append(piece)
        if len(chunks) >= _BATCH:
            write("".join(chunks))
            chunks.clear()

    _write(value, indent, 0, out)
    chunks.append("\n")
    write("".join(chunks))


_LITERALS = {None: "null", True: "true", False: "false"}


def _write(value: Any, indent: int, level: int, out: Callable[[str], object]) -> None:
    """Write value's JSON to out piece by piece: a large report is one join, not one string
    a level."""
    if isinstance(value, str):
        out(str.__str__(value) if isinstance(value, RawNumber) else _string(value))
    elif value is None or isinstance(value, bool):
        out(_LITERALS[value])
    elif isinstance(value, int):
        out(int.__repr__(value))
    elif isinstance(value, dict):
        if not value:
            out("{}")
            return
        inner = "\n" + " " * (indent * (level + 1))
        first = "{"
        for key, item in value.items():
            out(first)
            first = ","
            out(inner)
            out(_string(str(key)))
            out(": ")
            _write(item, indent, level + 1, out)
        out("\n" + " " * (indent * level) + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out("[]")
            return
        inner = "\n" + " " * (indent * (level + 1))
        first = "["
        for item in value:
            out(first)
            first = ","
            out(inner)
            _write(item, indent, level + 1, out)
        out("\n" + " " * (indent * level) + "]")
    else:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")


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
