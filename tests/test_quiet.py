"""--quiet on every command: no output, only the exit code (errors still on stderr)."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from plan_kpi.cli.app import app

runner = CliRunner()


def test_every_command_has_quiet() -> None:
    command = typer.main.get_command(app)
    assert isinstance(command, typer.core.TyperGroup)
    assert command.commands, "no commands registered"
    for name, sub in command.commands.items():
        options = {opt for param in sub.params for opt in param.opts}
        assert {"--quiet", "-q"} <= options, f"plan-kpi {name} has no --quiet"


def test_check_quiet_prints_nothing_and_keeps_the_exit_code(seed: Path) -> None:
    loud = runner.invoke(app, ["check", "--data", str(seed), "--period", "2021"])
    assert loud.exit_code == 1 and loud.stdout  # industrial_output missed its 2021 target
    for flag in ("--quiet", "-q"):
        for fmt in ("table", "json", "csv"):
            result = runner.invoke(
                app, ["check", "--data", str(seed), "--period", "2021", "-f", fmt, flag]
            )
            assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")
    # 2022: nothing missed, nothing in yet: 1, and 0 only when missing figures are allowed
    waiting = runner.invoke(app, ["check", "--data", str(seed), "--period", "2022", "-q"])
    assert (waiting.exit_code, waiting.stdout) == (1, "")
    allowed = ["check", "--data", str(seed), "--period", "2022", "-q", "--allow-missing"]
    met = runner.invoke(app, allowed)
    assert (met.exit_code, met.stdout) == (0, "")


def test_quiet_does_not_stick_to_the_next_command(seed: Path) -> None:
    runner.invoke(app, ["check", "--data", str(seed), "-q"])
    result = runner.invoke(app, ["check", "--data", str(seed), "-f", "json"])
    assert result.stdout.startswith("{")


def test_quiet_keeps_error_messages_on_stderr(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--data", str(tmp_path / "nowhere"), "-q"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no such folder" in result.stderr


def test_schema_quiet() -> None:
    result = runner.invoke(app, ["schema", "targets", "-q"])
    assert (result.exit_code, result.stdout) == (0, "")
