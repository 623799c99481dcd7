"""The written report's tables, shared by its Markdown, HTML and Word renderers.

Table 1 holds the indicators with a target of the period, Table 2 the other
figures, Table 3 next period's targets. A derived figure shows the digits
the report's prose says it with (say/report.py), and its note's mark.
"""

from __future__ import annotations

from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import Period
from plan_kpi.core.records import replace
from plan_kpi.render.check import actual_status_cell, growth_target_cell, pace_cell, status_cell
from plan_kpi.render.tabular import EMPTY, Cell, Column, Tabular, amount_cell, text_cell
from plan_kpi.reports.figures import Amount
from plan_kpi.reports.report import Report, Result
from plan_kpi.say.report import SaidReport
from plan_kpi.say.vocabulary import COLUMNS, entry
from plan_kpi.say.wording import note_mark, period_label


def planned_tabular(report: Report, said: SaidReport) -> Tabular:
    """Table 1: each indicator with a target: target, actual, attainment, growth, status."""
    lang = said.lang
    rows = report.planned
    keys = ["indicator", "unit"]
    if any(r.period != report.period for r in rows):
        keys.append("period")
    keys += ["target", "actual", "attainment_pct", "growth_pct", "status", "actual_status"]
    if any(r.part is not None for r in rows):  # part of the period against its share
        keys += ["part_period", "part_actual", "pro_rata_pct", "pace"]
    table = Tabular(title=said.planned_title, columns=_columns(keys, lang), lang=lang)
    for result, depth in _depths(rows):
        growth = result.comparison.growth_pct if result.comparison else None
        cells = {
            "indicator": _name_cell(result, depth, lang),
            "unit": text_cell(result.unit.get(lang)),
            "period": period_cell(result.period, lang),
            "target": _target(result.target, result.target_note, result.target_growth_pct, lang),
            "actual": figure_cell(result.actual, result.actual_note, lang),
            "attainment_pct": amount_cell(result.attainment_pct, lang),
            "growth_pct": amount_cell(growth, lang),
            "status": status_cell(result.status, lang),
            "actual_status": actual_status_cell(result.actual_status, lang),
        }
        part = result.part
        if part is not None:
            cells |= {
                "part_period": period_cell(part.period, lang),
                "part_actual": figure_cell(part.actual, 0, lang),
                "pro_rata_pct": amount_cell(part.pro_rata_pct, lang),
                "pace": pace_cell(part.pace, lang),
            }
        table.rows.append([cells.get(k, EMPTY) for k in keys])
    return table


def others_tabular(report: Report, said: SaidReport) -> Tabular:
    """Table 2: the period's other figures (no target), parts under their parent."""
    lang = said.lang
    rows = report.others
    keys = ["indicator", "unit"]
    if any(r.period != report.period for r in rows):
        keys.append("period")
    keys += ["actual", "growth_pct", "actual_status"]
    table = Tabular(title=said.others_title, columns=_columns(keys, lang), lang=lang)
    for result, depth in _depths(rows):
        growth = result.comparison.growth_pct if result.comparison else None
        cells = {
            "indicator": _name_cell(result, depth, lang),
            "unit": text_cell(result.unit.get(lang)),
            "period": period_cell(result.period, lang),
            "actual": figure_cell(result.actual, result.actual_note, lang),
            "growth_pct": amount_cell(growth, lang),
            "actual_status": actual_status_cell(result.actual_status, lang),
        }
        table.rows.append([cells[k] for k in keys])
    return table


def next_tabular(report: Report, said: SaidReport) -> Tabular:
    """Table 3: next period's targets, the latest actual and the growth each requires."""
    lang = said.lang
    keys = ["indicator", "unit", "target", "base_period", "base_actual", "required_growth_pct"]
    table = Tabular(title=said.next_title, columns=_columns(keys, lang), lang=lang)
    for item in report.next_targets:
        table.rows.append(
            [
                text_cell(item.name.get(lang)),
                text_cell(item.unit.get(lang)),
                _target(item.target, item.target_note, item.target_growth_pct, lang),
                period_cell(item.base_period, lang),
                figure_cell(item.base, item.base_note, lang),
                amount_cell(item.required_growth_pct, lang),
            ]
        )
    return table


_NUMERIC = {"target", "actual", "attainment_pct", "growth_pct", "base_actual"}
_NUMERIC |= {"required_growth_pct", "part_actual", "pro_rata_pct"}


def _columns(keys: list[str], lang: Locale) -> list[Column]:
    return [Column(k, entry(COLUMNS, k, lang), k in _NUMERIC) for k in keys]


def _depths(rows: tuple[Result, ...]) -> list[tuple[Result, int]]:
    """Each row with its depth among the rows of the same table (parts under their parent)."""
    included = {r.indicator: r for r in rows}
    result = []
    for row in rows:
        depth, parent = 0, row.parent
        while parent is not None and parent in included:
            depth += 1
            parent = included[parent].parent
        result.append((row, depth))
    return result


def _name_cell(result: Result, depth: int, lang: Locale) -> Cell:
    return text_cell("– " * depth + (result.name.get(lang) or result.indicator))


def period_cell(period: Period | None, lang: Locale) -> Cell:
    """A period as a table shows it ('2021', '31/12/2021'), its machine form as the raw value."""
    return EMPTY if period is None else Cell(period_label(period, lang), str(period))


def figure_cell(amount: Amount | None, note: int, lang: Locale) -> Cell:
    """A figure with its note's mark, to the digits the report's prose says it with."""
    if amount is None:
        return EMPTY
    return amount_cell(replace(amount, places=amount.known_places), lang, note_mark(note))


def _target(target: Amount | None, note: int, growth: Amount | None, lang: Locale) -> Cell:
    """A level target with its note mark, or a growth target as '+9,2 %'."""
    if target is None and growth is not None:
        return growth_target_cell(growth, lang)
    return figure_cell(target, note, lang)
