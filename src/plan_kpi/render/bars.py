"""Bar lengths from Decimals: block characters for text, coordinates for SVG.

Lengths are computed in Decimal and rounded half-up like every figure shown,
so a chart never disagrees with the figures printed beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_CEILING, Decimal

from plan_kpi.core import numbers as n

_EIGHTHS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")
HUNDRED = n.HUNDRED


def axis_maximum(values: Iterable[Decimal], at_least: Decimal = HUNDRED) -> Decimal:
    """The end of the axis: the largest value (at least ``at_least``), up to a round step."""
    top = max([at_least, *values])
    if top <= 0:
        return HUNDRED
    step = nice_step(top)
    steps = n.div(top, step).to_integral_value(rounding=ROUND_CEILING)
    return n.mul(steps, step)


def nice_step(top: Decimal) -> Decimal:
    """A gridline step giving at most ten lines up to top: 1, 2 or 5 times a power of ten."""
    tenth = Decimal(1).scaleb(top.adjusted() - 1)  # a tenth of top's leading power of ten
    for factor in (1, 2, 5, 10):
        step = n.mul(tenth, Decimal(factor))
        if n.div(top, step) <= 10:
            return step
    return n.mul(tenth, Decimal(10))


def length(value: Decimal, maximum: Decimal, full: Decimal) -> Decimal:
    """How long a bar of value is on an axis from 0 to maximum drawn ``full`` long."""
    if maximum <= 0 or value <= 0:
        return n.ZERO
    return n.div(n.mul(min(value, maximum), full), maximum)


def bar_text(value: Decimal, maximum: Decimal, width: int) -> str:
    """A bar of block characters, to an eighth of a character."""
    eighths = int(n.round_half_up(length(value, maximum, Decimal(width * 8)), 0))
    full, part = divmod(eighths, 8)
    return "█" * full + _EIGHTHS[part]


def coordinate(value: Decimal) -> str:
    """A coordinate for SVG, to a tenth of a pixel."""
    return n.plain(n.round_half_up(value, 1))
