"""Formula indicators (issue 17, item 1): ``formula: "output / area * 10"`` and its kin.

The parser (core/formulas.py) reads ids, numbers in the plan's locale or plain, + − × ÷ (and
* /), parentheses and a unary minus, never eval; the engine treats a formula as an equation
like any relation: it derives the indicator from its inputs, an input the formula names once
from the others, and checks an over-determined one with the exact range over the printed
figures. Every expected number is worked out by hand in the comments, with Fractions.
"""

from __future__ import annotations

import json
import textwrap
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from plan_kpi.cli.app import app
from plan_kpi.core.errors import PlanError
from plan_kpi.core.formulas import (
    MAX_DEPTH,
    MAX_OPERANDS,
    FormulaError,
    Negate,
    Number,
    Operation,
    Ref,
    parse_formula,
    pieces,
    solved_for,
)
from plan_kpi.core.models import Actual, Figure, Indicator, Plan, PlanInfo, Source, Text
from plan_kpi.core.models import Formula as ModelFormula
from plan_kpi.core.periods import parse_period
from plan_kpi.engine.bounds import as_decimal
from plan_kpi.engine.quantities import Level
from plan_kpi.engine.solving import Derivation, derive
from plan_kpi.load.folder import load_plan
from plan_kpi.reports.audit import AuditRow, build_audit
from plan_kpi.say.problems import said_problem

D = Decimal
F = Fraction
P = parse_period
runner = CliRunner()

HEAD = 'plan: {id: formulas, title: "Công thức", locale: vi}\nindicators:\n'
TRADE = """\
- id: exports
  name: Kim ngạch xuất khẩu
  unit: triệu USD
- id: imports
  name: Kim ngạch nhập khẩu
  unit: triệu USD
- id: trade_balance
  name: Cán cân thương mại
  unit: triệu USD
  formula: "exports − imports"
"""
RICE = """\
- id: rice.output
  name: Sản lượng lúa
  unit: tấn
- id: rice.area
  name: Diện tích lúa
  unit: ha
- id: rice.yield
  name: Năng suất lúa
  unit: tạ/ha
  formula: rice.output / rice.area * 10
"""


def plan_of(root: Path, indicators: str, values: str) -> Path:
    folder = root / "plan"
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_text(HEAD + textwrap.dedent(indicators), encoding="utf-8")
    report = "period: 2022\nlocale: vi\nvalues:\n" + textwrap.indent(textwrap.dedent(values), "  ")
    (folder / "actuals" / "2022.yaml").write_text(report, encoding="utf-8")
    return folder


def derived(folder: Path) -> Derivation:
    return derive(load_plan(folder))


def value_rows(folder: Path) -> list[AuditRow]:
    plan = load_plan(folder)
    return [r for r in build_audit(plan, derive(plan)).rows if r.relation == "value"]


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(PlanError) as caught:
        load_plan(folder)
    return [str(p) for p in caught.value.problems if p.file.endswith("targets.yaml")]


# --- the parser -------------------------------------------------------------------------------


def test_a_yield_formula_reads_as_written() -> None:
    # output / area * 10 is (output / area) × 10: left to right at one level
    tree = parse_formula("output / area * 10", "vi")
    assert tree == Operation(
        "*", Operation("/", Ref("output", 0), Ref("area", 9), 7), Number(D(10), 16), 14
    )


def test_signs_in_unicode_and_a_unary_minus() -> None:
    # − (U+2212), × and ÷ are the signs of the documents; * / - those of a keyboard
    assert (
        parse_formula("a × b ÷ c", "en")
        == parse_formula("a * b / c", "en")
        != (parse_formula("a * (b / c)", "en"))
    )
    assert parse_formula("−a + b", "vi") == Operation("+", Negate(Ref("a", 1), 0), Ref("b", 5), 3)
    # multiplication binds tighter than subtraction: (a − b) needs its parentheses
    assert parse_formula("(a - b) / b * 100", "vi") == Operation(
        "*",
        Operation("/", Operation("-", Ref("a", 1), Ref("b", 5), 3), Ref("b", 10), 8),
        Number(D(100), 14),
        12,
    )


