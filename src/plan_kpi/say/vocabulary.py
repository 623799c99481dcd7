"""The plan's vocabulary, once: column headings, statuses, verdicts, relations, categories.

Each entry is a message of the catalogs, keyed by the data's own key
(``attainment_pct``, ``no_actual``, ``pct_of_target``); every renderer and
sentence takes its words from here, in the reader's language:
``say(COLUMNS["target"], "vi")`` is 'Kế hoạch'. A relation has two words: its
noun in a sentence ('tỷ lệ đạt kế hoạch') and its short form in a table's
column ('% KH').
"""

from __future__ import annotations

from plan_kpi.core.messages import C_, Message
from plan_kpi.core.numbers import Locale
from plan_kpi.say.catalog import words

#: column headings of every report's tables, by the column's key (its CSV header)
COLUMNS: dict[str, Message] = {
    "indicator": C_("column", "Indicator"),
    "id": C_("column", "Id"),
    "indicator_id": C_("column", "Indicator id"),
    "name": C_("column", "Name"),
    "unit": C_("column", "Unit"),
    "period": C_("column", "Period"),
    "target": C_("column", "Target"),
    "target_growth_pct": C_("column", "Target growth %"),
    "actual": C_("column", "Actual"),
    "attainment_pct": C_("column", "% of target"),
    "status": C_("column", "Status"),
    "gap": C_("column", "Gap"),
    "previous": C_("column", "Previous"),
    "growth_pct": C_("column", "Growth %"),
    "required_growth_pct": C_("column", "Required growth %"),
    "latest_period": C_("column", "Base period"),
    "actual_status": C_("column", "Report"),
    "vs": C_("column", "Compared with"),
    "relation": C_("column", "Relation"),
    "classification": C_("column", "Classification"),
    "stated": C_("column", "Printed"),
    "stated_low": C_("column", "Printed low"),
    "stated_high": C_("column", "Printed high"),
    "computed": C_("column", "Computed"),
    "computed_low": C_("column", "Computed low"),
    "computed_high": C_("column", "Computed high"),
    "verdict": C_("column", "Verdict"),
    "file": C_("column", "File"),
    "line": C_("column", "Line"),
    "where": C_("column", "Where"),
    "explanation": C_("column", "Arithmetic"),
    "figures": C_("column", "Figures"),
    "target_period": C_("column", "Target period"),
    "base_period": C_("column", "Base period"),
    "base": C_("column", "Base"),
    "base_actual": C_("column", "Base actual"),
    "latest": C_("column", "Latest"),
    "observed_cagr_pct": C_("column", "Observed CAGR %"),
    "required_cagr_pct": C_("column", "Required CAGR %"),
    "required_cagr_from_base_pct": C_("column", "Required from base %"),
    "projected": C_("column", "Projected"),
    "progress_ratio": C_("column", "Progress ratio"),
    "category": C_("column", "Outlook"),
    "pro_rata_target": C_("column", "Pro-rata target"),
    "part_period": C_("column", "Latest figure's period"),
    "part_actual": C_("column", "Latest figure"),
    "pro_rata_pct": C_("column", "% of pro-rata target"),
    "pace": C_("column", "Pace"),
    "method": C_("column", "Method"),
    "reason": C_("column", "Reason"),
    "agency": C_("column", "Agency"),
    "state": C_("column", "State"),
    "needs": C_("column", "Still needed"),
    "target_periods": C_("column", "Periods with targets"),
    "figure_periods": C_("column", "Periods with figures"),
}

#: a target's status
STATUSES: dict[str, Message] = {
    "met": C_("status", "met"),
    "missed": C_("status", "missed"),
    "no_actual": C_("status", "no actual"),
    "no_previous": C_("status", "no previous"),
    "no_target": C_("status", "no target"),
    "undecided": C_("status", "undecided"),
}

#: what kind of figure a report gave
ACTUAL_STATUSES: dict[str, Message] = {
    "estimate": C_("figure kind", "estimate"),
    "preliminary": C_("figure kind", "preliminary"),
    "final": C_("figure kind", "final"),
}

