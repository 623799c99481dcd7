from __future__ import annotations

from decimal import Decimal

import pytest

from plan_kpi.core import numbers as n
from plan_kpi.core.periods import PeriodError, parse_period, years_between


@pytest.mark.parametrize(
    ("text", "previous", "months"),
    [
        ("2021", "2020", 12),
        ("2021-11", "2020-11", 1),
        ("2021-01/2021-11", "2020-01/2020-11", 11),
        ("2021-12-31", "2020-12-31", 0),
        ("2024-02-29", "2023-02-28", 0),
        # a month-end balance: the end of February a year earlier, 29 in a leap year
        ("2025-02-28", "2024-02-29", 0),
        ("2021-02-28", "2020-02-29", 0),
        ("2024-02-28", "2023-02-28", 0),  # not the end of February 2024
        ("2021-06-30", "2020-06-30", 0),
    ],
)
def test_periods_and_their_same_period_a_year_earlier(
    text: str, previous: str, months: int
) -> None:
    period = parse_period(text)
    assert str(period) == text
    assert str(period.previous()) == previous
    assert period.months == months


@pytest.mark.parametrize(
    "text", ["2021-13", "2021-00", "21", "2021-11/2021-01", "2021-02-30", "last year"]
)
def test_bad_periods_are_refused(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text)


def test_periods_order_by_their_end() -> None:
    texts = ["2021", "2020-12-31", "2021-01/2021-11", "2021-10-31", "2020"]
    ordered = sorted(parse_period(t) for t in texts)
    assert [str(p) for p in ordered] == [
        "2020",
        "2020-12-31",
        "2021-10-31",
        "2021-01/2021-11",
        "2021",
    ]


@pytest.mark.parametrize(
    ("earlier", "later", "months"),
    [
        ("2020", "2022", "24"),
        ("2021", "2021", "0"),
        ("2020-12-31", "2021-10-31", "10"),  # two month-ends: whole months
        ("2021-01/2021-11", "2021", "1"),  # end of November to end of December
        ("2021-11", "2022-11", "12"),
        ("2021-06-15", "2021-06-30", "0.5"),  # 15 of June's 30 days
        ("2021-12-31", "2022", "12"),  # a stock at a year's end to the next year's end
    ],
)
def test_years_between_period_ends_in_exact_months(earlier: str, later: str, months: str) -> None:
    expected = n.div(Decimal(months), Decimal(12))
    assert years_between(parse_period(earlier), parse_period(later)) == expected


@pytest.mark.parametrize(
    ("text", "same_as"),
    [
        ("2021-01/2021-12", "2021"),  # twelve months of one year are the year
        ("2021-11/2021-11", "2021-11"),  # one month cumulated is the month
    ],
)
def test_months_that_make_a_year_or_a_month_are_that_period(text: str, same_as: str) -> None:
    period = parse_period(text)
    assert period == parse_period(same_as)
    assert str(period) == same_as


def test_twelve_months_across_two_years_stay_months() -> None:
    period = parse_period("2020-07/2021-06")
    assert period.kind == "months"
    assert period.months == 12


@pytest.mark.parametrize(
    "text", ["0001", "0999", "0999-12", "0500-01/0500-06", "0001-01-01", "9999", "9999-12-31"]
)
def test_years_outside_1000_to_9998_are_refused(text: str) -> None:
    # year 1 has no year before it (previous() would fail), 9999 none after it
    with pytest.raises(PeriodError, match="outside 1000–9998"):
        parse_period(text)


@pytest.mark.parametrize("text", ["1000", "9998", "1000-01-01", "9998-12-31"])
def test_the_first_and_last_years_read_have_a_previous_and_a_next(text: str) -> None:
    period = parse_period(text)
    assert period.previous().year == period.year - 1
    assert period.shift_years(1).year == period.year + 1
