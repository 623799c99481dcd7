"""The check report as JSON data.

Apart from the rows and columns of render.check, so that JSON output loads
none of them (start-up is measured).
"""

from __future__ import annotations

from typing import Any

from plan_kpi.core.numbers import Locale
from plan_kpi.render.json import Each, derivation_json
from plan_kpi.render.json import amount_number as _number
from plan_kpi.reports.check import STATUSES, CheckReport, CheckReports, CheckRow


def check_json(report: CheckReport, lang: Locale) -> dict[str, Any]:
    return {
        "plan": report.plan,
        "period": str(report.period),
        # the target judged by, when the plan has several by name (else null)
        "target": report.target,
        "rows": Each(report.rows, lambda row: _row_json(row, lang)),
        "summary": {s: report.summary[s] for s in STATUSES},
    }


def checks_json(reports: CheckReports, lang: Locale) -> list[dict[str, Any]]:
    """Several periods: a list of their check reports, each as ``check_json`` has it."""
    return [check_json(report, lang) for report in reports.reports]


def _row_json(row: CheckRow, lang: Locale) -> dict[str, Any]:
    return {
        "indicator": row.indicator,
        "name": row.name.get(lang),
        "unit": row.unit.get(lang),
        "period": str(row.period),
        "target": _number(row.target),
        "target_derived": bool(row.target and row.target.derived),
        "target_growth_pct": _number(row.target_growth_pct),
        "actual": _number(row.actual),
        "actual_derived": bool(row.actual and row.actual.derived),
        "attainment_pct": _number(row.attainment_pct),
        "attainment_reason": row.attainment_reason,
        "gap": _number(row.gap),
        "previous": _number(row.previous),
        "previous_period": str(row.previous_period),
        "previous_derived": bool(row.previous and row.previous.derived),
        "growth_pct": _number(row.growth_pct),
        "growth_reason": row.growth_reason,
        "required_growth_pct": _number(row.required_growth_pct),
        "required_growth_reason": row.required_growth_reason,
        "latest_period": str(row.latest_period) if row.latest_period else None,
        "status": row.status,
        "actual_status": row.actual_status,
        # the figures that are bounds ("trên 90 %": "actual": "above"); the number is the bound
        "bounds": {
            key: amount.bound
            for key, amount in (
                ("target", row.target),
                ("actual", row.actual),
                ("attainment_pct", row.attainment_pct),
                ("gap", row.gap),
                ("previous", row.previous),
                ("growth_pct", row.growth_pct),
                ("required_growth_pct", row.required_growth_pct),
            )
            if amount is not None and amount.bound is not None
        },
        "part_period": str(row.part.period) if row.part else None,
        "part_actual": _number(row.part.actual if row.part else None),
        "pro_rata_target": _number(row.part.pro_rata_target if row.part else None),
        "pro_rata_pct": _number(row.part.pro_rata_pct if row.part else None),
        "pace": row.part.pace if row.part else None,
        "derivations": {
            key: derivation_json(amount, lang)
            for key, amount in (
                ("target", row.target),
                ("actual", row.actual),
                ("previous", row.previous),
                ("part_actual", row.part.actual if row.part else None),
            )
            if amount is not None and amount.derived and amount.inputs
        },
    }
