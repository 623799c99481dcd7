"""report --format docx: a Word document read back with python-docx, its XML and LibreOffice.

The figures expected are the seed document's own, with the arithmetic beside
them; page sizes and margins are Word's twips (1/1440 inch) of the
millimetres Nghị định 30/2020 gives.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Pt
from typer.testing import CliRunner

from plan_kpi.cli.app import app

runner = CliRunner()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: 210 × 297 mm in twips: 210 / 25,4 × 1440 = 11.905,5 → 11.906; 297 → 16.837,8 → 16.838
A4 = (11906, 16838)
#: margins 20 mm (1.133,9 → 1.134), 30 mm (1.700,8 → 1.701), 15 mm (850,4 → 850)
TOP, BOTTOM, LEFT, RIGHT = 1134, 1134, 1701, 850


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def write_report(seed: Path, target: Path, *args: str, code: int = 1) -> Document:
    """The 2021 report as a .docx; the seed's targets are missed (exit 1), written all the same."""
    done, out, err = run(
        "report", "--data", str(seed), "--period", "2021", *args, "-o", str(target)
    )
    assert (done, out) == (code, ""), err
    return docx.Document(str(target))


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(name).decode("utf-8")


@pytest.fixture(scope="module")
def vi_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import SEED

    target = tmp_path_factory.mktemp("docx") / "danh-gia-2021.docx"
    write_report(SEED, target)
    return target


def test_pages_are_a4_with_the_decree_s_margins(vi_docx: Path) -> None:
    document = docx.Document(str(vi_docx))
    body, annex = document.sections
    assert body.orientation == WD_ORIENT.PORTRAIT
    # the annex table needs the width of its figures: a landscape page of its own
    assert annex.orientation == WD_ORIENT.LANDSCAPE
    for section, size in ((body, A4), (annex, A4[::-1])):
        lengths = [
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        ]
        assert [length.twips if length else None for length in lengths] == [
            *size,
            TOP,
            BOTTOM,
            LEFT,
            RIGHT,
        ]


def test_sections_and_headings_as_the_plan_s_document_has_them(vi_docx: Path) -> None:
    document = docx.Document(str(vi_docx))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name if paragraph.style else "", []).append(
            paragraph.text
        )
    assert by_style["Heading 1"] == [
        "I. Kết quả thực hiện năm 2021",
        "II. Chỉ tiêu kế hoạch năm 2022",
        "III. Kiểm tra số liệu",
        "Phụ lục",
    ]
    assert by_style["Heading 2"] == [
        "1. Kết quả thực hiện các chỉ tiêu",
        "2. Tỷ lệ thực hiện so với kế hoạch",
        "Kết quả thực hiện các chỉ tiêu năm 2021",
    ]
    # shown in capitals by the style ("I. KẾT QUẢ THỰC HIỆN NĂM 2021"), so it can be restyled
    assert document.styles["Heading 1"].font.all_caps is True
    assert by_style["Title"] == ["Báo cáo"]
    assert by_style["Subtitle"][0] == "Đánh giá kết quả thực hiện năm 2021"
    assert by_style["Caption"] == ["Biểu đồ 1. Tỷ lệ thực hiện so với kế hoạch (%)"]
    # an indicator's item, its parts in its "trong đó" (the annex lists them under it)
    first = by_style["List Bullet"][0]
    assert first.startswith("Giá trị sản xuất công nghiệp (giá so sánh 2010) ước đạt 61.005")
    assert "Trong đó: khai khoáng bằng 87,61 % so với năm 2020;" in first
    assert {"Body Text", "List Bullet", "Caption"} <= set(by_style)


