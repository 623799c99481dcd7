"""The exact range of a checked figure over the printed figures it comes from.

A checked figure (a growth, a share, a sum of parts) is written as a rational function
(+ − × ÷ and constants) of a few independent printed figures, its *leaves*. Each leaf lies
somewhere in the closed interval its printed digits allow; an exact figure's interval is a
single point. A leaf used twice is one variable: growth = c / (v − c) has two, not three, so
the range of the growth is taken over the box of (v, c), never over independent copies.

``range_of`` computes the least and greatest value of the function over that box. Where the
derivative in a leaf keeps one sign over a box, the function is monotone in that leaf there
and its extremes lie at the end the sign chooses; elsewhere (a factor or divisor whose interval
spans zero, a maximum inside the box) the box is halved and searched branch and bound: values
at points are bounds a figure really reaches (inner), enclosures bounds it cannot pass (outer).
``decide`` says whether a printed interval meets that range, with a witness (true values, each
within its printed interval, for which the checked figure lies in its printed interval) or the
miss.

A leaf may be a half-line: a printed "trên 90 %" is every value above 90, (90; +∞), with
no float infinity anywhere (an unbounded side is ``None``). A half-line leaf must enter the
figure once; the figure is then monotone in it (each operation on its path has a constant
other operand), so its extremes lie at the leaf's two ends: the finite end (substituted) and
+∞ or −∞ (the limit, taken on the formula: c / (x − c) → 0, x + c → +∞). The range is the
union of those end problems' ranges, each over finite leaves only, and an end reached only
as a limit, or at a strict bound's own end, is *open*: approached, never a value. A witness
is looked for in finite boxes inside the half-line, so it is true values, each within its
printed bound.

Arithmetic is exact: Decimal in and out, fractions.Fraction inside, no float anywhere. A
corner value such as 10,85 / 228,25 has no finite decimal, and a verdict must be exact at a
tie: a range that ends exactly on the printed interval's edge meets it, so the figure is
consistent, which rounding to any number of digits could turn either way.
"""

from __future__ import annotations

import heapq
import math
from abc import ABC, abstractmethod
from collections.abc import Hashable, Iterable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from itertools import count
from typing import Literal

from plan_kpi.core import numbers as n
from plan_kpi.core.records import field, record

#: A closed interval [low, high] of exact numbers.
Bounds = tuple[Fraction, Fraction]
#: Where each leaf lies: a sub-box of the leaves' intervals, by leaf key.
Box = Mapping[Hashable, Bounds]
#: One value for each leaf, by leaf key.
Assignment = Mapping[Hashable, Fraction]
#: Derivative bounds of the free variables of a box (None: a divisor may be zero there).
Slopes = dict[Hashable, Bounds | None]
Verdict = Literal["consistent", "inconsistent", "undecided"]
#: Why a range is not exact or a verdict not reached: a divisor may be zero somewhere in the
#: box; the budget of boxes ran out; a single exact printed value is reached only at true
#: values with no finite decimals (so the verdict is consistent but shows no witness); a
#: half-line figure ("trên 90 %") enters the checked figure more than once.
Reason = Literal["divisor_may_be_zero", "budget_spent", "no_decimal_witness", "bound_enters_twice"]
#: Which way a bound is shown: a low bound rounds down, a high one up, a point half up.
Side = Literal["low", "high", "point"]

#: The most boxes one search examines: each end of a range gets this many, and so does the
#: search for a witness, so a decision examines at most three times as many. A figure
#: monotone in every leaf needs one box per end (a growth: under a millisecond in all); a box
#: of a figure of a few leaves costs a few enclosures of it and of its derivatives, so one
#: that cannot be settled (a divisor that may be zero, a figure flat in a leaf) gives up
#: within a fifth of a second. The property tests settle every range with a third of it.
BUDGET = 100
#: The most halvings of a segment when looking for a witness along it.
WITNESS_STEPS = 128
#: The most decimals tried when shortening a witness figure that has no finite decimals.
WITNESS_DECIMALS = 40

_ZERO = Fraction(0)
_ONE = Fraction(1)
_HALF = Fraction(1, 2)


class Expr(ABC):
    """A checked figure written as a function of printed figures."""

    __slots__ = ()

    def __add__(self, other: Expr | Decimal | int) -> Expr:
        return Add(self, _lift(other))

    def __radd__(self, other: Decimal | int) -> Expr:
        return Add(_lift(other), self)

    def __sub__(self, other: Expr | Decimal | int) -> Expr:
        return Sub(self, _lift(other))

    def __rsub__(self, other: Decimal | int) -> Expr:
        return Sub(_lift(other), self)

    def __mul__(self, other: Expr | Decimal | int) -> Expr:
        return Mul(self, _lift(other))

    def __rmul__(self, other: Decimal | int) -> Expr:
        return Mul(_lift(other), self)

    def __truediv__(self, other: Expr | Decimal | int) -> Expr:
        return Div(self, _lift(other))

    def __rtruediv__(self, other: Decimal | int) -> Expr:
        return Div(_lift(other), self)

    @abstractmethod
    def _value(self, at: Assignment) -> Fraction:
        """The exact value with the leaves at ``at`` (their printed point when absent)."""

    @abstractmethod
    def _enclose(self, box: Box) -> Bounds | None:
        """Bounds on the values over ``box``; None when a divisor's bounds contain zero."""

    @abstractmethod
    def _derive(self, key: Hashable) -> Expr:
        """The partial derivative in the leaf ``key``."""


