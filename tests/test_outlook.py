"""plan-kpi outlook on the seed plan: figures against the document, exit codes, every format."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import golden
from plan_kpi.cli.app import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def rows_of(output: str) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["indicator"], r["target_period"]): r for r in json.loads(output)["rows"]}


def test_industrial_output_2022_is_a_regression(seed: Path) -> None:
    code, out, _ = run("outlook", "--data", str(seed), "--format", "json")
    assert code == 1
    row = rows_of(out)[("industrial_output", "2022")]
    assert row["category"] == "regression"
    assert row["method"] == "unsd"
    # base: 2020 derived from 61.005 / 92,19 % = 66.173,1 (chú thích 5)
    assert row["base_period"] == "2020"
    assert row["base"] == 66173.1
    assert row["base_derived"] is True
    assert row["latest_period"] == "2021"
    assert row["latest"] == 61005
    assert row["target"] == 66620
    assert row["observed_cagr_pct"] == -7.81  # 61005 / 66173.12 − 1 = 0.9219 − 1
    assert row["required_cagr_pct"] == 9.20  # 66620 / 61005 − 1 = 0.0920416
    assert row["projected"] == 56240.5  # 61005 × 0.9219 = 56240.5095
    # (56240.5095 − 66173.1207) / (66620 − 66173.1207) = −9932.6112 / 446.8793 = −22.2266
    assert row["progress_ratio"] == -22.2266
    assert row["reason"] is None


def test_the_seed_rows_and_their_categories(seed: Path) -> None:
    _, out, _ = run("outlook", "--data", str(seed), "--format", "json")
    rows = rows_of(out)
    assert {key: r["category"] for key, r in rows.items()} == {
        ("industrial_output", "2022"): "regression",
        # growth of 9,2 %, no actual of industrial GRDP yet
        ("industrial_grdp", "2022"): "insufficient_data",
        ("industrial_exports", "2022"): "insufficient_data",
        # 15.178 learners against 15.000 planned for 2021: met
        ("vocational_enrolment", "2021"): "achieved",
        # past targets missed by their own year's actual: 61.005 < 70.962, and
        # 6.790.000 < 6.790.000 / 86,73 % = 7.828.894,3 (the target derived)
        ("industrial_output", "2021"): "missed",
        ("tax_revenue", "2021"): "missed",
    }
    grdp = rows[("industrial_grdp", "2022")]
    assert grdp["target_growth_pct"] == 9.2
    assert grdp["required_cagr_pct"] == 9.2  # a growth target's own rate is the growth required
    # keys and particulars for scripts, words in the run's language (the plan's: vi) under text
    assert grdp["reason"] == {"notes": [{"code": "no_actual"}], "text": "chưa có số liệu thực hiện"}
    assert json.loads(out)["summary"]["insufficient_data"] == 2


def test_statcan_on_the_seed(seed: Path) -> None:
    code, out, _ = run(
        "outlook",
        "--data",
        str(seed),
        "--method",
        "statcan",
        "-i",
        "industrial_output",
        "-f",
        "json",
    )
    assert code == 1
    row = rows_of(out)[("industrial_output", "2022")]
    assert row["method"] == "statcan"
    assert row["category"] == "deterioration"
    # required from the base: (66620 / 66173.1207)^(1/2) − 1 = 0.3371 %
    assert row["required_cagr_from_base_pct"] == 0.34
    # R = −0.0781 / 0.0033709 = −23.1688
    assert row["progress_ratio"] == -23.1688


def test_exit_0_when_every_target_is_achieved(seed: Path) -> None:
    code, out, _ = run("outlook", "--data", str(seed), "-i", "vocational_enrolment", "-f", "json")
    assert code == 0
    assert [r["category"] for r in json.loads(out)["rows"]] == ["achieved"]


def test_unknown_indicator_and_method_are_usage_errors(seed: Path) -> None:
    code, out, err = run("outlook", "--data", str(seed), "-i", "industrial_outptu")
    assert code == 2
    assert "did you mean 'industrial_output'" in err
    assert out == ""
    code, _, err = run("outlook", "--data", str(seed), "--method", "eurostat")
    assert code == 2
    assert "unsd" in err and "statcan" in err


def test_missing_folder(tmp_path: Path) -> None:
    code, _, err = run("outlook", "--data", str(tmp_path / "nowhere"))
    assert code == 2
    assert "no such folder" in err
    assert "Traceback" not in err


def test_table_golden_en(seed: Path) -> None:
    code, out, _ = run("outlook", "--data", str(seed), "--lang", "en")
    assert code == 1
    golden("outlook-en.txt", out)
    # notes numbered as the table is read: the first mark is the 2020 base's
    assert "-22.2266" in out and "regression" in out and "66,170 [1]" in out


def test_table_golden_vi(seed: Path) -> None:
    code, out, _ = run("outlook", "--data", str(seed))
    assert code == 1
    golden("outlook-vi.txt", out)
    assert "-7,81" in out and "9,20" in out and "đi lùi" in out


def test_table_golden_statcan(seed: Path) -> None:
    _, out, _ = run("outlook", "--data", str(seed), "--lang", "en", "--method", "statcan")
    golden("outlook-statcan-en.txt", out)
    assert "deterioration" in out


def test_json_golden(seed: Path) -> None:
    _, out, _ = run("outlook", "--data", str(seed), "--format", "json")
    golden("outlook.json", out)


def test_csv_golden_and_shape(seed: Path) -> None:
    _, out, _ = run("outlook", "--data", str(seed), "--format", "csv", "--lang", "en")
    golden("outlook.csv", out)
    rows = list(csv.DictReader(io.StringIO(out)))
    output = next(
        r for r in rows if (r["indicator"], r["target_period"]) == ("industrial_output", "2022")
    )
    assert output["base_period"] == "2020"
    assert output["observed_cagr_pct"] == "-7.81"
    assert output["progress_ratio"] == "-22.2266"
    assert output["category"] == "regression"


def test_a_growth_target_has_its_own_csv_column(seed: Path) -> None:
    _, out, _ = run("outlook", "--data", str(seed), "--format", "csv")
    rows = {r["indicator"]: r for r in csv.DictReader(io.StringIO(out))}
    # industrial GRDP: {growth_pct: "9,2"} for 2022, a rate, not a level in tỷ đồng
    grdp = rows["industrial_grdp"]
    assert (grdp["target"], grdp["target_growth_pct"]) == ("", "9.2")


def test_in_year_flow_through_the_cli(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    (plan / "actuals").mkdir(parents=True)
    (plan / "targets.yaml").write_text(
        "plan: {id: t, title: T, locale: vi}\n"
        "indicators:\n"
        "  - id: inspections\n"
        "    name: {vi: Số vụ kiểm tra, en: Inspections}\n"
        '    targets: {2021: "1.200"}\n',
        encoding="utf-8",
    )
    (plan / "actuals" / "nov.yaml").write_text(
        'period: 2021-01/2021-11\nlocale: vi\nvalues: {inspections: "1.016"}\n', encoding="utf-8"
    )
    code, out, _ = run("outlook", "--data", str(plan), "-f", "json", "--lang", "en")
    assert code == 1
    row = rows_of(out)[("inspections", "2021")]
    assert row["category"] == "behind"  # 1.016 < 1.200 × 11 / 12 = 1.100
    assert row["pro_rata_target"] == 1100
    assert row["reason"]["notes"][0]["code"] == "in_year_flow"
    assert (
        row["reason"]["text"]
        == "part-year actual 2021-01/2021-11 against 11/12 of the 2021 target (1,100)"
    )
    code, out, _ = run("outlook", "--data", str(plan))
    assert "chậm tiến độ [1]" in out
    assert "[1] Số vụ kiểm tra: số liệu 2021-01/2021-11 so với 11/12 chỉ tiêu 2021 (1.100)" in out


def test_installed_command_in_a_subprocess(seed: Path) -> None:
    env = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1"}
    exe = Path(sys.executable).parent / "plan-kpi"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "plan_kpi"]
    done = subprocess.run(
        [*command, "outlook", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd="/",
        check=False,
    )
    assert done.returncode == 1, done.stderr
    row = rows_of(done.stdout)[("industrial_output", "2022")]
    assert row["category"] == "regression"
    assert row["observed_cagr_pct"] == -7.81


def test_a_narrow_terminal_gets_one_block_per_target(
    seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = run("outlook", "--data", str(seed))
    assert code == 1
    # the period under each figure joins its line, not the start of the next one
    assert "  Gốc                66.170 [2] · 2020\n" in out
    assert "\n2022\n" not in out
