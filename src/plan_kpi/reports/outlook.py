"""The outlook report: will each target be reached at the pace the actuals show?

One row per target that lies after the indicator's latest actual, or that an
actual already meets; a target whose period is over is judged by that
period's own actual (``missed`` when it falls short). The trend is the compound annual growth rate
(CAGR) from the earliest actual (the base) to the latest; two methods turn it
into a category (docs/outlook.md gives the formulas and their sources):

- ``unsd``: the latest value projected to the target period at the observed
  CAGR, and the progress ratio (projected − base) / (target − base);
- ``statcan`` (Statistics Canada's progress measure, as Open SDG implements
  it): the observed CAGR over the CAGR the target requires from the base.

A part-year actual inside the target's period (``2021-01/2021-11`` against a
2021 target) is compared with the pro-rata share of the target instead.

Pure: plan and derivation in, report out; undefined figures carry a note
saying why, and every renderer shows the same notes. Whether a ratio of two
levels is defined is numbers.ratio_gap's rule, as for check; a series of
negative values is measured on its size (Open SDG's convention).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation, Overflow
from typing import Literal, Protocol

from plan_kpi.core import numbers as n
from plan_kpi.core.models import Direction, Figure, Indicator, Plan, Text
from plan_kpi.core.periods import Period, years_between
from plan_kpi.core.records import field, record
from plan_kpi.engine.quantities import Level
from plan_kpi.engine.series import Kind, balance_period, comparable, indicator_kind
from plan_kpi.engine.solving import Derivation
from plan_kpi.reports.check import judged
from plan_kpi.reports.figures import (
    Amount,
    Formula,
    Input,
    Term,
    indicator_places,
    known_amount,
    known_bound,
    pct_amount,
)
from plan_kpi.reports.pace import pace, part_within, pro_rata_target

Method = Literal["unsd", "statcan"]
Category = Literal[
    "achieved",
    "on_track",
    "acceleration_needed",
    "regression",
    "target_achieved",
    "substantial_progress",
    "moderate_progress",
    "limited_progress",
    "deterioration",
    "behind",
    "missed",
    "insufficient_data",
    "not_assessable",
]
#: each method's categories, best first (the summary's order)
CATEGORIES: dict[Method, tuple[Category, ...]] = {
    "unsd": (
        "achieved",
        "on_track",
        "acceleration_needed",
        "regression",
        "behind",
        "missed",
        "insufficient_data",
        "not_assessable",
    ),
    "statcan": (
        "target_achieved",
        "substantial_progress",
        "moderate_progress",
        "limited_progress",
        "deterioration",
        "on_track",
        "behind",
        "missed",
        "insufficient_data",
        "not_assessable",
    ),
}
#: the categories a command exits 0 with: reached, or on course to be
GOOD: frozenset[Category] = frozenset(
    {"achieved", "on_track", "target_achieved", "substantial_progress"}
)

#: unsd: progress ratio at or above which a target is on track
UNSD_ON_TRACK = Decimal("0.95")
#: unsd: below this ratio the trend is a regression
UNSD_ACCELERATION = Decimal("0.10")
#: statcan: R >= 0.95 substantial, >= 0.6 moderate, >= 0 limited progress, < 0 deterioration
STATCAN_SUBSTANTIAL = Decimal("0.95")
STATCAN_MODERATE = Decimal("0.6")
STATCAN_LIMITED = n.ZERO
RATIO_PLACES = 4


@record(kw_only=True)
class Note:
    """Why a figure is missing or how a row was assessed: a code and its particulars."""

    code: str
    args: dict[str, str] = field(default_factory=dict)


@record(kw_only=True)
class OutlookRow:
    """One target of one indicator: the trend so far and the category it falls in."""

    indicator: str
    name: Text
    unit: Text
    direction: Direction
    kind: Kind
    method: Method
    target_period: Period
    target: Amount | None
    target_growth_pct: Amount | None
    base_period: Period | None = None
    base: Amount | None = None
    latest_period: Period | None = None
    latest: Amount | None = None
    observed_cagr_pct: Amount | None = None
    required_cagr_pct: Amount | None = None
    #: statcan only: the CAGR the target requires from the base, the ratio's denominator
    required_cagr_from_base_pct: Amount | None = None
    projected: Amount | None = None
    pro_rata_target: Amount | None = None
    progress_ratio: Amount | None = None
    category: Category
    notes: tuple[Note, ...] = ()


@record(kw_only=True)
class OutlookReport:
    """Every target's outlook under one method, with a count of each category."""

    plan: str
    title: str
    method: Method
    rows: tuple[OutlookRow, ...]

    @property
    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(CATEGORIES[self.method], 0)
        for row in self.rows:
            counts[row.category] += 1
        return counts

    @property
    def exit_code(self) -> int:
        return 0 if all(row.category in GOOD for row in self.rows) else 1


