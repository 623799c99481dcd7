"""plan-kpi outlook: will the targets be reached at the pace the actuals show?"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from plan_kpi.cli.common import (
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
    PeriodsOption,
    QuietOption,
    TargetOption,
    check_indicators,
    chosen_format,
    chosen_periods,
    emit,
    for_excel,
    for_people,
    lang_of,
    load,
    no_figures,
)
from plan_kpi.core.messages import T_


class Method(StrEnum):
    unsd = "unsd"
    statcan = "statcan"


MethodOption = Annotated[
    Method,
    typer.Option(
        "--method",
        "-m",
        help=T_(
            "unsd: projected value against the target (UN Statistics Division); "
            "statcan: observed over required growth rate (Statistics Canada, Open SDG)."
        ),
    ),
]


#: the command's help (said in the run's language)
HELP = T_(
    "Will each target be reached? Trend (CAGR) so far, growth required, progress "
    "category.\n\n"
    "One row per target after the latest actual, or already met by it; a past target "
    "is achieved or missed by its own period's actual. --period: only the targets of "
    "those periods; several side by side. Exit code 0 when every target is achieved or "
    "on track, 1 otherwise, 2 on bad input. The methods' formulas are in docs/outlook.md."
)


def outlook(
    data: DataOption = None,
    period: PeriodsOption = None,
    indicator: IndicatorOption = None,
    output_format: FormatOption = None,
    method: MethodOption = Method.unsd,
    lang: LangOption = None,
    target: TargetOption = None,
    output: OutputFileOption = None,
    excel: ExcelOption = False,
    force: ForceOption = False,
    ids: IdsOption = False,
    quiet: QuietOption = False,
) -> None:
    """The command `plan-kpi outlook`: its help is HELP."""
    with for_people():
        fmt = chosen_format(
            output_format,
            output,
            "outlook",
            TABULAR_EXTENSIONS,
            OutputFormat.table,
            data=data,
            force=force,
        )
        excel = for_excel(fmt, excel)
        from plan_kpi.reports.outlook import build_outlook, target_periods

        plan, derivation = load(data, ids, target)
        chosen_lang = lang_of(plan, lang)
        chosen = (
            chosen_periods(plan, period, lambda: target_periods(plan, derivation)) if period else []
        )
        report = build_outlook(
            plan,
            derivation,
            "statcan" if method is Method.statcan else "unsd",
            check_indicators(plan, indicator),
            tuple(chosen),
        )
        if chosen and not report.rows:
            raise no_figures(
                "targets", ", ".join(str(p) for p in chosen), target_periods(plan, derivation)
            )
        from plan_kpi.render.outlook import outlook_json, outlook_tabular, outlooks_json

        if len(chosen) > 1:
            from plan_kpi.render.outlook import outlooks_tabular

            emit(
                fmt,
                lambda keys: outlooks_tabular(report, chosen, chosen_lang, with_keys=keys),
                lambda: outlooks_json(report, chosen, chosen_lang),
                output,
                force,
                excel,
            )
        else:
            emit(
                fmt,
                lambda keys: outlook_tabular(report, chosen_lang, with_keys=keys),
                lambda: outlook_json(report, chosen_lang),
                output,
                force,
                excel,
            )
    raise typer.Exit(report.exit_code)
