"""A value against its comparison period, computed from the figures (never copied).

Reports compare a value with the same period a year earlier (cùng kỳ) or, when
a statement names one with ``vs``, with another period (31/10/2021 against
31/12/2020). The percentage is computed from the two levels when both are
known (61.005 / 66.173,1 = 92,19 %), else it is the ratio the figures imply.
Two levels whose ratio is no percentage (a previous value of 0 or below, a
negative value: numbers.ratio_gap) are compared by their difference alone.
"""

from __future__ import annotations

from typing import Literal

from plan_kpi.core import numbers as n
from plan_kpi.core.models import COMPARING, Actual
from plan_kpi.core.periods import Period
from plan_kpi.core.records import record, replace
from plan_kpi.engine.quantities import Change, Ratio
from plan_kpi.engine.solving import Derivation
from plan_kpi.reports.figures import (
    Amount,
    combined_bound,
    known_bound,
    known_end,
    pct_amount,
    ratio_reason,
)

#: how the report words a comparison: "bằng 92,19 %", "tăng 6,13 %", "bằng 1,5 lần",
#: "tăng 0,5 điểm phần trăm"
ComparisonForm = Literal["pct_of_previous", "growth_pct", "times_previous", "change_pp"]


@record(kw_only=True)
class Comparison:
    """A value against the value of the period it is compared with."""

    vs: Period
    #: value / previous × 100; None when the levels make it no percentage (``reason``)
    pct_of_previous: Amount | None
    #: (value / previous − 1) × 100; None with it
    growth_pct: Amount | None
    #: value − previous, when the report printed a change or there is no percentage
    change: Amount | None
    #: why there is no percentage, as a key: previous_zero, previous_negative, actual_negative
    reason: str | None = None
    #: how the report words it: "bằng 92,19 %" (pct_of_previous), "tăng 6,13 %" (growth_pct),
    #: "bằng 1,5 lần" (times_previous), "tăng 0,5 điểm phần trăm" (change_pp)
    form: ComparisonForm


#: the forms a report's own statement asks for, the first found wins
_FORMS: tuple[ComparisonForm, ...] = ("pct_of_previous", "times_previous", "change_pp")


def comparison_period(period: Period, actual: Actual | None) -> Period:
    """The period a report compares with: a statement's ``vs``, else cùng kỳ (a year earlier)."""
    if actual is not None:
        for statement in actual.statements:
            if statement.relation in COMPARING and statement.vs is not None:
                return statement.vs
    return period.previous()


def compare(
    derivation: Derivation,
    indicator: str,
    period: Period,
    actual: Actual | None,
    places: int,
) -> Comparison | None:
    """The comparison of the indicator's value in the period, if the figures determine it."""
    vs = comparison_period(period, actual)
    now = derivation.value(indicator, period)
    before = derivation.value(indicator, vs)
    stated = {s.relation for s in actual.statements} if actual else set()
    form: ComparisonForm = next(
        (f for f in _FORMS if f in stated),
        "growth_pct",
    )
    # a bound ("trên 90 %") makes the comparison a bound too: the levels' ends, the way the
    # ratio or the change goes with them (more than 90 over 80 is more than 112,5 %)
    if (now is not None and now.torn) or (before is not None and before.torn):
        return None
    defined, bound = (
        combined_bound(known_bound(now), known_bound(before))
        if now is not None and before is not None
        else (True, None)
    )
    if not defined:
        return None
    if now is not None and before is not None:
        now_end, before_end = known_end(now), known_end(before)
        gap = n.ratio_gap(now_end, before_end)
        if gap is not None:
            difference = Amount(
                value=n.sub(now_end, before_end), places=places, derived=True, bound=bound
            )
            reason = ratio_reason(gap, value="actual", base="previous")
            return Comparison(
                vs=vs,
                pct_of_previous=None,
                growth_pct=None,
                change=difference,
                reason=reason,
                form=form,
            )
        ratio = n.div(now_end, before_end)
    else:
        known_ratio = derivation.get(Ratio(indicator, period, vs))
        if known_ratio is None:
            return None
        ratio, bound = known_end(known_ratio), known_bound(known_ratio)
    change = None
    known_change = derivation.get(Change(indicator, period, vs))
    if known_change is not None:
        value, change_bound = known_end(known_change), known_bound(known_change)
        if now is not None and before is not None:
            value, change_bound = n.sub(known_end(now), known_end(before)), bound
        change = Amount(value=value, places=places, derived=True, bound=change_bound)
    return Comparison(
        vs=vs,
        pct_of_previous=replace(pct_amount(n.pct(ratio), derived=True), bound=bound),
        growth_pct=replace(pct_amount(n.growth_pct(ratio), derived=True), bound=bound),
        change=change,
        form=form,
    )
