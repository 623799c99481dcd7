"""The terminal table (rich): plain text when piped or NO_COLOR, colour on a terminal."""

from __future__ import annotations

from typing import TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from plan_kpi.render.tabular import Column, Tabular, visible


def render_table(
    tabular: Tabular, file: TextIO | None = None, console: Console | None = None
) -> None:
    """Print the table; every cell is literal text (data can never inject markup).

    The first column (names) wraps; no other column does. When the terminal is too narrow, optional
    columns are hidden (highest ``optional`` first) and the table says so.
    """
    console = console or terminal(file)
    shown = list(range(len(tabular.columns)))
    hidden: list[Column] = []
    by_priority = sorted((c.optional, -i, i) for i, c in enumerate(tabular.columns) if c.optional)
    while _minimum_width(tabular, shown) > console.width and by_priority:
        *_, index = by_priority.pop()
        shown.remove(index)
        hidden.append(tabular.columns[index])
    if _minimum_width(tabular, shown) <= console.width:
        console.print(_build(tabular, shown))
    else:
        hidden = []
        _print_records(console, tabular)
    for note in tabular.footnotes:
        console.print(_text(note))
    if hidden:
        console.print(
            _text(tabular.hidden_note.format(columns=", ".join(c.heading for c in hidden)))
        )
    if tabular.summary:
        console.print(_text(tabular.summary))


#: the narrowest layout, in columns: a terminal said to be narrower (COLUMNS=0, 1, …) gets this
#: width, and its lines wrap, rather than an empty output or a character a line
NARROWEST = 40


def terminal(file: TextIO | None = None) -> Console:
    """The console tables print to: colour on a terminal, plain when piped or under NO_COLOR.

    Never narrower than NARROWEST: rich prints nothing at all at width 0.
    """
    console = Console(file=file, highlight=False, soft_wrap=False)
    console.width = max(console.width, NARROWEST)
    return console


def _print_records(console: Console, tabular: Tabular) -> None:
    """Too narrow for any table: one block per row, a line per column (like psql's \\x)."""
    console.print(_text(tabular.title))
    width = max(cell_len(c.heading) for c in tabular.columns[1:])
    for row in tabular.rows:
        console.print(_text(""))
        console.print(_text(row[0].text.replace("\n", " — "), style="bold"))
        for column, cell in zip(tabular.columns[1:], row[1:], strict=True):
            if cell.text:
                pad = " " * (width - cell_len(column.heading))
                console.print(
                    _text(f"  {column.heading}{pad}  "),
                    _text(cell.text.replace("\n", " · "), style=cell.style or ""),
                    sep="",
                )
    console.print(_text(""))


def _minimum_width(tabular: Tabular, shown: list[int]) -> int:
    """The narrowest the table can be: numbers whole, names wrapped at the longest word."""
    total = 0
    for position, index in enumerate(shown):
        column = tabular.columns[index]
        texts = [row[index].text for row in tabular.rows]
        if position == 0:
            width = max(
                _first_min(tabular), max((cell_len(w) for w in column.heading.split()), default=0)
            )
        else:
            width = max(
                _MIN,
                *(
                    cell_len(line)
                    for t in [*texts, column.heading]
                    for line in t.splitlines() or [""]
                ),
            )
        total += width + 3  # one space of padding each side, one for the divider
    return total - 3


_MIN = 4


def _first_min(tabular: Tabular) -> int:
    """Wide enough for the first column's longest word (an id), within reason."""
    longest = max((cell_len(w) for row in tabular.rows for w in row[0].text.split()), default=0)
    return min(max(16, longest), 36)


def _build(tabular: Tabular, shown: list[int]) -> Table:
    table = Table(
        title=_text(tabular.title),
        box=box.SIMPLE_HEAD,
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    for position, index in enumerate(shown):
        column = tabular.columns[index]
        if position == 0:
            table.add_column(_text(column.heading), min_width=_first_min(tabular), overflow="fold")
        else:
            table.add_column(
                _text(column.heading),
                justify="right" if column.numeric else "left",
                no_wrap=True,
                min_width=_MIN,
            )
    for row in tabular.rows:
        table.add_row(*(_text(row[i].text, style=row[i].style or "") for i in shown))
    return table


def _text(text: str, style: str = "") -> Text:
    """Literal text: markup stays text, control characters are shown, not sent to the terminal."""
    return Text(visible(text), style=style)
