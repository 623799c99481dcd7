"""The exact-range solver: the issue's cases computed by hand, and properties both ways."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_kpi.engine.bounds import (
    Const,
    Decision,
    Expr,
    Leaf,
    Sum,
    as_decimal,
    decide,
    derivative,
    enclose,
    evaluate,
    exact_decimals,
    leaves,
    range_of,
)

D = Decimal
F = Fraction
Oracle = Callable[[Mapping[str, Fraction]], Fraction]


def printed(key: str, text: str) -> Leaf:
    """A figure printed as ``text``: ± half a unit of its last printed digit."""
    value = D(text)
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    half = D(5).scaleb(exponent - 1)
    return Leaf(key, value - half, value + half, value)


def finite(leaf: Leaf) -> tuple[Fraction, Fraction]:
    """A finite leaf's ends (these tests have no half-line)."""
    assert leaf.low is not None and leaf.high is not None
    return F(leaf.low), F(leaf.high)


def assert_witness(
    decision: Decision,
    figures: Sequence[Leaf],
    oracle: Oracle,
    low: Decimal | None,
    high: Decimal | None,
) -> None:
    """The decision is consistent and its witness really satisfies it, checked with Fractions."""
    assert decision.verdict == "consistent"
    witness = decision.witness
    assert witness is not None
    assert set(witness) == {leaf.key for leaf in figures}
    for leaf in figures:
        assert isinstance(witness[leaf.key], Decimal)
        assert leaf.low is not None and leaf.high is not None  # no half-line here
        assert leaf.low <= witness[leaf.key] <= leaf.high
    value = oracle({str(key): F(number) for key, number in witness.items()})
    assert low is None or F(low) <= value
    assert high is None or value <= F(high)


def growth_of(x: Mapping[str, Fraction]) -> Fraction:
    """growth % = change / (value − change) × 100, written out on Fractions."""
    return x["c"] / (x["v"] - x["c"]) * 100


# --- the vegetable yield of the issue: 239,1 tạ/ha, "tăng 10,85 tạ/ha", "tăng 4,7 %"


def vegetables() -> tuple[Leaf, Leaf, Expr]:
    v, c = printed("v", "239.1"), printed("c", "10.85")
    return v, c, c / (v - c) * 100


def test_vegetable_growth_has_its_exact_range() -> None:
    v, c, growth = vegetables()
    assert (v.low, v.high, c.low, c.high) == (D("239.05"), D("239.15"), D("10.845"), D("10.855"))
    span = range_of(growth)
    # growth rises with the change and falls with the value, so
    # least = 10,845 / (239,15 − 10,845) × 100 = 1084,5 / 228,305 = 4,75022448…
    least = F("10.845") / (F("239.15") - F("10.845")) * 100
    # greatest = 10,855 / (239,05 − 10,855) × 100 = 1085,5 / 228,195 = 4,75689651…
    greatest = F("10.855") / (F("239.05") - F("10.855")) * 100
    assert least == F("1084.5") / F("228.305") and greatest == F("1085.5") / F("228.195")
    assert span.exact and span.undefined is None
    assert (span.low, span.high) == (least, greatest)
    assert span.low_at == {"v": F("239.15"), "c": F("10.845")}
    assert span.high_at == {"v": F("239.05"), "c": F("10.855")}
    # shown outward to four decimals, as the issue prints it: [4,7502; 4,7569]
    assert (as_decimal(least, 4, "low"), as_decimal(greatest, 4, "high")) == (
        D("4.7502"),
        D("4.7569"),
    )


def test_vegetable_growth_printed_4_7_is_inconsistent_by_0_0002() -> None:
    _, _, growth = vegetables()
    decision = decide(growth, D("4.65"), D("4.75"))
    assert decision.verdict == "inconsistent" and decision.witness is None
    # the printed 4,7 reaches at most 4,75; the least growth is 1084,5 / 228,305:
    # 4,75 − 1084,5 / 228,305 = (4,75 × 228,305 − 1084,5) / 228,305
    #                         = (1084,44875 − 1084,5) / 228,305 = −0,05125 / 228,305
    assert decision.margin == F("-0.05125") / F("228.305")
    assert F("-0.0003") < decision.margin < F("-0.0002")


