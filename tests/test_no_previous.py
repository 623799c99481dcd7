"""A growth target that cannot be judged says why: ``no_previous``, never ``no_actual``.

A target of growth of 5 % beside an actual of 5.000 with no figure for the
year before was shown as "no_actual". The status is ``no_previous`` in every
output; the exit code is what it was (0: nothing was missed).
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from typer.testing import CliRunner

from conftest import write_plan
from plan_kpi.cli.app import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout


def json_row(folder: Path) -> tuple[int, dict[str, Any], dict[str, int]]:
    code, out = run("check", "--data", str(folder), "--period", "2021", "--format", "json")
    report = json.loads(out, parse_float=Decimal)
    return code, report["rows"][0], report["summary"]


def test_an_actual_without_its_previous_value_is_no_previous(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "p", {"2021": "5000"}, {"2021": "growth:5"})
    code, row, summary = json_row(folder)
    assert row["actual"] == Decimal(5000)
    assert row["status"] == "no_previous"
    assert (row["growth_pct"], row["growth_reason"]) == (None, "no_previous")
    assert summary == {
        "met": 0,
        "missed": 0,
        "no_actual": 0,
        "no_previous": 1,
        "no_target": 0,
        "undecided": 0,
    }
    assert code == 1  # a target that cannot be judged is not met (tests/test_exit_codes.py)

    _, out = run("check", "--data", str(folder), "--period", "2021", "--format", "csv")
    (line,) = csv.DictReader(io.StringIO(out))
    assert line["status"] == "no_previous"

    _, out = run("check", "--data", str(folder), "--period", "2021", "--lang", "en")
    assert "no previous" in out and "no actual " not in out.split("Summary")[0]
    _, out = run("check", "--data", str(folder), "--period", "2021", "--lang", "vi")
    assert "chưa có số kỳ trước" in out.split("Tổng hợp")[0]


def test_the_xlsx_status_is_no_previous(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "p", {"2021": "5000"}, {"2021": "growth:5"})
    book = tmp_path / "check.xlsx"
    code, _ = run("check", "--data", str(folder), "--period", "2021", "-f", "xlsx", "-o", str(book))
    assert code == 1  # not judged: not met
    sheet = openpyxl.load_workbook(book).active
    assert sheet is not None
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "no previous" in values  # the plan's locale is en
    assert "no_actual" not in values


def test_the_report_says_why_the_target_cannot_be_judged(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "p", {"2021": "5000"}, {"2021": "growth:5"})
    _, out = run("report", "--data", str(folder), "--period", "2021", "--lang", "en")
    assert (
        "X reached 5,000 units. "
        "The target was growth of 5.0%: it cannot be judged without a figure for 2020."
    ) in out
    _, out = run("report", "--data", str(folder), "--period", "2021", "--lang", "vi")
    assert (
        "X đạt 5.000 units. Kế hoạch tăng 5,0 %: chưa đánh giá được, vì chưa có số liệu năm 2020."
    ) in out


def test_a_negative_previous_value_gives_no_growth_to_judge_by(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "p", {"2020": "-20", "2021": "-10"}, {"2021": "growth:5"})
    code, row, _ = json_row(folder)
    assert row["status"] == "no_previous"
    assert row["growth_reason"] == "previous_negative"
    assert code == 1  # not judged: not met
    _, out = run("report", "--data", str(folder), "--period", "2021", "--lang", "en")
    # −10 − (−20) = 10
    assert (
        "X reached -10 units, up 10 units on 2020. The target was growth of 5.0%: "
        "it cannot be judged, as there is no growth rate over 2020 (-20 units)."
    ) in out


def test_a_growth_target_with_no_actual_is_still_no_actual(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "p", {"2020": "100"}, {"2021": "growth:5"})
    _, row, _ = json_row(folder)
    assert row["status"] == "no_actual"
    assert row["growth_reason"] == "no_actual"