def test_times_new_roman_14_pt_and_the_list_marks(vi_docx: Path) -> None:
    document = docx.Document(str(vi_docx))
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    for name in ("Normal", "Heading 1", "Heading 2", "Title", "Subtitle", "Caption", "Table Text"):
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts is not None, name
        # Times New Roman for every script, and no theme font (majorHAnsi…) to override it
        assert {key.split("}")[1]: value for key, value in fonts.attrib.items()} == {
            "ascii": "Times New Roman",
            "hAnsi": "Times New Roman",
            "eastAsia": "Times New Roman",
            "cs": "Times New Roman",
        }, name
    styles = part(vi_docx, "word/styles.xml")
    numbering = part(vi_docx, "word/numbering.xml")
    # List Bullet marks '-', List Bullet 2 '+', as the plan's document writes its items
    for style, mark in (("ListBullet", "-"), ("ListBullet2", "+")):
        level = re.search(rf'<w:pStyle w:val="{style}"/>.*?<w:lvlText w:val="([^"]*)"/>', numbering)
        assert level is not None and level[1] == mark
    assert '<w:lang w:val="vi-VN"' in styles  # spelling checked in Vietnamese


def test_the_annex_table(vi_docx: Path) -> None:
    document = docx.Document(str(vi_docx))
    assert len(document.tables) == 2  # the header block, the annex
    table = document.tables[1]
    assert table.style is not None and table.style.name == "Table Grid"
    head = [[cell.text for cell in row.cells] for row in table.rows[:2]]
    assert head == [
        [
            "STT",
            "Chỉ tiêu",
            "ĐVT",
            "Kế hoạch năm 2021",
            "Ước thực hiện/ Thực hiện năm 2021",
            "So sánh (%)",
            "So sánh (%)",  # one cell over the two columns
            "Ghi chú",
        ],
        [
            "STT",
            "Chỉ tiêu",
            "ĐVT",
            "Kế hoạch năm 2021",
            "Ước thực hiện/ Thực hiện năm 2021",
            "Với KH",
            "Với cùng kỳ",
            "Ghi chú",
        ],
    ]
    rows = {row.cells[1].text: [cell.text for cell in row.cells] for row in table.rows[2:]}
    # chú thích 5: KH 70.962, ước 61.005; 61.005 / 70.962 = 0,859685… → 85,97;
    # 61.005 / 66.173,1 (2020, from 92,19 %) = 0,92190… → 92,19; an estimate among final figures
    assert rows["Giá trị sản xuất công nghiệp (giá so sánh 2010)"] == [
        "1",
        "Giá trị sản xuất công nghiệp (giá so sánh 2010)",
        "tỷ đồng",
        "70.962",
        "61.005",
        "85,97",
        "92,19",
        "ước",
    ]
    # a part: '-' and indented under its parent; a balance on a date says so
    mining = rows["Khai khoáng"]
    assert mining[0] == "-" and mining[6] == "87,61"
    indents = {
        row.cells[1].text: row.cells[1].paragraphs[0].paragraph_format.left_indent
        for row in table.rows[2:]
    }
    # 3 mm a level: 3 / 25,4 × 1440 = 170,1 → 170 twips; the parent at the margin
    assert indents["Khai khoáng"] is not None and indents["Khai khoáng"].twips == 170
    assert not indents["Giá trị sản xuất công nghiệp (giá so sánh 2010)"]
    assert rows["Dư nợ cho vay toàn địa bàn"][4] == "80.296"
    assert rows["Dư nợ cho vay toàn địa bàn"][7] == "31/12/2021"
    # 6.930 on 31/10/2021 against 31/12/2020 (not a year earlier): said in the note
    assert rows["Dư nợ cho vay ngành công nghiệp chế biến, chế tạo"][7] == (
        "31/10/2021; so với 31/12/2020"
    )
    properties = [row._tr.trPr for row in table.rows]
    assert all(p is not None and p.find(qn("w:cantSplit")) is not None for p in properties)
    headers = [p is not None and p.find(qn("w:tblHeader")) is not None for p in properties]
    assert headers == [True, True] + [False] * (len(table.rows) - 2)  # repeated on each page
    widths = [column.width for column in table.columns]
    assert all(w is not None for w in widths)
    name, whole = widths[1], sum(w for w in widths if w is not None)
    assert name is not None and name * 3 >= whole - 3 * 635  # a third, to within rounding


