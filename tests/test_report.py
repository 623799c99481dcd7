"""plan-kpi report: the written evaluation, its sentences, its Markdown and standalone HTML.

Figures in the expected sentences are the seed document's own or hand
arithmetic written beside them; whole documents are golden files.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import golden
from plan_kpi.cli.app import app
from plan_kpi.core import numbers as n
from plan_kpi.core.periods import parse_period
from plan_kpi.engine.solving import derive
from plan_kpi.load.folder import load_plan
from plan_kpi.reports.audit import build_audit
from plan_kpi.reports.comparison import compare
from plan_kpi.reports.report import build_report

runner = CliRunner()

# chú thích 5: 61.005 tỷ đồng, an estimate (ước); 61.005 / 66.173,1 (2020, derived) = 92,19 %;
# 61.005 / 70.962 = 0,859685… = 85,97 %; the section's heading says the year once
SENTENCE_VI = (
    "Giá trị sản xuất công nghiệp (giá so sánh 2010) ước đạt 61.005 tỷ đồng, "
    "bằng 92,19 % so với năm 2020, đạt 85,97 % kế hoạch (KH 70.962 tỷ đồng)."
)
SENTENCE_EN = (
    "Industrial production value (2010 constant prices) reached an estimated 61,005 billion "
    "VND, 92.19% of the 2020 level, 85.97% of the target (target 70,962 billion VND)."
)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_vietnamese_sentence_of_the_seed(seed: Path) -> None:
    code, out, _ = run("report", "--data", str(seed), "--lang", "vi")
    assert SENTENCE_VI in out
    # 61.005 − 70.962 = −9.957; the data marks the 2021 figures as estimates
    assert SENTENCE_VI + " Chưa đạt kế hoạch, còn thiếu 9.957 tỷ đồng." in out
    assert "## I. Kết quả thực hiện năm 2021" in out
    assert "Đây là số liệu ước thực hiện." not in out  # "ước đạt" says it
    # its parts under it, in one "trong đó", each period said only when it is another
    assert (
        "Trong đó: khai khoáng bằng 87,61 % so với năm 2020; công nghiệp chế biến, chế tạo "
        "khoảng 60.110 tỷ đồng¹, bằng 92,08 % so với năm 2020, chiếm 98,53 % giá trị sản xuất "
        "công nghiệp (giá so sánh 2010);" in out
    )
    assert code == 1  # a target missed, and the text's 100,19 % disagrees


def test_the_english_sentence_of_the_seed(seed: Path) -> None:
    code, out, _ = run("report", "--data", str(seed), "--lang", "en")
    assert SENTENCE_EN in out
    assert "Short of the target by 9,957 billion VND." in out
    assert code == 1


def test_the_percentages_are_computed_not_copied(seed: Path) -> None:
    plan = load_plan(seed)
    derivation = derive(plan)
    y2021 = parse_period("2021")
    comparison = compare(derivation, "industrial_output", y2021, None, 0)
    assert comparison is not None
    # 61005 / (61005 / 0.9219): the 2020 level is derived, the ratio recomputed from the levels
    previous = derivation.value("industrial_output", parse_period("2020"))
    assert previous is not None and previous.derived
    assert comparison.pct_of_previous is not None
    assert comparison.pct_of_previous.value == n.pct(n.div(Decimal(61005), previous.point))
    assert n.round_half_up(comparison.pct_of_previous.value, 2) == Decimal("92.19")


def test_stocks_on_dates_and_part_years_in_the_document_s_words(seed: Path) -> None:
    _, out, _ = run("report", "--data", str(seed), "--lang", "vi")
    # chú thích 1: 80.296 on 31/12/2021, +8.570; 8.570 / (80.296 − 8.570) = 11,948 %
    assert (
        "Dư nợ cho vay toàn địa bàn đến 31/12/2021 là 80.296 tỷ đồng, so với 31/12/2020 "
        "tăng 8.570 tỷ đồng, tỷ lệ tăng 11,95 %." in out
    )
    # chú thích 1: manufacturing loans on 31/10/2021, compared with 31/12/2020 (vs), a part
    # of loans_total whose name shares its first words ("dư nợ cho vay") with the one before
    assert (
        "; ngành công nghiệp chế biến, chế tạo đến 31/10/2021 6.930 tỷ đồng, so với "
        "31/12/2020 tăng 171 tỷ đồng, tỷ lệ tăng 2,53 %, chiếm 9,16 % dư nợ cho vay toàn địa bàn."
        in out
    )
    # chú thích 3: "giảm 2,45% so với cùng kỳ năm 2020", eleven months
    assert (
        "Số tiền thu nộp ngân sách 11 tháng đầu năm 2021 là 2.501.219.000 đồng, "
        "giảm 2,45 % so với cùng kỳ năm 2020." in out
    )
    # chú thích 5: electricity "tăng 6,13%"; water "bằng 99,26%"
    assert "; sản xuất và phân phối điện tăng 6,13 % so với năm 2020;" in out
    assert "; cung cấp nước, xử lý rác thải bằng 99,26 % so với năm 2020." in out
    # chú thích 3: 1.016 vụ = 624 theo kế hoạch + 392 đột xuất, as the document lists them
    assert "Trong đó: kiểm tra theo kế hoạch 624 vụ, đột xuất 392 vụ." in out
    # chú thích 4: 15.178 / 15.000 = 101,19 %, 178 above the plan
    assert (
        "Tuyển sinh đào tạo nghề đạt 15.178 học viên, đạt 101,19 % kế hoạch "
        "(KH 15.000 học viên). Vượt kế hoạch 178 học viên." in out
    )


def test_next_targets_with_the_growth_each_requires(seed: Path) -> None:
    _, out, _ = run("report", "--data", str(seed), "--lang", "vi")
    # mục III.1: 66.620 in 2022; 66.620 / 61.005 − 1 = 9,204 %
    assert "## II. Chỉ tiêu kế hoạch năm 2022" in out
    assert (
        "Giá trị sản xuất công nghiệp (giá so sánh 2010): kế hoạch 66.620 tỷ đồng, "
        "cần tăng 9,20 % so với năm 2021 (61.005 tỷ đồng)." in out
    )
    assert "GRDP ngành công nghiệp (giá 2010): kế hoạch tăng 9,2 % so với năm 2021." in out
    _, out, _ = run("report", "--data", str(seed), "--lang", "en")
    assert "target 66,620 billion VND, which requires growth of 9.20% over 2021" in out


def test_the_findings_are_the_audit_s(seed: Path) -> None:
    _, out, _ = run("report", "--data", str(seed), "--lang", "vi")
    findings = out.split("## III.")[1]
    # the only inconsistency of the seed: "100,19 %" in mục I.2.5; 15.178 / 15.000 = 101,1867 %
    assert findings.count("không khớp") == 1
    assert "tỷ lệ đạt kế hoạch được ghi là 100,19 % (mục I.2.5" in findings
    assert "101,1867 %" in findings
    # with the audit's arithmetic under it
    assert "  - Phép tính: 15.178 / 15.000 × 100 = 101,1867 %; số in 100,19 %" in findings


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("period", ["2020", "2021", "2021-12-31"])
def test_the_report_speaks_to_people(seed: Path, lang: str, period: str) -> None:
    """No id, no file path and no bracketed interval anywhere in the report: the checking
    appendix names where the report printed a figure (mục I.2.5), and says ranges in words."""
    _, out, _ = run("report", "--data", str(seed), "--lang", lang, "--period", period)
    _, _, appendix = out.partition("## III.")
    ids = [indicator.id for indicator in load_plan(seed).indicators]
    for id_ in ids:
        if "_" in id_ or "." in id_ or lang == "vi":
            assert not re.search(rf"(?<![\w.]){re.escape(id_)}(?![\w])", out), id_
    assert ".yaml" not in out and ".csv" not in out and "actuals/" not in out
    # an interval as '[a; b]' (Markdown escapes the brackets)
    assert not re.search(r"\\?\[[-−]?\d[\d.,]*; [-−]?\d", out), "a bracketed interval"
    if lang == "vi" and period == "2021":
        assert "tức từ 100,185 đến 100,195 %" in appendix  # 100,19 printed, ± 0,005


def test_a_finding_without_a_place_in_the_report_names_none(plan_copy: Path) -> None:
    """Without `where:`, the sentence says no place: never the file the figure was typed in."""
    vocational = plan_copy / "actuals" / "2021-vocational.yaml"
    text = vocational.read_text(encoding="utf-8")
    typed = '{pct_of_target: "100,19", where: "mục I.2.5"}'
    assert typed in text
    vocational.write_text(text.replace(typed, '{pct_of_target: "100,19"}'), encoding="utf-8")
    _, out, _ = run("report", "--data", str(plan_copy), "--lang", "vi", "--period", "2021")
    # 15.178 / 15.000 × 100 = 101,18666…, said to its four decimals
    assert (
        "tỷ lệ đạt kế hoạch được ghi là 100,19 %, nhưng tính từ các số liệu khác là 101,1867 %"
    ) in out
    assert "2021-vocational" not in out


def test_findings_are_the_audit_s_inconsistent_rows(seed: Path) -> None:
    plan = load_plan(seed)
    derivation = derive(plan)
    audit = build_audit(plan, derivation)
    for period in ("2021", "2021-12-31", "2020"):
        report = build_report(plan, derivation, parse_period(period))
        wrong = [
            (row.indicator, row.period, row)
            for row in audit.rows
            if row.verdict == "inconsistent" and report.period.contains(row.period)
        ]
        assert [(f.indicator, f.period, f.row) for f in report.findings] == wrong
    # the seed's one inconsistency falls in 2021, none in 2020
    assert len(build_report(plan, derivation, parse_period("2021")).findings) == 1
    assert build_report(plan, derivation, parse_period("2020")).findings == ()


@pytest.mark.parametrize(
    ("lang", "fmt", "name"),
    [
        ("vi", "markdown", "report-2021-vi.md"),
        ("en", "markdown", "report-2021-en.md"),
        ("vi", "html", "report-2021-vi.html"),
        ("en", "html", "report-2021-en.html"),
    ],
)
def test_report_golden(seed: Path, lang: str, fmt: str, name: str) -> None:
    code, out, _ = run("report", "--data", str(seed), "--lang", lang, "--format", fmt)
    assert code == 1
    golden(name, out)


# --- a small plan for the sentences the seed does not need --------------------------------

SMALL_TARGETS = """\
plan: {id: small, title: "Kế hoạch thử", issuer: "UBND tỉnh Thử", locale: vi}
indicators:
  - id: poverty_rate
    name: {vi: "Tỷ lệ hộ nghèo", en: "Poverty rate"}
    unit: "%"
    direction: decrease
    targets:
      2021: "3,50"
  - id: exports
    name: {vi: "Kim ngạch xuất khẩu", en: "Exports"}
    unit: {vi: "triệu USD", en: "million USD"}
    targets:
      2021: "1.000"
      2022: "1.210"
  - id: retail
    name: {vi: "Tổng mức bán lẻ", en: "Retail sales"}
    unit: {vi: "tỷ đồng", en: "billion VND"}
