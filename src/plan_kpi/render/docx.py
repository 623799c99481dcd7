"""The written report as a Word document (.docx), laid out as an administrative document.

Built with python-docx (optional: ``pip install 'plan-kpi[docx]'``) following
Nghị định 30/2020/NĐ-CP: A4 paper, margins of 20 mm at the top and bottom,
30 mm on the left and 15 mm on the right, Times New Roman 14 pt, the header
block (the issuer, the national name and motto, the number and the place and
date left blank to fill in), the report's numbered sections ("I. KẾT QUẢ
THỰC HIỆN NĂM 2021") and page numbers at the top from the second page on.

Word's own styles carry the look — Title, Subtitle, Heading 1 and 2, List
Bullet 1–3 (with "-" and "+" as the documents write them), Body Text,
Caption, Table Grid, footnote text — so that a user restyles the whole
document at once. A derived figure carries a real Word footnote saying how
it was derived (python-docx has no footnotes: their part is built here,
with the separators Word expects). The annex table ("Phụ lục") repeats its
header rows on every page, never splits a row across pages, and gets a
landscape page when the width of its figures needs one. The attainment
chart is a picture (``render/charts.py``).

Every text from the data goes into a text run (``w:t``), escaped by lxml:
it can never become a field, a hyperlink or markup. What the document says
is read from the report model in one place, :func:`contents`; the rest only
lays it out.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from plan_kpi.core.extras import require
from plan_kpi.core.numbers import Locale
from plan_kpi.core.records import record
from plan_kpi.render.check import growth_target_cell
from plan_kpi.render.tabular import visible
from plan_kpi.reports.figures import Amount
from plan_kpi.reports.report import Report, Result
from plan_kpi.say.catalog import words as words_of
from plan_kpi.say.display import format_amount, format_pct
from plan_kpi.say.paper import paper_words
from plan_kpi.say.report import heading_period, report_figure, say_report
from plan_kpi.say.vocabulary import ACTUAL_STATUSES, CATEGORIES, entry
from plan_kpi.say.wording import describe, note_mark

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section
    from docx.text.paragraph import Paragraph

    from plan_kpi.render.charts import Chart


# --- What the document says: read from the report model here, and only here -------------


@record
class Footnote:
    """A note at the foot of the page, referenced where a derived figure is printed."""

    text: str


#: a line of the document: text, and footnotes where their references go
Line = tuple[str | Footnote, ...]


@record
class Item:
    """An item of a list: how deep it is (parts under their parent), its line, a line under it."""

    depth: int
    line: Line
    under: str | None = None


@record
class AnnexRow:
    """A row of the annex table: one indicator's figures in the report's period."""

    number: str
    depth: int
    has_parts: bool
    name: str
    unit: str
    target: Line
    actual: Line
    of_target: str
    of_previous: str
    note: str


@record(slots=False)
class Contents:
    """Everything the document says, in its order, in the report's language."""

    lang: Locale
    issuer: str | None
    title: str
    plan: str
    results_heading: str
    results: tuple[Item, ...]
    no_results: str
    chart_caption: str | None
    next_heading: str
    next_targets: tuple[Item, ...]
    no_next: str
    findings_heading: str
    findings: tuple[Item, ...]
    no_findings: str
    footer: str
    words: dict[str, str]
    annex: tuple[AnnexRow, ...]


