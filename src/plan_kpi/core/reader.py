"""The usual figure read straight to Decimal: the data format's closed grammar, without Babel.

A figure in a file is digits, perhaps grouped in threes with the locale's
group mark (``61.005`` in vi, ``61,005`` in en), perhaps a decimal mark and
up to nine decimals, perhaps a sign, with spaces around it. That grammar is
one compiled pattern per locale, and its text becomes a ``Decimal`` as
Babel's strict ``parse_decimal`` makes it: the same value, the same
exponent (the decimals written are kept, ``92,10`` is ``92.10``), the sign
applied as ``parse_figure`` applies it (``-0`` is ``Decimal('-0')``).

Anything else is not read here: ``read`` answers ``None`` and
``core.numbers`` hands the text to Babel, which reads it or says why not.
benchmarks/differential.py and tests/test_reader.py hold the two to the
same answers, text by text.
"""

from __future__ import annotations

import re
from decimal import Decimal


class FigureReader:
    """The figures of one locale's grammar, read without Babel."""

    __slots__ = ("_decimal_mark", "_group", "_match")

    def __init__(self, group: str, decimal_mark: str, whole_digits: int, decimals: int) -> None:
        g, d = re.escape(group), re.escape(decimal_mark)
        # grouped: no leading zero, a first group of one to three digits, then groups of
        # three, as many as keep it within whole_digits digits whatever the first group's
        # size; ungrouped: digits, leading zeros too, at most whole_digits of them (a longer
        # run of zeros goes to Babel)
        groups = whole_digits // 3 - 1
        whole = f"[1-9][0-9]{{0,2}}(?:{g}[0-9]{{3}}){{1,{groups}}}|[0-9]{{1,{whole_digits}}}"
        pattern = f"[+-]?(?:{whole})(?:{d}[0-9]{{1,{decimals}}})?"
        self._match = re.compile(pattern, re.ASCII).fullmatch
        self._group = group
        self._decimal_mark = decimal_mark

    def read(self, text: str) -> Decimal | None:
        """The figure's value, or None when the text is not in the grammar."""
        written = text.strip()
        if self._match(written) is None:
            return None
        return Decimal(written.replace(self._group, "").replace(self._decimal_mark, "."))