@record
class Leaf(Expr):
    """A printed figure: its true value lies in [low, high]; point is what was printed.

    A half-line has one side None (unbounded) and its point at the finite end; ``open``
    says that end itself is not a value (a strict bound: more than 90, not 90).
    """

    key: Hashable
    low: Decimal | None
    high: Decimal | None
    point: Decimal
    open: bool = False
    _bounds: Bounds = field(init=False, repr=False, compare=False)
    _point: Fraction = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        low, high, point = self.low, self.high, self.point
        if low is None and high is None:
            raise ValueError(f"leaf {self.key!r}: a half-line has one finite end")
        if (low is None or high is None) and point not in (low, high):
            raise ValueError(f"leaf {self.key!r}: a half-line's point is its end, not {point}")
        if low is not None and high is not None and not (low <= point <= high and not self.open):
            raise ValueError(f"leaf {self.key!r}: {point} is not in [{low}; {high}]")
        # a half-line is never searched as it is (its end problems are, ``_half_range``)
        finite = (point, point) if low is None or high is None else (low, high)
        object.__setattr__(self, "_bounds", (Fraction(finite[0]), Fraction(finite[1])))
        object.__setattr__(self, "_point", Fraction(point))

    @classmethod
    def exact(cls, key: Hashable, value: Decimal) -> Leaf:
        """An exact figure: its interval is the single point it states."""
        return cls(key, value, value, value)

    @property
    def is_exact(self) -> bool:
        """True when the figure is exact (its interval a single point)."""
        return self.low is not None and self.low == self.high

    @property
    def half_line(self) -> bool:
        """True when one side is unbounded ("trên 90 %")."""
        return self.low is None or self.high is None

    @property
    def low_open(self) -> bool:
        """Whether the low end is left out (more than 90: not 90)."""
        return self.open and self.high is None

    @property
    def high_open(self) -> bool:
        return self.open and self.low is None

    def _value(self, at: Assignment) -> Fraction:
        return at.get(self.key, self._point)

    def _enclose(self, box: Box) -> Bounds | None:
        return box.get(self.key, self._bounds)

    def _derive(self, key: Hashable) -> Expr:
        return _ONE_CONST if self.key == key else _ZERO_CONST


@record
class Const(Expr):
    """An exact number of the formula, such as 100 for a percentage."""

    value: Decimal
    _fraction: Fraction = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_fraction", Fraction(self.value))

    def _value(self, at: Assignment) -> Fraction:
        return self._fraction

    def _enclose(self, box: Box) -> Bounds | None:
        return (self._fraction, self._fraction)

    def _derive(self, key: Hashable) -> Expr:
        return _ZERO_CONST


_ZERO_CONST = Const(Decimal(0))
_ONE_CONST = Const(Decimal(1))


@record
class Binary(Expr):
    """An operation on two figures."""

    left: Expr
    right: Expr


@record
class Add(Binary):
    """left + right."""

    def _value(self, at: Assignment) -> Fraction:
        return self.left._value(at) + self.right._value(at)

    def _enclose(self, box: Box) -> Bounds | None:
        a, b = self.left._enclose(box), self.right._enclose(box)
        if a is None or b is None:
            return None
        return (a[0] + b[0], a[1] + b[1])

    def _derive(self, key: Hashable) -> Expr:
        return _plus(self.left._derive(key), self.right._derive(key))


@record
class Sub(Binary):
    """left − right."""

    def _value(self, at: Assignment) -> Fraction:
        return self.left._value(at) - self.right._value(at)

    def _enclose(self, box: Box) -> Bounds | None:
        a, b = self.left._enclose(box), self.right._enclose(box)
        if a is None or b is None:
            return None
        return (a[0] - b[1], a[1] - b[0])

    def _derive(self, key: Hashable) -> Expr:
        return _minus(self.left._derive(key), self.right._derive(key))


@record
class Mul(Binary):
    """left × right."""

    def _value(self, at: Assignment) -> Fraction:
        return self.left._value(at) * self.right._value(at)

    def _enclose(self, box: Box) -> Bounds | None:
        a, b = self.left._enclose(box), self.right._enclose(box)
        if a is None or b is None:
            return None
        return _product(a, b)

    def _derive(self, key: Hashable) -> Expr:
        left, right = self.left, self.right
        return _plus(_times(left._derive(key), right), _times(left, right._derive(key)))


@record
class Div(Binary):
    """left ÷ right; undefined where right is zero."""

    def _value(self, at: Assignment) -> Fraction:
        return self.left._value(at) / self.right._value(at)

    def _enclose(self, box: Box) -> Bounds | None:
        a, b = self.left._enclose(box), self.right._enclose(box)
        if a is None or b is None or b[0] <= 0 <= b[1]:
            return None
        return _product(a, (1 / b[1], 1 / b[0]))

    def _derive(self, key: Hashable) -> Expr:
        u, v = self.left, self.right
        du, dv = u._derive(key), v._derive(key)
        if _is(dv, 0):
            return _over(du, v)
        return _over(_minus(_times(du, v), _times(u, dv)), Mul(v, v))


@record
class Sum(Expr):
    """The sum of parts, as a breakdown adds its parts up."""

    parts: tuple[Expr, ...]

    def _value(self, at: Assignment) -> Fraction:
        total = _ZERO
        for part in self.parts:
            total += part._value(at)
        return total

    def _enclose(self, box: Box) -> Bounds | None:
        low = high = _ZERO
        for part in self.parts:
            bounds = part._enclose(box)
            if bounds is None:
                return None
            low, high = low + bounds[0], high + bounds[1]
        return (low, high)

    def _derive(self, key: Hashable) -> Expr:
        terms = [d for d in (part._derive(key) for part in self.parts) if not _is(d, 0)]
        if not terms:
            return _ZERO_CONST
        return terms[0] if len(terms) == 1 else Sum(tuple(terms))