def contents(report: Report, lang: Locale) -> Contents:
    """What the document says of the report: its paragraphs with their notes, the annex rows."""
    said = say_report(report, lang)
    notes = {note.mark: note.text for note in said.notes}
    parts: dict[str, list[Result]] = {}
    for result in report.results:
        if result.parent is not None:
            parts.setdefault(result.parent, []).append(result)

    def marked(result: Result) -> list[tuple[str, str]]:
        """The figures of a result and of its parts that carry a note, as the prose says them."""
        unit = result.unit.get(lang)
        found = [
            (report_figure(amount, unit, 0, lang), note_mark(note))
            for amount, note in (
                (result.actual, result.actual_note),
                (result.target, result.target_note),
            )
            if amount is not None and note
        ]
        for part in parts.get(result.indicator, ()):
            found += marked(part)
        return found

    tops = [r for r in report.results if r.parent is None]
    results = tuple(
        Item(0, _footnoted(text, marked(result), notes))
        for text, result in zip(said.results, tops, strict=True)
    )
    next_targets = tuple(
        Item(
            0,
            _footnoted(
                text,
                [
                    (report_figure(amount, item.unit.get(lang), 0, lang), note_mark(note))
                    for amount, note in (
                        (item.target, item.target_note),
                        (item.base, item.base_note),
                    )
                    if amount is not None and note
                ],
                notes,
            ),
        )
        for text, item in zip(said.next_targets, report.next_targets, strict=True)
    )
    findings = tuple(
        Item(0, (f.text,), f"{said.arithmetic_label}: {f.arithmetic}") for f in said.findings
    )
    words = paper_words(heading_period(report.period, lang), lang)
    actual = _actual_heading(report)
    words["actual"] = words[actual]
    return Contents(
        lang=lang,
        issuer=report.issuer,
        title=said.title,
        plan=report.title,
        results_heading=said.results_heading,
        results=results,
        no_results=said.no_results,
        chart_caption=said.chart_title if report.attainments else None,
        next_heading=said.next_heading,
        next_targets=next_targets,
        no_next=said.no_next,
        findings_heading=said.findings_heading,
        findings=findings,
        no_findings=said.no_findings,
        footer=said.footer,
        words=words,
        annex=_annex(report, lang, notes, mixed=actual == "actual_mixed"),
    )


def _footnoted(sentence: str, marked: list[tuple[str, str]], notes: dict[str, str]) -> Line:
    """The sentence with each marked figure's mark ('khoảng 60.110 tỷ đồng¹') made a footnote.

    A figure is found with its unit and its mark, so a superscript in a name
    or a unit ('m²') is never taken for a note; a note whose figure the
    sentence does not write so is referenced at the sentence's end, never
    left out.
    """
    found = sorted((sentence.find(figure + mark), figure, mark) for figure, mark in marked)
    line: list[str | Footnote] = []
    done = 0
    elsewhere = []
    for at, figure, mark in found:
        if at < done:
            elsewhere.append(Footnote(notes[mark]))
            continue
        end = at + len(figure)
        line += [sentence[done:end], Footnote(notes[mark])]
        done = end + len(mark)
    line += [sentence[done:], *elsewhere]
    return tuple(piece for piece in line if piece != "")


def _actual_heading(report: Report) -> str:
    """'Ước thực hiện' when every actual is an estimate, 'Thực hiện' when none is, else both."""
    kinds = {r.actual_status for r in report.results if r.actual is not None}
    if kinds and kinds <= {"estimate"}:
        return "actual_estimate"
    if not kinds & {"estimate", "preliminary"}:
        return "actual_final"
    return "actual_mixed"


def _annex(
    report: Report, lang: Locale, notes: dict[str, str], mixed: bool
) -> tuple[AnnexRow, ...]:
    """The results as the annex's rows: top-level indicators numbered, parts under them."""
    w = words_of(lang)

    def figure(amount: Amount | None, note: int) -> Line:
        if amount is None:
            return ()
        text = format_amount(amount, lang)
        return (text, Footnote(notes[note_mark(note)])) if note else (text,)

    rows = []
    number = 0
    results = report.results
    for index, r in enumerate(results):
        if r.depth == 0:
            number += 1
        following = results[index + 1].depth if index + 1 < len(results) else 0
        target = figure(r.target, r.target_note)
        if r.target is None and r.target_growth_pct is not None:
            target = (growth_target_cell(r.target_growth_pct, lang).text,)
        said = []
        if r.period != report.period:
            said.append(describe(r.period, lang))
        comparison = r.comparison
        if comparison is not None and comparison.vs != r.period.previous():
            said.append(w.pgettext("paper", "vs {period}", period=describe(comparison.vs, lang)))
        if mixed and r.actual is not None and r.actual_status in ("estimate", "preliminary"):
            said.append(entry(ACTUAL_STATUSES, r.actual_status, lang))
        if r.part is not None and r.part.pro_rata_pct is not None:
            said.append(
                w.pgettext(
                    "paper",
                    "{period}: {value}, {pct} of the target pro rata ({pace})",
                    period=describe(r.part.period, lang),
                    value=format_amount(r.part.actual, lang),
                    pct=format_pct(r.part.pro_rata_pct.value, r.part.pro_rata_pct.places, lang),
                    pace=entry(CATEGORIES, r.part.pace, lang),
                )
            )
        rows.append(
            AnnexRow(
                number=str(number) if r.depth == 0 else ("-" if r.depth == 1 else "+"),
                depth=r.depth,
                has_parts=following > r.depth,
                name=r.name.get(lang),
                unit=r.unit.get(lang),
                target=target,
                actual=figure(r.actual, r.actual_note),
                of_target=format_amount(r.attainment_pct, lang) if r.attainment_pct else "",
                of_previous=format_amount(comparison.pct_of_previous, lang)
                if comparison and comparison.pct_of_previous
                else "",
                note="; ".join(said),
            )
        )
    return tuple(rows)