def test_vegetable_growth_printed_4_75_is_consistent_at_the_printed_figures() -> None:
    v, c, growth = vegetables()
    decision = decide(growth, D("4.745"), D("4.755"))
    assert_witness(decision, [v, c], growth_of, D("4.745"), D("4.755"))
    # at the printed figures, 10,85 / (239,1 − 10,85) = 10,85 / 228,25 = 4,7535…%, inside:
    # the witness is what was printed ("ví dụ nếu năm 2017 là 228,25 và mức tăng là 10,85")
    assert decision.witness == {"v": D("239.1"), "c": D("10.85")}


def test_a_leaf_used_twice_is_one_variable() -> None:
    v, c, growth = vegetables()
    # the same growth as value / previous − 1: v enters twice
    twice = v / (v - c) * 100 - 100
    # interval arithmetic takes the two v as independent: v − c ∈ [228,195; 228,305], so
    # [239,05 / 228,305; 239,15 / 228,195] × 100 − 100 = [4,7064…; 4,8008…], the wide range
    assert enclose(twice) == (
        F("239.05") / F("228.305") * 100 - 100,
        F("239.15") / F("228.195") * 100 - 100,
    )
    assert range_of(twice) == range_of(growth)
    assert leaves(twice) == (v, c)


# --- a made-up plan: value 1000,0, change 100,0


def test_made_up_growth_range_and_both_verdicts() -> None:
    v, c = printed("v", "1000.0"), printed("c", "100.0")
    growth = c / (v - c) * 100
    span = range_of(growth)
    # least = 99,95 / (1000,05 − 99,95) × 100 = 9995 / 900,1 = 11,104321…
    least = F("99.95") / (F("1000.05") - F("99.95")) * 100
    # greatest = 100,05 / (999,95 − 100,05) × 100 = 10005 / 899,9 = 11,117902…
    greatest = F("100.05") / (F("999.95") - F("100.05")) * 100
    assert span.exact and (span.low, span.high) == (least, greatest)
    # the issue's [11,1043; 11,1179] is the range to four decimals, half up
    assert (as_decimal(least, 4), as_decimal(greatest, 4)) == (D("11.1043"), D("11.1179"))

    missed = decide(growth, D("11.085"), D("11.095"))
    # printed 11,09: 11,095 − 9995 / 900,1 = (11,095 × 900,1 − 9995) / 900,1
    #              = (9901,1 + 85,5095 − 9995) / 900,1 = −8,3905 / 900,1 = −0,0093217…
    assert missed.verdict == "inconsistent"
    assert missed.margin == F("-8.3905") / F("900.1")

    met = decide(growth, D("11.105"), D("11.115"))
    # printed 11,11: 100 / 900 × 100 = 11,111…% at the printed figures, inside
    assert_witness(met, [v, c], growth_of, D("11.105"), D("11.115"))
    assert met.witness == {"v": D("1000.0"), "c": D("100.0")}
    # overlap at the nearer edge: min(11,115 − 11,104321…, 11,117902… − 11,105)
    assert met.margin == min(F("11.115") - least, greatest - F("11.105"))


def test_made_up_growth_needs_moved_figures_near_its_greatest() -> None:
    v, c = printed("v", "1000.0"), printed("c", "100.0")
    growth = c / (v - c) * 100
    # printed 11,117 → [11,1165; 11,1175]: above the 11,111…% of the printed figures, below
    # the greatest 11,117902…, so some figures must move toward (999,95; 100,05)
    decision = decide(growth, D("11.1165"), D("11.1175"))
    assert_witness(decision, [v, c], growth_of, D("11.1165"), D("11.1175"))
    assert decision.witness != {"v": D("1000.0"), "c": D("100.0")}


