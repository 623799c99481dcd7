"""plan-kpi import: spreadsheets of actuals into YAML with exactly the figures the sheet shows."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import SEED as SEED_DATA
from plan_kpi.cli.app import app
from plan_kpi.core.numbers import decimals
from plan_kpi.load.folder import load_plan
from plan_kpi.sheets.number_format import Shown, how_shown
from plan_kpi.sheets.reading import Reading, read_number

runner = CliRunner()

CREDIT = "2021-credit.yaml"
#: The seed's credit figures (footnote 1) as a report sheet lists them: one row a value.
HEADINGS_VI = ["Chỉ tiêu", "Kỳ", "Giá trị", "Tăng/giảm", "Tăng %", "Tỷ trọng %", "So với"]
HEADINGS_VI += ["Trạng thái", "Vị trí"]
HEADINGS_EN = ["indicator", "period", "value", "change", "growth_pct", "share_pct", "vs"]
HEADINGS_EN += ["status", "where"]
ROWS_TEXT = [
    [*row, "chú thích 1"]
    for row in (
        ["loans_total", "2021-12-31", "80.296", "8.570", "11,95", "", "", "chính thức"],
        ["loans_enterprise", "2021-12-31", "22.294", "319", "1,45", "27,76", "", "final"],
        ["loans_sme", "2021-12-31", "9.713", "1.529", "18,68 %", "43,57", "", "Chính thức"],
        ["loans_sme_borrowers", "2021-12-31", "1.025", "", "", "", "", "chính thức"],
        [
            "loans_manufacturing",
            "2021-10-31",
            "6.930",
            "171",
            "2,53",
            "9,16",
            "2020-12-31",
            "final",
        ],
    )
]


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def figures(folder: Path, file_name: str) -> list[tuple[Any, ...]]:
    """Every figure a file gives, digits and printed decimals included (str of the Decimal)."""
    plan = load_plan(folder)
    return sorted(
        (
            a.indicator,
            str(a.period),
            str(a.value.value) if a.value else None,
            a.status,
            a.where,
            tuple((s.relation, str(s.figure.value), str(s.vs)) for s in a.statements),
        )
        for a in plan.actuals
        if a.at.file.endswith(file_name)
    )


def check_rows(folder: Path, period: str) -> list[dict[str, Any]]:
    code, out, err = run("check", "--data", str(folder), "--period", period, "-f", "json")
    assert code in (0, 1), err
    rows: list[dict[str, Any]] = json.loads(out)["rows"]
    return [{k: v for k, v in row.items() if k != "derivations"} for row in rows]


def credit_workbook(path: Path) -> None:
    """The credit figures as a person keeps them in Excel: numbers as numbers, dates as dates."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tín dụng"
    sheet.append(["Báo cáo dư nợ tín dụng năm 2021"])  # a title row above the headings
    sheet.append([])
    sheet.append(HEADINGS_VI)
    end_2021, oct_2021, end_2020 = (
        datetime(2021, 12, 31),
        datetime(2021, 10, 31),
        datetime(2020, 12, 31),
    )
    rows: list[list[Any]] = [
        ["loans_total", end_2021, 80296, 8570, 11.95, None, None],
        ["loans_enterprise", end_2021, 22294, 319, 1.45, 0.2776, None],
        ["loans_sme", end_2021, 9713, 1529, 18.68, 0.4357, None],
        ["Số doanh nghiệp nhỏ và vừa còn dư nợ", end_2021, 1025, None, None, None, None],
        ["loans_manufacturing", oct_2021, 6930, 171, 2.53, 0.0916, end_2020],
    ]  # fmt: skip
    for row in rows:
        sheet.append([*row, "chính thức", "chú thích 1"])
        r = sheet.max_row
        for column in "BG":
            sheet[f"{column}{r}"].number_format = "dd/mm/yyyy"
        sheet[f"C{r}"].number_format = "#,##0"
        sheet[f"E{r}"].number_format = "0.00"  # growth %, typed as 11,95
        sheet[f"F{r}"].number_format = "0.00%"  # share, typed as 27,76 %
    book.save(path)