# --- The document: page, styles, footnotes, then the text -------------------------------

FONT = "Times New Roman"  # not words: a font
#: the Word styles the document's text is in, besides the headings' and lists' own
BODY_TEXT = "Body Text"  # not words: a Word style
TABLE_TEXT = "Table Text"  # not words: a Word style
TABLE_GRID = "Table Grid"  # not words: a Word style
#: A4, and the margins of Nghị định 30/2020 (top and bottom 20–25 mm, left 30–35, right 15–20)
PAGE = (210, 297)
MARGINS = {"top": 20, "bottom": 20, "left": 30, "right": 15}
_BODY_PT = 14
_TABLE_PT = 12
_INDENT_CM = 1.27
#: list items by depth: the mark the documents use, and how far in it stands (twips)
_BULLETS = (
    ("List Bullet", "-"),  # not words: a Word style
    ("List Bullet 2", "+"),  # not words: a Word style
    ("List Bullet 3", "•"),  # not words: a Word style
)
_CHART_MM = 160
#: the header block's left column (the issuer, the number); the right one has the rest
_ISSUER_MM = 60
_LANGUAGE: dict[Locale, str] = {"vi": "vi-VN", "en": "en-GB"}


def render_docx(report: Report, lang: Locale, chart: Chart | None) -> bytes:
    """The report as a .docx file's bytes; ``chart`` the attainment chart, drawn untitled."""
    require("docx", "--format docx")  # not words: an option
    from docx import Document as new_document

    said = contents(report, lang)
    document = new_document()
    _styles(document, said.lang)
    _bullets(document)
    notes = _Footnotes(document)
    _page(document.sections[0], landscape=False)
    _header_block(document, said)
    _body(document, said, chart, notes)
    if said.annex:
        _annex_section(document, said, notes)
    _page_numbers(document)
    _properties(document, said)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _body(document: Document, said: Contents, chart: Chart | None, notes: _Footnotes) -> None:
    """Sections I (results, chart), II (next targets), III (findings), then the closing note."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    words = said.words
    document.add_paragraph(visible(said.results_heading), style="Heading 1")
    if said.results:
        document.add_paragraph(words["results_list"], style="Heading 2")
        _list(document, said.results, notes)
        _text(document.add_paragraph(style=BODY_TEXT), words["see_annex"], italic=True)
    else:
        document.add_paragraph(said.no_results, style=BODY_TEXT)
    if chart is not None and said.chart_caption is not None:
        document.add_paragraph(words["results_chart"], style="Heading 2")
        document.add_picture(io.BytesIO(chart.png()), width=Mm(_CHART_MM))
        picture = document.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True
        _describe_picture(picture, said.chart_caption)
        document.add_paragraph(said.chart_caption, style="Caption")
    document.add_paragraph(said.next_heading, style="Heading 1")
    if said.next_targets:
        _list(document, said.next_targets, notes)
    else:
        document.add_paragraph(said.no_next, style=BODY_TEXT)
    document.add_paragraph(said.findings_heading, style="Heading 1")
    if said.findings:
        _list(document, said.findings, notes)
    else:
        document.add_paragraph(said.no_findings, style=BODY_TEXT)
    _text(document.add_paragraph(style=BODY_TEXT), said.footer, italic=True, size=12)


def _list(document: Document, items: Sequence[Item], notes: _Footnotes) -> None:
    """Items as Word list paragraphs, a part one level under its parent ('-', then '+')."""
    deepest = len(_BULLETS) - 1
    for item in items:
        paragraph = document.add_paragraph(style=_BULLETS[min(item.depth, deepest)][0])
        _line(paragraph, item.line, notes)
        if item.under is not None:
            under = document.add_paragraph(style=_BULLETS[min(item.depth + 1, deepest)][0])
            _text(under, item.under, size=12)


def _line(paragraph: Paragraph, line: Line, notes: _Footnotes) -> None:
    for piece in line:
        if isinstance(piece, Footnote):
            notes.reference(paragraph, piece.text)
        else:
            _text(paragraph, piece)


def _text(
    paragraph: Paragraph,
    text: str,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    caps: bool = False,
) -> None:
    """A run of text, shown as written: lxml escapes it, control characters are shown."""
    from docx.shared import Pt

    run = paragraph.add_run(visible(text))
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if caps:
        run.font.all_caps = True
    if size is not None:
        run.font.size = Pt(size)


def _header_block(document: Document, said: Contents) -> None:
    """The issuer and the number; the national name and motto, the place and date."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    words = said.words
    width = PAGE[0] - MARGINS["left"] - MARGINS["right"]
    table = document.add_table(rows=2, cols=2)
    table.autofit = False
    widths = (Mm(_ISSUER_MM), Mm(width - _ISSUER_MM))
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width
    for row in table.rows:
        for cell, cell_width in zip(row.cells, widths, strict=True):
            cell.width = cell_width
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            cell.paragraphs[0].paragraph_format.space_before = Pt(0)
    issuer, nation = table.rows[0].cells
    if said.issuer:
        _text(issuer.paragraphs[0], said.issuer, bold=True, size=13, caps=True)
    _text(nation.paragraphs[0], words["nation"], bold=True, size=12, caps=True)
    motto = nation.add_paragraph()
    motto.alignment = WD_ALIGN_PARAGRAPH.CENTER
    motto.paragraph_format.space_before = Pt(0)
    _text(motto, words["motto"], bold=True, size=13)
    number, place = table.rows[1].cells
    _text(number.paragraphs[0], words["number"], size=13)
    _text(place.paragraphs[0], words["place_date"], italic=True, size=13)
    document.add_paragraph(words["kind"], style="Title")
    document.add_paragraph(words["summary"], style="Subtitle")
    plan = document.add_paragraph(style="Subtitle")
    _text(plan, said.plan, italic=True)
    plan.runs[0].bold = False


