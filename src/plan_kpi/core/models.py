"""The plan's domain records: indicators, targets, actuals and what reports state.

Records are frozen and carry where they came from (file and line), so every
figure plan-kpi prints can be traced back to the line a person typed.

They are records (core.records: frozen, with slots), not pydantic models: the loader has
validated everything they hold, and a plan of 50,000 indicator-years holds
hundreds of thousands of them — a pydantic record costs about six times the
memory and twice the time to build, and pydantic's model classes take tens
of milliseconds to build at start-up.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import Literal

from plan_kpi.core.errors import Problem
from plan_kpi.core.formulas import Node
from plan_kpi.core.numbers import Locale
from plan_kpi.core.periods import Period
from plan_kpi.core.records import record, replace

Direction = Literal["increase", "decrease"]
Breakdown = Literal["complete", "partial", "overlapping"]
ActualStatus = Literal["estimate", "preliminary", "final"]
Relation = Literal[
    "previous",
    "change",
    "growth_pct",
    "pct_of_previous",
    "target",
    "pct_of_target",
    "share_pct",
    "excess_pct",
    "shortfall_pct",
    "times_previous",
    "change_pp",
]
RELATIONS: tuple[Relation, ...] = (
    "previous",
    "change",
    "growth_pct",
    "pct_of_previous",
    "target",
    "pct_of_target",
    "share_pct",
    "excess_pct",
    "shortfall_pct",
    "times_previous",
    "change_pp",
)
#: Relations whose figure is a percentage, so always a rounded figure.
PERCENT_RELATIONS: frozenset[str] = frozenset(
    {"growth_pct", "pct_of_previous", "pct_of_target", "share_pct", "excess_pct", "shortfall_pct"}
)
#: Relations whose figure is always a rounded one: the percentages, a number of times
#: ("bằng 1,5 lần") and a change in percentage points ("tăng 0,5 điểm phần trăm").
ROUNDED_RELATIONS: frozenset[str] = PERCENT_RELATIONS | {"times_previous", "change_pp"}
#: Relations that compare the value with another period (the only ones a ``vs`` is about).
COMPARING: frozenset[str] = frozenset(
    {"previous", "change", "growth_pct", "pct_of_previous", "times_previous", "change_pp"}
)
#: Relations of a target (the only ones an ``against`` names a target for).
TARGET_RELATIONS: frozenset[str] = frozenset(
    {"target", "pct_of_target", "excess_pct", "shortfall_pct"}
)


@record(kw_only=True)
class Source:
    """A place in a file: 1-based line and column."""

    file: str
    line: int
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@record(kw_only=True)
class Text:
    """A name or unit in the plan's languages; falls back to whichever exists."""

    vi: str | None = None
    en: str | None = None

    def get(self, lang: Locale) -> str:
        first, second = (self.vi, self.en) if lang == "vi" else (self.en, self.vi)
        return first or second or ""


#: A figure's qualifier: more than (trên, hơn: strict), less than (dưới, chưa đến: strict),
#: at least (≥, từ … trở lên), at most (≤, tối đa), about (khoảng, gần: ± about_pct %).
Bound = Literal["above", "below", "at_least", "at_most", "about"]
BOUNDS: tuple[Bound, ...] = ("above", "below", "at_least", "at_most", "about")
#: the width of "about" when the figure gives none: ± 5 % of the value
ABOUT_PCT = Decimal(5)
#: each bound as it is typed in its short form (">90"), and written in CSV
SHORT_FORM: dict[Bound, str] = {
    "above": ">",
    "below": "<",
    "at_least": ">=",
    "at_most": "<=",
    "about": "~",
}


@record(kw_only=True)
class Figure:
    """A number as typed: its exact value (printed decimals kept) and where it was typed.

    ``bound`` qualifies it: "trên 90 %" is the value 90 with the bound ``above`` (every
    number above 90); ``about_pct`` is the width of ``about``, a percentage of the value.
    """

    value: Decimal
    at: Source
    text: str
    bound: Bound | None = None
    about_pct: Decimal | None = None
    #: a level printed in another scale of its indicator's unit ('triệu USD' in 'tỷ USD'):
    #: the unit as typed, and the power of ten that takes the figure into the indicator's
    unit: str | None = None
    factor: Decimal | None = None


@record(kw_only=True)
class Target:
    """What the plan promises for one period: a level, or growth over the previous period.

    ``name`` is the target's name when the plan has several (a central and a provincial
    estimate); None is the plan's default one.
    """

    period: Period
    name: str | None = None
    value: Figure | None = None
    growth_pct: Figure | None = None
    source: str | None = None
    note: str | None = None
    at: Source


@record(kw_only=True)
class Formula:
    """An indicator's value as an expression of other indicators' values, as written."""

    text: str
    expression: Node
    #: where the formula is written
    at: Source
    #: the column of the text's first character, when the text is on one line as written
    #: (a quoted text with no escapes, or a plain one); None: its columns are not known
    column: int | None = None

    def place(self, offset: int) -> Source:
        """Where a character of the formula's text is: its line and column."""
        if self.column is None:
            return self.at
        return Source(file=self.at.file, line=self.at.line, column=self.column + offset)


@record(kw_only=True)
class Classification:
    """One way a parent's parts divide it (by sex, by residence): its key, kind and name."""

    key: str
    breakdown: Breakdown = "complete"
    #: how a report names it ("theo giới tính"); empty: it is shown by its key
    name: Text = Text()


@record(kw_only=True)
class Division:
    """A parent's parts in one classification (None: its single breakdown)."""

    classification: Classification | None
    breakdown: Breakdown
    parts: tuple[Indicator, ...]


