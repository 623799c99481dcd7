"""Writing files without losing what a person wrote: never over a file unless asked.

Every command that writes (``init``, ``import``, ``-o FILE`` of the reports)
goes through :func:`write_new`, or :func:`replacing` for a writer that
streams: an existing file is refused without ``--force``; the content goes
to a temporary file in the same folder, flushed to disk, then renamed over
the target in one step (``os.replace``), so a reader never sees half a file
and a run that is interrupted or fails leaves the old file (or no file)
whole. The temporary file's name starts with a dot, so one left by a power
cut is ignored by the loader and hidden by file managers.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from plan_kpi.core.errors import UsageError


def write_new(path: Path, content: str | bytes, force: bool = False) -> None:
    """Write a whole file at once; an existing file only with force. Text is written as UTF-8."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with replacing(path, force) as out:
        out.write(data)


@contextmanager
def replacing(path: Path, force: bool = False) -> Iterator[BinaryIO]:
    """A binary file to write path's new content into; path is replaced only on success.

    Missing folders on the way are created. Errors of the system (a full
    disk, a file locked by Excel) are UsageErrors saying nothing was changed.
    """
    if path.exists() and not force:
        raise UsageError(f"{path} already exists — give --force to replace it, or another name")
    if path.is_dir():
        raise UsageError(f"{path} is a folder — give a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise UsageError(f"cannot write {path}: {err.strerror} — check the folder") from None
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, _mode(path))
        if path.exists() and not force:  # it appeared while we were writing
            raise UsageError(f"{path} appeared while plan-kpi was writing it — nothing was changed")
        os.replace(temp, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(err, OSError):
            raise UsageError(
                f"cannot write {path}: {err.strerror or err} — nothing was changed"
            ) from None
        raise


def _mode(path: Path) -> int:
    """The replaced file's permissions, or a new file's (0666 less the umask), not 0600."""
    if path.exists():
        return stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
