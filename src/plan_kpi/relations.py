"""The relations engine: what the figures a plan and its reports print imply.

Every figure is an observation of one quantity (a level, a ratio of two
levels, a change, an attainment, a share), each with the interval its printed
precision allows. Equations tie the quantities together (value = ratio ×
previous, value − previous = change, value = attainment × target, value =
share × parent's value). The engine takes observations from the most direct
(values and targets) to the least (percentages); an observation of a quantity
not yet known fixes it, and every equation with one unknown left derives it.
An observation of a quantity already known, or a breakdown whose parts are
all known, is a check: consistent when the intervals meet.

Pure: plan in, derivations and checks out. ``check``, ``audit`` and
``outlook`` all read the same result.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from plan_kpi import numbers as n
from plan_kpi.intervals import Interval, total
from plan_kpi.models import PERCENT_RELATIONS, Actual, Figure, Indicator, Plan, Statement
from plan_kpi.periods import Period

LevelKind = Literal["value", "target"]
Verdict = Literal["consistent", "inconsistent", "unchecked"]


@dataclass(frozen=True, slots=True)
class Level:
    """An indicator's value (or target) in a period."""

    kind: LevelKind
    indicator: str
    period: Period
    #: each quantity computes its hash once: it is a key of the engine's dictionaries
    #: millions of times in a large plan
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((Level, self.kind, self.indicator, self.period)))

    def __hash__(self) -> int:
        return self._hash


@dataclass(frozen=True, slots=True)
class Ratio:
    """value(period) / value(vs)."""

    indicator: str
    period: Period
    vs: Period
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((Ratio, self.indicator, self.period, self.vs)))

    def __hash__(self) -> int:
        return self._hash


@dataclass(frozen=True, slots=True)
class Change:
    """value(period) − value(vs)."""

    indicator: str
    period: Period
    vs: Period
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((Change, self.indicator, self.period, self.vs)))

    def __hash__(self) -> int:
        return self._hash


@dataclass(frozen=True, slots=True)
class Attainment:
    """value(period) / target(period)."""

    indicator: str
    period: Period
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((Attainment, self.indicator, self.period)))

    def __hash__(self) -> int:
        return self._hash


@dataclass(frozen=True, slots=True)
class Share:
    """value(period) / the parent's value(period)."""

    indicator: str
    parent: str
    period: Period
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((Share, self.indicator, self.parent, self.period)))

    def __hash__(self) -> int:
        return self._hash


Quantity = Level | Ratio | Change | Attainment | Share


@dataclass(frozen=True, slots=True)
class Observation:
    """A printed figure read as an observation of one quantity.

    The quantity is ``scale × printed + offset`` (a percentage 92,19 is the
    ratio 0.9219; a growth of 6,13 % the ratio 1.0613).
    """

    quantity: Quantity
    figure: Figure
    interval: Interval
    rank: int
    relation: str
    statement: Statement | None = None
    actual: Actual | None = None
    scale: Decimal = n.ONE
    offset: Decimal = n.ZERO

    @property
    def point(self) -> Decimal:
        return to_quantity(self.figure.value, self.scale, self.offset)

    def printed(self, quantity_value: Decimal) -> Decimal:
        """A value of the quantity in the units the figure was printed in."""
        return from_quantity(quantity_value, self.scale, self.offset)

    def printed_interval(self, quantity_interval: Interval) -> Interval:
        return Interval(self.printed(quantity_interval.low), self.printed(quantity_interval.high))


def to_quantity(printed: Decimal, scale: Decimal, offset: Decimal) -> Decimal:
    # a level is the figure itself, a percentage of a ratio needs no offset: no new Decimal
    # for what multiplying by one or adding zero would give, same value and same exponent
    scaled = printed if scale == n.ONE else n.mul(printed, scale)
    return scaled if offset == n.ZERO else n.add(scaled, offset)


def from_quantity(value: Decimal, scale: Decimal, offset: Decimal) -> Decimal:
    return n.div(n.sub(value, offset), scale)


