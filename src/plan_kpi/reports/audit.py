"""The audit report: every figure a report states, checked against the figures it comes from.

A pure function of the plan and its derivation (relations.derive does the
checking; this module only reads its result). One row per checkable
statement: each stated relation the other figures determine (a statement
check), each stated relation nothing else determines (unchecked, with the
reason), and each breakdown of a parent into parts. When three figures
over-determine one quantity (value, change and growth), the engine checks the
last of them against what the others derive; its row names all of them, and
the others get no row of their own, so a disagreement is reported once.

Each row carries the arithmetic behind its verdict as text in the report's
language, so every renderer shows the same explanation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from plan_kpi.core import numbers as n
from plan_kpi.core.intervals import Interval
from plan_kpi.core.models import PERCENT_RELATIONS, RELATIONS, Plan, Source
from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import Period
from plan_kpi.engine.checks import BreakdownCheck, StatementCheck, Verdict
from plan_kpi.engine.equations import Known, equations_for
from plan_kpi.engine.observing import Observation
from plan_kpi.engine.quantities import Attainment, Change, Level, Quantity, Ratio, Share
from plan_kpi.engine.solving import Derivation, lineage
from plan_kpi.reports.figures import label
from plan_kpi.say.display import format_number, format_pct
from plan_kpi.say.terms import say_term
from plan_kpi.say.vocabulary import RELATION_NOUNS, entry

VERDICTS: tuple[Verdict, ...] = ("consistent", "inconsistent", "unchecked")
#: decimals of a computed percentage: enough to see how far it is from the printed one
PCT_PLACES = 4

_WORDS: dict[str, dict[Locale, str]] = {
    "printed": {"en": "printed", "vi": "số in"},
    "exact": {"en": "exact", "vi": "chính xác"},
    "where": {"en": "where", "vi": "trong đó"},
    "no_figure": {
        "en": "nothing to compare it with: no printed {items}",
        "vi": "không có số để so sánh: không có số in của {items}",
    },
    "not_determined": {
        "en": "the other figures do not determine it",
        "vi": "các số khác không xác định được số này",
    },
    "from_this": {"en": "derived from this figure", "vi": "suy ra từ chính số này"},
    "no_target": {
        "en": "nothing to compare it with: targets.yaml has no target {period}",
        "vi": "không có số để so sánh: targets.yaml không có chỉ tiêu {period}",
    },
    "no_parts": {"en": "no figure for {items}", "vi": "không có số của {items}"},
    "no_whole": {"en": "no figure for {item}", "vi": "không có số của {item}"},
}

_BREAKDOWN_RELATION = {"complete": "sum", "partial": "partial", "overlapping": "overlapping"}


def _word(key: str, lang: Locale) -> str:
    return _WORDS[key][lang]


class AuditFigure(BaseModel):
    """A printed figure a row's check involves, and where it was typed."""

    model_config = ConfigDict(frozen=True)

    indicator: str
    relation: str
    period: Period
    value: Decimal
    text: str
    file: str
    line: int
    column: int
    where: str | None

    def is_at(self, relation: str, at: Source) -> bool:
        """Whether this is the figure of that relation typed at that place."""
        return (self.relation, self.file, self.line, self.column) == (
            relation,
            at.file,
            at.line,
            at.column,
        )


class AuditRow(BaseModel):
    """One checkable statement: the printed figure, what the others give, and the verdict.

    ``stated`` is the printed figure (for a breakdown, the parent's value);
    ``computed`` and its bounds are in the printed figure's units (a
    ``growth_pct`` row's computed value is a growth percentage).
    ``stated_places`` and ``places`` are the decimals each side is shown with
    (a derived parent gets one more than its indicator's figures).
    """

    model_config = ConfigDict(frozen=True)

    indicator: str
    period: Period
    vs: Period | None
    relation: str
    percent: bool
    stated: Decimal | None
    stated_low: Decimal | None
    stated_high: Decimal | None
    stated_derived: bool
    stated_places: int
    computed: Decimal | None
    computed_low: Decimal | None
    computed_high: Decimal | None
    places: int
    verdict: Verdict
    file: str | None
    line: int | None
    where: str | None
    explanation: str
    figures: tuple[AuditFigure, ...]

    @property
    def is_statement(self) -> bool:
        """Whether the row checks a printed statement (not a breakdown)."""
        return self.relation in RELATIONS


