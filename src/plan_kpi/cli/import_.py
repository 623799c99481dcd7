"""plan-kpi import: a spreadsheet of actuals into the plan's actuals/ folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from plan_kpi.cli.common import DataOption, QuietOption, for_people, run_language, warn, write
from plan_kpi.core.errors import UsageError
from plan_kpi.core.messages import N_, T_

if TYPE_CHECKING:
    from plan_kpi.core.models import Plan
    from plan_kpi.core.numbers import Locale

#: the command's help (said in the run's language)
HELP = T_(
    "Turn a spreadsheet of actuals into DIR/actuals/<file name>.yaml.\n\n"
    "One row a value. Headings (English or Vietnamese; case and accents do not "
    "matter): indicator (chỉ tiêu, mã), period (kỳ), value (giá trị, thực hiện); "
    "optional: status (trạng thái), source (nguồn), where (vị trí), vs (so với) and "
    "the stated figures previous (cùng kỳ), change (tăng/giảm), growth_pct (tăng %), "
    "pct_of_previous (% so cùng kỳ), target (kế hoạch), pct_of_target (% KH), "
    "share_pct (tỷ trọng %). Every cell is checked against targets.yaml before "
    "anything is written; an existing file is never replaced. A form written by plan-kpi "
    "forms is read by its hidden ids: a row left empty is still missing, not 0."
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
        from plan_kpi.sheets.returns import form_sheet

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
        schema_line = (folder / "schema" / "actuals.schema.json").is_file()
        lang = run_language()
        form = form_sheet(file) if sheet is None else None
        if form is not None:  # a form plan-kpi forms wrote, returned by an agency
            _returned(file, form, plan, folder, schema_line, lang, refuse_existing)
            return
        read = read_sheet(file, sheet)
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


def _returned(
    file: Path,
    form: str,
    plan: Plan,
    folder: Path,
    schema_line: bool,
    lang: Locale,
    refuse_existing: Callable[[list[Path]], None],
) -> None:
    """A returned form: its figures into actuals/, and which agency's they are, and what is
    still missing."""
    from plan_kpi.core.periods import PeriodError, parse_period
    from plan_kpi.core.writes import write_new
    from plan_kpi.load.places import ACTUALS
    from plan_kpi.say.catalog import words
    from plan_kpi.say.wording import describe
    from plan_kpi.sheets.reading import read_sheet
    from plan_kpi.sheets.returns import import_form

    w = words(lang)
    returned = import_form(read_sheet(file, form), plan, schema_line, lang)
    paths = {
        folder / ACTUALS / f"{file.stem}{suffix}.yaml": text
        for suffix, text in returned.imported.files.items()
    }
    refuse_existing(list(paths))
    for path, text in paths.items():
        write_new(path, text)
    try:
        period = describe(parse_period(returned.period), w.lang)
    except PeriodError:
        period = returned.period
    whose = "; ".join(a or w.pgettext("form", "no agency") for a in returned.agencies)
    lines = [
        w.ngettext(
            "Wrote {path}: the figures of {agency} for {period}, {count} value.",
            "Wrote {path}: the figures of {agency} for {period}, {count} values.",
            returned.imported.values,
            path=str(path),
            agency=whose,
            period=period,
        )
        for path in paths
    ]
    if returned.empty:
        missing = ", ".join(
            w.gettext(
                "{name} (row {row})",
                name=plan.by_id[ind].name.get(w.lang) if ind in plan.by_id else ind,
                row=row,
            )
            for ind, row in returned.empty
        )
        lines.append(
            w.ngettext(
                "{count} row left empty, so still missing: {rows}.",
                "{count} rows left empty, so still missing: {rows}.",
                len(returned.empty),
                rows=missing,
            )
        )
    if returned.imported.as_shown:
        lines.append(
            w.ngettext(
                "{count} figure held more digits than the sheet shows and was taken as shown: "
                "see the comments.",
                "{count} figures held more digits than the sheet shows and were taken as "
                "shown: see the comments.",
                returned.imported.as_shown,
            )
        )
    write("\n".join(lines) + "\n")
