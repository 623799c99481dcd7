"""Charts as pictures (PNG, SVG): the report's attainment and show's actual against target.

Drawn with matplotlib (optional: ``pip install 'plan-kpi[charts]'``),
imported only when a chart is drawn, on the Agg canvas, with DejaVu Sans
(it ships with matplotlib and covers Vietnamese) embedded in the SVG as
paths; text from data is drawn as written (no TeX, control characters
shown as in the table). Every number printed on a chart — ticks, values — is formatted from
its Decimal by ``say.display``, never by matplotlib: bar lengths and tick
positions are drawing coordinates, handed to matplotlib as floats. Printed
in black and white a chart still reads: bars carry hatching by status and
their value, the target is a dashed black line. The same chart gives the
same bytes each time (a fixed SVG hash salt, no dates in the metadata).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from plan_kpi.core import numbers as n
from plan_kpi.core.extras import require
from plan_kpi.core.messages import C_, N_
from plan_kpi.core.numbers import Locale
from plan_kpi.core.records import record
from plan_kpi.render.bars import axis_maximum, nice_step
from plan_kpi.render.tabular import visible
from plan_kpi.reports.report import Report
from plan_kpi.reports.show import Story
from plan_kpi.say.catalog import words as words_of
from plan_kpi.say.display import format_amount, format_number, pct_label
from plan_kpi.say.report import say_report
from plan_kpi.say.vocabulary import CHART, STATUSES, entry, say
from plan_kpi.say.wording import period_label

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

#: the same for every chart: the font, its glyphs embedded in the SVG, the SVG deterministic
_STYLE: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans",  # not words: a font
    "font.size": 9,
    "svg.fonttype": "path",
    "svg.hashsalt": "plan-kpi",
    "text.parse_math": False,  # a '$' in a name is a dollar sign, not TeX
    "hatch.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_CREATOR = "plan-kpi"
#: fill, hatching and edge of a bar by its status: apart in grey by the hatching alone
_BARS: dict[str, tuple[str, str, str]] = {
    "met": ("#a5d6a7", "///", "#1b5e20"),
    "missed": ("#ef9a9a", "xxx", "#b71c1c"),
}
_OTHER_BAR = ("#cfd8dc", "...", "#37474f")
_INK = "#1f2933"
#: behind a value: the lines it crosses give way
_LABEL_BOX = {"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none"}  # not words: style
_TITLE_CHARS = 72
#: inches: the width of a chart on an A4 page's text column (165 mm), a bar's slot
WIDTH = 6.3
_SLOT = 0.42
_NAME_CHARS = 42
DPI = 200

#: an indicator's chart's title, without and with its unit
_STORY_TITLE = C_("chart", "{name}: actual and target")
_STORY_TITLE_UNIT = C_("chart", "{name}: actual and target ({unit})")
#: a target's line, labelled with its figure
_TARGET_LABEL = C_("chart", "Target {figure}")


@record(slots=False)
class Chart:
    """A drawn chart: the file name it is saved under (without extension) and its figure."""

    stem: str
    title: str
    figure: Figure

    def __post_init__(self) -> None:
        """Lay the figure out once and keep it so: each save then draws the same coordinates."""
        import matplotlib

        with matplotlib.rc_context(_STYLE):
            self.figure.draw_without_rendering()
        self.figure.set_layout_engine("none")

    def png(self) -> bytes:
        return self._save("png", {"Software": _CREATOR, "Title": self.title})

    def svg(self) -> bytes:
        return self._save("svg", {"Creator": _CREATOR, "Date": None, "Title": self.title})

    def _save(self, kind: str, metadata: dict[str, str | None]) -> bytes:
        import matplotlib

        out = io.BytesIO()
        with matplotlib.rc_context(_STYLE):
            self.figure.savefig(out, format=kind, dpi=DPI, metadata=metadata)
        return out.getvalue()


def attainment_chart(report: Report, lang: Locale, titled: bool = True) -> Chart:
    """Each attainment of the report as a bar, with the target's 100 % as a dashed line.

    ``titled``: the chart's title drawn above it (a file of its own); a
    document that captions it says it there instead.
    """
    said = say_report(report, lang)
    results = report.attainments
    values = [r.attainment_pct.value for r in results if r.attainment_pct is not None]
    names = [textwrap.wrap(visible(r.name.get(lang)), _NAME_CHARS) or [""] for r in results]
    lines = sum(len(name) for name in names)
    title = said.chart_title
    figure, axes = _figure(0.9 + _SLOT * len(results) + 0.14 * lines, title if titled else None)
    ticks = _ticks(values, n.HUNDRED)
    positions = list(range(len(results)))
    for position, result, value in zip(positions, results, values, strict=True):
        assert result.attainment_pct is not None  # an attainment has its percentage
        fill, hatch, edge = _BARS.get(result.status, _OTHER_BAR)
        axes.barh(
            position, _drawn(value), height=0.6, color=fill, hatch=hatch, edgecolor=edge, lw=0.8
        )
        axes.annotate(
            pct_label(result.attainment_pct, lang),
            (_drawn(max(value, n.ZERO)), position),
            xytext=(5, 0),
            textcoords="offset points",  # not words: matplotlib's unit
            va="center",
            ha="left",
            fontweight="bold",
            color=_INK,
            bbox=_LABEL_BOX,
            zorder=4,
        )
    axes.set_yticks(positions, ["\n".join(name) for name in names])
    axes.invert_yaxis()  # the report's order, top to bottom
    axes.axvline(100, color=_INK, lw=1.3, ls=(0, (5, 3)))
    axes.text(
        100,
        -0.75,
        said.chart_line,
        ha="center",
        va="bottom",
        color=_INK,
        fontsize=8,
        bbox=_LABEL_BOX,
        zorder=4,
    )
    _value_axis(axes, ticks, lang, "x")
    axes.set_ylim(len(results) - 0.5, -1.1)
    axes.tick_params(axis="y", length=0)
    _legend(figure, {r.status for r in results}, lang)
    return Chart(stem=f"attainment-{_stem(str(report.period))}", title=title, figure=figure)


def story_chart(story: Story, lang: Locale) -> Chart | None:
    """Each period's actual as a bar and its target as a dashed line across the bar's place."""
    w = words_of(lang)
    periods = [p.row for p in story.periods if p.row.target is not None or p.row.actual]
    if not periods:
        return None
    name, unit = visible(story.name.get(lang)), visible(story.unit.get(lang))
    if unit:
        title = w.pgettext("chart", _STORY_TITLE_UNIT.text, name=name, unit=unit)
    else:
        title = w.pgettext("chart", _STORY_TITLE.text, name=name)
    figure, axes = _figure(3.4, title)
    values: list[Decimal] = []
    derived = False
    for position, row in enumerate(periods):
        if row.actual is not None:
            value = row.actual.value
            values.append(value)
            fill, hatch, edge = _BARS.get(row.status, _OTHER_BAR)
            axes.bar(
                position, _drawn(value), width=0.55, color=fill, hatch=hatch, edgecolor=edge, lw=0.8
            )
            mark = "*" if row.actual.derived else ""
            derived = derived or row.actual.derived
            axes.annotate(
                format_amount(row.actual, lang) + mark,
                (position, _drawn(value)),
                xytext=(0, -4),
                textcoords="offset points",  # not words: matplotlib's unit
                ha="center",
                va="top",
                fontweight="bold",
                color=_INK,
                bbox=_LABEL_BOX,
            )
        if row.target is not None:
            value = row.target.value
            values.append(value)
            axes.hlines(_drawn(value), position - 0.42, position + 0.42, color=_INK, lw=2, ls="--")
            mark = "*" if row.target.derived else ""
            derived = derived or row.target.derived
            axes.annotate(
                w.pgettext("chart", _TARGET_LABEL.text, figure=format_amount(row.target, lang))
                + mark,
                (position, _drawn(value)),
                xytext=(0, 3),
                textcoords="offset points",  # not words: matplotlib's unit
                ha="center",
                va="bottom",
                color=_INK,
                fontsize=8,
                bbox=_LABEL_BOX,
            )
    axes.set_xticks(range(len(periods)), [period_label(row.period, lang) for row in periods])
    axes.set_xlim(-0.6, len(periods) - 0.4)
    ticks = _ticks(values, n.ZERO)
    _value_axis(axes, ticks, lang, "y")
    axes.tick_params(axis="x", length=0)
    statuses = {row.status for row in periods if row.actual is not None}
    targets = any(row.target is not None for row in periods)
    _legend(figure, statuses, lang, target=targets, derived=derived)
    return Chart(stem=_stem(story.indicator), title=title, figure=figure)


def _figure(height: float, title: str | None) -> tuple[Figure, Axes]:
    """A figure on the Agg canvas, laid out so that nothing is cut off."""
    require("matplotlib", N_("a chart as a picture"))
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_STYLE):
        lines = len(textwrap.wrap(title, _TITLE_CHARS)) if title else 0
        figure = Figure(figsize=(WIDTH, height + 0.2 * lines), layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        if title:
            wrapped = "\n".join(textwrap.wrap(title, _TITLE_CHARS))
            figure.suptitle(wrapped, fontweight="bold", fontsize=10, color=_INK)
    return figure, axes


def _drawn(value: Decimal) -> float:
    """A figure's drawing coordinate: the length of its bar, never a figure printed."""
    return float(value)