class AuditReport(BaseModel):
    """Every checkable statement of the plan (or of one period), with a count of each verdict."""

    model_config = ConfigDict(frozen=True)

    plan: str
    title: str
    period: Period | None
    lang: Locale
    rows: tuple[AuditRow, ...]

    @property
    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(VERDICTS, 0)
        for row in self.rows:
            counts[row.verdict] += 1
        return counts

    @property
    def exit_code(self) -> int:
        return 1 if any(row.verdict == "inconsistent" for row in self.rows) else 0


def build_audit(
    plan: Plan,
    derivation: Derivation,
    lang: Locale,
    period: Period | None = None,
    indicators: tuple[str, ...] = (),
) -> AuditReport:
    """One row per statement check, unchecked statement and breakdown; filtered, in plan order."""
    text = _Text(derivation, lang)
    checked: set[Quantity] = set()
    rows = []
    for check in derivation.statement_checks:
        rows.append(_check_row(check, derivation, text))
        checked.update(q for q, _ in lineage(derivation, check.observation.quantity))
    for ob in derivation.fixing:
        if ob.statement is not None and ob.quantity not in checked:
            rows.append(_unchecked_row(ob, derivation, text))
    rows.extend(_breakdown_row(b, derivation, text) for b in derivation.breakdown_checks)
    wanted = set(indicators)
    order = {ind.id: i for i, ind in enumerate(plan.indicators)}
    kept = [
        row
        for row in rows
        if (period is None or row.period == period) and (not wanted or row.indicator in wanted)
    ]
    kept.sort(
        key=lambda row: (
            order[row.indicator],
            row.period,
            row.relation in _BREAKDOWN_RELATION.values() or row.relation.startswith("target_"),
            row.file or "",
            row.line or 0,
        )
    )
    return AuditReport(
        plan=plan.info.id, title=plan.info.title, period=period, lang=lang, rows=tuple(kept)
    )


class FigureAudit(BaseModel):
    """What the audit says of one printed statement.

    ``row`` is the statement's own row: the check of it, or why nothing checks
    it. A statement that, with other figures, over-determines a quantity has
    no row of its own (the disagreement is reported once, on the check's row);
    ``fed`` then holds the rows of the checks that name it among their figures.
    """

    model_config = ConfigDict(frozen=True)

    row: AuditRow | None
    fed: tuple[AuditRow, ...]


def audit_of(report: AuditReport, relation: str, at: Source) -> FigureAudit:
    """The audit of the statement of that relation typed at that place.

    Give it an unfiltered report: a statement can feed a check of another
    period or another indicator (a parent's change behind a part's share).
    """
    own = next(
        (r for r in report.rows if r.is_statement and r.figures[0].is_at(relation, at)), None
    )
    if own is not None:
        return FigureAudit(row=own, fed=())
    fed = tuple(
        r
        for r in report.rows
        if r.is_statement and any(f.is_at(relation, at) for f in r.figures[1:])
    )
    return FigureAudit(row=None, fed=fed)


def _check_row(check: StatementCheck, derivation: Derivation, text: _Text) -> AuditRow:
    """A printed figure the other figures already determine."""
    ob = check.observation
    known = check.computed
    places = _places(ob, known)
    computed = ob.printed(known.point)
    interval = ob.printed_interval(known.interval)
    explanation = "; ".join(
        [
            text.computation(ob, known, computed, interval, places),
            text.printed(ob),
            *text.wheres(ob.quantity),
        ]
    )
    figures = _figures([(ob.quantity, Known(ob.interval, ob.point, observation=ob))])
    figures += _figures(lineage(derivation, ob.quantity))
    return _statement_row(
        ob, check.verdict, computed, interval, places, explanation, tuple(dict.fromkeys(figures))
    )


def _unchecked_row(ob: Observation, derivation: Derivation, text: _Text) -> AuditRow:
    """A printed figure nothing else determines: it fixed its quantity, so it is unchecked."""
    explanation = "; ".join([text.printed(ob), text.unchecked_reason(ob)])
    return _statement_row(
        ob,
        "unchecked",
        None,
        None,
        _places(ob, None),
        explanation,
        _figures([(ob.quantity, Known(ob.interval, ob.point, observation=ob))]),
    )


