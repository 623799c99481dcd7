"""What the written report says about figures that disagree: its findings section.

The findings are the audit's (``reports.audit.build_audit``): every
inconsistent row whose period lies within the report's period, said in a
sentence, with the audit's arithmetic beside it. Nothing here reads the
relations engine's checks itself, so the report and ``plan-kpi audit`` cannot
disagree.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from plan_kpi.core.models import Plan
from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import Period
from plan_kpi.engine.solving import Derivation
from plan_kpi.reports.audit import AuditRow, build_audit
from plan_kpi.say.display import format_number, format_pct
from plan_kpi.say.wording import RELATION_WORDS, SENTENCES, when, with_unit


class Finding(BaseModel):
    """A figure that disagrees with the others, said in a sentence, and the audit's arithmetic."""

    model_config = ConfigDict(frozen=True)

    indicator: str
    period: Period
    text: str
    explanation: str


def build_findings(
    plan: Plan, derivation: Derivation, period: Period, lang: Locale
) -> tuple[Finding, ...]:
    """Every inconsistent row of the audit within the period, in the audit's order."""
    return tuple(
        Finding(
            indicator=row.indicator,
            period=row.period,
            text=_sentence(plan, row, lang),
            explanation=row.explanation,
        )
        for row in build_audit(plan, derivation, lang).rows
        if row.verdict == "inconsistent" and period.contains(row.period)
    )


def _sentence(plan: Plan, row: AuditRow, lang: Locale) -> str:
    indicator = plan.by_id[row.indicator]
    unit = indicator.unit.get(lang)
    assert row.stated is not None and row.computed is not None, "inconsistent rows have both"

    def shown(value: Decimal, places: int) -> str:
        if row.percent:
            return format_pct(value, places, lang)
        return with_unit(format_number(value, places, lang), unit, lang)

    values = {
        "name": indicator.name.get(lang),
        "when": when(row.period, lang),
        "printed": shown(row.stated, row.stated_places),
        "computed": shown(row.computed, row.places),
    }
    if not row.is_statement:
        kind = row.relation.removeprefix("target_")
        key = {"sum": "sum_finding", "partial": "excess_finding"}.get(kind, "overlap_finding")
        return SENTENCES[lang][key].format(**values)
    place = f"{row.file}:{row.line}" if row.file else None
    return SENTENCES[lang]["statement_finding"].format(
        **values,
        relation=RELATION_WORDS[lang].get(row.relation, row.relation),
        where=", ".join(w for w in (row.where, place) if w),
    )
