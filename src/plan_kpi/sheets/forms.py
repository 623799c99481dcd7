"""An agency's fill-in form as an Excel workbook, and its file name.

The workbook has two sheets: the instructions first, then the form. The
form lists the agency's indicators for the period (name, unit, period, the
target and last year's figure for reference) and the cells to fill: the
figure, what kind of figure it is (ước, sơ bộ, chính thức, from a list), and
the relations the agency's reports print beside it. Only those cells are
unlocked (and yellow); the sheet is protected without a password, so a user
who must can unprotect it. Figure cells take numbers only (Excel's data
validation) and are in General format, so a figure is read back as typed,
its decimals its precision; reference figures have the plan's number
formats (grouped, their decimals), as render/xlsx.py writes them.

Hidden cells make the returned form recognisable and independent of any
name retyped: column A holds the indicator ids under a marker (A1) and the
plan's id, column B each row's period, and a hidden row the columns' keys
(sheets/returns.py reads them back).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from plan_kpi.core import numbers as n
from plan_kpi.core.extras import require_openpyxl
from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import Period
from plan_kpi.render.tabular import amount_cell, visible
from plan_kpi.render.xlsx import (
    cell_number,
    number_format,
    print_setup,
    sheet_name,
    workbook_bytes,
)
from plan_kpi.reports.figures import Amount
from plan_kpi.reports.forms import Form, FormRow
from plan_kpi.say.catalog import Words, words
from plan_kpi.say.vocabulary import ACTUAL_STATUSES, COLUMNS, RELATION_SHORT, entry
from plan_kpi.say.wording import describe, period_label

#: A1 of a form: how a returned workbook is known to be one
FORM_MARK = "plan-kpi form 1"  # not words: the marker of a form (sheets/returns.py)
#: the hidden row of the columns' keys, above the first indicator's
KEY_ROW = 6
FIRST_ROW = KEY_ROW + 1
#: the columns: hidden ids and periods, then what people read and fill in
ID_COLUMN, PERIOD_COLUMN, NUMBER, NAME, UNIT, WHEN, TARGET, PREVIOUS, VALUE, STATUS = range(1, 11)
FIRST_RELATION = STATUS + 1
#: the kinds of figure a form's list offers: the words output writes, which input reads back
#: (core.aliases)
STATUS_WORDS = ACTUAL_STATUSES

_TO_FILL = "FFF2CC"  # not words: the yellow of the cells to fill
_NOT_ASKED = "EDEDED"  # not words: the grey of a relation the row is not asked for
_WIDTHS = {NUMBER: 5, NAME: 48, UNIT: 12, WHEN: 16, TARGET: 14, PREVIOUS: 14, VALUE: 15}
_MAX_STEM = 60


def form_file_stem(agency: str | None, period: Period, lang: Locale) -> str:
    """The file name (without .xlsx) of an agency's form: its name transliterated.

    'Sở Lao động - Thương binh và Xã hội', 2026 → 'so-lao-dong-thuong-binh-va-xa-hoi-2026'.
    ASCII letters, digits and '-' only: the name survives e-mail, zip files made on
    Windows and any file system; the form itself names the agency as written.
    """
    name = agency if agency is not None else words(lang).pgettext("form", "no agency")
    stem = _ascii(name)[:_MAX_STEM].strip("-") or "agency"  # not words: a name's fallback
    return f"{stem}-{str(period).replace('/', '_')}"


def _ascii(text: str) -> str:
    """Lower-case ASCII words joined by '-': accents dropped, đ as d."""
    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def form_workbook(form: Form, due: date, lang: Locale) -> bytes:
    """The form as an .xlsx workbook: the instructions, then the sheet to fill in."""
    require_openpyxl("plan-kpi forms")  # not words: the command, in extras' message
    from openpyxl import Workbook

    w = words(lang)
    book = Workbook()
    guide = book.active
    assert guide is not None
    sheet = book.create_sheet()
    guide.title = sheet_name(w.pgettext("form", "Instructions"))
    sheet.title = sheet_name(w.pgettext("form", "Form"))
    _form_sheet(sheet, form, due, w, lang)
    _instructions(guide, form, due, w, lang, sheet.title)
    book.active = 0
    return workbook_bytes(book)


def _agency(form: Form, w: Words) -> str:
    return form.agency if form.agency is not None else w.pgettext("form", "no agency")


def _form_sheet(sheet: Any, form: Form, due: date, w: Words, lang: Locale) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    relations = form.relations
    note_column = FIRST_RELATION + len(relations)
    last = get_column_letter(note_column)
    when = describe(form.period, lang)
    for line, text in enumerate((FORM_MARK, form.plan, str(form.period), form.agency or "")):
        _text(sheet.cell(row=line + 1, column=ID_COLUMN), text)
    title = w.pgettext(
        "form", "Figures for {period}: {agency}", period=when, agency=_agency(form, w)
    )
    _text(sheet.cell(row=1, column=NUMBER), title).font = Font(bold=True, size=13)
    _text(sheet.cell(row=2, column=NUMBER), form.title)
    day = describe(Period(end=due, start=due, kind="date"), lang)
    due_text = w.pgettext("form", "Send it back by {day}.", day=day)
    _text(sheet.cell(row=3, column=NUMBER), due_text).font = Font(bold=True)
    headings = {
        NUMBER: w.pgettext("form", "No."),
        NAME: entry(COLUMNS, "indicator", lang),
        UNIT: entry(COLUMNS, "unit", lang),
        WHEN: entry(COLUMNS, "period", lang),
        TARGET: w.pgettext("form", "Target {period}", period=period_label(form.period, lang)),
        PREVIOUS: w.pgettext("form", "Last year's figure"),
        VALUE: w.pgettext("form", "Figure"),
        STATUS: w.pgettext("form", "Kind of figure"),
        note_column: w.pgettext("form", "Notes"),
    }
    keys = {ID_COLUMN: "indicator", PERIOD_COLUMN: "period", VALUE: "value", STATUS: "status"}
    for offset, relation in enumerate(relations):
        headings[FIRST_RELATION + offset] = entry(RELATION_SHORT, relation, lang)
        keys[FIRST_RELATION + offset] = relation
    for column, heading in headings.items():
        cell = _text(sheet.cell(row=KEY_ROW - 1, column=column), heading)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for column, key in keys.items():
        _text(sheet.cell(row=KEY_ROW, column=column), key)
    sheet.row_dimensions[KEY_ROW].hidden = True
    for column in (ID_COLUMN, PERIOD_COLUMN):
        sheet.column_dimensions[get_column_letter(column)].hidden = True
    for column, width in _WIDTHS.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.column_dimensions[get_column_letter(STATUS)].width = 14
    for offset in range(len(relations)):
        sheet.column_dimensions[get_column_letter(FIRST_RELATION + offset)].width = 12
    sheet.column_dimensions[last].width = 34

    numbers = DataValidation(
        type="decimal",
        operator="between",
        formula1="-1E+100",
        formula2="1E+100",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=w.pgettext("form", "A number"),
        error=w.pgettext(
            "form",
            "Type the figure as a number (61005, 92.19), without its unit; leave the cell "
            "empty if it has not come in.",
        ),
    )
    listed = [w.say(word) for word in STATUS_WORDS.values()]
    statuses = DataValidation(
        type="list",
        formula1='"' + ",".join(listed) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=w.pgettext("form", "From the list"),
        error=w.pgettext("form", "Choose one of: {kinds}.", kinds=", ".join(listed)),
    )
    fill = PatternFill("solid", fgColor=_TO_FILL)
    grey = PatternFill("solid", fgColor=_NOT_ASKED)
    unlocked = Protection(locked=False)
    number = 0
    for r, row in enumerate(form.rows, start=FIRST_ROW):
        if row.depth == 0:
            number += 1
        _text(sheet.cell(row=r, column=ID_COLUMN), row.indicator)
        _text(sheet.cell(row=r, column=PERIOD_COLUMN), str(row.period))
        shown_number = str(number) if row.depth == 0 else ("-" if row.depth == 1 else "+")
        _text(sheet.cell(row=r, column=NUMBER), shown_number).alignment = Alignment(
            horizontal="center", vertical="top"
        )
        name = _text(sheet.cell(row=r, column=NAME), row.name.get(lang) or row.indicator)
        name.alignment = Alignment(wrap_text=True, vertical="top", indent=2 * row.depth)
        _text(sheet.cell(row=r, column=UNIT), row.unit.get(lang))
        _text(sheet.cell(row=r, column=WHEN), period_label(row.period, lang))
        _reference(sheet.cell(row=r, column=TARGET), row.target, row.target_growth_pct, lang)
        _reference(sheet.cell(row=r, column=PREVIOUS), row.previous, None, lang)
        for column in (VALUE, *(FIRST_RELATION + i for i, _ in enumerate(relations))):
            cell = sheet.cell(row=r, column=column)
            asked = column == VALUE or relations[column - FIRST_RELATION] in row.relations
            if asked:
                cell.fill, cell.protection = fill, unlocked
                numbers.add(cell.coordinate)
            else:
                cell.fill = grey
        status = sheet.cell(row=r, column=STATUS)
        status.fill, status.protection = fill, unlocked
        statuses.add(status.coordinate)
        notes = _notes(row, w, lang)
        if notes:
            cell = _text(sheet.cell(row=r, column=note_column), notes)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for column in range(NUMBER, note_column + 1):
            target = sheet.cell(row=r, column=column)
            if column not in (NAME, NUMBER, note_column):
                target.alignment = Alignment(vertical="top")
    sheet.add_data_validation(numbers)
    sheet.add_data_validation(statuses)
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=UNIT).coordinate
    sheet.protection.sheet = True  # no password: Review › Unprotect Sheet undoes it
    sheet.protection.formatColumns = False  # widening a column stays allowed
    sheet.protection.formatRows = False
    end = max(FIRST_ROW, FIRST_ROW + len(form.rows) - 1)
    first = get_column_letter(NUMBER)
    print_setup(sheet, f"{first}1:{last}{end}", title_rows=f"{KEY_ROW - 1}:{KEY_ROW - 1}")


def _reference(cell: Any, amount: Amount | None, growth: Amount | None, lang: Locale) -> None:
    """A figure to fill in against: a number in the plan's format; a growth target as +9,2 %."""
    if amount is None and growth is not None:
        decimals = max(1, n.decimals(growth.value))
        digits = "0." + "0" * decimals
        shown = amount_cell(growth, lang)
        cell.value = cell_number(shown)
        cell.number_format = f"+{digits}%;-{digits}%;{digits}%"
        return
    if amount is None:
        return
    shown = amount_cell(amount, lang)
    if shown.number is None:  # a bound ("> 90") is no number to store: its text, as shown
        cell.value = visible(shown.text)
        cell.data_type = "s"
        return
    cell.value = cell_number(shown)
    cell.number_format = number_format(shown)


