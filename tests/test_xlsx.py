"""--format xlsx -o FILE: numbers as numbers, percentages as such, read back with openpyxl."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from plan_kpi.cli.app import app
from plan_kpi.render.tabular import Cell
from plan_kpi.render.xlsx import number_format, sheet_name

runner = CliRunner()


def exact(value: Any) -> Decimal:
    """A number read from the xlsx as the shortest decimal of its double (no float arithmetic)."""
    assert isinstance(value, int | float) and not isinstance(value, bool), value
    return Decimal(repr(value))


def sheet_rows(path: Path) -> tuple[list[str], dict[str, dict[str, Any]], list[str]]:
    """Headings, the cells of each indicator's row by heading (keyed by its id, in the last
    column), and the notes: the notes sheet's marks and texts, then the summary line."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    headings = [str(c.value) for c in sheet[2]]
    assert headings[-1] in ("Indicator id", "Mã chỉ tiêu"), headings
    rows: dict[str, dict[str, Any]] = {}
    summary: list[str] = []
    for line in sheet.iter_rows(min_row=3):
        if line[-1].value is None:
            summary += [str(line[0].value)] if line[0].value is not None else []
            continue
        rows[str(line[-1].value)] = dict(zip(headings, line, strict=True))
    notes = []
    if len(book.worksheets) > 1:
        notes = [
            f"{mark} {text}"
            for mark, text in book.worksheets[1].iter_rows(min_row=2, values_only=True)
        ]
    return headings, rows, notes + summary


