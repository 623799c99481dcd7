"""plan-kpi list: the plan's indicators, their ids, who reports them, and their periods."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from plan_kpi.cli.common import (
    TABULAR_EXTENSIONS,
    DataOption,
    ForceOption,
    FormatOption,
    LangOption,
    OutputFileOption,
    OutputFormat,
    QuietOption,
    chosen_format,
    emit,
    for_people,
    lang_of,
    load,
)
from plan_kpi.core.messages import T_

if TYPE_CHECKING:
    from pathlib import Path

    from plan_kpi.core.models import Plan
    from plan_kpi.core.numbers import Locale
    from plan_kpi.render.tabular import Tabular

#: the command's help (said in the run's language)
HELP = T_(
    "The plan's indicators: id (what --indicator and show take), name, unit, agency, and the "
    "periods with targets and with figures."
)


def list_(
    data: DataOption = None,
    output_format: FormatOption = None,
    lang: LangOption = None,
    output: OutputFileOption = None,
    force: ForceOption = False,
    quiet: QuietOption = False,
) -> None:
    """The command `plan-kpi list`: its help is HELP."""
    with for_people():
        fmt = chosen_format(
            output_format,
            output,
            "list",
            TABULAR_EXTENSIONS,
            OutputFormat.table,
            data=data,
            force=force,
        )
        plan, _ = load(data)
        emit_indicators(plan, lang_of(plan, lang), fmt, output, force)
    raise typer.Exit(0)


def emit_indicators(
    plan: Plan, lang: Locale, output_format: OutputFormat, output: Path | None, force: bool
) -> None:
    """The indicators in the chosen format (``show`` without an id says the same)."""
    from plan_kpi.render.indicators import indicators_json, indicators_tabular
    from plan_kpi.reports.indicators import build_indicators

    rows = build_indicators(plan)

    def tabular(with_keys: bool) -> Tabular:
        return indicators_tabular(plan.info.title, rows, lang, with_keys=with_keys)

    emit(output_format, tabular, lambda: indicators_json(plan.info.id, rows, lang), output, force)
