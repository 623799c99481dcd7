"""Pinned environment: fixed terminal width, no colour, the repository's seed plan."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(autouse=True)
def pinned_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("LINES", "50")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("PLAN_KPI_DATA", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture
def seed() -> Path:
    return SEED


@pytest.fixture
def plan_copy(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the seed plan."""
    target = tmp_path / "plan"
    shutil.copytree(SEED, target)
    yield target


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites it (then review the diff)."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}: run with UPDATE_GOLDEN=1 and review it"
    assert actual == path.read_text(encoding="utf-8")


def write_plan(
    folder: Path,
    values: dict[str, str],
    targets: dict[str, str],
    direction: str = "increase",
) -> Path:
    """A one-indicator plan (en locale): ``targets`` maps period to a value or 'growth:X'."""
    lines = [
        "plan: {id: test, title: Test plan, locale: en}",
        "indicators:",
        "  - id: x",
        "    name: X",
        "    unit: units",
        f"    direction: {direction}",
        "    targets:",
    ]
    for period, target in targets.items():
        if target.startswith("growth:"):
            lines.append(f'      "{period}": {{growth_pct: "{target[7:]}"}}')
        else:
            lines.append(f'      "{period}": "{target}"')
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for i, (period, value) in enumerate(values.items()):
        (folder / "actuals" / f"a{i}.yaml").write_text(
            f'period: "{period}"\nvalues:\n  x: "{value}"\n', encoding="utf-8"
        )
    return folder


def invoke_said(app: Any, *args: str, env: dict[str, str] | None = None) -> Any:
    """A command through CliRunner, in the language its run speaks: as plan-kpi's main()
    chooses it from the command line, the environment and the plan (cli.said)."""
    from typer.testing import CliRunner

    from plan_kpi.cli.said import SaidCommand, early_language

    before = SaidCommand.lang
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        SaidCommand.lang = early_language(list(args))
    try:
        return CliRunner().invoke(app, list(args), env=env)
    finally:
        SaidCommand.lang = before