def test_derived_figures_are_real_footnotes(vi_docx: Path) -> None:
    body = part(vi_docx, "word/document.xml")
    notes = part(vi_docx, "word/footnotes.xml")
    assert 'w:type="separator" w:id="-1"' in notes
    assert 'w:type="continuationSeparator" w:id="0"' in notes
    referenced = re.findall(r'<w:footnoteReference w:id="(\d+)"/>', body)
    written = re.findall(r'<w:footnote w:id="(\d+)">', notes)
    # manufacturing's value and the tax target, both derived: in a sentence and in the annex
    assert referenced == written == ["1", "2", "3", "4"]
    # the mark is the footnote: right after 'khoảng 60.110 tỷ đồng' (60.108,2, known to ± 3:
    # said to tens), the sentence going on after it
    assert re.search(
        r"60\.110 tỷ đồng</w:t></w:r><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/>"
        r"</w:rPr><w:footnoteReference w:id=\"1\"/></w:r><w:r><w:t[^>]*>, bằng 92,08 %",
        body,
    )
    items = [p.text for p in docx.Document(str(vi_docx)).paragraphs if p.text]
    assert not [text for text in items if "¹" in text and "(¹, ², …)" not in text]
    # 60.108,2 = 98,53 % of 61.005 (61.005 × 0,9853 = 60.108,2…)
    first = re.search(r'<w:footnote w:id="1">(.*?)</w:footnote>', notes)
    assert first is not None
    text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", first[1]))
    assert "98,53 %" in text and "61.005" in text and "tính suy ra" in text
    assert 'w:styleId="FootnoteText"' in part(vi_docx, "word/styles.xml")
    assert '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/>' in part(
        vi_docx, "word/settings.xml"
    )


def test_the_chart_is_an_embedded_picture(vi_docx: Path) -> None:
    document = docx.Document(str(vi_docx))
    (picture,) = document.inline_shapes
    blip = picture._inline.graphic.graphicData.pic.blipFill.blip
    image = document.part.related_parts[blip.embed]
    assert image.content_type == "image/png"
    assert image.blob.startswith(b"\x89PNG\r\n\x1a\n")
    assert picture.width is not None and picture.width.mm <= 165  # within the text's width
    assert 'descr="Biểu đồ 1. Tỷ lệ thực hiện so với kế hoạch (%)"' in part(
        vi_docx, "word/document.xml"
    )


def test_page_numbers_from_the_second_page(vi_docx: Path) -> None:
    document = docx.Document(str(vi_docx))
    first = document.sections[0]
    assert first.different_first_page_header_footer is True
    assert "PAGE" in first.header._element.xml
    assert document.sections[1].different_first_page_header_footer is False


def test_in_english(seed: Path, tmp_path: Path) -> None:
    document = write_report(seed, tmp_path / "evaluation.docx", "--lang", "en")
    texts = [p.text for p in document.paragraphs]
    assert "I. Results: 2021" in texts and "Annex" in texts
    table = document.tables[1]
    assert [c.text for c in table.rows[0].cells][3:5] == ["Target 2021", "Actual or estimate 2021"]
    rows = {row.cells[1].text: [c.text for c in row.cells] for row in table.rows[2:]}
    # the same figures in English: 70,962 · 61,005 · 85.97 · 92.19
    assert rows["Industrial production value (2010 constant prices)"][3:7] == [
        "70,962",
        "61,005",
        "85.97",
        "92.19",
    ]
    assert '<w:lang w:val="en-GB"' in part(tmp_path / "evaluation.docx", "word/styles.xml")


HOSTILE = '{ MERGEFIELD name } <w:fldSimple w:instr="HYPERLINK x"/> HYPERLINK "http://e" \x1b[31m'


