"""Hostile input, the second round: nothing lost, nothing hung, nothing replaced on the way in.

Each case here needs a file that tests/bad cannot hold (a workbook rewritten
inside its zip, a FIFO, a link, a file generated large); the small static
cases are folders of tests/bad.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from babel.numbers import parse_decimal
from typer.testing import CliRunner

from plan_kpi.cli.app import app
from plan_kpi.core.errors import PlanError
from plan_kpi.core.messages import Message
from plan_kpi.core.numbers import NumberError, parse_figure
from plan_kpi.core.quotes import quoted
from plan_kpi.load import yamlfile
from plan_kpi.load.files import read_file
from plan_kpi.load.folder import load_plan
from plan_kpi.load.yamlfile import decode
from plan_kpi.say.catalog import words
from plan_kpi.sheets.reading import read_number

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def without_industry(plan_copy: Path) -> Path:
    (plan_copy / "actuals" / "2021-industry.yaml").unlink()
    return plan_copy


def rewrite_member(book: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    """Rewrite one file inside an .xlsx archive (as another program may have written it)."""
    with zipfile.ZipFile(book) as archive:
        contents = {info.filename: archive.read(info) for info in archive.infolist()}
    contents[member] = change(contents[member])
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)


# --- figures lost or changed on the way in ------------------------------------------------


def test_xlsx_rows_past_the_declared_dimension_are_read(
    without_industry: Path, tmp_path: Path
) -> None:
    book = tmp_path / "industry.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["indicator", "period", "value"])
    sheet.append(["industrial_output", "2021", "61.005"])
    sheet.append(["industrial_output.mining", "2021", "1.234"])
    sheet.append(["industrial_output.manufacturing", "2021", "50.000"])
    sheet.append(["industrial_output.electricity", "2021", "9.000"])
    workbook.save(book)
    # the file says its cells end at C2: two of the four rows lie outside what it declares
    rewrite_member(
        book,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C2"', xml),
    )
    with zipfile.ZipFile(book) as archive:
        assert b'<dimension ref="A1:C2"' in archive.read("xl/worksheets/sheet1.xml")
    code, out, err = run("import", str(book), "--data", str(without_industry))
    assert code == 0, err
    assert "4 values from industry.xlsx!Sheet" in out
    plan = load_plan(without_industry)
    read = {
        a.indicator: a.value.text
        for a in plan.actuals
        if a.value is not None and a.at.file.endswith("industry.yaml")
    }
    assert read == {
        "industrial_output": "61.005",
        "industrial_output.mining": "1.234",
        "industrial_output.manufacturing": "50.000",
        "industrial_output.electricity": "9.000",
    }


def value_book(path: Path, value: object, number_format: str, heading: str = "value") -> None:
    """A sheet of one row: industrial output's 2021 figure in column C, in this format."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["indicator", "period", heading])
    sheet.append(["industrial_output", "2021", value])
    sheet["C2"].number_format = number_format
    workbook.save(path)


def test_a_format_that_scales_is_refused_naming_the_cell_and_both_readings(
    without_industry: Path, tmp_path: Path
) -> None:
    book = tmp_path / "industry.xlsx"
    value_book(book, 61005000000000, "#,##0,,,")  # Excel shows 61,005
    code, out, err = run("import", str(book), "--data", str(without_industry))
    assert (code, out) == (2, "")
    # 61005000000000 / 1000 / 1000 / 1000 = 61005, the figure Excel shows
    assert err == (
        "industry.xlsx!Sheet:C2: the cell holds 61005000000000, but its format '#,##0,,,' "
        "divides the number by 1000 for each ',' after its digits and shows 61005 — give the "
        "column a number format without those commas (and the figures in the unit the report "
        "prints, e.g. tỷ đồng), or type the figure as text\n"
    )
    assert not (without_industry / "actuals" / "industry.yaml").exists()


def test_a_percentage_format_on_a_value_is_refused(without_industry: Path, tmp_path: Path) -> None:
    book = tmp_path / "industry.xlsx"
    value_book(book, 0.9219, "0.00%")
    code, _, err = run("import", str(book), "--data", str(without_industry))
    assert code == 2
    # 0.9219 × 100 = 92.19: the figure the sheet shows, but a value is no percentage
    assert err == (
        "industry.xlsx!Sheet:C2: value: the cell holds 0.9219, but its format shows it ×100 as "
        "92.19 %, and value is not a percentage — give the column a number format without "
        "'%', or type the figure as the report prints it\n"
    )


@pytest.mark.parametrize(
    ("stored", "number_format", "figure"),
    [
        (92.19, "0.00", "92.19"),
        (92.1, "0.0#", "92.1"),  # '#' decimals drop their trailing zeros
        (92.189, "0.0#", "92.19"),  # 92.189 rounded to 2 decimals, half-up
        (92.0, "0.0#", "92.0"),
        (61005, '#,##0" tỷ đồng"', "61005"),  # a unit written beside the figure
        (61005, "[$-42A]#,##0", "61005"),
        (61005, "[Blue]#,##0", "61005"),
        (-61005, "#,##0", "-61005"),  # one section: Excel writes the minus
        (-61005, "#,##0;-#,##0", "-61005"),
        (-61005, "#,##0;(#,##0)", "-61005"),
        (-61005, "#,##0;[Red]#,##0", "-61005"),  # Excel's "negative numbers in red"
        (61005, '_-* #,##0 _₫_-;-* #,##0 _₫_-;_-* "-" _₫_-;_-@_-', "61005"),  # Vietnamese
        (-1529, '_-* #,##0 _₫_-;-* #,##0 _₫_-;_-* "-" _₫_-;_-@_-', "-1529"),  # accounting
        (61005, "@", "61005"),  # a number in a text cell: shown as stored
        (-0.1, "0", "0"),  # Excel shows -0: the figure 0 (found by the fuzz test)
        (-0.001, "0.00", "0.00"),
    ],
)
def test_formats_that_show_the_stored_figure_rounded_are_read(
    stored: float, number_format: str, figure: str
) -> None:
    reading = read_number(stored, number_format)
    assert reading.problem is None
    assert str(reading.figure) == figure


@pytest.mark.parametrize(
    ("stored", "number_format", "reason"),
    [
        (61005, "#,##0,", "divides the number by 1000 for each ',' after its digits and shows 61"),
        (61005, "0.0,,", "divides the number by 1000 for each ',' after its digits and shows 0.1"),
        (0.9219, "0.00%%", "multiplies the number by 100 for each of its 2 '%' and shows 9219"),
        (61005, "0.00E+00", "shows the number in scientific notation"),
        (0.5, "# ?/?", "shows the number as a fraction"),
        (61005, "[>100]0;0.00", "chooses how to show a number by a condition ([>100])"),
        (-61005, "#,##0;#,##0", "shows the negative number without a sign, as 61005"),
        (61005, "-#,##0", "shows 61005 as a negative number"),
        (61005, "(#,##0)", "shows 61005 as a negative number"),
        (61005, '0"0"', "writes text that runs into the digits ('0')"),
        (61005, '"1"0', "writes text that runs into the digits ('1')"),
        (61005, '0"."000', "writes text that runs into the digits ('.')"),  # shows 61.005
        (61005, "*0#,##0", "writes text that runs into the digits ('0')"),  # filled with 0s
        (0, '_-* #,##0 _₫_-;-* #,##0 _₫_-;_-* "-" _₫_-;_-@_-', "shows no digits for 0"),
        (0, "#,###", "shows no digits for 0"),
        (-5, "0;;", "shows no digits for -5"),
        (61005, "[DBNum1]0", "holds [DBNum1], a code plan-kpi does not read"),
        (61005, "[h]:mm", "shows the number as a time"),
        (61005, "0 m", "shows the number as a date or a time"),
    ],
)
def test_formats_that_show_another_figure_are_refused_with_the_reason(
    stored: float, number_format: str, reason: str
) -> None:
    reading = read_number(stored, number_format)
    assert reading.figure is None
    held = str(stored).removesuffix(".0")
    assert reading.problem is not None
    problem = str(reading.problem)  # the English wording
    assert problem.startswith(f"the cell holds {held}, but its format {number_format!r} ")
    assert reason in problem
    assert " — " in problem  # and what to do


def test_import_never_writes_a_hidden_file(without_industry: Path, tmp_path: Path) -> None:
    sheet = tmp_path / ".revised.csv"
    sheet.write_text("indicator,period,value\nindustrial_output,2021,61.005\n", encoding="utf-8")
    code, out, err = run("import", str(sheet), "--data", str(without_industry))
    assert (code, out) == (2, "")
    assert err == (
        f"plan-kpi: {sheet}: the name starts with '.', so import would write the hidden file "
        "actuals/.revised.yaml, which plan-kpi does not read — rename the spreadsheet "
        "without the dot (revised.csv)\n"
    )
    assert (
        sorted(p.name for p in (without_industry / "actuals").iterdir() if p.name[0] == ".") == []
    )


