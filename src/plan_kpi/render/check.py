"""The check report as rows and columns (table, CSV, xlsx); its JSON is render.check_json."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from plan_kpi.core import numbers as n
from plan_kpi.core.messages import C_
from plan_kpi.core.models import ActualStatus
from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import Period
from plan_kpi.core.records import replace
from plan_kpi.engine.series import balance_period
from plan_kpi.render.tabular import (
    EMPTY,
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
from plan_kpi.reports.check import CheckReport, CheckReports, CheckRow, Status
from plan_kpi.reports.figures import Amount
from plan_kpi.reports.pace import Pace
from plan_kpi.say.catalog import words
from plan_kpi.say.display import format_pct
from plan_kpi.say.vocabulary import ACTUAL_STATUSES, CATEGORIES, COLUMNS, STATUSES, entry, say
from plan_kpi.say.wording import describe, period_label

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
    "part_period",
    "part_actual",
    "pro_rata_target",
    "pro_rata_pct",
    "pace",
)
#: a check's sheet in a workbook
_SHEET = C_("sheet", "Check {period}")
#: hidden first on a narrow terminal (higher first); CSV and JSON always have them all
_OPTIONAL = {"actual_status": 4, "gap": 3, "unit": 2, "pro_rata_target": 1, "previous": 1}
_NUMERIC = {
    "target",
    "target_growth_pct",
    "actual",
    "attainment_pct",
    "gap",
    "previous",
    "growth_pct",
    "required_growth_pct",
    "part_actual",
    "pro_rata_target",
    "pro_rata_pct",
}
#: the figures that may be derived: each has a ``*_derived`` column in CSV, as in JSON
_DERIVED = ("target", "actual", "previous")
STATUS_STYLE = {
    "met": "green",
    "missed": "bold red",  # not words: a style
    "no_actual": "yellow",
    "no_previous": "yellow",
    "no_target": "dim",
    "undecided": "yellow",
}
PACE_STYLE = {"on_track": "green", "behind": "yellow"}
#: columns of words, which may wrap in a narrow terminal
_WRAP = {"status", "actual_status", "pace", "part_period"}


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
    table = Tabular(
        title=with_target(f"{report.title} — {period_label(report.period, lang)}", report, lang),
        columns=columns,
        sheet=words(lang).pgettext("sheet", _SHEET.text, period=report.period),
        lang=lang,
    )
    depths = part_depths((row.indicator, row.parent) for row in report.rows)
    own = (report.period, balance_period("stock", report.period))
    for row in report.rows:
        at = None if row.period in own else period_label(row.period, lang)
        table.rows.append(_cells(row, keys, lang, table, with_keys, depths[row.indicator], at))
    table.summary = summary_line(STATUSES, status_counts(report), lang)
    return table


def with_target(title: str, report: CheckReport | None, lang: Locale) -> str:
    """A title that says which target judges, for a plan with several by name (--target):
    '… — kế hoạch: dự toán HĐND tỉnh giao'."""
    if report is None or report.target_text is None:
        return title
    shown = report.target_text.get(lang) or report.target or ""
    return title + " — " + words(lang).pgettext("check", "target: {target}", target=shown)


def status_counts(report: CheckReport) -> dict[str, int]:
    """A report's count of each status; 'undecided' only comes with a bound ("trên 90 %")
    against a target, so it is counted only when it happens."""
    return {k: c for k, c in report.summary.items() if c or k != "undecided"}


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


def name_cell(name: str, unit: str, depth: int, at: str | None = None) -> Cell:
    """A table's first cell: the name, a part's indented under its parent, its unit under it
    with the row's period when it is not the report's ('(tỷ đồng, 31/10/2021)')."""
    indent = "  " * depth
    under = ", ".join(x for x in (unit, at) if x)
    text = f"{indent}{name}\n{indent}({under})" if under else f"{indent}{name}"
    return text_cell(text)


def _cells(
    row: CheckRow,
    keys: list[str],
    lang: Locale,
    table: Tabular,
    with_keys: bool,
    depth: int,
    at: str | None,
) -> list[Cell]:
    def figure(amount: Amount | None) -> Cell:
        return footnoted_cell(table, amount, lang, f"{row.name.get(lang)}: ")

    cells: dict[str, Cell] = {
        "indicator": text_cell(row.indicator)
        if with_keys
        else name_cell(row.name.get(lang), row.unit.get(lang), depth, at),
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
    part = row.part
    cells |= {
        "part_period": EMPTY
        if part is None
        else Cell(period_label(part.period, lang), str(part.period)),
        "part_actual": EMPTY if part is None else figure(part.actual),
        "pro_rata_target": amount_cell(part.pro_rata_target if part else None, lang),
        "pro_rata_pct": amount_cell(part.pro_rata_pct if part else None, lang),
        "pace": EMPTY if part is None else pace_cell(part.pace, lang),
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


def pace_cell(pace: Pace, lang: Locale) -> Cell:
    """A part of a period against its share of the target: 'đúng tiến độ', 'chậm tiến độ'."""
    return word_cell(entry(CATEGORIES, pace, lang), pace, PACE_STYLE[pace])


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


# --- several periods side by side ------------------------------------------------------------

#: each period's figures in CSV and xlsx when several periods are side by side
PERIOD_KEYS = (
    "period",
    "target",
    "target_growth_pct",
    "actual",
    "attainment_pct",
    "growth_pct",
    "status",
    "part_period",
    "part_actual",
    "pro_rata_pct",
    "pace",
)


def periods_span(periods: Sequence[Period], lang: Locale) -> str:
    """Several periods in a title: '2021–2025' for years one after another, else listed."""
    years = [p.year for p in periods]
    consecutive = all(p.kind == "year" for p in periods) and years == list(
        range(years[0], years[0] + len(years))
    )
    if consecutive and len(years) > 2:
        return f"{years[0]}–{years[-1]}"
    return ", ".join(period_label(p, lang) for p in periods)


def period_columns(
    periods: Sequence[Period],
    keys: Sequence[str],
    numeric: Collection[str],
    lang: Locale,
    with_keys: bool,
    unit: bool = False,
) -> list[Column]:
    """The columns of several periods side by side: for people, the indicator and a column
    a period; for programs (CSV, xlsx), the id, the name (and ``unit``), then each period's
    ``keys`` in columns of their own (``actual_2021``, headed 'Thực hiện 2021')."""
    heading = entry(COLUMNS, "indicator", lang)
    if not with_keys:
        return [Column("indicator", heading)] + [
            Column(str(period), period_label(period, lang), numeric=True, wrap=True)
            for period in periods
        ]
    columns = [
        named_column(Column("indicator", heading), lang),
        named_column(Column("name", heading), lang),
    ]
    if unit:
        columns.append(Column("unit", entry(COLUMNS, "unit", lang)))
    for period in periods:
        label = period_label(period, lang)
        columns += [
            Column(f"{key}_{period}", f"{entry(COLUMNS, key, lang)} {label}", key in numeric)
            for key in keys
        ]
    return columns


def checks_tabular(reports: CheckReports, lang: Locale, with_keys: bool = False) -> Tabular:
    """Several periods side by side, one row per indicator.

    For people a column a period: the actual, its period when it is not the
    column's (a balance on 31/10), the % of target (or the growth, for a
    growth target), the status, and a part of the period against its share
    of the target. For programs (CSV, xlsx) each period's figures in columns
    of their own: ``actual_2021``, headed 'Thực hiện 2021'.
    """
    periods = [report.period for report in reports.reports]
    span = periods_span(periods, lang)
    w = words(lang)
    columns = period_columns(periods, PERIOD_KEYS, _NUMERIC, lang, with_keys, unit=True)
    shown_by = reports.reports[0] if reports.reports else None
    table = Tabular(
        title=with_target(f"{reports.title} — {span}", shown_by, lang),
        columns=columns,
        sheet=w.pgettext("sheet", _SHEET.text, period=span),
        lang=lang,
    )
    by_period = [{row.indicator: row for row in report.rows} for report in reports.reports]
    any_row: dict[str, CheckRow] = {}
    for rows in by_period:
        for indicator, row in rows.items():
            any_row.setdefault(indicator, row)
    depths = part_depths((ind, any_row[ind].parent) for ind in reports.indicators)
    for ind in reports.indicators:
        first = any_row[ind]
        name, unit = first.name.get(lang), first.unit.get(lang)
        if with_keys:
            cells = [text_cell(ind), text_cell(name), text_cell(unit)]
            for rows in by_period:
                cells += _period_cells(rows.get(ind), table, lang)
        else:
            cells = [name_cell(name, unit, depths[ind])]
            cells += [
                _period_cell(rows.get(ind), report.period, table, lang)
                for rows, report in zip(by_period, reports.reports, strict=True)
            ]
        table.rows.append(cells)
    counted = "; ".join(
        f"{period_label(report.period, lang)}: "
        + ", ".join(f"{say(STATUSES[k], lang)} {c}" for k, c in status_counts(report).items())
        for report in reports.reports
    )
    table.summary = w.gettext("Summary: {counts}", counts=counted)
    return table


def _period_cells(row: CheckRow | None, table: Tabular, lang: Locale) -> list[Cell]:
    """A period's figures for programs, one cell each (PERIOD_KEYS); empty without a row."""
    if row is None:
        return [EMPTY] * len(PERIOD_KEYS)
    about = f"{row.name.get(lang)}: "
    part = row.part
    cells = {
        "period": period_cell(row.period),
        "target": footnoted_cell(table, row.target, lang, about),
        "target_growth_pct": amount_cell(row.target_growth_pct, lang),
        "actual": footnoted_cell(table, row.actual, lang, about),
        "attainment_pct": amount_cell(row.attainment_pct, lang),
        "growth_pct": amount_cell(row.growth_pct, lang),
        "status": status_cell(row.status, lang),
        "part_period": period_cell(part.period if part else None),
        "part_actual": EMPTY if part is None else footnoted_cell(table, part.actual, lang, about),
        "pro_rata_pct": amount_cell(part.pro_rata_pct if part else None, lang),
        "pace": EMPTY if part is None else pace_cell(part.pace, lang),
    }
    return [cells[key] for key in PERIOD_KEYS]


