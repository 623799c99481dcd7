"""Interval arithmetic over Decimal, rounded outward so a bound is never too tight."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from plan_kpi.core import numbers as n


@dataclass(frozen=True, slots=True)
class Interval:
    """The closed set [low, high] of values a printed or derived figure may stand for."""

    low: Decimal
    high: Decimal

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
        return self.low == self.high

    def contains_zero(self) -> bool:
        return self.low <= 0 <= self.high

    def meets(self, other: Interval) -> bool:
        """True when the two closed intervals share at least one point."""
        return self.low <= other.high and other.low <= self.high

    def __add__(self, other: Interval) -> Interval:
        return Interval(n.add(self.low, other.low, n.DOWN), n.add(self.high, other.high, n.UP))

    def __sub__(self, other: Interval) -> Interval:
        return Interval(n.sub(self.low, other.high, n.DOWN), n.sub(self.high, other.low, n.UP))

    def __mul__(self, other: Interval) -> Interval:
        pairs = [(a, b) for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(
            min(n.mul(a, b, n.DOWN) for a, b in pairs),
            max(n.mul(a, b, n.UP) for a, b in pairs),
        )

    def __truediv__(self, other: Interval) -> Interval:
        """Division; the divisor must not contain zero (callers check it)."""
        if other.contains_zero():
            raise ZeroDivisionError("interval divisor contains zero")  # not words: a bug
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

    def scale(self, factor: Decimal) -> Interval:
        """Multiply both bounds by an exact factor (e.g. 100 for a percentage)."""
        return self * Interval.exact(factor)


def total(parts: list[Interval]) -> Interval:
    """The interval of a sum."""
    result = Interval.exact(n.ZERO)
    for part in parts:
        result = result + part
    return result