# --- loans_enterprise of the bundled plan: value 22.294, change 319, growth 1,45 %


def test_loans_growth_with_a_rounded_change() -> None:
    v, c = printed("v", "22294"), printed("c", "319")
    growth = c / (v - c) * 100
    span = range_of(growth)
    # least = 318,5 / (22294,5 − 318,5) × 100 = 318,5 / 21976 × 100 = 1,449308…
    least = F("318.5") / F(21976) * 100
    # greatest = 319,5 / (22293,5 − 319,5) × 100 = 319,5 / 21974 × 100 = 1,453991…
    greatest = F("319.5") / F(21974) * 100
    assert span.exact and (span.low, span.high) == (least, greatest)
    # the issue's [1,4493; 1,4540], inside today's wide [1,4447; 1,4586]
    assert (as_decimal(least, 4, "low"), as_decimal(greatest, 4, "high")) == (
        D("1.4493"),
        D("1.4540"),
    )
    decision = decide(growth, D("1.445"), D("1.455"))
    assert_witness(decision, [v, c], growth_of, D("1.445"), D("1.455"))
    # 319 / 21975 × 100 = 1,45165…% at the printed figures
    assert decision.witness == {"v": D("22294"), "c": D("319")}


def test_loans_growth_with_an_exact_change() -> None:
    v, c = printed("v", "22294"), Leaf.exact("c", D(319))
    growth = c / (v - c) * 100
    span = range_of(growth)
    # only the value moves: [319 / 21975,5; 319 / 21974,5] × 100 = [1,451616…; 1,451682…]
    assert span.exact
    assert (span.low, span.high) == (F(319) / F("21975.5") * 100, F(319) / F("21974.5") * 100)
    assert span.low_at == {"v": F("22294.5"), "c": F(319)}
    # printed 1,4517 → [1,45165; 1,45175]: above the printed figures' 1,451649…%
    decision = decide(growth, D("1.45165"), D("1.45175"))
    assert_witness(decision, [v, c], growth_of, D("1.45165"), D("1.45175"))
    assert decision.witness is not None and decision.witness["c"] == D(319)


# --- a chain of three: a part's value and share give the parent, whose change gives growth


def test_chain_part_share_parent_growth() -> None:
    part, share = printed("A", "22294"), printed("s", "27.76")
    parent = part / (share / 100)
    change = printed("d", "8570")
    # the change enters twice, as two Leaf objects with one key: one variable
    growth = change / (parent - printed("d", "8570")) * 100
    assert [leaf.key for leaf in leaves(growth)] == ["d", "A", "s"]
    span = range_of(growth)
    # growth rises with the change and falls with the parent; the parent rises with the part
    # and falls with the share. Greatest parent 22294,5 / 0,27755 = 80326,07…, least
    # 22293,5 / 0,27765 = 80293,53…
    greatest_parent = F("22294.5") / F("0.27755")
    least_parent = F("22293.5") / F("0.27765")
    # least = 8569,5 / (80326,07… − 8569,5) × 100 = 8569,5 / 71756,57… × 100 = 11,94246…
    least = F("8569.5") / (greatest_parent - F("8569.5")) * 100
    # greatest = 8570,5 / (80293,53… − 8570,5) × 100 = 8570,5 / 71723,03… × 100 = 11,94943…
    greatest = F("8570.5") / (least_parent - F("8570.5")) * 100
    assert span.exact and (span.low, span.high) == (least, greatest)
    assert (as_decimal(least, 4, "low"), as_decimal(greatest, 4, "high")) == (
        D("11.9424"),
        D("11.9495"),
    )

    def oracle(x: Mapping[str, Fraction]) -> Fraction:
        whole = x["A"] / (x["s"] / 100)
        return x["d"] / (whole - x["d"]) * 100

    # printed 11,95 → [11,945; 11,955] meets [11,94246…; 11,94943…]
    met = decide(growth, D("11.945"), D("11.955"))
    assert_witness(met, [change, part, share], oracle, D("11.945"), D("11.955"))
    # printed 11,96 → [11,955; 11,965] misses it by 11,955 − 11,94943… = 0,0055…
    missed = decide(growth, D("11.955"), D("11.965"))
    assert missed.verdict == "inconsistent"
    assert missed.margin == greatest - F("11.955")


