"""The terminal table fits the terminals people have: a real table at 80 and 120 columns.

Name, target, actual, % of target, growth and status at least, units under
the names, parts indented under their parent, no column empty on every row,
every note's mark pointing at a note shown; one block per row only below 60.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from typer.testing import CliRunner

from plan_kpi.cli.app import app
from plan_kpi.render.table import (
    Extents,
    _broken,
    _hanging,
    _minimum_width,
    _widths,
    drawn,
    print_lines,
)
from plan_kpi.render.tabular import Cell, Column, Tabular, visible


def check(seed: Path, width: int, *args: str) -> str:
    result = CliRunner().invoke(
        app, ["check", "--data", str(seed), "--period", "2021", *args], env={"COLUMNS": str(width)}
    )
    assert result.exit_code == 1, result.stderr
    return result.stdout


def _is_table(out: str) -> bool:
    return any(set(line.strip()) == {"─"} for line in out.splitlines())


@pytest.mark.parametrize("width", [80, 120])
def test_a_table_at_80_and_120_columns(seed: Path, width: int) -> None:
    out = check(seed, width)
    assert _is_table(out)
    assert max(len(line) for line in out.splitlines()) <= width
    head = out.split("─")[0]
    for heading in ("Chỉ tiêu", "Kế hoạch", "Thực hiện", "% KH"):
        assert heading in head
    assert "Đánh" in head and "Tăng/giảm" in head  # headings may wrap at their spaces
    assert "(tỷ đồng)" in out  # the unit under the name
    assert "\n  Khai khoáng" in out  # a part under its parent
    # no target of 2021 is still ahead: the required growth column would be empty
    assert "Tăng cần đạt" not in out


def test_only_a_very_narrow_terminal_gets_blocks(seed: Path) -> None:
    out = check(seed, 59)
    assert not _is_table(out)
    assert "\nGiá trị sản xuất công nghiệp (giá so sánh 2010) — (tỷ đồng)\n" in out


@pytest.mark.parametrize("width", [80, 120, 160])
def test_every_mark_points_at_a_note_shown_numbered_in_order(seed: Path, width: int) -> None:
    out = check(seed, width, "--lang", "en")
    body, _, rest = out.partition("\n[1] ")
    marks = [int(m) for m in re.findall(r" \[(\d+)\]", body)]
    notes = [int(n) for n in re.findall(r"^\[(\d+)\] ", "[1] " + rest, re.MULTILINE)]
    assert marks, "the derived figures carry marks"
    assert notes == list(range(1, len(notes) + 1))
    assert sorted(set(marks)) == notes  # no mark without its note, no note without its mark
    assert marks == sorted(marks)  # numbered as the table is read


def test_a_path_wider_than_its_column_breaks_after_a_slash() -> None:
    from plan_kpi.render.table import _broken

    path = "data/actuals/2021-industry.yaml:17"  # 34 wide
    assert _broken(path, 34) == path
    assert _broken(path, 22) == "data/actuals/\n2021-industry.yaml:17"
    broken = "data/actuals/\n2021-industry.yaml:17\nchú thích 5"
    assert _broken(f"{path}\nchú thích 5", 22) == broken
    # words without a '/' are rich's to wrap at spaces
    assert _broken("chưa kiểm tra được", 5) == "chưa kiểm tra được"


def test_at_120_columns_names_keep_a_readable_width(seed: Path) -> None:
    """Long headings of figures wrap before the names are squeezed below 26 characters."""
    result = CliRunner().invoke(
        app, ["outlook", "--data", str(seed), "--lang", "vi"], env={"COLUMNS": "120"}
    )
    lines = result.stdout.splitlines()
    assert _is_table(result.stdout)
    # 'Giá trị sản xuất công' is 21 characters: whole on the first line of its cell
    assert any(line.startswith("Giá trị sản xuất công ") for line in lines)
    assert not any(line.startswith("Giá trị sản xuất ") and "công" not in line for line in lines)


def test_a_part_s_name_keeps_its_indent_on_every_line(seed: Path) -> None:
    out = check(seed, 120)
    lines = out.splitlines()
    # 'Công nghiệp chế biến, chế tạo' is a part: wrapped, its second line is indented too
    first = next(i for i, line in enumerate(lines) if line.startswith("  Công nghiệp chế biến"))
    name_lines = [lines[first + 1]] if "chế tạo" not in lines[first] else []
    assert all(line.startswith("  ") for line in name_lines)
    from plan_kpi.render.table import _hanging

    assert _hanging("    Dư nợ cho vay doanh nghiệp nhỏ và vừa", 24) == (
        "    Dư nợ cho vay doanh\n    nghiệp nhỏ và vừa"
    )
    assert _hanging("Dư nợ cho vay toàn địa bàn", 10) == "Dư nợ cho vay toàn địa bàn"  # rich's


@pytest.mark.parametrize("command", ["check", "audit", "outlook", "status"])
def test_ids_name_the_indicators_by_their_ids(seed: Path, command: str) -> None:
    args = [command, "--data", str(seed), "--period", "2021", "--lang", "vi"]
    named = CliRunner().invoke(app, args, env={"COLUMNS": "200"}).stdout
    by_id = CliRunner().invoke(app, [*args, "--ids"], env={"COLUMNS": "200"}).stdout
    assert "Giá trị sản xuất công" in named and "industrial_output" not in named
    assert "industrial_output" in by_id and "Giá trị sản xuất công" not in by_id


@pytest.mark.parametrize("width", [80, 120])
def test_a_status_takes_two_short_words_a_line_not_one(seed: Path, width: int) -> None:
    out = check(seed, width)
    assert _is_table(out)
    lines = out.splitlines()
    # 'không có kế hoạch' (no target) in two lines at most: 'không có' beside the part's name
    mining = next(line for line in lines if line.startswith("  Khai khoáng"))
    assert "không có" in mining
    missed = next(line for line in lines if line.startswith("Giá trị sản xuất"))
    assert "không" in missed and "85,97" in missed


def test_blocks_line_their_values_up_whatever_a_part_s_indent(seed: Path) -> None:
    result = CliRunner().invoke(
        app, ["list", "--data", str(seed), "--lang", "vi"], env={"COLUMNS": "80"}
    )
    labelled = [line for line in result.stdout.splitlines() if line.startswith("  Tên ")]
    assert len(labelled) > 10  # a block an indicator, parts among them
    starts = {len(line) - len(line[6:].lstrip()) for line in labelled}
    assert len(starts) == 1, labelled[:3]


def _console(out: io.StringIO, width: int, colour: bool, soft_wrap: bool = False) -> Console:
    """A console as plan-kpi's terminal() makes one, of this width, in colour or plain (or
    one that soft-wraps, as terminal()'s never does)."""
    return Console(
        file=out,
        width=width,
        highlight=False,
        soft_wrap=soft_wrap,
        color_system="standard" if colour else None,
        force_terminal=colour,
    )