@dataclass(frozen=True, slots=True)
class Equation:
    """``result = left × right`` (product) or ``result = left − right`` (difference)."""

    op: Literal["product", "difference"]
    result: Quantity
    left: Quantity
    right: Quantity
    relation: str

    @property
    def terms(self) -> tuple[Quantity, Quantity, Quantity]:
        return (self.result, self.left, self.right)

    def solve(self, unknown: Quantity, values: dict[Quantity, Known]) -> tuple[Interval, Decimal]:
        """The unknown term's interval and point from the other two."""
        r, a, b = (values.get(q) for q in self.terms)
        if self.op == "product":
            if unknown == self.result:
                assert a and b
                return a.interval * b.interval, n.mul(a.point, b.point)
            known_factor = b if unknown == self.left else a
            assert r and known_factor
            if known_factor.interval.contains_zero() or known_factor.point == 0:
                raise ZeroDivisionError
            return r.interval / known_factor.interval, n.div(r.point, known_factor.point)
        if unknown == self.result:
            assert a and b
            return a.interval - b.interval, n.sub(a.point, b.point)
        if unknown == self.left:
            assert r and b
            return r.interval + b.interval, n.add(r.point, b.point)
        assert r and a
        return a.interval - r.interval, n.sub(a.point, r.point)


@dataclass(frozen=True, slots=True)
class Known:
    """What the figures say of a quantity: its interval, a point estimate, and how."""

    interval: Interval
    point: Decimal
    observation: Observation | None = None
    equation: Equation | None = None
    inputs: tuple[Quantity, ...] = ()

    @property
    def derived(self) -> bool:
        return self.observation is None


@dataclass(frozen=True, slots=True)
class StatementCheck:
    """An observation of a quantity the other figures already determine."""

    observation: Observation
    computed: Known
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class BreakdownCheck:
    """Whether an indicator's parts add up to it in one period."""

    parent: Indicator
    kind: LevelKind
    period: Period
    parts: tuple[Indicator, ...]
    missing: tuple[str, ...]
    computed: Interval | None
    whole: Interval | None
    verdict: Verdict


@dataclass
class Derivation:
    """Everything the plan's figures imply: known quantities, checks, unused figures."""

    known: dict[Quantity, Known] = field(default_factory=dict)
    statement_checks: list[StatementCheck] = field(default_factory=list)
    breakdown_checks: list[BreakdownCheck] = field(default_factory=list)
    #: observations that fixed a quantity nothing else determined (unchecked)
    fixing: list[Observation] = field(default_factory=list)
    _levels: dict[tuple[LevelKind, str], list[Level]] | None = field(
        default=None, repr=False, compare=False
    )
    _indexed: int = field(default=0, repr=False, compare=False)

    def get(self, quantity: Quantity) -> Known | None:
        return self.known.get(quantity)

    def levels_of(self, kind: LevelKind, indicator: str) -> list[Level]:
        """The indicator's known values (or targets) of every period, from an index built once."""
        if self._levels is None or self._indexed != len(self.known):
            index: dict[tuple[LevelKind, str], list[Level]] = {}
            for quantity in self.known:
                if isinstance(quantity, Level):
                    index.setdefault((quantity.kind, quantity.indicator), []).append(quantity)
            self._levels, self._indexed = index, len(self.known)
        return self._levels.get((kind, indicator), [])

    def value(self, indicator: str, period: Period) -> Known | None:
        return self.known.get(Level("value", indicator, period))

    def target(self, indicator: str, period: Period) -> Known | None:
        return self.known.get(Level("target", indicator, period))


# How direct each kind of figure is: lower ranks are taken first.
_RANK_LEVEL = 0
_RANK = {"previous": 1, "target": 1, "change": 2}
_RANK_PERCENT = 3


def level_interval(figure: Figure, indicator: Indicator) -> Interval:
    """A value, previous, change or target: exact when whole, unless the indicator is rounded."""
    value = figure.value
    if indicator.rounded or n.decimals(value) > 0:
        return Interval.printed(value)
    return Interval.exact(value)


