"""plan-kpi schema: the JSON Schema of targets.yaml or actuals/*.yaml, for editors."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from plan_kpi.cli.common import QuietOption, for_people, write
from plan_kpi.core.messages import T_


class FileKind(StrEnum):
    targets = "targets"
    actuals = "actuals"


#: the command's help (said in the run's language)
HELP = T_(
    "Print the JSON Schema of a plan file, for editor completion and validation.\n\n"
    "Save it in the plan's schema/ folder and name it on the file's first line:\n\n"
    "\b\nplan-kpi schema targets > schema/targets.schema.json\n"
    "# yaml-language-server: $schema=schema/targets.schema.json"
)


def schema(
    kind: Annotated[
        FileKind,
        typer.Argument(metavar="KIND", help=T_("Which file: targets.yaml or actuals/*.yaml.")),
    ],
    quiet: QuietOption = False,
) -> None:
    """The command `plan-kpi schema`: its help is HELP."""
    with for_people():
        from plan_kpi.load.formats import schema_text

        write(schema_text(kind.value))
