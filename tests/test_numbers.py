from __future__ import annotations

from decimal import Context, Decimal, localcontext

import pytest
from babel.numbers import parse_decimal
from hypothesis import assume, given
from hypothesis import strategies as st

from plan_kpi.core import numbers as n
from plan_kpi.core.intervals import Interval
from plan_kpi.say.display import format_number, format_pct


@pytest.mark.parametrize(
    ("text", "locale", "value", "places"),
    [
        ("61.005", "vi", "61005", 0),
        ("92,19", "vi", "92.19", 2),
        ("2.952,1", "vi", "2952.1", 1),
        ("65.000", "vi", "65000", 0),
        ("-1,1", "vi", "-1.1", 1),
        ("+2,53", "vi", "2.53", 2),
        ("05", "vi", "5", 0),
        ("0,50", "vi", "0.50", 2),
        ("61,005", "en", "61005", 0),
        ("86.73", "en", "86.73", 2),
        ("2,248,512,000", "en", "2248512000", 0),
        ("123456789012345678901234567890", "en", "123456789012345678901234567890", 0),
        # found by tests/test_fuzz_loader.py: the sign was applied at 28 digits, giving -1E+28
        ("-10000000000000000000000000001", "vi", "-10000000000000000000000000001", 0),
        (
            "123.456.789.012.345.678.901.234.567.890,123456789",
            "vi",
            "123456789012345678901234567890.123456789",
            9,
        ),
    ],
)
def test_figures_are_read_from_their_text(
    text: str, locale: n.Locale, value: str, places: int
) -> None:
    read = n.parse_figure(text, locale)
    assert read == Decimal(value)
    assert n.decimals(read) == places


@pytest.mark.parametrize(
    ("text", "locale", "says"),
    [
        ("9.2", "vi", "'9,2'"),
        ("12.34,5", "vi", "in threes"),
        ("1,5", "en", "in threes"),
        ("NaN", "en", "not a figure"),
        ("Infinity", "vi", "not a figure"),
        ("-.inf", "en", "not a figure"),
        ("1e5", "en", "exponent"),
        ("1,5E-3", "vi", "exponent"),
        ("abc", "vi", "not a number"),
        ("", "vi", "empty"),
        ("1" * 31, "en", "31 digits"),
        ("0,0000000001", "vi", "10 decimals"),
        ("1 000", "en", "not a number"),
        ("0.", "en", "ends with '.'"),  # found by the fuzz test: read as 0
        ("61.005,", "vi", "ends with ','"),
    ],
)
def test_ill_formed_figures_are_refused_with_a_hint(text: str, locale: n.Locale, says: str) -> None:
    with pytest.raises(n.NumberError, match=says):
        n.parse_figure(text, locale)


def test_printed_precision_is_half_a_unit_of_the_last_digit() -> None:
    assert Interval.printed(Decimal("92.19")) == Interval(Decimal("92.185"), Decimal("92.195"))
    assert Interval.printed(Decimal("2952.1")) == Interval(Decimal("2952.05"), Decimal("2952.15"))
    assert Interval.printed(Decimal("99")) == Interval(Decimal("98.5"), Decimal("99.5"))


def test_display_rounding_is_half_up() -> None:
    assert n.round_half_up(Decimal("0.125"), 2) == Decimal("0.13")
    assert n.round_half_up(Decimal("-7.815"), 2) == Decimal("-7.82")
    assert format_number(Decimal("2.5"), 0, "en") == "3"
    assert format_number(Decimal("85.965"), 2, "vi") == "85,97"


def test_locale_formatting() -> None:
    assert format_number(Decimal("61005"), 0, "vi") == "61.005"
    assert format_number(Decimal("61005"), 0, "en") == "61,005"
    assert format_number(Decimal("2952.1"), 1, "vi") == "2.952,1"
    assert format_number(Decimal("2952.1"), 1, "en") == "2,952.1"


decimals_st = st.decimals(
    min_value=Decimal("-1e15"),
    max_value=Decimal("1e15"),
    places=3,
    allow_nan=False,
    allow_infinity=False,
)


