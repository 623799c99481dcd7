"""Standard output as the user's environment gives it: its encoding, a full disk, a closed pipe.

None of these is a bug in plan-kpi or a verdict on the plan:

- a character the output's encoding cannot write (``PYTHONIOENCODING=cp1258``)
  is first written another way that is the same text — its letter and its
  tone mark apart, as Windows-1258 writes Vietnamese ('ế' as 'ê' and a
  combining acute) — and when there is none, the command stops with a
  message naming the encoding and the fix, exit code 2;
- a full disk or another failure of the output (``> /dev/full``): a
  message, exit code 2;
- a reader that stops reading (``plan-kpi check | head -1``): the rest of the
  output is dropped and the exit code is the verdict, as if it had all been
  read.
"""

from __future__ import annotations

import codecs
import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from plan_kpi.core.errors import UsageError
from plan_kpi.core.messages import N_

#: the name of the encoding error handler that writes a character as its letter and marks
SAME_TEXT = "plan_kpi_same_text"


def _same_text(err: UnicodeError, encoding: str) -> tuple[str, int]:
    """A character the encoding lacks, as the same text in characters it has.

    The character's letter composed with as many of its marks as the
    encoding has a letter for, the other marks after it: 'ệ' is 'ê' and a
    combining dot below in cp1258, which has 'ê' and that mark but neither
    'ệ' nor 'ẹ'. Each spelling is canonically the same text (NFC gives the
    character back). A character with no such spelling ('→') is the
    encoding's error, as without this handler. ``encoding`` is the output's
    (a codec names itself in its errors by its kind: 'charmap').
    """
    import unicodedata
    from itertools import combinations

    assert isinstance(err, UnicodeEncodeError)
    char = err.object[err.start]
    parts = unicodedata.normalize("NFD", char)
    letter, marks = parts[0], parts[1:]
    for count in range(len(marks), -1, -1):
        for chosen in combinations(range(len(marks)), count):
            composed = unicodedata.normalize("NFC", letter + "".join(marks[i] for i in chosen))
            rest = "".join(m for i, m in enumerate(marks) if i not in chosen)
            spelling = composed + rest
            if spelling == char or unicodedata.normalize("NFC", spelling) != char:
                continue
            try:
                spelling.encode(encoding)
            except UnicodeEncodeError:
                continue
            return spelling, err.start + 1
    raise err


def install() -> None:
    """Standard output writes Vietnamese the way its encoding can, when it is not UTF-8."""
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if codecs.lookup(encoding).name == "utf-8" or not hasattr(stream, "reconfigure"):
        return

    def same_text(err: UnicodeError) -> tuple[str, int]:
        return _same_text(err, encoding)

    codecs.register_error(SAME_TEXT, same_text)
    stream.reconfigure(errors=SAME_TEXT)


def reader_left() -> None:
    """Whatever is still to be written goes nowhere, quietly (the reader left, the disk is full).

    Standard output is pointed at the null device, so the output still in
    its buffer neither fails again nor is said to fail twice.
    """
    try:
        out = sys.stdout.fileno()
    except (OSError, ValueError):  # not a file (a test's captured output): nothing to drop
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, out)
    os.close(devnull)


def unwritable(err: OSError | UnicodeEncodeError) -> UsageError:
    """Why the output could not be written, and how to fix it."""
    if isinstance(err, UnicodeEncodeError):
        import unicodedata

        char = err.object[err.start]
        encoding = getattr(sys.stdout, "encoding", None) or err.encoding
        # the character's code point and its Unicode name, when it has one: not words
        code = f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()
        return UsageError(
            N_(
                "standard output is in {encoding}, which cannot write {char!r} ({code}) — set "
                "PYTHONIOENCODING=utf-8, or write the report to a file with -o FILE (always "
                "UTF-8)",
                encoding=encoding,
                char=char,
                code=code,
            )
        )
    if err.errno == errno.ENOSPC:
        return UsageError(
            N_(
                "cannot write the output: no space left on the disk it goes to — free some "
                "space, or write it elsewhere (-o FILE on another disk)"
            )
        )
    return UsageError(
        N_(
            "cannot write the output: {reason} — check where it goes, or write it to a file "
            "with -o FILE",
            reason=err.strerror or str(err),
        )
    )


@contextmanager
def writing() -> Iterator[None]:
    """Around everything written to standard output: its failures said as the user's."""
    try:
        yield
    except BrokenPipeError:
        reader_left()
    except OSError as err:
        reader_left()
        raise unwritable(err) from None
    except UnicodeEncodeError as err:
        raise unwritable(err) from None
