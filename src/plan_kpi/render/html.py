"""The written report as one standalone HTML file: no scripts, no network, nothing fetched.

Styles are inline, the chart is inline SVG, and a Content-Security-Policy
forbids the page from loading anything at all. Every text — from data files
or not — passes through ``html.escape``.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from html import escape
from importlib import resources

from plan_kpi.core import numbers as n
from plan_kpi.core.numbers import Locale
from plan_kpi.render.report import next_tabular, others_tabular, planned_tabular
from plan_kpi.render.svg import attainment_svg
from plan_kpi.render.tabular import Tabular, visible
from plan_kpi.reports.report import Report
from plan_kpi.say.report import say_report

_CSP = "default-src 'none'; style-src 'unsafe-inline'"  # not words: a policy


@cache
def _css() -> str:
    """The page's styles (report.css, beside this module), inlined in every page."""
    return resources.files("plan_kpi.render").joinpath("report.css").read_text(encoding="utf-8")


def render_html(report: Report, lang: Locale) -> str:
    said = say_report(report, lang)
    parts = [
        "<!DOCTYPE html>",  # not words: HTML
        f'<html lang="{lang}">',  # not words: HTML
        "<head>",
        '<meta charset="utf-8">',  # not words: HTML
        '<meta name="viewport" content="width=device-width, initial-scale=1">',  # not words: HTML
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',  # not words: HTML
        '<meta name="generator" content="plan-kpi">',  # not words: HTML
        f"<title>{escape(said.title)}</title>",
        f"<style>\n{_css().rstrip()}\n</style>",
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
        heading = escape(said.notes_heading)
        parts.append(f'<div class="notes"><h3>{heading}</h3>')  # not words: HTML
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
        parts.append('<ul class="findings">')  # not words: HTML
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
    return "\n".join([f'<ul class="{css_class}">', *items, "</ul>"])  # not words: HTML


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
    columns = "".join(f'<col style="width: {w}%">' for w in widths)  # not words: HTML
    return f"<colgroup>{columns}</colgroup>"


def _table(table: Tabular) -> str:
    head = "".join(
        f'<th scope="col">{escape(c.heading)}</th>'  # not words: HTML
        for c in table.columns
    )
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
