"""Figures as reports show them: a Decimal, how many decimals to show, and how it was derived.

Display precision is separate from the value: a figure keeps its exact
Decimal; ``places`` only says how it is rounded (half-up) when printed.
"""

from __future__ import annotations

from decimal import Decimal

from plan_kpi.core import numbers as n
from plan_kpi.core.formulas import Number, Ref, pieces
from plan_kpi.core.intervals import Interval
from plan_kpi.core.models import (
    PERCENT_RELATIONS,
    TARGET_RELATIONS,
    Bound,
    Figure,
    Indicator,
    Plan,
    Text,
)
from plan_kpi.core.periods import Period
from plan_kpi.core.records import record, replace
from plan_kpi.engine.equations import FormulaEquation, Known
from plan_kpi.engine.observing import Observation
from plan_kpi.engine.quantities import Attainment, Change, Level, Quantity, Ratio, Share
from plan_kpi.engine.solving import Derivation

PCT_PLACES = 2


@record
class Term:
    """A quantity in the plan's words: a data-format key, its period, and what it is set against.

    Renderers say it in the reader's language; ``str()`` gives the key form
    ('pct_of_previous 2021 vs 2020'), the one the JSON and CSV notes carry.
    """

    key: str
    period: Period
    vs: Period | None = None
    #: a share's whole
    of: str | None = None
    #: the indicator, when it is not the one whose figure is being derived
    whose: str | None = None
    #: the target's name, when it is not the plan's default one (central, provincial)
    against: str | None = None

    def __str__(self) -> str:
        text = f"{self.key} {self.period}"
        if self.vs is not None:
            text += f" vs {self.vs}"
        if self.of is not None:
            text += f" of {self.of}"
        if self.against is not None:
            text += f" against {self.against}"
        if self.whose is not None:
            text += f" of {self.whose}"
        return text


@record
class Formula:
    """How a derived figure follows from others: its term, '=', then terms and operators."""

    result: Term
    #: terms, operators and parentheses (as text), and a formula's numbers
    parts: tuple[Term | str | Decimal, ...]

    def __str__(self) -> str:
        return f"{self.result} = " + "".join(str(part) for part in self.parts)


@record(kw_only=True)
class Input:
    """A figure a derivation used: what it is, its value, and where it was typed."""

    label: Term
    value: Decimal
    places: int
    percent: bool = False
    at: str | None = None
    #: the unit it was typed in, when another scale of its indicator's ('triệu USD')
    unit: str | None = None
    #: a bound ("trên 90 %", "khoảng 22.294", or more than 80 derived from one): ``value`` is
    #: its end
    bound: Bound | None = None

    @property
    def rounded(self) -> Decimal:
        """The value to ``places``, a bound's outward so that it stays true."""
        return Amount(value=self.value, places=self.places, bound=self.bound).rounded


@record(kw_only=True)
class Amount:
    """A figure for display: exact value, places to round to, and whether it was derived."""

    value: Decimal
    places: int
    derived: bool = False
    relation: Formula | None = None
    inputs: tuple[Input, ...] = ()
    #: a percentage (85.97 means 85.97 %), for renderers that format percentages as such
    percent: bool = False
    #: a derived figure's interval (in its own units: percentage points for a percentage);
    #: a half-line has one of them None
    low: Decimal | None = None
    high: Decimal | None = None
    #: a bounded figure: ``value`` is its bound ("trên 90 %": 90, above), or about it
    bound: Bound | None = None
    #: the names of the other indicators its derivation names (the parent of a share)
    names: tuple[tuple[str, Text], ...] = ()

    @property
    def rounded(self) -> Decimal:
        """The value to ``places``: half up; a bound outward (more than 94,736… is more
        than 94,73), so that it stays true."""
        if self.bound in ("above", "at_least"):
            return n.round_outward(self.value, self.value, self.places)[0]
        if self.bound in ("below", "at_most"):
            return n.round_outward(self.value, self.value, self.places)[1]
        return n.round_half_up(self.value, self.places)

    @property
    def one_sided(self) -> bool:
        """Whether the figure is a bound on one side ("trên 90 %"), not a value."""
        return self.bound is not None and self.bound != "about"

    @property
    def approximate(self) -> bool:
        """Derived and not exact: its value is one point of an interval."""
        return self.low is not None and self.high is not None and self.low != self.high

    @property
    def known_places(self) -> int:
        """The decimals people see it with: a derived level only to those its interval
        supports (7.828.894,3 known to ± 451,4 is shown 7.829.000: -3, thousands); else
        ``places``."""
        if self.low is None or self.high is None or self.percent:
            return self.places
        return n.supported_places(self.low, self.high, self.places)


def pct_amount(value: Decimal, derived: bool = False) -> Amount:
    return Amount(value=value, places=PCT_PLACES, derived=derived, percent=True)