def _lift(operand: Expr | Decimal | int) -> Expr:
    if isinstance(operand, Expr):
        return operand
    return Const(Decimal(operand))


def _is(expr: Expr, number: int) -> bool:
    return isinstance(expr, Const) and expr.value == number


def _same(a: Expr, b: Expr) -> bool:
    """Whether two formulas are one figure: the same node, the same leaf or the same number."""
    if a is b:
        return True
    if isinstance(a, Leaf) and isinstance(b, Leaf):
        return a.key == b.key
    return isinstance(a, Const) and isinstance(b, Const) and a.value == b.value


def _plus(a: Expr, b: Expr) -> Expr:
    if _is(a, 0):
        return b
    if _is(b, 0):
        return a
    if isinstance(a, Sub) and _same(a.right, b):  # (x − y) + y = x
        return a.left
    if isinstance(b, Sub) and _same(b.right, a):  # y + (x − y) = x
        return b.left
    return Add(a, b)


def _minus(a: Expr, b: Expr) -> Expr:
    if _is(b, 0):
        return a
    if _is(a, 0) and isinstance(b, Const):
        return Const(b.value.copy_negate())
    if _same(a, b):
        return _ZERO_CONST
    if isinstance(a, Add):  # (x + y) − x = y, (x + y) − y = x
        if _same(a.left, b):
            return a.right
        if _same(a.right, b):
            return a.left
    if isinstance(a, Sub) and _same(a.left, b):  # (x − y) − x = 0 − y
        return _minus(_ZERO_CONST, a.right)
    if isinstance(b, Sub) and _same(b.left, a):  # x − (x − y) = y
        return b.right
    return Sub(a, b)


def _times(a: Expr, b: Expr) -> Expr:
    if _is(a, 0) or _is(b, 0):
        return _ZERO_CONST
    if _is(a, 1):
        return b
    return a if _is(b, 1) else Mul(a, b)


def _over(a: Expr, b: Expr) -> Expr:
    if _is(a, 0):
        return _ZERO_CONST
    if _is(b, 1):
        return a
    if isinstance(b, Sub) and _same(b.left, a):  # x / (x − y) = 1 + y / (x − y): x enters once
        return Add(_ONE_CONST, Div(b.right, b))
    return Div(a, b)


def plus(a: Expr, b: Expr) -> Expr:
    """a + b, written with each figure as few times as these identities allow.

    ``minus``, ``times`` and ``over`` likewise: (x − y) + y is x, x − (x − y) is y,
    x / (x − y) is 1 + y / (x − y). A figure that enters a formula once is one a range
    follows without halving (the figure is monotone in it); the identities are exact and
    keep where the formula is undefined, so the range is the same.
    """
    return _plus(a, b)


def minus(a: Expr, b: Expr) -> Expr:
    """a − b, simplified as ``plus`` says."""
    return _minus(a, b)


def times(a: Expr, b: Expr) -> Expr:
    """a × b, simplified as ``plus`` says."""
    return _times(a, b)


def over(a: Expr, b: Expr) -> Expr:
    """a ÷ b, simplified as ``plus`` says."""
    return _over(a, b)


def _product(a: Bounds, b: Bounds) -> Bounds:
    if a[0] >= 0 and b[0] >= 0:
        return (a[0] * b[0], a[1] * b[1])
    candidates = (a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1])
    return (min(candidates), max(candidates))


def leaves(expr: Expr) -> tuple[Leaf, ...]:
    """The distinct leaves of a figure, in first-seen order; one key must mean one figure."""
    found: dict[Hashable, Leaf] = {}
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Leaf):
            seen = found.setdefault(node.key, node)
            if seen != node:
                raise ValueError(f"leaf {node.key!r} is given two intervals: {seen} and {node}")
        elif isinstance(node, Binary):
            stack += (node.right, node.left)
        elif isinstance(node, Sum):
            stack += reversed(node.parts)
    return tuple(found.values())


def evaluate(expr: Expr, at: Mapping[Hashable, Fraction | Decimal] | None = None) -> Fraction:
    """The exact value with the leaves at ``at``; a leaf not in it takes its printed point."""
    return expr._value({key: Fraction(value) for key, value in (at or {}).items()})


def enclose(expr: Expr, box: Box | None = None) -> Bounds | None:
    """Sound bounds on the figure over ``box`` (a leaf not in it spans its own interval).

    None when a divisor's bounds contain zero: the figure may be undefined there.
    """
    return expr._enclose(box or {})


def derivative(expr: Expr, key: Hashable) -> Expr:
    """The partial derivative of the figure in the leaf ``key``."""
    return expr._derive(key)


@record
class Range:
    """The values a checked figure takes over the box of its leaves, exactly or within bounds."""

    #: the least value found, reached at ``low_at``; None if no point of the box has a value
    low: Fraction | None
    #: the greatest value found, reached at ``high_at``
    high: Fraction | None
    low_at: Assignment
    high_at: Assignment
    #: nothing in the box goes below it; None when unknown (a divisor may be zero)
    outer_low: Fraction | None
    #: nothing in the box goes above it; None when unknown
    outer_high: Fraction | None
    undefined: Reason | None = None
    #: the figure takes values below any number (low and outer_low are None): a half-line
    unbounded_below: bool = False
    #: the figure takes values above any number (high and outer_high are None)
    unbounded_above: bool = False
    #: low is approached, never reached (the limit at a strict bound's end, or at ∞)
    low_open: bool = False
    high_open: bool = False

    @property
    def exact(self) -> bool:
        """True when low and high are the exact infimum and supremum over the box."""
        low_known = self.unbounded_below or (self.low is not None and self.low == self.outer_low)
        high_known = self.unbounded_above or (
            self.high is not None and self.high == self.outer_high
        )
        return low_known and high_known


