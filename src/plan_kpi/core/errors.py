"""Errors are values: each names the place in the file and says how to fix it.

A problem's ``message`` is a core ``Message`` (``N_("what — how to fix", ...)``),
said in the run's language by the say layer (``say.problems``); ``str()`` of a
problem or an error is its English wording, for logs and tests.
"""

from __future__ import annotations

from collections.abc import Iterable

from plan_kpi.core.messages import Message
from plan_kpi.core.records import record


@record
class Problem:
    """One thing wrong with the input: where, what, and how to fix it."""

    file: str
    line: int | None
    column: int | None
    message: Message
    #: a spreadsheet cell ("B5"), named instead of line:column ("FILE!SHEET:B5: ...")
    cell: str | None = None

    @property
    def place(self) -> str:
        """FILE:LINE:COL, or FILE!SHEET:CELL, as editors and compilers name a place."""
        if self.cell is not None:
            return f"{self.file}:{self.cell}"
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return place

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class PlanError(Exception):
    """Bad input: one or more problems, all reported together."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(
            problems, key=lambda p: (p.file, p.line or 0, p.column or 0, str(p.message))
        )
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """A command-line option that cannot be used as given; its message says how to fix it."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(str(message))
