"""Reading a spreadsheet's cells as people see them: .xlsx (openpyxl) or .csv.

Text cells stay text, read later in the plan's locale. Numeric cells of a
workbook are read without float arithmetic: an .xlsx file stores a number
as a binary double, which openpyxl hands over as a Python float, and
``repr`` of that float is the shortest decimal that is exactly that double —
the figure as typed, for any figure Excel accepts (Excel keeps 15
significant digits). A cell whose number format fixes its decimals
(``0.00``, ``#,##0.0``, ``0.00%``) is read as the sheet shows it: rounded
half-up to those decimals (a percentage ×100), with the decimals kept as
its precision. A number with more digits than Excel shows (a formula's
result such as 92.18999394377644) in a cell without such a format is
refused: the sheet does not say which figure the report printed. So is a
number whose format shows another figure than the stored one rounded
(``number_format`` says which formats those are).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from pathlib import Path
from typing import Any

from plan_kpi.core import numbers as n
from plan_kpi.core.errors import PlanError, Problem, UsageError
from plan_kpi.core.extras import require_openpyxl
from plan_kpi.core.messages import N_, Joined, Message
from plan_kpi.core.periods import Period, PeriodError, parse_period
from plan_kpi.core.quotes import quoted
from plan_kpi.core.records import field, record
from plan_kpi.load.csvfile import csv_records, delimiter_of
from plan_kpi.load.files import read_file
from plan_kpi.load.yamlfile import decode
from plan_kpi.sheets.number_format import Refused, how_shown, split_sections, tokens

#: Excel keeps 15 significant digits of a number.
EXCEL_DIGITS = 15
#: An .xlsx file is a zip archive: what it may unpack to, in all, before openpyxl opens it
#: (a zip bomb of 738 KB unpacks to gigabytes of cells) …
MAX_UNPACKED_BYTES = 256 * 2**20
#: … how much larger than it is stored a part may be (sheets of figures are 5 to 20 times,
#: a bomb a thousand), for parts of more than a MiB …
MAX_RATIO = 100
#: … how many parts it may have (a workbook has tens) …
MAX_PARTS = 10_000
#: … and how many cells of the sheet are read (100,000 rows of 10 columns).
MAX_SHEET_CELLS = 1_000_000


@record
class Unreadable:
    """A cell that holds no usable value (an error, TRUE/FALSE, a too-precise number)."""

    message: Message


CellValue = str | Decimal | date | Period | Unreadable | None


@record
class SheetCell:
    """One cell: text as typed, a number as the sheet shows it, or a date."""

    row: int
    column: int
    value: CellValue
    #: how a number was read when it is not the value the cell stores
    note: Message | None = None
    #: the number the cell holds, when the sheet shows it ×100 with a '%'
    percent_of: Decimal | None = None


@record(frozen=False)
class Sheet:
    """The cells of one sheet (or CSV file), and how to name a cell in a message."""

    label: str
    workbook: bool
    rows: list[list[SheetCell]] = field(default_factory=list)

    def place(self, row: int, column: int) -> Message | str:
        """'B5' in a workbook, 'line 5, column 2' in a CSV file."""
        if self.workbook:
            return cell_name(row, column)
        return N_("line {row}, column {column}", row=row, column=column)

    def problem(self, row: int, column: int, message: Message) -> Problem:
        if self.workbook:
            return Problem(self.label, row, column, message, cell=cell_name(row, column))
        return Problem(self.label, row, column, message)


def cell_name(row: int, column: int) -> str:
    """A workbook's name of a cell: 'B5'."""
    return f"{column_letter(column)}{row}"


def column_letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_sheet(path: Path, sheet: str | None) -> Sheet:
    """The cells of a .xlsx sheet or a .csv file; a usage error for anything else."""
    suffix = path.suffix.lower()
    if not os.path.lexists(path):
        raise UsageError(
            N_("{path}: no such file — give the spreadsheet to import", path=str(path))
        )
    if suffix == ".csv":
        if sheet is not None:
            raise UsageError(N_("--sheet is for .xlsx workbooks; a .csv file has one sheet"))
        return _read_csv(path, read_file(path, str(path), None))
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, read_file(path, str(path), None), sheet)
    if suffix == ".xls":
        raise UsageError(
            N_(
                "{path} is an old .xls workbook — open it in Excel and save it as .xlsx "
                "(File → Save As → Excel Workbook)",
                path=str(path),
            )
        )
    raise UsageError(
        N_(
            "{path}: plan-kpi import reads .xlsx and .csv files — save the sheet as one",
            path=str(path),
        )
    )


def _read_csv(path: Path, raw: bytes) -> Sheet:
    """A CSV file as text cells; the delimiter is ',' or, as Vietnamese Excel saves, ';'."""
    label = path.name
    text = decode(raw, label)
    result = Sheet(label=label, workbook=False)
    problems: list[Problem] = []
    cells = 0
    for line, row in csv_records(text, label, problems, delimiter_of(text)):
        cells += max(1, len(row))
        if cells > MAX_SHEET_CELLS:
            raise UsageError(_too_many_cells(path, path.name))
        result.rows.append(
            [SheetCell(line, c, cell.strip() or None) for c, cell in enumerate(row, start=1)]
        )
    if problems:
        raise PlanError(problems)
    return result