def test_text_from_data_stays_text(plan_copy: Path, tmp_path: Path) -> None:
    targets = plan_copy / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    quoted = HOSTILE.replace("\\", "\\\\").replace('"', '\\"').replace("\x1b", "\\e")
    targets.write_text(
        text.replace('"Tuyển sinh đào tạo nghề"', f'"{quoted}"', 1), encoding="utf-8"
    )
    target = tmp_path / "hostile.docx"
    document = write_report(plan_copy, target)
    shown = HOSTILE.replace("\x1b", "\\x1b")  # the control character shown, as in the table
    assert any(shown in p.text for p in document.paragraphs)
    assert shown in [row.cells[1].text for row in document.tables[1].rows]
    body = part(target, "word/document.xml")
    for element in ("w:fldSimple", "w:fldChar", "w:instrText", "w:hyperlink"):
        assert f"<{element}" not in body, element
    assert "&lt;w:fldSimple" in body  # escaped as text
    with zipfile.ZipFile(target) as package:
        relations = package.read("word/_rels/document.xml.rels").decode("utf-8")
    assert "hyperlink" not in relations and 'TargetMode="External"' not in relations


def test_docx_needs_an_output_file(seed: Path) -> None:
    code, out, err = run("report", "--data", str(seed), "-f", "docx")
    assert (code, out) == (2, "")
    assert err == "plan-kpi: --format docx writes a file — give it with -o FILE.docx\n"


def test_docx_by_its_extension(seed: Path, tmp_path: Path) -> None:
    target = tmp_path / "danh-gia-2021.docx"
    document = write_report(seed, target)
    assert document.paragraphs[0].text == "Báo cáo"


def test_missing_python_docx_says_how_to_install(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    target = tmp_path / "r.docx"
    code, _, err = run("report", "--data", str(seed), "-o", str(target))
    assert code == 2
    assert err == (
        "plan-kpi: --format docx needs the python-docx package — install it: "
        "pip install 'plan-kpi[docx]' (or: pip install python-docx)\n"
    )
    assert not target.exists()


def test_a_small_table_stays_on_a_portrait_page(tmp_path: Path) -> None:
    from conftest import write_plan

    plan = write_plan(tmp_path / "plan", {"2021": "5"}, {"2021": "4"})
    document = write_report(plan, tmp_path / "small.docx", code=0)  # 5 against 4: met
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT] * 2


def test_libreoffice_opens_it(vi_docx: Path, tmp_path: Path) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer)")
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                office,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(vi_docx),
            ],
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    pdf = pypdf.PdfReader(tmp_path / "danh-gia-2021.pdf")
    pages = [page.extract_text() for page in pdf.pages]
    first = pdf.pages[0].mediabox
    assert (round(first.width), round(first.height)) == (595, 842)  # A4 in points, portrait
    assert "BÁO CÁO" in pages[0] and "I. KẾT QUẢ THỰC HIỆN NĂM 2021" in pages[0]
    annex = next(i for i, text in enumerate(pages) if "PHỤ LỤC" in text)
    box = pdf.pages[annex].mediabox
    assert (round(box.width), round(box.height)) == (842, 595)  # landscape
    assert "61.005" in pages[annex] and "85,97" in pages[annex] and "92,19" in pages[annex]
    # the header row again at the top of the annex's next page
    assert "So sánh (%)" in pages[annex + 1]
    # the chart is a picture, not text run together
    assert "020406080" not in "".join(pages).replace(" ", "")


def test_a_superscript_in_a_unit_is_not_a_note() -> None:
    from plan_kpi.render.docx import Footnote, _footnoted

    # 'm²' is the unit; only the figure written with its mark, '5 m²¹', carries the note
    line = _footnoted("Diện tích 5 m²¹, tăng 6 m²", [("5 m²", "¹")], {"¹": "cách tính"})
    assert line == ("Diện tích 5 m²", Footnote("cách tính"), ", tăng 6 m²")
    # a note whose figure the sentence does not write so is kept, at the sentence's end
    line = _footnoted("Không có số.", [("7 ha", "²")], {"²": "ghi chú"})
    assert line == ("Không có số.", Footnote("ghi chú"))
