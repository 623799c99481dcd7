"""The audit's words: each row's arithmetic, its witness or its miss, in the reader's language.

The audit builder (``reports/audit.py``) gives every row its arithmetic as data; this
module writes it out, as the Department's officers check a report by hand:

    15.178 / 15.000 × 100 = 101,1867 %; số in 100,19 % → [100,185; 100,195] %;
    4,7 % nằm ngoài [4,7502; 4,7569] %, thiếu 0,0002

and, for a consistent row whose figures had to be read within their rounding, one choice
of true values that gives what was printed ("khớp, ví dụ nếu số thực hiện năm 2017 là
228,25 và mức tăng/giảm năm 2018 so với năm 2017 là 10,85"). Indicators are named by
their names, never their ids; the terms are ``say_term``'s.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from plan_kpi.core import numbers as n
from plan_kpi.core.intervals import Interval
from plan_kpi.core.models import Classification, Text
from plan_kpi.core.numbers import Locale
from plan_kpi.core.records import record
from plan_kpi.engine.bounds import as_decimal, exact_decimals
from plan_kpi.reports.audit import (
    AuditExplanation,
    AuditFigure,
    AuditMissing,
    AuditRow,
    AuditStep,
    AuditSymbol,
    AuditTerm,
    WitnessValue,
    visible,
)
from plan_kpi.reports.figures import Term, half_line_bound
from plan_kpi.say.catalog import Words, words
from plan_kpi.say.display import bounded, format_number, format_pct, span_text
from plan_kpi.say.terms import say_term
from plan_kpi.say.vocabulary import RELATION_NOUNS, RELATION_SHORT, entry
from plan_kpi.say.wording import describe, with_unit

#: the most decimals a gap is shown with, looking for its first digit that is not zero
_GAP_PLACES = 10
#: decimals a derived witness value gets beyond its indicator's own, at most
_WITNESS_EXTRA = 2

_SIGNS = {"times": "×", "over": "/", "minus": "−", "plus": "+"}


@record
class Voice:
    """How the audit speaks: the language, and ranges as brackets or in words."""

    lang: Locale
    #: 'từ 100,185 đến 100,195 %' (a report for people) instead of '[100,185; 100,195] %'
    in_words: bool = False


def explanation_text(row: AuditRow, lang: Locale, *, in_words: bool = False) -> str:
    """A row's arithmetic in words, then its witness, its miss, or why it is undecided.

    ``in_words`` says ranges as a report for people does ("từ 4,65 đến 4,75 %");
    the audit's own table writes them as intervals ("[4,65; 4,75] %").
    """
    voice = Voice(lang, in_words)
    e = row.explanation
    w = words(lang)
    clauses: list[str] = []
    if e.kind == "computed":
        clauses.append(_computation(row, e, voice))
    elif e.kind == "given":
        clauses.append(_given(row, e, voice))
    if e.printed is not None and e.kind != "breakdown":
        clauses.append(_printed(e.printed, voice))
    if e.kind == "unchecked":
        clauses.append(_unchecked(e, voice))
    if e.kind == "breakdown":
        clauses += _breakdown(row, e, voice)
    clauses += [_where(step, voice) for step in e.wheres]
    evidence = _evidence(row, e, w, voice)
    if evidence:
        clauses.append(evidence)
    return "; ".join(dict.fromkeys(clauses))


def figures_text(row: AuditRow, lang: Locale) -> str:
    """'số thực hiện 80.296 (…/2021-credit.yaml:16), …': the figures a row used, in words.

    Another indicator's figure is named by the indicator's name, another period's by
    the period.
    """
    return ", ".join(_figure(row, figure, Voice(lang)) for figure in row.figures)


def classification_name(classification: Classification, lang: Locale) -> str:
    """A classification of parts as the plan names it ('theo giới tính', 'by sex'), else by
    its key ('theo phân tổ by_sex')."""
    named = classification.name.get(lang)
    if named:
        return named
    return words(lang).pgettext("classification", "in classification {key}", key=classification.key)


def relation_text(relation: str, lang: Locale) -> str:
    """A relation in a few words, as a table's column says it: '% KH', 'tổng các phần'."""
    return entry(RELATION_SHORT, relation, lang)


