"""Two targets for one figure: "dự toán Trung ương giao" and "dự toán HĐND tỉnh giao".

Expected values are hand arithmetic written in comments, never output of plan-kpi
pasted back.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from plan_kpi.cli.app import app
from plan_kpi.core.errors import PlanError
from plan_kpi.core.models import with_target
from plan_kpi.core.periods import parse_period
from plan_kpi.engine.solving import derive
from plan_kpi.load.folder import load_plan
from plan_kpi.reports.check import build_check

D = Decimal
runner = CliRunner()

PLAN = """\
plan:
  id: budget
  title: Thu ngân sách
  locale: vi
  targets:
    central: {vi: "dự toán Trung ương giao", en: "central government's estimate"}
    provincial: {vi: "dự toán HĐND tỉnh giao", en: "provincial council's estimate"}
  default_target: provincial
indicators:
  - id: revenue
    name: {vi: Thu ngân sách nhà nước, en: State budget revenue}
    unit: {vi: tỷ đồng, en: billion VND}
    targets:
      2022: {central: "14.500", provincial: "16.000"}
      2023: "17.000"
"""
ACTUALS = """\
period: 2022
locale: vi
values:
  revenue:
    value: "15.200"
    stated:
      - {pct_of_target: "104,8", against: central}
      - {pct_of_target: "95"}
