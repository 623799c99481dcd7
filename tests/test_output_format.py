"""-o FILE: the extension gives the format when --format is not given; a contradiction is refused.

Each file written is compared with what the same command writes with an
explicit --format, so the extension chose that format and nothing else.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_kpi.cli.app import app

runner = CliRunner()
KNOWN = ".json .csv .xlsx .md .html .docx .txt"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


#: (command and its options, extension, --format it means); text formats only (xlsx is a zip)
TEXT_CASES = [
    (["check", "--period", "2021"], ".txt", "table"),
    (["check", "--period", "2021"], ".json", "json"),
    (["check", "--period", "2021"], ".csv", "csv"),
    (["audit", "--period", "2021"], ".txt", "table"),
    (["audit", "--period", "2021"], ".json", "json"),
    (["audit", "--period", "2021"], ".csv", "csv"),
    (["outlook"], ".txt", "table"),
    (["outlook"], ".json", "json"),
    (["outlook"], ".csv", "csv"),
    (["report", "--period", "2021"], ".md", "markdown"),
    (["report", "--period", "2021"], ".txt", "markdown"),
    (["report", "--period", "2021"], ".html", "html"),
]


@pytest.mark.parametrize(("command", "extension", "fmt"), TEXT_CASES)
def test_the_extension_gives_the_format(
    seed: Path, tmp_path: Path, command: list[str], extension: str, fmt: str
) -> None:
    by_name = tmp_path / f"out{extension}"
    by_format = tmp_path / "explicit.out"
    code, out, err = run(*command, "--data", str(seed), "-o", str(by_name))
    assert code in (0, 1) and out == "", err
    code, _, err = run(*command, "--data", str(seed), "-f", fmt, "-o", str(by_format))
    assert code in (0, 1), err
    assert by_name.read_text(encoding="utf-8") == by_format.read_text(encoding="utf-8")
    if extension == ".json":
        assert json.loads(by_name.read_text(encoding="utf-8"))["rows"]


@pytest.mark.parametrize("command", [["check"], ["audit"], ["outlook"]])
def test_xlsx_by_its_extension(seed: Path, tmp_path: Path, command: list[str]) -> None:
    target = tmp_path / "c.xlsx"
    code, out, err = run(*command, "--data", str(seed), "-o", str(target))
    assert code in (0, 1) and out == "", err
    with zipfile.ZipFile(target) as book:  # a workbook, not the text table
        assert "xl/workbook.xml" in book.namelist()


def test_an_upper_case_extension_is_the_same(seed: Path, tmp_path: Path) -> None:
    target = tmp_path / "C.JSON"
    code, _, err = run("check", "--data", str(seed), "-o", str(target))
    assert code == 1, err
    assert json.loads(target.read_text(encoding="utf-8"))["period"] == "2021"


@pytest.mark.parametrize(
    ("command", "extension", "meant", "writes"),
    [
        ("check", ".md", "markdown", "table (.txt), json (.json), csv (.csv), xlsx (.xlsx)"),
        ("audit", ".html", "html", "table (.txt), json (.json), csv (.csv), xlsx (.xlsx)"),
        ("outlook", ".docx", "docx", "table (.txt), json (.json), csv (.csv), xlsx (.xlsx)"),
        ("report", ".csv", "csv", "markdown (.md, .txt), html (.html), docx (.docx)"),
        ("report", ".json", "json", "markdown (.md, .txt), html (.html), docx (.docx)"),
    ],
)
def test_an_extension_the_command_does_not_write(
    seed: Path, tmp_path: Path, command: str, extension: str, meant: str, writes: str
) -> None:
    target = tmp_path / f"out{extension}"
    code, out, err = run(command, "--data", str(seed), "-o", str(target))
    assert (code, out) == (2, "")
    assert err == (
        f"plan-kpi: -o {target}: {command} does not write {meant} ({extension}) — it writes "
        f"{writes}; end the file name in one of these\n"
    )
    assert not target.exists()


@pytest.mark.parametrize("command", ["check", "audit", "outlook", "report"])
def test_an_unknown_extension_lists_the_known_ones(
    seed: Path, tmp_path: Path, command: str
) -> None:
    target = tmp_path / "out.xls"
    code, _, err = run(command, "--data", str(seed), "-o", str(target))
    assert code == 2
    assert err == (
        f"plan-kpi: -o {target}: .xls is not an extension plan-kpi knows — "
        f"end the file name in one of {KNOWN}, or give --format\n"
    )
    bare = tmp_path / "out"
    code, _, err = run(command, "--data", str(seed), "-o", str(bare))
    assert code == 2
    assert err == (
        f"plan-kpi: -o {bare}: the file name has no extension to tell the format — "
        f"end it in one of {KNOWN}, or give --format\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_extension_with_a_format_is_written(seed: Path, tmp_path: Path) -> None:
    target = tmp_path / "check.out"
    code, _, err = run("check", "--data", str(seed), "-f", "json", "-o", str(target))
    assert code == 1, err
    assert json.loads(target.read_text(encoding="utf-8"))["rows"]


@pytest.mark.parametrize(
    ("args", "extension", "says", "wanted"),
    [
        (["check", "-f", "csv"], ".xlsx", "xlsx", ".csv"),
        (["check", "-f", "table"], ".json", "json", ".txt"),
        (["audit", "-f", "json"], ".docx", "docx", ".json"),
        (["outlook", "-f", "xlsx"], ".txt", "table", ".xlsx"),
        (["report", "-f", "html"], ".md", "markdown", ".html"),
        (["report", "-f", "markdown"], ".html", "html", ".md"),
    ],
)
def test_a_format_that_contradicts_the_extension(
    seed: Path, tmp_path: Path, args: list[str], extension: str, says: str, wanted: str
) -> None:
    target = tmp_path / f"out{extension}"
    code, out, err = run(*args, "--data", str(seed), "-o", str(target))
    assert (code, out) == (2, "")
    assert err == (
        f"plan-kpi: --format {args[2]} contradicts -o {target}, whose extension {extension} "
        f"says {says} — end the file name in {wanted}, or leave out --format\n"
    )
    assert not target.exists()


def test_a_format_that_agrees_with_the_extension(seed: Path, tmp_path: Path) -> None:
    target = tmp_path / "c.csv"
    code, _, err = run("check", "--data", str(seed), "-f", "csv", "-o", str(target))
    assert code == 1, err
    assert target.read_text(encoding="utf-8").startswith("indicator,name,unit,")


def test_without_o_the_format_defaults_as_before(seed: Path) -> None:
    code, out, _ = run("check", "--data", str(seed), "--period", "2021", "--lang", "en")
    assert code == 1 and "Indicator" in out and not out.startswith("{")  # the table
    code, out, _ = run("report", "--data", str(seed))
    assert out.startswith("# ")
