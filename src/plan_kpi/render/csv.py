"""CSV from the rows-and-columns intermediate: machine keys, plain numbers, safe text."""

from __future__ import annotations

import csv
import io

from plan_kpi.render.tabular import Cell, Tabular

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(cell: Cell) -> str:
    """Text from data that a spreadsheet would run as a formula gets a leading quote (OWASP)."""
    if cell.from_data and cell.raw.startswith(_FORMULA_START):
        return "'" + cell.raw
    return cell.raw


def render_csv(table: Tabular) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.key for c in table.columns])
    for row in table.rows:
        writer.writerow([safe(cell) for cell in row])
    return out.getvalue()
