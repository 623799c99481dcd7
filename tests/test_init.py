"""plan-kpi init: a new plan folder that check runs on; an existing plan is never touched."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from plan_kpi.cli.app import app
from plan_kpi.load.newplan import plan_id_for
from test_schema import as_the_editor_reads

runner = CliRunner()


def check_json(folder: Path, *args: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, ["check", "--data", str(folder), "-f", "json", *args])
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout, parse_float=Decimal)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_init_then_check(tmp_path: Path, locale: str) -> None:
    folder = tmp_path / "new-plan"
    result = runner.invoke(app, ["init", str(folder), "--locale", locale])
    assert result.exit_code == 0, result.stderr
    assert f"plan-kpi check --data {folder}" in result.stdout
    assert (folder / "targets.yaml").is_file()
    assert (folder / "actuals" / "2024.yaml").is_file()
    code, report = check_json(folder)
    assert code == 0
    assert report["period"] == "2024"
    rows = {row["indicator"]: row for row in report["rows"]}
    output = rows["industrial_output"]
    assert output["attainment_pct"] == Decimal("102.00")  # 67320.5 / 66000 = 1.020008
    assert output["gap"] == Decimal("1320.5")  # 67320.5 − 66000
    assert output["status"] == "met"
    assert rows["retail_sales"]["growth_pct"] == Decimal("11.20")  # printed "tăng 11,2 %"
    assert rows["retail_sales"]["target_growth_pct"] == Decimal("10.5")
    assert rows["retail_sales"]["status"] == "met"  # 11.2 ≥ 10.5
    assert rows["traffic_accidents"]["status"] == "met"  # decrease: 112 ≤ 120
    _, next_year = check_json(folder, "--period", "2025")
    output_2025 = next(r for r in next_year["rows"] if r["indicator"] == "industrial_output")
    assert output_2025["required_growth_pct"] == Decimal("7.69")  # 72500 / 67320.5 = 1.076938


def test_a_derivation_cites_each_typed_figure_as_typed(tmp_path: Path) -> None:
    folder = tmp_path / "new-plan"
    assert runner.invoke(app, ["init", str(folder), "--locale", "en"]).exit_code == 0
    _, report = check_json(folder)
    retail = next(r for r in report["rows"] if r["indicator"] == "retail_sales")
    note = retail["derivations"]["previous"]
    lines = (folder / "actuals" / "2024.yaml").read_text(encoding="utf-8").splitlines()
    assert 'growth_pct: "11.2"' in lines[20]  # line 21 of the file
    # the figure cited is the one on that line, as it is written there
    cited = note["inputs"][-1]
    assert (cited["term"], cited["percent"]) == ("growth_pct 2024 vs 2023", True)
    assert cited["value"] == Decimal("11.2")
    assert cited["at"] == f"{folder / 'actuals' / '2024.yaml'}:21"
    typed_at = folder / "actuals" / "2024.yaml"
    assert note["text"].endswith(f"growth for 2024 over 2023 = 11.2% ({typed_at}:21)")


def test_both_locales_hold_the_same_figures(tmp_path: Path) -> None:
    for locale in ("vi", "en"):
        assert (
            runner.invoke(app, ["init", str(tmp_path / locale), "--locale", locale]).exit_code == 0
        )

    def figures(folder: Path, period: str) -> list[dict[str, Any]]:
        _, report = check_json(folder, "--period", period, "--lang", "en")
        return [{k: v for k, v in row.items() if k != "derivations"} for row in report["rows"]]

    for period in ("2024", "2025"):
        assert figures(tmp_path / "vi", period) == figures(tmp_path / "en", period)
    vi = (tmp_path / "vi" / "actuals" / "2024.yaml").read_text(encoding="utf-8")
    en = (tmp_path / "en" / "actuals" / "2024.yaml").read_text(encoding="utf-8")
    assert '"67.320,5"' in vi and "locale: vi" in vi
    assert '"67,320.5"' in en and "locale: en" in en


def test_new_files_follow_their_schema(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    runner.invoke(app, ["init", str(folder)])
    for name, kind in (("targets.yaml", "targets"), ("actuals/2024.yaml", "actuals")):
        path = folder / name
        schema = json.loads((folder / "schema" / f"{kind}.schema.json").read_text())
        jsonschema.Draft202012Validator(schema).validate(as_the_editor_reads(path))
        first = path.read_text(encoding="utf-8").splitlines()[0]
        named = first.removeprefix("# yaml-language-server: $schema=")
        assert (path.parent / named).resolve() == (folder / "schema" / f"{kind}.schema.json")


def test_init_refuses_an_existing_plan_and_changes_nothing(plan_copy: Path) -> None:
    before = snapshot(plan_copy)
    result = runner.invoke(app, ["init", str(plan_copy)])
    assert result.exit_code == 2
    assert "already holds a plan" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(plan_copy) == before


def test_init_refuses_a_folder_with_only_actuals(tmp_path: Path) -> None:
    (tmp_path / "actuals").mkdir()
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert not (tmp_path / "targets.yaml").exists()


def test_init_writes_nothing_when_one_file_is_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    mine = tmp_path / "schema" / "actuals.schema.json"
    mine.write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert "actuals.schema.json already exists" in result.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["actuals.schema.json", "schema"]
    assert mine.read_text(encoding="utf-8") == "{}"


def test_init_into_an_existing_empty_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path), "-q"])
    assert (result.exit_code, result.stdout) == (0, "")
    assert (tmp_path / "targets.yaml").is_file()


def test_plan_id_from_the_folder_name() -> None:
    assert plan_id_for("Kế hoạch Đồng Tháp 2025") == "ke-hoach-dong-thap-2025"
    assert plan_id_for("???") == "plan"


def test_init_and_check_through_the_installed_command(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "plan-kpi"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "plan_kpi"]
    env = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1"}
    folder = tmp_path / "Kế hoạch 2025"
    made = subprocess.run(
        [*command, "init", str(folder)], capture_output=True, text=True, env=env, check=False
    )
    assert made.returncode == 0, made.stderr
    assert "id: ke-hoach-2025" in (folder / "targets.yaml").read_text(encoding="utf-8")
    checked = subprocess.run(
        [*command, "check", "--data", str(folder)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert "67.320,5" in checked.stdout and "102,00" in checked.stdout
