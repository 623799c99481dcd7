"""One indicator's story in the terminal: periods, printed figures, derived ones, a chart."""

from __future__ import annotations

from decimal import Decimal
from typing import TextIO

from rich.console import Console
from rich.text import Text

from plan_kpi.core import numbers as n
from plan_kpi.core.numbers import Locale
from plan_kpi.render.bars import bar_text
from plan_kpi.render.check import (
    STATUS_STYLE,
    actual_status_cell,
    growth_target_cell,
    status_cell,
)
from plan_kpi.render.report import period_cell
from plan_kpi.render.table import render_table, terminal
from plan_kpi.render.tabular import (
    HIDDEN_NOTE,
    Column,
    Tabular,
    amount_cell,
    footnoted_cell,
    visible,
)
from plan_kpi.reports.comparison import COMPARING
from plan_kpi.reports.figures import Amount
from plan_kpi.reports.show import Story, StoryStatement
from plan_kpi.say.audit import explanation_text
from plan_kpi.say.display import bounded, format_amount, format_number, format_pct
from plan_kpi.say.terms import explain, say_term
from plan_kpi.say.vocabulary import COLUMNS, RELATION_NOUNS, VERDICTS, entry, say
from plan_kpi.say.wording import describe, period_label, with_unit

_WORDS: dict[Locale, dict[str, str]] = {
    "vi": {
        "part_of": "Thuộc",
        "parts": "Gồm",
        "increase": "chỉ tiêu càng cao càng tốt",
        "decrease": "chỉ tiêu càng thấp càng tốt",
        "agency": "Cơ quan báo cáo",
        "section": "Vị trí trong văn bản",
        "note": "Ghi chú",
        "periods": "Các kỳ",
        "statements": "Số liệu báo cáo ghi",
        "no_statements": "Báo cáo không ghi số liệu so sánh nào cho chỉ tiêu này.",
        "computed": "tính được",
        "used_in": "dùng để kiểm tra {check}",
        "of": "của",
        "vs": "so với",
        "derived": "Các số tính suy ra khác",
        "chart": "Biểu đồ: thực hiện và kế hoạch ({unit})",
        "target": "Kế hoạch",
        "actual": "Thực hiện",
        "derived_mark": "* số tính suy ra",
    },
    "en": {
        "part_of": "Part of",
        "parts": "Parts",
        "increase": "higher is better",
        "decrease": "lower is better",
        "agency": "Reported by",
        "section": "In the plan",
        "note": "Note",
        "periods": "Periods",
        "statements": "Figures as the reports print them",
        "no_statements": "The reports print no comparison figure for this indicator.",
        "computed": "computed",
        "used_in": "used in the check of {check}",
        "of": "of",
        "vs": "vs",
        "derived": "Other derived figures",
        "chart": "Chart: actual and target ({unit})",
        "target": "Target",
        "actual": "Actual",
        "derived_mark": "* derived",
    },
}
_VERDICT_STYLE = {"consistent": "green", "inconsistent": "bold red", "unchecked": "dim"}
_OPTIONAL = {"actual_status": 4, "gap": 3, "previous": 2, "required_growth_pct": 1}
_CHART_WIDTH = 40


def render_show(story: Story, lang: Locale, file: TextIO | None = None) -> None:
    console = terminal(file)
    words = _WORDS[lang]
    console.print(Text(visible(story.name.get(lang)), style="bold"))
    facts = [story.indicator, story.unit.get(lang)]
    if any(p.row.target or p.row.target_growth_pct for p in story.periods):
        facts.append(words[story.direction])  # which way is better matters for targets only
    console.print(Text(" · ".join(visible(f) for f in facts if f)))
    for key, value in (
        ("part_of", story.parent.get(lang) if story.parent else None),
        ("parts", ", ".join(part.get(lang) for part in story.parts)),
        ("agency", story.agency),
        ("section", story.section),
        ("note", story.note),
    ):
        if value:
            console.print(Text(f"{words[key]}: {visible(value)}"))
    console.print(Text(""))
    render_table(_periods_tabular(story, lang), console=console)
    console.print(Text(""))
    console.print(Text(words["statements"], style="bold"))
    if not story.statements:
        console.print(Text(f"  {words['no_statements']}"))
    for statement in story.statements:
        for line in _statement_lines(statement, story, lang):
            console.print(line)
    if story.derived:
        console.print(Text(""))
        console.print(Text(words["derived"], style="bold"))
        for item in story.derived:
            value = format_amount(item.amount, lang)
            if item.amount.percent:
                shown = format_pct(item.amount.rounded, item.amount.places, lang)
                value = bounded(shown, item.amount.bound, lang, sign=True)
            console.print(Text(f"  {say_term(item.label, lang)} = {value}"))
            console.print(Text(f"    {explain(item.amount, lang)}"))
    _print_chart(console, story, lang)


