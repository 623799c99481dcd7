"""Days cumulated to a date: 2022-01-01/2022-12-15, a flow from the start of the year.

Expected values are hand arithmetic written in comments, never output of plan-kpi
pasted back.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import write_plan
from plan_kpi.cli.app import app
from plan_kpi.core.periods import PeriodError, parse_period
from plan_kpi.engine.series import comparable
from plan_kpi.engine.solving import derive
from plan_kpi.load.folder import load_plan
from plan_kpi.reports.check import build_check
from plan_kpi.say.wording import against, describe, when

runner = CliRunner()


@pytest.mark.parametrize(
    ("text", "previous"),
    [
        ("2022-01-01/2022-12-15", "2021-01-01/2021-12-15"),
        # the end of February stays the end of February, as a balance's date does
        ("2025-01-01/2025-02-28", "2024-01/2024-02"),
        ("2024-01-01/2024-02-28", "2023-01-01/2023-02-28"),  # not the end of February 2024
        ("2024-02-29/2024-12-15", "2023-02-28/2023-12-15"),  # 29 February a year earlier: 28
        ("2021-12-16/2022-01-15", "2020-12-16/2021-01-15"),
    ],
)
def test_days_and_the_same_days_a_year_earlier(text: str, previous: str) -> None:
    period = parse_period(text)
    assert period.previous() == parse_period(previous)


def test_days_are_written_back_as_typed() -> None:
    period = parse_period("2022-01-01/2022-12-15")
    assert (period.kind, str(period)) == ("days", "2022-01-01/2022-12-15")
    assert (period.start.isoformat(), period.end.isoformat()) == ("2022-01-01", "2022-12-15")


@pytest.mark.parametrize(
    ("text", "same_as"),
    [
        ("2022-01-01/2022-12-31", "2022"),  # whole months are those months: one period
        ("2022-01-01/2022-11-30", "2022-01/2022-11"),
        ("2022-03-01/2022-03-31", "2022-03"),
        ("2024-01-01/2024-02-29", "2024-01/2024-02"),
    ],
)
def test_days_that_make_whole_months_are_those_months(text: str, same_as: str) -> None:
    assert parse_period(text) == parse_period(same_as)


def test_days_that_end_before_they_start_are_refused() -> None:
    with pytest.raises(PeriodError, match="ends before it starts"):
        parse_period("2022-12-15/2022-01-01")


@pytest.mark.parametrize("text", ["2022-01-01/2022-02-30", "2022-13-01/2022-12-15"])
def test_days_that_are_no_dates_are_refused(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text)


def test_the_same_days_of_another_year_are_a_like_period() -> None:
    target = parse_period("2022-01-01/2022-12-15")
    assert comparable("flow", parse_period("2020-01-01/2020-12-15"), target)
    assert not comparable("flow", parse_period("2021-01-01/2021-12-14"), target)
    assert not comparable("flow", parse_period("2021"), target)
    assert not comparable("flow", target, parse_period("2022"))


@pytest.mark.parametrize(
    ("text", "lang", "said"),
    [
        ("2022-01-01/2022-12-15", "vi", "từ đầu năm đến ngày 15/12/2022"),
        ("2022-01-01/2022-12-15", "en", "1 January to 15 December 2022"),
        ("2022-03-05/2022-12-15", "vi", "từ ngày 05/03 đến ngày 15/12/2022"),
        ("2022-03-05/2022-12-15", "en", "5 March to 15 December 2022"),
        ("2021-12-16/2022-01-15", "vi", "từ ngày 16/12/2021 đến ngày 15/01/2022"),
        ("2021-12-16/2022-01-15", "en", "16 December 2021 to 15 January 2022"),
    ],
)
def test_days_in_words(text: str, lang: str, said: str) -> None:
    assert describe(parse_period(text), lang) == said  # type: ignore[arg-type]


def test_days_in_a_sentence_and_against_the_same_days_a_year_earlier() -> None:
    period = parse_period("2022-01-01/2022-12-15")
    assert when(period, "en") == "from 1 January to 15 December 2022"
    assert when(period, "vi") == "từ đầu năm đến ngày 15/12/2022"
    assert against(period.previous(), period, "vi") == "cùng kỳ năm 2021"
    assert against(period.previous(), period, "en") == "the same period of 2021"


def days_plan(folder: Path) -> Path:
    values = {"2021-01-01/2021-12-15": "1250", "2022-01-01/2022-12-15": "1400"}
    return write_plan(folder, values, {"2022-01-01/2022-12-15": "1500"})


def test_a_flow_to_a_date_grows_over_the_same_days_a_year_earlier(tmp_path: Path) -> None:
    plan = load_plan(days_plan(tmp_path / "plan"))
    report = build_check(plan, derive(plan), parse_period("2022-01-01/2022-12-15"))
    (row,) = report.rows
    # 1400 / 1250 = 1.12: up 12 %
    assert row.growth_pct is not None and row.growth_pct.rounded == Decimal("12.00")
    assert str(row.previous_period) == "2021-01-01/2021-12-15"
    # 1400 / 1500 = 93.333… %
    assert row.attainment_pct is not None and row.attainment_pct.rounded == Decimal("93.33")


def test_a_stated_growth_to_a_date_is_checked_against_the_same_days(tmp_path: Path) -> None:
    folder = days_plan(tmp_path / "plan")
    (folder / "actuals" / "a1.yaml").write_text(
        'period: "2022-01-01/2022-12-15"\n'
        'values:\n  x: {value: "1400", stated: {growth_pct: "12"}}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["audit", "--data", str(folder), "--format", "json"])
    # 1400 / 1250 − 1 = 12 % exactly: consistent with the printed 12 ([11.5; 12.5])
    assert result.exit_code == 0, result.output
    assert '"verdict": "consistent"' in result.output
    assert '"vs": "2021-01-01/2021-12-15"' in result.output


def test_the_report_says_the_days(tmp_path: Path) -> None:
    folder = days_plan(tmp_path / "plan")
    result = runner.invoke(
        app, ["report", "--data", str(folder), "--period", "2022", "--lang", "vi"]
    )
    assert result.exit_code in (0, 1), result.output
    assert "từ đầu năm đến ngày 15/12/2022" in result.output
    assert "cùng kỳ năm 2021" in result.output
