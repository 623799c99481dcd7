"""Periods as plans write them: a year, a month, months cumulated, a date, days cumulated.

``2021`` (year), ``2021-11`` (month), ``2021-01/2021-11`` (months cumulated
from the first to the last), ``2021-12-31`` (a stock on that date),
``2021-01-01/2021-12-15`` (a flow cumulated from the first day to the last); and as
Vietnamese documents write them: ``năm 2021``, ``11/2021`` or ``tháng 11/2021``,
``11 tháng 2021`` (``11t/2021``, ``11 tháng đầu năm 2021``), ``31/12/2021`` (day
first), ``từ tháng 3 đến tháng 5/2021`` (docs/data-format.md, "Periods").
:func:`parse_period` is the one reader of every period: files, sheets, options.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from plan_kpi.core import numbers as n
from plan_kpi.core.messages import N_, Message
from plan_kpi.core.quotes import folded, quoted
from plan_kpi.core.records import field, record

PeriodKind = Literal["year", "month", "months", "date", "days"]

#: ASCII digits only, as figures take: Python's \d matches any script's digits (٢٠٢١, ２０２１)
_YEAR = re.compile(r"([0-9]{4})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_MONTHS = re.compile(r"([0-9]{4})-([0-9]{2})/([0-9]{4})-([0-9]{2})")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DAYS = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})/([0-9]{4})-([0-9]{2})-([0-9]{2})")


class PeriodError(ValueError):
    """A period that cannot be read; its message says how to write it."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(str(message))


@record(order=True)
class Period:
    """A span of time a figure belongs to, ordered by its end, then its start."""

    end: date
    start: date
    kind: PeriodKind
    #: computed once: periods are dictionary keys (inside every quantity) millions of times
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.end, self.start, self.kind)))

    def __hash__(self) -> int:
        return self._hash

    def __str__(self) -> str:
        if self.kind == "year":
            return f"{self.end.year}"
        if self.kind == "month":
            return f"{self.end.year}-{self.end.month:02d}"
        if self.kind == "months":
            return f"{self.start.year}-{self.start.month:02d}/{self.end.year}-{self.end.month:02d}"
        if self.kind == "days":
            return f"{self.start.isoformat()}/{self.end.isoformat()}"
        return self.end.isoformat()

    @property
    def year(self) -> int:
        return self.end.year

    @property
    def months(self) -> int:
        """How many whole calendar months the period covers (0 for a date or days)."""
        if self.kind in ("date", "days"):
            return 0
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def previous(self) -> Period:
        """The same period one year earlier (cùng kỳ năm trước)."""
        return _previous(self)

    def contains(self, other: Period) -> bool:
        """True when the other period lies within this one (a date or month of a year)."""
        return self.start <= other.start and other.end <= self.end

    def shift_years(self, years: int) -> Period:
        if self.kind == "date":
            return date_period(_same_day(self.end, self.end.year + years))
        if self.kind == "days":
            year = self.start.year + years
            last = calendar.monthrange(year, self.start.month)[1]
            start = date(year, self.start.month, min(self.start.day, last))
            return days_period(start, _same_day(self.end, self.end.year + years))
        return _months_period(
            self.start.year + years,
            self.start.month,
            self.end.year + years,
            self.end.month,
            self.kind,
        )


@lru_cache(maxsize=4096)
def _previous(period: Period) -> Period:
    """Periods are immutable: the engine asks for the same few previous periods again and again."""
    return period.shift_years(-1)


