"""Figures and words for people: locale numbers (Babel), headings and statuses in vi/en.

Rounding is half-up and happens here, before Babel formats the digits
(Babel's own rounding is half-even).
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from babel.numbers import format_decimal

from plan_kpi.core import numbers as n
from plan_kpi.core.numbers import Locale
from plan_kpi.reports.figures import Amount, Formula, Input, Term
from plan_kpi.say.wording import RELATION_WORDS, describe

_BABEL_LOCALE = {"vi": "vi_VN", "en": "en_US"}

WORDS: dict[str, dict[Locale, str]] = {
    "met": {"en": "met", "vi": "đạt"},
    "missed": {"en": "missed", "vi": "không đạt"},
    "no_actual": {"en": "no actual", "vi": "chưa có số liệu"},
    "no_previous": {"en": "no previous", "vi": "chưa có số kỳ trước"},
    "no_target": {"en": "no target", "vi": "không có kế hoạch"},
    "estimate": {"en": "estimate", "vi": "ước"},
    "preliminary": {"en": "preliminary", "vi": "sơ bộ"},
    "final": {"en": "final", "vi": "chính thức"},
    "consistent": {"en": "consistent", "vi": "khớp"},
    "inconsistent": {"en": "inconsistent", "vi": "không khớp"},
    "unchecked": {"en": "unchecked", "vi": "chưa kiểm tra được"},
    "derived": {"en": "derived", "vi": "tính suy ra"},
    "with": {"en": "with", "vi": "với"},
}


def word(key: str, lang: Locale) -> str:
    """A status or fixed word in the language; unknown keys are returned as they are."""
    return WORDS.get(key, {}).get(lang, key)


def format_number(value: Decimal, places: int, lang: Locale) -> str:
    """Round half-up to places, then group and mark decimals as the locale does."""
    rounded = n.round_half_up(value, places)
    if rounded == 0:
        rounded = rounded.copy_abs()  # -0.004 shows as 0,00, not -0,00
    pattern = "#,##0" + ("." + "0" * places if places > 0 else "")
    with localcontext(n.wide_context(rounded, places)):  # Babel's own keeps only 28 digits
        return format_decimal(
            rounded, format=pattern, locale=_BABEL_LOCALE[lang], decimal_quantization=True
        )


def format_amount(amount: Amount, lang: Locale) -> str:
    return format_number(amount.value, amount.places, lang)


def format_pct(value: Decimal, places: int, lang: Locale) -> str:
    """A percentage with its sign: '85,97 %' (vi), '85.97%' (en)."""
    number = format_number(value, places, lang)
    return f"{number} %" if lang == "vi" else f"{number}%"


#: a term in Vietnamese where it is not the relation's noun (RELATION_WORDS) and its
#: period; {p} is its period, {vs} the period it is compared with
_TERMS_VI: dict[str, str] = {
    "previous": "số cùng kỳ {vs}",
    "pct_of_previous": "tỷ lệ {p} so với {vs}",
}


#: a term's key in English; {p} is its period with its preposition ('for 2021',
#: 'on 31 December 2021'), {vs} the bare period it is compared with
_TERMS_EN: dict[str, str] = {
    "value": "actual {p}",
    "target": "target {p}",
    "previous": "actual {vs}",
    "change": "change from {vs} to {at}",
    "growth_pct": "growth {p}",
    "pct_of_previous": "{at} as % of {vs}",
    "pct_of_target": "% of target {p}",
    "share_pct": "share {p}",
}


def say(term: Term, lang: Locale) -> str:
    """A term for the reader, in words; ``str(term)`` is the key form the JSON notes carry.

    vi: 'tỷ lệ năm 2021 so với năm 2020', 'tỷ trọng năm 2021 trong industrial_output';
    en: '2021 as % of 2020', 'loans_total actual on 31 December 2020'.
    """
    if lang == "en":
        return _say_en(term)
    noun = RELATION_WORDS["vi"].get(term.key, term.key)
    pattern = _TERMS_VI.get(term.key, noun + " {p}")
    if term.vs is not None and "{vs}" not in pattern:
        pattern += " so với {vs}"
    vs = describe(term.vs, lang) if term.vs is not None else ""
    text = pattern.format(p=describe(term.period, lang), vs=vs)
    if term.of is not None:
        text += f" trong {term.of}"
    if term.whose is not None:
        text += f" của {term.whose}"
    return text


def _say_en(term: Term) -> str:
    at = describe(term.period, "en")
    pattern = _TERMS_EN.get(term.key, term.key + " {p}")
    if term.of is not None:
        pattern = pattern.replace(" {p}", f" of {term.of} {{p}}")
    if term.vs is not None and "{vs}" not in pattern:
        pattern += " over {vs}"
    vs = describe(term.vs, "en") if term.vs is not None else ""
    preposition = "on" if term.period.kind == "date" else "for"
    text = pattern.format(p=f"{preposition} {at}", at=at, vs=vs)
    return text if term.whose is None else f"{term.whose} {text}"


def say_formula(formula: Formula, lang: Locale) -> str:
    parts = (say(p, lang) if isinstance(p, Term) else p for p in formula.parts)
    return f"{say(formula.result, lang)} = " + "".join(parts)


def format_input(item: Input, lang: Locale) -> str:
    text = format_number(item.value, item.places, lang)
    if item.percent:
        text += " %" if lang == "vi" else "%"
    where = f" ({item.at})" if item.at else ""
    return f"{say(item.label, lang)} = {text}{where}"


def explain(amount: Amount, lang: Locale) -> str:
    """How a derived figure was derived: its relation and the figures it came from."""
    inputs = "; ".join(format_input(i, lang) for i in amount.inputs)
    relation = say_formula(amount.relation, lang) if amount.relation is not None else ""
    return f"{relation} ({word('derived', lang)}), {word('with', lang)} {inputs}"


def explain_keys(amount: Amount) -> str:
    """The JSON notes' form of ``explain``: the data format's keys, English numbers.

    'value 2020 = value 2021 / pct_of_previous 2021 vs 2020 (derived), with …'
    """
    inputs = "; ".join(_input_keys(i) for i in amount.inputs)
    relation = str(amount.relation) if amount.relation is not None else ""
    return f"{relation} (derived), with {inputs}"


def _input_keys(item: Input) -> str:
    text = format_number(item.value, item.places, "en") + ("%" if item.percent else "")
    where = f" ({item.at})" if item.at else ""
    return f"{item.label} = {text}{where}"
