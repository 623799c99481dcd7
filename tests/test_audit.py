"""plan-kpi audit: the seed's statements, hand-made edge cases, properties, every format.

Expected values are the seed document's printed figures or hand arithmetic
written beside them, never plan-kpi's output pasted back (golden files
aside, which were reviewed by eye).
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import SEED, golden
from plan_kpi.cli.app import app
from plan_kpi.core import numbers as n
from plan_kpi.core.models import (
    Actual,
    Figure,
    Indicator,
    Plan,
    PlanInfo,
    Relation,
    Source,
    Statement,
    Target,
    Text,
)
from plan_kpi.core.periods import parse_period, year_period
from plan_kpi.engine.checks import Verdict
from plan_kpi.engine.solving import derive
from plan_kpi.load.folder import load_plan
from plan_kpi.reports.audit import AuditReport, AuditRow, build_audit
from plan_kpi.say.audit import explanation_text

runner = CliRunner()
D = Decimal


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def audit_of(folder: Path, period: str | None = None) -> AuditReport:
    plan = load_plan(folder)
    chosen = parse_period(period) if period else None
    return build_audit(plan, derive(plan), chosen)


def said(row: AuditRow) -> str:
    """A row's arithmetic, in English words."""
    return explanation_text(row, "en")


@pytest.fixture(scope="module")
def seed_report() -> AuditReport:
    return audit_of(SEED)


def rows_of(report: AuditReport, indicator: str, relation: str) -> list[AuditRow]:
    return [r for r in report.rows if r.indicator == indicator and r.relation == relation]


def one(report: AuditReport, indicator: str, relation: str, period: str | None = None) -> AuditRow:
    found = [
        r for r in rows_of(report, indicator, relation) if period is None or str(r.period) == period
    ]
    assert len(found) == 1, found
    return found[0]


def r4(value: Decimal | None) -> Decimal:
    assert value is not None
    return n.round_half_up(value, 4)


# --- the seed plan -------------------------------------------------------------------------


def test_seed_has_exactly_one_inconsistent_statement(seed_report: AuditReport) -> None:
    bad = [r for r in seed_report.rows if r.verdict == "inconsistent"]
    assert len(bad) == 1
    row = bad[0]
    assert (row.indicator, row.relation, str(row.period)) == (
        "vocational_enrolment",
        "pct_of_target",
        "2021",
    )
    assert row.stated == D("100.19")  # the text of mục I.2.5
    assert row.where == "mục I.2.5"
    assert row.file is not None and row.file.endswith("2021-vocational.yaml")
    assert r4(row.computed) == D("101.1867")  # 15178 / 15000 × 100 = 101.18666…
    assert seed_report.exit_code == 1
    assert seed_report.summary["inconsistent"] == 1
    assert sum(seed_report.summary.values()) == len(seed_report.rows)


def test_footnote_4_is_consistent(seed_report: AuditReport) -> None:
    rows = rows_of(seed_report, "vocational_enrolment", "pct_of_target")
    verdicts = {r.stated: r.verdict for r in rows}
    assert verdicts == {D("100.19"): "inconsistent", D("101.19"): "consistent"}
    footnote = next(r for r in rows if r.stated == D("101.19"))
    assert footnote.where == "chú thích 4"
    # 101,19 stands for [101,185; 101,195], which holds 101,18666…
    assert (footnote.stated_low, footnote.stated_high) == (D("101.185"), D("101.195"))
    assert "15,178 / 15,000 × 100 = 101.1867%" in said(footnote)
    assert "printed 101.19% → [101.185; 101.195]%" in said(footnote)


def test_printed_targets_agree_with_targets_yaml(seed_report: AuditReport) -> None:
    for indicator, printed in (("industrial_output", "70962"), ("vocational_enrolment", "15000")):
        row = one(seed_report, indicator, "target")
        assert row.verdict == "consistent"
        assert row.stated == row.computed == D(printed)
        assert "targets.yaml" in said(row)


def test_industrial_output_85_97_consistent(seed_report: AuditReport) -> None:
    row = one(seed_report, "industrial_output", "pct_of_target")
    assert row.verdict == "consistent"
    assert r4(row.computed) == D("85.9685")  # 61005 / 70962 × 100 = 85.96854…


def test_manufacturing_credit_share_on_31_10_is_unchecked(seed_report: AuditReport) -> None:
    row = one(seed_report, "loans_manufacturing", "share_pct")
    assert row.verdict == "unchecked"
    assert row.stated == D("9.16")
    assert row.computed is None
    # the parent has no printed value on 31/10; the share itself derives it: 6930 / 0.0916
    assert "actual on 31 October 2021 of outstanding loans, whole province" in said(row)
    assert "75,655.0" in said(row)


