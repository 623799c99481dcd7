"""An indicator's series: which of its actuals stand for a target's period.

A *stock* (a balance on a date, like outstanding loans) is an indicator
whose values are all on dates; a *flow* (an amount over a span, like output)
is any other. A stock's figure for a span is its balance at the span's end:
a year target is the balance on 31 December. A flow is compared only over a
like span: a year with a year, eleven months with eleven months.

Pure: ``check`` and ``outlook`` both judge figures by these rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from plan_kpi.core.periods import Period, date_period

Kind = Literal["flow", "stock"]


def indicator_kind(values: Iterable[Period]) -> Kind:
    """A stock when every value of the indicator is on a date (a balance); a flow otherwise."""
    periods = list(values)
    return "stock" if periods and all(p.kind == "date" for p in periods) else "flow"


def indicator_kinds(values: Iterable[tuple[str, Period]]) -> dict[str, Kind]:
    """The kind of each indicator, from (indicator, period) pairs of its values."""
    periods: dict[str, list[Period]] = {}
    for indicator, period in values:
        periods.setdefault(indicator, []).append(period)
    return {indicator: indicator_kind(found) for indicator, found in periods.items()}


def balance_period(kind: Kind, period: Period) -> Period:
    """The period whose value stands for the indicator in a period: a stock's balance at its end.

    A stock's 2021 is its balance on 2021-12-31; a flow's 2021 is 2021.
    """
    if kind == "stock" and period.kind != "date":
        return date_period(period.end)
    return period


def comparable(kind: Kind, actual: Period, target: Period) -> bool:
    """Whether an actual is in the target's series: dates for a stock, like periods for a flow."""
    if kind == "stock":
        return actual.kind == "date"
    if target.kind == "days":  # the same days of another year: 1/1–15/12 with 1/1–15/12
        return actual.kind == "days" and actual.shift_years(target.year - actual.year) == target
    return actual.kind == target.kind and actual.months == target.months
