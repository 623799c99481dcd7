"""What the core and the renderers say, in the run's language: usage errors, figure and
period errors, the words around a table.

Every text here comes from the catalogs (tests/test_catalogs.py checks that no
module bypasses them); these tests check that the Vietnamese is said where
Vietnamese is asked for, with the place and the fix kept, and no English left.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import golden
from plan_kpi.cli.app import app
from plan_kpi.core.locales import Locale
from plan_kpi.core.numbers import NumberError, parse_figure
from plan_kpi.core.periods import PeriodError, parse_period
from plan_kpi.say.catalog import words

runner = CliRunner()

#: command lines whose usage errors come from the periods, the figures and cli/common
_MISTAKES = [
    ["check", "--period", "2021-13"],
    ["check", "--period", "2021-02-30"],
    ["check", "--period", "2021-11/2021-01"],
    ["check", "--period", "last year"],
    ["check", "--period", "0999"],
    ["check", "--period", "2021/11"],
    ["check", "--period", "12/31/2021"],
    ["check", "--period", "T11/2021"],
    ["check", "--period", "13 tháng 2021"],
    ["check", "--period", "31/02/2021"],
    ["check", "--period", "11/21"],
    ["audit", "--period", "2099"],
    ["check", "--indicator", "industrial_outptu"],
    ["check", "--indicator", "zzz"],
    ["check", "-o", "c.docx"],
    ["check", "-o", "c.xls"],
    ["check", "-o", "c"],
    ["check", "-f", "csv", "-o", "c.json"],
    ["check", "-f", "xlsx"],
    ["check", "-f", "json", "--excel"],
]

#: runs each mistake through plan-kpi's own main(), as the installed command does, in one
#: process: the run's language is chosen from the command line there
_DRIVER = """
import sys
from plan_kpi.cli.app import main
sys.stderr = sys.stdout
for args in MISTAKES:
    print("$ plan-kpi " + " ".join(args))
    sys.argv = ["plan-kpi", *args]
    try:
        main()
    except SystemExit as done:
        print(f"(exit code {done.code})")
    print()
"""


@cache
def _mistakes(lang: str) -> str:
    """Each mistake's command line and what plan-kpi says of it, run in an empty folder."""
    code = _DRIVER.replace("MISTAKES", repr([[*args, "--lang", lang] for args in _MISTAKES]))
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            cwd=folder,
            env={**environment, "PLAN_KPI_LANG": "", "COLUMNS": "100"},
            check=True,
        )
    return done.stdout


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_usage_errors_are_said_in_the_run_s_language(lang: str) -> None:
    said = _mistakes(lang)
    assert said.count("(exit code 2)") == len(_MISTAKES)
    golden(f"usage-errors-{lang}.txt", said)


#: English words the messages of this area use: none may be left in their Vietnamese
_ENGLISH = re.compile(
    r"\b(write|period|month|months|year|figure|figures|number|the|is|not|give|with|end|file|"
    r"name|extension|one|of|or|did|you|mean|see|for|no|none|yet|writes|does|knows|run|"
    r"decimals|digits|mark|unit|before|after|starts|date|calendar|days|exist)\b"
)


def _words_only(said: str) -> str:
    """A message without what the user typed, options, ids and file names."""
    return re.sub(r"'[^']*'|--?[a-z]+|[a-z_]+\.[a-z_]+|\S*\.\w+\b|\(\d+ characters\)", "", said)


def test_no_english_word_is_left_in_the_vietnamese_usage_errors() -> None:
    for line in _mistakes("vi").splitlines():
        if line.startswith(("$ ", "(exit code")) or not line:
            continue
        assert line.startswith("plan-kpi: "), line
        assert not _ENGLISH.search(_words_only(line)), line


