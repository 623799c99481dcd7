"""One indicator's story in the terminal: periods, printed figures, derived ones, a chart."""

from __future__ import annotations

from decimal import Decimal
from typing import TextIO

from rich.text import Text

from plan_kpi.core import numbers as n
from plan_kpi.core.messages import C_, Message
from plan_kpi.core.models import COMPARING
from plan_kpi.core.numbers import Locale
from plan_kpi.render.bars import bar_text
from plan_kpi.render.check import (
    STATUS_STYLE,
    actual_status_cell,
    growth_target_cell,
    status_cell,
)
from plan_kpi.render.report import period_cell
from plan_kpi.render.table import print_lines, render_table, terminal
from plan_kpi.render.tabular import (
    Column,
    Tabular,
    amount_cell,
    footnoted_cell,
    visible,
)
from plan_kpi.reports.figures import Amount
from plan_kpi.reports.show import Story, StoryStatement
from plan_kpi.say.audit import explanation_text
from plan_kpi.say.catalog import Words, words
from plan_kpi.say.display import bounded, format_amount, format_number, format_pct
from plan_kpi.say.terms import explain, say_term
from plan_kpi.say.vocabulary import (
    CHART,
    COLUMNS,
    RELATION_NOUNS,
    VERDICTS,
    entry,
    figure_unit,
    say,
)
from plan_kpi.say.wording import describe, period_label, with_unit

#: what the indicator is, a line each: {value} from the data
_FACTS: dict[str, Message] = {
    "part_of": C_("show", "Part of: {value}"),
    "parts": C_("show", "Parts: {value}"),
    "agency": C_("show", "Reported by: {value}"),
    "section": C_("show", "In the plan: {value}"),
    "note": C_("show", "Note: {value}"),
}
#: which way is better, said when the indicator has targets
_DIRECTIONS: dict[str, Message] = {
    "increase": C_("show", "higher is better"),
    "decrease": C_("show", "lower is better"),
}
_PERIODS = C_("show", "Periods")
_STATEMENTS = C_("show", "Figures as the reports print them")
_NO_STATEMENTS = C_("show", "The reports print no comparison figure for this indicator.")
_DERIVED = C_("show", "Other derived figures")
_CHART = C_("show", "Chart: actual and target ({unit})")
#: a printed relation compared with another period than cùng kỳ
_VERSUS = C_("show", "{relation} (vs {period})")
#: the audit's verdict on a printed figure, and the figure it computed
_COMPUTED = C_("show", "{verdict} (computed {figure})")
#: a printed figure that only fed the check of another figure: that one, and the verdict
_USED_IN = C_("show", "used in the check of {check}: {verdict}")
#: that other figure, when it is another indicator's
_OF = C_("show", "{check} of {name}")
#: stands in for a verdict while its sentence is said, so that the verdict can be coloured
_VERDICT = "\x00"
_VERDICT_STYLE = {
    "consistent": "green",
    "inconsistent": "bold red",  # not words: a style
    "unchecked": "dim",
}
_OPTIONAL = {"actual_status": 4, "gap": 3, "previous": 2, "required_growth_pct": 1}
_CHART_WIDTH = 40