def test_one_key_with_two_intervals_is_refused() -> None:
    d = printed("d", "8570")
    with pytest.raises(ValueError, match="two intervals"):
        leaves(d / (d - printed("d", "8570.0")))


# --- ties, one-sided figures, breakdowns


def test_a_range_ending_on_the_printed_edge_is_consistent() -> None:
    v, w = printed("v", "2"), printed("w", "1")
    ratio = v / w

    def oracle(x: Mapping[str, Fraction]) -> Fraction:
        return x["v"] / x["w"]

    # greatest ratio 2,5 / 0,5 = 5, at that corner only; least 1,5 / 1,5 = 1
    tie = decide(ratio, D(5), D(6))
    assert_witness(tie, [v, w], oracle, D(5), D(6))
    assert tie.witness == {"v": D("2.5"), "w": D("0.5")}
    assert tie.margin == 0  # min(6 − 1, 5 − 5)
    miss = decide(ratio, D("5.0001"), D(6))
    assert miss.verdict == "inconsistent" and miss.margin == F("-0.0001")  # 5 − 5,0001
    # one-sided: "dưới 1" meets the least 1 exactly, "dưới 0,99" misses it by 0,01
    below = decide(ratio, None, D(1))
    assert_witness(below, [v, w], oracle, None, D(1))
    assert below.margin == 0
    assert decide(ratio, None, D("0.99")).margin == F("-0.01")
    above = decide(ratio, D(4), None)
    assert_witness(above, [v, w], oracle, D(4), None)
    assert above.margin == 1  # 5 − 4
    assert decide(ratio, None, None).margin is None


def test_a_breakdown_sums_its_parts() -> None:
    parts = [printed("a", "12.5"), printed("b", "7.25"), Leaf.exact("c", D(3))]
    total = Sum(tuple(parts))
    span = range_of(total)
    # [12,45 + 7,245 + 3; 12,55 + 7,255 + 3] = [22,695; 22,805]
    assert span.exact and (span.low, span.high) == (F("22.695"), F("22.805"))

    def oracle(x: Mapping[str, Fraction]) -> Fraction:
        return x["a"] + x["b"] + x["c"]

    # a whole printed 22,8 → [22,75; 22,85]: the printed parts add up to 22,75, its edge
    assert_witness(decide(total, D("22.75"), D("22.85")), parts, oracle, D("22.75"), D("22.85"))
    assert decide(total, D("22.81"), D("22.9")).margin == F("-0.005")  # 22,805 − 22,81


# --- divisors that may be zero, functions that are not monotone


def test_a_divisor_spanning_zero_is_a_reason_not_an_error() -> None:
    a, b = printed("a", "1"), printed("b", "1")
    steep = 1 / (a - b)

    def oracle(x: Mapping[str, Fraction]) -> Fraction:
        return 1 / (x["a"] - x["b"])

    assert enclose(steep) is None  # a − b ∈ [−1; 1]
    span = range_of(steep)
    assert not span.exact and span.undefined == "divisor_may_be_zero"
    assert span.outer_low is None and span.outer_high is None
    with pytest.raises(ZeroDivisionError):
        evaluate(steep)  # at the printed figures, a − b = 0
    # 1 / (a − b) = 2 at a − b = 0,5, e.g. a = 1,5 and b = 1: found by halving the box
    assert_witness(decide(steep, D("1.5"), D("2.5")), [a, b], oracle, D("1.5"), D("2.5"))
    # |a − b| ≤ 1 makes |1 / (a − b)| ≥ 1, so 0,5 is truly impossible; but every box around
    # a = b may divide by zero, so the solver says so instead of guessing
    undecided = decide(steep, D("0.45"), D("0.55"))
    assert (undecided.verdict, undecided.reason) == ("undecided", "divisor_may_be_zero")
    assert undecided.witness is None and undecided.margin is None


