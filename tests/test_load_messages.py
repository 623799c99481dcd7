"""The loader's messages in the run's language, the place and the fix kept.

Every bad plan of tests/bad is said in Vietnamese and in English (two golden
files, through the command as it starts: ``main()``, the language chosen from
PLAN_KPI_LANG); a typo in a key is said in Vietnamese on a Vietnamese system;
numbers inside messages take the language's marks; and no English is left in
the Vietnamese of a message the loader builds.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.extract import extract_from_dir
from typer.testing import CliRunner

from conftest import golden
from plan_kpi.cli.app import app, main
from plan_kpi.cli.said import SaidCommand, SaidGroup
from plan_kpi.core.errors import PlanError
from plan_kpi.core.messages import Message
from plan_kpi.load.folder import load_plan
from plan_kpi.load.formats import key_names
from plan_kpi.say.catalog import words

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BAD = sorted(p.name for p in (HERE / "bad").iterdir() if p.is_dir())


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str, *args: str
) -> tuple[int, str]:
    """plan-kpi ARGS as the installed command runs it, speaking ``lang`` (PLAN_KPI_LANG):
    the exit code and stderr."""
    monkeypatch.setenv("PLAN_KPI_LANG", lang)
    monkeypatch.setattr(sys, "argv", ["plan-kpi", *args])
    # main() sets the run's language on the command classes: put it back after the test
    monkeypatch.setattr(SaidCommand, "lang", SaidCommand.lang)
    monkeypatch.setattr(SaidGroup, "lang", SaidGroup.lang)
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        main()
    code = done.value.code
    assert isinstance(code, int)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_bad_plan_is_said_in_the_run_s_language(
    lang: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    said = []
    for case in BAD:
        folder = tmp_path / case
        shutil.copytree(HERE / "bad" / case, folder)
        monkeypatch.chdir(folder)
        args = folder / "args.txt"
        data = args.read_text(encoding="utf-8").strip() if args.exists() else "."
        code, err = run(monkeypatch, capsys, lang, "check", "--data", data)
        said.append(f"== {case} (exit {code})\n{err}")
        if lang == "en":  # the English is each case's expected.txt, word for word
            assert err == (folder / "expected.txt").read_text(encoding="utf-8"), case
    golden(f"bad-input.{lang}.txt", "".join(said))


def plan_kpi(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The installed command in a subprocess, in a clean language environment plus ``env``."""
    names = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "PLAN_KPI_LANG", "PLAN_KPI_DATA")
    clean = {k: v for k, v in os.environ.items() if k not in names}
    exe = Path(sys.executable).parent / "plan-kpi"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "plan_kpi"]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        env={**clean, **env},
        cwd=cwd,
        check=False,
    )


def plan_with_a_typo(folder: Path, locale: str) -> Path:
    """A new plan (plan-kpi init) whose actuals misspell pct_of_target on line 6, column 7."""
    assert CliRunner().invoke(app, ["init", str(folder), "--locale", locale]).exit_code == 0
    (folder / "actuals" / "2025.yaml").write_text(
        "period: 2025\n"
        "values:\n"
        "  industrial_output:\n"
        '    value: "70"\n'
        "    stated:\n"
        '      pct_of_taget: "104"\n',
        encoding="utf-8",
    )
    return folder


TYPO_VI = "actuals/2025.yaml:6:7: khoá 'pct_of_taget' không có — có phải là 'pct_of_target'?\n"
TYPO_EN = "actuals/2025.yaml:6:7: unknown key 'pct_of_taget' — did you mean 'pct_of_target'?\n"


