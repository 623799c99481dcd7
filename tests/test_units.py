"""Units at a scale: "US$180,8 million" inside a breakdown in billions, converted exactly.

Expected values are hand arithmetic written in comments, never output of plan-kpi
pasted back.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from plan_kpi.cli.app import app
from plan_kpi.core.errors import PlanError
from plan_kpi.core.periods import parse_period
from plan_kpi.core.units import Unit, factor, read_unit
from plan_kpi.engine.quantities import Level
from plan_kpi.engine.solving import derive
from plan_kpi.load.folder import load_plan

D = Decimal
runner = CliRunner()


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("tỷ đồng", Unit(9, "đồng")),
        ("nghìn tỷ đồng", Unit(12, "đồng")),  # 10³ × 10⁹
        ("triệu USD", Unit(6, "usd")),
        ("billion VND", Unit(9, "vnd")),
        ("VND billion", Unit(9, "vnd")),  # the scale after the unit, as English writes it
        ("ngàn tấn", Unit(3, "tấn")),
        ("USD", Unit(0, "usd")),
        ("%", Unit(0, "%")),
    ],
)
def test_units_are_scales_of_a_base(text: str, unit: Unit) -> None:
    assert read_unit(text) == unit


@pytest.mark.parametrize(
    ("given", "own", "expected"),
    [
        ("triệu USD", "tỷ USD", D("0.001")),  # 10⁶ / 10⁹
        ("nghìn tỷ đồng", "tỷ đồng", D(1000)),
        ("VND million", "billion VND", D("0.001")),
        ("USD", "triệu USD", D("0.000001")),
        ("tỷ đồng", "tỷ đồng", D(1)),
        ("triệu USD", "tỷ đồng", None),  # another currency: no conversion
        ("triệu tấn", "tỷ đồng", None),
    ],
)
def test_a_unit_converts_by_a_power_of_ten(given: str, own: str, expected: Decimal | None) -> None:
    assert factor(given, own) == expected


PLAN = """\
plan: {id: trade, title: Xuất khẩu, locale: vi}
indicators:
  - id: exports
    name: {vi: Kim ngạch xuất khẩu, en: Exports}
    unit: {vi: tỷ USD, en: billion USD}
  - {id: exports.goods, name: {vi: Hàng hóa, en: Goods}, parent: exports}
  - {id: exports.services, name: {vi: Dịch vụ, en: Services}, parent: exports}