@pytest.mark.parametrize(
    ("typed", "locale"),
    [
        ("", "vi"),
        ("nan", "vi"),
        ("1e5", "vi"),
        ("9.2", "vi"),
        ("61.", "vi"),
        ("abc", "en"),
        ("1" * 31, "vi"),
        ("0,0000000001", "vi"),
        ("1" * 101, "vi"),
    ],
)
def test_figure_errors_are_said_in_vietnamese(typed: str, locale: Locale) -> None:
    with pytest.raises(NumberError) as err:
        parse_figure(typed, locale)
    said = words("vi").say(err.value.message)
    assert str(err.value) == str(err.value.message)  # the exception's text is the English
    assert said != str(err.value)
    assert not _ENGLISH.search(_words_only(said)), said


def test_a_figure_error_keeps_its_figure_and_its_fix() -> None:
    with pytest.raises(NumberError) as err:
        parse_figure("9.2", "vi")
    assert str(err.value) == (
        "'9.2' is not a well-formed number in a 'vi' file, where '.' groups thousands in "
        "threes and ',' marks decimals — did you mean '92' or '9,2'?"
    )
    assert words("vi").say(err.value.message) == (
        "'9.2' không đúng cách ghi số của tệp 'vi', trong đó '.' phân cách từng nhóm ba chữ số "
        "hàng nghìn và ',' là dấu thập phân — có phải là '92' hoặc '9,2'?"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "2021-13",
        "2021-02-30",
        "2021-11/2021-01",
        "last year",
        "0999",
        "２０２１",
        "2021/11",
        "11/21",
        "12/31/2021",
        "T3/2021",
        "0 tháng 2021",
    ],
)
def test_period_errors_are_said_in_vietnamese(typed: str) -> None:
    with pytest.raises(PeriodError) as err:
        parse_period(typed)
    said = words("vi").say(err.value.message)
    assert said != str(err.value)
    assert not _ENGLISH.search(_words_only(said)), said


# -- the words around a table -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("vi", "Cột ẩn cho vừa màn hình: Tệp (mở rộng cửa sổ, hoặc dùng --format csv)."),
        ("en", "Hidden to fit the terminal: File, Period (widen it, or use --format csv)."),
    ],
)
def test_a_table_says_which_columns_it_hid_in_the_run_s_language(
    monkeypatch: pytest.MonkeyPatch, lang: str, note: str
) -> None:
    # status's table has no words of its own for it: Tabular says them in the table's language
    monkeypatch.setenv("COLUMNS", "100")
    args = ["status", "--period", "2021", "--as-of", "2022-01-10", "--lang", lang]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.stderr  # figures of 2021 came in late
    assert note in result.stdout.splitlines()


@pytest.mark.parametrize(
    ("lang", "sheets", "headings"),
    [
        ("vi", ["Kiểm tra 2021", "Ghi chú"], ("Ký hiệu", "Ghi chú")),
        ("en", ["Check 2021", "Notes"], ("Mark", "Note")),
    ],
)
def test_a_workbook_s_notes_sheet_is_in_the_run_s_language(
    tmp_path: Path, lang: str, sheets: list[str], headings: tuple[str, str]
) -> None:
    out = tmp_path / "c.xlsx"
    result = runner.invoke(app, ["check", "--period", "2021", "-o", str(out), "--lang", lang])
    assert result.exit_code == 1, result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == sheets
    assert next(book.worksheets[1].iter_rows(max_row=1, values_only=True)) == headings


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "vi",
            [
                "Thuộc: Giá trị sản xuất công nghiệp (giá so sánh 2010)",
                "Cơ quan báo cáo: Cục Thống kê",
                "Số liệu báo cáo ghi",
                "Biểu đồ: thực hiện và kế hoạch (tỷ đồng)",
            ],
        ),
        (
            "en",
            [
                "Part of: Industrial production value (2010 constant prices)",
                "Reported by: Cục Thống kê",
                "Figures as the reports print them",
                "Chart: actual and target (billion VND)",
            ],
        ),
    ],
)
def test_show_says_its_headings_in_the_run_s_language(lang: str, lines: list[str]) -> None:
    result = runner.invoke(app, ["show", "industrial_output.manufacturing", "--lang", lang])
    assert result.exit_code in (0, 1), result.stderr
    shown = [line.rstrip() for line in result.stdout.splitlines()]
    for line in lines:
        assert line in shown
