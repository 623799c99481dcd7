"""A target's pace inside its period: the part-year rule ``check`` and ``outlook`` share.

Before a year is over, the reports give part of it: a flow's first eleven
months (``2026-01/2026-11``), a stock's balance on 31 October. Such a figure
is set against the share of the year's target it stands for:

- a flow's cumulated months against the target pro rata: 69.800 for the
  first 11 months against 78.000 × 11/12 = 71.500;
- a stock's balance against the whole target (a balance is not cumulated:
  the end of the year's target is the one it must reach).

It is ``on_track`` when it meets that share (for the plan's direction: a
ceiling is on track at or below it), else ``behind``. Pure: periods and
figures in, figures out.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from plan_kpi.core import numbers as n
from plan_kpi.core.models import Direction
from plan_kpi.core.periods import Period
from plan_kpi.engine.series import Kind
from plan_kpi.reports.figures import Amount

Pace = Literal["on_track", "behind"]


def part_within(kind: Kind, values: Iterable[Period], period: Period) -> Period | None:
    """The latest actual inside the period that covers only part of it.

    A flow's months (cumulated or not) within the period, the latest and then
    the longest first; a stock's latest balance on a date inside it before its
    end. None when there is none.
    """
    if kind == "stock":
        dates = [p for p in values if p.kind == "date" and period.start <= p.end < period.end]
        return max(dates, default=None)
    inside = [
        p
        for p in values
        if p.kind in ("month", "months")
        and p.months < period.months
        and p.start >= period.start
        and p.end < period.end
    ]
    return max(inside, key=lambda p: (p.end, p.months), default=None)


def pro_rata_target(kind: Kind, target: Amount, part: Period, period: Period) -> Amount:
    """The share of the period's target a part of it stands for: months pro rata, or the whole.

    A flow's share is target × months / months of the period, shown with one
    decimal more than the target unless it is whole (78.000 × 11/12 =
    71.500).
    """
    if kind == "stock":
        return target
    value = n.div(n.mul(target.value, Decimal(part.months)), Decimal(period.months))
    whole = value == value.to_integral_value()
    return Amount(value=value, places=target.places + (0 if whole else 1), derived=True)


def pace(direction: Direction, value: Decimal, share: Decimal) -> Pace:
    """on_track when the part-year figure meets its share of the target, else behind."""
    met = value <= share if direction == "decrease" else value >= share
    return "on_track" if met else "behind"