def _same_day(day: date, year: int) -> date:
    """The same day in another year; a month's last day stays its last (28 → 29 February).

    Balances are stated at month ends, so the end of February 2025 compares
    with the end of February 2024, the 29th.
    """
    last = calendar.monthrange(year, day.month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return date(year, day.month, last)
    return date(year, day.month, min(day.day, last))


def _months_period(y1: int, m1: int, y2: int, m2: int, kind: PeriodKind) -> Period:
    end = date(y2, m2, calendar.monthrange(y2, m2)[1])
    return Period(end=end, start=date(y1, m1, 1), kind=kind)


@lru_cache(maxsize=4096)
def year_period(year: int) -> Period:
    """The calendar year; periods are immutable, and reports ask for the same few years
    once a figure."""
    return _months_period(year, 1, year, 12, "year")


def date_period(day: date) -> Period:
    return Period(end=day, start=day, kind="date")


#: The years a period may have: each has a year before it and one after it.
FIRST_YEAR, LAST_YEAR = 1000, 9998

#: Vietnamese forms, as people type them and as reports print them, matched on the folded
#: text (lower case, no accents, one space: 'Tháng 11 / 2021' is 'thang 11/2021'); each
#: form's kind says how its numbers make the period
_N = r"([0-9]{1,2})"
_Y = r"([0-9]{4})"
_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"nam {_Y}"), "year"),
    (re.compile(rf"(?:thang )?{_N}/{_Y}"), "month"),
    (re.compile(rf"thang {_N} nam {_Y}"), "month"),
    (re.compile(rf"{_N} thang (?:dau )?(?:nam )?{_Y}"), "first"),
    (re.compile(rf"{_N}t/{_Y}"), "first"),
    (re.compile(rf"tu thang {_N} den thang {_N}/{_Y}"), "span"),  # not words: a pattern
    (re.compile(rf"tu thang {_N}/{_Y} den thang {_N}/{_Y}"), "span_years"),  # not words: a pattern
    (re.compile(rf"(?:ngay )?{_N}/{_N}/{_Y}"), "date"),
    (re.compile(rf"ngay {_N} thang {_N} nam {_Y}"), "date"),
)
#: 't11/2021': month 11, or (as '11t/2021' is) the first 11 months? Neither: said so
_MONTH_FIRST = re.compile(rf"t{_N}/{_Y}")
#: a '/' after a year that is not between two months ('2021/11', '2020/2021')
_YEAR_SLASH = re.compile(r"[0-9]{4}/[0-9]+")
#: a month or a day with a year of two digits ('11/21', '31/12/21')
_SHORT_YEAR = re.compile(r"(?:[0-9]{1,2}/)?[0-9]{1,2}/[0-9]{2}")


@lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Read a period; raise PeriodError with the accepted forms."""
    period = _parse(text)
    if not (period.start.year >= FIRST_YEAR and period.end.year <= LAST_YEAR):
        raise _outside(quoted(text.strip(), strict=True))
    return period


def _outside(shown: str | Message) -> PeriodError:
    return PeriodError(
        N_(
            "{period} has a year outside {first}–{last}, the years plan-kpi reads — write "
            "the year in full, e.g. 2021",
            period=shown,
            first=FIRST_YEAR,
            last=LAST_YEAR,
        )
    )


def _parse(text: str) -> Period:
    written = unicodedata.normalize("NFC", text.strip())
    shown = quoted(written, strict=True)
    try:
        return _read(written, shown)
    except ValueError as err:  # year 0, which no date holds
        if isinstance(err, PeriodError):
            raise
        raise _outside(shown) from None


def _read(written: str, shown: str | Message) -> Period:
    if m := _YEAR.fullmatch(written):
        return year_period(int(m[1]))
    if m := _MONTH.fullmatch(written):
        month = _month(m[2])
        return _months_period(int(m[1]), month, int(m[1]), month, "month")
    if m := _MONTHS.fullmatch(written):
        return _cumulated(shown, (int(m[1]), _month(m[2])), (int(m[3]), _month(m[4])))
    if m := _DATE.fullmatch(written):
        return _day(shown, int(m[1]), _month(m[2]), int(m[3]))
    if m := _DAYS.fullmatch(written):
        first = _day(shown, int(m[1]), _month(m[2]), int(m[3])).end
        return _days(shown, first, _day(shown, int(m[4]), _month(m[5]), int(m[6])).end)
    words = re.sub(r" ?/ ?", "/", folded(written))
    for pattern, kind in _FORMS:
        if m := pattern.fullmatch(words):
            return _vietnamese(shown, kind, [int(number) for number in m.groups()])
    if any(char.isdigit() and not char.isascii() for char in written):
        raise PeriodError(
            N_(
                "{period} is written with digits of another script (or full-width ones) — "
                "write the period in the digits 0-9, e.g. 2021",
                period=shown,
            )
        )
    if m := _MONTH_FIRST.fullmatch(words):
        raise PeriodError(
            N_(
                "{period} is not a period — write month {month} as {month}/{year} or tháng "
                "{month}/{year}, the first {month} months as {month}t/{year} or {month} tháng "
                "{year}",
                period=shown,
                month=int(m[1]),
                year=m[2],
            )
        )
    if _YEAR_SLASH.fullmatch(words):
        raise PeriodError(
            N_(
                "{period} is not a period: a '/' after a year is read only between two months "
                "(2021-01/2021-11) — write a month as 2021-11 or 11/2021, a year as 2021",
                period=shown,
            )
        )
    if _SHORT_YEAR.fullmatch(words):
        raise PeriodError(
            N_(
                "{period} has a year of two digits — write the year in full: 11/2021 for a "
                "month, 31/12/2021 for a day",
                period=shown,
            )
        )
    raise PeriodError(
        N_(
            "{period} is not a period — write a year (2021), a month (2021-11 or 11/2021), "
            "months cumulated (2021-01/2021-11 or 11 tháng 2021), a date (2021-12-31 or "
            "31/12/2021) or days cumulated (2021-01-01/2021-12-15)",
            period=shown,
        )
    )


def _days(shown: str | Message, first: date, last: date) -> Period:
    if last < first:
        raise PeriodError(
            N_("{period} ends before it starts — write the first day first", period=shown)
        )
    return days_period(first, last)


def days_period(first: date, last: date) -> Period:
    """Days cumulated; whole months from a first day to a month's end are those months."""
    if first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]:
        begun, ended = (first.year, first.month), (last.year, last.month)
        return _months_period(*begun, *ended, _cumulated_kind(begun, ended))
    return Period(end=last, start=first, kind="days")


