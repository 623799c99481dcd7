"""What every command shares: its options, loading the plan, and failing for people."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from plan_kpi.core.errors import PlanError, UsageError

if TYPE_CHECKING:  # the domain (pydantic, Babel) loads only for a command that reads a plan
    from plan_kpi.core.models import Plan
    from plan_kpi.core.numbers import Locale
    from plan_kpi.core.periods import Period
    from plan_kpi.engine.solving import Derivation
    from plan_kpi.render.tabular import Tabular


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class Lang(StrEnum):
    vi = "vi"
    en = "en"


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        metavar="DIR",
        help="The plan folder (targets.yaml, actuals/). Default: "
        "$PLAN_KPI_DATA, else ./data, else the bundled seed plan.",
        show_default=False,
    ),
]
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        "-p",
        metavar="PERIOD",
        help="Period: 2021, 2021-11, 2021-01/2021-11 or 2021-12-31.",
        show_default=False,
    ),
]
IndicatorOption = Annotated[
    list[str] | None,
    typer.Option(
        "--indicator",
        "-i",
        metavar="ID",
        help="Only this indicator (repeatable).",
        show_default=False,
    ),
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
LangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        "-l",
        help="Language of names, headings and numbers. Default: the plan's locale.",
        show_default=False,
    ),
]

OutputFileOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the report to FILE instead of the terminal (required for xlsx).",
        show_default=False,
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace the --output file if it exists.")
]

DEBUG = {"on": False}
#: --quiet: commands print nothing (errors still go to stderr); set by QuietOption's callback.
QUIET = {"on": False}


def _quiet(value: bool) -> bool:
    QUIET["on"] = value
    return value


QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        callback=_quiet,
        help="Print nothing; only the exit code tells the result.",
    ),
]

#: Exit code of a bug in plan-kpi: never 1, which means "a target missed"; the
#: contract has three codes, and 2 is "plan-kpi could not do what was asked".
EXIT_BUG = 2


@contextmanager
def for_people() -> Iterator[None]:
    """Turn the tool's own errors into file:line messages and exit 2 (--debug re-raises).

    Anything else is a bug: it is said to be one, with exit code 2, instead of a
    traceback whose exit code 1 would read as "a target missed".
    """
    try:
        yield
    except (typer.Exit, typer.Abort, typer.TyperException):
        raise
    except PlanError as err:
        if DEBUG["on"]:
            raise
        _say("".join(f"{p}\n" for p in err.problems) or "plan-kpi: bad input\n")
        raise typer.Exit(2) from None
    except UsageError as err:
        if DEBUG["on"]:
            raise
        _say(f"plan-kpi: {err}\n")
        raise typer.Exit(2) from None
    except Exception as err:
        if DEBUG["on"]:
            raise
        _say(
            f"plan-kpi: internal error ({type(err).__name__}: {err}) — this is a bug in "
            "plan-kpi, not in your files; please report it with the output of the same "
            "command run as 'plan-kpi --debug …'\n"
        )
        raise typer.Exit(EXIT_BUG) from None


def _say(message: str) -> None:
    """Write to stderr with control characters shown, never acted on by the terminal."""
    from plan_kpi.render.tabular import visible

    sys.stderr.write(visible(message))


def load(data: Path | None) -> tuple[Plan, Derivation]:
    """The plan of the chosen folder and everything its figures imply.

    Python's cycle collector is paused meanwhile: the records built here hold
    no cycles and live until the command ends, and rescanning them as they
    grow cost two thirds of the time of a large plan. They are then frozen
    (never rescanned) and the collector resumes. A load that takes more than
    a second shows a progress bar on stderr, when it is a terminal. The plan's
    warnings follow it on stderr.
    """
    import gc

    from plan_kpi.cli.progress import LoadProgress, plan_files
    from plan_kpi.engine.solving import derive
    from plan_kpi.load.folder import load_plan, resolve_data_dir

    folder = resolve_data_dir(data)
    progress = LoadProgress(plan_files(folder))
    paused = gc.isenabled()
    gc.disable()
    try:
        plan = load_plan(folder, on_file=progress.file_read)
        progress.deriving()
        derivation = derive(plan)
    finally:
        progress.close()
        if paused:
            gc.freeze()
            gc.enable()
    warn(plan)
    return plan, derivation


def warn(plan: Plan) -> None:
    """The plan's warnings on stderr (also with --quiet: they are about the input, as errors
    are); they never change the exit code."""
    if plan.warnings:
        _say("".join(f"{warning}\n" for warning in plan.warnings))


def period_option(text: str | None) -> Period | None:
    from plan_kpi.core.periods import PeriodError, parse_period

    if text is None:
        return None
    try:
        return parse_period(text)
    except PeriodError as err:
        raise UsageError(f"--period: {err}") from None


def chosen_period(plan: Plan, text: str | None) -> Period:
    """--period, else the latest year with an actual of an indicator that has a target."""
    from plan_kpi.reports.check import default_period

    chosen = period_option(text) or default_period(plan)
    if chosen is None:
        raise UsageError("no actual values yet for any indicator with a target — give --period")
    return chosen


#: the periods a "no figures" message names at most
_LISTED = 12


def no_figures(what: str, period: Period, periods: list[Period]) -> UsageError:
    """A --period with nothing in it: say which periods have something."""
    if not periods:
        return UsageError(f"no {what} for {period} — the plan has none yet")
    listed = ", ".join(str(p) for p in periods[-_LISTED:])
    more = "…, " if len(periods) > _LISTED else ""
    return UsageError(
        f"no {what} for {period} — periods with {what}: {more}{listed}; give one with --period"
    )


def lang_of(plan: Plan, lang: Lang | None) -> Locale:
    if lang is None:
        return plan.info.locale
    return "vi" if lang is Lang.vi else "en"


def check_indicators(
    plan: Plan, indicators: list[str] | None, option: str = "--indicator: "
) -> tuple[str, ...]:
    """The ids asked for, each one of the plan's; ``option`` names where they were given."""
    from plan_kpi.core.quotes import quoted
    from plan_kpi.core.suggestions import Suggestions

    chosen = tuple(indicators or ())
    ids = Suggestions(plan.by_id)
    for ind in chosen:
        if ind not in plan.by_id:
            close = ids.closest(ind)
            hint = f"did you mean {close!r}?" if close else "see targets.yaml for the ids"
            raise UsageError(
                f"{option}no indicator {quoted(ind, strict=True)} in this plan — {hint}"
            )
    return chosen


