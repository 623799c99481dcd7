"""The outlook builder on small hand-computed plans: every category of both methods.

Each case states its arithmetic in a comment; expected values are that
arithmetic (checked with bc), never output of plan-kpi pasted back.
Most cases use base 2019 = 100 and latest 2021 = 121 (observed CAGR
1.21^(1/2) − 1 = 10 %) or latest 2021 = 81 (observed −10 %), and a 2023
target: two years ahead of the latest, four after the base.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import write_plan
from plan_kpi.core import numbers as n
from plan_kpi.engine.solving import derive
from plan_kpi.load.folder import load_plan
from plan_kpi.reports.figures import Amount
from plan_kpi.reports.outlook import (
    Method,
    OutlookReport,
    OutlookRow,
    build_outlook,
    classify_statcan,
    classify_unsd,
)


def outlook(
    tmp_path: Path,
    values: dict[str, str],
    targets: dict[str, str],
    method: Method = "unsd",
    direction: str = "increase",
) -> OutlookReport:
    plan = load_plan(write_plan(tmp_path / "plan", values, targets, direction))
    return build_outlook(plan, derive(plan), method)


def only_row(report: OutlookReport) -> OutlookRow:
    assert len(report.rows) == 1, report.rows
    return report.rows[0]


def shown(amount: Amount | None) -> Decimal | None:
    """The figure as printed (half-up to its places)."""
    return None if amount is None else amount.rounded


def codes(row: OutlookRow) -> list[str]:
    return [note.code for note in row.notes]


UP = {"2019": "100", "2021": "121"}
DOWN = {"2019": "100", "2021": "81"}


# --- unsd: progress ratio = (projected − base) / (target − base) ---------------------------


@pytest.mark.parametrize(
    ("values", "target", "direction", "category", "ratio"),
    [
        # projected 121 × 1.1² = 146.41 = the target: ratio 1
        (UP, "146.41", "increase", "on_track", Decimal("1.0000")),
        # (146.41 − 100) / (200 − 100) = 0.4641
        (UP, "200", "increase", "acceleration_needed", Decimal("0.4641")),
        # projected 81 × 0.9² = 65.61: (65.61 − 100) / (120 − 100) = −1.7195
        (DOWN, "120", "increase", "regression", Decimal("-1.7195")),
        # decrease: projected 65.61 = the target
        (DOWN, "65.61", "decrease", "on_track", Decimal("1.0000")),
        # (65.61 − 100) / (50 − 100) = 0.6878
        (DOWN, "50", "decrease", "acceleration_needed", Decimal("0.6878")),
        # rising when it should fall: (146.41 − 100) / (80 − 100) = −2.3205
        (UP, "80", "decrease", "regression", Decimal("-2.3205")),
    ],
)
def test_unsd_categories(
    tmp_path: Path,
    values: dict[str, str],
    target: str,
    direction: str,
    category: str,
    ratio: Decimal,
) -> None:
    row = only_row(outlook(tmp_path, values, {"2023": target}, "unsd", direction))
    assert row.category == category
    assert shown(row.progress_ratio) == ratio
    assert row.base_period is not None and str(row.base_period) == "2019"
    assert row.latest_period is not None and str(row.latest_period) == "2021"


def test_unsd_figures_of_a_row(tmp_path: Path) -> None:
    row = only_row(outlook(tmp_path, UP, {"2023": "200"}))
    assert shown(row.observed_cagr_pct) == Decimal("10.00")  # 1.21^(1/2) − 1
    # (200 / 121)^(1/2) − 1 = 1.2856487 − 1
    assert shown(row.required_cagr_pct) == Decimal("28.56")
    assert shown(row.projected) == Decimal("146.4")  # 121 × 1.1², one decimal more than 121
    assert row.required_cagr_from_base_pct is None


@pytest.mark.parametrize(
    ("values", "target", "direction"),
    [(UP, "120", "increase"), (DOWN, "90", "decrease")],
)
@pytest.mark.parametrize(
    ("method", "achieved"), [("unsd", "achieved"), ("statcan", "target_achieved")]
)
def test_latest_already_meets_the_target(
    tmp_path: Path,
    values: dict[str, str],
    target: str,
    direction: str,
    method: Method,
    achieved: str,
) -> None:
    report = outlook(tmp_path, values, {"2023": target}, method, direction)
    row = only_row(report)
    assert row.category == achieved
    assert row.progress_ratio is None
    assert report.exit_code == 0


@pytest.mark.parametrize(
    ("values", "target", "direction", "required"),
    [
        # plan-kpi init's traffic accidents: 112 in 2024, at most 115 in 2025;
        # 115 / 112 − 1 = 0.0267857
        ({"2024": "112"}, {"2025": "115"}, "decrease", Decimal("2.68")),
        # 20 in 2021 against 10 in 2022: 10 / 20 − 1 = −0.5
        ({"2021": "20"}, {"2022": "10"}, "increase", Decimal("-50.00")),
    ],
)
@pytest.mark.parametrize(
    ("method", "achieved"), [("unsd", "achieved"), ("statcan", "target_achieved")]
)
def test_a_single_actual_that_already_meets_a_later_target(
    tmp_path: Path,
    values: dict[str, str],
    target: dict[str, str],
    direction: str,
    required: Decimal,
    method: Method,
    achieved: str,
) -> None:
    report = outlook(tmp_path, values, target, method, direction)
    row = only_row(report)
    assert row.category == achieved
    (latest,) = values
    assert str(row.latest_period) == latest
    # one actual makes no trend: no observed rate, projection or ratio
    assert row.observed_cagr_pct is None
    assert row.projected is None
    assert row.progress_ratio is None
    assert shown(row.required_cagr_pct) == required
    assert report.exit_code == 0


@pytest.mark.parametrize("method", ["unsd", "statcan"])
def test_fewer_than_two_actuals_is_insufficient_data(tmp_path: Path, method: Method) -> None:
    report = outlook(tmp_path, {"2021": "121"}, {"2023": "150"}, method)
    row = only_row(report)
    assert row.category == "insufficient_data"
    assert codes(row) == ["one_actual"]
    assert row.observed_cagr_pct is None
    # what it takes all the same: (150 / 121)^(1/2) − 1 = 1.1134044 − 1
    assert shown(row.required_cagr_pct) == Decimal("11.34")
    assert report.exit_code == 1


def test_no_actual_at_all(tmp_path: Path) -> None:
    row = only_row(outlook(tmp_path, {}, {"2023": "150"}))
    assert row.category == "insufficient_data"
    assert codes(row) == ["no_actual"]
    assert row.latest is None


def test_part_year_figures_alone_make_no_trend_for_a_later_year(tmp_path: Path) -> None:
    row = only_row(outlook(tmp_path, {"2021-01/2021-11": "1016"}, {"2023": "1500"}))
    assert row.category == "insufficient_data"
    assert codes(row) == ["no_comparable"]


def test_a_past_target_is_judged_by_its_own_periods_actual(tmp_path: Path) -> None:
    report = outlook(tmp_path, UP, {"2020": "105", "2021": "150", "2023": "146.41"})
    # 2020 has no actual of its own: 105 is met by the later 121;
    # 2021: 150 missed by 2021's own 121
    assert [(str(r.target_period), r.category) for r in report.rows] == [
        ("2020", "achieved"),
        ("2021", "missed"),
        ("2023", "on_track"),
    ]
    missed = report.rows[1]
    assert str(missed.latest_period) == "2021"
    assert codes(missed) == ["past_missed"]
    assert report.exit_code == 1


@pytest.mark.parametrize("method", ["unsd", "statcan"])
def test_a_missed_target_is_not_achieved_by_a_later_actual(tmp_path: Path, method: Method) -> None:
    # 90 against 100 in 2021 (check: missed); 110 in 2022 does not undo it
    report = outlook(tmp_path, {"2021": "90", "2022": "110"}, {"2021": "100"}, method)
    row = only_row(report)
    assert row.category == "missed"
    assert str(row.latest_period) == "2021"
    assert shown(row.latest) == Decimal("90")
    assert report.exit_code == 1


@pytest.mark.parametrize("method", ["unsd", "statcan"])
def test_a_past_stock_target_is_judged_by_the_balance_at_its_end(
    tmp_path: Path, method: Method
) -> None:
    values = {"2020-12-31": "70", "2021-12-31": "80", "2022-12-31": "120"}
    report = outlook(tmp_path, values, {"2021": "100"}, method)
    row = only_row(report)
    assert (row.kind, row.category) == ("stock", "missed")  # 80 on 31/12/2021 < 100
    assert str(row.latest_period) == "2021-12-31"


# --- statcan: R = observed CAGR / |CAGR required from the base| ------------------------------


@pytest.mark.parametrize(
    ("values", "target", "direction", "category", "ratio", "from_base"),
    [
        # required (146.41 / 100)^(1/4) − 1 = 10 %: R = 1
        (UP, "146.41", "increase", "substantial_progress", Decimal("1.0000"), Decimal("10.00")),
        # 1.6^(1/4) − 1 = 12.468 %: R = 0.1 / 0.124683 = 0.8020
        (UP, "160", "increase", "moderate_progress", Decimal("0.8020"), Decimal("12.47")),
        # 2^(1/4) − 1 = 18.921 %: R = 0.5285
        (UP, "200", "increase", "limited_progress", Decimal("0.5285"), Decimal("18.92")),
        # 1.2^(1/4) − 1 = 4.6635 %: R = −0.1 / 0.046635 = −2.1443
        (DOWN, "120", "increase", "deterioration", Decimal("-2.1443"), Decimal("4.66")),
        # decrease: 0.6561^(1/4) − 1 = −10 %: R = −1 × −0.1 / 0.1 = 1
        (DOWN, "65.61", "decrease", "substantial_progress", Decimal("1.0000"), Decimal("-10.00")),
        # 0.5^(1/4) − 1 = −15.910 %: R = 0.1 / 0.159104 = 0.6285
        (DOWN, "50", "decrease", "moderate_progress", Decimal("0.6285"), Decimal("-15.91")),
        # 0.3^(1/4) − 1 = −25.992 %: R = 0.3847
        (DOWN, "30", "decrease", "limited_progress", Decimal("0.3847"), Decimal("-25.99")),
        # 0.8^(1/4) − 1 = −5.4258 %: R = −1 × 0.1 / 0.054258 = −1.8430
        (UP, "80", "decrease", "deterioration", Decimal("-1.8430"), Decimal("-5.43")),
    ],
)
def test_statcan_categories(
    tmp_path: Path,
    values: dict[str, str],
    target: str,
    direction: str,
    category: str,
    ratio: Decimal,
    from_base: Decimal,
) -> None:
    row = only_row(outlook(tmp_path, values, {"2023": target}, "statcan", direction))
    assert row.category == category
    assert shown(row.progress_ratio) == ratio
    assert shown(row.required_cagr_from_base_pct) == from_base


@pytest.mark.parametrize(
    ("ratio", "category"),
    [
        ("0.95", "on_track"),
        ("0.9499", "acceleration_needed"),
        ("0.10", "acceleration_needed"),
        ("0.0999", "regression"),
        ("-3", "regression"),
    ],
)
def test_unsd_thresholds(ratio: str, category: str) -> None:
    assert classify_unsd(Decimal(ratio)) == category


@pytest.mark.parametrize(
    ("ratio", "category"),
    [
        ("0.95", "substantial_progress"),
        ("0.9499", "moderate_progress"),
        ("0.6", "moderate_progress"),
        ("0.5999", "limited_progress"),
        ("0", "limited_progress"),
        ("-0.0001", "deterioration"),
    ],
)
def test_statcan_thresholds(ratio: str, category: str) -> None:
    assert classify_statcan(Decimal(ratio)) == category


# --- edge cases: a stated reason, never a crash ----------------------------------------------


@pytest.mark.parametrize("method", ["unsd", "statcan"])
@pytest.mark.parametrize(
    ("values", "note"),
    [
        ({"2019": "0", "2021": "10"}, "zero_base"),
        ({"2019": "10", "2021": "0"}, "zero_latest"),
        ({"2019": "-5", "2021": "10"}, "sign_change"),
    ],
)
def test_values_without_a_compound_rate(
    tmp_path: Path, values: dict[str, str], note: str, method: Method
) -> None:
    row = only_row(outlook(tmp_path, values, {"2023": "20"}, method))
    assert row.category == "not_assessable"
    assert codes(row) == [note]
    assert row.observed_cagr_pct is None and row.progress_ratio is None


@pytest.mark.parametrize("method", ["unsd", "statcan"])
def test_a_pace_carried_beyond_any_decimal_is_a_stated_reason(
    tmp_path: Path, method: Method
) -> None:
    # 0,001 to 10^9 in a month is 10^144 a year; carried on to December 9998 (7.977 years
    # on) it is 10^(144 × 7.977), beyond the largest decimal (10^999999)
    values = {"2021-01": "0.001", "2021-02": "1,000,000,000"}
    row = only_row(outlook(tmp_path, values, {"9998-12": "10,000,000,000"}, method))
    assert row.category == "not_assessable"
    assert codes(row) == ["out_of_range"]
    assert row.projected is None


def test_a_fall_to_almost_nothing_projects_to_almost_nothing(tmp_path: Path) -> None:
    # 10^9 to 0,001 in a month: 10^-144 a year; 1 + CAGR rounds to 10^-40 at 40 digits, and
    # the projection, latest × (latest / base)^(years ahead / years observed), stays ≥ 0
    values = {"2021-01": "1,000,000,000", "2021-02": "0.001"}
    row = only_row(outlook(tmp_path, values, {"9998-12": "10,000,000,000"}))
    # (0 − 10^9) / (10^10 − 10^9) = −0.1111
    assert (row.category, shown(row.progress_ratio)) == ("regression", Decimal("-0.1111"))
    assert shown(row.projected) == Decimal("0.000")


@pytest.mark.parametrize(
    ("method", "category"), [("unsd", "regression"), ("statcan", "deterioration")]
)
def test_target_equal_to_the_base(tmp_path: Path, method: Method, category: str) -> None:
    # base 100 met the target 100; the latest 90 has moved away from it
    row = only_row(outlook(tmp_path, {"2019": "100", "2021": "90"}, {"2023": "100"}, method))
    assert row.category == category
    assert "base_met" in codes(row)
    assert row.progress_ratio is None


def test_negative_values_unsd(tmp_path: Path) -> None:
    # base −100, latest −81: (−81 / −100)^(1/2) − 1 = −10 % a year in size, rising toward 0.
    # projected −81 × 0.81 = −65.61; (−65.61 + 100) / (−50 + 100) = 0.6878
    row = only_row(outlook(tmp_path, {"2019": "-100", "2021": "-81"}, {"2023": "-50"}))
    assert row.category == "acceleration_needed"
    assert shown(row.progress_ratio) == Decimal("0.6878")
    assert shown(row.observed_cagr_pct) == Decimal("-10.00")


def test_negative_values_statcan_flip_the_direction(tmp_path: Path) -> None:
    # required (−50 / −100)^(1/4) − 1 = −15.910 %; R = (−1) × (+1) × (−0.1) / 0.159104 = 0.6285
    row = only_row(outlook(tmp_path, {"2019": "-100", "2021": "-81"}, {"2023": "-50"}, "statcan"))
    assert row.category == "moderate_progress"
    assert shown(row.progress_ratio) == Decimal("0.6285")
    assert "negative_values" in codes(row)


def test_a_target_of_zero(tmp_path: Path) -> None:
    # decrease to 0: no compound rate reaches 0 (required undefined), but the projection
    # does approach it: (65.61 − 100) / (0 − 100) = 0.3439
    row = only_row(outlook(tmp_path, DOWN, {"2023": "0"}, "unsd", "decrease"))
    assert row.category == "acceleration_needed"
    assert shown(row.progress_ratio) == Decimal("0.3439")
    assert row.required_cagr_pct is None
    assert codes(row) == ["target_sign"]
    statcan = only_row(outlook(tmp_path / "s", DOWN, {"2023": "0"}, "statcan", "decrease"))
    assert statcan.category == "not_assessable"
    assert "target_sign_base" in codes(statcan)


# --- growth targets --------------------------------------------------------------------------


def test_growth_target_over_the_latest_actual_implies_a_level(tmp_path: Path) -> None:
    # 2022: +9.2 % over 2021 (121): implied target 121 × 1.092 = 132.132, required 9.2 %;
    # projected 121 × 1.1 = 133.1; (133.1 − 100) / (132.132 − 100) = 1.0301
    row = only_row(outlook(tmp_path, UP, {"2022": "growth:9.2"}))
    assert row.category == "on_track"
    assert row.target is not None and row.target.derived
    assert row.target.value == Decimal("132.132")
    assert str(row.target.relation) == "target 2022 = value 2021 × (1 + growth_pct 2022)"
    assert shown(row.target_growth_pct) == Decimal("9.20")
    assert shown(row.required_cagr_pct) == Decimal("9.20")
    assert shown(row.progress_ratio) == Decimal("1.0301")
    # statcan: (132.132 / 100)^(1/3) − 1 = 9.7327 %; R = 0.1 / 0.097327 = 1.0275
    statcan = only_row(outlook(tmp_path / "s", UP, {"2022": "growth:9.2"}, "statcan"))
    assert statcan.category == "substantial_progress"
    assert shown(statcan.progress_ratio) == Decimal("1.0275")


def test_growth_target_without_the_year_it_grows_from(tmp_path: Path) -> None:
    # 2023: +9.2 % over 2022, which has no value: no level to project against (unsd);
    # statcan compares rates directly: R = 0.10 / 0.092 = 1.0870
    row = only_row(outlook(tmp_path, UP, {"2023": "growth:9.2"}))
    assert row.category == "not_assessable"
    assert codes(row) == ["growth_no_level"]
    assert row.notes[0].args == {"previous": "2022"}
    assert row.target is None
    assert shown(row.required_cagr_pct) == Decimal("9.20")
    assert shown(row.observed_cagr_pct) == Decimal("10.00")
    statcan = only_row(outlook(tmp_path / "s", UP, {"2023": "growth:9.2"}, "statcan"))
    assert statcan.category == "substantial_progress"
    assert shown(statcan.progress_ratio) == Decimal("1.0870")
    assert "growth_rate_required" in codes(statcan)


def test_a_stock_grows_from_the_same_date_a_year_earlier(tmp_path: Path) -> None:
    # 2022: +10 % over the balance on 2021-12-31 (110): implied 121; observed 10 % a year,
    # projected 110 × 1.1 = 121: ratio (121 − 100) / (121 − 100) = 1
    values = {"2020-12-31": "100", "2021-12-31": "110"}
    row = only_row(outlook(tmp_path, values, {"2022": "growth:10"}))
    assert row.kind == "stock"
    assert row.target is not None and row.target.value == Decimal("121")
    assert str(row.target.relation) == "target 2022 = value 2021-12-31 × (1 + growth_pct 2022)"
    assert row.category == "on_track"
    assert shown(row.progress_ratio) == Decimal("1.0000")


# --- in-year periods ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "direction", "category"),
    [
        # pro-rata share: 1200 × 11 / 12 = 1100
        ("1100", "increase", "on_track"),
        ("1099", "increase", "behind"),
        ("1099", "decrease", "on_track"),
        ("1101", "decrease", "behind"),
    ],
)
def test_part_year_flow_against_its_pro_rata_share(
    tmp_path: Path, value: str, direction: str, category: str
) -> None:
    values = {"2020": "1000", "2021-01/2021-11": value}
    row = only_row(outlook(tmp_path, values, {"2021": "1200"}, "unsd", direction))
    assert row.category == category
    assert row.kind == "flow"
    assert row.pro_rata_target is not None and row.pro_rata_target.value == Decimal("1100")
    assert row.latest_period is not None and str(row.latest_period) == "2021-01/2021-11"
    assert row.notes[0].code == "in_year_flow"
    assert row.notes[0].args["months"] == "11"


@pytest.mark.parametrize(("target", "category"), [("120", "behind"), ("105", "on_track")])
def test_part_year_stock_against_the_whole_target(
    tmp_path: Path, target: str, category: str
) -> None:
    values = {"2020-12-31": "100", "2021-06-30": "110"}
    row = only_row(outlook(tmp_path, values, {"2021": target}, "statcan"))
    assert row.kind == "stock"
    assert row.category == category
    assert row.pro_rata_target is not None and row.pro_rata_target.value == Decimal(target)
    assert codes(row) == ["in_year_stock"]


def test_stock_trend_over_fractions_of_a_year(tmp_path: Path) -> None:
    # 2020-12-31 → 2021-10-31 is 10/12 of a year: observed 1.1^(12/10) − 1 = 12.1169 %;
    # to 2022-12-31 is 14/12: projected 110 × 1.1^(1.2 × 14/12) = 110 × 1.1^1.4 = 125.70;
    # (125.702 − 100) / (130 − 100) = 0.8567
    values = {"2020-12-31": "100", "2021-10-31": "110"}
    row = only_row(outlook(tmp_path, values, {"2022": "130"}))
    assert row.kind == "stock"
    assert shown(row.observed_cagr_pct) == Decimal("12.12")
    assert shown(row.projected) == Decimal("125.7")
    assert shown(row.progress_ratio) == Decimal("0.8567")
    assert row.category == "acceleration_needed"


def test_exit_code_is_1_unless_every_target_is_achieved_or_on_track(tmp_path: Path) -> None:
    assert outlook(tmp_path, UP, {"2023": "146.41"}).exit_code == 0
    assert outlook(tmp_path / "b", UP, {"2023": "200"}).exit_code == 1


def test_percentages_round_half_up(tmp_path: Path) -> None:
    # a growth of exactly 0.125 % shows as 0.13 (half-up), not 0.12 (half-even)
    row = only_row(outlook(tmp_path, {"2020": "100000", "2021": "100125"}, {"2022": "200000"}))
    assert row.observed_cagr_pct is not None
    assert n.round_half_up(row.observed_cagr_pct.value, 2) == Decimal("0.13")


def test_every_note_and_category_has_words_in_both_languages() -> None:
    import re
    from typing import get_args

    from plan_kpi.render.outlook import REASONS
    from plan_kpi.reports import outlook as module
    from plan_kpi.reports.outlook import Category
    from plan_kpi.say.vocabulary import CATEGORIES, say

    source = Path(module.__file__).read_text(encoding="utf-8")
    note_codes = set(re.findall(r'Note\(code="(\w+)"', source)) | {"zero_base", "zero_latest"}
    assert len(note_codes) > 10
    for code in note_codes:  # each says something, and something else in each language
        assert say(REASONS[code], "vi") != say(REASONS[code], "en"), code
    for category in get_args(Category):
        assert say(CATEGORIES[category], "vi") != say(CATEGORIES[category], "en"), category
