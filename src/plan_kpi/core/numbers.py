"""Every Decimal of plan-kpi passes through here: parsing, precision, rounding.

A figure is read from the characters the user typed, in the locale of the file,
never through a float. Its printed precision (how many decimals it was written
with) decides the interval it stands for.
"""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal, localcontext
from functools import cache
from typing import TYPE_CHECKING, Literal, NoReturn

if TYPE_CHECKING:
    from babel import Locale as BabelLocale

    from plan_kpi.core.reader import FigureReader

from plan_kpi.core.locales import LOCALES, Locale
from plan_kpi.core.messages import N_, Message, OneOf, one_of
from plan_kpi.core.quotes import quoted

__all__ = ["LOCALES", "Locale"]

#: Working precision of every computation: far beyond any printed figure.
PRECISION = 40
HUNDRED = Decimal(100)
ONE = Decimal(1)
ZERO = Decimal(0)

#: The longest figure read: 30 digits before the decimal mark and 9 after, so that sums and
#: differences of figures stay exact at the working precision (PRECISION digits).
MAX_WHOLE_DIGITS = 30
MAX_DECIMALS = 9
#: The most characters a figure may be written with (signs, marks and spaces included): a
#: longer one is refused before it is read (a million grouped digits would overflow).
MAX_FIGURE_CHARS = 100

_NUMBER_CHARS = re.compile(r"[+-]?[0-9][0-9.,]*")
_EXPONENT = re.compile(r"[+-]?[0-9][0-9.,]*[eE][+-]?[0-9]+")
_NOT_FINITE = {"nan", "inf", "infinity", ".nan", ".inf"}
_SEPARATORS = {"vi": (".", ","), "en": (",", ".")}


