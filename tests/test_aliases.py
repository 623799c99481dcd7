"""Vietnamese input as people type it: status words, '%' after a percentage, periods.

One alias table (core/aliases.py) and one period reader (core/periods.py) serve the
YAML and CSV actuals, the spreadsheet import and the command line; each test here
reads the same figures written both ways and finds them equal.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import write_plan
from plan_kpi.cli.app import app
from plan_kpi.core.aliases import STATUS_WORDS, figure_text, status_of
from plan_kpi.core.locales import LOCALES, Locale
from plan_kpi.core.numbers import NumberError, parse_figure
from plan_kpi.core.periods import (
    FIRST_YEAR,
    LAST_YEAR,
    Period,
    PeriodError,
    date_period,
    parse_period,
    year_period,
)
from plan_kpi.load.folder import load_plan
from plan_kpi.say.catalog import words
from plan_kpi.say.display import format_pct
from plan_kpi.say.vocabulary import ACTUAL_STATUSES, say
from plan_kpi.say.wording import describe

runner = CliRunner()
CREDIT = "2021-credit.yaml"


# -- status words ---------------------------------------------------------------------------


def test_the_alias_table_holds_the_format_s_words_and_the_documents() -> None:
    assert STATUS_WORDS == {
        "estimate": ("estimate", "ước", "ước thực hiện", "ước tính"),
        "preliminary": ("preliminary", "sơ bộ"),
        "final": ("final", "chính thức"),
    }


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("estimate", "estimate"),
        ("ước", "estimate"),
        ("ước thực hiện", "estimate"),
        ("ước tính", "estimate"),
        ("preliminary", "preliminary"),
        ("sơ bộ", "preliminary"),
        ("final", "final"),
        ("chính thức", "final"),
        # case, accents, spacing and Unicode form do not matter
        ("Ước Thực Hiện", "estimate"),
        ("uoc tinh", "estimate"),
        ("  Sơ   bộ ", "preliminary"),
        ("CHÍNH THỨC", "final"),
        ("chinh thuc", "final"),
        ("\u0075\u031b\u0301\u006f\u0063", "estimate"),  # 'ước' typed in NFD
        ("Final", "final"),
    ],
)
def test_every_alias_reads_as_its_status(typed: str, status: str) -> None:
    assert status_of(typed) == status


@pytest.mark.parametrize("typed", ["dự kiến", "estimated", "ước lượng", "sơ", "", "finale"])
def test_another_word_is_no_status(typed: str) -> None:
    assert status_of(typed) is None


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("status", ["estimate", "preliminary", "final"])
def test_what_output_writes_reads_back_as_the_status(status: str, lang: Locale) -> None:
    # the table's column 'Báo cáo' writes 'ước', 'sơ bộ', 'chính thức'; JSON the key
    written = say(ACTUAL_STATUSES[status], lang)
    assert status_of(written) == status
    assert status_of(status) == status


# -- a percentage's '%' -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "read"),
    [
        ("96,76%", "pct_of_target", "96,76"),
        ("96,76 %", "pct_of_previous", "96,76"),
        ("-1,1\u00a0%", "growth_pct", "-1,1"),  # as Babel writes it, a no-break space
        (" 27,76 % ", "share_pct", "27,76"),
        ("61.005", "value", "61.005"),
        ("61.005%", "value", "61.005%"),  # not a percentage: left for the reader to refuse
        ("8.570%", "change", "8.570%"),
        ("96,76%%", "pct_of_target", "96,76%"),  # one '%' only
    ],
)
def test_a_percentage_s_percent_sign_is_left_out(text: str, key: str, read: str) -> None:
    assert figure_text(text, key) == read


def test_a_percent_sign_after_another_figure_is_refused_saying_why() -> None:
    with pytest.raises(NumberError) as err:
        parse_figure(figure_text("61.005%", "value"), "vi")
    assert str(err.value) == (
        "'61.005%' ends with '%', which only a percentage may (growth_pct, pct_of_previous, "
        "pct_of_target, share_pct) — write the number alone"
    )
    said = words("vi").say(err.value.message)
    assert said.startswith("'61.005%' có '%' ở cuối")


@given(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.integers(min_value=0, max_value=3),
    st.sampled_from(LOCALES),
)
def test_a_percentage_as_output_writes_it_reads_back_as_the_figure(
    digits: int, places: int, lang: Locale
) -> None:
    value = Decimal(digits).scaleb(-places)  # e.g. 9676 and 2 places: 96.76
    written = format_pct(value, places, lang)  # '96,76 %' (vi), '96.76%' (en)
    read = parse_figure(figure_text(written, "pct_of_target"), lang)
    assert read == value
    assert read.as_tuple().exponent == -places  # its printed decimals kept


# -- periods ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("năm 2021", "2021"),
        ("Năm 2021", "2021"),
        ("11/2021", "2021-11"),
        ("12/2021", "2021-12"),
        ("01/2021", "2021-01"),
        ("tháng 11/2021", "2021-11"),
        ("Tháng 11 / 2021", "2021-11"),
        ("tháng 11 năm 2021", "2021-11"),
        ("11 tháng 2021", "2021-01/2021-11"),
        ("11 tháng năm 2021", "2021-01/2021-11"),
        ("11 tháng đầu năm 2021", "2021-01/2021-11"),
        ("6 tháng đầu năm 2022", "2022-01/2022-06"),
        ("11t/2021", "2021-01/2021-11"),
        ("11T/2021", "2021-01/2021-11"),
        ("12 tháng 2021", "2021"),  # twelve months of a year are the year
        ("1 tháng 2021", "2021-01"),  # one month cumulated is the month
        ("31/12/2021", "2021-12-31"),
        ("1/2/2021", "2021-02-01"),  # day first: 1 February
        ("29/02/2024", "2024-02-29"),
        ("ngày 31/12/2021", "2021-12-31"),
        ("ngày 31 tháng 12 năm 2021", "2021-12-31"),
        ("từ tháng 3 đến tháng 5/2021", "2021-03/2021-05"),
        ("từ tháng 11/2020 đến tháng 2/2021", "2020-11/2021-02"),
        ("thang 11/2021", "2021-11"),  # typed without accents
        ("11 thang dau nam 2021", "2021-01/2021-11"),
    ],
)
def test_periods_as_vietnamese_documents_write_them(typed: str, iso: str) -> None:
    assert str(parse_period(typed)) == iso


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("2021/11", "write a month as 2021-11 or 11/2021"),
        ("2020/2021", "a '/' after a year is read only between two months"),
        ("11/21", "write the year in full: 11/2021 for a month, 31/12/2021 for a day"),
        ("31/12/21", "write the year in full"),
        ("12/31/2021", "has no month 31 — a date is written day first: 31/12/2021"),
        ("T11/2021", "write month 11 as 11/2021 or tháng 11/2021, the first 11 months as 11t"),
        ("13/2021", "month 13 does not exist — months run from 01 to 12"),
        ("13 tháng 2021", "a year has 12 months"),
        ("0 tháng 2021", "a year has 12 months"),
        ("31/02/2021", "is not a calendar date — month 2 of 2021 has 28 days"),
        ("từ tháng 5 đến tháng 3/2021", "ends before it starts"),
        ("quý 3/2021", "write a year (2021), a month (2021-11 or 11/2021)"),
        ("11/0999", "has a year outside 1000–9998"),
    ],
)
def test_ambiguous_or_impossible_periods_are_refused_saying_how_to_write_them(
    typed: str, says: str
) -> None:
    with pytest.raises(PeriodError) as err:
        parse_period(typed)
    assert says in str(err.value)
    assert words("vi").say(err.value.message) != str(err.value)


_YEARS = st.integers(min_value=FIRST_YEAR, max_value=LAST_YEAR)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """Any period: a year, a month, months cumulated (from January or not, over a year end), a
    date."""
    kind = draw(st.sampled_from(["year", "month", "months", "date"]))
    if kind == "year":
        return year_period(draw(_YEARS))
    if kind == "date":
        return date_period(draw(st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31))))
    year, month = draw(_YEARS), draw(st.integers(1, 12))
    if kind == "month":
        return parse_period(f"{year}-{month:02d}")
    last_year = draw(st.integers(year, min(year + 1, LAST_YEAR)))
    last = draw(st.integers(1 if last_year > year else month, 12))
    return parse_period(f"{year}-{month:02d}/{last_year}-{last:02d}")


@given(periods())
def test_every_period_as_the_vietnamese_output_writes_it_reads_back(period: Period) -> None:
    # 'năm 2021', 'tháng 11/2021', '11 tháng đầu năm 2021', 'từ tháng 3 đến tháng 5/2021', …
    assert parse_period(describe(period, "vi")) == period
    assert parse_period(str(period)) == period


@given(st.integers(1, 12), _YEARS)
def test_a_month_and_a_year_is_that_month_never_a_range(month: int, year: int) -> None:
    for typed in (f"{month}/{year}", f"{month:02d}/{year}", f"tháng {month}/{year}"):
        period = parse_period(typed)
        assert period.kind == "month"
        assert (period.start, period.end.month) == (date(year, month, 1), month)


@given(st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)))
def test_a_day_month_year_is_that_day_day_first(day: date) -> None:
    assert parse_period(f"{day.day}/{day.month}/{day.year}") == date_period(day)
    assert parse_period(f"{day.day:02d}/{day.month:02d}/{day.year}") == date_period(day)


# -- the four inputs: YAML, CSV, a spreadsheet, the command line ------------------------------


def figures(folder: Path, file_name: str) -> list[tuple[Any, ...]]:
    """Every figure a file gives, with its period, status and printed decimals."""
    plan = load_plan(folder)
    return sorted(
        (
            a.indicator,
            str(a.period),
            str(a.value.value) if a.value else None,
            a.status,
            a.where,
            tuple((s.relation, str(s.figure.value), str(s.vs)) for s in a.statements),
        )
        for a in plan.actuals
        if a.at.file.endswith(file_name)
    )


#: the credit figures of the seed (chú thích 1), as a person types them in Vietnamese
CREDIT_VI = """\
period: 31/12/2021
status: Chính thức
locale: vi
values:
  loans_total:
    value: "80.296"
    stated: {change: "8.570", growth_pct: "11,95%"}
    where: "chú thích 1"
  loans_enterprise:
    value: "22.294"
    stated: {share_pct: "27,76 %", change: "319", growth_pct: "1,45%"}
    where: "chú thích 1"
  loans_sme:
    value: "9.713"
    stated: {change: "1.529", growth_pct: "18,68 %", share_pct: "43,57%"}
    where: "chú thích 1"
  loans_sme_borrowers:
    value: "1.025"
    status: chinh thuc
    where: "chú thích 1"
  loans_manufacturing:
    period: ngày 31/10/2021
    value: "6.930"
    stated: {change: "171", growth_pct: "2,53%", vs: 31/12/2020, share_pct: "9,16 %"}
    where: "chú thích 1"