# -- numbers ----------------------------------------------------------------------------------


def _number(value: Decimal, places: int, voice: Voice, percent: bool = False) -> str:
    return (
        format_pct(value, places, voice.lang)
        if percent
        else format_number(value, places, voice.lang)
    )


def _span(interval: Interval, places: int, voice: Voice, percent: bool = False) -> str:
    """An interval to the given decimals, rounded outward: '[100,185; 100,195]', or a
    half-line: '(90; +∞)', in words 'trên 90'."""
    if interval.low is None or interval.high is None:
        return _half_line(interval, places, voice, percent)
    low, high = n.round_outward(interval.low, interval.high, places)
    return _bracket(low, high, places, voice, percent)


def _half_line(interval: Interval, places: int, voice: Voice, percent: bool) -> str:
    """'(90; +∞) %', or in words 'trên 90 %': a side is open when it is strict, or when
    rounding outward moved it."""
    lang = voice.lang
    if voice.in_words:
        shown = interval.outward(places)
        bound = half_line_bound(shown)
        end = shown.low if shown.high is None else shown.high
        assert end is not None
        return bounded(_number(end, places, voice, percent), bound, lang)
    text = span_text(interval, places, lang)
    if not percent:
        return text
    return f"{text} %" if lang == "vi" else f"{text}%"


def _bracket(low: Decimal, high: Decimal, places: int, voice: Voice, percent: bool) -> str:
    """'[100,185; 100,195] %', or in words 'từ 100,185 đến 100,195 %'."""
    lang = voice.lang
    if voice.in_words:
        last = format_pct(high, places, lang) if percent else format_number(high, places, lang)
        return words(lang).pgettext(
            "audit", "from {low} to {high}", low=format_number(low, places, lang), high=last
        )
    text = f"[{format_number(low, places, lang)}; {format_number(high, places, lang)}]"
    if not percent:
        return text
    return f"{text} %" if lang == "vi" else f"{text}%"


def _with_span(
    value: str, interval: Interval | None, places: int, voice: Voice, percent: bool = False
) -> str:
    """A value, and its interval when the interval shows at these decimals."""
    if interval is not None and visible(interval, places):
        span = _span(interval, places, voice, percent)
        return f"{value} ({span})" if voice.in_words else f"{value} {span}"
    return value


# -- terms ------------------------------------------------------------------------------------


def _name(term: Term, name: Text, of_name: Text | None, voice: Voice) -> str:
    """A term in words, another indicator named by its name ('tỷ trọng … trong dư nợ …')."""
    names = {} if term.whose is None else {term.whose: name}
    if term.of is not None and of_name is not None:
        names[term.of] = of_name
    return say_term(term, voice.lang, names)


def _term_name(t: AuditTerm | WitnessValue | AuditMissing, voice: Voice) -> str:
    of_name = t.of_name if isinstance(t, AuditTerm | WitnessValue) else None
    return _name(t.term, t.name, of_name, voice)


def _operand(t: AuditTerm, voice: Voice) -> str:
    """A known quantity as an operand: a printed figure as printed, a derived one rounded."""
    if t.figure is not None and t.percent and (t.growth or t.shortfall):
        sign = "−" if (t.value < 0) != t.shortfall else "+"
        return f"(1 {sign} {_number(t.value.copy_abs(), t.places, voice, True)})"
    shown = _number(t.value, t.places, voice, t.percent)
    return f"({shown})" if t.value < 0 else shown


def _derived_value(t: AuditTerm, voice: Voice) -> str:
    return _with_span(
        _number(t.value, t.places, voice, t.percent), t.interval, t.places, voice, t.percent
    )


def _expression(step: AuditStep, voice: Voice) -> str:
    """'15.178 / 15.000', or a formula's '52.340 / 10.000 × 10' with its figures in place."""
    if step.op == "formula":
        return "".join(_piece(piece, voice) for piece in step.expression)
    assert step.left is not None and step.right is not None
    return f"{_operand(step.left, voice)} {_SIGNS[step.op]} {_operand(step.right, voice)}"


