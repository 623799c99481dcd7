"""Formulas checked across the plan: the ids they name, cycles, units added together.

A formula names other indicators by id; each must be an indicator of targets.yaml ("did
you mean" the closest). An indicator may not be computed from itself, however far round:
a formula that names, directly or through other formulas, the indicator it computes is a
cycle, and so is one that goes through a complete breakdown (``population.urban =
population − population.rural`` where population is the sum of its parts, the urban
population among them). Each problem points at the id in the formula's text.

Adding or subtracting indicators whose units differ (tấn and ha) is said as a warning: a
unit is free text ("triệu USD", "tr. USD"), so plan-kpi cannot tell a mistake from two
spellings, and a warning never stops a run.
"""

from __future__ import annotations

from collections.abc import Iterator

from plan_kpi.core.errors import Problem
from plan_kpi.core.formulas import Negate, Node, Number, Operation, Ref, references
from plan_kpi.core.messages import N_, Message
from plan_kpi.core.models import Indicator, Source, Text
from plan_kpi.core.quotes import quoted
from plan_kpi.core.records import record
from plan_kpi.core.suggestions import Suggestions


@record
class _Edge:
    """One step of a cycle: ``source`` uses ``target`` in its formula (at ``ref``), or is
    the sum of its parts, ``target`` among them (``ref`` None)."""

    source: str
    target: str
    ref: Ref | None


def formula_problems(indicators: list[Indicator], warnings: list[Problem]) -> Iterator[Problem]:
    """Unknown ids and cycles of the plan's formulas; units that differ go to ``warnings``."""
    by_id: dict[str, Indicator] = {}
    for indicator in indicators:
        by_id.setdefault(indicator.id, indicator)
    formulas = [i for i in by_id.values() if i.formula is not None]
    if not formulas:
        return
    known = Suggestions(by_id)
    for indicator in formulas:
        assert indicator.formula is not None
        for ref in references(indicator.formula.expression):
            if ref.id not in by_id:
                close = known.closest(ref.id)
                hint = (
                    N_("did you mean {close}?", close=quoted(close))
                    if close is not None
                    else N_("add it to targets.yaml or fix the id")
                )
                yield _problem(
                    indicator.formula.place(ref.offset),
                    N_(
                        "{id} in the formula of {indicator} is not an indicator of "
                        "targets.yaml — {hint}",
                        id=quoted(ref.id),
                        indicator=quoted(indicator.id),
                        hint=hint,
                    ),
                )
        _Units(by_id, indicator, warnings).check()
    cycles = list(_cycles(by_id))
    yield from cycles
    if not cycles:
        yield from _too_deep(by_id)


#: The most ids and numbers a formula may come to, each formula it names written out in its
#: place (a yield from an output that is itself a formula of two ids: four): the exact
#: audit follows every figure through every formula, once for each time it is named.
MAX_EXPANDED = 100


def _too_deep(by_id: dict[str, Indicator]) -> Iterator[Problem]:
    """Each formula that comes to more than MAX_EXPANDED ids and numbers, written out,
    when those it names do not (the graph is acyclic by now)."""
    size: dict[str, int] = {}
    for start in by_id:
        stack = [start]
        while stack:
            current = stack[-1]
            if current in size:
                stack.pop()
                continue
            formula = by_id[current].formula
            if formula is None:
                size[current] = 1
                stack.pop()
                continue
            named = [r.id for r in references(formula.expression) if r.id in by_id]
            waiting = [i for i in named if i not in size]
            if waiting:
                stack.extend(waiting)
                continue
            numbers = _numbers(formula.expression)
            size[current] = numbers + sum(size[i] for i in named)
            stack.pop()
    for indicator in by_id.values():
        formula = indicator.formula
        if formula is None or size[indicator.id] <= MAX_EXPANDED:
            continue
        named = [r.id for r in references(formula.expression) if r.id in by_id]
        if all(size[i] <= MAX_EXPANDED for i in named):
            yield _problem(
                formula.place(0),
                N_(
                    "{indicator} comes, through its formula and those of the indicators it "
                    "names, to more than {most} ids and numbers — compute it from printed "
                    "figures in fewer steps",
                    indicator=quoted(indicator.id),
                    most=MAX_EXPANDED,
                ),
            )


def _numbers(node: Node) -> int:
    """How many numbers the formula writes."""
    stack, count = [node], 0
    while stack:
        current = stack.pop()
        if isinstance(current, Number):
            count += 1
        elif isinstance(current, Negate):
            stack.append(current.operand)
        elif isinstance(current, Operation):
            stack += (current.left, current.right)
    return count


def _problem(at: Source, message: Message) -> Problem:
    return Problem(at.file, at.line, at.column, message)


def _edges(by_id: dict[str, Indicator]) -> dict[str, list[_Edge]]:
    """What each indicator is computed from: its formula's ids, a complete parent its parts."""
    edges: dict[str, list[_Edge]] = {}
    for indicator in by_id.values():
        if indicator.formula is not None:
            for ref in references(indicator.formula.expression):
                if ref.id in by_id:
                    edges.setdefault(indicator.id, []).append(_Edge(indicator.id, ref.id, ref))
        parent = by_id.get(indicator.parent) if indicator.parent is not None else None
        if parent is not None and _complete_in(parent, indicator):
            edges.setdefault(parent.id, []).append(_Edge(parent.id, indicator.id, None))
    return edges


