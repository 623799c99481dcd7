"""The words of the Word document beyond the report's own: an administrative document's
header block (Nghị định 30/2020/NĐ-CP) and the annex table's headings.
"""

from __future__ import annotations

from plan_kpi.core.messages import C_, Message
from plan_kpi.core.numbers import Locale
from plan_kpi.say.catalog import words

#: each word of the document by its key; {period} is the report's period
PAPER: dict[str, Message] = {
    "nation": C_("paper", "Socialist Republic of Viet Nam"),
    "motto": C_("paper", "Independence - Freedom - Happiness"),
    "number": C_("paper", "No.:        /BC-"),
    "place_date": C_("paper", "……, on …… ……"),
    "kind": C_("paper", "Report"),
    "summary": C_("paper", "Evaluation of results: {period}"),
    "results_list": C_("paper", "1. Results by indicator"),
    "results_chart": C_("paper", "2. Attainment of the targets"),
    "see_annex": C_("paper", "(The figures of each indicator are in the Annex.)"),
    "annex": C_("paper", "Annex"),
    "annex_title": C_("paper", "Results by indicator: {period}"),
    "annex_of": C_("paper", "(To the evaluation of results: {period})"),
    "no": C_("paper", "No."),
    "indicator": C_("paper", "Indicator"),
    "unit": C_("paper", "Unit"),
    "target": C_("paper", "Target {period}"),
    "actual_final": C_("paper", "Actual {period}"),
    "actual_estimate": C_("paper", "Estimate {period}"),
    "actual_mixed": C_("paper", "Actual or estimate {period}"),
    "compared": C_("paper", "Compared (%)"),
    "of_target": C_("paper", "With the target"),
    "of_previous": C_("paper", "With the previous period"),
    "note": C_("paper", "Notes"),
    "vs": C_("paper", "vs {period}"),
}


def paper_words(period: str, lang: Locale) -> dict[str, str]:
    """Every word of the document, its period filled in ('năm 2021', 'đến 31/12/2021')."""
    w = words(lang)
    return {key: w.pgettext("paper", m.text, period=period) for key, m in PAPER.items()}