def _notes(row: FormRow, w: Words, lang: Locale) -> str:
    """What the reference figures are when it is not plain: a part of last year, derived ones."""
    said = []
    if row.previous_period is not None and row.previous_period != row.period.previous():
        said.append(
            w.pgettext(
                "form",
                "last year's figure is of {period}",
                period=describe(row.previous_period, lang),
            )
        )
    if row.target is not None and row.target.derived:
        said.append(w.pgettext("form", "the target is derived from other figures"))
    if row.previous is not None and row.previous.derived:
        said.append(w.pgettext("form", "last year's figure is derived from other figures"))
    return "; ".join(said)


def _instructions(
    sheet: Any, form: Form, due: date, w: Words, lang: Locale, form_sheet: str
) -> None:
    from openpyxl.styles import Alignment, Font

    day = describe(Period(end=due, start=due, kind="date"), lang)
    kinds = ", ".join(w.say(word) for word in STATUS_WORDS.values())
    lines = [
        w.pgettext("form", "How to fill in this form"),
        w.pgettext(
            "form",
            "This workbook lists the indicators {agency} reports for {period} under {plan}.",
            agency=_agency(form, w),
            period=describe(form.period, lang),
            plan=form.title,
        ),
        w.pgettext(
            "form",
            "Fill in only the yellow cells of the sheet “{sheet}”: each indicator's figure, the "
            "kind of figure, and the percentages and changes your reports print beside it. "
            "The other cells (name, unit, period, target, last year's figure) are there to "
            "check against and are locked.",
            sheet=form_sheet,
        ),
        w.pgettext(
            "form",
            "Type figures as numbers, as the report prints them and without their unit "
            "(61005; 92.19 with the decimal mark your Excel uses); a percentage as its "
            "number (92.19, or 92.19%). A figure is read as typed: its decimals are its "
            "precision.",
        ),
        w.pgettext(
            "form",
            "Kind of figure: choose {kinds} from the list; left empty, the figure is taken "
            "as final.",
            kinds=kinds,
        ),
        w.pgettext(
            "form",
            "A figure that has not come in: leave its whole row empty (never 0). An empty "
            "row is counted as still missing, not as zero.",
        ),
        w.pgettext(
            "form",
            "Do not add, remove or move rows or columns, and leave the hidden ones as they "
            "are: they tell plan-kpi which indicator each row is. The sheet is protected "
            "without a password; if you must, unprotect it (Review › Unprotect Sheet).",
        ),
        w.pgettext(
            "form",
            "Send this file back, as .xlsx, by {day}; it is read with: plan-kpi import FILE.",
            day=day,
        ),
    ]
    for row, text in enumerate(lines, start=1):
        cell = _text(sheet.cell(row=row, column=1), text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 100
    print_setup(sheet, f"A1:A{len(lines)}", title_rows="1:1")
    sheet.page_setup.orientation = "portrait"


def _text(cell: Any, text: str) -> Any:
    """Text, never a formula (a name may start with '='), control characters shown."""
    cell.value = visible(text)
    cell.data_type = "s"
    return cell
