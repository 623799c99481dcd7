"""The audit report: every figure a report states, checked against the figures it comes from.

A pure function of the plan and its derivation (the engine decides every check; this
module only reads its result). One row per checkable statement: each stated relation the
other figures determine (a statement check), each stated relation nothing else determines
(unchecked, with the reason), and each breakdown of a parent into parts. When three
figures over-determine one quantity (value, change and growth), the engine checks the last
of them against what the others derive; its row names all of them, and the others get no
row of their own, so a disagreement is reported once.

Rows are data, never words: each carries its arithmetic as a structured explanation (the
equation solved, its operands as terms with their values, intervals and sources, the exact
range, the witness or the margin, the reason a row is unchecked as a key), and the say
layer (``say/audit.py``) writes it in the reader's language.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Hashable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, cast

from plan_kpi.core import numbers as n
from plan_kpi.core.formulas import Number, Ref, pieces
from plan_kpi.core.intervals import Interval
from plan_kpi.core.models import (
    PERCENT_RELATIONS,
    RELATIONS,
    ROUNDED_RELATIONS,
    Bound,
    Classification,
    Plan,
    Source,
    Text,
)
from plan_kpi.core.periods import Period
from plan_kpi.core.records import record, replace
from plan_kpi.engine.bounds import Decision, Expr, Range, evaluate, leaves
from plan_kpi.engine.checks import BreakdownCheck, StatementCheck, Verdict
from plan_kpi.engine.equations import FormulaEquation, Known, equations_for
from plan_kpi.engine.observing import Observation
from plan_kpi.engine.quantities import Attainment, Change, Level, Quantity, Ratio, Share
from plan_kpi.engine.solving import Derivation, lineage
from plan_kpi.reports.figures import Term, label, observed_label

VERDICTS: tuple[Verdict, ...] = ("consistent", "inconsistent", "unchecked")
#: decimals of a computed percentage: enough to see how far it is from the printed one
PCT_PLACES = 4

_BREAKDOWN_RELATION = {"complete": "sum", "partial": "partial", "overlapping": "overlapping"}

#: why a row is unchecked, or why its verdict has no witness (say/audit.py says each):
#: no_target (targets.yaml has no target that period), not_determined (the other figures
#: do not determine it), no_figure (a figure it needs is missing: ``missing``), no_parts
#: (a part of the breakdown has no figure), no_whole (the parent has none), and the
#: engine's divisor_may_be_zero, budget_spent, no_decimal_witness
Reason = Literal[
    "no_target",
    "not_determined",
    "no_figure",
    "no_parts",
    "no_whole",
    "divisor_may_be_zero",
    "budget_spent",
    "no_decimal_witness",
    "bound_enters_twice",
]
#: an equation's operation: ``result = left × right``, ``left / right``, …
Operation = Literal["times", "over", "minus", "plus", "formula"]


@record(kw_only=True)
class AuditFigure:
    """A printed figure a row's check involves, and where it was typed."""

    indicator: str
    name: Text
    relation: str
    period: Period
    value: Decimal
    text: str
    file: str
    line: int
    column: int
    where: str | None
    #: the plan's target it is of, by name, when it is not the default one
    against: str | None = None
    #: the unit it was typed in, when another scale of its indicator's ('triệu USD')
    unit: str | None = None

    def is_at(self, relation: str, at: Source) -> bool:
        """Whether this is the figure of that relation typed at that place."""
        return (self.relation, self.file, self.line, self.column) == (
            relation,
            at.file,
            at.line,
            at.column,
        )


@record(kw_only=True)
class AuditTerm:
    """A quantity a row's arithmetic names: what it is, its value, its interval, its source.

    ``term`` names it in the plan's words (``whose`` and ``of`` are indicator ids, said
    by ``name`` and ``of_name``). A printed figure's value is as typed, in its printed
    units (``figure`` says where); a derived one's is in display units (a ratio as a
    percentage), with ``low``/``high`` the values it may take in the same units.
    """

    term: Term
    indicator: str
    name: Text
    of_name: Text | None = None
    value: Decimal
    places: int
    percent: bool = False
    #: a printed growth (or excess over the target), which multiplies as (1 + g %)
    growth: bool = False
    #: a printed shortfall from the target, which multiplies as (1 − s %)
    shortfall: bool = False
    low: Decimal | None = None
    high: Decimal | None = None
    #: a half-line has one of low, high None; an open end is not one of its values
    low_open: bool = False
    high_open: bool = False
    #: a printed figure's qualifier ("trên 90 %": above)
    bound: Bound | None = None
    figure: AuditFigure | None = None

    @property
    def interval(self) -> Interval | None:
        if self.low is None and self.high is None:
            return None
        return Interval(self.low, self.high, self.low_open, self.high_open)


