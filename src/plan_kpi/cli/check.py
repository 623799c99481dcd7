"""plan-kpi check: targets against actuals for one period."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    PeriodOption,
    QuietOption,
    TargetOption,
    check_indicators,
    chosen_format,
    chosen_period,
    emit,
    for_excel,
    for_people,
    lang_of,
    load,
    no_figures,
)
from plan_kpi.core.messages import T_

if TYPE_CHECKING:
    from plan_kpi.render.tabular import Tabular


#: the command's help (said in the run's language)
HELP = T_(
    "Targets against actuals for a period: attainment, gap, growth, status.\n\n"
    "Exit code 0 when every target of the period is met, 1 when one is missed, 2 on "
    "bad input."
)


def check(
    data: DataOption = None,
    period: PeriodOption = None,
    indicator: IndicatorOption = None,
    output_format: FormatOption = None,
    lang: LangOption = None,
    target: TargetOption = None,
    output: OutputFileOption = None,
    excel: ExcelOption = False,
    force: ForceOption = False,
    quiet: QuietOption = False,
) -> None:
    """The command `plan-kpi check`: its help is HELP."""
    with for_people():
        fmt = chosen_format(
            output_format,
            output,
            "check",
            TABULAR_EXTENSIONS,
            OutputFormat.table,
            data=data,
            force=force,
        )
        excel = for_excel(fmt, excel)
        from plan_kpi.reports.check import build_check, periods_with_figures

        plan, derivation = load(data, target)
        chosen = chosen_period(plan, period)
        wanted = check_indicators(plan, indicator)
        chosen_lang = lang_of(plan, lang)
        report = build_check(plan, derivation, chosen, wanted)
        if not report.rows:
            raise no_figures("figures", chosen, periods_with_figures(plan, derivation, wanted))
        from plan_kpi.render.check_json import check_json

        def tabular(with_keys: bool) -> Tabular:
            from plan_kpi.render.check import check_tabular  # rows and columns: not for JSON

            return check_tabular(report, chosen_lang, with_keys=with_keys)

        emit(fmt, tabular, lambda: check_json(report, chosen_lang), output, force, excel)
    raise typer.Exit(report.exit_code)
