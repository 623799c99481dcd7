"""Numbering footnotes takes one lookup a figure, never a scan of the notes so far.

A check of 20,000 indicators with a derived figure on every row spent 106 s
(CPU) numbering its notes: each figure scanned every note before it. Work is
counted here, not timed (benchmarks/run.py times the growth): the notes are
a list that counts how many of its items are read.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from plan_kpi.core.periods import parse_period
from plan_kpi.render.tabular import Column, Tabular, footnoted_cell
from plan_kpi.reports.figures import Amount, Input, Term
from plan_kpi.reports.report import _Notes

FIGURES = 300


class CountingList(list[str]):
    """A list that counts the items read through iteration."""

    reads = 0

    def __iter__(self) -> Iterator[str]:
        CountingList.reads += len(self)
        return super().__iter__()


class CountingNotes(list[object]):
    """The same, for the report's notes."""

    reads = 0

    def __iter__(self) -> Iterator[object]:
        CountingNotes.reads += len(self)
        return super().__iter__()


def derived(i: int) -> Amount:
    """A derived figure whose note says it came from the value i of 2020."""
    term = Term("value", parse_period("2020"))
    return Amount(
        value=Decimal(i),
        places=0,
        derived=True,
        inputs=(Input(label=term, value=Decimal(i), places=0),),
    )


def test_a_table_numbers_its_notes_without_scanning_them() -> None:
    CountingList.reads = 0
    table = Tabular(title="t", columns=[Column("x", "x")], lang="en", footnotes=CountingList())
    cells = [footnoted_cell(table, derived(i), "en") for i in range(FIGURES)]
    again = footnoted_cell(table, derived(7), "en")  # a figure seen before keeps its note
    assert [c.mark for c in cells[:3]] == [" [1]", " [2]", " [3]"]
    assert again.mark == " [8]"
    assert len(table.footnotes) == FIGURES
    # a scan a figure reads 0 + 1 + … + 299 = 44,850 notes; a lookup reads none
    assert CountingList.reads == 0


def test_the_report_marks_its_notes_without_scanning_them() -> None:
    CountingNotes.reads = 0
    notes = _Notes()
    notes.notes = CountingNotes()  # type: ignore[assignment]
    numbers = [notes.number(f"x{i}", derived(i)) for i in range(FIGURES)]
    assert numbers[:3] == [1, 2, 3]
    assert notes.number("x7", derived(7)) == 8
    assert len(notes.notes) == FIGURES
    assert CountingNotes.reads == 0
