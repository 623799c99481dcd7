"""A returned form (sheets/forms.py) read back: whatever rows the agency filled in.

A form is known by the marker in its hidden A1. Its rows are found by the
ids in the hidden column A, its columns by the keys in the hidden row above
the first indicator, so a heading retyped or translated changes nothing. A
row left empty is an indicator still missing, not a zero: it is left out and
said (unless the plan already has its figure: a supplement fills only the
rows still missing). A row with a kind of figure but no figure is a problem, as is a
figure on a row without an indicator. The rest is read as ``plan-kpi
import`` reads any sheet (sheets/importing.py): every cell checked, the
figures written as the sheet shows them, nothing already in the plan
written again.
"""

from __future__ import annotations

from pathlib import Path

from plan_kpi.core.errors import PlanError, Problem, UsageError
from plan_kpi.core.messages import N_
from plan_kpi.core.models import Plan
from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import PeriodError, parse_period
from plan_kpi.core.records import record
from plan_kpi.load.files import read_file
from plan_kpi.reports.forms import FORM_RELATIONS
from plan_kpi.sheets.forms import FORM_MARK, ID_COLUMN, KEY_ROW
from plan_kpi.sheets.importing import Imported, import_sheet
from plan_kpi.sheets.reading import Sheet, SheetCell, check_archive

#: the keys of the columns a returned form is read from
_READ = ("indicator", "period", "value", "status", *FORM_RELATIONS)


@record
class Returned:
    """What a returned form gave: the YAML to write, whose figures, and what is still missing."""

    imported: Imported
    #: the agencies of the indicators whose figures came in, in the plan's order
    agencies: tuple[str | None, ...]
    #: the rows left empty whose figure the plan does not have yet: (indicator, row)
    empty: tuple[tuple[str, int], ...]
    period: str


def form_sheet(path: Path) -> str | None:
    """The name of the workbook's sheet that is a plan-kpi form (A1 is its marker), if any."""
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not path.is_file():
        return None
    import io
    import zipfile

    try:
        from openpyxl import load_workbook
    except ImportError:  # read_sheet says what to install
        return None
    content = read_file(path, str(path), None)  # a regular file, of a size plan-kpi reads
    check_archive(path, content)  # nothing unpacked that would unpack to gigabytes
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None  # read_sheet says what is wrong with it
    try:
        for sheet in book.worksheets:
            first = next(sheet.iter_rows(max_row=1, max_col=1, values_only=True), (None,))
            if first and first[0] == FORM_MARK:
                return str(sheet.title)
        return None
    finally:
        book.close()


def import_form(sheet: Sheet, plan: Plan, schema_line: bool, lang: Locale) -> Returned:
    """The figures of a returned form, every cell checked (the YAML's comments in ``lang``);
    a PlanError naming each bad one."""
    problems: list[Problem] = []
    plan_id = _value(sheet, 2, ID_COLUMN)
    if plan_id != plan.info.id:
        problems.append(
            sheet.problem(
                2,
                ID_COLUMN,
                N_(
                    "this form is of the plan {form!r}, not of {plan!r} — import it into its "
                    "own plan's folder (--data)",
                    form=plan_id or "",
                    plan=plan.info.id,
                ),
            )
        )
        raise PlanError(problems)
    if len(sheet.rows) < KEY_ROW:
        raise UsageError(
            N_(
                "{sheet}: the form's hidden rows are gone — send the agency a new form "
                "(plan-kpi forms)",
                sheet=sheet.label,
            )
        )
    keys = {
        cell.value: cell.column
        for cell in sheet.rows[KEY_ROW - 1]
        if isinstance(cell.value, str) and cell.value in _READ
    }
    if "indicator" not in keys or "value" not in keys:
        raise UsageError(
            N_(
                "{sheet}: the form's hidden row of column keys (row {row}) is changed — send the "
                "agency a new form (plan-kpi forms)",
                sheet=sheet.label,
                row=KEY_ROW,
            )
        )
    read = set(keys.values())
    #: the form's own columns, its notes the last; a cell past them is the importer's to refuse
    width = max(read) + 1
    figures = [keys[k] for k in ("value", *FORM_RELATIONS) if k in keys]

    def only_read(row: list[SheetCell], keep: set[int]) -> list[SheetCell]:
        return [
            cell
            if cell.column in keep or cell.column > width
            else SheetCell(cell.row, cell.column, None)
            for cell in row
        ]

    rows = [only_read(row, set()) for row in sheet.rows[: KEY_ROW - 1]]
    rows.append(only_read(sheet.rows[KEY_ROW - 1], read))
    empty: list[tuple[str, int]] = []
    filled: list[str] = []
    for number, row in enumerate(sheet.rows[KEY_ROW:], start=KEY_ROW + 1):
        cells = {cell.column: cell for cell in row}
        held = [cells[c] for c in figures if c in cells and cells[c].value is not None]
        status = cells.get(keys.get("status", 0))
        indicator = cells.get(keys["indicator"])
        if indicator is None or indicator.value is None:
            if held or (status is not None and status.value is not None):
                first = held[0] if held else status
                assert first is not None
                problems.append(
                    sheet.problem(
                        number,
                        first.column,
                        N_(
                            "a figure on a row the form does not list — type each figure on "
                            "its indicator's row; the form's rows are not to be added to"
                        ),
                    )
                )
            rows.append(only_read(row, set()))
            continue
        if not held:
            if status is not None and status.value is not None:
                problems.append(
                    sheet.problem(
                        number,
                        status.column,
                        N_(
                            "{status!r} but no figure — type the figure, or clear the kind of "
                            "figure if it has not come in",
                            status=str(status.value),
                        ),
                    )
                )
            elif not _in_plan(plan, str(indicator.value), cells.get(keys.get("period", 0))):
                empty.append((str(indicator.value), number))
            rows.append(only_read(row, set()))
            continue
        filled.append(str(indicator.value))
        rows.append(only_read(row, read))
    if not filled and not problems:
        problems.append(
            sheet.problem(
                KEY_ROW + 1,
                keys["value"],
                N_("every row of the form is empty — nothing to import; fill in the figures"),
            )
        )
    virtual = Sheet(label=sheet.label, workbook=sheet.workbook, rows=rows)
    try:
        imported = import_sheet(virtual, plan, schema_line, lang) if filled else None
    except PlanError as err:
        problems.extend(err.problems)
        imported = None
    if problems or imported is None:
        raise PlanError(problems)
    agencies = tuple(dict.fromkeys(plan.by_id[ind].agency for ind in filled if ind in plan.by_id))
    return Returned(
        imported=imported,
        agencies=agencies,
        empty=tuple(empty),
        period=_value(sheet, 3, ID_COLUMN) or "",
    )


def _in_plan(plan: Plan, indicator: str, period: SheetCell | None) -> bool:
    """Whether the plan already has the row's figure (a supplement leaves those rows empty)."""
    if period is None or not isinstance(period.value, str):
        return False
    try:
        wanted = parse_period(period.value)
    except PeriodError:
        return False
    return any(a.period == wanted for a in plan.actuals_of.get(indicator, ()))


def _value(sheet: Sheet, row: int, column: int) -> str | None:
    if len(sheet.rows) < row:
        return None
    for cell in sheet.rows[row - 1]:
        if cell.column == column and isinstance(cell.value, str):
            return cell.value
    return None
