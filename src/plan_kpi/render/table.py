"""The terminal table (rich): plain text when piped or NO_COLOR, colour on a terminal."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, JustifyMethod, OverflowMethod
from rich.segment import Segment, Segments
from rich.style import Style
from rich.text import Span, Text

from plan_kpi.core.records import replace
from plan_kpi.render.tabular import HIDDEN_NOTE, Column, Tabular, visible
from plan_kpi.say.catalog import words


def render_table(
    tabular: Tabular, file: TextIO | None = None, console: Console | None = None
) -> None:
    """Print the table; every cell is literal text (data can never inject markup).

    The first column (names) and the columns of words wrap; figures never do.
    A column empty on every row is left out. When the terminal is too narrow,
    optional columns are hidden (highest ``optional`` first) and the table
    says so; the notes of what is hidden go too, and those left are numbered
    again, so no mark points at a hidden column. Narrower still (below about
    60 columns for a report's table), one block per row.
    """
    console = console or terminal(file)
    shown = [
        i
        for i, column in enumerate(tabular.columns)
        if i == 0 or any(row[i].text for row in tabular.rows) or not tabular.rows
    ]
    hidden: list[Column] = []
    by_priority = sorted(
        (c.optional, -i, i) for i, c in enumerate(tabular.columns) if c.optional and i in shown
    )
    # optional columns go before the name is squeezed below a readable width, or words
    # to one a line
    extents = Extents(tabular)
    while _minimum_width(extents, shown, _READABLE, _WORDS) > console.width and by_priority:
        *_, index = by_priority.pop()
        shown.remove(index)
        hidden.append(tabular.columns[index])
    if _minimum_width(extents, shown) <= console.width:
        shown_table = _renumbered(tabular, shown)
        measured = extents if shown_table is tabular else Extents(shown_table)
        print_lines(console, drawn(shown_table, shown, console.width, console, measured))
    else:
        hidden = []
        shown_table = tabular
        _print_records(console, tabular)
    lines = [_text(note) for note in shown_table.footnotes]
    if hidden:
        headings = ", ".join(c.heading for c in hidden)
        said = words(tabular.lang).gettext(HIDDEN_NOTE.text, columns=headings)
        lines.append(_text(said))
    if tabular.summary:
        lines.append(_text(tabular.summary))
    print_lines(console, lines)


def print_lines(console: Console, lines: list[Text]) -> None:
    """Lines printed as each prints alone: wrapped at the console's width.

    A line that fits is rendered as it is, a longer one (or one with a tab or a
    line break) as rich's ``Text.wrap`` divides it, which is what a print of it
    does (on a console that soft-wraps: tabs expanded, nothing wrapped), and all
    go out as one print of their segments: rich still writes them (a capture, a
    recording, quiet, Windows' consoles), without a print's wrapping of every
    line (a block a row is hundreds of them).
    """
    width = console.width
    # 'ignore', as a soft-wrapping console's print: lines split at their breaks, not wrapped
    overflow: OverflowMethod = "ignore" if console.soft_wrap else "fold"
    segments: list[Segment] = []
    newline = Segment.line()
    for line in lines:
        plain = line.plain
        divided: Iterable[Text] = (line,)
        if "\n" in plain or "\t" in plain or cell_len(plain) > width:
            divided = line.wrap(console, width, overflow=overflow, tab_size=console.tab_size)
        for piece in divided:
            segments += _styled(piece).render(console)
            segments.append(newline)
    console.print(Segments(segments))


def _styled(line: Text) -> Text:
    """A line with its own style as a span, as joining lines into one text makes it: rich's
    ``Text.render`` leaves the style of a text without spans out."""
    if not line.style:
        return line
    return Text(line.plain, spans=[Span(0, len(line.plain), line.style), *line.spans])


#: a note's mark at the end of a line of a cell: '66.173,1 [1]'
_MARK = re.compile(r" \[(\d+)\]$", re.MULTILINE)


_NOTE = re.compile(r"^\[(\d+)\] ")


def _renumbered(tabular: Tabular, shown: list[int]) -> Tabular:
    """The table with only the notes its shown cells mark, numbered again in their order.

    A note is its "[n] …" line and the lines under it; other lines (a legend
    before the notes) always stay.
    """
    numbers: dict[str, str] = {}
    for row in tabular.rows:
        for index in shown:
            for mark in _MARK.finditer(row[index].text):
                numbers.setdefault(mark[1], str(len(numbers) + 1))
    kept: list[str] = []
    notes: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in tabular.footnotes:
        if found := _NOTE.match(line):
            current = notes.setdefault(found[1], [])
            current.append(line[found.end() :])
        elif current is not None:
            current.append(line)
        else:
            kept.append(line)
    if list(numbers) == list(notes) and all(old == new for old, new in numbers.items()):
        return tabular
    rows = [
        [
            replace(cell, text=_MARK.sub(lambda m: f" [{numbers[m[1]]}]", cell.text))
            if index in shown and _MARK.search(cell.text)
            else cell
            for index, cell in enumerate(row)
        ]
        for row in tabular.rows
    ]
    footnotes = list(kept)
    for old, new in numbers.items():
        first, *rest = notes.get(old, [""])
        footnotes += [f"[{new}] {first}", *rest]
    return replace(tabular, rows=rows, footnotes=footnotes)


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
    lines = [_text(tabular.title)]
    width = max(cell_len(c.heading) for c in tabular.columns[1:])
    for row in tabular.rows:
        lines.append(_text(""))
        lines.append(_text(row[0].text.replace("\n", " — "), style="bold"))
        for column, cell in zip(tabular.columns[1:], row[1:], strict=True):
            if cell.text:
                pad = " " * (width - cell_len(column.heading))
                line = _text(f"  {column.heading}{pad}  ")
                # a part's indent shows its parent in a column, not after a label
                line.append_text(
                    _text(cell.text.strip().replace("\n", " · "), style=cell.style or "")
                )
                lines.append(line)
    lines.append(_text(""))
    print_lines(console, lines)


#: between two columns: a space of padding each side and the divider between them
_GAP = 3
_MIN = 4


#: the name column's width below which optional columns are hidden rather than squeeze it
_READABLE = 26
#: the least of a column of words: two short words a line ('không đạt', 'không có / kế
#: hoạch', 'no target'), not one
_WORDS = 9


class Extents:
    """A table's columns measured once, for every layout tried: each column's longest
    heading word, its longest line (heading or cell), its cells' longest line and longest
    piece (a word, or a path's part after a '/'), and the first column's longest word."""

    def __init__(self, tabular: Tabular) -> None:
        self.tabular = tabular
        self._columns: dict[int, tuple[int, int, int, int]] = {}
        self._first_word: int | None = None

    def column(self, index: int) -> tuple[int, int, int, int]:
        """(heading word, most, line, piece) of a column."""
        found = self._columns.get(index)
        if found is None:
            heading = self.tabular.columns[index].heading
            texts = [row[index].text for row in self.tabular.rows]
            line = max((cell_len(ln) for t in texts for ln in t.splitlines()), default=0)
            heading_line = max((cell_len(ln) for ln in heading.splitlines()), default=0)
            words = (w for text in texts for w in text.split())
            piece = max((cell_len(pc) for w in words for pc in _PATH_PIECE.split(w)), default=0)
            word = max((cell_len(w) for w in heading.split()), default=0)
            found = self._columns[index] = (word, max(_MIN, heading_line, line), line, piece)
        return found

    def first_word(self) -> int:
        """The first column's longest word (an id)."""
        if self._first_word is None:
            words = (w for row in self.tabular.rows for w in row[0].text.split())
            self._first_word = max((cell_len(w) for w in words), default=0)
        return self._first_word


def _least(extents: Extents, index: int, first: bool, name: int = 16, words_wide: int = 0) -> int:
    """The narrowest a column can be: figures whole, words (and headings) wrapped at spaces.

    The name column (``first``) is at least ``name`` wide, or its longest line; another
    column of words at least ``words_wide`` (two short words a line: 'không có / kế
    hoạch'), or its longest line.
    """
    word, most, line, piece = extents.column(index)
    if first:
        return max(min(_first_min(extents, name), most), word)
    if extents.tabular.columns[index].wrap:
        return max(_MIN, piece, word, min(words_wide, most))
    return max(_MIN, line, word)


def _minimum_width(extents: Extents, shown: list[int], name: int = 16, words_wide: int = 0) -> int:
    """The narrowest the table can be: numbers whole, names wrapped at the longest word."""
    least = sum(_least(extents, i, p == 0, name, words_wide) for p, i in enumerate(shown))
    return least + _GAP * (len(shown) - 1)


def _widths(extents: Extents, shown: list[int], width: int) -> list[int]:
    """Each shown column's width within the terminal's.

    Every column gets its least; the room left goes to each other column of
    words up to two short words a line, then to the name up to a readable
    width, then to the figures, then to every column of words evenly, the name too
    (the narrowest grows first, so none is squeezed to a word a line while
    another stays wide).
    """
    tabular = extents.tabular
    least = [_least(extents, i, p == 0) for p, i in enumerate(shown)]
    most = [max(extents.column(i)[1], least[p]) for p, i in enumerate(shown)]
    room = width - sum(least) - _GAP * (len(shown) - 1)
    widths = list(least)
    wraps = [p for p, i in enumerate(shown) if p == 0 or tabular.columns[i].wrap]
    for p in wraps[1:]:  # two short words a line, not one
        extra = max(0, min(room, min(_WORDS, most[p]) - widths[p]))
        widths[p] += extra
        room -= extra
    readable = min(room, max(0, min(_READABLE, most[0]) - widths[0]))
    widths[0] += readable
    room -= readable
    for p in range(len(shown)):
        if p not in wraps:
            extra = min(room, most[p] - widths[p])
            widths[p] += extra
            room -= extra
    while room > 0:
        growing = [p for p in wraps if widths[p] < most[p]]
        if not growing:
            break
        level = min(widths[p] for p in growing)
        lowest = [p for p in growing if widths[p] == level]
        for p in lowest[:room]:
            widths[p] += 1
            room -= 1
    return widths


#: where a long path may break: after a '/' ('data/actuals/' then '2021-industry.yaml:17')
_PATH_PIECE = re.compile(r"(?<=/)(?=.)")


def _broken(text: str, width: int) -> str:
    """A cell's text with each word wider than the column broken after a '/' that fits.

    Rich wraps at spaces only and would cut a long path anywhere; a path cut after
    one of its folders still reads as a path.
    """
    lines = []
    for line in text.split("\n"):
        out: list[str] = []
        for word in line.split(" "):
            pieces = _PATH_PIECE.split(word)
            if cell_len(word) <= width or len(pieces) == 1:
                out.append(word)
                continue
            current = ""
            for piece in pieces:
                if current and cell_len(current + piece) > width:
                    out.append(current + "\n")
                    current = ""
                current += piece
            out.append(current)
        lines.append(" ".join(out).replace("\n ", "\n"))
    return "\n".join(lines)


def _hanging(text: str, width: int) -> str:
    """An indented line (a part under its parent) wrapped with its indent kept on every line.

    Rich would start the lines after the first at the column's edge, so a part's
    name would read as a line of its own.
    """
    lines = []
    for line in text.split("\n"):
        indent = line[: len(line) - len(line.lstrip(" "))]
        if not indent or cell_len(line) <= width:
            lines.append(line)
            continue
        current = indent
        for word in line.split():
            if current.strip() and cell_len(f"{current} {word}") > width:
                lines.append(current)
                current = indent
            current = f"{current} {word}" if current.strip() else f"{current}{word}"
        lines.append(current)
    return "\n".join(lines)


def _first_min(extents: Extents, name: int = 16) -> int:
    """Wide enough for the first column's longest word (an id), within reason."""
    return min(max(name, extents.first_word()), 36)


def drawn(
    tabular: Tabular,
    shown: list[int],
    width: int,
    console: Console,
    extents: Extents | None = None,
) -> list[Text]:
    """The table's lines, each as wide as the table: what rich draws of a
    ``Table(box=SIMPLE_HEAD, show_edge=False, pad_edge=False, title_justify="left")``
    whose columns have these widths and fold what does not fit, character for
    character and style for style (tests/test_terminal_table.py holds the two
    equal), without rich's work of a renderable, a padding and a shape a cell,
    on a console that does not soft-wrap (terminal()'s: rich would print a
    soft-wrapping console's title on one line). ``extents``: the table's, when
    measured already.

    Each cell is wrapped by rich's own ``Text.wrap``; a space pads it each side
    but on the table's edges, and the box's divider (a space; '|' in rich's ASCII
    box, where the output's encoding is not UTF) parts two columns. The title wraps
    at the table's width; the headings, bold, sit on the rule under them; the
    cells of a row start on its first line.
    """
    sizes = _widths(extents or Extents(tabular), shown, width)
    last = len(shown) - 1
    pads = [(0 if p == 0 else 1, 0 if p == last else 1) for p in range(len(shown))]
    table_width = sum(sizes) + sum(left + right for left, right in pads) + last
    lines: list[Text] = []
    title = _text(tabular.title)
    if title:
        lines += _wrapped(console, title, table_width, "left")
    # rich's box for the console: its ASCII one where the output's encoding is not UTF
    frame = box.SIMPLE_HEAD.substitute(console.options, safe=console.safe_box)
    heading_style = console.get_style("table.header")
    headings = [
        _wrapped(console, _text(tabular.columns[i].heading), size, _justify(tabular, i))
        for i, size in zip(shown, sizes, strict=True)
    ]
    lines += _row_lines(headings, sizes, pads, frame.head_vertical, heading_style, bottom=True)
    padded = [left + size + right for size, (left, right) in zip(sizes, pads, strict=True)]
    lines.append(Text(frame.get_row(padded, "head", edge=False)))
    for index, row in enumerate(tabular.rows):
        cells = []
        for i, size in zip(shown, sizes, strict=True):
            text = _broken(row[i].text, size) if tabular.columns[i].wrap else row[i].text
            if i == shown[0]:
                text = _hanging(text, size)
            cell = _text(text, style=row[i].style or "")
            cells.append(_wrapped(console, cell, size, _justify(tabular, i)))
        # the last row is the box's foot, as rich draws it
        divider = frame.foot_vertical if index == len(tabular.rows) - 1 else frame.mid_vertical
        lines += _row_lines(cells, sizes, pads, divider, None, bottom=False)
    return lines


def _justify(tabular: Tabular, index: int) -> JustifyMethod:
    return "right" if tabular.columns[index].numeric else "left"


def _wrapped(console: Console, text: Text, width: int, justify: JustifyMethod) -> list[Text]:
    """A cell's lines as rich wraps them: at spaces, a word too long folded, each line
    padded to the width on the side away from its justification. A line that fits is
    only padded (right-justified, its trailing spaces go first, as rich's go)."""
    plain = text.plain
    if "\n" not in plain and "\t" not in plain and not text.spans:
        if justify == "right":
            plain = plain.rstrip()
        room = width - cell_len(plain)
        if room >= 0:
            padded = " " * room + plain if justify == "right" else plain + " " * room
            return [Text(padded, style=text.style)]
    return list(
        text.wrap(console, width, justify=justify, overflow="fold", tab_size=console.tab_size)
    )


def _row_lines(
    cells: list[list[Text]],
    sizes: list[int],
    pads: list[tuple[int, int]],
    divider: str,
    style: Style | None,
    bottom: bool,
) -> list[Text]:
    """A row's lines: each cell padded, its lines at the top of the row (at the bottom for
    the headings), the cells side by side with the divider between. A line is one text and
    its spans, as ``Text.append_text`` would join them: the row's style (the headings')
    under each padded cell, then the cell's own."""
    height = max(len(cell) for cell in cells)
    lines = []
    for line in range(height):
        parts: list[str] = []
        spans: list[Span] = []
        at_char = 0
        for p, (cell, size, (left, right)) in enumerate(zip(cells, sizes, pads, strict=True)):
            if p:
                parts.append(divider)
                at_char += len(divider)
            at = line - (height - len(cell)) if bottom else line
            if 0 <= at < len(cell):
                piece = cell[at]
                plain = piece.plain
                parts += (" " * left, plain, " " * right)
                length = left + len(plain) + right
                if style is not None:
                    spans.append(Span(at_char, at_char + length, style))
                begin = at_char + left
                if piece.style:
                    spans.append(Span(begin, begin + len(plain), piece.style))
                spans += (Span(a + begin, b + begin, s) for a, b, s in piece.spans)
            else:
                length = left + size + right
                parts.append(" " * length)
                if style is not None:
                    spans.append(Span(at_char, at_char + length, style))
            at_char += length
        lines.append(Text("".join(parts), spans=spans))
    return lines


def _text(text: str, style: str = "") -> Text:
    """Literal text: markup stays text, control characters are shown, not sent to the terminal."""
    return Text(visible(text), style=style)
