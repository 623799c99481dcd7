"""plan-kpi import: a spreadsheet of actuals into the plan's actuals/ folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from plan_kpi.cli.common import DataOption, QuietOption, for_people, warn, write
from plan_kpi.core.errors import UsageError
from plan_kpi.core.messages import T_

#: the command's help (said in the run's language)
HELP = T_(
    "Turn a spreadsheet of actuals into DIR/actuals/<file name>.yaml.\n\n"
    "One row a value. Headings (English or Vietnamese; case and accents do not "
    "matter): indicator (chỉ tiêu, mã), period (kỳ), value (giá trị, thực hiện); "
    "optional: status (trạng thái), source (nguồn), where (vị trí), vs (so với) and "
    "the stated figures previous (cùng kỳ), change (tăng/giảm), growth_pct (tăng %), "
    "pct_of_previous (% so cùng kỳ), target (kế hoạch), pct_of_target (% KH), "
    "share_pct (tỷ trọng %). Every cell is checked against targets.yaml before "
    "anything is written; an existing file is never replaced."
)


def import_(
    file: Annotated[
        Path,
        typer.Argument(metavar="FILE", help=T_("The .xlsx or .csv file."), show_default=False),
    ],
    data: DataOption = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            "-s",
            metavar="NAME",
            help=T_("The workbook's sheet to read (needed when it has several)."),
            show_default=False,
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """The command `plan-kpi import`: its help is HELP."""
    with for_people():
        from plan_kpi.core.writes import write_new
        from plan_kpi.load.folder import ENV_DATA, load_plan, resolve_data_dir
        from plan_kpi.load.places import ACTUALS, TARGETS
        from plan_kpi.sheets.importing import import_sheet
        from plan_kpi.sheets.reading import read_sheet

        local = os.path.lexists(Path("data") / TARGETS)
        if data is None and not os.environ.get(ENV_DATA) and not local:
            # the default would be the bundled example plan, which is not the user's to change
            raise UsageError(
                "which plan? give --data DIR, the folder whose actuals/ gets the figures"
            )
        folder = resolve_data_dir(data)
        if file.name.startswith("."):
            raise UsageError(
                f"{file}: the name starts with '.', so import would write the hidden file "
                f"{ACTUALS}/{file.stem}.yaml, which plan-kpi does not read — rename the "
                f"spreadsheet without the dot ({file.name.lstrip('.')})"
            )

        def refuse_existing(paths: list[Path]) -> None:
            for path in paths:
                if os.path.lexists(path):  # a link too, even one that leads nowhere
                    raise UsageError(
                        f"{path} already exists — plan-kpi import never replaces a file; "
                        "remove it first if the spreadsheet replaces it"
                    )

        refuse_existing([folder / ACTUALS / f"{file.stem}.yaml"])
        plan = load_plan(folder)
        warn(plan)
        read = read_sheet(file, sheet)
        schema_line = (folder / "schema" / "actuals.schema.json").is_file()
        imported = import_sheet(read, plan, schema_line)
        targets = {
            folder / ACTUALS / f"{file.stem}{suffix}.yaml": text
            for suffix, text in imported.files.items()
        }
        refuse_existing(list(targets))
        for path, text in targets.items():
            write_new(path, text)
        lines = [f"Wrote {path}" for path in targets]
        plural = "s" if imported.values != 1 else ""
        lines.append(f"{imported.values} value{plural} from {read.label}.")
        if imported.as_shown:
            many = imported.as_shown != 1
            lines.append(
                f"{imported.as_shown} figure{'s' if many else ''} held more digits than the sheet "
                f"shows and {'were' if many else 'was'} taken as shown: see the comments."
            )
        if imported.ignored:
            lines.append("Columns skipped: " + ", ".join(imported.ignored) + ".")
        write("\n".join(lines) + "\n")
