"""The equations that tie quantities together, and what the figures say of a known quantity.

value = ratio × previous, value − previous = change, value = attainment × target,
value = share × parent's value: each solved for whichever term is unknown.

A known quantity is a formula over the printed figures that fixed quantities (its leaves,
``engine.bounds``): a printed figure is a leaf itself, a derived quantity the equation
that derived it over its inputs' formulas, however long the chain. Propagation only
links the Knowns; a formula is built, and its exact range computed, when first asked
for, and kept (``check`` never asks: the audit does).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from plan_kpi.core import numbers as n
from plan_kpi.core.formulas import Negate, Node, Number, Ref, references, solved_for, uses
from plan_kpi.core.intervals import Interval
from plan_kpi.core.models import Bound
from plan_kpi.core.periods import Period
from plan_kpi.core.records import record
from plan_kpi.engine.bounds import Const, Expr, Leaf, Range, minus, over, plus, range_of, times
from plan_kpi.engine.observing import Observation
from plan_kpi.engine.quantities import (
    Attainment,
    Change,
    Level,
    LevelKind,
    Quantity,
    Ratio,
    Share,
)


@record
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
        """The unknown term's enclosure (step by step) and point from the other two."""
        r, a, b = (values.get(q) for q in self.terms)
        if self.op == "product":
            if unknown == self.result:
                assert a and b
                return a.enclosure * b.enclosure, n.mul(a.point, b.point)
            known_factor = b if unknown == self.left else a
            assert r and known_factor
            if known_factor.enclosure.contains_zero() or known_factor.point == 0:
                raise ZeroDivisionError
            return r.enclosure / known_factor.enclosure, n.div(r.point, known_factor.point)
        if unknown == self.result:
            assert a and b
            return a.enclosure - b.enclosure, n.sub(a.point, b.point)
        if unknown == self.left:
            assert r and b
            return r.enclosure + b.enclosure, n.add(r.point, b.point)
        assert r and a
        return a.enclosure - r.enclosure, n.sub(a.point, r.point)

    def bound(
        self, unknown: Quantity, values: Mapping[Quantity, Known]
    ) -> tuple[Bound | None, bool]:
        """Which way the unknown term lies from its point when a term it comes from is a bound.

        More than 90 less a change of 10 is more than 80; 112 over a ratio of more than 1,1 is
        less than 101,8. The point is then the bound's end. Also whether bounds pull it both
        ways (``torn``: its point is no bound at all).
        """
        r, a, b = (values.get(q) for q in self.terms)
        inputs: list[tuple[Known, int]]
        if self.op == "product":
            if unknown == self.result:
                assert a and b
                inputs = [(a, _sign(b.point)), (b, _sign(a.point))]
            else:
                known_factor = b if unknown == self.left else a
                assert r and known_factor
                inputs = [(r, _sign(known_factor.point)), (known_factor, -_sign(r.point))]
        elif unknown == self.result:
            assert a and b
            inputs = [(a, 1), (b, -1)]
        elif unknown == self.left:
            assert r and b
            inputs = [(r, 1), (b, 1)]
        else:
            assert r and a
            inputs = [(a, 1), (r, -1)]
        return combine_reaches(inputs)

    def solvable(self, unknown: Quantity) -> bool:
        """Whether the equation gives this term from the others (always: two factors, or a
        difference, undo each other)."""
        return True

    def once(self, unknown: Quantity) -> bool:
        """Whether, solved for this term, each other term enters once (always here)."""
        return True

    def formula(self, unknown: Quantity, formulas: Mapping[Quantity, Expr]) -> Expr:
        """The unknown term as a formula of the other two terms' formulas.

        Written with each printed figure as few times as exact identities allow
        (``engine.bounds.plus``): value / (value − change) is 1 + change / (value − change).
        """
        r, a, b = (formulas.get(q) for q in self.terms)
        if self.op == "product":
            if unknown == self.result:
                assert a and b
                return times(a, b)
            known_factor = b if unknown == self.left else a
            assert r and known_factor
            return over(r, known_factor)
        if unknown == self.result:
            assert a and b
            return minus(a, b)
        if unknown == self.left:
            assert r and b
            return plus(r, b)
        assert r and a
        return minus(a, r)


