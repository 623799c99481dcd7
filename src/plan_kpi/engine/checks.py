"""Checks of over-determined figures: a printed statement, a breakdown into parts."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from plan_kpi.core.intervals import Interval, total
from plan_kpi.core.models import Indicator, Plan
from plan_kpi.core.periods import Period
from plan_kpi.engine.equations import Known
from plan_kpi.engine.observing import Observation
from plan_kpi.engine.quantities import Level, LevelKind, Quantity

Verdict = Literal["consistent", "inconsistent", "unchecked"]


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


def check_breakdowns(plan: Plan, known: Mapping[Quantity, Known]) -> Iterator[BreakdownCheck]:
    """Each parent and period: do its parts add up (complete) or stay within it?"""
    periods: dict[tuple[LevelKind, str], set[Period]] = {}
    for quantity in known:
        if isinstance(quantity, Level):
            periods.setdefault((quantity.kind, quantity.indicator), set()).add(quantity.period)
    for parent_id, parts in plan.children.items():
        parent = plan.by_id[parent_id]
        for kind in ("value", "target"):
            involved: set[Period] = set()
            for part in parts:
                involved |= periods.get((kind, part.id), set())
            for period in sorted(involved):
                yield _check_breakdown(parent, parts, kind, period, known)


def _check_breakdown(
    parent: Indicator,
    parts: tuple[Indicator, ...],
    kind: LevelKind,
    period: Period,
    known: Mapping[Quantity, Known],
) -> BreakdownCheck:
    whole = known.get(Level(kind, parent.id, period))
    found = {p.id: known.get(Level(kind, p.id, period)) for p in parts}
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
