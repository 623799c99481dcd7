"""plan-kpi status and list: what a period still needs from each agency; the plan's indicators."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from plan_kpi.cli.app import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def status_rows(*args: str) -> tuple[int, dict[str, dict[str, Any]]]:
    code, out, err = run("status", *args, "--format", "json")
    assert code in (0, 1), err
    return code, {row["indicator"]: row for row in json.loads(out)["rows"]}


def test_the_seed_s_2021_by_agency(seed: Path) -> None:
    code, rows = status_rows("--data", str(seed), "--period", "2021", "--as-of", "2021-12-20")
    assert code == 1  # figures are still missing
    # mục III.1: 2022 targets for industrial GRDP (growth 9,2 %) and exports (1.185): their
    # 2021 figures are the base of those targets, and no report gave them
    for indicator in ("industrial_grdp", "industrial_exports"):
        assert rows[indicator]["agency"] == "Cục Thống kê"
        assert rows[indicator]["needs"] == ["base"]
        assert rows[indicator]["state"] == "late"  # 20/12 is after the due date 15/12
        assert rows[indicator]["file"] is None
    # chú thích 5 gives only percentages for three of the four parts of industrial output
    output = rows["industrial_output"]
    assert output["needs"] == ["parts"]
    assert output["missing_parts"] == [
        "industrial_output.mining",
        "industrial_output.electricity",
        "industrial_output.water",
    ]
    assert rows["industrial_output.mining"]["needs"] == ["actual"]
    # what came in: where it was typed and what kind of figure it is
    enrolment = rows["vocational_enrolment"]
    assert (enrolment["state"], enrolment["needs"]) == ("received", [])
    assert enrolment["file"].endswith("actuals/2021-vocational.yaml")
    assert enrolment["actual_status"] == "final"
    assert rows["tax_revenue"]["actual_status"] == "estimate"
    # the latest figure inside the year: eleven months, a balance on 31/10
    assert rows["market_inspections"]["period"] == "2021-01/2021-11"
    assert rows["loans_manufacturing"]["period"] == "2021-10-31"


def test_missing_before_the_due_date_late_after_it(seed: Path) -> None:
    _, rows = status_rows("--data", str(seed), "--period", "2021", "--as-of", "2021-12-15")
    assert rows["industrial_grdp"]["state"] == "missing"
    _, rows = status_rows(
        "--data", str(seed), "--period", "2021", "--due", "2022-01-10", "--as-of", "2022-01-11"
    )
    assert rows["industrial_grdp"]["state"] == "late"


def test_one_agency(seed: Path) -> None:
    code, rows = status_rows(
        "--data", str(seed), "--period", "2021", "--agency", "Sở Lao động - Thương binh và Xã hội"
    )
    assert code == 0  # everything it owes for 2021 came in
    assert {row["agency"] for row in rows.values()} == {"Sở Lao động - Thương binh và Xã hội"}
    code, _, err = run("status", "--data", str(seed), "--agency", "Sở Ngoại vụ")
    assert code == 2
    assert "no agency 'Sở Ngoại vụ' in this plan" in err and "Cục Thống kê" in err


def test_the_table_says_it_in_words(seed: Path) -> None:
    args = ["status", "--data", str(seed), "--period", "2021", "--as-of", "2021-12-20"]
    result = runner.invoke(app, [*args, "--lang", "en"], env={"COLUMNS": "400"})
    code, out = result.exit_code, result.stdout
    assert code == 1
    assert "its figure, the base of next year's target" in out
    assert "mining and quarrying, electricity production and distribution" in out
    assert "Summary: received" in out and "late 6" in out


def test_list_and_show_without_an_id(seed: Path) -> None:
    code, out, _ = run("list", "--data", str(seed), "--format", "json")
    assert code == 0
    rows = {row["indicator"]: row for row in json.loads(out)["rows"]}
    assert rows["industrial_output"]["target_periods"] == ["2021", "2022"]
    assert rows["industrial_output"]["figure_periods"] == ["2021"]
    assert rows["industrial_output.mining"]["parent"] == "industrial_output"
    assert rows["industrial_grdp"]["figure_periods"] == []
    code, out, _ = run("show", "--data", str(seed), "--lang", "en")
    assert code == 0
    assert "industrial_output.manufacturing" in out and "Manufacturing" in out