@pytest.fixture
def without_credit(plan_copy: Path) -> Path:
    (plan_copy / "actuals" / CREDIT).unlink()
    return plan_copy


def test_xlsx_import_gives_the_figures_of_the_yaml(
    seed: Path, without_credit: Path, tmp_path: Path
) -> None:
    book = tmp_path / "credit.xlsx"
    credit_workbook(book)
    code, out, err = run("import", str(book), "--data", str(without_credit), "--sheet", "Tín dụng")
    assert code == 0, err
    written = without_credit / "actuals" / "credit.yaml"
    assert f"Wrote {written}" in out and "5 values from credit.xlsx!Tín dụng" in out
    assert figures(without_credit, "credit.yaml") == figures(seed, CREDIT)
    text = written.read_text(encoding="utf-8")
    assert 'growth_pct: "11,95"' in text and 'share_pct: "27,76"' in text
    assert "loans_sme_borrowers:" in text  # found by its name in targets.yaml
    for period in ("2021-12-31", "2021-10-31", "2021"):
        assert check_rows(without_credit, period) == check_rows(seed, period)


@pytest.mark.parametrize(("headings", "delimiter"), [(HEADINGS_VI, ";"), (HEADINGS_EN, ",")])
def test_csv_import_gives_the_figures_of_the_yaml(
    seed: Path, without_credit: Path, tmp_path: Path, headings: list[str], delimiter: str
) -> None:
    sheet = tmp_path / "credit.csv"
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headings)
    writer.writerows(ROWS_TEXT)
    sheet.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))  # Excel's "CSV UTF-8"
    code, _, err = run("import", str(sheet), "--data", str(without_credit))
    assert code == 0, err
    assert figures(without_credit, "credit.yaml") == figures(seed, CREDIT)
    assert check_rows(without_credit, "2021-12-31") == check_rows(seed, "2021-12-31")


def test_the_yaml_quotes_every_figure(without_credit: Path, tmp_path: Path) -> None:
    book = tmp_path / "credit.xlsx"
    credit_workbook(book)
    run("import", str(book), "--data", str(without_credit))
    text = (without_credit / "actuals" / "credit.yaml").read_text(encoding="utf-8")
    figure_keys = ("value:", "change:", "growth_pct:", "share_pct:")
    lines = [line.strip() for line in text.splitlines() if line.strip().startswith(figure_keys)]
    assert len(lines) == 5 + 4 + 4 + 3
    assert all(line.split(": ", 1)[1].startswith('"') for line in lines)


def one_row_book(path: Path, value: Any, number_format: str = "General", *extra: str) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["indicator", "period", "value", "pct_of_previous"])
    sheet.append(["industrial_output", "2021", 61005, value])
    sheet["D2"].number_format = number_format
    for name in extra:
        book.create_sheet(name)
    book.save(path)


@pytest.fixture
def without_industry(plan_copy: Path) -> Path:
    (plan_copy / "actuals" / "2021-industry.yaml").unlink()
    return plan_copy


def test_a_typed_float_is_the_figure_typed(without_industry: Path, tmp_path: Path) -> None:
    book = tmp_path / "industry.xlsx"
    one_row_book(book, 92.19)
    code, _, err = run("import", str(book), "--data", str(without_industry))
    assert code == 0, err
    text = (without_industry / "actuals" / "industry.yaml").read_text(encoding="utf-8")
    assert 'pct_of_previous: "92,19"' in text
    # 61005 / 0.9219 = 66173.1 (chú thích 5), derived from the imported figures
    rows = {r["indicator"]: r for r in check_rows(without_industry, "2021")}
    assert Decimal(str(rows["industrial_output"]["previous"])) == Decimal("66173.1")


