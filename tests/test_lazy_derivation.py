"""What derive leaves to the first that asks: a derived figure's point, enclosure and bound,
and a printed figure's interval; the answers are those computed at once would be.

Expected values are hand arithmetic (written out in each test).
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from plan_kpi.core.intervals import Interval
from plan_kpi.core.models import (
    Actual,
    Figure,
    Indicator,
    Plan,
    PlanInfo,
    Source,
    Statement,
    Target,
    Text,
)
from plan_kpi.core.periods import year_period
from plan_kpi.engine.equations import Known
from plan_kpi.engine.observing import Observation
from plan_kpi.engine.quantities import Attainment, Level, Ratio
from plan_kpi.engine.solving import derive

D = Decimal
AT = Source(file="made.yaml", line=1)


def _figure(text: str, factor: Decimal | None = None) -> Figure:
    return Figure(value=D(text), at=AT, text=text, factor=factor)


def _plan(actuals: tuple[Actual, ...], targets: tuple[Target, ...] = ()) -> Plan:
    indicator = Indicator(id="x", name=Text(en="x"), unit=Text(), targets=targets, at=AT)
    return Plan(info=PlanInfo(id="made", title="made"), indicators=(indicator,), actuals=actuals)


def test_a_derived_figure_is_computed_when_first_asked_for() -> None:
    year, before = year_period(2021), year_period(2020)
    plan = _plan(
        (
            Actual(
                indicator="x",
                period=year,
                value=_figure("110"),
                # figures that speak of the ratio and the attainment: each is then checked
                statements=(
                    Statement(relation="growth_pct", figure=_figure("10")),
                    Statement(relation="pct_of_target", figure=_figure("125")),
                ),
                at=AT,
            ),
            Actual(indicator="x", period=before, value=_figure("100"), at=AT),
        ),
        (Target(period=year, value=_figure("88"), at=AT),),
    )
    derivation = derive(plan)
    ratio = derivation.known[Ratio("x", year, before)]
    attainment = derivation.known[Attainment("x", year)]
    assert ratio.derived and ratio._bound is None and ratio._point is None  # not yet
    # whole figures are exact: 110 / 100 = 1.1, 110 / 88 = 1.25
    assert ratio.point == D("1.1") and ratio.enclosure == Interval(D("1.1"), D("1.1"))
    assert ratio.interval == Interval(D("1.1"), D("1.1"))
    assert (ratio.derived_bound, ratio.torn) == (None, False)
    assert attainment._point is None  # asking for one figure computes no other
    assert attainment.point == D("1.25")
    assert ratio.inputs == (Level("value", "x", year), Level("value", "x", before))
    # compared as a record of its fields: the same derivation again is an equal Known
    assert derive(plan).known[Ratio("x", year, before)] == ratio
    assert [c.verdict for c in derivation.statement_checks] == ["consistent", "consistent"]


def test_a_chain_of_thousands_of_years_is_computed_without_recursion() -> None:
    # 100 in 2000, then a growth of 0 % every year to 5000: each value 100 × 1 = 100, each
    # from the year before, 3.000 derivations deep
    actuals = [Actual(indicator="x", period=year_period(2000), value=_figure("100"), at=AT)]
    actuals += [
        Actual(
            indicator="x",
            period=year_period(year),
            statements=(Statement(relation="growth_pct", figure=_figure("0")),),
            at=AT,
        )
        for year in range(2001, 5001)
    ]
    last = derive(_plan(tuple(actuals))).known[Level("value", "x", year_period(5000))]
    assert last.derived and last.point == D(100)
    # a growth of 0 % is printed to ± 0,5 %: 100 × 0,995^3000 < last < 100 × 1,005^3000
    assert last.enclosure.low is not None and last.enclosure.high is not None
    assert D(0) < last.enclosure.low < D(100) < last.enclosure.high


@given(
    digits=st.integers(min_value=-10_000, max_value=10_000),
    places=st.integers(min_value=0, max_value=3),
    rounded=st.booleans(),
    factor=st.sampled_from([None, D("0.001"), D(1000)]),
)
def test_whether_a_printed_level_may_be_zero_is_what_its_interval_says(
    digits: int, places: int, rounded: bool, factor: Decimal | None
) -> None:
    # the engine asks without computing the interval: the interval's answer must be its own
    # (0, 0,0, 0,05, −3, 12,500 …: every figure of up to three decimals near zero)
    printed = _figure(str(D(digits).scaleb(-places)), factor)
    ob = Observation(
        Level("value", "x", year_period(2021)),
        printed,
        0,
        "value",
        scale=factor or D(1),
        rounded=rounded,
    )
    assert ob.may_be_zero() == ob.interval.contains_zero()
    assert ob.interval == ob.interval_now()  # computed once, kept


def test_a_figure_of_its_own_is_known_by_its_observation() -> None:
    year = year_period(2021)
    ob = Observation(Level("value", "x", year), _figure("92.19"), 0, "value", rounded=True)
    known = Known.observed(ob)
    # 92,19 stands for 92,19 ± 0,005
    assert known.enclosure == Interval(D("92.185"), D("92.195")) == ob.interval
    assert known.point == D("92.19") and not known.derived and known.inputs == ()
    assert known == Known(ob.interval, ob.point, observation=ob)