@record(eq=False)
class FormulaEquation:
    """``result = expression`` of other indicators' values in the same period (a formula
    indicator): solved for the result, or for an input the expression names once."""

    result: Level
    #: the values the expression names, each once, in the order first written
    inputs: tuple[Level, ...]
    expression: Node
    relation: str = "formula"
    op: Literal["formula"] = "formula"

    @property
    def terms(self) -> tuple[Level, ...]:
        return (self.result, *self.inputs)

    def level(self, indicator: str) -> Level:
        """The term of the indicator (the result or an input)."""
        return next(term for term in self.terms if term.indicator == indicator)

    def solvable(self, unknown: Quantity) -> bool:
        """The result always; an input when the expression names it once (it can be undone)."""
        assert isinstance(unknown, Level)
        return unknown == self.result or uses(self.expression, unknown.indicator) == 1

    def expression_for(self, unknown: Quantity) -> Node:
        """The expression that gives the unknown term: the formula, or the formula solved."""
        assert isinstance(unknown, Level)
        if unknown == self.result:
            return self.expression
        return solved_for(self.expression, self.result.indicator, unknown.indicator)

    def once(self, unknown: Quantity) -> bool:
        """Whether, solved for this term, each other term enters once."""
        names = [ref.id for ref in references(self.expression_for(unknown))]
        return len(names) == len(set(names))

    def solve(self, unknown: Quantity, values: dict[Quantity, Known]) -> tuple[Interval, Decimal]:
        """The unknown term's enclosure (step by step) and point from the other terms."""
        return _evaluate(self.expression_for(unknown), self, values)

    def formula(self, unknown: Quantity, formulas: Mapping[Quantity, Expr]) -> Expr:
        """The unknown term as a formula of the other terms' formulas."""
        return _built(self.expression_for(unknown), self, formulas)

    def bound(
        self, unknown: Quantity, values: Mapping[Quantity, Known]
    ) -> tuple[Bound | None, bool]:
        """Which way the unknown term lies from its point when a term it comes from is a bound
        (exports of more than 1.858 less imports of 1.431: a balance of more than 427), and
        whether bounds pull it both ways (``torn``)."""
        slopes = _slopes(self.expression_for(unknown), self, values, 1)
        return combine_reaches([(values[self.level(name)], sign) for name, sign in slopes])


AnyEquation = Equation | FormulaEquation


def _evaluate(
    node: Node, equation: FormulaEquation, values: Mapping[Quantity, Known]
) -> tuple[Interval, Decimal]:
    """An expression's enclosure and point from its terms' Knowns; a divisor that may be zero
    raises ZeroDivisionError, as an equation's does."""
    if isinstance(node, Number):
        return Interval.exact(node.value), node.value
    if isinstance(node, Ref):
        known = values[equation.level(node.id)]
        return known.enclosure, known.point
    if isinstance(node, Negate):
        enclosure, point = _evaluate(node.operand, equation, values)
        return enclosure.negated(), -point
    (a, x), (b, y) = _evaluate(node.left, equation, values), _evaluate(node.right, equation, values)
    if node.op == "+":
        return a + b, n.add(x, y)
    if node.op == "-":
        return a - b, n.sub(x, y)
    if node.op == "*":
        return a * b, n.mul(x, y)
    if b.contains_zero() or y == 0:
        raise ZeroDivisionError
    return a / b, n.div(x, y)


def _slopes(
    node: Node, equation: FormulaEquation, values: Mapping[Quantity, Known], sign: int
) -> list[tuple[str, int]]:
    """Each indicator the expression names, at each place it is named, with whether the
    expression rises (+1) or falls (−1) with it at the point (0: neither, a factor of 0)."""
    if isinstance(node, Number):
        return []
    if isinstance(node, Ref):
        return [(node.id, sign)]
    if isinstance(node, Negate):
        return _slopes(node.operand, equation, values, -sign)
    left, right = sign, sign
    if node.op == "-":
        right = -sign
    elif node.op == "*":
        left = sign * _sign(_evaluate(node.right, equation, values)[1])
        right = sign * _sign(_evaluate(node.left, equation, values)[1])
    elif node.op == "/":  # a / b rises with a over a positive b, falls with b over a positive a
        left = sign * _sign(_evaluate(node.right, equation, values)[1])
        right = -sign * _sign(_evaluate(node.left, equation, values)[1])
    return _slopes(node.left, equation, values, left) + _slopes(node.right, equation, values, right)


def _built(node: Node, equation: FormulaEquation, formulas: Mapping[Quantity, Expr]) -> Expr:
    """An expression over its terms' formulas (each printed figure one variable)."""
    if isinstance(node, Number):
        return Const(node.value)
    if isinstance(node, Ref):
        return formulas[equation.level(node.id)]
    if isinstance(node, Negate):
        return minus(Const(n.ZERO), _built(node.operand, equation, formulas))
    a, b = _built(node.left, equation, formulas), _built(node.right, equation, formulas)
    if node.op == "+":
        return plus(a, b)
    if node.op == "-":
        return minus(a, b)
    return times(a, b) if node.op == "*" else over(a, b)


