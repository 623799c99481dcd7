"""The words of the written report, in Vietnamese and English.

Periods as the documents write them ("năm 2021", "11 tháng đầu năm 2021",
"đến 31/12/2021"), and the templates every sentence of the report is filled
from. Only words live here: every figure is computed by the report builder
and formatted by ``display``.
"""

from __future__ import annotations

from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import Period

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _from_january(period: Period) -> bool:
    return period.start.month == 1 and period.start.year == period.end.year


def describe(period: Period, lang: Locale) -> str:
    """A period as a noun: 'năm 2021', '11 tháng đầu năm 2021', '31/12/2021' / '2021', …."""
    start, end = period.start, period.end
    if lang == "vi":
        if period.kind == "year":
            return f"năm {end.year}"
        if period.kind == "date":
            return f"{end.day:02d}/{end.month:02d}/{end.year}"
        if period.kind == "month" or period.months == 1:
            return f"tháng {end.month}/{end.year}"
        if _from_january(period):
            return f"{period.months} tháng đầu năm {end.year}"
        return f"từ tháng {start.month}/{start.year} đến tháng {end.month}/{end.year}"
    if period.kind == "year":
        return f"{end.year}"
    if period.kind == "date":
        return f"{end.day} {_MONTHS_EN[end.month - 1]} {end.year}"
    if period.kind == "month" or period.months == 1:
        return f"{_MONTHS_EN[end.month - 1]} {end.year}"
    if _from_january(period):
        return f"the first {period.months} months of {end.year}"
    first = _MONTHS_EN[start.month - 1]
    last = f"{_MONTHS_EN[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{first}–{last}"
    return f"{first} {start.year} – {last}"


def when(period: Period, lang: Locale) -> str:
    """A period as a sentence says when: 'năm 2021', 'đến 31/12/2021' / 'in 2021'."""
    if lang == "vi":
        return f"đến {describe(period, lang)}" if period.kind == "date" else describe(period, lang)
    return (
        f"as of {describe(period, lang)}"
        if period.kind == "date"
        else f"in {describe(period, lang)}"
    )


def against(vs: Period, period: Period, lang: Locale, level: bool = False) -> str:
    """What a value is compared with: 'năm 2020', 'cùng kỳ năm 2020', '31/12/2020'.

    In English a percentage of a period reads 'of the 2020 level' (``level``),
    a growth 'on 2020'.
    """
    same_period = vs == period.previous() and vs.kind in ("month", "months")
    if lang == "vi":
        return f"cùng kỳ năm {vs.year}" if same_period else describe(vs, lang)
    if same_period:
        return f"the same period of {vs.year}"
    if not level:
        return describe(vs, lang)
    if vs.kind == "year":
        return f"the {vs.year} level"
    if vs.kind == "date":
        return f"the level on {describe(vs, lang)}"
    return f"the level of {describe(vs, lang)}"


def with_unit(number: str, unit: str, lang: Locale) -> str:
    """'61.005 tỷ đồng', '14,88 %' (vi) / '14.88%' (en)."""
    if not unit:
        return number
    if unit == "%" and lang == "en":
        return number + unit
    return f"{number} {unit}"


def in_sentence(name: str) -> str:
    """A name inside a sentence: 'Dư nợ cho vay' → 'dư nợ cho vay'; 'GRDP …', 'Đồng Tháp' kept."""
    first, _, rest = name.partition(" ")
    if not rest or not first[:1].isupper() or not first[1:].islower():
        return name
    second = rest.split(" ", 1)[0]
    if second[:1].isupper():  # a proper name: 'Đồng Tháp', 'Cục Thuế'
        return name
    return first[0].lower() + first[1:] + " " + rest


