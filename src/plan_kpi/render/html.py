"""The written report as one standalone HTML file: no scripts, no network, nothing fetched.

Styles are inline, the chart is inline SVG, and a Content-Security-Policy
forbids the page from loading anything at all. Every text — from data files
or not — passes through ``html.escape``.
"""

from __future__ import annotations

from html import escape

from plan_kpi.render.report import heading, next_tabular, results_tabular
from plan_kpi.render.svg import attainment_svg
from plan_kpi.render.tabular import Tabular, visible
from plan_kpi.reports.report import Report, Result

_CSP = "default-src 'none'; style-src 'unsafe-inline'"

_CSS = """
@page { size: A4; margin: 18mm 16mm; }
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
table { border-collapse: collapse; width: 100%; margin: 18px 0 6px;
  font: 13px/1.35 "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 6px;
  font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 15px; }
th, td { border: 1px solid #9aa5b1; padding: 4px 7px; vertical-align: top; }
th { background: #e4e8ec; text-align: center; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.word { white-space: nowrap; }
tbody tr:nth-child(even) { background: #f7f9fa; }
.status-met { color: #2e7d32; font-weight: bold; }
.status-missed { color: #c62828; font-weight: bold; }
.status-no_actual { color: #8d6e00; }
.status-no_previous { color: #8d6e00; }
.status-no_target { color: #616e7c; }
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
@media print { body { background: #fff; } main { box-shadow: none; margin: 0; padding: 0; } }
""".strip()


def render_html(report: Report) -> str:
    title = heading(report, "title")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{report.lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="generator" content="plan-kpi">',
        f"<title>{escape(title)}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        "<header>",
    ]
    if report.issuer:
        parts.append(f'<p class="issuer">{escape(report.issuer)}</p>')
    parts += [
        f"<h1>{escape(title)}</h1>",
        f'<p class="plan">{escape(report.title)}</p>',
        "</header>",
        "<section>",
        f"<h2>{escape(heading(report, 'results'))}</h2>",
    ]
    if report.results:
        parts.append(_nested_list(report.results))
    else:
        parts.append(f"<p>{escape(heading(report, 'no_results'))}</p>")
    if report.attainments:
        caption = heading(report, "chart")
        svg = attainment_svg(
            report.attainments, report.lang, caption, heading(report, "chart_line")
        )
        parts.append(f"<figure><figcaption>{escape(caption)}</figcaption>{svg}</figure>")
    if report.results:
        parts.append(_table(results_tabular(report)))
    if report.notes:
        parts.append(f'<div class="notes"><h3>{escape(heading(report, "notes"))}</h3>')
        parts += [f"<p>{escape(note.mark)} {escape(note.text)}</p>" for note in report.notes]
        parts.append("</div>")
    parts += ["</section>", "<section>", f"<h2>{escape(heading(report, 'next'))}</h2>"]
    if report.next_targets:
        parts.append(_items([item.sentence for item in report.next_targets], "results"))
        parts.append(_table(next_tabular(report)))
    else:
        parts.append(f"<p>{escape(heading(report, 'no_next'))}</p>")
    parts += ["</section>", "<section>", f"<h2>{escape(heading(report, 'findings'))}</h2>"]
    if report.findings:
        label = heading(report, "arithmetic")
        parts.append('<ul class="findings">')
        parts += [
            f"<li>{escape(finding.text)}\n"
            f"<ul><li>{escape(label)}: {escape(finding.explanation)}</li></ul></li>"
            for finding in report.findings
        ]
        parts.append("</ul>")
    else:
        parts.append(f"<p>{escape(heading(report, 'no_findings'))}</p>")
    parts += [
        "</section>",
        f"<footer>{escape(heading(report, 'footer'))}</footer>",
        "</main>",
        "</body>",
        "</html>",
    ]
    # control characters from data (ESC, BEL, bidi marks) shown, as in the table
    return visible("\n".join(parts) + "\n")


def _items(texts: list[str], css_class: str) -> str:
    items = [f"<li>{escape(text)}</li>" for text in texts]
    return "\n".join([f'<ul class="{css_class}">', *items, "</ul>"])


def _nested_list(results: tuple[Result, ...]) -> str:
    """The sentences as a list, each indicator's parts in a list inside its item."""
    out = ['<ul class="results">']
    depth = 0
    for index, result in enumerate(results):
        while depth < result.depth:
            out.append("<ul>")
            depth += 1
        while depth > result.depth:
            out.append("</ul></li>")
            depth -= 1
        out.append(f"<li>{escape(result.sentence)}")
        following = results[index + 1].depth if index + 1 < len(results) else 0
        if following <= result.depth:
            out.append("</li>")
    while depth > 0:
        out.append("</ul></li>")
        depth -= 1
    out.append("</ul>")
    return "\n".join(out)


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
        f"<table>\n<caption>{escape(table.title)}</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )
