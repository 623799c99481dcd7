"""Units at a scale: 'triệu USD' is a million US dollars, 'tỷ USD' a thousand million.

A report may print a part in other units than its total ("US$180,8 million" inside a
breakdown in billions). A unit is read as scale words around one base unit: nghìn (ngàn),
triệu, tỷ (tỉ); thousand, million, billion, trillion, before or after the base ('tỷ
đồng', 'nghìn tỷ đồng', 'billion VND', 'VND billion'). Two units convert when their bases
are the same (the same currency, the same tonne): by a power of ten, exactly. Nothing
else converts: 'triệu USD' is not 'tỷ đồng'.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from plan_kpi.core.records import record

#: each scale word and its power of ten
SCALES: dict[str, int] = {
    "nghìn": 3,
    "ngàn": 3,
    "triệu": 6,
    "tỷ": 9,
    "tỉ": 9,
    "thousand": 3,
    "million": 6,
    "billion": 9,
    "trillion": 12,
}


@record
class Unit:
    """A unit read as a power of ten of a base unit: 'nghìn tỷ đồng' is 10¹² of 'đồng'."""

    power: int
    base: str


def read_unit(text: str) -> Unit:
    """The scale words before and after the base, and the base ('' for a bare 'triệu')."""
    words = unicodedata.normalize("NFC", text).split()
    power = 0
    while words and words[0].lower() in SCALES:
        power += SCALES[words.pop(0).lower()]
    while words and words[-1].lower() in SCALES:
        power += SCALES[words.pop().lower()]
    return Unit(power, " ".join(words).casefold())


def factor(given: str, own: str) -> Decimal | None:
    """What a figure in ``given`` is multiplied by to be in ``own`` (exactly: a power of
    ten), or None when they are no scales of one base unit. 'triệu USD' → 'tỷ USD': 0.001."""
    a, b = read_unit(given), read_unit(own)
    if a.base != b.base:
        return None
    return Decimal(1).scaleb(a.power - b.power)
