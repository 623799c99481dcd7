"""CSV actuals: one row a value, read in the plan's locale, checked as YAML actuals are."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from plan_kpi.cli.app import app

runner = CliRunner()

HEADER = "indicator,period,value,status,source,where,pct_of_previous,pct_of_target,target,growth_pct,share_pct\n"  # noqa: E501
# actuals/2021-industry.yaml of the seed plan, a row per value (the manufacturing row
# states both relations of its list form on one row)
INDUSTRY = HEADER + (
    'industrial_output,2021,61.005,estimate,KH 01/2022,chú thích 5,"92,19","85,97",70.962,,\n'
    'industrial_output.mining,2021,,estimate,KH 01/2022,chú thích 5,"87,61",,,,\n'
    'industrial_output.manufacturing,2021,,estimate,KH 01/2022,chú thích 5,"92,08",,,,"98,53"\n'
    'industrial_output.electricity,2021,,estimate,KH 01/2022,chú thích 5,,,,"6,13",\n'
    'industrial_output.water,2021,,estimate,KH 01/2022,chú thích 5,"99,26",,,,\n'
    'industrial_grdp_share,2021,"14,88",estimate,KH 01/2022,mục II.2,,,,,\n'
)


def as_csv(plan: Path, text: str) -> Path:
    """The plan with its industry report as CSV instead of YAML."""
    (plan / "actuals" / "2021-industry.yaml").unlink()
    path = plan / "actuals" / "2021-industry.csv"
    path.write_text(text, encoding="utf-8")
    return path


def check(plan: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", "--data", str(plan), "--period", "2021", *args])
    return result.exit_code, result.stdout, result.stderr


def rows(output: str) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in row.items() if k != "derivations"}  # they cite file:line
        for row in json.loads(output)["rows"]
    ]


def test_csv_gives_the_figures_yaml_gives(seed: Path, plan_copy: Path) -> None:
    as_csv(plan_copy, INDUSTRY)
    code, out, err = check(plan_copy, "--format", "json")
    _, yaml_out, _ = check(seed, "--format", "json")
    assert (code, err) == (1, "")
    assert rows(out) == rows(yaml_out)
    output = {row["indicator"]: row for row in rows(out)}["industrial_output"]
    assert output["attainment_pct"] == 85.97  # 61005 / 70962, as the report printed
    assert output["previous"] == 66173.1  # 61005 / 0.9219
    assert output["actual_status"] == "estimate"


def test_derivations_cite_the_csv_row(plan_copy: Path) -> None:
    as_csv(plan_copy, INDUSTRY)
    _, out, _ = check(plan_copy, "--format", "json", "-i", "industrial_output")
    (row,) = json.loads(out)["rows"]
    inputs = row["derivations"]["previous"]["inputs"]
    assert inputs[0]["term"] == "value 2021"
    assert inputs[0]["at"].endswith("2021-industry.csv:2")


def test_a_utf8_bom_from_excel_is_fine(plan_copy: Path) -> None:
    as_csv(plan_copy, "\ufeff" + INDUSTRY)
    code, out, err = check(plan_copy, "--format", "json", "-i", "industrial_grdp_share")
    assert (code, err) == (0, "")
    assert json.loads(out)["rows"][0]["actual"] == 14.88


def errors(plan: Path) -> list[str]:
    code, out, err = check(plan, "--format", "json")
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    return err.splitlines()


def test_each_bad_row_is_named_by_its_line_and_column(plan_copy: Path) -> None:
    path = as_csv(
        plan_copy,
        "indicator,period,value,status,pct_of_previous\n"
        'industrial_output,2021,"61.00",estimate,"92,19"\n'  # line 2: grouped wrongly
        'industrial_output.mining,2021,,estimate,"87,61"\n'
        'industrial_output.water,2021,,provisional,"99,26"\n'  # line 4: status
        'industrial_grdp_share,2021-13,"14,88",estimate,\n'  # line 5: no month 13
        "industrial_outputt,2021,5,estimate,\n"  # line 6: misspelt id
        "industrial_output.electricity,2021,,estimate,\n"  # line 7: nothing to read
        "\n"
        "industrial_output.manufacturing,2021,1,estimate\n",  # line 9: a cell short
    )
    found = [line.removeprefix(f"{path}:").split(": ", 1) for line in errors(plan_copy)]
    # the wording is issue 6's; the place (line:column of the cell) and the culprit are ours
    assert [place for place, _ in found] == ["2:3", "4:4", "5:2", "6:1", "7:1", "9:1"]
    culprits = [
        "'61.00'",
        "'provisional'",
        "month 13",
        "'industrial_outputt'",
        "no value",
        "4 cells",
    ]
    for (_, message), culprit in zip(found, culprits, strict=True):
        assert culprit in message


def test_a_value_given_in_yaml_and_csv_names_both_places(plan_copy: Path) -> None:
    path = as_csv(plan_copy, "indicator,period,value\nmarket_inspections,2021-01/2021-11,1.016\n")
    (message,) = errors(plan_copy)
    assert message.startswith(str(plan_copy / "actuals" / "2021-market.yaml") + ":")
    assert "market_inspections 2021-01/2021-11" in message
    assert f"{path}:2 " in message  # the CSV row, beside the YAML line


def test_a_misspelt_header_is_named(plan_copy: Path) -> None:
    path = as_csv(plan_copy, "indicator,period,valu\nindustrial_grdp_share,2021,1\n")
    (message,) = errors(plan_copy)
    assert message.startswith(f"{path}:1:1: unknown column(s) valu; missing column(s) value — ")
