"""Exact ranges: a derived figure and a check over the independent printed figures.

The cases of issue 12 as small plans: a vegetable yield (239,1 tạ/ha, "tăng 10,85 tạ/ha",
"tăng 4,7 %"), a made-up value 1000,0 with change 100,0 and growth 11,09, and a chain of
three (a part's value and share give its parent, whose change gives the parent's previous
value and growth). Every expected bound is worked out by hand in the comments, with
Fractions; none is plan-kpi's output pasted back.
"""

from __future__ import annotations

import inspect
import json
import math
import textwrap
from collections.abc import Callable, Hashable, Mapping
from decimal import Decimal
from fractions import Fraction
from itertools import product
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from plan_kpi.cli.app import app
from plan_kpi.core import numbers as n
from plan_kpi.core.models import (
    RELATIONS,
    Actual,
    Figure,
    Indicator,
    Plan,
    PlanInfo,
    Relation,
    Source,
    Statement,
    Target,
    Text,
)
from plan_kpi.core.periods import parse_period, year_period
from plan_kpi.engine.bounds import Decision, Range, as_decimal, leaves
from plan_kpi.engine.checks import StatementCheck, verdict_of
from plan_kpi.engine.equations import Known
from plan_kpi.engine.observing import Observation
from plan_kpi.engine.quantities import Change, Level, Quantity, Ratio
from plan_kpi.engine.solving import Derivation, derive
from plan_kpi.load.folder import load_plan
from plan_kpi.reports.audit import build_audit
from plan_kpi.reports.findings import build_findings
from plan_kpi.reports.report import build_report
from plan_kpi.reports.show import build_story

D = Decimal
F = Fraction
P = parse_period

HEAD = 'plan: {id: exact, title: "Exact ranges", locale: vi}\nindicators:\n'


def plan_of(root: Path, indicators: str, report: str) -> Path:
    """A plan folder: targets.yaml from the indicators' YAML, one actuals file."""
    folder = root / "plan"
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_text(HEAD + textwrap.dedent(indicators), encoding="utf-8")
    (folder / "actuals" / "report.yaml").write_text(textwrap.dedent(report), encoding="utf-8")
    return folder


def vegetables(root: Path, growth: str = "4,7") -> Path:
    return plan_of(
        root,
        """\
        - id: vegetables
          name: Năng suất rau các loại
          unit: tạ/ha
        """,
        f"""\
        period: 2018
        locale: vi
        values:
          vegetables: {{value: "239,1", stated: {{change: "10,85", growth_pct: "{growth}"}}}}
        """,
    )


def made_up(root: Path, growth: str = "11,09") -> Path:
    return plan_of(
        root,
        """\
        - id: a
          name: A
        """,
        f"""\
        period: 2021
        locale: vi
        values:
          a: {{value: "1.000,0", stated: {{change: "100,0", growth_pct: "{growth}"}}}}
        """,
    )


def chain(root: Path, growth: str = "11,0") -> Path:
    """A part of 2.000 (exact), 25,0 % of its parent; the parent grew by 800 (exact)."""
    return plan_of(
        root,
        """\
        - id: whole
          name: Whole
          breakdown: partial
        - id: whole.part
          name: Part
          parent: whole
        """,
        f"""\
        period: 2021
        locale: vi
        values:
          whole.part: {{value: "2.000", stated: {{share_pct: "25,0"}}}}
          whole: {{stated: {{change: "800", growth_pct: "{growth}"}}}}
        """,
    )


def derived(folder: Path) -> Derivation:
    return derive(load_plan(folder))


def known(derivation: Derivation, quantity: Quantity) -> Known:
    found = derivation.get(quantity)
    assert found is not None, quantity
    return found


# --- derived figures keep the interval they really have ------------------------------------


