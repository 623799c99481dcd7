"""The written report as Markdown: headings, the sentences as lists, tables, a text chart.

Text from data files is escaped so that it shows as written: it can never
become a link, emphasis, raw HTML or a new table cell.
"""

from __future__ import annotations

import re
import textwrap

from plan_kpi.core.numbers import Locale
from plan_kpi.render.bars import HUNDRED, axis_maximum, bar_text
from plan_kpi.render.report import next_tabular, others_tabular, planned_tabular
from plan_kpi.render.tabular import Tabular, visible
from plan_kpi.reports.report import Report
from plan_kpi.say.display import pct_label
from plan_kpi.say.report import SaidReport, say_report

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
_CHART_WIDTH = 40


def md_escape(text: str) -> str:
    """Markdown-significant characters backslashed; line breaks become spaces."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.splitlines()))


def render_markdown(report: Report, lang: Locale) -> str:
    said = say_report(report, lang)
    lines = [f"# {md_escape(said.title)}", ""]
    for line in (said.issuer, said.plan_title):
        if line:
            lines += [f"*{md_escape(line)}*", ""]
    lines += [f"## {md_escape(said.results_heading)}", ""]
    if said.summary:
        lines += [md_escape(said.summary), ""]
    if said.results:
        lines += [f"- {md_escape(text)}" for text in said.results]
        for table in (planned_tabular(report, said), others_tabular(report, said)):
            if table.rows:
                lines += ["", *_table(table)]
    else:
        lines.append(md_escape(said.no_results))
    if report.attainments:
        lines += ["", *_chart(report, said)]
    if said.notes:
        lines += ["", f"**{md_escape(said.notes_heading)}**", ""]
        lines += [f"- {note.mark} {md_escape(note.text)}" for note in said.notes]
    lines += ["", f"## {md_escape(said.next_heading)}", ""]
    if said.next_targets:
        lines += [f"- {md_escape(text)}" for text in said.next_targets]
        lines += ["", *_table(next_tabular(report, said))]
    else:
        lines.append(md_escape(said.no_next))
    lines += ["", f"## {md_escape(said.findings_heading)}", ""]
    if said.findings:
        for finding in said.findings:
            lines.append(f"- {md_escape(finding.text)}")
            lines.append(f"  - {md_escape(said.arithmetic_label)}: {md_escape(finding.arithmetic)}")
    else:
        lines.append(md_escape(said.no_findings))
    lines += ["", "---", "", f"*{md_escape(said.footer)}*"]
    # control characters from data (ESC, BEL, bidi marks) shown, as in the table
    return visible("\n".join(lines) + "\n")


def _table(table: Tabular) -> list[str]:
    lines = [f"**{md_escape(table.title)}**", ""]
    lines.append("| " + " | ".join(md_escape(c.heading) for c in table.columns) + " |")
    lines.append("|" + "|".join("---:" if c.numeric else "---" for c in table.columns) + "|")
    for row in table.rows:
        lines.append("| " + " | ".join(md_escape(cell.text) for cell in row) + " |")
    return lines


def _chart(report: Report, said: SaidReport) -> list[str]:
    """The attainment chart in text: one bar per indicator, an arrow under 100 %."""
    results = report.attainments
    values = [r.attainment_pct.value for r in results if r.attainment_pct is not None]
    maximum = axis_maximum(values)
    body = []
    for result in results:
        assert result.attainment_pct is not None
        value = result.attainment_pct.value
        body += textwrap.wrap(result.name.get(said.lang), _CHART_WIDTH + 12) or [""]
        bar = bar_text(value, maximum, _CHART_WIDTH).ljust(_CHART_WIDTH)
        body.append(f"{bar}  {pct_label(result.attainment_pct, said.lang)}")
    hundred = len(bar_text(HUNDRED, maximum, _CHART_WIDTH))
    body.append(" " * max(hundred - 1, 0) + "↑ " + said.chart_line)
    # a fence longer than any run of backticks inside, so no name can close it
    longest = max((len(run) for run in re.findall(r"`+", "\n".join(body))), default=0)
    fence = "`" * max(3, longest + 1)
    title = f"**{md_escape(said.chart_title)}**"
    return [title, "", fence + "text", *body, fence]
