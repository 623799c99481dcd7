"""What the written report says about figures that disagree: its findings section.

One function, ``build_findings``, so that the report can take ``audit``'s
findings in its place: every inconsistent statement and breakdown of the
relations engine whose period lies within the report's period, worded for
people.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from plan_kpi import numbers as n
from plan_kpi.display import format_number, format_pct
from plan_kpi.intervals import Interval
from plan_kpi.models import PERCENT_RELATIONS, Actual, Plan, Statement
from plan_kpi.numbers import Locale
from plan_kpi.periods import Period
from plan_kpi.relations import BreakdownCheck, Derivation, StatementCheck
from plan_kpi.reports.wording import RELATION_WORDS, SENTENCES, when, with_unit


class Finding(BaseModel):
    """A figure that disagrees with the others, said in a sentence."""

    model_config = ConfigDict(frozen=True)

    indicator: str
    period: Period
    text: str


def build_findings(
    plan: Plan, derivation: Derivation, period: Period, lang: Locale
) -> tuple[Finding, ...]:
    """Every inconsistency the figures show within the period, statements first."""
    found = [
        _statement_finding(plan, check, lang)
        for check in derivation.statement_checks
        if check.verdict == "inconsistent" and period.contains(check.observation.quantity.period)
    ]
    found += [
        _breakdown_finding(check, lang)
        for check in derivation.breakdown_checks
        if check.verdict == "inconsistent" and period.contains(check.period)
    ]
    return tuple(found)


def _statement_finding(plan: Plan, check: StatementCheck, lang: Locale) -> Finding:
    ob = check.observation
    indicator = plan.by_id[ob.quantity.indicator]
    printed = ob.figure.value
    places = n.decimals(printed)
    computed = ob.printed(check.computed.point)
    if ob.relation in PERCENT_RELATIONS:
        printed_text = format_pct(printed, places, lang)
        computed_text = format_pct(computed, places + 2, lang)
    else:
        unit = indicator.unit.get(lang)
        printed_text = with_unit(format_number(printed, places, lang), unit, lang)
        computed_text = with_unit(format_number(computed, places + 1, lang), unit, lang)
    where = [w for w in (_where(ob.statement, ob.actual), str(ob.figure.at)) if w]
    text = SENTENCES[lang]["statement_finding"].format(
        name=indicator.name.get(lang),
        when=when(ob.quantity.period, lang),
        relation=RELATION_WORDS[lang].get(ob.relation, ob.relation),
        printed=printed_text,
        where=", ".join(where),
        computed=computed_text,
    )
    return Finding(indicator=indicator.id, period=ob.quantity.period, text=text)


def _where(statement: Statement | None, actual: Actual | None) -> str | None:
    """Where the report prints the figure: the statement's own place, else its value's."""
    if statement is not None and statement.where:
        return statement.where
    return actual.where if actual is not None else None


def _breakdown_finding(check: BreakdownCheck, lang: Locale) -> Finding:
    assert check.computed is not None and check.whole is not None, "checked breakdowns have both"
    unit = check.parent.unit.get(lang)
    key = "sum_finding" if check.parent.breakdown == "complete" else "excess_finding"
    text = SENTENCES[lang][key].format(
        name=check.parent.name.get(lang),
        when=when(check.period, lang),
        computed=with_unit(_interval_text(check.computed, lang), unit, lang),
        whole=with_unit(_interval_text(check.whole, lang), unit, lang),
    )
    return Finding(indicator=check.parent.id, period=check.period, text=text)


def _interval_text(interval: Interval, lang: Locale) -> str:
    """An exact sum as a figure, an uncertain one as its range."""
    places = max(n.decimals(interval.low), n.decimals(interval.high))
    low = format_number(interval.low, min(places, 2), lang)
    if interval.is_exact:
        return low
    return f"{low}–{format_number(interval.high, min(places, 2), lang)}"