def test_vegetable_ratio_is_one_function_of_value_and_change(tmp_path: Path) -> None:
    d = derived(vegetables(tmp_path))
    ratio = known(d, Ratio("vegetables", P("2018"), P("2017")))
    # ratio = v / (v − c), v ∈ [239,05; 239,15], c ∈ [10,845; 10,855]: it falls as v rises
    # (d/dv = −c / (v − c)²) and rises with c, so
    # least = 239,15 / (239,15 − 10,845) = 239,15 / 228,305, greatest = 239,05 / 228,195
    low, high = F("239.15") / F("228.305"), F("239.05") / F("228.195")
    assert ratio.range.exact and (ratio.range.low, ratio.range.high) == (low, high)
    # as Decimals at the working precision (40 digits), rounded outward
    tiny = F(1, 10**35)
    assert ratio.interval.low is not None and ratio.interval.high is not None
    assert F(ratio.interval.low) <= low < F(ratio.interval.low) + tiny
    assert F(ratio.interval.high) - tiny < high <= F(ratio.interval.high)
    # step by step, v − c is [228,195; 228,305] and v another [239,05; 239,15]:
    # [239,05 / 228,305; 239,15 / 228,195], the wide range of the issue
    assert ratio.enclosure.low is not None and ratio.enclosure.high is not None
    assert ratio.enclosure.low <= D("239.05") / D("228.305")
    assert ratio.enclosure.high >= D("239.15") / D("228.195")
    # two figures, each one variable: the value and the change
    keys = {leaf.key for leaf in leaves(ratio.formula)}
    assert keys == {
        Level("value", "vegetables", P("2018")),
        Change("vegetables", P("2018"), P("2017")),
    }


def test_the_previous_value_is_exact_where_its_figures_are(tmp_path: Path) -> None:
    d = derived(vegetables(tmp_path))
    before = known(d, Level("value", "vegetables", P("2017")))
    # 239,1 − 10,85 = 228,25; [239,05 − 10,855; 239,15 − 10,845] = [228,195; 228,305]
    assert before.point == D("228.25")
    assert (before.interval.low, before.interval.high) == (D("228.195"), D("228.305"))


def test_chain_of_three_parent_growth(tmp_path: Path) -> None:
    d = derived(chain(tmp_path))
    ratio = known(d, Ratio("whole", P("2021"), P("2020")))
    # whole = 2000 / s, s ∈ [0,2495; 0,2505]; before = whole − 800; ratio = whole / before.
    # The ratio falls as whole rises, and whole falls as s rises, so the ratio rises with s:
    # least at s = 0,2495: whole = 2000 / 0,2495, ratio = 2000 / (2000 − 800 × 0,2495)
    #   = 2000 / 1800,4; greatest at s = 0,2505: 2000 / (2000 − 200,4) = 2000 / 1799,6
    assert ratio.range.exact
    assert (ratio.range.low, ratio.range.high) == (F(2000) / F("1800.4"), F(2000) / F("1799.6"))
    keys = {leaf.key for leaf in leaves(ratio.formula) if not leaf.is_exact}
    assert len(keys) == 1  # only the share is rounded; the value and the change are exact


# --- checks are decided over the same leaves -----------------------------------------------


def growth_check(derivation: Derivation, indicator: str) -> StatementCheck:
    [check] = [
        c
        for c in derivation.statement_checks
        if c.observation.relation == "growth_pct" and c.observation.quantity.indicator == indicator
    ]
    return check


def test_vegetable_growth_4_7_is_inconsistent_with_its_exact_range(tmp_path: Path) -> None:
    check = growth_check(derived(vegetables(tmp_path)), "vegetables")
    decision = check.decision
    assert check.verdict == "inconsistent" and decision.witness is None
    # growth = c / (v − c) × 100: least 10,845 / (239,15 − 10,845) × 100 = 1084,5 / 228,305,
    # greatest 10,855 / (239,05 − 10,855) × 100 = 1085,5 / 228,195: [4,7502…; 4,7568…] %
    assert (decision.range.low, decision.range.high) == (
        F("1084.5") / F("228.305"),
        F("1085.5") / F("228.195"),
    )
    # 4,7 stands for [4,65; 4,75]: 4,75 − 1084,5 / 228,305 = (1084,44875 − 1084,5) / 228,305
    assert decision.margin == F("-0.05125") / F("228.305")
    # step by step the range was [4,7064…; 4,8008…] %, which meets [4,65; 4,75]
    enclosure = check.observation.printed_interval(check.computed.enclosure)
    assert enclosure.low is not None and enclosure.low < D("4.75")