@given(decimals_st, st.integers(min_value=0, max_value=4), st.sampled_from(["vi", "en"]))
def test_format_then_parse_gives_the_same_decimal(
    value: Decimal, places: int, locale: n.Locale
) -> None:
    """Numbers and percentages as shown read back, by Babel and by us, as the rounded Decimal."""
    text = format_number(value, places, locale)
    expected = n.round_half_up(value, places)
    assert n.parse_figure(text, locale) == expected
    assert parse_decimal(text, locale=locale, strict=True) == expected
    assert n.decimals(parse_decimal(text, locale=locale, strict=True)) == places
    if expected == 0:
        assert not text.startswith("-")  # 0,00, never -0,00
    percent = format_pct(value, places, locale)
    sign = " %" if locale == "vi" else "%"
    assert percent.endswith(sign)
    assert parse_decimal(percent.removesuffix(sign), locale=locale, strict=True) == expected


def exact_product(a: Decimal, b: Decimal) -> Decimal:
    with localcontext(Context(prec=100)):
        return a * b


@given(decimals_st, decimals_st, decimals_st, decimals_st)
def test_interval_products_contain_every_product_of_members(
    a: Decimal, b: Decimal, c: Decimal, d: Decimal
) -> None:
    x = Interval(min(a, b), max(a, b))
    y = Interval(min(c, d), max(c, d))
    product = x * y
    assert product.low is not None and product.high is not None
    for p in (a, b):
        for q in (c, d):
            assert product.low <= exact_product(p, q) <= product.high
    if not y.contains_zero():
        quotient = x / y
        assert quotient.low is not None and quotient.high is not None
        for p in (a, b):
            for q in (c, d):
                assert quotient.low <= n.div(p, q) <= quotient.high


def test_power_and_root_at_working_precision() -> None:
    tiny = Decimal("1e-38")
    assert abs(n.root(Decimal("1.21"), Decimal(2)) - Decimal("1.1")) < tiny
    assert abs(n.root(Decimal("1.4641"), Decimal(4)) - Decimal("1.1")) < tiny
    # 2^(1/2) squared is 2, to 40 digits
    assert (
        abs(n.mul(n.power(Decimal(2), Decimal("0.5")), n.power(Decimal(2), Decimal("0.5"))) - 2)
        < tiny
    )
    # a whole exponent multiplies exactly
    assert n.power(Decimal("1.00125"), Decimal(1)) == Decimal("1.00125")
    assert n.power(Decimal("1.1"), Decimal(2)) == Decimal("1.21")
    # (1 + r)^2 = 1.21 → r = 10 %
    assert abs(n.compound_rate(Decimal("1.21"), Decimal(2)) - Decimal("0.1")) < tiny
    with pytest.raises(ValueError, match="positive"):
        n.power(Decimal(0), Decimal("0.5"))
    with pytest.raises(ValueError, match="positive"):
        n.power(Decimal(-4), Decimal("0.5"))


positive_st = st.decimals(
    min_value=Decimal("0.001"),
    max_value=Decimal("1e12"),
    places=3,
    allow_nan=False,
    allow_infinity=False,
)


@given(positive_st, positive_st, st.integers(min_value=1, max_value=600))
def test_projecting_at_the_observed_rate_reproduces_the_latest_value(
    base: Decimal, latest: Decimal, months: int
) -> None:
    """base × (1 + CAGR)^years = latest, within a relative 1e-30 at 40 digits.

    For yearly factors a plan can show (−99 % to +9 900 % a year): a fall to a
    1e-40th in a month leaves 1 + CAGR with too few digits for any tolerance.
    """
    years = n.div(Decimal(months), Decimal(12))
    rate = n.compound_rate(n.div(latest, base), years)
    assume(Decimal("0.01") <= n.add(n.ONE, rate) <= Decimal(100))
    projected = n.mul(base, n.power(n.add(n.ONE, rate), years))
    assert abs(n.div(projected, latest) - n.ONE) < Decimal("1e-30")


def test_the_longest_figure_is_displayed_digit_for_digit() -> None:
    # 39 digits: more than the 28 of Python's default decimal context, which Babel would use
    value = Decimal("123456789012345678901234567890.123456789")
    assert format_number(value, 9, "vi") == "123.456.789.012.345.678.901.234.567.890,123456789"
    assert format_number(value, 9, "en") == "123,456,789,012,345,678,901,234,567,890.123456789"


_bound = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(10**9), places=3)