def build_outlook(
    plan: Plan,
    derivation: Derivation,
    method: Method = "unsd",
    indicators: tuple[str, ...] = (),
    periods: tuple[Period, ...] = (),
) -> OutlookReport:
    """One row per target after the latest actual or already met, in the plan's order.

    With ``periods``, only the targets of (or inside) those periods.
    """
    wanted = set(indicators)
    rows: list[OutlookRow] = []
    for indicator in plan.indicators:
        if wanted and indicator.id not in wanted:
            continue
        ctx = _Context.of(plan, derivation, indicator, method)
        growth = {
            t.period: t.growth_pct for t in indicator.default_targets if t.growth_pct is not None
        }
        levels = {q.period for q in derivation.levels_of("target", indicator.id)}
        for period in sorted(levels | set(growth)):
            if periods and not any(chosen.contains(period) for chosen in periods):
                continue
            row = _assess(ctx, period, growth.get(period))
            if row is not None:
                rows.append(row)
    return OutlookReport(plan=plan.info.id, title=plan.info.title, method=method, rows=tuple(rows))


def target_periods(plan: Plan, derivation: Derivation) -> list[Period]:
    """Every period with a target (``--period all``)."""
    found = {q.period for q in derivation.known if isinstance(q, Level) and q.kind == "target"}
    found |= {t.period for ind in plan.indicators for t in ind.targets}
    return sorted(found)


def meets(direction: Direction, value: Decimal, target: Decimal) -> bool:
    return value <= target if direction == "decrease" else value >= target


def classify_unsd(ratio: Decimal) -> Category:
    """The UNSD category of a progress ratio (projected − base) / (target − base)."""
    if ratio >= UNSD_ON_TRACK:
        return "on_track"
    if ratio >= UNSD_ACCELERATION:
        return "acceleration_needed"
    return "regression"


def classify_statcan(ratio: Decimal) -> Category:
    """The Statistics Canada category of R = observed CAGR / required CAGR."""
    if ratio >= STATCAN_SUBSTANTIAL:
        return "substantial_progress"
    if ratio >= STATCAN_MODERATE:
        return "moderate_progress"
    if ratio >= STATCAN_LIMITED:
        return "limited_progress"
    return "deterioration"