def test_dotted_ids_and_numbers_in_the_locale_or_plain() -> None:
    assert parse_formula("population.urban / population", "vi") == Operation(
        "/", Ref("population.urban", 0), Ref("population", 19), 17
    )
    # vi: ',' marks decimals and '.' groups thousands; a '.' the locale cannot read
    # ("0.5": a group of one digit) is a plain decimal
    assert parse_formula("a * 0,1", "vi") == Operation("*", Ref("a", 0), Number(D("0.1"), 4), 2)
    assert parse_formula("a * 0.5", "vi") == Operation("*", Ref("a", 0), Number(D("0.5"), 4), 2)
    assert parse_formula("a * 1.000", "vi") == Operation("*", Ref("a", 0), Number(D(1000), 4), 2)
    assert parse_formula("a * 1,000.5", "en") == Operation(
        "*", Ref("a", 0), Number(D("1000.5"), 4), 2
    )


@pytest.mark.parametrize(
    ("text", "offset", "words"),
    [
        ("", 0, "the formula is empty"),
        ("a +", 2, "the formula ends after '+'"),
        ("(a + b", 0, "this '(' is never closed"),
        ("a + b)", 5, "')' closes no '('"),
        ("a b", 2, "'b' follows with no operator before it"),
        ("a + * b", 4, "'*' where an id, a number or '(' is expected"),
        ("Output / area", 0, "'Output' is not an id"),
        ("sản_lượng / area", 0, "'sản_lượng' is not an id"),
        ("a % b", 2, "'%' cannot be in a formula"),
        ("a * 1,5,5", 4, "'1,5,5' is not a number plan-kpi can read"),
        ("(" * (MAX_DEPTH + 5) + "a" + ")" * (MAX_DEPTH + 5), MAX_DEPTH + 1, "nests more than"),
    ],
)
def test_a_formula_that_cannot_be_read_says_where(text: str, offset: int, words: str) -> None:
    with pytest.raises(FormulaError) as caught:
        parse_formula(text, "vi")
    assert caught.value.offset == offset
    assert words in str(caught.value.message)


def test_a_formula_is_solved_for_an_input_it_names_once() -> None:
    # yield = output / area × 10: output / area = yield / 10, area = output / (yield / 10)
    tree = parse_formula("output / area * 10", "vi")
    assert _shown(solved_for(tree, "yield", "area")) == "output / (yield / 10)"
    assert _shown(solved_for(tree, "yield", "output")) == "yield / 10 × area"
    # balance = exports − imports: imports = exports − balance
    trade = parse_formula("exports − imports", "vi")
    assert _shown(solved_for(trade, "balance", "imports")) == "exports − balance"
    assert _shown(trade) == "exports − imports"
    assert _shown(parse_formula("a - (b - c)", "vi")) == "a − (b − c)"
    assert _shown(parse_formula("-(a + b)", "vi")) == "−(a + b)"


def _shown(tree: Operation | Ref | Number | Negate) -> str:
    return "".join(
        p if isinstance(p, str) else p.id if isinstance(p, Ref) else str(p.value)
        for p in pieces(tree)
    )


# --- the trade balance: 1.858 − 1.431 = 427 ---------------------------------------------------


def test_the_trade_balance_printed_426_is_inconsistent(tmp_path: Path) -> None:
    values = 'exports: "1.858"\nimports: "1.431"\ntrade_balance: "426"\n'
    [row] = value_rows(plan_of(tmp_path, TRADE, values))
    # whole figures are exact: 1.858 − 1.431 = 427, a single point; 426 misses it by 1
    assert row.verdict == "inconsistent"
    assert (row.explanation.range_low, row.explanation.range_high) == (F(427), F(427))
    assert row.explanation.margin == -1
    assert row.computed == 427 and row.stated == 426


def test_the_trade_balance_printed_427_is_consistent(tmp_path: Path) -> None:
    values = 'exports: "1.858"\nimports: "1.431"\ntrade_balance: "427"\n'
    [row] = value_rows(plan_of(tmp_path, TRADE, values))
    assert row.verdict == "consistent"


