"""Part of a year in check and report: eleven months against 11/12 of the year's target.

A yearly target whose year is not over (or whose figure is only an estimate)
is shown with the latest figure inside the year, against the share of the
target it stands for, and outlook's on_track / behind. Expected figures are
hand arithmetic in the comments.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from conftest import write_plan
from plan_kpi.cli.app import app
from plan_kpi.core.periods import parse_period
from plan_kpi.engine.solving import derive
from plan_kpi.load.folder import load_plan
from plan_kpi.reports.check import CheckRow, build_check
from plan_kpi.reports.outlook import build_outlook
from plan_kpi.reports.report import build_report

runner = CliRunner()

ELEVEN = {"2026-01/2026-11": "69,800"}
TARGET = {"2026": "78,000"}


def row_of(folder: Path, period: str = "2026") -> CheckRow:
    plan = load_plan(folder)
    (row,) = build_check(plan, derive(plan), parse_period(period)).rows
    return row


def test_eleven_months_against_the_pro_rata_target(tmp_path: Path) -> None:
    row = row_of(write_plan(tmp_path / "plan", ELEVEN, TARGET))
    assert str(row.period) == "2026"
    assert row.status == "no_actual"  # the year's own figure is not in
    assert row.part is not None
    assert str(row.part.period) == "2026-01/2026-11"
    assert row.part.actual.value == Decimal("69800")
    # 78.000 × 11 / 12 = 71.500
    assert row.part.pro_rata_target.value == Decimal("71500")
    assert row.part.pro_rata_pct is not None
    # 69.800 / 71.500 × 100 = 97,6223… → 97,62 %
    assert row.part.pro_rata_pct.rounded == Decimal("97.62")
    assert row.part.pace == "behind"


def test_check_shows_it_in_every_format(tmp_path: Path) -> None:
    plan = str(write_plan(tmp_path / "plan", ELEVEN, TARGET))
    out = runner.invoke(app, ["check", "--data", plan, "--period", "2026", "-f", "json"])
    (row,) = json.loads(out.stdout)["rows"]
    assert (row["status"], row["actual"], row["target"]) == ("no_actual", None, 78000)
    assert row["part_period"] == "2026-01/2026-11"
    assert (row["part_actual"], row["pro_rata_target"]) == (69800, 71500)
    assert (row["pro_rata_pct"], row["pace"]) == (97.62, "behind")
    table = runner.invoke(app, ["check", "--data", plan, "--period", "2026"]).stdout
    assert "the first 11 months of 2026" in table
    for shown in ("69,800", "71,500", "97.62", "behind"):
        assert shown in table
    csv = runner.invoke(app, ["check", "--data", plan, "--period", "2026", "-f", "csv"]).stdout
    header, line = csv.splitlines()
    fields = dict(zip(header.split(","), line.split(","), strict=True))
    assert fields["part_period"] == "2026-01/2026-11"
    assert (fields["pro_rata_target"], fields["pro_rata_pct"], fields["pace"]) == (
        "71500",
        "97.62",
        "behind",
    )


def test_the_report_says_it_instead_of_no_figure_yet(tmp_path: Path) -> None:
    plan = str(write_plan(tmp_path / "plan", ELEVEN, TARGET))
    en = runner.invoke(app, ["report", "--data", plan, "--period", "2026", "--lang", "en"]).stdout
    assert (
        "- X: target 78,000 units. In the first 11 months of 2026: 69,800 units, 97.62% of the "
        "target pro rata (71,500 units, 11/12 of the target): behind.\n"
    ) in en
    assert "no actual figure yet" not in en
    vi = runner.invoke(app, ["report", "--data", plan, "--period", "2026", "--lang", "vi"]).stdout
    assert (
        "- X: kế hoạch 78.000 units. 11 tháng đầu năm 2026 đạt 69.800 units, bằng 97,62 % kế "
        "hoạch tính theo tỷ lệ thời gian (71.500 units, bằng 11/12 kế hoạch): chậm tiến độ.\n"
    ) in vi
    assert "chưa có số liệu thực hiện" not in vi
    # Table 1: the part of the year beside the year's (empty) actual
    assert "| the first 11 months of 2026 | 69,800 | 97.62 | behind |" in en


def test_meeting_the_share_is_on_track(tmp_path: Path) -> None:
    # 71.500 is exactly 78.000 × 11/12
    row = row_of(write_plan(tmp_path / "plan", {"2026-01/2026-11": "71,500"}, TARGET))
    assert row.part is not None and row.part.pace == "on_track"
    assert row.part.pro_rata_pct is not None and row.part.pro_rata_pct.value == Decimal("100")


def test_a_ceiling_is_on_track_below_its_share(tmp_path: Path) -> None:
    # a ceiling of 120 a year: 11 months may come to 120 × 11/12 = 110
    below = row_of(
        write_plan(tmp_path / "a", {"2026-01/2026-11": "105"}, {"2026": "120"}, "decrease")
    )
    above = row_of(
        write_plan(tmp_path / "b", {"2026-01/2026-11": "111"}, {"2026": "120"}, "decrease")
    )
    assert below.part is not None and below.part.pace == "on_track"
    assert above.part is not None and above.part.pace == "behind"
    assert below.part.pro_rata_target.value == Decimal("110")


def test_the_years_estimate_is_judged_and_the_months_shown_beside_it(tmp_path: Path) -> None:
    """'ước cả năm': the year's value with status estimate, in a file of its own."""
    folder = write_plan(tmp_path / "plan", ELEVEN, TARGET)
    (folder / "actuals" / "2026-estimate.yaml").write_text(
        'period: 2026\nstatus: estimate\nvalues:\n  x: "76,000"\n', encoding="utf-8"
    )
    row = row_of(folder)
    assert row.actual is not None and row.actual.value == Decimal("76000")
    assert row.actual_status == "estimate"
    assert row.status == "missed"
    # 76.000 / 78.000 × 100 = 97,4358… → 97,44 %
    assert row.attainment_pct is not None and row.attainment_pct.rounded == Decimal("97.44")
    assert row.part is not None and row.part.pro_rata_pct is not None
    assert row.part.pro_rata_pct.rounded == Decimal("97.62")
    en = runner.invoke(
        app, ["report", "--data", str(folder), "--period", "2026", "--lang", "en"]
    ).stdout
    assert "X reached an estimated 76,000 units, 97.44% of the target" in en
    assert "In the first 11 months of 2026: 69,800 units, 97.62% of the target pro rata" in en