def vi_plan(folder: Path, actuals: str, plan_locale: str = "\n  locale: vi") -> Path:
    """A vi plan of one indicator (industrial output, target 70.962 for 2021) and one file."""
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_text(
        f"plan:\n  id: t\n  title: T{plan_locale}\n"
        "indicators:\n"
        "  - id: industrial_output\n"
        "    targets:\n"
        '      2021: "70.962"\n',
        encoding="utf-8",
    )
    (folder / "actuals" / "2021.yaml").write_text(actuals, encoding="utf-8")
    return folder


def test_an_actuals_file_without_locale_is_read_in_the_plans(tmp_path: Path) -> None:
    plan = vi_plan(tmp_path, 'period: 2021\nvalues:\n  industrial_output: "61.005"\n')
    code, out, err = run("check", "--data", str(plan), "--format", "json")
    assert code == 1  # 61.005 (sixty-one thousand) of a target of 70.962: missed
    (row,) = json.loads(out, parse_float=Decimal)["rows"]
    assert row["actual"] == Decimal(61005)  # as a CSV in this plan reads it, not 61,005
    assert err == (
        f"{plan / 'actuals' / '2021.yaml'}:3:22: warning: '61.005' is read as 61005 in 'vi', "
        "the plan's locale (where '.' groups thousands), but would be 61.005 in 'en' — write "
        "'locale: vi' in the file to confirm it, or 'locale: en'\n"
    )


def test_the_locale_warning_goes_to_stderr_and_never_changes_the_exit_code(
    tmp_path: Path,
) -> None:
    plan = vi_plan(tmp_path, 'period: 2021\nvalues:\n  industrial_output: "71.005"\n')
    code, out, err = run("check", "--data", str(plan), "--quiet")
    assert (code, out) == (0, "")  # 71.005 ≥ 70.962: met, as without the warning
    assert "warning: '71.005' is read as 71005" in err
    (plan / "actuals" / "2021.yaml").write_text(
        'period: 2021\nlocale: vi\nvalues:\n  industrial_output: "71.005"\n', encoding="utf-8"
    )
    assert run("check", "--data", str(plan), "--quiet") == (0, "", "")


@pytest.mark.parametrize("figure", ["92,19", "1.000.000", "61005", "0,5", "1.234,5", "-7"])
def test_a_figure_that_reads_one_way_only_gives_no_warning(tmp_path: Path, figure: str) -> None:
    plan = vi_plan(tmp_path, f'period: 2021\nvalues:\n  industrial_output: "{figure}"\n')
    code, _, err = run("check", "--data", str(plan))
    assert code in (0, 1)
    assert err == ""


def test_targets_without_a_locale_warn_of_the_default(tmp_path: Path) -> None:
    plan = vi_plan(tmp_path, 'period: 2021\nvalues:\n  industrial_output: "61"\n', "")
    code, _, err = run("check", "--data", str(plan))
    assert code == 1  # the target is 70.962 in en: seventy and 962 thousandths; 61 < 70.962
    assert err == (
        f"{plan / 'targets.yaml'}:7:13: warning: '70.962' is read as 70.962 in 'en', the "
        "default locale (where '.' marks decimals), but would be 70962 in 'vi' — write "
        "'locale: en' under 'plan:' to confirm it, or 'locale: vi'\n"
    )


def test_many_figures_read_in_an_unnamed_locale_are_counted_after_the_first_five(
    tmp_path: Path,
) -> None:
    (tmp_path / "actuals").mkdir()
    ids = [f"x{i}" for i in range(8)]
    (tmp_path / "targets.yaml").write_text(
        "plan: {id: t, title: T, locale: vi}\nindicators:\n"
        + "".join(f'  - {{id: {i}, targets: {{2021: "70.962"}}}}\n' for i in ids),
        encoding="utf-8",
    )
    (tmp_path / "actuals" / "2021.yaml").write_text(
        "period: 2021\nvalues:\n" + "".join(f'  {i}: "61.005"\n' for i in ids), encoding="utf-8"
    )
    code, _, err = run("check", "--data", str(tmp_path))
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 6  # 5 figures named, then the 3 others (8 − 5) counted
    assert all("warning: '61.005' is read as 61005 in 'vi'" in line for line in lines[:5])
    assert lines[5] == (
        f"{tmp_path / 'actuals' / '2021.yaml'}: warning: 3 more figures of the file are read in "
        "'vi', the plan's locale, and would read otherwise in 'en' — write 'locale: vi' in the "
        "file to confirm them"
    )


