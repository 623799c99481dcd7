"""Periods in words, as the documents write them: 'năm 2021', '11 tháng đầu năm 2021',
'31/12/2021', 'từ đầu năm đến ngày 15/12/2022' / '2021', 'the first 11 months of 2021',
'31 December 2021', '1 January to 15 December 2022'.

Every word comes from the catalogs: a month's name is a catalog entry too
(in Vietnamese it is the month's number, as dates are written 31/12/2021).
"""

from __future__ import annotations

from plan_kpi.core.messages import C_
from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import Period
from plan_kpi.say.catalog import Words, words

#: the months by number; in Vietnamese their catalog entries are the numbers themselves
MONTHS = (
    C_("month", "January"),
    C_("month", "February"),
    C_("month", "March"),
    C_("month", "April"),
    C_("month", "May"),
    C_("month", "June"),
    C_("month", "July"),
    C_("month", "August"),
    C_("month", "September"),
    C_("month", "October"),
    C_("month", "November"),
    C_("month", "December"),
)


def month_name(month: int, w: Words) -> str:
    return w.say(MONTHS[month - 1])


def _from_january(period: Period) -> bool:
    return period.start.month == 1 and period.start.year == period.end.year


def describe(period: Period, lang: Locale) -> str:
    """A period as a noun: 'năm 2021', '11 tháng đầu năm 2021', '31/12/2021' / '2021', …."""
    w = words(lang)
    start, end = period.start, period.end
    if period.kind == "year":
        return w.pgettext("period", "{year}", year=end.year)
    if period.kind == "date":
        return w.pgettext(
            "period",
            "{day} {month} {year}",
            day=end.day,
            month=month_name(end.month, w),
            year=end.year,
        )
    if period.kind == "days":
        return _days(period, w)
    if period.kind == "month" or period.months == 1:
        return w.pgettext("period", "{month} {year}", month=month_name(end.month, w), year=end.year)
    if _from_january(period):
        return w.pgettext(
            "period", "the first {months} months of {year}", months=period.months, year=end.year
        )
    first, last = month_name(start.month, w), month_name(end.month, w)
    if start.year == end.year:
        return w.pgettext("period", "{first}–{last} {year}", first=first, last=last, year=end.year)
    return w.pgettext(
        "period",
        "{first} {first_year} – {last} {last_year}",
        first=first,
        first_year=start.year,
        last=last,
        last_year=end.year,
    )


def _days(period: Period, w: Words) -> str:
    """Days cumulated: 'từ đầu năm đến ngày 15/12/2022' / '1 January to 15 December 2022'."""
    start, end = period.start, period.end
    last = {"day": end.day, "month": month_name(end.month, w), "year": end.year}
    if start.year == end.year and (start.month, start.day) == (1, 1):
        return w.pgettext("period", "1 January to {day} {month} {year}", **last)
    first = {"first_day": start.day, "first_month": month_name(start.month, w)}
    if start.year == end.year:
        return w.pgettext(
            "period", "{first_day} {first_month} to {day} {month} {year}", **first, **last
        )
    return w.pgettext(
        "period",
        "{first_day} {first_month} {first_year} to {day} {month} {year}",
        **first,
        first_year=start.year,
        **last,
    )


def when(period: Period, lang: Locale) -> str:
    """A period as a sentence says when: 'năm 2021', 'đến 31/12/2021' / 'in 2021'."""
    w = words(lang)
    if period.kind == "date":
        return w.pgettext("when", "as of {period}", period=describe(period, lang))
    if period.kind == "days":
        return w.pgettext("when", "from {period}", period=describe(period, lang))
    return w.pgettext("when", "in {period}", period=describe(period, lang))


def against(vs: Period, period: Period, lang: Locale, level: bool = False) -> str:
    """What a value is compared with: 'năm 2020', 'cùng kỳ năm 2020', '31/12/2020'.

    In English a percentage of a period reads 'of the 2020 level' (``level``),
    a growth 'on 2020'.
    """
    w = words(lang)
    if vs == period.previous() and vs.kind in ("month", "months", "days"):
        return w.pgettext("against", "the same period of {year}", year=vs.year)
    if not level:
        return w.pgettext("against", "{period}", period=describe(vs, lang))
    if vs.kind == "year":
        return w.pgettext("against, level", "the {year} level", year=vs.year)
    if vs.kind == "date":
        return w.pgettext("against, level", "the level on {period}", period=describe(vs, lang))
    return w.pgettext("against, level", "the level of {period}", period=describe(vs, lang))


def with_unit(number: str, unit: str, lang: Locale) -> str:
    """'61.005 tỷ đồng', '14,88 %' (vi) / '14.88%' (en)."""
    if not unit:
        return number
    if unit == "%":
        return words(lang).pgettext("percent", "{number}%", number=number)
    return f"{number} {unit}"


def in_sentence(name: str) -> str:
    """A name inside a sentence: 'Dư nợ cho vay' → 'dư nợ cho vay'; 'GRDP …', 'Đồng Tháp' kept."""
    first, _, rest = name.partition(" ")
    if not first[:1].isupper() or not (first[1:].islower() or len(first) == 1):
        return name
    if not rest:
        return first[0].lower() + first[1:]
    second = rest.split(" ", 1)[0]
    if second[:1].isupper():  # a proper name: 'Đồng Tháp', 'Cục Thuế'
        return name
    return first[0].lower() + first[1:] + " " + rest


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def note_mark(number: int) -> str:
    """A note's mark as the documents print it: ¹, ², … ¹⁰; nothing for no note."""
    return str(number).translate(_SUPERSCRIPT) if number else ""


def period_label(period: Period, lang: Locale) -> str:
    """A period as a table cell: '2021', '31/12/2021', '11 tháng đầu năm 2021'."""
    return str(period.year) if period.kind == "year" else describe(period, lang)
