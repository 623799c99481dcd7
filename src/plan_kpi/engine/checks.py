"""Checks of over-determined figures: a printed statement, a breakdown into parts.

A check is decided exactly (``engine.bounds.decide``): the checked figure is a formula over
the independent printed figures it comes from, each of them one variable however often it
enters, and the check is consistent when some true values of those figures, each within its
printed interval, give what was printed (the witness), inconsistent when none do, and
unchecked, with the reason, when neither can be proven. A check is decided when first asked
(``audit`` asks; ``check`` never does), and the decision is kept.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from plan_kpi.core import numbers as n
from plan_kpi.core.intervals import Interval, total
from plan_kpi.core.models import Breakdown, Classification, Division, Indicator, Plan
from plan_kpi.core.periods import Period
from plan_kpi.core.records import field, record
from plan_kpi.engine.bounds import (
    Const,
    Decision,
    Expr,
    Leaf,
    Range,
    Reason,
    Sum,
    decide,
    evaluate,
    leaves,
    minus,
    range_of,
    times,
)
from plan_kpi.engine.equations import Known, within
from plan_kpi.engine.observing import Observation
from plan_kpi.engine.quantities import Level, LevelKind, Quantity

Verdict = Literal["consistent", "inconsistent", "unchecked"]


def verdict_of(decision: Decision) -> Verdict:
    """A decision's verdict; one that cannot be decided is unchecked (its reason says why)."""
    return "unchecked" if decision.verdict == "undecided" else decision.verdict


def in_printed_units(formula: Expr, ob: Observation) -> Expr:
    """A quantity's formula in the units its figure is printed in: a growth is (ratio − 1) × 100."""
    if ob.offset != 0:
        formula = minus(formula, Const(ob.offset))
    if ob.scale != 1:
        formula = times(formula, Const(n.div(n.ONE, ob.scale)))
    return formula


@record
class StatementCheck:
    """An observation of a quantity the other figures already determine."""

    observation: Observation
    computed: Known
    _decision: Decision | None = field(default=None, init=False, compare=False, repr=False)

    @property
    def formula(self) -> Expr:
        """The checked figure, in its printed units, as a function of the figures it comes from."""
        return in_printed_units(self.computed.formula, self.observation)

    @property
    def printed(self) -> Interval:
        """The printed figure's interval, in its printed units."""
        return self.observation.printed_interval(self.observation.interval)

    @property
    def decision(self) -> Decision:
        if self._decision is None:
            printed = self.printed
            decision = decide(
                self.formula,
                printed.low,
                printed.high,
                low_open=printed.low_open,
                high_open=printed.high_open,
            )
            object.__setattr__(self, "_decision", decision)
        assert self._decision is not None
        return self._decision

    @property
    def verdict(self) -> Verdict:
        return verdict_of(self.decision)

    @property
    def margin(self) -> Fraction | None:
        return self.decision.margin

    @property
    def reason(self) -> Reason | None:
        return self.decision.reason

    @property
    def witness(self) -> Mapping[Hashable, Decimal] | None:
        return self.decision.witness


@record
class BreakdownCheck:
    """Whether an indicator's parts add up to it in one period.

    The sum of the parts and the parent are one formula over their printed figures: a
    parent derived from a part's share is not independent of that part.
    """

    parent: Indicator
    kind: LevelKind
    period: Period
    #: the classification its parts belong to (None: the parent's single breakdown)
    classification: Classification | None
    #: how the parts make the parent up: complete, partial or overlapping
    breakdown: Breakdown
    parts: tuple[Indicator, ...]
    missing: tuple[str, ...]
    whole: Known | None
    #: the parts with a known figure in the period, and what the figures say of each
    present: tuple[tuple[Level, Known], ...]
    #: the target's name, for a breakdown of a plan's other target (central, provincial)
    name: str | None = None
    _range: Range | None = field(default=None, init=False, compare=False, repr=False)
    _decisions: tuple[Decision, ...] | None = field(
        default=None, init=False, compare=False, repr=False
    )

    @property
    def overlapping(self) -> bool:
        return self.breakdown == "overlapping"

    @property
    def checkable(self) -> bool:
        """Both sides are known: the parent, and every part (overlapping: at least one)."""
        if self.whole is None or not self.present:
            return False
        return self.overlapping or not self.missing

    @property
    def sum(self) -> Expr:
        """The parts added up, as a formula."""
        return Sum(tuple(known.formula for _, known in self.present))

    @property
    def range(self) -> Range | None:
        """The exact range of the parts' sum (overlapping: of the largest part), once known."""
        if self._range is None and self.present and (self.overlapping or not self.missing):
            if self.overlapping:
                span = _largest([known.range for _, known in self.present])
            else:
                span = range_of(self.sum)
            object.__setattr__(self, "_range", span)
        return self._range

    @property
    def computed(self) -> Interval | None:
        """What the parts add up to (overlapping: the largest part) as far as the figures allow."""
        span = self.range
        if span is None:
            return None
        enclosures = [known.enclosure for _, known in self.present]
        enclosure = _largest_of(enclosures) if self.overlapping else total(enclosures)
        return within(span, enclosure)

    def _constraints(self) -> tuple[Expr, ...]:
        """What must hold: the sum (each part, overlapping) against the parent."""
        return tuple(k.formula for _, k in self.present) if self.overlapping else (self.sum,)

    def _against_whole(self, figure: Expr) -> Decision:
        """Whether the figure can equal the parent (complete) or stay within it."""
        assert self.whole is not None
        whole = self.whole.formula
        complete = self.breakdown == "complete"
        if isinstance(whole, Leaf) and all(leaf.key != whole.key for leaf in leaves(figure)):
            return decide(
                figure,
                whole.low if complete else None,
                whole.high,
                low_open=whole.low_open,
                high_open=whole.high_open,
            )
        return decide(figure - whole, n.ZERO if complete else None, n.ZERO)

    @property
    def decisions(self) -> tuple[Decision, ...]:
        """One decision, or one for each part (overlapping); none when it cannot be checked."""
        if self._decisions is None:
            decisions = (
                tuple(self._against_whole(c) for c in self._constraints()) if self.checkable else ()
            )
            object.__setattr__(self, "_decisions", decisions)
        assert self._decisions is not None
        return self._decisions

    @property
    def verdict(self) -> Verdict:
        verdicts = {verdict_of(d) for d in self.decisions}
        if not verdicts:
            return "unchecked"
        if "inconsistent" in verdicts:
            return "inconsistent"
        return "unchecked" if "unchecked" in verdicts else "consistent"

    @property
    def margin(self) -> Fraction | None:
        """The least margin of the decisions (None when one of them has none)."""
        margins = [d.margin for d in self.decisions]
        if not margins or any(m is None for m in margins):
            return None
        return min(m for m in margins if m is not None)

    @property
    def reason(self) -> Reason | None:
        return next((d.reason for d in self.decisions if d.reason is not None), None)

    @property
    def witness(self) -> Mapping[Hashable, Decimal] | None:
        """True values of the figures for which the parts agree with the parent.

        Overlapping parts are decided one by one: their witnesses together are one only
        when they agree on shared figures and every part stays within the parent there.
        """
        if self.verdict != "consistent":
            return None
        merged: dict[Hashable, Decimal] = {}
        for decision in self.decisions:
            if decision.witness is None:
                return None
            for key, value in decision.witness.items():
                if merged.setdefault(key, value) != value:
                    return None
        if len(self.decisions) > 1 and not all(
            self._holds(constraint, merged) for constraint in self._constraints()
        ):
            return None
        return merged

    def _holds(self, figure: Expr, at: Mapping[Hashable, Decimal]) -> bool:
        assert self.whole is not None
        return evaluate(figure - self.whole.formula, at) <= 0


