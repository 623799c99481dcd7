"""Exact ranges: a derived figure and a check over the independent printed figures.

The cases of issue 12 as small plans: a vegetable yield (239,1 tạ/ha, "tăng 10,85 tạ/ha",
"tăng 4,7 %"), a made-up value 1000,0 with change 100,0 and growth 11,09, and a chain of
three (a part's value and share give its parent, whose change gives the parent's previous
value and growth). Every expected bound is worked out by hand in the comments, with
Fractions; none is plan-kpi's output pasted back.
"""

from __future__ import annotations

import textwrap
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from plan_kpi.core.periods import parse_period
from plan_kpi.engine.bounds import leaves
from plan_kpi.engine.equations import Known
from plan_kpi.engine.quantities import Change, Level, Quantity, Ratio
from plan_kpi.engine.solving import Derivation, derive
from plan_kpi.load.folder import load_plan

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
    assert F(ratio.interval.low) <= low < F(ratio.interval.low) + tiny
    assert F(ratio.interval.high) - tiny < high <= F(ratio.interval.high)
    # step by step, v − c is [228,195; 228,305] and v another [239,05; 239,15]:
    # [239,05 / 228,305; 239,15 / 228,195], the wide range of the issue
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
