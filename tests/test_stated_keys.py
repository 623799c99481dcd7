"""The stated keys of issue 17: excess_pct, shortfall_pct, times_previous, change_pp.

"Vượt 18,4 % dự toán" (excess_pct), "thấp hơn kế hoạch 5 %" (shortfall_pct), "bằng 1,5
lần" (times_previous) and "tăng 0,5 điểm phần trăm" (change_pp), each an equation of the
data format's table, read as printed (a rounded figure: ± half a unit of its last digit),
checked with the exact range over the printed figures and said in both languages. Every
expected number is worked out by hand in the comments, with Fractions.
"""

from __future__ import annotations

import textwrap
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from typer.testing import CliRunner

from plan_kpi.cli.app import app
from plan_kpi.core.periods import parse_period
from plan_kpi.engine.quantities import Level
from plan_kpi.engine.solving import derive
from plan_kpi.load.folder import load_plan
from plan_kpi.reports.audit import AuditRow, build_audit

D = Decimal
F = Fraction
P = parse_period
runner = CliRunner()

INDICATORS = """\
plan: {id: keys, title: "Stated keys", locale: vi}
indicators:
  - id: revenue
    name: Thu ngân sách
    unit: tỷ đồng
    targets:
      2022: "386.568"
  - id: poverty
    name: Tỷ lệ hộ nghèo
    unit: "%"
    direction: decrease
  - id: exports
    name: Kim ngạch xuất khẩu
    unit: triệu USD
  - id: output
    name: Sản lượng
    unit: tấn
    targets:
      2022: "1.000"
"""


def plan_of(root: Path, values: str) -> Path:
    folder = root / "plan"
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_text(INDICATORS, encoding="utf-8")
    report = "period: 2022\nlocale: vi\nvalues:\n" + textwrap.indent(textwrap.dedent(values), "  ")
    (folder / "actuals" / "2022.yaml").write_text(report, encoding="utf-8")
    return folder


def rows(folder: Path, relation: str) -> list[AuditRow]:
    plan = load_plan(folder)
    return [r for r in build_audit(plan, derive(plan)).rows if r.relation == relation]


def row_of(folder: Path, relation: str) -> AuditRow:
    [row] = rows(folder, relation)
    return row


# --- excess_pct: vượt X % kế hoạch = pct_of_target − 100 ------------------------------------


def test_excess_18_4_against_457_500_of_386_568_is_inconsistent(tmp_path: Path) -> None:
    row = row_of(
        plan_of(tmp_path, 'revenue: {value: "457.500", stated: {excess_pct: "18,4"}}'), "excess_pct"
    )
    assert row.verdict == "inconsistent"
    # both levels are whole, so exact: 457.500 / 386.568 × 100 − 100 = 70.932 / 386.568 × 100,
    # and 70.932 / 386.568 = 5.911 / 32.214 (both ÷ 12), so the excess is 591.100 / 32.214
    # = 295.550 / 16.107 = 18,34916… %: a single point
    exact = F(295550, 16107)
    e = row.explanation
    assert (e.range_low, e.range_high, e.range_exact) == (exact, exact, True)
    # 18,4 stands for [18,35; 18,45]: 118,4 − 100 would need an attainment of 118,35..118,45
    assert (row.stated_low, row.stated_high) == (D("18.35"), D("18.45"))
    # the margin is minus the gap: 18,35 − 295.550 / 16.107
    #   = (18,35 × 16.107 − 295.550) / 16.107 = (295.563,45 − 295.550) / 16.107
    #   = 13,45 / 16.107 = 269 / 322.140
    assert e.margin == -F(269, 322140)
    assert e.scale == "growth"


def test_excess_18_3_is_consistent(tmp_path: Path) -> None:
    row = row_of(
        plan_of(tmp_path, 'revenue: {value: "457.500", stated: {excess_pct: "18,3"}}'), "excess_pct"
    )
    # 18,3 stands for [18,25; 18,35], which holds 18,34916…
    assert row.verdict == "consistent"


def test_excess_derives_the_target_with_the_figures_interval(tmp_path: Path) -> None:
    folder = plan_of(tmp_path, 'exports: {value: "1.184", stated: {excess_pct: "18,4"}}')
    d = derive(load_plan(folder))
    target = d.target("exports", P("2022"))
    assert target is not None and target.derived
    # target = value / (1 + x %), x ∈ [18,35; 18,45]: 1.184 / 1,1845 .. 1.184 / 1,1835
    low, high = F(1184) / F("1.1845"), F(1184) / F("1.1835")
    # as Decimals at the working precision, rounded outward: within 10⁻³⁰ of the exact ends
    tiny = F(1, 10**30)
    assert target.interval.low is not None and target.interval.high is not None
    assert F(target.interval.low) <= low < F(target.interval.low) + tiny
    assert F(target.interval.high) - tiny < high <= F(target.interval.high)
    # the point from the printed point: 1.184 / 1,184 = 1.000
    assert target.point == 1000


