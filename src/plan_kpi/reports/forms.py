"""The fill-in forms of a period: what each agency is asked to report, with its references.

Each agency named by an indicator in targets.yaml gets one form, listing the
indicators the period asks of it, in the plan's order, parts under their
parent:

- an indicator with a target of the period (a level or a growth rate);
- an indicator with a target of the next year: its figure of the period is
  the base of the growth that target requires;
- an indicator with a figure of the year before: the reports give it every
  year;
- the parts of any of these (a breakdown's parts are reported with it).

A row is of the period itself (a stock: its balance at the period's end),
with the target and the figure of the year before for reference, and the
relations the agency is asked to state beside its figure: those its earlier
reports printed (``pct_of_target``, ``pct_of_previous``, ``growth_pct``,
``change``, ``share_pct``), else those its targets make meaningful (a level
target: the % of it; a growth target: the growth). Pure: words and cells
are the sheets layer's.
"""

from __future__ import annotations

from plan_kpi.core.models import Indicator, Plan, Relation, Text
from plan_kpi.core.periods import Period, year_period
from plan_kpi.core.records import record
from plan_kpi.engine.quantities import Level
from plan_kpi.engine.series import Kind, balance_period, indicator_kinds
from plan_kpi.engine.solving import Derivation
from plan_kpi.reports.check import default_period
from plan_kpi.reports.figures import Amount, indicator_places, known_amount, pct_amount

#: the relations a form may ask for beside a figure, in the order of its columns
FORM_RELATIONS: tuple[Relation, ...] = (
    "pct_of_target",
    "pct_of_previous",
    "growth_pct",
    "change",
    "share_pct",
)


@record(kw_only=True)
class FormRow:
    """One indicator of a form: what to fill in, and what to fill it in against."""

    indicator: str
    name: Text
    unit: Text
    #: how deep a part it is under the form's rows (0: a top-level indicator)
    depth: int
    #: the period the figure is of (a stock: the balance at the period's end)
    period: Period
    target: Amount | None
    target_growth_pct: Amount | None
    #: the figure of the year before (a part of it, or a balance inside it, when that is all)
    previous: Amount | None
    previous_period: Period | None
    #: the relations asked for beside the figure, in FORM_RELATIONS' order
    relations: tuple[Relation, ...]


@record(kw_only=True)
class Form:
    """One agency's form for a period (``agency`` None: the indicators that name none)."""

    plan: str
    title: str
    period: Period
    agency: str | None
    rows: tuple[FormRow, ...]

    @property
    def relations(self) -> tuple[Relation, ...]:
        """The relation columns the form has: any of its rows asks for them."""
        asked = {relation for row in self.rows for relation in row.relations}
        return tuple(r for r in FORM_RELATIONS if r in asked)


def default_form_period(plan: Plan) -> Period | None:
    """The year after the latest with figures that has a target, else the first with one."""
    years = sorted({t.period.year for ind in plan.indicators for t in ind.targets})
    latest = default_period(plan)
    ahead = [year for year in years if latest is None or year > latest.year]
    return year_period(ahead[0]) if ahead else None


def build_forms(plan: Plan, derivation: Derivation, period: Period) -> tuple[Form, ...]:
    """Each agency's form for the period, agencies in the order of their first indicator."""
    kinds = indicator_kinds((a.indicator, a.period) for a in plan.actuals if a.value is not None)
    following = period.shift_years(1) if period.kind == "year" else None
    before = period.previous()
    asked: set[str] = set()
    for indicator in plan.indicators:
        periods = {t.period for t in indicator.targets}
        targeted = period in periods or (following is not None and following in periods)
        reported = any(before.contains(a.period) for a in plan.actuals_of.get(indicator.id, ()))
        if targeted or reported:
            asked.add(indicator.id)
    for indicator in plan.indicators:
        if indicator.parent is not None and _ancestor_asked(plan, indicator, asked):
            asked.add(indicator.id)
    forms: dict[str | None, list[FormRow]] = {}
    for indicator in plan.indicators:
        if indicator.id in asked:
            kind = kinds.get(indicator.id, "flow")
            row = _row(plan, derivation, indicator, kind, period, asked)
            forms.setdefault(indicator.agency, []).append(row)
    return tuple(
        Form(
            plan=plan.info.id,
            title=plan.info.title,
            period=period,
            agency=agency,
            rows=tuple(rows),
        )
        for agency, rows in forms.items()
    )


def _ancestor_asked(plan: Plan, indicator: Indicator, asked: set[str]) -> bool:
    parent = indicator.parent
    while parent is not None:
        if parent in asked:
            return True
        parent = plan.by_id[parent].parent
    return False


def _row(
    plan: Plan,
    derivation: Derivation,
    indicator: Indicator,
    kind: Kind,
    period: Period,
    asked: set[str],
) -> FormRow:
    places = indicator_places(plan, indicator)
    at = balance_period(kind, period)
    target_level = Level("target", indicator.id, period)
    target = (
        known_amount(derivation, target_level, places) if target_level in derivation.known else None
    )
    growth = next(
        (
            t.growth_pct
            for t in indicator.targets
            if t.period == period and t.growth_pct is not None
        ),
        None,
    )
    previous_period = _previous_period(derivation, indicator.id, at)
    previous = (
        known_amount(derivation, Level("value", indicator.id, previous_period), places)
        if previous_period is not None
        else None
    )
    depth, parent = 0, indicator.parent
    while parent is not None:
        if parent in asked:
            depth += 1
        parent = plan.by_id[parent].parent
    return FormRow(
        indicator=indicator.id,
        name=indicator.name,
        unit=indicator.unit,
        depth=depth,
        period=at,
        target=target,
        target_growth_pct=pct_amount(growth.value) if growth is not None else None,
        previous=previous,
        previous_period=previous_period,
        relations=_relations(plan, indicator, period, target is not None, growth is not None),
    )


def _previous_period(derivation: Derivation, indicator: str, at: Period) -> Period | None:
    """The period a year before ``at``, else the latest figure inside that year."""
    before = at.previous()
    if Level("value", indicator, before) in derivation.known:
        return before
    year = year_period(before.year)
    inside = [q.period for q in derivation.levels_of("value", indicator) if year.contains(q.period)]
    return max(inside, key=lambda p: (p.end, p.months), default=None)


def _relations(
    plan: Plan, indicator: Indicator, period: Period, level: bool, growth: bool
) -> tuple[Relation, ...]:
    """What the indicator's earlier reports printed beside it; else what its targets ask."""
    printed = {
        statement.relation
        for actual in plan.actuals_of.get(indicator.id, ())
        if actual.period.end < period.end
        for statement in actual.statements
    }
    if not printed:
        if level:
            printed.add("pct_of_target")
        if growth:
            printed.add("growth_pct")
    if indicator.parent is None:
        printed.discard("share_pct")  # a share is of the parent's value
    return tuple(r for r in FORM_RELATIONS if r in printed)
