"""A reader that stops reading is not a verdict: the exit code is the report's.

``plan-kpi check | head -1`` exited 1 ("a target missed") when every target
was met: rich ends the process with 1 on a closed pipe, and plain output hit
Python's own exit 120 or an "internal error". The rest of the output is now
dropped, nothing is said on stderr, and the exit code is 0, 1 or 2 as the
report says (README, exit codes). The installed command, through real pipes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ALL_MET = HERE / "fine" / "huge-exact-number"  # its one target is met


def plan_kpi() -> list[str]:
    exe = Path(sys.executable).parent / "plan-kpi"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "plan_kpi"]


def environment(buffered: bool = True) -> dict[str, str]:
    env = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1"}
    env.pop("PLAN_KPI_DATA", None)
    if buffered:
        env.pop("PYTHONUNBUFFERED", None)
    else:
        env["PYTHONUNBUFFERED"] = "1"
    return env


def into_closed_pipe(args: list[str], buffered: bool = True) -> tuple[int, str]:
    """Run plan-kpi writing into a pipe whose reader has already gone: exit code, stderr."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [*plan_kpi(), *args],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env=environment(buffered),
            check=False,
        )
    finally:
        os.close(write)
    return done.returncode, done.stderr


@pytest.mark.parametrize("buffered", [True, False])
@pytest.mark.parametrize("output_format", ["table", "json", "csv"])
def test_every_target_met_exits_0_into_a_closed_pipe(output_format: str, buffered: bool) -> None:
    args = ["check", "--data", str(ALL_MET), "--format", output_format]
    assert into_closed_pipe(args, buffered) == (0, "")


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--period", "2021"],  # 2021: two targets missed
        ["report", "--period", "2021"],
        ["show", "industrial_output"],  # its 2021 target missed
    ],
)
def test_a_missed_target_exits_1_into_a_closed_pipe(args: list[str], seed: Path) -> None:
    assert into_closed_pipe([*args, "--data", str(seed)]) == (1, "")


def test_the_version_exits_0_into_a_closed_pipe() -> None:
    assert into_closed_pipe(["--version"]) == (0, "")


def test_check_into_head_exits_as_the_verdict(tmp_path: Path) -> None:
    # 2.000 indicators, each with its target met: a table far longer than a pipe holds
    lines = ["plan: {id: big, title: Big, locale: en}", "indicators:"]
    values = ["period: 2021", "values:"]
    for i in range(2000):
        lines.append(f'  - {{id: x{i}, name: "Indicator {i}", targets: {{2021: "10"}}}}')
        values.append(f'  x{i}: "11"')
    (tmp_path / "actuals").mkdir()
    (tmp_path / "targets.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "actuals" / "2021.yaml").write_text("\n".join(values) + "\n", encoding="utf-8")
    command = " ".join(plan_kpi())
    done = subprocess.run(
        ["bash", "-c", f'set -o pipefail; {command} check --data "$1" | head -1', "-", tmp_path],
        capture_output=True,
        text=True,
        env=environment(),
        check=False,
    )
    assert (done.returncode, done.stdout.rstrip(), done.stderr) == (0, "Big — 2021", "")