@pytest.mark.parametrize(
    ("indicator", "relation", "computed", "printed"),
    [
        ("loans_total", "growth_pct", "11.9482", "11.95"),  # 8570 / (80296 − 8570) = 8570 / 71726
        ("loans_enterprise", "growth_pct", "1.4516", "1.45"),  # 319 / (22294 − 319)
        ("loans_enterprise", "share_pct", "27.7648", "27.76"),  # 22294 / 80296
        ("loans_sme", "growth_pct", "18.6828", "18.68"),  # 1529 / (9713 − 1529)
        ("loans_sme", "share_pct", "43.5678", "43.57"),  # 9713 / 22294
        ("loans_manufacturing", "growth_pct", "2.5300", "2.53"),  # 171 / (6930 − 171)
    ],
)
def test_credit_statements_consistent(
    seed_report: AuditReport, indicator: str, relation: str, computed: str, printed: str
) -> None:
    period = "2021-10-31" if indicator == "loans_manufacturing" else "2021-12-31"
    row = one(seed_report, indicator, relation, period)
    assert row.verdict == "consistent"
    assert row.stated == D(printed)
    assert r4(row.computed) == D(computed)


def test_manufacturing_credit_growth_is_against_31_12_2020(seed_report: AuditReport) -> None:
    row = one(seed_report, "loans_manufacturing", "growth_pct")
    assert str(row.period) == "2021-10-31"
    assert str(row.vs) == "2020-12-31"
    assert "6,930 / 6,759" in said(row)  # 6930 − 171 = 6759 on 31/12/2020


def test_over_determined_growth_is_one_row_naming_all_figures(seed_report: AuditReport) -> None:
    """Value 80.296, change 8.570 and growth 11,95 % over-determine 2020: one row, three figures."""
    assert rows_of(seed_report, "loans_total", "change") == []
    row = one(seed_report, "loans_total", "growth_pct", "2021-12-31")
    named = {(f.relation, f.text, f.line) for f in row.figures}
    # data/actuals/2021-credit.yaml: value on line 16, the stated figures on line 17
    assert named == {("growth_pct", "11,95", 17), ("value", "80.296", 16), ("change", "8.570", 17)}
    assert "80,296 − 8,570 = 71,726" in said(row)


@pytest.mark.parametrize(
    ("indicator", "total"),
    [
        ("vocational_enrolment", "15178"),  # 1542 + 2524 + 11112
        ("market_inspections", "1016"),  # 624 + 392
        ("market_violations", "454"),  # 58 + 49 + 87 + 42 + 20 + 51 + 104 + 38 + 5
        ("market_violations_handled", "446"),  # 386 + 60
        ("market_fines", "2248512000"),  # 2231275000 + 17237000
        ("market_revenue", "2501219000"),  # 2313439000 + 187780000
    ],
)
def test_seed_breakdown_sums(seed_report: AuditReport, indicator: str, total: str) -> None:
    row = one(seed_report, indicator, "sum")
    assert row.verdict == "consistent"
    assert row.stated == row.computed == D(total)


def test_market_figures_are_part_year(seed_report: AuditReport) -> None:
    row = one(seed_report, "market_revenue", "growth_pct")
    assert str(row.period) == "2021-01/2021-11"
    assert str(row.vs) == "2020-01/2020-11"
    assert row.verdict == "unchecked"  # nothing gives the 2020 value; -2,45 % derives it


def test_breakdown_with_a_part_missing_is_unchecked(seed_report: AuditReport) -> None:
    row = one(seed_report, "industrial_output", "sum", "2021")
    assert row.verdict == "unchecked"
    assert "no figure for Mining and quarrying" in said(row)


def test_every_seed_row_is_consistent_or_unchecked_but_one(seed_report: AuditReport) -> None:
    verdicts = [r.verdict for r in seed_report.rows]
    assert verdicts.count("inconsistent") == 1
    assert set(verdicts) == {"consistent", "inconsistent", "unchecked"}


# --- hand-made plans -----------------------------------------------------------------------

TARGETS_HEAD = """\
plan: {id: hand, title: "Hand-made plan", locale: vi}
indicators:
"""


