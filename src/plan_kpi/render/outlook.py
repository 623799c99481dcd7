"""The outlook report as rows and columns (table, CSV) and as JSON data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from plan_kpi.core.messages import C_, Message
from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import Period
from plan_kpi.core.records import replace
from plan_kpi.render.check import growth_target_cell, named_column, period_columns, periods_span
from plan_kpi.render.json import Each, amount_number, derivation_json
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
from plan_kpi.reports.figures import Amount
from plan_kpi.reports.outlook import CATEGORIES, Note, OutlookReport, OutlookRow
from plan_kpi.say.catalog import words
from plan_kpi.say.display import format_amount
from plan_kpi.say.terms import explain
from plan_kpi.say.vocabulary import CATEGORIES as CATEGORY_NAMES
from plan_kpi.say.vocabulary import COLUMNS, entry
from plan_kpi.say.wording import period_label

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
_STYLE = {
    "achieved": "green",
    "target_achieved": "green",
    "on_track": "green",
    "substantial_progress": "green",
    "acceleration_needed": "yellow",
    "moderate_progress": "yellow",
    "limited_progress": "bold red",  # not words: a style
    "regression": "bold red",  # not words: a style
    "deterioration": "bold red",  # not words: a style
    "behind": "bold red",  # not words: a style
    "missed": "bold red",  # not words: a style
    "insufficient_data": "dim",
    "not_assessable": "dim",
}
#: why a figure is missing, or how a row was judged (an outlook note's code)
REASONS: dict[str, Message] = {
    "no_actual": C_(
        "outlook reason",
        "no actual value yet",
    ),
    "no_comparable": C_(
        "outlook reason",
        "no actual over a period like {target}'s yet: part-year figures make no trend",
    ),
    "one_actual": C_(
        "outlook reason",
        "only one actual ({latest}): a trend needs two",
    ),
    "zero_base": C_(
        "outlook reason",
        "the base value ({base}) is 0: compound growth from 0 is undefined",
    ),
    "zero_latest": C_(
        "outlook reason",
        "the latest value ({latest}) is 0: compound growth to 0 is undefined",
    ),
    "out_of_range": C_(
        "outlook reason",
        "the pace from {base} to {latest}, carried on to the target, gives figures too "
        "large to compute",
    ),
    "sign_change": C_(
        "outlook reason",
        "the values change sign between {base} and {latest}: compound growth is undefined",
    ),
    "target_sign": C_(
        "outlook reason",
        "the target is 0 or of the other sign than the latest value ({latest}): "
        "no growth rate reaches it",
    ),
    "target_sign_base": C_(
        "outlook reason",
        "the target is 0 or of the other sign than the base value: "
        "the growth it requires is undefined",
    ),
    "base_met": C_(
        "outlook reason",
        "the base value already met the target and the latest value has moved away from it",
    ),
    "growth_no_level": C_(
        "outlook reason",
        "the target is growth over {previous}, which has no value yet: no level to project against",
    ),
    "growth_rate_required": C_(
        "outlook reason",
        "the target is a growth rate: it is the growth required",
    ),
    "negative_values": C_(
        "outlook reason",
        "the values are negative: growth is measured on their size and the direction flipped",
    ),
    "in_year_flow": C_(
        "outlook reason",
        "part-year actual {latest} against {months}/{of} of the {target} target ({share})",
    ),
    "past_missed": C_(
        "outlook reason",
        "the target's period is over and its actual ({latest}) missed it",
    ),
    "in_year_stock": C_(
        "outlook reason",
        "balance on {latest} against the target for the end of {target}",
    ),
    "bound_straddles": C_(
        "outlook reason",
        "the actual of {latest} is a bound (more or less than a figure) on both sides of the "
        "target: it does not say whether the target was met",
    ),
    "bound_no_pace": C_(
        "outlook reason",
        "a value of the series is a bound (more or less than a figure), no level to measure a "
        "pace from: latest {latest}",
    ),
}

#: each method by the name of the office whose method it is
_METHOD_NAMES: dict[str, Message] = {
    "unsd": C_("method", "UNSD"),
    "statcan": C_("method", "Statistics Canada"),
}
#: an outlook's sheet in a workbook
_SHEET = C_("sheet", "Outlook ({method})")


def category_word(category: str, lang: Locale) -> str:
    return entry(CATEGORY_NAMES, category, lang)


def reason(row: OutlookRow, lang: Locale) -> str | None:
    """The row's notes in words, joined; None when the row needs none."""
    if not row.notes:
        return None
    return "; ".join(_note(row, note, lang) for note in row.notes)


def _note(row: OutlookRow, note: Note, lang: Locale) -> str:
    args: dict[str, object] = dict(note.args)
    if row.pro_rata_target is not None:
        args["share"] = format_amount(row.pro_rata_target, lang)
    message = REASONS[note.code]
    return words(lang).pgettext("outlook reason", message.text, **args)


def outlook_tabular(report: OutlookReport, lang: Locale, with_keys: bool = False) -> Tabular:
    """Rows and columns of the outlook; derived figures and reasons carry a numbered note."""
    keys = [
        k
        for k in (_CSV_KEYS if with_keys else _TABLE_KEYS)
        if report.method == "statcan" or k != "required_cagr_from_base_pct"
    ]
    columns = [Column(k, entry(COLUMNS, k, lang), k in _NUMERIC, _OPTIONAL.get(k, 0)) for k in keys]
    if with_keys:
        columns = with_derived([named_column(c, lang) for c in columns], _DERIVED, lang)
        keys = [c.key for c in columns]
    w = words(lang)
    table = Tabular(
        title=w.gettext(
            "{title} — outlook ({method})",
            title=report.title,
            method=entry(_METHOD_NAMES, report.method, lang),
        ),
        columns=columns,
        sheet=w.pgettext("sheet", _SHEET.text, method=report.method),
        lang=lang,
    )
    for row in report.rows:
        table.rows.append(_cells(row, keys, lang, table, with_keys))
    counted = {c: k for c, k in report.summary.items() if k}
    table.summary = summary_line(CATEGORY_NAMES, counted, lang)
    return table