def ratio_reason(gap: n.RatioGap, value: str, base: str) -> str:
    """Why a percentage of ``value`` against ``base`` is none, as a key: 'target_negative'."""
    keys: dict[n.RatioGap, str] = {
        "base_zero": f"{base}_zero",
        "base_negative": f"{base}_negative",
        "value_negative": f"{value}_negative",
        "signs_differ": "signs_differ",
    }
    return keys[gap]


def label(quantity: Quantity) -> Term:
    """A quantity in the plan's words: 'value 2021', 'pct_of_previous 2021 vs 2020', …."""
    if isinstance(quantity, Level):
        return Term(quantity.kind, quantity.period, against=quantity.name)
    if isinstance(quantity, Ratio):
        return Term("pct_of_previous", quantity.period, vs=quantity.vs)
    if isinstance(quantity, Change):
        return Term("change", quantity.period, vs=quantity.vs)
    if isinstance(quantity, Attainment):
        return Term("pct_of_target", quantity.period, against=quantity.name)
    assert isinstance(quantity, Share)
    return Term("share_pct", quantity.period, of=quantity.parent)


def is_ratio(quantity: Quantity) -> bool:
    return isinstance(quantity, _RATIOS)


#: a tuple, not a union: asked of every figure a report shows
_RATIOS = (Ratio, Attainment, Share)


def level_places(figures: list[Figure]) -> int:
    """Decimals the indicator's own figures are printed with (the most of them), in its
    unit: 180,8 triệu USD in an indicator in tỷ USD is 0,1808, four."""
    return max((n.decimals(in_own_unit(fig)) for fig in figures), default=0)


def in_own_unit(figure: Figure) -> Decimal:
    """A typed level in its indicator's unit (the same figure unless typed at another scale)."""
    return figure.value if figure.factor is None else n.mul(figure.value, figure.factor)


def indicator_places(plan: Plan, indicator: Indicator) -> int:
    """Decimals of the indicator's own typed values and targets (the most of them)."""
    figures = [t.value for t in indicator.targets if t.value is not None]
    figures += [a.value for a in plan.actuals_of.get(indicator.id, ()) if a.value is not None]
    return level_places(figures)


def known_amount(derivation: Derivation, quantity: Quantity, places: int) -> Amount:
    """A known quantity as a display figure; ratios become percentages.

    A typed figure is shown as typed (72.500 stays 72.500 beside a 67.320,5).
    A derived level that is not exactly whole gets one decimal more than the
    figures it comes from: 61.005 / 92,19 % shows as 66.173,1; it carries its
    interval, so that a reader can be told how far it is known.
    """
    known = derivation.known[quantity]
    value = known.point
    percent = is_ratio(quantity)
    # a typed figure says no range: its interval is asked for only when it is derived
    interval = known.interval if known.derived else None
    ob = known.observation
    if percent:
        value, shown = n.pct(value), PCT_PLACES
        interval = interval.scale(n.HUNDRED) if interval is not None else None
    elif known.derived and not (known.exact and value == value.to_integral_value()):
        shown = places + 1
    elif ob is not None and ob.scale == n.ONE and ob.offset == n.ZERO:
        shown = n.decimals(ob.figure.value)
    elif ob is not None and ob.offset == n.ZERO:  # printed in another scale: 180,8 triệu
        shown = n.decimals(ob.point)  # is 0,1808 tỷ, to as many digits
    else:
        shown = places
    bound = known_bound(known)
    relation = formula(quantity, known)
    inputs = _inputs(derivation, known, places, quantity.indicator)
    return Amount(
        value=value,
        places=shown,
        derived=known.derived,
        relation=relation,
        inputs=inputs,
        percent=percent,
        low=interval.low if interval is not None else None,
        high=interval.high if interval is not None else None,
        bound=bound,
        names=_named(derivation, relation, inputs),
    )


def half_line_bound(interval: Interval) -> Bound | None:
    """The bound a half-line is: (88; +∞) is more than 88, [88; +∞) at least 88."""
    if interval.high is None and interval.low is not None:
        return "above" if interval.low_open else "at_least"
    if interval.low is None and interval.high is not None:
        return "below" if interval.high_open else "at_most"
    return None


#: which way a one-sided figure reaches: up without end (more than) or down (less than)
_REACH: dict[str, int] = {"above": 1, "at_least": 1, "below": -1, "at_most": -1}


def combined_bound(rising: Bound | None, falling: Bound | None = None) -> tuple[bool, Bound | None]:
    """The bound of a figure that rises with one figure and falls with another (a gap, a
    ratio), when either is one-sided: more than 90 against a target of 95 is more than
    94,74 % of it. (False, None) when they pull both ways (no bound at all: the figure
    may be anything); (True, None) when neither is one-sided. "About" is said as its value.
    """
    reaches = []
    strict = False
    for bound, sign in ((rising, 1), (falling, -1)):
        if bound is None or bound == "about":
            continue
        reaches.append(_REACH[bound] * sign)
        strict = strict or bound in ("above", "below")
    if not reaches:
        return True, None
    if len(set(reaches)) > 1:
        return False, None
    if reaches[0] > 0:
        return True, "above" if strict else "at_least"
    return True, "below" if strict else "at_most"


