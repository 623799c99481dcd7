"""JSON whose numbers are written digit for digit from Decimals (never via float)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from plan_kpi.core import numbers as n
from plan_kpi.core.numbers import Locale
from plan_kpi.reports.figures import Amount
from plan_kpi.say.terms import explain


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
    return _encode(value, indent, 0) + "\n"


#: json.dumps(value, ensure_ascii=False) without building an encoder for every string
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_LITERALS = {None: "null", True: "true", False: "false"}


def _encode(value: Any, indent: int, level: int) -> str:
    if isinstance(value, RawNumber):
        return str.__str__(value)
    if isinstance(value, str):
        return _string(value)
    if value is None or isinstance(value, bool):
        return _LITERALS[value]
    if isinstance(value, int):
        return _ENCODE(value)
    pad, inner = " " * (indent * level), " " * (indent * (level + 1))
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [
            f"{inner}{_string(str(k))}: {_encode(v, indent, level + 1)}" for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = [inner + _encode(v, indent, level + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


#: Invisible characters that reorder or break lines on a screen: escaped like control characters
_INVISIBLE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _string(text: str) -> str:
    """A JSON string: Vietnamese as is, control and bidi characters as \\u escapes."""
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m[0]):04x}", _ENCODE(text))