"""


def budget(folder: Path, plan: str = PLAN, actuals: str = ACTUALS) -> Path:
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_text(plan, encoding="utf-8")
    (folder / "actuals" / "2022.yaml").write_text(actuals, encoding="utf-8")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def check_json(folder: Path, *more: str) -> dict[str, Any]:
    code, out, err = run("check", "--data", str(folder), "--period", "2022", "-f", "json", *more)
    assert code in (0, 1), err
    result: dict[str, Any] = json.loads(out, parse_float=D)
    return result


def test_the_plan_declares_its_targets(tmp_path: Path) -> None:
    plan = load_plan(budget(tmp_path / "p"))
    assert plan.info.target_names == ("central", "provincial")
    assert plan.info.default_target == "provincial"
    (revenue,) = plan.indicators
    # the default target has no name in the records; the other keeps its name
    assert {
        (str(t.period), t.name, t.value.value if t.value else None) for t in revenue.targets
    } == {
        ("2022", "central", D(14500)),
        ("2022", None, D(16000)),
        ("2023", None, D(17000)),  # a target without a name is the default one
    }


def test_check_judges_by_the_default_target(tmp_path: Path) -> None:
    report = check_json(budget(tmp_path / "p"))
    (row,) = report["rows"]
    # 15.200 / 16.000 = 95 %; 15.200 − 16.000 = −800
    assert (row["target"], row["attainment_pct"], row["gap"]) == (16000, D("95.00"), -800)
    assert row["status"] == "missed"
    assert report["target"] == "provincial"


def test_check_judges_by_the_target_asked_for(tmp_path: Path) -> None:
    folder = budget(tmp_path / "p")
    report = check_json(folder, "--target", "central")
    (row,) = report["rows"]
    # 15.200 / 14.500 = 1,048275…: 104,83 %; 15.200 − 14.500 = 700
    assert (row["target"], row["attainment_pct"], row["gap"]) == (14500, D("104.83"), 700)
    assert row["status"] == "met"
    assert report["target"] == "central"
    code, out, _ = run("check", "--data", str(folder), "--period", "2022", "--target", "central")
    assert code == 0
    assert "kế hoạch: dự toán Trung ương giao" in out


def test_the_report_says_which_target(tmp_path: Path) -> None:
    folder = budget(tmp_path / "p")
    _, out, _ = run("report", "--data", str(folder), "--period", "2022", "--lang", "vi")
    assert "## I. Kết quả thực hiện năm 2022 so với dự toán HĐND tỉnh giao" in out
    assert "đạt 95,00 % kế hoạch (KH 16.000 tỷ đồng)" in out
    _, out, _ = run("report", "--data", str(folder), "--period", "2022", "--target", "central")
    assert "so với dự toán Trung ương giao" in out
    assert "đạt 104,83 % kế hoạch (KH 14.500 tỷ đồng)" in out


def test_outlook_takes_the_target_asked_for(tmp_path: Path) -> None:
    folder = budget(tmp_path / "p")
    code, out, err = run("outlook", "--data", str(folder), "-f", "json", "--target", "central")
    assert code in (0, 1), err
    rows = {row["target_period"]: row for row in json.loads(out, parse_float=D)["rows"]}
    assert rows["2022"]["target"] == 14500  # the central estimate, not the provincial 16.000


def test_audit_checks_each_statement_against_its_own_target(tmp_path: Path) -> None:
    code, out, _ = run("audit", "--data", str(budget(tmp_path / "p")), "-f", "json")
    assert code == 0
    rows = json.loads(out, parse_float=D)["rows"]
    against = {row["against"]: row for row in rows if row["relation"] == "pct_of_target"}
    # 15.200 / 14.500 = 104,8276 % ∈ [104,75; 104,85]; 15.200 / 16.000 = 95 % ∈ [94,5; 95,5]
    assert against["central"]["verdict"] == "consistent"
    assert against["central"]["computed"] == D("104.8276")
    assert against[None]["verdict"] == "consistent"
    assert against[None]["computed"] == D("95.0000")


def test_the_audit_is_the_same_whichever_target_is_shown(tmp_path: Path) -> None:
    folder = budget(tmp_path / "p")
    plan = load_plan(folder)
    verdicts = {(c.observation.figure.at.line, c.verdict) for c in derive(plan).statement_checks}
    swapped = derive(with_target(plan, "central"))
    assert {(c.observation.figure.at.line, c.verdict) for c in swapped.statement_checks} == verdicts


def test_a_pct_of_an_other_target_that_disagrees(tmp_path: Path) -> None:
    # "vượt 18,4 % dự toán": 457.500 / 386.568 = 1,18349…, 118,349 % is below 118,4's [118,35;
    # 118,45] (386.568 × 1,1835 = 457.503,2 > 457.500)
    plan = PLAN.replace('{central: "14.500", provincial: "16.000"}', '{central: "386.568"}')
    actuals = (
        'period: 2022\nlocale: vi\nvalues:\n  revenue:\n    value: "457.500"\n'
        '    stated: {pct_of_target: "118,4", against: central}\n'
    )
    code, out, _ = run("audit", "--data", str(budget(tmp_path / "p", plan, actuals)), "-f", "json")
    assert code == 1
    (row,) = [r for r in json.loads(out, parse_float=D)["rows"] if r["relation"] == "pct_of_target"]
    assert (row["against"], row["verdict"]) == ("central", "inconsistent")


@pytest.mark.parametrize(
    ("excess", "verdict"),
    [
        # "vượt 18,4 % dự toán Trung ương giao": 457.500 / 386.568 − 1 = 18,349… %, below
        # 18,4's [18,35; 18,45] (386.568 × 1,1835 = 457.503,2 > 457.500)
        ('excess_pct: "18,4"', "inconsistent"),
        ('excess_pct: "18,3"', "consistent"),  # [18,25; 18,35] holds 18,349…
        # "thấp hơn dự toán Trung ương 1 %" is an attainment of 99 %: not 118,35 %
        ('shortfall_pct: "1"', "inconsistent"),
    ],
)
def test_an_excess_or_a_shortfall_against_an_other_target(
    tmp_path: Path, excess: str, verdict: str
) -> None:
    plan = PLAN.replace('{central: "14.500", provincial: "16.000"}', '{central: "386.568"}')
    actuals = (
        'period: 2022\nlocale: vi\nvalues:\n  revenue:\n    value: "457.500"\n'
        f"    stated: {{{excess}, against: central}}\n"
    )
    code, out, _ = run("audit", "--data", str(budget(tmp_path / "p", plan, actuals)), "-f", "json")
    assert code == (1 if verdict == "inconsistent" else 0)
    (row,) = [r for r in json.loads(out, parse_float=D)["rows"] if r["relation"] != "target"]
    assert (row["against"], row["verdict"]) == ("central", verdict)


def test_each_target_adds_up_on_its_own(tmp_path: Path) -> None:
    plan = PLAN.replace(
        '      2023: "17.000"\n',
        '  - {id: revenue.tax, parent: revenue, targets: {2022: {central: "10.000"}}}\n'
        '  - {id: revenue.land, parent: revenue, targets: {2022: {central: "4.000"}}}\n',
    )
    code, out, _ = run("audit", "--data", str(budget(tmp_path / "p", plan)), "-f", "json")
    rows = json.loads(out, parse_float=D)["rows"]
    (row,) = [r for r in rows if r["relation"] == "target_sum"]
    # central: 10.000 + 4.000 = 14.000, not 14.500; the provincial targets have no parts
    assert (row["against"], row["verdict"], row["computed"]) == ("central", "inconsistent", 14000)
    assert code == 1


def test_csv_actuals_say_against_too(tmp_path: Path) -> None:
    folder = budget(tmp_path / "p")
    (folder / "actuals" / "2022.yaml").unlink()
    (folder / "actuals" / "2022.csv").write_text(
        'indicator,period,value,pct_of_target,against\nrevenue,2022,15.200,"104,8",central\n',
        encoding="utf-8",
    )
    plan = load_plan(folder)
    (statement,) = plan.actuals[0].statements
    assert statement.against == "central"
    report = build_check(plan, derive(plan), parse_period("2022"))
    assert report.rows[0].attainment_pct is not None
    assert report.rows[0].attainment_pct.rounded == D("95.00")  # still judged by the default


@pytest.mark.parametrize(
    ("plan", "actuals", "where", "message"),
    [
        (
            PLAN.replace('{central: "14.500"', '{centrl: "14.500"'),
            ACTUALS,
            "targets.yaml:14:",
            "'centrl' is not one of the plan's targets (central, provincial) — did you mean "
            "'central'?",
        ),
        (
            PLAN,
            ACTUALS.replace("against: central", "against: provincal"),
            "2022.yaml:7:",
            "'provincal' is not one of the plan's targets (central, provincial) — did you mean "
            "'provincial'?",
        ),
        (
            PLAN.replace("default_target: provincial", "default_target: local"),
            ACTUALS,
            "targets.yaml:8:",
            "'local' is not one of the plan's targets (central, provincial)",
        ),
        (
            PLAN,
            ACTUALS.replace('{pct_of_target: "95"}', '{growth_pct: "5", against: central}'),
            "2022.yaml:8:",
            "against names the target a 'target', 'pct_of_target', 'excess_pct' or "
            "'shortfall_pct' is of, and this group has none",
        ),
        (
            PLAN.replace("  targets:\n    central", "  names:\n    central", 1),
            ACTUALS,
            "targets.yaml:",
            "unknown key 'names'",
        ),
    ],
)
def test_unknown_names_are_errors_at_their_line(
    tmp_path: Path, plan: str, actuals: str, where: str, message: str
) -> None:
    folder = budget(tmp_path / "p", plan, actuals)
    with pytest.raises(PlanError) as raised:
        load_plan(folder)
    said = str(raised.value)
    assert where in said and message in said, said


def test_named_targets_in_a_plan_that_names_none(tmp_path: Path) -> None:
    plan = PLAN.replace(
        '  targets:\n    central: {vi: "dự toán Trung ương giao", en: "central government\'s '
        'estimate"}\n    provincial: {vi: "dự toán HĐND tỉnh giao", en: "provincial council\'s '
        'estimate"}\n  default_target: provincial\n',
        "",
    )
    folder = budget(tmp_path / "p", plan, ACTUALS.replace(", against: central", ""))
    with pytest.raises(PlanError, match="the plan names no targets"):
        load_plan(folder)


def test_show_and_several_periods_judge_by_the_target_asked_for(tmp_path: Path) -> None:
    folder = str(budget(tmp_path / "p"))
    _, out, _ = run("show", "revenue", "--data", folder, "--lang", "en", "--target", "central")
    assert "Periods — target: central government's estimate" in out
    # 15.200 / 14.500 = 104,8275… → 104.83 %, 15.200 − 14.500 = 700: met
    (line,) = [line for line in out.splitlines() if line.startswith("2022 ")]
    assert line.split()[:6] == ["2022", "14,500", "15,200", "104.83", "700", "met"]
    args = ["check", "--data", folder, "--period", "2022..2023", "--target", "central"]
    _, out, _ = run(*args, "-f", "json")
    first, second = json.loads(out, parse_float=D)
    assert (first["target"], first["rows"][0]["target"]) == ("central", 14500)
    # 2023's only target ("17.000", unnamed) is the plan's default, provincial: none for central
    assert second["rows"] == []
    _, out, _ = run(*args, "--lang", "vi")
    assert "kế hoạch: dự toán Trung ương giao" in " ".join(out.split())


def test_target_option_names_one_of_the_plans_targets(tmp_path: Path, seed: Path) -> None:
    folder = budget(tmp_path / "p")
    code, _, err = run("check", "--data", str(folder), "--target", "centrl")
    assert code == 2
    assert "--target: 'centrl' is not one of the plan's targets (central, provincial)" in err
    assert "did you mean 'central'?" in err
    code, _, err = run("check", "--data", str(seed), "--target", "central")
    assert code == 2
    assert "the plan names no targets" in err


@pytest.mark.parametrize(("more", "shown"), [((), 16000), (("--target", "central"), 14500)])
def test_forms_show_the_target_the_plan_judges_by_or_the_one_named(
    tmp_path: Path, more: tuple[str, ...], shown: int
) -> None:
    import openpyxl

    folder = budget(tmp_path / "p")
    out = tmp_path / "forms"
    code, _, err = run("forms", "--data", str(folder), "--period", "2022", "-o", str(out), *more)
    assert code == 0, err
    (workbook,) = out.glob("*.xlsx")  # revenue has no agency: one form
    sheet = openpyxl.load_workbook(workbook)["Biểu mẫu"]
    (row,) = [r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "revenue"]
    # column 7 is the target of the period, for reference: provincial 16.000 by default
    assert sheet.cell(row, 7).value == shown
