"""The relations engine: what the figures a plan and its reports print imply.

Every figure is an observation of one quantity (a level, a ratio of two levels, a
change, an attainment, a share), each with the interval its printed precision allows.
Equations tie the quantities together (value = ratio × previous, value − previous =
change, value = attainment × target, value = share × parent's value). The engine takes
observations from the most direct (values and targets) to the least (percentages); an
observation of a quantity not yet known fixes it, and every equation with one unknown
left derives it. An observation of a quantity already known, or a breakdown whose parts
are all known, is a check: consistent when some true values of the printed figures it
comes from, each within its printed interval, give what was printed (``engine.checks``).

Pure: plan in, derivations and checks out. ``check``, ``audit`` and ``outlook`` all
read the same result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from plan_kpi.core.formulas import references
from plan_kpi.core.models import Indicator, Plan, Text
from plan_kpi.core.periods import Period
from plan_kpi.core.records import field, record
from plan_kpi.engine.checks import BreakdownCheck, StatementCheck, check_breakdowns
from plan_kpi.engine.equations import (
    AnyEquation,
    Equation,
    FormulaEquation,
    Known,
    equations_for,
)
from plan_kpi.engine.observing import Observation, observations
from plan_kpi.engine.quantities import Level, LevelKind, Quantity


@record(frozen=False)
class Derivation:
    """Everything the plan's figures imply: known quantities, checks, unused figures."""

    known: dict[Quantity, Known] = field(default_factory=dict)
    statement_checks: list[StatementCheck] = field(default_factory=list)
    #: observations that fixed a quantity nothing else determined (unchecked)
    fixing: list[Observation] = field(default_factory=list)
    #: each indicator's name, for words that name another indicator than a figure's own
    names: dict[str, Text] = field(default_factory=dict)
    _levels: dict[tuple[LevelKind, str], list[Level]] | None = field(
        default=None, repr=False, compare=False
    )
    _indexed: int = field(default=0, repr=False, compare=False)
    #: the plan derived, whose breakdowns are checked when first asked for
    _plan: Plan | None = field(default=None, repr=False, compare=False)
    _breakdown_checks: list[BreakdownCheck] | None = field(default=None, repr=False, compare=False)

    @property
    def breakdown_checks(self) -> list[BreakdownCheck]:
        """Whether each parent's parts add up, each period: checked when first asked for
        (``check`` never asks; ``status`` and ``audit`` do)."""
        if self._breakdown_checks is None:
            plan = self._plan
            self._breakdown_checks = (
                [] if plan is None else list(check_breakdowns(plan, self.known))
            )
        return self._breakdown_checks

    def get(self, quantity: Quantity) -> Known | None:
        return self.known.get(quantity)

    def levels_of(self, kind: LevelKind, indicator: str) -> list[Level]:
        """The indicator's known values (or default targets) of every period, from an index
        built once."""
        if self._levels is None or self._indexed != len(self.known):
            index: dict[tuple[LevelKind, str], list[Level]] = {}
            for quantity in self.known:
                if isinstance(quantity, Level) and not quantity.other_target:
                    index.setdefault((quantity.kind, quantity.indicator), []).append(quantity)
            self._levels, self._indexed = index, len(self.known)
        return self._levels.get((kind, indicator), [])

    def value(self, indicator: str, period: Period) -> Known | None:
        return self.known.get(Level("value", indicator, period))

    def target(self, indicator: str, period: Period) -> Known | None:
        return self.known.get(Level("target", indicator, period))


