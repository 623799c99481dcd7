"""The written report's tables and headings, shared by its Markdown and HTML renderers."""

from __future__ import annotations

from plan_kpi.display import word
from plan_kpi.render.check import HEADINGS, STATUS_STYLE, growth_target_cell
from plan_kpi.render.tabular import EMPTY, Cell, Column, Tabular, amount_cell, text_cell, word_cell
from plan_kpi.reports.report import Report, period_label
from plan_kpi.reports.wording import HEADINGS as WORDS
from plan_kpi.reports.wording import describe


def heading(report: Report, key: str) -> str:
    """A heading or fixed line of the report, with its period filled in."""
    period = report.next_period if key.startswith("next") else report.period
    return WORDS[report.lang][key].format(period=describe(period, report.lang), plan=report.plan)


def results_tabular(report: Report) -> Tabular:
    """Table 1: each indicator's target, actual, attainment and growth in its period."""
    lang = report.lang
    keys = ("indicator", "unit", "period", "target", "actual", "attainment_pct", "growth_pct")
    numeric = {"target", "actual", "attainment_pct", "growth_pct"}
    columns = [
        Column(k, WORDS[lang]["period"] if k == "period" else HEADINGS[k][lang], k in numeric)
        for k in keys
    ]
    columns += [
        Column("status", HEADINGS["status"][lang]),
        Column("actual_status", HEADINGS["actual_status"][lang]),
    ]
    table = Tabular(title=heading(report, "table"), columns=columns)
    for result in report.results:
        target = amount_cell(result.target, lang, result.target_mark)
        if result.target is None and result.target_growth_pct is not None:
            target = growth_target_cell(result.target_growth_pct, lang)
        growth = result.comparison.growth_pct if result.comparison else None
        table.rows.append(
            [
                text_cell("– " * result.depth + result.name),
                text_cell(result.unit),
                Cell(period_label(result.period, lang), str(result.period)),
                target,
                amount_cell(result.actual, lang, result.actual_mark),
                amount_cell(result.attainment_pct, lang),
                amount_cell(growth, lang),
                word_cell(word(result.status, lang), result.status, STATUS_STYLE[result.status]),
                (
                    word_cell(word(result.actual_status, lang), result.actual_status)
                    if result.actual_status
                    else EMPTY
                ),
            ]
        )
    return table


def next_tabular(report: Report) -> Tabular:
    """Table 2: next period's targets, the latest actual and the growth each requires."""
    lang = report.lang
    columns = [
        Column("indicator", HEADINGS["indicator"][lang]),
        Column("unit", HEADINGS["unit"][lang]),
        Column("target", HEADINGS["target"][lang], numeric=True),
        Column("base_period", WORDS[lang]["base_period"]),
        Column("base", WORDS[lang]["base"], numeric=True),
        Column("required_growth_pct", HEADINGS["required_growth_pct"][lang], numeric=True),
    ]
    table = Tabular(title=heading(report, "next_table"), columns=columns)
    for item in report.next_targets:
        target = amount_cell(item.target, lang, item.target_mark)
        if item.target is None and item.target_growth_pct is not None:
            target = growth_target_cell(item.target_growth_pct, lang)
        base_period = (
            Cell(period_label(item.base_period, lang), str(item.base_period))
            if item.base_period
            else EMPTY
        )
        table.rows.append(
            [
                text_cell(item.name),
                text_cell(item.unit),
                target,
                base_period,
                amount_cell(item.base, lang, item.base_mark),
                amount_cell(item.required_growth_pct, lang),
            ]
        )
    return table
