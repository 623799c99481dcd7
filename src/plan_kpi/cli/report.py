"""plan-kpi report: the written evaluation of a period, as Markdown or standalone HTML."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from plan_kpi.cli.common import (
    PLAN_READ,
    DataOption,
    ForceOption,
    LangOption,
    OutputFileOption,
    PeriodOption,
    QuietOption,
    chosen_period,
    for_people,
    lang_of,
    load,
    no_figures,
    write,
)


class ReportFormat(StrEnum):
    markdown = "markdown"
    html = "html"


def report(
    data: DataOption = None,
    period: PeriodOption = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Markdown, or one standalone HTML file.")
    ] = ReportFormat.markdown,
    lang: LangOption = None,
    output: OutputFileOption = None,
    force: ForceOption = False,
    quiet: QuietOption = False,
) -> None:
    """The written evaluation of a period: a sentence per indicator, next targets, findings.

    Exit code 0 when every target of the period is met and the figures agree,
    1 when a target is missed or a figure disagrees, 2 on bad input.
    """
    with for_people():
        from plan_kpi.reports.report import build_report

        plan, derivation = load(data)
        chosen = chosen_period(plan, period)
        built = build_report(plan, derivation, chosen, lang_of(plan, lang))
        if not (built.results or built.next_targets or built.findings):
            from plan_kpi.reports.check import periods_with_figures

            raise no_figures("figures", chosen, periods_with_figures(plan, derivation))
        if output_format is ReportFormat.html:
            from plan_kpi.render.html import render_html

            text = render_html(built)
        else:
            from plan_kpi.render.markdown import render_markdown

            text = render_markdown(built)
        if output is None:
            write(text)
        else:
            from plan_kpi.core.writes import write_new

            write_new(output, text, force=force, keep=PLAN_READ["inputs"])
    raise typer.Exit(built.exit_code)
