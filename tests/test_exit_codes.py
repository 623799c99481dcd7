"""Exit codes scripts can trust: 0 only when every target of the period has a figure that
meets it; a target without one, or with one that cannot be judged, is not met."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import write_plan
from plan_kpi.cli.app import app
from plan_kpi.reports.check import not_met

runner = CliRunner()


def code(folder: Path, *args: str, command: str = "check") -> int:
    result = runner.invoke(app, [command, "--data", str(folder), "--period", "2026", *args])
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code


@pytest.mark.parametrize("command", ["check", "report"])
@pytest.mark.parametrize(
    ("values", "expected", "allowing"),
    [
        ({"2026": "120"}, 0, 0),  # 120 ≥ 100: met
        ({"2026": "80"}, 1, 1),  # missed: --allow-missing does not change that
        ({"2025": "90"}, 1, 0),  # no 2026 figure yet: not met, unless allowed
        ({"2026-01/2026-11": "95"}, 1, 0),  # eleven months are not the year's figure
    ],
)
def test_a_target_without_its_figure_is_not_met(
    tmp_path: Path, command: str, values: dict[str, str], expected: int, allowing: int
) -> None:
    folder = write_plan(tmp_path / "plan", values, {"2026": "100"})
    assert code(folder, command=command) == expected
    assert code(folder, "--allow-missing", command=command) == allowing


def test_a_growth_target_that_cannot_be_judged_is_not_met(tmp_path: Path) -> None:
    # a 2026 value but no 2025 one: the growth the target asks for cannot be worked out
    folder = write_plan(tmp_path / "plan", {"2026": "120"}, {"2026": "growth:5"})
    assert code(folder) == 1
    assert code(folder, "--allow-missing") == 0


def test_a_period_with_nothing_missed_and_nothing_in(seed: Path) -> None:
    """The bundled plan's 2022: three targets, no figure yet (the issue's case)."""
    args = ["check", "--data", str(seed), "--period", "2022"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    # and says why: every target is a row without a figure
    counted = "đạt 0, không đạt 0, chưa có số liệu 3, chưa có số kỳ trước 0, không có kế hoạch 0"
    assert f"Tổng hợp: {counted}" in result.stdout
    assert runner.invoke(app, [*args, "--allow-missing"]).exit_code == 0


def test_which_statuses_keep_a_target_from_being_met() -> None:
    assert not not_met("met", allow_missing=False)
    assert not not_met("no_target", allow_missing=False)
    assert not_met("missed", allow_missing=True)
    for unjudged in ("no_actual", "no_previous"):  # no_previous: a growth without its base
        assert not_met(unjudged, allow_missing=False)
        assert not not_met(unjudged, allow_missing=True)