def test_vegetable_growth_4_75_is_consistent_with_a_witness(tmp_path: Path) -> None:
    check = growth_check(derived(vegetables(tmp_path, "4,75")), "vegetables")
    assert check.verdict == "consistent"
    witness = check.witness
    assert witness is not None
    value = witness[Level("value", "vegetables", P("2018"))]
    change = witness[Change("vegetables", P("2018"), P("2017"))]
    assert D("239.05") <= value <= D("239.15") and D("10.845") <= change <= D("10.855")
    # the witness satisfies the check: 4,745 ≤ c / (v − c) × 100 ≤ 4,755
    growth = F(change) / (F(value) - F(change)) * 100
    assert F("4.745") <= growth <= F("4.755")


def test_made_up_growth_11_09_is_inconsistent(tmp_path: Path) -> None:
    check = growth_check(derived(made_up(tmp_path)), "a")
    decision = check.decision
    assert check.verdict == "inconsistent"
    # least 99,95 / (1000,05 − 99,95) × 100 = 9995 / 900,1 = 11,10432…,
    # greatest 100,05 / (999,95 − 100,05) × 100 = 10005 / 899,9 = 11,11790…
    assert (decision.range.low, decision.range.high) == (
        F(9995) / F("900.1"),
        F(10005) / F("899.9"),
    )
    # 11,09 reaches 11,095: 11,095 − 9995 / 900,1 = (9986,6095 − 9995) / 900,1
    assert decision.margin == F("-8.3905") / F("900.1")


def test_chain_of_three_growth_is_inconsistent(tmp_path: Path) -> None:
    check = growth_check(derived(chain(tmp_path)), "whole")
    decision = check.decision
    assert check.verdict == "inconsistent"
    # growth = (ratio − 1) × 100 with the ratio of test_chain_of_three_parent_growth:
    # least (2000 / 1800,4 − 1) × 100 = 199,6 / 1800,4 × 100 = 11,0864…,
    # greatest (2000 / 1799,6 − 1) × 100 = 200,4 / 1799,6 × 100 = 11,1358…
    assert (decision.range.low, decision.range.high) == (
        F("19960") / F("1800.4"),
        F("20040") / F("1799.6"),
    )
    # 11,0 reaches 11,05: 11,05 − 19960 / 1800,4 = (19894,42 − 19960) / 1800,4
    assert decision.margin == F("-65.58") / F("1800.4")
    # step by step: whole [7984,03…; 8016,03…], before = whole − 800, ratio = whole / before
    # gave [10,64…; 11,58…] %, which meets [10,95; 11,05]
    enclosure = check.observation.printed_interval(check.computed.enclosure)
    assert enclosure.low is not None and enclosure.high is not None
    assert enclosure.low < D("11.05") < enclosure.high


def test_a_parent_derived_from_a_share_is_not_independent_of_that_part(tmp_path: Path) -> None:
    folder = plan_of(
        tmp_path,
        """\
        - id: whole
          name: Whole
        - id: whole.a
          name: A
          parent: whole
        - id: whole.b
          name: B
          parent: whole
        """,
        """\
        period: 2021
        locale: vi
        values:
          whole.a: {value: "60,0", stated: {share_pct: "60,0"}}
          whole.b: "40,2"
        """,
    )
    [check] = derived(folder).breakdown_checks
    # whole = a / s, so a + b − whole = a × (1 − 1 / s) + b over a ∈ [59,95; 60,05],
    # s ∈ [0,5995; 0,6005], b ∈ [40,15; 40,25]; it falls with a (1 − 1 / s < 0), rises with s
    # and b: its least is 60,05 − 60,05 / 0,5995 + 40,15 = 100,2 − 100,16680… = 0,0331… > 0
    assert check.verdict == "inconsistent"
    assert check.margin == F("60.05") / F("0.5995") - F("100.2")
    # apart, the parts add up to [100,1; 100,3] and the whole is [59,95 / 0,6005; 60,05 / 0,5995]
    # = [99,833…; 100,166…]: they meet, and step by step this was called consistent
    assert check.computed is not None and check.whole is not None
    assert check.computed.low is not None and check.whole.interval.high is not None
    assert check.computed.low <= check.whole.interval.high


