"""Fuzzing the loader: whatever the files hold, the only failure is PlanError.

Documents are random bytes, random text, and the seed plan's own files with
characters and lines mutated (the mistakes people make when typing: a
character lost or doubled, a line indented wrongly, a stray quote, a tab).
Numbers are random strings per locale: every one accepted must mean what its
characters say, and print and read back to the same Decimal. Rows of cells
go into CSV actuals and into workbooks for ``plan-kpi import``: no traceback,
no exit code but 0, 1 or 2, and every figure that loads is the figure
written.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from typer.testing import CliRunner

from plan_kpi.cli.app import app
from plan_kpi.core import numbers as n
from plan_kpi.core.errors import PlanError
from plan_kpi.core.periods import parse_period
from plan_kpi.engine.solving import derive
from plan_kpi.load.folder import load_plan
from plan_kpi.say.display import format_number

runner = CliRunner()

SEED = Path(__file__).resolve().parent.parent / "data"
SEED_FILES = sorted(p.relative_to(SEED).as_posix() for p in SEED.rglob("*.yaml"))
FUZZ = settings(
    max_examples=75,
    deadline=1000,  # milliseconds, far above a load's few; only a hang fails
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: What people (and attackers) type into YAML, to splice into the seed files.
PIECES = [
    ":", ": ", "-", "- ", "[", "]", "{", "}", ",", "'", '"', "#", "\t", "\n", "  ", "&a ",
    "*a", "!!python/object/apply:os.system [x]", "!!binary", "? ", "<<: ", "|", ">", "%",
    "@", "`", "~", "null", "---\n", "...", "\x00", "\x1b", "\ufeff", "\u202e", "é", "ộ",
    "9.2", "9,2", "1e5", ".nan", "-.inf", "2021-13", "2021-02-30", "1.000.000", "0,5", "-",
    "+", "values:", "stated:", "period: 2021", "value: ", "parent: ", "id: x",
    "123456789012345678901234567890", "1" * 40,
]  # fmt: skip


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    plan = tmp_path_factory.mktemp("fuzz")
    yield plan
    shutil.rmtree(plan, ignore_errors=True)


def load_with(folder: Path, name: str, content: bytes) -> None:
    """Load a plan of the seed's targets.yaml and one actuals file, one of them replaced."""
    shutil.rmtree(folder)
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_bytes((SEED / "targets.yaml").read_bytes())
    if name != "targets.yaml":
        (folder / "actuals" / "2021-industry.yaml").write_bytes(
            (SEED / "actuals" / "2021-industry.yaml").read_bytes()
        )
    (folder / name).write_bytes(content)
    try:
        plan = load_plan(folder)
    except PlanError as err:
        assert err.problems, "a PlanError names at least one problem"
        for problem in err.problems:
            assert str(problem.message) and problem.file
        return
    derive(plan)  # what loads must compute without crashing


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed file with a few typing mistakes."""
    name = draw(st.sampled_from(SEED_FILES))
    text = (SEED / name).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        lines = text.split("\n")
        at = draw(st.integers(min_value=0, max_value=max(0, len(text) - 1)))
        row = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "line", "dup", "indent"]))
        if kind == "insert":
            piece = draw(st.sampled_from(PIECES) | st.text(max_size=3))
            text = text[:at] + piece + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(min_value=1, max_value=8)) :]
        elif kind == "replace":
            text = text[:at] + draw(st.characters()) + text[at + 1 :]
        elif kind == "line":
            del lines[row]
            text = "\n".join(lines)
        elif kind == "dup":
            lines.insert(row, lines[row])
            text = "\n".join(lines)
        else:
            lines[row] = draw(st.sampled_from([" ", "  ", "\t", ""])) + lines[row].lstrip()
            text = "\n".join(lines)
    return name, text.encode("utf-8", errors="surrogatepass")


@FUZZ
@given(mutated())
def test_mutated_seed_files_load_or_fail_with_plan_error(
    folder: Path, case: tuple[str, bytes]
) -> None:
    name, content = case
    load_with(folder, name, content)


@FUZZ
@given(st.sampled_from(["targets.yaml", "actuals/x.yaml", "actuals/x.csv"]), st.binary())
def test_random_bytes_fail_with_plan_error(folder: Path, name: str, content: bytes) -> None:
    load_with(folder, name, content)


@FUZZ
@given(
    st.sampled_from(["targets.yaml", "actuals/x.yaml", "actuals/x.csv"]),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=30).map("".join),
)
def test_random_text_fails_with_plan_error(folder: Path, name: str, text: str) -> None:
    load_with(folder, name, text.encode("utf-8", errors="surrogatepass"))


SEPARATORS = {"vi": (".", ","), "en": (",", ".")}

number_texts = st.lists(
    st.sampled_from(["0", "1", "5", "9", "00", "123", ".", ",", "-", "+", " ", "e", "E"])
    | st.text(alphabet="0123456789.,", max_size=6),
    max_size=12,
).map("".join)


def grouped(draw: st.DrawFn, locale: n.Locale) -> str:
    """A well-formed figure: optional sign, digits grouped in threes or not, decimals."""
    group, mark = SEPARATORS[locale]
    whole = str(draw(st.integers(min_value=0, max_value=10**30 - 1)))
    if draw(st.booleans()):
        head, rest = whole[: len(whole) % 3 or 3], whole[len(whole) % 3 or 3 :]
        whole = group.join([head, *re.findall("...", rest)])
    places = draw(st.integers(min_value=0, max_value=9))
    decimals = "".join(
        draw(st.lists(st.sampled_from("0123456789"), min_size=places, max_size=places))
    )
    sign = draw(st.sampled_from(["", "-", "+"]))
    return sign + whole + (mark + decimals if decimals else "")


@st.composite
def figures(draw: st.DrawFn) -> tuple[str, n.Locale]:
    locale: n.Locale = draw(st.sampled_from(n.LOCALES))
    return draw(number_texts | st.builds(lambda: grouped(draw, locale))), locale


@settings(max_examples=400, deadline=1000)
@given(figures())
def test_every_figure_accepted_means_what_it_says_and_round_trips(
    case: tuple[str, n.Locale],
) -> None:
    text, locale = case
    try:
        value = n.parse_figure(text, locale)
    except n.NumberError:
        return
    group, mark = SEPARATORS[locale]
    written = text.strip()
    # accepted: the digits as written, grouped in threes if grouped at all
    well_formed = rf"[+-]?(\d{{1,3}}({re.escape(group)}\d{{3}})+|\d+)({re.escape(mark)}\d+)?"
    assert re.fullmatch(well_formed, written), written
    assert value == Decimal(written.replace(group, "").replace(mark, "."))
    assert n.decimals(value) == len(written.partition(mark)[2])
    # printed at its own decimals and read again: the same figure
    printed = format_number(value, n.decimals(value), locale)
    again = n.parse_figure(printed, locale)
    assert again == value
    assert n.decimals(again) == n.decimals(value)


# --- CSV actuals and xlsx import: rows of cells ---------------------------------------------

#: ids of the seed plan, and texts that are not ids (each cell is mostly well-formed, so that
#: rows load often enough for their figures to be compared with what was written)
SEED_IDS = sorted(re.findall(r"^  - id: (\S+)$", (SEED / "targets.yaml").read_text("utf-8"), re.M))
good_ids = st.sampled_from(SEED_IDS)
ids = st.one_of(
    good_ids, good_ids, good_ids, st.sampled_from(["", "x", "jobs-x", "industrial_outp\u043eut"])
)
good_periods = st.sampled_from(["2021", "2022", "2021-11", "2021-01/2021-11", "2021-12-31"])
periods = st.one_of(
    good_periods,
    good_periods,
    good_periods,
    st.sampled_from(["2021-01/2021-12", "", "２０２１"])
    | st.text(alphabet="0123456789-/", max_size=12),
)
statuses = st.sampled_from(["", "", "estimate", "final", "ước", "x"])


@st.composite
def well_formed_vi(draw: st.DrawFn) -> str:
    return grouped(draw, "vi")


def vi_figures() -> st.SearchStrategy[str]:
    """A figure as a person types it in a vi sheet: mostly well-formed."""
    return st.one_of(well_formed_vi(), well_formed_vi(), number_texts, st.sampled_from(PIECES))


def csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n\r') else text


def figure_of(text: str) -> Decimal:
    """What a well-formed vi figure means, computed from its characters alone."""
    return Decimal(text.strip().replace(".", "").replace(",", "."))


#: a row as it should be (most rows), or one whose every cell may be anything
any_row = st.tuples(ids, periods, vi_figures(), st.sampled_from(["", "92,19", "9.2"]), statuses)
good_row = st.tuples(
    good_ids,
    good_periods,
    well_formed_vi(),
    st.sampled_from(["", "92,19"]),
    st.sampled_from(["", "estimate", "final"]),
)
rows = st.lists(
    st.one_of(good_row, good_row, good_row, any_row),
    min_size=1,
    max_size=4,
    unique_by=lambda row: (row[0], row[1]),
)


@FUZZ
@given(rows)
def test_csv_rows_load_or_fail_with_plan_error_and_keep_their_figures(
    folder: Path, written: list[tuple[str, str, str, str, str]]
) -> None:
    text = "indicator,period,value,pct_of_previous,status\n" + "".join(
        ",".join(csv_cell(cell) for cell in row) + "\n" for row in written
    )
    shutil.rmtree(folder)
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_bytes((SEED / "targets.yaml").read_bytes())
    (folder / "actuals" / "x.csv").write_text(text, encoding="utf-8")
    try:
        plan = load_plan(folder)
    except PlanError as err:
        event("refused")
        assert err.problems and all(str(p.message) and p.file for p in err.problems)
        return
    event("loaded")
    derive(plan)
    loaded = {(a.indicator, str(a.period)): a for a in plan.actuals if a.at.file.endswith("x.csv")}
    for indicator, period, value, _, _ in written:
        actual = next(
            (
                a
                for (i, p), a in loaded.items()
                if i == indicator and p == str(parse_period(period))
            ),
            None,
        )
        assert actual is not None, (indicator, period)
        if value.strip():
            assert actual.value is not None
            assert actual.value.value == figure_of(value)  # the figure written, digit for digit
            assert n.decimals(actual.value.value) == len(value.strip().partition(",")[2])


@FUZZ
@given(rows)
def test_the_command_on_csv_rows_exits_0_1_or_2_without_a_traceback(
    folder: Path, written: list[tuple[str, str, str, str, str]]
) -> None:
    text = "indicator;period;value;pct_of_previous;status\n" + "".join(
        ";".join(cell.replace(";", "") for cell in row) + "\n" for row in written
    )
    shutil.rmtree(folder)
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_bytes((SEED / "targets.yaml").read_bytes())
    (folder / "actuals" / "x.csv").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", "--data", str(folder), "--period", "2021"])
    event(f"exit {result.exit_code}")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr


def without_controls(text: str) -> str:
    """Text as a workbook can hold it: without the control characters openpyxl refuses."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def typed(digits: int, exponent: int) -> tuple[object, Decimal | None]:
    """A decimal typed into Excel, stored as the nearest double: float() plays Excel here."""
    figure = Decimal(digits).scaleb(exponent)
    return float(figure), figure