"""


def trade(folder: Path, total: str, services: str, plan: str = PLAN) -> Path:
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_text(plan, encoding="utf-8")
    (folder / "actuals" / "2022.yaml").write_text(
        "period: 2022\nlocale: vi\nvalues:\n"
        f'  exports: "{total}"\n'
        '  exports.goods: "1,3192"\n'
        f"  exports.services:\n{services}",
        encoding="utf-8",
    )
    return folder


SERVICES = '    value: "180,8"\n    unit: triệu USD\n    stated: {previous: "168,7"}\n'


def audit(folder: Path) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["audit", "--data", str(folder), "-f", "json"])
    code, out, err = result.exit_code, result.stdout, result.stderr
    assert code in (0, 1), err
    rows: list[dict[str, Any]] = json.loads(out, parse_float=D)["rows"]
    return rows


def test_a_value_in_millions_is_its_thousandth_in_billions(tmp_path: Path) -> None:
    plan = load_plan(trade(tmp_path / "p", "1,5", SERVICES))
    known = derive(plan).known
    services = known[Level("value", "exports.services", parse_period("2022"))]
    # 180,8 triệu USD = 180,8 / 1000 tỷ USD = 0,1808, ± 0,05 / 1000 = ± 0,00005
    assert services.point == D("0.1808")
    assert (services.interval.low, services.interval.high) == (D("0.18075"), D("0.18085"))
    # its printed previous in the same unit: 168,7 triệu USD = 0,1687 tỷ
    before = known[Level("value", "exports.services", parse_period("2021"))]
    assert before.point == D("0.1687")


def test_the_parts_add_up_in_the_parents_unit(tmp_path: Path) -> None:
    rows = audit(trade(tmp_path / "p", "1,5", SERVICES))
    (row,) = [r for r in rows if r["relation"] == "sum" and r["period"] == "2022"]
    # 1,3192 + 0,1808 = 1,5000 tỷ USD, in 1,5's [1,45; 1,55]
    assert (row["verdict"], row["computed"]) == ("consistent", D("1.5000"))


def test_a_total_the_converted_parts_miss(tmp_path: Path) -> None:
    rows = audit(trade(tmp_path / "p", "1,6", SERVICES))
    (row,) = [r for r in rows if r["relation"] == "sum" and r["period"] == "2022"]
    # 1,5000 ± 0,0001 against 1,6's [1,55; 1,65]: 180,8 read as tỷ would give 182,1192
    assert row["verdict"] == "inconsistent"


def test_check_shows_the_converted_value_and_its_growth(tmp_path: Path) -> None:
    folder = trade(tmp_path / "p", "1,5", SERVICES)
    result = runner.invoke(app, ["check", "--data", str(folder), "--period", "2022", "-f", "json"])
    rows = {row["indicator"]: row for row in json.loads(result.stdout, parse_float=D)["rows"]}
    services = rows["exports.services"]
    # 0,1808 tỷ USD; 180,8 / 168,7 − 1 = 0,0717249…: 7,17 %
    assert (services["actual"], services["previous"]) == (D("0.1808"), D("0.1687"))
    assert services["growth_pct"] == D("7.17")


def test_the_audit_shows_the_unit_a_figure_was_typed_in(tmp_path: Path) -> None:
    folder = trade(tmp_path / "p", "1,5", SERVICES)
    result = runner.invoke(app, ["audit", "--data", str(folder), "--explain", "--lang", "vi"])
    said = " ".join(result.stdout.split())  # as the terminal wraps it, on one line
    # the parts in the parent's unit, the printed figure as printed, with its unit
    assert "1,3192 + 0,1808 = 1,5" in said
    assert "Dịch vụ số thực hiện 180,8 triệu USD (" in said


def test_csv_actuals_take_a_unit_column(tmp_path: Path) -> None:
    folder = trade(tmp_path / "p", "1,5", SERVICES)
    (folder / "actuals" / "2022.yaml").unlink()
    (folder / "actuals" / "2022.csv").write_text(
        "indicator,period,value,unit\n"
        'exports,2022,"1,5",\n'
        'exports.goods,2022,"1,3192",\n'
        'exports.services,2022,"180,8",triệu USD\n',
        encoding="utf-8",
    )
    plan = load_plan(folder)
    known = derive(plan).known
    assert known[Level("value", "exports.services", parse_period("2022"))].point == D("0.1808")


@pytest.mark.parametrize(
    ("services", "message"),
    [
        (
            '    value: "180,8"\n    unit: triệu đồng\n',
            "the unit 'triệu đồng' is not the indicator's unit 'tỷ USD' at another scale ('đồng' "
            "is not 'usd')",
        ),
        (
            '    value: "180,8"\n    unit: tỷ USD/năm\n',
            "('usd/năm' is not 'usd')",
        ),
    ],
)
def test_units_of_another_currency_are_errors(tmp_path: Path, services: str, message: str) -> None:
    folder = trade(tmp_path / "p", "1,5", services)
    with pytest.raises(PlanError) as raised:
        load_plan(folder)
    said = str(raised.value)
    assert "actuals/2022.yaml:8:" in said and message in said, said


def test_a_unit_for_an_indicator_without_one(tmp_path: Path) -> None:
    plan = PLAN.replace("    unit: {vi: tỷ USD, en: billion USD}\n", "")
    folder = trade(tmp_path / "p", "1,5", '    value: "180,8"\n    unit: triệu USD\n', plan)
    with pytest.raises(PlanError, match="the indicator has no unit"):
        load_plan(folder)