def test_breakdown_with_an_independent_printed_parent_has_a_witness(tmp_path: Path) -> None:
    folder = plan_of(
        tmp_path,
        """\
        - id: whole
          name: Whole
        - id: whole.a
          name: A
          parent: whole
        - id: whole.b
          name: B
          parent: whole
        """,
        """\
        period: 2021
        locale: vi
        values:
          whole: "10,0"
          whole.a: "6,6"
          whole.b: "3,3"
        """,
    )
    [check] = derived(folder).breakdown_checks
    assert check.verdict == "consistent"
    witness = check.witness
    assert witness is not None
    a = witness[Level("value", "whole.a", P("2021"))]
    b = witness[Level("value", "whole.b", P("2021"))]
    # a + b must reach 10,0's [9,95; 10,05] with a ∈ [6,55; 6,65], b ∈ [3,25; 3,35]
    assert D("6.55") <= a <= D("6.65") and D("3.25") <= b <= D("3.35")
    assert D("9.95") <= a + b <= D("10.05")
    # margin: the sum reaches 10,00 at most, 0,05 into [9,95; 10,05]
    assert check.margin == F("0.05")


def test_an_undecided_check_is_unchecked() -> None:
    span = Range(None, None, {}, {}, None, None, "divisor_may_be_zero")
    assert verdict_of(Decision("undecided", span, reason="divisor_may_be_zero")) == "unchecked"
    assert verdict_of(Decision("consistent", span)) == "consistent"


# --- properties: the engine's range is the closed form's, and a witness is one --------------

AT = Source(file="made.yaml", line=1)
YEAR = year_period(2021)
HUNDRED = F(100)
Form = Callable[[Mapping[str, Fraction]], Fraction]


def _growth(x: Mapping[str, Fraction]) -> Fraction:
    return x["change"] / (x["value"] - x["change"]) * HUNDRED


def _ratio(x: Mapping[str, Fraction]) -> Fraction:
    return x["value"] / (x["value"] - x["change"]) * HUNDRED


def _growth_over_previous(x: Mapping[str, Fraction]) -> Fraction:
    return (x["value"] / x["previous"] - 1) * HUNDRED


def _change(x: Mapping[str, Fraction]) -> Fraction:
    return x["value"] - x["previous"]


def _attainment(x: Mapping[str, Fraction]) -> Fraction:
    return x["value"] / x["plan_target"] * HUNDRED


def _share(x: Mapping[str, Fraction]) -> Fraction:
    return x["value"] / x["parent_value"] * HUNDRED


def _parent_growth(x: Mapping[str, Fraction]) -> Fraction:
    whole = x["value"] * HUNDRED / x["share_pct"]
    return x["parent_change"] / (whole - x["parent_change"]) * HUNDRED


#: small systems: the figures printed, the checked one, and the checked figure written out by
#: hand as a function of the printed ones (in printed units; monotone in each on the box)
SYSTEMS: dict[str, tuple[tuple[str, ...], str, Form]] = {
    "growth from value and change": (("value", "change"), "growth_pct", _growth),
    "% of previous from value and change": (("value", "change"), "pct_of_previous", _ratio),
    "growth from value and previous": (("value", "previous"), "growth_pct", _growth_over_previous),
    "change from value and previous": (("value", "previous"), "change", _change),
    "% of target from value and target": (("value", "plan_target"), "pct_of_target", _attainment),
    "share from value and the parent's": (("value", "parent_value"), "share_pct", _share),
    "parent's growth from value, share and the parent's change": (
        ("value", "share_pct", "parent_change"),
        "parent_growth",
        _parent_growth,
    ),
}
RELATION: dict[str, Relation] = {relation: relation for relation in RELATIONS}
PERCENT = {"growth_pct", "pct_of_previous", "pct_of_target", "share_pct", "parent_growth"}


def _figure(value: Decimal) -> Figure:
    return Figure(value=value, at=AT, text=n.plain(value))