# --- shortfall_pct: thấp hơn kế hoạch X % = 100 − pct_of_target -----------------------------


def test_shortfall_is_one_hundred_less_the_attainment(tmp_path: Path) -> None:
    # 950 / 1.000 = 95 %, 100 − 95 = 5: "5,0" stands for [4,95; 5,05] and holds it
    good = row_of(
        plan_of(tmp_path / "a", 'output: {value: "950", stated: {shortfall_pct: "5,0"}}'),
        "shortfall_pct",
    )
    assert good.verdict == "consistent"
    assert good.explanation.scale == "shortfall"
    # "5,2" stands for [5,15; 5,25]: 5 lies below it by 0,15
    bad = row_of(
        plan_of(tmp_path / "b", 'output: {value: "950", stated: {shortfall_pct: "5,2"}}'),
        "shortfall_pct",
    )
    assert bad.verdict == "inconsistent"
    assert bad.explanation.range_low == bad.explanation.range_high == 5
    assert bad.explanation.margin == F("-0.15")


def test_shortfall_derives_the_target_from_an_ordered_interval(tmp_path: Path) -> None:
    folder = plan_of(tmp_path, 'exports: {value: "950", stated: {shortfall_pct: "5,0"}}')
    d = derive(load_plan(folder))
    target = d.target("exports", P("2022"))
    assert target is not None
    # attainment = 1 − s %, s ∈ [4,95; 5,05]: [0,9495; 0,9505] (the negative scale turns the
    # printed ends round); target = 950 / attainment ∈ [950 / 0,9505; 950 / 0,9495]
    assert target.interval.low is not None and target.interval.high is not None
    assert target.interval.low <= target.interval.high
    assert F(target.interval.low) <= F(950) / F("0.9505") < F(target.interval.low) + F(1, 10**30)
    assert F(target.interval.high) - F(1, 10**30) < F(950) / F("0.9495") <= F(target.interval.high)
    # 950 / 0,95 = 1.000
    assert target.point == 1000


# --- times_previous: bằng X lần = value / previous -------------------------------------------


def test_times_previous_checks_the_ratio(tmp_path: Path) -> None:
    # 300 / 200 = 1,5; "1,5" stands for [1,45; 1,55]
    good = row_of(
        plan_of(
            tmp_path / "a",
            'exports: {value: "300", stated: {previous: "200", times_previous: "1,5"}}',
        ),
        "times_previous",
    )
    assert good.verdict == "consistent" and not good.percent
    # "1,6" stands for [1,55; 1,65]: 1,5 is below it by 0,05
    bad = row_of(
        plan_of(
            tmp_path / "b",
            'exports: {value: "300", stated: {previous: "200", times_previous: "1,6"}}',
        ),
        "times_previous",
    )
    assert bad.verdict == "inconsistent"
    assert bad.explanation.margin == F("-0.05")


def test_times_previous_derives_the_previous_value(tmp_path: Path) -> None:
    d = derive(
        load_plan(plan_of(tmp_path, 'exports: {value: "300", stated: {times_previous: "1,5"}}'))
    )
    before = d.get(Level("value", "exports", P("2021")))
    assert before is not None
    # previous = 300 / t, t ∈ [1,45; 1,55]: [300 / 1,55; 300 / 1,45] = [193,548…; 206,896…]
    assert before.interval.low is not None and before.interval.high is not None
    assert F(before.interval.low) <= F(300) / F("1.55") < F("193.549")
    assert F("206.896") < F(300) / F("1.45") <= F(before.interval.high)
    assert before.point == 200


# --- change_pp: tăng/giảm X điểm phần trăm = value − previous, for rates ---------------------


def test_change_pp_of_a_rate(tmp_path: Path) -> None:
    # 12,5 − 12,0 with each ± 0,05: [12,45 − 12,05; 12,55 − 11,95] = [0,4; 0,6]
    good = row_of(
        plan_of(
            tmp_path / "a", 'poverty: {value: "12,5", stated: {previous: "12,0", change_pp: "0,5"}}'
        ),
        "change_pp",
    )
    assert good.verdict == "consistent"
    assert (good.explanation.range_low, good.explanation.range_high) == (F("0.4"), F("0.6"))
    # "0,7" stands for [0,65; 0,75]: 0,6 is below it by 0,05
    bad = row_of(
        plan_of(
            tmp_path / "b", 'poverty: {value: "12,5", stated: {previous: "12,0", change_pp: "0,7"}}'
        ),
        "change_pp",
    )
    assert bad.verdict == "inconsistent"
    assert bad.explanation.margin == F("-0.05")


