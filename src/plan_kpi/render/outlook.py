"""The outlook report as rows and columns (table, CSV) and as JSON data."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import Period
from plan_kpi.render.check import HEADINGS, growth_target_cell, named_column
from plan_kpi.render.json import amount_number
from plan_kpi.render.tabular import (
    EMPTY,
    HIDDEN_NOTE,
    SUMMARY_LABEL,
    Cell,
    Column,
    Tabular,
    amount_cell,
    derived_cell,
    text_cell,
    with_derived,
    word_cell,
)
from plan_kpi.reports.figures import Amount
from plan_kpi.reports.outlook import CATEGORIES, Note, OutlookReport, OutlookRow
from plan_kpi.say.display import explain, explain_keys, format_amount

#: the figures check shows too keep check's headings
_HEADINGS: dict[str, dict[Locale, str]] = {
    key: HEADINGS[key] for key in ("indicator", "name", "target", "target_growth_pct")
} | {
    "target_period": {"en": "Target period", "vi": "Kỳ KH"},
    "base_period": {"en": "Base period", "vi": "Kỳ gốc"},
    "base": {"en": "Base", "vi": "Gốc"},
    "latest_period": {"en": "Latest period", "vi": "Kỳ mới nhất"},
    "latest": {"en": "Latest", "vi": "Mới nhất"},
    "observed_cagr_pct": {"en": "Observed CAGR %", "vi": "Tăng BQ đã đạt %"},
    "required_cagr_pct": {"en": "Required CAGR %", "vi": "Tăng BQ cần đạt %"},
    "required_cagr_from_base_pct": {
        "en": "Required from base %",
        "vi": "Cần đạt từ kỳ gốc %",
    },
    "projected": {"en": "Projected", "vi": "Dự báo"},
    "progress_ratio": {"en": "Progress ratio", "vi": "Tỷ lệ tiến độ"},
    "category": {"en": "Outlook", "vi": "Đánh giá"},
    "pro_rata_target": {"en": "Pro-rata target", "vi": "Kế hoạch theo tỷ lệ thời gian"},
    "method": {"en": "Method", "vi": "Phương pháp"},
    "reason": {"en": "Reason", "vi": "Ghi chú"},
}
#: the figures that may be derived: each has a ``*_derived`` column in CSV, as in JSON
_DERIVED = ("target", "base", "latest")
_TABLE_KEYS = [
    "indicator",
    "target",
    "base",
    "latest",
    "observed_cagr_pct",
    "required_cagr_pct",
    "required_cagr_from_base_pct",
    "projected",
    "progress_ratio",
    "category",
]
#: CSV has the periods in columns of their own (the table shows them under each figure)
_CSV_KEYS = [
    "indicator",
    "name",
    "target_period",
    "target",
    "target_growth_pct",
    "base_period",
    "base",
    "latest_period",
    "latest",
    "observed_cagr_pct",
    "required_cagr_pct",
    "required_cagr_from_base_pct",
    "projected",
    "pro_rata_target",
    "progress_ratio",
    "category",
    "method",
    "reason",
]
#: hidden first on a narrow terminal (higher first); CSV and JSON always have them all
_OPTIONAL = {"projected": 3, "required_cagr_from_base_pct": 2, "base": 1}
_NUMERIC = {
    "target",
    "target_growth_pct",
    "base",
    "latest",
    "observed_cagr_pct",
    "required_cagr_pct",
    "required_cagr_from_base_pct",
    "projected",
    "progress_ratio",
    "pro_rata_target",
}
CATEGORY_WORDS: dict[str, dict[Locale, str]] = {
    "achieved": {"en": "achieved", "vi": "đã đạt"},
    "on_track": {"en": "on track", "vi": "đúng tiến độ"},
    "acceleration_needed": {"en": "acceleration needed", "vi": "cần đẩy nhanh"},
    "regression": {"en": "regression", "vi": "đi lùi"},
    "target_achieved": {"en": "target achieved", "vi": "đã đạt chỉ tiêu"},
    "substantial_progress": {"en": "substantial progress", "vi": "tiến bộ rõ rệt"},
    "moderate_progress": {"en": "moderate progress", "vi": "có tiến bộ, cần đẩy nhanh"},
    "limited_progress": {"en": "limited progress", "vi": "tiến bộ hạn chế"},
    "deterioration": {"en": "deterioration", "vi": "xấu đi"},
    "behind": {"en": "behind", "vi": "chậm tiến độ"},
    "missed": {"en": "missed", "vi": "không đạt"},
    "insufficient_data": {"en": "insufficient data", "vi": "chưa đủ số liệu"},
    "not_assessable": {"en": "not assessable", "vi": "không đánh giá được"},
}
_STYLE = {
    "achieved": "green",
    "target_achieved": "green",
    "on_track": "green",
    "substantial_progress": "green",
    "acceleration_needed": "yellow",
    "moderate_progress": "yellow",
    "limited_progress": "bold red",
    "regression": "bold red",
    "deterioration": "bold red",
    "behind": "bold red",
    "missed": "bold red",
    "insufficient_data": "dim",
    "not_assessable": "dim",
}
REASONS: dict[str, dict[Locale, str]] = {
    "no_actual": {"en": "no actual value yet", "vi": "chưa có số liệu thực hiện"},
    "no_comparable": {
        "en": "no actual over a period like {target}'s yet: part-year figures make no trend",
        "vi": "chưa có số liệu cùng loại kỳ với {target}: số liệu một phần năm không tạo "
        "thành xu hướng",
    },
    "one_actual": {
        "en": "only one actual ({latest}): a trend needs two",
        "vi": "mới có một số liệu ({latest}): cần hai số liệu để tính xu hướng",
    },
    "zero_base": {
        "en": "the base value ({base}) is 0: compound growth from 0 is undefined",
        "vi": "giá trị kỳ gốc ({base}) bằng 0: không tính được tốc độ tăng bình quân",
    },
    "zero_latest": {
        "en": "the latest value ({latest}) is 0: compound growth to 0 is undefined",
        "vi": "giá trị kỳ mới nhất ({latest}) bằng 0: không tính được tốc độ tăng bình quân",
    },
    "out_of_range": {
        "en": "the pace from {base} to {latest}, carried on to the target, gives figures too "
        "large to compute",
        "vi": "tốc độ từ {base} đến {latest}, kéo dài đến kỳ kế hoạch, cho số quá lớn, "
        "không tính được",
    },
    "sign_change": {
        "en": "the values change sign between {base} and {latest}: compound growth is undefined",
        "vi": "số liệu đổi dấu giữa {base} và {latest}: không tính được tốc độ tăng bình quân",
    },
    "target_sign": {
        "en": "the target is 0 or of the other sign than the latest value ({latest}): "
        "no growth rate reaches it",
        "vi": "chỉ tiêu bằng 0 hoặc trái dấu với số liệu mới nhất ({latest}): "
        "không có tốc độ tăng nào đạt được",
    },
    "target_sign_base": {
        "en": "the target is 0 or of the other sign than the base value: "
        "the growth it requires is undefined",
        "vi": "chỉ tiêu bằng 0 hoặc trái dấu với giá trị kỳ gốc: "
        "không tính được tốc độ tăng cần đạt",
    },
    "base_met": {
        "en": "the base value already met the target and the latest value has moved away from it",
        "vi": "giá trị kỳ gốc đã đạt chỉ tiêu nhưng số liệu mới nhất đã đi ngược lại",
    },
    "growth_no_level": {
        "en": "the target is growth over {previous}, which has no value yet: "
        "no level to project against",
        "vi": "chỉ tiêu là tốc độ tăng so với {previous}, kỳ này chưa có số liệu: "
        "không có mức để so với dự báo",
    },
    "growth_rate_required": {
        "en": "the target is a growth rate: it is the growth required",
        "vi": "chỉ tiêu là tốc độ tăng: dùng làm tốc độ cần đạt",
    },
    "negative_values": {
        "en": "the values are negative: growth is measured on their size and the direction flipped",
        "vi": "các giá trị đều âm: tốc độ tăng tính trên độ lớn, đảo chiều mong muốn",
    },
    "in_year_flow": {
        "en": "part-year actual {latest} against {months}/{of} of the {target} target ({share})",
        "vi": "số liệu {latest} so với {months}/{of} chỉ tiêu {target} ({share})",
    },
    "past_missed": {
        "en": "the target's period is over and its actual ({latest}) missed it",
        "vi": "kỳ kế hoạch đã qua, số liệu thực hiện ({latest}) không đạt chỉ tiêu",
    },
    "in_year_stock": {
        "en": "balance on {latest} against the target for the end of {target}",
        "vi": "số dư ngày {latest} so với chỉ tiêu cuối kỳ {target}",
    },
}
_METHOD_NAMES: dict[str, str] = {"unsd": "UNSD", "statcan": "Statistics Canada"}
_TITLE: dict[Locale, str] = {
    "en": "{title} — outlook ({method})",
    "vi": "{title} — khả năng đạt chỉ tiêu ({method})",
}
_SHEET: dict[Locale, str] = {"en": "Outlook ({method})", "vi": "Khả năng đạt ({method})"}


def category_word(category: str, lang: Locale) -> str:
    return CATEGORY_WORDS[category][lang]


def reason(row: OutlookRow, lang: Locale) -> str | None:
    """The row's notes in words, joined; None when the row needs none."""
    if not row.notes:
        return None
    return "; ".join(_note(row, note, lang) for note in row.notes)


