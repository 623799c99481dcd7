"""The audit report as rows and columns (table, CSV, xlsx) and as JSON data.

Numbers for scripts (JSON, CSV) are written from the Decimals: the printed
figure digit for digit, the computed value rounded half-up to 4 decimals,
and every interval rounded outward to 4 decimals (low down, high up), so an
interval never looks tighter than the arithmetic allows. The exact numbers
JSON adds have 10 decimals: the range outward, the margin away from zero (its
sign, and whether it is zero, survive), witness values half up. The words come from
the say layer (``say/audit.py`` for each row's arithmetic), in the run's language.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from plan_kpi.core import numbers as n
from plan_kpi.core.intervals import Interval
from plan_kpi.core.messages import C_, Message
from plan_kpi.core.models import SHORT_FORM
from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import Period
from plan_kpi.core.records import replace
from plan_kpi.engine.bounds import Side, as_decimal
from plan_kpi.render.json import Each, RawNumber, number
from plan_kpi.render.tabular import (
    EMPTY,
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
from plan_kpi.reports.audit import (
    VERDICTS,
    AuditExplanation,
    AuditReport,
    AuditRow,
    AuditStep,
    AuditTerm,
    AuditWitness,
    WitnessValue,
    visible,
)
from plan_kpi.say.audit import (
    classification_name,
    explanation_text,
    figures_text,
    relation_text,
)
from plan_kpi.say.catalog import words
from plan_kpi.say.display import bounded, format_number, span_text
from plan_kpi.say.vocabulary import COLUMNS, entry, say
from plan_kpi.say.vocabulary import VERDICTS as VERDICT_NAMES
from plan_kpi.say.wording import describe

#: decimals of computed values and interval bounds in JSON and CSV
DATA_PLACES = 4
#: decimals of the exact numbers JSON adds (range, verdict_margin, witness, terms)
EXACT_PLACES = 10

#: the terminal table: period goes under the indicator, file:line above the where text
_TABLE_KEYS = ("indicator", "relation", "stated", "computed", "verdict", "where")
_CSV_KEYS = (
    "indicator",
    "period",
    "vs",
    "relation",
    "classification",
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
_WRAP = {"relation", "verdict", "where"}
_NUMERIC = {k for k in _CSV_KEYS if k.startswith(("stated", "computed"))} | {"line"}
_VERDICT_STYLE = {
    "consistent": "green",
    "inconsistent": "bold red",  # not words: a style
    "unchecked": "yellow",
}
#: the figures a row used (the vocabulary's "figures" column is the periods with figures)
_FIGURES: Message = C_("audit", "Figures")
_DERIVED_NOTE: Message = C_("audit", "* not printed: the parent's value is derived (see --explain)")


def data_numbers(row: AuditRow) -> dict[str, Decimal | None]:
    """The row's numbers for scripts: computed half-up, intervals outward, to 4 decimals."""
    result: dict[str, Decimal | None] = {"stated": row.stated}
    if row.stated is not None and row.stated_derived:
        result["stated"] = n.round_half_up(row.stated, DATA_PLACES)
    for key, low, high in (
        ("stated", row.stated_low, row.stated_high),
        ("computed", row.computed_low, row.computed_high),
    ):
        # a half-line has one bound (the other side is unbounded: None)
        result[f"{key}_low"] = None if low is None else n.round_outward(low, low, DATA_PLACES)[0]
        result[f"{key}_high"] = (
            None if high is None else n.round_outward(high, high, DATA_PLACES)[1]
        )
    result["computed"] = (
        None if row.computed is None else n.round_half_up(row.computed, DATA_PLACES)
    )
    return result


def audit_tabular(
    report: AuditReport, lang: Locale, with_keys: bool = False, explain: bool = False
) -> Tabular:
    """Rows and columns of the audit; ``explain`` adds each row's arithmetic.

    For people (``with_keys`` false) the arithmetic follows the table as
    numbered notes, so it reads the same on a wide and a narrow terminal; for
    CSV it is a column.
    """
    keys = list(_CSV_KEYS if with_keys else _TABLE_KEYS)
    if with_keys and explain:
        keys += ["explanation", "figures"]
    # for people the relation's words and the where column's path may wrap
    columns = [
        Column(k, _heading(k, lang), k in _NUMERIC, wrap=k in _WRAP and not with_keys) for k in keys
    ]
    if with_keys:
        columns = with_derived(columns, ("stated",), lang)
        keys = [c.key for c in columns]
    w = words(lang)
    title = w.pgettext("audit", "Audit: {title}", title=report.title)
    # the sheet of a workbook: the audit of a period, or of every period
    sheet = w.pgettext("audit sheet", "Audit")
    if report.period is not None:
        title += f" — {describe(report.period, lang)}"
        sheet = w.pgettext("audit sheet", "Audit {period}", period=report.period)
    table = Tabular(
        title=title,
        sheet=sheet,
        lang=lang,
        columns=columns,
    )
    derived = False
    for index, row in enumerate(report.rows, start=1):
        mark = ""
        if explain and not with_keys:
            table.footnotes.extend(_note(row, index, lang))
            mark = f" [{index}]"
        cells = _cells(row, lang, mark, with_keys, explain, report.period)
        derived = derived or (row.stated_derived and not with_keys)
        table.rows.append([cells[k] for k in keys])
    if derived:
        table.footnotes.insert(0, say(_DERIVED_NOTE, lang))
    table.summary = summary_line(VERDICT_NAMES, report.summary, lang)
    return table


