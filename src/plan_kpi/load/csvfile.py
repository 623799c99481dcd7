"""Reading CSV files as spreadsheets save them: the records, each with the line it starts on.

Cells are separated by ',' or, as Excel saves them where ',' is the decimal
mark (Vietnamese settings), by ';' (a tab-separated file works too): the
header line decides. A broken quote is a problem at its line, never a guess.
Both the plan's actuals/*.csv and ``plan-kpi import`` read CSV through here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from plan_kpi.core.errors import Problem
from plan_kpi.core.messages import N_, NP_, Message, Number
from plan_kpi.core.periods import Period
from plan_kpi.core.quotes import quoted

#: The most rows read from one CSV file (each a value, and the records of its figures: about
#: 1.5 GB for the file's part of the plan); a larger file is refused at the row past it.
MAX_CSV_ROWS = 1_000_000

#: the separators a CSV file may use, and their names in messages
DELIMITERS: dict[str, Message | str] = {",": "','", ";": "';'", "\t": N_("a tab")}


#: a 'vs' cell on a row with no stated figure to compare: refused by every reader of rows
VS_WITHOUT_FIGURES = N_(
    "'vs' names the period stated figures compare with, but the row has none — fill in "
    "the stated figure, or empty the vs cell"
)


def vs_not_before(vs: Period, period: Period) -> Message:
    """A 'vs' that does not end before the figure's own period: refused by every reader."""
    return N_(
        "vs {vs} does not end before the figure's own period {period} — vs names the earlier "
        "period the stated figures compare with; leave it out for the same period a year "
        "earlier",
        vs=str(vs),
        period=str(period),
    )


def delimiter_of(text: str) -> str:
    """The separator the first non-empty line uses most: ',', ';' or a tab (',' on a tie)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max(DELIMITERS, key=first.count) if any(d in first for d in DELIMITERS) else ","


def csv_records(
    text: str, file: str, problems: list[Problem], delimiter: str
) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record with the line it starts on; a broken quote stops the file with a problem."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            # the csv module's own messages tell the errors apart
            if "field larger than field limit" in str(err):  # not words: csv's message
                what = N_(
                    "a cell longer than {size} KiB — no figure, name or note is that long: "
                    'shorten it, or close a quote (") left open',
                    size=Number(csv.field_size_limit() // 1024),
                )
            elif "unexpected end of data" in str(err):  # not words: csv's message
                what = N_('a quote (") opened on this row is never closed — close it')
            elif reader.line_num > start:
                what = N_(
                    'the quote (") opened on this row closes only on line {line} '
                    "— close it in its own cell",
                    line=reader.line_num,
                )
            else:
                what = N_(
                    'a quote (") in the middle of a cell — quote the whole cell and write a '
                    'quote inside it twice ("")'
                )
            problems.append(Problem(file, start, 1, N_("CSV: {problem}", problem=what)))
            return
        yield start, row
        start = reader.line_num + 1


def width_problem(
    file: str, line: int, cells: list[str], width: int, delimiter: str
) -> Problem | None:
    """A record with more or fewer cells than the header, in words; None when it fits."""
    if len(cells) == width:
        return None
    separator = DELIMITERS[delimiter]
    if len(cells) > width:
        extra = [c for c in cells[width:] if c.strip()]
        if not extra:  # empty cells past the last heading, as spreadsheets save them
            return None
        message = N_(
            "{count} cells where the header has {width} (past the last heading: {extra}) — "
            "give that column a heading, or quote a cell that contains {separator}",
            count=len(cells),
            width=width,
            extra=quoted(extra[0].strip()),
            separator=separator,
        )
    else:
        message = NP_(
            "{count} cell where the header has {width} — add the missing cells (an empty cell "
            "is just {separator})",
            "{count} cells where the header has {width} — add the missing cells (an empty cell "
            "is just {separator})",
            len(cells),
            width=width,
            separator=separator,
        )
    return Problem(file, line, 1, message)


def too_many_rows() -> Message:
    return N_(
        "more than {most} rows, the most plan-kpi reads from one CSV file — split it into "
        "several files (actuals/ takes any number of them: one a report, or a year)",
        most=Number(MAX_CSV_ROWS),
    )
