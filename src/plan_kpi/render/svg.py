"""The attainment chart as inline SVG, written by hand: one bar per indicator.

Every bar is the indicator's attainment (actual / target × 100) on an axis
from 0 that always reaches the 100 % line; every text from data is escaped.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from decimal import Decimal
from html import escape

from plan_kpi.core.numbers import Locale
from plan_kpi.render.bars import axis_maximum, coordinate, length, nice_step
from plan_kpi.reports.report import Result
from plan_kpi.say.display import format_number, format_pct

WIDTH = 760
_LEFT = 8
_RIGHT = 96  # room for the value after the longest bar
_PLOT = Decimal(WIDTH - _LEFT - _RIGHT)
_TOP = 28
_LINE = 17  # a line of a name
_BAR = 18
_GAP = 14
_AXIS = 26
_NAME_CHARS = 96
STATUS_COLOURS = {"met": "#2e7d32", "missed": "#c62828"}
_OTHER = "#546e7a"


def attainment_svg(results: tuple[Result, ...], lang: Locale, title: str, line: str) -> str:
    """A horizontal bar chart of attainment, with a dashed line at 100 %."""
    values = [r.attainment_pct.value for r in results if r.attainment_pct is not None]
    maximum = axis_maximum(values)

    def x(value: Decimal) -> str:
        return coordinate(Decimal(_LEFT) + length(value, maximum, _PLOT))

    parts: list[str] = []
    y = _TOP
    for result in results:
        assert result.attainment_pct is not None
        value = result.attainment_pct.value
        for text_line in textwrap.wrap(result.name.get(lang), _NAME_CHARS) or [""]:
            y += _LINE
            parts.append(_text(str(_LEFT), y - 4, text_line, 'font-size="13"'))
        end = Decimal(x(value))
        colour = STATUS_COLOURS.get(result.status, _OTHER)
        parts.append(
            f'<rect x="{_LEFT}" y="{y}" width="{coordinate(end - _LEFT)}" height="{_BAR}" '
            f'fill="{colour}" rx="2"/>'
        )
        label = format_pct(value, 2, lang)
        parts.append(_text(coordinate(end + 6), y + _BAR - 4, label, 'font-weight="600"'))
        y += _BAR + _GAP
    hundred = x(Decimal(100))
    reference = [
        _line(hundred, _TOP - 6, y, 'stroke="#1f2933" stroke-width="1.5" stroke-dasharray="5 4"'),
        _text(hundred, _TOP - 10, line, 'text-anchor="middle"'),
    ]
    body = "".join([*_gridlines(maximum, x, y, lang), *reference, *parts])
    height = y + _AXIS
    size = f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}"'
    return (
        f'<svg {size} role="img" aria-labelledby="chart-title">'  # not words: SVG
        f'<title id="chart-title">{escape(title)}</title>{body}</svg>'
    )


def _text(x: str, y: int, content: str, attributes: str = "") -> str:
    """A text element; its content escaped."""
    style = attributes or 'font-size="12"'
    if "font-size" not in style:
        style += ' font-size="12"'
    return f'<text x="{x}" y="{y}" fill="#1f2933" {style}>{escape(content)}</text>'


def _line(x: str, top: int, bottom: int, attributes: str) -> str:
    return f'<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" {attributes}/>'


def _gridlines(
    maximum: Decimal, x: Callable[[Decimal], str], bottom: int, lang: Locale
) -> list[str]:
    """A light vertical line and its label at every step of the axis."""
    step = nice_step(maximum)
    lines = []
    tick = Decimal(0)
    while tick <= maximum:
        at = x(tick)
        lines.append(_line(at, _TOP, bottom, 'stroke="#d5dbe1" stroke-width="1"'))
        tick_label = format_number(tick, 0, lang)
        lines.append(_text(at, bottom + 16, tick_label, 'font-size="11" text-anchor="middle"'))
        tick += step
    return lines