@given(_bound, _bound, _bound, _bound)
def test_positive_division_is_the_general_one(
    a: Decimal, b: Decimal, c: Decimal, d: Decimal
) -> None:
    """The shortcut for positive intervals gives the bounds the eight-candidate division gives."""
    x, y = Interval(min(a, b), max(a, b)), Interval(min(c, d), max(c, d))
    pairs = [(p, q) for p in (min(a, b), max(a, b)) for q in (min(c, d), max(c, d))]
    low = min(n.div(p, q, n.DOWN) for p, q in pairs)
    high = max(n.div(p, q, n.UP) for p, q in pairs)
    result = x / y
    assert result.low is not None and result.high is not None
    assert (result.low.as_tuple(), result.high.as_tuple()) == (low.as_tuple(), high.as_tuple())


@given(
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**20), max_value=10**20),
    st.integers(0, 4),
    st.sampled_from(n.LOCALES),
)
def test_figures_are_written_as_babel_writes_them(
    value: Decimal, places: int, lang: n.Locale
) -> None:
    """format_number is Babel's format_decimal after half-up rounding (no "-0")."""
    from babel.numbers import format_decimal

    rounded = n.round_half_up(value, places)
    rounded = abs(rounded) if rounded == 0 else rounded  # format_number writes no "-0"
    pattern = "#,##0" + ("." + "0" * places if places > 0 else "")
    babel_locale = {"vi": "vi_VN", "en": "en_US"}[lang]
    with localcontext(Context(prec=60)):
        expected = format_decimal(
            rounded, format=pattern, locale=babel_locale, decimal_quantization=True
        )
    assert format_number(value, places, lang) == expected


def test_the_number_symbols_figures_are_written_with_are_babels() -> None:
    """say.display writes figures with its own copy of CLDR's number symbols (Babel's locale
    data costs a command 17 ms to load): the copy is Babel's, symbol for symbol."""
    from babel import Locale as BabelLocale

    from plan_kpi.say.display import NUMBER_SYMBOLS

    names: dict[n.Locale, str] = {"vi": "vi_VN", "en": "en_US"}
    for lang, name in names.items():
        babel_locale = BabelLocale.parse(name)
        assert babel_locale.default_numbering_system == "latn"
        assert NUMBER_SYMBOLS[lang] == dict(babel_locale.number_symbols["latn"])


def test_a_long_figure_with_a_misplaced_mark_is_an_error_not_a_crash() -> None:
    # Found by tests/test_fuzz_loader.py: Babel's second reading ('.' as the decimal mark)
    # needed more digits than the figure has, and raised decimal.InvalidOperation
    with pytest.raises(n.NumberError, match="well-formed"):
        n.parse_figure("1000000000123123.0000000000000000000000", "vi")


def test_figures_beyond_the_working_precision_are_rounded_and_shown_whole() -> None:
    # 10^30 / 10^-11 = 10^41 has 42 digits, more than the 40 of the working precision
    huge = n.div(Decimal("1" + "0" * 30), Decimal("1e-11"))
    assert n.round_half_up(huge, 1) == Decimal("1" + "0" * 41 + ".0")
    low, high = n.round_outward(huge, n.add(huge, Decimal("1e4")), 2)
    assert (low, high) == (Decimal("1" + "0" * 41 + ".00"), Decimal("1" + "0" * 36 + "10000.00"))
    # 1.5 × 10^50 to no decimals: 15 and fifty zeros less one, grouped in threes
    assert format_number(Decimal("1.5e50"), 0, "en") == "150" + ",000" * 16


@pytest.mark.parametrize(
    ("low", "high", "places", "expected"),
    [
        # ± 451,4: a unit of a thousand is the first at least that wide → 7.829.000
        ("7828442.9", "7829345.7", 1, -3),
        # ± 1: units; 21.980 (tens) would lie outside [21.974; 21.976]
        ("21974.0", "21976.0", 1, 0),
        # ± 3,65: tens (66.170)
        ("66169.5", "66176.8", 1, -1),
        # ± 0,05: one decimal, as computed
        ("66173.05", "66173.15", 1, 1),
        # narrower than the places computed: never more decimals than those
        ("1.0001", "1.0002", 2, 2),
        # exact: as computed
        ("5", "5", 1, 1),
        # ± exactly 10: tens (one unit of the last digit, no more)
        ("90", "110", 0, -1),
    ],
)
def test_a_derived_figure_is_shown_to_the_digits_its_interval_supports(
    low: str, high: str, places: int, expected: int
) -> None:
    assert n.supported_places(Decimal(low), Decimal(high), places) == expected