@record(kw_only=True)
class AuditSymbol:
    """An operator or a parenthesis (``symbol``: + − × / ( )), or a number, of a formula."""

    symbol: str | None = None
    #: the symbol is a minus sign of what follows (−x), not an operation between two
    unary: bool = False
    number: Decimal | None = None


@record(kw_only=True)
class AuditStep:
    """An equation solved for one of its terms: ``result = left op right``; a formula's
    (``op`` formula): ``result = expression``, its operands and symbols in order."""

    result: AuditTerm
    op: Operation
    left: AuditTerm | None = None
    right: AuditTerm | None = None
    expression: tuple[AuditTerm | AuditSymbol, ...] = ()


@record(kw_only=True)
class AuditMissing:
    """A figure a check would need and nobody printed; ``derived``: what this figure gives it."""

    term: Term
    indicator: str
    name: Text
    derived: AuditTerm | None = None


@record(kw_only=True)
class WitnessValue:
    """One value of a witness: a printed figure's true value, or what those values give."""

    term: Term
    indicator: str
    name: Text
    of_name: Text | None = None
    #: exact: a printed figure's a short decimal in its printed units, a derived one's in
    #: display units (a ratio as a percentage)
    value: Fraction
    percent: bool = False
    #: decimals its indicator's printed figures use (a derived value is shown with more)
    places: int = 0


@record(kw_only=True)
class AuditWitness:
    """True values, each within its printed interval, for which every equation of the check
    holds and the checked figure is what was printed."""

    #: the printed figures that are not exact, at their true values
    figures: tuple[WitnessValue, ...]
    #: the derived quantities between them and the checked figure, at those values
    derived: tuple[WitnessValue, ...]
    #: the checked figure at those values, in its printed units (a statement's)
    value: Fraction | None = None


@record(kw_only=True)
class AuditExplanation:
    """The arithmetic behind a row's verdict, as data.

    ``kind``: ``computed`` (an equation gives the checked quantity: ``step``, then
    ``scale`` into the printed units), ``given`` (another printed figure of the same
    quantity: ``given``), ``unchecked`` (nothing gives it: ``reason`` and ``missing``),
    ``breakdown`` (``parts`` added up, or the largest of them, against ``whole``).
    ``wheres`` are the derivations of the derived quantities it used, in order.
    """

    kind: Literal["computed", "given", "unchecked", "breakdown"]
    #: the printed figure checked (a breakdown's parent, when it was printed)
    printed: AuditTerm | None = None
    step: AuditStep | None = None
    #: how the computed quantity becomes the printed figure's units: × 100, (… − 1) × 100,
    #: (1 − …) × 100 (a shortfall from the target), or × ``unit_factor`` for a level printed
    #: at another scale (× 1.000: tỷ to triệu)
    scale: Literal["none", "percent", "growth", "shortfall", "unit"] = "none"
    unit_factor: Decimal | None = None
    given: AuditTerm | None = None
    #: the given figure is in other units than the printed one (92,19 % for a growth)
    converted: bool = False
    wheres: tuple[AuditStep, ...] = ()
    combine: Literal["sum", "max"] | None = None
    parts: tuple[AuditTerm, ...] = ()
    whole: AuditTerm | None = None
    #: the parts are held to at most the parent (partial, overlapping), not equal to it
    at_most: bool = False
    #: the exact range of the checked figure, in its printed units (a breakdown: of the
    #: parts' sum, or of its largest part); outer bounds when not ``range_exact``
    range_low: Fraction | None = None
    range_high: Fraction | None = None
    range_exact: bool = False
    #: the range is a half-line: no least (greatest) value; range_low (range_high) is None
    range_unbounded_below: bool = False
    range_unbounded_above: bool = False
    #: the range's end is approached, never reached (a strict bound's, or a limit at ∞)
    range_low_open: bool = False
    range_high_open: bool = False
    witness: AuditWitness | None = None
    #: the signed distance between the printed interval and the range (positive: they
    #: overlap by that much at the nearer edge; negative: they miss by that much)
    margin: Fraction | None = None
    reason: Reason | None = None
    missing: tuple[AuditMissing, ...] = ()