def _note(row: OutlookRow, note: Note, lang: Locale) -> str:
    args = dict(note.args)
    if row.pro_rata_target is not None:
        args["share"] = format_amount(row.pro_rata_target, lang)
    return REASONS[note.code][lang].format(**args)


def outlook_tabular(report: OutlookReport, with_keys: bool = False) -> Tabular:
    """Rows and columns of the outlook; derived figures and reasons carry a numbered note."""
    lang = report.lang
    keys = [
        k
        for k in (_CSV_KEYS if with_keys else _TABLE_KEYS)
        if report.method == "statcan" or k != "required_cagr_from_base_pct"
    ]
    columns = [Column(k, _HEADINGS[k][lang], k in _NUMERIC, _OPTIONAL.get(k, 0)) for k in keys]
    if with_keys:
        columns = with_derived([named_column(c, lang) for c in columns], _DERIVED, lang)
        keys = [c.key for c in columns]
    table = Tabular(
        title=_TITLE[lang].format(title=report.title, method=_METHOD_NAMES[report.method]),
        columns=columns,
        sheet=_SHEET[lang].format(method=report.method),
        lang=lang,
        hidden_note=HIDDEN_NOTE[lang],
    )
    for row in report.rows:
        table.rows.append(_cells(row, keys, lang, table, with_keys))
    counts = ", ".join(f"{category_word(c, lang)} {k}" for c, k in report.summary.items() if k)
    table.summary = SUMMARY_LABEL[lang] + counts
    return table