def test_a_divisor_that_only_seems_to_reach_zero_is_settled_by_halving() -> None:
    y = Leaf("y", D(1), D(2), D("1.5"))
    half_of_y = y - y / 2
    # interval arithmetic: y − y / 2 ∈ [1 − 1; 2 − 1/2] = [0; 3/2], which contains zero
    assert enclose(half_of_y) == (F(0), F(3, 2))
    # but y − y / 2 = y / 2 ∈ [1/2; 1], so 1 / (y − y / 2) = 2 / y ∈ [1; 2] exactly
    span = range_of(1 / half_of_y)
    assert span.exact and (span.low, span.high) == (F(1), F(2))
    assert span.low_at == {"y": F(2)} and span.high_at == {"y": F(1)}


def test_an_exact_zero_divisor() -> None:
    zero = Leaf.exact("e", D(0))
    with pytest.raises(ZeroDivisionError):
        evaluate(1 / zero)
    decision = decide(1 / zero, None, None)
    assert (decision.verdict, decision.reason) == ("undecided", "divisor_may_be_zero")
    assert decision.range.low is None and decision.range.high is None


def test_a_maximum_inside_the_box_is_found_by_halving() -> None:
    x = Leaf("x", D(0), D(1), D("0.3"))
    hump = x * (1 - x)
    # x (1 − x) has derivative 1 − 2x, zero at 1/2: the maximum 1/2 × 1/2 = 1/4, inside;
    # the least is 0, at both ends. Halving [0; 1] at 1/2 proves it exactly
    span = range_of(hump)
    assert span.exact and (span.low, span.high) == (F(0), F(1, 4))
    assert span.high_at == {"x": F(1, 2)}


def test_a_maximum_off_the_halving_grid_gets_tight_bounds_and_no_guess() -> None:
    x = Leaf("x", D(0), D("0.9"), D("0.3"))
    hump = x * (1 - x)
    span = range_of(hump)
    # the maximum 1/4 at x = 1/2 = 0,9 × 5/9 is never a point 0,9 × k / 2^m of the halving:
    # the inner bound stays below it and the outer above, both within 10^-20
    assert span.high is not None and span.outer_high is not None
    assert span.high < F(1, 4) <= span.outer_high
    assert span.outer_high - span.high < F(1, 10**20)
    assert span.low == span.outer_low == 0  # x = 0
    # printed 0,25 with two decimals → [0,245; 0,255]: consistent, e.g. x = 0,5
    rounded = decide(hump, D("0.245"), D("0.255"))
    assert_witness(rounded, [x], lambda v: v["x"] * (1 - v["x"]), D("0.245"), D("0.255"))
    assert rounded.witness == {"x": D("0.5")}
    # printed exactly 1/4: true (at x = 1/2) but never reached at a point the search tries,
    # and never excluded: undecided, not a guess either way
    exact = decide(hump, D("0.25"), D("0.25"))
    assert (exact.verdict, exact.reason) == ("undecided", "budget_spent")


# --- the building blocks


def test_evaluate_takes_printed_points_for_missing_leaves() -> None:
    *_, growth = vegetables()
    # 10,85 / (239,1 − 10,85) × 100 = 1085 / 228,25
    assert evaluate(growth) == F(1085) / F("228.25")
    # Decimal and Fraction values both; v = 240 → 10,85 / 229,15 × 100
    assert evaluate(growth, {"v": D(240)}) == F(1085) / F("229.15")
    assert evaluate(growth, {"v": F(240), "c": F(10)}) == F(1000) / F(230)