@record
class Decision:
    """Whether a printed interval meets the range of its checked figure, and the evidence."""

    verdict: Verdict
    range: Range
    #: for a consistent figure: true values, each in its printed interval, that satisfy it
    witness: Mapping[Hashable, Decimal] | None = None
    #: how far the printed interval is from flipping the verdict: positive, they overlap by
    #: that much at the nearer edge; negative, minus the gap. None unless the ends it needs
    #: are exact.
    margin: Fraction | None = None
    reason: Reason | None = None


@record
class _Problem:
    """A checked figure ready for searching: its leaves, their box and its derivatives."""

    expr: Expr
    leaves: tuple[Leaf, ...]
    box: dict[Hashable, Bounds]
    points: dict[Hashable, Fraction]
    #: the width of each leaf that is not exact: the variables of the search
    widths: dict[Hashable, Fraction]
    derivatives: dict[Hashable, Expr]

    @classmethod
    def of(cls, expr: Expr) -> _Problem:
        found = leaves(expr)
        assert not any(leaf.half_line for leaf in found), "half-lines are searched by their ends"
        variables = [leaf for leaf in found if not leaf.is_exact]
        return cls(
            expr,
            found,
            {leaf.key: leaf._bounds for leaf in found},
            {leaf.key: leaf._point for leaf in found},
            {leaf.key: leaf._bounds[1] - leaf._bounds[0] for leaf in variables},
            {leaf.key: expr._derive(leaf.key) for leaf in variables},
        )

    def value(self, at: Assignment) -> Fraction | None:
        """The figure's value at ``at``, or None where a divisor is zero."""
        try:
            return self.expr._value(at)
        except ZeroDivisionError:
            return None

    def widest(self, box: Box, keys: Iterable[Hashable] | None = None) -> Hashable | None:
        """The variable spanning most of its own interval in ``box`` (None if none spans)."""
        best: Hashable | None = None
        share = _ZERO
        for key in keys if keys is not None else self.widths:
            low, high = box[key]
            if high > low and (best is None or (high - low) / self.widths[key] > share):
                best, share = key, (high - low) / self.widths[key]
        return best

    def reduce(self, box: Box, sense: int) -> tuple[dict[Hashable, Bounds], Slopes]:
        """Fix each variable the figure is monotone in at the end that favours ``sense``.

        ``sense`` is +1 for the greatest value, −1 for the least. Returns the smaller box
        (whose extreme is the box's) and the derivative bounds of the variables left free.
        """
        reduced = dict(box)
        while True:
            slopes: Slopes = {}
            changed = False
            for key, slope_expr in self.derivatives.items():
                low, high = reduced[key]
                if low == high:
                    continue
                slope = slope_expr._enclose(reduced)
                if slope is not None and (slope[0] >= 0 or slope[1] <= 0):
                    toward_high = slope[0] >= 0 if sense > 0 else slope[1] <= 0
                    end = high if toward_high else low
                    reduced[key] = (end, end)
                    changed = True
                else:
                    slopes[key] = slope
            if not changed:
                return reduced, slopes

    def bound(self, box: Box, slopes: Slopes, centre_value: Fraction, sense: int) -> Fraction:
        """The tighter outer bound of the natural and the mean-value enclosure, on one side.

        The box's enclosure must be defined (no divisor's bounds contain zero).
        """
        natural = self.expr._enclose(box)
        assert natural is not None
        side = natural[1] if sense > 0 else natural[0]
        spread = _ZERO
        for key, slope in slopes.items():
            if slope is None:
                return side
            low, high = box[key]
            spread += (high - low) / 2 * max(abs(slope[0]), abs(slope[1]))
        mean_value = centre_value + sense * spread
        return min(side, mean_value) if sense > 0 else max(side, mean_value)


@record
class _End:
    """What a search found for one end of a range."""

    value: Fraction | None
    at: Assignment
    outer: Fraction | None
    undefined: bool


def _centre(box: Box) -> dict[Hashable, Fraction]:
    return {key: (low + high) / 2 for key, (low, high) in box.items()}


def _halves(box: Box, key: Hashable) -> tuple[dict[Hashable, Bounds], dict[Hashable, Bounds]]:
    low, high = box[key]
    middle = (low + high) / 2
    return {**box, key: (low, middle)}, {**box, key: (middle, high)}