def _piece(piece: AuditTerm | AuditSymbol, voice: Voice) -> str:
    if isinstance(piece, AuditTerm):
        return _operand(piece, voice)
    if piece.number is not None:
        return _number(piece.number, n.decimals(piece.number), voice)
    symbol = piece.symbol or ""
    return symbol if symbol in "()" or piece.unary else f" {symbol} "


# -- clauses ----------------------------------------------------------------------------------


def _computation(row: AuditRow, e: AuditExplanation, voice: Voice) -> str:
    """'15.178 / 15.000 × 100 = 101,1867 %': what the other figures give, in printed units."""
    assert e.step is not None and row.computed is not None
    result = _with_span(
        _number(row.computed, row.places, voice, row.percent), _computed(row), row.places, voice
    )
    expression = _expression(e.step, voice)
    if e.scale == "growth":
        return f"({expression} − 1) × 100 = {result}"
    if e.scale == "shortfall":
        return f"(1 − {expression}) × 100 = {result}"
    if e.scale == "percent":
        return f"{expression} × 100 = {result}"
    if e.scale == "unit" and e.unit_factor is not None:  # tỷ to the triệu it was printed in
        factor = format_number(e.unit_factor, n.decimals(e.unit_factor), voice.lang)
        return f"{expression} × {factor} = {result}"
    return f"{expression} = {result}"


def _computed(row: AuditRow) -> Interval | None:
    if row.computed is None or (row.computed_low is None and row.computed_high is None):
        return None
    return Interval(
        row.computed_low, row.computed_high, row.computed_low_open, row.computed_high_open
    )


def _given(row: AuditRow, e: AuditExplanation, voice: Voice) -> str:
    """'target 70.962 (targets.yaml:38)': another printed figure of the same quantity."""
    given = e.given
    assert given is not None and given.figure is not None and row.computed is not None
    named = entry(RELATION_NOUNS, given.figure.relation, voice.lang)
    at = f"{given.figure.file}:{given.figure.line}"
    text = f"{named} {_operand(given, voice)} ({at})"
    if not e.converted:
        return text
    result = _with_span(
        _number(row.computed, row.places, voice, row.percent), _computed(row), row.places, voice
    )
    return f"{text} → {result}"


def _printed(t: AuditTerm, voice: Voice) -> str:
    """'số in 100,19 % → [100,185; 100,195] %', or 'số in 15.000 (chính xác)'."""
    w = words(voice.lang)
    shown = bounded(
        _number(t.value, t.places, voice, t.percent), t.bound, voice.lang, not voice.in_words
    )
    interval = t.interval
    if interval is None or interval.is_exact:
        return w.pgettext("audit", "printed {figure} (exact)", figure=shown)
    span = _span(interval, t.places + 1, voice, t.percent)
    if voice.in_words:
        return w.pgettext("audit", "printed {figure}, that is {range}", figure=shown, range=span)
    return w.pgettext("audit", "printed {figure} → {interval}", figure=shown, interval=span)


def _where(step: AuditStep, voice: Voice) -> str:
    """'trong đó số thực hiện 31/12/2020 = 80.296 − 8.570 = 71.726'."""
    return words(voice.lang).pgettext(
        "audit",
        "where {term} = {expression} = {value}",
        term=_term_name(step.result, voice),
        expression=_expression(step, voice),
        value=_derived_value(step.result, voice),
    )


def _unchecked(e: AuditExplanation, voice: Voice) -> str:
    """Why nothing checks a figure: which figure is missing, and what it derived instead."""
    w = words(voice.lang)
    if e.reason == "no_target":
        assert e.printed is not None
        return w.pgettext(
            "audit",
            "nothing to compare it with: targets.yaml has no target {period}",
            period=describe(e.printed.term.period, voice.lang),
        )
    if e.reason != "no_figure":
        return w.pgettext("audit", "the other figures do not determine it")
    items = []
    for missing in e.missing:
        named = _term_name(missing, voice)
        if missing.derived is None:
            items.append(named)
        else:
            items.append(
                w.pgettext(
                    "audit",
                    "{term} (derived from this figure: {value})",
                    term=named,
                    value=_derived_value(missing.derived, voice),
                )
            )
    return w.pgettext(
        "audit", "nothing to compare it with: no printed {items}", items=", ".join(items)
    )