def _vietnamese(shown: str | Message, kind: str, numbers: list[int]) -> Period:
    """The period a Vietnamese form's numbers name (their order is the form's)."""
    if kind == "year":
        return year_period(numbers[0])
    if kind == "month":
        month, year = _month(numbers[0]), numbers[1]
        return _months_period(year, month, year, month, "month")
    if kind == "first":
        count, year = numbers
        if not 1 <= count <= 12:
            raise PeriodError(
                N_(
                    "{period}: a year has 12 months — write how many months from January, "
                    "from 1 to 12, e.g. 11 tháng 2021",
                    period=shown,
                )
            )
        return _cumulated(shown, (year, 1), (year, count))
    if kind == "span":
        first, last, year = numbers
        return _cumulated(shown, (year, _month(first)), (year, _month(last)))
    if kind == "span_years":
        first, first_year, last, last_year = numbers
        return _cumulated(shown, (first_year, _month(first)), (last_year, _month(last)))
    day, month, year = numbers
    if month > 12 and 1 <= day <= 12:
        meant = f"{month}/{day}/{year}"
        raise PeriodError(
            N_(
                "{period} has no month {month} — a date is written day first: {meant}",
                period=shown,
                month=month,
                meant=meant,
            )
        )
    return _day(shown, year, _month(month), day)


def _cumulated(shown: str | Message, first: tuple[int, int], last: tuple[int, int]) -> Period:
    if last < first:
        raise PeriodError(
            N_("{period} ends before it starts — write the first month first", period=shown)
        )
    return _months_period(*first, *last, _cumulated_kind(first, last))


def _day(shown: str | Message, year: int, month: int, day: int) -> Period:
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise PeriodError(
            N_(
                "{period} is not a calendar date — month {month} of {year} has {days} days",
                period=shown,
                month=month,
                year=year,
                days=days,
            )
        )
    return date_period(date(year, month, day))


def _cumulated_kind(first: tuple[int, int], last: tuple[int, int]) -> PeriodKind:
    """January to December of one year is that year; a month to itself is that month."""
    if first == last:
        return "month"
    if first[0] == last[0] and (first[1], last[1]) == (1, 12):
        return "year"
    return "months"


def _month(written: str | int) -> int:
    month = int(written)
    if not 1 <= month <= 12:
        raise PeriodError(
            N_("month {month} does not exist — months run from 01 to 12", month=written)
        )
    return month


def years_between(earlier: Period, later: Period) -> Decimal:
    """Years from the end of one period to the end of another, exactly.

    Time is counted in calendar months, a day counting as its share of its
    month, and 12 months make a year: 2020 → 2022 is 2, 2020-12-31 →
    2021-10-31 is 10/12, 2021-06-15 → 2021-06-30 is 15/30 of a month.
    Years and whole months are therefore exact; no day count (365 or 366)
    is involved.
    """
    months = n.sub(_month_position(later.end), _month_position(earlier.end))
    return n.div(months, Decimal(12))


def _month_position(day: date) -> Decimal:
    days = calendar.monthrange(day.year, day.month)[1]
    return n.add(Decimal(day.year * 12 + day.month - 1), n.div(Decimal(day.day), Decimal(days)))
