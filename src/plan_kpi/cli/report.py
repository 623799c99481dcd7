"""plan-kpi report: the written evaluation of a period, as Markdown or standalone HTML."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from plan_kpi.cli.common import (
    PLAN_READ,
    AllowMissingOption,
    ChartsOption,
    DataOption,
    LangOption,
    OutputFileOption,
    PeriodsOption,
    QuietOption,
    TargetOption,
    chosen_format,
    chosen_periods,
    for_people,
    lang_of,
    load,
    no_figures,
    want_charts,
    write,
    write_charts,
)
from plan_kpi.core.messages import N_, T_


class ReportFormat(StrEnum):
    markdown = "markdown"
    html = "html"
    docx = "docx"


#: the extensions of -o FILE the report writes: a .txt file is its Markdown, which is text
REPORT_EXTENSIONS: dict[str, ReportFormat] = {
    ".md": ReportFormat.markdown,
    ".txt": ReportFormat.markdown,
    ".html": ReportFormat.html,
    ".docx": ReportFormat.docx,
}


#: the command's help (said in the run's language)
HELP = T_(
    "The written evaluation of a period: a sentence per indicator, next targets, "
    "findings.\n\n"
    "Exit code 0 when every target of the period has a figure that meets it and the "
    "figures agree, 1 when a target is missed or has no figure yet (--allow-missing: only "
    "when one is missed) or a figure disagrees, 2 on bad input."
)


def report(
    data: DataOption = None,
    period: PeriodsOption = None,
    output_format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=T_(
                "Markdown, one standalone HTML file, or a Word document (docx, with -o). "
                "Default: the one -o FILE's extension names (.md .txt .html .docx), else "
                "markdown."
            ),
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
    target: TargetOption = None,
    output: OutputFileOption = None,
    charts: ChartsOption = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help=T_("Replace the --output file and the chart files if they exist.")
        ),
    ] = False,
    allow_missing: AllowMissingOption = False,
    quiet: QuietOption = False,
) -> None:
    """The command `plan-kpi report`: its help is HELP."""
    with for_people():
        fmt = chosen_format(
            output_format,
            output,
            "report",
            REPORT_EXTENSIONS,
            ReportFormat.markdown,
            data=data,
            force=force,
        )
        want_charts(charts)
        if fmt is ReportFormat.docx:
            _want_docx(output)
        from plan_kpi.reports.check import years_with_figures
        from plan_kpi.reports.report import build_report

        plan, derivation = load(data, target=target)
        periods = chosen_periods(plan, period, lambda: years_with_figures(plan, derivation))
        if len(periods) > 1:
            from plan_kpi.core.errors import UsageError

            raise UsageError(
                N_(
                    "--period names {count} periods ({periods}) — a report is the evaluation "
                    "of one period: write one a period (for y in {years}; do plan-kpi report "
                    "--period $y -o danh-gia-$y.docx; done), or see them side by side with "
                    "plan-kpi check --period {given}",
                    count=len(periods),
                    periods=", ".join(str(p) for p in periods),
                    years=" ".join(str(p) for p in periods),
                    given=" --period ".join(period or ()),
                )
            )
        (chosen,) = periods
        chosen_lang = lang_of(plan, lang)
        built = build_report(plan, derivation, chosen)
        if not (built.results or built.next_targets or built.findings):
            from plan_kpi.reports.check import periods_with_figures

            raise no_figures("figures", chosen, periods_with_figures(plan, derivation))
        if charts is not None:
            from plan_kpi.core.errors import UsageError
            from plan_kpi.render.charts import attainment_chart

            if not built.attainments:
                raise UsageError(
                    N_(
                        "--charts: the report of {period} has no attainment to chart — no "
                        "indicator has both a target and an actual in it",
                        period=chosen,
                    )
                )
            write_charts(charts, [attainment_chart(built, chosen_lang)], force)
        content: str | bytes
        if fmt is ReportFormat.docx:
            from plan_kpi.render.charts import attainment_chart
            from plan_kpi.render.docx import render_docx

            chart = (
                attainment_chart(built, chosen_lang, titled=False) if built.attainments else None
            )
            content = render_docx(built, chosen_lang, chart)
        elif fmt is ReportFormat.html:
            from plan_kpi.render.html import render_html

            content = render_html(built, chosen_lang)
        else:
            from plan_kpi.render.markdown import render_markdown

            content = render_markdown(built, chosen_lang)
        if output is None:
            assert isinstance(content, str)
            write(content)
        else:
            from plan_kpi.core.writes import write_new

            write_new(output, content, force=force, keep=PLAN_READ["inputs"])
    raise typer.Exit(built.exit_code_for(allow_missing))


def _want_docx(output: Path | None) -> None:
    """A Word document is a file, made with python-docx and its chart with matplotlib."""
    from plan_kpi.core.errors import UsageError
    from plan_kpi.core.extras import require

    if output is None:
        raise UsageError(N_("--format docx writes a file — give it with -o FILE.docx"))
    require("docx", "--format docx")  # not words: the option that needs it
    require("matplotlib", "--format docx")  # not words: the option that needs it (its chart)