#: a line: words, a tab, a wide (two-cell) letter, a line break, brackets rich might read
_LINE = st.text(alphabet=st.sampled_from("ab cđếứ\t.[]中\n"), max_size=120)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(_LINE, st.sampled_from(["", "bold", "red"])), max_size=200),
    st.sampled_from([40, 80]),
    st.booleans(),
    st.booleans(),
)
def test_lines_printed_together_are_what_they_are_printed_one_by_one(
    lines: list[tuple[str, str]], width: int, colour: bool, soft_wrap: bool
) -> None:
    # print_lines prints all its lines at once; each must wrap as it would alone, in
    # colour too, and on a console that soft-wraps
    def console(out: io.StringIO) -> Console:
        return _console(out, width, colour, soft_wrap)

    alone, together = io.StringIO(), io.StringIO()
    one_by_one = console(alone)
    for text, style in lines:
        one_by_one.print(Text(text, style=style))
    print_lines(console(together), [Text(text, style=style) for text, style in lines])
    assert together.getvalue() == alone.getvalue()


def _rich_table(tabular: Tabular, shown: list[int], width: int) -> Table:
    """The oracle: the table as rich's Table draws it, built as plan-kpi built it before it
    drew its own lines (a column of a fixed width a shown column, words folded)."""
    table = Table(
        title=Text(visible(tabular.title)),
        box=box.SIMPLE_HEAD,
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    sizes = dict(zip(shown, _widths(Extents(tabular), shown, width), strict=True))
    for index, size in sizes.items():
        column = tabular.columns[index]
        table.add_column(
            Text(visible(column.heading)),
            justify="right" if column.numeric else "left",
            width=size,
            overflow="fold",
        )
    for row in tabular.rows:
        texts = {
            i: _broken(row[i].text, sizes[i]) if tabular.columns[i].wrap else row[i].text
            for i in shown
        }
        texts[shown[0]] = _hanging(texts[shown[0]], sizes[shown[0]])
        table.add_row(*(Text(visible(texts[i]), style=row[i].style or "") for i in shown))
    return table


#: cell text: words and figures, paths, lines, tabs, a wide (two-cell) letter, spaces at ends
_CELL = st.text(alphabet=st.sampled_from("ab cđếứ 1.2,3/\n\t中-[]"), max_size=40)
_STYLE = st.sampled_from([None, "", "red", "bold green", "dim"])


@st.composite
def _tabulars(draw: st.DrawFn) -> Tabular:
    count = draw(st.integers(1, 6))
    columns = [
        Column(
            key=f"c{i}",
            heading=draw(st.text(alphabet=st.sampled_from("Kế hoạch %/ ab\n\t中"), max_size=20)),
            numeric=draw(st.booleans()),
            wrap=draw(st.booleans()),
        )
        for i in range(count)
    ]
    rows = draw(
        st.lists(
            st.lists(st.builds(Cell, text=_CELL, style=_STYLE), min_size=count, max_size=count),
            max_size=6,
        )
    )
    title = draw(st.text(alphabet=st.sampled_from("Kiểm tra 2021 — ab\n\t中"), max_size=90))
    return Tabular(title=title, columns=columns, lang="vi", rows=rows)


def _styled(segments: Iterable[Segment]) -> list[tuple[str, Style]]:
    """What a terminal shows: each character with its style (None and the null style alike)."""
    return [(ch, seg.style or Style()) for seg in segments for ch in seg.text]


class _Legacy(io.StringIO):
    """Output in an 8-bit code page (Windows-1258): rich draws its boxes in ASCII there."""

    encoding = "cp1258"


@settings(max_examples=300, deadline=None)
@given(_tabulars(), st.integers(40, 160), st.booleans(), st.lists(st.booleans(), min_size=6))
def test_the_drawn_table_is_rich_s_table_character_for_character_and_style_for_style(
    tabular: Tabular, width: int, legacy: bool, hidden: list[bool]
) -> None:
    # the first column always, the others unless hidden (a narrow terminal's layout)
    shown = [i for i in range(len(tabular.columns)) if i == 0 or not hidden[i]]
    assume(_minimum_width(Extents(tabular), shown) <= width)
    output = _Legacy if legacy else io.StringIO

    def console(out: io.StringIO, colour: bool) -> Console:
        return _console(out, width, colour)

    theirs, ours = output(), output()
    console(theirs, False).print(_rich_table(tabular, shown, width))
    plain = console(ours, False)
    print_lines(plain, drawn(tabular, shown, width, plain))
    assert ours.getvalue() == theirs.getvalue()
    # in colour: every character with the style rich gives it
    rich_side = console(output(), True)
    lines = drawn(tabular, shown, width, rich_side)
    expected = _styled(rich_side.render(_rich_table(tabular, shown, width)))
    assert _styled(rich_side.render(Text("\n").join(lines))) == expected
    # and printed in colour, what shows is the same text
    coloured = output()
    print_lines(console(coloured, True), lines)
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.getvalue()) == theirs.getvalue()


