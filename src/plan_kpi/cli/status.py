"""plan-kpi status: what a period still needs from each agency, and what came in."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from plan_kpi.cli.common import (
    TABULAR_EXTENSIONS,
    DataOption,
    ForceOption,
    FormatOption,
    IdsOption,
    LangOption,
    OutputFileOption,
    OutputFormat,
    PeriodOption,
    QuietOption,
    chosen_format,
    chosen_period,
    day_option,
    emit,
    for_people,
    lang_of,
    load,
)
from plan_kpi.core.errors import UsageError
from plan_kpi.core.messages import N_, T_

if TYPE_CHECKING:
    from plan_kpi.render.tabular import Tabular

AgencyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--agency",
        "-a",
        metavar="AGENCY",
        help=T_("Only this agency, as targets.yaml names it (repeatable)."),
        show_default=False,
    ),
]
DueOption = Annotated[
    str | None,
    typer.Option(
        "--due",
        metavar="DATE",
        help=T_("The reports' due date, e.g. 2026-12-15. Default: 15 December of the period."),
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help=T_("The day to judge by, e.g. 2026-12-16. Default: today."),
        show_default=False,
    ),
]

#: the command's help (said in the run's language)
HELP = T_(
    "What a period still needs from each agency, and what came in.\n\n"
    "Each indicator with a target of the period needs its figure, and each part of a "
    "complete breakdown its own; every figure that came in shows its file and whether it is "
    "an estimate, preliminary or final. A figure still missing after the due date is late. "
    "Exit code 0 when nothing is missing, 1 when something is, 2 on bad input."
)


def status(
    data: DataOption = None,
    period: PeriodOption = None,
    agency: AgencyOption = None,
    due: DueOption = None,
    as_of: AsOfOption = None,
    output_format: FormatOption = None,
    lang: LangOption = None,
    output: OutputFileOption = None,
    force: ForceOption = False,
    ids: IdsOption = False,
    quiet: QuietOption = False,
) -> None:
    """The command `plan-kpi status`: its help is HELP."""
    with for_people():
        fmt = chosen_format(
            output_format,
            output,
            "status",
            TABULAR_EXTENSIONS,
            OutputFormat.table,
            data=data,
            force=force,
        )
        from plan_kpi.reports.status import build_status, default_due

        plan, derivation = load(data, ids)
        chosen = chosen_period(plan, period)
        chosen_lang = lang_of(plan, lang)
        known = {ind.agency for ind in plan.indicators if ind.agency}
        for name in agency or ():
            if name not in known:
                raise UsageError(
                    N_(
                        "--agency: no agency {name!r} in this plan — its agencies: {agencies}",
                        name=name,
                        agencies="; ".join(sorted(known)),
                    )
                )
        report = build_status(
            plan,
            derivation,
            chosen,
            day_option(due, "--due") or default_due(chosen),
            day_option(as_of, "--as-of") or date.today(),
            tuple(agency or ()),
        )
        from plan_kpi.render.status import status_json

        def tabular(with_keys: bool) -> Tabular:
            from plan_kpi.render.status import status_tabular

            names = {ind.id: ind.name for ind in plan.indicators}
            return status_tabular(report, names, chosen_lang, with_keys=with_keys)

        emit(fmt, tabular, lambda: status_json(report, chosen_lang), output, force)
    raise typer.Exit(report.exit_code)
