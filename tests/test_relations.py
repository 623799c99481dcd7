"""Every derivation of seed-figures.md, checked against the figures the document prints.

Expected values are the document's own figures or hand arithmetic on them
(written out in each test), never output of plan-kpi pasted back.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from plan_kpi.core import numbers as n
from plan_kpi.core.periods import parse_period
from plan_kpi.engine.equations import Known
from plan_kpi.engine.quantities import Attainment, Level, Quantity, Ratio, Share
from plan_kpi.engine.solving import Derivation, derive
from plan_kpi.load.folder import load_plan

P = parse_period


@pytest.fixture(scope="module")
def seed_derivation() -> Derivation:
    return derive(load_plan(Path(__file__).resolve().parent.parent / "data"))


def known(d: Derivation, quantity: Quantity) -> Known:
    result = d.get(quantity)
    assert result is not None, f"{quantity} not known"
    return result


def r(value: Decimal, places: int) -> Decimal:
    return n.round_half_up(value, places)


def test_industrial_output_2020_from_61005_and_92_19(seed_derivation: Derivation) -> None:
    k = known(seed_derivation, Level("value", "industrial_output", P("2020")))
    assert k.derived
    # 61005 / 0.9219 = 66173.12…; bounds 61005 / 0.92195 and 61005 / 0.92185
    assert r(k.point, 1) == Decimal("66173.1")
    assert k.interval.low is not None and k.interval.high is not None
    assert r(k.interval.low, 1) == Decimal("66169.5")
    assert r(k.interval.high, 1) == Decimal("66176.7")
    assert k.equation is not None and k.equation.relation == "ratio"
    ratio = known(seed_derivation, Ratio("industrial_output", P("2021"), P("2020")))
    assert r(n.growth_pct(ratio.point), 2) == Decimal("-7.81")


def test_industrial_output_2021_attainment(seed_derivation: Derivation) -> None:
    att = known(seed_derivation, Attainment("industrial_output", P("2021")))
    # 61005 / 70962 = 0.859685…
    assert r(n.pct(att.point), 2) == Decimal("85.97")


@pytest.mark.parametrize(
    ("branch", "growth"),
    [("mining", "-12.39"), ("electricity", "6.13"), ("water", "-0.74"), ("manufacturing", "-7.92")],
)
def test_branch_growth(seed_derivation: Derivation, branch: str, growth: str) -> None:
    ratio = known(seed_derivation, Ratio(f"industrial_output.{branch}", P("2021"), P("2020")))
    assert r(n.growth_pct(ratio.point), 2) == Decimal(growth)


def test_electricity_pct_of_previous(seed_derivation: Derivation) -> None:
    ratio = known(seed_derivation, Ratio("industrial_output.electricity", P("2021"), P("2020")))
    assert r(n.pct(ratio.point), 2) == Decimal("106.13")


def test_mining_nothing_else_derivable(seed_derivation: Derivation) -> None:
    for year in ("2020", "2021"):
        assert seed_derivation.get(Level("value", "industrial_output.mining", P(year))) is None


def test_manufacturing_value_from_its_share(seed_derivation: Derivation) -> None:
    k = known(seed_derivation, Level("value", "industrial_output.manufacturing", P("2021")))
    assert k.derived and k.equation is not None and k.equation.relation == "share"
    # 61005 × 0.9853 = 60108.2265
    assert k.point == Decimal("60108.2265")


def test_tax_target_from_value_and_pct_of_target(seed_derivation: Derivation) -> None:
    k = known(seed_derivation, Level("target", "tax_revenue", P("2021")))
    assert k.derived
    # 6790000 / 0.8673 = 7828894.27
    assert r(k.point, 0) == Decimal("7828894")


def test_loans_total_2020_from_the_change(seed_derivation: Derivation) -> None:
    k = known(seed_derivation, Level("value", "loans_total", P("2020-12-31")))
    assert k.point == Decimal("71726")  # 80296 − 8570
    assert k.interval.is_exact
    growth = known(seed_derivation, Ratio("loans_total", P("2021-12-31"), P("2020-12-31")))
    assert r(n.growth_pct(growth.point), 4) == Decimal("11.9482")  # 8570 / 71726


@pytest.mark.parametrize(
    ("indicator", "parent", "share"),
    [
        ("loans_enterprise", "loans_total", "27.7648"),  # 22294 / 80296
        ("loans_sme", "loans_enterprise", "43.5678"),
    ],  # 9713 / 22294
)
def test_loan_shares(seed_derivation: Derivation, indicator: str, parent: str, share: str) -> None:
    k = known(seed_derivation, Share(indicator, parent, P("2021-12-31")))
    assert r(n.pct(k.point), 4) == Decimal(share)


@pytest.mark.parametrize(
    ("indicator", "period", "vs", "growth"),
    [
        ("loans_enterprise", "2021-12-31", "2020-12-31", "1.4516"),  # 319 / 21975
        ("loans_sme", "2021-12-31", "2020-12-31", "18.6828"),  # 1529 / 8184
        ("loans_manufacturing", "2021-10-31", "2020-12-31", "2.5300"),
    ],  # 171 / 6759
)
def test_loan_growth(
    seed_derivation: Derivation, indicator: str, period: str, vs: str, growth: str
) -> None:
    k = known(seed_derivation, Ratio(indicator, P(period), P(vs)))
    assert r(n.growth_pct(k.point), 4) == Decimal(growth)


def test_total_loans_on_31_10_from_the_manufacturing_share(seed_derivation: Derivation) -> None:
    k = known(seed_derivation, Level("value", "loans_total", P("2021-10-31")))
    assert k.derived
    assert r(k.point, 1) == Decimal("75655.0")  # 6930 / 0.0916


def test_market_revenue_2020(seed_derivation: Derivation) -> None:
    k = known(seed_derivation, Level("value", "market_revenue", P("2020-01/2020-11")))
    assert r(k.point, 0) == Decimal("2564037929")  # 2501219000 / 0.9755


def test_exactly_one_inconsistent_statement(seed_derivation: Derivation) -> None:
    bad = [c for c in seed_derivation.statement_checks if c.verdict == "inconsistent"]
    assert [(c.observation.relation, c.observation.figure.text) for c in bad] == [
        ("pct_of_target", "100,19")
    ]
    assert r(n.pct(bad[0].computed.point), 4) == Decimal("101.1867")  # 15178 / 15000
    breakdowns = [b for b in seed_derivation.breakdown_checks if b.verdict == "inconsistent"]
    assert breakdowns == []


def test_breakdowns_are_checked_when_first_asked_for() -> None:
    """check reads no breakdown check: derive leaves them to the first that asks."""
    plan = load_plan(Path(__file__).resolve().parent.parent / "data")
    derivation = derive(plan)
    assert derivation._breakdown_checks is None  # nothing checked yet
    first = derivation.breakdown_checks
    # the seed plan's vocational enrolment has three parts (levels): there are checks
    assert any(b.parent.id == "vocational_enrolment" for b in first)
    assert derivation.breakdown_checks is first  # checked once, then kept


def test_footnote_4_is_consistent(seed_derivation: Derivation) -> None:
    texts = {
        c.observation.figure.text: c.verdict
        for c in seed_derivation.statement_checks
        if c.observation.quantity == Attainment("vocational_enrolment", P("2021"))
    }
    assert texts == {"100,19": "inconsistent", "101,19": "consistent"}


def test_vocational_levels_sum_to_the_total(seed_derivation: Derivation) -> None:
    [check] = [
        b
        for b in seed_derivation.breakdown_checks
        if b.parent.id == "vocational_enrolment" and b.kind == "value"
    ]
    assert check.verdict == "consistent"
    assert check.computed is not None and check.computed.low == Decimal(1542 + 2524 + 11112)


def test_manufacturing_share_on_31_10_is_never_flagged(seed_derivation: Derivation) -> None:
    fixing = [
        ob
        for ob in seed_derivation.fixing
        if ob.relation == "share_pct"
        and ob.quantity == Share("loans_manufacturing", "loans_total", P("2021-10-31"))
    ]
    assert len(fixing) == 1
    assert all(
        c.observation.quantity != fixing[0].quantity for c in seed_derivation.statement_checks
    )