def test_derivative_is_symbolic() -> None:
    *_, growth = vegetables()
    # ∂/∂v of 100 c / (v − c) = −100 c / (v − c)²; at the printed figures −1085 / 228,25²
    assert evaluate(derivative(growth, "v")) == F(-1085) / F("228.25") ** 2
    # ∂/∂c = 100 v / (v − c)²: 23910 / 228,25²
    assert evaluate(derivative(growth, "c")) == F(23910) / F("228.25") ** 2
    x = printed("x", "3")
    assert evaluate(derivative(x * x, "x")) == 6  # 2x at 3
    assert derivative(x * x, "nobody") == Const(D(0))


def test_enclose_over_a_smaller_box() -> None:
    *_, growth = vegetables()
    # c fixed at 10,85, v ∈ [239; 240]: 1085 / [229,15; 228,15]
    assert enclose(growth, {"c": (F("10.85"), F("10.85")), "v": (F(239), F(240))}) == (
        F(1085) / F("229.15"),
        F(1085) / F("228.15"),
    )


def test_as_decimal_rounds_outward_or_half_up() -> None:
    third = F(1, 3)
    assert [as_decimal(third, 2, side) for side in ("low", "high", "point")] == [
        D("0.33"),
        D("0.34"),
        D("0.33"),
    ]
    assert [as_decimal(-third, 2, side) for side in ("low", "high", "point")] == [
        D("-0.34"),
        D("-0.33"),
        D("-0.33"),
    ]
    # 1/8 = 0,125: half up away from zero → 0,13 and −0,13
    assert (as_decimal(F(1, 8), 2), as_decimal(F(-1, 8), 2)) == (D("0.13"), D("-0.13"))
    assert str(as_decimal(F(1, 4), 3)) == "0.250"
    assert str(as_decimal(F(5), 0)) == "5"


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="not in"):
        Leaf("x", D(1), D(2), D(3))
    x = printed("x", "1")
    with pytest.raises(ValueError, match="empty"):
        decide(x, D(2), D(1))
    with pytest.raises(ValueError, match="budget"):
        range_of(x, budget=0)


# --- properties


def round_half_up(value: Fraction, places: int) -> Decimal:
    """The value to ``places`` decimals, half up, computed here without the module."""
    digits = math.floor(abs(value) * 10**places + F(1, 2)) * (1 if value >= 0 else -1)
    return D(f"{digits}E-{places}")


def around(value: Decimal, places: int) -> tuple[Decimal, Decimal]:
    """The interval of a figure printed with ``places`` decimals: ± half a unit."""
    half = D(f"5E-{places + 1}")
    return value - half, value + half


@st.composite
def true_figures(draw: st.DrawFn) -> list[tuple[Leaf, Fraction]]:
    """Leaves made by rounding exact true values (in [1; 1000]), each with its true value."""
    figures: list[tuple[Leaf, Fraction]] = []
    for index in range(draw(st.integers(1, 4))):
        denominator = draw(st.integers(1, 1000))
        true = F(draw(st.integers(denominator, 1000 * denominator)), denominator)
        places = draw(st.integers(0, 5))
        if places == 5:  # an exact figure: its true value is what is printed
            exact = round_half_up(true, 3)
            figures.append((Leaf.exact(f"x{index}", exact), F(exact)))
            continue
        shown = round_half_up(true, places)
        low, high = around(shown, places)
        figures.append((Leaf(f"x{index}", low, high, shown), true))
    return figures