def make_plan(root: Path, indicators: str, **actuals: str) -> Path:
    """A plan folder: targets.yaml from the indicators' YAML, actuals/NAME.yaml from each text."""
    folder = root / "plan"
    (folder / "actuals").mkdir(parents=True, exist_ok=True)
    (folder / "targets.yaml").write_text(
        TARGETS_HEAD + textwrap.dedent(indicators), encoding="utf-8"
    )
    for name, text in actuals.items():
        (folder / "actuals" / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def single(folder: Path, indicator: str, relation: str) -> AuditRow:
    return one(audit_of(folder), indicator, relation)


@pytest.mark.parametrize(
    ("target", "value", "printed", "verdict"),
    [
        # the boundary decides, to a ten-thousandth (target 1.000.000, so % = value / 10.000)
        ("1.000.000", "1.005.005", "100,500", "consistent"),  # 100.5005 = top of [..; 100.5005]
        ("1.000.000", "1.005.005", "100,501", "consistent"),  # 100.5005 = bottom of [100.5005; ..]
        ("1.000.000", "1.005.006", "100,500", "inconsistent"),  # 100.5006: misses by 0.0001
        ("1.000.000", "1.005.006", "100,501", "consistent"),  # 100.5006 in [100.5005; 100.5015]
        ("1.000.000", "1.004.994", "100,500", "inconsistent"),  # 100.4994: misses by 0.0001
        # a whole percentage is a rounded figure too
        ("20.000", "19.850", "99", "consistent"),  # 99.25 in [98.5; 99.5]
        ("20.000", "19.710", "99", "consistent"),  # 98.55 in [98.5; 99.5]
        ("20.000", "19.700", "99", "consistent"),  # 98.5 touches [98.5; 99.5]
        ("20.000", "19.699", "99", "inconsistent"),  # 98.495 < 98.5
        ("20.000", "19.710", "98,66", "inconsistent"),  # 98.55: 98,66 is a tighter figure
        ("20.000", "19.732", "98,66", "consistent"),  # 98.66
    ],
)
def test_printed_precision_decides(
    tmp_path: Path, target: str, value: str, printed: str, verdict: str
) -> None:
    folder = make_plan(
        tmp_path,
        f"""\
        - id: a
          name: A
          targets: {{2021: "{target}"}}
        """,
        report=f"""\
        period: 2021
        locale: vi
        values:
          a: {{value: "{value}", stated: {{pct_of_target: "{printed}"}}}}
        """,
    )
    assert single(folder, "a", "pct_of_target").verdict == verdict


def test_negative_changes(tmp_path: Path) -> None:
    folder = make_plan(
        tmp_path,
        """\
        - id: a
          name: A
        - id: b
          name: B
        """,
        report="""\
        period: 2021
        locale: vi
        values:
          a: {value: "95", stated: {previous: "100", change: "-5", growth_pct: "-5"}}
          b: {value: "95", stated: {previous: "100", change: "-6", growth_pct: "-5,2"}}
        """,
    )
    report = audit_of(folder)
    # a: 95 − 100 = −5 exactly; (95 / 100 − 1) × 100 = −5, in [−5.5; −4.5]
    assert one(report, "a", "change").verdict == "consistent"
    assert one(report, "a", "change").computed == D(-5)
    assert one(report, "a", "growth_pct").verdict == "consistent"
    # b: a change of −6 against −5 exactly; −5 outside [−5.25; −5.15]
    assert one(report, "b", "change").verdict == "inconsistent"
    growth = one(report, "b", "growth_pct")
    assert growth.verdict == "inconsistent"
    assert growth.computed == D(-5)
    assert (growth.stated_low, growth.stated_high) == (D("-5.25"), D("-5.15"))
    assert report.exit_code == 1


BREAKDOWN_INDICATORS = """\
- id: whole
  name: Whole
  breakdown: {kind}
- id: whole.a
  name: A
  parent: whole
- id: whole.b
  name: B
  parent: whole
"""


def breakdown_plan(tmp_path: Path, kind: str, whole: str, a: str, b: str | None) -> Path:
    parts = f'  whole.a: "{a}"\n' + (f'  whole.b: "{b}"\n' if b is not None else "")
    return make_plan(
        tmp_path,
        BREAKDOWN_INDICATORS.format(kind=kind),
        report=f'period: 2021\nlocale: vi\nvalues:\n  whole: "{whole}"\n' + parts,
    )


@pytest.mark.parametrize(
    ("kind", "whole", "a", "b", "relation", "verdict"),
    [
        ("complete", "100", "60", "40", "sum", "consistent"),  # 60 + 40 = 100
        ("complete", "100", "60", "41", "sum", "inconsistent"),  # 101 ≠ 100, all exact
        # rounded parts: 3,3 × 3 = 9,9 in [9,75; 10,05], meeting 10,0's [9,95; 10,05]:
        # off by one unit of the last digit, but within the parts' half-units
        ("complete", "10,0", "6,6", "3,3", "sum", "consistent"),
        # 6,4 + 3,2 = 9,6 in [9,5; 9,7]: below [9,95; 10,05]
        ("complete", "10,0", "6,4", "3,2", "sum", "inconsistent"),
        ("partial", "100", "60", "30", "partial", "consistent"),  # 90 ≤ 100
        ("partial", "100", "60", "40", "partial", "consistent"),  # 100 ≤ 100: touching
        ("partial", "100", "60", "50", "partial", "inconsistent"),  # 110 > 100
        ("overlapping", "100", "80", "70", "overlapping", "consistent"),  # each ≤ 100
        ("overlapping", "100", "80", "101", "overlapping", "inconsistent"),  # 101 > 100
    ],
)
def test_breakdowns(
    tmp_path: Path, kind: str, whole: str, a: str, b: str, relation: str, verdict: str
) -> None:
    row = single(breakdown_plan(tmp_path, kind, whole, a, b), "whole", relation)
    assert row.verdict == verdict


def test_rounded_sum_interval(tmp_path: Path) -> None:
    row = single(breakdown_plan(tmp_path, "complete", "10,0", "6,6", "3,3"), "whole", "sum")
    assert row.computed == D("9.9")
    # each part ± 0,05: [6,55 + 3,25; 6,65 + 3,35]
    assert (row.computed_low, row.computed_high) == (D("9.80"), D("10.00"))
    assert (row.stated_low, row.stated_high) == (D("9.95"), D("10.05"))


def test_breakdown_with_a_missing_part_says_which(tmp_path: Path) -> None:
    row = single(breakdown_plan(tmp_path, "complete", "100", "60", None), "whole", "sum")
    assert row.verdict == "unchecked"
    assert row.computed is None
    assert "no figure for B" in said(row)


def test_vs_names_the_comparison_period(tmp_path: Path) -> None:
    """A growth stated against 31/12 is compared with 31/12, not with the same day a year before."""
    folder = make_plan(
        tmp_path,
        """\
        - id: loans
          name: Loans
        """,
        now="""\
        period: 2021-10-31
        locale: vi
        values:
          loans: {value: "6.930", stated: {growth_pct: "2,53", vs: 2020-12-31}}
        """,
        before="""\
        locale: vi
        values:
          loans: {period: 2020-12-31, value: "6.759"}
        """,
        same_day="""\
        locale: vi
        values:
          loans: {period: 2020-10-31, value: "5.000"}
        """,
    )
    row = single(folder, "loans", "growth_pct")
    assert str(row.vs) == "2020-12-31"
    assert row.verdict == "consistent"  # 6930 / 6759 − 1 = 2.5300 %; against 5000 it'd be 38.6 %
    assert r4(row.computed) == D("2.5300")


def test_part_year_is_compared_with_the_same_months(tmp_path: Path) -> None:
    folder = make_plan(
        tmp_path,
        """\
        - id: revenue
          name: Revenue
        """,
        now="""\
        period: 2021-01/2021-11
        locale: vi
        values:
          revenue: {value: "110", stated: {growth_pct: "10"}}
        """,
        before="""\
        locale: vi
        values:
          revenue: {period: 2020-01/2020-11, value: "100"}
        """,
        year="""\
        locale: vi
        values:
          revenue: {period: 2020, value: "50"}
        """,
    )
    row = single(folder, "revenue", "growth_pct")
    assert str(row.period) == "2021-01/2021-11"
    assert str(row.vs) == "2020-01/2020-11"
    assert row.verdict == "consistent"  # 110 / 100 − 1 = 10 %; against the year's 50 it'd be 120 %
    assert row.computed == D(10)


def test_over_determined_disagreement_reported_once(tmp_path: Path) -> None:
    folder = make_plan(
        tmp_path,
        """\
        - id: a
          name: A
        """,
        report="""\
        period: 2021
        locale: vi
        values:
          a:
            value: "100"
            stated: {change: "10", growth_pct: "50"}
        """,
    )
    report = audit_of(folder)
    assert [(r.relation, r.verdict) for r in report.rows] == [("growth_pct", "inconsistent")]
    row = report.rows[0]
    # 100 − 10 = 90; (100 / 90 − 1) × 100 = 11.1111 %, not [49.5; 50.5]
    assert r4(row.computed) == D("11.1111")
    assert {(f.relation, f.text) for f in row.figures} == {
        ("growth_pct", "50"),
        ("value", "100"),
        ("change", "10"),
    }
    assert "100 − 10 = 90" in said(row)


def test_a_statement_checked_against_another(tmp_path: Path) -> None:
    folder = make_plan(
        tmp_path,
        """\
        - id: a
          name: A
        """,
        report="""\
        period: 2021
        locale: vi
        values:
          a:
            value: "61.005"
            stated:
              - {pct_of_previous: "92,19", where: "p. 1"}
              - {growth_pct: "-7,81", where: "p. 2"}
        """,
    )
    report = audit_of(folder)
    row = one(report, "a", "growth_pct")
    assert row.verdict == "consistent"  # 92,19 − 100 = −7,81 exactly
    assert row.computed == D("-7.81")
    assert "percentage of the previous period 92.19%" in said(row)
    assert rows_of(report, "a", "pct_of_previous") == []  # named in the check's row instead
    assert {f.where for f in row.figures} == {"p. 1", "p. 2"}


def test_printed_target_against_targets_yaml(tmp_path: Path) -> None:
    folder = make_plan(
        tmp_path,
        """\
        - id: a
          name: A
          targets: {2021: "15.000"}
        - id: b
          name: B
        """,
        report="""\
        period: 2021
        locale: vi
        values:
          a: {value: "15.178", stated: {target: "15.500"}}
          b: {value: "10", stated: {target: "12"}}
        """,
    )
    report = audit_of(folder)
    assert one(report, "a", "target").verdict == "inconsistent"
    unchecked = one(report, "b", "target")
    assert unchecked.verdict == "unchecked"
    assert "targets.yaml has no target 2021" in said(unchecked)


def test_printed_previous_against_last_years_report(tmp_path: Path) -> None:
    folder = make_plan(
        tmp_path,
        """\
        - id: a
          name: A
        - id: b
          name: B
        """,
        now="""\
        period: 2021
        locale: vi
        values:
          a: {value: "120", stated: {previous: "100"}}
          b: {value: "120", stated: {previous: "100"}}
        """,
        before="""\
        period: 2020
        locale: vi
        values:
          a: "101"
        """,
    )
    report = audit_of(folder)
    row = one(report, "a", "previous")
    assert row.verdict == "inconsistent"  # last year's report says 101, exact
    assert (row.computed, str(row.vs)) == (D(101), "2020")
    alone = one(report, "b", "previous")
    assert alone.verdict == "unchecked"
    assert "do not determine it" in said(alone)


def test_period_and_indicator_filters(seed: Path) -> None:
    plan = load_plan(seed)
    derivation = derive(plan)
    report = build_audit(plan, derivation, parse_period("2021-12-31"), ("loans_sme",))
    assert {(r.indicator, str(r.period)) for r in report.rows} == {("loans_sme", "2021-12-31")}
    assert {r.relation for r in report.rows} == {"growth_pct", "share_pct"}


# --- properties ----------------------------------------------------------------------------


AT = Source(file="made.yaml", line=1)
YEAR = year_period(2021)


def fig(value: Decimal) -> Figure:
    return Figure(value=value, at=AT, text=n.plain(value))


def stated(relation: Relation, value: Decimal) -> Statement:
    return Statement(relation=relation, figure=fig(value))


def indicator(id_: str, **extra: Any) -> Indicator:
    return Indicator(id=id_, name=Text(en=id_), unit=Text(), at=AT, **extra)


def rounded(value: Decimal, places: int) -> Decimal:
    return n.round_half_up(value, places)


#: true figures: positive, with more digits than any report prints
levels = st.integers(min_value=1_000, max_value=10**9).map(lambda i: Decimal(i).scaleb(-3))
places = st.integers(min_value=0, max_value=3)
pct_places = st.integers(min_value=0, max_value=4)


@settings(max_examples=150, deadline=None)
@given(
    true_value=levels,
    true_previous=levels,
    true_target=levels,
    share=st.integers(min_value=1, max_value=999).map(lambda i: Decimal(i).scaleb(-3)),
    level_places=places,
    percent_places=st.lists(pct_places, min_size=5, max_size=5),
)
def test_correctly_rounded_reports_are_consistent(
    true_value: Decimal,
    true_previous: Decimal,
    true_target: Decimal,
    share: Decimal,
    level_places: int,
    percent_places: list[int],
) -> None:
    """Round exact true figures to any precision: no statement is ever inconsistent."""
    value = rounded(true_value, level_places)
    target = rounded(true_target, level_places)
    part_a = n.mul(true_value, share)
    part_b = n.sub(true_value, part_a)
    k = percent_places
    ratio = n.div(true_value, true_previous)
    statements = (
        stated("previous", rounded(true_previous, level_places)),
        stated("change", rounded(n.sub(true_value, true_previous), level_places)),
        stated("target", target),
        stated("growth_pct", rounded(n.growth_pct(ratio), k[0])),
        stated("pct_of_previous", rounded(n.pct(ratio), k[1])),
        stated("pct_of_target", rounded(n.pct(n.div(true_value, true_target)), k[2])),
    )
    plan = Plan(
        info=PlanInfo(id="made", title="made"),
        indicators=(
            # rounded: a whole figure stands for ± 0,5 too, as the true figures are not whole
            indicator(
                "x",
                rounded=True,
                targets=(
                    Target(period=YEAR, value=fig(rounded(true_target, level_places)), at=AT),
                ),
            ),
            indicator("x.a", parent="x", rounded=True),
            indicator("x.b", parent="x", rounded=True),
        ),
        actuals=(
            Actual(indicator="x", period=YEAR, value=fig(value), statements=statements, at=AT),
            Actual(
                indicator="x.a",
                period=YEAR,
                value=fig(rounded(part_a, level_places)),
                statements=(stated("share_pct", rounded(n.pct(share), k[3])),),
                at=AT,
            ),
            Actual(indicator="x.b", period=YEAR, value=fig(rounded(part_b, level_places)), at=AT),
        ),
    )
    report = build_audit(plan, derive(plan))
    assert [r for r in report.rows if r.verdict == "inconsistent"] == []
    assert report.summary["consistent"] >= 7  # every statement and the sum could be checked
    assert report.exit_code == 0


@settings(max_examples=150, deadline=None)
@given(
    true_value=levels,
    true_target=levels,
    level_places=places,
    percent_place=pct_places,
    up=st.booleans(),
)
def test_a_figure_moved_outside_its_interval_is_flagged(
    true_value: Decimal, true_target: Decimal, level_places: int, percent_place: int, up: bool
) -> None:
    """Print the percentage two units of its last digit beyond what the figures allow."""
    value = rounded(true_value, level_places)
    target = rounded(true_target, level_places)
    # the indicator is rounded, so value and target stand for ± half a unit of their last digit;
    # what they allow, by hand: [(value − h) / (target + h); (value + h) / (target − h)] × 100
    half = n.half_unit(value)
    low = n.pct(n.div(n.sub(value, half), n.add(target, half)))
    high = n.pct(n.div(n.add(value, half), n.sub(target, half)))
    unit = Decimal(1).scaleb(-percent_place)
    moved = (
        rounded(high, percent_place) + 2 * unit if up else rounded(low, percent_place) - 2 * unit
    )
    plan = Plan(
        info=PlanInfo(id="made", title="made"),
        indicators=(
            indicator("x", rounded=True, targets=(Target(period=YEAR, value=fig(target), at=AT),)),
        ),
        actuals=(
            Actual(
                indicator="x",
                period=YEAR,
                value=fig(value),
                statements=(stated("pct_of_target", moved),),
                at=AT,
            ),
        ),
    )
    report = build_audit(plan, derive(plan))
    assert one(report, "x", "pct_of_target").verdict == "inconsistent"
    assert report.exit_code == 1


# --- the command ---------------------------------------------------------------------------


def json_rows(output: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(output)["rows"]
    return rows


def test_cli_seed_json(seed: Path) -> None:
    code, out, err = run("audit", "--data", str(seed), "--format", "json")
    assert code == 1, err
    data = json.loads(out)
    assert data["summary"]["inconsistent"] == 1
    assert sum(data["summary"].values()) == len(data["rows"])
    [bad] = [r for r in data["rows"] if r["verdict"] == "inconsistent"]
    assert bad["indicator"] == "vocational_enrolment"
    assert bad["relation"] == "pct_of_target"
    assert bad["stated"] == 100.19
    # 15178 / 15000 × 100 = 101.186666…: half-up 101.1867; outward [101.1866; 101.1867]
    assert (bad["computed"], bad["computed_low"], bad["computed_high"]) == (
        101.1867,
        101.1866,
        101.1867,
    )
    assert (bad["stated_low"], bad["stated_high"]) == (100.185, 100.195)
    assert bad["line"] == 15 and bad["file"].endswith("actuals/2021-vocational.yaml")
    assert bad["where"] == "mục I.2.5"
    assert set(bad) >= {
        "indicator",
        "period",
        "relation",
        "stated",
        "computed",
        "computed_low",
        "computed_high",
        "verdict",
        "file",
        "line",
        "where",
    }


def test_json_numbers_are_written_from_decimals(seed: Path) -> None:
    _, out, _ = run("audit", "--data", str(seed), "-i", "loans_enterprise", "--format", "json")
    growth = next(
        r for r in json_rows(out) if r["relation"] == "growth_pct" and r["period"] == "2021-12-31"
    )
    # loans_enterprise is rounded: value 22294 and change 319 each ± 0,5, and the growth is
    # c / (v − c), one function of the two (v enters once as a figure, not twice):
    # least = 318,5 / (22294,5 − 318,5) = 318,5 / 21976 = 1,449308…%,
    # greatest = 319,5 / (22293,5 − 319,5) = 319,5 / 21974 = 1,453991…% → outward [1,4493; 1,4540]
    # (step-by-step interval arithmetic gave the wider [1,4447; 1,4586])
    assert (growth["computed_low"], growth["computed_high"]) == (1.4493, 1.454)
    assert '"computed_low": 1.4493,' in out  # digits, not a float's repr


def test_table_json_and_csv_carry_the_same_rows(seed: Path) -> None:
    _, out_json, _ = run("audit", "--data", str(seed), "--format", "json")
    _, out_csv, _ = run("audit", "--data", str(seed), "--format", "csv")
    _, out_table, _ = run("audit", "--data", str(seed), "--lang", "en")
    keys = ("indicator", "period", "relation", "verdict")
    from_json = [tuple(r[k] for k in keys) for r in json_rows(out_json)]
    from_csv = [tuple(r[k] for k in keys) for r in csv.DictReader(io.StringIO(out_csv))]
    assert from_json == from_csv
    body = out_table.split("\nSummary:")[0]
    verdict_words = sum(body.count(f" {v} ") for v in ("consistent", "inconsistent", "unchecked"))
    assert verdict_words == len(from_json)


def test_table_golden_vi(seed: Path) -> None:
    code, out, _ = run("audit", "--data", str(seed))
    assert code == 1
    golden("audit-vi.txt", out)
    assert "không khớp" in out and "101,1867" in out and "100,19" in out


def test_table_golden_en_explain(seed: Path) -> None:
    code, out, _ = run("audit", "--data", str(seed), "--lang", "en", "--explain")
    assert code == 1
    golden("audit-en-explain.txt", out)
    assert "15,178 / 15,000 × 100 = 101.1867%; printed 100.19% → [100.185; 100.195]%" in out


def test_table_at_80_columns(seed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(
        "audit", "--data", str(seed), "--lang", "en", "--explain", "--period", "2021"
    )
    assert code == 1
    golden("audit-2021-en-80.txt", out)
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize("period", [None, "2021"])
def test_at_120_columns_a_table_with_the_period_said_once(
    seed: Path, monkeypatch: pytest.MonkeyPatch, period: str | None
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    args = ["audit", "--data", str(seed), "--lang", "vi"]
    _, out, _ = run(*args, *(["--period", period] if period else []))
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 120
    heading = next(line for line in lines if line.startswith("Chỉ tiêu"))
    # a real table: every column's heading on the heading line (no blocks)
    for word in ("Quan hệ", "Số in", "Tính lại", "Kết luận", "Nơi in"):
        assert word in heading or word.split()[0] in heading
    # a path broken after a '/' only: every file:line is whole once its lines are joined
    assert "data/actuals/" in out and "2021-vocational.yaml:15" in out
    if period:
        # the title says the year; the rows do not say it again
        assert "— năm 2021" in out
        assert "\nnăm 2021" not in out.split("─")[-1]


def test_json_golden(seed: Path) -> None:
    _, out, _ = run("audit", "--data", str(seed), "--format", "json")
    golden("audit.json", out)


def test_csv_golden_with_explanations(seed: Path) -> None:
    _, out, _ = run("audit", "--data", str(seed), "--format", "csv", "--explain", "--lang", "en")
    golden("audit-explain.csv", out)
    rows = list(csv.DictReader(io.StringIO(out)))
    bad = next(r for r in rows if r["verdict"] == "inconsistent")
    assert bad["indicator"] == "vocational_enrolment"
    assert (bad["stated"], bad["computed"]) == ("100.19", "101.1867")
    assert bad["explanation"].startswith("15,178 / 15,000 × 100 = 101.1867%")


def test_exit_0_when_consistent_or_unchecked(tmp_path: Path) -> None:
    folder = make_plan(
        tmp_path,
        """\
        - id: a
          name: A
          targets: {2021: "200"}
        - id: b
          name: B
        """,
        report="""\
        period: 2021
        locale: vi
        values:
          a: {value: "201", stated: {pct_of_target: "100,5"}}
          b: {stated: {growth_pct: "3"}}
        """,
    )
    code, out, err = run("audit", "--data", str(folder), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["summary"] == {"consistent": 1, "inconsistent": 0, "unchecked": 1}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--period", "2021-13"), "month 13"),
        (("--indicator", "vocational_enrolmnet"), "did you mean 'vocational_enrolment'"),
        (("--format", "xml"), "xml"),
    ],
)
def test_bad_usage_exits_2(seed: Path, args: tuple[str, ...], message: str) -> None:
    code, out, err = run("audit", "--data", str(seed), *args)
    assert code == 2
    assert message in err
    assert out == ""
    assert "Traceback" not in err


def test_bad_data_exits_2_with_file_and_line(tmp_path: Path) -> None:
    folder = make_plan(
        tmp_path,
        """\
        - id: a
          name: A
        """,
        report="""\
        period: 2021
        locale: vi
        values:
          a: {value: "9.2"}
        """,
    )
    code, _, err = run("audit", "--data", str(folder))
    assert code == 2
    assert "report.yaml:4:" in err
    assert "Traceback" not in err


def test_period_option(seed: Path) -> None:
    code, out, _ = run("audit", "--data", str(seed), "--period", "2021-12-31", "-f", "json")
    assert code == 0  # the credit statements of 31/12/2021 are all consistent
    data = json.loads(out)
    assert data["period"] == "2021-12-31"
    assert {r["period"] for r in data["rows"]} == {"2021-12-31"}


def test_installed_command_in_a_subprocess(seed: Path) -> None:
    env = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1"}
    exe = Path(sys.executable).parent / "plan-kpi"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "plan_kpi"]
    done = subprocess.run(
        [*command, "audit", "--data", str(seed), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    bad = [r for r in json_rows(done.stdout) if r["verdict"] == "inconsistent"]
    assert [(r["indicator"], r["stated"]) for r in bad] == [("vocational_enrolment", 100.19)]


def test_quiet_and_output_file(seed: Path, tmp_path: Path) -> None:
    code, out, err = run("audit", "--data", str(seed), "-q")
    assert (code, out, err) == (1, "", "")
    target = tmp_path / "audit.json"
    code, out, _ = run("audit", "--data", str(seed), "-f", "json", "-o", str(target), "-q")
    assert (code, out) == (1, "")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["summary"]["inconsistent"] == 1


@pytest.mark.parametrize("changed", [False, True])
def test_an_audit_of_one_verdict_is_the_whole_audit_s_rows_of_it(
    plan_copy: Path, changed: bool
) -> None:
    # the report's findings build only the inconsistent rows; each must be the row the whole
    # audit has, and none left out
    if changed:  # two printed percentages the other figures contradict
        for name, old, new in (
            ("2021-industry.yaml", 'pct_of_target: "85,97"', 'pct_of_target: "88,97"'),
            ("2021-vocational.yaml", '{pct_of_target: "101,19"', '{pct_of_target: "104,19"'),
        ):
            path = plan_copy / "actuals" / name
            text = path.read_text(encoding="utf-8")
            assert old in text
            path.write_text(text.replace(old, new), encoding="utf-8")
    plan = load_plan(plan_copy)
    derivation = derive(plan)
    whole = build_audit(plan, derivation).rows
    verdicts: tuple[Verdict, ...] = ("consistent", "inconsistent", "unchecked")
    assert {row.verdict for row in whole} == set(verdicts)
    for verdict in verdicts:
        rows = build_audit(plan, derivation, verdict=verdict).rows
        assert rows == tuple(row for row in whole if row.verdict == verdict)
    # the seed's one (its text's 100,19 %: spec/seed-figures.md), and the two changed
    inconsistent = build_audit(plan, derivation, verdict="inconsistent").rows
    expected = [("vocational_enrolment", "pct_of_target", 15)]
    if changed:
        expected = [
            ("industrial_output", "pct_of_target", 18),
            *expected,
            ("vocational_enrolment", "pct_of_target", 16),
        ]
    assert [(r.indicator, r.relation, r.line) for r in inconsistent] == expected
