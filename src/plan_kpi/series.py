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

from plan_kpi.periods import Period

Kind = Literal["flow", "stock"]


def indicator_kind(values: Iterable[Period]) -> Kind:
    """A stock when every value of the indicator is on a date (a balance); a flow otherwise."""
    periods = list(values)
    return "stock" if periods and all(p.kind == "date" for p in periods) else "flow"


def comparable(kind: Kind, actual: Period, target: Period) -> bool:
    """Whether an actual is in the target's series: dates for a stock, like periods for a flow."""
    if kind == "stock":
        return actual.kind == "date"
    return actual.kind == target.kind and actual.months == target.months