@st.composite
def formulas(
    draw: st.DrawFn, pool: Sequence[Leaf], depth: int, positive: bool
) -> tuple[Expr, Oracle]:
    """A random formula over the pool (leaves may repeat), with the same formula on Fractions.

    ``positive``: no subtraction, so a divisor stays above zero over the whole box.
    """
    if depth == 0 or draw(st.integers(0, 2)) == 0:
        choice = draw(st.integers(0, len(pool)))
        if choice == len(pool):
            number = D(draw(st.integers(1, 200)))
            return Const(number), lambda x: F(number)
        key = str(pool[choice].key)
        return pool[choice], lambda x: x[key]
    op = draw(st.sampled_from("+*/" if positive else "+-*/"))
    left, left_of = draw(formulas(pool, depth - 1, positive))
    right, right_of = draw(formulas(pool, depth - 1, positive or op == "/"))
    if op == "+":
        return left + right, lambda x: left_of(x) + right_of(x)
    if op == "-":
        return left - right, lambda x: left_of(x) - right_of(x)
    if op == "*":
        return left * right, lambda x: left_of(x) * right_of(x)
    return left / right, lambda x: left_of(x) / right_of(x)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_figures_rounded_from_true_values_are_always_consistent(data: st.DataObject) -> None:
    figures = data.draw(true_figures())
    pool = [leaf for leaf, _ in figures]
    expr, oracle = data.draw(formulas(pool, 3, positive=False))
    true_value = oracle({str(leaf.key): true for leaf, true in figures})
    places = data.draw(st.integers(0, 6))
    low, high = around(round_half_up(true_value, places), places)
    decision = decide(expr, low, high)
    used = leaves(expr)
    assert_witness(decision, used, oracle, low, high)


@st.composite
def each_once(draw: st.DrawFn) -> tuple[list[Leaf], Expr, Oracle]:
    """A formula using each of its leaves once, no subtraction under a divisor."""
    pool = [leaf for leaf, _ in draw(true_figures())]

    def build(part: Sequence[Leaf], positive: bool) -> tuple[Expr, Oracle]:
        if len(part) == 1:
            key = str(part[0].key)
            return part[0], lambda x: x[key]
        cut = draw(st.integers(1, len(part) - 1))
        op = draw(st.sampled_from("+*/" if positive else "+-*/"))
        left, left_of = build(part[:cut], positive)
        right, right_of = build(part[cut:], positive or op == "/")
        if op == "+":
            return left + right, lambda x: left_of(x) + right_of(x)
        if op == "-":
            return left - right, lambda x: left_of(x) - right_of(x)
        if op == "*":
            return left * right, lambda x: left_of(x) * right_of(x)
        return left / right, lambda x: left_of(x) / right_of(x)

    expr, oracle = build(pool, positive=False)
    return pool, expr, oracle


@settings(max_examples=150, deadline=None)
@given(each_once())
def test_range_is_the_brute_force_range_over_the_corners(
    case: tuple[list[Leaf], Expr, Oracle],
) -> None:
    pool, expr, oracle = case
    # each leaf once and no pole: the formula is monotone in each leaf separately, so its
    # extremes over the box are among the 2^k corners
    corners = [
        dict(zip([str(leaf.key) for leaf in pool], corner, strict=True))
        for corner in product(*[finite(leaf) for leaf in pool])
    ]
    values = [oracle(corner) for corner in corners]
    least, greatest = min(values), max(values)
    span = range_of(expr)
    assert span.exact and (span.low, span.high) == (least, greatest)
    assert oracle({str(k): v for k, v in span.low_at.items()}) == least
    assert oracle({str(k): v for k, v in span.high_at.items()}) == greatest
    # the first six-decimal figure above the greatest, and the last below the least
    above = D(f"{math.floor(greatest * 10**6) + 1}E-6")
    below = D(f"{math.ceil(least * 10**6) - 1}E-6")
    unit = D("1E-6")
    over = decide(expr, above, above + unit)
    assert over.verdict == "inconsistent" and over.margin == greatest - F(above)
    under = decide(expr, below - unit, below)
    assert under.verdict == "inconsistent" and under.margin == F(below) - least


@pytest.mark.parametrize(
    ("value", "decimals"),
    [
        (Fraction(7), 0),
        (Fraction(25, 2), 1),  # 12,5
        (Fraction(1, 20), 2),  # 0,05: 20 = 2² × 5
        (Fraction(1, 8), 3),  # 0,125
        (Fraction(-3, 16), 4),  # −0,1875
        (Fraction(1, 3), None),  # 0,333… never ends
        (Fraction(1, 30), None),  # a factor 3 beside 2 and 5
    ],
)
def test_the_decimals_of_an_exact_number(value: Fraction, decimals: int | None) -> None:
    assert exact_decimals(value) == decimals
