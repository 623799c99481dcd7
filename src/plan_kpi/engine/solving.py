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

from collections.abc import Iterable
from dataclasses import dataclass, field

from plan_kpi.core.models import Plan
from plan_kpi.core.periods import Period
from plan_kpi.engine.checks import BreakdownCheck, StatementCheck, check_breakdowns
from plan_kpi.engine.equations import Equation, Known, equations_for
from plan_kpi.engine.observing import Observation, observations
from plan_kpi.engine.quantities import Level, LevelKind, Quantity


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
            self.result.statement_checks.append(StatementCheck(ob, current))
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


def derive(plan: Plan) -> Derivation:
    """Take every figure of the plan, derive what they imply, and check what is over-determined."""
    obs = sorted(observations(plan), key=lambda ob: ob.rank)
    engine = _Engine(obs)
    for ob in obs:
        engine.take(ob)
    result = engine.result
    result.breakdown_checks = list(check_breakdowns(plan, result.known))
    return result


def lineage(derivation: Derivation, quantity: Quantity) -> Iterable[tuple[Quantity, Known]]:
    """The quantity and every derived input behind it, depth first."""
    known = derivation.get(quantity)
    if known is None:
        return
    yield quantity, known
    for source in known.inputs:
        yield from lineage(derivation, source)
