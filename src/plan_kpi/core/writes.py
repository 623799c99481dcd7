"""Writing files without losing what a person wrote: never over a file unless asked.

Every command that writes (``init``, ``import``, ``-o FILE`` of the reports)
goes through :func:`write_new`, or :func:`replacing` for a writer that
streams: an existing file is refused without ``--force``; the content goes
to a temporary file in the same folder, flushed to disk, then renamed over
the target in one step (``os.replace``), so a reader never sees half a file
and a run that is interrupted or fails leaves the old file (or no file)
whole. The temporary file's name starts with a dot, so one left by a power
cut is ignored by the loader and hidden by file managers.

What is never replaced: anything but a regular file (a device such as
/dev/full, a named pipe, a socket, a folder), a file of the plan being read
(``keep``: its targets.yaml and anything under actuals/, wherever links
lead), and a link (even one that points nowhere) unless ``force`` is given;
with ``force`` the link itself is replaced by the file, never what it points
to (the rename replaces the folder's entry).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from plan_kpi.core.errors import UsageError
from plan_kpi.core.messages import C_, N_, Message


def write_new(
    path: Path, content: str | bytes, force: bool = False, keep: Sequence[Path] = ()
) -> None:
    """Write a whole file at once; an existing file only with force. Text is written as UTF-8."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with replacing(path, force, keep) as out:
        out.write(data)


@contextmanager
def replacing(path: Path, force: bool = False, keep: Sequence[Path] = ()) -> Iterator[BinaryIO]:
    """A binary file to write path's new content into; path is replaced only on success.

    ``keep``: files and folders that are never written into (the plan being
    read). Missing folders on the way are created. Errors of the system (a
    full disk, a file locked by Excel) are UsageErrors saying nothing was
    changed.
    """
    refuse_unwritable(path, force, keep)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise UsageError(
            N_(
                "cannot write {path}: {reason} — check the folder",
                path=str(path),
                reason=err.strerror,
            )
        ) from None
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, _mode(path))
        if os.path.lexists(path) and not force:  # it appeared while we were writing
            raise UsageError(
                N_(
                    "{path} appeared while plan-kpi was writing it — nothing was changed",
                    path=str(path),
                )
            )
        os.replace(temp, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(err, OSError):
            raise UsageError(
                N_(
                    "cannot write {path}: {reason} — nothing was changed",
                    path=str(path),
                    reason=err.strerror or str(err),
                )
            ) from None
        raise


def refuse_unwritable(path: Path, force: bool = False, keep: Sequence[Path] = ()) -> None:
    """Refuse, before anything is written, a path that must not be replaced."""
    _refuse_plan_file(path, keep)
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as err:
        raise UsageError(
            N_(
                "cannot write {path}: {reason} — check the folder",
                path=str(path),
                reason=err.strerror,
            )
        ) from None
    if stat.S_ISLNK(found.st_mode):
        if not force:
            raise UsageError(
                N_(
                    "{path} is a link to {target} — plan-kpi never writes through a link; give "
                    "another name, or --force to replace the link itself (what it points to is "
                    "left as it is)",
                    path=str(path),
                    target=os.readlink(path),
                )
            )
        return
    if stat.S_ISDIR(found.st_mode):
        raise UsageError(N_("{path} is a folder — give a file name", path=str(path)))
    if not stat.S_ISREG(found.st_mode):
        raise UsageError(
            N_(
                "{path} is {kind}, not a file — plan-kpi writes only regular files, even with "
                "--force; give a file name",
                path=str(path),
                kind=_kind(found.st_mode),
            )
        )
    if not force:
        raise UsageError(
            N_(
                "{path} already exists — give --force to replace it, or another name",
                path=str(path),
            )
        )


def _refuse_plan_file(path: Path, keep: Sequence[Path]) -> None:
    """A file of the plan being read (or one that a link leads to) is never written."""
    if not keep:
        return
    kept = [k.resolve() for k in keep]
    # the entry that would be replaced, and what it leads to when it is a link
    for place in {path.parent.resolve() / path.name, path.resolve()}:
        for each in kept:
            if place == each:
                raise UsageError(
                    N_(
                        "{path} is the plan's {name} — plan-kpi never writes over the plan it "
                        "reads, even with --force; give another name",
                        path=str(path),
                        name=each.name,
                    )
                )
            if each in place.parents:
                raise UsageError(
                    N_(
                        "{path} is inside the plan's {name}/ folder, which plan-kpi reads — "
                        "give a name outside it",
                        path=str(path),
                        name=each.name,
                    )
                )


def _kind(mode: int) -> Message:
    """What a file that is not a regular file is: 'a character device', 'a named pipe', …."""
    if stat.S_ISCHR(mode):
        return C_("file kind", "a character device")
    if stat.S_ISBLK(mode):
        return C_("file kind", "a block device")
    if stat.S_ISFIFO(mode):
        return C_("file kind", "a named pipe")
    if stat.S_ISSOCK(mode):
        return C_("file kind", "a socket")
    return C_("file kind", "a special file")


def _mode(path: Path) -> int:
    """The replaced file's permissions, or a new file's (0666 less the umask), not 0600.

    A link replaced with --force gives the new file the usual permissions, not its target's.
    """
    if os.path.lexists(path) and not path.is_symlink():
        return stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
