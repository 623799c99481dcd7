"""The written evaluation: a sentence per indicator, next period's targets, findings.

A pure function of the plan and its derivation. Every sentence is a template
(``wording``) filled with figures computed here — the value, its percentage of
the comparison period (61.005 / 66.173,1 = 92,19 %), its attainment (61.005 /
70.962 = 85,97 %) — never a stored text or a percentage copied from a
report. Markdown and HTML are renderers of this model.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from plan_kpi.core import numbers as n
from plan_kpi.core.models import ActualStatus, Indicator, Plan
from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import Period, year_period
from plan_kpi.engine.quantities import Attainment, Level, Ratio, Share
from plan_kpi.engine.solving import Derivation
from plan_kpi.reports.check import CheckRow, Status, build_check
from plan_kpi.reports.comparison import Comparison, compare
from plan_kpi.reports.figures import Amount, indicator_places, known_amount
from plan_kpi.reports.findings import Finding, build_findings
from plan_kpi.say.display import explain, format_amount, format_number, format_pct
from plan_kpi.say.wording import (
    CLAUSES,
    SENTENCES,
    against,
    describe,
    in_sentence,
    note_mark,
    when,
    with_unit,
)


class Note(BaseModel):
    """How a derived figure of the report was derived, under its mark (¹, ², …)."""

    model_config = ConfigDict(frozen=True)

    mark: str
    indicator: str
    text: str


class Result(BaseModel):
    """One indicator's result in the report's period: its sentence and its table row."""

    model_config = ConfigDict(frozen=True)

    indicator: str
    name: str
    unit: str
    #: how many parents above it are in the report (0 for a top-level indicator)
    depth: int
    period: Period
    sentence: str
    target: Amount | None
    target_mark: str
    target_growth_pct: Amount | None
    actual: Amount | None
    actual_mark: str
    attainment_pct: Amount | None
    comparison: Comparison | None
    status: Status
    actual_status: ActualStatus | None


class NextTarget(BaseModel):
    """A target of the next period, with the growth it requires over the latest actual."""

    model_config = ConfigDict(frozen=True)

    indicator: str
    name: str
    unit: str
    period: Period
    sentence: str
    target: Amount | None
    target_mark: str
    target_growth_pct: Amount | None
    base: Amount | None
    base_mark: str
    base_period: Period | None
    required_growth_pct: Amount | None


class Report(BaseModel):
    """The written evaluation of one period."""

    model_config = ConfigDict(frozen=True)

    plan: str
    title: str
    issuer: str | None
    period: Period
    next_period: Period
    lang: Locale
    results: tuple[Result, ...]
    next_targets: tuple[NextTarget, ...]
    findings: tuple[Finding, ...]
    notes: tuple[Note, ...]

    @property
    def attainments(self) -> tuple[Result, ...]:
        """The results with an attainment, for the chart."""
        return tuple(r for r in self.results if r.attainment_pct is not None)

    @property
    def exit_code(self) -> int:
        missed = any(r.status == "missed" for r in self.results)
        return 1 if missed or self.findings else 0


class _Notes:
    """Numbers the report's derived figures in the order they are first mentioned."""

    def __init__(self, lang: Locale) -> None:
        self.lang = lang
        self.notes: list[Note] = []
        #: each note's mark by its indicator and text: one lookup a figure, not a scan
        self.marks: dict[tuple[str, str], str] = {}

    def mark(self, indicator: str, amount: Amount | None) -> str:
        if amount is None or not (amount.derived and amount.inputs):
            return ""
        text = explain(amount, self.lang)
        known = self.marks.get((indicator, text))
        if known is not None:
            return known
        note = Note(mark=note_mark(len(self.notes) + 1), indicator=indicator, text=text)
        self.notes.append(note)
        self.marks[indicator, text] = note.mark
        return note.mark


def build_report(plan: Plan, derivation: Derivation, period: Period, lang: Locale) -> Report:
    """The evaluation of the period: every indicator with figures in it, then the next targets."""
    notes = _Notes(lang)
    rows = _rows_within(plan, derivation, period, lang)
    results = [
        _result(plan, derivation, plan.by_id[ind], rows[ind], depth, lang, notes)
        for ind, depth in _tree_order(plan, set(rows))
    ]
    next_period = year_period(period.end.year + 1)
    next_targets = [
        _next_target(plan, derivation, plan.by_id[row.indicator], row, lang, notes)
        for row in build_check(plan, derivation, next_period, lang).rows
        if row.target is not None or row.target_growth_pct is not None
    ]
    return Report(
        plan=plan.info.id,
        title=plan.info.title,
        issuer=plan.info.issuer,
        period=period,
        next_period=next_period,
        lang=lang,
        results=tuple(results),
        next_targets=tuple(next_targets),
        findings=build_findings(plan, derivation, period, lang),
        notes=tuple(notes.notes),
    )