def _breakdown(row: AuditRow, e: AuditExplanation, voice: Voice) -> list[str]:
    """'1.542 + 2.524 + 11.112 = 15.178; số in 15.178 (chính xác)', or what is missing."""
    w = words(voice.lang)
    clauses = []
    parts_missing = [m for m in e.missing if m.indicator != row.indicator]
    whole_missing = [m for m in e.missing if m.indicator == row.indicator]
    if parts_missing:
        names = ", ".join(m.name.get(voice.lang) for m in parts_missing)
        clauses.append(w.pgettext("audit", "no figure for {items}", items=names))
    if row.computed is not None:
        result = _with_span(
            format_number(row.computed, row.places, voice.lang), _computed(row), row.places, voice
        )
        parts = [_operand(p, voice) for p in e.parts]
        if len(parts) == 1:
            expression = result
        elif e.combine == "max":
            expression = f"max({', '.join(parts)}) = {result}"
        else:
            expression = f"{' + '.join(parts)} = {result}"
        if e.whole is not None and e.at_most:
            expression += f" ≤ {_operand(e.whole, voice)}"
        clauses.append(expression)
    for missing in whole_missing:
        clauses.append(
            w.pgettext("audit", "no figure for {items}", items=_term_name(missing, voice))
        )
    if e.printed is not None:
        clauses.append(_printed(e.printed, voice))
    return clauses


# -- the verdict's evidence -------------------------------------------------------------------


def _evidence(row: AuditRow, e: AuditExplanation, w: Words, voice: Voice) -> str | None:
    """A consistent row's witness, an inconsistent row's miss, an undecided row's reason."""
    if row.verdict == "consistent":
        if e.reason == "no_decimal_witness":
            return w.pgettext(
                "audit", "consistent: reached only at true values without a finite decimal"
            )
        return _witness(e, w, voice)
    if row.verdict == "inconsistent":
        return _miss(row, e, w, voice)
    if e.reason == "divisor_may_be_zero":
        return w.pgettext(
            "audit", "cannot be decided: a divisor may be zero within the figures' intervals"
        )
    if e.reason == "budget_spent":
        return w.pgettext("audit", "cannot be decided within the search's limit")
    return None


def _witness(e: AuditExplanation, w: Words, voice: Voice) -> str | None:
    """'khớp, ví dụ nếu số thực hiện năm 2017 là 228,25 và mức tăng/giảm … là 10,85'."""
    if e.witness is None or not e.witness.figures:  # exact figures: the arithmetic says it
        return None
    values = [*e.witness.derived, *e.witness.figures]
    said = [
        w.pgettext(
            "audit", "{term} is {value}", term=_term_name(v, voice), value=_witness_value(v, voice)
        )
        for v in values
    ]
    return w.pgettext("audit", "consistent, for example if {values}", values=_listed(said, w))


def _witness_value(v: WitnessValue, voice: Voice) -> str:
    """A witness value: exactly when its decimals end soon, else rounded half up."""
    places = exact_decimals(v.value)
    most = v.places + _WITNESS_EXTRA if not v.percent else max(v.places, 4)
    if places is None or places > most:
        places = most
    return _number(as_decimal(v.value, places), places, voice, v.percent)


def _listed(items: list[str], w: Words) -> str:
    """'a, b và c' (vi), 'a, b and c' (en)."""
    if len(items) == 1:
        return items[0]
    return w.pgettext("list", "{items} and {last}", items=", ".join(items[:-1]), last=items[-1])


