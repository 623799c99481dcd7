"""Interval arithmetic over Decimal, rounded outward so a bound is never too tight.

An interval may be a half-line: a printed "trên 90 %" (more than 90) is (90; +∞). An
unbounded side is ``None``, never a float infinity: ``Interval(Decimal(90), None,
low_open=True)`` is every number above 90. A side is *open* when its end is not one of
the values (strict: more than 90, not 90 itself); an open end is only ever said of a side
the values truly never reach, so a closed end is the safe answer when in doubt (it is
true of an open one too).
"""

from __future__ import annotations

from decimal import Decimal

from plan_kpi.core import numbers as n
from plan_kpi.core.records import record

#: One end of a product or quotient: a finite value, or an infinite one (its sign), and
#: whether the end is one of the values.
_End = tuple[Decimal | None, int, bool]


@record
class Interval:
    """The set of values a printed or derived figure may stand for, from low to high.

    ``low`` None: no least value (−∞); ``high`` None: no greatest (+∞). ``low_open`` and
    ``high_open``: that end itself is not one of the values.
    """

    low: Decimal | None
    high: Decimal | None
    low_open: bool = False
    high_open: bool = False

    @classmethod
    def exact(cls, value: Decimal) -> Interval:
        return cls(value, value)

    @classmethod
    def printed(cls, value: Decimal) -> Interval:
        """A rounded figure: ± half a unit of its last printed digit."""
        half = n.half_unit(value)
        return cls(n.sub(value, half), n.add(value, half))

    @property
    def is_exact(self) -> bool:
        return self.low is not None and self.low == self.high

    @property
    def bounded(self) -> bool:
        """Whether both ends are finite (not a half-line)."""
        return self.low is not None and self.high is not None

    def contains_zero(self) -> bool:
        above = self.low is None or self.low < 0 or (self.low == 0 and not self.low_open)
        below = self.high is None or self.high > 0 or (self.high == 0 and not self.high_open)
        return above and below

    def meets(self, other: Interval) -> bool:
        """True when the two intervals share at least one point."""
        return _before(self, other) and _before(other, self)

    def __add__(self, other: Interval) -> Interval:
        return Interval(
            _sum(self.low, other.low, n.DOWN),
            _sum(self.high, other.high, n.UP),
            self.low_open or other.low_open,
            self.high_open or other.high_open,
        )

    def __sub__(self, other: Interval) -> Interval:
        return self + other.negated()

    def negated(self) -> Interval:
        """−x for every x of the interval."""
        return Interval(
            None if self.high is None else -self.high,
            None if self.low is None else -self.low,
            self.high_open,
            self.low_open,
        )

    def __mul__(self, other: Interval) -> Interval:
        if self.bounded and other.bounded and not _any_open(self, other):
            return self._closed_product(other)
        corners = [_times(a, b) for a in self._ends() for b in other._ends()]
        return _hull(corners)

    def _closed_product(self, other: Interval) -> Interval:
        """Two closed, finite intervals (most figures): the least and greatest corner."""
        assert self.low is not None and self.high is not None
        assert other.low is not None and other.high is not None
        pairs = [(a, b) for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(
            min(n.mul(a, b, n.DOWN) for a, b in pairs),
            max(n.mul(a, b, n.UP) for a, b in pairs),
        )

    def __truediv__(self, other: Interval) -> Interval:
        """Division; the divisor must not contain zero (callers check it)."""
        if other.contains_zero():
            raise ZeroDivisionError("interval divisor contains zero")  # not words: a bug
        if self.bounded and other.bounded and not _any_open(self, other):
            return self._closed_quotient(other)
        corners = [_over(a, b) for a in self._ends() for b in other._ends()]
        return _hull(corners)

    def _closed_quotient(self, other: Interval) -> Interval:
        assert self.low is not None and self.high is not None
        assert other.low is not None and other.high is not None
        if self.low > 0 and other.low > 0:
            # Both positive (most figures): the least quotient is low / high, the greatest
            # high / low. min() and max() below return the first of equal candidates: only
            # low / low comes before either, so a tie with it keeps it, bound for bound.
            first, least = n.div(self.low, other.low, n.DOWN), n.div(self.low, other.high, n.DOWN)
            top, greatest = n.div(self.low, other.low, n.UP), n.div(self.high, other.low, n.UP)
            return Interval(
                first if first == least else least, top if top == greatest else greatest
            )
        pairs = [(a, b) for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(
            min(n.div(a, b, n.DOWN) for a, b in pairs),
            max(n.div(a, b, n.UP) for a, b in pairs),
        )

    def outward(self, places: int) -> Interval:
        """The interval with its ends rounded outward to the given decimals: never tighter.

        An end that rounding moves is open: the values never reach the rounded number.
        """
        low, high = self.low, self.high
        shown_low = None if low is None else n.round_outward(low, low, places)[0]
        shown_high = None if high is None else n.round_outward(high, high, places)[1]
        return Interval(
            shown_low,
            shown_high,
            self.low_open or (shown_low is not None and shown_low != low),
            self.high_open or (shown_high is not None and shown_high != high),
        )

    def scale(self, factor: Decimal) -> Interval:
        """Multiply both bounds by an exact factor (e.g. 100 for a percentage)."""
        return self * Interval.exact(factor)

    def _ends(self) -> tuple[_End, _End]:
        return (
            (self.low, -1, not self.low_open) if self.low is not None else (None, -1, False),
            (self.high, 1, not self.high_open) if self.high is not None else (None, 1, False),
        )


def _any_open(*intervals: Interval) -> bool:
    return any(i.low_open or i.high_open for i in intervals)


def _before(a: Interval, b: Interval) -> bool:
    """Whether a starts no later than b ends, so that they may share a point."""
    if a.low is None or b.high is None:
        return True
    return a.low < b.high or (a.low == b.high and not (a.low_open or b.high_open))


def _sum(a: Decimal | None, b: Decimal | None, rounding: str) -> Decimal | None:
    return None if a is None or b is None else n.add(a, b, rounding)


def _times(a: _End, b: _End) -> tuple[_End, _End]:
    """The product of two ends, as a low and a high candidate (rounded down and up)."""
    (x, x_sign, x_in), (y, y_sign, y_in) = a, b
    reached = x_in and y_in
    if x is not None and y is not None:
        return (n.mul(x, y, n.DOWN), 0, reached), (n.mul(x, y, n.UP), 0, reached)
    if x is not None and x == 0:  # 0 × ∞: the values near it are near 0
        return (n.ZERO, 0, x_in), (n.ZERO, 0, x_in)
    if y is not None and y == 0:
        return (n.ZERO, 0, y_in), (n.ZERO, 0, y_in)
    sign = (x_sign if x is None else (1 if x > 0 else -1)) * (
        y_sign if y is None else (1 if y > 0 else -1)
    )
    return (None, sign, False), (None, sign, False)


def _over(a: _End, b: _End) -> tuple[_End, _End]:
    """The quotient of two ends (the divisor's interval holds no zero)."""
    (x, x_sign, x_in), (y, y_sign, y_in) = a, b
    if y is None:  # finite / ∞ = 0, never reached; ∞ / ∞ could be anything of its sign
        if x is not None:
            return (n.ZERO, 0, False), (n.ZERO, 0, False)
        if x_sign * y_sign > 0:
            return (n.ZERO, 0, False), (None, 1, False)
        return (None, -1, False), (n.ZERO, 0, False)
    if x is None:
        sign = x_sign * (1 if y > 0 else -1)
        return (None, sign, False), (None, sign, False)
    reached = x_in and y_in
    return (n.div(x, y, n.DOWN), 0, reached), (n.div(x, y, n.UP), 0, reached)


def _hull(corners: list[tuple[_End, _End]]) -> Interval:
    """The least of the corners' low candidates and the greatest of their high ones."""
    low = _extreme([low for low, _ in corners], -1)
    high = _extreme([high for _, high in corners], 1)
    return Interval(
        low[0], high[0], low[0] is not None and not low[2], high[0] is not None and not high[2]
    )


def _extreme(ends: list[_End], sense: int) -> _End:
    """The least (sense −1) or greatest (+1) end; a tie is reached if one of them is."""
    if any(value is None and sign == sense for value, sign, _ in ends):
        return (None, sense, False)
    finite = [(value, reached) for value, _, reached in ends if value is not None]
    if not finite:
        return (None, sense, False)
    best = min(v for v, _ in finite) if sense < 0 else max(v for v, _ in finite)
    return (best, 0, any(reached for v, reached in finite if v == best))


def total(parts: list[Interval]) -> Interval:
    """The interval of a sum."""
    result = Interval.exact(n.ZERO)
    for part in parts:
        result = result + part
    return result