def _statement_row(
    ob: Observation,
    verdict: Verdict,
    computed: Decimal | None,
    interval: Interval | None,
    places: int,
    explanation: str,
    figures: tuple[AuditFigure, ...],
) -> AuditRow:
    actual = ob.actual
    stated = ob.printed_interval(ob.interval)
    return AuditRow(
        indicator=ob.quantity.indicator,
        period=actual.period if actual else ob.quantity.period,
        vs=ob.quantity.vs if isinstance(ob.quantity, Ratio | Change) else _vs(ob),
        relation=ob.relation,
        percent=ob.relation in PERCENT_RELATIONS,
        stated=ob.figure.value,
        stated_low=stated.low,
        stated_high=stated.high,
        stated_derived=False,
        stated_places=n.decimals(ob.figure.value),
        computed=computed,
        computed_low=interval.low if interval else None,
        computed_high=interval.high if interval else None,
        places=places,
        verdict=verdict,
        file=ob.figure.at.file,
        line=ob.figure.at.line,
        where=_where(ob),
        explanation=explanation,
        figures=figures,
    )


def _vs(ob: Observation) -> Period | None:
    """The comparison period of a printed ``previous``."""
    if ob.relation == "previous" and isinstance(ob.quantity, Level):
        return ob.quantity.period
    return None


def _where(ob: Observation) -> str | None:
    """Where the report prints the figure: the statement's own ``where``, else its value's."""
    if ob.statement is not None and ob.statement.where:
        return ob.statement.where
    return ob.actual.where if ob.actual else None


def _places(ob: Observation, known: Known | None) -> int:
    """Decimals of the computed side: 4 for a percentage; a level's own, one more when inexact."""
    if ob.relation in PERCENT_RELATIONS:
        return PCT_PLACES
    places = n.decimals(ob.figure.value)
    if known is None:
        return places
    exact = known.exact
    if exact and ob.printed(known.point) == n.round_half_up(ob.printed(known.point), places):
        return places
    return places + 1


def _breakdown_row(check: BreakdownCheck, derivation: Derivation, text: _Text) -> AuditRow:
    """Whether a parent's parts add up to it (complete) or stay within it (partial, overlapping)."""
    parent = check.parent
    relation = _BREAKDOWN_RELATION[parent.breakdown]
    if check.kind == "target":
        relation = "target_" + relation
    whole_quantity = Level(check.kind, parent.id, check.period)
    whole = derivation.get(whole_quantity)
    present = []
    for part in check.parts:
        quantity = Level(check.kind, part.id, check.period)
        known = derivation.get(quantity)
        if known is not None:
            present.append((quantity, known))
    places = max(
        [text.level_places(parent.id), *(text.level_places(q.indicator) for q, _ in present)]
    )
    computed: Decimal | None = None
    if check.computed is not None:
        points = [k.point for _, k in present]
        computed = max(points) if parent.breakdown == "overlapping" else _sum(points)
        exact = check.computed.is_exact and computed == n.round_half_up(computed, places)
        places = places if exact else places + 1
    stated: Decimal | None = None
    stated_places = 0
    if whole is not None and whole.observation is not None:
        stated = whole.observation.figure.value
        stated_places = n.decimals(stated)
    elif whole is not None:
        stated, stated_places = whole.point, text.derived_places(whole_quantity, whole)
    figures = _figures(lineage(derivation, whole_quantity))
    for quantity, _ in present:
        figures += _figures(lineage(derivation, quantity))
    anchor = figures[0] if figures else None
    return AuditRow(
        indicator=parent.id,
        period=check.period,
        vs=None,
        relation=relation,
        percent=False,
        stated=stated,
        stated_low=check.whole.interval.low if check.whole else None,
        stated_high=check.whole.interval.high if check.whole else None,
        stated_derived=bool(whole and whole.derived),
        stated_places=stated_places,
        computed=computed,
        computed_low=check.computed.low if check.computed else None,
        computed_high=check.computed.high if check.computed else None,
        places=places,
        verdict=check.verdict,
        file=anchor.file if anchor else None,
        line=anchor.line if anchor else None,
        where=anchor.where if anchor else None,
        explanation=text.breakdown(check, whole_quantity, whole, present, computed, places),
        figures=tuple(dict.fromkeys(figures)),
    )


def visible(interval: Interval, places: int) -> bool:
    """Whether an interval is wider than a value rounded to these decimals shows.

    When both bounds round (half-up) to the same figure, that figure's own
    half-unit already covers the interval, so showing it adds nothing.
    """
    return n.round_half_up(interval.low, places) != n.round_half_up(interval.high, places)


def _sum(values: list[Decimal]) -> Decimal:
    result = n.ZERO
    for value in values:
        result = n.add(result, value)
    return result


def _figures(items: Iterable[tuple[Quantity, Known]]) -> tuple[AuditFigure, ...]:
    """The printed figures among the quantities of a lineage."""
    result = []
    for quantity, known in items:
        ob = known.observation
        if ob is None:
            continue
        result.append(
            AuditFigure(
                indicator=quantity.indicator,
                relation=ob.relation,
                period=ob.actual.period if ob.actual else quantity.period,
                value=ob.figure.value,
                text=ob.figure.text,
                file=ob.figure.at.file,
                line=ob.figure.at.line,
                column=ob.figure.at.column,
                where=_where(ob),
            )
        )
    return tuple(result)