def _miss(row: AuditRow, e: AuditExplanation, w: Words, voice: Voice) -> str | None:
    """'4,7 % nằm ngoài [4,7502; 4,7569] %, thiếu 0,0002': by how much the printed misses."""
    low_known = e.range_low is not None or e.range_unbounded_below
    high_known = e.range_high is not None or e.range_unbounded_above
    if e.margin is None or not (low_known and high_known):
        return None
    gap = _gap(-e.margin, row.places, voice)
    if e.kind == "breakdown":
        if e.margin == 0:
            return w.pgettext(
                "audit",
                "the parts could meet the parent only at a bound's end, which no value reaches",
            )
        if e.at_most:
            return w.pgettext("audit", "the parts exceed the parent by at least {gap}", gap=gap)
        return w.pgettext("audit", "the parts and the parent differ by at least {gap}", gap=gap)
    assert row.stated is not None
    printed = bounded(
        _number(row.stated, row.stated_places, voice, row.percent),
        row.stated_bound,
        voice.lang,
        not voice.in_words,
    )
    short = (
        e.range_low is not None
        and row.stated_high is not None
        and Fraction(row.stated_high) <= e.range_low
    )
    if e.range_low is not None and e.range_low == e.range_high:
        value = _exact(e.range_low, row.places, voice, row.percent)
        if e.margin == 0:  # "more than 12 %" against exactly 12 %
            return w.pgettext(
                "audit",
                "{printed} leaves out {value}, the one value the other figures give",
                printed=printed,
                value=value,
            )
        if short:
            return w.pgettext(
                "audit",
                "{printed} is not {value}, short by {gap}",
                printed=printed,
                value=value,
                gap=gap,
            )
        return w.pgettext(
            "audit",
            "{printed} is not {value}, over by {gap}",
            printed=printed,
            value=value,
            gap=gap,
        )
    if e.range_low is None or e.range_high is None:
        span = _half_line(_range_interval(e, row.places), row.places, voice, row.percent)
    else:
        low = as_decimal(e.range_low, row.places, "low")
        high = as_decimal(e.range_high, row.places, "high")
        span = _bracket(low, high, row.places, voice, row.percent)
    if voice.in_words:
        span = w.pgettext("audit", "the range {span}", span=span)
    if e.margin == 0:
        return w.pgettext(
            "audit",
            "{printed} could be met only at the end of {range}, which no value reaches",
            printed=printed,
            range=span,
        )
    if short:
        return w.pgettext(
            "audit",
            "{printed} is outside {range}, short by {gap}",
            printed=printed,
            range=span,
            gap=gap,
        )
    return w.pgettext(
        "audit", "{printed} is outside {range}, over by {gap}", printed=printed, range=span, gap=gap
    )


def _range_interval(e: AuditExplanation, places: int) -> Interval:
    """The exact range as Decimals rounded outward to the row's decimals (a half-line too)."""
    low = None if e.range_low is None else as_decimal(e.range_low, places, "low")
    high = None if e.range_high is None else as_decimal(e.range_high, places, "high")
    low_open = low is not None and (e.range_low_open or Fraction(low) != e.range_low)
    high_open = high is not None and (e.range_high_open or Fraction(high) != e.range_high)
    return Interval(low, high, low_open, high_open)


def _exact(value: Fraction, places: int, voice: Voice, percent: bool) -> str:
    decimals = exact_decimals(value)
    shown = places if decimals is None else min(max(decimals, 0), places)
    return _number(as_decimal(value, shown), shown, voice, percent)


def _gap(gap: Fraction, places: int, voice: Voice) -> str:
    """A gap to the row's decimals, or to as many more as its first digit needs."""
    for shown in range(places, _GAP_PLACES + 1):
        rounded = as_decimal(gap, shown)
        if rounded != 0:
            return format_number(rounded, shown, voice.lang)
    return format_number(as_decimal(gap, _GAP_PLACES), _GAP_PLACES, voice.lang)


def _figure(row: AuditRow, figure: AuditFigure, voice: Voice) -> str:
    """One figure: another indicator's by its name, its relation, another period, the value."""
    parts = [figure.name.get(voice.lang)] if figure.indicator != row.indicator else []
    parts.append(relation_text(figure.relation, voice.lang))
    if figure.against is not None:
        parts.append(f"({figure.against})")
    if figure.period != row.period:
        parts.append(describe(figure.period, voice.lang))
    number = format_number(figure.value, n.decimals(figure.value), voice.lang)
    parts.append(with_unit(number, figure.unit or "", voice.lang))
    return f"{' '.join(parts)} ({figure.file}:{figure.line})"
