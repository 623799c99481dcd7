"""One indicator's whole story: each period's target and actual, what reports print, what follows.

A pure function of the plan and its derivation; ``render/show.py`` draws it
in the terminal with a chart of actual against target.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from plan_kpi import numbers as n
from plan_kpi.figures import Amount, indicator_places, known_amount, label
from plan_kpi.models import PERCENT_RELATIONS, Actual, Direction, Plan, Statement
from plan_kpi.numbers import Locale
from plan_kpi.periods import Period
from plan_kpi.relations import Attainment, Derivation, Level, Ratio, Verdict
from plan_kpi.reports.check import CheckRow, build_check
from plan_kpi.reports.comparison import Comparison, compare


class StoryPeriod(BaseModel):
    """The indicator in one period: the check row and its comparison with the period before."""

    model_config = ConfigDict(frozen=True)

    row: CheckRow
    comparison: Comparison | None


class StoryStatement(BaseModel):
    """A figure a report printed beside a value, and whether the other figures agree."""

    model_config = ConfigDict(frozen=True)

    period: Period
    relation: str
    printed: Decimal
    percent: bool
    vs: Period | None
    where: str | None
    at: str
    verdict: Verdict
    #: what the other figures give, in the printed units (for checked statements)
    computed: Decimal | None


class StoryDerived(BaseModel):
    """A figure no report printed, derived from those that were."""

    model_config = ConfigDict(frozen=True)

    label: str
    amount: Amount


class Story(BaseModel):
    """Everything the plan and its reports say about one indicator."""

    model_config = ConfigDict(frozen=True)

    indicator: str
    name: str
    unit: str
    direction: Direction
    parent: str | None
    parts: tuple[str, ...]
    section: str | None
    agency: str | None
    note: str | None
    lang: Locale
    periods: tuple[StoryPeriod, ...]
    statements: tuple[StoryStatement, ...]
    #: derived figures other than values and targets (those are in the periods)
    derived: tuple[StoryDerived, ...]

    @property
    def exit_code(self) -> int:
        missed = any(p.row.status == "missed" for p in self.periods)
        wrong = any(s.verdict == "inconsistent" for s in self.statements)
        return 1 if missed or wrong else 0


def build_story(plan: Plan, derivation: Derivation, indicator_id: str, lang: Locale) -> Story:
    indicator = plan.by_id[indicator_id]
    places = indicator_places(plan, indicator)
    periods: set[Period] = set()
    derived: list[StoryDerived] = []
    for quantity, known in derivation.known.items():
        if quantity.indicator != indicator_id:
            continue
        if isinstance(quantity, Level | Ratio | Attainment):
            periods.add(quantity.period)
        if known.derived and not isinstance(quantity, Level):
            amount = known_amount(derivation, quantity, places)
            derived.append(StoryDerived(label=label(quantity), amount=amount))
    periods |= {t.period for t in indicator.targets if t.growth_pct is not None}
    actuals = [a for a in plan.actuals if a.indicator == indicator_id]
    story_periods = []
    for period in sorted(periods):
        rows = build_check(plan, derivation, period, lang, (indicator_id,)).rows
        if not rows:
            continue
        record = next((a for a in actuals if a.period == period), None)
        comparison = compare(derivation, indicator_id, period, record, places)
        story_periods.append(StoryPeriod(row=rows[0], comparison=comparison))
    parent = plan.by_id[indicator.parent].name.get(lang) if indicator.parent else None
    return Story(
        indicator=indicator_id,
        name=indicator.name.get(lang),
        unit=indicator.unit.get(lang),
        direction=indicator.direction,
        parent=parent,
        parts=tuple(p.name.get(lang) for p in plan.children.get(indicator_id, ())),
        section=indicator.section,
        agency=indicator.agency,
        note=indicator.note,
        lang=lang,
        periods=tuple(story_periods),
        statements=tuple(
            _statement(derivation, actual, statement)
            for actual in sorted(actuals, key=lambda a: a.period)
            for statement in actual.statements
        ),
        derived=tuple(sorted(derived, key=lambda d: d.label)),
    )


def _statement(derivation: Derivation, actual: Actual, statement: Statement) -> StoryStatement:
    verdict: Verdict = "unchecked"
    computed = None
    for check in derivation.statement_checks:
        ob = check.observation
        if ob.statement == statement and ob.actual == actual:
            verdict = check.verdict
            computed = ob.printed(check.computed.point)
            break
    return StoryStatement(
        period=actual.period,
        relation=statement.relation,
        printed=statement.figure.value,
        percent=statement.relation in PERCENT_RELATIONS,
        vs=statement.vs,
        where=statement.where or actual.where,
        at=str(statement.figure.at),
        verdict=verdict,
        computed=computed,
    )


def computed_places(statement: StoryStatement) -> int:
    """Decimals to show a computed figure with: enough to show how it differs from the printed."""
    printed = n.decimals(statement.printed)
    computed = statement.computed
    if statement.percent or computed is None or computed != n.round_half_up(computed, printed):
        return printed + 2
    return printed
