"""A terminal said to be narrower than any layout (COLUMNS=0, 1, …) still gets the output.

rich prints nothing at width 0, so ``COLUMNS=0 plan-kpi check`` printed
nothing and ``-o FILE`` wrote an empty file. Below the narrowest layout (40
columns) the output is laid out for 40 columns: one block per indicator.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_kpi.cli.app import app

runner = CliRunner()

#: every command that prints a rich table, with what its output must name
COMMANDS = {
    "check": ["check", "--period", "2021"],
    "audit": ["audit"],
    "outlook": ["outlook"],
    "show": ["show", "industrial_output"],
}


def output(args: list[str], columns: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", columns)
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


@pytest.mark.parametrize("columns", ["0", "1", "39"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_below_the_narrowest_layout_the_output_is_the_narrowest(
    command: str, columns: str, seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = [*COMMANDS[command], "--data", str(seed)]
    out = output(args, columns, monkeypatch)
    # the seed's first indicator, by its name (or, where a table still shows them, its id)
    assert "Industrial production" in out or "industrial_output" in out
    assert out == output(args, "40", monkeypatch)
    assert max(len(line) for line in out.splitlines()) <= 40


def test_the_file_written_under_columns_0_is_the_report(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "0")
    written = tmp_path / "check.txt"
    result = runner.invoke(
        app, ["check", "--data", str(seed), "--period", "2021", "--lang", "en", "-o", str(written)]
    )
    assert result.exit_code == 1  # the seed's 2021 targets: two missed
    text = written.read_text(encoding="utf-8")
    assert "Industrial production value" in text
    assert "Summary: met 1, missed 2" in text
