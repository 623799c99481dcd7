"""The check report: each indicator's target against its actual in one period.

A pure function of the plan and its derivation (as hledger's budget report):
renderers turn the report into a table, JSON or CSV. The written report
(reports/report.py) is made of the same rows, so the two show the same
indicators for a period.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from plan_kpi.core import numbers as n
from plan_kpi.core.models import Actual, ActualStatus, Figure, Indicator, Plan, Text
from plan_kpi.core.periods import Period, year_period
from plan_kpi.core.records import record, replace
from plan_kpi.engine.quantities import Attainment, Level, Quantity, Ratio
from plan_kpi.engine.series import Kind, balance_period, comparable, indicator_kinds
from plan_kpi.engine.solving import Derivation
from plan_kpi.reports.figures import (
    PCT_PLACES,
    Amount,
    combined_bound,
    indicator_places,
    known_amount,
    pct_amount,
    ratio_reason,
)
from plan_kpi.reports.pace import Pace, pace, part_within, pro_rata_target

#: no_previous: a growth target with an actual but no growth to judge it by (the previous
#: period has no value, or one that makes no growth rate: growth_reason says which);
#: undecided: the actual is a bound on both sides of the target ("trên 90 %" against 95)
Status = Literal["met", "missed", "no_actual", "no_previous", "no_target", "undecided"]
STATUSES: tuple[Status, ...] = (
    "met",
    "missed",
    "no_actual",
    "no_previous",
    "no_target",
    "undecided",
)
#: why a row has no attainment: no target, a target that is a growth rate, no actual, or a
#: ratio that is no percentage (``target_zero``, ``target_negative``, ``actual_negative``)
AttainmentReason = str


@record(kw_only=True)
class CheckRow:
    """One indicator in one period: target, actual and what follows from them."""

    indicator: str
    name: Text
    unit: Text
    #: the indicator this one is a part of (its row, when there is one, is above it)
    parent: str | None
    period: Period
    direction: Literal["increase", "decrease"]
    target: Amount | None
    target_growth_pct: Amount | None
    actual: Amount | None
    attainment_pct: Amount | None
    attainment_reason: AttainmentReason | None
    gap: Amount | None
    previous: Amount | None
    previous_period: Period
    growth_pct: Amount | None
    #: why there is no growth, as a key: no_actual, no_previous, previous_zero,
    #: previous_negative, actual_negative
    growth_reason: str | None
    required_growth_pct: Amount | None
    #: why there is no required growth though the row has a target and no actual, as a key:
    #: no_earlier_actual, base_zero, base_negative, target_negative
    required_growth_reason: str | None
    latest_period: Period | None
    status: Status
    actual_status: ActualStatus | None
    #: a level target's latest figure inside its period when the period's own is not in, or
    #: not final (the first 11 months, a balance on 31/10): against the share of the target
    #: it stands for (11/12 of it; a stock: all of it), as outlook judges it (reports.pace)
    part: PartOfPeriod | None = None


@record(kw_only=True)
class PartOfPeriod:
    """The latest figure inside a target's period, against its pro-rata share of the target."""

    period: Period
    actual: Amount
    pro_rata_target: Amount
    #: actual / pro-rata target × 100 (None when that is no percentage: numbers.ratio_gap)
    pro_rata_pct: Amount | None
    pace: Pace


@record(kw_only=True)
class CheckReport:
    """Targets against actuals for one period, with a count of each status."""

    plan: str
    title: str
    period: Period
    rows: tuple[CheckRow, ...]
    #: the target judged by, when the plan has several by name (--target): its name, and
    #: its name for people
    target: str | None = None
    target_text: Text | None = None

    @property
    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def exit_code(self) -> int:
        """0 only when every target of the period has a figure that meets it, else 1."""
        return self.exit_code_for(allow_missing=False)

    def exit_code_for(self, allow_missing: bool) -> int:
        """1 when a target is missed, or (unless ``allow_missing``) not judged: it has no
        figure yet, or one that cannot be judged (a growth without its previous value)."""
        return 1 if any(not_met(row.status, allow_missing) for row in self.rows) else 0


@record(kw_only=True)
class CheckReports:
    """Check reports of several periods, side by side: the indicators of any of them, in the
    plan's order."""

    plan: str
    title: str
    reports: tuple[CheckReport, ...]
    indicators: tuple[str, ...]

    def exit_code_for(self, allow_missing: bool) -> int:
        """1 when any period's report is 1 (a target missed, or not judged unless allowed)."""
        return max((r.exit_code_for(allow_missing) for r in self.reports), default=0)


