"""Output the user's environment cannot take is a message and exit code 2, never "a bug".

A full disk on standard output (``> /dev/full``), an output encoding without
a character (``PYTHONIOENCODING=cp1258``) and a full temporary folder while
an .xlsx workbook is made were each reported as an internal error. The
installed command runs in a subprocess, as a user runs it.
"""

from __future__ import annotations

import errno
import gc
import os
import subprocess
import sys
import tempfile
import unicodedata
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_kpi.cli.app import app

runner = CliRunner()
FULL_DISK = (
    "plan-kpi: cannot write the output: no space left on the disk it goes to — free some "
    "space, or write it elsewhere (-o FILE on another disk)\n"
)
FULL_DISK_VI = (
    "plan-kpi: không ghi được kết quả: ổ đĩa nhận kết quả đã hết chỗ — hãy giải phóng bớt "
    "dung lượng, hoặc ghi ra chỗ khác (-o TỆP trên ổ đĩa khác)\n"
)


def plan_kpi() -> list[str]:
    exe = Path(sys.executable).parent / "plan-kpi"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "plan_kpi"]


def environment(**changes: str | None) -> dict[str, str]:
    """The user's environment, with the messages in English unless ``PLAN_KPI_LANG`` is changed."""
    env = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1", "PLAN_KPI_LANG": "en"}
    env.pop("PLAN_KPI_DATA", None)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("lang, said", [("en", FULL_DISK), ("vi", FULL_DISK_VI)])
@pytest.mark.parametrize("buffered", [True, False])
@pytest.mark.parametrize("args", [["check"], ["check", "-f", "json"], ["--version"]])
def test_a_full_disk_on_standard_output_is_said(
    args: list[str], buffered: bool, seed: Path, lang: str, said: str
) -> None:
    data = ["--data", str(seed)] if args[0] == "check" else []
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(
            [*plan_kpi(), *args, *data],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=environment(PYTHONUNBUFFERED=None if buffered else "1", PLAN_KPI_LANG=lang),
            check=False,
        )
    # the full disk is said once, whether it fails a write or the last flush, in the language
    assert (done.returncode, done.stderr) == (2, said)


def test_a_character_the_encoding_lacks_is_said_before_anything_is_written(seed: Path) -> None:
    done = subprocess.run(
        [*plan_kpi(), "check", "--data", str(seed), "--period", "2021"],
        capture_output=True,
        env=environment(PYTHONIOENCODING="cp1258"),
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == b""  # the table was drawn whole first: nothing half-written
    # the notes' minus sign (value 2020 = … − …) has no place in Windows-1258; stderr is
    # cp1258 too, so the character is shown escaped and the dash is cp1258's 0x97
    assert done.stderr == (
        b"plan-kpi: standard output is in cp1258, which cannot write '\\u2212' "
        b"(U+2212 MINUS SIGN) \x97 set PYTHONIOENCODING=utf-8, or write the report to a "
        b"file with -o FILE (always UTF-8)\n"
    )


def test_vietnamese_is_written_in_cp1258_as_its_letters_and_tone_marks(seed: Path) -> None:
    args = [*plan_kpi(), "check", "--data", str(seed), "--period", "2021", "-f", "csv"]
    # the seed plan's own language, Vietnamese
    plans = environment(PLAN_KPI_LANG=None)
    utf8 = subprocess.run(args, capture_output=True, env=plans, check=False)
    cp1258 = subprocess.run(
        args, capture_output=True, env={**plans, "PYTHONIOENCODING": "cp1258"}, check=False
    )
    assert (cp1258.returncode, cp1258.stderr) == (1, b"")  # two 2021 targets missed
    # 'nghiệp': cp1258 has 'ê' (0xEA) and the combining dot below (0xF2), not 'ệ'
    assert b"c\xf4ng nghi\xea\xf2p" in cp1258.stdout
    text = cp1258.stdout.decode("cp1258")
    assert unicodedata.normalize("NFC", text) == utf8.stdout.decode("utf-8")


def test_a_full_temporary_folder_while_making_a_workbook_is_said(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl.worksheet import _writer

    def disk_full(self: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    monkeypatch.setattr(_writer.WorksheetWriter, "write", disk_full)
    book = tmp_path / "check.xlsx"
    result = runner.invoke(app, ["check", "--data", str(seed), "--format", "xlsx", "-o", str(book)])
    code, err = result.exit_code, result.stderr
    del result  # its exception's frames hold openpyxl's half-made archive (see below)
    assert code == 2
    assert err == (
        f"plan-kpi: cannot make the workbook: No space left on device in the temporary "
        f"folder {temporary} — free some space there, or set TMPDIR to a folder with room; "
        "nothing was written\n"
    )
    assert not book.exists()
    assert list(temporary.iterdir()) == []  # openpyxl's sheet file is not left behind
    # openpyxl leaves its half-made archive to the garbage collector, whose closing it then
    # fails (the installed command ends before that, with os._exit): collected here, so it
    # is not reported in another test
    monkeypatch.setattr(sys, "unraisablehook", lambda _: None)
    gc.collect()


def test_the_installed_command_holds_the_cycle_collector_back() -> None:
    """plan-kpi's entry point (plan_kpi.cli.start): the imports are frozen and the young
    objects are scanned every 200.000 new ones, not every 700 (Python's default)."""
    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "plan-kpi"]
    assert script.value == "plan_kpi.cli.start:run"
    probe = (
        "import gc\n"
        "import plan_kpi.cli.start\n"
        "print(gc.isenabled(), gc.get_threshold()[0], gc.get_freeze_count() > 10_000)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "200000", "True"]