def _periods_tabular(story: Story, lang: Locale) -> Tabular:
    keys = (
        "target",
        "actual",
        "attainment_pct",
        "gap",
        "previous",
        "growth_pct",
        "required_growth_pct",
        "status",
        "actual_status",
    )
    columns = [Column("period", entry(COLUMNS, "period", lang))]
    columns += [
        Column(
            k, entry(COLUMNS, k, lang), k not in ("status", "actual_status"), _OPTIONAL.get(k, 0)
        )
        for k in keys
    ]
    table = Tabular(
        title=_WORDS[lang]["periods"], columns=columns, hidden_note=say(HIDDEN_NOTE, lang)
    )
    for item in story.periods:
        row = item.row
        target = footnoted_cell(table, row.target, lang)
        if row.target is None and row.target_growth_pct is not None:
            target = growth_target_cell(row.target_growth_pct, lang)
        growth = item.comparison.growth_pct if item.comparison else row.growth_pct
        table.rows.append(
            [
                period_cell(row.period, lang),
                target,
                footnoted_cell(table, row.actual, lang),
                amount_cell(row.attainment_pct, lang),
                amount_cell(row.gap, lang),
                footnoted_cell(table, row.previous, lang),
                amount_cell(growth, lang),
                amount_cell(row.required_growth_pct, lang),
                status_cell(row.status, lang),
                actual_status_cell(row.actual_status, lang),
            ]
        )
    return table


def _statement_lines(statement: StoryStatement, story: Story, lang: Locale) -> list[Text]:
    """The printed figure and the audit's verdict; its arithmetic, or the checks it fed."""
    unit = story.unit.get(lang)
    words = _WORDS[lang]
    relation = entry(RELATION_NOUNS, statement.relation, lang)
    parts = [period_label(statement.period, lang), relation]
    if statement.vs is not None and statement.relation in COMPARING:
        parts[-1] += f" ({words['vs']} {describe(statement.vs, lang)})"
    parts.append(
        _figure(statement.printed, n.decimals(statement.printed), statement.percent, unit, lang)
    )
    where = ", ".join(w for w in (statement.where, statement.at) if w)
    line = Text("  " + " · ".join(visible(p) for p in parts) + f" ({visible(where)}) — ")
    row = statement.row
    if row is not None:
        line.append(entry(VERDICTS, row.verdict, lang), style=_VERDICT_STYLE[row.verdict])
        if row.computed is not None:
            computed = _figure(row.computed, row.places, row.percent, unit, lang)
            line.append(f" ({words['computed']} {computed})")
        return [line, Text(f"    {visible(explanation_text(row, lang))}")]
    for index, check in enumerate(statement.fed):
        fed = check.row
        assert fed.stated is not None, "a statement's row has its printed figure"
        named = entry(RELATION_NOUNS, fed.relation, lang)
        named += " " + _figure(
            fed.stated, fed.stated_places, fed.percent, check.unit.get(lang), lang
        )
        if fed.indicator != story.indicator:
            named += f" {words['of']} {fed.name.get(lang)}"
        if fed.period != statement.period:
            named += f" ({period_label(fed.period, lang)})"
        line.append(("; " if index else "") + words["used_in"].format(check=visible(named)) + ": ")
        line.append(entry(VERDICTS, fed.verdict, lang), style=_VERDICT_STYLE[fed.verdict])
    return [line]


def _figure(value: Decimal, places: int, percent: bool, unit: str, lang: Locale) -> str:
    """A printed or computed figure: a percentage, or a number with its unit."""
    if percent:
        return format_pct(value, places, lang)
    return with_unit(format_number(value, places, lang), unit, lang)


def _print_chart(console: Console, story: Story, lang: Locale) -> None:
    """Bars of actual against target, period by period, on one scale."""
    words = _WORDS[lang]
    bars: list[tuple[str, str, Amount, str]] = []
    for item in story.periods:
        row = item.row
        label = period_label(row.period, lang)
        if row.target is not None:
            bars.append((label, words["target"], row.target, "blue"))
            label = ""
        if row.actual is not None:
            colour = STATUS_STYLE[row.status] if row.status in ("met", "missed") else "cyan"
            bars.append((label, words["actual"], row.actual, colour))
    if not bars:
        return
    maximum = max(amount.value for *_, amount, _ in bars)
    period_width = max(len(b[0]) for b in bars)
    kind_width = max(len(b[1]) for b in bars)
    console.print(Text(""))
    console.print(Text(words["chart"].format(unit=visible(story.unit.get(lang))), style="bold"))
    derived = False
    for label, kind, amount, style in bars:
        line = Text(f"  {label.ljust(period_width)}  {kind.ljust(kind_width)}  ")
        line.append(bar_text(amount.value, maximum, _CHART_WIDTH), style=style)
        mark = "*" if amount.derived else ""
        derived = derived or amount.derived
        line.append(f" {format_amount(amount, lang)}{mark}")
        console.print(line)
    if derived:
        console.print(Text(f"  {words['derived_mark']}"))
