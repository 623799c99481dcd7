"""Periods as plans write them: a year, a month, months cumulated, a date.

``2021`` (year), ``2021-11`` (month), ``2021-01/2021-11`` (months cumulated
from the first to the last), ``2021-12-31`` (a stock on that date).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from plan_kpi.core import numbers as n
from plan_kpi.core.quotes import quoted

PeriodKind = Literal["year", "month", "months", "date", "days"]

#: ASCII digits only, as figures take: Python's \d matches any script's digits (٢٠٢١, ２０２１)
_YEAR = re.compile(r"([0-9]{4})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_MONTHS = re.compile(r"([0-9]{4})-([0-9]{2})/([0-9]{4})-([0-9]{2})")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DAYS = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})/([0-9]{4})-([0-9]{2})-([0-9]{2})")


class PeriodError(ValueError):
    """A period that cannot be read; the message says how to write it."""


@dataclass(frozen=True, slots=True, order=True)
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


def year_period(year: int) -> Period:
    return _months_period(year, 1, year, 12, "year")


def date_period(day: date) -> Period:
    return Period(end=day, start=day, kind="date")


#: The years a period may have: each has a year before it and one after it.
FIRST_YEAR, LAST_YEAR = 1000, 9998


@lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Read a period; raise PeriodError with the accepted forms."""
    period = _parse(text)
    if not (period.start.year >= FIRST_YEAR and period.end.year <= LAST_YEAR):
        raise PeriodError(
            f"{quoted(text.strip(), strict=True)} has a year outside {FIRST_YEAR}–{LAST_YEAR}, "
            "the years plan-kpi reads — write the year in full, e.g. 2021"
        )
    return period


def _parse(text: str) -> Period:
    written = text.strip()
    shown = quoted(written, strict=True)
    try:
        if m := _YEAR.fullmatch(written):
            return year_period(int(m[1]))
        if m := _MONTH.fullmatch(written):
            _month(m[2])
            return _months_period(int(m[1]), int(m[2]), int(m[1]), int(m[2]), "month")
        if m := _MONTHS.fullmatch(written):
            first, last = (int(m[1]), _month(m[2])), (int(m[3]), _month(m[4]))
            if last < first:
                raise PeriodError(f"{shown} ends before it starts — write the first month first")
            return _months_period(*first, *last, _cumulated_kind(first, last))
        if m := _DATE.fullmatch(written):
            return date_period(date(int(m[1]), _month(m[2]), int(m[3])))
        if m := _DAYS.fullmatch(written):
            return _days(
                date(int(m[1]), _month(m[2]), int(m[3])),
                date(int(m[4]), _month(m[5]), int(m[6])),
                shown,
            )
    except ValueError as err:
        if isinstance(err, PeriodError):
            raise
        raise PeriodError(f"{shown} is not a calendar date — {err}") from None
    if any(char.isdigit() and not char.isascii() for char in written):
        raise PeriodError(
            f"{shown} is written with digits of another script (or full-width ones) — write "
            "the period in the digits 0-9, e.g. 2021"
        )
    raise PeriodError(
        f"{shown} is not a period — write a year (2021), a month (2021-11), "
        "months cumulated (2021-01/2021-11), a date (2021-12-31) "
        "or days cumulated (2021-01-01/2021-12-15)"
    )


def _days(first: date, last: date, shown: str) -> Period:
    if last < first:
        raise PeriodError(f"{shown} ends before it starts — write the first day first")
    return days_period(first, last)


def days_period(first: date, last: date) -> Period:
    """Days cumulated; whole months from a first day to a month's end are those months."""
    if first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]:
        begun, ended = (first.year, first.month), (last.year, last.month)
        return _months_period(*begun, *ended, _cumulated_kind(begun, ended))
    return Period(end=last, start=first, kind="days")


def _cumulated_kind(first: tuple[int, int], last: tuple[int, int]) -> PeriodKind:
    """January to December of one year is that year; a month to itself is that month."""
    if first == last:
        return "month"
    if first[0] == last[0] and (first[1], last[1]) == (1, 12):
        return "year"
    return "months"


def _month(text: str) -> int:
    month = int(text)
    if not 1 <= month <= 12:
        raise PeriodError(f"month {text} does not exist — months run from 01 to 12")
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