def _annex_section(document: Document, said: Contents, notes: _Footnotes) -> None:
    """The annex on a page of its own, landscape when the table needs the width."""
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    words = said.words
    portrait = PAGE[0] - MARGINS["left"] - MARGINS["right"]
    widths = _column_widths(said.annex, portrait)
    landscape = widths is None
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=landscape)
    if widths is None:
        widths = _column_widths(said.annex, PAGE[1] - MARGINS["left"] - MARGINS["right"], True)
    assert widths is not None
    for key, style in (("annex", "Heading 1"), ("annex_title", "Heading 2")):
        paragraph = document.add_paragraph(words[key], style=style)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = 0
    of = document.add_paragraph()
    of.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _text(of, words["annex_of"], italic=True)
    _annex_table(document, said, widths, notes)


#: the annex's columns: number, name, unit, target, actual, % of target, % of previous, note
_COLUMNS = 8


def _column_widths(rows: Sequence[AnnexRow], width: int, wide: bool = False) -> list[float] | None:
    """Each column's width in mm, the name's at least a third; None when it needs a wider page.

    The figures' columns take the width of their longest figure at 12 pt
    (about 2.2 mm a character, and the cell's margins), within bounds.
    """

    def fit(texts: Iterable[str], per_char: float, least: float, most: float) -> float:
        longest = max((len(t) for t in texts), default=0)
        return min(max(longest * per_char + 4, least), most)

    figures = [_plain(r.target) for r in rows] + [_plain(r.actual) for r in rows]
    percents = [r.of_target for r in rows] + [r.of_previous for r in rows]
    number = fit((r.number for r in rows), 2.2, 13, 16)
    unit = fit((r.unit for r in rows), 2.0, 12, 24)
    figure = fit(figures, 2.0, 18, 34)
    percent = fit(percents, 2.0, 15, 18)
    note = fit((r.note for r in rows), 2.0, 12, 36)
    others = [number, unit, figure, figure, percent, percent, note]
    name = width - sum(others)
    if name < max(width / 3, 50):
        if not wide:
            return None
        name = width / 3
        scale = (width - name) / sum(others)
        others = [each * scale for each in others]
    return [others[0], name, *others[1:]]


def _plain(line: Line) -> str:
    return "".join(piece for piece in line if isinstance(piece, str))