def test_the_trade_balance_in_audit_and_report(tmp_path: Path) -> None:
    values = 'exports: "1.858"\nimports: "1.431"\ntrade_balance: "426"\n'
    folder = plan_of(tmp_path, TRADE, values)
    audit = runner.invoke(app, ["audit", "--data", str(folder), "--explain", "--lang", "vi"])
    assert audit.exit_code == 1
    text = " ".join(audit.stdout.split())
    assert "1.858 − 1.431 = 427; số in 426 (chính xác); 426 khác 427, thiếu 1" in text
    report = runner.invoke(
        app, ["report", "--data", str(folder), "--period", "2022", "--lang", "en"]
    )
    # 1.858 − 1.431 = 427, exactly: the printed 426 is one off
    assert (
        "Cán cân thương mại in 2022: the value is printed as 426 triệu USD, but the other "
        "figures give 427 triệu USD — inconsistent."
    ) in " ".join(report.stdout.split())
    data = json.loads(
        runner.invoke(app, ["audit", "--data", str(folder), "--format", "json"]).stdout
    )
    [row] = data["rows"]
    step = row["explanation"]["equation"]
    assert (step["op"], step["left"], step["right"]) == ("formula", None, None)
    assert [p.get("symbol") or p["term"] for p in step["expression"]] == [
        "value 2022 of exports",
        "−",
        "value 2022 of imports",
    ]
    # check shows the balance as printed, not as the formula gives it
    check = runner.invoke(app, ["check", "--data", str(folder), "--period", "2022"])
    assert "426" in check.stdout and "427" not in check.stdout


# --- the yield: output / area × 10 (tạ/ha from tấn and ha) ----------------------------------


def test_the_yield_is_derived_from_output_and_area(tmp_path: Path) -> None:
    d = derived(plan_of(tmp_path, RICE, 'rice.output: "1.234.567"\nrice.area: "200.000"\n'))
    known = d.value("rice.yield", P("2022"))
    assert known is not None and known.derived
    # 1.234.567 / 200.000 × 10 = 12.345.670 / 200.000 = 61,72835, exact (whole figures)
    assert known.point == D("61.72835") and known.exact


def test_the_area_is_derived_from_the_yield_and_the_output(tmp_path: Path) -> None:
    d = derived(plan_of(tmp_path, RICE, 'rice.output: "1.234.567"\nrice.yield: "61,7"\n'))
    area = d.value("rice.area", P("2022"))
    assert area is not None and area.derived
    # area = output / (yield / 10) = 12.345.670 / yield, yield ∈ [61,65; 61,75]:
    # [12.345.670 / 61,75; 12.345.670 / 61,65] = [199.929,878…; 200.254,176…]
    low, high = F(12345670) / F("61.75"), F(12345670) / F("61.65")
    tiny = F(1, 10**30)
    assert area.interval.low is not None and area.interval.high is not None
    assert F(area.interval.low) <= low < F(area.interval.low) + tiny
    assert F(area.interval.high) - tiny < high <= F(area.interval.high)
    # the point from the printed figures: 12.345.670 / 61,7 = 200.091,896…
    assert abs(F(area.point) - F(12345670) / F("61.7")) < tiny


def test_a_printed_yield_is_checked_against_output_and_area(tmp_path: Path) -> None:
    values = 'rice.output: "1.234.567"\nrice.area: "200.000"\nrice.yield: "61,8"\n'
    [row] = value_rows(plan_of(tmp_path / "a", RICE, values))
    # 61,72835 against 61,8's [61,75; 61,85]: short by 61,75 − 61,72835 = 0,02165
    assert row.verdict == "inconsistent"
    assert row.explanation.margin == F("-0.02165")
    [good] = value_rows(plan_of(tmp_path / "b", RICE, values.replace("61,8", "61,7")))
    assert good.verdict == "consistent"  # [61,65; 61,75] holds 61,72835


# --- exact bounds: a figure used twice is one variable ----------------------------------------


def test_a_share_formula_is_decided_over_its_leaves(tmp_path: Path) -> None:
    indicators = """\
    - id: a
    - id: b
    - id: a_share
      unit: "%"
      formula: a / (a + b) * 100
    """
    values = 'a: "30,0"\nb: "70,0"\na_share: "29,93"\n'
    [row] = value_rows(plan_of(tmp_path, indicators, values))
    # a / (a + b) rises with a and falls with b: least at a = 29,95, b = 70,05:
    # 29,95 / 100 = 29,95 %; greatest at a = 30,05, b = 69,95: 30,05 / 100 = 30,05 %.
    # Interval by interval, a + b ∈ [99,9; 100,1] apart from a gives [29,92…; 30,08…],
    # which would hold 29,93's [29,925; 29,935]; the exact range misses it by 0,015
    assert (row.explanation.range_low, row.explanation.range_high) == (F("29.95"), F("30.05"))
    assert row.verdict == "inconsistent"
    assert row.explanation.margin == F("-0.015")