"""
SMALL_2021 = """\
period: 2021
status: final
locale: vi
values:
  poverty_rate: "3,20"
  exports:
    value: "1.100"
    stated: {previous: "1.000"}
"""
SMALL_11_MONTHS = """\
period: 2021-01/2021-11
status: preliminary
locale: vi
values:
  retail:
    value: "45.000"
    stated: {growth_pct: "-2,5"}
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    folder = tmp_path / "small"
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_text(SMALL_TARGETS, encoding="utf-8")
    (folder / "actuals" / "2021.yaml").write_text(SMALL_2021, encoding="utf-8")
    (folder / "actuals" / "2021-11m.yaml").write_text(SMALL_11_MONTHS, encoding="utf-8")
    return folder


def test_sentences_adapt_to_what_is_known(small: Path) -> None:
    code, out, _ = run("report", "--data", str(small))
    assert code == 0  # both targets met, the figures agree
    # a ceiling: 3,20 / 3,50 = 91,43 %; 3,50 − 3,20 = 0,30
    assert "Có 2/2 chỉ tiêu đạt kế hoạch." in out  # the opening summary
    assert (
        "Tỷ lệ hộ nghèo là 3,20 %, bằng 91,43 % mức kế hoạch (KH 3,50 %). "
        "Thấp hơn mức kế hoạch 0,30 %, đạt yêu cầu." in out
    )
    # a stated previous: 1.100 / 1.000 = 110 %; above the plan by 100
    assert (
        "Kim ngạch xuất khẩu đạt 1.100 triệu USD, tăng 10,00 % so với năm 2020, "
        "đạt 110,00 % kế hoạch (KH 1.000 triệu USD). Vượt kế hoạch 100 triệu USD." in out
    )
    # growth only, eleven months (another period than the section's: said), preliminary:
    # 45.000 / (45.000 / 0,975) = 97,5 %
    assert (
        "Tổng mức bán lẻ 11 tháng đầu năm 2021 là 45.000 tỷ đồng (số sơ bộ), giảm 2,50 % so với "
        "cùng kỳ năm 2020." in out
    )
    # 1.210 / 1.100 − 1 = 10 %
    assert (
        "Kim ngạch xuất khẩu: kế hoạch 1.210 triệu USD, cần tăng 10,00 % so với "
        "năm 2021 (1.100 triệu USD)." in out
    )
    assert "không phát hiện số liệu không khớp" in out
    _, out, _ = run("report", "--data", str(small), "--period", "2022")
    assert "## II. Chỉ tiêu kế hoạch năm 2023\n\nDữ liệu chưa có chỉ tiêu kế hoạch năm 2023." in out
    _, out, _ = run("report", "--data", str(small), "--period", "2021-12-31")
    assert out.startswith("# Báo cáo đánh giá kết quả thực hiện đến 31/12/2021\n")