@record(kw_only=True)
class AuditRow:
    """One checkable statement: the printed figure, what the others give, and the verdict.

    ``stated`` is the printed figure (for a breakdown, the parent's value);
    ``computed`` and its bounds are in the printed figure's units (a
    ``growth_pct`` row's computed value is a growth percentage).
    ``stated_places`` and ``places`` are the decimals each side is shown with
    (a derived parent gets one more than its indicator's figures). A bounded printed
    figure has its ``stated_bound`` ("trên 90 %": 90, above) and a half-line for its
    interval (``stated_high`` None); a computed half-line has one of its bounds None.
    """

    indicator: str
    name: Text
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
    stated_bound: Bound | None = None
    #: the plan's target the row is of, by name, when it is not the default one
    against: str | None = None
    stated_low_open: bool = False
    stated_high_open: bool = False
    computed_low_open: bool = False
    computed_high_open: bool = False
    verdict: Verdict
    file: str | None
    line: int | None
    where: str | None
    explanation: AuditExplanation
    figures: tuple[AuditFigure, ...]
    #: a breakdown row's classification of the parts (None: the parent's single breakdown)
    classification: Classification | None = None

    @property
    def is_statement(self) -> bool:
        """Whether the row checks a printed statement or value (a formula's), not a breakdown."""
        return self.relation in RELATIONS or self.relation == "value"


@record(kw_only=True)
class AuditReport:
    """Every checkable statement of the plan (or of one period), with a count of each verdict."""

    plan: str
    title: str
    period: Period | None
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
    period: Period | None = None,
    indicators: tuple[str, ...] = (),
    verdict: Verdict | None = None,
) -> AuditReport:
    """One row per statement check, unchecked statement and breakdown; filtered, in plan order.

    ``verdict`` keeps only the rows of that verdict (a report's findings are the
    inconsistent ones), and the others are never built: the summary then counts those
    rows alone.
    """
    wanted = set(indicators)

    def kept(indicator: str, row_period: Period) -> bool:
        return (period is None or row_period == period) and (not wanted or indicator in wanted)

    rows = _Rows(plan, derivation)
    # the statements a check reads, which are then not unchecked
    checked: set[Quantity] | None = set() if verdict in (None, "unchecked") else None
    found = []
    for check in derivation.statement_checks:
        if checked is not None:
            checked.update(
                q for q, _ in lineage(derivation, check.observation.quantity, check.computed)
            )
        ob = check.observation
        # a verdict is worked out only for a row the other filters keep
        if kept(ob.quantity.indicator, _row_period(ob)) and (
            verdict is None or check.verdict == verdict
        ):
            found.append(rows.check_row(check))
    if checked is not None:
        for ob in derivation.fixing:
            unchecked = ob.statement is not None and ob.quantity not in checked
            if unchecked and kept(ob.quantity.indicator, _row_period(ob)):
                found.append(rows.unchecked_row(ob))
    found.extend(
        rows.breakdown_row(b)
        for b in derivation.breakdown_checks
        if kept(b.parent.id, b.period) and (verdict is None or b.verdict == verdict)
    )
    order = {ind.id: i for i, ind in enumerate(plan.indicators)}
    declared: dict[tuple[str, Classification | None], int] = {
        (ind.id, classification): i
        for ind in plan.indicators
        for i, classification in enumerate(ind.breakdowns)
    }
    found.sort(
        key=lambda row: (
            order[row.indicator],
            row.period,
            row.relation in _BREAKDOWN_RELATION.values() or row.relation.startswith("target_"),
            row.file or "",
            row.line or 0,
            declared.get((row.indicator, row.classification), -1),
        )
    )
    return AuditReport(plan=plan.info.id, title=plan.info.title, period=period, rows=tuple(found))