def _rows_within(
    plan: Plan, derivation: Derivation, period: Period, lang: Locale
) -> dict[str, CheckRow]:
    """Each indicator's check row for its own period within the report's period.

    The period itself when the indicator has figures for it, else its latest
    period inside (a stock on 31/12/2021, the first 11 months of 2021).
    """
    periods: dict[str, set[Period]] = {}
    for quantity in derivation.known:
        if isinstance(quantity, Level | Ratio | Attainment) and period.contains(quantity.period):
            periods.setdefault(quantity.indicator, set()).add(quantity.period)
    for indicator in plan.indicators:
        for target in indicator.targets:
            if target.growth_pct is not None and period.contains(target.period):
                periods.setdefault(indicator.id, set()).add(target.period)
    chosen: dict[Period, list[str]] = {}
    for ind, found in periods.items():
        best = period if period in found else max(found, key=lambda p: (p.end, p.months))
        chosen.setdefault(best, []).append(ind)
    rows: dict[str, CheckRow] = {}
    for each, ids in chosen.items():
        for row in build_check(plan, derivation, each, lang, tuple(ids)).rows:
            rows[row.indicator] = row
    return rows


def _tree_order(plan: Plan, included: set[str]) -> list[tuple[str, int]]:
    """Included indicators in plan order, each followed by its included parts (depth first)."""

    def parent_in(indicator: Indicator) -> str | None:
        parent = indicator.parent
        while parent is not None and parent not in included:
            parent = plan.by_id[parent].parent
        return parent

    children: dict[str | None, list[str]] = {}
    for indicator in plan.indicators:
        if indicator.id in included:
            children.setdefault(parent_in(indicator), []).append(indicator.id)
    order: list[tuple[str, int]] = []

    def visit(ind: str, depth: int) -> None:
        order.append((ind, depth))
        for child in children.get(ind, []):
            visit(child, depth + 1)

    for root in children.get(None, []):
        visit(root, 0)
    return order


def _result(
    plan: Plan,
    derivation: Derivation,
    indicator: Indicator,
    row: CheckRow,
    depth: int,
    lang: Locale,
    notes: _Notes,
) -> Result:
    period = row.period
    actual_record = next(
        (a for a in plan.actuals_of.get(indicator.id, ()) if a.period == period), None
    )
    comparison = compare(
        derivation, indicator.id, period, actual_record, indicator_places(plan, indicator)
    )
    target_mark = notes.mark(indicator.id, row.target)
    actual_mark = notes.mark(indicator.id, row.actual)

    clauses: list[tuple[str, dict[str, str]]] = []
    if row.actual is not None:
        clauses.append(("value", {"value": _figure(row.actual, row.unit, actual_mark, lang)}))
    if comparison is not None:
        clauses.append(_comparison_clause(comparison, period, row.unit, lang))
    share = _share_pct(plan, derivation, indicator, period)
    if share is not None:
        parent = in_sentence(plan.by_id[indicator.parent or ""].name.get(lang))
        clauses.append(("share", {"pct": format_pct(share, 2, lang), "parent": parent}))
    if row.attainment_pct is not None and row.target is not None:
        key = "attainment_ceiling" if indicator.direction == "decrease" else "attainment"
        clauses.append(
            (
                key,
                {
                    "pct": format_pct(row.attainment_pct.value, 2, lang),
                    "target": _figure(row.target, row.unit, target_mark, lang),
                },
            )
        )
    elif row.actual is None or row.target is None:
        attainment = derivation.get(Attainment(indicator.id, period))
        if attainment is not None:  # printed, with neither the value nor the target
            clauses.append(
                ("attainment_bare", {"pct": format_pct(n.pct(attainment.point), 2, lang)})
            )
    if clauses:
        sentence = _figures_sentence(indicator, row, clauses, lang)
    elif row.target is not None:
        sentence = SENTENCES[lang]["no_actual"].format(
            name=row.name,
            when=when(period, lang),
            target=_figure(row.target, row.unit, target_mark, lang),
        )
    elif row.target_growth_pct is not None:
        sentence = _growth_target_sentence(row, lang)
    else:
        sentence = f"{row.name} {when(period, lang)}."
    follow = [_verdict(indicator, row, lang), _actual_status(row, lang)]
    sentence = " ".join([sentence, *(s for s in follow if s)])
    return Result(
        indicator=indicator.id,
        name=row.name,
        unit=row.unit,
        depth=depth,
        period=period,
        sentence=sentence,
        target=row.target,
        target_mark=target_mark,
        target_growth_pct=row.target_growth_pct,
        actual=row.actual,
        actual_mark=actual_mark,
        attainment_pct=row.attainment_pct,
        comparison=comparison,
        status=row.status,
        actual_status=row.actual_status,
    )


