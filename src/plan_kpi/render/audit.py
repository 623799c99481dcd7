"""The audit report as rows and columns (table, CSV) and as JSON data.

Numbers for scripts (JSON, CSV) are written from the Decimals: the printed
figure digit for digit, the computed value rounded half-up to 4 decimals,
and every interval rounded outward to 4 decimals (low down, high up), so an
interval never looks tighter than the arithmetic allows.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from plan_kpi.core import numbers as n
from plan_kpi.core.intervals import Interval
from plan_kpi.core.numbers import Locale
from plan_kpi.render.json import number
from plan_kpi.render.tabular import (
    EMPTY,
    HIDDEN_NOTE,
    Cell,
    Column,
    Tabular,
    derived_cell,
    number_cell,
    summary_line,
    text_cell,
    with_derived,
    word_cell,
)
from plan_kpi.reports.audit import VERDICTS, AuditFigure, AuditReport, AuditRow, visible
from plan_kpi.say.display import format_number
from plan_kpi.say.vocabulary import VERDICTS as VERDICT_NAMES
from plan_kpi.say.vocabulary import entry, say
from plan_kpi.say.wording import describe

#: decimals of computed values and interval bounds in JSON and CSV
DATA_PLACES = 4

_HEADINGS: dict[str, dict[Locale, str]] = {
    "indicator": {"en": "Indicator", "vi": "Chỉ tiêu"},
    "period": {"en": "Period", "vi": "Kỳ"},
    "vs": {"en": "Compared with", "vi": "So với"},
    "relation": {"en": "Relation", "vi": "Quan hệ"},
    "stated": {"en": "Printed", "vi": "Số in"},
    "stated_low": {"en": "Printed low", "vi": "Số in thấp"},
    "stated_high": {"en": "Printed high", "vi": "Số in cao"},
    "computed": {"en": "Computed", "vi": "Tính lại"},
    "computed_low": {"en": "Computed low", "vi": "Tính lại thấp"},
    "computed_high": {"en": "Computed high", "vi": "Tính lại cao"},
    "verdict": {"en": "Verdict", "vi": "Kết luận"},
    "file": {"en": "File", "vi": "Tệp"},
    "line": {"en": "Line", "vi": "Dòng"},
    "where": {"en": "Where", "vi": "Nơi in"},
    "explanation": {"en": "Arithmetic", "vi": "Phép tính"},
    "figures": {"en": "Figures", "vi": "Các số"},
}
#: the terminal table: period goes under the indicator, file:line above the where text
_TABLE_KEYS = ("indicator", "relation", "stated", "computed", "verdict", "where")
_CSV_KEYS = (
    "indicator",
    "period",
    "vs",
    "relation",
    "stated",
    "stated_low",
    "stated_high",
    "computed",
    "computed_low",
    "computed_high",
    "verdict",
    "file",
    "line",
    "where",
)
_NUMERIC = {k for k in _CSV_KEYS if k.startswith(("stated", "computed"))} | {"line"}
_VS: dict[Locale, str] = {"en": "vs", "vi": "so với"}
#: the relation column for people; CSV and JSON keep the key ('pct_of_target')
_RELATIONS: dict[str, dict[Locale, str]] = {
    "value": {"en": "actual", "vi": "số thực hiện"},
    "previous": {"en": "previous", "vi": "số cùng kỳ"},
    "change": {"en": "change", "vi": "mức tăng/giảm"},
    "growth_pct": {"en": "growth %", "vi": "tăng/giảm %"},
    "pct_of_previous": {"en": "% of previous", "vi": "% so với cùng kỳ"},
    "target": {"en": "target", "vi": "kế hoạch"},
    "pct_of_target": {"en": "% of target", "vi": "% KH"},
    "share_pct": {"en": "share %", "vi": "tỷ trọng %"},
    "sum": {"en": "sum of parts", "vi": "tổng các phần"},
    "partial": {"en": "of which", "vi": "trong đó"},
    "overlapping": {"en": "of which (each)", "vi": "trong đó (từng phần)"},
}
_VERDICT_STYLE = {"consistent": "green", "inconsistent": "bold red", "unchecked": "yellow"}
_TITLE: dict[Locale, str] = {"en": "Audit: {title}", "vi": "Soát xét số liệu: {title}"}
#: the sheet of a workbook: the audit of a period, or of every period
_SHEET: dict[Locale, str] = {"en": "Audit {period}", "vi": "Soát xét {period}"}
_SHEET_ALL: dict[Locale, str] = {"en": "Audit", "vi": "Soát xét số liệu"}
_DERIVED_NOTE: dict[Locale, str] = {
    "en": "* not printed: the parent's value is derived (see --explain)",
    "vi": "* không in: số của chỉ tiêu tổng được tính suy ra (xem --explain)",
}


def data_numbers(row: AuditRow) -> dict[str, Decimal | None]:
    """The row's numbers for scripts: computed half-up, intervals outward, to 4 decimals."""
    result: dict[str, Decimal | None] = {"stated": row.stated}
    if row.stated is not None and row.stated_derived:
        result["stated"] = n.round_half_up(row.stated, DATA_PLACES)
    for key, low, high in (
        ("stated", row.stated_low, row.stated_high),
        ("computed", row.computed_low, row.computed_high),
    ):
        if low is None or high is None:
            result[f"{key}_low"] = result[f"{key}_high"] = None
        else:
            result[f"{key}_low"], result[f"{key}_high"] = n.round_outward(low, high, DATA_PLACES)
    result["computed"] = (
        None if row.computed is None else n.round_half_up(row.computed, DATA_PLACES)
    )
    return result