@record(kw_only=True)
class Indicator:
    """One thing the plan measures, with its targets and its place in a breakdown."""

    id: str
    name: Text
    unit: Text
    direction: Direction = "increase"
    parent: str | None = None
    breakdown: Breakdown = "complete"
    #: the classifications of its parts, when it has several (each part names its own)
    breakdowns: tuple[Classification, ...] = ()
    #: which of its parent's classifications it is a part in (None: the single breakdown)
    classification: str | None = None
    #: its value as an expression of other indicators' values of the same period
    formula: Formula | None = None
    rounded: bool = False
    source: str | None = None
    section: str | None = None
    agency: str | None = None
    note: str | None = None
    targets: tuple[Target, ...] = ()
    at: Source

    @property
    def default_targets(self) -> tuple[Target, ...]:
        """Each period's default target, the one reports show (another has its ``name``)."""
        return tuple(target for target in self.targets if target.name is None)


@record(kw_only=True)
class Statement:
    """A figure a report printed beside a value: one relation, as printed."""

    relation: Relation
    figure: Figure
    vs: Period | None = None
    where: str | None = None
    #: the target a ``target`` or ``pct_of_target`` is of, by name; None: the default one
    against: str | None = None


@record(kw_only=True)
class Actual:
    """What a report says of one indicator in one period."""

    indicator: str
    period: Period
    value: Figure | None = None
    status: ActualStatus = "final"
    source: str | None = None
    where: str | None = None
    statements: tuple[Statement, ...] = ()
    at: Source


@record(kw_only=True)
class PlanInfo:
    """The plan document itself."""

    id: str
    title: str
    issuer: str | None = None
    locale: Locale = "en"
    source: str | None = None
    #: the plan's targets by name, when it has several for one figure, each with its name
    #: for people (dự toán Trung ương giao, dự toán HĐND tỉnh giao); empty: one target
    targets: tuple[tuple[str, Text], ...] = ()
    #: the name of the target figures without a name are, and ``check`` shows
    default_target: str | None = None

    @property
    def target_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.targets)

    def target_text(self, name: str | None) -> Text | None:
        """A target's name for people (None: the plan names no targets)."""
        wanted = self.default_target if name is None else name
        return next((text for key, text in self.targets if key == wanted), None)


@record(kw_only=True, slots=False)
class Plan:
    """A whole plan: what it promises and what reports say happened."""

    info: PlanInfo
    indicators: tuple[Indicator, ...]
    actuals: tuple[Actual, ...]
    #: what was read but may not be what was meant (a figure read in a locale the file
    #: does not name): said on stderr, never a reason to stop
    warnings: tuple[Problem, ...] = ()

    @cached_property
    def by_id(self) -> dict[str, Indicator]:
        return {indicator.id: indicator for indicator in self.indicators}

    @cached_property
    def actuals_of(self) -> dict[str, tuple[Actual, ...]]:
        """Each indicator's actuals, in the plan's order (an index: no scan per indicator)."""
        result: dict[str, list[Actual]] = {}
        for actual in self.actuals:
            result.setdefault(actual.indicator, []).append(actual)
        return {indicator: tuple(actuals) for indicator, actuals in result.items()}

    @cached_property
    def children(self) -> dict[str, tuple[Indicator, ...]]:
        result: dict[str, list[Indicator]] = {}
        for indicator in self.indicators:
            if indicator.parent is not None:
                result.setdefault(indicator.parent, []).append(indicator)
        return {parent: tuple(kids) for parent, kids in result.items()}

    @cached_property
    def divisions(self) -> dict[str, tuple[Division, ...]]:
        """Each parent's parts by classification: one division for the single breakdown,
        one for each declared classification (in the order declared) that has parts."""
        result: dict[str, tuple[Division, ...]] = {}
        for parent_id, parts in self.children.items():
            parent = self.by_id[parent_id]
            if not parent.breakdowns:
                result[parent_id] = (
                    Division(classification=None, breakdown=parent.breakdown, parts=parts),
                )
                continue
            result[parent_id] = tuple(
                Division(
                    classification=classification,
                    breakdown=classification.breakdown,
                    parts=tuple(p for p in parts if p.classification == classification.key),
                )
                for classification in parent.breakdowns
                if any(p.classification == classification.key for p in parts)
            )
        return result


def named_by_ids(plan: Plan) -> Plan:
    """The plan with each indicator named by its id (--ids: for people who edit the files)."""
    indicators = tuple(replace(i, name=Text(vi=i.id, en=i.id)) for i in plan.indicators)
    return replace(plan, indicators=indicators)


def with_target(plan: Plan, name: str) -> Plan:
    """The plan with ``name`` as its default target: the figures ``check`` and ``report``
    show, and that targets without a name and statements without ``against`` are of.

    Names are swapped, never dropped: the former default keeps its figures under its
    name, so every printed figure is still checked against the target it names.
    """
    default = plan.info.default_target
    if name == default:
        return plan

    def swapped(current: str | None) -> str | None:
        if current is None:
            return default
        return None if current == name else current

    indicators = tuple(
        replace(
            indicator,
            targets=tuple(replace(t, name=swapped(t.name)) for t in indicator.targets),
        )
        if indicator.targets
        else indicator
        for indicator in plan.indicators
    )
    actuals = tuple(
        replace(
            actual,
            statements=tuple(
                replace(s, against=swapped(s.against)) if s.relation in TARGET_RELATIONS else s
                for s in actual.statements
            ),
        )
        if any(s.relation in TARGET_RELATIONS for s in actual.statements)
        else actual
        for actual in plan.actuals
    )
    info = replace(plan.info, default_target=name)
    return Plan(info=info, indicators=indicators, actuals=actuals, warnings=plan.warnings)
