"""The equations that tie quantities together, and what the figures say of a known quantity.

value = ratio × previous, value − previous = change, value = attainment × target,
value = share × parent's value: each solved for whichever term is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from plan_kpi.core import numbers as n
from plan_kpi.core.intervals import Interval
from plan_kpi.engine.observing import Observation
from plan_kpi.engine.quantities import Attainment, Change, Level, Quantity, Ratio, Share


@dataclass(frozen=True, slots=True)
class Equation:
    """``result = left × right`` (product) or ``result = left − right`` (difference)."""

    op: Literal["product", "difference"]
    result: Quantity
    left: Quantity
    right: Quantity
    relation: str

    @property
    def terms(self) -> tuple[Quantity, Quantity, Quantity]:
        return (self.result, self.left, self.right)

    def solve(self, unknown: Quantity, values: dict[Quantity, Known]) -> tuple[Interval, Decimal]:
        """The unknown term's interval and point from the other two."""
        r, a, b = (values.get(q) for q in self.terms)
        if self.op == "product":
            if unknown == self.result:
                assert a and b
                return a.interval * b.interval, n.mul(a.point, b.point)
            known_factor = b if unknown == self.left else a
            assert r and known_factor
            if known_factor.interval.contains_zero() or known_factor.point == 0:
                raise ZeroDivisionError
            return r.interval / known_factor.interval, n.div(r.point, known_factor.point)
        if unknown == self.result:
            assert a and b
            return a.interval - b.interval, n.sub(a.point, b.point)
        if unknown == self.left:
            assert r and b
            return r.interval + b.interval, n.add(r.point, b.point)
        assert r and a
        return a.interval - r.interval, n.sub(a.point, r.point)


def equations_for(quantity: Quantity) -> list[Equation]:
    """The equations a stated quantity takes part in."""
    if isinstance(quantity, Ratio):
        now = Level("value", quantity.indicator, quantity.period)
        before = Level("value", quantity.indicator, quantity.vs)
        return [Equation("product", now, quantity, before, "ratio")]
    if isinstance(quantity, Change):
        now = Level("value", quantity.indicator, quantity.period)
        before = Level("value", quantity.indicator, quantity.vs)
        return [Equation("difference", quantity, now, before, "change")]
    if isinstance(quantity, Attainment):
        value = Level("value", quantity.indicator, quantity.period)
        target = Level("target", quantity.indicator, quantity.period)
        return [Equation("product", value, quantity, target, "attainment")]
    if isinstance(quantity, Share):
        value = Level("value", quantity.indicator, quantity.period)
        whole = Level("value", quantity.parent, quantity.period)
        return [Equation("product", value, quantity, whole, "share")]
    return []


@dataclass(frozen=True, slots=True)
class Known:
    """What the figures say of a quantity: its interval, a point estimate, and how."""

    interval: Interval
    point: Decimal
    observation: Observation | None = None
    equation: Equation | None = None
    inputs: tuple[Quantity, ...] = ()

    @property
    def derived(self) -> bool:
        return self.observation is None