def test_a_typo_in_a_key_is_said_in_vietnamese_on_a_vietnamese_system(tmp_path: Path) -> None:
    plan = plan_with_a_typo(tmp_path / "vi", "vi")
    done = plan_kpi("check", "--data", ".", cwd=plan, LANG="vi_VN.UTF-8")
    assert (done.returncode, done.stdout, done.stderr) == (2, "", TYPO_VI)
    # a plan that names no locale: the system's language alone decides
    plan = plan_with_a_typo(tmp_path / "none", "en")
    targets = plan / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    assert "\n  locale: en\n" in text
    targets.write_text(text.replace("\n  locale: en\n", "\n"), encoding="utf-8")
    done = plan_kpi("check", "--data", ".", cwd=plan, LANG="vi_VN.UTF-8")
    assert (done.returncode, done.stderr) == (2, TYPO_VI)
    done = plan_kpi("check", "--data", ".", cwd=plan, LANG="en_US.UTF-8")
    assert (done.returncode, done.stderr) == (2, TYPO_EN)


def test_the_plan_s_locale_comes_before_the_system_s_in_errors(tmp_path: Path) -> None:
    plan = plan_with_a_typo(tmp_path / "en", "en")
    done = plan_kpi("check", "--data", ".", cwd=plan, LANG="vi_VN.UTF-8")
    assert (done.returncode, done.stderr) == (2, TYPO_EN)
    done = plan_kpi("check", "--data", ".", "--lang", "vi", cwd=plan, LANG="en_US.UTF-8")
    assert (done.returncode, done.stderr) == (2, TYPO_VI)


#: English words that have no place in a Vietnamese message (outside quotes, keys and ids)
_ENGLISH = {
    "the", "is", "are", "not", "and", "or", "of", "at", "with", "from", "for", "by",
    "write", "add", "remove", "give", "fix", "keep", "check", "put", "save", "delete",
    "file", "files", "folder", "key", "keys", "line", "lines", "cell", "cells", "row",
    "this", "that", "it", "its", "them", "has", "have", "does", "did", "you", "mean",
    "here", "must", "cannot", "would", "empty", "missing", "unknown", "period", "figure",
    "figures", "indicator", "target", "twice", "one", "no", "more", "than", "warning",
    "read", "such", "quote", "quotes", "list", "text", "mapping", "block", "value",
}  # fmt: skip
#: ("in" is left out: it is Vietnamese too, "số in", the printed figure)
#: what a Vietnamese message rightly holds in English: the format's keys and keywords, the
#: names of programs and of their menus
_KEPT = key_names() | {
    "estimate", "preliminary", "final", "true", "false", "indicator", "period", "value",
    "Save", "As", "Encoding", "Comma", "delimited",
}  # fmt: skip
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"[^\"]*\"")
#: ids, keys and paths as they are written (pct_of_target, actuals/2021.yaml)
_NAMES = re.compile(r"\S*[_/]\S*")
_WORD = re.compile(r"[^\W\d_]+")


def english_words(text: str) -> set[str]:
    """The English words of a message said in Vietnamese, outside quotes, keys and names."""
    words_ = set(_WORD.findall(_NAMES.sub(" ", _QUOTED.sub(" ", text)))) - _KEPT
    return {word for word in words_ if word.lower() in _ENGLISH}


def loader_messages(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Message]:
    """The messages the loader refuses a bad plan with (those it builds itself)."""
    folder = tmp_path / case
    shutil.copytree(HERE / "bad" / case, folder)
    monkeypatch.chdir(folder)
    args = folder / "args.txt"
    with pytest.raises(PlanError) as raised:
        load_plan(Path(args.read_text(encoding="utf-8").strip() if args.exists() else "."))
    # a plain text is a NumberError's or a PeriodError's, until core.numbers and core.periods
    # say Messages (the golden files show them)
    return [p.message for p in raised.value.problems if isinstance(p.message, Message)]


def test_the_vietnamese_of_the_loader_s_messages_has_no_english_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    left = {}
    said = 0
    for case in BAD:
        for message in loader_messages(case, tmp_path, monkeypatch):
            vietnamese = words("vi").say(message)
            said += 1
            if vietnamese == str(message) or english_words(vietnamese):
                left[case] = vietnamese
    assert said >= 60  # every case but the few of numbers and periods: a message each at least
    assert left == {}