def observations(plan: Plan) -> Iterator[Observation]:
    """Every figure of the plan as an observation, in the plan's own order."""
    for indicator in plan.indicators:
        for target in indicator.targets:
            if target.value is not None:
                yield Observation(
                    Level("target", indicator.id, target.period),
                    target.value,
                    level_interval(target.value, indicator),
                    _RANK_LEVEL,
                    "target",
                )
    for actual in plan.actuals:
        indicator = plan.by_id[actual.indicator]
        if actual.value is not None:
            yield Observation(
                Level("value", actual.indicator, actual.period),
                actual.value,
                level_interval(actual.value, indicator),
                _RANK_LEVEL,
                "value",
                actual=actual,
            )
        for statement in actual.statements:
            yield statement_observation(statement, actual, indicator)


_PERCENT = Decimal("0.01")


def statement_observation(
    statement: Statement, actual: Actual, indicator: Indicator
) -> Observation:
    """Read one stated figure as an observation of the quantity it prints."""
    ind, period = actual.indicator, actual.period
    vs = statement.vs or period.previous()
    figure = statement.figure
    relation = statement.relation
    quantity: Quantity
    scale, offset = n.ONE, n.ZERO
    if relation == "previous":
        quantity = Level("value", ind, vs)
    elif relation == "target":
        quantity = Level("target", ind, period)
    elif relation == "change":
        quantity = Change(ind, period, vs)
    elif relation == "growth_pct":
        quantity, scale, offset = Ratio(ind, period, vs), _PERCENT, n.ONE
    elif relation == "pct_of_previous":
        quantity, scale = Ratio(ind, period, vs), _PERCENT
    elif relation == "pct_of_target":
        quantity, scale = Attainment(ind, period), _PERCENT
    else:
        assert indicator.parent is not None, "the loader requires a parent for share_pct"
        quantity, scale = Share(ind, indicator.parent, period), _PERCENT
    if relation in PERCENT_RELATIONS:
        printed, rank = Interval.printed(figure.value), _RANK_PERCENT
    else:
        printed, rank = level_interval(figure, indicator), _RANK[relation]
    interval = Interval(
        to_quantity(printed.low, scale, offset), to_quantity(printed.high, scale, offset)
    )
    return Observation(quantity, figure, interval, rank, relation, statement, actual, scale, offset)


def equations_for(quantity: Quantity) -> list[Equation]:
    """The equations a stated quantity takes part in."""
    if isinstance(quantity, Ratio):
        now = Level("value", quantity.indicator, quantity.period)
        before = Level("value", quantity.indicator, quantity.vs)
        return [Equation("product", now, quantity, before, "ratio")]
    if isinstance(quantity, Change):
        now = Level("value", quantity.indicator, quantity.period)
        before = Level("value", quantity.indicator, quantity.vs)
        return [Equation("difference", quantity, now, before, "change")]
    if isinstance(quantity, Attainment):
        value = Level("value", quantity.indicator, quantity.period)
        target = Level("target", quantity.indicator, quantity.period)
        return [Equation("product", value, quantity, target, "attainment")]
    if isinstance(quantity, Share):
        value = Level("value", quantity.indicator, quantity.period)
        whole = Level("value", quantity.parent, quantity.period)
        return [Equation("product", value, quantity, whole, "share")]
    return []