#: makes (or finds) the Level of a kind, an indicator, a period and a target's name
LevelMaker = Callable[[LevelKind, str, Period, str | None], Level]


def _new_level(kind: LevelKind, indicator: str, period: Period, name: str | None) -> Level:
    return Level(kind, indicator, period, name)


def equations_for(quantity: Quantity, level: LevelMaker = _new_level) -> list[Equation]:
    """The equations a stated quantity takes part in; ``level`` gives each Level they name
    (the engine's finds its one object of each, rather than make another)."""
    ind, period = quantity.indicator, quantity.period
    if isinstance(quantity, Ratio):
        now, before = level("value", ind, period, None), level("value", ind, quantity.vs, None)
        return [Equation("product", now, quantity, before, "ratio")]
    if isinstance(quantity, Change):
        now, before = level("value", ind, period, None), level("value", ind, quantity.vs, None)
        return [Equation("difference", quantity, now, before, "change")]
    if isinstance(quantity, Attainment):
        value = level("value", ind, period, None)
        target = level("target", ind, period, quantity.name)
        return [Equation("product", value, quantity, target, "attainment")]
    if isinstance(quantity, Share):
        value = level("value", ind, period, None)
        whole = level("value", quantity.parent, period, None)
        return [Equation("product", value, quantity, whole, "share")]
    return []


class _Exact:
    """A Known's exact formula, its range and its interval, once asked for (the audit asks)."""

    __slots__ = ("formula", "interval", "range")

    def __init__(self) -> None:
        self.formula: Expr | None = None
        self.range: Range | None = None
        self.interval: Interval | None = None


#: what a Known is compared, hashed and shown by, as a record of these fields would be
_COMPARED = ("enclosure", "point", "observation", "equation", "inputs", "derived_bound", "torn")