def known_bound(known: Known) -> Bound | None:
    """A known quantity's bound: its printed figure's, or the one it derives from a bound
    (its point is then the bound's end: more than 90 less 10 is more than 80)."""
    if known.observation is not None:
        return known.observation.figure.bound
    return known.derived_bound


def known_end(known: Known) -> Decimal:
    """What a known quantity is said by: its point, which for a bound is the bound's end."""
    return known.point


def crosses_zero(amount: Amount) -> bool:
    """Whether a one-sided figure may be either sign: more than −5 %, less than 3 %."""
    if amount.bound in ("above", "at_least"):
        return amount.value < 0
    if amount.bound in ("below", "at_most"):
        return amount.value > 0
    return False


#: how a bound turns when its figure goes into a ratio or a difference the other way round
#: (target / actual, growth over a bounded previous): more than becomes less than
FLIPPED: dict[Bound, Bound] = {
    "above": "below",
    "below": "above",
    "at_least": "at_most",
    "at_most": "at_least",
    "about": "about",
}


def _named(
    derivation: Derivation, relation: Formula | None, inputs: tuple[Input, ...]
) -> tuple[tuple[str, Text], ...]:
    """The names of the indicators a derivation's terms name besides the figure's own."""
    terms = [item.label for item in inputs]
    if relation is not None:
        terms += [relation.result, *(p for p in relation.parts if isinstance(p, Term))]
    ids = dict.fromkeys(i for t in terms for i in (t.whose, t.of) if i is not None)
    return tuple((i, derivation.names[i]) for i in ids if i in derivation.names)


def formula(quantity: Quantity, known: Known) -> Formula | None:
    """How a derived quantity follows from its equation: 'value 2020 = value 2021 / …'."""
    eq = known.equation
    if eq is None:
        return None
    if isinstance(eq, FormulaEquation):
        parts: list[Term | str | Decimal] = []
        for piece in pieces(eq.expression_for(quantity)):
            if isinstance(piece, Ref):
                parts.append(_own_label(eq.level(piece.id), quantity.indicator))
            elif isinstance(piece, Number):
                parts.append(piece.value)
            else:
                parts.append(piece)
        return Formula(label(quantity), tuple(parts))
    r, a, b = (_own_label(q, quantity.indicator) for q in eq.terms)
    rhs: dict[Quantity, tuple[Term | str, ...]]
    if eq.op == "product":
        rhs = {eq.result: (a, " × ", b), eq.left: (r, " / ", b), eq.right: (r, " / ", a)}
    else:
        rhs = {eq.result: (a, " − ", b), eq.left: (r, " + ", b), eq.right: (a, " − ", r)}
    return Formula(label(quantity), rhs[quantity])


def _own_label(quantity: Quantity, own: str) -> Term:
    """The quantity's term, naming its indicator when that is not ``own``."""
    return _whose(label(quantity), quantity.indicator, own)


def _whose(term: Term, indicator: str, own: str) -> Term:
    return term if indicator == own else replace(term, whose=indicator)


def _inputs(derivation: Derivation, known: Known, places: int, own: str) -> tuple[Input, ...]:
    """The figures a derivation used; a typed one as typed: its relation, its digits."""
    result = []
    for quantity in known.inputs:
        source = derivation.known[quantity]
        ob = source.observation
        if ob is not None:
            typed = ob.figure.value
            percent = ob.relation in PERCENT_RELATIONS
            result.append(
                Input(
                    label=_whose(observed_label(ob), ob.quantity.indicator, own),
                    value=typed,
                    places=n.decimals(typed),
                    percent=percent,
                    at=str(ob.figure.at),
                    unit=ob.figure.unit if ob.figure.factor is not None else None,
                    bound=ob.figure.bound,
                )
            )
            continue
        percent = is_ratio(quantity)
        value = n.pct(source.point) if percent else source.point
        shown = PCT_PLACES if percent else places + 1
        term = _own_label(quantity, own)
        bound = known_bound(source)
        result.append(Input(label=term, value=value, places=shown, percent=percent, bound=bound))
    return tuple(result)


def observed_label(ob: Observation) -> Term:
    """A typed figure in the plan's words: 'growth_pct 2024 vs 2023' (as the report printed it)."""
    if ob.statement is None or ob.actual is None or ob.relation == "share_pct":
        return label(ob.quantity)
    period = ob.actual.period
    if ob.relation in TARGET_RELATIONS:
        return Term(ob.relation, period, against=ob.statement.against)
    return Term(ob.relation, period, vs=ob.statement.vs or period.previous())