class _Engine:
    def __init__(self, obs: list[Observation], formulas: _Formulas) -> None:
        self.result = Derivation()
        #: each level's equations, by the level's identity: there is one object per
        #: quantity (an equation solved has no unknown term left: it is passed by). A level
        #: of one equation (most of a large plan's) keeps it without a list around it.
        self.by_term: dict[int, AnyEquation | list[AnyEquation]] = {}
        #: each stated ratio, change, attainment or share's one equation
        self.own: dict[Quantity, Equation] = {}
        # One object per quantity: equations share the observations' own, so a large plan
        # holds each level once and dictionary lookups mostly end on identity. The
        # observations come sorted by rank, levels first, so every observed level is met
        # before an equation names it. Levels are found by their fields, without making
        # one to look one up.
        self.levels: dict[tuple[LevelKind, str, Period, str | None], Level] = {}
        levels, own, tie = self.levels, self.own, self.tie
        level = self.level
        for ob in obs:
            quantity = ob.quantity
            if isinstance(quantity, Level):
                key = (quantity.kind, quantity.indicator, quantity.period, quantity.name)
                if key not in levels:
                    levels[key] = quantity
                continue
            if quantity in own:
                continue
            (equation,) = equations_for(quantity, level)
            own[quantity] = equation
            for term in equation.terms:
                if term is quantity:
                    continue
                tie(id(term), equation)
        if formulas.of:
            self.add_formulas(formulas)
        # the index of levels by their fields is for building the equations: gone before
        # the figures are taken, when the derivation grows to its largest
        self.levels = {}

    def tie(self, term: int, equation: AnyEquation) -> None:
        """One more equation of the level of this identity."""
        by_term = self.by_term
        found = by_term.get(term)
        if found is None:
            by_term[term] = equation
        elif isinstance(found, list):
            found.append(equation)
        else:
            by_term[term] = [found, equation]

    def level(
        self, kind: LevelKind, indicator: str, period: Period, name: str | None = None
    ) -> Level:
        """The one Level of these fields (made when first named)."""
        key = (kind, indicator, period, name)
        found = self.levels.get(key)
        if found is None:
            found = self.levels[key] = Level(kind, indicator, period, name)
        return found

    def add_formulas(self, formulas: _Formulas) -> None:
        """A formula's equation in every period one of its terms is spoken of, and so on
        along chains of formulas (each period's once)."""
        built: set[tuple[str, Period]] = set()
        work = [q for q in self.levels.values() if q.kind == "value"]
        while work:
            level = work.pop()
            for indicator in formulas.of.get(level.indicator, ()):
                key = (indicator.id, level.period)
                if key in built:
                    continue
                built.add(key)
                equation = formulas.equation(indicator, level.period, self.level)
                for term in equation.terms:
                    self.tie(id(term), equation)
                    if term.indicator in formulas.of:
                        work.append(term)

    def take(self, ob: Observation) -> None:
        known = self.result.known
        quantity = ob.quantity
        current = known.get(quantity)
        if current is not None:
            self.result.statement_checks.append(StatementCheck(ob, current))
            if current.derived and isinstance(quantity, Level):
                # a formula's printed value: checked against the formula, then known as
                # printed (what check and report show), as every other printed level is
                known[quantity] = Known.observed(ob)
            return
        known[quantity] = Known.observed(ob)
        self.result.fixing.append(ob)
        self.propagate(quantity)

    def propagate(self, start: Quantity) -> None:
        """Derive every quantity an equation gives once the others are known, and on from
        each; an equation of two terms derives its unknown one in name only (``Known.of``:
        its figures are computed when asked for), a formula's at once."""
        known = self.result.known
        by_term, own = self.by_term, self.own
        work = [start]
        while work:
            quantity = work.pop()
            equations: Iterable[AnyEquation]
            if isinstance(quantity, Level):
                found = by_term.get(id(quantity))
                if found is None:
                    continue
                equations = found if isinstance(found, list) else (found,)
            else:
                equations = (own[quantity],)
            for equation in equations:
                if isinstance(equation, FormulaEquation):
                    self.solve_formula(equation, work)
                    continue
                result, left, right = equation.result, equation.left, equation.right
                if result not in known:
                    if left not in known or right not in known:
                        continue
                    target, sources = result, (known[left], known[right])
                elif left not in known:
                    if right not in known:
                        continue
                    target, sources = left, (known[result], known[right])
                    if equation.op == "product" and _may_be_zero(sources[1]):
                        continue
                elif right not in known:
                    target, sources = right, (known[result], known[left])
                    if equation.op == "product" and _may_be_zero(sources[1]):
                        continue
                else:
                    continue
                known[target] = Known.of(equation, target, sources)
                work.append(target)

    def solve_formula(self, equation: FormulaEquation, work: list[Quantity]) -> None:
        """A formula's equation with one term unknown: solved for it (when it can be)."""
        known = self.result.known
        terms = equation.terms
        unknown = [q for q in terms if q not in known]
        if len(unknown) != 1:
            return
        target = unknown[0]
        if not equation.solvable(target):
            return
        try:
            interval, point = equation.solve(target, known)
        except (ZeroDivisionError, ArithmeticError):
            return
        # the other terms are known, so none equals the unknown one: identity suffices
        inputs = tuple(q for q in terms if q is not target)
        sources = tuple(known[q] for q in inputs)
        bound, torn = equation.bound(target, known)
        known[target] = Known(
            interval,
            point,
            equation=equation,
            inputs=inputs,
            sources=sources,
            derived_bound=bound,
            torn=torn,
        )
        work.append(target)


