"""init and import speak the run's language: what they print, their errors, the YAML's comments.

Each language's transcript (tests/golden/init-import-LANG.txt) is the installed command run
as a user runs it, in a folder of its own: a new plan, a spreadsheet imported into it, and
each way import and init refuse (a bad cell, a scaling number format, a file already
there, a hidden name, a missing plan). The plan is made in the language of the run
(``init --locale``), which is also the language its messages speak.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import openpyxl
import pytest

from conftest import SEED, golden
from plan_kpi.cli.progress import LoadProgress, plan_files
from test_language import plan_kpi
from test_progress import Terminal

SYSTEM = {"vi": "vi_VN.UTF-8", "en": "en_US.UTF-8"}


def workbook(path: Path) -> None:
    """A 2025 sheet as an office keeps it: a title row, Vietnamese headings, a skipped column."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Năm 2025"
    sheet.append(["Báo cáo năm 2025"])
    sheet.append(["STT", "Chỉ tiêu", "Kỳ", "Giá trị", "Trạng thái"])
    sheet.append([1, "industrial_output", "2025", 72980.456, "ước"])
    sheet["D3"].number_format = "#,##0.0"  # shown 72.980,5: more digits than shown
    sheet.append([2, "retail_sales", "2025", 53600, "sơ bộ"])
    sheet["D4"].number_format = "#,##0"
    book.save(path)


