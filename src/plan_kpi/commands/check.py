"""plan-kpi check: targets against actuals for one period."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from plan_kpi.commands.common import (
    DataOption,
    IndicatorOption,
    LangOption,
    PeriodOption,
    check_indicators,
    for_people,
    lang_of,
    load,
    period_option,
    write,
)
from plan_kpi.errors import UsageError


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def check(
    data: DataOption = None,
    period: PeriodOption = None,
    indicator: IndicatorOption = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CheckFormat.table,
    lang: LangOption = None,
) -> None:
    """Targets against actuals for a period: attainment, gap, growth, status.

    Exit code 0 when every target of the period is met, 1 when one is missed,
    2 on bad input.
    """
    with for_people():
        from plan_kpi.reports.check import build_check, default_period

        plan, derivation = load(data)
        chosen = period_option(period) or default_period(plan)
        if chosen is None:
            raise UsageError("no actual values yet for any indicator with a target — give --period")
        report = build_check(
            plan, derivation, chosen, lang_of(plan, lang), check_indicators(plan, indicator)
        )
        if output_format is CheckFormat.json:
            from plan_kpi.render.check import check_json
            from plan_kpi.render.json import dumps

            write(dumps(check_json(report)))
        elif output_format is CheckFormat.csv:
            from plan_kpi.render.check import check_tabular
            from plan_kpi.render.csv import render_csv

            write(render_csv(check_tabular(report, with_keys=True)))
        else:
            from plan_kpi.render.check import check_tabular
            from plan_kpi.render.table import render_table

            render_table(check_tabular(report))
    raise typer.Exit(report.exit_code)
