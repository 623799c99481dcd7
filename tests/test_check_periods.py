"""check on small hand-computed plans: which periods' figures a row compares.

Expected values are hand arithmetic written in comments, never output of
plan-kpi pasted back.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import write_plan
from plan_kpi.cli import app
from plan_kpi.loader import load_plan
from plan_kpi.periods import parse_period
from plan_kpi.relations import derive
from plan_kpi.reports.check import CheckReport, CheckRow, build_check

runner = CliRunner()


def check(
    tmp_path: Path,
    values: dict[str, str],
    targets: dict[str, str],
    period: str,
    direction: str = "increase",
) -> CheckReport:
    plan = load_plan(write_plan(tmp_path / "plan", values, targets, direction))
    return build_check(plan, derive(plan), parse_period(period), "en")


def only_row(report: CheckReport) -> CheckRow:
    assert len(report.rows) == 1, report.rows
    return report.rows[0]


# --- required growth: over the latest actual of a like period ----------------------------------


def test_required_growth_is_over_the_same_months_a_year_earlier(tmp_path: Path) -> None:
    values = {"2021-01/2021-11": "100", "2022-01/2022-06": "80"}
    row = only_row(check(tmp_path, values, {"2022-01/2022-11": "120"}, "2022-01/2022-11"))
    # 11 months against 11 months: 120 / 100 − 1 = 20 %, not 120 / 80 (six months)
    assert str(row.latest_period) == "2021-01/2021-11"
    assert row.required_growth_pct is not None
    assert row.required_growth_pct.rounded == Decimal("20.00")


def test_no_required_growth_without_a_like_period(tmp_path: Path) -> None:
    values = {"2022-01/2022-06": "80"}
    row = only_row(check(tmp_path, values, {"2022-01/2022-11": "120"}, "2022-01/2022-11"))
    assert row.required_growth_pct is None
    assert row.latest_period is None


def test_the_base_of_required_growth_is_shown_in_table_and_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = write_plan(tmp_path / "plan", {"2021": "100"}, {"2022": "125"})
    monkeypatch.setenv("COLUMNS", "60")  # one block per indicator: a line per figure
    table = runner.invoke(app, ["check", "--data", str(plan), "--period", "2022"])
    # 125 / 100 − 1 = 25 %, over 2021
    assert "  Required growth %  25.00 · vs 2021\n" in table.stdout
    out = runner.invoke(app, ["check", "--data", str(plan), "--period", "2022", "-f", "csv"])
    (row,) = csv.DictReader(io.StringIO(out.stdout))
    assert row["required_growth_pct"] == "25"
    assert row["latest_period"] == "2021"
