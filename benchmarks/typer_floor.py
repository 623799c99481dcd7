"""The fair floor of plan-kpi's start-up: what any command of its stack costs.

    python benchmarks/typer_floor.py check --format json
    python benchmarks/typer_floor.py --with-rich-table check   # the table's floor

The baseline's imports (typer, pydantic, yaml, babel.numbers), the same
Typer settings as plan-kpi and check's own signature (so its very options),
and a command body that builds and validates one two-field pydantic model
(the least a command that reads a file does: bare ``import pydantic`` loads
none of the validation machinery), then ends as plan-kpi ends, with
``os._exit`` once its output is flushed, rather than free its objects one by
one. Typer 0.29 also coerces every parameter, even --help, through a pydantic
TypeAdapter. benchmarks/run.py times it beside the bare imports and reads
every start-up ratio against it.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import babel.numbers  # noqa: F401 - the baseline's stack, imported as it imports it
import pydantic
import typer
import yaml  # noqa: F401

from plan_kpi.cli.check import check


def floor_app(body: Callable[..., None]) -> typer.Typer:
    """A Typer app as plan-kpi builds its own, whose check command (check's very options)
    runs body with them; benchmarks/reading_floor.py gives it the reading."""
    app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None)

    @app.callback()
    def _root() -> None:
        """Like plan-kpi's root: a group of commands."""

    @app.command("check")
    @functools.wraps(check)  # check's own signature: the same options, declared once
    def run_body(*args: Any, **kwargs: Any) -> None:
        body(*args, **kwargs)

    return app


def run_to_exit(app: typer.Typer) -> NoReturn:
    """Run the app, then end as plan-kpi ends: os._exit once the output is flushed."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as plan-kpi runs
    try:
        app()
    except SystemExit as done:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(done.code if isinstance(done.code, int) else 0)
    os._exit(0)


def validate_one(**options: Any) -> None:
    """Validate one model, built here as a command builds its first."""

    class Figure(pydantic.BaseModel):
        """Two fields, as a figure of a file: its text and its line."""

        text: str
        line: int

    Figure.model_validate({"text": "61.005", "line": 1})


if __name__ == "__main__":
    if "--with-rich-table" in sys.argv:  # the floor of the table: rich.table imported too
        sys.argv.remove("--with-rich-table")
        import rich.table  # noqa: F401
    run_to_exit(floor_app(validate_one))
