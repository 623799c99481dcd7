"""plan-kpi show: one indicator's periods, printed and derived figures, and its chart."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import write_plan
from plan_kpi.cli.app import app
from plan_kpi.engine.solving import derive
from plan_kpi.load.folder import load_plan
from plan_kpi.reports.audit import AuditRow, build_audit
from plan_kpi.reports.show import build_story

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
    # 61.005 / 0,9219 = 66.173,1, derived; known only to [66.169,5; 66.176,8] (the printed
    # figures' rounding), 7,3 wide: shown to the tens, 66.170; its footnote says from what
    assert "66.170 [1]" in y2020 and "không có kế hoạch" in y2020
    assert "kết quả là 66.173,1, nằm trong khoảng từ 66.169,5 đến 66.176,8" in " ".join(out.split())
    assert (
        "[1] số thực hiện năm 2020 = số thực hiện năm 2021 / tỷ lệ năm 2021 so với năm 2020"
        " (tính suy ra)" in out
    )
    (y2021,) = lines_starting(out, "2021")
    for figure in ("70.962", "61.005", "85,97", "-9.957", "-7,81", "không đạt", "ước"):
        assert figure in y2021
    (y2022,) = lines_starting(out, "2022")
    # mục III.1: 66.620; 66.620 / 61.005 − 1 = 9,20 %
    assert "66.620" in y2022 and "9,20" in y2022 and "chưa có số liệu" in y2022
    chart = out[out.index("Biểu đồ: thực hiện và kế hoạch (tỷ đồng)") :]
    bars = [line for line in chart.splitlines() if "█" in line]
    assert len(bars) == 4  # 2020 actual; 2021 target and actual; 2022 target
    assert bars[0].endswith(" 66.170*") and "* số tính suy ra" in chart
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
    assert "66,170 [1]" in out and "66,620" in out  # 66,173.1 known to ± 3.7: to the tens
    assert "it comes to 66,173.1, somewhere from 66,169.5 to 66,176.8" in " ".join(out.split())
    assert "Chart: actual and target (billion VND)" in out


def test_unknown_indicator(seed: Path) -> None:
    code, out, err = run("show", "industrial_outptu", "--data", str(seed))
    assert code == 2 and out == ""
    assert "did you mean 'industrial_output'" in err
    # show takes the id as an argument: the message names no --indicator option
    assert err.startswith("plan-kpi: no indicator 'industrial_outptu' in this plan")


def test_quiet_prints_nothing_and_keeps_the_exit_code(seed: Path) -> None:
    code, out, _ = run("show", "industrial_output", "--data", str(seed), "--quiet")
    assert (code, out) == (1, "")


def test_which_way_is_better_only_for_indicators_with_targets(seed: Path) -> None:
    _, out, _ = run("show", "industrial_output", "--data", str(seed))
    assert "industrial_output · tỷ đồng · chỉ tiêu càng cao càng tốt\n" in out
    _, out, _ = run("show", "market_violations_pending", "--data", str(seed))
    assert "market_violations_pending · vụ\n" in out


# --- the printed figures carry the audit's verdicts -----------------------------------------


def test_a_figure_that_fed_a_check_says_which(seed: Path) -> None:
    # chú thích 1: 80.296 on 31/12/2021, "tăng 8.570 tỷ đồng, tỷ lệ tăng 11,95%": the change
    # gives 31/12/2020 (80.296 − 8.570 = 71.726), against which the growth is checked
    # (80.296 / 71.726 − 1 = 11,9482 %); the change is not unchecked, it fed that check
    _, out, _ = run("show", "loans_total", "--data", str(seed))
    (change,) = [line for line in out.splitlines() if "mức tăng/giảm · 8.570" in line]
    assert change.endswith("— dùng để kiểm tra tỷ lệ tăng/giảm 11,95 %: khớp")
    (growth,) = [line for line in out.splitlines() if "tỷ lệ tăng/giảm · 11,95 %" in line]
    assert growth.endswith("— khớp (tính được 11,9482 %)")
    after = out.splitlines()[out.splitlines().index(growth) + 1]
    assert after.startswith("    (80.296 / 71.726 − 1) × 100 = 11,9482 %")
    assert "80.296 − 8.570 = 71.726" in after
    _, out, _ = run("show", "loans_total", "--data", str(seed), "--lang", "en")
    assert "change · 8,570 billion VND (chú thích 1, " in out
    assert "— used in the check of growth 11.95%: consistent" in out


def test_an_unchecked_figure_says_why(seed: Path) -> None:
    # chú thích 5: 92,19 % of 2020, and no report prints the 2020 level
    _, out, _ = run("show", "industrial_output", "--data", str(seed))
    lines = out.splitlines()
    (ratio,) = [line for line in lines if "tỷ lệ so với cùng kỳ · 92,19 %" in line]
    assert ratio.endswith("— chưa kiểm tra được")
    assert "không có số in của số thực hiện năm 2020" in lines[lines.index(ratio) + 1]


def test_a_figure_that_fed_another_indicator_s_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # short paths: the lines do not wrap
    (tmp_path / "actuals").mkdir()
    (tmp_path / "targets.yaml").write_text(
        """\
