"""plan-kpi audit: every figure a report states, checked against the figures it comes from."""

from __future__ import annotations

from typing import Annotated

import typer

from plan_kpi.cli.common import (
    ALL,
    TABULAR_EXTENSIONS,
    DataOption,
    ExcelOption,
    ForceOption,
    FormatOption,
    IdsOption,
    IndicatorOption,
    LangOption,
    OutputFileOption,
    OutputFormat,
    PeriodOption,
    QuietOption,
    check_indicators,
    chosen_format,
    emit,
    for_excel,
    for_people,
    lang_of,
    load,
    no_figures,
    period_option,
)
from plan_kpi.core.messages import T_

ExplainOption = Annotated[
    bool,
    typer.Option(
        "--explain",
        "-e",
        help=T_("Show the arithmetic of each row and the figures it uses, with file:line."),
    ),
]


#: the command's help (said in the run's language)
HELP = T_(
    "Check every figure a report prints against the figures it comes from.\n\n"
    "Each stated percentage, change, previous value and target, and each breakdown, "
    "is consistent (its printed precision allows what the other figures give), "
    "inconsistent, or unchecked (nothing else gives it). Default: every period. Exit "
    "code 0 when nothing is inconsistent, 1 when something is, 2 on bad input."
)


def audit(
    data: DataOption = None,
    period: PeriodOption = None,
    indicator: IndicatorOption = None,
    output_format: FormatOption = None,
    lang: LangOption = None,
    explain: ExplainOption = False,
    output: OutputFileOption = None,
    excel: ExcelOption = False,
    force: ForceOption = False,
    ids: IdsOption = False,
    quiet: QuietOption = False,
) -> None:
    """The command `plan-kpi audit`: its help is HELP."""
    with for_people():
        fmt = chosen_format(
            output_format,
            output,
            "audit",
            TABULAR_EXTENSIONS,
            OutputFormat.table,
            data=data,
            force=force,
        )
        excel = for_excel(fmt, excel)
        from plan_kpi.reports.audit import build_audit

        plan, derivation = load(data, ids)
        given = None if period == [ALL] else period  # all: every period, as without --period
        chosen, wanted = period_option(given), check_indicators(plan, indicator)
        report = build_audit(plan, derivation, chosen, wanted)
        if chosen is not None and not report.rows:
            every = build_audit(plan, derivation, None, wanted)
            raise no_figures("checks", chosen, sorted({r.period for r in every.rows}))
        from plan_kpi.render.audit import audit_json, audit_tabular

        said = lang_of(plan, lang)
        emit(
            fmt,
            lambda keys: audit_tabular(report, said, with_keys=keys, explain=explain),
            lambda: audit_json(report, said),
            output,
            force,
            excel,
        )
    raise typer.Exit(report.exit_code)
