"""What people read says things in words and periods as the documents write them.

Machine outputs (CSV, JSON) keep the data format's keys; these tests pin both sides.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from plan_kpi.cli.app import app
from plan_kpi.say.wording import in_sentence

runner = CliRunner()


def run(*args: str) -> str:
    return runner.invoke(app, list(args)).stdout


def test_audit_table_says_relations_and_periods_in_words(seed: Path) -> None:
    vi = run("audit", "--data", str(seed))
    assert "% KH" in vi and "tổng các phần" in vi and "tăng/giảm %" in vi
    assert "11 tháng đầu năm 2021" in vi and "31/10/2021" in vi
    assert "pct_of_target" not in vi and "2021-01/2021-11" not in vi
    en = run("audit", "--data", str(seed), "--lang", "en")
    assert "% of target" in en and "of which" in en
    assert "the first 11 months of 2021" in en and "31 October 2021" in en
    assert "share_pct" not in en and "2021-10-31" not in en


def test_audit_notes_name_their_figures_in_words(seed: Path) -> None:
    vi = run("audit", "--data", str(seed), "--explain")
    # the row heading and its figures: no data-format key and no id in Vietnamese
    assert "Tuyển sinh đào tạo nghề năm 2021, % KH: 15.178 / 15.000 × 100 = 101,1867 %" in vi
    assert "Các số: % KH 100,19 (data/actuals/2021-vocational.yaml:15)" in vi
    assert "kế hoạch 70.962 (data/targets.yaml:38); số in 70.962 (chính xác)" in vi
    assert " value " not in vi and "pct_of" not in vi


def test_audit_csv_keeps_the_keys(seed: Path) -> None:
    out = run("audit", "--data", str(seed), "--format", "csv", "--explain")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {"pct_of_target", "sum", "overlapping", "partial"} <= {r["relation"] for r in rows}
    assert "2021-01/2021-11" in {r["period"] for r in rows}
    assert any(r["figures"].startswith("pct_of_target 100,19") for r in rows)


def test_a_name_inside_a_sentence_loses_its_capital_unless_proper() -> None:
    assert in_sentence("Dư nợ cho vay toàn địa bàn") == "dư nợ cho vay toàn địa bàn"
    assert in_sentence("Outstanding loans, whole province") == "outstanding loans, whole province"
    assert in_sentence("GRDP ngành công nghiệp (giá 2010)") == "GRDP ngành công nghiệp (giá 2010)"
    assert in_sentence("Đồng Tháp province") == "Đồng Tháp province"
    # one word: a common noun far more often than a proper one (an acronym stays)
    assert in_sentence("Manufacturing") == "manufacturing"
    assert in_sentence("GRDP") == "GRDP"


def test_report_shares_read_as_the_document_writes_them(seed: Path) -> None:
    vi = run("report", "--data", str(seed))
    # footnote 1: "chiếm 27,76%/tổng dư nợ toàn tỉnh"
    assert "tỷ lệ tăng 1,45 %, chiếm 27,76 % dư nợ cho vay toàn địa bàn (trong đó:" in vi
    # a part's part is a share of its own parent: "43,57 % dư nợ cho vay doanh nghiệp"
    assert "chiếm 43,57 % dư nợ cho vay khách hàng là doanh nghiệp)" in vi
    en = run("report", "--data", str(seed), "--lang", "en")
    assert "accounting for 98.53% of industrial production value (2010 constant prices)" in en


def test_required_growth_says_over_which_year(seed: Path) -> None:
    vi = run("check", "--data", str(seed), "--period", "2022")
    assert "so với năm 2021" in vi
    en = run("check", "--data", str(seed), "--period", "2022", "--lang", "en")
    assert "vs 2021" in en