plan: {id: t, title: "T", locale: vi}
indicators:
  - {id: whole, name: "Tổng", unit: "tỷ đồng", breakdown: partial}
  - {id: whole.a, name: "Phần A", unit: "tỷ đồng", parent: whole}
""",
        encoding="utf-8",
    )
    (tmp_path / "actuals" / "2021.yaml").write_text(
        'period: 2021\nlocale: vi\nvalues:\n  whole:\n    value: "100"\n'
        '    stated: {change: "20"}\n',
        encoding="utf-8",
    )
    (tmp_path / "actuals" / "2020.yaml").write_text(
        'period: 2020\nlocale: vi\nvalues:\n  whole.a:\n    value: "40"\n'
        '    stated: {share_pct: "50"}\n',
        encoding="utf-8",
    )
    # the 2021 change gives 2020's total, 100 − 20 = 80; the part's share is 40 / 80 = 50 %
    code, out, _ = run("show", "whole", "--data", ".", "--lang", "en")
    assert code == 0
    # the other indicator by its name, not its id
    assert "— used in the check of share 50% of Phần A (2020): consistent" in out
    (tmp_path / "actuals" / "2020.yaml").write_text(
        'period: 2020\nlocale: vi\nvalues:\n  whole.a:\n    value: "40"\n'
        '    stated: {share_pct: "60"}\n',
        encoding="utf-8",
    )
    code, out, _ = run("show", "whole", "--data", ".", "--lang", "en")
    assert code == 1  # the total's change is behind a disagreement
    assert "— used in the check of share 60% of Phần A (2020): inconsistent" in out


def test_show_and_audit_agree_on_every_printed_figure(seed: Path) -> None:
    plan = load_plan(seed)
    derivation = derive(plan)
    audit = build_audit(plan, derivation)
    shown: list[AuditRow] = []
    for indicator in plan.indicators:
        for statement in build_story(plan, derivation, indicator.id).statements:
            # every printed figure has the audit's verdict: its own row, or the checks it fed
            assert statement.row is not None or statement.fed, statement
            assert statement.row is None or not statement.fed
            if statement.row is not None:
                assert statement.row.indicator == indicator.id
                shown.append(statement.row)
            for check in statement.fed:
                assert check.row in audit.rows and check.row.is_statement
    # and every statement row of the audit is some printed figure's own row, once
    statement_rows = [r for r in audit.rows if r.is_statement]
    assert len(shown) == len(statement_rows) and all(row in shown for row in statement_rows)


def test_a_stocks_year_target_shares_the_row_of_its_year_end_balance(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan", {"2020-12-31": "70", "2021-12-31": "80"}, {"2021": "100"})
    story = build_story(load_plan(plan), derive(load_plan(plan)), "x")
    assert [str(p.row.period) for p in story.periods] == ["2020-12-31", "2021-12-31"]
    year_end = story.periods[1].row
    assert year_end.target is not None and year_end.target.value == 100
    assert year_end.status == "missed"  # 80 < 100