#: an audit row's verdict
VERDICTS: dict[str, Message] = {
    "consistent": C_("verdict", "consistent"),
    "inconsistent": C_("verdict", "inconsistent"),
    "unchecked": C_("verdict", "unchecked"),
}

#: an outlook's category
CATEGORIES: dict[str, Message] = {
    "achieved": C_("outlook", "achieved"),
    "on_track": C_("outlook", "on track"),
    "acceleration_needed": C_("outlook", "acceleration needed"),
    "regression": C_("outlook", "regression"),
    "target_achieved": C_("outlook", "target achieved"),
    "substantial_progress": C_("outlook", "substantial progress"),
    "moderate_progress": C_("outlook", "moderate progress"),
    "limited_progress": C_("outlook", "limited progress"),
    "deterioration": C_("outlook", "deterioration"),
    "behind": C_("outlook", "behind"),
    "missed": C_("outlook", "missed"),
    "insufficient_data": C_("outlook", "insufficient data"),
    "not_assessable": C_("outlook", "not assessable"),
}

#: a stated relation (or a breakdown check) as a noun in a sentence: 'tỷ lệ đạt kế hoạch'
RELATION_NOUNS: dict[str, Message] = {
    "value": C_("relation", "value"),
    "previous": C_("relation", "previous-period value"),
    "change": C_("relation", "change"),
    "growth_pct": C_("relation", "growth"),
    "pct_of_previous": C_("relation", "percentage of the previous period"),
    "target": C_("relation", "target"),
    "pct_of_target": C_("relation", "percentage of target"),
    "share_pct": C_("relation", "share"),
    "excess_pct": C_("relation", "excess over the target"),
    "shortfall_pct": C_("relation", "shortfall from the target"),
    "times_previous": C_("relation", "multiple of the previous period"),
    "change_pp": C_("relation", "change in percentage points"),
}

#: a stated relation (or a breakdown check) in a table's column: '% KH'
RELATION_SHORT: dict[str, Message] = {
    "value": C_("relation, short", "actual"),
    "previous": C_("relation, short", "previous"),
    "change": C_("relation, short", "change"),
    "growth_pct": C_("relation, short", "growth %"),
    "pct_of_previous": C_("relation, short", "% of previous"),
    "target": C_("relation, short", "target"),
    "pct_of_target": C_("relation, short", "% of target"),
    "share_pct": C_("relation, short", "share %"),
    "excess_pct": C_("relation, short", "% above target"),
    "shortfall_pct": C_("relation, short", "% below target"),
    "times_previous": C_("relation, short", "times previous"),
    "change_pp": C_("relation, short", "change (points)"),
    "sum": C_("relation, short", "sum of parts"),
    "partial": C_("relation, short", "of which"),
    "overlapping": C_("relation, short", "of which (each)"),
}


#: the words of a chart of actual and target, as a picture and in the terminal
CHART: dict[str, Message] = {
    "actual": C_("chart", "Actual"),
    "target": C_("chart", "Target"),
    "derived": C_("chart", "* derived"),
}


#: the unit of a stated figure that is not in its indicator's unit, nor a percentage
RELATION_UNITS: dict[str, Message] = {
    "times_previous": C_("unit", "times"),
    "change_pp": C_("unit", "percentage points"),
}


def figure_unit(relation: str, unit: str, lang: Locale) -> str:
    """The unit a stated figure is in: its own ('lần', 'điểm phần trăm'), else the indicator's."""
    message = RELATION_UNITS.get(relation)
    return unit if message is None else words(lang).say(message)


def say(message: Message, lang: Locale) -> str:
    """A message in the language."""
    return words(lang).say(message)


def entry(table: dict[str, Message], key: str, lang: Locale) -> str:
    """A vocabulary entry in the language; a key the table lacks is shown as it is."""
    message = table.get(key)
    return key if message is None else words(lang).say(message)