def system_plan(printed: Mapping[str, Decimal]) -> Plan:
    """A part w.x of w with the printed figures; both rounded, so every figure is ± half a unit."""
    own = tuple(
        Statement(relation=RELATION[key], figure=_figure(value))
        for key, value in printed.items()
        if key in RELATION
    )
    of_parent = tuple(
        Statement(relation=RELATION[key.removeprefix("parent_")], figure=_figure(value))
        for key, value in printed.items()
        if key in ("parent_change", "parent_growth_pct")
    )
    targets = tuple(
        Target(period=YEAR, value=_figure(value), at=AT)
        for key, value in printed.items()
        if key == "plan_target"
    )
    actuals = [
        Actual(indicator="w.x", period=YEAR, value=_figure(printed["value"]), statements=own, at=AT)
    ]
    if "parent_value" in printed or of_parent:
        whole = _figure(printed["parent_value"]) if "parent_value" in printed else None
        actuals.append(Actual(indicator="w", period=YEAR, value=whole, statements=of_parent, at=AT))
    return Plan(
        info=PlanInfo(id="made", title="made"),
        indicators=(
            Indicator(
                id="w", name=Text(en="w"), unit=Text(), breakdown="partial", rounded=True, at=AT
            ),
            Indicator(
                id="w.x",
                name=Text(en="x"),
                unit=Text(),
                parent="w",
                rounded=True,
                targets=targets,
                at=AT,
            ),
        ),
        actuals=tuple(actuals),
    )


def checked_key(checked: str) -> str:
    return "parent_growth_pct" if checked == "parent_growth" else checked


def the_check(printed: Mapping[str, Decimal], checked: str) -> tuple[Derivation, StatementCheck]:
    derivation = derive(system_plan(printed))
    relation = "growth_pct" if checked == "parent_growth" else checked
    indicator = "w" if checked == "parent_growth" else "w.x"
    [check] = [
        c
        for c in derivation.statement_checks
        if c.observation.relation == relation and c.observation.quantity.indicator == indicator
    ]
    return derivation, check


def named(derivation: Derivation, witness: Mapping[Hashable, Decimal]) -> dict[str, Fraction]:
    """A witness by the systems' names, each value in its printed units."""
    names: dict[Hashable, tuple[str, Observation]] = {}
    for ob in derivation.fixing:
        if ob.actual is None:
            name = "plan_target"
        elif ob.actual.indicator == "w":
            name = "parent_" + ob.relation
        else:
            name = ob.relation
        names[ob.quantity] = (name, ob)
    result = {}
    for key, value in witness.items():
        name, ob = names[key]
        result[name] = (F(value) - F(ob.offset)) / F(ob.scale)
    return result


def _true_figures(draw: st.DrawFn, system: str) -> dict[str, Decimal]:
    """True values (more digits than any report prints) that keep every divisor away from 0."""
    thousandths = st.integers(min_value=10_000, max_value=10**9).map(lambda i: D(i).scaleb(-3))
    factor = st.integers(min_value=5_000, max_value=20_000).map(lambda i: D(i).scaleb(-4))
    previous = draw(thousandths)
    value = previous * draw(factor)
    figures = {"value": value, "previous": previous, "change": value - previous}
    figures["plan_target"] = value * draw(factor)
    share = draw(st.integers(min_value=500, max_value=9_500).map(lambda i: D(i).scaleb(-2)))
    figures["share_pct"] = share
    figures["parent_value"] = n.round_half_up(value * 100 / share, 6)
    # the parent's change: between −40 % and +40 % of its value
    whole = value * 100 / share
    swing = draw(st.integers(min_value=-4_000, max_value=4_000).map(lambda i: D(i).scaleb(-4)))
    figures["parent_change"] = n.round_half_up(whole * swing, 6)
    return figures


@st.composite
def systems(draw: st.DrawFn) -> tuple[str, dict[str, Decimal], dict[str, Fraction], int]:
    """A system, its printed figures (true ones rounded), the true ones, the checked decimals."""
    system = draw(st.sampled_from(sorted(SYSTEMS)))
    names, checked, _ = SYSTEMS[system]
    true = _true_figures(draw, system)
    printed = {}
    for name in names:
        places = draw(st.integers(min_value=0, max_value=4 if name in PERCENT else 3))
        printed[name] = n.round_half_up(true[name], places)
    places = draw(st.integers(min_value=0, max_value=4 if checked in PERCENT else 3))
    return system, printed, {k: F(true[k]) for k in names}, places