def _search_end(problem: _Problem, sense: int, budget: int) -> _End:
    """The least (sense −1) or greatest (+1) value over the box, branch and bound.

    Boxes wait in a heap, the most promising first; boxes where a divisor may be zero come
    after all others, shallowest first, since halving them may never settle them.
    """
    best: Fraction | None = None
    best_at: Assignment = {}
    undefined = False

    def consider(at: Assignment) -> Fraction | None:
        nonlocal best, best_at
        value = problem.value(at)
        if value is not None and (best is None or sense * (value - best) > 0):
            best, best_at = value, at
        return value

    # (may be undefined, priority, tie, bound on the box's values, depth, box)
    pending: list[tuple[bool, Fraction, int, Fraction | None, int, dict[Hashable, Bounds]]] = []
    tie = count()

    def push(box: dict[Hashable, Bounds], bound: Fraction | None, depth: int) -> None:
        natural = problem.expr._enclose(box)
        if natural is None:
            heapq.heappush(pending, (True, Fraction(depth), next(tie), None, depth, box))
            return
        side = natural[1] if sense > 0 else natural[0]
        if bound is None or sense * (side - bound) < 0:
            bound = side
        heapq.heappush(pending, (False, -sense * bound, next(tie), bound, depth, box))

    consider(problem.points)
    push(problem.box, None, 0)
    examined = 0
    while pending and examined < budget:
        undefined_box, _, _, bound, depth, box = heapq.heappop(pending)
        if bound is not None and best is not None and sense * (bound - best) <= 0:
            continue
        examined += 1
        if undefined_box:
            consider(_centre(box))
            key = problem.widest(box)
            if key is None:
                undefined = True
                continue
            for half in _halves(box, key):
                push(half, None, depth + 1)
            continue
        reduced, slopes = problem.reduce(box, sense)
        centre_value = consider(_centre(reduced))
        if not slopes:
            continue
        assert centre_value is not None
        outer = problem.bound(reduced, slopes, centre_value, sense)
        if best is not None and sense * (outer - best) <= 0:
            continue
        key = problem.widest(reduced, slopes)
        for half in _halves(reduced, key):
            push(half, outer, depth + 1)
    open_bounds = [
        entry[3]
        for entry in pending
        if entry[3] is None or best is None or sense * (entry[3] - best) > 0
    ]
    if None in open_bounds:
        return _End(best, best_at, None, True)
    outer_end = best
    for candidate in open_bounds:
        assert candidate is not None
        if outer_end is None or sense * (candidate - outer_end) > 0:
            outer_end = candidate
    return _End(best, best_at, outer_end, undefined)


def _range(problem: _Problem, budget: int) -> Range:
    if budget < 1:
        raise ValueError(f"the budget must be at least one box, not {budget}")
    least, greatest = _search_end(problem, -1, budget), _search_end(problem, 1, budget)
    undefined: Reason | None = (
        "divisor_may_be_zero" if least.undefined or greatest.undefined else None
    )
    return Range(
        least.value,
        greatest.value,
        least.at,
        greatest.at,
        least.outer,
        greatest.outer,
        undefined,
    )


def range_of(expr: Expr, budget: int = BUDGET) -> Range:
    """The least and greatest value of the figure over the box of its leaves.

    Exact when the searches settle within ``budget`` boxes each; otherwise the Range carries
    the values reached (low, high) and the bounds not passed (outer_low, outer_high). A
    figure of a half-line leaf ranges over the ends of the half-line (``_half_range``).
    """
    halves = tuple(leaf for leaf in leaves(expr) if leaf.half_line)
    if halves:
        return _half_range(expr, halves, budget)
    return _range(_Problem.of(expr), budget)


@record
class _Unbounded:
    """A limit that is infinite: +∞ where ``sign`` is positive, −∞ where it is negative."""

    sign: Expr


#: A figure at one end of a half-line: a formula of the other leaves, or an infinite limit.
_AtEnd = Expr | _Unbounded


def _uses(expr: Expr, key: Hashable) -> int:
    """How many times the leaf ``key`` enters the figure (a shared formula, each time)."""
    if isinstance(expr, Leaf):
        return 1 if expr.key == key else 0
    if isinstance(expr, Binary):
        return _uses(expr.left, key) + _uses(expr.right, key)
    if isinstance(expr, Sum):
        return sum(_uses(part, key) for part in expr.parts)
    return 0


def _negative(expr: Expr) -> Expr:
    return _times(Const(Decimal(-1)), expr)


def _rebuild(expr: Binary, left: Expr, right: Expr) -> Expr:
    """The operation of ``expr`` on new operands, simplified as ``plus`` says."""
    if isinstance(expr, Add):
        return _plus(left, right)
    if isinstance(expr, Sub):
        return _minus(left, right)
    if isinstance(expr, Mul):
        return _times(left, right)
    return _over(left, right)


def _substitute(expr: Expr, key: Hashable, value: Expr) -> Expr:
    """The figure with the leaf ``key`` replaced by ``value``."""
    if isinstance(expr, Leaf):
        return value if expr.key == key else expr
    if isinstance(expr, Binary):
        return _rebuild(
            expr, _substitute(expr.left, key, value), _substitute(expr.right, key, value)
        )
    if isinstance(expr, Sum):
        return Sum(tuple(_substitute(part, key, value) for part in expr.parts))
    return expr


def _limit(expr: Expr, key: Hashable, toward: int) -> _AtEnd:
    """The figure's limit as the leaf ``key`` (entering once) goes to +∞ (toward 1) or −∞.

    Each operation on the leaf's path has an operand the leaf is not in: a sum or
    difference with an infinite term is infinite, a product or quotient infinite with the
    sign of that operand times the term's, a number over an infinite divisor 0.
    """
    if isinstance(expr, Leaf):
        return _Unbounded(Const(Decimal(toward))) if expr.key == key else expr
    if isinstance(expr, Sum):
        parts = [_limit(part, key, toward) for part in expr.parts]
        infinite = [part for part in parts if isinstance(part, _Unbounded)]
        if infinite:
            return infinite[0]
        return Sum(tuple(part for part in parts if isinstance(part, Expr)))
    if not isinstance(expr, Binary):
        return expr
    in_left = _uses(expr.left, key) > 0
    inner = _limit(expr.left if in_left else expr.right, key, toward)
    other = expr.right if in_left else expr.left
    if isinstance(inner, Expr):
        return _rebuild(expr, inner, other) if in_left else _rebuild(expr, other, inner)
    if isinstance(expr, Add):
        return inner
    if isinstance(expr, Sub):
        return inner if in_left else _Unbounded(_negative(inner.sign))
    if isinstance(expr, Div) and not in_left:
        return _ZERO_CONST
    return _Unbounded(_times(inner.sign, other))