def render_show(story: Story, lang: Locale, file: TextIO | None = None) -> None:
    console = terminal(file)
    w = words(lang)
    lines = [Text(visible(story.name.get(lang)), style="bold")]
    facts = [visible(story.indicator), visible(story.unit.get(lang))]
    if any(p.row.target or p.row.target_growth_pct for p in story.periods):
        facts.append(say(_DIRECTIONS[story.direction], lang))  # it matters for targets only
    lines.append(Text(" · ".join(f for f in facts if f)))
    for key, value in (
        ("part_of", story.parent.get(lang) if story.parent else None),
        ("parts", ", ".join(part.get(lang) for part in story.parts)),
        ("agency", story.agency),
        ("section", story.section),
        ("note", story.note),
    ):
        if value:
            lines.append(Text(w.pgettext("show", _FACTS[key].text, value=visible(value))))
    if story.formula:
        said = w.pgettext("show", "Formula: {formula}", formula=story.formula)
        lines.append(Text(visible(said)))
    lines.append(Text(""))
    print_lines(console, lines)
    render_table(_periods_tabular(story, lang), console=console)
    lines = [Text(""), Text(say(_STATEMENTS, lang), style="bold")]
    if not story.statements:
        lines.append(Text(f"  {say(_NO_STATEMENTS, lang)}"))
    for statement in story.statements:
        lines += _statement_lines(statement, story, lang)
    if story.derived:
        lines.append(Text(""))
        lines.append(Text(say(_DERIVED, lang), style="bold"))
        for item in story.derived:
            value = format_amount(item.amount, lang)
            if item.amount.percent:
                shown = format_pct(item.amount.rounded, item.amount.places, lang)
                value = bounded(shown, item.amount.bound, lang, sign=True)
            lines.append(Text(f"  {say_term(item.label, lang)} = {value}"))
            lines.append(Text(f"    {explain(item.amount, lang)}"))
    lines += _chart_lines(story, lang)
    print_lines(console, lines)


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
    title = say(_PERIODS, lang)
    if story.target is not None:  # one of several targets: which one ("dự toán HĐND tỉnh")
        shown = story.target.get(lang) or ""
        title += " — " + words(lang).pgettext("check", "target: {target}", target=shown)
    table = Tabular(title=title, columns=columns, lang=lang)
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
    w = words(lang)
    relation = entry(RELATION_NOUNS, statement.relation, lang)
    if statement.vs is not None and statement.relation in COMPARING:
        vs = describe(statement.vs, lang)
        relation = w.pgettext("show", _VERSUS.text, relation=relation, period=vs)
    parts = [period_label(statement.period, lang), relation]
    own_unit = figure_unit(statement.relation, unit, lang)
    parts.append(
        _figure(statement.printed, n.decimals(statement.printed), statement.percent, own_unit, lang)
    )
    where = ", ".join(w for w in (statement.where, statement.at) if w)
    line = Text("  " + " · ".join(visible(p) for p in parts) + f" ({visible(where)}) — ")
    row = statement.row
    if row is not None:
        verdict = entry(VERDICTS, row.verdict, lang), _VERDICT_STYLE[row.verdict]
        if row.computed is None:
            line.append(verdict[0], style=verdict[1])
        else:
            computed = _figure(row.computed, row.places, row.percent, own_unit, lang)
            _append_verdict(line, w, _COMPUTED, verdict, figure=computed)
        return [line, Text(f"    {visible(explanation_text(row, lang))}")]
    for index, check in enumerate(statement.fed):
        fed = check.row
        assert fed.stated is not None, "a statement's row has its printed figure"
        named = entry(RELATION_NOUNS, fed.relation, lang)
        fed_unit = figure_unit(fed.relation, check.unit.get(lang), lang)
        named += " " + _figure(fed.stated, fed.stated_places, fed.percent, fed_unit, lang)
        if fed.indicator != story.indicator:
            named = w.pgettext("show", _OF.text, check=named, name=fed.name.get(lang))
        if fed.period != statement.period:
            named += f" ({period_label(fed.period, lang)})"
        if index:
            line.append("; ")
        verdict = entry(VERDICTS, fed.verdict, lang), _VERDICT_STYLE[fed.verdict]
        _append_verdict(line, w, _USED_IN, verdict, check=visible(named))
    return [line]


def _append_verdict(
    line: Text, w: Words, message: Message, verdict: tuple[str, str], **values: str
) -> None:
    """The message said, its {verdict} in the verdict's colour: ``verdict`` is (word, style)."""
    said = w.pgettext("show", message.text, verdict=_VERDICT, **values)
    before, _, after = said.partition(_VERDICT)
    line.append(before)
    line.append(verdict[0], style=verdict[1])
    line.append(after)


def _figure(value: Decimal, places: int, percent: bool, unit: str, lang: Locale) -> str:
    """A printed or computed figure: a percentage, or a number with its unit."""
    if percent:
        return format_pct(value, places, lang)
    return with_unit(format_number(value, places, lang), unit, lang)


def _chart_lines(story: Story, lang: Locale) -> list[Text]:
    """Bars of actual against target, period by period, on one scale."""
    chart = {key: say(message, lang) for key, message in CHART.items()}
    bars: list[tuple[str, str, Amount, str]] = []
    for item in story.periods:
        row = item.row
        label = period_label(row.period, lang)
        if row.target is not None:
            bars.append((label, chart["target"], row.target, "blue"))
            label = ""
        if row.actual is not None:
            colour = STATUS_STYLE[row.status] if row.status in ("met", "missed") else "cyan"
            bars.append((label, chart["actual"], row.actual, colour))
    if not bars:
        return []
    maximum = max(amount.value for *_, amount, _ in bars)
    period_width = max(len(b[0]) for b in bars)
    kind_width = max(len(b[1]) for b in bars)
    unit = visible(story.unit.get(lang))
    lines = [Text(""), Text(words(lang).pgettext("show", _CHART.text, unit=unit), style="bold")]
    derived = False
    for label, kind, amount, style in bars:
        line = Text(f"  {label.ljust(period_width)}  {kind.ljust(kind_width)}  ")
        line.append(bar_text(amount.value, maximum, _CHART_WIDTH), style=style)
        mark = "*" if amount.derived else ""
        derived = derived or amount.derived
        line.append(f" {format_amount(amount, lang)}{mark}")
        lines.append(line)
    if derived:
        lines.append(Text(f"  {chart['derived']}"))
    return lines
