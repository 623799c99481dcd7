"""The loader's quick paths (a CSV row of plain figures, a figure of digits and marks, a
period read once a file) give what the general path gives: the same records, the same
problems at the same line:column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from plan_kpi.core.errors import PlanError
from plan_kpi.core.models import Plan, Source
from plan_kpi.load.folder import load_plan

TARGETS = """\
plan: {id: test, title: Test plan, locale: vi}
indicators:
  - id: output
    unit: tỷ đồng
    targets: {2021: "70.962"}
  - id: output.part
    parent: output
  - id: rate
    unit: "%"
"""


def plan_with(tmp_path: Path, csv: str, targets: str = TARGETS) -> Path:
    (tmp_path / "actuals").mkdir()
    (tmp_path / "targets.yaml").write_text(targets, encoding="utf-8")
    (tmp_path / "actuals" / "2021.csv").write_text(csv, encoding="utf-8")
    return tmp_path


def loaded(folder: Path) -> Plan:
    return load_plan(folder)


def problems(folder: Path) -> list[str]:
    """Each problem as line:column: message (the file's name left out)."""
    with pytest.raises(PlanError) as raised:
        load_plan(folder)
    return [f"{p.line}:{p.column}: {p.message}" for p in raised.value.problems]


def test_a_usual_row_keeps_every_figure_and_its_cell(tmp_path: Path) -> None:
    # the header names pct_of_target before previous: the statements come in the
    # format's order of relations (previous first), as in a YAML file
    folder = plan_with(
        tmp_path,
        "indicator,period,value,pct_of_target,source,previous,where\n"
        'output,2021,"61.005","85,97 %",KH 01/2022,"66.173,1",chú thích 5\n',
    )
    (actual,) = loaded(folder).actuals
    file = str(folder / "actuals" / "2021.csv")
    assert actual.at == Source(file=file, line=2, column=1)
    assert actual.source == "KH 01/2022"
    assert actual.status == "final"  # no status column: final
    assert actual.value is not None
    assert (actual.value.value, actual.value.text) == (Decimal("61005"), "61.005")
    assert actual.value.at == Source(file=file, line=2, column=3)
    assert [s.relation for s in actual.statements] == ["previous", "pct_of_target"]
    previous, pct = actual.statements
    assert (previous.figure.value, previous.figure.at.column) == (Decimal("66173.1"), 6)
    # the percentage's '%' is left out of its text, and the decimals written are kept
    assert (pct.figure.value, pct.figure.text, pct.figure.at.column) == (
        Decimal("85.97"),
        "85,97",
        4,
    )
    assert previous.where == pct.where == "chú thích 5"


def test_a_row_of_another_shape_beside_usual_ones(tmp_path: Path) -> None:
    # row 3 has a qualifier, row 4 a vs, row 5 a unit, row 6 a status word: each read as
    # the general path reads it, between rows read the usual way
    folder = plan_with(
        tmp_path,
        "indicator,period,value,status,pct_of_target,vs,unit,previous\n"
        'output,2021,"61.005",,,,,\n'
        'output.part,2021,">50.000",,,,,\n'
        'rate,2021,"40,5",,,2019,,"38,1"\n'
        'output,2020,"180,8",,,,triệu đồng,\n'
        'output.part,2020,"1.000",ước,"~90",,,\n',
    )
    actuals = {(a.indicator, str(a.period)): a for a in loaded(folder).actuals}
    above = actuals["output.part", "2021"].value
    assert above is not None and (above.value, above.bound) == (Decimal("50000"), "above")
    (previous,) = actuals["rate", "2021"].statements
    assert str(previous.vs) == "2019"
    scaled = actuals["output", "2020"].value
    # 180,8 triệu đồng in an indicator in tỷ đồng: a thousandth of it
    assert scaled is not None and (scaled.unit, scaled.factor) == ("triệu đồng", Decimal("0.001"))
    estimate = actuals["output.part", "2020"]
    assert estimate.status == "estimate"
    (about,) = estimate.statements
    assert (about.figure.bound, about.figure.about_pct) == ("about", Decimal(5))


def test_a_bad_cell_in_a_stated_column_is_said_at_its_cell(tmp_path: Path) -> None:
    folder = plan_with(
        tmp_path,
        "indicator,period,value,pct_of_target,target\n"
        'output,2021,"61.005","85,97",\n'
        'output.part,2021,"1.000","9x",\n'
        'rate,2021,"40,5",,">5"\n'
        'output,2020,"61.005","1,2,3",\n',
    )
    assert problems(folder) == [
        # line 3, column 4: the pct_of_target cell of the second row
        "3:4: '9x' is not a number — write digits with '.' between thousands and ',' "
        "before decimals, e.g. '61.005' or '92,19'",
        "4:5: a target cannot be a bound: '>5' — write the level the plan sets (5); a target "
        "is met at or above it (direction: increase) or at or below it (direction: decrease)",
        "5:4: '1,2,3' is not a well-formed number in a 'vi' file, where '.' groups thousands "
        "in threes and ',' marks decimals — write it like '61.005' or '92,19'",
    ]


def test_a_bad_period_or_status_is_said_on_every_row_it_is_on(tmp_path: Path) -> None:
    # a period is read once a file when it reads: one that does not is said each time
    folder = plan_with(
        tmp_path,
        "indicator,period,value,status\n"
        'output,20211,"1",\n'
        'output.part,2021,"1",\n'
        'rate,20211,"1",bogus\n'
        'output,2022,"1",bogus\n',
    )
    not_a_period = (
        "'20211' is not a period — write a year (2021), a month (2021-11 or 11/2021), months "
        "cumulated (2021-01/2021-11 or 11 tháng 2021), a date (2021-12-31 or 31/12/2021) or "
        "days cumulated (2021-01-01/2021-12-15)"
    )
    unknown = (
        "unknown status 'bogus' — write estimate (ước, ước thực hiện, ước tính), preliminary "
        "(sơ bộ) or final (chính thức)"
    )
    # the status is read first: row 4 says its status only, as the general path does
    assert problems(folder) == [f"2:2: {not_a_period}", f"4:4: {unknown}", f"5:4: {unknown}"]


def test_an_empty_row_value_with_no_stated_figure(tmp_path: Path) -> None:
    folder = plan_with(
        tmp_path,
        'indicator,period,value,previous\noutput,2021,,\noutput.part,2021,,"1.000"\n',
    )
    assert problems(folder) == ["2:1: no value and no stated figures — fill the value cell"]


def test_a_usual_target_keeps_its_place_and_the_locale_warning(tmp_path: Path) -> None:
    # no 'locale:' under plan: (the default, en): '61.005' reads as 61.005 and is warned
    # of, the short-form target placed at its value (line 4, column 21)
    targets = (
        "plan: {id: test, title: Test plan}\n"
        "indicators:\n"
        "  - id: output\n"
        '    targets: {2021: "61.005", 2022: {value: "7"}}\n'
    )
    folder = plan_with(tmp_path, "indicator,period,value\noutput,2021,1\n", targets)
    plan = loaded(folder)
    first, second = plan.indicators[0].targets
    assert first.value is not None and first.value.value == Decimal("61.005")
    assert (first.at.line, first.at.column) == (4, 21)
    # '    targets: {2021: "61.005", 2022: ' is 36 characters: its '{' at 37, '"7"' at 45
    assert second.value is not None and (second.at.column, second.value.at.column) == (37, 45)
    (warning,) = plan.warnings
    assert (warning.line, warning.column) == (4, 21)
    assert "'61.005' is read as 61.005 in 'en'" in str(warning.message)


def test_a_period_of_named_targets_says_a_bad_name_and_a_bad_figure(tmp_path: Path) -> None:
    # line 4: '    targets: {2021: {central: "9x", centrl: "1"}}': the bad figure's quote at
    # column 31, the misspelt name after '", ' at column 37; both said, in the order of their
    # places
    targets = (
        "plan: {id: test, title: Test plan, locale: vi, targets: {central: TW, provincial: T}}\n"
        "indicators:\n"
        "  - id: output\n"
        '    targets: {2021: {central: "9x", centrl: "1"}}\n'
    )
    folder = plan_with(tmp_path, "indicator,period,value\noutput,2021,1\n", targets)
    assert problems(folder) == [
        "4:31: '9x' is not a number — write digits with '.' between thousands and ',' "
        "before decimals, e.g. '61.005' or '92,19'",
        "4:37: 'centrl' is not one of the plan's targets (central, provincial) — did you mean "
        "'central'?",
    ]


def test_a_figure_repeated_is_placed_and_refused_at_each_cell(tmp_path: Path) -> None:
    # '98,5' on rows 2 and 3 (read once a file) stays at each row's own cell; '9x' on rows
    # 4 and 5 is refused at each
    folder = plan_with(
        tmp_path,
        "indicator,period,value,pct_of_target\n"
        'output,2021,"1","98,5"\n'
        'output.part,2021,"1","98,5"\n',
    )
    first, second = loaded(folder).actuals
    assert [s.figure.value for s in (*first.statements, *second.statements)] == [
        Decimal("98.5"),
        Decimal("98.5"),
    ]
    assert [(s.figure.at.line, s.figure.at.column) for s in first.statements] == [(2, 4)]
    assert [(s.figure.at.line, s.figure.at.column) for s in second.statements] == [(3, 4)]
    # held once: the two figures share the text as typed and its Decimal (a large plan's
    # repeated percentages cost one text and one number)
    assert first.statements[0].figure.text == "98,5"
    assert first.statements[0].figure.text is second.statements[0].figure.text
    assert first.statements[0].figure.value is second.statements[0].figure.value
    (folder / "actuals" / "2021.csv").write_text(
        "indicator,period,value,pct_of_target\n"
        'output,2021,"1","98,5"\n'
        'output.part,2021,"1","98,5"\n'
        'rate,2021,"1","9x"\n'
        'output,2022,"1","9x"\n',
        encoding="utf-8",
    )
    not_a_number = (
        "'9x' is not a number — write digits with '.' between thousands and ',' before "
        "decimals, e.g. '61.005' or '92,19'"
    )
    assert problems(folder) == [f"4:4: {not_a_number}", f"5:4: {not_a_number}"]


def test_a_yaml_figure_repeated_holds_one_text_and_one_number(tmp_path: Path) -> None:
    (tmp_path / "actuals").mkdir()
    (tmp_path / "targets.yaml").write_text(
        TARGETS.replace('targets: {2021: "70.962"}', 'targets: {2021: "70.962", 2022: "70.962"}'),
        encoding="utf-8",
    )
    (output, *_) = loaded(tmp_path).indicators
    first, second = (target.value for target in output.targets)
    assert first is not None and second is not None
    assert (first.text, first.value) == ("70.962", Decimal("70962"))
    assert (first.at.line, second.at.line) == (5, 5)
    assert first.text is second.text and first.value is second.value
