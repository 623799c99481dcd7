"""The docs cannot go stale: every command and option is in README, with help in both languages.

As sqlite-utils does (tests/test_docs.py): the command line is read from the
app itself, so a new option without a README entry or a translation fails.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer.main

from plan_kpi.cli.app import app
from plan_kpi.say.catalog import words

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
ROOT = typer.main.get_command(app)
COMMANDS: dict[str, Any] = ROOT.commands  # type: ignore[attr-defined]


def _options(command: Any) -> list[tuple[str, Any]]:
    return [
        (next((o for o in param.opts if o.startswith("--")), param.opts[0]), param)
        for param in command.params
        if getattr(param, "param_type_name", "") == "option"
    ]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_readme(name: str) -> None:
    assert f"plan-kpi {name}" in README


@pytest.mark.parametrize(
    ("name", "option"),
    [(name, option) for name, command in COMMANDS.items() for option, _ in _options(command)]
    + [("", option) for option, _ in _options(ROOT)],
)
def test_every_option_is_in_readme(name: str, option: str) -> None:
    command = COMMANDS[name] if name else ROOT
    param = dict(_options(command))[option]
    written = [o for o in param.opts if re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", README)]
    assert written, f"{option} of plan-kpi {name} is not in README"


def _helps() -> list[tuple[str, str]]:
    found = [("plan-kpi", ROOT.help or "")]
    for option, param in _options(ROOT):
        found.append((option, param.help or ""))
    for name, command in COMMANDS.items():
        found.append((name, command.help or ""))
        for param in command.params:
            found.append((f"{name} {param.name}", getattr(param, "help", None) or ""))
    return found


@pytest.mark.parametrize(("where", "text"), _helps())
def test_every_help_text_is_written_and_translated(where: str, text: str) -> None:
    assert text, f"{where} has no help text"
    assert words("vi").gettext(text) != text, f"{where}: no Vietnamese help"
    assert words("en").gettext(text) == text
