"""The written evaluation in words: what a Department writes, from the report's data.

``say_report(report, lang)`` turns the report (``reports/report.py``: clause
keys and figures) into its texts — headings, an opening summary, a paragraph
per indicator with its parts ("trong đó: kiểm tra theo kế hoạch 624 vụ, đột
xuất 392 vụ"), next period's targets, the findings and the notes — which the
Markdown, HTML and Word renderers lay out. Every word is a catalog entry.

The section's period is said once, in its heading; a sentence names its own
period only when it is another one (a balance on 31/12/2021, the first 11
months of 2021). An estimate reads "ước đạt 61.005 tỷ đồng"; a derived
figure known only to a few digits is said to those digits, as approximate
("khoảng 7.829.000 triệu đồng"), and its note says how it was derived,
naming indicators by name and no file.
"""

from __future__ import annotations

from decimal import Decimal

from plan_kpi.core import numbers as n
from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import Period
from plan_kpi.core.records import record, replace
from plan_kpi.reports.check import PartOfPeriod
from plan_kpi.reports.figures import FLIPPED, Amount
from plan_kpi.reports.findings import Finding
from plan_kpi.reports.report import Clause, NextTarget, Report, Result
from plan_kpi.say.audit import classification_name, explanation_text
from plan_kpi.say.catalog import Words, words
from plan_kpi.say.display import bounded, format_number, format_pct
from plan_kpi.say.terms import explain
from plan_kpi.say.vocabulary import CATEGORIES, RELATION_NOUNS, entry, figure_unit
from plan_kpi.say.wording import against, describe, in_sentence, note_mark, when, with_unit


@record
class SaidNote:
    """A note of the report: its mark and how the figure was derived."""

    mark: str
    text: str


@record
class SaidFinding:
    """A finding in a sentence, and the audit's arithmetic behind it."""

    text: str
    arithmetic: str


@record
class SaidReport:
    """Every text of the written evaluation, in one language, for a renderer to lay out."""

    lang: Locale
    title: str
    issuer: str | None
    plan_title: str
    results_heading: str
    summary: str | None
    results: tuple[str, ...]
    no_results: str
    planned_title: str
    others_title: str
    chart_title: str
    chart_line: str
    notes_heading: str
    notes: tuple[SaidNote, ...]
    next_heading: str
    next_targets: tuple[str, ...]
    next_title: str
    no_next: str
    findings_heading: str
    findings: tuple[SaidFinding, ...]
    no_findings: str
    arithmetic_label: str
    footer: str


def heading_period(period: Period, lang: Locale) -> str:
    """A heading's period: 'năm 2021', 'đến 31/12/2021'."""
    return when(period, lang) if period.kind == "date" else describe(period, lang)


def say_report(report: Report, lang: Locale) -> SaidReport:
    """The report's texts in the language."""
    w = words(lang)
    period = heading_period(report.period, lang)
    next_period = heading_period(report.next_period, lang)
    sayer = _Sentences(report, lang)
    return SaidReport(
        lang=lang,
        title=w.pgettext("report", "Evaluation of results: {period}", period=period),
        issuer=report.issuer,
        plan_title=report.title,
        results_heading=w.pgettext("report", "I. Results: {period}", period=period)
        if report.target is None
        else w.pgettext(
            "report",
            "I. Results: {period}, against the {target}",
            period=period,
            target=report.target.get(lang),
        ),
        summary=sayer.summary(),
        results=tuple(sayer.paragraph(r) for r in report.results if r.parent is None),
        no_results=w.pgettext("report", "No actual figures for {period} yet.", period=period),
        planned_title=w.pgettext("report", "Table 1. Targets and results"),
        others_title=w.pgettext("report", "Table 2. Other figures"),
        chart_title=w.pgettext("report", "Chart 1. Attainment of the target (%)"),
        chart_line=w.pgettext("report", "Target (100%)"),
        notes_heading=w.pgettext("report", "Notes: how derived figures were derived"),
        notes=tuple(
            SaidNote(
                note_mark(note.number),
                explain(note.amount, lang, report.names, provenance=False),
            )
            for note in report.notes
        ),
        next_heading=w.pgettext("report", "II. Targets for {period}", period=next_period),
        next_targets=tuple(sayer.next_target(item) for item in report.next_targets),
        next_title=w.pgettext(
            "report",
            "Table 3. Targets for {period} and the growth they require",
            period=next_period,
        ),
        no_next=w.pgettext(
            "report", "The data has no targets for {period} yet.", period=next_period
        ),
        findings_heading=w.pgettext("report", "III. Checking the figures"),
        findings=tuple(
            SaidFinding(sayer.finding(f), explanation_text(f.row, lang, in_words=True))
            for f in report.findings
        ),
        no_findings=w.pgettext(
            "report", "The reported figures agree with each other; no inconsistency found."
        ),
        arithmetic_label=w.pgettext("report", "Arithmetic"),
        footer=w.pgettext(
            "report",
            "Made with plan-kpi from the plan data “{plan}”. Percentages are computed from the "
            "source figures and rounded half up; a figure with a note mark (¹, ², …) is derived.",
            plan=report.plan,
        ),
    )


