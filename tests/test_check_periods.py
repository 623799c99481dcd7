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
from plan_kpi.cli.app import app
from plan_kpi.core.periods import parse_period
from plan_kpi.engine.solving import derive
from plan_kpi.load.folder import load_plan
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
    return build_check(plan, derive(plan), parse_period(period))


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
    monkeypatch.setenv("COLUMNS", "60")
    table = runner.invoke(app, ["check", "--data", str(plan), "--period", "2022"])
    # 125 / 100 − 1 = 25 %, over 2021: the period under the figure in its cell
    lines = table.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.rstrip().endswith("25.00"))
    assert lines[at + 1].rstrip().endswith("vs 2021")
    out = runner.invoke(app, ["check", "--data", str(plan), "--period", "2022", "-f", "csv"])
    (row,) = csv.DictReader(io.StringIO(out.stdout))
    assert row["required_growth_pct"] == "25"
    assert row["latest_period"] == "2021"


# --- stocks: a year's figure is the balance at its end ------------------------------------------

STOCK = {"2020-12-31": "70", "2021-12-31": "80"}


def test_a_stocks_year_target_is_compared_with_the_balance_at_the_years_end(
    tmp_path: Path,
) -> None:
    row = only_row(check(tmp_path, STOCK, {"2021": "100"}, "2021"))
    assert str(row.period) == "2021-12-31"
    assert row.status == "missed"  # 80 < 100
    assert row.actual is not None and row.actual.value == Decimal("80")
    assert row.attainment_pct is not None
    assert row.attainment_pct.rounded == Decimal("80.00")  # 80 / 100
    assert str(row.previous_period) == "2020-12-31"
    assert row.growth_pct is not None
    assert row.growth_pct.rounded == Decimal("14.29")  # 80 / 70 − 1 = 0.142857


def test_a_stocks_required_growth_is_over_its_latest_balance(tmp_path: Path) -> None:
    row = only_row(check(tmp_path, STOCK, {"2022": "100"}, "2022"))
    assert row.status == "no_actual"
    assert str(row.latest_period) == "2021-12-31"
    assert row.required_growth_pct is not None
    assert row.required_growth_pct.rounded == Decimal("25.00")  # 100 / 80 − 1


def test_a_stocks_year_end_balance_makes_the_default_period(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan", STOCK, {"2021": "100"})
    result = runner.invoke(app, ["check", "--data", str(plan), "--format", "csv"])
    assert result.exit_code == 1, result.stderr  # the 2021 target is missed
    (row,) = csv.DictReader(io.StringIO(result.stdout))
    assert (row["period"], row["target"], row["actual"], row["status"]) == (
        "2021-12-31",
        "100",
        "80",
        "missed",
    )


def test_a_balance_inside_the_year_is_not_the_years(tmp_path: Path) -> None:
    values = {"2020-12-31": "70", "2021-10-31": "95"}
    row = only_row(check(tmp_path, values, {"2021": "100"}, "2021"))
    assert row.status == "no_actual"
    assert row.actual is None


# --- growth targets in a table's target column -------------------------------------------------


def test_a_falling_growth_target_has_one_sign(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = write_plan(tmp_path / "plan", {}, {"2022": "growth:-5.0"})
    monkeypatch.setenv("COLUMNS", "60")
    checked = runner.invoke(app, ["check", "--data", str(plan), "--period", "2022"])
    assert " -5.0% " in checked.stdout and "+-5.0%" not in checked.stdout
    seen = runner.invoke(app, ["outlook", "--data", str(plan)])
    assert " -5.0% " in seen.stdout
    assert "+-" not in checked.stdout + seen.stdout


# --- the default period -----------------------------------------------------------------------

GROWTH_ONLY_TARGETS = """\
plan: {id: test, title: Test plan, locale: vi}
indicators:
  - {id: output, name: Output, unit: units, targets: {2021: "100", 2022: "120"}}
  - {id: grdp, name: GRDP, unit: units, targets: {2022: {growth_pct: "9,2"}}}
"""


def growth_only_plan(folder: Path, values_2022: str) -> Path:
    """Output 90 in 2021; in 2022 a report that gives only ``values_2022`` (stated figures)."""
    (folder / "actuals").mkdir()
    (folder / "targets.yaml").write_text(GROWTH_ONLY_TARGETS, encoding="utf-8")
    (folder / "actuals" / "2021.yaml").write_text(
        'period: 2021\nvalues:\n  output: "90"\n', encoding="utf-8"
    )
    (folder / "actuals" / "2022.yaml").write_text(
        "period: 2022\nlocale: vi\nvalues:\n" + values_2022, encoding="utf-8"
    )
    return folder


def test_a_reported_growth_against_a_growth_target_makes_the_default_period(
    tmp_path: Path,
) -> None:
    # the 2022 report prints only "GRDP tăng 8,5 %" (and output's growth, which judges no target)
    plan = growth_only_plan(
        tmp_path,
        '  grdp: {stated: {growth_pct: "8,5"}}\n  output: {stated: {growth_pct: "10"}}\n',
    )
    result = runner.invoke(app, ["check", "--data", str(plan), "--format", "csv"])
    rows = {r["indicator"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["grdp"]["period"] == "2022"  # not 2021, the last year with a typed value
    assert Decimal(rows["grdp"]["growth_pct"]) == Decimal("8.5")
    assert rows["grdp"]["status"] == "missed"  # 8.5 % < 9.2 %
    # output 2022 = 90 × 1.10 = 99 (derived) against 120: missed too
    assert Decimal(rows["output"]["actual"]) == Decimal("99")
    assert rows["output"]["status"] == "missed"
    assert result.exit_code == 1


def test_a_growth_beside_no_growth_target_does_not_make_the_default_period(
    tmp_path: Path,
) -> None:
    # mining-like: only a growth, of an indicator whose 2022 target is a level
    plan = growth_only_plan(tmp_path, '  output: {stated: {pct_of_previous: "110"}}\n')
    result = runner.invoke(app, ["check", "--data", str(plan), "--format", "json"])
    assert result.exit_code == 1, result.stderr  # 2021: 90 against 100, missed
    assert '"period": "2021"' in result.stdout


@pytest.mark.parametrize(
    ("period", "lang", "said"),
    [
        ("2021-12-31", "vi", "31/12/2021"),
        ("2021-12-31", "en", "31 December 2021"),
        ("2021-01/2021-11", "vi", "11 tháng đầu năm 2021"),
    ],
)
def test_the_table_s_title_says_its_period_as_people_write_it(
    seed: Path, period: str, lang: str, said: str
) -> None:
    result = runner.invoke(
        app, ["check", "--data", str(seed), "--period", period, "--lang", lang, "--ids"]
    )
    title = " ".join(" ".join(result.stdout.splitlines()[:2]).split())  # wrapped at 80
    assert f"Đồng Tháp — {said}" in title, title
    assert period not in title
