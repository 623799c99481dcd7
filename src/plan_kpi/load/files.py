"""Reading a plan's files: regular files only, inside the plan folder, up to a size cap.

A named pipe (FIFO), a socket or a device where a plan file should be would
block a read or never end it (``/dev/zero``); a link may lead outside the
plan, round in a loop, or nowhere; a file of gigabytes would exhaust memory
before a problem could be said. So every file is checked before it is read:
its links are followed only while they stay inside the plan folder (a file
from elsewhere could be anything, and messages quote what files hold), it is
opened without blocking and without following a link swapped in meanwhile,
it must then be a regular file, and at most ``MAX_FILE_BYTES`` are read.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from plan_kpi.core.errors import PlanError, Problem
from plan_kpi.core.messages import N_, Message, Number

#: The most plan-kpi reads from one file (a plan file, or a spreadsheet to import): far
#: beyond any report, and little enough that reading it cannot exhaust memory.
MAX_FILE_BYTES = 256 * 2**20

_KINDS = {
    stat.S_IFIFO: N_("a named pipe (FIFO)"),
    stat.S_IFSOCK: N_("a socket"),
    stat.S_IFCHR: N_("a device"),
    stat.S_IFBLK: N_("a device"),
    stat.S_IFDIR: N_("a folder"),
}
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_NOFOLLOW", 0)  # the path checked is the file opened: no link swapped in
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 4 * 2**20


def unreachable(path: Path) -> Message | None:
    """Why path cannot be reached (a link in a loop or to nothing, a folder on the way that
    may not be read), or None."""
    try:
        os.path.realpath(path, strict=True)
        os.stat(path)
    except OSError as err:
        return os_problem(path, err)
    return None


def inside(path: Path, root: Path) -> Message | None:
    """None when path leads inside root (directly, or through links that stay inside it);
    else the problem, as 'what — how to fix'."""
    try:
        real = os.path.realpath(path, strict=True)
    except OSError as err:
        return os_problem(path, err)
    root_real = os.path.realpath(root)
    if os.path.commonpath([real, root_real]) != root_real:
        return N_(
            "a link to {target}, outside the plan folder — plan-kpi reads only the plan's own "
            "files: copy the file into the plan folder instead of linking to it",
            target=real,
        )
    return None


def read_file(
    path: Path, shown: str, root: Path | None, too_big: Callable[[int], Message] | None = None
) -> bytes:
    """The bytes of a regular file (inside root, when one is given), or PlanError saying
    what the file is and how to fix it. ``shown`` names the file in messages; ``too_big``
    says a file over the cap, of its size, when the usual advice (split it) does not fit."""
    said_too_big = too_big or too_big_file

    def refuse(message: Message) -> PlanError:
        return PlanError([Problem(shown, None, None, message)])

    if root is not None:
        problem = inside(path, root)
        if problem is not None:
            raise refuse(problem)
    try:
        real = os.path.realpath(path, strict=True)
        mode = os.stat(real).st_mode
        if not stat.S_ISREG(mode):  # refused unopened: opening some devices acts on them
            raise refuse(not_regular(mode))
        fd = os.open(real, _OPEN_FLAGS)
    except OSError as err:
        raise refuse(os_problem(path, err)) from None
    with os.fdopen(fd, "rb", buffering=0) as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise refuse(not_regular(status.st_mode))
        if status.st_size > MAX_FILE_BYTES:
            raise refuse(said_too_big(status.st_size))
        chunks: list[bytes] = []
        size = 0
        while chunk := handle.read(_CHUNK):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_FILE_BYTES:  # it grew while being read
                raise refuse(said_too_big(size))
    return b"".join(chunks)


def not_regular(mode: int) -> Message:
    kind = _KINDS.get(stat.S_IFMT(mode)) or N_("not a file")
    return N_(
        "not a regular file ({kind}) — plan-kpi reads only regular files: put the file "
        "itself in its place",
        kind=kind,
    )


def too_big_file(size: int) -> Message:
    """A file over the cap: split it (actuals/ takes any number of files)."""
    return N_(
        "{size} bytes, more than the {most} plan-kpi reads from one file — split it into "
        "several files (actuals/ takes any number of them: one a report, or a year)",
        size=Number(size),
        most=_cap(),
    )


def too_big_targets(size: int) -> Message:
    """The targets' file over the cap: targets take one file, so it cannot be split."""
    return N_(
        "{size} bytes, more than the {most} plan-kpi reads from one file — a plan's targets "
        "take one file: write names and units in one language, shorten notes and sources, "
        'write a target that is only a level in its short form (2022: "15000"), or split the '
        "plan into two plans, each in a folder of its own, keeping each indicator with its "
        "parts and the indicators its formula names",
        size=Number(size),
        most=_cap(),
    )


def _cap() -> Message:
    cap = MAX_FILE_BYTES
    if cap % 2**20 == 0:
        return N_("{count} MiB", count=Number(cap // 2**20))
    return N_("{count} bytes", count=Number(cap))


def os_problem(path: Path, err: OSError) -> Message:
    """What went wrong reaching or reading a file or folder, in words, with how to fix it."""
    if err.errno == errno.ELOOP:
        return N_("a link that leads round in a loop — replace it by the file it should lead to")
    if err.errno == errno.ENOENT and os.path.islink(path):
        return N_(
            "a link to {target}, which does not exist — replace it by the file",
            target=os.readlink(path),
        )
    if err.errno == errno.ENOENT:
        return N_("no such file — check the name")
    if err.errno in (errno.EACCES, errno.EPERM):
        return N_(
            "cannot be read: permission denied — give yourself the right to read it "
            "(chmod u+r {name}), or ask its owner",
            name=path.name,
        )
    # what else went wrong, in the system's own words (its strerror)
    return N_("cannot be read: {reason} — check the file", reason=err.strerror or str(err))