def _ends(expr: Expr, halves: tuple[Leaf, ...]) -> list[tuple[_AtEnd, bool]]:
    """The figure at every combination of the half-lines' ends, each with whether its values
    are reached (the finite end of a bound that is not strict) or only approached."""
    found: list[tuple[_AtEnd, bool]] = [(expr, True)]
    for leaf in halves:
        toward = 1 if leaf.high is None else -1
        end = Const(leaf.point)
        following: list[tuple[_AtEnd, bool]] = []
        for figure, reached in found:
            if isinstance(figure, _Unbounded) or _uses(figure, leaf.key) == 0:
                following.append((figure, reached))
                continue
            following.append((_substitute(figure, leaf.key, end), reached and not leaf.open))
            following.append((_limit(figure, leaf.key, toward), False))
        found = following
    return found


def _half_range(expr: Expr, halves: tuple[Leaf, ...], budget: int) -> Range:
    """The range of a figure of half-line leaves: the union of its end problems' ranges.

    For any values of the other leaves the figure is monotone in a half-line leaf that
    enters it once, so it sweeps from its value at the finite end to its limit at ∞: its
    infimum and supremum over the box are those of the end problems. The box is connected
    and the figure continuous on it (unless a divisor may be zero: then the range is
    undefined), so every value strictly between them is taken.
    """
    if any(_uses(expr, leaf.key) > 1 for leaf in halves):
        return Range(None, None, {}, {}, None, None, "bound_enters_twice")
    lows: list[tuple[Fraction, bool]] = []
    highs: list[tuple[Fraction, bool]] = []
    outer_lows: list[Fraction | None] = []
    outer_highs: list[Fraction | None] = []
    below = above = False
    undefined: Reason | None = None
    for figure, reached in _ends(expr, halves):
        if isinstance(figure, _Unbounded):
            sign = range_of(figure.sign, budget)
            undefined = undefined or sign.undefined
            if sign.unbounded_above or (sign.high is not None and sign.high > 0):
                above = True
            elif sign.outer_high is None or sign.outer_high > 0:
                outer_highs.append(None)  # unknown: not shown to stay at or below 0
            if sign.unbounded_below or (sign.low is not None and sign.low < 0):
                below = True
            elif sign.outer_low is None or sign.outer_low < 0:
                outer_lows.append(None)
            continue
        span = _range(_Problem.of(figure), budget)
        undefined = undefined or span.undefined
        if span.low is not None and span.high is not None:
            lows.append((span.low, reached))
            highs.append((span.high, reached))
        outer_lows.append(span.outer_low)
        outer_highs.append(span.outer_high)
    low, low_open = _least(lows, -1)
    high, high_open = _least(highs, 1)
    outer_low = None if below or None in outer_lows else _bound(outer_lows, low, -1)
    outer_high = None if above or None in outer_highs else _bound(outer_highs, high, 1)
    return Range(
        None if below else low,
        None if above else high,
        {},
        {},
        outer_low,
        outer_high,
        undefined,
        unbounded_below=below,
        unbounded_above=above,
        low_open=low_open and not below,
        high_open=high_open and not above,
    )


def _least(ends: list[tuple[Fraction, bool]], sense: int) -> tuple[Fraction | None, bool]:
    """The least (sense −1) or greatest (+1) end value, and whether it is only approached."""
    if not ends:
        return None, False
    best = min(v for v, _ in ends) if sense < 0 else max(v for v, _ in ends)
    return best, not any(reached for v, reached in ends if v == best)


def _bound(outer: list[Fraction | None], reached: Fraction | None, sense: int) -> Fraction | None:
    """The least (sense −1) or greatest outer bound of the end problems (None when none)."""
    values = [v for v in outer if v is not None]
    if reached is not None:
        values.append(reached)
    if not values:
        return None
    return min(values) if sense < 0 else max(values)


@record
class Target:
    """A printed figure's interval; None on a side that is unbounded ("trên 90 %"), and an
    open side's end is not one of its values (more than 90: not 90 itself)."""

    low: Fraction | None
    high: Fraction | None
    low_open: bool = False
    high_open: bool = False


def _side_of(value: Fraction, target: Target) -> int:
    """−1 below the target interval, +1 above it, 0 inside."""
    low, high = target.low, target.high
    if low is not None and (value < low or (value == low and target.low_open)):
        return -1
    if high is not None and (value > high or (value == high and target.high_open)):
        return 1
    return 0


def _misses(bounds: tuple[Fraction | None, Fraction | None], target: Target) -> bool:
    """True when bounds (None: unknown on that side) are wholly outside the target.

    The bounds are closed: a range that only touches the target at an open end of it misses.
    """
    low, high = bounds
    above = (
        low is not None
        and target.high is not None
        and (low > target.high or (low == target.high and target.high_open))
    )
    below = (
        high is not None
        and target.low is not None
        and (high < target.low or (high == target.low and target.low_open))
    )
    return above or below


def _along(
    problem: _Problem, start: Assignment, end: Assignment, target: Target
) -> Assignment | None:
    """A point of the segment from start to end where the figure meets the target, by halving."""
    start_value, end_value = problem.value(start), problem.value(end)
    if start_value is None or end_value is None:
        return None
    start_side, end_side = _side_of(start_value, target), _side_of(end_value, target)
    if start_side == 0:
        return start
    if end_side == 0:
        return end
    if start_side == end_side:
        return None
    near, far = _ZERO, _ONE
    for _ in range(WITNESS_STEPS):
        t = (near + far) / 2
        at = {key: value + t * (end[key] - value) for key, value in start.items()}
        value = problem.value(at)
        if value is None:
            return None
        side = _side_of(value, target)
        if side == 0:
            return at
        if side == start_side:
            near = t
        else:
            far = t
    return None