"""

#: the same as rows of a CSV file or a sheet (the share is added from _SHARES)
_CSV_HEADER = (
    "indicator",
    "period",
    "value",
    "status",
    "where",
    "vs",
    "change",
    "growth_pct",
    "share_pct",
)
CREDIT_ROWS = [
    ["loans_total", "31/12/2021", "80.296", "chính thức", "chú thích 1", "", "8.570", "11,95%"],
    ["loans_enterprise", "31/12/2021", "22.294", "Chính thức", "chú thích 1", "", "319", "1,45 %"],
    ["loans_sme", "31/12/2021", "9.713", "final", "chú thích 1", "", "1.529", "18,68%"],
    ["loans_sme_borrowers", "31/12/2021", "1.025", "chinh thuc", "chú thích 1", "", "", ""],
    ["loans_manufacturing", "31/10/2021", "6.930", "", "chú thích 1", "31/12/2020", "171", "2,53%"],
]
_SHARES = {"loans_total": "", "loans_enterprise": "27,76%", "loans_sme": "43,57 %"}
_SHARES |= {"loans_sme_borrowers": "", "loans_manufacturing": "9,16%"}


def test_yaml_actuals_typed_in_vietnamese_give_the_seed_s_figures(
    seed: Path, plan_copy: Path
) -> None:
    (plan_copy / "actuals" / CREDIT).write_text(CREDIT_VI, encoding="utf-8")
    read = figures(plan_copy, CREDIT)
    assert read == figures(seed, CREDIT)
    manufacturing = next(f for f in read if f[0] == "loans_manufacturing")
    # its own period, its status and its '%' figures, read as the ISO file writes them
    assert manufacturing[1:4] == ("2021-10-31", "6930", "final")
    assert ("growth_pct", "2.53", "2020-12-31") in manufacturing[5]


def test_a_growth_target_may_end_with_percent(tmp_path: Path) -> None:
    plan = load_plan(write_plan(tmp_path / "plan", {"2021": "100"}, {"2022": "growth:9.2%"}))
    (target,) = plan.by_id["x"].targets
    assert target.growth_pct is not None
    assert target.growth_pct.value == Decimal("9.2")


def test_csv_actuals_typed_in_vietnamese_give_the_seed_s_figures(
    seed: Path, plan_copy: Path
) -> None:
    (plan_copy / "actuals" / CREDIT).unlink()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_CSV_HEADER)
    writer.writerows([*row, _SHARES[row[0]]] for row in CREDIT_ROWS)
    (plan_copy / "actuals" / "2021-credit.csv").write_text(out.getvalue(), encoding="utf-8")

    def but_where(found: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        return [(*each[:4], each[5]) for each in found]  # a CSV row's where is its statements'

    assert but_where(figures(plan_copy, "2021-credit.csv")) == but_where(figures(seed, CREDIT))


def test_a_spreadsheet_of_text_typed_in_vietnamese_imports_the_seed_s_figures(
    seed: Path, plan_copy: Path, tmp_path: Path
) -> None:
    (plan_copy / "actuals" / CREDIT).unlink()
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Chỉ tiêu", "Kỳ", "Giá trị", "Trạng thái", "Vị trí", "So với", "Tăng/giảm"])
    sheet["H1"] = "Tăng %"
    sheet["I1"] = "Tỷ trọng %"
    for row in CREDIT_ROWS:
        sheet.append([*row, _SHARES[row[0]]])
    path = tmp_path / "tin-dung.xlsx"
    book.save(path)
    result = runner.invoke(app, ["import", str(path), "--data", str(plan_copy)])
    assert result.exit_code == 0, result.stderr
    written = (plan_copy / "actuals" / "tin-dung.yaml").read_text(encoding="utf-8")
    assert "status: final" in written  # the YAML writes the format's own word
    assert figures(plan_copy, "tin-dung.yaml") == figures(seed, CREDIT)


def check_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["check", "-f", "json", *args])
    assert result.exit_code in (0, 1), result.stderr
    value: dict[str, Any] = json.loads(result.stdout)
    return value


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("31/12/2021", "2021-12-31"),
        ("11 tháng 2021", "2021-01/2021-11"),
        ("11t/2021", "2021-01/2021-11"),
        ("năm 2021", "2021"),
        ("ngày 31/10/2021", "2021-10-31"),
    ],
)
def test_the_command_line_takes_the_period_as_typed(typed: str, iso: str) -> None:
    assert check_json("--period", typed) == check_json("--period", iso)
    assert check_json("--period", typed)["period"] == iso


def test_a_month_on_the_command_line_is_a_month() -> None:
    # 12/2021 is December 2021 (its balances on 31/12/2021), never months 12 to 2021
    assert check_json("--period", "12/2021")["period"] == "2021-12"
    assert check_json("--period", "12/2021") == check_json("--period", "2021-12")


def test_the_due_date_of_status_may_be_typed_day_first() -> None:
    typed = runner.invoke(app, ["status", "--period", "2021", "--due", "15/12/2021", "-f", "json"])
    iso = runner.invoke(app, ["status", "--period", "2021", "--due", "2021-12-15", "-f", "json"])
    assert json.loads(typed.stdout)["due"] == "2021-12-15"
    assert typed.stdout == iso.stdout
