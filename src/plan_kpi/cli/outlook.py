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
    IndicatorOption,
    LangOption,
    OutputFileOption,
    OutputFormat,
    QuietOption,
    TargetOption,
    check_indicators,
    chosen_format,
    emit,
    for_excel,
    for_people,
    lang_of,
    load,
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
    "is achieved or missed by its own period's actual. Exit code 0 when every target "
    "is achieved or on track, 1 otherwise, 2 on bad input. The methods' formulas are "
    "in docs/outlook.md."
)


def outlook(
    data: DataOption = None,
    indicator: IndicatorOption = None,
    output_format: FormatOption = None,
    method: MethodOption = Method.unsd,
    lang: LangOption = None,
    target: TargetOption = None,
    output: OutputFileOption = None,
    excel: ExcelOption = False,
    force: ForceOption = False,
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
        from plan_kpi.reports.outlook import build_outlook

        plan, derivation = load(data, target)
        chosen_lang = lang_of(plan, lang)
        report = build_outlook(
            plan,
            derivation,
            "statcan" if method is Method.statcan else "unsd",
            check_indicators(plan, indicator),
        )
        from plan_kpi.render.outlook import outlook_json, outlook_tabular

        emit(
            fmt,
            lambda keys: outlook_tabular(report, chosen_lang, with_keys=keys),
            lambda: outlook_json(report, chosen_lang),
            output,
            force,
            excel,
        )
    raise typer.Exit(report.exit_code)
