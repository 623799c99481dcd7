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
from typer.testing import CliRunner

from plan_kpi.cli.app import app
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


# --- what -o never replaces -------------------------------------------------------------------

runner = CliRunner()


def check_to(plan: Path, output: Path | str, *more: str) -> tuple[int, str]:
    """plan-kpi check of the plan, written to ``output``: the exit code and stderr."""
    result = runner.invoke(app, ["check", "--data", str(plan), "-o", str(output), *more])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stderr


def test_a_device_is_never_replaced_even_with_force(plan_copy: Path, tmp_path: Path) -> None:
    device = tmp_path / "full"
    try:  # the node /dev/full is (character device 1, 7), made here rather than risk the real one
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except PermissionError:
        pytest.skip("making a device node needs root")
    code, err = check_to(plan_copy, device, "--force")
    assert code == 2
    assert err == (
        f"plan-kpi: {device} is a character device, not a file — plan-kpi writes only regular "
        "files, even with --force; give a file name\n"
    )
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_named_pipe_is_never_replaced(plan_copy: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    code, err = check_to(plan_copy, pipe, "--force")
    assert code == 2 and "is a named pipe, not a file" in err
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


def test_a_link_is_refused_without_force(plan_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("the user's own notes\n", encoding="utf-8")
    link = tmp_path / "report.txt"
    link.symlink_to("notes.txt")
    code, err = check_to(plan_copy, link)
    assert code == 2
    assert err == (
        f"plan-kpi: {link} is a link to notes.txt — plan-kpi never writes through a link; "
        "give another name, or --force to replace the link itself (what it points to is left "
        "as it is)\n"
    )
    assert os.readlink(link) == "notes.txt"
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "the user's own notes\n"


def test_a_dangling_link_is_refused_without_force(plan_copy: Path, tmp_path: Path) -> None:
    link = tmp_path / "report.txt"
    link.symlink_to("elsewhere/missing.txt")
    code, err = check_to(plan_copy, link)
    assert code == 2 and "is a link to elsewhere/missing.txt" in err
    assert link.is_symlink() and os.readlink(link) == "elsewhere/missing.txt"
    assert not (tmp_path / "elsewhere").exists()


def test_force_replaces_the_link_itself_never_its_target(plan_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("the user's own notes\n", encoding="utf-8")
    link = tmp_path / "report.txt"
    link.symlink_to("notes.txt")
    code, err = check_to(plan_copy, link, "--force", "--period", "2021")
    assert (code, err) == (1, "")  # the seed's 2021 targets: two missed
    assert not link.is_symlink()
    assert "Tổng hợp: đạt 1, không đạt 2" in link.read_text(encoding="utf-8")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "the user's own notes\n"


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("plan/targets.yaml", "plan/targets.yaml is the plan's targets.yaml"),
        ("plan/actuals/2021.yaml", "plan/actuals/2021.yaml is inside the plan's actuals/ folder"),
        ("plan/actuals/new.csv", "plan/actuals/new.csv is inside the plan's actuals/ folder"),
        ("alias/targets.yaml", "alias/targets.yaml is the plan's targets.yaml"),
        ("plan/../plan/actuals/x.csv", "plan/../plan/actuals/x.csv is inside the plan's actuals/"),
        ("to-targets.yaml", "to-targets.yaml is the plan's targets.yaml"),
    ],
)
def test_the_plans_own_files_are_never_written(
    output: str, message: str, plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(plan_copy.parent)
    Path("alias").symlink_to("plan")  # the plan folder by another name
    Path("to-targets.yaml").symlink_to("plan/targets.yaml")
    before = {p: p.read_bytes() for p in Path("plan").rglob("*") if p.is_file()}
    for command in ("check", "report"):
        result = runner.invoke(app, [command, "--data", "plan", "-o", output, "--force"])
        assert result.exit_code == 2
        assert result.stderr.startswith(f"plan-kpi: {message}"), result.stderr
        assert "even with --force" in result.stderr or "give a name outside it" in result.stderr
    assert {p: p.read_bytes() for p in Path("plan").rglob("*") if p.is_file()} == before
    assert Path("to-targets.yaml").is_symlink()


def test_a_folder_is_said_to_be_a_folder_not_to_need_force(plan_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    assert check_to(plan_copy, tmp_path / "out") == (
        2,
        f"plan-kpi: {tmp_path / 'out'} is a folder — give a file name\n",
    )


def test_import_never_replaces_a_link(plan_copy: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "revised.csv"
    sheet.write_text("indicator,period,value\nindustrial_output,2022,66.620\n", encoding="utf-8")
    link = plan_copy / "actuals" / "revised.yaml"
    link.symlink_to("nowhere.yaml")
    result = runner.invoke(app, ["import", str(sheet), "--data", str(plan_copy)])
    assert result.exit_code == 2
    assert "already exists — plan-kpi import never replaces a file" in result.stderr
    assert link.is_symlink() and not (plan_copy / "actuals" / "nowhere.yaml").exists()
