"""Figures for people: locale numbers (Babel), 61.005 and 85,97 % (vi), 61,005 and 85.97% (en).

Rounding is half-up and happens here, before Babel formats the digits
(Babel's own rounding is half-even).
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from babel.numbers import format_decimal

from plan_kpi.core import numbers as n
from plan_kpi.core.numbers import Locale
from plan_kpi.reports.figures import Amount
from plan_kpi.say.catalog import words

_BABEL_LOCALE = {"vi": "vi_VN", "en": "en_US"}


def format_number(value: Decimal, places: int, lang: Locale) -> str:
    """Round half-up to places, then group and mark decimals as the locale does."""
    rounded = n.round_half_up(value, places)
    if rounded == 0:
        rounded = rounded.copy_abs()  # -0.004 shows as 0,00, not -0,00
    pattern = "#,##0" + ("." + "0" * places if places > 0 else "")
    # Babel writes it out to units at least (places < 0 rounds to tens or more, shown as 0s)
    with localcontext(n.wide_context(rounded, max(places, 0))):  # Babel keeps only 28 digits
        return format_decimal(
            rounded, format=pattern, locale=_BABEL_LOCALE[lang], decimal_quantization=True
        )


def format_amount(amount: Amount, lang: Locale) -> str:
    """A figure for people: a derived one only to the digits its interval supports."""
    return format_number(amount.value, amount.known_places, lang)


def format_pct(value: Decimal, places: int, lang: Locale) -> str:
    """A percentage with its sign: '85,97 %' (vi), '85.97%' (en)."""
    number = format_number(value, places, lang)
    return words(lang).pgettext("percent", "{number}%", number=number)
