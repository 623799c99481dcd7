"""The data format's own examples, typed as docs/data-format.md prints them.

An outside test suite writes plans from the shared spec's text: every key and
form it shows must load and give the figures the spec and the issues say.
Expected values are hand arithmetic written beside them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from plan_kpi.cli.app import app

runner = CliRunner()

#: targets.yaml exactly as the spec shows it, then the indicators its actuals example names
SPEC_TARGETS = """\
plan:
  id: dong-thap-nq124-2022            # slug
  title: "Kế hoạch triển khai thực hiện Nghị quyết số 124/NQ-CP năm 2022 ..."
  issuer: "UBND tỉnh Đồng Tháp"
  locale: vi
indicators:
  - id: industrial_output             # [a-z0-9_.]+, unique
    name: {vi: "Giá trị sản xuất công nghiệp (giá so sánh 2010)",
           en: "Industrial production value (2010 constant prices)"}
    unit: {vi: "tỷ đồng", en: "billion VND"}   # a plain string is fine too
    direction: increase               # increase (default) | decrease
    targets:
      2021: "70.962"                  # level target for the period
      2022: {value: "66.620", source: "mục III.1"}
  - id: industrial_grdp
    name: {vi: "GRDP ngành công nghiệp (giá 2010)", en: "Industrial GRDP (2010 prices)"}
    unit: {vi: "tỷ đồng", en: "billion VND"}
    targets:
      2022: {growth_pct: "9,2"}       # growth target over the previous period
  - id: industrial_output.mining
    name: {vi: "Khai khoáng", en: "Mining and quarrying"}
    parent: industrial_output         # this indicator is a part of its parent
  - id: vocational_enrolment
    breakdown: complete               # children sum to it (default);
                                      # partial = "trong đó" (of which): sum <= parent
  - {id: loans, name: Dư nợ, breakdown: partial}
  - {id: manufacturing_loans, name: Dư nợ công nghiệp chế biến, parent: loans}
  - {id: market_inspections, name: Kiểm tra}
"""

#: actuals/*.yaml exactly as the spec shows it
SPEC_ACTUALS = """\
period: 2021                          # the report's default period
status: estimate                      # estimate (ước thực hiện) | preliminary (sơ bộ) | final
source: "Kế hoạch .../KH-UBND, 01/2022"
locale: vi
values:
  industrial_output:
    value: "61.005"
    stated:                           # figures exactly as the report printed them
      pct_of_previous: "92,19"
      pct_of_target: "85,97"
      target: "70.962"
    where: "chú thích 5"
  industrial_output.mining:
    stated: {pct_of_previous: "87,61"}
  manufacturing_loans:
    period: 2021-10-31                # a value may override the file's period
    value: "6.930"
    stated: {change: "171", growth_pct: "2,53", vs: 2020-12-31, share_pct: "9,16"}
  vocational_enrolment:
    value: "15.178"
    stated:                           # a list when the report states a relation twice
      - {pct_of_target: "100,19", where: "mục I.2.5"}
      - {pct_of_target: "101,19", where: "chú thích 4"}
  market_inspections: "1.016"         # short form: just the value
"""


def spec_plan(folder: Path) -> Path:
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_text(SPEC_TARGETS, encoding="utf-8")
    (folder / "actuals" / "2021.yaml").write_text(SPEC_ACTUALS, encoding="utf-8")
    return folder


def json_of(*args: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.stderr == "", result.stderr
    return result.exit_code, json.loads(result.stdout)


def test_the_spec_examples_load_and_check(tmp_path: Path) -> None:
    code, report = json_of("check", "--data", str(spec_plan(tmp_path)))
    assert report["period"] == "2021"  # the latest year with a value of an indicator with a target
    rows = {row["indicator"]: row for row in report["rows"]}
    output = rows["industrial_output"]
    assert output["target"] == 70962
    assert output["actual"] == 61005
    assert output["attainment_pct"] == 85.97  # 61005 / 70962 = 0.859685…
    assert output["gap"] == -9957  # 61005 − 70962
    assert output["previous"] == 66173.1  # 61005 / 0.9219 = 66173.12…, derived
    assert output["previous_derived"] is True
    assert output["growth_pct"] == -7.81  # 92.19 − 100
    assert (output["status"], output["actual_status"]) == ("missed", "estimate")
    assert rows["industrial_output.mining"]["growth_pct"] == -12.39  # 87.61 − 100
    assert code == 1


def test_an_indicator_without_a_name_is_shown_by_its_id(tmp_path: Path) -> None:
    # the spec's vocational_enrolment has only an id and a breakdown
    _, report = json_of("check", "--data", str(spec_plan(tmp_path)))
    rows = {row["indicator"]: row for row in report["rows"]}
    assert rows["vocational_enrolment"]["name"] == "vocational_enrolment"
    assert rows["vocational_enrolment"]["actual"] == 15178


def test_the_spec_examples_audit(tmp_path: Path) -> None:
    code, report = json_of("audit", "--data", str(spec_plan(tmp_path)))
    verdicts = {
        (row["indicator"], row["relation"], str(row["stated"])): row["verdict"]
        for row in report["rows"]
    }
    # 61005 / 70962 × 100 = 85.9685 in [85.965, 85.975]
    assert verdicts["industrial_output", "pct_of_target", "85.97"] == "consistent"
    assert verdicts["industrial_output", "target", "70962"] == "consistent"
    # vs 2020-12-31: 171 / (6930 − 171) × 100 = 2.52996 in [2.525, 2.535]
    assert verdicts["manufacturing_loans", "growth_pct", "2.53"] == "consistent"
    # loans has no value on 31/10: the share cannot be checked, never flagged
    assert verdicts["manufacturing_loans", "share_pct", "9.16"] == "unchecked"
    # 100,19 % and 101,19 % of one target cannot both hold: exactly one is flagged
    assert report["summary"]["inconsistent"] == 1
    assert code == 1


def test_a_part_without_a_unit_is_counted_in_its_parents(tmp_path: Path) -> None:
    # the spec's mining has no unit: it is a part of industrial_output, in tỷ đồng
    _, report = json_of("check", "--data", str(spec_plan(tmp_path)), "--lang", "en")
    rows = {row["indicator"]: row for row in report["rows"]}
    assert rows["industrial_output.mining"]["unit"] == "billion VND"
    # an indicator of no breakdown and no unit has none: nothing is guessed for it
    assert rows["vocational_enrolment"]["unit"] == ""
