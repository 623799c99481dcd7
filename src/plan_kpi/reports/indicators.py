"""The plan's indicators at a glance: id, name, unit, who reports it, and its periods.

What ``plan-kpi list`` (and ``plan-kpi show`` without an id) shows: the ids
a command takes, and which periods have targets and which have figures.
"""

from __future__ import annotations

from plan_kpi.core.models import Plan, Text
from plan_kpi.core.periods import Period
from plan_kpi.core.records import record


@record(kw_only=True)
class IndicatorRow:
    """One indicator: what it is, who reports it, the periods of its targets and figures."""

    indicator: str
    name: Text
    unit: Text
    agency: str | None
    parent: str | None
    depth: int
    target_periods: tuple[Period, ...]
    figure_periods: tuple[Period, ...]


def build_indicators(plan: Plan) -> tuple[IndicatorRow, ...]:
    """Every indicator in the plan's order, parts under their parent."""
    rows = []
    for indicator in plan.indicators:
        depth, parent = 0, indicator.parent
        while parent is not None:
            depth += 1
            parent = plan.by_id[parent].parent
        figures = {a.period for a in plan.actuals_of.get(indicator.id, ())}
        rows.append(
            IndicatorRow(
                indicator=indicator.id,
                name=indicator.name,
                unit=indicator.unit,
                agency=indicator.agency,
                parent=indicator.parent,
                depth=depth,
                target_periods=tuple(sorted({t.period for t in indicator.targets})),
                figure_periods=tuple(sorted(figures)),
            )
        )
    return tuple(rows)
