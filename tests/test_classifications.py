"""Several breakdowns of one total: population by sex and by residence (issue 17, item 3).

A parent declares its classifications (``breakdowns: {by_sex: complete, by_residence:
complete}``) and each part names its own (``classification: by_sex``); each classification
is checked on its own, a part's own ``breakdown:`` is about its own parts, and a share is
against the parent whichever classification the part is in. The sums are worked out by
hand in the comments.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_kpi.cli.app import app
from plan_kpi.core.errors import PlanError
from plan_kpi.engine.solving import derive
from plan_kpi.load.folder import load_plan
from plan_kpi.reports.audit import AuditRow, build_audit
from plan_kpi.say.problems import said_problem

D = Decimal
F = Fraction
runner = CliRunner()

HEAD = 'plan: {id: people, title: "Dân số", locale: vi}\nindicators:\n'
POPULATION = """\
- id: population
  name: Dân số trung bình
  unit: nghìn người
  breakdowns:
    by_sex: complete
    by_residence: {breakdown: complete, name: {vi: "theo thành thị, nông thôn", en: by residence}}
- id: population.male
  name: Nam
  parent: population
  classification: by_sex
- id: population.female
  name: Nữ
  parent: population
  classification: by_sex
- id: population.urban
  name: Thành thị
  parent: population
  classification: by_residence
- id: population.rural
  name: Nông thôn
  parent: population
  classification: by_residence
