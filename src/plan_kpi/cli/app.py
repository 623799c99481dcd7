"""The plan-kpi command: wiring only; each command has its module in plan_kpi.cli."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Annotated, NoReturn

import typer
import typer.main

from plan_kpi import __version__
from plan_kpi.cli.audit import HELP as audit_help
from plan_kpi.cli.audit import audit
from plan_kpi.cli.check import HELP as check_help
from plan_kpi.cli.check import check
from plan_kpi.cli.common import DEBUG, PLAN_READ, QUIET, for_people, write
from plan_kpi.cli.forms import HELP as forms_help
from plan_kpi.cli.forms import forms
from plan_kpi.cli.import_ import HELP as import_help
from plan_kpi.cli.import_ import import_
from plan_kpi.cli.init import HELP as init_help
from plan_kpi.cli.init import init
from plan_kpi.cli.list_ import HELP as list_help
from plan_kpi.cli.list_ import list_
from plan_kpi.cli.outlook import HELP as outlook_help
from plan_kpi.cli.outlook import outlook
from plan_kpi.cli.output import install, reader_left, unwritable
from plan_kpi.cli.report import HELP as report_help
from plan_kpi.cli.report import report
from plan_kpi.cli.said import SaidCommand, SaidGroup, early_language, say_tree, show_usage_error
from plan_kpi.cli.schema import HELP as schema_help
from plan_kpi.cli.schema import schema
from plan_kpi.cli.show import HELP as show_help
from plan_kpi.cli.show import show
from plan_kpi.cli.status import HELP as status_help
from plan_kpi.cli.status import status
from plan_kpi.core.messages import T_

app = typer.Typer(
    name="plan-kpi",
    help=T_("A calculator for development plans: targets, actuals and the figures reports print."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        with for_people():  # written through cli.output, as every command's output
            write(f"plan-kpi {__version__}\n")
        raise typer.Exit()


@app.callback(cls=SaidGroup)
def _root(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help=T_("Show the version.")),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help=T_("Show a traceback on errors (for bug reports)."))
    ] = False,
) -> None:
    DEBUG["on"] = debug
    QUIET["on"] = False  # each command's --quiet sets it again
    PLAN_READ["inputs"] = ()  # each command's load() sets it again


# in the order of a year's work: send the forms out, see what came in, judge, check the
# figures, look ahead, write, then the tools
app.command(cls=SaidCommand, help=forms_help)(forms)
app.command(cls=SaidCommand, help=status_help)(status)
app.command(cls=SaidCommand, help=check_help)(check)
app.command(cls=SaidCommand, help=audit_help)(audit)
app.command(cls=SaidCommand, help=outlook_help)(outlook)
app.command(cls=SaidCommand, help=report_help)(report)
app.command(cls=SaidCommand, help=show_help)(show)
app.command("list", cls=SaidCommand, help=list_help)(list_)
app.command("import", cls=SaidCommand, help=import_help)(import_)
app.command(cls=SaidCommand, help=init_help)(init)
app.command(cls=SaidCommand, help=schema_help)(schema)


def main() -> None:
    # Building the file models' validators, pydantic looks for its plugins in the entry
    # points of every installed package (a few ms, more the more packages are installed).
    # plan-kpi runs without them, as Typer builds its own adapters without them; a value
    # the user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    install()
    lang = early_language(sys.argv[1:])
    SaidGroup.lang = SaidCommand.lang = lang
    command = typer.main.get_command(app)
    say_tree(command, lang)
    try:
        code = command.main(standalone_mode=False, prog_name="plan-kpi")
    except Exception as error:  # a mistake on the command line is said as plan-kpi's
        if not hasattr(error, "exit_code") or not hasattr(error, "format_message"):
            raise
        sys.exit(show_usage_error(error, lang))
    sys.exit(code if isinstance(code, int) else 0)


def run() -> None:
    """The installed command: main(), then the process ends without freeing its objects.

    A check of 50,000 indicator-years holds millions of objects, and freeing
    them one by one at exit took a third of a second; once the output is
    flushed there is nothing left to do (mypy ends the same way).
    """
    try:
        main()
    except SystemExit as done:
        _exit_at_once(done)
    except OSError as err:  # Typer's own output (--version, --help) could not be written
        if DEBUG["on"]:  # a command's error, re-raised for its traceback
            raise
        _exit_at_once(_output_failed(err, SystemExit(0)))


def _exit_at_once(done: SystemExit) -> NoReturn:
    """End the process at once with the code of ``done``, once the output is flushed.

    Output that cannot be flushed is the user's environment (cli.output): a
    closed pipe leaves the code as it is, a full disk makes it 2 with a
    message. A code that is not a number takes Python's usual way out.
    """
    if done.code is None or isinstance(done.code, int):
        try:
            sys.stdout.flush()
        except OSError as err:
            done = _output_failed(err, done)
        with contextlib.suppress(OSError):  # nowhere left to say anything
            sys.stderr.flush()
        assert done.code is None or isinstance(done.code, int)
        os._exit(done.code or 0)
    raise done


def _output_failed(err: OSError, done: SystemExit) -> SystemExit:
    """The way out when standard output failed: ``done`` for a closed pipe, else 2 and why."""
    if isinstance(err, BrokenPipeError):
        reader_left()
        return done
    reader_left()  # the rest of the buffer is dropped: flushing it again would fail again
    from plan_kpi.say.problems import said

    with contextlib.suppress(OSError):
        sys.stderr.write(f"plan-kpi: {said(unwritable(err).message, SaidCommand.lang)}\n")
    return SystemExit(2)