def test_lines_printed_without_colour_wrap_where_rich_wraps_them() -> None:
    # the plain path writes a line that fits as it is: 'fits' counts cells (a wide letter
    # takes two), a tab takes rich's expansion, a line of exactly the width is not wrapped
    lines = ["中" * 30, "a" * 40, "a" * 41, "x\ty z", "  lề trái", "", "ab " * 20]
    alone, together = io.StringIO(), io.StringIO()
    for text in lines:
        _console(alone, 40, False).print(Text(text))
    print_lines(_console(together, 40, False), [Text(text) for text in lines])
    assert together.getvalue() == alone.getvalue()
    assert together.getvalue().startswith("中" * 20 + "\n")  # 40 cells of 40


def test_lines_are_printed_through_rich_s_output() -> None:
    # printed as one print of their segments, they are captured, recorded and kept quiet
    # as rich's own prints are
    lines = [Text("một dòng"), Text("hai " * 15, style="bold")]
    expected = io.StringIO()
    for line in lines:
        _console(expected, 40, False).print(line)
    captured_on = _console(io.StringIO(), 40, False)
    with captured_on.capture() as captured:
        print_lines(captured_on, lines)
    assert captured.get() == expected.getvalue()
    assert captured_on.file.getvalue() == ""  # type: ignore[attr-defined]
    recorded = Console(file=io.StringIO(), width=40, record=True, color_system=None)
    print_lines(recorded, lines)
    assert recorded.export_text() == expected.getvalue()
    quiet = Console(file=io.StringIO(), width=40, quiet=True)
    print_lines(quiet, lines)
    assert quiet.file.getvalue() == ""  # type: ignore[attr-defined]
