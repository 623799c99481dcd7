"""plan-kpi show: one indicator's periods, printed and derived figures, and its chart."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from plan_kpi.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def lines_starting(out: str, start: str) -> list[str]:
    """Table rows: the period, then at least two spaces (a wrapped footnote has one)."""
    return [line for line in out.splitlines() if line.startswith(start + "  ")]


def test_industrial_output_2020_derived_2021_and_the_2022_target(seed: Path) -> None:
    code, out, _ = run("show", "industrial_output", "--data", str(seed))
    assert code == 1  # 2021 missed
    assert out.startswith("Giá trị sản xuất công nghiệp (giá so sánh 2010)\n")
    (y2020,) = lines_starting(out, "2020")
    # 61.005 / 0,9219 = 66.173,1, derived: its footnote says from what
    assert "66.173,1 [1]" in y2020 and "không có kế hoạch" in y2020
    assert "[1] value 2020 = value 2021 / pct_of_previous 2021 vs 2020 (tính suy ra)" in out
    (y2021,) = lines_starting(out, "2021")
    for figure in ("70.962", "61.005", "85,97", "-9.957", "-7,81", "không đạt", "ước"):
        assert figure in y2021
    (y2022,) = lines_starting(out, "2022")
    # mục III.1: 66.620; 66.620 / 61.005 − 1 = 9,20 %
    assert "66.620" in y2022 and "9,20" in y2022 and "chưa có số liệu" in y2022
    chart = out[out.index("Biểu đồ: thực hiện và kế hoạch (tỷ đồng)") :]
    bars = [line for line in chart.splitlines() if "█" in line]
    assert len(bars) == 4  # 2020 actual; 2021 target and actual; 2022 target
    assert bars[0].endswith(" 66.173,1*") and "* số tính suy ra" in chart
    assert bars[1].endswith(" 70.962") and bars[3].endswith(" 66.620")
    # the longest bar is the largest figure, 70.962: 40 full blocks
    assert bars[1].count("█") == 40
    # 61.005 / 70.962 × 40 = 34,39 characters: 34 full blocks and an eighth part
    assert bars[2].count("█") == 34


def test_printed_statements_and_what_the_figures_give(seed: Path) -> None:
    code, out, _ = run("show", "vocational_enrolment", "--data", str(seed), "--lang", "en")
    assert code == 1  # the text's 100,19 % disagrees
    statements = out[out.index("Figures as the reports print them") :]
    # 15.178 / 15.000 = 101,1867 %
    assert "percentage of target · 100.19% (mục I.2.5" in statements
    assert "— inconsistent (computed 101.1867%)" in statements
    assert "percentage of target · 101.19% (chú thích 4" in statements
    assert "— consistent (computed 101.1867%)" in statements


def test_a_comparison_with_another_period(seed: Path) -> None:
    code, out, _ = run("show", "loans_manufacturing", "--data", str(seed))
    assert code == 0
    assert "tỷ lệ tăng/giảm (so với 31/12/2020) · 2,53 %" in out
    # 6.930 − 171 = 6.759 on 31/12/2020, derived from the change
    assert "6.759 [1]" in out
    # a share is not a comparison: no "so với" on it
    (share,) = [line for line in out.splitlines() if "tỷ trọng" in line]
    assert "so với" not in share


def test_english_names_numbers_and_chart(seed: Path) -> None:
    _, out, _ = run("show", "industrial_output", "--data", str(seed), "--lang", "en")
    assert out.startswith("Industrial production value (2010 constant prices)\n")
    assert "66,173.1 [1]" in out and "66,620" in out
    assert "Chart: actual and target (billion VND)" in out


def test_unknown_indicator(seed: Path) -> None:
    code, out, err = run("show", "industrial_outptu", "--data", str(seed))
    assert code == 2 and out == ""
    assert "did you mean 'industrial_output'" in err


def test_quiet_prints_nothing_and_keeps_the_exit_code(seed: Path) -> None:
    code, out, _ = run("show", "industrial_output", "--data", str(seed), "--quiet")
    assert (code, out) == (1, "")


def test_which_way_is_better_only_for_indicators_with_targets(seed: Path) -> None:
    _, out, _ = run("show", "industrial_output", "--data", str(seed))
    assert "industrial_output · tỷ đồng · chỉ tiêu càng cao càng tốt\n" in out
    _, out, _ = run("show", "market_violations_pending", "--data", str(seed))
    assert "market_violations_pending · vụ\n" in out
