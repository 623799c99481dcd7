"""The plan-kpi command: wiring only; each command has its module in plan_kpi.cli."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Annotated, NoReturn

import typer
import typer.main

from plan_kpi import __version__
from plan_kpi.cli.common import DEBUG, PLAN_READ, QUIET, for_people, write
from plan_kpi.cli.output import install, reader_left, unwritable
from plan_kpi.cli.said import SaidCommand, SaidGroup, early_language, say_tree, show_usage_error
from plan_kpi.core.messages import T_

#: each command and its module in plan_kpi.cli (its function has the module's name, its
#: help is the module's HELP), in the order of a year's work: send the forms out, see what
#: came in, judge, check the figures, look ahead, write, then the tools
COMMANDS: dict[str, str] = {
    "forms": "forms",
    "status": "status",
    "check": "check",
    "audit": "audit",
    "outlook": "outlook",
    "report": "report",
    "show": "show",
    "list": "list_",
    "import": "import_",
    "init": "init",
    "schema": "schema",
}
#: the root's own options, none of which takes a value
_ROOT_FLAGS = frozenset({"--version", "--debug", "--install-completion", "--show-completion"})


def _version(value: bool) -> None:
    if value:
        with for_people():  # written through cli.output, as every command's output
            write(f"plan-kpi {__version__}\n")
        raise typer.Exit()


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


def app_of(names: Iterable[str]) -> typer.Typer:
    """The plan-kpi app with these of its commands, importing only their modules."""
    made = typer.Typer(
        name="plan-kpi",
        help=T_(
            "A calculator for development plans: targets, actuals and the figures reports print."
        ),
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    made.callback(cls=SaidGroup)(_root)
    for name in names:
        module = importlib.import_module(f"plan_kpi.cli.{COMMANDS[name]}")
        made.command(name, cls=SaidCommand, help=module.HELP)(getattr(module, COMMANDS[name]))
    return made


def __getattr__(name: str) -> typer.Typer:
    """``app``: the whole app, every command (built when first asked for: a run builds only
    the command it runs)."""
    if name != "app":
        raise AttributeError(name)
    whole = globals()["app"] = app_of(COMMANDS)
    return whole


def _command_named(argv: Sequence[str]) -> str | None:
    """The command the command line runs, when it names one (after the root's flags)."""
    for arg in argv:
        if arg not in _ROOT_FLAGS:
            return arg if arg in COMMANDS else None
    return None


def main() -> None:
    # Building the file models' validators, pydantic looks for its plugins in the entry
    # points of every installed package (a few ms, more the more packages are installed).
    # plan-kpi runs without them, as Typer builds its own adapters without them; a value
    # the user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    install()
    lang = early_language(sys.argv[1:])
    SaidGroup.lang = SaidCommand.lang = lang
    named = _command_named(sys.argv[1:])
    command = typer.main.get_command(app_of([named]) if named else __getattr__("app"))
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