def test_an_input_named_twice_is_not_derived(tmp_path: Path) -> None:
    indicators = """\
    - id: a
    - id: b
    - id: growth
      formula: (a - b) / b * 100
    """
    d = derived(plan_of(tmp_path, indicators, 'a: "110"\ngrowth: "10"\n'))
    # growth = (a − b) / b × 100 names b twice: it is no equation of one unknown in b
    assert d.value("b", P("2022")) is None


def test_a_chain_of_formulas(tmp_path: Path) -> None:
    indicators = """\
    - id: a
    - id: b
    - id: c
      formula: a + b
    - id: d
      formula: c * 2
    """
    [row] = value_rows(plan_of(tmp_path, indicators, 'a: "1"\nb: "2"\nd: "7"\n'))
    # c = 1 + 2 = 3, d = 3 × 2 = 6: the printed 7 is over by 1
    assert row.indicator == "d" and row.verdict == "inconsistent"
    assert row.explanation.margin == -1


# --- errors: cycles, unknown ids, unreadable text, at file:line:col ---------------------------


def test_an_unknown_id_in_a_formula_points_at_it(tmp_path: Path) -> None:
    folder = plan_of(tmp_path, TRADE.replace("exports − imports", "exports − imprts"), "")
    # line 12 is '  formula: "exports − imports"': the text starts at column 13, 'imprts' at
    # offset 10 of it, so column 23
    assert problems_of(folder) == [
        f"{folder / 'targets.yaml'}:12:23: 'imprts' in the formula of 'trade_balance' is not "
        "an indicator of targets.yaml — did you mean 'imports'?"
    ]


def test_a_cycle_of_formulas_is_an_error(tmp_path: Path) -> None:
    indicators = TRADE.replace(
        "  unit: triệu USD\n- id: trade_balance",
        "  unit: triệu USD\n  formula: exports - trade_balance\n- id: trade_balance",
    )
    folder = plan_of(tmp_path, indicators, "")
    # line 9 holds imports' formula, unquoted from column 12: 'trade_balance' at offset 10
    [problem] = problems_of(folder)
    assert problem == (
        f"{folder / 'targets.yaml'}:9:22: a cycle of formulas: imports → trade_balance → "
        "imports — an indicator cannot be computed from itself; remove one of the formulas"
    )


def test_a_formula_of_itself_is_a_cycle(tmp_path: Path) -> None:
    folder = plan_of(tmp_path, "- id: a\n  formula: a * 2\n", "")
    [problem] = problems_of(folder)
    assert problem.startswith(f"{folder / 'targets.yaml'}:4:12: a cycle of formulas: a → a")


def test_a_cycle_through_a_breakdown_is_an_error(tmp_path: Path) -> None:
    indicators = """\
    - id: pop
    - id: pop.urban
      parent: pop
      formula: pop - pop.rural
    - id: pop.rural
      parent: pop
    """
    folder = plan_of(tmp_path, indicators, "")
    # pop is the sum of its parts (complete), pop.urban among them: pop.urban from pop is
    # pop.urban from itself; line 6, the formula from column 12, 'pop' at its start
    [problem] = problems_of(folder)
    assert problem.startswith(
        f"{folder / 'targets.yaml'}:6:12: a cycle through a breakdown: pop.urban → pop → "
        "pop.urban, where 'pop' is the sum of its parts"
    )


def test_an_unreadable_formula_points_at_its_column(tmp_path: Path) -> None:
    folder = plan_of(
        tmp_path, RICE.replace("rice.output / rice.area", "rice.output / (rice.area"), ""
    )
    [problem] = problems_of(folder)
    # line 12, the formula from column 12: '(' at offset 14, column 26
    assert problem == f"{folder / 'targets.yaml'}:12:26: this '(' is never closed — add ')'"
    with pytest.raises(PlanError) as caught:
        load_plan(folder)
    [own] = [p for p in caught.value.problems if p.file.endswith("targets.yaml")]
    assert said_problem(own, "vi").endswith("12:26: dấu '(' này chưa được đóng — thêm ')'")