class NumberError(ValueError):
    """A figure that cannot be read; its message says how to write it."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(str(message))


def parse_figure(text: str, locale: Locale) -> Decimal:
    """Read a figure as written in a file of the given locale.

    The returned Decimal keeps the printed decimals (``"92,19"`` has exponent
    -2, ``"2.952,1"`` exponent -1), which is the figure's precision.
    """
    value = figure_reader(locale).read(text)  # the usual figure, without Babel
    if value is not None:
        return value
    return parse_with_babel(text, locale)


def parse_with_babel(text: str, locale: Locale) -> Decimal:
    """``parse_figure`` by Babel's strict ``parse_decimal`` alone: for a figure outside the
    grammar of ``figure_reader``, and the answers that reader is held to."""
    written = text.strip()
    shown = quoted(written, strict=True)
    group, decimal_mark = _SEPARATORS[locale]
    if len(written) > MAX_FIGURE_CHARS:
        raise NumberError(
            N_(
                "{figure} is longer than the {limit} characters a figure may have (at most "
                "{whole} digits before the decimal mark and {decimals} after it) — write the "
                "figure the report printed, in a larger unit if it is that long",
                figure=shown,
                limit=MAX_FIGURE_CHARS,
                whole=MAX_WHOLE_DIGITS,
                decimals=MAX_DECIMALS,
            )
        )
    if not _NUMBER_CHARS.fullmatch(written):  # digits and marks only: the usual figure
        _refuse_characters(shown, written, locale)
    if written.endswith((group, decimal_mark)):
        raise NumberError(
            N_(
                "{figure} ends with {mark!r} — write the digits after it, or remove it",
                figure=shown,
                mark=written[-1],
            )
        )
    sign = ""
    if written[0] in "+-":
        sign, written = written[0], written[1:]
    from babel.numbers import NumberFormatError, parse_decimal  # the unusual figure only

    try:
        # Babel checks a grouped figure by formatting it again, and a misplaced mark by
        # formatting the other reading too: give it room for every digit, twice
        with localcontext(_parse_context(max(PRECISION, 2 * len(written)))):
            value = parse_decimal(written, locale=_babel_locale(locale), strict=True)
    except NumberFormatError as err:
        # only what would be accepted: Babel may offer a reading this locale refuses
        suggestions = [s for s in (err.suggestions or []) if s and _reads(s, locale)]
        hint = (
            N_("did you mean {names}?", names=one_of(suggestions))
            if suggestions
            else N_("write it like {example}", example=_example(locale))
        )
        raise NumberError(
            N_(
                "{figure} is not a well-formed number in a {locale!r} file, where {group!r} "
                "groups thousands in threes and {decimal!r} marks decimals — {hint}",
                figure=shown,
                locale=locale,
                group=group,
                decimal=decimal_mark,
                hint=hint,
            )
        ) from None
    whole = value.adjusted() + 1 if value else 0
    places = decimals(value)
    if whole > MAX_WHOLE_DIGITS:
        raise NumberError(
            N_(
                "{figure} has {count} digits before the decimal mark, more than the {limit} "
                "plan-kpi reads — write it in a larger unit (tỷ đồng instead of đồng)",
                figure=shown,
                count=whole,
                limit=MAX_WHOLE_DIGITS,
            )
        )
    if places > MAX_DECIMALS:
        raise NumberError(
            N_(
                "{figure} has {count} decimals, more than the {limit} plan-kpi reads — write "
                "it as the report printed it, or in a smaller unit",
                figure=shown,
                count=places,
                limit=MAX_DECIMALS,
            )
        )
    return value.copy_negate() if sign == "-" else value


def _refuse_characters(shown: str | Message, written: str, locale: Locale) -> NoReturn:
    """Why a figure with characters other than digits, marks and a sign cannot be read;
    ``shown`` is the figure as a message quotes it."""
    group, decimal_mark = _SEPARATORS[locale]
    example = _example(locale)
    if not written:
        raise NumberError(N_("the figure is empty — write it, e.g. {example}", example=example))
    if written.lstrip("+-").lower() in _NOT_FINITE:
        raise NumberError(
            N_(
                "{figure} is not a figure — write the number the report printed, or leave the "
                "key out when it printed none",
                figure=shown,
            )
        )
    if _EXPONENT.fullmatch(written):
        raise NumberError(
            N_(
                "{figure} is written with an exponent — write all the digits, e.g. {example}",
                figure=shown,
                example=example,
            )
        )
    if written.endswith("%") and _NUMBER_CHARS.fullmatch(written[:-1].rstrip()):
        raise NumberError(
            N_(
                "{figure} ends with '%', which only a percentage may (growth_pct, "
                "pct_of_previous, pct_of_target, share_pct) — write the number alone",
                figure=shown,
            )
        )
    raise NumberError(
        N_(
            "{figure} is not a number — write digits with {group!r} between thousands and "
            "{decimal!r} before decimals, e.g. {example}",
            figure=shown,
            group=group,
            decimal=decimal_mark,
            example=example,
        )
    )


def _reads(text: str, locale: Locale) -> bool:
    try:
        parse_figure(text, locale)
    except NumberError:
        return False
    return True


@cache
def _parse_context(precision: int) -> Context:
    """The context Babel reads a figure in (entered as a copy, so shared safely)."""
    return Context(prec=precision)


@cache
def _babel_locale(locale: Locale) -> BabelLocale:
    """Babel's locale object, made once: given a name, Babel looks it up again for each
    symbol of each figure it reads."""
    from babel import Locale as BabelLocale

    return BabelLocale.parse(locale)


@cache
def figure_reader(locale: Locale) -> FigureReader:
    """The reader parse_figure tries first: the locale's marks, the figure's limits."""
    from plan_kpi.core.reader import FigureReader

    group, decimal_mark = _SEPARATORS[locale]
    return FigureReader(group, decimal_mark, MAX_WHOLE_DIGITS, MAX_DECIMALS)


def _example(locale: Locale) -> OneOf:
    return one_of(["61.005", "92,19"] if locale == "vi" else ["61,005", "92.19"])


def decimals(value: Decimal) -> int:
    """How many decimals the figure was printed with (0 for whole numbers)."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int), "figures are finite"
    return max(0, -exponent)


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of the figure's last printed digit: 92.19 -> 0.005, 99 -> 0.5."""
    return _half_unit(decimals(value))


@cache
def _half_unit(places: int) -> Decimal:
    return Decimal(5).scaleb(-places - 1)


def context(rounding: str = ROUND_HALF_UP) -> Context:
    """The arithmetic context: wide precision, the given rounding."""
    return Context(prec=PRECISION, rounding=rounding)


DOWN = ROUND_FLOOR
UP = ROUND_CEILING

#: One context per rounding, used through its methods (ctx.divide(a, b) is a / b in that
#: context): entering a fresh local context for every operation was most of the time the
#: engine spent on arithmetic. Only their flags ever change, and no flag is trapped that
#: the arithmetic would not raise anyway.
_CONTEXTS = {rounding: context(rounding) for rounding in (ROUND_HALF_UP, DOWN, UP)}
_HALF_UP = _CONTEXTS[ROUND_HALF_UP]