def _box(printed: Mapping[str, Decimal]) -> dict[str, tuple[Fraction, Fraction]]:
    return {k: (F(v) - F(n.half_unit(v)), F(v) + F(n.half_unit(v))) for k, v in printed.items()}


def corners(form: Form, box: Mapping[str, tuple[Fraction, Fraction]]) -> list[Fraction]:
    """The closed form at every corner of the box, exactly."""
    keys = list(box)
    return [form(dict(zip(keys, ends, strict=True))) for ends in product(*(box[k] for k in keys))]


@settings(max_examples=60, deadline=None)
@given(systems())
def test_rounded_true_figures_are_consistent_and_the_witness_satisfies_them(
    case: tuple[str, dict[str, Decimal], dict[str, Fraction], int],
) -> None:
    """(a) Round exact true figures at any precision: consistent, with a witness that holds."""
    system, printed, true, places = case
    _, checked, form = SYSTEMS[system]
    shown = as_decimal(form(true), places)
    derivation, check = the_check({**printed, checked_key(checked): shown}, checked)
    assert check.verdict == "consistent"
    witness = check.witness
    assert witness is not None
    values = named(derivation, witness)
    box = _box(printed)
    assert set(values) == set(box)
    for name, (low, high) in box.items():
        assert low <= values[name] <= high, name  # each within its printed interval
    # every equation holds at the witness: the checked figure, worked out from it by the
    # closed form, lies within what was printed
    half = F(n.half_unit(shown))
    assert F(shown) - half <= form(values) <= F(shown) + half


@settings(max_examples=60, deadline=None)
@given(systems())
def test_the_range_is_the_closed_forms_over_the_corners_to_the_last_digit(
    case: tuple[str, dict[str, Decimal], dict[str, Fraction], int],
) -> None:
    """(b) The engine's range is the brute-force corner range; just outside it is inconsistent."""
    system, printed, true, places = case
    _, checked, form = SYSTEMS[system]
    key = checked_key(checked)
    _, check = the_check({**printed, key: as_decimal(form(true), places)}, checked)
    values = corners(form, _box(printed))
    span = check.decision.range
    assert span.exact and (span.low, span.high) == (min(values), max(values))
    unit, half = D(1).scaleb(-places), F(1, 2 * 10**places)
    # the greatest figure of these decimals whose interval lies wholly below the range,
    # and the least one wholly above: inconsistent; one unit nearer: consistent
    below = as_decimal(min(values) - half, places, "low")
    if F(below) + half >= min(values):
        below -= unit
    above = as_decimal(max(values) + half, places, "high")
    if F(above) - half <= max(values):
        above += unit
    for outside, inside in ((below, below + unit), (above, above - unit)):
        assert the_check({**printed, key: outside}, checked)[1].verdict == "inconsistent"
        assert the_check({**printed, key: inside}, checked)[1].verdict == "consistent"


# --- the audit: rows as data, the say layer's words -----------------------------------------

runner = CliRunner()


def audit_text(folder: Path, lang: str) -> tuple[int, str]:
    result = runner.invoke(app, ["audit", "--data", str(folder), "--explain", "--lang", lang])
    return result.exit_code, result.stdout


def test_no_report_builder_takes_a_language() -> None:
    """Builders return data; the renderers get the language and the say layer the words."""
    for builder in (build_audit, build_findings, build_report, build_story):
        assert "lang" not in inspect.signature(builder).parameters, builder.__name__