def test_units_that_differ_in_a_sum_are_a_warning(tmp_path: Path) -> None:
    indicators = RICE + "- id: muddle\n  unit: tấn\n  formula: rice.output + rice.area\n"
    folder = plan_of(tmp_path, indicators, 'rice.output: "1"\nrice.area: "2"\n')
    plan = load_plan(folder)  # a warning, not an error
    [warning] = plan.warnings
    # line 15, the formula from column 12, '+' at offset 12
    assert str(warning) == (
        f"{folder / 'targets.yaml'}:15:24: warning: the formula of 'muddle' adds or subtracts "
        "figures in 'tấn' and in 'ha' — check the formula, or write the units alike if they "
        "are the same"
    )
    result = runner.invoke(app, ["check", "--data", str(folder), "--period", "2022"])
    assert result.exit_code == 0
    assert "warning: the formula of 'muddle'" in result.stderr


def test_show_gives_the_formula(tmp_path: Path) -> None:
    folder = plan_of(tmp_path, RICE, 'rice.output: "1.234.567"\nrice.area: "200.000"\n')
    result = runner.invoke(app, ["show", "rice.yield", "--data", str(folder), "--lang", "vi"])
    assert "Công thức: rice.output / rice.area * 10" in result.stdout


# --- a report made by rounding true figures is consistent -------------------------------------

_AT = Source(file="made.yaml", line=1)


def _figure(value: Decimal) -> Figure:
    return Figure(value=value, at=_AT, text=str(value))


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=10**7),
    st.integers(min_value=10, max_value=10**6),  # a printed area of at least 0,1
    st.integers(min_value=1, max_value=4),
)
def test_rounded_true_figures_of_a_formula_are_consistent(
    output: int, area: int, places: int
) -> None:
    """True output and area (two decimals) printed to one decimal, the true yield
    output / area × 10 printed to ``places``: some true values give what was printed."""
    true_output, true_area = F(output, 100), F(area, 100)
    printed = {
        "output": as_decimal(true_output, 1),
        "area": as_decimal(true_area, 1),
        "yield": as_decimal(true_output / true_area * 10, places),
    }
    plan = Plan(
        info=PlanInfo(id="made", title="made"),
        indicators=(
            Indicator(id="output", name=Text(en="output"), unit=Text(), at=_AT),
            Indicator(id="area", name=Text(en="area"), unit=Text(), at=_AT),
            Indicator(
                id="yield",
                name=Text(en="yield"),
                unit=Text(),
                formula=ModelFormula(
                    text="output / area * 10",
                    expression=parse_formula("output / area * 10", "en"),
                    at=_AT,
                ),
                at=_AT,
            ),
        ),
        actuals=tuple(
            Actual(indicator=key, period=P("2022"), value=_figure(value), at=_AT)
            for key, value in printed.items()
        ),
    )
    [check] = derive(plan).statement_checks
    assert check.verdict == "consistent"
    # the witness holds: each figure within its printed interval, the yield within its own
    witness = check.witness
    assert witness is not None
    x = F(witness[Level("value", "output", P("2022"))])
    y = F(witness[Level("value", "area", P("2022"))])
    half = F(1, 20)  # one decimal: ± 0,05
    assert abs(x - F(printed["output"])) <= half and abs(y - F(printed["area"])) <= half
    assert abs(x / y * 10 - F(printed["yield"])) <= F(1, 2 * 10**places)


def test_a_formula_may_name_at_most_twenty_ids_and_numbers() -> None:
    # "a + a + … + a" with 21 a's: the 21st is at offset 20 × 4 = 80
    with pytest.raises(FormulaError) as caught:
        parse_formula(" + ".join(["a"] * (MAX_OPERANDS + 1)), "vi")
    assert caught.value.offset == 4 * MAX_OPERANDS
    assert "more than 20 ids and numbers" in str(caught.value.message)


def test_formulas_of_formulas_may_come_to_at_most_a_hundred_figures(tmp_path: Path) -> None:
    # b names a ten times (10), c names b ten times (100: allowed), d = c + a (101: refused)
    indicators = (
        "- id: a\n"
        f"- id: b\n  formula: {' * '.join(['a'] * 10)}\n"
        f"- id: c\n  formula: {' / '.join(['b'] * 10)}\n"
        "- id: d\n  formula: c + a\n"
    )
    folder = plan_of(tmp_path, indicators, 'a: "1,5"\n')
    assert problems_of(folder) == [
        f"{folder / 'targets.yaml'}:9:12: 'd' comes, through its formula and those of the "
        "indicators it names, to more than 100 ids and numbers — compute it from printed "
        "figures in fewer steps"
    ]
