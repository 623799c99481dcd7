"""plan-kpi forms: a fill-in workbook for each agency, to send out before the due date."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plan_kpi.cli.common import (
    PLAN_READ,
    DataOption,
    Lang,
    PeriodOption,
    QuietOption,
    TargetOption,
    day_option,
    for_people,
    lang_of,
    load,
    period_option,
    write,
)
from plan_kpi.cli.status import AgencyOption, DueOption
from plan_kpi.core.errors import UsageError
from plan_kpi.core.messages import N_, T_

#: the command's help (said in the run's language)
HELP = T_(
    "Write a fill-in workbook for each agency: its indicators for the period, the cells to "
    "fill in, and how.\n\n"
    "One .xlsx file an agency, named after it, in DIR: the target and last year's figure "
    "for reference, the figure, its kind (ước, sơ bộ, chính thức) and the percentages its "
    "reports print, in the plan's language and number formats, instructions first. "
    "plan-kpi import reads a returned form back. Default period: the first year after the "
    "latest with figures that has a target. An existing file is replaced only with --force."
)

FolderOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="DIR",
        help=T_("The folder to write the forms in (made when missing)."),
        show_default=False,
    ),
]
FormsLangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        "-l",
        help=T_("The forms' language. Default: the plan's (its locale:)."),
        show_default=False,
    ),
]
FormsForceOption = Annotated[
    bool, typer.Option("--force", help=T_("Replace forms of the same names in DIR."))
]


def forms(
    data: DataOption = None,
    period: PeriodOption = None,
    agency: AgencyOption = None,
    due: DueOption = None,
    lang: FormsLangOption = None,
    output: FolderOption = None,
    force: FormsForceOption = False,
    target: TargetOption = None,
    quiet: QuietOption = False,
) -> None:
    """The command `plan-kpi forms`: its help is HELP."""
    with for_people():
        from plan_kpi.core.extras import require_openpyxl

        if output is None:
            raise UsageError(
                N_("plan-kpi forms writes workbooks — give the folder for them with -o DIR")
            )
        if output.exists() and not output.is_dir():
            raise UsageError(
                N_("-o {folder}: a file, not a folder — give a folder", folder=str(output))
            )
        require_openpyxl("plan-kpi forms")  # not words: the command, in extras' message
        from plan_kpi.core.periods import date_period
        from plan_kpi.core.writes import refuse_unwritable, write_new
        from plan_kpi.load.folder import resolve_data_dir
        from plan_kpi.reports.forms import build_forms, default_form_period
        from plan_kpi.reports.status import default_due
        from plan_kpi.say.catalog import words
        from plan_kpi.say.wording import describe
        from plan_kpi.sheets.forms import form_file_stem, form_workbook

        plan, derivation = load(data, target=target)
        said = words(lang_of(plan, lang))  # the run's words; the forms' are the plan's
        form_lang = plan.info.locale if lang is None else ("vi" if lang is Lang.vi else "en")
        chosen = period_option(period) or default_form_period(plan)
        if chosen is None:
            raise UsageError(
                N_("the plan has no targets ahead of its figures — give the period with --period")
            )
        known = {ind.agency for ind in plan.indicators if ind.agency}
        for name in agency or ():
            if name not in known:
                raise UsageError(
                    N_(
                        "--agency: no agency {name!r} in this plan — its agencies: {known}",
                        name=name,
                        known="; ".join(sorted(known)),
                    )
                )
        every = build_forms(plan, derivation, chosen)
        chosen_forms = [f for f in every if not agency or f.agency in agency]
        if not chosen_forms:
            raise UsageError(
                N_(
                    "nothing to ask for {period}: no indicator has a target of it or of the "
                    "next year, or a figure of the year before",
                    period=str(chosen),
                )
                if not agency
                else N_(
                    "nothing to ask of {agencies} for {period}: none of its indicators has a "
                    "target of it or of the next year, or a figure of the year before",
                    agencies="; ".join(agency),
                    period=str(chosen),
                )
            )
        day = day_option(due, "--due") or default_due(chosen)
        files: dict[Path, str | None] = {}
        for form in chosen_forms:
            path = output / f"{form_file_stem(form.agency, chosen, form_lang)}.xlsx"
            if path in files:
                raise UsageError(
                    N_(
                        "the agencies {first!r} and {second!r} would both be written to {path} — "
                        "make their names in targets.yaml differ by more than case and accents",
                        first=files[path] or "",
                        second=form.agency or "",
                        path=str(path),
                    )
                )
            files[path] = form.agency
        for path in files:
            if path.exists() and not force:
                raise UsageError(
                    N_(
                        "{path} already exists — nothing was written; give --force to replace "
                        "the forms, or another -o DIR",
                        path=str(path),
                    )
                )
            refuse_unwritable(path, force, PLAN_READ["inputs"])  # a link, a folder, the plan's
        lines = []
        for path, form in zip(files, chosen_forms, strict=True):
            write_new(path, form_workbook(form, day, form_lang), force, PLAN_READ["inputs"])
            agency_name = form.agency or said.pgettext("form", "no agency")
            lines.append(
                said.ngettext(
                    "Wrote {path}: {agency}, {count} indicator.",
                    "Wrote {path}: {agency}, {count} indicators.",
                    len(form.rows),
                    path=str(path),
                    agency=agency_name,
                )
            )
        lines.append(
            said.gettext(
                "Forms for {period}, due {day}. Read each one back with: plan-kpi import FILE "
                "--data {data}",
                period=describe(chosen, said.lang),
                day=describe(date_period(day), said.lang),
                data=str(resolve_data_dir(data)),
            )
        )
        write("\n".join(lines) + "\n")