def _cells(
    row: OutlookRow, keys: list[str], lang: Locale, table: Tabular, with_keys: bool
) -> list[Cell]:
    def footnote(text: str) -> str:
        table.footnotes.append(f"[{len(table.footnotes) + 1}] {row.indicator}: {text}")
        return f" [{len(table.footnotes)}]"

    def figure(amount: Amount | None, when: Period | None) -> Cell:
        """A level; in the table its period under it (CSV has period columns)."""
        if amount is None:
            return EMPTY
        mark = ""
        if amount.derived and amount.inputs and not with_keys:
            mark = footnote(explain(amount, lang))
        cell = amount_cell(amount, lang, mark)
        return cell if with_keys or when is None else Cell(f"{cell.text}\n{when}", cell.raw)

    def period(value: Period | None) -> Cell:
        return EMPTY if value is None else Cell(str(value), str(value))

    target = figure(row.target, row.target_period)
    if row.target is None and row.target_growth_pct is not None and not with_keys:
        growth = growth_target_cell(row.target_growth_pct, lang)
        target = replace(growth, text=f"{growth.text}\n{row.target_period}")
    words = reason(row, lang)
    mark = footnote(words) if words and not with_keys else ""
    category = category_word(row.category, lang)
    cells: dict[str, Cell] = {
        "indicator": text_cell(row.indicator if with_keys else f"{row.name}\n{row.indicator}"),
        "name": text_cell(row.name),
        "target_period": period(row.target_period),
        "target": target,
        "target_growth_pct": amount_cell(row.target_growth_pct, lang),
        "base_period": period(row.base_period),
        "base": figure(row.base, row.base_period),
        "latest_period": period(row.latest_period),
        "latest": figure(row.latest, row.latest_period),
        "target_derived": derived_cell(bool(row.target and row.target.derived), lang),
        "base_derived": derived_cell(bool(row.base and row.base.derived), lang),
        "latest_derived": derived_cell(bool(row.latest and row.latest.derived), lang),
        "observed_cagr_pct": amount_cell(row.observed_cagr_pct, lang),
        "required_cagr_pct": amount_cell(row.required_cagr_pct, lang),
        "required_cagr_from_base_pct": amount_cell(row.required_cagr_from_base_pct, lang),
        "projected": amount_cell(row.projected, lang),
        "progress_ratio": amount_cell(row.progress_ratio, lang),
        "category": word_cell(category + mark, row.category, _STYLE[row.category]),
        "pro_rata_target": amount_cell(row.pro_rata_target, lang),
        "method": Cell(row.method, row.method),
        "reason": Cell(words or "", words or ""),
    }
    return [cells[k] for k in keys]


