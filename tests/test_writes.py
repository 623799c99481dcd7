"""The shared safe writer: no overwrite without --force, and never half a file."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plan_kpi.core.errors import UsageError
from plan_kpi.core.writes import replacing, write_new


def test_a_new_file_is_written(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    write_new(target, "chỉ tiêu,giá trị\n")
    assert target.read_text(encoding="utf-8") == "chỉ tiêu,giá trị\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]  # no temporary file left


def test_an_existing_file_is_refused_without_force(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_text("the user's own work\n", encoding="utf-8")
    with pytest.raises(UsageError, match="already exists — give --force"):
        write_new(target, "new\n")
    assert target.read_text(encoding="utf-8") == "the user's own work\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


def test_force_overwrites_and_keeps_the_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_new(target, b"new\n", force=True)
    assert target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_new_file_is_not_private_to_its_owner(tmp_path: Path) -> None:
    # mkstemp creates 0600 files; a report is written with the usual permissions
    umask = os.umask(0o022)
    try:
        write_new(tmp_path / "new.csv", "x\n")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644


def test_a_failure_while_writing_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_text("old content\n", encoding="utf-8")
    with pytest.raises(RuntimeError), replacing(target, force=True) as handle:
        handle.write(b"half of the new")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


def test_a_killed_run_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_text("old content\n", encoding="utf-8")
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from plan_kpi.core.writes import replacing\n"
        "with replacing(Path(sys.argv[1]), force=True) as handle:\n"
        "    handle.write(b'half of the new')\n"
        "    handle.flush()\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(30)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "writing\n"
    child.send_signal(signal.SIGKILL)
    child.wait()
    time.sleep(0.05)
    assert target.read_text(encoding="utf-8") == "old content\n"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "report.csv"]
    # the half-written temporary file is hidden (a dot file), so the loader ignores it
    assert all(name.startswith(".report.csv.") for name in leftovers)


def test_a_folder_is_refused_and_a_missing_folder_made(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a folder"):
        write_new(tmp_path, "x", force=True)
    write_new(tmp_path / "new" / "report.csv", "x")
    assert (tmp_path / "new" / "report.csv").read_text(encoding="utf-8") == "x"


def test_an_os_error_is_a_message_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.csv"
    target.write_text("old content\n", encoding="utf-8")

    def disk_full(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(UsageError, match=r"cannot write .*No space left on device — nothing"):
        write_new(target, "new\n", force=True)
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]
