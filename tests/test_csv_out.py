"""CSV out: the ``*_derived`` columns JSON has, and ``--excel``, read back as Excel would.

Figures expected are the seed document's (chú thích 5), with the arithmetic
beside them; numbers read back are Decimals from the text, never floats.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_kpi.cli.app import app

runner = CliRunner()
BOM = b"\xef\xbb\xbf"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("command", "figures"),
    [
        (["check", "--period", "2021"], ("target", "actual", "previous")),
        (["outlook"], ("target", "base", "latest")),
        (["audit"], ("stated",)),
    ],
)
def test_derived_columns_say_what_json_says(
    seed: Path, command: list[str], figures: tuple[str, ...]
) -> None:
    _, out_csv, _ = run(*command, "--data", str(seed), "-f", "csv")
    _, out_json, _ = run(*command, "--data", str(seed), "-f", "json")
    rows = list(csv.DictReader(io.StringIO(out_csv)))
    data = json.loads(out_json)["rows"]
    assert len(rows) == len(data)
    header = list(rows[0])
    for figure in figures:
        # each right after its figure's column
        assert header[header.index(figure) + 1] == f"{figure}_derived"
        said = [row[f"{figure}_derived"] for row in rows]
        assert said == ["true" if item[f"{figure}_derived"] else "false" for item in data]
    # the seed derives some of each report's figures (66.173,1 for 2020 among them)
    assert any(row[f"{figure}_derived"] == "true" for row in rows for figure in figures)


def read_excel_csv(path: Path, separator: str) -> list[list[str]]:
    """The file as Excel reads it: UTF-8 after its byte order mark, rows ended by CR LF."""
    raw = path.read_bytes()
    assert raw.startswith(BOM)
    text = raw[len(BOM) :].decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))


def number(text: str, decimal_mark: str) -> Decimal:
    """A cell read as a number with the locale's decimal mark (no grouping is written)."""
    assert text.count(decimal_mark) <= 1 and " " not in text, text
    return Decimal(text.replace(decimal_mark, "."))


def test_excel_csv_for_a_vietnamese_excel(seed: Path, tmp_path: Path) -> None:
    target = tmp_path / "kiem-tra-2021.csv"
    code, out, err = run(
        "check", "--data", str(seed), "--period", "2021", "--excel", "-o", str(target)
    )
    assert (code, out) == (1, ""), err
    head, *rows = read_excel_csv(target, ";")
    assert head[:3] == ["Chỉ tiêu", "Đơn vị", "Kế hoạch"]  # the name first, for people
    assert head[-1] == "Mã chỉ tiêu"  # the id last
    by_id = {row[-1]: dict(zip(head, row, strict=True)) for row in rows}
    output = by_id["industrial_output"]
    assert output["Chỉ tiêu"] == "Giá trị sản xuất công nghiệp (giá so sánh 2010)"
    # chú thích 5: KH 70.962, 61.005; 61.005 / 70.962 = 85,97 %; 2020 = 61.005 / 0,9219 = 66.173,1
    assert number(output["Kế hoạch"], ",") == Decimal("70962")
    assert number(output["Thực hiện"], ",") == Decimal("61005")
    assert output["% KH"] == "85,97" and number(output["% KH"], ",") == Decimal("85.97")
    assert output["Cùng kỳ"] == "66173,1"
    assert output["Cùng kỳ tính suy ra"] == "tính suy ra"
    assert output["Tăng/giảm %"] == "-7,81"  # 92,19 % − 100 %: a negative number, not text
    assert output["Đánh giá"] == "không đạt"
    assert by_id["vocational_enrolment"]["% KH"] == "101,19"  # 15.178 / 15.000


def test_excel_csv_in_english(seed: Path, tmp_path: Path) -> None:
    target = tmp_path / "check-2021.csv"
    args = ["check", "--data", str(seed), "--period", "2021", "--lang", "en", "--excel"]
    code, _, err = run(*args, "-o", str(target))
    assert code == 1, err
    head, *rows = read_excel_csv(target, ",")
    by_id = {row[-1]: dict(zip(head, row, strict=True)) for row in rows}
    output = by_id["industrial_output"]
    assert (output["Indicator"], output["% of target"]) == (
        "Industrial production value (2010 constant prices)",
        "85.97",
    )
    assert number(output["Previous"], ".") == Decimal("66173.1")


def test_the_csv_for_programs_is_unchanged_by_the_language(seed: Path) -> None:
    _, out, _ = run("check", "--data", str(seed), "--period", "2021", "-f", "csv", "--lang", "vi")
    assert out.startswith("indicator,name,unit,target,target_derived,")
    assert not out.startswith("\ufeff") and "\r\n" not in out
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["indicator"] == "industrial_output")
    assert (row["attainment_pct"], row["previous"]) == ("85.97", "66173.1")


def test_excel_csv_never_starts_a_formula(plan_copy: Path, tmp_path: Path) -> None:
    targets = plan_copy / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    targets.write_text(text.replace('vi: "Khai khoáng"', 'vi: "=1+1"', 1), encoding="utf-8")
    target = tmp_path / "c.csv"
    run("check", "--data", str(plan_copy), "--period", "2021", "--excel", "-o", str(target))
    _, *rows = read_excel_csv(target, ";")
    assert "'=1+1" in [row[0] for row in rows]


@pytest.mark.parametrize("command", ["check", "audit", "outlook"])
def test_excel_is_for_csv_only(seed: Path, command: str) -> None:
    code, out, err = run(command, "--data", str(seed), "-f", "json", "--excel")
    assert (code, out) == (2, "")
    assert err == (
        "plan-kpi: --excel writes CSV for a spreadsheet, not json — "
        "give --format csv or -o FILE.csv with it, or leave it out\n"
    )