def _figure(amount: Amount, unit: str, mark: str, lang: Locale) -> str:
    """A figure in a sentence: '61.005 tỷ đồng', '7.828.894,3 triệu đồng²'."""
    return with_unit(format_amount(amount, lang), unit, lang) + mark


def _figures_sentence(
    indicator: Indicator,
    row: CheckRow,
    clauses: list[tuple[str, dict[str, str]]],
    lang: Locale,
) -> str:
    words = CLAUSES[lang]
    filled = []
    to_reach = bool(indicator.targets or row.target) and indicator.direction == "increase"
    for position, (key, values) in enumerate(clauses):
        # nothing to reach: 'là 80.296 tỷ đồng', not 'đạt'
        later, first = words["value_is" if key == "value" and not to_reach else key]
        filled.append((first if position == 0 else later).format(**values))
    return SENTENCES[lang]["figures"].format(
        name=row.name, when=when(row.period, lang), clauses=", ".join(filled)
    )


def _comparison_clause(
    comparison: Comparison, period: Period, unit: str, lang: Locale
) -> tuple[str, dict[str, str]]:
    """'bằng 92,19 % so với năm 2020' when the report words it so, else 'tăng/giảm …'.

    Up or down is the sign of the difference: from −20 to −10 is 'tăng 10',
    with no percentage (the ratio of two negatives is none: numbers.ratio_gap).
    """
    change = comparison.change
    if comparison.growth_pct is None or comparison.pct_of_previous is None:
        assert change is not None, "a comparison without a percentage has the difference"
        values = {
            "change": with_unit(
                format_number(change.value.copy_abs(), change.places, lang), unit, lang
            ),
            "against": against(comparison.vs, period, lang),
        }
        if change.value == 0:
            return "growth_flat", values
        return ("difference_down" if change.value < 0 else "difference_up"), values
    if comparison.form == "pct_of_previous":
        return "ratio", {
            "pct": format_pct(comparison.pct_of_previous.value, 2, lang),
            "against": against(comparison.vs, period, lang, level=True),
        }
    growth = comparison.growth_pct.value
    values = {
        "pct": format_pct(growth.copy_abs(), 2, lang),
        "against": against(comparison.vs, period, lang),
    }
    if change is not None:
        values["change"] = with_unit(
            format_number(change.value.copy_abs(), change.places, lang), unit, lang
        )
        return ("change_down" if change.value < 0 else "change_up"), values
    if growth == 0:
        return "growth_flat", values
    return ("growth_down" if growth < 0 else "growth_up"), values


def _share_pct(
    plan: Plan, derivation: Derivation, indicator: Indicator, period: Period
) -> Decimal | None:
    """The share of the parent, computed from the two values when both are known."""
    if indicator.parent is None:
        return None
    share = derivation.get(Share(indicator.id, indicator.parent, period))
    if share is None:
        return None
    part = derivation.value(indicator.id, period)
    whole = derivation.value(indicator.parent, period)
    if part is not None and whole is not None and whole.point != 0:
        return n.pct(n.div(part.point, whole.point))
    return n.pct(share.point)