def _annex_table(
    document: Document, said: Contents, widths: Sequence[float], notes: _Footnotes
) -> None:
    """Two header rows repeated on every page (So sánh (%) over its two columns), then a row
    per indicator that never splits across pages."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    words = said.words
    table = document.add_table(rows=2, cols=_COLUMNS)
    table.style = document.styles[TABLE_GRID]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # a fixed layout: the widths as given, not fitted to the text
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    head = ["no", "indicator", "unit", "target", "actual", "compared", "compared", "note"]
    for index in range(_COLUMNS):
        if index not in (5, 6):
            table.cell(0, index).merge(table.cell(1, index))
    table.cell(0, 5).merge(table.cell(0, 6))
    for index, key in enumerate(head):
        if index != 6:
            _cell_text(table.cell(0, index), words[key], bold=True)
    _cell_text(table.cell(1, 5), words["of_target"], bold=True)
    _cell_text(table.cell(1, 6), words["of_previous"], bold=True)
    for row in table.rows:
        _row_properties(row, header=True)
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            for paragraph in cell.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    right, center = WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.CENTER
    for item in said.annex:
        cells = table.add_row().cells
        _row_properties(table.rows[-1], header=False)
        bold = item.depth == 0 and item.has_parts
        _cell_line(cells[0], (item.number,), notes, center, bold)
        name = _cell_line(cells[1], (item.name,), notes, None, bold)
        name.paragraph_format.left_indent = Mm(3 * item.depth)
        _cell_line(cells[2], (item.unit,), notes, center)
        _cell_line(cells[3], item.target, notes, right, bold)
        _cell_line(cells[4], item.actual, notes, right, bold)
        _cell_line(cells[5], (item.of_target,), notes, right, bold)
        _cell_line(cells[6], (item.of_previous,), notes, right, bold)
        _cell_line(cells[7], (item.note,), notes, None)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)


def _cell_text(cell: Any, text: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = TABLE_TEXT
    _text(paragraph, text, bold=bold)


def _cell_line(
    cell: Any, line: Line, notes: _Footnotes, align: Any, bold: bool = False
) -> Paragraph:
    paragraph: Paragraph = cell.paragraphs[0]
    paragraph.style = TABLE_TEXT
    if align is not None:
        paragraph.alignment = align
    for piece in line:
        if isinstance(piece, Footnote):
            notes.reference(paragraph, piece.text)
        else:
            _text(paragraph, piece, bold=bold)
    return paragraph


def _row_properties(row: Any, header: bool) -> None:
    """A row that never splits across pages; a header row, repeated at the top of each page."""
    from docx.oxml import OxmlElement

    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _describe_picture(paragraph: Paragraph, text: str) -> None:
    """The picture's alternative text (read aloud, shown when it cannot be)."""
    from docx.oxml.ns import qn

    for properties in paragraph._p.iter(qn("wp:docPr")):
        properties.set("descr", visible(text))
        properties.set("name", "chart")


def _page(section: Section, landscape: bool) -> None:
    """A4, portrait or landscape, with the decree's margins."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    short, long = PAGE
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = Mm(long if landscape else short)
    section.page_height = Mm(short if landscape else long)
    section.top_margin = Mm(MARGINS["top"])
    section.bottom_margin = Mm(MARGINS["bottom"])
    section.left_margin = Mm(MARGINS["left"])
    section.right_margin = Mm(MARGINS["right"])
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def _page_numbers(document: Document) -> None:
    """The page number at the top, centred, from the second page on (a PAGE field of ours)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    first, *rest = document.sections
    first.different_first_page_header_footer = True
    for section in rest:
        section.different_first_page_header_footer = False
    paragraph = first.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2")):
        run = paragraph.add_run()
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text or ""
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _properties(document: Document, said: Contents) -> None:
    """The file's title, subject and author as Word's File › Info shows them."""
    properties = document.core_properties
    properties.title = visible(said.title)
    properties.subject = visible(said.plan)
    properties.author = visible(said.issuer or "")
    properties.last_modified_by = "plan-kpi"
    properties.comments = "plan-kpi"
    properties.keywords = ""
    now = datetime.now(UTC).replace(microsecond=0)
    properties.created = now
    properties.modified = now
    properties.revision = 1
    # the template's thumbnail is a blank page: a file manager would show it for this document
    package = document.part.package
    for key, relation in list(package.rels.items()):
        if relation.reltype.endswith("/thumbnail"):
            del package.rels[key]


