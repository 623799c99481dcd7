"""plan-kpi show: one indicator's whole story, with a chart of actual against target."""

from __future__ import annotations

from typing import Annotated

import typer

from plan_kpi.cli.common import (
    ChartsOption,
    DataOption,
    IdsOption,
    LangOption,
    QuietOption,
    TargetOption,
    check_indicators,
    for_people,
    lang_of,
    load,
    print_rendered,
    want_charts,
    write_charts,
)
from plan_kpi.core.messages import N_, T_

#: the command's help (said in the run's language)
HELP = T_(
    "One indicator: every period's target and actual, printed and derived figures, a "
    "chart; without an id, the plan's indicators (as plan-kpi list).\n\n"
    "Exit code 0 when no target of the indicator is missed and its printed figures "
    "agree, 1 otherwise, 2 on bad input."
)


def show(
    indicator: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]", help=T_("The indicator's id; without one, the plan's indicators.")
        ),
    ] = None,
    data: DataOption = None,
    lang: LangOption = None,
    target: TargetOption = None,
    charts: ChartsOption = None,
    force: Annotated[
        bool, typer.Option("--force", help=T_("Replace the chart files if they exist."))
    ] = False,
    ids: IdsOption = False,
    quiet: QuietOption = False,
) -> None:
    """The command `plan-kpi show`: its help is HELP."""
    with for_people():
        want_charts(charts)
        from plan_kpi.reports.show import build_story

        plan, derivation = load(data, ids, target)
        if indicator is None:
            from plan_kpi.cli.common import OutputFormat
            from plan_kpi.cli.list_ import emit_indicators

            emit_indicators(plan, lang_of(plan, lang), OutputFormat.table, None, False)
            raise typer.Exit(0)
        check_indicators(plan, [indicator], option="")
        story = build_story(plan, derivation, indicator)
        said = lang_of(plan, lang)
        if charts is not None:
            from plan_kpi.core.errors import UsageError
            from plan_kpi.render.charts import story_chart

            chart = story_chart(story, said)
            if chart is None:
                raise UsageError(
                    N_(
                        "--charts: {indicator} has neither a target nor an actual to chart",
                        indicator=indicator,
                    )
                )
            write_charts(charts, [chart], force)
        from plan_kpi.render.show import render_show

        print_rendered(lambda file: render_show(story, said, file))
    raise typer.Exit(story.exit_code)
