"""The check report as rows and columns (table, CSV, xlsx); its JSON is render.check_json."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from plan_kpi.core import numbers as n
from plan_kpi.core.messages import C_
from plan_kpi.core.models import ActualStatus
from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import Period
from plan_kpi.render.tabular import (
    EMPTY,
    HIDDEN_NOTE,
    Cell,
    Column,
    Tabular,
    amount_cell,
    derived_cell,
    footnoted_cell,
    summary_line,
    text_cell,
    with_derived,
    word_cell,
)
from plan_kpi.reports.check import CheckReport, CheckRow, Status
from plan_kpi.reports.figures import Amount
from plan_kpi.say.catalog import words
from plan_kpi.say.display import format_pct
from plan_kpi.say.vocabulary import ACTUAL_STATUSES, COLUMNS, STATUSES, entry, say
from plan_kpi.say.wording import describe

#: the check's columns, in order (headings from the vocabulary)
KEYS = (
    "indicator",
    "name",
    "unit",
    "target",
    "target_growth_pct",
    "actual",
    "attainment_pct",
    "status",
    "gap",
    "previous",
    "growth_pct",
    "required_growth_pct",
    "latest_period",
    "actual_status",
)
#: a check's sheet in a workbook
_SHEET = C_("sheet", "Check {period}")
#: hidden first on a narrow terminal (higher first); CSV and JSON always have them all
_OPTIONAL = {"actual_status": 4, "gap": 3, "unit": 2, "previous": 1}
_NUMERIC = {
    "target",
    "target_growth_pct",
    "actual",
    "attainment_pct",
    "gap",
    "previous",
    "growth_pct",
    "required_growth_pct",
}
#: the figures that may be derived: each has a ``*_derived`` column in CSV, as in JSON
_DERIVED = ("target", "actual", "previous")
STATUS_STYLE = {
    "met": "green",
    "missed": "bold red",
    "no_actual": "yellow",
    "no_previous": "yellow",
    "no_target": "dim",
    "undecided": "yellow",
}
#: columns of words, which may wrap in a narrow terminal
_WRAP = {"status", "actual_status"}


def check_tabular(report: CheckReport, lang: Locale, with_keys: bool = False) -> Tabular:
    """Rows and columns of the check report; derived figures carry a numbered note."""
    keys = list(KEYS)
    if not with_keys:  # the table shows growth targets as targets, base periods under figures
        keys.remove("name")
        keys.remove("target_growth_pct")
        keys.remove("latest_period")
    if not with_keys:  # the unit is said under the name
        keys.remove("unit")
    columns = [
        Column(k, entry(COLUMNS, k, lang), k in _NUMERIC, _OPTIONAL.get(k, 0), wrap=k in _WRAP)
        for k in keys
    ]
    if with_keys:
        columns = with_derived([named_column(c, lang) for c in columns], _DERIVED, lang)
        keys = [c.key for c in columns]
        columns.append(Column("period", entry(COLUMNS, "period", lang)))
    title = f"{report.title} — {report.period}"
    if report.target_text is not None:  # one of several targets: which one ("dự toán HĐND tỉnh")
        shown = report.target_text.get(lang) or report.target or ""
        title += " — " + words(lang).pgettext("check", "target: {target}", target=shown)
    table = Tabular(
        title=title,
        columns=columns,
        sheet=words(lang).pgettext("sheet", _SHEET.text, period=report.period),
        lang=lang,
        hidden_note=say(HIDDEN_NOTE, lang),
    )
    depths = part_depths((row.indicator, row.parent) for row in report.rows)
    for row in report.rows:
        table.rows.append(_cells(row, keys, lang, table, with_keys, depths[row.indicator]))
    # 'undecided' only comes with a bound ("trên 90 %") against a target: said when it happens
    counts = {k: c for k, c in report.summary.items() if c or k != "undecided"}
    table.summary = summary_line(STATUSES, counts, lang)
    return table


def named_column(column: Column, lang: Locale) -> Column:
    """For CSV and xlsx, where the name has a column of its own: 'Chỉ tiêu' heads the name,
    first in a workbook, and 'Mã chỉ tiêu' the id, last there."""
    if column.key == "indicator":
        return replace(column, heading=entry(COLUMNS, "indicator_id", lang), kind="id")
    if column.key == "name":
        return replace(column, heading=entry(COLUMNS, "indicator", lang), kind="name")
    return column


def part_depths(rows: Iterable[tuple[str, str | None]]) -> dict[str, int]:
    """How deep each row is among the rows: a part under its parent (when it has a row)."""
    parents = dict(rows)
    depths = {}
    for indicator, first in parents.items():
        depth, parent = 0, first
        while parent is not None and parent in parents:
            depth += 1
            parent = parents[parent]
        depths[indicator] = depth
    return depths


def name_cell(name: str, unit: str, depth: int) -> Cell:
    """A table's first cell: the name, a part's indented under its parent, its unit under it."""
    indent = "  " * depth
    text = f"{indent}{name}\n{indent}({unit})" if unit else f"{indent}{name}"
    return text_cell(text)


def _cells(
    row: CheckRow, keys: list[str], lang: Locale, table: Tabular, with_keys: bool, depth: int
) -> list[Cell]:
    def figure(amount: Amount | None) -> Cell:
        return footnoted_cell(table, amount, lang, f"{row.name.get(lang)}: ")

    cells: dict[str, Cell] = {
        "indicator": text_cell(row.indicator)
        if with_keys
        else name_cell(row.name.get(lang), row.unit.get(lang), depth),
        "name": text_cell(row.name.get(lang)),
        "unit": text_cell(row.unit.get(lang)),
        "target": figure(row.target),
        "target_growth_pct": amount_cell(row.target_growth_pct, lang),
        "actual": figure(row.actual),
        "attainment_pct": amount_cell(row.attainment_pct, lang),
        "gap": amount_cell(row.gap, lang),
        "previous": figure(row.previous),
        "target_derived": derived_cell(bool(row.target and row.target.derived), lang),
        "actual_derived": derived_cell(bool(row.actual and row.actual.derived), lang),
        "previous_derived": derived_cell(bool(row.previous and row.previous.derived), lang),
        "growth_pct": amount_cell(row.growth_pct, lang),
        "required_growth_pct": required_cell(row, lang, with_keys),
        "latest_period": period_cell(row.latest_period),
        "status": status_cell(row.status, lang),
        "actual_status": actual_status_cell(row.actual_status, lang),
    }
    if row.target is None and row.target_growth_pct is not None and not with_keys:
        cells["target"] = growth_target_cell(row.target_growth_pct, lang)
    result = [cells[k] for k in keys]
    if with_keys:
        result.append(Cell(str(row.period), str(row.period)))
    return result


def required_cell(row: CheckRow, lang: Locale, with_keys: bool) -> Cell:
    """The growth required; in the table, the period it is over under it ('so với năm 2021')."""
    cell = amount_cell(row.required_growth_pct, lang)
    if with_keys or row.required_growth_pct is None or row.latest_period is None:
        return cell
    over = words(lang).gettext("vs {period}", period=describe(row.latest_period, lang))
    return replace(cell, text=f"{cell.text}\n{over}")


def period_cell(period: Period | None) -> Cell:
    return EMPTY if period is None else Cell(str(period), str(period))


def status_cell(status: Status, lang: Locale) -> Cell:
    """A target's status, in words and colour: 'không đạt' in red."""
    return word_cell(entry(STATUSES, status, lang), status, STATUS_STYLE[status])


def actual_status_cell(status: ActualStatus | None, lang: Locale) -> Cell:
    """What kind of figure the report gave: 'ước', 'sơ bộ', 'chính thức'."""
    return EMPTY if status is None else word_cell(entry(ACTUAL_STATUSES, status, lang), status)


def growth_target_cell(growth: Amount, lang: Locale) -> Cell:
    """A target that is a growth rate, in a table's target column: '+9,2 %', '-5,0 %'."""
    sign = "+" if growth.value > 0 else ""
    text = sign + format_pct(growth.value, max(1, n.decimals(growth.value)), lang)
    return word_cell(text, n.plain(growth.value))