def test_a_formula_result_is_taken_as_the_sheet_shows_it(
    without_industry: Path, tmp_path: Path
) -> None:
    book = tmp_path / "industry.xlsx"
    one_row_book(book, 92.19002887880421, "0.00")  # =61005/66173.1*100, shown as 92,19
    code, out, err = run("import", str(book), "--data", str(without_industry))
    assert code == 0, err
    assert "1 figure held more digits than the sheet shows and was taken as shown" in out
    text = (without_industry / "actuals" / "industry.yaml").read_text(encoding="utf-8")
    assert 'pct_of_previous: "92,19"' in text
    assert "# pct_of_previous: D2: the cell holds 92.19002887880421; taken as the sheet" in text


def test_a_formula_result_without_a_fixed_format_is_refused(
    without_industry: Path, tmp_path: Path
) -> None:
    book = tmp_path / "industry.xlsx"
    one_row_book(book, 92.19002887880421)
    code, _, err = run("import", str(book), "--data", str(without_industry))
    assert code == 2
    assert err.startswith("industry.xlsx!Sheet:D2: the cell holds 92.19002887880421, more digits")
    assert "number format" in err
    assert not (without_industry / "actuals" / "industry.yaml").exists()


def test_a_cell_with_more_whole_digits_than_plan_kpi_reads_is_refused_not_a_crash() -> None:
    # 10^29 is 30 digits, the most a figure has; Python's default context keeps only 28
    assert read_number(1e29, "General") == Reading(Decimal("1" + "0" * 29))
    for huge in (1e30, 1e300):
        reading = read_number(huge, "#,##0")
        assert reading.figure is None
        assert "more than the 30 plan-kpi reads" in str(reading.problem)


def test_reading_numbers_never_goes_through_float_arithmetic() -> None:
    assert read_number(92.19, "General") == Reading(Decimal("92.19"))
    assert read_number(0.30000000000000004, "General").figure is None  # =0.1+0.2, not typed
    assert read_number(0.3, "0.00") == Reading(Decimal("0.30"))  # shown 0,30: 2 decimals
    assert read_number(0.9219, "0.00%") == Reading(Decimal("92.19"), percent_of=Decimal("0.9219"))
    assert read_number(61005, "#,##0.0") == Reading(Decimal("61005.0"))
    reading = read_number(1.005, "0.00")  # Excel shows 1,01: half-up, as Excel rounds
    assert (reading.figure, str(reading.note)) == (
        Decimal("1.01"),
        "the cell holds 1.005; taken as the sheet shows it (0.00)",
    )
    assert how_shown("General", Decimal(1)) == Shown(general=True)
    assert how_shown("#,##0.00_);[Red](#,##0.00)", Decimal(1)) == Shown(fixed=2, places=2)
    assert how_shown("0.0#", Decimal(1)) == Shown(fixed=1, places=2)
    # a quoted % is text, not a percentage
    assert how_shown('0.00" %"', Decimal(1)) == Shown(fixed=2, places=2)


