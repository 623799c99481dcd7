"""What every command shares: its options, loading the plan, and failing for people."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TextIO, TypeVar

import typer

from plan_kpi.core.errors import PlanError, UsageError
from plan_kpi.core.messages import N_, T_, one_of

if TYPE_CHECKING:  # the domain (pydantic, Babel) loads only for a command that reads a plan
    from plan_kpi.core.models import Plan
    from plan_kpi.core.numbers import Locale
    from plan_kpi.core.periods import Period
    from plan_kpi.engine.solving import Derivation
    from plan_kpi.render.charts import Chart
    from plan_kpi.render.tabular import Tabular


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


#: what the extension of -o FILE names when --format is not given, for every command;
#: a command writes some of them (TABULAR_EXTENSIONS, the report's own)
EXTENSIONS: dict[str, str] = {
    ".json": "json",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".md": "markdown",
    ".html": "html",
    ".docx": "docx",
    ".txt": "text",
}
#: the extensions check, audit and outlook write: .txt is the text table
TABULAR_EXTENSIONS: dict[str, OutputFormat] = {
    ".txt": OutputFormat.table,
    ".json": OutputFormat.json,
    ".csv": OutputFormat.csv,
    ".xlsx": OutputFormat.xlsx,
}


#: a command's own formats
F = TypeVar("F", bound=StrEnum)


class Lang(StrEnum):
    vi = "vi"
    en = "en"


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        metavar="DIR",
        help=T_(
            "The plan folder (targets.yaml, actuals/). Default: "
            "$PLAN_KPI_DATA, else ./data, else the bundled seed plan."
        ),
        show_default=False,
    ),
]
PeriodOption = Annotated[
    list[str] | None,
    typer.Option(
        "--period",
        "-p",
        metavar="PERIOD",
        help=T_(
            "Period: 2021, 2021-11, 2021-01/2021-11, 2021-12-31 or 2021-01-01/2021-12-15; or "
            "11/2021, 11 tháng 2021, 31/12/2021 (day first)."
        ),
        show_default=False,
    ),
]
PeriodsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--period",
        "-p",
        metavar="PERIOD",
        help=T_(
            "Period: 2021, 2021-11, 2021-01/2021-11, 2021-12-31 or 2021-01-01/2021-12-15; several: "
            "a range of years (2021..2025), all, or --period again (every period named, once)."
        ),
        show_default=False,
    ),
]
IndicatorOption = Annotated[
    list[str] | None,
    typer.Option(
        "--indicator",
        "-i",
        metavar="ID",
        help=T_("Only this indicator (repeatable)."),
        show_default=False,
    ),
]
TargetOption = Annotated[
    str | None,
    typer.Option(
        "--target",
        "-t",
        metavar="NAME",
        help=T_(
            "Which of the plan's named targets to judge by (plan: targets in targets.yaml). "
            "Default: the plan's default_target."
        ),
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help=T_(
            "Output format. Default: the one -o FILE's extension names (.txt .json .csv "
            ".xlsx), else table."
        ),
        show_default=False,
    ),
]
LangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        "-l",
        help=T_(
            "Language of names, headings, numbers and messages. Default: $PLAN_KPI_LANG, "
            "else the plan's locale, else the system's (LANG)."
        ),
        show_default=False,
    ),
]

OutputFileOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help=T_(
            "Write the report to FILE instead of the terminal (a workbook or a Word document "
            "needs one); its extension gives the format."
        ),
        show_default=False,
    ),
]
ExcelOption = Annotated[
    bool,
    typer.Option(
        "--excel",
        help=T_(
            "With csv: the CSV a spreadsheet set to --lang opens as it is (UTF-8 with BOM; "
            "vi: ';' and decimal comma; headings and words for people)."
        ),
    ),
]
AllowMissingOption = Annotated[
    bool,
    typer.Option(
        "--allow-missing",
        help=T_(
            "Exit 0 when no target of the period is missed, even if some have no figure yet "
            "or one that cannot be judged (without it: exit 1)."
        ),
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help=T_("Replace the --output file if it exists."))
]
ChartsOption = Annotated[
    Path | None,
    typer.Option(
        "--charts",
        metavar="DIR",
        help=T_(
            "Also draw the chart as pictures, DIR/NAME.png and DIR/NAME.svg "
            "(needs matplotlib: pip install 'plan-kpi[charts]')."
        ),
        show_default=False,
    ),
]

DEBUG = {"on": False}
#: the files of the plan the command read (set by load()): -o FILE never writes over them
PLAN_READ: dict[str, tuple[Path, ...]] = {"inputs": ()}
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
        help=T_("Print nothing; only the exit code tells the result."),
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
        from plan_kpi.say.problems import said_problem

        lang = run_language()
        _say("".join(f"{said_problem(p, lang)}\n" for p in err.problems))
        raise typer.Exit(2) from None
    except UsageError as err:
        if DEBUG["on"]:
            raise
        from plan_kpi.say.problems import said

        _say(f"plan-kpi: {said(err.message, run_language())}\n")
        raise typer.Exit(2) from None
    except Exception as err:
        if DEBUG["on"]:
            raise
        from plan_kpi.core.messages import N_
        from plan_kpi.say.problems import said

        bug = N_(
            "internal error ({kind}: {error}) — this is a bug in plan-kpi, not in your "
            "files; please report it with the output of the same command run as "
            "'plan-kpi --debug …'",
            kind=type(err).__name__,
            error=str(err),
        )
        _say(f"plan-kpi: {said(bug, run_language())}\n")
        raise typer.Exit(EXIT_BUG) from None


def run_language() -> Locale:
    """The language this run speaks (--lang, the environment, the plan's locale: cli.said)."""
    from plan_kpi.cli.said import SaidCommand

    return SaidCommand.lang


def _say(message: str) -> None:
    """Write to stderr with control characters shown, never acted on by the terminal."""
    from plan_kpi.render.tabular import visible

    sys.stderr.write(visible(message))


IdsOption = Annotated[
    bool,
    typer.Option(
        "--ids",
        help=T_("Name the indicators by their ids, as the data files do, instead of their names."),
    ),
]


def load(
    data: Path | None, ids: bool = False, target: str | None = None
) -> tuple[Plan, Derivation]:
    """The plan of the chosen folder and everything its figures imply; ``ids`` (--ids) names
    every indicator by its id, ``target`` (--target) judges by that named target.

    Python's cycle collector is paused meanwhile: the records built here hold
    no cycles and live until the command ends, and rescanning them as they
    grow cost two thirds of the time of a large plan. They are then frozen
    (never rescanned) and the collector resumes. A load that takes more than
    a second shows a progress bar on stderr, when it is a terminal. The plan's
    warnings follow it on stderr.
    """
    import gc

    from plan_kpi.cli.progress import LoadProgress, plan_files
    from plan_kpi.core.models import with_target
    from plan_kpi.engine.solving import derive
    from plan_kpi.load.folder import load_plan, resolve_data_dir
    from plan_kpi.load.places import ACTUALS, TARGETS

    folder = resolve_data_dir(data)
    PLAN_READ["inputs"] = (folder / TARGETS, folder / ACTUALS)
    progress = LoadProgress(plan_files(folder))
    paused = gc.isenabled()
    gc.disable()
    try:
        plan = load_plan(folder, on_file=progress.file_read)
        if target is not None:
            plan = with_target(plan, chosen_target(plan, target))
        if ids:
            from plan_kpi.core.models import named_by_ids

            plan = named_by_ids(plan)
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
        from plan_kpi.say.problems import said_problem

        lang = run_language()
        _say("".join(f"{said_problem(warning, lang)}\n" for warning in plan.warnings))


def period_option(texts: list[str] | None) -> Period | None:
    """The one period a command takes: --period given once, a period (not a range)."""
    if not texts:
        return None
    if len(texts) > 1:
        raise UsageError(
            N_(
                "--period is given {count} times ({periods}) — this command takes one period; "
                "give --period once",
                count=len(texts),
                periods=", ".join(texts),
            )
        )
    (text,) = texts
    if text == ALL or _RANGE_MARK in text:
        raise UsageError(
            N_(
                "--period {text}: this command takes one period — give one, e.g. --period 2021",
                text=text,
            )
        )
    return _one_period(text)


def _one_period(text: str) -> Period:
    from plan_kpi.core.periods import PeriodError, parse_period

    try:
        return parse_period(text)
    except PeriodError as err:
        raise UsageError(N_("--period: {problem}", problem=err.message)) from None


def chosen_period(plan: Plan, texts: list[str] | None) -> Period:
    """--period, else the latest year with an actual of an indicator that has a target."""
    from plan_kpi.reports.check import default_period

    chosen = period_option(texts) or default_period(plan)
    if chosen is None:
        raise UsageError(N_("no actual values yet for any indicator with a target — give --period"))
    return chosen


def day_option(text: str | None, option: str) -> date | None:
    """A day given to an option (--due, --as-of), as 2026-12-15."""
    from plan_kpi.core.periods import PeriodError, parse_period

    if text is None:
        return None
    try:
        period = parse_period(text)
    except PeriodError as err:
        raise UsageError(N_("{option}: {problem}", option=option, problem=err.message)) from None
    if period.kind != "date":
        raise UsageError(
            N_(
                "{option}: {text!r} is not a day — write it like 2026-12-15",
                option=option,
                text=text,
            )
        )
    return period.end


#: --period all: every period the command has something for
ALL = "all"
#: --period 2021..2025: the years from the first to the last
_RANGE_MARK = ".."
#: the most years a range may name
MAX_RANGE = 100


def chosen_periods(
    plan: Plan, texts: list[str] | None, every: Callable[[], list[Period]]
) -> list[Period]:
    """The periods --period names, in order, each once: periods, ranges of years
    (2021..2025) and ``all`` (``every()``), given once or several times; else the default
    period (as ``chosen_period``)."""
    if not texts:
        return [chosen_period(plan, None)]
    found: set[Period] = set()
    for text in texts:
        if text == ALL:
            every_one = every()
            if not every_one:
                raise UsageError(N_("--period all: the plan has no periods with figures yet"))
            found.update(every_one)
        elif _RANGE_MARK in text:
            found.update(_years(text))
        else:
            found.add(_one_period(text))
    return sorted(found)


def _years(text: str) -> list[Period]:
    """2021..2025: the years 2021, 2022, 2023, 2024 and 2025."""
    import re

    from plan_kpi.core.periods import year_period

    found = re.fullmatch(r"\s*(\d{4})\s*\.\.\s*(\d{4})\s*", text)
    if found is None:
        raise UsageError(
            N_(
                "--period {text}: a range is of years, written 2021..2025 — for months "
                "cumulated write 2021-01/2021-11",
                text=text,
            )
        )
    first, last = (_one_period(year).year for year in (found[1], found[2]))
    if last < first:
        raise UsageError(
            N_(
                "--period {text}: the range ends before it starts — write {last}..{first}",
                text=text,
                first=first,
                last=last,
            )
        )
    if last - first + 1 > MAX_RANGE:
        raise UsageError(
            N_(
                "--period {text}: {count} years, more than the {most} a range may name — give a "
                "shorter one",
                text=text,
                count=last - first + 1,
                most=MAX_RANGE,
            )
        )
    return [year_period(year) for year in range(first, last + 1)]


#: the periods a "no figures" message names at most
_LISTED = 12


def no_figures(
    what: Literal["figures", "checks", "targets"], period: Period | str, periods: list[Period]
) -> UsageError:
    """A --period with nothing in it (no figures, no figures to check, no targets): say which
    periods have some. ``period`` may name several ('2098, 2099')."""
    listed = ("…, " if len(periods) > _LISTED else "") + ", ".join(
        str(p) for p in periods[-_LISTED:]
    )
    if what == "checks":
        if not periods:
            return UsageError(
                N_("no figures to check for {period} — the plan has none yet", period=period)
            )
        return UsageError(
            N_(
                "no figures to check for {period} — periods with figures to check: "
                "{periods}; give one with --period",
                period=period,
                periods=listed,
            )
        )
    if what == "targets":
        if not periods:
            return UsageError(N_("no targets for {period} — the plan has none yet", period=period))
        return UsageError(
            N_(
                "no targets for {period} — periods with targets: {periods}; give one with --period",
                period=period,
                periods=listed,
            )
        )
    if not periods:
        return UsageError(N_("no figures for {period} — the plan has none yet", period=period))
    return UsageError(
        N_(
            "no figures for {period} — periods with figures: {periods}; give one with --period",
            period=period,
            periods=listed,
        )
    )


def lang_of(plan: Plan, lang: Lang | None) -> Locale:
    """The language of the run: --lang, else PLAN_KPI_LANG, else the plan's, else the system's."""
    from plan_kpi.say.language import chosen_language

    option: Locale | None = None if lang is None else ("vi" if lang is Lang.vi else "en")
    return chosen_language(option, plan.info.locale)


#: --target names a target the plan does not have
NO_SUCH_TARGET = N_("--target: {name} is not one of the plan's targets ({names}) — {hint}")
NO_NAMED_TARGETS = N_(
    "--target: the plan names no targets (plan: targets in targets.yaml), so it has one "
    "target for each figure — leave --target out"
)


def chosen_target(plan: Plan, name: str) -> str:
    """The target --target names, one of the plan's (did you mean …? when it is not)."""
    from plan_kpi.core.quotes import quoted
    from plan_kpi.core.suggestions import Suggestions

    names = plan.info.target_names
    if not names:
        raise UsageError(NO_NAMED_TARGETS)
    if name in names:
        return name
    close = Suggestions(names).closest(name)
    hint = N_("did you mean {name}?", name=repr(close)) if close else N_("write one of them")
    raise UsageError(
        N_(NO_SUCH_TARGET.text, name=quoted(name, strict=True), names=", ".join(names), hint=hint)
    )


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
            hint = (
                N_("did you mean {names}?", names=one_of([close]))
                if close
                else N_("see targets.yaml for the ids")
            )
            raise UsageError(
                N_(
                    "{option}no indicator {id} in this plan — {hint}",
                    option=option,
                    id=quoted(ind, strict=True),
                    hint=hint,
                )
            )
    return chosen


def chosen_format(
    given: F | None,
    output: Path | None,
    command: str,
    formats: Mapping[str, F],
    default: F,
    data: Path | None = None,
    force: bool = False,
) -> F:
    """--format, else the format -o FILE's extension names, else ``default``.

    ``formats`` maps each extension the command writes to its format. A
    --format that another extension names, or an extension no format of the
    command has, is a usage error: nothing is written in a format the file's
    name belies. Before that, -o FILE itself is checked: never a device, a
    folder, a link without --force, or a file of the plan ``data`` names.
    """
    if output is None:
        return default if given is None else given
    from plan_kpi.core.writes import refuse_unwritable
    from plan_kpi.load.folder import resolve_data_dir
    from plan_kpi.load.places import ACTUALS, TARGETS

    folder = resolve_data_dir(data)
    refuse_unwritable(output, force, (folder / TARGETS, folder / ACTUALS))
    suffix = output.suffix.lower()
    if given is None:
        if suffix in formats:
            return formats[suffix]
        if suffix in EXTENSIONS:
            raise UsageError(
                N_(
                    "-o {file}: {command} does not write {format} ({extension}) — it writes "
                    "{formats}; end the file name in one of these",
                    file=output,
                    command=command,
                    format=EXTENSIONS[suffix],
                    extension=suffix,
                    formats=_listing(formats),
                )
            )
        known = " ".join(EXTENSIONS)
        if not suffix:
            raise UsageError(
                N_(
                    "-o {file}: the file name has no extension to tell the format — end it in "
                    "one of {extensions}, or give --format",
                    file=output,
                    extensions=known,
                )
            )
        raise UsageError(
            N_(
                "-o {file}: {extension} is not an extension plan-kpi knows — end the file "
                "name in one of {extensions}, or give --format",
                file=output,
                extension=suffix,
                extensions=known,
            )
        )
    meant = formats.get(suffix)
    if suffix in EXTENSIONS and meant != given:
        wanted = next(ext for ext, each in formats.items() if each == given)
        raise UsageError(
            N_(
                "--format {format} contradicts -o {file}, whose extension {extension} says "
                "{meant} — end the file name in {wanted}, or leave out --format",
                format=given,
                file=output,
                extension=suffix,
                meant=meant or EXTENSIONS[suffix],
                wanted=wanted,
            )
        )
    return given


def _listing(formats: Mapping[str, StrEnum]) -> str:
    """'table (.txt), json (.json), …'; 'markdown (.md, .txt), html (.html)'."""
    extensions: dict[StrEnum, list[str]] = {}
    for ext, each in formats.items():
        extensions.setdefault(each, []).append(ext)
    return ", ".join(f"{each} ({', '.join(exts)})" for each, exts in extensions.items())


def want_charts(folder: Path | None) -> None:
    """--charts needs matplotlib: said before the plan is read."""
    if folder is not None:
        from plan_kpi.core.extras import require

        require("matplotlib", "--charts")


def write_charts(folder: Path, charts: list[Chart], force: bool) -> None:
    """Each chart as FOLDER/STEM.png and FOLDER/STEM.svg; none at all if one would replace a file.

    Existing files are replaced only with --force, and every name is checked
    before the first is written.
    """
    from plan_kpi.core.writes import write_new

    files = [(folder / f"{c.stem}.{kind}", c, kind) for c in charts for kind in ("png", "svg")]
    for path, _, _ in files:
        if path.exists() and not force:
            raise UsageError(
                N_(
                    "{file} already exists — give --force to replace it, or another DIR",
                    file=path,
                )
            )
    for path, chart, kind in files:
        write_new(path, chart.png() if kind == "png" else chart.svg(), force=force)


def print_rendered(render: Callable[[TextIO | None], None]) -> None:
    """Print what ``render(file)`` draws with rich, unless --quiet.

    To a terminal as it is drawn (in colour); elsewhere (a pipe, a file) drawn
    whole first and written at once, so an encoding that cannot write a
    character stops the command before anything is written, not half-way.
    """
    from plan_kpi.cli.output import writing

    if QUIET["on"]:
        return
    stdout = sys.stdout
    target = getattr(stdout, "buffer", None)
    if stdout.isatty() or target is None:
        with writing():
            render(None)
        return
    # drawn in the output's own encoding (rich draws ASCII lines for one that is not UTF-8)
    drawn = io.TextIOWrapper(io.BytesIO(), encoding=stdout.encoding, errors=stdout.errors)
    with writing():
        render(drawn)
        drawn.flush()
        stdout.flush()
        target.write(drawn.buffer.getvalue())


def write(text: str) -> None:
    """Standard output, unless --quiet; its failures are the user's environment (cli.output)."""
    from plan_kpi.cli.output import writing

    if not QUIET["on"]:
        with writing():
            sys.stdout.write(text)


def for_excel(output_format: OutputFormat, excel: bool) -> bool:
    """--excel is a kind of CSV: with another format it is a usage error."""
    if excel and output_format is not OutputFormat.csv:
        raise UsageError(
            N_(
                "--excel writes CSV for a spreadsheet, not {format} — give --format csv or "
                "-o FILE.csv with it, or leave it out",
                format=output_format,
            )
        )
    return excel


def emit(
    output_format: OutputFormat,
    tabular: Callable[[bool], Tabular],
    data: Callable[[], Any],
    output: Path | None = None,
    force: bool = False,
    excel: bool = False,
) -> None:
    """Write a report in the chosen format, to the terminal or to ``output``.

    ``tabular(with_keys)`` gives the rows and columns (the table for people,
    CSV and xlsx for scripts and spreadsheets, with machine keys); ``data()``
    the JSON value; ``excel`` makes the CSV one a spreadsheet opens as it is.
    --quiet writes nothing to the terminal; a file is still written.
    """
    if output is not None:  # a file that must not be replaced is refused before any work
        from plan_kpi.core.writes import refuse_unwritable

        refuse_unwritable(output, force, PLAN_READ["inputs"])
    if output_format is OutputFormat.xlsx:
        if output is None:
            raise UsageError(N_("--format xlsx writes a file — give it with -o FILE.xlsx"))
        from plan_kpi.render.xlsx import render_xlsx

        content: str | bytes = render_xlsx(tabular(True))
    elif output is None and QUIET["on"]:
        return
    elif output_format is OutputFormat.json:
        from plan_kpi.render.json import dump, dumps

        if output is None:  # written on as it is made: a large plan's JSON is never whole
            from plan_kpi.cli.output import writing

            with writing():
                dump(data(), sys.stdout.write)
            return
        content = dumps(data())
    elif output_format is OutputFormat.csv:
        from plan_kpi.render.csv import render_csv

        content = render_csv(tabular(True), excel=excel)
    else:
        from plan_kpi.render.table import render_table

        if output is None:
            print_rendered(lambda file: render_table(tabular(False), file=file))
            return
        buffer = io.StringIO()
        render_table(tabular(False), file=buffer)
        content = buffer.getvalue()
    if output is None:
        assert isinstance(content, str)
        write(content)
    else:
        from plan_kpi.core.writes import write_new

        write_new(output, content, force=force, keep=PLAN_READ["inputs"])