def test_import_refuses_a_vs_after_the_figures_period(
    without_industry: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "industry.csv"
    sheet.write_text(
        'indicator,period,value,growth_pct,vs\nindustrial_output,2021,61.005,"-7,8",2025\n',
        encoding="utf-8",
    )
    code, _, err = run("import", str(sheet), "--data", str(without_industry))
    assert code == 2
    assert err == (
        "industry.csv:2:5: vs 2025 does not end before the figure's own period 2021 — vs names "
        "the earlier period the stated figures compare with; leave it out for the same period "
        "a year earlier\n"
    )
    assert not (without_industry / "actuals" / "industry.yaml").exists()


# --- hangs, memory, crashes -----------------------------------------------------------------


def plan_kpi(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """The installed command in a subprocess: a hang fails the test instead of stopping it.
    It speaks English (the seed plan's own locale would make it Vietnamese)."""
    exe = Path(sys.executable).parent / "plan-kpi"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "plan_kpi"]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        env={**os.environ, "PLAN_KPI_LANG": "en"},
    )


NOT_REGULAR = (
    "not a regular file ({kind}) — plan-kpi reads only regular files: put the file itself in "
    "its place"
)


def test_a_fifo_in_actuals_is_refused_without_blocking(plan_copy: Path) -> None:
    os.mkfifo(plan_copy / "actuals" / "2022.yaml")  # nobody ever writes into it
    done = plan_kpi("check", "--data", str(plan_copy))
    assert done.returncode == 2
    assert done.stderr == (
        f"{plan_copy / 'actuals' / '2022.yaml'}: "
        + NOT_REGULAR.format(kind="a named pipe (FIFO)")
        + "\n"
    )


def test_a_fifo_as_targets_yaml_is_refused_without_blocking(plan_copy: Path) -> None:
    (plan_copy / "targets.yaml").unlink()
    os.mkfifo(plan_copy / "targets.yaml")
    done = plan_kpi("check", "--data", str(plan_copy))
    assert done.returncode == 2
    assert f"{plan_copy / 'targets.yaml'}: not a regular file (a named pipe (FIFO))" in done.stderr