#: clause templates: (after the value, as the first clause when no value is known)
CLAUSES: dict[Locale, dict[str, tuple[str, str]]] = {
    "vi": {
        "value": ("đạt {value}", "đạt {value}"),
        "value_is": ("là {value}", "là {value}"),
        "ratio": ("bằng {pct} so với {against}", "bằng {pct} so với {against}"),
        "growth_up": ("tăng {pct} so với {against}", "tăng {pct} so với {against}"),
        "growth_down": ("giảm {pct} so với {against}", "giảm {pct} so với {against}"),
        "growth_flat": ("không đổi so với {against}", "không đổi so với {against}"),
        "difference_up": ("tăng {change} so với {against}", "tăng {change} so với {against}"),
        "difference_down": ("giảm {change} so với {against}", "giảm {change} so với {against}"),
        "change_up": (
            "so với {against} tăng {change}, tỷ lệ tăng {pct}",
            "so với {against} tăng {change}, tỷ lệ tăng {pct}",
        ),
        "change_down": (
            "so với {against} giảm {change}, tỷ lệ giảm {pct}",
            "so với {against} giảm {change}, tỷ lệ giảm {pct}",
        ),
        "share": ("chiếm {pct} {parent}", "chiếm {pct} {parent}"),
        "attainment": ("đạt {pct} kế hoạch (KH {target})", "đạt {pct} kế hoạch (KH {target})"),
        "attainment_ceiling": (
            "bằng {pct} mức kế hoạch (KH {target})",
            "bằng {pct} mức kế hoạch (KH {target})",
        ),
        "attainment_bare": ("đạt {pct} kế hoạch", "đạt {pct} kế hoạch"),
    },
    "en": {
        "value": ("reached {value}", "reached {value}"),
        "value_is": ("stood at {value}", "stood at {value}"),
        "ratio": ("{pct} of {against}", "stood at {pct} of {against}"),
        "growth_up": ("up {pct} on {against}", "rose {pct} on {against}"),
        "growth_down": ("down {pct} on {against}", "fell {pct} on {against}"),
        "growth_flat": ("level with {against}", "stood level with {against}"),
        "difference_up": ("up {change} on {against}", "rose {change} on {against}"),
        "difference_down": ("down {change} on {against}", "fell {change} on {against}"),
        "change_up": ("up {change} ({pct}) on {against}", "rose {change} ({pct}) on {against}"),
        "change_down": (
            "down {change} ({pct}) on {against}",
            "fell {change} ({pct}) on {against}",
        ),
        "share": ("accounting for {pct} of {parent}", "accounted for {pct} of {parent}"),
        "attainment": (
            "{pct} of the target (target {target})",
            "stood at {pct} of the target (target {target})",
        ),
        "attainment_ceiling": (
            "{pct} of the target (target {target}, a ceiling)",
            "stood at {pct} of the target (target {target}, a ceiling)",
        ),
        "attainment_bare": ("{pct} of the target", "stood at {pct} of the target"),
    },
}

