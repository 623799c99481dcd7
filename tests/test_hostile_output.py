"""Text from data files is printed literally in every format: never markup, escapes or formulas.

Names come from files typed by people or received from others. Rich markup
(``[bold red]``), terminal escape sequences (clear the screen, set the window
title), HTML and spreadsheet formulas (``=``, ``+``, ``-``, ``@`` in CSV:
OWASP's CSV injection) must come out as the characters written.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_kpi.cli.app import app

runner = CliRunner()

MARKUP = "[bold red]x[/]"
ESCAPES = "\x1b[2J\x1b]0;pwned\x07 xóa màn hình"
ESCAPES_SHOWN = "\\x1b[2J\\x1b]0;pwned\\x07 xóa màn hình"
HTML = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example","x")'
BIDI = "abc\u202edcba"

TARGETS = """\
plan:
  id: hostile
  title: "[red]T[/] \\e[31m"
  locale: en
indicators:
  - id: markup
    name: {en: "[bold red]x[/]", vi: "=HYPERLINK(\\"http://evil.example\\",\\"x\\")"}
    unit: "-3"
    targets: {2021: "10"}
  - id: escapes
    name: "\\e[2J\\e]0;pwned\\a xóa màn hình"
    unit: "@SUM(A1)"
    targets: {2021: "10"}
  - id: html
    name: "<script>alert(1)</script>"
    unit: "+1+2"
    targets: {2021: "10"}
  - id: bidi
    name: "abc\\u202Edcba"
    targets: {2021: "10"}
"""
ACTUALS = """\
period: 2021
values: {markup: "8", escapes: "12", html: "9", bidi: "10"}
"""


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    (tmp_path / "actuals").mkdir()
    (tmp_path / "targets.yaml").write_text(TARGETS, encoding="utf-8")
    (tmp_path / "actuals" / "2021.yaml").write_text(ACTUALS, encoding="utf-8")
    return tmp_path


def check(plan: Path, *args: str) -> str:
    result = runner.invoke(app, ["check", "--data", str(plan), "--period", "2021", *args])
    assert result.exit_code == 1, result.stderr  # markup and html missed their targets
    return result.stdout


def no_control_characters(text: str) -> None:
    assert not any(ch in text for ch in "\x1b\x07\x9b\u202e"), repr(text)


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("columns", ["250", "50"])  # a table, and one block per indicator
def test_table_prints_names_literally(
    hostile: Path, lang: str, columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    out = check(hostile, "--lang", lang)
    no_control_characters(out)
    assert "[red]T[/] \\x1b[31m" in out  # the plan's title
    lines = [line.strip() for line in out.splitlines()]
    for name in (MARKUP if lang == "en" else FORMULA, ESCAPES_SHOWN, HTML, "abc\\u202edcba"):
        # on its own line in the blocks; wrapped at a space in the table, never inside a word
        assert name in out or all(any(w in line for line in lines) for w in name.split()), name


def test_json_keeps_the_text_and_escapes_control_characters(hostile: Path) -> None:
    out = check(hostile, "--format", "json", "--lang", "en")
    no_control_characters(out)
    assert "\\u001b[2J" in out  # JSON's own escape
    names = {row["indicator"]: row["name"] for row in json.loads(out)["rows"]}
    assert names == {"markup": MARKUP, "escapes": ESCAPES, "html": HTML, "bidi": BIDI}
    assert "xóa màn hình" in out  # Vietnamese as is, not \\u escapes


def test_csv_quotes_formulas_and_shows_control_characters(hostile: Path) -> None:
    out = check(hostile, "--format", "csv", "--lang", "vi")
    no_control_characters(out)
    rows = {row["indicator"]: row for row in csv.DictReader(io.StringIO(out))}
    assert rows["markup"]["name"] == "'" + FORMULA
    assert rows["markup"]["unit"] == "'-3"
    assert rows["escapes"]["name"] == ESCAPES_SHOWN
    assert rows["escapes"]["unit"] == "'@SUM(A1)"
    assert rows["html"]["name"] == HTML
    assert rows["html"]["unit"] == "'+1+2"
    # figures are numbers, not text: a negative gap is not quoted
    assert rows["markup"]["gap"] == "-2"  # 8 − 10
    assert rows["escapes"]["gap"] == "2"


def test_csv_in_english_quotes_the_markup_name_only_when_it_is_a_formula(hostile: Path) -> None:
    out = check(hostile, "--format", "csv", "--lang", "en")
    rows = {row["indicator"]: row for row in csv.DictReader(io.StringIO(out))}
    assert rows["markup"]["name"] == MARKUP


def test_error_messages_show_control_characters(hostile: Path) -> None:
    (hostile / "actuals" / "\x1b[2Jnotes.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["check", "--data", str(hostile)])
    assert result.exit_code == 2
    no_control_characters(result.stderr)
    assert "\\x1b[2Jnotes.txt: not a plan file" in result.stderr


def test_xlsx_keeps_names_as_text_with_control_characters_shown(
    hostile: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "check.xlsx"
    result = runner.invoke(
        app,
        ["check", "--data", str(hostile), "--period", "2021", "-f", "xlsx", "-o", str(out)],
    )
    assert result.exit_code == 1, result.stderr  # openpyxl refuses raw control characters
    sheet = load_workbook(out).active
    assert sheet is not None
    assert str(sheet["A1"].value).startswith("[red]T[/] \\x1b[31m")
    texts = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert all(cell.data_type == "s" for cell in texts)  # never a formula
    values = " | ".join(str(cell.value) for cell in texts)
    assert "| -3 |" in values and "| @SUM(A1) |" in values and "| +1+2 |" in values
    assert MARKUP in values and HTML in values
    assert ESCAPES_SHOWN in values
    no_control_characters(values)


def test_report_escapes_html_and_shows_control_characters(hostile: Path) -> None:
    result = runner.invoke(
        app, ["report", "--data", str(hostile), "--period", "2021", "--format", "html"]
    )
    page = result.stdout
    no_control_characters(page)
    assert "<script>" not in page  # the page has no script of its own either
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "[bold red]x[/]" in page
    assert "\\x1b[2J" in page


def test_report_markdown_escapes_and_shows_control_characters(hostile: Path) -> None:
    result = runner.invoke(app, ["report", "--data", str(hostile), "--period", "2021"])
    text = result.stdout
    no_control_characters(text)
    assert "\\<script\\>alert(1)\\</script\\>" in text  # not raw HTML in Markdown
    assert "\\x1b[2J" in text
