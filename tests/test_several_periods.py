"""Several periods at once: --period 2021..2022, --period all, --period given again.

check and outlook show them side by side, one row per indicator; report
refuses them (one evaluation is one period). Expected rows are hand
arithmetic in the comments.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import write_plan
from plan_kpi.cli.app import app

runner = CliRunner()

VALUES = {"2020": "100", "2021": "110", "2022": "99"}
TARGETS = {"2021": "100", "2022": "120"}


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def plan(tmp_path: Path) -> str:
    return str(write_plan(tmp_path / "plan", VALUES, TARGETS))


def test_check_2021_to_2022_as_json_is_a_list_of_the_periods_reports(plan: str) -> None:
    code, out, _ = run("check", "--data", plan, "--period", "2021..2022", "-f", "json")
    assert code == 1  # 2022 is missed
    first, second = json.loads(out)
    assert (first["period"], second["period"]) == ("2021", "2022")
    (a,) = first["rows"]
    (b,) = second["rows"]
    # 2021: 110 / 100 × 100 = 110 % of the target, 110 / 100 − 1 = +10 %, met
    assert (a["target"], a["actual"], a["attainment_pct"], a["growth_pct"], a["status"]) == (
        100,
        110,
        110,
        10,
        "met",
    )
    # 2022: 99 / 120 × 100 = 82,5 %, 99 / 110 − 1 = −10 %, missed
    assert (b["target"], b["actual"], b["attainment_pct"], b["growth_pct"], b["status"]) == (
        120,
        99,
        82.5,
        -10,
        "missed",
    )
    # each as --period gives it alone
    _, alone, _ = run("check", "--data", plan, "--period", "2022", "-f", "json")
    assert json.loads(alone) == second


def test_check_2021_to_2022_as_csv_has_a_column_per_period_and_figure(plan: str) -> None:
    _, out, _ = run("check", "--data", plan, "--period", "2021..2022", "-f", "csv")
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["indicator"] == "x"
    assert (row["target_2021"], row["actual_2021"], row["attainment_pct_2021"]) == (
        "100",
        "110",
        "110",
    )
    assert (row["growth_pct_2021"], row["status_2021"]) == ("10", "met")
    assert (row["target_2022"], row["actual_2022"], row["attainment_pct_2022"]) == (
        "120",
        "99",
        "82.5",
    )
    assert (row["growth_pct_2022"], row["status_2022"]) == ("-10", "missed")


def test_check_2021_to_2022_as_a_table_is_a_column_a_period(plan: str) -> None:
    _, out, _ = run("check", "--data", plan, "--period", "2021..2022")
    lines = [line.rstrip() for line in out.splitlines()]
    heading = next(line for line in lines if line.startswith("Indicator"))
    assert heading.split() == ["Indicator", "2021", "2022"]
    at = lines.index(next(line for line in lines if line.startswith("X ")))
    assert lines[at].split() == ["X", "110", "99"]
    assert lines[at + 1].split() == ["(units)", "110.00%", "82.50%"]
    assert lines[at + 2].split() == ["met", "missed"]
    summary = (
        "Summary: 2021: met 1, missed 0, no actual 0, no previous 0, no target 0; "
        "2022: met 0, missed 1, no actual 0, no previous 0, no target 0"
    )
    assert summary in out


def test_a_growth_target_shows_the_growth(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "plan", {"2021": "100", "2022": "108"}, {"2022": "growth:5"})
    _, out, _ = run("check", "--data", str(folder), "--period", "2021..2022")
    # 108 / 100 − 1 = +8 %, against a target of +5 %: met
    assert "+8.00%" in out
    assert "met" in out


def test_period_given_again_is_the_union_never_the_last(plan: str) -> None:
    _, both, _ = run("check", "--data", plan, "-p", "2022", "-p", "2021..2022", "-f", "json")
    _, ranged, _ = run("check", "--data", plan, "-p", "2021..2022", "-f", "json")
    assert both == ranged
    _, twice, _ = run("check", "--data", plan, "-p", "2021", "-p", "2021", "-f", "json")
    _, once, _ = run("check", "--data", plan, "-p", "2021", "-f", "json")
    assert twice == once  # the same period named twice is that period


def test_all_is_every_year_with_a_figure(plan: str) -> None:
    _, out, _ = run("check", "--data", plan, "--period", "all", "-f", "json")
    assert [report["period"] for report in json.loads(out)] == ["2020", "2021", "2022"]


@pytest.mark.parametrize(
    ("period", "said"),
    [
        ("2021-01..2021-03", "a range is of years"),
        ("2022..2021", "ends before it starts"),
        ("1900..2100", "more than the 100"),
        ("2098..2099", "no figures for 2098, 2099"),
    ],
)
def test_a_range_plan_kpi_cannot_use_is_a_usage_error(plan: str, period: str, said: str) -> None:
    code, _, err = run("check", "--data", plan, "--period", period)
    assert code == 2
    assert said in err


def test_commands_of_one_period_refuse_several(plan: str) -> None:
    for command in ("status", "audit"):
        code, _, err = run(command, "--data", plan, "-p", "2021", "-p", "2022")
        assert code == 2
        assert "--period is given 2 times (2021, 2022)" in err
    code, _, err = run("status", "--data", plan, "-p", "2021..2022")
    assert (code, "takes one period" in err) == (2, True)
    assert run("audit", "--data", plan, "-p", "all")[0] == 0  # every period, as without it


def test_report_refuses_several_and_says_what_to_do(plan: str) -> None:
    code, out, err = run("report", "--data", plan, "--period", "2021..2022")
    assert (code, out) == (2, "")
    assert "a report is the evaluation of one period" in err
    assert "plan-kpi check --period 2021..2022" in err
    assert run("report", "--data", plan, "-p", "2021", "-p", "2021")[0] == 0


def test_outlook_of_several_periods(tmp_path: Path) -> None:
    folder = write_plan(
        tmp_path / "plan", {"2020": "100", "2021": "110"}, {"2021": "105", "2022": "125"}
    )
    code, out, _ = run("outlook", "--data", str(folder), "--period", "2021..2022", "-f", "json")
    assert code == 1  # 2022 needs acceleration
    first, second = json.loads(out)
    # 2021: 110 ≥ 105, the year is over: achieved
    assert (first["period"], [r["category"] for r in first["rows"]]) == ("2021", ["achieved"])
    # 2022: CAGR 110 / 100 − 1 = 10 %; projected 110 × 1,1 = 121;
    # ratio (121 − 100) / (125 − 100) = 21 / 25 = 0,84 < 0,95: acceleration needed
    (row,) = second["rows"]
    assert row["category"] == "acceleration_needed"
    assert Decimal(str(row["projected"])) == Decimal("121")
    assert Decimal(str(row["progress_ratio"])) == Decimal("0.84")
    _, table, _ = run("outlook", "--data", str(folder), "--period", "2021..2022")
    heading = next(line for line in table.splitlines() if line.startswith("Indicator"))
    assert heading.split() == ["Indicator", "2021", "2022"]
    _, sheet, _ = run("outlook", "--data", str(folder), "--period", "2021..2022", "-f", "csv")
    (line,) = csv.DictReader(io.StringIO(sheet))
    assert (line["category_2021"], line["category_2022"]) == ("achieved", "acceleration_needed")
    assert (line["target_2021"], line["target_2022"]) == ("105", "125")
    # one period: outlook's own rows, those of its targets only
    _, one, _ = run("outlook", "--data", str(folder), "--period", "2022", "-f", "json")
    assert [r["target_period"] for r in json.loads(one)["rows"]] == ["2022"]