def _catalogs_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "scripts" / "catalogs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalogs"] = module
    spec.loader.exec_module(module)
    return module


def test_every_message_of_the_loader_has_vietnamese_without_english() -> None:
    """All of them, not only those the bad plans lead to (a link, a socket, a broken quote...)."""
    tool = _catalogs_tool()
    vi = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in tool.read("vi")}
    found = list(
        extract_from_dir(str(tool.PACKAGE / "load"), tool.METHOD_MAP, keywords=tool.KEYWORDS)
    )
    left = {}
    for _file, _line, text, _comments, context in found:
        key = text if isinstance(text, str) else text[0]
        entry = vi[context, key]
        translations = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        for translated in translations:
            words_left = english_words(re.sub(r"\{[^}]*\}", " ", translated))
            if not translated or translated == key or words_left:
                left[key] = translated
    assert len(found) >= 100  # the loader's messages, with their shapes, kinds and hints
    assert left == {"{count} MiB": "{count} MiB"}  # a unit: the same in both


def test_the_english_check_finds_english() -> None:
    assert english_words("khoá 'the key' không có — did you mean 'x'?") == {"did", "you", "mean"}
    assert english_words("thiếu cột pct_of_target, actuals/of.yaml") == set()
    assert english_words("hãy ghi estimate, preliminary hoặc final") == set()