@record(kw_only=True)
class FigureAudit:
    """What the audit says of one printed statement.

    ``row`` is the statement's own row: the check of it, or why nothing checks
    it. A statement that, with other figures, over-determines a quantity has
    no row of its own (the disagreement is reported once, on the check's row);
    ``fed`` then holds the rows of the checks that name it among their figures.
    """

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


def visible(interval: Interval, places: int) -> bool:
    """Whether an interval is wider than a value rounded to these decimals shows.

    When both bounds round (half-up) to the same figure, that figure's own
    half-unit already covers the interval, so showing it adds nothing.
    """
    if interval.low is None or interval.high is None:
        return True  # a half-line is always more than a value
    return n.round_half_up(interval.low, places) != n.round_half_up(interval.high, places)


def _against(quantity: Quantity) -> str | None:
    """The named target a target or an attainment is of (None: the default one)."""
    return quantity.name if isinstance(quantity, Level | Attainment) else None


def _row_period(ob: Observation) -> Period:
    return ob.actual.period if ob.actual else ob.quantity.period


def _vs(ob: Observation) -> Period | None:
    """The comparison period of a statement: a ratio's or change's, a printed previous'."""
    if isinstance(ob.quantity, Ratio | Change):
        return ob.quantity.vs
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
    if ob.relation in ROUNDED_RELATIONS:
        return PCT_PLACES
    places = n.decimals(ob.figure.value)
    if known is None:
        return places
    if known.exact and ob.printed(known.point) == n.round_half_up(ob.printed(known.point), places):
        return places
    return places + 1


def _sum(values: list[Decimal]) -> Decimal:
    result = n.ZERO
    for value in values:
        result = n.add(result, value)
    return result


def _scale(ob: Observation) -> Literal["none", "percent", "growth", "shortfall", "unit"]:
    """How a quantity becomes the figure's printed units: as is, × 100, (… − 1) × 100,
    (1 − …) × 100, or another scale of its unit (180,8 triệu USD in tỷ USD)."""
    if ob.offset != 0:
        return "shortfall" if ob.scale < 0 else "growth"
    if ob.relation in PERCENT_RELATIONS:
        return "percent"
    return "unit" if ob.scale != 1 else "none"


def _is_ratio(quantity: Quantity) -> bool:
    return isinstance(quantity, Ratio | Attainment | Share)