def outlook_json(report: OutlookReport) -> dict[str, Any]:
    return {
        "plan": report.plan,
        "method": report.method,
        "rows": [_row_json(row) for row in report.rows],
        "summary": {c: report.summary[c] for c in CATEGORIES[report.method]},
    }


def _row_json(row: OutlookRow) -> dict[str, Any]:
    def period(value: object) -> str | None:
        return None if value is None else str(value)

    return {
        "indicator": row.indicator,
        "name": row.name,
        "unit": row.unit,
        "direction": row.direction,
        "kind": row.kind,
        "target_period": str(row.target_period),
        "target": amount_number(row.target),
        "target_derived": bool(row.target and row.target.derived),
        "target_growth_pct": amount_number(row.target_growth_pct),
        "base_period": period(row.base_period),
        "base": amount_number(row.base),
        "base_derived": bool(row.base and row.base.derived),
        "latest_period": period(row.latest_period),
        "latest": amount_number(row.latest),
        "latest_derived": bool(row.latest and row.latest.derived),
        "observed_cagr_pct": amount_number(row.observed_cagr_pct),
        "required_cagr_pct": amount_number(row.required_cagr_pct),
        "required_cagr_from_base_pct": amount_number(row.required_cagr_from_base_pct),
        "projected": amount_number(row.projected),
        "pro_rata_target": amount_number(row.pro_rata_target),
        "progress_ratio": amount_number(row.progress_ratio),
        "category": row.category,
        "method": row.method,
        "reason": reason(row, "en"),
        "derivations": {
            key: explain_keys(amount)
            for key, amount in (
                ("target", row.target),
                ("base", row.base),
                ("latest", row.latest),
            )
            if amount is not None and amount.derived and amount.inputs
        },
    }
