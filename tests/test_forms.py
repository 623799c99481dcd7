"""plan-kpi forms: a fill-in workbook per agency; plan-kpi import reads a returned one back."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from conftest import invoke_said
from plan_kpi.cli.app import app
from plan_kpi.core.aliases import status_of
from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import parse_period
from plan_kpi.say.catalog import words
from plan_kpi.sheets.forms import FORM_MARK, STATUS_WORDS, form_file_stem


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    """The command, in the language its run speaks (as plan-kpi's main() chooses it)."""
    return invoke_said(app, *args, env=env)


@pytest.fixture
def seed_forms(seed: Path, tmp_path: Path) -> Path:
    out = tmp_path / "bieu-mau"
    result = invoke("forms", "--data", str(seed), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """plan-kpi init's plan (vi): three agencies, targets of 2025, figures of 2024."""
    folder = tmp_path / "kh"
    assert invoke("init", str(folder)).exit_code == 0
    return folder


def rows_of(sheet: Any) -> dict[str, int]:
    """Each indicator's row, by the id in hidden column A."""
    return {
        str(sheet.cell(row=r, column=1).value): r
        for r in range(7, sheet.max_row + 1)
        if sheet.cell(row=r, column=1).value
    }


def column_of(sheet: Any, key: str) -> int:
    """A column by its key in the hidden row 6."""
    return next(
        c for c in range(1, sheet.max_column + 1) if sheet.cell(row=6, column=c).value == key
    )


# --- the forms ------------------------------------------------------------------------------


def test_one_workbook_per_agency_named_after_it(seed_forms: Path) -> None:
    # the bundled plan's figures are of 2021: the forms are for 2022, its next targets
    assert sorted(p.name for p in seed_forms.iterdir()) == [
        "cuc-quan-ly-thi-truong-2022.xlsx",
        "cuc-thong-ke-2022.xlsx",
        "cuc-thue-tinh-2022.xlsx",
        "ngan-hang-nha-nuoc-chi-nhanh-tinh-2022.xlsx",
        "so-cong-thuong-2022.xlsx",
        "so-lao-dong-thuong-binh-va-xa-hoi-2022.xlsx",
    ]


@pytest.mark.parametrize(
    ("agency", "period", "lang", "stem"),
    [
        (
            "Sở Lao động - Thương binh và Xã hội",
            "2026",
            "vi",
            "so-lao-dong-thuong-binh-va-xa-hoi-2026",
        ),
        (
            "Ngân hàng Nhà nước - Chi nhánh Tỉnh",
            "2026",
            "vi",
            "ngan-hang-nha-nuoc-chi-nhanh-tinh-2026",
        ),
        ("Đồng Tháp", "2026-01/2026-11", "vi", "dong-thap-2026-01_2026-11"),
        (unicodedata.normalize("NFD", "Cục Thuế"), "2026", "vi", "cuc-thue-2026"),  # NFD too
        ("UBND tỉnh / huyện: (A&B)", "2026", "en", "ubnd-tinh-huyen-a-b-2026"),
        (None, "2026", "vi", "chua-giao-co-quan-2026"),
        (None, "2026", "en", "no-agency-2026"),
    ],
)
def test_a_form_file_name_is_the_agency_in_ascii(
    agency: str | None, period: str, lang: Locale, stem: str
) -> None:
    assert form_file_stem(agency, parse_period(period), lang) == stem


def test_the_instructions_come_first_in_the_plans_language(
    seed_forms: Path, seed: Path, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(seed_forms / "cuc-thong-ke-2022.xlsx")
    assert book.sheetnames == ["Hướng dẫn", "Biểu mẫu"]
    guide = [row[0] for row in book["Hướng dẫn"].iter_rows(values_only=True)]
    assert guide[0] == "Hướng dẫn điền biểu mẫu"
    assert any("để trống cả dòng (không ghi 0)" in str(line) for line in guide)
    assert any("ước, sơ bộ, chính thức" in str(line) for line in guide)
    out = tmp_path / "en"
    assert invoke("forms", "--data", str(seed), "-o", str(out), "--lang", "en").exit_code == 0
    english = openpyxl.load_workbook(out / "cuc-thong-ke-2022.xlsx")
    assert english.sheetnames == ["Instructions", "Form"]


def test_a_form_lists_the_agencys_indicators_with_their_references(seed_forms: Path) -> None:
    sheet = openpyxl.load_workbook(seed_forms / "cuc-thong-ke-2022.xlsx")["Biểu mẫu"]
    assert sheet["A1"].value == FORM_MARK and sheet["A2"].value == "dong-thap-nq124-2022"
    rows = rows_of(sheet)
    assert list(rows) == [
        "industrial_output",
        "industrial_output.mining",
        "industrial_output.manufacturing",
        "industrial_output.electricity",
        "industrial_output.water",
        "industrial_grdp",  # a 2022 growth target
        "industrial_grdp_share",  # a 2021 figure
        "industrial_exports",  # a 2022 target
    ]
    output = rows["industrial_output"]
    assert (
        sheet.cell(row=output, column=4).value == "Giá trị sản xuất công nghiệp (giá so sánh 2010)"
    )
    assert sheet.cell(row=output, column=5).value == "tỷ đồng"
    target, previous = sheet.cell(row=output, column=7), sheet.cell(row=output, column=8)
    assert (target.value, target.number_format) == (66620, "#,##0")  # the 2022 target
    assert (previous.value, previous.number_format) == (61005, "#,##0")  # 2021's figure
    grdp = sheet.cell(row=rows["industrial_grdp"], column=7)
    assert Decimal(str(grdp.value)) == Decimal("0.092")  # +9,2 % as a percentage
    assert grdp.number_format == "+0.0%;-0.0%;0.0%"
    manufacturing = rows["industrial_output.manufacturing"]
    note = sheet.cell(row=manufacturing, column=column_of(sheet, "share_pct") + 1).value
    assert note == "số năm trước được tính suy ra từ các số liệu khác"  # 61.005 × 98,53 %
    # a part is indented under its parent
    assert sheet.cell(row=manufacturing, column=4).alignment.indent == 2


def test_a_bounded_previous_figure_is_written_as_printed(seed_forms: Path) -> None:
    # "trên 90%" (2021) is no number to add up: text, with the sign; "khoảng 22.294", a
    # balance rounded to the tỷ đồng (rounded: true), is a number
    labour = openpyxl.load_workbook(seed_forms / "so-lao-dong-thuong-binh-va-xa-hoi-2022.xlsx")
    sheet = labour["Biểu mẫu"]
    rows = rows_of(sheet)
    previous = sheet.cell(row=rows["vocational_graduates_employed_college_intermediate"], column=8)
    assert (previous.value, previous.data_type) == ("> 90", "s")
    bank = openpyxl.load_workbook(seed_forms / "ngan-hang-nha-nuoc-chi-nhanh-tinh-2022.xlsx")
    sheet = bank["Biểu mẫu"]
    previous = sheet.cell(row=rows_of(sheet)["loans_enterprise"], column=8)
    assert (previous.value, previous.data_type) == (22294, "n")


def test_the_relations_a_row_asks_for(seed_forms: Path) -> None:
    sheet = openpyxl.load_workbook(seed_forms / "cuc-thong-ke-2022.xlsx")["Biểu mẫu"]
    rows = rows_of(sheet)
    headings = {
        key: sheet.cell(row=5, column=column_of(sheet, key)).value
        for key in ("pct_of_target", "pct_of_previous", "growth_pct", "share_pct")
    }
    assert headings == {
        "pct_of_target": "% KH",
        "pct_of_previous": "% so với cùng kỳ",
        "growth_pct": "tăng/giảm %",
        "share_pct": "tỷ trọng %",
    }

    def asked(indicator: str) -> list[str]:
        return [
            key
            for key in headings
            if sheet.cell(row=rows[indicator], column=column_of(sheet, key)).protection.locked
            is False
        ]

    # what the 2021 report printed beside each (actuals/2021-industry.yaml)
    assert asked("industrial_output") == ["pct_of_target", "pct_of_previous"]
    assert asked("industrial_output.manufacturing") == ["pct_of_previous", "share_pct"]
    assert asked("industrial_output.electricity") == ["growth_pct"]
    # nothing printed before: what the target makes meaningful
    assert asked("industrial_grdp") == ["growth_pct"]  # a growth target
    assert asked("industrial_exports") == ["pct_of_target"]  # a level target
    assert asked("industrial_grdp_share") == []


def test_only_the_cells_to_fill_are_unlocked_and_validated(seed_forms: Path) -> None:
    sheet = openpyxl.load_workbook(seed_forms / "cuc-thong-ke-2022.xlsx")["Biểu mẫu"]
    assert sheet.protection.sheet is True
    assert not sheet.protection.password  # no password: a user who must can unprotect it
    row = rows_of(sheet)["industrial_output"]
    value, status = column_of(sheet, "value"), column_of(sheet, "status")
    for column in range(3, 9):  # STT, name, unit, period, target, last year's figure
        assert sheet.cell(row=row, column=column).protection.locked is True
    for column in (value, status):
        assert sheet.cell(row=row, column=column).protection.locked is False
    assert sheet.cell(row=row, column=value).number_format == "General"  # read as typed
    checks = {dv.type: dv for dv in sheet.data_validations.dataValidation}
    assert f"{sheet.cell(row=row, column=value).coordinate}" in str(checks["decimal"].sqref)
    assert f"{sheet.cell(row=row, column=status).coordinate}" in str(checks["list"].sqref)
    assert checks["list"].formula1 == '"ước,sơ bộ,chính thức"'


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_kinds_of_figure_listed_are_the_ones_import_reads(lang: Locale) -> None:
    for key, message in STATUS_WORDS.items():
        assert status_of(words(lang).say(message)) == key


def test_hidden_ids_print_setup_and_frozen_names(seed_forms: Path) -> None:
    sheet = openpyxl.load_workbook(seed_forms / "cuc-thong-ke-2022.xlsx")["Biểu mẫu"]
    assert sheet.column_dimensions["A"].hidden and sheet.column_dimensions["B"].hidden
    assert sheet.row_dimensions[6].hidden
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
        "landscape",
        9,
        1,
        0,
    )
    assert sheet.print_title_rows == "$5:$5"
    assert str(sheet.print_area).startswith("'Biểu mẫu'!$C$1:")  # the hidden columns not printed
    assert sheet.freeze_panes == "E7"


def test_forms_never_replace_a_file_without_force(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("forms", "--data", str(seed), "-o", str(out)).exit_code == 0
    target = out / "cuc-thue-tinh-2022.xlsx"
    target.write_bytes(b"the agency's own file")
    again = invoke("forms", "--data", str(seed), "-o", str(out))
    assert again.exit_code == 2
    assert "-2022.xlsx đã có — chưa ghi tệp nào; dùng --force" in again.stderr
    assert target.read_bytes() == b"the agency's own file"
    forced = invoke("forms", "--data", str(seed), "-o", str(out), "--force")
    assert forced.exit_code == 0
    assert openpyxl.load_workbook(target)["Biểu mẫu"]["A1"].value == FORM_MARK


def test_only_the_agencies_asked_for(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(
        "forms", "--data", str(seed), "-o", str(out), "-a", "Cục Thuế Tỉnh", "--period", "2022"
    )
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["cuc-thue-tinh-2022.xlsx"]
    assert "Đã ghi" in result.stdout and "Cục Thuế Tỉnh, 1 chỉ tiêu." in result.stdout
    unknown = invoke("forms", "--data", str(seed), "-o", str(out), "-a", "Cục Thuế")
    assert unknown.exit_code == 2
    assert "không có cơ quan 'Cục Thuế'" in unknown.stderr


def test_two_agencies_one_file_name_is_refused(plan: Path, tmp_path: Path) -> None:
    targets = plan / "targets.yaml"
    targets.write_text(
        targets.read_text(encoding="utf-8").replace('"Công an tỉnh"', '"Cục Thống Kê"'),
        encoding="utf-8",
    )
    result = invoke("forms", "--data", str(plan), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "'Cục Thống kê' và 'Cục Thống Kê'" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# --- a returned form, read back -----------------------------------------------------------


def fill(path: Path, figures: dict[tuple[str, str], int | float | str]) -> None:
    """Type into a form as an agency does: (indicator id, column key) → cell value."""
    book = openpyxl.load_workbook(path)
    sheet = book["Biểu mẫu"]
    rows = rows_of(sheet)
    for (indicator, key), value in figures.items():
        sheet.cell(row=rows[indicator], column=column_of(sheet, key)).value = value
    book.save(path)


@pytest.fixture
def returned(plan: Path, tmp_path: Path) -> Path:
    out = tmp_path / "bieu-mau"
    assert invoke("forms", "--data", str(plan), "-o", str(out)).exit_code == 0
    return out / "cuc-thong-ke-2025.xlsx"


def test_a_returned_form_is_read_back_whatever_rows_are_empty(plan: Path, returned: Path) -> None:
    fill(
        returned,
        {
            ("industrial_output", "value"): 73000,
            ("industrial_output", "status"): "ước",
            ("industrial_output", "pct_of_target"): 100.69,
            ("industrial_output.manufacturing", "value"): 66000.5,
        },
    )
    result = invoke("import", str(returned), "--data", str(plan))
    assert result.exit_code == 0, result.stderr
    written = plan / "actuals" / "cuc-thong-ke-2025.yaml"
    assert result.stdout == (
        f"Đã ghi {written}: số liệu năm 2025 của Cục Thống kê, 2 số liệu.\n"
        "1 dòng để trống, nên còn thiếu: Các ngành công nghiệp khác (dòng 9).\n"
    )
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert (data["period"], data["locale"]) == (2025, "vi")
    values = data["values"]
    assert set(values) == {"industrial_output", "industrial_output.manufacturing"}  # no 0
    assert values["industrial_output"]["value"] == "73.000"
    assert values["industrial_output"]["stated"] == {"pct_of_target": "100,69"}
    assert values["industrial_output.manufacturing"]["value"] == "66.000,5"  # as typed
    assert values["industrial_output.manufacturing"]["status"] == "final"  # empty: final
    assert data["status"] == "estimate"
    assert "# cuc-thong-ke-2025.xlsx!Biểu mẫu dòng 7" in written.read_text(encoding="utf-8")


def test_the_message_in_english(plan: Path, returned: Path) -> None:
    fill(returned, {("industrial_output", "value"): 73000})
    result = invoke("import", str(returned), "--data", str(plan), env={"PLAN_KPI_LANG": "en"})
    assert result.exit_code == 0, result.stderr
    assert "the figures of Cục Thống kê for 2025, 1 value." in result.stdout
    assert (
        "2 rows left empty, so still missing: Manufacturing (row 8), Other industries (row 9)."
        in result.stdout
    )


def test_headings_retyped_change_nothing(plan: Path, returned: Path) -> None:
    fill(returned, {("industrial_output", "value"): 73000})
    book = openpyxl.load_workbook(returned)
    sheet = book["Biểu mẫu"]
    for column in range(3, sheet.max_column + 1):
        sheet.cell(row=5, column=column).value = f"cột {column}"
    book.save(returned)
    assert invoke("import", str(returned), "--data", str(plan)).exit_code == 0


def test_a_kind_of_figure_without_a_figure_is_a_problem(plan: Path, returned: Path) -> None:
    fill(
        returned,
        {("industrial_output", "value"): 73000, ("industrial_output.other", "status"): "sơ bộ"},
    )
    result = invoke("import", str(returned), "--data", str(plan))
    assert result.exit_code == 2
    assert result.stderr == (
        "cuc-thong-ke-2025.xlsx!Biểu mẫu:J9: có tình trạng 'sơ bộ' nhưng không có số liệu — "
        "hãy điền số liệu, hoặc xoá tình trạng nếu chưa có số liệu\n"
    )
    assert not (plan / "actuals" / "cuc-thong-ke-2025.yaml").exists()


def test_a_figure_outside_the_forms_rows_is_a_problem(plan: Path, returned: Path) -> None:
    book = openpyxl.load_workbook(returned)
    sheet = book["Biểu mẫu"]
    sheet.cell(row=10, column=9).value = 5  # below the last indicator, in the figure column
    book.save(returned)
    result = invoke("import", str(returned), "--data", str(plan))
    assert result.exit_code == 2
    assert (
        "cuc-thong-ke-2025.xlsx!Biểu mẫu:I10: có số liệu ở dòng không thuộc biểu" in result.stderr
    )


def test_a_cell_typed_past_the_form_is_refused_not_dropped(plan: Path, returned: Path) -> None:
    fill(returned, {("industrial_output", "value"): 73000})
    book = openpyxl.load_workbook(returned)
    book["Biểu mẫu"].cell(row=7, column=20).value = "sửa lại"
    book.save(returned)
    result = invoke("import", str(returned), "--data", str(plan))
    assert result.exit_code == 2
    assert "Biểu mẫu:T7: một ô không thuộc tiêu đề cột nào chứa 'sửa lại'" in result.stderr


def test_a_form_of_another_plan_is_refused(plan: Path, returned: Path, tmp_path: Path) -> None:
    fill(returned, {("industrial_output", "value"): 73000})
    other = tmp_path / "other"
    assert invoke("init", str(other)).exit_code == 0
    targets = other / "targets.yaml"
    targets.write_text(
        targets.read_text(encoding="utf-8").replace("id: other", "id: another"), encoding="utf-8"
    )
    result = invoke("import", str(returned), "--data", str(other))
    assert result.exit_code == 2
    assert "Biểu mẫu:A2: biểu này thuộc kế hoạch 'kh', không phải 'another'" in result.stderr


def test_an_empty_return_writes_nothing(plan: Path, returned: Path) -> None:
    result = invoke("import", str(returned), "--data", str(plan))
    assert result.exit_code == 2
    assert "mọi dòng của biểu đều trống" in result.stderr
    assert not (plan / "actuals" / "cuc-thong-ke-2025.yaml").exists()


def test_a_figure_already_in_the_plan_is_refused(plan: Path, returned: Path) -> None:
    fill(returned, {("industrial_output", "value"): 73000})
    copy = returned.with_name("cuc-thong-ke-2025-lan-2.xlsx")
    copy.write_bytes(returned.read_bytes())
    assert invoke("import", str(returned), "--data", str(plan)).exit_code == 0
    again = invoke("import", str(copy), "--data", str(plan))
    assert again.exit_code == 2
    assert "industrial_output 2025 đã có trong kế hoạch tại" in again.stderr
