"""Terms and derivations in words: 'tỷ lệ năm 2021 so với năm 2020', '2021 as % of 2020'.

A term (reports/figures.py ``Term``) is a quantity in the plan's keys:
``pct_of_previous 2021 vs 2020``, the form JSON keeps. Here it is said in
the reader's language, from the catalogs; a term of another indicator names
it — by its name when the caller gives the plan's names, else by its id.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from plan_kpi.core import numbers as n
from plan_kpi.core.messages import C_, Message
from plan_kpi.core.models import Text
from plan_kpi.core.numbers import Locale
from plan_kpi.reports.figures import Amount, Formula, Input, Term
from plan_kpi.say.catalog import words
from plan_kpi.say.display import bounded, format_number
from plan_kpi.say.wording import describe, in_sentence, with_unit

#: each term: {p} its period ('năm 2021' / 'for 2021'), {at} the bare period, {vs} the
#: period it is compared with, {of} a share's whole
_TERMS: dict[str, Message] = {
    "value": C_("term", "actual {p}"),
    "target": C_("term", "target {p}"),
    "previous": C_("term", "actual {vs}"),
    "change": C_("term", "change from {vs} to {at}"),
    "growth_pct": C_("term", "growth {p}"),
    "pct_of_previous": C_("term", "{at} as % of {vs}"),
    "pct_of_target": C_("term", "% of target {p}"),
    "share_pct": C_("term", "share {p}"),
    "excess_pct": C_("term", "% above target {p}"),
    "shortfall_pct": C_("term", "% below target {p}"),
    "times_previous": C_("term", "{at} as a multiple of {vs}"),
    "change_pp": C_("term", "change in percentage points from {vs} to {at}"),
}
#: a share's term naming its whole
_SHARE_OF = C_("term", "share of {of} {p}")
#: the comparison of a term whose own words do not say it
_OVER = C_("term", "{term} over {vs}")
#: a term of another indicator
_WHOSE = C_("term", "{term} of {whose}")
#: a term of the plan's other target, by its name (central, provincial)
_AGAINST = C_("term", "{term} ({target})")


def _named(indicator: str, names: Mapping[str, Text] | None, lang: Locale) -> str:
    if names is None or indicator not in names:
        return indicator
    return in_sentence(names[indicator].get(lang) or indicator)


def say_term(term: Term, lang: Locale, names: Mapping[str, Text] | None = None) -> str:
    """A term for the reader, in words; ``str(term)`` is the key form the JSON carries.

    vi: 'tỷ lệ năm 2021 so với năm 2020', 'tỷ trọng năm 2021 trong giá trị sản xuất…';
    en: '2021 as % of 2020', 'outstanding loans, whole province actual on 31 December 2020'.
    """
    w = words(lang)
    at = describe(term.period, lang)
    if term.period.kind == "date":
        p = w.pgettext("term period", "on {period}", period=at)
    else:
        p = w.pgettext("term period", "for {period}", period=at)
    vs = describe(term.vs, lang) if term.vs is not None else ""
    if term.key == "share_pct" and term.of is not None:
        message = _SHARE_OF
    else:
        message = _TERMS.get(term.key, C_("term", "{p}"))
    values = {"p": p, "at": at, "vs": vs, "of": _named(term.of or "", names, lang)}
    text = w.pgettext("term", message.text, **values)
    if term.vs is not None and "{vs}" not in message.text:
        text = w.pgettext("term", _OVER.text, term=text, vs=vs)
    if term.against is not None:
        text = w.pgettext("term", _AGAINST.text, term=text, target=term.against)
    if term.whose is not None:
        text = w.pgettext("term", _WHOSE.text, whose=_named(term.whose, names, lang), term=text)
    return text


def say_formula(formula: Formula, lang: Locale, names: Mapping[str, Text] | None = None) -> str:
    parts = (
        say_term(p, lang, names)
        if isinstance(p, Term)
        else format_number(p, n.decimals(p), lang)
        if isinstance(p, Decimal)
        else p
        for p in formula.parts
    )
    return f"{say_term(formula.result, lang, names)} = " + "".join(parts)


def format_input(
    item: Input,
    lang: Locale,
    names: Mapping[str, Text] | None = None,
    unit: str = "",
    provenance: bool = True,
) -> str:
    """'số thực hiện năm 2021 = 61.005 (actuals/2021-industry.yaml:15)'; a bound with its sign
    ('= ~22.294', '= > 90')."""
    text = format_number(item.rounded, item.places, lang)
    text = bounded(
        with_unit(text, "%" if item.percent else item.unit or unit, lang), item.bound, lang, True
    )
    where = f" ({item.at})" if item.at and provenance else ""
    return f"{say_term(item.label, lang, names)} = {text}{where}"


def explain(
    amount: Amount,
    lang: Locale,
    names: Mapping[str, Text] | None = None,
    unit: str = "",
    provenance: bool = True,
) -> str:
    """How a derived figure was derived: its relation and the figures it came from.

    With ``provenance``, each typed figure names the file and line it was
    typed at (for the checker); without, the reader's report shows none.
    """
    w = words(lang)
    names = {**dict(amount.names), **(names or {})}
    inputs = "; ".join(format_input(i, lang, names, unit, provenance) for i in amount.inputs)
    relation = say_formula(amount.relation, lang, names) if amount.relation is not None else ""
    return w.gettext("{relation} (derived), with {inputs}", relation=relation, inputs=inputs)
