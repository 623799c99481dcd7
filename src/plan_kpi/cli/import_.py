"""plan-kpi import: a spreadsheet of actuals into the plan's actuals/ folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from plan_kpi.cli.common import DataOption, QuietOption, for_people, run_language, warn, write
from plan_kpi.core.errors import UsageError
from plan_kpi.core.messages import N_, T_

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
                N_("which plan? give --data DIR, the folder whose actuals/ gets the figures")
            )
        folder = resolve_data_dir(data)
        if file.name.startswith("."):
            hidden = Path(ACTUALS) / f"{file.stem}.yaml"
            raise UsageError(
                N_(
                    "{file}: the name starts with '.', so import would write the hidden file "
                    "{hidden}, which plan-kpi does not read — rename the spreadsheet without "
                    "the dot ({name})",
                    file=str(file),
                    hidden=hidden.as_posix(),
                    name=file.name.lstrip("."),
                )
            )

        def refuse_existing(paths: list[Path]) -> None:
            for path in paths:
                if os.path.lexists(path):  # a link too, even one that leads nowhere
                    raise UsageError(
                        N_(
                            "{path} already exists — plan-kpi import never replaces a file; "
                            "remove it first if the spreadsheet replaces it",
                            path=str(path),
                        )
                    )

        refuse_existing([folder / ACTUALS / f"{file.stem}.yaml"])
        plan = load_plan(folder)
        warn(plan)
        read = read_sheet(file, sheet)
        schema_line = (folder / "schema" / "actuals.schema.json").is_file()
        lang = run_language()
        imported = import_sheet(read, plan, schema_line, lang)
        targets = {
            folder / ACTUALS / f"{file.stem}{suffix}.yaml": text
            for suffix, text in imported.files.items()
        }
        refuse_existing(list(targets))
        for path, text in targets.items():
            write_new(path, text)
        from plan_kpi.say.catalog import words

        w = words(lang)
        lines = [w.gettext("Wrote {path}", path=path) for path in targets]
        lines.append(
            w.ngettext(
                "{count} value from {sheet}.",
                "{count} values from {sheet}.",
                imported.values,
                sheet=read.label,
            )
        )
        if imported.as_shown:
            lines.append(
                w.ngettext(
                    "{count} figure held more digits than the sheet shows and was taken as "
                    "shown: see the comments.",
                    "{count} figures held more digits than the sheet shows and were taken as "
                    "shown: see the comments.",
                    imported.as_shown,
                )
            )
        if imported.ignored:
            lines.append(
                w.gettext("Columns skipped: {headings}.", headings=", ".join(imported.ignored))
            )
        write("\n".join(lines) + "\n")
