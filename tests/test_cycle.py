"""The December cycle in one test: forms out, returns in, who is missing, the year judged.

init → forms for two agencies → one form filled (a row left empty) and
imported → status names the other agency and the empty row (exit 1) →
check exits 1 until the last target's figure comes in, then 0.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl

from conftest import invoke_said
from plan_kpi.cli.app import app

STATISTICS, TRADE, POLICE = "Cục Thống kê", "Sở Công Thương", "Công an tỉnh"


def invoke(*args: str) -> Any:
    """The command, in the language its run speaks (the plan's: Vietnamese)."""
    return invoke_said(app, *args)


def fill(path: Path, figures: dict[tuple[str, str], int | float | str]) -> None:
    """Type figures into a form as the agency does: (indicator id, column key) → value."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[1]  # the form, after the instructions
    assert sheet["A1"].value == "plan-kpi form 1"
    rows = {
        sheet.cell(row=r, column=1).value: r
        for r in range(7, sheet.max_row + 1)
        if sheet.cell(row=r, column=1).value
    }
    keys = {sheet.cell(row=6, column=c).value: c for c in range(1, sheet.max_column + 1)}
    for (indicator, key), value in figures.items():
        cell = sheet.cell(row=rows[indicator], column=keys[key])
        assert cell.protection.locked is False, (indicator, key)  # a cell the form asks for
        cell.value = value
    book.save(path)


def status(plan: Path) -> tuple[int, list[dict[str, Any]]]:
    result = invoke(
        "status", "--data", str(plan), "--period", "2025", "--as-of", "2025-12-16", "-f", "json"
    )
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)["rows"]


def check(plan: Path) -> int:
    code: int = invoke("check", "--data", str(plan), "--period", "2025", "-q").exit_code
    return code


def test_the_december_cycle(tmp_path: Path) -> None:
    plan, forms = tmp_path / "kh2025", tmp_path / "bieu-mau"
    assert invoke("init", str(plan)).exit_code == 0
    # 2025: industrial output 72.500 (Cục Thống kê), retail sales +11 % (Sở Công Thương),
    # traffic accidents at most 110 (Công an tỉnh)
    agencies = ["--agency", STATISTICS, "--agency", TRADE]
    sent = invoke("forms", "--data", str(plan), "--period", "2025", "-o", str(forms), *agencies)
    assert sent.exit_code == 0, sent.stderr
    assert sorted(p.name for p in forms.iterdir()) == [
        "cuc-thong-ke-2025.xlsx",
        "so-cong-thuong-2025.xlsx",
    ]
    assert check(plan) == 1  # nothing of 2025 is in

    # Cục Thống kê sends its figures back; 'other industries' left empty
    fill(
        forms / "cuc-thong-ke-2025.xlsx",
        {
            ("industrial_output", "value"): 73000,
            ("industrial_output", "status"): "ước",
            ("industrial_output", "pct_of_target"): 100.69,  # 73.000 / 72.500 = 100,6897 %
            ("industrial_output.manufacturing", "value"): 66000,
        },
    )
    imported = invoke("import", str(forms / "cuc-thong-ke-2025.xlsx"), "--data", str(plan))
    assert imported.exit_code == 0, imported.stderr
    assert "số liệu năm 2025 của Cục Thống kê, 2 số liệu" in imported.stdout
    assert "còn thiếu: Các ngành công nghiệp khác (dòng 9)" in imported.stdout

    code, rows = status(plan)
    assert code == 1
    missing = {(row["agency"], row["indicator"]): row for row in rows if row["state"] != "received"}
    assert set(missing) == {
        (TRADE, "retail_sales"),  # the other agency: its form is not back
        (POLICE, "traffic_accidents"),  # no form sent yet
        (STATISTICS, "industrial_output.other"),  # the row left empty
        (STATISTICS, "industrial_output"),  # its parts do not all add up yet
    }
    assert missing[TRADE, "retail_sales"]["state"] == "late"  # 16/12, after the 15/12 due date
    assert missing[STATISTICS, "industrial_output"]["missing_parts"] == ["industrial_output.other"]
    received = next(row for row in rows if row["indicator"] == "industrial_output.manufacturing")
    assert received["file"].endswith("cuc-thong-ke-2025.yaml")
    assert check(plan) == 1  # two targets without a figure
    assert (
        invoke("check", "--data", str(plan), "-p", "2025", "-q", "--allow-missing").exit_code == 0
    )

    # Sở Công Thương: retail sales 54.400, up 11,18 % on 48.930 (+11 % asked)
    fill(
        forms / "so-cong-thuong-2025.xlsx",
        {("retail_sales", "value"): 54400, ("retail_sales", "growth_pct"): 11.18},
    )
    assert (
        invoke("import", str(forms / "so-cong-thuong-2025.xlsx"), "--data", str(plan)).exit_code
        == 0
    )
    assert check(plan) == 1  # traffic accidents still out

    # Công an tỉnh's form goes out late and comes back: 105 accidents (at most 110)
    police = tmp_path / "cong-an"
    assert (
        invoke(
            "forms", "--data", str(plan), "-p", "2025", "-o", str(police), "-a", POLICE
        ).exit_code
        == 0
    )
    fill(police / "cong-an-tinh-2025.xlsx", {("traffic_accidents", "value"): 105})
    assert (
        invoke("import", str(police / "cong-an-tinh-2025.xlsx"), "--data", str(plan)).exit_code == 0
    )
    assert check(plan) == 0  # the last target's figure is in, and every target is met
    code, rows = status(plan)
    assert code == 1  # but one part of industrial output is still missing
    assert [r["indicator"] for r in rows if r["state"] != "received"] == [
        "industrial_output",
        "industrial_output.other",
    ]

    # the missing part, in a supplement: a new form, only that row filled
    extra = tmp_path / "bo-sung"
    assert (
        invoke(
            "forms", "--data", str(plan), "-p", "2025", "-o", str(extra), "-a", STATISTICS
        ).exit_code
        == 0
    )
    supplement = extra / "cuc-thong-ke-2025-bo-sung.xlsx"
    (extra / "cuc-thong-ke-2025.xlsx").rename(supplement)
    fill(supplement, {("industrial_output.other", "value"): 7000})  # 66.000 + 7.000 = 73.000
    supplemented = invoke("import", str(supplement), "--data", str(plan))
    assert supplemented.exit_code == 0, supplemented.stderr
    # the rows left empty are those already in: nothing is said to be missing
    assert supplemented.stdout.splitlines()[1:] == []
    code, rows = status(plan)
    assert code == 0
    assert {row["state"] for row in rows} == {"received"}
    assert invoke("audit", "--data", str(plan), "-p", "2025", "-q").exit_code == 0
    report = tmp_path / "danh-gia.docx"
    written = invoke("report", "--data", str(plan), "-p", "2025", "-o", str(report))
    assert written.exit_code == 0, written.stderr
    assert report.read_bytes()[:2] == b"PK"  # a Word document (a zip)