def _largest(spans: list[Range]) -> Range:
    """The range of the largest of several figures: each end the greatest of theirs.

    Unbounded above when one of them is; below only when all are.
    """

    def greatest(ends: list[Fraction | None]) -> Fraction | None:
        return None if any(end is None for end in ends) else max(e for e in ends if e is not None)

    above = any(s.unbounded_above for s in spans)
    below = all(s.unbounded_below for s in spans)
    bounded_below = [s for s in spans if not s.unbounded_below]
    low = greatest([s.low for s in bounded_below])
    high = None if above else greatest([s.high for s in spans])
    return Range(
        None if below else low,
        high,
        {},
        {},
        None if below else greatest([s.outer_low for s in bounded_below]),
        None if above else greatest([s.outer_high for s in spans]),
        next((s.undefined for s in spans if s.undefined is not None), None),
        unbounded_below=below,
        unbounded_above=above,
        low_open=any(s.low_open and s.low == low for s in bounded_below),
        high_open=high is not None and all(s.high_open for s in spans if s.high == high),
    )


def _largest_of(intervals: list[Interval]) -> Interval:
    """The interval of the largest of several figures (their enclosures)."""
    bounded_below = [i.low for i in intervals if i.low is not None]
    highs = [i.high for i in intervals]
    low = max(bounded_below) if bounded_below else None
    high = None if any(h is None for h in highs) else max(h for h in highs if h is not None)
    return Interval(low, high)


def check_breakdowns(plan: Plan, known: Mapping[Quantity, Known]) -> Iterator[BreakdownCheck]:
    """Each parent, classification and period: do its parts add up (complete) or stay within it?

    Each classification of a parent (by sex, by residence) is checked on its own, and each
    named target on its own.
    """
    periods: dict[tuple[LevelKind, str, str | None], set[Period]] = {}
    for quantity in known:
        if isinstance(quantity, Level):
            key = (quantity.kind, quantity.indicator, quantity.name)
            periods.setdefault(key, set()).add(quantity.period)
    # each named target adds up on its own: the central estimates of the parts to the total's
    names: list[str | None] = [None, *plan.info.target_names]
    if plan.info.default_target is not None:
        names.remove(plan.info.default_target)
    for parent_id, divisions in plan.divisions.items():
        parent = plan.by_id[parent_id]
        kinds: list[tuple[LevelKind, str | None]] = [("value", None)]
        kinds += [("target", name) for name in names]
        for division in divisions:
            for kind, name in kinds:
                involved: set[Period] = set()
                for part in division.parts:
                    involved |= periods.get((kind, part.id, name), set())
                for period in sorted(involved):
                    yield _check_breakdown(parent, division, kind, period, known, name)


def _check_breakdown(
    parent: Indicator,
    division: Division,
    kind: LevelKind,
    period: Period,
    known: Mapping[Quantity, Known],
    name: str | None = None,
) -> BreakdownCheck:
    present = []
    missing = []
    parts = division.parts
    for part in parts:
        quantity = Level(kind, part.id, period, name)
        found = known.get(quantity)
        if found is None:
            missing.append(part.id)
        else:
            present.append((quantity, found))
    return BreakdownCheck(
        parent,
        kind,
        period,
        division.classification,
        division.breakdown,
        parts,
        tuple(missing),
        known.get(Level(kind, parent.id, period, name)),
        tuple(present),
        name,
    )