def not_met(status: str, allow_missing: bool) -> bool:
    """Whether a row's status keeps its target from being met: missed, or not judged.

    Every status but met, missed and no_target is a target without a judgement
    (no_actual, and any other a later rule adds): not met, unless allowed.
    """
    if status in ("met", "no_target"):
        return False
    return status == "missed" or not allow_missing


def default_period(plan: Plan) -> Period | None:
    """The latest year with an actual value of an indicator that has a target.

    A stock's balance on a year's last day is the year's value. A report that
    gives only the growth of a year with a growth target (tăng 8,5 %) is that
    year's actual too: the target is judged by it.
    """
    with_targets = {ind.id for ind in plan.indicators if ind.targets}
    growth_targets = {
        (ind.id, t.period)
        for ind in plan.indicators
        for t in ind.default_targets
        if t.growth_pct is not None
    }
    typed = [a for a in plan.actuals if a.value is not None]
    kinds = indicator_kinds((a.indicator, a.period) for a in typed)
    years = [
        year_period(a.period.year)
        for a in typed
        if a.indicator in with_targets
        and a.period == balance_period(kinds[a.indicator], year_period(a.period.year))
    ]
    years += [
        a.period
        for a in plan.actuals
        if (a.indicator, a.period) in growth_targets
        and a.period == year_period(a.period.year)
        and any(s.relation in _GROWTH_RELATIONS and s.vs is None for s in a.statements)
    ]
    return max(years, default=None)


#: stated figures a growth target is judged by (over the same period a year earlier)
_GROWTH_RELATIONS = frozenset({"growth_pct", "pct_of_previous"})


def build_check(
    plan: Plan,
    derivation: Derivation,
    period: Period,
    indicators: tuple[str, ...] = (),
) -> CheckReport:
    """One row per indicator with a target or a figure in the period or inside it.

    The row is of the period itself when the indicator has a target or a
    figure of it (a stock: its balance at the period's end); else of its
    latest figure inside the period (a balance on 31/10/2021, the first 11
    months of 2021), as the written report has it. A target without a figure
    is a row too (``no_actual``), never left out.
    """
    wanted = set(indicators)
    kinds = indicator_kinds(
        (q.indicator, q.period)
        for q in derivation.known
        if isinstance(q, Level) and q.kind == "value"
    )
    within = _periods_within(plan, derivation, period, wanted)
    actual_of = {(a.indicator, a.period): a for a in plan.actuals}
    rows = []
    for indicator in plan.indicators:
        found = within.get(indicator.id)
        if not found:
            continue
        kind = kinds.get(indicator.id, "flow")
        own = period
        if period not in found and balance_period(kind, period) not in found:
            own = max(found, key=lambda p: (p.end, p.months))
        growth_target = next(
            (
                t.growth_pct
                for t in indicator.default_targets
                if t.period == own and t.growth_pct is not None
            ),
            None,
        )
        rows.append(_row(plan, derivation, indicator, own, kind, growth_target, actual_of))
    return CheckReport(
        plan=plan.info.id,
        title=plan.info.title,
        period=period,
        rows=tuple(rows),
        target=plan.info.default_target,
        target_text=plan.info.target_text(None),
    )


#: the quantities a row is of (a value, a target, a growth, an attainment), and those of
#: them judged by a named target; tuples, not unions: these are asked of every known quantity
_OF_ROWS = (Level, Attainment, Ratio)
_NAMED = (Level, Attainment)


def _periods_within(
    plan: Plan, derivation: Derivation, period: Period, wanted: set[str]
) -> dict[str, set[Period]]:
    """Each indicator's periods inside the period with a known value, target, growth or
    attainment, or a growth target.

    One pass over every known quantity (a large plan knows hundreds of thousands).
    """
    found: dict[str, set[Period]] = {}
    for quantity in derivation.known:
        if (
            isinstance(quantity, _OF_ROWS)
            and not (isinstance(quantity, _NAMED) and quantity.other_target)
            and (not wanted or quantity.indicator in wanted)
            and period.contains(quantity.period)
        ):
            found.setdefault(quantity.indicator, set()).add(quantity.period)
    for indicator in plan.indicators:
        if wanted and indicator.id not in wanted:
            continue
        for target in indicator.default_targets:
            if target.growth_pct is not None and period.contains(target.period):
                found.setdefault(indicator.id, set()).add(target.period)
    return found


def build_checks(
    plan: Plan,
    derivation: Derivation,
    periods: list[Period],
    indicators: tuple[str, ...] = (),
) -> CheckReports:
    """Each period's check report, and the indicators with a row in any of them."""
    reports = tuple(build_check(plan, derivation, period, indicators) for period in periods)
    shown = {row.indicator for report in reports for row in report.rows}
    return CheckReports(
        plan=plan.info.id,
        title=plan.info.title,
        reports=reports,
        indicators=tuple(ind.id for ind in plan.indicators if ind.id in shown),
    )