def audit_tabular(report: AuditReport, with_keys: bool = False, explain: bool = False) -> Tabular:
    """Rows and columns of the audit; ``explain`` adds each row's arithmetic.

    For people (``with_keys`` false) the arithmetic follows the table as
    numbered notes, so it reads the same on a wide and a narrow terminal; for
    CSV it is a column.
    """
    lang = report.lang
    keys = list(_CSV_KEYS if with_keys else _TABLE_KEYS)
    if with_keys and explain:
        keys += ["explanation", "figures"]
    columns = [Column(k, _HEADINGS[k][lang], k in _NUMERIC) for k in keys]
    if with_keys:
        columns = with_derived(columns, ("stated",), lang)
        keys = [c.key for c in columns]
    title = _TITLE[lang].format(title=report.title)
    sheet = _SHEET_ALL[lang]
    if report.period is not None:
        title += f" — {report.period}"
        sheet = _SHEET[lang].format(period=report.period)
    table = Tabular(
        title=title,
        sheet=sheet,
        lang=lang,
        columns=columns,
        hidden_note=say(HIDDEN_NOTE, lang),
    )
    derived = False
    for index, row in enumerate(report.rows, start=1):
        mark = ""
        if explain and not with_keys:
            table.footnotes.extend(_note(row, index, lang))
            mark = f" [{index}]"
        cells = _cells(row, lang, mark, with_keys)
        derived = derived or (row.stated_derived and not with_keys)
        table.rows.append([cells[k] for k in keys])
    if derived:
        table.footnotes.insert(0, _DERIVED_NOTE[lang])
    table.summary = summary_line(VERDICT_NAMES, report.summary, lang)
    return table


def _note(row: AuditRow, index: int, lang: Locale) -> list[str]:
    """'[3] vocational_enrolment 2021 pct_of_target: 15.178 / 15.000 × 100 = …' and its figures."""
    head = f"{row.indicator} {describe(row.period, lang)}, {_relation(row.relation, lang)}"
    lines = [f"[{index}] {head}: {row.explanation}"]
    if len(row.figures) > 1:
        lines.append(f"    {_HEADINGS['figures'][lang]}: {_figure_list(row, lang, words=True)}")
    return lines


def _figure_list(row: AuditRow, lang: Locale, words: bool = False) -> str:
    """'số thực hiện 80.296 (…/2021-credit.yaml:16), …'; indicator, period if not the row's."""
    return ", ".join(_figure(row, f, lang, words) for f in row.figures)


def _figure(row: AuditRow, figure: AuditFigure, lang: Locale, words: bool) -> str:
    """One figure; in words for the notes, in the data format's keys for the CSV column."""
    parts = [figure.indicator] if figure.indicator != row.indicator else []
    parts.append(_relation(figure.relation, lang) if words else figure.relation)
    if figure.period != row.period:
        parts.append(describe(figure.period, lang) if words else str(figure.period))
    parts.append(format_number(figure.value, n.decimals(figure.value), lang))
    return f"{' '.join(parts)} ({figure.file}:{figure.line})"


