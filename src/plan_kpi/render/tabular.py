"""Rows and columns: the one intermediate the terminal table and CSV are drawn from."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

from plan_kpi.core import numbers as n
from plan_kpi.core.messages import C_, N_, Message
from plan_kpi.core.models import SHORT_FORM
from plan_kpi.core.numbers import Locale
from plan_kpi.core.records import field, record, replace
from plan_kpi.reports.figures import Amount
from plan_kpi.say.catalog import words
from plan_kpi.say.display import format_number, format_shown
from plan_kpi.say.terms import explain
from plan_kpi.say.vocabulary import say


@record
class Column:
    """A column: its machine key (CSV header) and its heading for people."""

    key: str
    heading: str
    numeric: bool = False
    #: 0: always shown; higher: hidden first when the terminal is too narrow
    optional: int = 0
    #: words (not figures): may wrap at spaces in a narrow terminal, as the first column does
    wrap: bool = False
    #: "name": an indicator's name, first in a workbook; "id": its id, last there;
    #: "derived": whether the figure before it was derived
    kind: str = ""


@record
class Cell:
    """A cell: the text people read, the plain value scripts read, and a style.

    A figure's cell also carries its number as shown (rounded half-up to
    ``places``), whether it is a percentage and its footnote mark, for
    renderers that write numbers as numbers (xlsx).
    """

    text: str
    raw: str = ""
    style: str | None = None
    from_data: bool = False
    number: Decimal | None = None
    places: int = 0
    percent: bool = False
    mark: str = ""


EMPTY = Cell("", "")


#: C0 and C1 controls (terminal escapes) and the invisible marks that reorder text (bidi)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Control characters (terminal escapes) shown as \\xNN instead of acting on the screen."""
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def text_cell(value: str | None, style: str | None = None) -> Cell:
    """Text that comes from a data file: shown literally everywhere."""
    if value is None:
        return EMPTY
    return Cell(visible(value), value, style, from_data=True)


def word_cell(text: str, raw: str, style: str | None = None) -> Cell:
    return Cell(text, raw, style)


def number_cell(
    value: Decimal | None, places: int, lang: Locale, mark: str = "", percent: bool = False
) -> Cell:
    if value is None:
        return EMPTY
    shown = n.round_half_up(value, places)
    return Cell(
        format_number(value, places, lang) + mark,
        n.plain(shown),
        number=shown,
        places=places,
        percent=percent,
        mark=mark,
    )


def amount_cell(amount: Amount | None, lang: Locale, mark: str = "") -> Cell:
    """A figure's cell; a bounded one says its bound ('> 90'), in CSV too ('>90'), and is
    text in a workbook, not a number to add up."""
    if amount is None:
        return EMPTY
    if amount.bound is not None:
        shown = amount.rounded
        return Cell(
            format_shown(amount, lang) + mark,
            SHORT_FORM[amount.bound] + n.plain(shown),
            places=amount.places,
            percent=amount.percent,
            mark=mark,
        )
    cell = number_cell(amount.value, amount.places, lang, mark, amount.percent)
    known = amount.known_places
    if known < amount.places:
        # people read a derived figure only to the digits its interval supports (7.829.000,
        # not 7.828.894,3); scripts and spreadsheets get the computed value, as JSON has it
        return replace(cell, text=format_number(amount.value, known, lang) + mark)
    return cell


#: the heading of a ``*_derived`` column, after its figure's
DERIVED_HEADING = C_("column", "{heading} derived")
#: a figure that was derived, in a ``*_derived`` column for people
DERIVED = C_("figure", "derived")


def with_derived(columns: list[Column], figures: Iterable[str], lang: Locale) -> list[Column]:
    """After each of the figures' columns its ``*_derived`` column: 'true' or 'false' in CSV,
    as JSON has it; 'tính suy ra' or nothing for people (a workbook, --excel)."""
    wanted = set(figures)
    out = []
    for column in columns:
        out.append(column)
        if column.key in wanted:
            heading = words(lang).pgettext("column", DERIVED_HEADING.text, heading=column.heading)
            out.append(Column(f"{column.key}_derived", heading, kind="derived"))
    return out


def derived_cell(derived: bool, lang: Locale) -> Cell:
    """Whether a figure was derived: 'true'/'false' for programs, the word or nothing for people."""
    return Cell(say(DERIVED, lang), "true") if derived else Cell("", "false")


def people_order(columns: list[Column]) -> list[int]:
    """The columns in the order people read them in a spreadsheet: the name first, the id last."""
    place = {"name": 0, "id": 2}
    return sorted(range(len(columns)), key=lambda i: place.get(columns[i].kind, 1))


#: said under a terminal table that had to hide columns ({columns}: their headings)
HIDDEN_NOTE = N_("Hidden to fit the terminal: {columns} (widen it, or use --format csv).")


def summary_line(names: Mapping[str, Message], counts: Mapping[str, int], lang: Locale) -> str:
    """'Summary: met 2, missed 1': a report's count of each status, in words."""
    counted = ", ".join(f"{say(names[key], lang)} {count}" for key, count in counts.items())
    return words(lang).gettext("Summary: {counts}", counts=counted)


def footnoted_cell(table: Tabular, amount: Amount | None, lang: Locale, about: str = "") -> Cell:
    """A figure's cell; a derived figure gets a numbered footnote that says how it was derived."""
    if amount is None:
        return EMPTY
    if amount.derived and amount.inputs:
        text = f"{about}{explain(amount, lang)}{_known_to(amount, lang)}"
        # the same figure twice (a period's value, the next one's previous) has one note
        number = table.note_numbers.get(text)
        if number is None:
            number = table.note_numbers[text] = len(table.footnotes) + 1
            table.footnotes.append(f"[{number}] {text}")
        return amount_cell(amount, lang, f" [{number}]")
    return amount_cell(amount, lang)


#: what a note adds of a figure shown to fewer digits than computed
_KNOWN_TO = N_("; it comes to {value}, somewhere from {low} to {high}")


def _known_to(amount: Amount, lang: Locale) -> str:
    """The computed figure and its range, when the table shows it to fewer digits (a
    workbook, for the arithmetic in its cells, shows the computed one)."""
    known = amount.known_places
    if known >= amount.places or amount.low is None or amount.high is None:
        return ""
    low, high = n.round_outward(amount.low, amount.high, amount.places)
    return words(lang).gettext(
        _KNOWN_TO.text,
        value=format_number(amount.value, amount.places, lang),
        low=format_number(low, amount.places, lang),
        high=format_number(high, amount.places, lang),
    )


@record(frozen=False)
class Tabular:
    """A titled grid of cells with footnotes and a closing summary line."""

    title: str
    columns: list[Column]
    #: the language of its words (its notes' headings in a workbook, what it says of hidden
    #: columns), and the name of its sheet in a workbook ('Kiểm tra 2021')
    lang: Locale
    sheet: str = "plan-kpi"
    rows: list[list[Cell]] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    #: each numbered note's text (without its '[n] '), and its number: one lookup a figure
    note_numbers: dict[str, int] = field(default_factory=dict)
    summary: str = ""