def bad_workbook(path: Path) -> None:
    """Every cell wrong in its own way: a scaling format, an unknown id and status, TRUE."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Năm 2025"
    sheet.append(["Chỉ tiêu", "Kỳ", "Giá trị", "Trạng thái"])
    sheet.append(["industrial_output", "2025", 72980, "ước"])
    sheet["C2"].number_format = "#,##0,"  # shows 72980 ÷ 1000 = 73 (half-up)
    sheet.append(["retail_salez", "2025", 53600, "ước lượng"])
    sheet.append(["traffic_accidents", "2025", True, "final"])
    book.save(path)


def transcript(folder: Path, lang: str) -> tuple[str, list[str]]:
    """The commands, what each printed (stdout, then stderr) and its exit code; and the lines
    plan-kpi said for people: its messages and the comments of the YAML it wrote."""
    system = SYSTEM[lang]
    workbook(folder / "2025.xlsx")
    bad_workbook(folder / "sai.xlsx")
    (folder / ".an.csv").write_text("indicator,period,value\n", encoding="utf-8")
    (folder / "tep.txt").write_text("", encoding="utf-8")
    steps = [
        ["init", "kh", "--locale", lang],
        ["init", "kh", "--locale", lang],
        ["init", "tep.txt", "--locale", lang],
        ["import", "2025.xlsx", "--data", "kh"],
        ["import", "2025.xlsx", "--data", "kh"],
        ["import", "sai.xlsx", "--data", "kh"],
        ["import", ".an.csv", "--data", "kh"],
        ["import", "none.xlsx", "--data", "kh"],
        ["import", "2025.xlsx"],
    ]
    said, for_people = [], []
    for args in steps:
        done = plan_kpi(*args, cwd=folder, LANG=system)
        said.append(
            f"$ plan-kpi {' '.join(args)}\n{done.stdout}{done.stderr}[exit {done.returncode}]"
        )
        for_people += (done.stdout + done.stderr).splitlines()
        if args == ["import", "2025.xlsx", "--data", "kh"] and done.returncode == 0:
            written = (folder / "kh" / "actuals" / "2025.yaml").read_text(encoding="utf-8")
            said.append(f"$ cat kh/actuals/2025.yaml\n{written}")
            comments = [line.partition("#")[2] for line in written.splitlines()]
            for_people += [c for c in comments if c.strip() and "yaml-language-server" not in c]
    return "\n\n".join(said) + "\n", for_people


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_init_and_import_speak_the_run_s_language(tmp_path: Path, lang: str) -> None:
    golden(f"init-import-{lang}.txt", transcript(tmp_path, lang)[0])


#: what a Vietnamese message may hold in Latin letters: command lines, keys, ids and files,
#: the user's text and number formats (quoted), and Excel's TRUE/FALSE
_NOT_ENGLISH = re.compile(
    r"'[^']*'"  # the user's text, an id, a key, a number format, quoted
    r"|\((estimate|preliminary|final)\)"  # a key beside its Vietnamese word: ước (estimate)
    r"|plan-kpi( [a-z]+)?|--[a-z-]+"  # commands and options
    r"|[\w./-]*\.(yaml|xlsx|csv)\b(![^:]+:\w+)?"  # files, sheets and cells
    r"|\(#,##0\.0\)|TRUE/FALSE|\b[a-z]+(_[a-z]+)+(\.[a-z]+)?\b|\b(value|period)\b:?"
)
_ENGLISH_WORDS = re.compile(
    r"\b(the|is|not|no|give|cell|column|file|sheet|holds|format|already|exists|write|"
    r"wrote|values|from|figure|figures|plan|folder|created|edit|run|then|shows)\b",
    re.IGNORECASE,
)


def test_no_english_is_left_in_the_vietnamese_transcript(tmp_path: Path) -> None:
    _, for_people = transcript(tmp_path, "vi")
    assert len(for_people) > 10
    left = [
        (line, found[0])
        for line in for_people
        if (found := _ENGLISH_WORDS.search(_NOT_ENGLISH.sub("", line)))
    ]
    assert left == []


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (
            ["status", "--agency", "Sở Xây dựng"],
            "plan-kpi: --agency: kế hoạch không có cơ quan 'Sở Xây dựng' — các cơ quan của kế "
            "hoạch: Cục Quản lý thị trường;",
            "plan-kpi: --agency: no agency 'Sở Xây dựng' in this plan — its agencies: Cục Quản "
            "lý thị trường;",
        ),
        (
            ["status", "--due", "2026-12"],
            "plan-kpi: --due: '2026-12' không phải là một ngày — hãy viết như 2026-12-15\n",
            "plan-kpi: --due: '2026-12' is not a day — write it like 2026-12-15\n",
        ),
        (
            ["report", "--format", "docx"],
            "plan-kpi: --format docx ghi ra tệp — hãy ghi tên tệp bằng -o TỆP.docx\n",
            "plan-kpi: --format docx writes a file — give it with -o FILE.docx\n",
        ),
        (
            ["check", "-o", "."],
            "plan-kpi: . là một thư mục — hãy ghi tên tệp\n",
            "plan-kpi: . is a folder — give a file name\n",
        ),
        (
            ["check", "-o", "/dev/null"],
            "plan-kpi: /dev/null là một thiết bị ký tự, không phải tệp thường — plan-kpi chỉ ghi "
            "tệp thường, kể cả khi có --force; hãy ghi tên tệp\n",
            "plan-kpi: /dev/null is a character device, not a file — plan-kpi writes only "
            "regular files, even with --force; give a file name\n",
        ),
        (
            ["import", "old.xls", "--data", str(SEED)],
            "plan-kpi: old.xls là tệp bảng tính .xls kiểu cũ — hãy mở bằng Excel rồi lưu thành "
            ".xlsx (File → Save As → Excel Workbook)\n",
            "plan-kpi: old.xls is an old .xls workbook — open it in Excel and save it as .xlsx "
            "(File → Save As → Excel Workbook)\n",
        ),
    ],
)
def test_the_commands_usage_errors_speak_the_run_s_language(
    tmp_path: Path, args: list[str], vi: str, en: str
) -> None:
    (tmp_path / "old.xls").write_bytes(b"")
    for lang, wanted in (("vi", vi), ("en", en)):
        # the bundled plan is Vietnamese: PLAN_KPI_LANG chooses English
        done = plan_kpi(*args, cwd=tmp_path, PLAN_KPI_LANG=lang)
        assert done.returncode == 2, done.stderr
        assert done.stdout == ""
        assert done.stderr.startswith(wanted), done.stderr


def test_charts_of_nothing_are_said_in_the_run_s_language(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    plan = tmp_path / "plan"
    assert plan_kpi("init", str(plan), LANG="vi_VN.UTF-8").returncode == 0
    with (plan / "targets.yaml").open("a", encoding="utf-8") as targets:
        targets.write('  - id: exports\n    name: {vi: "Xuất khẩu", en: "Exports"}\n')
        targets.write('    unit: {vi: "triệu USD", en: "million USD"}\n')
    done = plan_kpi("show", "exports", "--data", str(plan), "--charts", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr == (
        "plan-kpi: --charts: exports không có kế hoạch, cũng không có số thực hiện để vẽ biểu đồ\n"
    )


def test_init_speaks_the_language_of_the_plan_it_makes(tmp_path: Path) -> None:
    """--locale is the new plan's locale: before the system's language, as a plan's is."""
    done = plan_kpi("init", "en-plan", "--locale", "en", cwd=tmp_path, LANG="vi_VN.UTF-8")
    assert done.stdout.startswith("Created a plan in en-plan: targets.yaml")
    done = plan_kpi("init", "vi-plan", "--locale", "vi", cwd=tmp_path, LANG="en_US.UTF-8")
    assert done.stdout.startswith("Đã tạo kế hoạch trong vi-plan: targets.yaml")
    # without --locale, the system's
    done = plan_kpi("init", "plan", cwd=tmp_path, LANG="en_US.UTF-8")
    assert done.stdout.startswith("Created a plan in plan:")
    done = plan_kpi("init", "plan-2", cwd=tmp_path, LANG="vi_VN.UTF-8")
    assert done.stdout.startswith("Đã tạo kế hoạch trong plan-2:")


def test_the_progress_bar_speaks_the_run_s_language(
    seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "xterm")  # rich draws no bar on a dumb terminal
    stream = Terminal()
    progress = LoadProgress(plan_files(seed), stream, delay=0.0, lang="vi")
    deadline = time.monotonic() + 5
    while progress.bar is None and time.monotonic() < deadline:
        time.sleep(0.01)
    progress.file_read(seed / "targets.yaml")
    progress.close()
    assert "Đang đọc kế hoạch" in stream.getvalue()
