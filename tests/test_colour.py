"""The terminal table: status in colour on a terminal; no colour when piped or under NO_COLOR."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from plan_kpi.cli.app import app
from plan_kpi.core.periods import parse_period
from plan_kpi.engine.solving import derive
from plan_kpi.load.folder import load_plan
from plan_kpi.render.check import check_tabular
from plan_kpi.render.table import render_table
from plan_kpi.reports.check import build_check

_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def colour_codes(text: str) -> set[str]:
    """The colour parameters of every SGR escape (30–37, 90–97 and 38;… set a colour)."""
    found = set()
    for params in _SGR.findall(text):
        for param in params.split(";"):
            if param and (30 <= int(param) <= 38 or 90 <= int(param) <= 97):
                found.add(param)
    return found


def table_2021(seed: Path) -> str:
    plan = load_plan(seed)
    report = build_check(plan, derive(plan), parse_period("2021"))
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="standard", width=160)
    render_table(check_tabular(report, "en"), console=console)
    return out.getvalue()


def test_statuses_in_colour_on_a_terminal(seed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    out = table_2021(seed)
    assert re.search(r"\x1b\[[0-9;]*31m\s*missed", out)  # red
    assert re.search(r"\x1b\[[0-9;]*32m\s*met", out)  # green


def test_no_colour_under_no_color(seed: Path) -> None:
    out = table_2021(seed)  # conftest sets NO_COLOR
    assert colour_codes(out) == set()
    assert "missed" in out and "met" in out


def test_the_command_colours_a_forced_terminal(seed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    result = CliRunner().invoke(app, ["check", "--data", str(seed), "--lang", "en"])
    assert colour_codes(result.stdout) != set()
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(app, ["check", "--data", str(seed), "--lang", "en"])
    assert colour_codes(result.stdout) == set()
    assert "missed" in result.stdout


def test_piped_output_is_plain(seed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm-256color")
    result = CliRunner().invoke(app, ["check", "--data", str(seed)])  # not a terminal
    assert "\x1b[" not in result.stdout