def _period_cell(row: CheckRow | None, period: Period, table: Tabular, lang: Locale) -> Cell:
    """A period's cell for people: its actual, % of target and status, a line each."""
    if row is None:
        return EMPTY
    lines = []
    actual = footnoted_cell(table, row.actual, lang, f"{row.name.get(lang)}: ")
    if actual.text:
        lines.append(actual.text)
    if row.period not in (period, balance_period("stock", period)):
        lines.append(period_label(row.period, lang))
    if row.attainment_pct is not None:
        lines.append(format_pct(row.attainment_pct.value, row.attainment_pct.places, lang))
    elif row.target_growth_pct is not None and row.growth_pct is not None:
        growth = row.growth_pct
        sign = "+" if growth.value > 0 else ""
        lines.append(sign + format_pct(growth.value, growth.places, lang))
    if row.status != "no_target":
        lines.append(entry(STATUSES, row.status, lang))
    if row.part is not None:
        part = row.part
        shown = amount_cell(part.actual, lang).text
        lines.append(f"{period_label(part.period, lang)}: {shown}")
        if part.pro_rata_pct is not None:
            lines.append(format_pct(part.pro_rata_pct.value, part.pro_rata_pct.places, lang))
        lines.append(entry(CATEGORIES, part.pace, lang))
    return Cell("\n".join(lines), row.status, STATUS_STYLE[row.status])
