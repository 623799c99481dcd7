"""CSV from the rows-and-columns intermediate: machine keys, plain numbers, safe text."""

from __future__ import annotations

import csv
import io

from plan_kpi.render.tabular import Cell, Tabular, visible

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(cell: Cell) -> str:
    """Text from data: control characters shown (as in the table), and text a spreadsheet
    would run as a formula gets a leading quote (OWASP)."""
    if not cell.from_data:
        return cell.raw
    text = visible(cell.raw)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(table: Tabular) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.key for c in table.columns])
    for row in table.rows:
        writer.writerow([safe(cell) for cell in row])
    return out.getvalue()
