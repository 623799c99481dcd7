"""The reporting cycle's state: what a period still needs from each agency, and what came in.

Every agency reports its figures to the Department before a due date (15
December in the seed plan). For a period, each indicator the period asks
something of is a row, under the agency that reports it:

- an indicator with a target of the period needs its figure for the period
  (a stock: its balance at the period's end; a growth target: the growth,
  or the value of the period before to judge it by);
- an indicator with a target of the next year needs its figure for the
  period too: it is the base of the growth that target requires;
- a part of a complete breakdown whose parent has its figure needs its own
  (the parts must add up to the whole);
- an indicator with a figure of the period shows that it came in.

Each row says what came in (the file, and whether the report gave an
estimate, a preliminary or a final figure) and what is still needed; a
missing figure after the due date is late. Pure: the words are the say
layer's.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from plan_kpi.core.models import Actual, ActualStatus, Plan, Text
from plan_kpi.core.periods import Period
from plan_kpi.core.records import record
from plan_kpi.engine.series import balance_period, indicator_kinds
from plan_kpi.engine.solving import Derivation
from plan_kpi.reports.check import build_check

#: what an indicator still needs in the period: its figure (for its target; as the base of
#: next year's), the previous period's figure (to judge a growth target), its parts' figures
Need = Literal["actual", "base", "previous", "parts"]
#: received: nothing missing; missing: something is, before the due date; late: after it
State = Literal["received", "missing", "late"]
STATES: tuple[State, ...] = ("received", "missing", "late")


@record(kw_only=True)
class StatusRow:
    """One indicator of one agency in the period: what came in, what is still needed."""

    agency: str | None
    indicator: str
    name: Text
    period: Period
    has_target: bool
    #: the figure that came in: where it was typed and what kind of figure it is
    file: str | None
    line: int | None
    actual_status: ActualStatus | None
    needs: tuple[Need, ...]
    #: the parts of a complete breakdown still without a figure (for ``parts``)
    missing_parts: tuple[str, ...]
    state: State


@record(kw_only=True)
class StatusReport:
    """What the period needs, by agency, on a day, against a due date."""

    plan: str
    title: str
    period: Period
    due: date
    as_of: date
    rows: tuple[StatusRow, ...]

    @property
    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(STATES, 0)
        for row in self.rows:
            counts[row.state] += 1
        return counts

    @property
    def agencies(self) -> tuple[str | None, ...]:
        """The agencies, in the order of their first indicator in the plan."""
        return tuple(dict.fromkeys(row.agency for row in self.rows))

    @property
    def exit_code(self) -> int:
        return 1 if any(row.state != "received" for row in self.rows) else 0


def default_due(period: Period) -> date:
    """The plan's usual due date: 15 December of the period's year."""
    return date(period.end.year, 12, 15)


def build_status(
    plan: Plan,
    derivation: Derivation,
    period: Period,
    due: date,
    as_of: date,
    agencies: tuple[str, ...] = (),
) -> StatusReport:
    """Every indicator the period asks something of, by agency, in the plan's order."""
    wanted = set(agencies)
    kinds = indicator_kinds((a.indicator, a.period) for a in plan.actuals if a.value is not None)
    check_rows = {row.indicator: row for row in build_check(plan, derivation, period).rows}
    missing_parts: dict[str, tuple[str, ...]] = {}
    for breakdown in derivation.breakdown_checks:
        if (
            breakdown.kind == "value"
            and breakdown.breakdown == "complete"
            and breakdown.whole is not None
            and breakdown.missing
            and period.contains(breakdown.period)
        ):
            before = missing_parts.get(breakdown.parent.id, ())
            missing_parts[breakdown.parent.id] = tuple(dict.fromkeys(before + breakdown.missing))
    needed_parts = {part for parts in missing_parts.values() for part in parts}
    following = period.shift_years(1) if period.kind == "year" else None
    rows = []
    for indicator in plan.indicators:
        if wanted and (indicator.agency or "") not in wanted:
            continue
        at = balance_period(kinds.get(indicator.id, "flow"), period)
        record = _latest_within(plan, indicator.id, at, period)
        check = check_rows.get(indicator.id)
        has_target = any(t.period == period for t in indicator.targets)
        has_value = record is not None and record.period == at and record.value is not None
        needs: list[Need] = []
        if has_target and (check is None or check.status == "no_actual"):
            needs.append("actual")
        elif has_target and check is not None and str(check.status) == "no_previous":
            needs.append("previous")
        elif following and not has_value and any(t.period == following for t in indicator.targets):
            needs.append("base")
        if indicator.id in missing_parts:
            needs.append("parts")
        if indicator.id in needed_parts and not has_value:
            needs.append("actual")
        if not needs and record is None:
            continue
        state: State = "received"
        if needs:
            state = "late" if as_of > due else "missing"
        rows.append(
            StatusRow(
                agency=indicator.agency,
                indicator=indicator.id,
                name=indicator.name,
                period=record.period if record is not None else at,
                has_target=has_target,
                file=record.at.file if record else None,
                line=record.at.line if record else None,
                actual_status=record.status if record else None,
                needs=tuple(dict.fromkeys(needs)),
                missing_parts=missing_parts.get(indicator.id, ()),
                state=state,
            )
        )
    rows.sort(key=lambda row: _agency_order(plan).get(row.agency, 0))
    return StatusReport(
        plan=plan.info.id,
        title=plan.info.title,
        period=period,
        due=due,
        as_of=as_of,
        rows=tuple(rows),
    )


def _latest_within(plan: Plan, indicator: str, at: Period, period: Period) -> Actual | None:
    """The figure of the period itself (a stock: at its end), else the latest inside it."""
    within = [a for a in plan.actuals_of.get(indicator, ()) if period.contains(a.period)]
    exact = next((a for a in within if a.period == at), None)
    if exact is not None or not within:
        return exact
    return max(within, key=lambda a: (a.period.end, a.period.months))


def _agency_order(plan: Plan) -> dict[str | None, int]:
    order: dict[str | None, int] = {}
    for indicator in plan.indicators:
        order.setdefault(indicator.agency, len(order))
    return order