def report_figure(amount: Amount, unit: str, note: int, lang: Locale) -> str:
    """A figure as the report's prose says it: '61.005 tỷ đồng', 'khoảng 7.829.000 triệu đồng²'.

    A derived figure known only to an interval is said to the digits the
    interval supports, as approximate.
    """
    if amount.bound is not None:  # 'trên 90 %', 'khoảng 22.294 tỷ đồng'
        shown = format_number(amount.rounded, amount.places, lang)
        return bounded(with_unit(shown, unit, lang) + note_mark(note), amount.bound, lang)
    places = amount.known_places
    text = with_unit(format_number(amount.value, places, lang), unit, lang) + note_mark(note)
    if amount.approximate and places < amount.places:
        return words(lang).pgettext("figure", "about {figure}", figure=text)
    return text


def abs_amount(amount: Amount) -> Amount:
    """The figure's size (a gap or a change is said by its size, its sign in words)."""
    if amount.value >= 0:
        return amount
    low, high = amount.low, amount.high
    return replace(
        amount,
        value=-amount.value,
        low=None if high is None else -high,
        high=None if low is None else -low,
        bound=None if amount.bound is None else FLIPPED[amount.bound],
    )


class _Sentences:
    """The report's sentences, one language, one report (its section periods, its names)."""

    def __init__(self, report: Report, lang: Locale) -> None:
        self.report = report
        self.lang = lang
        self.w: Words = words(lang)
        self.parts: dict[str, list[Result]] = {}
        for result in report.results:
            if result.parent is not None:
                self.parts.setdefault(result.parent, []).append(result)

    # -- figures ------------------------------------------------------------------------------

    def pct(self, amount: Amount) -> str:
        """A percentage by its size (its sign is said in words), a bound's with its bound:
        a fall of more than 5 % (less than −5) is 'giảm trên 5 %'."""
        size = abs_amount(amount)
        if size.bound is None:
            return format_pct(size.value, size.places, self.lang)
        shown = format_pct(size.rounded, size.places, self.lang)
        return bounded(shown, size.bound, self.lang)

    def figure(self, result: Result, amount: Amount, note: int = 0) -> str:
        return report_figure(amount, result.unit.get(self.lang), note, self.lang)

    def change(self, result: Result, amount: Amount) -> str:
        """A change by its size, with the unit ('8.570 tỷ đồng'); its sign is said in words."""
        size = abs_amount(amount)
        shown = with_unit(
            format_number(size.rounded, size.places, self.lang),
            result.unit.get(self.lang),
            self.lang,
        )
        return bounded(shown, size.bound, self.lang)

    def name(self, result: Result) -> str:
        return result.name.get(self.lang) or result.indicator

    # -- an indicator's paragraph -------------------------------------------------------------

    def paragraph(self, result: Result) -> str:
        """The indicator's sentence, what its attainment means, then its parts."""
        sentences = [self.sentence(result)]
        judgement = self.judgement(result)
        if judgement:
            sentences.append(judgement)
        if result.part is not None:
            sentences.append(self.pace(result, result.part))
        parts = self.parts.get(result.indicator)
        if parts:
            listed = self.list(parts, result.period)
            sentences.append(self.w.pgettext("report", "Of which: {parts}.", parts=listed))
        return " ".join(sentences)

    def sentence(self, result: Result) -> str:
        w = self.w
        name = self.name(result)
        at = self.when(result.period, self.report.period)
        if result.clauses:
            clauses = self.clauses(result, inside=False)
            if at:
                return w.pgettext(
                    "sentence", "{name} {when} {clauses}.", name=name, when=at, clauses=clauses
                )
            return w.pgettext("sentence", "{name} {clauses}.", name=name, clauses=clauses)
        if result.target is not None and result.part is not None:  # its pace says the rest
            target = self.figure(result, result.target, result.target_note)
            if at:
                return w.pgettext(
                    "sentence", "{name} {when}: target {target}.", name=name, when=at, target=target
                )
            return w.pgettext("sentence", "{name}: target {target}.", name=name, target=target)
        if result.target is not None:
            target = self.figure(result, result.target, result.target_note)
            if at:
                return w.pgettext(
                    "sentence",
                    "{name} {when}: target {target}; no actual figure yet.",
                    name=name,
                    when=at,
                    target=target,
                )
            return w.pgettext(
                "sentence",
                "{name}: target {target}; no actual figure yet.",
                name=name,
                target=target,
            )
        if result.target_growth_pct is not None:
            return self.growth_target(result.name.get(self.lang), result.period, result)
        return w.pgettext(
            "sentence", "{name} {when}.", name=name, when=when(result.period, self.lang)
        )

    def pace(self, result: Result, part: PartOfPeriod) -> str:
        """'11 tháng đầu năm 2026 đạt 69.800 tỷ đồng, bằng 97,62 % kế hoạch tính theo tỷ lệ
        thời gian (71.500 tỷ đồng, bằng 11/12 kế hoạch): chậm tiến độ.'"""
        w = self.w
        at = when(part.period, self.lang)
        values = {
            "when": at[:1].upper() + at[1:],
            "value": self.figure(result, part.actual),
            "share": self.figure(result, part.pro_rata_target),
            "pace": entry(CATEGORIES, part.pace, self.lang),
        }
        if part.pro_rata_pct is None:
            return w.pgettext(
                "pace", "{when}: {value}, against {share} pro rata: {pace}.", **values
            )
        values["pct"] = self.pct(part.pro_rata_pct)
        if part.period.kind == "date":
            return w.pgettext(
                "pace",
                "{when}: {value}, {pct} of the target for the period's end: {pace}.",
                **values,
            )
        return w.pgettext(
            "pace",
            "{when}: {value}, {pct} of the target pro rata ({share}, {months}/{of} of the "
            "target): {pace}.",
            months=part.period.months,
            of=result.period.months,
            **values,
        )

    def when(self, period: Period, section: Period) -> str | None:
        """The sentence's own period, unless it is the section's."""
        return None if period == section else when(period, self.lang)

    def clauses(self, result: Result, inside: bool) -> str:
        """The clauses, joined; inside a parent's "trong đó" the value has no verb."""
        said = [
            self.clause(result, clause, first=(i == 0 and not inside), inside=inside)
            for i, clause in enumerate(result.clauses)
        ]
        first_is_value = result.clauses[0].key == "value"
        if (
            not inside
            and not first_is_value
            and result.actual_status in ("estimate", "preliminary")
        ):
            said[0] = self.kind_of_figure(said[0], result)
        return ", ".join(said)

    def kind_of_figure(self, clause: str, result: Result) -> str:
        if result.actual_status == "estimate":
            return self.w.pgettext("figure kind", "{clause} (estimate)", clause=clause)
        return self.w.pgettext("figure kind", "{clause} (preliminary)", clause=clause)

    def clause(self, result: Result, clause: Clause, first: bool, inside: bool) -> str:
        w = self.w
        key = clause.key
        if key == "value":
            value = self.figure(result, clause.figure, clause.note)
            if inside:
                return value
            return self.value_clause(result, value)
        if key in ("ratio", "growth", "change", "difference", "times", "points"):
            return self.comparison(result, clause, first)
        if key == "share":
            pct = self.pct(clause.figure)
            # the parent is named even inside its own "trong đó", as the documents do: a
            # part's part is a share of its own parent, not of the total
            if clause.whole is None:
                return w.pgettext("clause", "accounting for {pct}", pct=pct)
            parent = self.report.names.get(clause.whole)
            whole = in_sentence(parent.get(self.lang)) if parent else clause.whole
            if first:
                return w.pgettext(
                    "clause", "accounted for {pct} of {parent}", pct=pct, parent=whole
                )
            return w.pgettext("clause", "accounting for {pct} of {parent}", pct=pct, parent=whole)
        pct = self.pct(clause.figure)
        if key == "attainment_bare":
            if first:
                return w.pgettext("clause", "stood at {pct} of the target", pct=pct)
            return w.pgettext("clause", "{pct} of the target", pct=pct)
        assert clause.target is not None, "an attainment clause has its target"
        target = self.figure(result, clause.target, clause.target_note)
        if key == "excess":
            if first:
                return w.pgettext(
                    "clause",
                    "exceeded the target by {pct} (target {target})",
                    pct=pct,
                    target=target,
                )
            return w.pgettext(
                "clause", "{pct} above the target (target {target})", pct=pct, target=target
            )
        if key == "shortfall":
            if first:
                return w.pgettext(
                    "clause",
                    "fell short of the target by {pct} (target {target})",
                    pct=pct,
                    target=target,
                )
            return w.pgettext(
                "clause", "{pct} below the target (target {target})", pct=pct, target=target
            )
        if result.to_reach or not self.ceiling(result):
            if first:
                return w.pgettext(
                    "clause",
                    "stood at {pct} of the target (target {target})",
                    pct=pct,
                    target=target,
                )
            return w.pgettext(
                "clause", "{pct} of the target (target {target})", pct=pct, target=target
            )
        if first:
            return w.pgettext(
                "clause",
                "stood at {pct} of the target (target {target}, a ceiling)",
                pct=pct,
                target=target,
            )
        return w.pgettext(
            "clause", "{pct} of the target (target {target}, a ceiling)", pct=pct, target=target
        )

    def ceiling(self, result: Result) -> bool:
        return result.judgement in ("below_ceiling", "at_ceiling", "above_ceiling")

    def value_clause(self, result: Result, value: str) -> str:
        w = self.w
        status = result.actual_status
        if result.to_reach:
            if status == "estimate":
                return w.pgettext("clause", "reached an estimated {value}", value=value)
            if status == "preliminary":
                return w.pgettext("clause", "reached {value} (preliminary)", value=value)
            return w.pgettext("clause", "reached {value}", value=value)
        if status == "estimate":
            return w.pgettext("clause", "stood at an estimated {value}", value=value)
        if status == "preliminary":
            return w.pgettext("clause", "stood at {value} (preliminary)", value=value)
        return w.pgettext("clause", "stood at {value}", value=value)

    def comparison(self, result: Result, clause: Clause, first: bool) -> str:
        """'bằng 92,19 % so với năm 2020', 'tăng 6,13 %', 'so với 31/12/2020 tăng 8.570 …'."""
        w = self.w
        assert clause.vs is not None, "a comparison names its period"
        if clause.key == "ratio":
            versus = against(clause.vs, result.period, self.lang, level=True)
            pct = self.pct(clause.figure)
            if first:
                return w.pgettext("clause", "stood at {pct} of {against}", pct=pct, against=versus)
            return w.pgettext("clause", "{pct} of {against}", pct=pct, against=versus)
        if clause.key == "times":
            versus = against(clause.vs, result.period, self.lang, level=True)
            times = format_number(clause.figure.value, clause.figure.places, self.lang)
            if first:
                return w.pgettext(
                    "clause", "stood at {times} times {against}", times=times, against=versus
                )
            return w.pgettext("clause", "{times} times {against}", times=times, against=versus)
        versus = against(clause.vs, result.period, self.lang)
        if clause.key == "points":
            return self.points(clause, versus, first)
        if clause.key == "difference":  # no percentage: up or down by the difference's sign
            values = {"change": self.change(result, clause.figure), "against": versus}
            if clause.figure.value == 0:
                if first:
                    return w.pgettext("clause", "stood level with {against}", against=versus)
                return w.pgettext("clause", "level with {against}", against=versus)
            if clause.figure.value < 0:
                if first:
                    return w.pgettext("clause", "fell {change} on {against}", **values)
                return w.pgettext("clause", "down {change} on {against}", **values)
            if first:
                return w.pgettext("clause", "rose {change} on {against}", **values)
            return w.pgettext("clause", "up {change} on {against}", **values)
        growth = clause.figure.value
        pct = self.pct(clause.figure)
        if clause.key == "change":
            assert clause.change is not None, "a change clause has its amount"
            values = {"change": self.change(result, clause.change), "pct": pct, "against": versus}
            if growth < 0:
                if first:
                    return w.pgettext("clause", "fell {change} ({pct}) on {against}", **values)
                return w.pgettext("clause", "down {change} ({pct}) on {against}", **values)
            if first:
                return w.pgettext("clause", "rose {change} ({pct}) on {against}", **values)
            return w.pgettext("clause", "up {change} ({pct}) on {against}", **values)
        if growth == 0:
            if first:
                return w.pgettext("clause", "stood level with {against}", against=versus)
            return w.pgettext("clause", "level with {against}", against=versus)
        if growth < 0:
            if first:
                return w.pgettext("clause", "fell {pct} on {against}", pct=pct, against=versus)
            return w.pgettext("clause", "down {pct} on {against}", pct=pct, against=versus)
        if first:
            return w.pgettext("clause", "rose {pct} on {against}", pct=pct, against=versus)
        return w.pgettext("clause", "up {pct} on {against}", pct=pct, against=versus)

    def points(self, clause: Clause, versus: str, first: bool) -> str:
        """'tăng 0,5 điểm phần trăm so với năm 2020': a rate's change, in percentage points."""
        w = self.w
        values = {
            "points": format_number(
                clause.figure.value.copy_abs(), clause.figure.places, self.lang
            ),
            "against": versus,
        }
        if clause.figure.value == 0:
            if first:
                return w.pgettext("clause", "stood level with {against}", against=versus)
            return w.pgettext("clause", "level with {against}", against=versus)
        if clause.figure.value < 0:
            if first:
                return w.pgettext(
                    "clause", "fell {points} percentage points on {against}", **values
                )
            return w.pgettext("clause", "down {points} percentage points on {against}", **values)
        if first:
            return w.pgettext("clause", "rose {points} percentage points on {against}", **values)
        return w.pgettext("clause", "up {points} percentage points on {against}", **values)

    def judgement(self, result: Result) -> str | None:
        """What the attainment means: short of the target, above it, within a ceiling."""
        w = self.w
        judgement = result.judgement
        if judgement in ("growth_met", "growth_missed"):
            assert result.target_growth_pct is not None
            growth = result.target_growth_pct.value
            pct = format_pct(growth, max(1, n.decimals(growth)), self.lang)
            if judgement == "growth_met":
                return w.pgettext("judgement", "The target was growth of {pct}: met.", pct=pct)
            return w.pgettext("judgement", "The target was growth of {pct}: missed.", pct=pct)
        if judgement in ("growth_no_previous", "growth_no_rate"):
            assert result.target_growth_pct is not None
            growth = result.target_growth_pct.value
            pct = format_pct(growth, max(1, n.decimals(growth)), self.lang)
            before = describe(result.period.previous(), self.lang)
            if judgement == "growth_no_previous":
                return w.pgettext(
                    "judgement",
                    "The target was growth of {pct}: it cannot be judged without a figure for "
                    "{previous_when}.",
                    pct=pct,
                    previous_when=before,
                )
            assert result.previous is not None, "no rate: the previous value is there"
            return w.pgettext(
                "judgement",
                "The target was growth of {pct}: it cannot be judged, as there is no growth rate "
                "over {previous_when} ({previous}).",
                pct=pct,
                previous_when=before,
                previous=report_figure(result.previous, result.unit.get(self.lang), 0, self.lang),
            )
        if judgement is None or result.gap is None:
            return None
        gap = report_figure(abs_amount(result.gap), result.unit.get(self.lang), 0, self.lang)
        if judgement == "short":
            return w.pgettext("judgement", "Short of the target by {gap}.", gap=gap)
        if judgement == "exceeded":
            return w.pgettext("judgement", "Above the target by {gap}.", gap=gap)
        if judgement == "on_target":
            return w.pgettext("judgement", "Exactly on target.")
        if judgement == "below_ceiling":
            return w.pgettext("judgement", "Below the ceiling by {gap}: target met.", gap=gap)
        if judgement == "at_ceiling":
            return w.pgettext("judgement", "At the ceiling: target met.")
        return w.pgettext("judgement", "Above the ceiling by {gap}: target missed.", gap=gap)

    # -- parts ---------------------------------------------------------------------------------

    def list(self, parts: list[Result], period: Period) -> str:
        """The parts of a parent, each with its clauses: 'kiểm tra theo kế hoạch 624 vụ, …'.

        In Vietnamese, the words a part's name shares with the one before are
        not said again ('kiểm tra theo kế hoạch 624 vụ, đột xuất 392 vụ'), as
        the documents list them; parts with clauses of their own are set apart
        by semicolons.
        """
        said = []
        previous: list[str] = []
        for part in parts:
            words_of = in_sentence(self.name(part)).split(" ")
            shown = _after_shared(words_of, previous) if self.lang == "vi" else words_of
            previous = words_of
            phrase = " ".join(shown)
            at = self.when(part.period, period)
            if at:
                phrase = f"{phrase} {at}"
            if part.clauses:
                phrase = f"{phrase} {self.clauses(part, inside=True)}"
            inner = self.parts.get(part.indicator)
            if inner:
                phrase = self.w.pgettext(
                    "report",
                    "{part} (of which: {parts})",
                    part=phrase,
                    parts=self.list(inner, part.period),
                )
            said.append(phrase)
        rich = any(len(p.clauses) > 1 or p.indicator in self.parts for p in parts)
        if len({p.classification for p in parts}) > 1:  # by sex; by residence
            groups: dict[str | None, list[str]] = {}
            for part, phrase in zip(parts, said, strict=True):
                groups.setdefault(part.classification, []).append(phrase)
            return "; ".join((", " if not rich else "; ").join(g) for g in groups.values())
        return ("; " if rich else ", ").join(said)

    # -- the summary, next targets, findings -------------------------------------------------

    def summary(self) -> str | None:
        """'Có 1/3 chỉ tiêu đạt kế hoạch. Chưa đạt: …' — for the targets of the period."""
        planned = [r for r in self.report.results if r.target or r.target_growth_pct]
        if not planned:
            return None
        w = self.w
        met = sum(r.status == "met" for r in planned)
        sentences = [
            w.ngettext(
                "{met} of {count} target met.",
                "{met} of {count} targets met.",
                len(planned),
                met=met,
            )
        ]
        missed = [self.missed(r) for r in planned if r.status == "missed"]
        if missed:
            sentences.append(w.pgettext("summary", "Missed: {names}.", names="; ".join(missed)))
        waiting = [in_sentence(self.name(r)) for r in planned if r.status == "no_actual"]
        if waiting:
            sentences.append(
                w.pgettext("summary", "No figure yet: {names}.", names="; ".join(waiting))
            )
        undecided = [in_sentence(self.name(r)) for r in planned if r.status == "undecided"]
        if undecided:  # "trên 90 %" against a target of 95
            sentences.append(
                w.pgettext(
                    "summary",
                    "Not known to be met, the figure being a bound: {names}.",
                    names="; ".join(undecided),
                )
            )
        if self.report.findings:
            sentences.append(
                w.ngettext(
                    "{count} printed figure disagrees with the others (section III).",
                    "{count} printed figures disagree with the others (section III).",
                    len(self.report.findings),
                )
            )
        return " ".join(sentences)

    def missed(self, result: Result) -> str:
        name = in_sentence(self.name(result))
        if result.attainment_pct is None:
            return name
        return self.w.pgettext(
            "summary",
            "{name} ({pct} of the target)",
            name=name,
            pct=self.pct(result.attainment_pct),
        )

    def growth_target(self, name: str, period: Period, item: Result | NextTarget) -> str:
        """'GRDP ngành công nghiệp: kế hoạch tăng 9,2 % so với năm 2021.'"""
        assert item.target_growth_pct is not None
        growth = item.target_growth_pct.value
        pct = format_pct(growth.copy_abs(), max(1, n.decimals(growth)), self.lang)
        base = describe(period.previous(), self.lang)
        if growth < 0:
            return self.w.pgettext(
                "sentence",
                "{name}: target fall of {pct} from {base_when}.",
                name=name,
                pct=pct,
                base_when=base,
            )
        return self.w.pgettext(
            "sentence",
            "{name}: target growth of {pct} over {base_when}.",
            name=name,
            pct=pct,
            base_when=base,
        )

    def next_target(self, item: NextTarget) -> str:
        w = self.w
        name = item.name.get(self.lang) or item.indicator
        if item.kind == "growth":
            return self.growth_target(name, item.period, item)
        assert item.target is not None
        unit = item.unit.get(self.lang)
        target = report_figure(item.target, unit, item.target_note, self.lang)
        if item.kind == "no_base":
            return w.pgettext(
                "next",
                "{name}: target {target} (no earlier actual to work out the growth it requires).",
                name=name,
                target=target,
            )
        assert item.base is not None and item.base_period is not None
        base_values = {
            "name": name,
            "target": target,
            "base_when": describe(item.base_period, self.lang),
            "base": report_figure(item.base, unit, item.base_note, self.lang),
        }
        if item.kind in ("higher", "lower") or item.required_growth_pct is None:
            assert item.difference is not None, "without a percentage the difference says it"
            change = with_unit(
                format_number(item.difference.value.copy_abs(), item.difference.places, self.lang),
                unit,
                self.lang,
            )
            if item.kind == "higher":
                return w.pgettext(
                    "next",
                    "{name}: target {target}, {change} above the {base_when} level ({base}).",
                    change=change,
                    **base_values,
                )
            if item.kind == "lower":
                return w.pgettext(
                    "next",
                    "{name}: target {target}, {change} below the {base_when} level ({base}).",
                    change=change,
                    **base_values,
                )
            return w.pgettext(
                "next", "{name}: target {target}, the {base_when} level ({base}).", **base_values
            )
        values = {**base_values, "pct": self.pct(item.required_growth_pct)}
        if item.kind == "either":  # more than 90 against 95: a rise or a fall of less than 5,56 %
            return w.pgettext(
                "next",
                "{name}: target {target}; the {base_when} level ({base}) is a bound, so it is not "
                "known whether the target requires a rise or a fall (a change of {pct}).",
                **values,
            )
        if item.kind == "up":
            return w.pgettext(
                "next",
                "{name}: target {target}, which requires growth of {pct} over {base_when} "
                "({base}).",
                **values,
            )
        if item.kind == "down":
            return w.pgettext(
                "next",
                "{name}: target {target}, which requires a fall of {pct} from {base_when} "
                "({base}).",
                **values,
            )
        if item.kind == "below":
            return w.pgettext(
                "next",
                "{name}: target {target}, {pct} below the {base_when} level ({base}).",
                **values,
            )
        if item.kind == "above":
            return w.pgettext(
                "next",
                "{name}: target {target}, {pct} above the {base_when} level ({base}).",
                **values,
            )
        return w.pgettext(
            "next", "{name}: target {target}, the {base_when} level ({base}).", **values
        )

    def finding(self, finding: Finding) -> str:
        """The appendix's sentence: what disagrees, where it was printed and typed."""
        w = self.w
        row = finding.row
        name = self.report.names.get(row.indicator)
        unit = self.report.units[row.indicator].get(self.lang)
        values = {
            "name": name.get(self.lang) if name else row.indicator,
            "when": when(row.period, self.lang),
        }
        assert row.stated is not None and row.computed is not None, "inconsistent rows have both"

        def shown(value: Decimal, places: int) -> str:
            if row.percent:
                return format_pct(value, places, self.lang)
            own = figure_unit(row.relation, unit, self.lang)
            return with_unit(format_number(value, places, self.lang), own, self.lang)

        values["printed"] = shown(row.stated, row.stated_places)
        values["computed"] = shown(row.computed, row.places)
        if finding.kind == "statement":
            # where the report printed it ('mục I.2.5'); the file and line are audit's to say
            relation = entry(RELATION_NOUNS, row.relation, self.lang)
            if row.where:
                return w.pgettext(
                    "finding",
                    "{name} {when}: the {relation} is printed as {printed} ({where}), but the "
                    "other figures give {computed} — inconsistent.",
                    **values,
                    relation=relation,
                    where=row.where,
                )
            return w.pgettext(
                "finding",
                "{name} {when}: the {relation} is printed as {printed}, but the other figures "
                "give {computed} — inconsistent.",
                **values,
                relation=relation,
            )
        if row.classification is not None:
            return self.classified_finding(finding, values)
        if finding.kind == "sum":
            return w.pgettext(
                "finding",
                "{name} {when}: the parts add up to {computed}, not the total of {printed} "
                "— inconsistent.",
                **values,
            )
        if finding.kind == "excess":
            return w.pgettext(
                "finding",
                "{name} {when}: the parts (“of which”) add up to {computed}, more than the total "
                "of {printed} — inconsistent.",
                **values,
            )
        return w.pgettext(
            "finding",
            "{name} {when}: one part (“of which”) alone is {computed}, more than the total "
            "of {printed} — inconsistent.",
            **values,
        )

    def classified_finding(self, finding: Finding, values: dict[str, str]) -> str:
        """A breakdown's finding naming its classification ('các phần theo giới tính')."""
        w = self.w
        classification = finding.row.classification
        assert classification is not None
        values = {**values, "classification": classification_name(classification, self.lang)}
        if finding.kind == "sum":
            return w.pgettext(
                "finding",
                "{name} {when}: the parts {classification} add up to {computed}, not the "
                "total of {printed} — inconsistent.",
                **values,
            )
        if finding.kind == "excess":
            return w.pgettext(
                "finding",
                "{name} {when}: the parts {classification} (“of which”) add up to "
                "{computed}, more than the total of {printed} — inconsistent.",
                **values,
            )
        return w.pgettext(
            "finding",
            "{name} {when}: one part {classification} (“of which”) alone is {computed}, "
            "more than the total of {printed} — inconsistent.",
            **values,
        )


def _after_shared(name: list[str], previous: list[str]) -> list[str]:
    """A part's name without the leading words it shares with the part before (two or more)."""
    shared = 0
    for mine, theirs in zip(name, previous, strict=False):
        if mine != theirs:
            break
        shared += 1
    if shared >= 2 and shared < len(name):
        return name[shared:]
    return name
