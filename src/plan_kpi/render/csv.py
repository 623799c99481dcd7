"""CSV from the rows-and-columns intermediate: machine keys, plain numbers, safe text.

That CSV is for programs. ``excel=True`` writes the CSV a spreadsheet set
to the report's language opens as it is: a UTF-8 byte order mark (Excel
reads the file as UTF-8 only then), the list separator and decimal mark of
the language (``;`` and ``,`` for Vietnamese, ``,`` and ``.`` for English),
Windows line ends, and for people — as the workbook has it — headings and
words in the language, the name first and the id last.
"""

from __future__ import annotations

import csv
import io

from plan_kpi.core import numbers as n
from plan_kpi.core.numbers import Locale
from plan_kpi.render.tabular import Cell, Tabular, people_order, visible

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(cell: Cell) -> str:
    """Text from data: control characters shown (as in the table), and text a spreadsheet
    would run as a formula gets a leading quote (OWASP)."""
    if not cell.from_data:
        return cell.raw
    text = visible(cell.raw)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(table: Tabular, excel: bool = False) -> str:
    out = io.StringIO()
    if excel:
        lang = table.lang
        writer = csv.writer(out, delimiter=_SEPARATOR[lang], lineterminator="\r\n")
        order = people_order(table.columns)
        writer.writerow([table.columns[i].heading for i in order])
        for row in table.rows:
            writer.writerow([_for_excel(row[i], lang) for i in order])
        return "\ufeff" + out.getvalue()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.key for c in table.columns])
    for row in table.rows:
        writer.writerow([safe(cell) for cell in row])
    return out.getvalue()


#: the list separator of a spreadsheet set to the language (Windows' regional settings)
_SEPARATOR: dict[Locale, str] = {"vi": ";", "en": ","}


def _for_excel(cell: Cell, lang: Locale) -> str:
    """A figure as the table rounds it, with the language's decimal mark and no grouping (so
    Excel reads a number); anything else as people read it, text from data made safe."""
    if cell.number is not None:
        digits = n.plain(cell.number)
        return digits.replace(".", ",") if lang == "vi" else digits
    text = visible(cell.text)
    if cell.from_data and text.startswith(_FORMULA_START):
        return "'" + text
    return text