def _heading(key: str, lang: Locale) -> str:
    return say(_FIGURES, lang) if key == "figures" else entry(COLUMNS, key, lang)


def _note(row: AuditRow, index: int, lang: Locale) -> list[str]:
    """'[3] Tuyển sinh … năm 2021, % KH: 15.178 / 15.000 × 100 = …' and its figures."""
    relation = relation_text(row.relation, lang)
    if row.classification is not None:
        relation += f" ({classification_name(row.classification, lang)})"
    head = f"{row.name.get(lang)} {describe(row.period, lang)}, {relation}"
    lines = [f"[{index}] {head}: {explanation_text(row, lang)}"]
    if len(row.figures) > 1:
        lines.append(f"    {say(_FIGURES, lang)}: {figures_text(row, lang)}")
    return lines


def _figure_keys(row: AuditRow, lang: Locale) -> str:
    """The figures a row used in the data format's keys, for the CSV column: 'value 61,005 (…)'."""
    items = []
    for figure in row.figures:
        parts = [figure.indicator] if figure.indicator != row.indicator else []
        parts.append(figure.relation)
        if figure.period != row.period:
            parts.append(str(figure.period))
        parts.append(format_number(figure.value, n.decimals(figure.value), lang))
        items.append(f"{' '.join(parts)} ({figure.file}:{figure.line})")
    return ", ".join(items)