def _read_xlsx(path: Path, content: bytes, sheet: str | None) -> Sheet:
    require_openpyxl("plan-kpi import FILE.xlsx")  # not words: the command that needs it
    import io
    import zipfile

    from openpyxl import load_workbook

    check_archive(path, content)
    try:
        values = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as err:
        raise UsageError(
            N_(
                "{path}: cannot read the workbook ({error}) — save it again from Excel as .xlsx",
                path=str(path),
                error=str(err),
            )
        ) from None
    try:
        names = values.sheetnames
        if sheet is None:
            if len(names) > 1:
                raise UsageError(
                    N_(
                        "{path} has sheets {sheets} — choose one with --sheet NAME",
                        path=str(path),
                        sheets=Joined(tuple(quoted(s) for s in names), ", "),
                    )
                )
            sheet = names[0]
        if sheet not in names:
            raise UsageError(
                N_(
                    "{path} has no sheet {sheet} — its sheets are {sheets}",
                    path=str(path),
                    sheet=quoted(sheet),
                    sheets=Joined(tuple(quoted(s) for s in names), ", "),
                )
            )
        result = Sheet(label=f"{path.name}!{sheet}", workbook=True)
        cached, written = (_every_row(book[sheet], path) for book in (values, formulas))
        cells = 0
        for r, (row, source) in enumerate(zip(cached, written, strict=False), start=1):
            cells += max(1, len(row))  # an empty row costs time too
            if cells > MAX_SHEET_CELLS:
                raise UsageError(_too_many_cells(path, N_("the sheet {name}", name=quoted(sheet))))
            result.rows.append(
                [
                    _xlsx_cell(r, c, cell, raw)
                    for c, (cell, raw) in enumerate(zip(row, source, strict=True), 1)
                ]
            )
        return result
    finally:
        values.close()
        formulas.close()


def _too_many_cells(path: Path, sheet: Message | str) -> Message:
    return N_(
        "{path}: {sheet} has more than {cells:,} cells, the most plan-kpi reads from one sheet "
        "— split it into several sheets or files, and delete the rows and columns below and "
        "beside the figures",
        path=str(path),
        sheet=sheet,
        cells=MAX_SHEET_CELLS,
    )


