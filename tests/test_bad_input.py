"""Bad input never crashes plan-kpi or silently changes a number.

tests/bad/ holds one small plan folder per kind of bad input, with
``expected.txt``: the exact stderr every command must print (paths relative
to the plan folder, which is the current folder). An optional ``args.txt``
gives the --data value when it is not the folder itself. Every command of the
app that takes --data runs every case: commands added later are covered
without touching this file (add their required arguments to EXTRA_ARGS).
tests/fine/ holds inputs that look odd but are fine (BOM and CRLF, a huge
exact number): exit 0 or 1 and nothing on stderr.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest
import typer
import yaml
from typer.main import get_command
from typer.testing import CliRunner

from plan_kpi.cli.app import app
from plan_kpi.cli.common import for_people
from plan_kpi.core.errors import PlanError
from plan_kpi.load.folder import load_plan

HERE = Path(__file__).resolve().parent
BAD = sorted(p.name for p in (HERE / "bad").iterdir() if p.is_dir())
FINE = sorted(p.name for p in (HERE / "fine").iterdir() if p.is_dir())

#: Arguments a command needs besides --data, to reach the loading of the plan (forms: its
#: folder, and a period, since the fine plans have no target ahead of their figures).
EXTRA_ARGS: dict[str, list[str]] = {
    "import": ["sheet.csv"],
    "show": ["industrial_output"],
    "forms": ["-o", "forms", "--period", "2021"],
}
#: Files those arguments name, for the fine cases (bad ones fail before reading them).
INPUTS: dict[str, dict[str, str]] = {
    "import": {"sheet.csv": "indicator,period,value\nindustrial_output,2022,66.620\n"}
}

runner = CliRunner()


def commands_with_data() -> list[str]:
    """Every registered command that reads a plan folder (has a --data option)."""
    group = get_command(app)
    commands = getattr(group, "commands", {})
    return sorted(
        name
        for name, command in commands.items()
        if any("--data" in getattr(param, "opts", ()) for param in command.params)
    )


COMMANDS = commands_with_data()


def test_the_commands_are_discovered() -> None:
    assert "check" in COMMANDS


def copy_case(group: str, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Copy the case into tmp_path, make it the current folder; the --data value."""
    folder = tmp_path / name
    shutil.copytree(HERE / group / name, folder)
    monkeypatch.chdir(folder)
    args = folder / "args.txt"
    return args.read_text(encoding="utf-8").strip() if args.exists() else "."


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def run_case(command: str, data: str) -> tuple[int, str, str]:
    return invoke(command, *EXTRA_ARGS.get(command, []), "--data", data)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", BAD)
