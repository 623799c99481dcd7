"""The reporting cycle's state as rows and columns (table, CSV, xlsx) and as JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plan_kpi.core.messages import C_, Message
from plan_kpi.core.models import Text
from plan_kpi.core.numbers import Locale
from plan_kpi.render.check import actual_status_cell
from plan_kpi.render.tabular import EMPTY, Cell, Column, Tabular, summary_line, text_cell, word_cell
from plan_kpi.reports.status import STATES, StatusReport, StatusRow
from plan_kpi.say.catalog import words
from plan_kpi.say.vocabulary import COLUMNS, entry
from plan_kpi.say.wording import describe, in_sentence, period_label

#: a row's state
STATE_NAMES: dict[str, Message] = {
    "received": C_("report state", "received"),
    "missing": C_("report state", "missing"),
    "late": C_("report state", "late"),
}
_STYLE = {"received": "green", "missing": "yellow", "late": "bold red"}  # not words: styles
#: hidden first on a narrow terminal (higher first); CSV and JSON always have them all
_OPTIONAL = {"file": 2, "period": 1}
_WRAP = {"indicator", "agency", "needs", "file"}
_KEYS = ("indicator", "agency", "period", "state", "needs", "file", "actual_status")


def status_tabular(
    report: StatusReport, names: Mapping[str, Text], lang: Locale, with_keys: bool = False
) -> Tabular:
    """One row per indicator the period asks something of, grouped by agency."""
    w = words(lang)
    keys = list(_KEYS)
    if with_keys:
        keys.insert(1, "name")
    columns = [
        Column(k, entry(COLUMNS, k, lang), optional=_OPTIONAL.get(k, 0), wrap=k in _WRAP)
        for k in keys
    ]
    title = w.gettext(
        "{title} — reports for {period}, due {due}, as of {as_of}",
        title=report.title,
        period=describe(report.period, lang),
        due=_day(report.due.isoformat(), lang),
        as_of=_day(report.as_of.isoformat(), lang),
    )
    table = Tabular(title=title, columns=columns, lang=lang)
    for row in report.rows:
        cells = {
            "agency": text_cell(row.agency or ""),
            "indicator": text_cell(row.indicator if with_keys else row.name.get(lang)),
            "name": text_cell(row.name.get(lang)),
            "period": Cell(period_label(row.period, lang), str(row.period)),
            "state": word_cell(entry(STATE_NAMES, row.state, lang), row.state, _STYLE[row.state]),
            "needs": _needs(row, names, lang, with_keys),
            "file": text_cell(f"{row.file}:{row.line}" if row.file else None),
            "actual_status": actual_status_cell(row.actual_status, lang),
        }
        table.rows.append([cells[k] for k in keys])
    table.summary = summary_line(STATE_NAMES, report.summary, lang)
    return table


def _day(iso: str, lang: Locale) -> str:
    from plan_kpi.core.periods import parse_period

    return describe(parse_period(iso), lang)


def _needs(row: StatusRow, names: Mapping[str, Text], lang: Locale, with_keys: bool) -> Cell:
    if not row.needs:
        return EMPTY
    w = words(lang)
    said = []
    for need in row.needs:
        if need == "actual":
            said.append(w.pgettext("needs", "its figure"))
        elif need == "base":
            said.append(w.pgettext("needs", "its figure, the base of next year's target"))
        elif need == "previous":
            said.append(w.pgettext("needs", "the previous period's figure, to judge its growth"))
        else:
            parts = ", ".join(in_sentence(names[p].get(lang) or p) for p in row.missing_parts)
            said.append(w.pgettext("needs", "its parts' figures: {parts}", parts=parts))
    raw = " ".join(row.needs)
    return Cell(raw if with_keys else "; ".join(said), raw)


def status_json(report: StatusReport, lang: Locale) -> dict[str, Any]:
    return {
        "plan": report.plan,
        "period": str(report.period),
        "due": report.due.isoformat(),
        "as_of": report.as_of.isoformat(),
        "rows": [
            {
                "agency": row.agency,
                "indicator": row.indicator,
                "name": row.name.get(lang),
                "period": str(row.period),
                "has_target": row.has_target,
                "state": row.state,
                "needs": list(row.needs),
                "missing_parts": list(row.missing_parts),
                "file": row.file,
                "line": row.line,
                "actual_status": row.actual_status,
            }
            for row in report.rows
        ],
        "summary": {state: report.summary[state] for state in STATES},
    }