def _ticks(values: Sequence[Decimal], at_least: Decimal) -> list[Decimal]:
    """The axis's labelled values, by a round step, from the lowest (or 0) to the highest."""
    top = axis_maximum([v for v in values if v > 0], at_least)
    lows = [-v for v in values if v < 0]
    bottom = -axis_maximum(lows, n.ZERO) if lows else n.ZERO
    step = nice_step(max(top, -bottom))
    ticks = []
    tick = bottom
    while tick <= top:
        ticks.append(tick)
        tick = n.add(tick, step)
    return ticks


def _value_axis(axes: Axes, ticks: Sequence[Decimal], lang: Locale, which: str) -> None:
    """The figures' axis: its ticks labelled as the locale writes numbers (decimal comma in vi)."""
    places = max(n.decimals(t.normalize()) for t in ticks)
    labels = [format_number(t, places, lang) for t in ticks]
    positions = [_drawn(t) for t in ticks]
    span = positions[-1] - positions[0]
    if which == "x":
        axes.set_xticks(positions, labels)
        axes.set_xlim(positions[0], positions[-1] + span * 0.14)  # room for the last value
        axes.grid(axis="x", color="#d5dbe1", lw=0.6)
    else:
        axes.set_yticks(positions, labels)
        axes.set_ylim(positions[0], positions[-1] + span * 0.08)
        axes.grid(axis="y", color="#d5dbe1", lw=0.6)
    axes.set_axisbelow(True)


def _legend(
    figure: Figure,
    statuses: Iterable[str],
    lang: Locale,
    target: bool = False,
    derived: bool = False,
) -> None:
    """Under the chart: what each hatching means ('Đạt', 'Không đạt'), the target line, '*'."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    words = {key: say(message, lang) for key, message in CHART.items()}
    handles: list[Any] = []
    for status in ("met", "missed", "no_target", "no_actual"):
        if status in statuses:
            fill, hatch, edge = _BARS.get(status, _OTHER_BAR)
            label = _capital(entry(STATUSES, status, lang))
            handles.append(Patch(facecolor=fill, hatch=hatch, edgecolor=edge, label=label))
    if target:
        handles.append(Line2D([], [], color=_INK, lw=2, ls="--", label=words["target"]))
    if derived:
        handles.append(Line2D([], [], lw=0, label=words["derived"]))
    figure.legend(
        handles=handles,
        loc="outside lower center",  # not words: matplotlib's place
        ncols=len(handles),
        frameon=False,
        fontsize=8,
        handlelength=2.4,
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _stem(text: str) -> str:
    """A file name's stem from an id or a period: '2021-01/2021-11' → '2021-01_2021-11'."""
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in text)