@record
class _Context:
    derivation: Derivation
    indicator: Indicator
    method: Method
    places: int
    values: tuple[Period, ...]
    kind: Kind

    @classmethod
    def of(
        cls,
        plan: Plan,
        derivation: Derivation,
        indicator: Indicator,
        method: Method,
    ) -> _Context:
        values = sorted(q.period for q in derivation.levels_of("value", indicator.id))
        return cls(
            derivation,
            indicator,
            method,
            indicator_places(plan, indicator),
            tuple(values),
            indicator_kind(values),
        )

    @property
    def sign(self) -> Decimal:
        """+1 when the plan wants the indicator to rise, −1 when it wants it to fall."""
        return -n.ONE if self.indicator.direction == "decrease" else n.ONE

    def point(self, period: Period) -> Decimal:
        return self.derivation.known[Level("value", self.indicator.id, period)].point

    def one_sided(self, period: Period) -> bool:
        """Whether the value of the period is a bound ("trên 90 %"), not a level."""
        known = self.derivation.known[Level("value", self.indicator.id, period)]
        return known_bound(known) not in (None, "about")

    def judge(self, period: Period, target: Amount) -> str:
        """Met, missed or undecided: a bound is met when all of it meets the target."""
        value = self.amount(period)
        assert value is not None
        return judged(self.indicator.direction, value, target)

    def amount(self, period: Period | None) -> Amount | None:
        if period is None:
            return None
        return known_amount(self.derivation, Level("value", self.indicator.id, period), self.places)

    def target(self, period: Period, growth: Figure | None) -> Amount | None:
        """The target level: given or derived, else implied by a growth target."""
        level = Level("target", self.indicator.id, period)
        if level in self.derivation.known:
            return known_amount(self.derivation, level, self.places)
        if growth is None:
            return None
        previous = self.grows_from(period)
        if previous not in self.values:
            return None
        before = self.amount(previous)
        assert before is not None
        known = self.derivation.known[Level("value", self.indicator.id, previous)]
        at = str(known.observation.figure.at) if known.observation else None
        return Amount(
            value=n.mul(before.value, n.add(n.ONE, n.div(growth.value, n.HUNDRED))),
            places=self.places + 1,
            derived=True,
            relation=Formula(
                Term("target", period),
                (Term("value", previous), " × (1 + ", Term("growth_pct", period), ")"),
            ),
            inputs=(
                Input(
                    label=Term("value", previous), value=before.value, places=before.places, at=at
                ),
                Input(
                    label=Term("growth_pct", period),
                    value=growth.value,
                    places=n.decimals(growth.value),
                    percent=True,
                    at=str(growth.at),
                ),
            ),
        )

    def own(self, period: Period) -> Period | None:
        """The actual of the target's own period, if any (a stock: its balance at the end)."""
        own = balance_period(self.kind, period)
        return own if own in self.values else None

    def grows_from(self, period: Period) -> Period:
        """The period a growth target grows from: a year earlier (a stock: that date)."""
        return balance_period(self.kind, period.previous())

    def row(
        self,
        period: Period,
        target: Amount | None,
        growth: Figure | None,
        category: Category,
        notes: tuple[Note, ...] = (),
        base: Period | None = None,
        latest: Period | None = None,
        **figures: Amount | None,
    ) -> OutlookRow:
        return OutlookRow(
            indicator=self.indicator.id,
            name=self.indicator.name,
            unit=self.indicator.unit,
            direction=self.indicator.direction,
            kind=self.kind,
            method=self.method,
            target_period=period,
            target=target,
            target_growth_pct=pct_amount(growth.value) if growth is not None else None,
            base_period=base,
            base=self.amount(base),
            latest_period=latest,
            latest=self.amount(latest),
            category=category,
            notes=notes,
            **figures,
        )