def _cells(
    row: AuditRow,
    lang: Locale,
    mark: str,
    with_keys: bool,
    explain: bool,
    period: Period | None = None,
) -> dict[str, Cell]:
    """Every column's cell.

    For people the period goes under the indicator's name (unless it is the
    audit's one ``period``, said in the title), the interval under the computed
    value and file:line above the where text; for CSV and xlsx each has its own
    column, and the indicator is its id.
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
        if row.stated_bound is not None:  # '> 90': the bound, not a figure to add up
            shown = bounded(stated.text, row.stated_bound, lang, sign=True)
            stated = replace(stated, text=shown, raw=SHORT_FORM[row.stated_bound] + stated.raw)
            stated = replace(stated, number=None)
    computed = EMPTY
    if row.computed is not None:
        computed = number_cell(row.computed, row.places, lang, percent=row.percent)
        computed = replace(computed, raw=data("computed").raw)
    verdict = entry(VERDICT_NAMES, row.verdict, lang) + mark
    cells = {
        "indicator": text_cell(row.indicator),
        "period": Cell(str(row.period), str(row.period)),
        "vs": Cell(str(row.vs), str(row.vs)) if row.vs else EMPTY,
        "relation": Cell(row.relation, row.relation),
        "classification": (
            Cell(row.classification.key, row.classification.key) if row.classification else EMPTY
        ),
        "stated": stated,
        "stated_derived": derived_cell(row.stated_derived, lang),
        "stated_low": data("stated_low"),
        "stated_high": data("stated_high"),
        "computed": computed,
        "computed_low": data("computed_low"),
        "computed_high": data("computed_high"),
        "verdict": word_cell(verdict, row.verdict, _VERDICT_STYLE[row.verdict]),
        "file": text_cell(row.file),
        "line": Cell(str(row.line), str(row.line)) if row.line else EMPTY,
        "where": text_cell(row.where),
    }
    if explain and with_keys:
        cells["explanation"] = text_cell(explanation_text(row, lang))
        cells["figures"] = text_cell(_figure_keys(row, lang))
    if with_keys:
        return cells
    name = row.name.get(lang)
    if row.period != period:
        name += f"\n{describe(row.period, lang)}"
    cells["indicator"] = text_cell(name)
    relation = relation_text(row.relation, lang)
    if row.against is not None:  # one of the plan's named targets, not the default
        relation += f"\n({row.against})"
    if row.classification is not None:
        relation += "\n" + classification_name(row.classification, lang)
    if row.vs is not None and row.vs != row.period.previous():
        relation += "\n" + words(lang).gettext("vs {period}", period=describe(row.vs, lang))
    cells["relation"] = Cell(relation, row.relation)
    if row.computed is not None and (row.computed_low, row.computed_high) != (None, None):
        interval = Interval(
            row.computed_low, row.computed_high, row.computed_low_open, row.computed_high_open
        )
        if visible(interval, row.places):
            span = span_text(interval, row.places, lang)
            cells["computed"] = replace(computed, text=f"{computed.text}\n{span}")
    place = f"{row.file}:{row.line}" if row.file else ""
    cells["where"] = text_cell("\n".join(t for t in (place, row.where or "") if t))
    return cells


def audit_json(report: AuditReport, lang: Locale) -> dict[str, Any]:
    return {
        "plan": report.plan,
        "period": str(report.period) if report.period else None,
        "rows": Each(report.rows, lambda row: _row_json(row, lang)),
        "summary": {v: report.summary[v] for v in VERDICTS},
    }


def _row_json(row: AuditRow, lang: Locale) -> dict[str, Any]:
    numbers = data_numbers(row)
    e = row.explanation
    return {
        "indicator": row.indicator,
        "period": str(row.period),
        "vs": str(row.vs) if row.vs else None,
        "relation": row.relation,
        "against": row.against,
        "classification": row.classification.key if row.classification else None,
        "stated": number(numbers["stated"]),
        "stated_low": number(numbers["stated_low"]),
        "stated_high": number(numbers["stated_high"]),
        "stated_derived": row.stated_derived,
        "stated_bound": row.stated_bound,
        "computed": number(numbers["computed"]),
        "computed_low": number(numbers["computed_low"]),
        "computed_high": number(numbers["computed_high"]),
        "verdict": row.verdict,
        "verdict_margin": _margin(e.margin),
        "range": _range_json(e),
        "witness": _witness_json(e.witness),
        "file": row.file,
        "line": row.line,
        "where": row.where,
        "explanation": _explanation_json(row, lang),
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


def _exact(value: Fraction | None, side: Side = "point") -> RawNumber | None:
    """An exact number for scripts: EXACT_PLACES decimals, half up or outward."""
    return None if value is None else number(as_decimal(value, EXACT_PLACES, side))


def _margin(margin: Fraction | None) -> RawNumber | None:
    """The margin away from zero, so that its sign and whether it is zero survive rounding."""
    if margin is None:
        return None
    return _exact(margin, "low" if margin < 0 else "high")


def _range_json(e: AuditExplanation) -> dict[str, Any] | None:
    unbounded = e.range_unbounded_below or e.range_unbounded_above
    if e.range_low is None and e.range_high is None and not unbounded:
        return None
    return {
        "low": _exact(e.range_low, "low"),
        "high": _exact(e.range_high, "high"),
        "exact": e.range_exact,
        # a half-line ("trên 90 %" less a change): its unbounded side is null
        "unbounded_below": e.range_unbounded_below,
        "unbounded_above": e.range_unbounded_above,
        "low_open": e.range_low_open,
        "high_open": e.range_high_open,
    }


def _witness_json(witness: AuditWitness | None) -> dict[str, Any] | None:
    if witness is None:
        return None

    def value(v: WitnessValue) -> dict[str, Any]:
        return {"indicator": v.indicator, "term": str(v.term), "value": _exact(v.value)}

    return {
        "figures": [value(v) for v in witness.figures],
        "derived": [value(v) for v in witness.derived],
        "value": _exact(witness.value),
    }


def _term_json(t: AuditTerm | None) -> dict[str, Any] | None:
    if t is None:
        return None
    figure = t.figure
    return {
        "term": str(t.term),
        "indicator": t.indicator,
        "value": number(t.value),
        "low": None if t.low is None else number(t.low),
        "high": None if t.high is None else number(t.high),
        "bound": t.bound,
        "percent": t.percent,
        "at": f"{figure.file}:{figure.line}" if figure else None,
        "where": figure.where if figure else None,
    }


def _step_json(step: AuditStep | None) -> dict[str, Any] | None:
    if step is None:
        return None
    return {
        "result": _term_json(step.result),
        "op": step.op,
        "left": _term_json(step.left),
        "right": _term_json(step.right),
        "expression": [
            _term_json(piece)
            if isinstance(piece, AuditTerm)
            else {"number": number(piece.number)}
            if piece.number is not None
            else {"symbol": piece.symbol}
            for piece in step.expression
        ],
    }


def _explanation_json(row: AuditRow, lang: Locale) -> dict[str, Any]:
    """The row's arithmetic as keys and numbers; the words only under ``text``."""
    e = row.explanation
    return {
        "kind": e.kind,
        "printed": _term_json(e.printed),
        "equation": _step_json(e.step),
        "scale": e.scale,
        "unit_factor": number(e.unit_factor),
        "given": _term_json(e.given),
        "wheres": [_step_json(step) for step in e.wheres],
        "combine": e.combine,
        "parts": [_term_json(part) for part in e.parts],
        "whole": _term_json(e.whole),
        "at_most": e.at_most,
        "reason": e.reason,
        "missing": [
            {
                "term": str(m.term),
                "indicator": m.indicator,
                "derived": _term_json(m.derived),
            }
            for m in e.missing
        ],
        "text": explanation_text(row, lang),
    }