def years_with_figures(
    plan: Plan, derivation: Derivation, indicators: tuple[str, ...] = ()
) -> list[Period]:
    """Every year check has a row in (``--period all``): of its own figures or those inside it."""
    found = periods_with_figures(plan, derivation, indicators)
    return sorted({year_period(period.year) for period in found})


def periods_with_figures(
    plan: Plan, derivation: Derivation, indicators: tuple[str, ...] = ()
) -> list[Period]:
    """Every period check has a row in: of a known value, target, growth or attainment."""
    wanted = set(indicators)
    found = {
        q.period
        for q in derivation.known
        if isinstance(q, _OF_ROWS)
        and not (isinstance(q, _NAMED) and q.other_target)
        and (not wanted or q.indicator in wanted)
    }
    found |= {
        t.period
        for ind in plan.indicators
        if not wanted or ind.id in wanted
        for t in ind.default_targets
        if t.growth_pct is not None
    }
    return sorted(found)


def _row(
    plan: Plan,
    derivation: Derivation,
    indicator: Indicator,
    period: Period,
    kind: Kind,
    growth_target: Figure | None,
    actual_of: dict[tuple[str, Period], Actual],
) -> CheckRow:
    """The row of the period's targets, with the values of ``at`` (a stock: the end's)."""
    at = balance_period(kind, period)
    actual_record = actual_of.get((indicator.id, at))
    places = indicator_places(plan, indicator)

    def amount(quantity: Quantity) -> Amount | None:
        known = derivation.known.get(quantity)
        if known is None or known.torn:  # bounds pulling both ways: no figure to say
            return None
        return known_amount(derivation, quantity, places)

    ind = indicator.id
    target = amount(Level("target", ind, period))
    actual = amount(Level("value", ind, at))
    previous_period = at.previous()
    previous = amount(Level("value", ind, previous_period))
    growth, growth_reason = _growth(derivation, ind, at, previous_period, actual, previous)

    attainment, reason = _attainment(target, actual, growth_target)
    gap = None
    if target is not None and actual is not None:
        derived = target.derived or actual.derived
        defined, bound = combined_bound(actual.bound, target.bound)
        if defined and bound is not None:
            gap = Amount(
                value=n.sub(actual.value, target.value),
                places=max(target.places, actual.places),
                derived=derived,
                bound=bound,
            )
        elif defined:
            gap = Amount(
                value=n.sub(actual.value, target.value),
                places=max(target.places, actual.places),
                derived=derived,
                low=n.sub(_low(actual), _high(target), n.DOWN) if derived else None,
                high=n.sub(_high(actual), _low(target), n.UP) if derived else None,
            )
    required, latest_period, required_reason = None, None, None
    if actual is None and target is not None:
        required, latest_period, required_reason = _required_growth(
            derivation, ind, kind, period, target
        )
    part = None
    if target is not None and (actual_record is None or actual_record.status != "final"):
        part = _part_of(derivation, indicator, kind, period, target, places)
    return CheckRow(
        indicator=ind,
        name=indicator.name,
        unit=indicator.unit,
        parent=indicator.parent,
        period=at,
        direction=indicator.direction,
        target=target,
        target_growth_pct=pct_amount(growth_target.value) if growth_target else None,
        actual=actual,
        attainment_pct=attainment,
        attainment_reason=reason,
        gap=gap,
        previous=previous,
        previous_period=previous_period,
        growth_pct=growth,
        growth_reason=growth_reason,
        required_growth_pct=required,
        required_growth_reason=required_reason,
        latest_period=latest_period,
        status=_status(indicator, target, actual, growth, growth_target),
        actual_status=actual_record.status if actual_record else None,
        part=part,
    )


def _part_of(
    derivation: Derivation,
    indicator: Indicator,
    kind: Kind,
    period: Period,
    target: Amount,
    places: int,
) -> PartOfPeriod | None:
    """The latest figure inside the period against the share of the target it stands for."""
    values = [q.period for q in derivation.levels_of("value", indicator.id)]
    part = part_within(kind, values, period)
    if part is None:
        return None
    actual = known_amount(derivation, Level("value", indicator.id, part), places)
    share = pro_rata_target(kind, target, part, period)
    pct = None  # a share of 0, or figures below 0, make no percentage (numbers.ratio_gap)
    if n.ratio_gap(actual.value, share.value) is None:
        pct = pct_amount(n.pct(n.div(actual.value, share.value)), derived=True)
    return PartOfPeriod(
        period=part,
        actual=actual,
        pro_rata_target=share,
        pro_rata_pct=pct,
        pace=pace(indicator.direction, actual.value, share.value),
    )