def test_a_final_figure_of_the_year_needs_no_part(tmp_path: Path) -> None:
    row = row_of(write_plan(tmp_path / "plan", {**ELEVEN, "2026": "76,000"}, TARGET))
    assert row.actual_status == "final"
    assert row.part is None


def test_a_stocks_balance_inside_the_year_against_the_whole_target(tmp_path: Path) -> None:
    values = {"2025-12-31": "100", "2026-10-31": "118"}
    row = row_of(write_plan(tmp_path / "plan", values, {"2026": "120"}))
    assert str(row.period) == "2026-12-31"  # the year's figure is its balance at the end
    assert row.status == "no_actual"
    assert row.part is not None
    assert str(row.part.period) == "2026-10-31"
    # a balance is not cumulated: against all of the target, 118 / 120 × 100 = 98,33 %
    assert row.part.pro_rata_target.value == Decimal("120")
    assert row.part.pro_rata_pct is not None
    assert row.part.pro_rata_pct.rounded == Decimal("98.33")
    assert row.part.pace == "behind"


def test_check_and_outlook_share_the_rule(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "plan", ELEVEN, TARGET)
    plan = load_plan(folder)
    (outlook,) = build_outlook(plan, derive(plan)).rows
    row = row_of(folder)
    assert row.part is not None and outlook.pro_rata_target is not None
    assert outlook.pro_rata_target.value == row.part.pro_rata_target.value == Decimal("71500")
    assert outlook.category == row.part.pace == "behind"


def test_check_and_report_show_the_same_indicators(seed: Path) -> None:
    """The 31/10 balance and the eleven months' figures are the year's rows in both."""
    plan = load_plan(seed)
    derivation = derive(plan)
    year = parse_period("2021")
    checked = [row.indicator for row in build_check(plan, derivation, year).rows]
    reported = [r.indicator for r in build_report(plan, derivation, year).results]
    assert sorted(checked) == sorted(reported)
    assert len(checked) == 47
    assert "loans_manufacturing" in checked  # on 31/10/2021
    assert "market_inspections" in checked  # the first 11 months of 2021


def test_a_target_without_a_figure_is_a_row(seed: Path) -> None:
    plan = load_plan(seed)
    rows = build_check(plan, derive(plan), parse_period("2022")).rows
    status = {row.indicator: row.status for row in rows}
    assert status == {
        "industrial_output": "no_actual",
        "industrial_grdp": "no_actual",
        "industrial_exports": "no_actual",
    }