def _verdict(indicator: Indicator, row: CheckRow, lang: Locale) -> str | None:
    """What the attainment means: short of the target, above it, within a ceiling."""
    words = SENTENCES[lang]
    if row.gap is not None and row.status in ("met", "missed"):
        gap = with_unit(
            format_number(row.gap.value.copy_abs(), row.gap.places, lang), row.unit, lang
        )
        if indicator.direction == "decrease":
            if row.status == "missed":
                return words["above_ceiling"].format(gap=gap)
            return (
                words["at_ceiling"]
                if row.gap.value == 0
                else words["below_ceiling"].format(gap=gap)
            )
        if row.status == "missed":
            return words["short"].format(gap=gap)
        return words["on_target"] if row.gap.value == 0 else words["exceeded"].format(gap=gap)
    if row.target_growth_pct is not None and row.status in ("met", "missed"):
        growth = row.target_growth_pct.value
        pct = format_pct(growth, max(1, n.decimals(growth)), lang)
        return words["growth_met" if row.status == "met" else "growth_missed"].format(pct=pct)
    if row.target_growth_pct is not None and row.status == "no_previous":
        growth = row.target_growth_pct.value
        values = {
            "pct": format_pct(growth, max(1, n.decimals(growth)), lang),
            "previous_when": describe(row.previous_period, lang),
        }
        if row.previous is None:
            return words["growth_no_previous"].format(**values)
        return words["growth_no_rate"].format(
            previous=with_unit(format_amount(row.previous, lang), row.unit, lang), **values
        )
    return None


def _actual_status(row: CheckRow, lang: Locale) -> str | None:
    if row.actual_status in ("estimate", "preliminary"):
        return SENTENCES[lang][row.actual_status]
    return None


def _growth_target_sentence(row: CheckRow, lang: Locale) -> str:
    assert row.target_growth_pct is not None
    growth = row.target_growth_pct.value
    key = "next_growth_down" if growth < 0 else "next_growth_up"
    return SENTENCES[lang][key].format(
        name=row.name,
        when=when(row.period, lang),
        pct=format_pct(growth.copy_abs(), max(1, n.decimals(growth)), lang),
        base_when=describe(row.period.previous(), lang),
    )


def _next_target(
    plan: Plan,
    derivation: Derivation,
    indicator: Indicator,
    row: CheckRow,
    lang: Locale,
    notes: _Notes,
) -> NextTarget:
    base = None
    if row.latest_period is not None:
        base = known_amount(
            derivation,
            Level("value", indicator.id, row.latest_period),
            indicator_places(plan, indicator),
        )
    target_mark = notes.mark(indicator.id, row.target)
    base_mark = notes.mark(indicator.id, base)
    sentence = (
        _growth_target_sentence(row, lang)
        if row.target is None
        else _next_sentence(indicator, row, base, target_mark, base_mark, lang)
    )
    return NextTarget(
        indicator=indicator.id,
        name=row.name,
        unit=row.unit,
        period=row.period,
        sentence=sentence,
        target=row.target,
        target_mark=target_mark,
        target_growth_pct=row.target_growth_pct,
        base=base,
        base_mark=base_mark,
        base_period=row.latest_period,
        required_growth_pct=row.required_growth_pct,
    )


def _next_sentence(
    indicator: Indicator,
    row: CheckRow,
    base: Amount | None,
    target_mark: str,
    base_mark: str,
    lang: Locale,
) -> str:
    assert row.target is not None

    values = {
        "name": row.name,
        "when": when(row.period, lang),
        "target": _figure(row.target, row.unit, target_mark, lang),
    }
    required = row.required_growth_pct
    if base is None or row.latest_period is None:
        return SENTENCES[lang]["next_no_base"].format(**values)
    if required is None:  # no percentage (a base of 0 or below): the difference says it
        difference = n.sub(row.target.value, base.value)
        places = max(row.target.places, base.places)
        values |= {
            "change": with_unit(format_number(difference.copy_abs(), places, lang), row.unit, lang),
            "base_when": describe(row.latest_period, lang),
            "base": _figure(base, row.unit, base_mark, lang),
        }
        key = "next_same" if difference == 0 else "next_lower" if difference < 0 else "next_higher"
        return SENTENCES[lang][key].format(**values)
    values |= {
        "pct": format_pct(required.value.copy_abs(), required.places, lang),
        "base_when": describe(row.latest_period, lang),
        "base": _figure(base, row.unit, base_mark, lang),
    }
    key = _required_key(indicator.direction, required.value)
    return SENTENCES[lang][key].format(**values)


def _required_key(direction: str, required: Decimal) -> str:
    """Which way the target lies from the latest actual, for the plan's direction."""
    if required == 0:
        return "next_same"
    rising = required > 0
    if direction == "decrease":
        return "next_above" if rising else "next_down"
    return "next_up" if rising else "next_below"


#: for renderers: a period as a table cell ('2021', '31/12/2021', '11 tháng đầu năm 2021')
def period_label(period: Period, lang: Locale) -> str:
    return str(period.year) if period.kind == "year" else describe(period, lang)