def div(a: Decimal, b: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """a / b at working precision."""
    return _CONTEXTS[rounding].divide(a, b)


def mul(a: Decimal, b: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """a × b at working precision."""
    return _CONTEXTS[rounding].multiply(a, b)


def add(a: Decimal, b: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """a + b at working precision."""
    return _CONTEXTS[rounding].add(a, b)


def sub(a: Decimal, b: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """a − b at working precision."""
    return _CONTEXTS[rounding].subtract(a, b)


def wide_context(value: Decimal, places: int) -> Context:
    """The arithmetic context, wide enough to write the value out to the given decimals.

    A derived figure may have more digits before the decimal mark than the
    working precision (a 30-digit value over 0,000000001 %): written out in
    full, it must not overflow the context.
    """
    digits = value.adjusted() + 1 + places if value else places
    return Context(prec=max(PRECISION, digits + 1), rounding=ROUND_HALF_UP)


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round for display: half away from zero, to the given decimals."""
    return _round(value, places, ROUND_HALF_UP)


def round_outward(low: Decimal, high: Decimal, places: int) -> tuple[Decimal, Decimal]:
    """An interval's bounds to the given decimals, low down and high up: never tighter."""
    return _round(low, places, DOWN), _round(high, places, UP)


def _round(value: Decimal, places: int, rounding: str) -> Decimal:
    digits = value.adjusted() + 1 + places if value else places
    # the shared context when the rounded figure fits it, a wider one when it does not
    ctx = _CONTEXTS[rounding] if digits < PRECISION else wide_context(value, places)
    return value.quantize(Decimal(1).scaleb(-places), rounding=rounding, context=ctx)


def supported_places(low: Decimal, high: Decimal, places: int) -> int:
    """The decimals a figure known only to lie in [low, high] can be shown with.

    The figure is uncertain by at most one unit of its last digit: that unit
    is at least the interval's half-width. 7.828.894,3 known to [7.828.443;
    7.829.346] (± 451,5) shows to thousands (-3: 7.829.000); 21.975 known to
    [21.974; 21.976] (± 1) to units (21.975, not 21.980, which lies outside);
    never more decimals than ``places``. May be negative.
    """
    half = (high - low) / 2
    if half <= 0:
        return places
    exponent = half.adjusted()
    if half > ONE.scaleb(exponent):
        exponent += 1
    return min(places, -exponent)


#: why one level over another is no percentage to print (docs/data-format.md, "Calculated
#: figures"): the base is 0, the base is negative, the value is negative (its base positive),
#: or (``sizes``) the two are of opposite signs
RatioGap = Literal["base_zero", "base_negative", "value_negative", "signs_differ"]


def ratio_gap(value: Decimal, base: Decimal, sizes: bool = False) -> RatioGap | None:
    """Why value / base is not a percentage to print; None when it is one.

    A percentage of one level against another (growth, % of previous, % of
    target, required growth) is read as "how much of the base" and "up or
    down": it is defined when the base is positive and the value not
    negative. A ratio of two negatives compares their sizes and reads
    backwards (−10 is 50 % of −20, yet above it); with ``sizes`` (outlook's
    compound rates, Open SDG's convention for a series of negative values) it
    is allowed, and only levels of opposite signs are refused.
    """
    if base == 0:
        return "base_zero"
    if sizes:
        return "signs_differ" if value != 0 and (value < 0) != (base < 0) else None
    if base < 0:
        return "base_negative"
    if value < 0:
        return "value_negative"
    return None


def pct(ratio: Decimal) -> Decimal:
    """A ratio as a percentage (×100), exact."""
    return _HALF_UP.multiply(ratio, HUNDRED)


def growth_pct(ratio: Decimal) -> Decimal:
    """A ratio of two levels as a growth percentage: (ratio − 1) × 100."""
    return _HALF_UP.multiply(_HALF_UP.subtract(ratio, ONE), HUNDRED)


def power(base: Decimal, exponent: Decimal) -> Decimal:
    """base ** exponent for a positive base, as exp(exponent × ln(base)) at working precision.

    Fractional exponents (a fifth root, 11/12 of a year) never go through a
    float: Decimal's own ln and exp are correctly rounded at PRECISION digits.
    A whole exponent multiplies exactly instead (1.00125 ** 1 is 1.00125).
    """
    if base <= 0:
        raise ValueError(f"power of {base}: the base must be positive")
    with localcontext(context()):
        if exponent == exponent.to_integral_value():
            return base ** int(exponent)
        return (exponent * base.ln()).exp()


def root(value: Decimal, degree: Decimal) -> Decimal:
    """The degree-th root of a positive value (degree may be fractional: 0.5 squares)."""
    return power(value, div(ONE, degree))


def compound_rate(ratio: Decimal, years: Decimal) -> Decimal:
    """The yearly rate r with (1 + r) ** years = ratio: ratio^(1 / years) − 1."""
    return sub(root(ratio, years), ONE)


def plain(value: Decimal) -> str:
    """The figure as plain digits, no exponent, no grouping: for JSON and CSV."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