def write(text: str) -> None:
    """Standard output, unless --quiet."""
    if not QUIET["on"]:
        sys.stdout.write(text)


def emit(
    output_format: OutputFormat,
    tabular: Callable[[bool], Tabular],
    data: Callable[[], dict[str, Any]],
    output: Path | None = None,
    force: bool = False,
) -> None:
    """Write a report in the chosen format, to the terminal or to ``output``.

    ``tabular(with_keys)`` gives the rows and columns (the table for people,
    CSV and xlsx for scripts and spreadsheets, with machine keys); ``data()``
    the JSON value. --quiet writes nothing to the terminal; a file is still
    written.
    """
    if output_format is OutputFormat.xlsx:
        if output is None:
            raise UsageError("--format xlsx writes a file — give it with -o FILE.xlsx")
        from plan_kpi.render.xlsx import render_xlsx

        content: str | bytes = render_xlsx(tabular(True))
    elif output is None and QUIET["on"]:
        return
    elif output_format is OutputFormat.json:
        from plan_kpi.render.json import dumps

        content = dumps(data())
    elif output_format is OutputFormat.csv:
        from plan_kpi.render.csv import render_csv

        content = render_csv(tabular(True))
    else:
        from plan_kpi.render.table import render_table

        if output is None:
            render_table(tabular(False))
            return
        buffer = io.StringIO()
        render_table(tabular(False), file=buffer)
        content = buffer.getvalue()
    if output is None:
        assert isinstance(content, str)
        write(content)
    else:
        from plan_kpi.core.writes import write_new

        write_new(output, content, force=force)