"""


def plan_of(root: Path, values: str, indicators: str = POPULATION) -> Path:
    folder = root / "plan"
    (folder / "actuals").mkdir(parents=True)
    (folder / "targets.yaml").write_text(HEAD + textwrap.dedent(indicators), encoding="utf-8")
    report = "period: 2022\nlocale: vi\nvalues:\n" + textwrap.indent(textwrap.dedent(values), "  ")
    (folder / "actuals" / "2022.yaml").write_text(report, encoding="utf-8")
    return folder


def breakdown_rows(folder: Path) -> list[AuditRow]:
    plan = load_plan(folder)
    return [r for r in build_audit(plan, derive(plan)).rows if not r.is_statement]


def people(rural: str = "1.300,4") -> str:
    return f"""\
    population: "1.600,5"
    population.male: "795,2"
    population.female: "805,3"
    population.urban: "300,1"
    population.rural: "{rural}"
    """


def test_by_sex_and_by_residence_both_sum(tmp_path: Path) -> None:
    by_sex, by_residence = breakdown_rows(plan_of(tmp_path, people()))
    assert by_sex.classification is not None and by_sex.classification.key == "by_sex"
    assert by_residence.classification is not None
    assert by_residence.classification.key == "by_residence"
    # 795,2 + 805,3 = 1.600,5 and 300,1 + 1.300,4 = 1.600,5, each ± 0,1 (two parts of ± 0,05)
    for row in (by_sex, by_residence):
        assert row.relation == "sum" and row.verdict == "consistent"
        assert row.computed == D("1600.5")
        assert (row.computed_low, row.computed_high) == (D("1600.4"), D("1600.6"))


def test_a_classification_that_does_not_sum_is_a_finding_naming_it(tmp_path: Path) -> None:
    folder = plan_of(tmp_path, people(rural="1.290,4"))
    by_sex, by_residence = breakdown_rows(folder)
    assert by_sex.verdict == "consistent"
    # 300,1 + 1.290,4 = 1.590,5, within [1.590,4; 1.590,6]; the total 1.600,5 is at least
    # 1.600,45: they miss by 1.600,45 − 1.590,6 = 9,85
    assert by_residence.verdict == "inconsistent"
    assert by_residence.explanation.margin == F("-9.85")
    vi = runner.invoke(app, ["report", "--data", str(folder), "--period", "2022", "--lang", "vi"])
    assert vi.exit_code == 1
    assert (
        "Dân số trung bình năm 2022: các thành phần theo thành thị, nông thôn cộng lại "
        "1.590,50 nghìn người, khác với tổng 1.600,5 nghìn người — không khớp."
    ) in vi.stdout
    assert "theo phân tổ by_sex" not in vi.stdout  # the consistent classification is no finding
    en = runner.invoke(app, ["report", "--data", str(folder), "--period", "2022", "--lang", "en"])
    assert "the parts by residence add up to 1,590.50 nghìn người" in en.stdout


def test_the_audit_names_each_classification(tmp_path: Path) -> None:
    folder = plan_of(tmp_path, people(rural="1.290,4"))
    table = runner.invoke(app, ["audit", "--data", str(folder), "--explain", "--lang", "vi"])
    text = " ".join(table.stdout.split())
    # a classification without a name is shown by its key
    assert "tổng các phần (theo phân tổ by_sex): 795,2 + 805,3 = 1.600,50" in text
    assert "tổng các phần (theo thành thị, nông thôn): 300,1 + 1.290,4 = 1.590,50" in text
    data = json.loads(
        runner.invoke(app, ["audit", "--data", str(folder), "--format", "json"]).stdout
    )
    assert [r["classification"] for r in data["rows"]] == ["by_sex", "by_residence"]
    assert [r["verdict"] for r in data["rows"]] == ["consistent", "inconsistent"]
    out = runner.invoke(app, ["audit", "--data", str(folder), "--format", "csv"]).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["classification"], r["verdict"]) for r in rows] == [
        ("by_sex", "consistent"),
        ("by_residence", "inconsistent"),
    ]


def test_a_share_is_of_the_parent_whichever_classification(tmp_path: Path) -> None:
    values = """\
    population: "1.600,5"
    population.urban: {value: "300,1", stated: {share_pct: "18,8"}}
    population.male: {value: "795,2", stated: {share_pct: "49,7"}}
    """
    plan = load_plan(plan_of(tmp_path, values))
    rows = {
        r.indicator: r for r in build_audit(plan, derive(plan)).rows if r.relation == "share_pct"
    }
    # 300,1 / 1.600,5 = 18,7504 %, within 18,8's [18,75; 18,85] (its least, 300,05 / 1.600,55,
    # is 18,7467 %); 795,2 / 1.600,5 = 49,6845 %, within 49,7's [49,65; 49,75]
    assert rows["population.urban"].verdict == "consistent"
    assert rows["population.male"].verdict == "consistent"
    assert rows["population.urban"].computed is not None
    assert abs(rows["population.urban"].computed - D("18.7504")) < D("0.0001")


def test_a_parts_own_breakdown_keeps_its_meaning(tmp_path: Path) -> None:
    indicators = POPULATION.replace(
        "  classification: by_residence\n- id: population.rural",
        "  classification: by_residence\n  breakdown: partial\n- id: population.rural",
    ) + textwrap.dedent(
        """\
        - id: population.urban.city
          name: Thành phố
          parent: population.urban
        """
    )
    values = people().rstrip() + '\n    population.urban.city: "310,0"\n'
    rows = breakdown_rows(plan_of(tmp_path, values, indicators))
    [inner] = [r for r in rows if r.indicator == "population.urban"]
    # the urban population's own parts are "trong đó": 310,0 may not exceed 300,1
    assert inner.relation == "partial" and inner.classification is None
    assert inner.verdict == "inconsistent"
    assert [r.verdict for r in rows if r.indicator == "population"] == ["consistent", "consistent"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            (
                "classification: by_sex\n- id: population.female",
                "classification: by_sx\n- id: population.female",
            ),
            "targets.yaml:12:19: classification 'by_sx' is not one of the breakdowns of "
            "'population' — did you mean 'by_sex'?",
        ),
        (
            ("  classification: by_sex\n- id: population.female", "- id: population.female"),
            "targets.yaml:9:3: 'population.male' is a part of 'population', which classifies its "
            "parts (by_sex, by_residence) — give 'population.male' 'classification:' with one "
            "of them",
        ),
        (
            ("  breakdowns:\n", "  breakdown: partial\n  breakdowns:\n"),
            "breakdown: and breakdowns: both given",
        ),
        (
            (
                "  parent: population\n  classification: by_sex\n- id: population.female",
                "  classification: by_sex\n- id: population.female",
            ),
            "targets.yaml:11:19: classification: 'by_sex' needs a parent",
        ),
    ],
)
def test_a_classification_that_does_not_fit_is_an_error(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    old, new = change
    assert old in POPULATION
    folder = plan_of(tmp_path, people(), POPULATION.replace(old, new, 1))
    result = runner.invoke(app, ["check", "--data", str(folder)])
    assert result.exit_code == 2
    assert expected in result.stderr


def test_a_classification_of_a_parent_that_declares_none(tmp_path: Path) -> None:
    indicators = """\
    - id: output
      name: Giá trị sản xuất
    - id: output.state
      parent: output
      classification: by_owner
    """
    folder = plan_of(tmp_path, 'output: "10"\n', indicators)
    with pytest.raises(PlanError) as caught:
        load_plan(folder)
    [problem] = caught.value.problems
    assert said_problem(problem, "vi").endswith(
        "targets.yaml:7:19: cách phân tổ 'by_owner' không có trong breakdowns của 'output' — "
        "khai báo nó ở 'output': 'breakdowns: {by_owner: complete}'"
    )
    assert str(problem).endswith(
        "targets.yaml:7:19: classification 'by_owner' is not one of the breakdowns of 'output' "
        "— declare it on 'output': 'breakdowns: {by_owner: complete}'"
    )


def test_empty_breakdowns_are_an_error(tmp_path: Path) -> None:
    indicators = """\
    - id: output
      breakdowns: {}
    """
    folder = plan_of(tmp_path, 'output: "10"\n', indicators)
    result = runner.invoke(app, ["check", "--data", str(folder)])
    assert result.exit_code == 2
    assert "targets.yaml:4:15: breakdowns names no classification" in result.stderr


def test_the_report_lists_each_classification_apart(tmp_path: Path) -> None:
    folder = plan_of(tmp_path, people())
    vi = runner.invoke(app, ["report", "--data", str(folder), "--period", "2022", "--lang", "vi"])
    # the parts by sex, then (after a semicolon) the parts by residence
    assert (
        "Trong đó: nam 795,2 nghìn người, nữ 805,3 nghìn người; thành thị 300,1 nghìn người, "
        "nông thôn 1.300,4 nghìn người."
    ) in vi.stdout
