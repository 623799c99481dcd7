"""The command's own words in the run's language: its help, and errors in using it.

The language is chosen before the command line is parsed (``--help`` must
speak it): ``--lang`` as written on the command line, else PLAN_KPI_LANG,
else the locale of the plan the command would read (its targets.yaml's
``locale:``, read as text; for ``init``, the ``--locale`` of the plan it
makes, when given; never the bundled plan for ``import``, which refuses to
write into it), else the system's (LANG, LC_MESSAGES, …).

Help texts are catalog messages (marked ``T_``); Typer's own (the usage
line, the section headings, ``[default: …]``) are said from the catalogs
too, and a mistake on the command line is a message of plan-kpi's, in the
run's language, with exit code 2.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import typer.core

from plan_kpi.core.locales import Locale
from plan_kpi.core.messages import T_

#: Typer's own help texts, for the catalogs
TOOL_HELP = (
    T_("Show this message and exit."),
    T_("Install completion for the current shell."),
    T_("Show completion for the current shell, to copy it or customize the installation."),
)

_LOCALE_LINE = re.compile(r"(?m)^[ \t]+locale:[ \t]*[\"']?(vi|en)\b")


def early_language(argv: Sequence[str]) -> Locale:
    """The run's language, from the command line as typed, the environment and the plan."""
    from plan_kpi.say.language import chosen_language

    option = _option_value(argv, ("--lang", "-l"))
    chosen: Locale | None = option if option in ("vi", "en") else None  # type: ignore[assignment]
    return chosen_language(chosen, _plan_locale(argv))