def _relation(relation: str, lang: Locale) -> str:
    """A relation in a few words, as the check table's headings say it: '% KH', 'of which'."""
    return _RELATIONS.get(relation, {}).get(lang, relation)


def _cells(row: AuditRow, lang: Locale, mark: str, with_keys: bool) -> dict[str, Cell]:
    """Every column's cell.

    For people the period goes under the indicator, the interval under the
    computed value and file:line above the where text; for CSV and xlsx each
    has its own column.
    """
    numbers = data_numbers(row)

    def data(key: str) -> Cell:
        """A number for scripts (CSV, xlsx): 4 decimals, as in JSON."""
        value = numbers[key]
        if value is None:
            return EMPTY
        text = n.plain(value)
        return Cell(text, text, number=value, places=DATA_PLACES, percent=row.percent)

    stated = EMPTY
    if row.stated is not None:
        star = " *" if row.stated_derived else ""
        stated = number_cell(row.stated, row.stated_places, lang, star, row.percent)
        stated = replace(stated, raw=data("stated").raw)
    computed = EMPTY
    if row.computed is not None:
        computed = number_cell(row.computed, row.places, lang, percent=row.percent)
        computed = replace(computed, raw=data("computed").raw)
    cells = {
        "indicator": text_cell(row.indicator),
        "period": Cell(str(row.period), str(row.period)),
        "vs": Cell(str(row.vs), str(row.vs)) if row.vs else EMPTY,
        "relation": Cell(row.relation, row.relation),
        "stated": stated,
        "stated_derived": derived_cell(row.stated_derived, lang),
        "stated_low": data("stated_low"),
        "stated_high": data("stated_high"),
        "computed": computed,
        "computed_low": data("computed_low"),
        "computed_high": data("computed_high"),
        "verdict": word_cell(
            entry(VERDICT_NAMES, row.verdict, lang) + mark, row.verdict, _VERDICT_STYLE[row.verdict]
        ),
        "file": text_cell(row.file),
        "line": Cell(str(row.line), str(row.line)) if row.line else EMPTY,
        "where": text_cell(row.where),
        "explanation": text_cell(row.explanation),
        "figures": text_cell(_figure_list(row, lang)),
    }
    if with_keys:
        return cells
    cells["indicator"] = text_cell(f"{row.indicator}\n{describe(row.period, lang)}")
    relation = _relation(row.relation, lang)
    if row.vs is not None and row.vs != row.period.previous():
        relation += f"\n{_VS[lang]}\n{describe(row.vs, lang)}"
    cells["relation"] = Cell(relation, row.relation)
    if row.computed_low is not None and row.computed_high is not None:
        interval = Interval(row.computed_low, row.computed_high)
        if visible(interval, row.places):
            low, high = n.round_outward(interval.low, interval.high, row.places)
            span = (
                f"[{format_number(low, row.places, lang)}; {format_number(high, row.places, lang)}]"
            )
            cells["computed"] = replace(computed, text=f"{computed.text}\n{span}")
    place = f"{row.file}:{row.line}" if row.file else ""
    cells["where"] = text_cell("\n".join(t for t in (place, row.where or "") if t))
    return cells


def audit_json(report: AuditReport) -> dict[str, Any]:
    return {
        "plan": report.plan,
        "period": str(report.period) if report.period else None,
        "rows": [_row_json(row) for row in report.rows],
        "summary": {v: report.summary[v] for v in VERDICTS},
    }


def _row_json(row: AuditRow) -> dict[str, Any]:
    numbers = data_numbers(row)
    return {
        "indicator": row.indicator,
        "period": str(row.period),
        "vs": str(row.vs) if row.vs else None,
        "relation": row.relation,
        "stated": number(numbers["stated"]),
        "stated_low": number(numbers["stated_low"]),
        "stated_high": number(numbers["stated_high"]),
        "stated_derived": row.stated_derived,
        "computed": number(numbers["computed"]),
        "computed_low": number(numbers["computed_low"]),
        "computed_high": number(numbers["computed_high"]),
        "verdict": row.verdict,
        "file": row.file,
        "line": row.line,
        "where": row.where,
        "explanation": row.explanation,
        "figures": [
            {
                "indicator": f.indicator,
                "relation": f.relation,
                "period": str(f.period),
                "value": number(f.value),
                "text": f.text,
                "file": f.file,
                "line": f.line,
                "where": f.where,
            }
            for f in row.figures
        ],
    }