def _from_points(problem: _Problem, span: Range, target: Target) -> Assignment | None:
    """A witness on the way from the printed figures to the end of the range that is needed."""
    value = problem.value(problem.points)
    if value is not None:
        side = _side_of(value, target)
        if side == 0:
            return problem.points
        end = span.high_at if side < 0 else span.low_at
        if end:
            found = _along(problem, problem.points, end, target)
            if found is not None:
                return found
    if span.low_at and span.high_at:
        return _along(problem, span.low_at, span.high_at, target)
    return None


Outcome = Literal["found", "exists", "none", "unknown"]


def _search_target(
    problem: _Problem, target: Target, budget: int
) -> tuple[Assignment | None, Outcome]:
    """Halve the box looking for a witness, discarding boxes that provably miss the target.

    Boxes where the figure is defined are searched depth first, the others after them,
    shallowest first. "exists" when a box is shown to reach the target (its exact extremes
    straddle it) but no point of it found meets it exactly; "none" when every box was
    discarded.
    """
    # (may be undefined, priority, tie, box): depth first, or shallowest first
    pending: list[tuple[bool, int, int, dict[Hashable, Bounds]]] = []
    tie = count()

    def push(box: dict[Hashable, Bounds], depth: int) -> None:
        undefined_box = problem.expr._enclose(box) is None
        priority = depth if undefined_box else -depth
        heapq.heappush(pending, (undefined_box, priority, next(tie), box))

    push(problem.box, 0)
    examined = 0
    while pending and examined < budget:
        undefined_box, priority, _, box = heapq.heappop(pending)
        examined += 1
        centre = _centre(box)
        value = problem.value(centre)
        if value is not None and _side_of(value, target) == 0:
            return centre, "found"
        if not undefined_box:
            ends: list[tuple[Fraction, Assignment | None]] = []
            for sense in (-1, 1):
                reduced, slopes = problem.reduce(box, sense)
                end_centre = _centre(reduced)
                end_value = problem.value(end_centre)
                assert end_value is not None
                if slopes:
                    ends.append((problem.bound(reduced, slopes, end_value, sense), None))
                else:
                    ends.append((end_value, end_centre))
            (low, low_at), (high, high_at) = ends
            if _misses((low, high), target):
                continue
            if low_at is not None and high_at is not None:
                found = _along(problem, low_at, high_at, target)
                return (found, "found") if found is not None else (None, "exists")
        key = problem.widest(box)
        if key is not None:
            depth = priority if undefined_box else -priority
            for half in _halves(box, key):
                push(half, depth + 1)
    return None, "none" if not pending else "unknown"


def exact_decimals(value: Fraction) -> int | None:
    """How many decimals an exact number has, or None if they never end (1/3)."""
    denominator, twos, fives = value.denominator, 0, 0
    while denominator % 2 == 0:
        denominator, twos = denominator // 2, twos + 1
    while denominator % 5 == 0:
        denominator, fives = denominator // 5, fives + 1
    return max(twos, fives) if denominator == 1 else None


def _shorter(leaf: Leaf, value: Fraction) -> Iterator[Decimal]:
    """Candidates for a witness figure, shortest first: the printed figure, then value rounded."""
    yield leaf.point
    places = exact_decimals(value)
    for decimals in range(
        min(WITNESS_DECIMALS, places) if places is not None else WITNESS_DECIMALS
    ):
        nearest = as_decimal(value, decimals)
        yield nearest
        other = as_decimal(value, decimals, "low" if Fraction(nearest) > value else "high")
        if other != nearest:
            yield other
    if places is not None:
        yield as_decimal(value, places)


def _shorten(
    problem: _Problem, witness: Assignment, target: Target
) -> dict[Hashable, Decimal] | None:
    """The witness with each figure as short as keeps it in its interval and the figure met."""
    current = dict(witness)
    shown: dict[Hashable, Decimal] = {}
    for leaf in problem.leaves:
        if leaf.is_exact:
            shown[leaf.key] = leaf.point
            continue
        low, high = leaf._bounds
        for candidate in _shorter(leaf, current[leaf.key]):
            number = Fraction(candidate)
            if not low <= number <= high:
                continue
            trial = {**current, leaf.key: number}
            value = problem.value(trial)
            if value is not None and _side_of(value, target) == 0:
                shown[leaf.key], current = candidate, trial
                break
        else:
            return None
    return shown


def _margin(span: Range, target: Target) -> Fraction | None:
    distances: list[Fraction] = []
    if target.high is not None and not span.unbounded_below:
        if span.low is None or span.low != span.outer_low:
            return None
        distances.append(target.high - span.low)
    if target.low is not None and not span.unbounded_above:
        if span.high is None or span.high != span.outer_high:
            return None
        distances.append(span.high - target.low)
    return min(distances) if distances else None