def check_archive(path: Path, content: bytes) -> None:
    """Refuse a workbook whose parts would unpack to more than plan-kpi reads (a zip bomb),
    from the sizes the archive declares, before anything is unpacked.

    Python's zipfile unpacks a part to its declared size at most (and checks
    its CRC), so the declared sizes bound the work, whatever the parts hold.
    """
    import io
    import zipfile

    def refuse(what: Message) -> UsageError:
        return UsageError(
            N_(
                "{path}: {what} — a workbook of figures is far smaller: save the sheet again "
                "from Excel as .xlsx, or as .csv",
                path=str(path),
                what=what,
            )
        )

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as err:
        raise UsageError(
            N_(
                "{path}: not a workbook ({error}) — save it again from Excel as .xlsx",
                path=str(path),
                error=str(err),
            )
        ) from None
    if len(parts) > MAX_PARTS:
        raise refuse(
            N_(
                "the workbook has {parts:,} parts, more than the {most:,} it may",
                parts=len(parts),
                most=MAX_PARTS,
            )
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise refuse(
            N_(
                "the workbook unpacks to {size:,} bytes, more than the {most} MiB plan-kpi reads",
                size=unpacked,
                most=MAX_UNPACKED_BYTES // 2**20,
            )
        )
    for part in parts:
        if part.file_size > 2**20 and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise refuse(
                N_(
                    "its part {part} unpacks to {size:,} bytes from {stored:,}, more than "
                    "{ratio} times its size (a zip bomb?)",
                    part=quoted(part.filename),
                    size=part.file_size,
                    stored=part.compress_size,
                    ratio=MAX_RATIO,
                )
            )


def _every_row(sheet: Any, path: Path) -> Iterator[tuple[Any, ...]]:
    """Every row of a sheet from A1 to its last cell, whatever size the file declares.

    A workbook states its size (``<dimension ref="A1:C2">``), and a program
    that wrote it may state it wrong: trusting a size smaller than the cells
    loses the rows below it, a larger one makes up millions of empty cells.
    """
    if not hasattr(sheet, "reset_dimensions"):  # a chart sheet
        raise UsageError(
            N_(
                "{path}: the sheet {sheet} is a chart, not cells — choose a sheet of figures "
                "with --sheet NAME",
                path=str(path),
                sheet=quoted(sheet.title),
            )
        )
    sheet.reset_dimensions()
    rows: Iterator[tuple[Any, ...]] = sheet.iter_rows(min_row=1, min_col=1)
    return rows


def _xlsx_cell(row: int, column: int, cell: Any, raw: Any) -> SheetCell:
    value = cell.value
    if value is None:
        if isinstance(raw.value, str) and raw.value.startswith("="):
            return SheetCell(
                row,
                column,
                Unreadable(
                    N_(
                        "a formula whose result was never saved — open the file in Excel or "
                        "LibreOffice and save it, so the result is stored"
                    )
                ),
            )
        return SheetCell(row, column, None)
    kind = cell.data_type
    if kind == "e":
        shows = N_("the cell shows {error} — fix its formula or type the figure", error=value)
        return SheetCell(row, column, Unreadable(shows))
    if kind == "b" or isinstance(value, bool):
        both = N_("TRUE/FALSE is not a figure — type the figure or the text")
        return SheetCell(row, column, Unreadable(both))
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            timed = N_("a date with a time — type the period, e.g. 2021-12-31")
            return SheetCell(row, column, Unreadable(timed))
        return SheetCell(row, column, shown_period(value.date(), cell.number_format))
    if isinstance(value, int | float):
        reading = read_number(value, cell.number_format)
        if reading.problem is not None:
            return SheetCell(row, column, Unreadable(reading.problem))
        return SheetCell(row, column, reading.figure, reading.note, reading.percent_of)
    text = str(value).strip()
    return SheetCell(row, column, text or None)


def shown_period(day: date, number_format: str) -> date | Period | Unreadable:
    """A date cell as the sheet shows it: a format without the day (mmm-yy, mm/yyyy) shows
    a month, one with the year alone (yyyy) a year; any other shows the date."""
    section = split_sections(number_format)[0]
    codes = "".join(text for kind, text in tokens(section) if kind == "code").lower()
    if "d" in codes or "h" in codes or "s" in codes or "y" not in codes:
        return day
    text = f"{day.year}-{day.month:02d}" if "m" in codes else f"{day.year}"
    try:
        return parse_period(text)
    except PeriodError as err:
        return Unreadable(err.message)


@record
class Reading:
    """A numeric cell read as the sheet shows it: the figure, or the problem that stops it."""

    figure: Decimal | None
    #: how the figure was read when the cell holds more digits than the sheet shows
    note: Message | None = None
    problem: Message | None = None
    #: the number the cell holds, when the sheet shows it ×100 with a '%'
    percent_of: Decimal | None = None


def read_number(value: int | float, number_format: str) -> Reading:
    """A numeric cell as the sheet shows it, when that is the stored number rounded.

    ``repr`` of the float is the shortest decimal that is exactly the stored
    double: 92.19 for a typed 92,19, whatever digits the file wrote. A format
    that shows another figure (scaled by ',' after its digits, two '%', a
    fraction, an exponent, without its sign, …) is a problem naming both.
    """
    stored = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    whole = stored.adjusted() + 1 if stored else 0
    if whole > n.MAX_WHOLE_DIGITS:
        return Reading(
            None,
            problem=N_(
                "the cell holds {stored}, a number with {digits} digits before the decimal "
                "mark, more than the {most} plan-kpi reads — write it in a larger unit (tỷ "
                "đồng instead of đồng)",
                stored=format(stored, "E"),
                digits=whole,
                most=n.MAX_WHOLE_DIGITS,
            ),
        )
    if stored == stored.to_integral_value():
        stored = n.round_half_up(stored, 0)
    with localcontext(Context(prec=EXCEL_DIGITS, rounding=ROUND_HALF_UP)):
        shown_by_excel = +stored
    try:
        shown = how_shown(number_format, stored)
    except Refused as err:
        problem = N_(
            "the cell holds {stored}, but its format {format} {refusal}",
            stored=n.plain(stored),
            format=quoted(number_format),
            refusal=err.message,
        )
        return Reading(None, problem=problem)
    if shown.general:
        if shown_by_excel != stored:
            return Reading(
                None,
                problem=N_(
                    "the cell holds {stored}, more digits than a report prints (a formula's "
                    "result?) — give the column a number format with the decimals the report "
                    "prints (Format Cells → Number), or type the figure as text",
                    stored=str(stored),
                ),
            )
        return Reading(stored)
    scaled = n.pct(shown_by_excel) if shown.percent else shown_by_excel
    figure = n.round_half_up(scaled, shown.places)
    if not figure:  # -0,1 shown as -0 is 0: a figure has no negative zero
        figure = figure.copy_abs()
    if shown.places > shown.fixed:  # '#' and '?' decimals: trailing zeros are not shown
        figure = figure.normalize()
        if figure.as_tuple().exponent > -shown.fixed:  # type: ignore[operator]
            figure = figure.quantize(Decimal(1).scaleb(-shown.fixed))
    note = None
    if figure != scaled:
        held = f"{n.plain(n.pct(stored))} %" if shown.percent else n.plain(stored)
        note = N_(
            "the cell holds {held}; taken as the sheet shows it ({format})",
            held=held,
            format=number_format,
        )
    return Reading(figure, note, percent_of=stored if shown.percent else None)
