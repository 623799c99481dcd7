"""Derivation notes in the reader's language, naming indicators by name when it is known."""

from __future__ import annotations

from decimal import Decimal

from plan_kpi.core.models import Text
from plan_kpi.core.periods import parse_period
from plan_kpi.reports.figures import Amount, Formula, Input, Term
from plan_kpi.say.terms import explain, say_term

Y2020, Y2021 = parse_period("2020"), parse_period("2021")


def test_a_term_is_said_in_words_in_both_languages() -> None:
    ratio = Term("pct_of_previous", Y2021, vs=Y2020)
    assert say_term(ratio, "en") == "2021 as % of 2020"
    assert say_term(ratio, "vi") == "tỷ lệ năm 2021 so với năm 2020"
    share = Term("share_pct", Y2021, of="industrial_output")
    assert say_term(share, "vi") == "tỷ trọng năm 2021 trong industrial_output"
    balance = Term("value", parse_period("2020-12-31"), whose="loans_total")
    assert say_term(balance, "en") == "actual on 31 December 2020 of loans_total"
    assert say_term(balance, "vi") == "số thực hiện 31/12/2020 của loans_total"
    months = Term("change", parse_period("2021-01/2021-11"), vs=parse_period("2020-01/2020-11"))
    assert say_term(months, "vi") == (
        "mức tăng/giảm 11 tháng đầu năm 2021 so với 11 tháng đầu năm 2020"
    )
    assert say_term(months, "en") == (
        "change from the first 11 months of 2020 to the first 11 months of 2021"
    )
    assert say_term(share, "en") == "share of industrial_output for 2021"
    assert say_term(Term("pct_of_target", Y2021), "en") == "% of target for 2021"


def test_a_term_names_another_indicator_by_its_name_inside_the_sentence() -> None:
    names = {
        "industrial_output": Text(vi="Giá trị sản xuất công nghiệp", en="Industrial output"),
        "loans_total": Text(vi="Dư nợ cho vay toàn địa bàn", en="Outstanding loans"),
    }
    share = Term("share_pct", Y2021, of="industrial_output")
    assert say_term(share, "vi", names) == "tỷ trọng năm 2021 trong giá trị sản xuất công nghiệp"
    assert say_term(share, "en", names) == "share of industrial output for 2021"
    balance = Term("value", parse_period("2020-12-31"), whose="loans_total")
    assert say_term(balance, "vi", names) == (
        "số thực hiện 31/12/2020 của dư nợ cho vay toàn địa bàn"
    )


def test_a_derivation_is_explained_in_the_language_asked_for() -> None:
    previous = Term("value", Y2020)
    amount = Amount(
        value=Decimal("61005") / Decimal("0.9219"),
        places=1,
        derived=True,
        relation=Formula(
            previous, (Term("value", Y2021), " / ", Term("pct_of_previous", Y2021, vs=Y2020))
        ),
        inputs=(
            Input(label=Term("value", Y2021), value=Decimal("61005"), places=0, at="a.yaml:15"),
            Input(
                label=Term("pct_of_previous", Y2021, vs=Y2020),
                value=Decimal("92.19"),
                places=2,
                percent=True,
                at="a.yaml:17",
            ),
        ),
    )
    assert explain(amount, "en") == (
        "actual for 2020 = actual for 2021 / 2021 as % of 2020 (derived), with "
        "actual for 2021 = 61,005 (a.yaml:15); 2021 as % of 2020 = 92.19% (a.yaml:17)"
    )
    # the JSON keeps the data format's keys: str() of the formula and of each term
    assert str(amount.relation) == "value 2020 = value 2021 / pct_of_previous 2021 vs 2020"
    # the report's notes name no file
    assert explain(amount, "en", provenance=False).endswith("2021 as % of 2020 = 92.19%")
    assert explain(amount, "vi") == (
        "số thực hiện năm 2020 = số thực hiện năm 2021 / tỷ lệ năm 2021 so với năm 2020 "
        "(tính suy ra), với số thực hiện năm 2021 = 61.005 (a.yaml:15); "
        "tỷ lệ năm 2021 so với năm 2020 = 92,19 % (a.yaml:17)"
    )