class _Engine:
    def __init__(self, obs: list[Observation]) -> None:
        self.result = Derivation()
        self.by_term: dict[Quantity, list[Equation]] = {}
        #: equations already solved, by identity (each is built once, below)
        self.spent: set[int] = set()
        # One object per quantity: equations share the observations' own, so a large plan
        # holds each level once and dictionary lookups mostly end on identity. The
        # observations come sorted by rank, levels first, so every observed level is met
        # before an equation names it.
        canonical: dict[Quantity, Quantity] = {}
        for ob in obs:
            if ob.quantity in canonical:
                continue
            canonical[ob.quantity] = ob.quantity
            for built in equations_for(ob.quantity):
                result, left, right = (canonical.setdefault(t, t) for t in built.terms)
                equation = Equation(built.op, result, left, right, built.relation)
                for term in equation.terms:
                    self.by_term.setdefault(term, []).append(equation)

    def take(self, ob: Observation) -> None:
        known = self.result.known
        current = known.get(ob.quantity)
        if current is not None:
            verdict: Verdict = (
                "consistent" if current.interval.meets(ob.interval) else "inconsistent"
            )
            self.result.statement_checks.append(StatementCheck(ob, current, verdict))
            return
        known[ob.quantity] = Known(ob.interval, ob.point, observation=ob)
        self.result.fixing.append(ob)
        self.propagate(ob.quantity)

    def propagate(self, start: Quantity) -> None:
        known = self.result.known
        work = [start]
        while work:
            quantity = work.pop()
            for equation in self.by_term.get(quantity, ()):
                if id(equation) in self.spent:
                    continue
                terms = equation.terms
                unknown = [q for q in terms if q not in known]
                if len(unknown) != 1:
                    continue
                target = unknown[0]
                try:
                    interval, point = equation.solve(target, known)
                except (ZeroDivisionError, ArithmeticError):
                    continue
                self.spent.add(id(equation))
                # the other terms are known, so none equals the unknown one: identity suffices
                inputs = tuple(q for q in terms if q is not target)
                known[target] = Known(interval, point, equation=equation, inputs=inputs)
                work.append(target)


def derive(plan: Plan) -> Derivation:
    """Take every figure of the plan, derive what they imply, and check what is over-determined."""
    obs = sorted(observations(plan), key=lambda ob: ob.rank)
    engine = _Engine(obs)
    for ob in obs:
        engine.take(ob)
    result = engine.result
    result.breakdown_checks = list(check_breakdowns(plan, result))
    return result


def check_breakdowns(plan: Plan, derivation: Derivation) -> Iterator[BreakdownCheck]:
    """Each parent and period: do its parts add up (complete) or stay within it?"""
    periods: dict[tuple[LevelKind, str], set[Period]] = {}
    for quantity in derivation.known:
        if isinstance(quantity, Level):
            periods.setdefault((quantity.kind, quantity.indicator), set()).add(quantity.period)
    for parent_id, parts in plan.children.items():
        parent = plan.by_id[parent_id]
        for kind in ("value", "target"):
            involved: set[Period] = set()
            for part in parts:
                involved |= periods.get((kind, part.id), set())
            for period in sorted(involved):
                yield _check_breakdown(parent, parts, kind, period, derivation)


def _check_breakdown(
    parent: Indicator,
    parts: tuple[Indicator, ...],
    kind: LevelKind,
    period: Period,
    derivation: Derivation,
) -> BreakdownCheck:
    whole = derivation.get(Level(kind, parent.id, period))
    found = {p.id: derivation.get(Level(kind, p.id, period)) for p in parts}
    missing = tuple(pid for pid, k in found.items() if k is None)
    present = [k.interval for k in found.values() if k is not None]
    computed: Interval | None = None
    verdict: Verdict = "unchecked"
    if parent.breakdown == "overlapping":
        if present:
            computed = Interval(max(i.low for i in present), max(i.high for i in present))
    elif not missing:
        computed = total(present)
    if whole is not None and computed is not None:
        if parent.breakdown == "complete":
            ok = computed.meets(whole.interval)
        else:
            ok = computed.low <= whole.interval.high
        verdict = "consistent" if ok else "inconsistent"
    return BreakdownCheck(
        parent,
        kind,
        period,
        parts,
        missing,
        computed,
        whole.interval if whole else None,
        verdict,
    )


def lineage(derivation: Derivation, quantity: Quantity) -> Iterable[tuple[Quantity, Known]]:
    """The quantity and every derived input behind it, depth first."""
    known = derivation.get(quantity)
    if known is None:
        return
    yield quantity, known
    for source in known.inputs:
        yield from lineage(derivation, source)
