"""plan-kpi schema: the JSON Schema of targets.yaml or actuals/*.yaml, for editors."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from plan_kpi.cli.common import QuietOption, for_people, write


class FileKind(StrEnum):
    targets = "targets"
    actuals = "actuals"


def schema(
    kind: Annotated[
        FileKind,
        typer.Argument(metavar="KIND", help="Which file: targets.yaml or actuals/*.yaml."),
    ],
    quiet: QuietOption = False,
) -> None:
    """Print the JSON Schema of a plan file, for editor completion and validation.

    Save it in the plan's schema/ folder and name it on the file's first line:

    \b
    plan-kpi schema targets > schema/targets.schema.json
    # yaml-language-server: $schema=schema/targets.schema.json
    """
    with for_people():
        from plan_kpi.load.formats import schema_text

        write(schema_text(kind.value))
