"""Figures for people: locale numbers (Babel), 61.005 and 85,97 % (vi), 61,005 and 85.97% (en).

Rounding is half-up and happens here, before Babel formats the digits
(Babel's own rounding is half-even).
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from functools import cache
from typing import Any

from babel import Locale as BabelLocale
from babel.numbers import NumberPattern, parse_pattern

from plan_kpi.core import numbers as n
from plan_kpi.core.intervals import Interval
from plan_kpi.core.messages import C_, Message
from plan_kpi.core.models import Bound
from plan_kpi.core.numbers import Locale
from plan_kpi.core.records import replace
from plan_kpi.reports.figures import Amount
from plan_kpi.say.catalog import words

_BABEL_LOCALE = {"vi": "vi_VN", "en": "en_US"}


def format_number(value: Decimal, places: int, lang: Locale) -> str:
    """Round half-up to places, then group and mark decimals as the locale does."""
    rounded = n.round_half_up(value, places)
    if rounded == 0:
        rounded = rounded.copy_abs()  # -0.004 shows as 0,00, not -0,00
    # Babel writes it out to units at least (places < 0 rounds to tens or more, shown as 0s)
    with localcontext(n.wide_context(rounded, max(places, 0))):  # Babel keeps only 28 digits
        # what babel.numbers.format_decimal does, its locale and pattern read once
        text: str = _pattern(max(places, 0)).apply(
            rounded, _locale(lang), decimal_quantization=True
        )
    return text


# The number symbols of CLDR's vi_VN and en_US (the ``latn`` digits: the default of both)
# as Babel has them, which a test holds equal to Babel's own: reading them from Babel's
# locale data unpickles the whole of it (dates, currencies, names of every territory:
# about 17 ms of a command's start-up for vi, more for en) to use a dozen symbols.
_SAME_SYMBOLS = {
    "list": ";",
    "percentSign": "%",
    "plusSign": "+",
    "minusSign": "-",
    "approximatelySign": "~",
    "exponential": "E",
    "superscriptingExponent": "×",
    "perMille": "‰",
    "infinity": "∞",
    "nan": "NaN",
    "timeSeparator": ":",
}
NUMBER_SYMBOLS: dict[Locale, dict[str, str]] = {
    "vi": {"decimal": ",", "group": ".", **_SAME_SYMBOLS},
    "en": {"decimal": ".", "group": ",", **_SAME_SYMBOLS},
}


class _NumberLocale(BabelLocale):
    """A Babel locale whose number symbols are NUMBER_SYMBOLS' (its other data, if ever
    asked, Babel loads as for any locale)."""

    def __init__(self, lang: Locale) -> None:
        super().__init__(*_BABEL_LOCALE[lang].split("_"))
        self._symbols = {"latn": NUMBER_SYMBOLS[lang]}

    @property
    def number_symbols(self) -> Any:
        return self._symbols

    @property
    def default_numbering_system(self) -> str:
        return "latn"


@cache
def _locale(lang: Locale) -> BabelLocale:
    return _NumberLocale(lang)


@cache
def _pattern(places: int) -> NumberPattern:
    """Grouped digits, to places decimals: '#,##0.00'."""
    return parse_pattern("#,##0" + ("." + "0" * places if places > 0 else ""))


def format_amount(amount: Amount, lang: Locale) -> str:
    """A figure for people: a bounded one with its sign ('> 90'); a derived one only to the
    digits its interval supports."""
    if amount.bound is not None:
        return format_shown(amount, lang)
    return format_number(amount.value, amount.known_places, lang)


def format_pct(value: Decimal, places: int, lang: Locale) -> str:
    """A percentage with its sign: '85,97 %' (vi), '85.97%' (en)."""
    number = format_number(value, places, lang)
    return words(lang).pgettext("percent", "{number}%", number=number)


#: a bounded figure in a sentence: "trên 90 %", "dưới 5 %", "khoảng 22.294"
BOUND_WORDS: dict[Bound, Message] = {
    "above": C_("bound", "more than {figure}"),
    "below": C_("bound", "less than {figure}"),
    "at_least": C_("bound", "at least {figure}"),
    "at_most": C_("bound", "at most {figure}"),
    "about": C_("figure", "about {figure}"),
}
#: a bounded figure in a table's cell: "> 90", "< 5", "~22.294"
BOUND_SIGNS: dict[Bound, Message] = {
    "above": C_("bound sign", "> {figure}"),
    "below": C_("bound sign", "< {figure}"),
    "at_least": C_("bound sign", "≥ {figure}"),
    "at_most": C_("bound sign", "≤ {figure}"),
    "about": C_("bound sign", "~{figure}"),
}


def bounded(figure: str, bound: Bound | None, lang: Locale, sign: bool = False) -> str:
    """A figure with its bound: 'trên 90 %' in a sentence, '> 90' in a cell (``sign``)."""
    if bound is None:
        return figure
    message = (BOUND_SIGNS if sign else BOUND_WORDS)[bound]
    return words(lang).say(replace(message, values=(("figure", figure),)))


def pct_label(amount: Amount, lang: Locale) -> str:
    """A percentage as a chart labels its bar, to 2 decimals ('94,74 %'); a bound with its
    sign, rounded as its bound allows so that it stays true ('> 94,73 %')."""
    if amount.bound is None:
        return format_pct(amount.value, 2, lang)
    return bounded(format_pct(amount.rounded, amount.places, lang), amount.bound, lang, True)


def format_shown(amount: Amount, lang: Locale) -> str:
    """A display figure as a cell shows it: rounded as its bound allows, with its sign."""
    return bounded(format_number(amount.rounded, amount.places, lang), amount.bound, lang, True)


def span_text(interval: Interval, places: int, lang: Locale) -> str:
    """An interval rounded outward to the given decimals: '[100,185; 100,195]', '(90; +∞)'.

    A half-line's unbounded side is ∞; a side whose end is no value of it (a strict bound,
    or an end rounding moved) is a parenthesis. A closed, finite interval is written in
    brackets, as the audit always has.
    """
    shown = interval.outward(places)
    low = "−∞" if shown.low is None else format_number(shown.low, places, lang)
    high = "+∞" if shown.high is None else format_number(shown.high, places, lang)
    if interval.bounded:
        return f"[{low}; {high}]"
    opening = "(" if shown.low is None or shown.low_open else "["
    closing = ")" if shown.high is None or shown.high_open else "]"
    return f"{opening}{low}; {high}{closing}"
