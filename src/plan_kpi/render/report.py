"""The written report's tables and headings, shared by its Markdown and HTML renderers."""

from __future__ import annotations

from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import Period
from plan_kpi.render.check import (
    actual_status_cell,
    growth_target_cell,
    status_cell,
)
from plan_kpi.render.tabular import EMPTY, Cell, Column, Tabular, amount_cell, text_cell
from plan_kpi.reports.figures import Amount
from plan_kpi.reports.report import Report, period_label
from plan_kpi.say.vocabulary import COLUMNS, entry
from plan_kpi.say.wording import HEADINGS as WORDS
from plan_kpi.say.wording import describe, when

_ABOUT_NEXT = frozenset({"next", "next_table", "no_next"})


def heading(report: Report, key: str) -> str:
    """A heading or fixed line of the report, with its period filled in ('đến 31/12/2021')."""
    period = report.next_period if key in _ABOUT_NEXT else report.period
    lang = report.lang
    named = when(period, lang) if period.kind == "date" else describe(period, lang)
    return WORDS[lang][key].format(period=named, plan=report.plan)


def results_tabular(report: Report) -> Tabular:
    """Table 1: each indicator's target, actual, attainment and growth in its period."""
    lang = report.lang
    keys = ("indicator", "unit", "period", "target", "actual", "attainment_pct", "growth_pct")
    numeric = {"target", "actual", "attainment_pct", "growth_pct"}
    columns = [
        Column(k, entry(COLUMNS, k, lang), k in numeric)
        for k in keys
    ]
    columns += [
        Column("status", entry(COLUMNS, "status", lang)),
        Column("actual_status", entry(COLUMNS, "actual_status", lang)),
    ]
    table = Tabular(title=heading(report, "table"), columns=columns)
    for result in report.results:
        growth = result.comparison.growth_pct if result.comparison else None
        table.rows.append(
            [
                text_cell("– " * result.depth + result.name),
                text_cell(result.unit),
                period_cell(result.period, lang),
                _target(result.target, result.target_mark, result.target_growth_pct, lang),
                amount_cell(result.actual, lang, result.actual_mark),
                amount_cell(result.attainment_pct, lang),
                amount_cell(growth, lang),
                status_cell(result.status, lang),
                actual_status_cell(result.actual_status, lang),
            ]
        )
    return table


def next_tabular(report: Report) -> Tabular:
    """Table 2: next period's targets, the latest actual and the growth each requires."""
    lang = report.lang
    columns = [
        Column("indicator", entry(COLUMNS, "indicator", lang)),
        Column("unit", entry(COLUMNS, "unit", lang)),
        Column("target", entry(COLUMNS, "target", lang), numeric=True),
        Column("base_period", WORDS[lang]["base_period"]),
        Column("base", WORDS[lang]["base"], numeric=True),
        Column("required_growth_pct", entry(COLUMNS, "required_growth_pct", lang), numeric=True),
    ]
    table = Tabular(title=heading(report, "next_table"), columns=columns)
    for item in report.next_targets:
        table.rows.append(
            [
                text_cell(item.name),
                text_cell(item.unit),
                _target(item.target, item.target_mark, item.target_growth_pct, lang),
                period_cell(item.base_period, lang),
                amount_cell(item.base, lang, item.base_mark),
                amount_cell(item.required_growth_pct, lang),
            ]
        )
    return table


def period_cell(period: Period | None, lang: Locale) -> Cell:
    """A period as a table shows it ('2021', '31/12/2021'), its machine form as the raw value."""
    return EMPTY if period is None else Cell(period_label(period, lang), str(period))


def _target(target: Amount | None, mark: str, growth: Amount | None, lang: Locale) -> Cell:
    """A level target with its note mark, or a growth target as '+9,2 %'."""
    if target is None and growth is not None:
        return growth_target_cell(growth, lang)
    return amount_cell(target, lang, mark)