def test_the_limits_are_said_with_the_language_s_digits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("plan_kpi.load.yamlfile.MAX_YAML_NODES", 10_000)
    monkeypatch.setattr("plan_kpi.load.files.MAX_FILE_BYTES", 2**20)
    (tmp_path / "actuals").mkdir()
    (tmp_path / "targets.yaml").write_text(
        "plan: {id: t, title: T, locale: vi}\nindicators:\n  - {id: x}\n", encoding="utf-8"
    )
    many = tmp_path / "actuals" / "many.yaml"
    many.write_text("values:\n" + "".join(f"  x{i}: 1\n" for i in range(6000)), "utf-8")
    big = tmp_path / "actuals" / "big.yaml"
    big.write_bytes(b"values:\n" + b"  x: 1\n" * (2**20 // 7 + 1))  # just over 1 MiB
    size = big.stat().st_size  # 8 + 7 × 149,797 = 1,048,587 bytes
    assert size == 1_048_587
    monkeypatch.chdir(tmp_path)
    code, err = run(monkeypatch, capsys, "vi", "check", "--data", ".")
    assert code == 2
    # nodes: the file's mapping, 'values', its mapping (3), then 2 a line (key, value): the
    # 10,001st is the value of x4998 (3 + 2 × 4,999 = 10,001), on line 4,998 + 2 = 5,000
    assert err == (
        "actuals/big.yaml: 1.048.587 byte, quá mức 1 MiB mà plan-kpi đọc từ một tệp — hãy tách "
        "thành nhiều tệp (actuals/ nhận bao nhiêu tệp cũng được: mỗi báo cáo hoặc mỗi năm một "
        "tệp)\n"
        "actuals/many.yaml:5000: quá 10.000 giá trị, khoá và danh sách trong một tệp, mức tối đa "
        "plan-kpi đọc từ một tệp YAML — hãy tách thành nhiều tệp (actuals/ nhận bao nhiêu tệp "
        "cũng được: mỗi báo cáo hoặc mỗi năm một tệp), hoặc ghi số liệu dạng CSV\n"
    )


def _targets_over_the_node_cap(folder: Path, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("plan_kpi.load.yamlfile.MAX_YAML_NODES", 10_000)
    # nodes: the file's mapping, 'plan' and its mapping, its 3 keys and 3 values (9),
    # 'indicators' and its list (11), then 7 an indicator (its mapping, 'id' and its value,
    # 'targets' and its mapping, the year and its value): 11 + 7 × 1,427 = 10,000, so the
    # 10,001st is the mapping of the 1,428th indicator, on line 2 + 1,428 = 1,430
    lines = [f"plan: {{id: t, title: T, locale: {lang}}}", "indicators:"]
    lines += [f'  - {{id: x{i}, targets: {{2022: "1"}}}}' for i in range(5000)]
    (folder / "targets.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _targets_over_the_size_cap(folder: Path, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("plan_kpi.load.files.MAX_FILE_BYTES", 2**20)
    head = f"plan: {{id: t, title: T, locale: {lang}}}\nindicators:\n  - {{id: x}}\n# "
    assert len(head) == 36 + 12 + 12 + 2  # its three lines, and a comment's '# '
    # the comment to just over 1 MiB: 62 + 1,048,523 + a line's end = 1,048,586 bytes
    (folder / "targets.yaml").write_text(head + "x" * 1_048_523 + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("over", "lang", "said"),
    [
        (
            _targets_over_the_node_cap,
            "en",
            "targets.yaml:1430: more than 10,000 values, keys and lists in one file, the most "
            "plan-kpi reads from one YAML file — a plan's targets take one file: write a target "
            'that is only a level in its short form (2022: "15000") and a name or a unit in one '
            "language as one text, or split the plan into two plans, each in a folder of its "
            "own, keeping each indicator with its parts and the indicators its formula names\n",
        ),
        (
            _targets_over_the_node_cap,
            "vi",
            "targets.yaml:1430: quá 10.000 giá trị, khoá và danh sách trong một tệp, mức tối đa "
            "plan-kpi đọc từ một tệp YAML — mọi chỉ tiêu kế hoạch chỉ ghi trong một tệp: hãy ghi "
            'chỉ tiêu kế hoạch chỉ có mức ở dạng ngắn (2022: "15000"), tên hoặc đơn vị chỉ một '
            "ngôn ngữ thành một chuỗi, hoặc tách thành hai kế hoạch, mỗi kế hoạch một thư mục, "
            "giữ mỗi chỉ tiêu cùng các chỉ tiêu thành phần của nó và các chỉ tiêu mà công thức "
            "của nó nhắc đến\n",
        ),
        (
            _targets_over_the_size_cap,
            "en",
            "targets.yaml: 1,048,586 bytes, more than the 1 MiB plan-kpi reads from one file — "
            "a plan's targets take one file: write names and units in one language, shorten "
            "notes and sources, write a target that is only a level in its short form (2022: "
            '"15000"), or split the plan into two plans, each in a folder of its own, keeping '
            "each indicator with its parts and the indicators its formula names\n",
        ),
        (
            _targets_over_the_size_cap,
            "vi",
            "targets.yaml: 1.048.586 byte, quá mức 1 MiB mà plan-kpi đọc từ một tệp — mọi chỉ "
            "tiêu kế hoạch chỉ ghi trong một tệp: hãy ghi tên và đơn vị chỉ bằng một ngôn ngữ, "
            "rút gọn ghi chú và nguồn, ghi chỉ tiêu kế hoạch chỉ có mức ở dạng ngắn (2022: "
            '"15000"), hoặc tách thành hai kế hoạch, mỗi kế hoạch một thư mục, giữ mỗi chỉ tiêu '
            "cùng các chỉ tiêu thành phần của nó và các chỉ tiêu mà công thức của nó nhắc đến\n",
        ),
    ],
)
def test_targets_over_a_cap_are_told_to_be_shorter_not_split_into_files(
    over: Callable[[Path, str, pytest.MonkeyPatch], None],
    lang: str,
    said: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # actuals/ takes any number of files, targets one: the advice for them differs
    (tmp_path / "actuals").mkdir()
    over(tmp_path, lang, monkeypatch)
    monkeypatch.chdir(tmp_path)
    code, err = run(monkeypatch, capsys, lang, "check", "--data", ".")
    assert code == 2
    assert err == said


def test_a_fifo_is_said_in_vietnamese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "actuals").mkdir()
    (tmp_path / "targets.yaml").write_text(
        "plan: {id: t, title: T, locale: vi}\nindicators:\n  - {id: x}\n", encoding="utf-8"
    )
    os.mkfifo(tmp_path / "actuals" / "2022.yaml")  # nobody ever writes into it
    monkeypatch.chdir(tmp_path)
    assert run(monkeypatch, capsys, "vi", "check", "--data", ".") == (
        2,
        "actuals/2022.yaml: không phải tệp thông thường (một ống dẫn có tên (FIFO)) — plan-kpi "
        "chỉ đọc tệp thông thường: hãy đặt chính tệp đó vào chỗ này\n",
    )


def test_the_locale_warnings_are_said_in_vietnamese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "actuals").mkdir()
    # no locale: targets.yaml is read in the default 'en', the actuals in the plan's
    ids = [f"x{i}" for i in range(7)]
    (tmp_path / "targets.yaml").write_text(
        "plan: {id: t, title: T}\nindicators:\n"
        '  - {id: x0, targets: {2021: "70.962"}}\n'
        + "".join(f"  - {{id: {i}}}\n" for i in ids[1:]),
        encoding="utf-8",
    )
    (tmp_path / "actuals" / "2021.yaml").write_text(
        "period: 2021\nvalues:\n" + "".join(f'  {i}: "61,005"\n' for i in ids), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, err = run(monkeypatch, capsys, "vi", "check", "--data", ".", "--quiet")
    assert code == 0  # 61,005 (en: 61005) of a target of 70.962 (en: seventy point 962): met
    lines = err.splitlines()
    # '70.962' in en is 70 point 962: 70,962 in Vietnamese digits; in vi it would be 70962
    assert lines[0] == (
        "targets.yaml:3:30: cảnh báo: '70.962' được đọc là 70,962 theo 'en', kiểu viết số mặc "
        "định (trong đó '.' là dấu thập phân), nhưng theo 'vi' sẽ là 70962 — hãy ghi "
        "'locale: en' dưới 'plan:' để xác nhận, hoặc 'locale: vi'"
    )
    # '61,005' in en is 61005; in vi it would be 61 point 005: 61,005 in Vietnamese digits
    assert lines[1] == (
        "actuals/2021.yaml:3:7: cảnh báo: '61,005' được đọc là 61005 theo 'en', kiểu viết số "
        "của kế hoạch (trong đó ',' phân cách hàng nghìn), nhưng theo 'vi' sẽ là 61,005 — hãy "
        "ghi 'locale: en' trong tệp để xác nhận, hoặc 'locale: vi'"
    )
    assert len(lines) == 7  # the target, 5 figures named, then the 2 others (7 − 5) counted
    assert lines[6] == (
        "actuals/2021.yaml: cảnh báo: còn 2 số khác của tệp được đọc theo 'en', kiểu viết số "
        "của kế hoạch, và sẽ được đọc khác đi theo 'vi' — hãy ghi 'locale: en' trong tệp để "
        "xác nhận"
    )


def test_one_cell_and_an_empty_item_of_a_list_are_said_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "actuals").mkdir()
    (tmp_path / "targets.yaml").write_text(
        "plan: {id: t, title: T, locale: vi}\nindicators:\n  - {id: x}\n  -\n", encoding="utf-8"
    )
    (tmp_path / "actuals" / "a.csv").write_text("indicator,period,value\nx\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(monkeypatch, capsys, "en", "check", "--data", ".") == (
        2,
        "actuals/a.csv:2:1: 1 cell where the header has 3 — add the missing cells (an empty "
        "cell is just ',')\n"
        "targets.yaml:4:4: indicators item 2 is empty — write its value, or remove it\n",
    )
    assert run(monkeypatch, capsys, "vi", "check", "--data", ".") == (
        2,
        "actuals/a.csv:2:1: dòng có 1 ô trong khi tiêu đề có 3 — hãy thêm các ô còn thiếu (ô "
        "trống chỉ cần ',')\n"
        "targets.yaml:4:4: mục 2 của indicators đang để trống — hãy ghi giá trị, hoặc xoá đi\n",
    )