class Known:
    """What the figures say of a quantity: a point estimate, how, and the values it may take.

    ``enclosure`` is the interval composed step by step as the engine derives (sound, but
    a figure that enters twice widens it); ``interval`` is the exact range of its formula
    over the box of its leaves, computed when first asked for.

    A quantity an equation of two others derives (``Known.of``) holds only the equation and
    the two Knowns it was derived from: its point, enclosure and bound are computed
    together when first asked for, and kept (``check`` asks for the few figures its rows
    show, of the hundreds of thousands a large plan derives). A figure's own Known
    (``Known.observed``) holds its observation alone and asks it. Each of the three kinds
    has only the slots it needs; all are compared, hashed and shown as a record of
    ``enclosure``, ``point``, ``observation``, ``equation``, ``inputs``, ``derived_bound``
    and ``torn``.
    """

    __slots__ = ("_exact",)

    _exact: _Exact | None
    # each kind's slots, or what a kind has no slot for: the same for all of its kind
    _enclosure: Interval | None
    _point: Decimal | None
    _observation: Observation | None
    _equation: AnyEquation | None
    _bound: tuple[Bound | None, bool] | None

    def __new__(
        cls,
        enclosure: Interval,
        point: Decimal,
        observation: Observation | None = None,
        equation: AnyEquation | None = None,
        inputs: tuple[Quantity, ...] = (),
        derived_bound: Bound | None = None,
        torn: bool = False,
        sources: tuple[Known, ...] = (),
    ) -> Known:
        """Known(...) is a Known given every figure (a formula's, or the audit's own)."""
        return object.__new__(_Given)

    @staticmethod
    def observed(observation: Observation) -> Known:
        """A figure's own Known: its point and interval, the observation's (asked when read)."""
        known = object.__new__(_Printed)
        known._observation, known._exact = observation, None
        return known

    @staticmethod
    def of(equation: Equation, unknown: Quantity, sources: tuple[Known, Known]) -> Known:
        """The unknown term of an equation of two others, from their Knowns (its figures are
        computed when first asked for)."""
        known = object.__new__(_Derived)
        known._equation, known._unknown = equation, unknown
        known._first, known._second = sources
        known._enclosure = known._point = known._bound = known._exact = None
        return known

    @property
    def enclosure(self) -> Interval:
        found = self._enclosure
        if found is not None:
            return found
        if self._observation is not None:
            return self._observation.interval
        self._settle()
        assert self._enclosure is not None
        return self._enclosure

    @property
    def point(self) -> Decimal:
        found = self._point
        if found is not None:
            return found
        if self._observation is not None:
            return self._observation.point
        self._settle()
        assert self._point is not None
        return self._point

    @property
    def observation(self) -> Observation | None:
        return self._observation

    @property
    def equation(self) -> AnyEquation | None:
        return self._equation

    @property
    def inputs(self) -> tuple[Quantity, ...]:
        return ()

    @property
    def sources(self) -> tuple[Known, ...]:
        """The inputs' own Knowns, in the same order: the formula is built from theirs."""
        return ()

    @property
    def derived_bound(self) -> Bound | None:
        """A derived quantity of a bound ("trên 90 %" less a change: more than 80): which way
        its values lie from its point."""
        return self._bounds[0]

    @property
    def torn(self) -> bool:
        """Whether bounds pull it both ways (its point is no bound at all)."""
        return self._bounds[1]

    @property
    def _bounds(self) -> tuple[Bound | None, bool]:
        """derived_bound and torn, computed with the point when first asked for."""
        if self._bound is None:
            self._settle()
        assert self._bound is not None
        return self._bound

    def _settle(self) -> None:
        """Compute the point, enclosure and bound of this Known and of every Known it is
        derived from that has none yet, innermost first (a chain of thousands of years is
        no recursion)."""
        stack: list[Known] = [self]
        while stack:
            known = stack[-1]
            if known._bound is not None:
                stack.pop()
                continue
            waiting = [s for s in known.sources if s._bound is None]
            if waiting:
                stack.extend(waiting)
                continue
            stack.pop()
            assert isinstance(known, _Derived)
            unknown, equation = known._unknown, known._equation
            values = dict(zip(known.inputs, known.sources, strict=True))
            known._enclosure, known._point = equation.solve(unknown, values)
            known._bound = equation.bound(unknown, values)

    def _compared(self) -> tuple[object, ...]:
        return (
            self.enclosure,
            self.point,
            self.observation,
            self.equation,
            self.inputs,
            self.derived_bound,
            self.torn,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Known):
            return NotImplemented
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={value!r}" for name, value in zip(_COMPARED, self._compared(), strict=True)
        )
        return f"Known({shown})"

    @property
    def derived(self) -> bool:
        return self._observation is None

    @property
    def exact(self) -> bool:
        """Whether every figure it comes from is exact, so that it is a single value."""
        return self.enclosure.is_exact

    @property
    def formula(self) -> Expr:
        """The quantity as a function of the printed figures it comes from (built once)."""
        exact = self._exact_of()
        if exact.formula is None:
            exact.formula = self._build()
        return exact.formula

    def _exact_of(self) -> _Exact:
        if self._exact is None:
            self._exact = _Exact()
        return self._exact

    def _build(self) -> Expr:
        ob = self.observation
        if ob is not None:
            interval = ob.interval
            strict = interval.low_open or interval.high_open
            return Leaf(ob.quantity, interval.low, interval.high, ob.point, strict)
        equation = self.equation
        assert equation is not None, "a derived quantity has its equation"
        formulas = {q: k.formula for q, k in zip(self.inputs, self.sources, strict=True)}
        return equation.formula(self.unknown, formulas)

    @property
    def unknown(self) -> Quantity:
        """The term of its equation a derived quantity is (the one not among its inputs)."""
        assert self.equation is not None, "a derived quantity has its equation"
        return next(q for q in self.equation.terms if q not in self.inputs)

    @property
    def range(self) -> Range:
        """The exact least and greatest value over the box of the leaves (computed once)."""
        exact = self._exact_of()
        if exact.range is None:
            exact.range = range_of(self.formula)
        return exact.range

    @property
    def interval(self) -> Interval:
        """The values the quantity can take given its printed figures, rounded outward.

        The exact range when it is settled; where it is not (a divisor that may be zero),
        the bounds it is known not to pass, within the enclosure. Where every printed
        figure enters once, the enclosure is the exact range already (interval arithmetic
        is exact on such a formula), and no search is needed: most derived figures.
        """
        if self._observation is not None:
            return self.enclosure
        exact = self._exact_of()
        if exact.interval is None:
            if self.enclosure.is_exact or self._single_use():
                exact.interval = self.enclosure
            else:
                exact.interval = within(self.range, self.enclosure)
        return exact.interval

    def _single_use(self) -> bool:
        """Whether every printed figure it comes from enters its derivation once."""
        seen: set[int] = set()
        stack: list[Known] = [self]
        while stack:
            known = stack.pop()
            if known.observation is None:
                assert known.equation is not None
                if not known.equation.once(known.unknown):
                    return False
                stack.extend(known.sources)
            elif id(known) in seen:
                return False
            else:
                seen.add(id(known))
        return True


