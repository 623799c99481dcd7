"""plan-kpi init: a new plan folder with an example of each kind of indicator."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from plan_kpi.cli.common import Lang, QuietOption, for_people, run_language, write
from plan_kpi.core.errors import UsageError
from plan_kpi.core.messages import N_, T_

#: the command's help (said in the run's language)
HELP = T_(
    "Create a plan folder: targets.yaml, an actuals file and the schema for editors.\n\n"
    "The example has one indicator of each kind (a level target broken down into "
    "parts, a growth target, a decrease target) and one report's figures; plan-kpi "
    "check --data DIR runs on it. A folder that already holds a plan is refused, and "
    "nothing is changed."
)


def init(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help=T_("The new plan's folder."), show_default=False)
    ],
    locale: Annotated[
        Lang,
        typer.Option(
            "--locale",
            help=T_("How the plan writes numbers: vi (61.005 · 92,19) or en (61,005 · 92.19)."),
        ),
    ] = Lang.vi,
    quiet: QuietOption = False,
) -> None:
    """The command `plan-kpi init`: its help is HELP."""
    with for_people():
        from plan_kpi.core.writes import write_new
        from plan_kpi.load.newplan import plan_files, plan_id_for
        from plan_kpi.load.places import ACTUALS, TARGETS

        if folder.exists() and not folder.is_dir():
            raise UsageError(
                N_("{folder} is a file — give a folder for the new plan", folder=str(folder))
            )
        for held in (TARGETS, ACTUALS):
            if os.path.lexists(folder / held):
                raise UsageError(
                    N_(
                        "{folder} already holds a plan ({held}) — nothing was changed; give "
                        "plan-kpi init a new folder",
                        folder=str(folder),
                        held=held,
                    )
                )
        files = plan_files(plan_id_for(folder.resolve().name), locale.value)
        for name in files:
            if os.path.lexists(folder / name):  # a link too, even one that leads nowhere
                raise UsageError(
                    N_(
                        "{path} already exists — nothing was changed; give plan-kpi init a "
                        "new folder",
                        path=str(folder / name),
                    )
                )
        for name, text in files.items():
            write_new(folder / name, text)
        from plan_kpi.say.catalog import words

        w = words(run_language())
        created = w.gettext(
            "Created a plan in {folder}: {files}", folder=folder, files=", ".join(files)
        )
        run = w.gettext(
            "Edit {targets}, then run: plan-kpi check --data {folder}",
            targets=folder / TARGETS,
            folder=folder,
        )
        write(f"{created}\n{run}\n")