def test_change_pp_is_rounded_even_when_whole(tmp_path: Path) -> None:
    # a whole "1" point is [0,5; 1,5], as percentages are: 14 − 12 = 2 lies above it by 0,5
    row = row_of(
        plan_of(tmp_path, 'poverty: {value: "14", stated: {previous: "12", change_pp: "1"}}'),
        "change_pp",
    )
    assert (row.stated_low, row.stated_high) == (D("0.5"), D("1.5"))
    assert row.verdict == "inconsistent" and row.explanation.margin == F("-0.5")


def test_change_pp_of_an_indicator_that_is_not_a_rate_is_an_error(tmp_path: Path) -> None:
    folder = plan_of(tmp_path, 'exports: {value: "300", stated: {previous: "200", change_pp: "1"}}')
    result = runner.invoke(app, ["check", "--data", str(folder)])
    assert result.exit_code == 2
    assert "2022.yaml:4:" in result.stderr
    assert "change_pp is a change in percentage points" in result.stderr
    assert "'triệu USD'" in result.stderr


# --- the words: audit, report, show -----------------------------------------------------------


def test_audit_says_each_key_in_both_languages(tmp_path: Path) -> None:
    folder = plan_of(
        tmp_path,
        """\
        revenue: {value: "457.500", stated: {excess_pct: "18,4"}}
        poverty: {value: "12,5", stated: {previous: "12,0", change_pp: "0,5"}}
        exports: {value: "300", stated: {previous: "200", times_previous: "1,5"}}
        output: {value: "950", stated: {shortfall_pct: "5,0"}}
        """,
    )
    vi = runner.invoke(app, ["audit", "--data", str(folder), "--explain", "--lang", "vi"])
    assert vi.exit_code == 1, vi.stderr
    text = " ".join(vi.stdout.split())
    # (457.500 / 386.568 − 1) × 100 = 18,34916… → 18,3492 at four decimals
    assert "(457.500 / 386.568 − 1) × 100 = 18,3492 %" in text
    # (1 − 950 / 1.000) × 100 = 5
    assert "(1 − 950 / 1.000) × 100 = 5" in text
    assert "thừa 0,0008" in text  # 269 / 322.140 = 0,000835…
    assert "% vượt KH" in text
    en = runner.invoke(app, ["audit", "--data", str(folder), "--explain", "--lang", "en"])
    words = " ".join(en.stdout.split())
    assert "% above target" in words and "% below target" in words
    assert "times previous" in words and "change (points)" in words


def test_report_words_the_excess_the_times_and_the_points(tmp_path: Path) -> None:
    folder = plan_of(
        tmp_path,
        """\
        revenue: {value: "457.500", stated: {excess_pct: "18,3"}}
        poverty: {value: "12,5", stated: {previous: "12,0", change_pp: "0,5"}}
        exports: {value: "300", stated: {previous: "200", times_previous: "1,5"}}
        output: {value: "950", stated: {shortfall_pct: "5,0"}}
        """,
    )
    vi = runner.invoke(app, ["report", "--data", str(folder), "--period", "2022", "--lang", "vi"])
    assert vi.exit_code == 1, vi.stderr  # output's target is missed
    # 457.500 / 386.568 × 100 − 100 = 18,349… → 18,35 at the report's two decimals
    assert "vượt 18,35 % kế hoạch (KH 386.568 tỷ đồng)" in vi.stdout
    # 950 / 1.000 = 95 %: 5 % below
    assert "thấp hơn kế hoạch 5,00 % (KH 1.000 tấn)" in vi.stdout
    # 300 / 200 = 1,5 times; 12,5 − 12,0 = 0,5 points
    assert "bằng 1,50 lần so với năm 2021" in vi.stdout
    assert "tăng 0,5 điểm phần trăm so với năm 2021" in vi.stdout
    en = runner.invoke(app, ["report", "--data", str(folder), "--period", "2022", "--lang", "en"])
    assert "18.35% above the target (target 386,568 tỷ đồng)" in en.stdout
    assert "5.00% below the target (target 1,000 tấn)" in en.stdout
    assert "1.50 times the 2021 level" in en.stdout
    assert "up 0.5 percentage points on 2021" in en.stdout


def test_show_gives_a_number_of_times_in_times(tmp_path: Path) -> None:
    folder = plan_of(
        tmp_path, 'exports: {value: "300", stated: {previous: "200", times_previous: "1,6"}}'
    )
    vi = runner.invoke(app, ["show", "exports", "--data", str(folder), "--lang", "vi"])
    text = " ".join(vi.stdout.split())
    assert "số lần so với cùng kỳ · 1,6 lần" in text
    assert "1,6 triệu USD" not in text
