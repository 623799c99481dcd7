"""Writing files without losing what a person wrote: never over a file unless asked."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from plan_kpi.errors import UsageError


def write_new(path: Path, content: str | bytes, force: bool = False) -> None:
    """Write a whole file at once (temp file + os.replace); an existing file only with force.

    A reader never sees a half-written file, and a failed write leaves the
    old file (or no file) behind. Text is written as UTF-8.
    """
    if path.exists() and not force:
        raise UsageError(f"{path} already exists — give --force to replace it, or another name")
    if path.is_dir():
        raise UsageError(f"{path} is a folder — give a file name")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise UsageError(f"cannot write {path}: {err.strerror} — check the folder") from None
    try:
        os.chmod(temp, _mode(path))
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _mode(path: Path) -> int:
    """The replaced file's permissions, or a new file's (0666 less the umask), not 0600."""
    if path.exists():
        return stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
