"""The floor of plan-kpi check's start-up: a Typer app with check's options that does nothing.

    python benchmarks/typer_floor.py check --format json

The baseline's imports (typer, pydantic, yaml, babel.numbers), the same
Typer settings as plan-kpi and check's own signature (so its very options),
and a command body that does nothing: what any command of the mandated stack
costs before it reads a file. Its time beyond the bare imports is Typer's own
work at run time (Typer 0.29 coerces every parameter, even --help, through a
pydantic TypeAdapter: the first one imports and builds pydantic's schema
machinery). benchmarks/run.py times it beside the bare imports.
"""

from __future__ import annotations

import functools
from typing import Any

import babel.numbers  # noqa: F401 - the baseline's stack, imported as it imports it
import pydantic  # noqa: F401
import typer
import yaml  # noqa: F401

from plan_kpi.cli.check import check

app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None)


@app.callback()
def _root() -> None:
    """Like plan-kpi's root: a group of commands."""


@app.command("check")
@functools.wraps(check)  # check's own signature: the same options, declared once
def nothing(*args: Any, **kwargs: Any) -> None:
    """Parse check's options, then nothing (the help text is check's)."""


if __name__ == "__main__":
    app()