def test_a_socket_in_actuals_is_refused(plan_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(plan_copy)  # a socket's path is limited to about 100 characters
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("actuals/2022.csv")
        code, out, err = run("check", "--data", ".")
    assert (code, out) == (2, "")
    assert err == "actuals/2022.csv: " + NOT_REGULAR.format(kind="a socket") + "\n"


def test_a_device_is_refused_unopened(plan_copy: Path, tmp_path: Path) -> None:
    with pytest.raises(PlanError) as raised:
        read_file(Path("/dev/zero"), "sheet.csv", None)  # endless: read, it would fill memory
    assert str(raised.value) == "sheet.csv: " + NOT_REGULAR.format(kind="a device")
    sheet = tmp_path / "sheet.csv"
    os.mkfifo(sheet)
    done = plan_kpi("import", str(sheet), "--data", str(plan_copy))
    assert done.returncode == 2
    assert done.stderr == f"{sheet}: " + NOT_REGULAR.format(kind="a named pipe (FIFO)") + "\n"


def test_a_link_to_dev_zero_is_refused_as_outside_the_plan(plan_copy: Path) -> None:
    (plan_copy / "actuals" / "2022.csv").symlink_to("/dev/zero")
    done = plan_kpi("check", "--data", str(plan_copy))
    assert done.returncode == 2
    assert done.stderr == (
        f"{plan_copy / 'actuals' / '2022.csv'}: a link to /dev/zero, outside the plan folder — "
        "plan-kpi reads only the plan's own files: copy the file into the plan folder instead "
        "of linking to it\n"
    )


def test_a_file_over_the_cap_is_refused_before_it_is_read(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("plan_kpi.load.files.MAX_FILE_BYTES", 2**20)
    big = plan_copy / "actuals" / "2022.csv"
    big.write_bytes(b"indicator,period,value\n" + b"x" * 2**20)  # 23 + 1,048,576 bytes
    monkeypatch.setattr("plan_kpi.load.folder.decode", decode_small)
    code, out, err = run("check", "--data", str(plan_copy))
    assert (code, out) == (2, "")
    assert err == (
        f"{big}: 1,048,599 bytes, more than the 1 MiB plan-kpi reads from one file — split it "
        "into several files (actuals/ takes any number of them: one a report, or a year)\n"
    )


def decode_small(raw: bytes, file: str) -> str:
    assert len(raw) <= 2**20, "a file over the cap is never read whole, nor decoded"
    return decode(raw, file)


LOOP = "a link that leads round in a loop — replace it by the file it should lead to"


def test_a_link_loop_is_a_message_not_an_internal_error(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(plan_copy)
    Path("actuals/a.yaml").symlink_to("b.yaml")
    Path("actuals/b.yaml").symlink_to("a.yaml")
    code, out, err = run("check", "--data", ".")
    assert (code, out) == (2, "")
    assert err == f"actuals/a.yaml: {LOOP}\nactuals/b.yaml: {LOOP}\n"


def test_actuals_that_link_round_in_a_loop_are_a_message(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(plan_copy)
    shutil.rmtree("actuals")
    Path("actuals").symlink_to("actuals")
    assert run("check", "--data", ".") == (2, "", f"actuals: {LOOP}\n")
    Path("targets.yaml").unlink()
    Path("targets.yaml").symlink_to("targets.yaml")
    code, _, err = run("check", "--data", ".")
    assert code == 2
    assert err == f"actuals: {LOOP}\ntargets.yaml: {LOOP}\n"


def test_a_link_to_nothing_is_named_with_its_target(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(plan_copy)
    Path("actuals/2022.yaml").symlink_to("2022-draft.yaml")
    assert run("check", "--data", ".") == (
        2,
        "",
        "actuals/2022.yaml: a link to 2022-draft.yaml, which does not exist — replace it by "
        "the file\n",
    )


def test_a_link_to_a_file_outside_the_plan_is_refused_unread(
    plan_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "elsewhere" / "secrets.yaml"
    secret.parent.mkdir()
    secret.write_text("password: hunter2\n", encoding="utf-8")  # an unknown key, if read
    monkeypatch.chdir(plan_copy)
    Path("actuals/2022.yaml").symlink_to(secret)
    code, out, err = run("check", "--data", ".")
    assert (code, out) == (2, "")
    assert err == (
        f"actuals/2022.yaml: a link to {secret}, outside the plan folder — plan-kpi reads only "
        "the plan's own files: copy the file into the plan folder instead of linking to it\n"
    )
    assert "hunter2" not in err and "password" not in err


def test_links_that_stay_inside_the_plan_are_followed(plan_copy: Path) -> None:
    (plan_copy / "reports").mkdir()
    (plan_copy / "actuals" / "2021-industry.yaml").rename(plan_copy / "reports" / "industry.yaml")
    (plan_copy / "actuals" / "2021-industry.yaml").symlink_to("../reports/industry.yaml")
    plan = load_plan(plan_copy)
    output = next(a for a in plan.actuals if a.indicator == "industrial_output")
    assert output.value is not None and output.value.value == Decimal(61005)
    assert output.at.file.endswith("actuals/2021-industry.yaml")  # named as the link


def test_an_unreadable_actuals_folder_is_a_message(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(plan_copy)
    listing = Path.iterdir

    def forbidden(folder: Path) -> Iterator[Path]:
        if folder.name == "actuals":
            raise PermissionError(errno.EACCES, "Permission denied", str(folder))
        return listing(folder)

    monkeypatch.setattr(Path, "iterdir", forbidden)  # as for a user who may not list it
    assert run("check", "--data", ".") == (
        2,
        "",
        "actuals: cannot be read: permission denied — give yourself the right to read it "
        "(chmod u+r actuals), or ask its owner\n",
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a folder of mode 000")
def test_an_actuals_folder_of_mode_000_is_a_message(plan_copy: Path) -> None:
    actuals = plan_copy / "actuals"
    actuals.chmod(0)
    try:
        done = plan_kpi("check", "--data", str(plan_copy))
    finally:
        actuals.chmod(0o755)
    assert done.returncode == 2
    assert "cannot be read: permission denied" in done.stderr
    assert "internal error" not in done.stderr


def bomb(path: Path, rows: int) -> None:
    """A workbook whose sheet is rows of the same three cells: a few hundred bytes of
    deflate for each megabyte of cells, as a zip bomb is made."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["indicator", "period", "value"])
    workbook.save(path)
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c><c t="n"><v>2021</v></c></row>'
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
        b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    del parts["xl/worksheets/sheet1.xml"]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(head)
            block = row * 10_000
            for _ in range(rows // 10_000):
                out.write(block)
            out.write(b"</sheetData></worksheet>")


def test_an_xlsx_zip_bomb_is_refused_in_under_two_seconds(plan_copy: Path, tmp_path: Path) -> None:
    book = tmp_path / "bomb.xlsx"
    bomb(book, 1_000_000)  # 1,000,000 rows of 74 bytes: 74 MB of cells
    with zipfile.ZipFile(book) as archive:
        part = archive.getinfo("xl/worksheets/sheet1.xml")
    assert part.file_size > 100 * part.compress_size  # what a bomb is
    started = time.perf_counter()
    code, out, err = run("import", str(book), "--data", str(plan_copy))
    assert time.perf_counter() - started < 2
    assert (code, out) == (2, "")
    assert err == (
        f"plan-kpi: {book}: its part 'xl/worksheets/sheet1.xml' unpacks to {part.file_size:,} "
        f"bytes from {part.compress_size:,}, more than 100 times its size (a zip bomb?) — a "
        "workbook of figures is far smaller: save the sheet again from Excel as .xlsx, or as "
        ".csv\n"
    )


def test_a_workbook_that_unpacks_past_the_cap_is_refused(
    plan_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = tmp_path / "big.xlsx"
    bomb(book, 20_000)
    monkeypatch.setattr("plan_kpi.sheets.reading.MAX_UNPACKED_BYTES", 2**20)
    with zipfile.ZipFile(book) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    code, _, err = run("import", str(book), "--data", str(plan_copy))
    assert code == 2
    assert f"the workbook unpacks to {unpacked:,} bytes, more than the 1 MiB plan-kpi reads" in err


def test_the_cells_read_from_a_sheet_are_capped(
    plan_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = tmp_path / "many.xlsx"
    bomb(book, 10_000)  # 10,000 rows of 2 cells, under the archive's limits
    monkeypatch.setattr("plan_kpi.sheets.reading.MAX_SHEET_CELLS", 1_000)
    code, _, err = run("import", str(book), "--data", str(plan_copy))
    assert code == 2
    assert err == (
        f"plan-kpi: {book}: the sheet 'Sheet' has more than 1,000 cells, the most plan-kpi reads "
        "from one sheet — split it into several sheets or files, and delete the rows and "
        "columns below and beside the figures\n"
    )


def test_a_yaml_file_of_too_many_nodes_is_refused_early_in_bounded_memory(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("plan_kpi.load.yamlfile.MAX_YAML_NODES", 10_000)
    big = plan_copy / "actuals" / "2022.yaml"
    # 100,000 values of 4 nodes (key, mapping, 'value', figure): 400,000 nodes, 40 × the cap
    big.write_text(
        "period: 2022\nvalues:\n"
        + "".join(f'  x{i}: {{value: "1.234"}}\n' for i in range(100_000)),
        encoding="utf-8",
    )
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(PlanError) as raised:
        load_plan(plan_copy)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # the 10,001st node: the file's mapping, 'period' and its value, 'values' and its
    # mapping are 5, then 4 a value: 10,001 − 5 = 9,996 = 4 × 2,499, the last node of value
    # 2,499, on line 2 + 2,499 = 2,501
    (problem,) = [p for p in raised.value.problems if p.file.endswith("2022.yaml")]
    assert (problem.line, str(problem.message)) == (
        2_501,
        "more than 10,000 values, keys and lists in one file, the most plan-kpi reads from one "
        "YAML file — split it into several files (actuals/ takes any number of them: one a "
        "report, or a year), or write the figures as CSV",
    )
    assert elapsed < 5
    assert peak < 60 * 2**20  # the file's text and a quarter of a tenth of it read


#: the most a node of a YAML file may keep while it is read, in bytes (the cap is set by it)
_NODE_BYTES = 450


@pytest.mark.parametrize("shape", ["aliases in a list", "keys"])
def test_a_yaml_file_at_the_node_cap_is_parsed_in_about_a_gigabyte(shape: str) -> None:
    # the worst a node costs: each keeps its path (a tuple as long as the nesting is deep)
    # and its line; here near the deepest level allowed, each a short item or key
    depth = yamlfile.MAX_DEPTH - 2
    nodes = 50_000
    head = "".join("  " * level + f"k{level}:\n" for level in range(depth))
    indent = "  " * depth
    if shape == "aliases in a list":
        body = indent + "l: [&x 1" + ", *x" * (nodes - 1) + "]\n"
    else:
        body = indent + "0: &x 1\n" + "".join(f"{indent}{i}: *x\n" for i in range(1, nodes // 2))
    raw = (head + body).encode()
    tracemalloc.start()
    doc = yamlfile.load_yaml(raw, "deep.yaml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    read = len(doc.lines) + len(doc.keys)  # every value and every key: the nodes
    assert nodes <= read <= nodes + 2 * depth + 3  # and the keys and blocks that lead there
    assert peak < _NODE_BYTES * read
    assert yamlfile.MAX_YAML_NODES * _NODE_BYTES <= 11 * 2**30 // 10


def test_a_yaml_file_over_the_byte_cap_is_refused_before_it_is_parsed(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("plan_kpi.load.files.MAX_FILE_BYTES", 2**20)
    big = plan_copy / "actuals" / "2022.yaml"
    big.write_bytes(b"values:\n" + b"  x: 1\n" * (2**20 // 7 + 1))  # just over 1 MiB
    monkeypatch.setattr("plan_kpi.load.yamlfile.decode", decode_small)
    with pytest.raises(PlanError) as raised:
        load_plan(plan_copy)
    (problem,) = raised.value.problems
    assert str(problem.message).startswith(
        f"{big.stat().st_size:,} bytes, more than the 1 MiB plan-kpi reads from one file"
    )


def test_a_csv_of_too_many_rows_is_refused_at_the_row_past_the_cap(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("plan_kpi.load.csvfile.MAX_CSV_ROWS", 100)
    rows = "".join(f"x{i},2022,1\n" for i in range(101))
    (plan_copy / "actuals" / "2022.csv").write_text("indicator,period,value\n" + rows, "utf-8")
    with pytest.raises(PlanError) as raised:
        load_plan(plan_copy)
    # line 1 is the header: row 101, one past the cap, is on line 102 (its ids are unknown
    # to the plan, the 100 rows before it are said to be so too)
    (problem,) = [p for p in raised.value.problems if str(p.message).startswith("more than")]
    assert (problem.file.endswith("2022.csv"), problem.line, str(problem.message)) == (
        True,
        102,
        "more than 100 rows, the most plan-kpi reads from one CSV file — split it into several "
        "files (actuals/ takes any number of them: one a report, or a year)",
    )
    (plan_copy / "actuals" / "2022.csv").unlink()
    monkeypatch.setattr("plan_kpi.sheets.reading.MAX_SHEET_CELLS", 300)
    sheet = tmp_path / "big.csv"
    sheet.write_text("indicator,period,value\n" + rows, "utf-8")  # 102 rows of 3 cells
    code, _, err = run("import", str(sheet), "--data", str(plan_copy))
    assert code == 2
    assert err.startswith(f"plan-kpi: {sheet}: big.csv has more than 300 cells, the most")


def test_a_figure_of_a_million_digits_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    figure = "1" + ".000" * 333_333  # 1,000,000 digits, grouped: 1,333,333 characters
    plan = vi_plan(
        tmp_path, f'period: 2021\nlocale: vi\nvalues:\n  industrial_output: "{figure}"\n'
    )
    # numbers imports Babel only for a figure outside the grammar: patched where it looks
    monkeypatch.setattr("babel.numbers.parse_decimal", babel_for_short_figures)
    code, out, err = run("check", "--data", str(plan))
    assert (code, out) == (2, "")
    assert err == (
        f"{plan / 'actuals' / '2021.yaml'}:4:22: '1.000.000.000.000.000.000.000.000.000.000.000."
        "000.000.000.000.000.000.000.000.00…' (1,333,333 characters) is longer than the 100 "
        "characters a figure may have (at most 30 digits before the decimal mark and 9 after "
        "it) — write the figure the report printed, in a larger unit if it is that long\n"
    )


def babel_for_short_figures(text: str, **options: object) -> Decimal:
    assert len(text) <= 100, "a figure over the length is never given to Babel"
    return parse_decimal(text, **options)  # type: ignore[arg-type]


def test_the_longest_figures_are_read_and_one_character_more_is_refused() -> None:
    # 30 digits grouped in threes (9 marks) and 9 decimals after the mark: 30 + 9 + 1 + 9 = 49
    longest = "123" + ".456" * 9 + ",123456789"
    assert parse_figure(longest, "vi") == Decimal("123456456456456456456456456456.123456789")
    assert parse_figure(" " * 60 + "61.005" + " " * 60, "vi") == Decimal(61005)  # stripped
    with pytest.raises(NumberError, match="is longer than the 100 characters a figure may have"):
        parse_figure("0" * 101, "vi")
    parse_figure("0" * 100, "vi")  # as long as a figure may be: read (it is 0)


def test_a_thousand_misspelt_ids_among_ten_thousand_are_suggested_in_seconds(
    tmp_path: Path,
) -> None:
    (tmp_path / "actuals").mkdir()
    ids = [
        f"g{group:05d}" + (f".p{part}" if part else "")
        for group in range(1000)
        for part in range(10)
    ]
    (tmp_path / "targets.yaml").write_text(
        "plan: {id: t, title: T, locale: vi}\nindicators:\n"
        + "".join(f"  - {{id: {i}}}\n" for i in ids),
        encoding="utf-8",
    )
    rows = "".join(f"g{group:05d}.px1,2021,1\n" for group in range(1000))  # '.px1': an x too many
    (tmp_path / "actuals" / "2021.csv").write_text("indicator,period,value\n" + rows, "utf-8")
    started = time.perf_counter()
    with pytest.raises(PlanError) as raised:
        load_plan(tmp_path)
    elapsed = time.perf_counter() - started
    assert elapsed < 20  # difflib over every id took about a minute for these
    problems = raised.value.problems
    assert len(problems) == 1000
    assert str(problems[0].message) == (
        "indicator 'g00000.px1' is not defined in targets.yaml — did you mean 'g00000.p1'?"
    )
    assert str(problems[999].message).endswith("did you mean 'g00999.p1'?")


# --- messages that mislead ------------------------------------------------------------------


def test_messages_quote_at_most_80_characters_then_the_length(tmp_path: Path) -> None:
    long_id = "x" * 500
    long_period = "2021" + "-" * 300
    plan = vi_plan(
        tmp_path,
        f'period: "{long_period}"\nlocale: vi\nvalues:\n  {long_id}: "61.005"\n'
        '  industrial_output: {period: 2021, value: "61.005"}\n',
    )
    code, _, err = run("check", "--data", str(plan))
    assert code == 2
    file = plan / "actuals" / "2021.yaml"
    assert err == (
        f"{file}:1:9: '2021{'-' * 76}…' (304 characters) is not a period — write a year (2021), "
        "a month (2021-11 or 11/2021), months cumulated (2021-01/2021-11 or 11 tháng 2021), "
        "a date (2021-12-31 or 31/12/2021) or days cumulated (2021-01-01/2021-12-15)\n"
    )
    (plan / "actuals" / "2021.yaml").write_text(
        f'period: 2021\nlocale: vi\nvalues:\n  {long_id}: "61.005"\n', encoding="utf-8"
    )
    code, _, err = run("check", "--data", str(plan))
    assert err == (
        f"{file}:4:3: indicator '{'x' * 80}…' (500 characters) is not defined in targets.yaml "
        "— add it to targets.yaml or fix the id\n"
    )


def test_quoted_escapes_what_cannot_be_seen_and_what_only_looks_like_ascii() -> None:
    assert quoted("61.005") == "'61.005'"
    assert quoted("Sản lượng") == "'Sản lượng'"  # Vietnamese letters are letters
    assert quoted("tax\u200b\u202e\x1b[31m") == "'tax\\u200b\\u202e\\x1b[31m'"  # repr's escapes
    assert quoted("jоbs", strict=True) == "'j\\u043ebs'"  # a Cyrillic о where ASCII belongs
    assert quoted("２０２１", strict=True) == "'\\uff12\\uff10\\uff12\\uff11'"
    assert quoted("sản_lượng", strict=True) == "'sản_lượng'"  # Latin letters stay readable
    assert str(quoted("a" * 81)) == "'" + "a" * 80 + "…' (81 characters)"
    # the length is said in the run's language, with its marks: 1.333.333 in vi
    long = quoted("1" * 1_333_333)
    assert isinstance(long, Message)
    assert words("vi").say(long) == "'" + "1" * 80 + "…' (1.333.333 ký tự)"
    assert words("en").say(long) == "'" + "1" * 80 + "…' (1,333,333 characters)"
    assert quoted("a" * 80) == "'" + "a" * 80 + "'"


def test_a_fifo_as_the_local_plans_targets_is_refused_not_passed_over(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    os.mkfifo(tmp_path / "data" / "targets.yaml")
    exe = Path(sys.executable).parent / "plan-kpi"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "plan_kpi"]
    done = subprocess.run(
        [*command, "check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
        cwd=tmp_path,
        env={**os.environ, "PLAN_KPI_LANG": "en"},
    )
    assert done.returncode == 2  # not the bundled plan, read instead without a word
    assert (
        done.stderr == "data/targets.yaml: " + NOT_REGULAR.format(kind="a named pipe (FIFO)") + "\n"
    )
