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

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from plan_kpi.core import numbers as n
from plan_kpi.core.formulas import Negate, Node, Number, Ref, references, solved_for, uses
from plan_kpi.core.intervals import Interval
from plan_kpi.core.records import field, record
from plan_kpi.engine.bounds import Const, Expr, Leaf, Range, minus, over, plus, range_of, times
from plan_kpi.engine.observing import Observation
from plan_kpi.engine.quantities import Attainment, Change, Level, Quantity, Ratio, Share


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
        return Interval(-enclosure.high, -enclosure.low), -point
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


@record
class Known:
    """What the figures say of a quantity: a point estimate, how, and the values it may take.

    ``enclosure`` is the interval composed step by step as the engine derives (sound, but
    a figure that enters twice widens it); ``interval`` is the exact range of its formula
    over the box of its leaves, computed when first asked for.
    """

    enclosure: Interval
    point: Decimal
    observation: Observation | None = None
    equation: AnyEquation | None = None
    inputs: tuple[Quantity, ...] = ()
    #: the inputs' own Knowns, in the same order: the formula is built from theirs
    sources: tuple[Known, ...] = field(default=(), compare=False, repr=False)
    _formula: Expr | None = field(default=None, init=False, compare=False, repr=False)
    _range: Range | None = field(default=None, init=False, compare=False, repr=False)
    _interval: Interval | None = field(default=None, init=False, compare=False, repr=False)

    @property
    def derived(self) -> bool:
        return self.observation is None

    @property
    def exact(self) -> bool:
        """Whether every figure it comes from is exact, so that it is a single value."""
        return self.enclosure.is_exact

    @property
    def formula(self) -> Expr:
        """The quantity as a function of the printed figures it comes from (built once)."""
        if self._formula is None:
            object.__setattr__(self, "_formula", self._build())
        assert self._formula is not None
        return self._formula

    def _build(self) -> Expr:
        ob = self.observation
        if ob is not None:
            return Leaf(ob.quantity, ob.interval.low, ob.interval.high, ob.point)
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
        if self._range is None:
            object.__setattr__(self, "_range", range_of(self.formula))
        assert self._range is not None
        return self._range

    @property
    def interval(self) -> Interval:
        """The values the quantity can take given its printed figures, rounded outward.

        The exact range when it is settled; where it is not (a divisor that may be zero),
        the bounds it is known not to pass, within the enclosure. Where every printed
        figure enters once, the enclosure is the exact range already (interval arithmetic
        is exact on such a formula), and no search is needed: most derived figures.
        """
        if self._interval is None:
            if self.observation is not None or self.enclosure.is_exact or self._single_use():
                interval = self.enclosure
            else:
                interval = within(self.range, self.enclosure)
            object.__setattr__(self, "_interval", interval)
        assert self._interval is not None
        return self._interval

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


def within(span: Range, enclosure: Interval) -> Interval:
    """A range's outer bounds as Decimals rounded outward, never wider than the enclosure."""
    low, high = enclosure.low, enclosure.high
    if span.outer_low is not None:
        low = max(low, decimal_bound(span.outer_low, n.DOWN))
    if span.outer_high is not None:
        high = min(high, decimal_bound(span.outer_high, n.UP))
    return Interval(low, high)


def decimal_bound(value: Fraction, rounding: str) -> Decimal:
    """An exact number as a Decimal at working precision, rounded down or up."""
    return n.div(Decimal(value.numerator), Decimal(value.denominator), rounding)
