"""plan-kpi check on the seed plan: figures against the document, exit codes, every format."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import ROOT, golden
from plan_kpi.cli.app import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def rows_by_id(output: str) -> dict[str, dict[str, Any]]:
    return {row["indicator"]: row for row in json.loads(output)["rows"]}


def test_2021_industrial_output_missed_vocational_met(seed: Path) -> None:
    code, out, _ = run("check", "--data", str(seed), "--period", "2021", "--format", "json")
    assert code == 1
    rows = rows_by_id(out)
    output = rows["industrial_output"]
    assert output["attainment_pct"] == 85.97  # printed "85,97 %" (chú thích 5)
    assert output["gap"] == -9957  # 61005 − 70962
    assert output["growth_pct"] == -7.81  # 92,19 % − 100
    assert output["previous"] == 66173.1  # 61005 / 0.9219
    assert output["previous_derived"] is True
    assert output["status"] == "missed"
    assert output["actual_status"] == "estimate"
    enrolment = rows["vocational_enrolment"]
    assert enrolment["attainment_pct"] == 101.19  # 15178 / 15000
    assert enrolment["gap"] == 178
    assert enrolment["status"] == "met"
    tax = rows["tax_revenue"]
    assert tax["status"] == "missed"
    assert tax["target_derived"] is True
    assert round(tax["target"]) == 7828894  # 6790000 / 0.8673
    assert tax["actual_status"] == "estimate"


def test_2022_required_growth(seed: Path) -> None:
    code, out, _ = run("check", "--data", str(seed), "--period", "2022", "--format", "json")
    assert code == 1  # no 2022 target has its figure yet: not met
    rows = rows_by_id(out)
    output = rows["industrial_output"]
    assert output["status"] == "no_actual"
    assert output["required_growth_pct"] == 9.20  # 66620 / 61005 − 1
    assert output["latest_period"] == "2021"
    assert rows["industrial_grdp"]["status"] == "no_actual"
    assert rows["industrial_grdp"]["target_growth_pct"] == 9.2
    assert rows["industrial_exports"]["target"] == 1185
    assert json.loads(out)["summary"] == {
        "met": 0,
        "missed": 0,
        "no_actual": 3,
        "no_previous": 0,
        "no_target": 0,
        "undecided": 0,
    }


def test_default_period_is_the_latest_year_with_an_actual(seed: Path) -> None:
    code, out, _ = run("check", "--data", str(seed), "--format", "json")
    assert json.loads(out)["period"] == "2021"
    assert code == 1


def test_indicator_filter(seed: Path) -> None:
    code, out, _ = run(
        "check", "--data", str(seed), "-i", "vocational_enrolment", "--format", "json"
    )
    assert code == 0
    assert list(rows_by_id(out)) == ["vocational_enrolment"]


def test_unknown_indicator_is_a_usage_error(seed: Path) -> None:
    code, out, err = run("check", "--data", str(seed), "-i", "industrial_outptu")
    assert code == 2
    assert "did you mean 'industrial_output'" in err
    assert out == ""


def test_bad_period_is_a_usage_error(seed: Path) -> None:
    code, _, err = run("check", "--data", str(seed), "--period", "2021-13")
    assert code == 2
    assert "--period" in err and "month 13" in err


def test_missing_folder(tmp_path: Path) -> None:
    code, _, err = run("check", "--data", str(tmp_path / "nowhere"))
    assert code == 2
    assert "no such folder" in err
    assert "Traceback" not in err


def test_table_golden(seed: Path) -> None:
    code, out, _ = run("check", "--data", str(seed), "--period", "2021", "--lang", "en")
    assert code == 1
    golden("check-2021-en.txt", out)
    assert "61,005" in out and "85.97" in out


def test_table_golden_vi(seed: Path) -> None:
    code, out, _ = run("check", "--data", str(seed), "--period", "2021", "--lang", "vi")
    assert code == 1
    golden("check-2021-vi.txt", out)
    assert "61.005" in out and "85,97" in out and "66.173,1" in out


def test_json_golden(seed: Path) -> None:
    _, out, _ = run("check", "--data", str(seed), "--period", "2021", "--format", "json")
    golden("check-2021.json", out)


def test_csv_golden_and_shape(seed: Path) -> None:
    _, out, _ = run(
        "check", "--data", str(seed), "--period", "2021", "--format", "csv", "--lang", "en"
    )
    golden("check-2021.csv", out)
    rows = list(csv.DictReader(io.StringIO(out)))
    output = next(r for r in rows if r["indicator"] == "industrial_output")
    assert output["attainment_pct"] == "85.97"
    assert output["gap"] == "-9957"
    assert output["status"] == "missed"


def test_a_growth_target_has_its_own_csv_column(seed: Path) -> None:
    _, out, _ = run("check", "--data", str(seed), "--period", "2022", "--format", "csv")
    rows = {r["indicator"]: r for r in csv.DictReader(io.StringIO(out))}
    # industrial GRDP: {growth_pct: "9,2"} for 2022, a rate, not a level in tỷ đồng
    assert (rows["industrial_grdp"]["target"], rows["industrial_grdp"]["target_growth_pct"]) == (
        "",
        "9.2",
    )
    assert rows["industrial_output"]["target"] == "66620"
    assert rows["industrial_output"]["target_growth_pct"] == ""


def installed(*args: str, cwd: str | None = None) -> subprocess.CompletedProcess[str]:
    """The installed plan-kpi command (python -m plan_kpi when there is none) in a subprocess."""
    env = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1"}
    exe = Path(sys.executable).parent / "plan-kpi"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "plan_kpi"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, env=env, cwd=cwd, check=False
    )


def test_installed_command_in_a_subprocess(seed: Path) -> None:
    done = installed("check", "--data", str(seed), "--period", "2022", "--format", "json")
    assert done.returncode == 1, done.stderr  # the 2022 targets have no figure yet
    assert rows_by_id(done.stdout)["industrial_output"]["required_growth_pct"] == 9.2
    done = installed("check", "--period", "2021", cwd="/")
    assert done.returncode == 1, done.stderr
    assert "85,97" in done.stdout


def test_bundled_plan_paths_do_not_show_where_plan_kpi_is_installed() -> None:
    # from /, every folder is inside the current one: relative paths would name the install
    done = installed("check", "--period", "2021", "--lang", "en", cwd="/")
    assert done.returncode == 1, done.stderr
    notes = done.stdout[done.stdout.index("\n[1] ") :]
    places = re.findall(r"\(([^()\s]+):(\d+)\)", notes)
    # tax_revenue's 2021 target is derived from chú thích 2's 86,73 %, typed on line 17
    assert ("plan_kpi/bundled/actuals/2021-tax.yaml", "17") in places
    assert all(file.startswith("plan_kpi/bundled/actuals/") for file, _ in places), places
    for leak in (str(ROOT), "site-packages", str(Path(sys.prefix))):
        assert leak not in done.stdout


def test_a_period_without_figures_is_a_usage_error(seed: Path) -> None:
    for command, what in (
        ("check", "figures"),
        ("audit", "figures to check"),
        ("report", "figures"),
    ):
        code, out, err = run(command, "--data", str(seed), "--period", "2099")
        assert (code, out) == (2, ""), command
        assert err.startswith(f"plan-kpi: no {what} for 2099 — periods with {what}: "), err
        assert "2021" in err and err.endswith("; give one with --period\n")
    code, _, err = run("check", "--data", str(seed), "--period", "2099", "-i", "industrial_output")
    assert code == 2
    assert "periods with figures: 2020, 2021, 2022;" in err  # industrial output's own


def test_json_check_loads_only_what_it_uses(seed: Path) -> None:
    """Start-up is measured: check --format json, run as the installed command runs, neither
    scans every installed package's entry points for pydantic plugins nor loads the rows and
    columns of the table and CSV (nor rich), nor the modules of the other commands, nor
    Babel's locale data (figures are written with say.display's copy of its symbols)."""
    code = (
        "import importlib.metadata, sys\n"
        "scans = []\n"
        "entry_points = importlib.metadata.entry_points\n"
        "def counted(**kwargs):\n"
        "    scans.append(kwargs)\n"
        "    return entry_points(**kwargs)\n"
        "importlib.metadata.entry_points = counted\n"
        "from plan_kpi.cli.app import main\n"
        f"sys.argv = ['plan-kpi', 'check', '--data', {str(seed)!r}, '--format', 'json']\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "unused = {'plan_kpi.render.tabular', 'plan_kpi.render.check', 'rich',\n"
        "          'plan_kpi.cli.audit', 'plan_kpi.cli.report', 'plan_kpi.cli.forms'}\n"
        "unused &= set(sys.modules)\n"
        "import babel.localedata\n"
        "sys.stderr.write(repr((scans, sorted(unused), sorted(babel.localedata._cache))))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(result.stdout)["rows"]  # the check did read and validate the plan
    assert result.stderr == "([], [], [])"


def test_version_and_help_load_neither_pydantic_nor_babel() -> None:
    """Start-up is measured: --version and --help read no plan, so load no domain.

    (A command's own --help loads pydantic through Typer, which builds its parameters
    with it; Babel still stays out.)
    """
    for args, loaded in (
        (["--version"], "[]"),
        (["--help"], "[]"),
        (["check", "--help"], "['pydantic']"),
    ):
        code = (
            "import sys\n"
            "from plan_kpi.cli.app import app\n"
            f"try:\n    app({args!r})\n"
            "except SystemExit:\n    pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'babel'}))\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert result.stdout.splitlines()[-1] == loaded, (args, result.stderr)
