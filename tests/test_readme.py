"""The README's script examples, run with bash against the installed command."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = r"<!-- {kind}: (?P<name>[\w-]+) -->\n```\w*\n(?P<body>.*?)```"


def blocks(kind: str) -> dict[str, str]:
    pattern = re.compile(BLOCK.format(kind=kind), re.S)
    return {m["name"]: m["body"] for m in pattern.finditer(README)}


EXAMPLES = blocks("example")
OUTPUTS = blocks("output")
BIN = Path(sys.executable).parent


def test_the_readme_has_its_examples() -> None:
    assert set(EXAMPLES) == {"exit-code", "jq", "not-yet"}
    assert set(OUTPUTS) == set(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_readme_example(name: str, tmp_path: Path) -> None:
    script = EXAMPLES[name]
    if "jq " in script and shutil.which("jq") is None:
        if os.environ.get("CI"):
            pytest.fail("jq is missing: .ci/run installs it; the README's jq example must run")
        pytest.skip("jq is not installed here (CI installs it): the README's jq example not run")
    if not (BIN / "plan-kpi").exists():
        pytest.skip(f"plan-kpi is not installed in {BIN}: pip install -e . first")
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "COLUMNS": "160",
        "NO_COLOR": "1",
    }
    env.pop("PLAN_KPI_DATA", None)
    # An empty folder: the examples run on the plan bundled with plan-kpi.
    done = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == OUTPUTS[name]
    assert done.stderr == ""


def test_shell_completion_knows_the_commands() -> None:
    if not (BIN / "plan-kpi").exists():
        pytest.skip(f"plan-kpi is not installed in {BIN}")
    env = {**os.environ, "_PLAN_KPI_COMPLETE": "complete_bash", "COMP_WORDS": "plan-kpi im"}
    done = subprocess.run(
        [str(BIN / "plan-kpi")],
        env={**env, "COMP_CWORD": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.split() == ["import"]
