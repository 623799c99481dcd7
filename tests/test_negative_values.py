"""Figures that are negative, 0 or change sign: no percentage that reads backwards.

A trade balance from −20 to −10 rose by 10; its ratio −10 / −20 = 50 % would
say "down 50 %". docs/data-format.md ("Calculated figures"): a percentage of
one level against another is defined when the base is positive and the other
level not negative; otherwise it is none, with the reason, and sentences word
the change by the sign of the difference.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import write_plan
from plan_kpi.cli.app import app
from plan_kpi.core import numbers as n

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout


def check_row(folder: Path, period: str) -> dict[str, Any]:
    code, out = run("check", "--data", str(folder), "--period", period, "--format", "json")
    assert code in (0, 1)
    row: dict[str, Any] = json.loads(out, parse_float=Decimal)["rows"][0]
    return row


@pytest.mark.parametrize(
    ("value", "base", "gap"),
    [
        ("10", "20", None),
        ("0", "20", None),  # 0 is 0 % of 20: a fall of 100 %
        ("10", "0", "base_zero"),
        ("-10", "-20", "base_negative"),
        ("10", "-20", "base_negative"),
        ("-10", "20", "value_negative"),
    ],
)
def test_the_rule(value: str, base: str, gap: str | None) -> None:
    assert n.ratio_gap(Decimal(value), Decimal(base)) == gap


@pytest.mark.parametrize(
    ("value", "base", "gap"),
    [
        ("-10", "-20", None),  # outlook's compound rates: sizes of a negative series
        ("0", "-20", None),
        ("10", "-20", "signs_differ"),
        ("-10", "20", "signs_differ"),
        ("10", "0", "base_zero"),
    ],
)
def test_the_rule_on_sizes(value: str, base: str, gap: str | None) -> None:
    assert n.ratio_gap(Decimal(value), Decimal(base), sizes=True) == gap


def test_a_rise_between_negatives_has_no_growth_and_no_attainment(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "p", {"2020": "-20", "2021": "-10"}, {"2021": "-10"})
    row = check_row(folder, "2021")
    # −10 / −20 = 50 %: "down 50 %" for a rise of 10; −10 / −10 = 100 % of a negative target
    assert row["growth_pct"] is None
    assert row["growth_reason"] == "previous_negative"
    assert row["attainment_pct"] is None
    assert row["attainment_reason"] == "target_negative"
    assert row["gap"] == Decimal(0)  # −10 − (−10): differences are always defined
    assert row["status"] == "met"  # −10 ≥ −10


def test_a_value_below_zero_over_a_positive_base_has_no_percentage(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "p", {"2020": "20", "2021": "-5"}, {"2021": "10"})
    row = check_row(folder, "2021")
    assert (row["growth_pct"], row["growth_reason"]) == (None, "actual_negative")
    assert (row["attainment_pct"], row["attainment_reason"]) == (None, "actual_negative")
    assert row["gap"] == Decimal(-15)  # −5 − 10
    assert row["status"] == "missed"


def test_a_fall_to_zero_is_a_fall_of_100_pct(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "p", {"2020": "20", "2021": "0"}, {"2021": "10"})
    row = check_row(folder, "2021")
    assert row["growth_pct"] == Decimal(-100)  # (0 / 20 − 1) × 100
    assert row["attainment_pct"] == Decimal(0)  # 0 / 10 × 100
    assert row["growth_reason"] is None and row["attainment_reason"] is None


def test_required_growth_from_a_negative_actual_is_none_with_the_reason(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "p", {"2021": "-10"}, {"2022": "-2"})
    row = check_row(folder, "2022")
    # (−2 / −10 − 1) × 100 = −80 %: "80 % below" a level it is above
    assert row["required_growth_pct"] is None
    assert row["required_growth_reason"] == "base_negative"
    assert row["latest_period"] == "2021"


def test_the_report_words_a_change_by_its_difference(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "p", {"2020": "-20", "2021": "-10"}, {"2022": "-2"})
    _, out = run("report", "--data", str(folder), "--period", "2021", "--lang", "en")
    # −10 − (−20) = +10; −2 − (−10) = +8
    assert "X reached -10 units, up 10 units on 2020." in out
    assert "X: target -2 units, 8 units above the 2021 level (-10 units)." in out
    assert "50.00" not in out and "80.00" not in out
    _, out = run("report", "--data", str(folder), "--period", "2021", "--lang", "vi")
    assert "X đạt -10 units, tăng 10 units so với năm 2020." in out
    assert "X: kế hoạch -2 units, cao hơn mức thực hiện năm 2021 (-10 units) 8 units." in out


def test_a_fall_across_zero_is_worded_by_its_difference(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "p", {"2020": "5", "2021": "-3"}, {"2021": "1"})
    _, out = run("report", "--data", str(folder), "--period", "2021", "--lang", "en")
    # −3 − 5 = −8; the target 1 is missed by 1 − (−3) = 4
    assert "X reached -3 units, down 8 units on 2020. Short of the target by 4 units." in out
    assert "% of the target" not in out


def test_a_negative_series_shows_no_percentage_in_the_table(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "p", {"2020": "-20", "2021": "-10"}, {"2021": "-10"})
    _, out = run("check", "--data", str(folder), "--period", "2021", "--lang", "en")
    assert "50.00" not in out and "100.00" not in out
    _, out = run("check", "--data", str(folder), "--period", "2021", "--format", "csv")
    header, line = out.splitlines()[:2]
    cells = dict(zip(header.split(","), line.split(","), strict=True))
    assert (cells["growth_pct"], cells["attainment_pct"]) == ("", "")