class _Text:
    """The arithmetic of a row in words and localized numbers."""

    def __init__(self, derivation: Derivation, lang: Locale) -> None:
        self.derivation = derivation
        self.lang = lang
        self._places: dict[str, int] = {}
        for quantity, known in derivation.known.items():
            if isinstance(quantity, Level) and known.observation is not None:
                decimals = n.decimals(known.observation.figure.value)
                self._places[quantity.indicator] = max(
                    decimals, self._places.get(quantity.indicator, 0)
                )

    def level_places(self, indicator: str) -> int:
        """Decimals the indicator's printed levels use (the most of them)."""
        return self._places.get(indicator, 0)

    def number(self, value: Decimal, places: int, percent: bool = False) -> str:
        if percent:
            return format_pct(value, places, self.lang)
        return format_number(value, places, self.lang)

    def span(self, interval: Interval, places: int, percent: bool = False) -> str:
        """An interval to the given decimals, rounded outward: '[100,185; 100,195]'."""
        low, high = n.round_outward(interval.low, interval.high, places)
        unit = (" %" if self.lang == "vi" else "%") if percent else ""
        return f"[{self.number(low, places)}; {self.number(high, places)}]{unit}"

    def with_span(self, value: str, interval: Interval, places: int, percent: bool = False) -> str:
        """A value, and its interval when the interval shows at these decimals."""
        if visible(interval, places):
            return f"{value} {self.span(interval, places, percent)}"
        return value

    def name(self, quantity: Quantity, indicator: str | None = None) -> str:
        """'value 2020' for the row's own indicator, 'value 2021-10-31 of loans_total' otherwise."""
        term = label(quantity)
        if quantity.indicator != indicator:
            term = replace(term, whose=quantity.indicator)
        return say_term(term, self.lang)

    def term(self, quantity: Quantity, known: Known) -> str:
        """A known quantity as an operand: a printed figure as printed, a derived one rounded."""
        ob = known.observation
        ratio = isinstance(quantity, Ratio | Attainment | Share)
        if ob is not None:
            shown = self.number(ob.figure.value, n.decimals(ob.figure.value), ratio)
            if ratio and ob.offset != 0:
                sign = "−" if ob.figure.value < 0 else "+"
                shown = self.number(ob.figure.value.copy_abs(), n.decimals(ob.figure.value), True)
                return f"(1 {sign} {shown})"
            return f"({shown})" if ob.figure.value < 0 else shown
        if ratio:
            return self.number(n.pct(known.point), PCT_PLACES, True)
        shown = self.number(known.point, self.derived_places(quantity, known))
        return f"({shown})" if known.point < 0 else shown

    def derived_places(self, quantity: Quantity, known: Known) -> int:
        """A derived level: one decimal more than the indicator's figures, unless exactly whole."""
        whole = known.exact and known.point == known.point.to_integral_value()
        return 0 if whole else self.level_places(quantity.indicator) + 1

    def expression(self, quantity: Quantity, known: Known) -> str:
        """The equation that derived a quantity, solved for it, with its operands' values."""
        eq = known.equation
        assert eq is not None
        values = self.derivation.known
        r, a, b = (self.term(q, values[q]) for q in eq.terms)
        if eq.op == "product":
            solved = {eq.result: f"{a} × {b}", eq.left: f"{r} / {b}", eq.right: f"{r} / {a}"}
        else:
            solved = {eq.result: f"{a} − {b}", eq.left: f"{r} + {b}", eq.right: f"{a} − {r}"}
        return solved[quantity]

    def computation(
        self,
        ob: Observation,
        known: Known,
        computed: Decimal,
        interval: Interval,
        places: int,
    ) -> str:
        """'15.178 / 15.000 × 100 = 101,1867 %': what the other figures give, in printed units."""
        percent = ob.relation in PERCENT_RELATIONS
        result = self.with_span(self.number(computed, places, percent), interval, places)
        source = known.observation
        if source is not None:
            named = entry(RELATION_NOUNS, source.relation, self.lang)
            given = f"{named} {self.term(ob.quantity, known)} ({source.figure.at})"
            if source.scale == ob.scale and source.offset == ob.offset:
                return given
            return f"{given} → {result}"
        expr = self.expression(ob.quantity, known)
        if ob.offset != 0:
            return f"({expr} − 1) × 100 = {result}"
        if ob.scale != 1:
            return f"{expr} × 100 = {result}"
        return f"{expr} = {result}"

    def printed(self, ob: Observation) -> str:
        """'printed 100,19 → [100,185; 100,195]', or 'printed 15.000 (exact)'."""
        value = ob.figure.value
        percent = ob.relation in PERCENT_RELATIONS
        shown = self.number(value, n.decimals(value), percent)
        interval = ob.printed_interval(ob.interval)
        head = _word("printed", self.lang)
        if interval.is_exact:
            return f"{head} {shown} ({_word('exact', self.lang)})"
        return f"{head} {shown} → {self.span(interval, n.decimals(value) + 1, percent)}"

    def wheres(self, quantity: Quantity) -> list[str]:
        """'where value 2020-12-31 = 80.296 − 8.570 = 71.726', for each derived input."""
        result = []
        seen: set[Quantity] = {quantity}
        for source, known in lineage(self.derivation, quantity):
            if source in seen or not known.derived:
                continue
            seen.add(source)
            result.append(
                f"{_word('where', self.lang)} {self.name(source, quantity.indicator)}"
                f" = {self.expression(source, known)} = {self.value_text(source, known)}"
            )
        return result

    def value_text(self, quantity: Quantity, known: Known) -> str:
        """A derived value with its interval when it is not exact."""
        if isinstance(quantity, Ratio | Attainment | Share):
            text = self.number(n.pct(known.point), PCT_PLACES, True)
            return self.with_span(text, known.interval.scale(n.HUNDRED), PCT_PLACES, True)
        places = self.derived_places(quantity, known)
        return self.with_span(self.number(known.point, places), known.interval, places)

    def unchecked_reason(self, ob: Observation) -> str:
        """Why nothing checks a figure: which figure is missing, and what it derived instead."""
        quantity = ob.quantity
        known = self.derivation.known
        if ob.relation == "target":
            return _word("no_target", self.lang).format(period=quantity.period)
        if ob.relation == "previous":
            return _word("not_determined", self.lang)
        missing = []
        for equation in equations_for(quantity):
            for term in equation.terms:
                if term == quantity:
                    continue
                source = known.get(term)
                if source is None:
                    missing.append(self.name(term, quantity.indicator))
                elif source.derived and quantity in {q for q, _ in lineage(self.derivation, term)}:
                    missing.append(
                        f"{self.name(term, quantity.indicator)} ({_word('from_this', self.lang)}:"
                        f" {self.value_text(term, source)})"
                    )
        if not missing:
            return _word("not_determined", self.lang)
        return _word("no_figure", self.lang).format(items=", ".join(missing))

    def breakdown(
        self,
        check: BreakdownCheck,
        whole_quantity: Level,
        whole: Known | None,
        present: list[tuple[Level, Known]],
        computed: Decimal | None,
        places: int,
    ) -> str:
        """'1.542 + 2.524 + 11.112 = 15.178; printed 15.178 (exact)', or what is missing."""
        parts = [self.term(q, k) for q, k in present]
        if check.missing:
            missing = ", ".join(check.missing)
            head = _word("no_parts", self.lang).format(items=missing)
        else:
            head = ""
        clauses = [head] if head else []
        if computed is not None and check.computed is not None:
            result = self.with_span(self.number(computed, places), check.computed, places)
            if len(parts) == 1:
                expr = result
            elif check.parent.breakdown == "overlapping":
                expr = f"max({', '.join(parts)}) = {result}"
            else:
                expr = f"{' + '.join(parts)} = {result}"
            if whole is not None and check.parent.breakdown != "complete":
                expr += f" ≤ {self.term(whole_quantity, whole)}"
            clauses.append(expr)
        if whole is None:
            clauses.append(
                _word("no_whole", self.lang).format(item=self.name(whole_quantity, None))
            )
        elif whole.observation is not None:
            clauses.append(self.printed(whole.observation))
        else:
            clauses.extend(self.wheres_of(whole_quantity, whole))
        for quantity, known in present:
            if known.derived:
                clauses.extend(self.wheres_of(quantity, known))
        return "; ".join(dict.fromkeys(clauses))

    def wheres_of(self, quantity: Quantity, known: Known) -> list[str]:
        """The derivation of a derived quantity itself, then of its derived inputs."""
        head = (
            f"{_word('where', self.lang)} {self.name(quantity, None)}"
            f" = {self.expression(quantity, known)} = {self.value_text(quantity, known)}"
        )
        return [head, *self.wheres(quantity)]
