"""The run's language everywhere: help, usage errors, messages; vi or en, however chosen.

--lang, else PLAN_KPI_LANG, else the plan's locale, else the system's (LANG).
These run the installed command in a subprocess, as a user would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_kpi.cli.app import app


def plan_kpi(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LANG")}
    clean.pop("PLAN_KPI_LANG", None)
    clean.pop("PLAN_KPI_DATA", None)
    exe = Path(sys.executable).parent / "plan-kpi"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "plan_kpi"]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        env={**clean, "COLUMNS": "100", "NO_COLOR": "1", **env},
        cwd=cwd,
        check=False,
    )


@pytest.fixture
def english_plan(tmp_path: Path) -> Path:
    folder = tmp_path / "en-plan"
    assert CliRunner().invoke(app, ["init", str(folder), "--locale", "en"]).exit_code == 0
    return folder


def test_help_speaks_vietnamese_with_a_vietnamese_system(english_plan: Path) -> None:
    # no plan here to take a language from (an empty folder): the system's, Vietnamese
    done = plan_kpi("--help", cwd=english_plan / "actuals", LANG="vi_VN.UTF-8")
    assert done.returncode == 0
    assert done.stdout.startswith("Cách dùng: plan-kpi")
    assert "Lệnh:" in done.stdout and "Tuỳ chọn:" in done.stdout
    assert "So sánh thực hiện với kế hoạch của một kỳ" in done.stdout
    done = plan_kpi("outlook", "--help", LANG="vi_VN.UTF-8")
    assert "Thư mục kế hoạch (targets.yaml, actuals/)" in done.stdout
    assert "[mặc định: unsd]" in done.stdout


def test_the_plan_s_locale_comes_before_the_system_s(english_plan: Path) -> None:
    done = plan_kpi("check", "--help", "--data", str(english_plan), LANG="vi_VN.UTF-8")
    assert done.stdout.startswith("Usage: plan-kpi check")
    # the bundled plan is Vietnamese: so is its help on an English system
    assert plan_kpi("--help", LANG="en_US.UTF-8").stdout.startswith("Cách dùng:")


def test_lang_and_plan_kpi_lang_come_first(english_plan: Path) -> None:
    assert plan_kpi("report", "--help", "--lang", "en").stdout.startswith("Usage:")
    assert plan_kpi("check", "--help", "-l", "en").stdout.startswith("Usage:")
    done = plan_kpi("check", "--help", "--data", str(english_plan), PLAN_KPI_LANG="vi")
    assert done.stdout.startswith("Cách dùng:")
    done = plan_kpi("check", "--help", "--lang=en", PLAN_KPI_LANG="vi")
    assert done.stdout.startswith("Usage:")


def test_a_mistake_on_the_command_line_is_said_in_the_run_s_language(tmp_path: Path) -> None:
    done = plan_kpi("check", "--bogus")
    assert done.returncode == 2
    assert done.stderr == (
        "plan-kpi check: không có tuỳ chọn --bogus — 'plan-kpi check --help' liệt kê các tuỳ chọn\n"
    )
    done = plan_kpi("check", "--format", "xx", "--lang", "en")
    assert done.returncode == 2
    assert done.stderr == (
        "plan-kpi check: --format: 'xx' is not one of 'table', 'json', 'csv', 'xlsx' "
        "— give one of them\n"
    )
    # import reads no plan without --data or ./data (it asks which one): the system's language
    done = plan_kpi("import", cwd=tmp_path, LANG="vi_VN.UTF-8")
    assert done.returncode == 2
    assert done.stderr.startswith("plan-kpi import: thiếu FILE — ")
    done = plan_kpi("import", cwd=tmp_path, LANG="en_US.UTF-8")
    assert done.stderr.startswith("plan-kpi import: FILE is missing — ")
    done = plan_kpi("chek", "--lang", "en")
    assert done.returncode == 2
    assert "no command 'chek' — did you mean 'check'" in done.stderr
    assert "Traceback" not in done.stderr


def test_version_and_help_load_neither_pydantic_nor_babel() -> None:
    for args, loaded in ((["--version"], "[]"), (["--help"], "[]")):
        code = (
            "import sys\n"
            "from plan_kpi.cli.app import main\n"
            f"sys.argv = ['plan-kpi', *{args!r}]\n"
            "try:\n    main()\n"
            "except SystemExit:\n    pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'babel'}))\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert result.stdout.splitlines()[-1] == loaded, (args, result.stderr)
