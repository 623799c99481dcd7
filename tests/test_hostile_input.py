"""Hostile input, the second round: nothing lost, nothing hung, nothing replaced on the way in.

Each case here needs a file that tests/bad cannot hold (a workbook rewritten
inside its zip, a FIFO, a link, a file generated large); the small static
cases are folders of tests/bad.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from plan_kpi.cli.app import app
from plan_kpi.load.folder import load_plan

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def without_industry(plan_copy: Path) -> Path:
    (plan_copy / "actuals" / "2021-industry.yaml").unlink()
    return plan_copy


def rewrite_member(book: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    """Rewrite one file inside an .xlsx archive (as another program may have written it)."""
    with zipfile.ZipFile(book) as archive:
        contents = {info.filename: archive.read(info) for info in archive.infolist()}
    contents[member] = change(contents[member])
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)


# --- figures lost or changed on the way in ------------------------------------------------


def test_xlsx_rows_past_the_declared_dimension_are_read(
    without_industry: Path, tmp_path: Path
) -> None:
    book = tmp_path / "industry.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["indicator", "period", "value"])
    sheet.append(["industrial_output", "2021", "61.005"])
    sheet.append(["industrial_output.mining", "2021", "1.234"])
    sheet.append(["industrial_output.manufacturing", "2021", "50.000"])
    sheet.append(["industrial_output.electricity", "2021", "9.000"])
    workbook.save(book)
    # the file says its cells end at C2: two of the four rows lie outside what it declares
    rewrite_member(
        book,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C2"', xml),
    )
    with zipfile.ZipFile(book) as archive:
        assert b'<dimension ref="A1:C2"' in archive.read("xl/worksheets/sheet1.xml")
    code, out, err = run("import", str(book), "--data", str(without_industry))
    assert code == 0, err
    assert "4 values from industry.xlsx!Sheet" in out
    plan = load_plan(without_industry)
    read = {
        a.indicator: a.value.text
        for a in plan.actuals
        if a.value is not None and a.at.file.endswith("industry.yaml")
    }
    assert read == {
        "industrial_output": "61.005",
        "industrial_output.mining": "1.234",
        "industrial_output.manufacturing": "50.000",
        "industrial_output.electricity": "9.000",
    }