def _assess(ctx: _Context, period: Period, growth: Figure | None) -> OutlookRow | None:
    series = [p for p in ctx.values if comparable(ctx.kind, p, period)]
    latest = series[-1] if series else None
    target = ctx.target(period, growth)
    achieved: Category = "target_achieved" if ctx.method == "statcan" else "achieved"
    if latest is not None and latest.end >= period.end:
        # The target's period is over: judged by its own value, else met by a later one.
        own = ctx.own(period)
        judged = own or latest
        if target is None:
            return None
        status = ctx.judge(judged, target)
        if status == "undecided":  # "trên 90 %" against 95: it may or may not have met it
            note = Note(code="bound_straddles", args={"latest": str(judged)})
            return ctx.row(period, target, growth, "insufficient_data", (note,), latest=judged)
        if status == "met":
            return ctx.row(period, target, growth, achieved, base=series[0], latest=judged)
        if own is None:  # nothing says whether the target's own period met it
            return None
        note = Note(code="past_missed", args={"latest": str(own)})
        return ctx.row(period, target, growth, "missed", (note,), base=series[0], latest=own)
    if target is not None:
        part = part_within(ctx.kind, ctx.values, period)
        if part is not None:
            return _in_year(ctx, period, target, growth, part)
    required, notes = _required(ctx, period, target, growth, latest)
    if latest is None:
        note = (
            Note(code="no_comparable", args={"target": str(period)})
            if ctx.values
            else Note(code="no_actual")
        )
        return ctx.row(
            period, target, growth, "insufficient_data", (note,), required_cagr_pct=required
        )
    met = target is not None and ctx.judge(latest, target) == "met"
    if not met and any(ctx.one_sided(p) for p in (series[0], latest)):
        # a bound ("trên 90 %") is no level to measure a pace from
        note = Note(code="bound_no_pace", args={"latest": str(latest)})
        return ctx.row(
            period,
            target,
            growth,
            "insufficient_data",
            (note,),
            latest=latest,
        )
    if met and len(series) < 2:  # achieved; one actual makes no trend
        return ctx.row(
            period,
            target,
            growth,
            achieved,
            tuple(notes),
            latest,
            latest,
            required_cagr_pct=required,
        )
    if met:
        return _trend_row(ctx, period, target, growth, series, required, notes, achieved)
    if len(series) < 2:
        note = Note(code="one_actual", args={"latest": str(latest)})
        return ctx.row(
            period,
            target,
            growth,
            "insufficient_data",
            (*notes, note),
            latest,
            latest,
            required_cagr_pct=required,
        )
    return _trend_row(ctx, period, target, growth, series, required, notes, None)


def _required(
    ctx: _Context,
    period: Period,
    target: Amount | None,
    growth: Figure | None,
    latest: Period | None,
) -> tuple[Amount | None, list[Note]]:
    """The CAGR that takes the latest value to the target; a growth target's own rate."""
    if target is None:
        return (pct_amount(growth.value) if growth is not None else None), []
    if latest is None or ctx.point(latest) == 0:
        return None, []
    if target.value == 0 or n.ratio_gap(target.value, ctx.point(latest), sizes=True):
        return None, [Note(code="target_sign", args={"latest": str(latest)})]
    ratio = n.div(target.value, ctx.point(latest))
    rate = n.compound_rate(ratio, years_between(latest, period))
    return pct_amount(n.pct(rate), derived=True), []


def _in_year(
    ctx: _Context, period: Period, target: Amount, growth: Figure | None, part: Period
) -> OutlookRow:
    """A part-year actual against the target: a flow's pro-rata share, a stock's whole."""
    share = pro_rata_target(ctx.kind, target, part, period)
    if ctx.kind == "stock":
        note = Note(code="in_year_stock", args={"latest": str(part), "target": str(period)})
    else:
        note = Note(
            code="in_year_flow",
            args={
                "latest": str(part),
                "months": str(part.months),
                "of": str(period.months),
                "target": str(period),
            },
        )
    category: Category = pace(ctx.indicator.direction, ctx.point(part), share.value)
    return ctx.row(period, target, growth, category, (note,), latest=part, pro_rata_target=share)