class _Rows:
    """The rows of one plan's audit, with the decimals each indicator's figures use."""

    def __init__(self, plan: Plan, derivation: Derivation) -> None:
        self.plan = plan
        self.derivation = derivation
        self._places: dict[str, int] = {}
        for quantity, known in derivation.known.items():
            if isinstance(quantity, Level) and known.observation is not None:
                # in the indicator's unit: 180,8 triệu USD in tỷ USD is 0,1808
                decimals = n.decimals(known.observation.point)
                self._places[quantity.indicator] = max(
                    decimals, self._places.get(quantity.indicator, 0)
                )

    # -- rows ------------------------------------------------------------------------------

    def check_row(self, check: StatementCheck) -> AuditRow:
        """A printed figure the other figures already determine."""
        ob = check.observation
        known = check.computed
        places = _places(ob, known)
        computed = ob.printed(known.point)
        interval = ob.printed_interval(known.interval)
        decision = check.decision
        source = known.observation
        if source is not None:
            explanation = AuditExplanation(
                kind="given",
                printed=self.printed(ob),
                given=self.operand(ob.quantity, known, ob.quantity.indicator),
                converted=(source.scale, source.offset) != (ob.scale, ob.offset),
            )
        else:
            explanation = AuditExplanation(
                kind="computed",
                printed=self.printed(ob),
                step=self.step(ob.quantity, known, ob.quantity.indicator),
                scale=_scale(ob),
                unit_factor=n.div(n.ONE, ob.scale) if _scale(ob) == "unit" else None,
                wheres=tuple(self.wheres(ob.quantity, known)),
            )
        explanation = self.decided(
            explanation,
            decision,
            decision.range,
            self.witness(
                (check.formula,),
                decision.witness,
                [ob.quantity],
                ob.quantity.indicator,
                skip=ob.quantity,
                roots={ob.quantity: known},
            ),
        )
        figures = self.figures([(ob.quantity, Known(ob.interval, ob.point, observation=ob))])
        figures += self.figures(lineage(self.derivation, ob.quantity, known))
        return self.statement_row(
            ob, check.verdict, computed, interval, places, explanation, figures
        )

    def unchecked_row(self, ob: Observation) -> AuditRow:
        """A printed figure nothing else determines: it fixed its quantity, so it is unchecked."""
        reason, missing = self.unchecked_reason(ob)
        explanation = AuditExplanation(
            kind="unchecked", printed=self.printed(ob), reason=reason, missing=missing
        )
        return self.statement_row(
            ob,
            "unchecked",
            None,
            None,
            _places(ob, None),
            explanation,
            self.figures([(ob.quantity, Known(ob.interval, ob.point, observation=ob))]),
        )

    def statement_row(
        self,
        ob: Observation,
        verdict: Verdict,
        computed: Decimal | None,
        interval: Interval | None,
        places: int,
        explanation: AuditExplanation,
        figures: tuple[AuditFigure, ...],
    ) -> AuditRow:
        stated = ob.printed_interval(ob.interval)
        return AuditRow(
            indicator=ob.quantity.indicator,
            name=self.plan.by_id[ob.quantity.indicator].name,
            period=_row_period(ob),
            vs=_vs(ob),
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
            stated_bound=ob.figure.bound,
            against=_against(ob.quantity),
            stated_low_open=stated.low_open,
            stated_high_open=stated.high_open,
            computed_low_open=bool(interval and interval.low_open),
            computed_high_open=bool(interval and interval.high_open),
            verdict=verdict,
            file=ob.figure.at.file,
            line=ob.figure.at.line,
            where=_where(ob),
            explanation=explanation,
            figures=tuple(dict.fromkeys(figures)),
        )

    def breakdown_row(self, check: BreakdownCheck) -> AuditRow:
        """Whether a parent's parts add up to it (complete) or stay within it."""
        parent = check.parent
        relation = _BREAKDOWN_RELATION[check.breakdown]
        if check.kind == "target":
            relation = "target_" + relation
        whole_quantity = Level(check.kind, parent.id, check.period, check.name)
        whole = check.whole
        present = list(check.present)
        places = max(
            [self.level_places(parent.id), *(self.level_places(q.indicator) for q, _ in present)]
        )
        computed: Decimal | None = None
        interval = check.computed
        if interval is not None:
            points = [k.point for _, k in present]
            computed = max(points) if check.overlapping else _sum(points)
            exact = interval.is_exact and computed == n.round_half_up(computed, places)
            places = places if exact else places + 1
        stated: Decimal | None = None
        stated_places = 0
        if whole is not None and whole.observation is not None:
            stated = whole.observation.figure.value
            stated_places = n.decimals(stated)
        elif whole is not None:
            stated, stated_places = whole.point, self.derived_places(whole_quantity, whole)
        figures = self.figures(lineage(self.derivation, whole_quantity))
        for quantity, _ in present:
            figures += self.figures(lineage(self.derivation, quantity))
        anchor = figures[0] if figures else None
        wheres: list[AuditStep] = []
        if whole is not None and whole.derived:
            wheres += self.wheres_of(whole_quantity, whole)
        for quantity, known in present:
            if known.derived:
                wheres += self.wheres_of(quantity, known)
        reason: Reason | None = None
        if check.missing:
            reason = "no_parts"
        elif whole is None:
            reason = "no_whole"
        explanation = AuditExplanation(
            kind="breakdown",
            printed=self.printed(whole.observation)
            if whole is not None and whole.observation is not None
            else None,
            combine="max" if check.overlapping else "sum",
            parts=tuple(self.operand(q, k, parent.id) for q, k in present),
            whole=self.operand(whole_quantity, whole, parent.id) if whole is not None else None,
            at_most=check.breakdown != "complete",
            wheres=tuple(dict.fromkeys(wheres)),
            reason=reason,
            missing=tuple(
                self.missing_term(Level(check.kind, part, check.period, check.name))
                for part in check.missing
            )
            + (() if whole is not None else (self.missing_term(whole_quantity),)),
        )
        if check.decisions:
            quantities: list[Quantity] = [whole_quantity, *(q for q, _ in present)]
            explanation = self.decided(
                explanation,
                check.decisions[0],
                check.range,
                self.witness(
                    (check.sum, *((whole.formula,) if whole is not None else ())),
                    check.witness,
                    quantities,
                    parent.id,
                ),
                margin=check.margin,
                reason=check.reason,
            )
        elif check.range is not None:
            explanation = _with_range(explanation, check.range)
        return AuditRow(
            indicator=parent.id,
            name=self.plan.by_id[parent.id].name,
            period=check.period,
            vs=None,
            relation=relation,
            percent=False,
            stated=stated,
            stated_low=whole.interval.low if whole else None,
            stated_high=whole.interval.high if whole else None,
            stated_derived=bool(whole and whole.derived),
            stated_places=stated_places,
            computed=computed,
            computed_low=interval.low if interval else None,
            computed_high=interval.high if interval else None,
            places=places,
            stated_bound=whole.observation.figure.bound
            if whole is not None and whole.observation is not None
            else None,
            against=check.name,
            stated_low_open=bool(whole and whole.interval.low_open),
            stated_high_open=bool(whole and whole.interval.high_open),
            computed_low_open=bool(interval and interval.low_open),
            computed_high_open=bool(interval and interval.high_open),
            verdict=check.verdict,
            file=anchor.file if anchor else None,
            line=anchor.line if anchor else None,
            where=anchor.where if anchor else None,
            explanation=explanation,
            figures=tuple(dict.fromkeys(figures)),
            classification=check.classification,
        )

    # -- the verdict's evidence ------------------------------------------------------------

    def decided(
        self,
        explanation: AuditExplanation,
        decision: Decision,
        span: Range | None,
        witness: AuditWitness | None,
        *,
        margin: Fraction | None = None,
        reason: Reason | None = None,
    ) -> AuditExplanation:
        """The explanation with the range, the witness, the margin and the engine's reason."""
        said = _with_range(explanation, span)
        engine_reason = reason if reason is not None else decision.reason
        return replace(
            said,
            witness=witness,
            margin=margin if margin is not None else decision.margin,
            reason=explanation.reason or engine_reason,
        )

    def witness(
        self,
        formulas: tuple[Expr, ...],
        values: Mapping[Hashable, Decimal] | None,
        quantities: list[Quantity],
        own: str,
        skip: Quantity | None = None,
        roots: Mapping[Quantity, Known] | None = None,
    ) -> AuditWitness | None:
        """A decision's witness, by figure, with the derived values it gives on the way.

        ``skip`` is a statement's checked quantity: its value at the witness is the row's.
        """
        if values is None:
            return None
        figures = []
        seen_leaves: set[Hashable] = set()
        for leaf in (leaf for formula in formulas for leaf in leaves(formula)):
            if leaf.is_exact or leaf.key in seen_leaves or leaf.key not in values:
                continue
            seen_leaves.add(leaf.key)
            ob = self.derivation.known[cast(Quantity, leaf.key)].observation
            assert ob is not None, "a leaf is a printed figure"
            value = (Fraction(values[leaf.key]) - Fraction(ob.offset)) / Fraction(ob.scale)
            term = observed_label(ob)
            indicator = ob.quantity.indicator
            figures.append(
                WitnessValue(
                    term=term if indicator == own else replace(term, whose=indicator),
                    indicator=indicator,
                    name=self.plan.by_id[indicator].name,
                    of_name=self.of_name(term),
                    value=value,
                    percent=ob.relation in PERCENT_RELATIONS,
                    places=n.decimals(ob.figure.value),
                )
            )
        derived = []
        seen: set[Quantity] = set() if skip is None else {skip}
        for start in quantities:
            for quantity, source in lineage(self.derivation, start, (roots or {}).get(start)):
                if quantity in seen or not source.derived:
                    continue
                seen.add(quantity)
                value = evaluate(source.formula, values)
                percent = _is_ratio(quantity)
                term = _own_term(quantity, own)
                derived.append(
                    WitnessValue(
                        term=term,
                        indicator=quantity.indicator,
                        name=self.plan.by_id[quantity.indicator].name,
                        of_name=self.of_name(term),
                        value=value * 100 if percent else value,
                        percent=percent,
                        places=PCT_PLACES if percent else self.level_places(quantity.indicator),
                    )
                )
        checked = evaluate(formulas[0], values) if skip is not None else None
        return AuditWitness(figures=tuple(figures), derived=tuple(derived), value=checked)

    # -- terms -----------------------------------------------------------------------------

    def level_places(self, indicator: str) -> int:
        """Decimals the indicator's printed levels use (the most of them)."""
        return self._places.get(indicator, 0)

    def derived_places(self, quantity: Quantity, known: Known) -> int:
        """A derived level: one decimal more than the indicator's figures, unless exactly whole."""
        whole = known.exact and known.point == known.point.to_integral_value()
        return 0 if whole else self.level_places(quantity.indicator) + 1

    def of_name(self, term: Term) -> Text | None:
        return self.plan.by_id[term.of].name if term.of is not None else None

    def operand(self, quantity: Quantity, known: Known, own: str | None) -> AuditTerm:
        """A known quantity as an operand: a printed figure as printed, a derived one rounded."""
        ob = known.observation
        term = _own_term(quantity, own)
        common: dict[str, Any] = {
            "term": term,
            "indicator": quantity.indicator,
            "name": self.plan.by_id[quantity.indicator].name,
            "of_name": self.of_name(term),
        }
        ratio = _is_ratio(quantity)
        if ob is not None and not ratio and ob.scale != 1:  # 180,8 triệu USD is 0,1808 tỷ
            return AuditTerm(
                **common,
                value=ob.point,
                places=n.decimals(ob.point),
                low=ob.interval.low,
                high=ob.interval.high,
                low_open=ob.interval.low_open,
                high_open=ob.interval.high_open,
                bound=ob.figure.bound,
                figure=self.figure(quantity, ob),
            )
        if ob is not None:
            printed = ob.printed_interval(ob.interval)
            return AuditTerm(
                **common,
                value=ob.figure.value,
                places=n.decimals(ob.figure.value),
                percent=ob.relation in PERCENT_RELATIONS,
                growth=ob.offset != 0 and ob.scale > 0,
                shortfall=ob.scale < 0,
                low=printed.low,
                high=printed.high,
                low_open=printed.low_open,
                high_open=printed.high_open,
                bound=ob.figure.bound,
                figure=self.figure(quantity, ob),
            )
        if ratio:
            interval = known.interval.scale(n.HUNDRED)
            return AuditTerm(
                **common,
                value=n.pct(known.point),
                places=PCT_PLACES,
                percent=True,
                low=interval.low,
                high=interval.high,
                low_open=interval.low_open,
                high_open=interval.high_open,
            )
        return AuditTerm(
            **common,
            value=known.point,
            places=self.derived_places(quantity, known),
            low=known.interval.low,
            high=known.interval.high,
            low_open=known.interval.low_open,
            high_open=known.interval.high_open,
        )

    def printed(self, ob: Observation) -> AuditTerm:
        """The printed figure a row checks, as typed, with the interval its digits allow."""
        interval = ob.printed_interval(ob.interval)
        term = observed_label(ob)
        return AuditTerm(
            term=term,
            indicator=ob.quantity.indicator,
            name=self.plan.by_id[ob.quantity.indicator].name,
            of_name=self.of_name(term),
            value=ob.figure.value,
            places=n.decimals(ob.figure.value),
            percent=ob.relation in PERCENT_RELATIONS,
            low=interval.low,
            high=interval.high,
            low_open=interval.low_open,
            high_open=interval.high_open,
            bound=ob.figure.bound,
            figure=self.figure(ob.quantity, ob),
        )

    def step(self, quantity: Quantity, known: Known, own: str | None) -> AuditStep:
        """The equation that derived a quantity, solved for it, with its operands' values."""
        eq = known.equation
        assert eq is not None
        # each term as the derivation used it (a formula's printed value, known since, aside)
        values = ChainMap(
            dict(zip(known.inputs, known.sources, strict=True)), self.derivation.known
        )
        result = self.operand(quantity, known, own)
        if isinstance(eq, FormulaEquation):
            expression: list[AuditTerm | AuditSymbol] = []
            for piece in pieces(eq.expression_for(quantity)):
                if isinstance(piece, Ref):
                    level = eq.level(piece.id)
                    expression.append(self.operand(level, values[level], own))
                elif isinstance(piece, Number):
                    expression.append(AuditSymbol(number=piece.value))
                else:  # a sign between spaces is an operation's, a bare one minus what follows
                    unary = piece == piece.strip() and piece not in "()"
                    expression.append(AuditSymbol(symbol=piece.strip(), unary=unary))
            return AuditStep(result=result, op="formula", expression=tuple(expression))
        r, a, b = (self.operand(q, values[q], own) for q in eq.terms)
        solved: dict[Quantity, tuple[Operation, AuditTerm, AuditTerm]]
        if eq.op == "product":
            solved = {eq.result: ("times", a, b), eq.left: ("over", r, b), eq.right: ("over", r, a)}
        else:
            solved = {
                eq.result: ("minus", a, b),
                eq.left: ("plus", r, b),
                eq.right: ("minus", a, r),
            }
        op, left, right = solved[quantity]
        return AuditStep(result=result, op=op, left=left, right=right)

    def wheres(self, quantity: Quantity, root: Known | None = None) -> list[AuditStep]:
        """The derivation of each derived input behind a quantity, depth first."""
        result = []
        seen: set[Quantity] = {quantity}
        for source, known in lineage(self.derivation, quantity, root):
            if source in seen or not known.derived:
                continue
            seen.add(source)
            result.append(self.step(source, known, quantity.indicator))
        return result

    def wheres_of(self, quantity: Quantity, known: Known) -> list[AuditStep]:
        """The derivation of a derived quantity (named by its indicator), then of its inputs."""
        return [self.step(quantity, known, None), *self.wheres(quantity, known)]

    def missing_term(self, quantity: Quantity) -> AuditMissing:
        """A figure nobody printed, named by its indicator."""
        return AuditMissing(
            term=_own_term(quantity, None),
            indicator=quantity.indicator,
            name=self.plan.by_id[quantity.indicator].name,
        )

    def unchecked_reason(self, ob: Observation) -> tuple[Reason, tuple[AuditMissing, ...]]:
        """Why nothing checks a figure: which figure is missing, and what it derived instead."""
        quantity = ob.quantity
        known = self.derivation.known
        if ob.relation == "target":
            return "no_target", ()
        if ob.relation == "previous":
            return "not_determined", ()
        missing = []
        for equation in equations_for(quantity):
            for term in equation.terms:
                if term == quantity:
                    continue
                source = known.get(term)
                own = _own_term(term, quantity.indicator)
                item = AuditMissing(
                    term=own,
                    indicator=term.indicator,
                    name=self.plan.by_id[term.indicator].name,
                )
                if source is None:
                    missing.append(item)
                elif source.derived and quantity in {q for q, _ in lineage(self.derivation, term)}:
                    derived = self.operand(term, source, quantity.indicator)
                    missing.append(replace(item, derived=derived))
        if not missing:
            return "not_determined", ()
        return "no_figure", tuple(missing)

    # -- the printed figures ---------------------------------------------------------------

    def figure(self, quantity: Quantity, ob: Observation) -> AuditFigure:
        return AuditFigure(
            indicator=quantity.indicator,
            name=self.plan.by_id[quantity.indicator].name,
            relation=ob.relation,
            period=ob.actual.period if ob.actual else quantity.period,
            value=ob.figure.value,
            text=ob.figure.text,
            file=ob.figure.at.file,
            line=ob.figure.at.line,
            column=ob.figure.at.column,
            where=_where(ob),
            against=_against(quantity),
            unit=ob.figure.unit if ob.figure.factor is not None else None,
        )

    def figures(self, items: Iterable[tuple[Quantity, Known]]) -> tuple[AuditFigure, ...]:
        """The printed figures among the quantities of a lineage."""
        return tuple(
            self.figure(quantity, known.observation)
            for quantity, known in items
            if known.observation is not None
        )


def _own_term(quantity: Quantity, own: str | None) -> Term:
    """The quantity's term, naming its indicator (``whose``) when that is not ``own``."""
    term = label(quantity)
    return term if quantity.indicator == own else replace(term, whose=quantity.indicator)


def _with_range(explanation: AuditExplanation, span: Range | None) -> AuditExplanation:
    if span is None:
        return explanation
    return replace(
        explanation,
        range_low=span.outer_low,
        range_high=span.outer_high,
        range_exact=span.exact,
        range_unbounded_below=span.unbounded_below,
        range_unbounded_above=span.unbounded_above,
        range_low_open=span.low_open and span.low == span.outer_low,
        range_high_open=span.high_open and span.high == span.outer_high,
    )