class _Footnotes:
    """The footnotes part (word/footnotes.xml): Word's two separators, then a note per reference.

    Each reference gets a note of its own, as Word's Insert Footnote makes
    them; Word numbers them 1, 2, … in the order of the document.
    """

    def __init__(self, document: Document) -> None:
        from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
        from docx.opc.packuri import PackURI
        from docx.opc.part import XmlPart
        from docx.oxml import OxmlElement, parse_xml
        from docx.oxml.ns import nsdecls, qn

        separators = "".join(
            f'<w:footnote w:type="{kind}" w:id="{number}"><w:p><w:pPr>'
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            f"<w:r><w:{kind}/></w:r></w:p></w:footnote>"
            for number, kind in ((-1, "separator"), (0, "continuationSeparator"))
        )
        self.root = parse_xml(f"<w:footnotes {nsdecls('w')}>{separators}</w:footnotes>")
        part = XmlPart(
            PackURI("/word/footnotes.xml"),
            CONTENT_TYPE.WML_FOOTNOTES,
            self.root,
            document.part.package,
        )
        document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
        settings = document.settings.element
        properties = OxmlElement("w:footnotePr")
        for number in ("-1", "0"):
            separator = OxmlElement("w:footnote")
            separator.set(qn("w:id"), number)
            properties.append(separator)
        compat = settings.find(qn("w:compat"))
        if compat is not None:
            compat.addprevious(properties)
        else:
            settings.append(properties)
        self.count = 0

    def reference(self, paragraph: Paragraph, text: str) -> None:
        """A footnote saying ``text``, referenced at the end of the paragraph so far."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self.count += 1
        number = str(self.count)
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), number)
        body = OxmlElement("w:p")
        properties = OxmlElement("w:pPr")
        style = OxmlElement("w:pStyle")
        style.set(qn("w:val"), "FootnoteText")
        properties.append(style)
        body.append(properties)
        mark = _reference_run()
        mark.append(OxmlElement("w:footnoteRef"))
        body.append(mark)
        words = OxmlElement("w:r")
        content = OxmlElement("w:t")
        content.set(qn("xml:space"), "preserve")
        content.text = " " + visible(text)
        words.append(content)
        body.append(words)
        note.append(body)
        self.root.append(note)
        reference = _reference_run()
        element = OxmlElement("w:footnoteReference")
        element.set(qn("w:id"), number)
        reference.append(element)
        paragraph._p.append(reference)


def _reference_run() -> Any:
    """A run in the footnote reference style (a superscript number)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "FootnoteReference")
    properties.append(style)
    run.append(properties)
    return run


def _styles(document: Document, lang: Locale) -> None:
    """Times New Roman throughout, 14 pt text; the styles the document uses, restyled once."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    styles = document.styles
    _defaults(document, lang)
    black = RGBColor(0, 0, 0)
    normal = styles["Normal"]
    _font(normal, _BODY_PT)
    normal.paragraph_format.space_before = Pt(6)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.15
    body = styles[BODY_TEXT]
    body.paragraph_format.first_line_indent = Cm(_INDENT_CM)
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.space_after = Pt(0)
    for name, caps in (("Heading 1", True), ("Heading 2", False)):
        style = styles[name]
        _font(style, _BODY_PT, bold=True)
        style.font.all_caps = caps
        style.font.italic = False
        style.font.color.rgb = black
        style.paragraph_format.first_line_indent = Cm(_INDENT_CM)
        style.paragraph_format.space_before = Pt(12 if caps else 6)
        style.paragraph_format.space_after = Pt(6 if caps else 0)
        style.paragraph_format.keep_with_next = True
    for name, size, caps in (("Title", _BODY_PT, True), ("Subtitle", _BODY_PT, False)):
        style = styles[name]
        _font(style, size, bold=True)
        style.font.all_caps = caps
        style.font.italic = False
        style.font.color.rgb = black
        pPr = style.element.get_or_add_pPr()
        for border in pPr.findall(_qn("w:pBdr")):
            pPr.remove(border)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        style.paragraph_format.space_before = Pt(18 if caps else 0)
        style.paragraph_format.space_after = Pt(0 if caps else 6)
        for attribute in ("w:spacing", "w:kern"):
            for element in style.element.get_or_add_rPr().findall(_qn(attribute)):
                style.element.get_or_add_rPr().remove(element)
    caption = styles["Caption"]
    _font(caption, 13, bold=True)
    caption.font.color.rgb = black
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.space_after = Pt(6)
    for name, _ in _BULLETS:
        styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    table_text = styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    _font(table_text, _TABLE_PT)
    table_text.paragraph_format.space_before = Pt(2)
    table_text.paragraph_format.space_after = Pt(2)
    table_text.paragraph_format.line_spacing = 1.0
    header = styles["Header"]
    _font(header, 13)
    _footnote_styles(document)


def _footnote_styles(document: Document) -> None:
    """Word's built-in 'footnote text' and 'footnote reference', which the template lacks."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    styles = document.styles.element
    w = nsdecls("w")
    styles.append(
        parse_xml(
            f'<w:style {w} w:type="paragraph" w:styleId="FootnoteText">'  # not words: XML
            '<w:name w:val="footnote text"/><w:basedOn w:val="Normal"/>'
            '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
            '<w:pPr><w:spacing w:before="0" w:after="40" w:line="240" w:lineRule="auto"/>'
            '<w:jc w:val="both"/></w:pPr>'
            '<w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>'
        )
    )
    styles.append(
        parse_xml(
            f'<w:style {w} w:type="character" w:styleId="FootnoteReference">'  # not words: XML
            '<w:name w:val="footnote reference"/><w:uiPriority w:val="99"/>'
            '<w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
        )
    )