def _low(amount: Amount) -> Decimal:
    return amount.value if amount.low is None else amount.low


def _high(amount: Amount) -> Decimal:
    return amount.value if amount.high is None else amount.high


def _growth(
    derivation: Derivation,
    ind: str,
    period: Period,
    previous_period: Period,
    actual: Amount | None,
    previous: Amount | None,
) -> tuple[Amount | None, str | None]:
    """The growth over the previous period, else why there is none.

    Two known levels decide whether it is defined (numbers.ratio_gap); a
    ratio the reports printed without the levels is shown as printed.
    """
    if actual is not None and previous is not None:
        gap = n.ratio_gap(actual.value, previous.value)
        if gap is not None:
            return None, ratio_reason(gap, value="actual", base="previous")
    quantity = Ratio(ind, period, previous_period)
    if derivation.get(quantity) is not None:
        ratio = known_amount(derivation, quantity, PCT_PLACES)
        growth = pct_amount(n.sub(ratio.value, n.HUNDRED), derived=True)
        return replace(growth, bound=ratio.bound), None
    if actual is not None and previous is not None:
        defined, bound = combined_bound(actual.bound, previous.bound)
        if not defined:
            return None, "both_bounds"
        growth = pct_amount(n.growth_pct(n.div(actual.value, previous.value)), derived=True)
        return replace(growth, bound=bound), None
    return None, "no_actual" if actual is None else "no_previous"


def _attainment(
    target: Amount | None, actual: Amount | None, growth_target: Figure | None
) -> tuple[Amount | None, AttainmentReason | None]:
    if target is None:
        if growth_target is not None:
            return None, "growth_target"
        return None, "no_target"
    if actual is None:
        return None, "no_actual"
    gap = n.ratio_gap(actual.value, target.value)
    if gap is not None:
        return None, ratio_reason(gap, value="actual", base="target")
    defined, bound = combined_bound(actual.bound, target.bound)
    if not defined:
        return None, "both_bounds"
    attainment = pct_amount(n.pct(n.div(actual.value, target.value)), derived=True)
    return replace(attainment, bound=bound), None


def _required_growth(
    derivation: Derivation, ind: str, kind: Kind, period: Period, target: Amount
) -> tuple[Amount | None, Period | None, str | None]:
    """(target / latest actual − 1) × 100, over the latest earlier actual of a like period.

    With the period it is over, or why there is none.
    """
    earlier = [
        q.period
        for q in derivation.levels_of("value", ind)
        if comparable(kind, q.period, period) and q.period < period
    ]
    if not earlier:
        return None, None, "no_earlier_actual"
    latest = max(earlier)
    base = known_amount(derivation, Level("value", ind, latest), 0)
    gap = n.ratio_gap(target.value, base.value)
    if gap is not None:
        return None, latest, ratio_reason(gap, value="target", base="base")
    defined, bound = combined_bound(target.bound, base.bound)
    if not defined:
        return None, latest, "both_bounds"
    required = pct_amount(n.growth_pct(n.div(target.value, base.value)), derived=True)
    return replace(required, bound=bound), latest, None


def _status(
    indicator: Indicator,
    target: Amount | None,
    actual: Amount | None,
    growth: Amount | None,
    growth_target: Figure | None,
) -> Status:
    if target is None and growth_target is None:
        return "no_target"
    if target is not None:
        if actual is None:
            return "no_actual"
        return judged(indicator.direction, actual, target)
    assert growth_target is not None
    if growth is None:
        return "no_actual" if actual is None else "no_previous"
    return judged(indicator.direction, growth, pct_amount(growth_target.value))


def judged(direction: str, actual: Amount, target: Amount) -> Status:
    """Met or missed; a one-sided figure ("trên 90 %") is met when all of it is, missed when
    none of it is, and undecided when the target lies inside it.

    A figure that is "about" a value is judged by its value, as a rounded one is.
    """
    ups, downs = (actual, target) if direction != "decrease" else (target, actual)
    # met: every value of ``ups`` at or above every value of ``downs``
    low, high = _least(ups), _greatest(downs)
    if low is not None and high is not None and low >= high:
        return "met"
    top, bottom = _greatest(ups), _least(downs)
    if top is not None and bottom is not None:
        open_end = _open_above(ups) or _open_below(downs)
        if top < bottom or (top == bottom and open_end):
            return "missed"
    return "undecided"


def _least(amount: Amount) -> Decimal | None:
    return None if amount.bound in ("below", "at_most") else amount.value


def _greatest(amount: Amount) -> Decimal | None:
    return None if amount.bound in ("above", "at_least") else amount.value


def _open_above(amount: Amount) -> bool:
    return amount.bound == "below"


def _open_below(amount: Amount) -> bool:
    return amount.bound == "above"
