"""Qualified figures: "trên 90 %" (more than), "dưới 5 %" (less than), "khoảng 22.294" (about).

A bound is a half-line: (90; +∞), with no float infinity anywhere (the unbounded side is
None). Expected values are hand arithmetic written in comments, never output of plan-kpi
pasted back.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_kpi.cli.app import app
from plan_kpi.core.intervals import Interval
from plan_kpi.core.models import Bound, Figure, Source
from plan_kpi.core.periods import parse_period
from plan_kpi.engine.bounds import Const, Expr, Leaf, Sum, decide, evaluate, minus, over, range_of
from plan_kpi.engine.observing import bound_interval
from plan_kpi.engine.solving import derive
from plan_kpi.load.folder import load_plan
from plan_kpi.reports.check import CheckRow, build_check

D = Decimal
F = Fraction
runner = CliRunner()


# -- the half-line: interval arithmetic ---------------------------------------------------------


def above(value: str) -> Interval:
    return Interval(D(value), None, low_open=True)


def test_a_half_line_less_an_exact_figure() -> None:
    # (90; +∞) − 10 = (80; +∞): still open at 80, still unbounded above
    assert above("90") - Interval.exact(D(10)) == Interval(D(80), None, low_open=True)


def test_a_figure_over_a_half_line() -> None:
    # 10 / (80; +∞) = (0; 0,125): 10 / 80 never reached (80 is not a value), 0 only approached
    assert Interval.exact(D(10)) / above("80") == Interval(D(0), D("0.125"), True, True)


def test_a_half_line_times_a_negative_figure_turns_round() -> None:
    # (−∞; 5) × (−1) = (−5; +∞)
    below = Interval(None, D(5), high_open=True)
    assert below * Interval.exact(D(-1)) == Interval(D(-5), None, low_open=True)


def test_half_lines_over_half_lines() -> None:
    # [1; +∞) / [1; +∞): any positive number (1 / 1 = 1 … large / 1, 1 / large → 0)
    assert Interval(D(1), None) / Interval(D(1), None) == Interval(D(0), None, low_open=True)
    # [−1; 1] × [1; +∞) is the whole line
    assert Interval(D(-1), D(1)) * Interval(D(1), None) == Interval(None, None)


def test_a_half_line_contains_zero_only_when_it_reaches_it() -> None:
    assert not above("0").contains_zero()  # more than 0
    assert Interval(D(0), None).contains_zero()  # at least 0
    assert Interval(None, D(-1)).contains_zero() is False


# -- the qualifiers' intervals ------------------------------------------------------------------


def figure(value: str, bound: Bound, about_pct: str | None = None) -> Figure:
    return Figure(
        value=D(value),
        at=Source(file="f", line=1),
        text=value,
        bound=bound,
        about_pct=None if about_pct is None else D(about_pct),
    )


@pytest.mark.parametrize(
    ("value", "bound", "about_pct", "interval"),
    [
        ("90", "above", None, Interval(D(90), None, low_open=True)),
        ("90", "at_least", None, Interval(D(90), None)),
        ("5", "below", None, Interval(None, D(5), high_open=True)),
        ("5", "at_most", None, Interval(None, D(5))),
        # 22294 × 5 / 100 = 1114,7: [22294 − 1114,7; 22294 + 1114,7]
        ("22294", "about", "5", Interval(D("21179.3"), D("23408.7"))),
        # 70 × 2 / 100 = 1,4
        ("70", "about", "2", Interval(D("68.6"), D("71.4"))),
        # a negative figure: the width is of its size, 40 × 5 / 100 = 2
        ("-40", "about", "5", Interval(D(-42), D(-38))),
    ],
)
def test_each_bound_is_its_interval(
    value: str, bound: Bound, about_pct: str | None, interval: Interval
) -> None:
    assert bound_interval(figure(value, bound, about_pct)) == interval


# -- the exact range over a half-line leaf -------------------------------------------------------


def growth_of(value: Leaf, change: Leaf) -> Expr:
    """value / (value − change), as the engine writes it (1 + change / (value − change)), − 1, %."""
    return minus(over(value, minus(value, change)), Const(D(1))) * 100


def test_the_growth_of_more_than_90_after_a_rise_of_10() -> None:
    value = Leaf("v", D(90), None, D(90), open=True)
    change = Leaf.exact("c", D(10))
    span = range_of(growth_of(value, change))
    # v − 10 runs over (80; +∞): 10 / (v − 10) over (0; 0,125), the growth over (0; 12,5) %
    assert (span.low, span.high) == (F(0), F(25, 2))
    assert span.low_open and span.high_open
    assert not span.unbounded_below and not span.unbounded_above


def test_a_half_line_value_alone_is_unbounded_on_its_side() -> None:
    span = range_of(Leaf("v", D(90), None, D(90), open=True) * 2)
    # 2 × (90; +∞) = (180; +∞)
    assert (span.low, span.low_open, span.unbounded_above) == (F(180), True, True)
    assert span.high is None and span.outer_high is None


@pytest.mark.parametrize(
    ("low", "high", "verdict"),
    [
        ("12.45", "12.55", "consistent"),  # overlaps (0; 12,5) on [12,45; 12,5)
        ("12.5", "13.5", "inconsistent"),  # touches only at 12,5, which v > 90 never reaches
        ("-1", "0", "inconsistent"),  # touches only at 0, the limit as v → +∞
        ("5", "6", "consistent"),
    ],
)
def test_a_printed_growth_against_a_half_line_value(low: str, high: str, verdict: str) -> None:
    value = Leaf("v", D(90), None, D(90), open=True)
    growth = growth_of(value, Leaf.exact("c", D(10)))
    decision = decide(growth, D(low), D(high))
    assert decision.verdict == verdict
    if verdict == "consistent":
        witness = decision.witness
        assert witness is not None and witness["v"] > 90  # a true value above the bound
        at = evaluate(growth, witness)
        assert F(D(low)) <= at <= F(D(high))


def test_at_least_90_reaches_its_end() -> None:
    value = Leaf("v", D(90), None, D(90))  # ≥ 90: 90 is a value
    decision = decide(growth_of(value, Leaf.exact("c", D(10))), D("12.5"), D("13.5"))
    # at v = 90 the growth is 10 / 80 = 12,5 %, the printed interval's low end
    assert decision.verdict == "consistent"
    assert decision.witness == {"v": D(90), "c": D(10)}


def test_a_sum_of_two_bounds_against_its_total() -> None:
    a = Leaf("a", D(1000), None, D(1000), open=True)
    parts = Sum((a, Leaf("b", D(500), None, D(500), open=True)))
    # more than 1000 plus more than 500 is more than 1500: never 1500 itself, 1600 is possible
    assert decide(parts, D(1500), D(1500)).verdict == "inconsistent"
    decision = decide(parts, D(1600), D(1600))
    assert decision.verdict == "consistent"
    if decision.witness is not None:  # a sum hitting 1600 exactly may have no short decimals
        assert sum(decision.witness.values()) == 1600
        assert decision.witness["a"] > 1000 and decision.witness["b"] > 500


@pytest.mark.parametrize(
    ("low", "low_open", "verdict"),
    [("10", True, "consistent"), ("12", True, "inconsistent"), ("12", False, "consistent")],
)
def test_a_printed_bound_against_an_exact_figure(low: str, low_open: bool, verdict: str) -> None:
    # 112 / 100 − 1 = 12 %: "more than 10 %" holds, "more than 12 %" does not, "at least 12" does
    growth = (Leaf.exact("v", D(112)) / Leaf.exact("p", D(100)) - 1) * 100
    assert decide(growth, D(low), None, low_open=low_open).verdict == verdict


def test_a_bound_that_enters_twice_is_not_decided() -> None:
    v = Leaf("v", D(90), None, D(90), open=True)
    decision = decide(v * v - v, D(0), D(1))
    assert decision.verdict == "undecided"
    assert decision.reason == "bound_enters_twice"


def test_a_half_line_leaf_is_never_a_float() -> None:
    leaf = Leaf("v", D(90), None, D(90), open=True)
    assert leaf.high is None and isinstance(leaf.low, Decimal)
    with pytest.raises(ValueError, match="one finite end"):
        Leaf("v", None, None, D(90))
    with pytest.raises(ValueError, match="its end"):
        Leaf("v", D(90), None, D(91))


# -- typed in a plan ----------------------------------------------------------------------------


def plan(
    folder: Path,
    value: str,
    stated: str = "",
    targets: str = "",
    direction: str = "increase",
    locale: str = "en",
) -> Path:
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_text(
        f"plan: {{id: test, title: Test plan, locale: {locale}}}\n"
        "indicators:\n"
        "  - id: x\n"
        "    name: {vi: Tỷ lệ có việc làm, en: Employment rate}\n"
        '    unit: "%"\n'
        f"    direction: {direction}\n"
        f"    targets: {{{targets}}}\n",
        encoding="utf-8",
    )
    stated_line = f"    stated: {{{stated}}}\n" if stated else ""
    (folder / "actuals" / "a.yaml").write_text(
        f"period: 2021\nvalues:\n  x:\n    value: {value}\n{stated_line}",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    ("typed", "value", "bound"),
    [
        ('">90"', "90", "above"),
        ('"> 90"', "90", "above"),
        ('"<5"', "5", "below"),
        ('">=90"', "90", "at_least"),
        ('"≥90"', "90", "at_least"),
        ('"<=5"', "5", "at_most"),
        ('"≤5"', "5", "at_most"),
        ('"~22,294"', "22294", "about"),
        ("{value: '90', bound: above}", "90", "above"),
        ("{value: '22,294', bound: about, about_pct: '1'}", "22294", "about"),
    ],
)
def test_short_and_long_forms(tmp_path: Path, typed: str, value: str, bound: str) -> None:
    loaded = load_plan(plan(tmp_path / "p", typed))
    (actual,) = loaded.actuals
    assert actual.value is not None
    assert (actual.value.value, actual.value.bound) == (D(value), bound)


def test_about_is_5_pct_unless_it_says(tmp_path: Path) -> None:
    loaded = load_plan(plan(tmp_path / "p", '"~70"'))
    assert loaded.actuals[0].value is not None
    assert loaded.actuals[0].value.about_pct == D(5)


def test_a_vi_file_reads_the_figure_after_the_bound_in_vi(tmp_path: Path) -> None:
    loaded = load_plan(plan(tmp_path / "p", '"~22.294"', locale="vi"))
    assert loaded.actuals[0].value is not None
    assert loaded.actuals[0].value.value == D(22294)  # '.' groups thousands in vi


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("targets", "value", "stated", "line", "message"),
    [
        (
            '2021: ">90"',
            '"95"',
            "",
            7,
            "a target cannot be a bound: '>90' — write the level the plan sets (90)",
        ),
        (
            "2021: {value: {value: '90', bound: above}}",
            '"95"',
            "",
            7,
            "a target cannot be a bound: '90' — write the level the plan sets (90)",
        ),
        (
            "",
            '"95"',
            'target: "~90"',
            5,
            "a target cannot be a bound: '~90' — write the level the plan sets (90)",
        ),
        (
            "",
            "{value: '>90', bound: above}",
            "",
            4,
            "'>90' gives its bound twice (in the figure and as 'bound: above') — write it once",
        ),
        (
            "",
            "{value: '90', bound: above, about_pct: '3'}",
            "",
            4,
            "about_pct is the width of 'bound: about' — write 'bound: about' (or \"~90\"), or "
            "remove about_pct",
        ),
        (
            "",
            "{value: '90', bound: about, about_pct: '0'}",
            "",
            4,
            "about_pct '0' is not a width — write a percentage above 0",
        ),
        ("", '">"', "", 4, "'>' has a bound and no figure — write the figure after it"),
    ],
)
def test_a_bound_where_none_is_allowed_is_an_error_at_its_line(
    tmp_path: Path, targets: str, value: str, stated: str, line: int, message: str
) -> None:
    folder = plan(tmp_path / "p", value, stated, targets)
    code, out, err = run("check", "--data", str(folder))
    assert code == 2, out
    assert "Traceback" not in err
    file = "targets.yaml" if "targets" in message or targets else "actuals/a.yaml"
    if "target:" in stated:
        file = "actuals/a.yaml"
    assert f"{folder / file}:{line}:" in err
    assert message in err


def test_a_bound_error_is_said_in_vietnamese(tmp_path: Path) -> None:
    from plan_kpi.core.errors import PlanError
    from plan_kpi.say.problems import said_problem

    folder = plan(tmp_path / "p", '"95"', targets='2021: ">90"')
    with pytest.raises(PlanError) as raised:
        load_plan(folder)
    (problem,) = raised.value.problems
    assert "chỉ tiêu kế hoạch không thể là một cận: '>90'" in said_problem(problem, "vi")


# -- what check and report say ------------------------------------------------------------------


def check_row(folder: Path) -> CheckRow:
    loaded = load_plan(folder)
    (row,) = build_check(loaded, derive(loaded), parse_period("2021")).rows
    return row


@pytest.mark.parametrize(
    ("value", "target", "direction", "status"),
    [
        ('">90"', "90", "increase", "met"),  # every value above 90 reaches 90
        ('">=90"', "90", "increase", "met"),
        ('">90"', "95", "increase", "undecided"),  # 91 misses 95, 96 reaches it
        ('"<90"', "90", "increase", "missed"),  # every value under 90 misses 90
        ('"<=90"', "90", "increase", "undecided"),  # 90 itself reaches it
        ('"<5"', "5", "decrease", "met"),  # a ceiling of 5: every value under 5 keeps to it
        ('">6"', "5", "decrease", "missed"),
        ('"~94"', "95", "increase", "missed"),  # about 94 is judged by 94, as a rounded figure
    ],
)
def test_a_bound_against_a_target(
    tmp_path: Path, value: str, target: str, direction: str, status: str
) -> None:
    row = check_row(plan(tmp_path / "p", value, targets=f'2021: "{target}"', direction=direction))
    assert row.status == status


def test_attainment_and_gap_of_a_bound_are_bounds(tmp_path: Path) -> None:
    row = check_row(plan(tmp_path / "p", '">90"', targets='2021: "95"'))
    attainment, gap = row.attainment_pct, row.gap
    assert attainment is not None and gap is not None
    # more than 90 / 95 = 94,7368… %: more than 94,73 % (rounded down, so it stays true)
    assert (attainment.bound, attainment.rounded) == ("above", D("94.73"))
    # more than 90 − 95 = more than −5
    assert (gap.bound, gap.value) == ("above", D(-5))


def test_check_shows_the_bound(tmp_path: Path) -> None:
    folder = plan(tmp_path / "p", '">90"', targets='2021: "95"')
    code, out, _ = run("check", "--data", str(folder), "--period", "2021")
    assert code == 1, out  # undecided is not met: a target not judged (tests/test_exit_codes.py)
    code, out, _ = run("check", "--data", str(folder), "--period", "2021", "--allow-missing")
    assert code == 0, out  # ... nor missed
    assert "> 90" in out
    assert "> 94.73" in out
    assert "undecided 1" in out
    code, out, _ = run("check", "--data", str(folder), "--format", "json")
    (row,) = json.loads(out)["rows"]
    assert (row["actual"], row["status"]) == (90, "undecided")
    assert row["bounds"] == {"actual": "above", "attainment_pct": "above", "gap": "above"}
    assert json.loads(out)["summary"]["undecided"] == 1
    code, out, _ = run("check", "--data", str(folder), "--format", "csv")
    assert ",>90," in out


def test_the_seed_says_more_than_90_pct(seed: Path) -> None:
    code, out, _ = run("report", "--data", str(seed), "--period", "2021", "--lang", "vi")
    assert code in (0, 1)
    assert "ra trường có việc làm là trên 90 %." in out
    assert "có việc làm sau đào tạo nghề là trên 80 %." in out
    code, out, _ = run("report", "--data", str(seed), "--period", "2021", "--lang", "en")
    assert "graduates in employment stood at more than 90%." in out
    code, out, _ = run("check", "--data", str(seed), "--period", "2021", "--format", "json")
    rows = {row["indicator"]: row for row in json.loads(out)["rows"]}
    employed = rows["vocational_graduates_employed_college_intermediate"]
    assert (employed["actual"], employed["bounds"]) == (90, {"actual": "above"})
    assert rows["enterprise_ordered_training_employed"]["bounds"] == {}  # 100 %: no bound
    # "khoảng 22.294 tỷ đồng" (chú thích 1) is a balance rounded to the tỷ đồng: rounded: true,
    # 22.294 ± 0,5, not a bound; 9.713 of it to small and medium enterprises is within it
    _, out, _ = run("audit", "--data", str(seed), "--format", "json")
    (part,) = [
        r
        for r in json.loads(out)["rows"]
        if (r["indicator"], r["relation"]) == ("loans_enterprise", "partial")
        and r["period"] == "2021-12-31"
    ]
    assert (part["stated_bound"], part["stated_low"], part["stated_high"]) == (
        None,
        22293.5,
        22294.5,
    )
    assert part["verdict"] == "consistent"


def test_a_growth_bound_is_said_in_words(tmp_path: Path) -> None:
    folder = plan(tmp_path / "p", '"112"', 'growth_pct: ">10"', locale="vi")
    code, out, _ = run("report", "--data", str(folder), "--period", "2021", "--lang", "vi")
    assert code == 0
    # no previous value: the growth is the printed bound, more than 10 %
    # computed percentages are said to 2 decimals
    assert "tăng trên 10,00 % so với năm 2020" in out, out
    _, out, _ = run("report", "--data", str(folder), "--period", "2021", "--lang", "en")
    assert "up more than 10.00% on 2020" in out, out


# -- what audit checks --------------------------------------------------------------------------


def audit_rows(folder: Path) -> list[dict[str, object]]:
    code, out, err = run("audit", "--data", str(folder), "--format", "json")
    assert code in (0, 1), err
    rows: list[dict[str, object]] = json.loads(out)["rows"]
    return rows


@pytest.mark.parametrize(
    ("growth", "verdict"),
    [
        # more than 90 after a rise of 10: the growth is 10 / (more than 80), under 12,5 %
        ('"12.5"', "consistent"),  # [12,45; 12,55] overlaps (0; 12,5)
        ('"13"', "inconsistent"),  # [12,5; 13,5] only touches 12,5, never reached
    ],
)
def test_audit_checks_a_growth_against_a_bounded_value(
    tmp_path: Path, growth: str, verdict: str
) -> None:
    folder = plan(tmp_path / "p", '">90"', f'change: "10", growth_pct: {growth}')
    rows = audit_rows(folder)
    (row,) = [r for r in rows if r["relation"] == "growth_pct"]
    assert row["verdict"] == verdict
    assert row["computed_high"] is not None
    range_ = row["range"]
    assert isinstance(range_, dict)
    assert (range_["low"], range_["high"]) == (0, D("12.5"))
    assert range_["low_open"] and range_["high_open"]


@pytest.mark.parametrize(
    ("printed", "verdict"),
    [('">10"', "consistent"), ('">12"', "inconsistent"), ('">=12"', "consistent")],
)
def test_audit_checks_a_printed_bound(tmp_path: Path, printed: str, verdict: str) -> None:
    # 112 against a printed previous of 100: a growth of exactly 12 %
    folder = plan(tmp_path / "p", '"112"', f'previous: "100", growth_pct: {printed}')
    rows = audit_rows(folder)
    (row,) = [r for r in rows if r["relation"] == "growth_pct"]
    assert row["verdict"] == verdict
    assert row["stated_bound"] in ("above", "at_least")
    assert row["stated_high"] is None  # a half-line: nothing above it bounds it


def test_audit_explains_a_bound_in_words(tmp_path: Path) -> None:
    folder = plan(tmp_path / "p", '"112"', 'previous: "100", growth_pct: ">12"')
    code, out, _ = run("audit", "--data", str(folder), "--explain", "--lang", "en")
    assert code == 1
    # the printed bound is a half-line (12; +∞) and 12 exactly is not in it
    assert "printed > 12% → (12.0; +∞)%" in out, out
    # 12 exactly is never "more than 12"
    assert "> 12% leaves out 12%, the one value the other figures give" in out


def test_a_bounded_part_in_a_breakdown(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_text(
        "plan: {id: t, title: T, locale: en}\n"
        "indicators:\n"
        "  - {id: total, unit: cases}\n"
        "  - {id: total.a, parent: total}\n"
        "  - {id: total.b, parent: total}\n",
        encoding="utf-8",
    )
    (folder / "actuals" / "a.yaml").write_text(
        'period: 2021\nvalues:\n  total: "1500"\n  total.a: ">1000"\n  total.b: "500"\n',
        encoding="utf-8",
    )
    rows = audit_rows(folder)
    (row,) = [r for r in rows if r["relation"] == "sum"]
    # more than 1000 plus 500 is more than 1500: never the total of exactly 1500
    assert row["verdict"] == "inconsistent"
    (folder / "actuals" / "a.yaml").write_text(
        'period: 2021\nvalues:\n  total: "1600"\n  total.a: ">1000"\n  total.b: "500"\n',
        encoding="utf-8",
    )
    (row,) = [r for r in audit_rows(folder) if r["relation"] == "sum"]
    assert row["verdict"] == "consistent"  # total.a = 1100


def three_bounds(folder: Path) -> Path:
    """A rate above 90 against 95, a ceiling below 5 against 5, loans of about 22.294."""
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_text(
        "plan: {id: t, title: T, locale: vi}\n"
        "indicators:\n"
        '  - {id: rate, name: Tỷ lệ có việc làm, unit: "%", targets: {2022: "95", 2025: "98"}}\n'
        '  - {id: poor, name: Tỷ lệ hộ nghèo, unit: "%", direction: decrease,'
        ' targets: {2022: "5"}}\n'
        "  - {id: loans, name: {vi: Dư nợ, en: Loans}, unit: {vi: tỷ đồng, en: billion VND}}\n",
        encoding="utf-8",
    )
    (folder / "actuals" / "a.yaml").write_text(
        'period: 2022\nlocale: vi\nvalues:\n  rate: ">90"\n  poor: "<5"\n  loans: "~22.294"\n',
        encoding="utf-8",
    )
    (folder / "actuals" / "b.yaml").write_text(
        'period: 2021\nlocale: vi\nvalues:\n  rate: "88"\n', encoding="utf-8"
    )
    return folder


def test_the_report_says_each_bound_back(tmp_path: Path) -> None:
    folder = three_bounds(tmp_path / "p")
    _, out, _ = run("report", "--data", str(folder), "--period", "2022", "--lang", "vi")
    # more than 90 over 88: more than 90 / 88 − 1 = 2,2727… %, rounded down to stay true
    assert "Tỷ lệ có việc làm đạt trên 90 %, tăng trên 2,27 % so với năm 2021" in out
    assert "Tỷ lệ hộ nghèo là dưới 5 %" in out
    assert "Dư nợ là khoảng 22.294 tỷ đồng." in out
    # the chart labels the bar as the table does: more than 90 / 95 = 94,7368… %, rounded
    # down to stay true; less than 5 / 5 = 100 %, rounded up
    assert "> 94,73 %" in out and "< 100,00 %" in out and "94,74" not in out
    # more than 90 against 95 may or may not meet it: said as such, never as met or missed
    assert "Chưa xác định được có đạt hay không (số liệu chỉ là một cận): tỷ lệ có việc làm." in out
    _, out, _ = run("report", "--data", str(folder), "--period", "2022", "--lang", "en")
    assert "stood at less than 5%" in out
    assert "Loans stood at about 22,294 billion VND." in out


def test_outlook_takes_no_pace_from_a_bound(tmp_path: Path) -> None:
    code, out, _ = run("outlook", "--data", str(three_bounds(tmp_path / "p")), "-f", "json")
    assert code in (0, 1)
    rows = {(r["indicator"], r["target_period"]): r for r in json.loads(out)["rows"]}
    # 2022: more than 90 against 95, the target's period is over and undecided
    assert rows["rate", "2022"]["category"] == "insufficient_data"
    # 2025: no compound growth from a bound's number
    assert rows["rate", "2025"]["category"] == "insufficient_data"
    assert rows["rate", "2025"]["observed_cagr_pct"] is None
    assert rows["rate", "2025"]["projected"] is None
    # less than 5 against a ceiling of 5: every value keeps to it
    assert rows["poor", "2022"]["category"] == "achieved"


# -- bounds through a formula and the stated keys of issue 17 -----------------------------------


def trade(folder: Path, values: str) -> Path:
    """Exports, imports and the trade balance = exports − imports (triệu USD, vi)."""
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_text(
        "plan: {id: t, title: T, locale: vi}\n"
        "indicators:\n"
        "  - {id: exports, unit: triệu USD}\n"
        "  - {id: imports, unit: triệu USD}\n"
        '  - {id: balance, unit: triệu USD, formula: "exports - imports"}\n',
        encoding="utf-8",
    )
    (folder / "actuals" / "a.yaml").write_text(
        f"period: 2022\nlocale: vi\nvalues:\n{values}", encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize(
    ("exports", "imports", "bound"),
    [
        # more than 1.858 less 1.431 is more than 427; 1.858 less more than 1.431 is less than 427
        ('">1.858"', '"1.431"', "above"),
        ('"1.858"', '">1.431"', "below"),
        ('"1.858"', '"<=1.431"', "at_least"),
    ],
)
def test_a_formula_of_a_bound_is_a_bound(
    tmp_path: Path, exports: str, imports: str, bound: str
) -> None:
    folder = trade(tmp_path / "p", f"  exports: {exports}\n  imports: {imports}\n")
    known = derive(load_plan(folder)).value("balance", parse_period("2022"))
    assert known is not None and known.derived
    assert (known.point, known.derived_bound) == (D(427), bound)  # 1.858 − 1.431 = 427


def test_a_bound_a_formula_pulls_both_ways_gives_no_side(tmp_path: Path) -> None:
    # exports / (exports + imports) × 100 with exports more than 1.858: it rises with exports
    # in the numerator and falls with it in the denominator, so no side is known
    folder = trade(tmp_path / "p", '  exports: ">1.858"\n  imports: "1.431"\n')
    targets = (folder / "targets.yaml").read_text(encoding="utf-8")
    (folder / "targets.yaml").write_text(
        targets + '  - {id: share, unit: "%", formula: "exports / (exports + imports) * 100"}\n',
        encoding="utf-8",
    )
    known = derive(load_plan(folder)).value("share", parse_period("2022"))
    assert known is not None and known.derived
    assert (known.derived_bound, known.torn) == (None, True)


def test_a_bound_named_twice_one_way_keeps_its_side(tmp_path: Path) -> None:
    # (exports − imports) / imports × 100 = exports / imports × 100 − 100 falls as imports
    # rise, through both places it is named: with imports more than 1.431 it is less than
    # (1.858 − 1.431) / 1.431 × 100 = 42.700 / 1.431 = 29,839… %
    folder = trade(tmp_path / "p", '  exports: "1.858"\n  imports: ">1.431"\n')
    targets = (folder / "targets.yaml").read_text(encoding="utf-8")
    (folder / "targets.yaml").write_text(
        targets + '  - {id: surplus_pct, unit: "%",'
        ' formula: "(exports - imports) / imports * 100"}\n',
        encoding="utf-8",
    )
    known = derive(load_plan(folder)).value("surplus_pct", parse_period("2022"))
    assert known is not None and (known.derived_bound, known.torn) == ("below", False)
    assert abs(F(known.point) - F(42700, 1431)) < F(1, 10**20)  # Decimal at working precision


@pytest.mark.parametrize(
    ("balance", "verdict"),
    [
        # exports more than 1.858, imports 1.431: the balance is more than 427, (427; +∞)
        ('"426"', "inconsistent"),
        ('"427"', "inconsistent"),  # 427 itself is no value of it: exports is more than 1.858
        ('"430"', "consistent"),
        ('">427"', "consistent"),
    ],
)
def test_audit_checks_a_formula_with_the_half_line(
    tmp_path: Path, balance: str, verdict: str
) -> None:
    values = f'  exports: ">1.858"\n  imports: "1.431"\n  balance: {balance}\n'
    (row,) = [r for r in audit_rows(trade(tmp_path / "p", values)) if r["indicator"] == "balance"]
    assert row["verdict"] == verdict


def budget_of(folder: Path, stated: str) -> Path:
    """Revenue of 457.500 against an estimate of 386.568: 457.500 / 386.568 = 118,3492… %."""
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_text(
        "plan: {id: t, title: T, locale: vi}\n"
        "indicators:\n"
        '  - {id: revenue, unit: tỷ đồng, targets: {2022: "386.568"}}\n',
        encoding="utf-8",
    )
    (folder / "actuals" / "a.yaml").write_text(
        "period: 2022\nlocale: vi\nvalues:\n"
        f'  revenue: {{value: "457.500", stated: {{{stated}}}}}\n',
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    ("stated", "verdict"),
    [
        # "vượt trên 18 %": the excess 18,3492… % is more than 18
        ('excess_pct: ">18"', "consistent"),
        # "vượt trên 18,4 %": 18,3492… is not more than 18,4
        ('excess_pct: ">18,4"', "inconsistent"),
        # "vượt chưa đến 18,35 %": 18,3492… < 18,35
        ('excess_pct: "<18,35"', "consistent"),
        # "thấp hơn kế hoạch dưới 5 %" of revenue 457.500: it is above the plan, no shortfall;
        # a shortfall of less than 5 % is an attainment above 95 %: 118,35 % is
        ('shortfall_pct: "<5"', "consistent"),
        # a shortfall of more than 5 % is an attainment below 95 %: 118,35 % is not
        ('shortfall_pct: ">5"', "inconsistent"),
    ],
)
def test_audit_checks_a_bounded_excess_or_shortfall(
    tmp_path: Path, stated: str, verdict: str
) -> None:
    (row,) = [r for r in audit_rows(budget_of(tmp_path / "p", stated)) if r["relation"] != "target"]
    assert row["verdict"] == verdict, row
    assert row["stated_bound"] in ("above", "below")


def test_a_shortfall_bound_turns_round_into_an_attainment(tmp_path: Path) -> None:
    # no target printed: "thấp hơn kế hoạch dưới 5 %" on a value of 950 says the target is
    # below 950 / 0,95 = 1.000 (attainment = 1 − s, s < 5 %: attainment in (0,95; +∞))
    folder = budget_of(tmp_path / "p", 'shortfall_pct: "<5"')
    (folder / "targets.yaml").write_text(
        "plan: {id: t, title: T, locale: vi}\nindicators:\n  - {id: revenue, unit: tỷ đồng}\n",
        encoding="utf-8",
    )
    (folder / "actuals" / "a.yaml").write_text(
        "period: 2022\nlocale: vi\nvalues:\n"
        '  revenue: {value: "950", stated: {shortfall_pct: "<5"}}\n',
        encoding="utf-8",
    )
    from plan_kpi.engine.quantities import Attainment

    known = derive(load_plan(folder)).get(Attainment("revenue", parse_period("2022")))
    assert known is not None
    # s ∈ (−∞; 5) % gives 1 − s/100 ∈ (0,95; +∞): open at 0,95, unbounded above
    assert known.interval == Interval(D("0.95"), None, low_open=True)


def test_a_csv_file_takes_the_short_forms(tmp_path: Path) -> None:
    folder = plan(tmp_path / "p", '"1"')
    (folder / "actuals" / "a.yaml").unlink()
    (folder / "actuals" / "a.csv").write_text(
        "indicator,period,value,growth_pct\nx,2021,>90,\nx,2020,~80,<12\n", encoding="utf-8"
    )
    loaded = load_plan(folder)
    figures = {a.period: a for a in loaded.actuals}
    now, before = figures[parse_period("2021")], figures[parse_period("2020")]
    assert now.value is not None and (now.value.value, now.value.bound) == (D(90), "above")
    assert before.value is not None and (before.value.value, before.value.bound) == (
        D(80),
        "about",
    )
    (growth,) = before.statements
    figure = growth.figure
    assert (growth.relation, figure.value, figure.bound) == ("growth_pct", D(12), "below")


def test_a_footnote_says_each_input_with_its_bound(tmp_path: Path) -> None:
    # 2021: more than 90 after a rise of 10, so 2020 is more than 80 (derived, its point 80)
    folder = plan(tmp_path / "p", '">90"', 'change: "10"', targets='2020: "85"')
    _, out, _ = run("check", "--data", str(folder), "--period", "2020", "-f", "json")
    (row,) = json.loads(out)["rows"]
    # the derived 2020 value, more than 80, against 85: undecided
    assert (row["actual"], row["bounds"]["actual"], row["status"]) == (80, "above", "undecided")
    (derivation,) = [d for key, d in row["derivations"].items() if key == "actual"]
    inputs = {i["term"]: (i["value"], i["bound"]) for i in derivation["inputs"]}
    assert inputs == {"value 2021": (90, "above"), "change 2021 vs 2020": (10, None)}
    assert "actual for 2021 = > 90" in derivation["text"]


@pytest.mark.parametrize(
    ("value", "said"),
    [
        # less than 90 against 95: 95 / 90 − 1 = 5,5555… %, so more than that: "trên 5,55 %",
        # rounded down to stay true
        ('"<90"', "Tỷ lệ có việc làm: kế hoạch 95 %, cần tăng trên 5,55 % so với năm 2021"),
        # more than 90 against 95: less than 5,5555… %, which may be a rise or a fall
        (
            '">90"',
            "Tỷ lệ có việc làm: kế hoạch 95 %; mức năm 2021 (trên 90 %) là một cận, nên chưa xác "
            "định được kế hoạch đòi hỏi tăng hay giảm (mức thay đổi dưới 5,56 %).",
        ),
    ],
)
def test_the_next_target_is_said_against_a_bound(tmp_path: Path, value: str, said: str) -> None:
    folder = plan(tmp_path / "p", value, targets='2022: "95"', locale="vi")
    _, out, _ = run("report", "--data", str(folder), "--period", "2021", "--lang", "vi")
    assert said in " ".join(out.split())