def _cells(
    row: OutlookRow, keys: list[str], lang: Locale, table: Tabular, with_keys: bool
) -> list[Cell]:
    def footnote(text: str) -> str:
        table.footnotes.append(f"[{len(table.footnotes) + 1}] {row.name.get(lang)}: {text}")
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
        "indicator": text_cell(row.indicator if with_keys else row.name.get(lang)),
        "name": text_cell(row.name.get(lang)),
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


def outlook_json(report: OutlookReport, lang: Locale) -> dict[str, Any]:
    return {
        "plan": report.plan,
        "method": report.method,
        "rows": Each(report.rows, lambda row: _row_json(row, lang)),
        "summary": {c: report.summary[c] for c in CATEGORIES[report.method]},
    }


def _row_json(row: OutlookRow, lang: Locale) -> dict[str, Any]:
    def period(value: object) -> str | None:
        return None if value is None else str(value)

    return {
        "indicator": row.indicator,
        "name": row.name.get(lang),
        "unit": row.unit.get(lang),
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
        "reason": _reason_json(row, lang),
        "derivations": {
            key: derivation_json(amount, lang)
            for key, amount in (
                ("target", row.target),
                ("base", row.base),
                ("latest", row.latest),
            )
            if amount is not None and amount.derived and amount.inputs
        },
    }


def _reason_json(row: OutlookRow, lang: Locale) -> dict[str, Any] | None:
    """The row's notes as codes and their particulars, and in words under ``text``."""
    if not row.notes:
        return None
    return {
        "notes": [{"code": note.code, **note.args} for note in row.notes],
        "text": reason(row, lang),
    }


# --- several periods side by side ------------------------------------------------------------

#: each period's figures in CSV and xlsx when several periods are side by side
PERIOD_KEYS = (
    "target",
    "target_growth_pct",
    "latest_period",
    "latest",
    "projected",
    "pro_rata_target",
    "progress_ratio",
    "category",
)


def in_period(report: OutlookReport, period: Period) -> OutlookReport:
    """The outlook of the targets of one period (or inside it)."""
    rows = tuple(row for row in report.rows if period.contains(row.target_period))
    return replace(report, rows=rows)


def outlooks_tabular(
    report: OutlookReport, periods: Sequence[Period], lang: Locale, with_keys: bool = False
) -> Tabular:
    """Several periods' targets side by side, one row per indicator.

    For people a column a period: the target and its category (its reason in
    a note); for programs (CSV, xlsx) each period's figures in columns of
    their own, ``category_2022`` headed 'Triển vọng 2022'.
    """
    span = periods_span(periods, lang)
    w = words(lang)
    columns = period_columns(periods, PERIOD_KEYS, _NUMERIC, lang, with_keys)
    table = Tabular(
        title=w.gettext(
            "{title} — outlook ({method})", title=report.title, method=_METHOD_NAMES[report.method]
        )
        + f" — {span}",
        columns=columns,
        sheet=w.pgettext("sheet", _SHEET.text, method=report.method),
        lang=lang,
    )
    rows: dict[str, dict[Period, OutlookRow]] = {}
    for row in report.rows:
        for period in periods:
            if period.contains(row.target_period):
                rows.setdefault(row.indicator, {}).setdefault(period, row)
    for indicator, by_period in rows.items():
        first = next(iter(by_period.values()))
        if with_keys:
            cells = [text_cell(indicator), text_cell(first.name.get(lang))]
            for period in periods:
                found = by_period.get(period)
                if found is None:
                    cells += [EMPTY] * len(PERIOD_KEYS)
                else:
                    every = _cells(found, list(PERIOD_KEYS), lang, table, with_keys=True)
                    cells += every
        else:
            cells = [text_cell(first.name.get(lang))]
            cells += [_period_cell(by_period.get(period), table, lang) for period in periods]
        table.rows.append(cells)
    counted = "; ".join(
        f"{period_label(period, lang)}: "
        + ", ".join(
            f"{category_word(c, lang)} {k}"
            for c, k in in_period(report, period).summary.items()
            if k
        )
        for period in periods
    )
    table.summary = w.gettext("Summary: {counts}", counts=counted)
    return table


def _period_cell(row: OutlookRow | None, table: Tabular, lang: Locale) -> Cell:
    """A period's cell for people: its target, then its category (its reason in a note)."""
    if row is None:
        return EMPTY
    name = row.name.get(lang)
    if row.target is None and row.target_growth_pct is not None:
        target = growth_target_cell(row.target_growth_pct, lang)
    else:
        target = footnoted_cell(table, row.target, lang, f"{name}: ")
    category = category_word(row.category, lang)
    said = reason(row, lang)
    if said:
        table.footnotes.append(f"[{len(table.footnotes) + 1}] {name}: {said}")
        category += f" [{len(table.footnotes)}]"
    return Cell(f"{target.text}\n{category}", row.category, _STYLE[row.category])


def outlooks_json(
    report: OutlookReport, periods: Sequence[Period], lang: Locale
) -> list[dict[str, Any]]:
    """Several periods: a list of each period's outlook, as ``outlook_json`` has it."""
    return [
        {"period": str(period), **outlook_json(in_period(report, period), lang)}
        for period in periods
    ]
