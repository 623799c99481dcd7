"""plan-kpi show: one indicator's whole story, with a chart of actual against target."""

from __future__ import annotations

from typing import Annotated

import typer

from plan_kpi.cli.common import (
    DataOption,
    LangOption,
    QuietOption,
    check_indicators,
    for_people,
    lang_of,
    load,
    print_rendered,
)


def show(
    indicator: Annotated[str, typer.Argument(metavar="ID", help="The indicator's id.")],
    data: DataOption = None,
    lang: LangOption = None,
    quiet: QuietOption = False,
) -> None:
    """One indicator: every period's target and actual, printed and derived figures, a chart.

    Exit code 0 when no target of the indicator is missed and its printed
    figures agree, 1 otherwise, 2 on bad input.
    """
    with for_people():
        from plan_kpi.reports.show import build_story

        plan, derivation = load(data)
        check_indicators(plan, [indicator], option="")
        story = build_story(plan, derivation, indicator, lang_of(plan, lang))
        from plan_kpi.render.show import render_show

        print_rendered(lambda file: render_show(story, file))
    raise typer.Exit(story.exit_code)