def test_check_xlsx_numbers_and_formats(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "check.xlsx"
    result = runner.invoke(
        app,
        [
            "check",
            "--data",
            str(seed),
            "--period",
            "2021",
            "--lang",
            "en",
            "-f",
            "xlsx",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 1, result.stderr  # industrial_output missed its target
    assert result.stdout == ""
    headings, rows, notes = sheet_rows(out)
    # the name first, the id last
    assert headings[:6] == [
        "Indicator",
        "Unit",
        "Target",
        "Target derived",
        "Target growth %",
        "Actual",
    ]
    assert headings[-2:] == ["Period", "Indicator id"]
    output = rows["industrial_output"]
    assert exact(output["Target"].value) == Decimal("70962")  # "KH 70.962", chú thích 5
    assert output["Target"].number_format == "#,##0"
    assert exact(output["Actual"].value) == Decimal("61005")
    # 85,97 % as printed in chú thích 5: stored as a fraction, shown as a percentage
    assert exact(output["% of target"].value) == Decimal("0.8597")
    assert output["% of target"].number_format == "0.00%"
    assert exact(output["Gap"].value) == Decimal("-9957")  # 61005 − 70962
    # 61005 / 0.9219 = 66173.1 (derived, one decimal more; footnote 1)
    assert exact(output["Previous"].value) == Decimal("66173.1")
    assert output["Previous"].number_format == '#,##0.0" [1]"'
    assert (output["Previous derived"].value, output["Target derived"].value) == ("derived", None)
    assert exact(output["Growth %"].value) == Decimal("-0.0781")  # 92,19 % − 100 %
    assert output["Status"].value == "missed"
    assert output["Indicator"].value == "Industrial production value (2010 constant prices)"
    assert output["Indicator"].data_type == "s"
    enrolment = rows["vocational_enrolment"]
    assert exact(enrolment["% of target"].value) == Decimal("1.0119")  # 15178 / 15000
    assert notes[0].startswith(
        "[1] Industrial production value (2010 constant prices): actual for 2020 ="
    )
    assert notes[-1].startswith("Summary: met 1, missed 2")


def test_a_growth_target_is_a_percentage_of_its_own_column(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "check.xlsx"
    args = ["check", "--data", str(seed), "--period", "2022", "--lang", "en"]
    result = runner.invoke(app, [*args, "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 1, result.stderr  # no 2022 figure yet
    _, rows, _ = sheet_rows(out)
    grdp = rows["industrial_grdp"]  # 2022: {growth_pct: "9,2"}, not a level in tỷ đồng
    assert grdp["Target"].value is None
    assert exact(grdp["Target growth %"].value) == Decimal("0.092")
    assert grdp["Target growth %"].number_format == "0.00%"


def test_xlsx_matches_the_json_report(seed: Path, tmp_path: Path) -> None:
    """Every figure of the JSON report is in the workbook, percentages divided by 100."""
    out = tmp_path / "check.xlsx"
    args = ["check", "--data", str(seed), "--period", "2021"]
    runner.invoke(app, [*args, "-f", "xlsx", "-o", str(out)])
    data = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout, parse_float=Decimal)
    _, rows, _ = sheet_rows(out)
    assert set(rows) == {row["indicator"] for row in data["rows"]}
    keys = {"Kế hoạch": "target", "Thực hiện": "actual", "% KH": "attainment_pct"}
    keys |= {"Chênh lệch": "gap", "Cùng kỳ": "previous", "Tăng/giảm %": "growth_pct"}
    for row in data["rows"]:
        cells = rows[row["indicator"]]
        for heading, key in keys.items():
            expected = row[key]
            if key == "target" and expected is None and row["target_growth_pct"] is not None:
                continue
            value = cells[heading].value
            if expected is None:
                assert value is None, (row["indicator"], key)
            elif key in row["bounds"]:
                # a bound ("trên 90 %", "khoảng 22.294") is its sign and number, as text: not a
                # figure to add up; the number as the vi table writes it ('.' groups, ',' decimals)
                signs = {"above": ">", "below": "<", "at_least": "≥", "at_most": "≤", "about": "~"}
                sign = signs[row["bounds"][key]]
                assert isinstance(value, str) and value.startswith(sign), (row["indicator"], key)
                number = value.removeprefix(sign).strip().replace(".", "").replace(",", ".")
                assert Decimal(number) == expected, (row["indicator"], key)
            else:
                scale = Decimal(100) if key.endswith("_pct") else Decimal(1)
                assert exact(value) * scale == expected, (row["indicator"], key)


def test_xlsx_needs_an_output_file(seed: Path) -> None:
    result = runner.invoke(app, ["check", "--data", str(seed), "-f", "xlsx"])
    assert result.exit_code == 2
    assert "-o FILE.xlsx" in result.stderr


def test_output_is_never_overwritten_without_force(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "check.xlsx"
    out.write_bytes(b"mine")
    result = runner.invoke(app, ["check", "--data", str(seed), "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 2
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert out.read_bytes() == b"mine"
    forced = runner.invoke(
        app, ["check", "--data", str(seed), "-f", "xlsx", "-o", str(out), "--force"]
    )
    assert forced.exit_code == 1
    assert out.read_bytes().startswith(b"PK")  # a zip: the workbook
    assert [p.name for p in tmp_path.iterdir()] == ["check.xlsx"]  # no temp file left


def test_quiet_still_writes_the_file(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "check.xlsx"
    result = runner.invoke(app, ["check", "--data", str(seed), "-f", "xlsx", "-o", str(out), "-q"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert out.is_file()


def test_output_file_for_text_formats(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "check.json"
    args = ["check", "--data", str(seed), "--period", "2021", "-f", "json"]
    result = runner.invoke(app, [*args, "-o", str(out)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert out.read_text(encoding="utf-8") == runner.invoke(app, args).stdout


def test_text_from_data_is_never_a_formula(plan_copy: Path, tmp_path: Path) -> None:
    targets = plan_copy / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    edited = text.replace('en: "Mining and quarrying"', 'en: "=1+1"', 1)
    assert edited != text
    targets.write_text(edited, encoding="utf-8")
    out = tmp_path / "check.xlsx"
    runner.invoke(
        app, ["check", "--data", str(plan_copy), "--lang", "en", "-f", "xlsx", "-o", str(out)]
    )
    book = openpyxl.load_workbook(out)
    sheet = book.active
    assert sheet is not None
    names = [row[0] for row in sheet.iter_rows(min_row=3) if str(row[0].value).startswith("=1+1")]
    assert names, "the edited name should be in the workbook"
    assert all(cell.data_type == "s" for cell in names)


def test_number_format() -> None:
    assert number_format(Cell("85,97", number=Decimal("85.97"), places=2, percent=True)) == "0.00%"
    assert number_format(Cell("61.005", number=Decimal(61005))) == "#,##0"
    marked = Cell("66.173,1 [1]", number=Decimal("66173.1"), places=1, mark=" [1]")
    assert number_format(marked) == '#,##0.0" [1]"'


def test_missing_openpyxl_says_how_to_install(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    out = tmp_path / "check.xlsx"
    result = runner.invoke(app, ["check", "--data", str(seed), "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 2
    assert "pip install 'plan-kpi[excel]'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_outlook_xlsx(seed: Path, tmp_path: Path) -> None:
    """Every report command that uses emit() gets the same workbook output."""
    out = tmp_path / "outlook.xlsx"
    result = runner.invoke(
        app, ["outlook", "--data", str(seed), "--lang", "en", "-f", "xlsx", "-o", str(out)]
    )
    assert result.exit_code == 1, result.stderr  # industrial_output: regression
    _, rows, _ = sheet_rows(out)
    output = rows["industrial_output"]
    assert exact(output["Target"].value) == Decimal("66620")  # mục III.1
    # 61005 / 66173.1 − 1 = −7.81 % over 2020–2021
    assert exact(output["Observed CAGR %"].value) == Decimal("-0.0781")
    assert output["Observed CAGR %"].number_format == "0.00%"


def test_the_workbook_prints_on_a4(seed: Path, tmp_path: Path) -> None:
    """A4 landscape, one page wide, the heading row on every page; the notes on their own
    sheet, a mark and a text a row."""
    out = tmp_path / "c.xlsx"
    result = runner.invoke(app, ["check", "--data", str(seed), "--period", "2021", "-o", str(out)])
    assert result.exit_code == 1, result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Kiểm tra 2021", "Ghi chú"]
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9)  # 9: A4 in OOXML
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)  # one page wide, any long
        assert sheet.sheet_properties.pageSetUpPr is not None
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    table, notes = book.worksheets
    assert table.print_title_rows == "$2:$2"  # the headings, repeated on every page
    assert notes.print_title_rows == "$1:$1"
    assert table.freeze_panes == "B3"
    assert table["A2"].value == "Chỉ tiêu"
    assert table["A3"].value == "Giá trị sản xuất công nghiệp (giá so sánh 2010)"
    marks = [row[0] for row in notes.iter_rows(min_row=2, values_only=True)]
    # as the table numbers them, [1] … [8] ([8]: the money paid in the first 11 months of 2020,
    # a row of 2021 as the report has it)
    assert marks == [f"[{k}]" for k in range(1, 9)]
    texts = [row[1] for row in notes.iter_rows(min_row=2, values_only=True)]
    assert str(texts[0]).startswith(
        "Giá trị sản xuất công nghiệp (giá so sánh 2010): số thực hiện năm 2020 ="
    )
    # under the table only the summary: no note as a long string in column A
    assert not [c.value for c in table["A"] if str(c.value).startswith("[")]


def test_sheet_names_keep_excel_s_rules(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "c.xlsx"
    args = ["check", "--data", str(seed), "--period", "2021-01/2021-11", "--lang", "en"]
    runner.invoke(app, [*args, "-o", str(out)])
    assert openpyxl.load_workbook(out).sheetnames[0] == "Check 2021-01–2021-11"  # no "/"
    assert sheet_name("Kiểm tra 2021-01/2021-11") == "Kiểm tra 2021-01–2021-11"
    assert sheet_name("a[b]:c*?\\d") == "a(b)-c-d"
    assert sheet_name("'" + "x" * 40) == "x" * 31  # 31 characters at most, no leading quote
    assert sheet_name("''") == "plan-kpi"
