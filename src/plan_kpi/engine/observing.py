"""Printed figures read as observations of quantities, each with the interval its digits allow.

A value, previous, change or target printed as a whole number is exact (unless its
indicator is ``rounded``); every other figure (a percentage, a number of times, a change
in percentage points, any figure with decimals) stands for ± half a unit of its last
digit. Observations are ranked from the most direct (values and targets) to the least
(percentages): the engine takes them in that order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

from plan_kpi.core import numbers as n
from plan_kpi.core.intervals import Interval
from plan_kpi.core.models import ROUNDED_RELATIONS, Actual, Figure, Indicator, Plan, Statement
from plan_kpi.core.records import field, record
from plan_kpi.engine.quantities import Attainment, Change, Level, Quantity, Ratio, Share


@record
class Observation:
    """A printed figure read as an observation of one quantity.

    The quantity is ``scale × printed + offset`` (a percentage 92,19 is the
    ratio 0.9219; a growth of 6,13 % the ratio 1.0613; a shortfall of 5 % from the
    target, with a negative scale, the attainment 0.95). Its interval is computed when
    first asked for (``rounded``: its indicator's figures are rounded).
    """

    quantity: Quantity
    figure: Figure
    rank: int
    relation: str
    statement: Statement | None = None
    actual: Actual | None = None
    scale: Decimal = n.ONE
    offset: Decimal = n.ZERO
    rounded: bool = False
    _interval: Interval | None = field(default=None, init=False, compare=False, repr=False)

    @property
    def interval(self) -> Interval:
        """The values of the quantity the printed figure allows (computed once)."""
        found = self._interval
        if found is None:
            found = self.interval_now()
            object.__setattr__(self, "_interval", found)
        return found

    def interval_now(self) -> Interval:
        """The interval, computed again unless already kept (the engine asks whether a
        divisor may be zero without keeping every figure's interval)."""
        found = self._interval
        if found is not None:
            return found
        figure, scale = self.figure, self.scale
        if self.statement is None:  # a value (in its unit's scale) or a target
            return in_unit(level_interval(figure, self.rounded), scale)
        if self.relation in ROUNDED_RELATIONS:
            printed = bound_interval(figure) if figure.bound else Interval.printed(figure.value)
        else:
            printed = level_interval(figure, self.rounded)
        offset = self.offset
        return mapped(printed, lambda end: to_quantity(end, scale, offset), scale < 0)

    def may_be_zero(self) -> bool:
        """Whether the quantity's values may be zero (as a divisor it then gives nothing).

        A value or target printed without a bound is its figure, or the figure ± half a unit
        of its last digit, in a positive scale of its unit: it holds zero only when the
        figure is zero (any other figure of those digits is a whole unit away from it).
        Anything else asks its interval, without keeping it.
        """
        if self.statement is None and self.figure.bound is None:
            return self.figure.value == 0
        return self.interval_now().contains_zero()

    @property
    def point(self) -> Decimal:
        return to_quantity(self.figure.value, self.scale, self.offset)

    def printed(self, quantity_value: Decimal) -> Decimal:
        """A value of the quantity in the units the figure was printed in."""
        return from_quantity(quantity_value, self.scale, self.offset)

    def printed_interval(self, quantity_interval: Interval) -> Interval:
        """An interval of the quantity in the printed units (a negative scale swaps its ends)."""
        return mapped(quantity_interval, self.printed, self.scale < 0)


def mapped(interval: Interval, through: Callable[[Decimal], Decimal], falling: bool) -> Interval:
    """An interval through a map of its ends (``falling``: one that reverses their order); an
    unbounded side stays unbounded, an open one open."""
    low = None if interval.low is None else through(interval.low)
    high = None if interval.high is None else through(interval.high)
    if falling:
        return Interval(high, low, interval.high_open, interval.low_open)
    return Interval(low, high, interval.low_open, interval.high_open)


def to_quantity(printed: Decimal, scale: Decimal, offset: Decimal) -> Decimal:
    # a level is the figure itself, a percentage of a ratio needs no offset: no new Decimal
    # for what multiplying by one or adding zero would give, same value and same exponent
    scaled = printed if scale == n.ONE else n.mul(printed, scale)
    return scaled if offset == n.ZERO else n.add(scaled, offset)


def from_quantity(value: Decimal, scale: Decimal, offset: Decimal) -> Decimal:
    return n.div(n.sub(value, offset), scale)


# How direct each kind of figure is: lower ranks are taken first.
_RANK_LEVEL = 0


_RANK = {"previous": 1, "target": 1, "change": 2, "change_pp": 2}


_RANK_PERCENT = 3


def level_interval(figure: Figure, rounded: bool) -> Interval:
    """A value, previous, change or target: exact when whole, unless its indicator is
    ``rounded``.

    A bounded figure is its bound's interval (``bound_interval``).
    """
    if figure.bound is not None:
        return bound_interval(figure)
    value = figure.value
    if rounded or n.decimals(value) > 0:
        return Interval.printed(value)
    return Interval.exact(value)


def in_unit(interval: Interval, factor: Decimal) -> Interval:
    """A printed level's interval in its indicator's unit (a power of ten: exact)."""
    if factor == n.ONE:
        return interval
    low, high = interval.low, interval.high
    return Interval(
        None if low is None else n.mul(low, factor),
        None if high is None else n.mul(high, factor),
        interval.low_open,
        interval.high_open,
    )


def bound_interval(figure: Figure) -> Interval:
    """The values a qualified figure stands for: "trên 90" (90; +∞), "≥ 90" [90; +∞),
    "dưới 5" (−∞; 5), "≤ 5" (−∞; 5], "khoảng 22.294" 22.294 ± about_pct % of it.

    The bound is the printed number itself, not widened by its last digit: "trên 90 %" says
    the true value is above 90.
    """
    value, bound = figure.value, figure.bound
    if bound == "above":
        return Interval(value, None, low_open=True)
    if bound == "at_least":
        return Interval(value, None)
    if bound == "below":
        return Interval(None, value, high_open=True)
    if bound == "at_most":
        return Interval(None, value)
    assert bound == "about" and figure.about_pct is not None, "about has its width"
    width = n.div(n.mul(value.copy_abs(), figure.about_pct), n.HUNDRED)
    return Interval(n.sub(value, width), n.add(value, width))


def observations(plan: Plan) -> Iterator[Observation]:
    """Every figure of the plan as an observation, in the plan's own order."""
    for indicator in plan.indicators:
        rounded = indicator.rounded
        for target in indicator.targets:
            if target.value is not None:
                yield Observation(
                    Level("target", indicator.id, target.period, target.name),
                    target.value,
                    _RANK_LEVEL,
                    "target",
                    rounded=rounded,
                )
    for actual in plan.actuals:
        indicator = plan.by_id[actual.indicator]
        if actual.value is not None:
            yield Observation(
                Level("value", actual.indicator, actual.period),
                actual.value,
                _RANK_LEVEL,
                "value",
                actual=actual,
                scale=actual.value.factor or n.ONE,
                rounded=indicator.rounded,
            )
        for statement in actual.statements:
            yield statement_observation(statement, actual, indicator)


_PERCENT = Decimal("0.01")


def statement_observation(
    statement: Statement, actual: Actual, indicator: Indicator
) -> Observation:
    """Read one stated figure as an observation of the quantity it prints."""
    ind, period = actual.indicator, actual.period
    vs = statement.vs or period.previous()
    figure = statement.figure
    relation = statement.relation
    quantity: Quantity
    scale, offset = n.ONE, n.ZERO
    if relation == "previous":
        quantity = Level("value", ind, vs)
    elif relation == "target":
        quantity = Level("target", ind, period, statement.against)
    elif relation == "change":
        quantity = Change(ind, period, vs)
    elif relation == "growth_pct":
        quantity, scale, offset = Ratio(ind, period, vs), _PERCENT, n.ONE
    elif relation == "pct_of_previous":
        quantity, scale = Ratio(ind, period, vs), _PERCENT
    elif relation == "times_previous":
        quantity = Ratio(ind, period, vs)
    elif relation == "change_pp":
        quantity = Change(ind, period, vs)
    elif relation == "pct_of_target":
        quantity, scale = Attainment(ind, period, statement.against), _PERCENT
    elif relation == "excess_pct":
        quantity, scale, offset = Attainment(ind, period, statement.against), _PERCENT, n.ONE
    elif relation == "shortfall_pct":
        quantity, scale, offset = Attainment(ind, period, statement.against), -_PERCENT, n.ONE
    else:
        assert indicator.parent is not None, "the loader requires a parent for share_pct"
        quantity, scale = Share(ind, indicator.parent, period), _PERCENT
    if relation in ROUNDED_RELATIONS:
        rank = _RANK.get(relation, _RANK_PERCENT)
    else:
        rank = _RANK[relation]
        scale = figure.factor or n.ONE  # a level in another scale of the indicator's unit
    return Observation(
        quantity, figure, rank, relation, statement, actual, scale, offset, indicator.rounded
    )
