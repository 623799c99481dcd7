"""The written evaluation's data: each indicator's result, next period's targets, findings.

A pure function of the plan and its derivation, with no words: each result
carries the clauses its sentence will have — their keys and the figures they
say, computed here from the figures (61.005 / 66.173,1 = 92,19 %), never
copied from a report — and the say layer (``say/report.py``) words them in
the reader's language; Markdown, HTML and Word lay those words out.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from plan_kpi.core import numbers as n
from plan_kpi.core.models import Actual, ActualStatus, Indicator, Plan, Text
from plan_kpi.core.periods import Period, year_period
from plan_kpi.core.records import record, replace
from plan_kpi.engine.quantities import Attainment, Level, Share
from plan_kpi.engine.solving import Derivation
from plan_kpi.reports.check import CheckRow, PartOfPeriod, Status, build_check, not_met
from plan_kpi.reports.comparison import Comparison, compare
from plan_kpi.reports.figures import (
    PCT_PLACES,
    Amount,
    combined_bound,
    crosses_zero,
    indicator_places,
    known_amount,
    known_bound,
    known_end,
    pct_amount,
)
from plan_kpi.reports.findings import Finding, build_findings

#: what a clause of an indicator's sentence says: its value, its comparison with an earlier
#: period (as a ratio, a growth, a change with its growth, a number of times, a change in
#: percentage points), its share of the parent, its attainment (with the target, as the
#: excess over it or the shortfall from it, or only the percentage)
ClauseKey = Literal[
    "value",
    "ratio",
    "growth",
    "change",
    "difference",
    "times",
    "points",
    "share",
    "attainment",
    "excess",
    "shortfall",
    "attainment_bare",
]
#: what the attainment means: short of the target, above it, within a ceiling, a growth target
Judgement = Literal[
    "short",
    "exceeded",
    "on_target",
    "below_ceiling",
    "at_ceiling",
    "above_ceiling",
    "growth_met",
    "growth_missed",
    "growth_no_previous",
    "growth_no_rate",
]
#: where next period's target lies from the latest actual (for the plan's direction); higher
#: and lower when their ratio is no percentage (a base of 0 or below: said by the difference)
#: which way a next target lies from the latest actual; ``either``: the actual is a bound
#: ("trên 90 %") the target may lie on either side of (95: more or less than it)
NextKind = Literal[
    "up", "down", "below", "above", "same", "higher", "lower", "no_base", "growth", "either"
]


@record(kw_only=True)
class Clause:
    """One clause of an indicator's sentence: what it says and the figures it says it with.

    ``figure`` is the clause's own figure (the value; the percentage of a
    ratio, growth or share; the attainment); ``note`` its note's number, 0 for
    none; ``vs`` the period compared with; ``change`` a change's amount;
    ``target`` an attainment's target, with its own note; ``whole`` a share's
    whole (the indicator's parent).
    """

    key: ClauseKey
    figure: Amount
    note: int = 0
    vs: Period | None = None
    change: Amount | None = None
    target: Amount | None = None
    target_note: int = 0
    whole: str | None = None


@record(kw_only=True)
class Result:
    """One indicator's result in the report's period: its clauses and its table row."""

    indicator: str
    name: Text
    unit: Text
    #: the nearest ancestor in the report (None for a top-level indicator) and how deep
    parent: str | None
    depth: int
    #: the classification of its parent's parts it is in (by_sex), when the parent has several
    classification: str | None = None
    period: Period
    #: the indicator has a target to reach ('đạt 61.005 tỷ đồng', not 'là …')
    to_reach: bool
    clauses: tuple[Clause, ...]
    judgement: Judgement | None
    gap: Amount | None
    #: the previous period's value (a growth target that cannot be judged says it)
    previous: Amount | None
    target: Amount | None
    target_note: int
    target_growth_pct: Amount | None
    actual: Amount | None
    actual_note: int
    attainment_pct: Amount | None
    comparison: Comparison | None
    status: Status
    actual_status: ActualStatus | None
    #: the latest figure inside the period against its share of the target (check's part)
    part: PartOfPeriod | None = None


@record(kw_only=True)
class NextTarget:
    """A target of the next period, with the growth it requires over the latest actual."""

    indicator: str
    name: Text
    unit: Text
    period: Period
    kind: NextKind
    target: Amount | None
    target_note: int
    target_growth_pct: Amount | None
    base: Amount | None
    base_note: int
    base_period: Period | None
    required_growth_pct: Amount | None
    #: target − base, when their ratio is no percentage
    difference: Amount | None = None


@record(kw_only=True)
class Note:
    """How a derived figure of the report was derived, under its number (¹, ², …)."""

    number: int
    indicator: str
    amount: Amount


@record(kw_only=True)
class Report:
    """The written evaluation of one period."""

    plan: str
    title: str
    issuer: str | None
    period: Period
    #: the target judged by, when the plan has several by name: its name for people
    target: Text | None = None
    next_period: Period
    results: tuple[Result, ...]
    next_targets: tuple[NextTarget, ...]
    findings: tuple[Finding, ...]
    notes: tuple[Note, ...]
    #: every indicator's name and unit, for the notes, terms and findings that name one
    names: dict[str, Text]
    units: dict[str, Text]

    @property
    def attainments(self) -> tuple[Result, ...]:
        """The results with an attainment, for the chart."""
        return tuple(r for r in self.results if r.attainment_pct is not None)

    @property
    def planned(self) -> tuple[Result, ...]:
        """The results with a target of the period (the plan's table)."""
        return tuple(r for r in self.results if r.target or r.target_growth_pct)

    @property
    def others(self) -> tuple[Result, ...]:
        """The results without a target of the period (the table of other figures)."""
        return tuple(r for r in self.results if not (r.target or r.target_growth_pct))

    @property
    def exit_code(self) -> int:
        """0 only when every target of the period has a figure that meets it and no printed
        figure disagrees, else 1."""
        return self.exit_code_for(allow_missing=False)

    def exit_code_for(self, allow_missing: bool) -> int:
        """As check's: a target without a figure (or one that cannot be judged) is not met,
        unless ``allow_missing``; a disagreeing figure is 1 all the same."""
        unmet = any(not_met(r.status, allow_missing) for r in self.results)
        return 1 if unmet or self.findings else 0


class _Notes:
    """Numbers the report's derived figures in the order they are first mentioned."""

    def __init__(self) -> None:
        self.notes: list[Note] = []
        self._numbers: dict[tuple[object, ...], int] = {}

    def number(self, indicator: str, amount: Amount | None) -> int:
        """The note of a derived figure (made when first met), 0 for a figure that needs none."""
        if amount is None or not (amount.derived and amount.inputs):
            return 0
        key = (
            indicator,
            str(amount.relation),
            tuple((str(i.label), i.value, i.at) for i in amount.inputs),
        )
        if key not in self._numbers:
            self._numbers[key] = len(self.notes) + 1
            self.notes.append(Note(number=len(self.notes) + 1, indicator=indicator, amount=amount))
        return self._numbers[key]


def build_report(plan: Plan, derivation: Derivation, period: Period) -> Report:
    """The evaluation of the period: every indicator with figures in it, then the next targets."""
    notes = _Notes()
    rows = {row.indicator: row for row in build_check(plan, derivation, period).rows}
    results = [
        _result(plan, derivation, plan.by_id[ind], rows[ind], parent, depth, notes)
        for ind, parent, depth in _tree_order(plan, set(rows))
    ]
    next_period = year_period(period.end.year + 1)
    next_targets = [
        _next_target(plan, derivation, plan.by_id[row.indicator], row, notes)
        for row in build_check(plan, derivation, next_period).rows
        if row.target is not None or row.target_growth_pct is not None
    ]
    return Report(
        plan=plan.info.id,
        title=plan.info.title,
        issuer=plan.info.issuer,
        period=period,
        target=plan.info.target_text(None),
        next_period=next_period,
        results=tuple(results),
        next_targets=tuple(next_targets),
        findings=build_findings(plan, derivation, period),
        notes=tuple(notes.notes),
        names={indicator.id: indicator.name for indicator in plan.indicators},
        units={indicator.id: indicator.unit for indicator in plan.indicators},
    )


def _tree_order(plan: Plan, included: set[str]) -> list[tuple[str, str | None, int]]:
    """Included indicators in plan order, each followed by its included parts (depth first).

    Each comes with its nearest included ancestor and its depth under it.
    """

    def parent_in(indicator: Indicator) -> str | None:
        parent = indicator.parent
        while parent is not None and parent not in included:
            parent = plan.by_id[parent].parent
        return parent

    children: dict[str | None, list[str]] = {}
    for indicator in plan.indicators:
        if indicator.id in included:
            children.setdefault(parent_in(indicator), []).append(indicator.id)
    order: list[tuple[str, str | None, int]] = []

    def visit(ind: str, parent: str | None, depth: int) -> None:
        order.append((ind, parent, depth))
        for child in children.get(ind, []):
            visit(child, ind, depth + 1)

    for root in children.get(None, []):
        visit(root, None, 0)
    return order


def _result(
    plan: Plan,
    derivation: Derivation,
    indicator: Indicator,
    row: CheckRow,
    parent: str | None,
    depth: int,
    notes: _Notes,
) -> Result:
    period = row.period
    actual_record = next(
        (a for a in plan.actuals_of.get(indicator.id, ()) if a.period == period), None
    )
    comparison = compare(
        derivation, indicator.id, period, actual_record, indicator_places(plan, indicator)
    )
    target_note = notes.number(indicator.id, row.target)
    actual_note = notes.number(indicator.id, row.actual)

    clauses: list[Clause] = []
    if row.actual is not None:
        clauses.append(Clause(key="value", figure=row.actual, note=actual_note))
    if comparison is not None:
        clauses.append(_comparison_clause(comparison))
    share = _share_pct(derivation, indicator, period)
    if share is not None:
        clauses.append(Clause(key="share", figure=share, whole=indicator.parent))
    if row.attainment_pct is not None and row.target is not None:
        key, figure = _attainment_form(indicator, actual_record, row.attainment_pct)
        clauses.append(Clause(key=key, figure=figure, target=row.target, target_note=target_note))
    elif row.actual is None or row.target is None:
        # printed, with neither the value nor the target to compute it from
        attainment = derivation.get(Attainment(indicator.id, period))
        if attainment is not None:
            bare = pct_amount(n.pct(known_end(attainment)), True)
            clauses.append(
                Clause(key="attainment_bare", figure=replace(bare, bound=known_bound(attainment)))
            )
    return Result(
        indicator=indicator.id,
        name=indicator.name,
        unit=indicator.unit,
        parent=parent,
        depth=depth,
        classification=indicator.classification,
        period=period,
        to_reach=bool(indicator.targets or row.target) and indicator.direction == "increase",
        clauses=tuple(clauses),
        judgement=_judgement(indicator, row),
        gap=row.gap,
        previous=row.previous,
        target=row.target,
        target_note=target_note,
        target_growth_pct=row.target_growth_pct,
        actual=row.actual,
        actual_note=actual_note,
        attainment_pct=row.attainment_pct,
        comparison=comparison,
        status=row.status,
        actual_status=row.actual_status,
        part=row.part,
    )


def _attainment_form(
    indicator: Indicator, actual: Actual | None, attainment: Amount
) -> tuple[ClauseKey, Amount]:
    """The attainment as the report words it: 'vượt 18,35 % kế hoạch' when it printed an
    excess (and the figures are above the target), 'thấp hơn kế hoạch 5 %' a shortfall."""
    stated = {s.relation for s in actual.statements} if actual else set()
    above = n.sub(attainment.value, n.HUNDRED)
    if indicator.direction == "increase" and "excess_pct" in stated and above > 0:
        return "excess", replace(attainment, value=above)
    if indicator.direction == "increase" and "shortfall_pct" in stated and above < 0:
        return "shortfall", replace(attainment, value=-above)
    return "attainment", attainment


def _comparison_clause(comparison: Comparison) -> Clause:
    """A ratio when the report words it so ('bằng 92,19 %'), else a growth or a change.

    Two levels whose ratio is no percentage (numbers.ratio_gap: from −20 to −10)
    are compared by their difference alone, up or down by its sign.
    """
    if comparison.growth_pct is None or comparison.pct_of_previous is None:
        assert comparison.change is not None, "a comparison without a percentage has the change"
        return Clause(key="difference", figure=comparison.change, vs=comparison.vs)
    # a bound that may be a rise or a fall (more than −5 %) is said as a ratio: "bằng trên 95 %"
    if comparison.form == "pct_of_previous" or crosses_zero(comparison.growth_pct):
        return Clause(key="ratio", figure=comparison.pct_of_previous, vs=comparison.vs)
    if comparison.form == "times_previous":
        ratio = n.div(comparison.pct_of_previous.value, n.HUNDRED)
        times = Amount(value=ratio, places=PCT_PLACES, derived=True)
        return Clause(key="times", figure=times, vs=comparison.vs)
    if comparison.form == "change_pp" and comparison.change is not None:
        return Clause(key="points", figure=comparison.change, vs=comparison.vs)
    if comparison.change is not None:
        return Clause(
            key="change",
            figure=comparison.growth_pct,
            vs=comparison.vs,
            change=comparison.change,
        )
    return Clause(key="growth", figure=comparison.growth_pct, vs=comparison.vs)


def _share_pct(derivation: Derivation, indicator: Indicator, period: Period) -> Amount | None:
    """The share of the parent, computed from the two values when both are known."""
    if indicator.parent is None:
        return None
    share = derivation.get(Share(indicator.id, indicator.parent, period))
    if share is None:
        return None
    part = derivation.value(indicator.id, period)
    whole = derivation.value(indicator.parent, period)
    if part is not None and whole is not None and known_end(whole) != 0:
        defined, bound = combined_bound(known_bound(part), known_bound(whole))
        if not defined:
            return None
        share_pct = pct_amount(n.pct(n.div(known_end(part), known_end(whole))), derived=True)
        return replace(share_pct, bound=bound)
    share_pct = pct_amount(n.pct(known_end(share)), derived=share.derived)
    return replace(share_pct, bound=known_bound(share))


def _judgement(indicator: Indicator, row: CheckRow) -> Judgement | None:
    """What the attainment means: short of the target, above it, within a ceiling."""
    if row.gap is not None and row.gap.one_sided and row.gap.value == 0:
        return None  # more than 90 against 90: met, by an amount no figure says
    if row.gap is not None and row.status in ("met", "missed"):
        if indicator.direction == "decrease":
            if row.status == "missed":
                return "above_ceiling"
            return "at_ceiling" if row.gap.value == 0 else "below_ceiling"
        if row.status == "missed":
            return "short"
        return "on_target" if row.gap.value == 0 else "exceeded"
    if row.target_growth_pct is not None and row.status in ("met", "missed"):
        return "growth_met" if row.status == "met" else "growth_missed"
    if row.target_growth_pct is not None and row.status == "no_previous":
        return "growth_no_previous" if row.previous is None else "growth_no_rate"
    return None


def _next_target(
    plan: Plan,
    derivation: Derivation,
    indicator: Indicator,
    row: CheckRow,
    notes: _Notes,
) -> NextTarget:
    base = None
    if row.latest_period is not None:
        base = known_amount(
            derivation,
            Level("value", indicator.id, row.latest_period),
            indicator_places(plan, indicator),
        )
    target_note = notes.number(indicator.id, row.target)
    base_note = notes.number(indicator.id, base)
    kind: NextKind
    difference = None
    if row.target is None:
        kind = "growth"
    elif base is None or row.latest_period is None:
        kind = "no_base"
    elif row.required_growth_pct is None:  # no percentage (a base of 0 or below)
        difference = Amount(
            value=n.sub(row.target.value, base.value),
            places=max(row.target.places, base.places),
            derived=True,
        )
        kind = "same" if difference.value == 0 else "lower" if difference.value < 0 else "higher"
    elif crosses_zero(row.required_growth_pct):
        kind = "either"
    else:
        kind = _required_kind(indicator.direction, row.required_growth_pct.value)
    return NextTarget(
        indicator=indicator.id,
        name=indicator.name,
        unit=indicator.unit,
        period=row.period,
        kind=kind,
        target=row.target,
        target_note=target_note,
        target_growth_pct=row.target_growth_pct,
        base=base,
        base_note=base_note,
        base_period=row.latest_period,
        required_growth_pct=row.required_growth_pct,
        difference=difference,
    )


def _required_kind(direction: str, required: Decimal) -> NextKind:
    """Which way the target lies from the latest actual, for the plan's direction."""
    if required == 0:
        return "same"
    rising = required > 0
    if direction == "decrease":
        return "above" if rising else "down"
    return "up" if rising else "below"