#: whole sentences and the sentence that follows an indicator's figures
SENTENCES: dict[Locale, dict[str, str]] = {
    "vi": {
        "figures": "{name} {when} {clauses}.",
        "no_actual": "{name} {when}: kế hoạch {target}, chưa có số liệu thực hiện.",
        "short": "Chưa đạt kế hoạch, còn thiếu {gap}.",
        "exceeded": "Vượt kế hoạch {gap}.",
        "on_target": "Đạt đúng kế hoạch.",
        "below_ceiling": "Thấp hơn mức kế hoạch {gap}, đạt yêu cầu.",
        "at_ceiling": "Bằng mức kế hoạch, đạt yêu cầu.",
        "above_ceiling": "Vượt mức kế hoạch {gap}, chưa đạt yêu cầu.",
        "growth_met": "Kế hoạch tăng {pct}: đạt.",
        "growth_missed": "Kế hoạch tăng {pct}: chưa đạt.",
        "growth_no_previous": (
            "Kế hoạch tăng {pct}: chưa đánh giá được, vì chưa có số liệu {previous_when}."
        ),
        "growth_no_rate": (
            "Kế hoạch tăng {pct}: chưa đánh giá được, vì không tính được tỷ lệ tăng so với "
            "{previous_when} ({previous})."
        ),
        "estimate": "Đây là số liệu ước thực hiện.",
        "preliminary": "Đây là số liệu sơ bộ.",
        "next_up": (
            "{name} {when}: kế hoạch {target}, cần tăng {pct} so với {base_when} ({base})."
        ),
        "next_down": (
            "{name} {when}: kế hoạch {target}, cần giảm {pct} so với {base_when} ({base})."
        ),
        "next_below": (
            "{name} {when}: kế hoạch {target}, thấp hơn {pct} so với mức thực hiện "
            "{base_when} ({base})."
        ),
        "next_above": (
            "{name} {when}: kế hoạch {target}, cao hơn {pct} so với mức thực hiện "
            "{base_when} ({base})."
        ),
        "next_same": "{name} {when}: kế hoạch {target}, bằng mức thực hiện {base_when} ({base}).",
        "next_higher": (
            "{name} {when}: kế hoạch {target}, cao hơn mức thực hiện {base_when} ({base}) {change}."
        ),
        "next_lower": (
            "{name} {when}: kế hoạch {target}, thấp hơn mức thực hiện {base_when} ({base}) "
            "{change}."
        ),
        "next_no_base": (
            "{name} {when}: kế hoạch {target} (chưa có số liệu thực hiện kỳ trước "
            "để tính mức tăng cần đạt)."
        ),
        "next_growth_up": "{name} {when}: kế hoạch tăng {pct} so với {base_when}.",
        "next_growth_down": "{name} {when}: kế hoạch giảm {pct} so với {base_when}.",
        "statement_finding": (
            "{name} {when}: {relation} được ghi là {printed} ({where}), nhưng tính từ "
            "các số liệu khác là {computed} — không khớp."
        ),
        "sum_finding": (
            "{name} {when}: các thành phần cộng lại {computed}, khác với tổng {printed} "
            "— không khớp."
        ),
        "excess_finding": (
            "{name} {when}: các thành phần (“trong đó”) cộng lại {computed}, "
            "vượt quá tổng {printed} — không khớp."
        ),
        "overlap_finding": (
            "{name} {when}: riêng một thành phần (“trong đó”) đã là {computed}, "
            "vượt quá tổng {printed} — không khớp."
        ),
    },
    "en": {
        "figures": "{name} {when} {clauses}.",
        "no_actual": "{name} {when}: target {target}; no actual figure yet.",
        "short": "Short of the target by {gap}.",
        "exceeded": "Above the target by {gap}.",
        "on_target": "Exactly on target.",
        "below_ceiling": "Below the ceiling by {gap}: target met.",
        "at_ceiling": "At the ceiling: target met.",
        "above_ceiling": "Above the ceiling by {gap}: target missed.",
        "growth_met": "The target was growth of {pct}: met.",
        "growth_missed": "The target was growth of {pct}: missed.",
        "growth_no_previous": (
            "The target was growth of {pct}: it cannot be judged without a figure for "
            "{previous_when}."
        ),
        "growth_no_rate": (
            "The target was growth of {pct}: it cannot be judged, as there is no growth rate "
            "over {previous_when} ({previous})."
        ),
        "estimate": "The figure is an estimate.",
        "preliminary": "The figure is preliminary.",
        "next_up": (
            "{name} {when}: target {target}, which requires growth of {pct} over "
            "{base_when} ({base})."
        ),
        "next_down": (
            "{name} {when}: target {target}, which requires a fall of {pct} from "
            "{base_when} ({base})."
        ),
        "next_below": "{name} {when}: target {target}, {pct} below the {base_when} level ({base}).",
        "next_above": "{name} {when}: target {target}, {pct} above the {base_when} level ({base}).",
        "next_same": "{name} {when}: target {target}, the {base_when} level ({base}).",
        "next_higher": (
            "{name} {when}: target {target}, {change} above the {base_when} level ({base})."
        ),
        "next_lower": (
            "{name} {when}: target {target}, {change} below the {base_when} level ({base})."
        ),
        "next_no_base": (
            "{name} {when}: target {target} (no earlier actual to work out the growth it requires)."
        ),
        "next_growth_up": "{name} {when}: target growth of {pct} over {base_when}.",
        "next_growth_down": "{name} {when}: target fall of {pct} from {base_when}.",
        "statement_finding": (
            "{name} {when}: the {relation} is printed as {printed} ({where}), but the other "
            "figures give {computed} — inconsistent."
        ),
        "sum_finding": (
            "{name} {when}: the parts add up to {computed}, not the total of {printed} "
            "— inconsistent."
        ),
        "excess_finding": (
            "{name} {when}: the parts (“of which”) add up to {computed}, more than the total "
            "of {printed} — inconsistent."
        ),
        "overlap_finding": (
            "{name} {when}: one part (“of which”) alone is {computed}, more than the total "
            "of {printed} — inconsistent."
        ),
    },
}