def test_sentences_adapt_in_english(small: Path) -> None:
    _, out, _ = run("report", "--data", str(small), "--lang", "en")
    assert "2 of 2 targets met." in out
    assert (
        "Poverty rate stood at 3.20%, 91.43% of the target (target 3.50%, a ceiling). "
        "Below the ceiling by 0.30%: target met." in out
    )
    assert (
        "Retail sales in the first 11 months of 2021 stood at 45,000 billion VND (preliminary), "
        "down 2.50% on the same period of 2020." in out
    )


def add_parts(small: Path, breakdown: str, **parts: str) -> None:
    """Parts of the exports with their 2021 values, the exports broken down as given."""
    unit = '    unit: {vi: "triệu USD", en: "million USD"}\n'
    targets = small / "targets.yaml"
    text = targets.read_text(encoding="utf-8").replace(
        unit, f"{unit}    breakdown: {breakdown}\n", 1
    )
    for part in parts:
        text += f"  - id: exports.{part}\n    name: {part}\n{unit}    parent: exports\n"
    targets.write_text(text, encoding="utf-8")
    actuals = small / "actuals" / "2021.yaml"
    values = "".join(f'  exports.{part}: "{value}"\n' for part, value in parts.items())
    actuals.write_text(actuals.read_text(encoding="utf-8") + values, encoding="utf-8")