def _may_be_zero(divisor: Known) -> bool:
    """Whether a divisor's values may be zero (its equation then gives nothing): a figure's
    own are asked without keeping its interval."""
    ob = divisor.observation
    if ob is not None:
        return ob.may_be_zero() or divisor.point == 0
    return divisor.enclosure.contains_zero() or divisor.point == 0


class _Formulas:
    """The plan's formula indicators: by each indicator they tie, and how deep each is."""

    def __init__(self, plan: Plan) -> None:
        #: the formula indicators whose equation names an indicator (as result or input)
        self.of: dict[str, list[Indicator]] = {}
        for indicator in plan.indicators:
            if indicator.formula is None:
                continue
            named = [indicator.id, *(r.id for r in references(indicator.formula.expression))]
            for ind in dict.fromkeys(named):
                self.of.setdefault(ind, []).append(indicator)
        self.by_id = plan.by_id
        self._depth: dict[str, int] = {}
        self._visiting: set[str] = set()

    def depth(self, indicator: str) -> int:
        """0 for a printed indicator, 1 + its inputs' deepest for a formula (acyclic: the
        loader refuses cycles), so a formula's value is taken after those it comes from.

        Walked with a stack of its own: a chain of thousands of formulas is no recursion.
        """
        stack = [indicator]
        while stack:
            current = stack[-1]
            if current in self._depth:
                stack.pop()
                continue
            formula = self.by_id[current].formula
            inputs = [r.id for r in references(formula.expression)] if formula else []
            waiting = [i for i in inputs if i not in self._depth and i != current]
            if waiting and current not in self._visiting:
                self._visiting.add(current)  # a cycle the loader let through ends here
                stack.extend(waiting)
                continue
            self._depth[current] = 1 + max((self._depth.get(i, 0) for i in inputs), default=-1)
            stack.pop()
        return self._depth[indicator]

    def equation(
        self, indicator: Indicator, period: Period, level: Callable[[LevelKind, str, Period], Level]
    ) -> FormulaEquation:
        """The formula's equation in the period, of the engine's one Level of each term."""
        assert indicator.formula is not None
        expression = indicator.formula.expression
        names = dict.fromkeys(r.id for r in references(expression))
        return FormulaEquation(
            level("value", indicator.id, period),
            tuple(level("value", i, period) for i in names),
            expression,
        )


def derive(plan: Plan) -> Derivation:
    """Take every figure of the plan, derive what they imply, and check what is over-determined.

    A formula indicator's printed value is taken after those of the indicators it comes
    from, so that it is the figure checked against the formula.
    """
    formulas = _Formulas(plan)
    if formulas.of:
        obs = sorted(
            observations(plan), key=lambda ob: (ob.rank, formulas.depth(ob.quantity.indicator))
        )
    else:
        obs = sorted(observations(plan), key=lambda ob: ob.rank)
    engine = _Engine(obs, formulas)
    for ob in obs:
        engine.take(ob)
    result = engine.result
    result._plan = plan
    result.names = {indicator.id: indicator.name for indicator in plan.indicators}
    return result


def lineage(
    derivation: Derivation, quantity: Quantity, known: Known | None = None
) -> Iterable[tuple[Quantity, Known]]:
    """The quantity (as ``known`` says it, else as the derivation knows it) and every input
    behind it, as each was used, depth first."""
    found = known if known is not None else derivation.get(quantity)
    if found is None:
        return
    stack = [(quantity, found)]
    while stack:
        item = stack.pop()
        yield item
        _, current = item
        stack.extend(reversed(list(zip(current.inputs, current.sources, strict=True))))
