"""One indicator's whole story: each period's target and actual, what reports print, what follows.

A pure function of the plan and its derivation; ``render/show.py`` draws it
in the terminal with a chart of actual against target. What it says of each
printed statement is the audit's (``reports.audit.audit_of``), so ``show``
and ``audit`` cannot disagree.
"""

from __future__ import annotations

from decimal import Decimal

from plan_kpi.core.models import PERCENT_RELATIONS, Actual, Direction, Plan, Statement, Text
from plan_kpi.core.periods import Period
from plan_kpi.core.records import record
from plan_kpi.engine.checks import Verdict
from plan_kpi.engine.quantities import Attainment, Level, Ratio
from plan_kpi.engine.solving import Derivation
from plan_kpi.reports.audit import AuditReport, AuditRow, audit_of, build_audit
from plan_kpi.reports.check import CheckRow, build_check
from plan_kpi.reports.comparison import Comparison, compare
from plan_kpi.reports.figures import Amount, Term, indicator_places, known_amount, label


@record(kw_only=True)
class StoryPeriod:
    """The indicator in one period: the check row and its comparison with the period before."""

    row: CheckRow
    comparison: Comparison | None


@record(kw_only=True)
class StoryCheck:
    """A check of the audit a printed figure fed, and the unit of the check's indicator."""

    row: AuditRow
    unit: Text


@record(kw_only=True)
class StoryStatement:
    """A figure a report printed beside a value, and what the audit says of it."""

    period: Period
    relation: str
    printed: Decimal
    percent: bool
    vs: Period | None
    where: str | None
    at: str
    #: the audit's row of this figure: its check, or why nothing checks it
    row: AuditRow | None
    #: when it has no row of its own: the checks it fed (value, change and growth)
    fed: tuple[StoryCheck, ...]

    @property
    def verdicts(self) -> tuple[Verdict, ...]:
        """Its own row's verdict, else those of the checks it fed."""
        if self.row is not None:
            return (self.row.verdict,)
        return tuple(check.row.verdict for check in self.fed)


@record(kw_only=True)
class StoryDerived:
    """A figure no report printed, derived from those that were."""

    label: Term
    amount: Amount


@record(kw_only=True)
class Story:
    """Everything the plan and its reports say about one indicator."""

    indicator: str
    name: Text
    unit: Text
    direction: Direction
    parent: Text | None
    parts: tuple[Text, ...]
    #: a formula indicator's formula, as written
    formula: str | None
    section: str | None
    agency: str | None
    note: str | None
    periods: tuple[StoryPeriod, ...]
    #: the named target the periods are judged by (--target), when the plan has several
    target: Text | None = None
    statements: tuple[StoryStatement, ...]
    #: derived figures other than values and targets (those are in the periods)
    derived: tuple[StoryDerived, ...]

    @property
    def exit_code(self) -> int:
        missed = any(p.row.status == "missed" for p in self.periods)
        wrong = any("inconsistent" in s.verdicts for s in self.statements)
        return 1 if missed or wrong else 0


def build_story(plan: Plan, derivation: Derivation, indicator_id: str) -> Story:
    """The indicator's periods, and its printed statements with the audit's verdicts."""
    indicator = plan.by_id[indicator_id]
    audit = build_audit(plan, derivation)
    places = indicator_places(plan, indicator)
    periods: set[Period] = set()
    derived: list[StoryDerived] = []
    for quantity, known in derivation.known.items():
        if quantity.indicator != indicator_id:
            continue
        if isinstance(quantity, Level | Attainment) and quantity.other_target:
            continue  # the plan's other targets: audit checks them, show shows the default
        if isinstance(quantity, Level | Ratio | Attainment):
            periods.add(quantity.period)
        if known.derived and not isinstance(quantity, Level):
            amount = known_amount(derivation, quantity, places)
            derived.append(StoryDerived(label=label(quantity), amount=amount))
    periods |= {t.period for t in indicator.default_targets if t.growth_pct is not None}
    actuals = list(plan.actuals_of.get(indicator_id, ()))
    story_periods: list[StoryPeriod] = []
    for period in sorted(periods):
        rows = build_check(plan, derivation, period, (indicator_id,)).rows
        # a stock's year is the row of its balance on 31 December: shown once
        if not rows or any(p.row.period == rows[0].period for p in story_periods):
            continue
        at = rows[0].period
        record = next((a for a in actuals if a.period == at), None)
        comparison = compare(derivation, indicator_id, at, record, places)
        story_periods.append(StoryPeriod(row=rows[0], comparison=comparison))
    parent = plan.by_id[indicator.parent].name if indicator.parent else None
    return Story(
        indicator=indicator_id,
        name=indicator.name,
        unit=indicator.unit,
        direction=indicator.direction,
        parent=parent,
        parts=tuple(p.name for p in plan.children.get(indicator_id, ())),
        formula=indicator.formula.text if indicator.formula else None,
        section=indicator.section,
        agency=indicator.agency,
        note=indicator.note,
        periods=tuple(story_periods),
        target=plan.info.target_text(None),
        statements=tuple(
            _statement(plan, audit, actual, statement)
            for actual in sorted(actuals, key=lambda a: a.period)
            for statement in actual.statements
        ),
        derived=tuple(sorted(derived, key=lambda d: str(d.label))),
    )


def _statement(
    plan: Plan, audit: AuditReport, actual: Actual, statement: Statement
) -> StoryStatement:
    found = audit_of(audit, statement.relation, statement.figure.at)
    return StoryStatement(
        period=actual.period,
        relation=statement.relation,
        printed=statement.figure.value,
        percent=statement.relation in PERCENT_RELATIONS,
        vs=statement.vs,
        where=statement.where or actual.where,
        at=str(statement.figure.at),
        row=found.row,
        fed=tuple(StoryCheck(row=row, unit=plan.by_id[row.indicator].unit) for row in found.fed),
    )