def _trend_row(
    ctx: _Context,
    period: Period,
    target: Amount | None,
    growth: Figure | None,
    series: list[Period],
    required: Amount | None,
    notes: list[Note],
    achieved: Category | None,
) -> OutlookRow:
    """Observed CAGR and projection; the method's category unless already achieved."""
    base, latest = series[0], series[-1]
    first, last = ctx.point(base), ctx.point(latest)

    def row(category: Category, *notes: Note, **figures: Amount | None) -> OutlookRow:
        return ctx.row(period, target, growth, category, notes, base, latest, **figures)

    if first == 0 or last == 0:
        which = "base" if first == 0 else "latest"
        note = Note(code=f"zero_{which}", args=_spans(base, latest))
        return row(achieved or "not_assessable", *notes, note, required_cagr_pct=required)
    if n.ratio_gap(last, first, sizes=True):
        note = Note(code="sign_change", args=_spans(base, latest))
        return row(achieved or "not_assessable", *notes, note, required_cagr_pct=required)
    ratio, observed_years = n.div(last, first), years_between(base, latest)
    try:
        observed = n.compound_rate(ratio, observed_years)
        # latest × (1 + CAGR)^ahead, as latest × ratio^(ahead / observed): no rounding of 1 + CAGR
        ahead = n.div(years_between(latest, period), observed_years)
        projected = n.mul(last, n.power(ratio, ahead))
        figures: dict[str, Amount | None] = {
            "observed_cagr_pct": pct_amount(n.pct(observed), derived=True),
            "required_cagr_pct": required,
            "projected": Amount(value=projected, places=ctx.places + 1, derived=True),
        }
        if achieved is not None:
            return row(achieved, *notes, **figures)
        if ctx.method == "unsd":
            return _unsd(ctx, row, figures, notes, period, first, projected, target)
        return _statcan(ctx, row, figures, notes, base, period, first, observed, target, growth)
    except (Overflow, InvalidOperation):  # beyond any decimal: 1e144 a year for 8.000 years
        note = Note(code="out_of_range", args=_spans(base, latest))
        return row(achieved or "not_assessable", *notes, note, required_cagr_pct=required)


class _RowMaker(Protocol):
    def __call__(
        self, category: Category, *notes: Note, **figures: Amount | None
    ) -> OutlookRow: ...


def _unsd(
    ctx: _Context,
    row: _RowMaker,
    figures: dict[str, Amount | None],
    notes: list[Note],
    period: Period,
    first: Decimal,
    projected: Decimal,
    target: Amount | None,
) -> OutlookRow:
    if target is None:
        note = Note(code="growth_no_level", args={"previous": str(ctx.grows_from(period))})
        return row("not_assessable", *notes, note, **figures)
    needed = n.sub(target.value, first)
    if n.mul(needed, ctx.sign) <= 0:
        return row("regression", *notes, Note(code="base_met"), **figures)
    ratio = n.div(n.sub(projected, first), needed)
    amount = Amount(value=ratio, places=RATIO_PLACES, derived=True)
    return row(classify_unsd(ratio), *notes, progress_ratio=amount, **figures)


def _statcan(
    ctx: _Context,
    row: _RowMaker,
    figures: dict[str, Amount | None],
    notes: list[Note],
    base: Period,
    period: Period,
    first: Decimal,
    observed: Decimal,
    target: Amount | None,
    growth: Figure | None,
) -> OutlookRow:
    if target is not None:
        if target.value == 0 or n.ratio_gap(target.value, first, sizes=True):
            return row("not_assessable", *notes, Note(code="target_sign_base"), **figures)
        required = n.compound_rate(n.div(target.value, first), years_between(base, period))
    else:
        assert growth is not None, "a row has a target level or a growth target"
        required = n.div(growth.value, n.HUNDRED)
        notes.append(Note(code="growth_rate_required"))
    figures["required_cagr_from_base_pct"] = pct_amount(n.pct(required), derived=True)
    if required == 0:
        return row("deterioration", *notes, Note(code="base_met"), **figures)
    # R = sign(base) × direction × observed / |required| (negative series: direction flipped)
    sign = ctx.sign
    if first < 0:
        sign = -sign
        notes.append(Note(code="negative_values"))
    ratio = n.div(n.mul(sign, observed), required.copy_abs())
    amount = Amount(value=ratio, places=RATIO_PLACES, derived=True)
    return row(classify_statcan(ratio), *notes, progress_ratio=amount, **figures)


def _spans(base: Period, latest: Period) -> dict[str, str]:
    return {"base": str(base), "latest": str(latest)}