def _complete_in(parent: Indicator, part: Indicator) -> bool:
    """Whether the part is in a complete breakdown of the parent (the parent is their sum)."""
    if not parent.breakdowns:
        return parent.breakdown == "complete"
    return any(
        c.key == part.classification and c.breakdown == "complete" for c in parent.breakdowns
    )


def _cycles(by_id: dict[str, Indicator]) -> Iterator[Problem]:
    """Each cycle once, at the first formula's id on it, depth first in the plan's order."""
    edges = _edges(by_id)
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done
    reported: set[frozenset[str]] = set()
    for start in by_id:
        if start in state:
            continue
        path: list[_Edge] = []
        stack: list[tuple[str, Iterator[_Edge]]] = [(start, iter(edges.get(start, ())))]
        state[start] = 1
        while stack:
            node, pending = stack[-1]
            edge = next(pending, None)
            if edge is None:
                stack.pop()
                state[node] = 2
                if path:
                    path.pop()
                continue
            seen = state.get(edge.target)
            if seen == 1:
                walked = [*path, edge]
                cycle = walked[next(i for i, e in enumerate(walked) if e.source == edge.target) :]
                members = frozenset(e.source for e in cycle)
                if members not in reported and any(e.ref is not None for e in cycle):
                    reported.add(members)
                    yield _cycle_problem(by_id, cycle)
            elif seen is None:
                state[edge.target] = 1
                path.append(edge)
                stack.append((edge.target, iter(edges.get(edge.target, ()))))


def _cycle_problem(by_id: dict[str, Indicator], cycle: list[_Edge]) -> Problem:
    start = next(i for i, e in enumerate(cycle) if e.ref is not None)
    cycle = cycle[start:] + cycle[:start]  # from the formula it is said at
    first = cycle[0]
    formula = by_id[first.source].formula
    assert formula is not None and first.ref is not None
    at = formula.place(first.ref.offset)
    chain = " → ".join([e.source for e in cycle] + [cycle[0].source])
    sums = [e.source for e in cycle if e.ref is None]
    if sums:
        return _problem(
            at,
            N_(
                "a cycle through a breakdown: {chain}, where {parent} is the sum of its parts — "
                "an indicator cannot be computed from itself; the breakdown already ties them, "
                "so remove the formula",
                chain=chain,
                parent=quoted(sums[0]),
            ),
        )
    return _problem(
        at,
        N_(
            "a cycle of formulas: {chain} — an indicator cannot be computed from itself; "
            "remove one of the formulas",
            chain=chain,
        ),
    )


@record(frozen=False, slots=False)
class _Units:
    """The unit of each part of a formula, as far as adding and subtracting keep one."""

    by_id: dict[str, Indicator]
    indicator: Indicator
    warnings: list[Problem]

    def check(self) -> None:
        """Warn of a sum of figures in different units, and of one in another unit than the
        indicator it gives (a trade balance in triệu USD from figures in tỷ USD)."""
        formula = self.indicator.formula
        assert formula is not None
        result, given = self.unit(self.indicator.id), self.of(formula.expression)
        if result is not None and given is not None and _differ(result, given):
            self.warnings.append(
                _problem(
                    formula.place(0),
                    N_(
                        "warning: the formula of {indicator} gives a figure in {given}, but "
                        "its unit is {unit} — check the formula or the unit",
                        indicator=quoted(self.indicator.id),
                        given=quoted(given.vi or given.en or ""),
                        unit=quoted(result.vi or result.en or ""),
                    ),
                )
            )

    def unit(self, indicator_id: str) -> Text | None:
        """An indicator's unit; a part without one is in its parent's."""
        indicator = self.by_id.get(indicator_id)
        seen: set[str] = set()
        while indicator is not None and indicator.id not in seen:
            if indicator.unit.vi or indicator.unit.en:
                return indicator.unit
            seen.add(indicator.id)
            indicator = self.by_id.get(indicator.parent) if indicator.parent else None
        return None

    def of(self, node: Node) -> Text | None:
        """The node's unit, when a sum or difference of indicators keeps one (else None)."""
        if isinstance(node, Ref):
            return self.unit(node.id)
        if isinstance(node, Number):
            return None
        if isinstance(node, Negate):
            return self.of(node.operand)
        left, right = self.of(node.left), self.of(node.right)
        if node.op in ("*", "/"):
            return None
        if left is not None and right is not None and _differ(left, right):
            self.warn(node, left, right)
        return left if left is not None else right

    def warn(self, node: Operation, left: Text, right: Text) -> None:
        formula = self.indicator.formula
        assert formula is not None
        at = formula.place(node.offset)
        self.warnings.append(
            _problem(
                at,
                N_(
                    "warning: the formula of {indicator} adds or subtracts figures in {left} "
                    "and in {right} — check the formula, or write the units alike if they "
                    "are the same",
                    indicator=quoted(self.indicator.id),
                    left=quoted(left.vi or left.en or ""),
                    right=quoted(right.vi or right.en or ""),
                ),
            )
        )


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _differ(a: Text, b: Text) -> bool:
    """Whether two units are written differently in a language both are written in."""
    pairs = [(x, y) for x, y in ((a.vi, b.vi), (a.en, b.en)) if x and y]
    return bool(pairs) and not any(_same(x, y) for x, y in pairs)
