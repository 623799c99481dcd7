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
import tempfile
from decimal import Decimal
from typing import Any

from plan_kpi.core import numbers as n
from plan_kpi.core.errors import UsageError
from plan_kpi.core.extras import require_openpyxl
from plan_kpi.render.tabular import Cell, Tabular, visible

_MAX_WIDTH = 60


def number_format(cell: Cell) -> str:
    """Excel's format for a figure: its places, a % sign for percentages, its footnote mark."""
    digits = "0" if cell.percent else "#,##0"
    if cell.places:
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


def render_xlsx(table: Tabular) -> bytes:
    """The table as a workbook: title, headings, rows, then footnotes and the summary."""
    require_openpyxl("--format xlsx")
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "plan-kpi"
    _text(sheet["A1"], table.title)
    sheet["A1"].font = Font(bold=True)
    sheet.append([column.heading for column in table.columns])
    for item in sheet[2]:
        item.font = Font(bold=True)
    sheet.freeze_panes = "A3"
    widths = [len(column.heading) for column in table.columns]
    for r, row in enumerate(table.rows, start=3):
        for c, cell in enumerate(row, start=1):
            target = sheet.cell(row=r, column=c)
            if cell.number is not None:
                target.value = cell_number(cell)
                target.number_format = number_format(cell)
            elif cell.text:
                _text(target, cell.text)
                if "\n" in cell.text:
                    target.alignment = Alignment(wrap_text=True, vertical="top")
            longest = max((len(line) for line in cell.text.splitlines()), default=0)
            widths[c - 1] = max(widths[c - 1], longest)
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(width + 2, _MAX_WIDTH)
    notes = [*table.footnotes, table.summary] if table.summary else list(table.footnotes)
    for r, note in enumerate(notes, start=len(table.rows) + 4):
        _text(sheet.cell(row=r, column=1), note)
    out = io.BytesIO()
    try:
        book.save(out)
    except OSError as err:  # openpyxl writes each sheet to a temporary file first
        _remove_temporary_files()
        raise UsageError(
            f"cannot make the workbook: {err.strerror or err} in the temporary folder "
            f"{tempfile.gettempdir()} — free some space there, or set TMPDIR to a folder "
            "with room; nothing was written"
        ) from None
    return out.getvalue()


def _remove_temporary_files() -> None:
    """The sheets openpyxl left in the temporary folder when saving failed.

    openpyxl removes them when the process exits normally (atexit), which
    plan-kpi's quick exit (os._exit) skips.
    """
    from openpyxl.worksheet import _writer

    for path in list(getattr(_writer, "ALL_TEMP_FILES", ())):
        with contextlib.suppress(OSError):
            os.remove(path)
