"""The words people type for the format's values, in one table for every input.

A report's ``status`` is written as the format names it (``estimate``,
``preliminary``, ``final``) or as Vietnamese documents say it (``ước``, ``ước
thực hiện``, ``ước tính``, ``sơ bộ``, ``chính thức``); case, accents and spacing
do not matter. A percentage (``growth_pct``, ``pct_of_previous``,
``pct_of_target``, ``share_pct``) may end with ``%``, as reports print it
(``"96,76%"``, ``"96,76 %"``). The loader (YAML and CSV), the spreadsheet import
and the command line all read them here; periods have their own reader,
``core.periods.parse_period``. docs/data-format.md lists them.
"""

from __future__ import annotations

from typing import overload

from plan_kpi.core.messages import N_, Message
from plan_kpi.core.models import PERCENT_RELATIONS, ActualStatus
from plan_kpi.core.quotes import folded

#: each status and the words that name it, the format's own first; what output writes
#: (``say.vocabulary.ACTUAL_STATUSES``: 'ước', 'sơ bộ', 'chính thức') is among them
STATUS_WORDS: dict[ActualStatus, tuple[str, ...]] = {
    "estimate": ("estimate", "ước", "ước thực hiện", "ước tính"),  # not words: input aliases
    "preliminary": ("preliminary", "sơ bộ"),  # not words: input aliases
    "final": ("final", "chính thức"),  # not words: input aliases
}
_STATUS_OF: dict[str, ActualStatus] = {
    folded(word): status for status, words in STATUS_WORDS.items() for word in words
}


def status_choices() -> Message:
    """What a status may be, for a message: 'estimate (ước, ước thực hiện, ước tính), …'."""
    choices = {
        status: f"{words[0]} ({', '.join(words[1:])})" for status, words in STATUS_WORDS.items()
    }
    return N_("{estimate}, {preliminary} or {final}", **choices)


def status_of(text: str) -> ActualStatus | None:
    """The status a word names ('Ước thực hiện' is 'estimate'); None for another word."""
    return _STATUS_OF.get(folded(text))


@overload
def figure_text(text: str, key: str) -> str: ...
@overload
def figure_text(text: None, key: str) -> None: ...
def figure_text(text: str | None, key: str) -> str | None:
    """A figure as the figure reader takes it: a percentage's ending '%' left out.

    Only a percentage's: a '%' after another figure stays, and the reader
    refuses it. The figure itself is untouched ('96,76 %' is '96,76').
    """
    if text is not None and key in PERCENT_RELATIONS:
        stripped = text.strip()
        if stripped.endswith("%"):
            return stripped[:-1].rstrip()
    return text