def test_bad_cells_are_named_and_nothing_is_written(without_credit: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "credit.csv"
    sheet.write_text(
        "chỉ tiêu,kỳ,giá trị,tăng %,trạng thái\n"
        'loans_totl,2021-12-31,80.296,"11,95",final\n'
        'loans_sme,2021-13-31,9.713,"18,68",final\n'
        'loans_enterprise,2021-12-31,9.2,"1,45",ước lượng\n',
        encoding="utf-8",
    )
    code, out, err = run("import", str(sheet), "--data", str(without_credit))
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == (
        "credit.csv:2:1: no indicator 'loans_totl' in targets.yaml — did you mean 'loans_total'?"
    )
    assert lines[1].startswith("credit.csv:3:2: ")
    assert lines[2].startswith("credit.csv:4:3: value: '9.2' is not a well-formed number")
    assert lines[3].startswith("credit.csv:4:5: unknown status 'ước lượng'")
    assert len(lines) == 4
    assert not (without_credit / "actuals" / "credit.yaml").exists()


def test_a_bound_is_imported_as_typed_but_never_a_target(
    without_credit: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "credit.csv"
    sheet.write_text(
        "indicator,period,value,growth_pct,target\n"
        'loans_total,2021-12-31,~80.296,">11",\n'
        "loans_sme,2021-12-31,9.713,,>9.000\n",
        encoding="utf-8",
    )
    code, _, err = run("import", str(sheet), "--data", str(without_credit))
    assert code == 2
    assert err.splitlines() == [
        "credit.csv:3:5: a target cannot be a bound: '>9.000' — write the level the plan sets "
        "(9.000); a target is met at or above it (direction: increase) or at or below it "
        "(direction: decrease)"
    ]
    sheet.write_text(
        'indicator,period,value,growth_pct\nloans_total,2021-12-31,~80.296,">11"\n',
        encoding="utf-8",
    )
    code, _, err = run("import", str(sheet), "--data", str(without_credit))
    assert code == 0, err
    text = (without_credit / "actuals" / "credit.yaml").read_text(encoding="utf-8")
    assert 'value: "~80.296"' in text and 'growth_pct: ">11"' in text
    loaded = load_plan(without_credit)
    (total,) = [a for a in loaded.actuals if a.at.file.endswith("credit.yaml")]
    assert total.value is not None
    assert (total.value.value, total.value.bound) == (Decimal(80296), "about")


def test_a_cell_under_no_heading_is_refused_not_dropped(
    without_credit: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "credit.csv"
    # 80,296 typed with an English comma: a fourth cell the header does not name
    sheet.write_text("indicator,period,value\nloans_total,2021-12-31,80,296\n", encoding="utf-8")
    code, _, err = run("import", str(sheet), "--data", str(without_credit))
    assert code == 2
    assert err == (
        "credit.csv:2:4: a cell under no heading holds '296' — give its column a heading, "
        "or remove the cell\n"
    )
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["indicator", "period", None, "value"])
    ws.append(["loans_total", "2021-12-31", 8570, 80296])
    book.save(tmp_path / "b.xlsx")
    code, _, err = run("import", str(tmp_path / "b.xlsx"), "--data", str(without_credit))
    assert code == 2
    assert err.startswith("b.xlsx!Sheet:C2: a cell under no heading holds '8570'")


def refused_by_import_and_loader(plan: Path, tmp_path: Path, text: str) -> tuple[str, str]:
    """What import and the plan's own CSV actuals say of the same CSV text (both exit 2)."""
    (tmp_path / "credit.csv").write_text(text, encoding="utf-8")
    code, _, by_import = run("import", str(tmp_path / "credit.csv"), "--data", str(plan))
    assert code == 2
    (plan / "actuals" / "credit.csv").write_text(text, encoding="utf-8")
    code, _, by_loader = run("check", "--data", str(plan))
    assert code == 2
    return by_import, by_loader


def test_a_cell_over_128_kib_is_a_problem_at_its_line(without_credit: Path, tmp_path: Path) -> None:
    message = "CSV: a cell longer than 128 KiB — no figure, name or note is that long"
    text = "indicator,period,value,source\nloans_total,2021-12-31,80.296," + "x" * 140_000 + "\n"
    by_import, by_loader = refused_by_import_and_loader(without_credit, tmp_path, text)
    assert by_import.startswith(f"credit.csv:2:1: {message}")
    assert by_loader.startswith(f"{without_credit / 'actuals' / 'credit.csv'}:2:1: {message}")


@pytest.mark.parametrize(
    ("number_format", "period"),
    [
        ("mmm-yy", "2021-11"),  # Excel shows Nov-21: the month, not 1 November
        ("mm/yyyy", "2021-11"),
        ('[$-42A]mmmm" năm "yyyy;@', "2021-11"),  # "tháng mười một năm 2021"
        ("yyyy", "2021"),
        ("dd/mm/yyyy", "2021-11-01"),
        ("m/d/yyyy", "2021-11-01"),
    ],
)
def test_an_excel_date_is_the_period_its_format_shows(
    without_credit: Path, tmp_path: Path, number_format: str, period: str
) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["indicator", "period", "value"])
    ws.append(["loans_total", datetime(2021, 11, 1), 80296])
    ws["B2"].number_format = number_format
    book.save(tmp_path / "b.xlsx")
    code, _, err = run("import", str(tmp_path / "b.xlsx"), "--data", str(without_credit))
    assert code == 0, err
    (read,) = figures(without_credit, "b.yaml")
    assert read[:3] == ("loans_total", period, "80296")


def test_a_column_given_twice_is_refused(without_credit: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "credit.csv"
    sheet.write_text(
        "indicator,period,value,giá trị\nloans_total,2021-12-31,80.296,80.297\n",
        encoding="utf-8",
    )
    code, _, err = run("import", str(sheet), "--data", str(without_credit))
    assert code == 2
    assert err.startswith("credit.csv:1:4: a second 'value' column (the first is line 1, column 3)")


def test_vs_without_a_stated_figure_is_refused_by_import_and_loader(
    without_credit: Path, tmp_path: Path
) -> None:
    text = "indicator;period;value;vs\nloans_total;2021-12-31;80.296;2020-12-31\n"
    message = (
        "'vs' names the period stated figures compare with, but the row has none — "
        "fill in the stated figure, or empty the vs cell\n"
    )
    by_import, by_loader = refused_by_import_and_loader(without_credit, tmp_path, text)
    assert by_import == f"credit.csv:2:4: {message}"
    assert by_loader.endswith(f"credit.csv:2:4: {message}")


def test_the_plans_csv_actuals_read_semicolons_as_import_does(
    seed: Path, without_credit: Path
) -> None:
    # Excel with Vietnamese settings saves ';' between cells, ',' being the decimal mark
    rows = [";".join(["indicator", "period", "value", "change", "growth_pct", "where"])]
    rows += [";".join([r[0], r[1], r[2], r[3], r[4], r[8]]) for r in ROWS_TEXT[:2]]
    (without_credit / "actuals" / "credit.csv").write_text("\n".join(rows) + "\n", "utf-8")
    plan = load_plan(without_credit)
    read = {(a.indicator, str(a.period)): a for a in plan.actuals if a.at.file.endswith("csv")}
    total = read[("loans_total", "2021-12-31")]
    assert total.value is not None and total.value.value == Decimal(80296)
    assert [(s.relation, s.figure.value) for s in total.statements] == [
        ("change", Decimal(8570)),
        ("growth_pct", Decimal("11.95")),
    ]


def test_bad_workbook_cells_name_sheet_and_cell(without_credit: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append(["chỉ tiêu", "kỳ", "giá trị", "đơn vị tính", "tăng trưởng"])
    sheet.append(["loans_total", "2021-12-31", "#DIV/0!"])
    book.save(tmp_path / "b.xlsx")
    code, _, err = run("import", str(tmp_path / "b.xlsx"), "--data", str(without_credit))
    assert code == 2
    assert err.startswith("b.xlsx!Sheet1:E1: unknown heading 'tăng trưởng' — did you mean")
    sheet.delete_cols(5)
    book.save(tmp_path / "b.xlsx")
    code, _, err = run("import", str(tmp_path / "b.xlsx"), "--data", str(without_credit))
    assert code == 2
    assert err == "b.xlsx!Sheet1:C2: the cell shows #DIV/0! — fix its formula or type the figure\n"


def test_never_overwrites(without_credit: Path, tmp_path: Path) -> None:
    mine = without_credit / "actuals" / "credit.yaml"
    seed_credit = SEED_DATA / "actuals" / CREDIT
    mine.write_bytes(seed_credit.read_bytes())
    sheet = tmp_path / "credit.csv"
    sheet.write_text("indicator,period,value\nloans_total,2021-12-31,80.296\n", encoding="utf-8")
    code, _, err = run("import", str(sheet), "--data", str(without_credit))
    assert code == 2
    assert "already exists" in err
    assert mine.read_bytes() == seed_credit.read_bytes()


def test_a_figure_already_in_the_plan_is_refused(plan_copy: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "again.csv"
    sheet.write_text("indicator,period,value\nloans_total,2021-12-31,80.296\n", encoding="utf-8")
    code, _, err = run("import", str(sheet), "--data", str(plan_copy))
    assert code == 2
    assert err.startswith("again.csv:2:1: loans_total 2021-12-31 is already in the plan at ")
    assert "2021-credit.yaml:" in err


def test_one_file_a_period_when_an_indicator_repeats(plan_copy: Path, tmp_path: Path) -> None:
    for name in (CREDIT, "2020-credit-prior.yaml"):
        (plan_copy / "actuals" / name).unlink()
    sheet = tmp_path / "loans.csv"
    sheet.write_text(
        "indicator,period,value\nloans_total,2020-12-31,71.726\nloans_total,2021-12-31,80.296\n",
        encoding="utf-8",
    )
    code, _, err = run("import", str(sheet), "--data", str(plan_copy))
    assert code == 0, err
    made = sorted(p.name for p in (plan_copy / "actuals").glob("loans*"))
    assert made == ["loans.2020-12-31.yaml", "loans.2021-12-31.yaml"]
    rows = {r["indicator"]: r for r in check_rows(plan_copy, "2021-12-31")}
    assert rows["loans_total"]["growth_pct"] == 11.95  # 80296 / 71726 − 1 = 11.948 %


def test_a_workbook_of_several_sheets_needs_sheet(without_industry: Path, tmp_path: Path) -> None:
    book = tmp_path / "industry.xlsx"
    one_row_book(book, 92.19, "General", "Ghi chú")
    code, _, err = run("import", str(book), "--data", str(without_industry))
    assert code == 2
    assert "has sheets 'Sheet', 'Ghi chú' — choose one with --sheet NAME" in err
    code, _, err = run("import", str(book), "--data", str(without_industry), "--sheet", "Sheet")
    assert code == 0, err


def test_missing_openpyxl(
    without_industry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = tmp_path / "industry.xlsx"
    one_row_book(book, 92.19)
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    code, _, err = run("import", str(book), "--data", str(without_industry))
    assert code == 2
    assert "needs the openpyxl package — install it: pip install 'plan-kpi[excel]'" in err
    sheet = tmp_path / "industry.csv"
    sheet.write_text("indicator,period,value\nindustrial_output,2021,61.005\n", encoding="utf-8")
    code, _, err = run("import", str(sheet), "--data", str(without_industry))
    assert code == 0, err


def test_import_needs_a_plan_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    sheet = tmp_path / "x.csv"
    sheet.write_text("indicator,period,value\n", encoding="utf-8")
    code, _, err = run("import", str(sheet))
    assert code == 2
    assert "give --data DIR" in err


figures_excel_keeps = st.builds(
    lambda digits, exponent: Decimal(digits).scaleb(exponent),
    st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1),
    st.integers(min_value=-8, max_value=3),
)


@given(figures_excel_keeps)
def test_any_figure_excel_keeps_is_read_back_as_typed(typed: Decimal) -> None:
    """Excel stores a typed figure as the nearest double (float() here plays Excel)."""
    stored = float(typed)
    reading = read_number(stored, "General")
    assert (reading.note, reading.problem) == (None, None)
    assert reading.figure == typed
    assert decimals(reading.figure) == decimals(typed.normalize())


@given(figures_excel_keeps, st.integers(min_value=0, max_value=8))
def test_a_fixed_format_gives_its_decimals(typed: Decimal, places: int) -> None:
    assume(decimals(typed.normalize()) <= places)
    number_format = "0" + ("." + "0" * places if places else "")
    reading = read_number(float(typed), number_format)
    assert (reading.note, reading.problem) == (None, None)
    read = reading.figure
    assert read is not None and read == typed and decimals(read) == places