class _Given(Known):
    """A Known given every figure: a formula's derivation (computed at once), the audit's own."""

    __slots__ = (
        "_bound",
        "_enclosure",
        "_equation",
        "_given_sources",
        "_inputs",
        "_observation",
        "_point",
    )
    _inputs: tuple[Quantity, ...]
    _given_sources: tuple[Known, ...]

    def __init__(
        self,
        enclosure: Interval,
        point: Decimal,
        observation: Observation | None = None,
        equation: AnyEquation | None = None,
        inputs: tuple[Quantity, ...] = (),
        derived_bound: Bound | None = None,
        torn: bool = False,
        sources: tuple[Known, ...] = (),
    ) -> None:
        self._enclosure, self._point = enclosure, point
        self._observation, self._equation = observation, equation
        self._inputs, self._given_sources = inputs, sources
        self._bound = (derived_bound, torn)
        self._exact = None

    @property
    def inputs(self) -> tuple[Quantity, ...]:
        return self._inputs

    @property
    def sources(self) -> tuple[Known, ...]:
        return self._given_sources


class _Printed(Known):
    """A printed figure's own Known: everything it says is its observation's."""

    __slots__ = ("_observation",)
    _enclosure = _point = _equation = None
    _bound = (None, False)


class _Derived(Known):
    """The unknown term of an equation of two others: its figures computed when asked for."""

    __slots__ = ("_bound", "_enclosure", "_equation", "_first", "_point", "_second", "_unknown")
    _observation = None
    _equation: Equation
    _unknown: Quantity
    _first: Known
    _second: Known

    @property
    def equation(self) -> Equation:
        return self._equation

    @property
    def inputs(self) -> tuple[Quantity, ...]:
        # the other two terms, in the equation's order (the unknown is named once in it)
        unknown = self._unknown
        return tuple(q for q in self._equation.terms if q is not unknown)

    @property
    def sources(self) -> tuple[Known, ...]:
        return (self._first, self._second)

    @property
    def unknown(self) -> Quantity:
        return self._unknown


#: which way a one-sided figure reaches from its point: up (more than) or down (less than)
_REACH: dict[str, int] = {"above": 1, "at_least": 1, "below": -1, "at_most": -1}


def _sign(value: Decimal) -> int:
    return 1 if value > 0 else -1 if value < 0 else 0


def reach_of(known: Known) -> tuple[int, bool, bool]:
    """A known quantity's reach from its point (+1 up, −1 down, 0 none), whether it is
    strict, and whether it is torn (bounds pull it both ways)."""
    ob = known.observation
    bound = ob.figure.bound if ob is not None else known.derived_bound
    if bound is None or bound == "about":
        return 0, False, known.torn
    return _REACH[bound], bound in ("above", "below"), known.torn


def combine_reaches(inputs: list[tuple[Known, int]]) -> tuple[Bound | None, bool]:
    """The bound of a figure from its inputs', each rising (+1) or falling (−1) with it."""
    reaches: set[int] = set()
    strict = torn = False
    for known, sign in inputs:
        reach, is_strict, is_torn = reach_of(known)
        torn = torn or is_torn
        if reach and sign:
            reaches.add(reach * sign)
            strict = strict or is_strict
    if torn or len(reaches) > 1:
        return None, True
    if not reaches:
        return None, False
    if reaches == {1}:
        return ("above" if strict else "at_least"), False
    return ("below" if strict else "at_most"), False


def within(span: Range, enclosure: Interval) -> Interval:
    """A range's outer bounds as Decimals rounded outward, never wider than the enclosure.

    A side the range shows open (approached, never reached: "trên 90 %" less a change) is
    open; a side of the enclosure keeps the enclosure's.
    """
    low, high = enclosure.low, enclosure.high
    low_open, high_open = enclosure.low_open, enclosure.high_open
    if span.outer_low is not None:
        bound = decimal_bound(span.outer_low, n.DOWN)
        if low is None or bound > low:
            low, low_open = bound, span.low_open and span.low == span.outer_low
    if span.outer_high is not None:
        bound = decimal_bound(span.outer_high, n.UP)
        if high is None or bound < high:
            high, high_open = bound, span.high_open and span.high == span.outer_high
    return Interval(low, high, low_open, high_open)


def decimal_bound(value: Fraction, rounding: str) -> Decimal:
    """An exact number as a Decimal at working precision, rounded down or up."""
    return n.div(Decimal(value.numerator), Decimal(value.denominator), rounding)
