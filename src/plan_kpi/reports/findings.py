"""What the written report says about figures that disagree: its findings section.

The findings are the audit's (``reports.audit.build_audit``): every
inconsistent row whose period lies within the report's period, with what it
found (a printed statement the other figures contradict, parts that do not
add up to their total, parts that exceed it). Nothing here reads the
relations engine's checks itself, so the report and ``plan-kpi audit``
cannot disagree.
"""

from __future__ import annotations

from typing import Literal

from plan_kpi.core.models import Plan
from plan_kpi.core.periods import Period
from plan_kpi.core.records import record
from plan_kpi.engine.solving import Derivation
from plan_kpi.reports.audit import AuditRow, build_audit

#: a printed statement the others contradict; parts that do not sum to their total
#: (complete); parts ("trong đó") that add up to more than it; one part alone above it
FindingKind = Literal["statement", "sum", "excess", "overlap"]
_KINDS: dict[str, FindingKind] = {"sum": "sum", "partial": "excess", "overlapping": "overlap"}


@record(kw_only=True)
class Finding:
    """A figure that disagrees with the others: what kind of finding, and the audit's row."""

    indicator: str
    period: Period
    kind: FindingKind
    row: AuditRow


def build_findings(plan: Plan, derivation: Derivation, period: Period) -> tuple[Finding, ...]:
    """Every inconsistent row of the audit within the period, in the audit's order."""
    return tuple(
        Finding(
            indicator=row.indicator,
            period=row.period,
            kind="statement" if row.is_statement else _KINDS[row.relation.removeprefix("target_")],
            row=row,
        )
        for row in build_audit(plan, derivation, verdict="inconsistent").rows
        if period.contains(row.period)
    )
