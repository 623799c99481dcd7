"""The load's progress bar: on stderr, only on a terminal, only for a load that takes a while."""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plan_kpi.cli.progress import LoadProgress, plan_files


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plan_files_are_targets_then_actuals(seed: Path) -> None:
    files = plan_files(seed)
    assert files[0] == seed / "targets.yaml"
    assert seed / "actuals" / "2021-industry.yaml" in files


def test_a_bar_on_a_terminal_once_the_delay_is_over(
    seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "xterm")  # rich draws no bar on a dumb terminal
    stream = Terminal()
    progress = LoadProgress(plan_files(seed), stream, delay=0.0)
    deadline = time.monotonic() + 5
    while progress.bar is None and time.monotonic() < deadline:
        time.sleep(0.01)
    for path in plan_files(seed):
        progress.file_read(path)
    progress.deriving()
    progress.close()
    assert "Reading the plan" in stream.getvalue()
    assert progress.done == progress.total > 0


def test_no_bar_before_the_delay(seed: Path) -> None:
    stream = Terminal()
    progress = LoadProgress(plan_files(seed), stream, delay=60.0)
    for path in plan_files(seed):
        progress.file_read(path)
    progress.close()
    assert progress.bar is None
    assert stream.getvalue() == ""


def test_no_bar_when_not_a_terminal(seed: Path) -> None:
    stream = io.StringIO()
    progress = LoadProgress(plan_files(seed), stream, delay=0.0)
    progress.file_read(seed / "targets.yaml")
    progress.close()
    assert progress.timer is None
    assert stream.getvalue() == ""


def test_json_output_imports_no_rich(seed: Path) -> None:
    """Start-up is measured: neither the bar nor the table may load rich for JSON."""
    script = (
        "import sys\n"
        "from plan_kpi.cli.app import app\n"
        "try:\n"
        f"    app(['check', '--data', {str(seed)!r}, '--format', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(' '.join(m for m in sys.modules if m.split('.')[0] == 'rich'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("{")
    assert done.stderr == ""