#: what a stated figure is, in a finding
RELATION_WORDS: dict[Locale, dict[str, str]] = {
    "vi": {
        "value": "số thực hiện",
        "previous": "số cùng kỳ",
        "change": "mức tăng/giảm",
        "growth_pct": "tỷ lệ tăng/giảm",
        "pct_of_previous": "tỷ lệ so với cùng kỳ",
        "target": "kế hoạch",
        "pct_of_target": "tỷ lệ đạt kế hoạch",
        "share_pct": "tỷ trọng",
    },
    "en": {
        "value": "value",
        "previous": "previous-period value",
        "change": "change",
        "growth_pct": "growth",
        "pct_of_previous": "percentage of the previous period",
        "target": "target",
        "pct_of_target": "percentage of target",
        "share_pct": "share",
    },
}

#: headings and fixed lines of the written report
HEADINGS: dict[Locale, dict[str, str]] = {
    "vi": {
        "title": "Báo cáo đánh giá kết quả thực hiện {period}",
        "results": "I. Kết quả thực hiện {period}",
        "table": "Bảng 1. Kết quả thực hiện các chỉ tiêu",
        "chart": "Biểu đồ 1. Tỷ lệ thực hiện so với kế hoạch (%)",
        "chart_line": "Kế hoạch (100 %)",
        "notes": "Ghi chú: cách tính các số suy ra",
        "next": "II. Chỉ tiêu kế hoạch {period}",
        "next_table": "Bảng 2. Chỉ tiêu kế hoạch {period} và mức tăng cần đạt",
        "no_next": "Dữ liệu chưa có chỉ tiêu kế hoạch {period}.",
        "findings": "III. Kiểm tra số liệu",
        "no_findings": "Các số liệu báo cáo khớp với nhau; không phát hiện số liệu không khớp.",
        "arithmetic": "Phép tính",
        "no_results": "Chưa có số liệu thực hiện {period}.",
        "period": "Kỳ",
        "base_period": "Kỳ gốc",
        "base": "Thực hiện kỳ gốc",
        "footer": (
            "Lập bằng plan-kpi từ dữ liệu kế hoạch “{plan}”. Các tỷ lệ được tính lại "
            "từ số liệu gốc, làm tròn nửa lên; số có ký hiệu ghi chú (¹, ², …) là số tính suy ra."
        ),
    },
    "en": {
        "title": "Evaluation of results: {period}",
        "results": "I. Results: {period}",
        "table": "Table 1. Indicators: results",
        "chart": "Chart 1. Attainment of the target (%)",
        "chart_line": "Target (100%)",
        "notes": "Notes: how derived figures were derived",
        "next": "II. Targets for {period}",
        "next_table": "Table 2. Targets for {period} and the growth they require",
        "no_next": "The data has no targets for {period} yet.",
        "findings": "III. Checking the figures",
        "no_findings": "The reported figures agree with each other; no inconsistency found.",
        "arithmetic": "Arithmetic",
        "no_results": "No actual figures for {period} yet.",
        "period": "Period",
        "base_period": "Base period",
        "base": "Base actual",
        "footer": (
            "Made with plan-kpi from the plan data “{plan}”. Percentages are computed from the "
            "source figures and rounded half up; a figure with a note mark (¹, ², …) is derived."
        ),
    },
}

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def note_mark(number: int) -> str:
    """A note's mark as the documents print it: ¹, ², … ¹⁰."""
    return str(number).translate(_SUPERSCRIPT)