def test_bad_input_exits_2_with_the_message(
    case: str, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run_case(command, copy_case("bad", case, tmp_path, monkeypatch))
    assert "Traceback" not in out + err
    assert (code, err) == (2, Path("expected.txt").read_text(encoding="utf-8"))
    assert out == ""


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", FINE)
def test_odd_but_fine_input_is_read(
    case: str, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = copy_case("fine", case, tmp_path, monkeypatch)
    for name, text in INPUTS.get(command, {}).items():
        Path(name).write_text(text, encoding="utf-8")
    code, out, err = run_case(command, data)
    assert err == ""
    assert code in (0, 1)
    assert out


def test_bom_and_crlf_read_as_the_same_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_case("fine", "bom-crlf", tmp_path, monkeypatch)
    code, out, _ = invoke("check", "--data", ".", "--format", "json")
    assert code == 1  # 61.005 of a target of 70.962: missed
    row = json.loads(out, parse_float=Decimal)["rows"][0]
    assert row["actual"] == Decimal(61005)
    assert row["attainment_pct"] == Decimal("85.97")
    assert row["name"] == "Giá trị sản xuất công nghiệp"  # no BOM, no \r


def test_a_huge_figure_is_read_exactly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy_case("fine", "huge-exact-number", tmp_path, monkeypatch)
    code, out, _ = invoke("check", "--data", ".", "--format", "json")
    assert code == 0  # 123…890,12 of a target of 10^29: met
    row = json.loads(out, parse_float=Decimal)["rows"][0]
    assert row["actual"] == Decimal("123456789012345678901234567890.123456789")
    # gap = 123456789012345678901234567890.123456789 − 100000000000000000000000000000
    assert row["gap"] == Decimal("23456789012345678901234567890.123456789")
    code, out, _ = invoke("check", "--data", ".", "--lang", "vi")
    assert "123.456.789.012.345.678.901.234.567.890,123456789" in out
    # the report's sentence writes the gap's size whole (abs() would round it to 28 digits)
    code, out, _ = invoke("report", "--data", ".", "--lang", "en")
    assert "Above the target by 23,456,789,012,345,678,901,234,567,890.123456789 " in out


def test_a_yaml_tag_that_runs_code_is_refused_without_running_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_case("bad", "python-object-tag", tmp_path, monkeypatch)
    code, _, err = invoke("check", "--data", ".")
    assert code == 2 and "!!python/object/apply:os.system" in err
    assert not Path("ran.txt").exists()
    # the payload is live: PyYAML's unsafe loader does run it
    with open("actuals/2021.yaml", encoding="utf-8") as handle:
        yaml.unsafe_load(handle)
    assert Path("ran.txt").read_text(encoding="utf-8").strip() == "ran"


def test_a_billion_laughs_fails_fast_in_bounded_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_case("bad", "alias-bomb", tmp_path, monkeypatch)
    # 9 levels of 9 aliases: 9**9 = 387,420,489 strings if expanded
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(PlanError) as raised:
        load_plan(Path("."))
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 2
    assert peak < 20 * 2**20
    message = str(raised.value)
    assert "lol" not in message  # the value is never printed, expanded or not
    assert len(message) < 2000


def test_the_installed_command_fails_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_case("bad", "yaml-tab-indent", tmp_path, monkeypatch)
    done = subprocess.run(
        [*plan_kpi_command(), "check", "--data", "."],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PLAN_KPI_LANG": "en"},  # expected.txt is English; the plan is vi
    )
    assert done.returncode == 2
    assert done.stderr == Path("expected.txt").read_text(encoding="utf-8")
    assert done.stdout == ""


def test_debug_shows_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy_case("bad", "unknown-key", tmp_path, monkeypatch)
    done = subprocess.run(
        [*plan_kpi_command(), "--debug", "check", "--data", "."],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback (most recent call last)" in done.stderr
    assert "plan_kpi.core.errors.PlanError: targets.yaml:9:5: unknown key 'taget'" in done.stderr
    assert done.returncode not in (0, 2)


def test_a_bug_is_reported_as_one_never_as_a_missed_target(
    seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("plan_kpi.engine.solving.derive", broken)
    code, out, err = invoke("check", "--data", str(seed))
    assert code == 2  # never 1, which means "a target missed"
    assert err.startswith("plan-kpi: internal error (ZeroDivisionError: division by zero)")
    assert "Traceback" not in err and out == ""
    result = runner.invoke(app, ["--debug", "check", "--data", str(seed)])
    assert isinstance(result.exception, ZeroDivisionError)


def test_a_commands_own_exit_code_is_not_taken_for_a_bug() -> None:
    # typer.Exit is an Exception, like the bugs for_people() reports with exit code 2
    with pytest.raises(typer.Exit) as raised, for_people():
        raise typer.Exit(1)
    assert raised.value.exit_code == 1


def plan_kpi_command() -> list[str]:
    exe = Path(sys.executable).parent / "plan-kpi"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "plan_kpi"]


def test_every_case_has_an_expected_message() -> None:
    for name in BAD:
        expected = (HERE / "bad" / name / "expected.txt").read_text(encoding="utf-8")
        lines = expected.splitlines()
        assert lines, name
        for line in lines:
            place, _, message = line.partition(": ")
            assert message and " — " in message, (name, line)  # what — how to fix
            assert place and not place.startswith(os.sep), (name, line)  # relative to the plan


def test_yaml_nulls_are_absent_under_the_c_loader(tmp_path: Path) -> None:
    """libyaml marks a plain scalar with style '' (the Python parser with None): null, ~ and
    an empty value must still read as no value, never as the texts 'null', '~' or ''."""
    assert yaml.__with_libyaml__, "plan-kpi reads YAML with libyaml's CSafeLoader"
    (tmp_path / "actuals").mkdir()
    (tmp_path / "targets.yaml").write_text(
        "plan: {id: t, title: T, locale: en}\n"
        "indicators:\n"
        "  - id: x\n"
        "    name: X\n"
        "    unit:\n"
        "    parent: null\n"
        '    targets: {2021: "10"}\n',
        encoding="utf-8",
    )
    (tmp_path / "actuals" / "2021.yaml").write_text(
        'period: 2021\nvalues:\n  x:\n    value: ~\n    stated: {target: "10"}\n',
        encoding="utf-8",
    )
    plan = load_plan(tmp_path)
    indicator = plan.by_id["x"]
    assert indicator.parent is None
    assert indicator.unit.get("en") == ""
    (actual,) = plan.actuals
    assert actual.value is None
    assert [s.relation for s in actual.statements] == ["target"]