def test_parts_that_do_not_add_up_are_a_finding(small: Path) -> None:
    add_parts(small, "complete", rice="600", fish="600")
    code, out, _ = run("report", "--data", str(small))
    assert code == 1
    # 600 + 600 = 1.200, not the 1.100 printed for the total
    assert (
        "Kim ngạch xuất khẩu năm 2021: các thành phần cộng lại 1.200 triệu USD, khác với tổng "
        "1.100 triệu USD — không khớp." in out
    )


def test_an_over_determined_disagreement_is_one_finding(small: Path) -> None:
    actuals = small / "actuals" / "2021.yaml"
    text = actuals.read_text(encoding="utf-8")
    actuals.write_text(
        text.replace('stated: {previous: "1.000"}', 'stated: {change: "100", growth_pct: "20"}'),
        encoding="utf-8",
    )
    code, out, _ = run("report", "--data", str(small))
    assert code == 1
    findings = out.split("## III.")[1]
    # 1.100 − 100 = 1.000 in 2020, so the growth is 10 %, not the printed 20 %: one finding,
    # on the growth, whose arithmetic names the change
    assert findings.count("không khớp") == 1
    assert "Kim ngạch xuất khẩu năm 2021: tỷ lệ tăng/giảm được ghi là 20 %" in findings
    assert "là 10,0000 % — không khớp." in findings
    assert "(1.100 / 1.000 − 1) × 100 = 10,0000 %" in findings
    assert "trong đó số thực hiện năm 2020 = 1.100 − 100 = 1.000" in findings