#: what an Excel cell holds, and the figure it must import as (None: not compared)
good_cells = st.one_of(
    well_formed_vi().map(lambda text: (text, figure_of(text))),
    st.integers(min_value=-(10**15), max_value=10**15).map(lambda i: (i, Decimal(i))),
    st.builds(
        typed,
        st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1),
        st.integers(min_value=-6, max_value=2),
    ),
)
any_cells = st.one_of(
    vi_figures().map(lambda text: (without_controls(text), None)),
    st.builds(lambda t: (t[0], None), good_cells),
    st.just((datetime(2021, 12, 31), None)),
    st.just((None, None)),
)
number_formats = st.sampled_from(
    ["General", "0", "0.00", "#,##0", "#,##0.0", "0.00%", "#,##0,,", "0.0#", '0" tỷ"', "@"]
)
good_xlsx_row = st.tuples(
    good_ids,
    good_periods,
    good_cells,
    st.sampled_from(["General", "@"]),  # numbers read as stored
    st.sampled_from(["", "estimate", "final", "ước"]),
)
any_xlsx_row = st.tuples(ids, periods, any_cells, number_formats, statuses)


@settings(
    max_examples=25,
    deadline=None,  # a workbook is written and read twice an example: slow, not hung
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.one_of(good_xlsx_row, good_xlsx_row, any_xlsx_row),
        min_size=1,
        max_size=4,
        unique_by=lambda row: (row[0], row[1]),
    )
)
def test_xlsx_import_exits_0_or_2_and_writes_the_figures_the_sheet_shows(
    folder: Path, written: list[tuple[str, str, tuple[object, Decimal | None], str, str]]
) -> None:
    shutil.rmtree(folder)
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_bytes((SEED / "targets.yaml").read_bytes())
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["indicator", "period", "value", "status"])
    for indicator, period, (value, _), number_format, status in written:
        sheet.append([indicator or None, period or None, value, status or None])
        sheet.cell(sheet.max_row, 3).number_format = number_format
    book.save(folder / "sheet.xlsx")
    result = runner.invoke(app, ["import", str(folder / "sheet.xlsx"), "--data", str(folder)])
    event(f"exit {result.exit_code}")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 2), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr
    if result.exit_code != 0:
        return
    plan = load_plan(folder)  # what import writes, the loader reads
    imported = {(a.indicator, str(a.period)): a for a in plan.actuals if "sheet" in a.at.file}
    for indicator, period, (_, figure), _, _ in written:
        if figure is None:
            continue
        actual = imported[(indicator, str(parse_period(period)))]
        assert actual.value is not None and actual.value.value == figure  # as written