def test_a_row_carries_its_arithmetic_as_data(tmp_path: Path) -> None:
    folder = vegetables(tmp_path)
    plan = load_plan(folder)
    [row] = build_audit(plan, derive(plan)).rows
    e = row.explanation
    assert (row.verdict, e.kind, e.scale) == ("inconsistent", "computed", "growth")
    assert row.name.get("vi") == "Năng suất rau các loại"
    # growth = value / previous − 1, previous = value − change
    assert e.step is not None and e.step.op == "over"
    assert e.step.left is not None and e.step.right is not None
    assert (e.step.left.value, e.step.left.figure is not None) == (D("239.1"), True)
    assert (e.step.right.value, e.step.right.figure) == (D("228.25"), None)
    [where] = e.wheres
    assert where.left is not None and where.right is not None
    assert (where.op, where.left.value, where.right.value) == ("minus", D("239.1"), D("10.85"))
    assert where.right.figure is not None and where.right.figure.relation == "change"
    # the exact range and the margin of test_vegetable_growth_4_7_is_inconsistent…
    assert (e.range_low, e.range_high, e.range_exact) == (
        F("1084.5") / F("228.305"),
        F("1085.5") / F("228.195"),
        True,
    )
    assert e.margin == F("-0.05125") / F("228.305")
    assert e.witness is None and e.reason is None


def test_an_unchecked_row_says_why_with_a_key_and_the_missing_terms(seed: Path) -> None:
    plan = load_plan(seed)
    rows = build_audit(plan, derive(plan), P("2021-10-31"), ("loans_manufacturing",)).rows
    [share] = [r for r in rows if r.relation == "share_pct"]
    e = share.explanation
    assert (share.verdict, e.kind, e.reason) == ("unchecked", "unchecked", "no_figure")
    [missing] = e.missing
    # the total's balance on 31/10 is what the share would be checked with; the share itself
    # derives it: 6.930 / 9,16 % = 75.655,0
    assert (missing.indicator, missing.term.key, str(missing.term.period)) == (
        "loans_total",
        "value",
        "2021-10-31",
    )
    assert missing.derived is not None and n.round_half_up(missing.derived.value, 1) == D("75655.0")


def test_audit_explain_on_the_vegetables_says_inconsistent_with_the_exact_range(
    tmp_path: Path,
) -> None:
    code, out = audit_text(vegetables(tmp_path), "vi")
    assert code == 1
    assert "không khớp [1]" in out
    # 1084,5 / 228,305 = 4,75022… down to 4,7502; 1085,5 / 228,195 = 4,75689… up to 4,7569;
    # 4,75 misses 4,75022… by 0,00022…
    assert "4,7 % nằm ngoài [4,7502; 4,7569] %, thiếu 0,0002" in " ".join(out.split())


def test_audit_explain_on_the_made_up_plan_says_inconsistent(tmp_path: Path) -> None:
    code, out = audit_text(made_up(tmp_path), "en")
    assert code == 1
    # 9995 / 900,1 = 11,10432… down to 11,1043; 10005 / 899,9 = 11,11790… up to 11,1180;
    # 11,095 misses 11,10432… by 8,3905 / 900,1 = 0,00932…
    assert "11.09% is outside [11.1043; 11.1180]%, short by 0.0093" in " ".join(out.split())


def test_audit_explain_shows_a_consistent_rows_witness(tmp_path: Path) -> None:
    code, out = audit_text(vegetables(tmp_path, "4,75"), "vi")
    assert code == 0
    # at the printed figures: 239,1 − 10,85 = 228,25 and 10,85 / 228,25 = 4,7535…% ∈ [4,745; 4,755]
    assert (
        "khớp, ví dụ nếu số thực hiện năm 2017 là 228,25, mức tăng/giảm năm 2018 so với năm "
        "2017 là 10,85 và số thực hiện năm 2018 là 239,1"
    ) in " ".join(out.split())


