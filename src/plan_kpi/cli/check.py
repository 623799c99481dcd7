"""plan-kpi check: targets against actuals for one period."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from plan_kpi.cli.common import (
    TABULAR_EXTENSIONS,
    AllowMissingOption,
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

if TYPE_CHECKING:
    from plan_kpi.render.tabular import Tabular


#: the command's help (said in the run's language)
HELP = T_(
    "Targets against actuals for a period: attainment, gap, growth, status.\n\n"
    "Exit code 0 when every target of the period has a figure that meets it, 1 when one "
    "is missed or has no figure yet (--allow-missing: only when one is missed), 2 on bad "
    "input."
)


def check(
    data: DataOption = None,
    period: PeriodsOption = None,
    indicator: IndicatorOption = None,
    output_format: FormatOption = None,
    lang: LangOption = None,
    target: TargetOption = None,
    output: OutputFileOption = None,
    excel: ExcelOption = False,
    force: ForceOption = False,
    allow_missing: AllowMissingOption = False,
    ids: IdsOption = False,
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
        from plan_kpi.reports.check import (
            build_check,
            build_checks,
            periods_with_figures,
            years_with_figures,
        )

        plan, derivation = load(data, ids, target)
        wanted = check_indicators(plan, indicator)
        chosen = chosen_periods(plan, period, lambda: years_with_figures(plan, derivation, wanted))
        chosen_lang = lang_of(plan, lang)
        if len(chosen) > 1:
            from plan_kpi.render.check_json import checks_json

            reports = build_checks(plan, derivation, chosen, wanted)
            if not reports.indicators:
                named = ", ".join(str(p) for p in chosen)
                raise no_figures("figures", named, periods_with_figures(plan, derivation, wanted))

            def side_by_side(with_keys: bool) -> Tabular:
                from plan_kpi.render.check import checks_tabular  # rows and columns: not JSON

                return checks_tabular(reports, chosen_lang, with_keys=with_keys)

            emit(fmt, side_by_side, lambda: checks_json(reports, chosen_lang), output, force, excel)
            raise typer.Exit(reports.exit_code_for(allow_missing))
        (one,) = chosen
        report = build_check(plan, derivation, one, wanted)
        if not report.rows:
            raise no_figures("figures", one, periods_with_figures(plan, derivation, wanted))
        from plan_kpi.render.check_json import check_json

        def tabular(with_keys: bool) -> Tabular:
            from plan_kpi.render.check import check_tabular  # rows and columns: not for JSON

            return check_tabular(report, chosen_lang, with_keys=with_keys)

        emit(fmt, tabular, lambda: check_json(report, chosen_lang), output, force, excel)
    raise typer.Exit(report.exit_code_for(allow_missing))