def decide(
    expr: Expr,
    low: Decimal | None,
    high: Decimal | None,
    budget: int = BUDGET,
    *,
    low_open: bool = False,
    high_open: bool = False,
) -> Decision:
    """Whether some true values, each in its printed interval, put the figure in [low, high].

    ``low`` or ``high`` None leaves that side unbounded; ``low_open`` (``high_open``) leaves
    its end out (a printed "trên 10 %" is every value above 10). Never a guess:
    "undecided", with the reason, when the budget of boxes runs out before either answer
    is proven.
    """
    if (
        low is not None
        and high is not None
        and (low > high or (low == high and (low_open or high_open)))
    ):
        raise ValueError(f"the printed interval [{low}; {high}] is empty")
    target = Target(
        Fraction(low) if low is not None else None,
        Fraction(high) if high is not None else None,
        low_open and low is not None,
        high_open and high is not None,
    )
    halves = tuple(leaf for leaf in leaves(expr) if leaf.half_line)
    if halves:
        return _decide_half(expr, halves, target, budget)
    problem = _Problem.of(expr)
    return _decide(problem, _range(problem, budget), target, budget)


def _decide(problem: _Problem, span: Range, target: Target, budget: int) -> Decision:
    """The decision over a box of finite leaves, given the figure's range over it."""
    margin = _margin(span, target)
    if span.low is None:
        return Decision("undecided", span, reason="divisor_may_be_zero")
    if _misses((span.outer_low, span.outer_high), target):
        return Decision("inconsistent", span, margin=margin)
    found = _from_points(problem, span, target)
    outcome: Outcome = "found"
    if found is None:
        found, outcome = _search_target(problem, target, budget)
    if found is not None:
        witness = _shorten(problem, found, target)
        if witness is not None:
            return Decision("consistent", span, witness, margin)
        outcome = "exists"
    if outcome == "none":
        return Decision("inconsistent", span, margin=margin)
    reaches = (
        span.low is not None
        and span.high is not None
        and not _misses((span.low, span.high), target)
        and span.undefined is None
    )
    if outcome == "exists" or reaches:
        return Decision("consistent", span, margin=margin, reason="no_decimal_witness")
    return Decision("undecided", span, margin=margin, reason=span.undefined or "budget_spent")


#: How far inside a half-line the boxes a witness is looked for in reach: the k-th reaches
#: 1000^k times the bound's size (at least 1) beyond its end, and starts 1000^−k of it
#: inside a strict bound.
TRUNCATIONS = 4


def _decide_half(expr: Expr, halves: tuple[Leaf, ...], target: Target, budget: int) -> Decision:
    """The decision for a figure of half-line leaves.

    Inconsistent when the closure of its range misses the target (or only touches an open
    end of it, or an end of the range never reached); consistent with a witness found in a
    finite box inside the half-lines, or without one when the open range and the open target
    overlap (every value strictly between the range's ends is taken).
    """
    span = _half_range(expr, halves, budget)
    margin = _margin(span, target)
    if span.undefined != "bound_enters_twice" and _misses_range(span, target):
        return Decision("inconsistent", span, margin=margin)
    for k in range(1, TRUNCATIONS + 1):
        inner = expr
        for leaf in halves:
            inner = _substitute(inner, leaf.key, _truncated(leaf, k))
        problem = _Problem.of(inner)
        decision = _decide(problem, _range(problem, budget), target, budget)
        if decision.verdict == "consistent":  # the piece lies inside the half-lines
            return Decision("consistent", span, decision.witness, margin, decision.reason)
    if span.undefined is None and _overlaps(span, target):
        return Decision("consistent", span, margin=margin, reason="no_decimal_witness")
    return Decision("undecided", span, margin=margin, reason=span.undefined or "budget_spent")


def _truncated(leaf: Leaf, k: int) -> Leaf:
    """A finite piece of a half-line leaf: from its end (just inside it, when strict) to
    1000^k times its size beyond; rounded inward, so the piece lies inside the half-line."""
    end = leaf.point
    size = max(Decimal(1), abs(end))
    far = size.scaleb(3 * k)
    near = size.scaleb(-3 * k) if leaf.open else Decimal(0)
    if leaf.high is None:
        low, high = n.add(end, near, n.UP), n.add(end, far, n.DOWN)
        return Leaf(leaf.key, low, high, low)
    low, high = n.sub(end, far, n.UP), n.sub(end, near, n.DOWN)
    return Leaf(leaf.key, low, high, high)


def _misses_range(span: Range, target: Target) -> bool:
    """Whether a half-line figure's range cannot meet the target: its closure misses it, or
    touches it only at an end that the range, or the target, leaves out."""
    low = None if span.unbounded_below else span.outer_low
    high = None if span.unbounded_above else span.outer_high
    if _misses((low, high), target):
        return True
    low_touch = (
        low is not None
        and target.high is not None
        and low == target.high
        and span.low == low
        and span.low_open
    )
    high_touch = (
        high is not None
        and target.low is not None
        and high == target.low
        and span.high == high
        and span.high_open
    )
    return low_touch or high_touch


def _overlaps(span: Range, target: Target) -> bool:
    """Whether the open range (between the values reached or approached) meets the open
    target: then a value of both is taken, though no witness was found."""
    if (span.low is None and not span.unbounded_below) or (
        span.high is None and not span.unbounded_above
    ):
        return False
    ends = [v for v in (span.low, target.low) if v is not None]
    tops = [v for v in (span.high, target.high) if v is not None]
    if not ends or not tops:
        return True
    return max(ends) < min(tops)


def as_decimal(value: Fraction, places: int, side: Side = "point") -> Decimal:
    """The number to ``places`` decimals: floor for a low bound, ceiling for a high, or half up."""
    scaled = value * Fraction(10) ** places
    if side == "low":
        digits = math.floor(scaled)
    elif side == "high":
        digits = math.ceil(scaled)
    else:
        digits = math.floor(abs(scaled) + _HALF) * (1 if scaled >= 0 else -1)
    return Decimal(f"{digits}E{-places}")
