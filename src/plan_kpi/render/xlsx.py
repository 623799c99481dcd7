"""An Excel workbook from the rows-and-columns intermediate: numbers as numbers.

Figures are written as the table shows them (rounded half-up to their
places), with a number format of those places, so Excel shows the table's
digits and formulas can use them. Percentages are written as fractions
(85,97 % as 0.8597) with a percentage format. An .xlsx file stores every
number as a binary double: the Decimal is handed to openpyxl as it is, and
the file holds the double nearest to it. Text from data files is always
text, never a formula.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
from decimal import Decimal
from typing import Any

from plan_kpi.core import numbers as n
from plan_kpi.core.errors import UsageError
from plan_kpi.core.extras import require_openpyxl
from plan_kpi.core.messages import C_, N_
from plan_kpi.render.tabular import Cell, Tabular, people_order, visible
from plan_kpi.say.vocabulary import say

_MAX_WIDTH = 60


def number_format(cell: Cell) -> str:
    """Excel's format for a figure: its places, a % sign for percentages, its footnote mark."""
    digits = "0" if cell.percent else "#,##0"
    if cell.places > 0:  # a figure known to thousands (places −3) shows its zeros
        digits += "." + "0" * cell.places
    mark = f'"{cell.mark}"' if cell.mark else ""
    return digits + ("%" if cell.percent else "") + mark


def cell_number(cell: Cell) -> Decimal:
    """The value to store: the figure as shown; a percentage as a fraction (85.97 → 0.8597)."""
    assert cell.number is not None
    return n.div(cell.number, n.HUNDRED) if cell.percent else cell.number


def _text(target: Any, text: str) -> None:
    """Text, even when it starts with "=": a cell from data is never a formula.

    Control characters are shown as in the table (openpyxl refuses them).
    """
    target.value = visible(text)
    target.data_type = "s"


def sheet_name(text: str) -> str:
    """A name Excel takes for a sheet: 31 characters at most, none of : \\ / ? * [ ], no ' at
    either end ('Kiểm tra 2021-01/2021-11' → 'Kiểm tra 2021-01–2021-11')."""
    name = visible(text).translate(_SHEET_CHARACTERS).strip().strip("'")
    return name[:_SHEET_LENGTH].rstrip().rstrip("'") or "plan-kpi"


def render_xlsx(table: Tabular) -> bytes:
    """The table as a workbook that prints: its sheet, then the notes in a sheet of their own.

    The sheet is named after the report and period, names in its first
    column and ids in its last; it prints on A4 landscape, one page wide,
    the heading row at the top of every page.
    """
    require_openpyxl("--format xlsx")  # not words: an option
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_name(table.sheet)
    order = people_order(table.columns)
    columns = [table.columns[i] for i in order]
    _text(sheet["A1"], table.title)
    sheet["A1"].font = Font(bold=True)
    sheet.append([column.heading for column in columns])
    for item in sheet[2]:
        item.font = Font(bold=True)
        item.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B3"
    widths = [min(len(column.heading), _HEADING_WIDTH) for column in columns]
    for r, row in enumerate(table.rows, start=3):
        for c, index in enumerate(order, start=1):
            cell = row[index]
            target = sheet.cell(row=r, column=c)
            if cell.number is not None:
                target.value = cell_number(cell)
                target.number_format = number_format(cell)
            elif cell.text:
                _text(target, cell.text)
                target.alignment = Alignment(wrap_text=True, vertical="top")
            longest = max((len(line) for line in cell.text.splitlines()), default=0)
            widths[c - 1] = max(widths[c - 1], longest)
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[_letter(c)].width = min(width + 2, _MAX_WIDTH)
    last = len(table.rows) + 2
    if table.summary:
        last += 2
        _text(sheet.cell(row=last, column=1), table.summary)
    print_setup(sheet, f"A1:{_letter(len(columns))}{last}", title_rows="2:2")
    if table.footnotes:
        _notes_sheet(book, table)
    return workbook_bytes(book)


def workbook_bytes(book: Any) -> bytes:
    """The workbook's .xlsx file, made in memory; the temporary folder full is a UsageError."""
    out = io.BytesIO()
    try:
        book.save(out)
    except OSError as err:  # openpyxl writes each sheet to a temporary file first
        _remove_temporary_files()
        raise UsageError(
            N_(
                "cannot make the workbook: {error} in the temporary folder {folder} — free "
                "some space there, or set TMPDIR to a folder with room; nothing was written",
                error=err.strerror or err,
                folder=tempfile.gettempdir(),
            )
        ) from None
    return out.getvalue()


_HEADING_WIDTH = 14
_SHEET_LENGTH = 31
_SHEET_CHARACTERS = str.maketrans(
    {":": "-", "\\": "-", "?": "", "*": "", "[": "(", "]": ")", "/": "–"}
)
#: a note: its mark ('[1]', '*') and its text
_NOTE = re.compile(r"(\[\d+\]|\*) (.*)", re.DOTALL)
#: the notes' sheet, and its two columns' headings
_NOTES_SHEET = C_("sheet", "Notes")
_NOTE_HEADINGS = (C_("column", "Mark"), C_("column", "Note"))
_NOTE_WIDTH = 110


def _notes_sheet(book: Any, table: Tabular) -> None:
    """The notes on derived figures: each mark in a cell, its text in the next one."""
    from openpyxl.styles import Alignment, Font

    sheet = book.create_sheet(say(_NOTES_SHEET, table.lang))
    sheet.append([say(heading, table.lang) for heading in _NOTE_HEADINGS])
    for item in sheet[1]:
        item.font = Font(bold=True)
    for r, note in enumerate(table.footnotes, start=2):
        found = _NOTE.match(note)
        mark, text = (found[1], found[2]) if found else ("", note)
        _text(sheet.cell(row=r, column=1), mark)
        _text(sheet.cell(row=r, column=2), text.strip())
        sheet.cell(row=r, column=2).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row=r, column=1).alignment = Alignment(vertical="top")
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = _NOTE_WIDTH
    print_setup(sheet, f"A1:B{len(table.footnotes) + 1}", title_rows="1:1")


def print_setup(sheet: Any, area: str, title_rows: str) -> None:
    """A4 landscape, one page wide and as many long as it takes, headings on every page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = title_rows
    sheet.print_area = area
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "&P / &N"


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _remove_temporary_files() -> None:
    """The sheets openpyxl left in the temporary folder when saving failed.

    openpyxl removes them when the process exits normally (atexit), which
    plan-kpi's quick exit (os._exit) skips.
    """
    from openpyxl.worksheet import _writer

    for path in list(getattr(_writer, "ALL_TEMP_FILES", ())):
        with contextlib.suppress(OSError):
            os.remove(path)