def _font(style: Any, size: float, bold: bool = False) -> None:
    """The style's font Times New Roman at ``size``, for every script (no theme font)."""
    from docx.shared import Pt

    style.font.size = Pt(size)
    if bold:
        style.font.bold = True
    _times(style.element.get_or_add_rPr())


def _times(rPr: Any) -> None:
    """Times New Roman for Latin, East Asian and complex scripts; theme fonts removed."""
    fonts = rPr.get_or_add_rFonts()
    for attribute in list(fonts.attrib):
        if attribute.lower().endswith("theme"):
            del fonts.attrib[attribute]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(_qn(f"w:{script}"), FONT)


def _defaults(document: Document, lang: Locale) -> None:
    """The document's default font and language (spelling in Vietnamese), its decimal sign."""
    from docx.oxml import OxmlElement

    root = document.styles.element
    defaults = root.find(_qn("w:docDefaults"))
    run = defaults.find(_qn("w:rPrDefault")) if defaults is not None else None
    rPr = run.find(_qn("w:rPr")) if run is not None else None
    if rPr is not None:
        _times(rPr)
        for language in rPr.findall(_qn("w:lang")):
            rPr.remove(language)
        language = OxmlElement("w:lang")
        language.set(_qn("w:val"), _LANGUAGE[lang])
        language.set(_qn("w:eastAsia"), _LANGUAGE[lang])
        rPr.insert_element_before(language, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    settings = document.settings.element
    for key, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        element = settings.find(_qn(key))
        if element is not None and lang == "vi":
            element.set(_qn("w:val"), value)
    theme = settings.find(_qn("w:themeFontLang"))
    if theme is not None:
        theme.set(_qn("w:val"), _LANGUAGE[lang])


def _bullets(document: Document) -> None:
    """List Bullet 1–3 mark items '-', '+', '•', standing where a paragraph's first line does."""
    from docx.oxml import OxmlElement

    numbering = document.part.numbering_part.element
    for depth, (name, symbol) in enumerate(_BULLETS):
        number = document.styles[name].element.pPr.numPr.numId.val
        abstract = numbering.num_having_numId(number).abstractNumId.val
        (level,) = numbering.xpath(
            f'w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl[@w:ilvl="0"]'
        )
        text = level.find(_qn("w:lvlText"))
        text.set(_qn("w:val"), symbol)
        for old in level.findall(_qn("w:suff")):
            level.remove(old)
        suffix = OxmlElement("w:suff")
        suffix.set(_qn("w:val"), "space")
        text.addprevious(suffix)
        for fonts in level.findall(_qn("w:rPr")):
            level.remove(fonts)
        properties = level.find(_qn("w:pPr"))
        for tabs in properties.findall(_qn("w:tabs")):
            properties.remove(tabs)
        indent = properties.find(_qn("w:ind"))
        for attribute in list(indent.attrib):
            del indent.attrib[attribute]
        indent.set(_qn("w:left"), "0")
        indent.set(_qn("w:firstLine"), str(720 + 360 * depth))


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)
