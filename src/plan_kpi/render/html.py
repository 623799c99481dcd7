"""The written report as one standalone HTML file: no scripts, no network, nothing fetched.

Styles are inline, the chart is inline SVG, and a Content-Security-Policy
forbids the page from loading anything at all. Every text — from data files
or not — passes through ``html.escape``.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from plan_kpi.core import numbers as n
from plan_kpi.core.numbers import Locale
from plan_kpi.render.report import next_tabular, others_tabular, planned_tabular
from plan_kpi.render.svg import attainment_svg
from plan_kpi.render.tabular import Tabular, visible
from plan_kpi.reports.report import Report
from plan_kpi.say.report import say_report

_CSP = "default-src 'none'; style-src 'unsafe-inline'"

_CSS = """
@page { size: A4; margin: 14mm 12mm 15mm 15mm;
  @bottom-center { content: counter(page) " / " counter(pages);
    font: 9pt "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; color: #52606d; } }
:root { color-scheme: light; }
body { margin: 0; background: #eef1f4; color: #1f2933;
  font: 15px/1.55 "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; }
main { max-width: 960px; margin: 24px auto; background: #fff; padding: 40px 56px 32px;
  box-shadow: 0 1px 4px rgba(31, 41, 51, .15); }
header { text-align: center; border-bottom: 2px solid #1f2933; padding-bottom: 14px;
  margin-bottom: 8px; }
.issuer { text-transform: uppercase; font-weight: bold; letter-spacing: .04em; margin: 0; }
h1 { font-size: 22px; margin: 14px 0 6px; text-transform: uppercase; }
.plan { font-style: italic; margin: 0; }
h2 { font-size: 17px; margin: 28px 0 10px; text-transform: uppercase; }
ul.results, ul.results ul { margin: 0; padding-left: 22px; }
ul.results li { margin: 4px 0; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 18px 0 6px; table-layout: fixed;
  font: 13px/1.35 "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 6px;
  font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 15px; }
th, td { border: 1px solid #9aa5b1; padding: 4px 7px; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: #e4e8ec; text-align: center; overflow-wrap: normal; hyphens: auto; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.word { white-space: nowrap; }
tbody tr:nth-child(even) { background: #f7f9fa; }
thead { display: table-header-group; }
tr, li, figure { break-inside: avoid; }
h2, h3, caption, figcaption { break-after: avoid; }
.status-met { color: #2e7d32; font-weight: bold; }
.status-missed { color: #c62828; font-weight: bold; }
.status-no_actual { color: #8d6e00; }
.status-no_previous { color: #8d6e00; }
.status-no_target { color: #616e7c; }
.status-undecided { color: #8d6e00; }
figure { margin: 22px 0 8px; }
figcaption { font-weight: bold; margin-bottom: 6px; }
figure svg { max-width: 100%; height: auto; font-family: "Liberation Sans", "DejaVu Sans",
  Arial, sans-serif; }
.notes { font-size: 13px; color: #3e4c59; border-top: 1px solid #cbd2d9; margin-top: 16px; }
.notes h3 { font-size: 14px; margin: 10px 0 4px; }
.notes p { margin: 3px 0; }
.findings li { margin: 4px 0; }
footer { margin-top: 28px; border-top: 1px solid #cbd2d9; padding-top: 8px; font-size: 12px;
  color: #52606d; font-style: italic; }
@media print {
  body { background: #fff; font-size: 10.5pt; line-height: 1.3; }
  main { box-shadow: none; margin: 0; padding: 0; max-width: none; }
  header { padding-bottom: 6px; }
  h1 { font-size: 14pt; margin: 6px 0 2px; }
  h2 { font-size: 11.5pt; margin: 12px 0 4px; }
  ul.results li, .findings li { margin: 0; }
  table { font-size: 7.5pt; line-height: 1.25; margin: 8px 0 4px; }
  caption { font-size: 10.5pt; padding-bottom: 3px; }
  th, td { padding: 1px 3px; }
  td.word { white-space: normal; }
  figure { margin: 8px 0 4px; }
  figure svg { width: 150mm; }
  .notes { font-size: 8.5pt; margin-top: 6px; }
  .notes h3 { font-size: 9pt; margin: 4px 0 2px; }
  .notes p { margin: 1px 0; }
  footer { margin-top: 10px; padding-top: 4px; font-size: 8pt; }
}
""".strip()


def render_html(report: Report, lang: Locale) -> str:
    said = say_report(report, lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="generator" content="plan-kpi">',
        f"<title>{escape(said.title)}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        "<header>",
    ]
    if said.issuer:
        parts.append(f'<p class="issuer">{escape(said.issuer)}</p>')
    parts += [
        f"<h1>{escape(said.title)}</h1>",
        f'<p class="plan">{escape(said.plan_title)}</p>',
        "</header>",
        "<section>",
        f"<h2>{escape(said.results_heading)}</h2>",
    ]
    if said.summary:
        parts.append(f'<p class="summary">{escape(said.summary)}</p>')
    if said.results:
        parts.append(_items(list(said.results), "results"))
    else:
        parts.append(f"<p>{escape(said.no_results)}</p>")
    if report.attainments:
        svg = attainment_svg(report.attainments, lang, said.chart_title, said.chart_line)
        parts.append(f"<figure><figcaption>{escape(said.chart_title)}</figcaption>{svg}</figure>")
    for table in (planned_tabular(report, said), others_tabular(report, said)):
        if table.rows:
            parts.append(_table(table))
    if said.notes:
        parts.append(f'<div class="notes"><h3>{escape(said.notes_heading)}</h3>')
        parts += [f"<p>{escape(note.mark)} {escape(note.text)}</p>" for note in said.notes]
        parts.append("</div>")
    parts += ["</section>", "<section>", f"<h2>{escape(said.next_heading)}</h2>"]
    if said.next_targets:
        parts.append(_items(list(said.next_targets), "results"))
        parts.append(_table(next_tabular(report, said)))
    else:
        parts.append(f"<p>{escape(said.no_next)}</p>")
    parts += ["</section>", "<section>", f"<h2>{escape(said.findings_heading)}</h2>"]
    if said.findings:
        label = said.arithmetic_label
        parts.append('<ul class="findings">')
        parts += [
            f"<li>{escape(finding.text)}\n"
            f"<ul><li>{escape(label)}: {escape(finding.arithmetic)}</li></ul></li>"
            for finding in said.findings
        ]
        parts.append("</ul>")
    else:
        parts.append(f"<p>{escape(said.no_findings)}</p>")
    parts += [
        "</section>",
        f"<footer>{escape(said.footer)}</footer>",
        "</main>",
        "</body>",
        "</html>",
    ]
    # control characters from data (ESC, BEL, bidi marks) shown, as in the table
    return visible("\n".join(parts) + "\n")


def _items(texts: list[str], css_class: str) -> str:
    items = [f"<li>{escape(text)}</li>" for text in texts]
    return "\n".join([f'<ul class="{css_class}">', *items, "</ul>"])


#: each column's share of a table's width (%); the name's is what is left, at least a third
_WIDTHS = {
    "unit": 8,
    "period": 10,
    "target": 10,
    "actual": 10,
    "attainment_pct": 6,
    "growth_pct": 7,
    "status": 9,
    "actual_status": 7,
    "base_period": 12,
    "base": 12,
    "required_growth_pct": 10,
}
_NAME_AT_LEAST = 34


def _columns(table: Tabular) -> str:
    """Fixed column widths: the figures' as set (narrowed to leave the name a third at least),
    the name column the rest."""
    others = {c.key: Decimal(_WIDTHS.get(c.key, 8)) for c in table.columns if c.key != "indicator"}
    room = 100 - _NAME_AT_LEAST
    total = sum(others.values(), Decimal(0))
    if total > room:
        others = {
            key: n.round_half_up(n.div(n.mul(width, Decimal(room)), total), 1)
            for key, width in others.items()
        }
    name = 100 - sum(others.values(), Decimal(0))
    widths = [name if c.key == "indicator" else others[c.key] for c in table.columns]
    return "<colgroup>" + "".join(f'<col style="width: {w}%">' for w in widths) + "</colgroup>"


def _table(table: Tabular) -> str:
    head = "".join(f'<th scope="col">{escape(c.heading)}</th>' for c in table.columns)
    rows = []
    for row in table.rows:
        cells = []
        for column, cell in zip(table.columns, row, strict=True):
            classes = []
            if column.numeric:
                classes.append("num")
            if column.key in ("unit", "status", "actual_status"):
                classes.append("word")
            if column.key == "status" and cell.raw:
                classes.append(f"status-{cell.raw}")
            attr = f' class="{" ".join(classes)}"' if classes else ""
            cells.append(f"<td{attr}>{escape(cell.text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table>\n<caption>{escape(table.title)}</caption>\n{_columns(table)}\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )
