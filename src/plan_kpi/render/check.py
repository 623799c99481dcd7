"""The check report as rows and columns (table, CSV, xlsx); its JSON is render.check_json."""

from __future__ import annotations

from dataclasses import replace

from plan_kpi.core import numbers as n
from plan_kpi.core.models import ActualStatus
from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import Period
from plan_kpi.render.tabular import (
    EMPTY,
    HIDDEN_NOTE,
    SUMMARY_LABEL,
    Cell,
    Column,
    Tabular,
    amount_cell,
    footnoted_cell,
    text_cell,
    word_cell,
)
from plan_kpi.reports.check import CheckReport, CheckRow, Status
from plan_kpi.reports.figures import Amount
from plan_kpi.say.display import format_pct, word
from plan_kpi.say.wording import describe

#: column headings, shared by the reports that show the same figures
HEADINGS: dict[str, dict[Locale, str]] = {
    "indicator": {"en": "Indicator", "vi": "Chỉ tiêu"},
    "name": {"en": "Name", "vi": "Tên"},
    "unit": {"en": "Unit", "vi": "Đơn vị"},
    "target": {"en": "Target", "vi": "Kế hoạch"},
    "target_growth_pct": {"en": "Target growth %", "vi": "Kế hoạch tăng %"},
    "actual": {"en": "Actual", "vi": "Thực hiện"},
    "attainment_pct": {"en": "% of target", "vi": "% KH"},
    "status": {"en": "Status", "vi": "Đánh giá"},
    "gap": {"en": "Gap", "vi": "Chênh lệch"},
    "previous": {"en": "Previous", "vi": "Cùng kỳ"},
    "growth_pct": {"en": "Growth %", "vi": "Tăng/giảm %"},
    "required_growth_pct": {"en": "Required growth %", "vi": "Tăng cần đạt %"},
    "latest_period": {"en": "Base period", "vi": "Kỳ gốc"},
    "actual_status": {"en": "Report", "vi": "Loại số liệu"},
}
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
STATUS_STYLE = {
    "met": "green",
    "missed": "bold red",
    "no_actual": "yellow",
    "no_previous": "yellow",
    "no_target": "dim",
}
_TITLE: dict[Locale, str] = {"en": "{title} — {period}", "vi": "{title} — {period}"}


def check_tabular(report: CheckReport, with_keys: bool = False) -> Tabular:
    """Rows and columns of the check report; derived figures carry a numbered note."""
    lang = report.lang
    keys = list(HEADINGS)
    if not with_keys:  # the table shows growth targets as targets, base periods under figures
        keys.remove("name")
        keys.remove("target_growth_pct")
        keys.remove("latest_period")
    columns = [Column(k, HEADINGS[k][lang], k in _NUMERIC, _OPTIONAL.get(k, 0)) for k in keys]
    if with_keys:
        columns.append(Column("period", "period"))
    table = Tabular(
        title=_TITLE[lang].format(title=report.title, period=report.period),
        columns=columns,
        hidden_note=HIDDEN_NOTE[lang],
    )
    for row in report.rows:
        table.rows.append(_cells(row, keys, lang, table, with_keys))
    counts = ", ".join(f"{word(s, lang)} {c}" for s, c in report.summary.items())
    table.summary = SUMMARY_LABEL[lang] + counts
    return table


def _cells(
    row: CheckRow, keys: list[str], lang: Locale, table: Tabular, with_keys: bool
) -> list[Cell]:
    def figure(amount: Amount | None) -> Cell:
        return footnoted_cell(table, amount, lang, f"{row.indicator}: ")

    cells: dict[str, Cell] = {
        "indicator": text_cell(row.indicator if with_keys else f"{row.name}\n{row.indicator}"),
        "name": text_cell(row.name),
        "unit": text_cell(row.unit),
        "target": figure(row.target),
        "target_growth_pct": amount_cell(row.target_growth_pct, lang),
        "actual": figure(row.actual),
        "attainment_pct": amount_cell(row.attainment_pct, lang),
        "gap": amount_cell(row.gap, lang),
        "previous": figure(row.previous),
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


_VS: dict[Locale, str] = {"en": "vs", "vi": "so với"}


def required_cell(row: CheckRow, lang: Locale, with_keys: bool) -> Cell:
    """The growth required; in the table, the period it is over under it ('so với năm 2021')."""
    cell = amount_cell(row.required_growth_pct, lang)
    if with_keys or row.required_growth_pct is None or row.latest_period is None:
        return cell
    return replace(cell, text=f"{cell.text}\n{_VS[lang]} {describe(row.latest_period, lang)}")


def period_cell(period: Period | None) -> Cell:
    return EMPTY if period is None else Cell(str(period), str(period))


def status_cell(status: Status, lang: Locale) -> Cell:
    """A target's status, in words and colour: 'không đạt' in red."""
    return word_cell(word(status, lang), status, STATUS_STYLE[status])


def actual_status_cell(status: ActualStatus | None, lang: Locale) -> Cell:
    """What kind of figure the report gave: 'ước', 'sơ bộ', 'chính thức'."""
    return EMPTY if status is None else word_cell(word(status, lang), status)


def growth_target_cell(growth: Amount, lang: Locale) -> Cell:
    """A target that is a growth rate, in a table's target column: '+9,2 %', '-5,0 %'."""
    sign = "+" if growth.value > 0 else ""
    text = sign + format_pct(growth.value, max(1, n.decimals(growth.value)), lang)
    return word_cell(text, n.plain(growth.value))