def test_show_gives_a_derived_figure_its_exact_range(tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", "whole", "--data", str(chain(tmp_path)), "--lang", "en"])
    text = " ".join(result.stdout.split())
    # whole = 2000 / s over s ∈ [0,2495; 0,2505]: [7.984,03…; 8.016,03…] to one decimal
    # outward; before = whole − 800: [7.184,03…; 7.216,03…]
    assert "= 8,000.0 [7,984.0; 8,016.1]" in text
    assert "= 7,200.0 [7,184.0; 7,216.1]" in text
    # and the growth they give: (2000 / 1800,4 − 1) × 100 = 11,0864…, (2000 / 1799,6 − 1)
    # × 100 = 11,1358…: printed 11,0 misses it
    assert "11.0% is outside [11.0864; 11.1359]%, short by 0.0364" in text


def audit_json(folder: Path) -> dict[str, Any]:
    result = runner.invoke(app, ["audit", "--data", str(folder), "--format", "json"])
    data: dict[str, Any] = json.loads(result.stdout, parse_float=Decimal)  # never a float
    return data


def test_json_has_the_margin_the_range_and_the_explanation_as_data(tmp_path: Path) -> None:
    [row] = audit_json(vegetables(tmp_path))["rows"]
    assert row["verdict"] == "inconsistent"
    # −0,05125 / 228,305 = −0,000224480…: to 10 decimals away from zero, −0,0002244805
    assert row["verdict_margin"] == D("-0.0002244805")
    # 1084,5 / 228,305 = 4,75022448040…, down; 1085,5 / 228,195 = 4,75689651395…, up
    assert row["range"] == {
        "low": D("4.7502244804"),
        "high": D("4.756896514"),
        "exact": True,
        # a range of figures with no bound ("trên …") is no half-line, and reaches its ends
        "unbounded_below": False,
        "unbounded_above": False,
        "low_open": False,
        "high_open": False,
    }
    assert row["witness"] is None
    e = row["explanation"]
    assert (e["kind"], e["scale"], e["reason"]) == ("computed", "growth", None)
    assert e["equation"]["op"] == "over"
    left = e["equation"]["left"]
    assert (left["term"], left["value"]) == ("value 2018", D("239.1"))
    assert e["equation"]["right"]["term"] == "value 2017"
    [where] = e["wheres"]
    assert (where["op"], where["right"]["term"], where["right"]["value"]) == (
        "minus",
        "change 2018 vs 2017",
        D("10.85"),
    )
    assert where["right"]["at"].endswith("report.yaml:4")
    # words only under text, in the plan's language (vi)
    assert "4,7 % nằm ngoài [4,7502; 4,7569] %, thiếu 0,0002" in e["text"]
    # the keys of before, unchanged: the bounds outward to 4 decimals
    assert (row["computed_low"], row["computed_high"]) == (D("4.7502"), D("4.7569"))


def test_json_witness_of_a_consistent_row(tmp_path: Path) -> None:
    [row] = audit_json(vegetables(tmp_path, "4,75"))["rows"]
    assert row["verdict"] == "consistent"
    witness = row["witness"]
    assert {(v["term"], v["value"]) for v in witness["figures"]} == {
        ("value 2018", D("239.1")),
        ("change 2018 vs 2017", D("10.85")),
    }
    assert witness["derived"] == [
        {"indicator": "vegetables", "term": "value 2017", "value": D("228.25")}
    ]
    # 10,85 / 228,25 × 100 = 4,75355…: to 10 decimals half up
    growth = F("10.85") / F("228.25") * 100
    assert F(witness["value"]) == F(math.floor(growth * 10**10 + F(1, 2)), 10**10)
    # 4,755 − 4,75022… overlaps more than 4,75689… − 4,745, so the margin is the latter
    assert row["verdict_margin"] > 0


def test_check_gives_derived_figures_their_exact_ranges(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["check", "--data", str(chain(tmp_path)), "--period", "2021", "-f", "json"]
    )
    data = json.loads(result.stdout, parse_float=Decimal)
    [whole] = [row for row in data["rows"] if row["indicator"] == "whole"]
    actual, previous = whole["derivations"]["actual"], whole["derivations"]["previous"]
    # whole = 2000 / s, s ∈ [0,2495; 0,2505]: 2000 / 0,2505 = 7984,03193…, down to 7984,0319;
    # 2000 / 0,2495 = 8016,03206…, up to 8016,0321
    assert (actual["low"], actual["high"]) == (D("7984.0319"), D("8016.0321"))
    # the previous year, whole − 800: [7184,03193…; 7216,03206…], each figure entering once
    assert (previous["low"], previous["high"]) == (D("7184.0319"), D("7216.0321"))
