"""The plan's indicators as rows and columns (table, CSV, xlsx) and as JSON."""

from __future__ import annotations

from typing import Any

from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import Period
from plan_kpi.render.tabular import Cell, Column, Tabular, text_cell
from plan_kpi.reports.indicators import IndicatorRow
from plan_kpi.say.vocabulary import COLUMNS, entry

_KEYS = ("id", "name", "unit", "agency", "target_periods", "figure_periods")


def indicators_tabular(
    title: str, rows: tuple[IndicatorRow, ...], lang: Locale, with_keys: bool = False
) -> Tabular:
    """One row per indicator: its id (what commands take), name, unit, agency, periods."""
    columns = [Column(k, entry(COLUMNS, k, lang), wrap=k != "id") for k in _KEYS]
    table = Tabular(title=title, columns=columns, lang=lang)
    for row in rows:
        name = row.name.get(lang)
        table.rows.append(
            [
                text_cell(row.indicator),
                text_cell(name if with_keys else "  " * row.depth + name),
                text_cell(row.unit.get(lang)),
                text_cell(row.agency or ""),
                _periods(row.target_periods),
                _periods(row.figure_periods),
            ]
        )
    return table


def _periods(periods: tuple[Period, ...]) -> Cell:
    text = ", ".join(str(p) for p in periods)
    return Cell(text, text)


def indicators_json(plan: str, rows: tuple[IndicatorRow, ...], lang: Locale) -> dict[str, Any]:
    return {
        "plan": plan,
        "rows": [
            {
                "indicator": row.indicator,
                "name": row.name.get(lang),
                "unit": row.unit.get(lang),
                "agency": row.agency,
                "parent": row.parent,
                "target_periods": [str(p) for p in row.target_periods],
                "figure_periods": [str(p) for p in row.figure_periods],
            }
            for row in rows
        ],
    }