def _option_value(argv: Sequence[str], names: tuple[str, ...]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        for name in names:
            if arg == name and index + 1 < len(argv):
                return argv[index + 1]
            if name.startswith("--") and arg.startswith(name + "="):
                return arg[len(name) + 1 :]
            if not name.startswith("--") and arg.startswith(name) and len(arg) > len(name):
                return arg[len(name) :]
    return None


def _plan_locale(argv: Sequence[str]) -> Locale | None:
    """The locale of the plan the command would read, from its targets.yaml's text."""
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    if command == "init":
        made = _option_value(argv, ("--locale",))  # init reads no plan: it makes one
        return made if made in ("vi", "en") else None  # type: ignore[return-value]
    data = _option_value(argv, ("--data", "-d"))
    if data is not None:
        folder = Path(data)
    elif os.environ.get("PLAN_KPI_DATA"):
        folder = Path(os.environ["PLAN_KPI_DATA"])
    elif Path("data", "targets.yaml").is_file():
        folder = Path("data")
    elif command == "import":
        return None  # import never writes into the bundled plan: it asks which plan
    else:
        from plan_kpi.load.places import bundled_data

        folder = bundled_data()
    try:
        if not stat.S_ISREG(os.stat(folder / "targets.yaml").st_mode):
            return None  # a pipe or a device is not read here: the loader says what it is
        with (folder / "targets.yaml").open("rb") as file:
            head = file.read(1 << 16).decode("utf-8", errors="replace")
    except OSError:
        return None
    found = _LOCALE_LINE.search(head)
    return found[1] if found else None  # type: ignore[return-value]


def say_tree(command: Any, lang: Locale) -> None:
    """Every help text of a command and its subcommands, in the language (in place)."""
    from plan_kpi.say.catalog import words

    w = words(lang)
    for attribute in ("help", "short_help"):
        text = getattr(command, attribute, None)
        if text:
            setattr(command, attribute, w.gettext(text))
    for param in getattr(command, "params", ()):
        if getattr(param, "help", None):
            param.help = w.gettext(param.help)
    for sub in getattr(command, "commands", {}).values():
        say_tree(sub, lang)


class _Said:
    """Help in the run's language: the usage line, headings and defaults said too."""

    lang: ClassVar[Locale] = "en"

    def get_help(self, ctx: Any) -> str:
        text: str = super().get_help(ctx)  # type: ignore[misc]
        return say_help(text, self.lang)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None and option.help:
            from plan_kpi.say.catalog import words

            option.help = words(self.lang).gettext(option.help)
        return option


class SaidGroup(_Said, typer.core.TyperGroup):
    """The plan-kpi command group, speaking the run's language."""


class SaidCommand(_Said, typer.core.TyperCommand):
    """A plan-kpi command, speaking the run's language."""


_HEADINGS = {
    "Usage: ": T_("Usage: "),
    "Options:": T_("Options:"),
    "Commands:": T_("Commands:"),
    "Arguments:": T_("Arguments:"),
}
_DEFAULT = re.compile(r"\[default: ([^\]]*)\]")
_REQUIRED = "[required]"


def say_help(text: str, lang: Locale) -> str:
    """Typer's own words in a help text, in the language."""
    if lang == "en":
        return text
    from plan_kpi.say.catalog import words

    w = words(lang)
    lines = []
    for line in text.split("\n"):
        said = line
        for english, message in _HEADINGS.items():
            if said.startswith(english):
                said = w.gettext(message) + said[len(english) :]
        said = _DEFAULT.sub(lambda m: w.gettext("[default: {value}]", value=m[1]), said)
        lines.append(said.replace(_REQUIRED, w.gettext("[required]")))
    return "\n".join(lines)


# -- mistakes on the command line ---------------------------------------------------------------

#: Typer's English, recognised so that plan-kpi can say it in the run's language
_NO_COMMAND = re.compile(
    r"No such command '(?P<name>.*)'\.(?: Did you mean (?P<near>.*)\?)?$"  # not words: Typer's
)
_EXTRA = re.compile(r"Got unexpected extra arguments? \((?P<args>.*)\)$")  # not words: Typer's
_NOT_ONE_OF = re.compile(
    r"(?:Value error, )?'(?P<value>.*)' is not one of (?P<choices>.*)\.$"  # not words: Typer's
)
_NO_COMMAND_GIVEN = "Missing command."  # not words: Typer's


def usage_message(error: Any, lang: Locale) -> str:
    """A mistake on the command line, said as plan-kpi says every error: what — how to fix."""
    from plan_kpi.say.catalog import words

    w = words(lang)
    ctx = getattr(error, "ctx", None)
    where = ctx.command_path if ctx is not None else "plan-kpi"
    helping = w.gettext("'{command} --help' lists them", command=where)
    kind = type(error).__name__
    if kind == "NoSuchOption":
        options = sorted(error.possibilities or ())
        if options:
            return w.gettext(
                "{command}: no option {option} — did you mean {near}? ({help})",
                command=where,
                option=error.option_name,
                near=", ".join(options),
                help=helping,
            )
        return w.gettext(
            "{command}: no option {option} — {help}",
            command=where,
            option=error.option_name,
            help=helping,
        )
    if kind == "MissingParameter":
        name = _param_name(error)
        return w.gettext(
            "{command}: {name} is missing — give it ('{command} --help' says how)",
            command=where,
            name=name,
        )
    if kind == "BadParameter":
        name = _param_name(error)
        found = _NOT_ONE_OF.search(error.message or "")
        if found:
            return w.gettext(
                "{command}: {option}: '{value}' is not one of {choices} — give one of them",
                command=where,
                option=name,
                value=found["value"],
                choices=found["choices"],
            )
        return w.gettext(
            "{command}: {option}: {problem}", command=where, option=name, problem=error.message
        )
    message = error.format_message() if hasattr(error, "format_message") else str(error)
    if found := _NO_COMMAND.match(message):
        near = found["near"]
        if near:
            return w.gettext(
                "{command}: no command '{name}' — did you mean {near}? ('{command} --help' "
                "lists them)",
                command=where,
                name=found["name"],
                near=near,
            )
        return w.gettext(
            "{command}: no command '{name}' — '{command} --help' lists them",
            command=where,
            name=found["name"],
        )
    if found := _EXTRA.match(message):
        return w.gettext(
            "{command}: {args}: more than the command takes — {help}",
            command=where,
            args=found["args"],
            help=helping,
        )
    if message == _NO_COMMAND_GIVEN:
        return w.gettext("{command}: no command given — {help}", command=where, help=helping)
    return w.gettext("{command}: {problem}", command=where, problem=message)


def _param_name(error: Any) -> str:
    param = getattr(error, "param", None)
    if param is None:
        return str(getattr(error, "param_hint", "") or "?")
    if getattr(param, "param_type_name", "") == "argument":
        return str(getattr(param, "metavar", None) or param.name.upper())
    opts = getattr(param, "opts", None)
    return str(opts[0]) if opts else str(param.name)


def show_usage_error(error: Any, lang: Locale) -> int:
    """Print a mistake on the command line (or the help it asks for) and give its exit code."""
    if type(error).__name__ == "NoArgsIsHelpError":
        sys.stderr.write(error.ctx.get_help() + "\n")
        return 2
    sys.stderr.write(usage_message(error, lang) + "\n")
    return int(getattr(error, "exit_code", 2))