def test_a_part_larger_than_an_overlapping_total_is_a_finding(small: Path) -> None:
    add_parts(small, "overlapping", rice="1.200")
    code, out, _ = run("report", "--data", str(small), "--lang", "en")
    assert code == 1
    # 1.200 alone is more than the 1.100 of the total
    assert (
        "Exports in 2021: one part (“of which”) alone is 1,200 million USD, more than the total "
        "of 1,100 million USD — inconsistent." in out
    )
    assert "  - Arithmetic: 1,200 ≤ 1,100; printed 1,100 (exact)" in out


# --- HTML: standalone, escaped, rendered by a browser --------------------------------------


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse_html(text: str) -> _Elements:
    parser = _Elements()
    parser.feed(text)
    parser.close()
    return parser


def assert_standalone(text: str, elements: _Elements) -> None:
    assert "http://" not in text and "https://" not in text
    assert not elements.named("script")
    assert not elements.named("link")
    assert not elements.named("iframe") and not elements.named("object")
    for _, attrs in elements.tags:
        for key in ("src", "href", "xlink:href"):
            value = attrs.get(key)
            assert value is None or value.startswith(("data:", "#")), (key, value)
    assert "url(" not in text and "@import" not in text


def test_html_has_its_tables_and_chart_and_nothing_external(seed: Path) -> None:
    code, out, _ = run("report", "--data", str(seed), "--format", "html", "--lang", "vi")
    assert code == 1
    elements = parse_html(out)
    assert_standalone(out, elements)
    # the plan's targets, the other figures, next year's targets
    assert len(elements.named("table")) == 3
    assert len(elements.named("svg")) == 1
    # three attainments: industrial output, tax revenue, vocational enrolment
    assert len(elements.named("rect")) == 3
    text = "".join(elements.text)
    assert SENTENCE_VI in text
    assert "85,97 %" in text and "101,19 %" in text
    (csp,) = [m for m in elements.named("meta") if m.get("http-equiv")]
    assert csp["content"] is not None and "default-src 'none'" in csp["content"]


HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> | *x* [a](http://e) ```'


@pytest.fixture
def hostile(small: Path) -> Path:
    targets = small / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    quoted = HOSTILE.replace('"', '\\"')
    targets.write_text(text.replace('"Kim ngạch xuất khẩu"', f'"{quoted}"'), encoding="utf-8")
    return small


def test_html_escapes_everything_from_data(hostile: Path) -> None:
    _, out, _ = run("report", "--data", str(hostile), "--format", "html")
    elements = parse_html(out)
    assert not elements.named("script")
    assert not elements.named("img")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    # the name is shown as written, in the sentences, the tables and the chart
    assert "".join(elements.text).count(HOSTILE) >= 3
    assert not elements.named("a")


def test_markdown_escapes_everything_from_data(hostile: Path) -> None:
    _, out, _ = run("report", "--data", str(hostile))
    # the chart is a code block, shown literally; its fence is longer than the name's ```
    fence = re.search(r"^(`{3,})text$", out, re.MULTILINE)
    assert fence is not None and len(fence[1]) == 4
    chart = out[fence.start() : out.index("\n" + fence[1] + "\n", fence.end()) + 6]
    assert "<script>alert(1)</script>" in chart  # wrapped over lines, shown as written
    prose = out.replace(chart, "")
    assert re.search(r"(?<!\\)[<>]", prose) is None  # every < and > backslashed
    assert r"\<script\>" in prose
    # a | in a name cannot split a table cell, nor [..](..) make a link
    row = next(line for line in prose.splitlines() if line.startswith("| ") and "script" in line)
    assert row.count(" | ") == 7  # eight cells
    assert r"\[a\](http://e)" in prose


def test_html_renders_in_chromium_without_console_errors(seed: Path, tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (.ci/run installs it with apt-get; it could not)")
    page = tmp_path / "report.html"
    code, _, _ = run("report", "--data", str(seed), "--format", "html", "-o", str(page))
    assert code == 1 and page.exists()
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                "--enable-logging=stderr",
                "--v=0",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == []
    elements = parse_html(done.stdout)
    assert len(elements.named("table")) == 3
    assert len(elements.named("rect")) == 3
    assert SENTENCE_VI in "".join(elements.text)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_html_prints_on_a4_in_at_most_four_pages(seed: Path, tmp_path: Path, lang: str) -> None:
    """Printed from Chromium (its own header and footer off): A4, four pages at most for the
    bundled plan, every page numbered 'n / N', the name column wide enough for a name on
    the line of its figures."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (.ci/run installs it with apt-get; it could not)")
    import pypdf

    page = tmp_path / "report.html"
    pdf = tmp_path / "report.pdf"
    code, _, _ = run("report", "--data", str(seed), "--lang", lang, "-o", str(page))
    assert code == 1
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0 and pdf.exists(), done.stderr[-2000:]
    reader = pypdf.PdfReader(pdf)
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) <= 4
    for number, (text, each) in enumerate(zip(pages, reader.pages, strict=True), start=1):
        box = each.mediabox
        assert (round(box.width), round(box.height)) == (595, 842)  # A4 in points
        assert f"{number} / {len(pages)}" in text
    lines = [line for text in pages for line in text.splitlines()]
    # the table's row: the whole name on one line, its unit beside it (squeezed to a few
    # characters, the name took a line a word: 'Giá trị' / 'sản' / 'xuất' …)
    row = {
        "vi": "Giá trị sản xuất công nghiệp (giá so sánh 2010) tỷ",
        "en": "Industrial production value (2010 constant prices) billion",
    }[lang]
    assert any(line.startswith(row) for line in lines), lines


# --- -o FILE -----------------------------------------------------------------------------


def test_output_file_is_never_overwritten_without_force(seed: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    old_umask = os.umask(0o022)
    try:
        code, out, _ = run("report", "--data", str(seed), "-o", str(target))
    finally:
        os.umask(old_umask)
    assert code == 1 and out == ""
    written = target.read_text(encoding="utf-8")
    assert SENTENCE_VI in written
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.write_text("notes I typed", encoding="utf-8")
    code, _, err = run("report", "--data", str(seed), "-o", str(target))
    assert code == 2
    assert "exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "notes I typed"
    code, _, _ = run("report", "--data", str(seed), "-o", str(target), "--force")
    assert code == 1
    assert target.read_text(encoding="utf-8") == written
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temporary file left


def test_quiet_writes_the_file_and_prints_nothing(seed: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, out, _ = run("report", "--data", str(seed), "-f", "html", "-o", str(target), "-q")
    assert (code, out) == (1, "")
    assert "<svg" in target.read_text(encoding="utf-8")
    code, out, _ = run("report", "--data", str(seed), "--quiet")
    assert (code, out) == (1, "")


def test_report_through_the_installed_command(seed: Path) -> None:
    exe = Path(sys.executable).parent / "plan-kpi"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "plan_kpi"]
    done = subprocess.run(
        [*command, "report", "--lang", "en"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "160", "NO_COLOR": "1"},
        cwd="/",
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert SENTENCE_EN in done.stdout
