"""Qualified figures as people type them: ">90" (trên 90), "<5" (dưới 5), "~22.294" (khoảng).

The qualifier is taken off before the figure is read, so the figure's own grammar
(``core.numbers.parse_figure``) is the same with a bound as without one. A bound is the
printed number itself: ">90" is every value above 90, not above 89,5.
"""

from __future__ import annotations

import re

from plan_kpi.core.messages import N_, Message
from plan_kpi.core.models import Bound

#: the short forms, longest first: '>=' before '>'
SHORT_FORMS: dict[str, Bound] = {
    ">=": "at_least",
    "<=": "at_most",
    "≥": "at_least",
    "≤": "at_most",
    ">": "above",
    "<": "below",
    "~": "about",
}
_SHORT = re.compile(r"\s*(>=|<=|≥|≤|>|<|~)\s*(.*)", re.DOTALL)

#: a bound where the format takes none (a target)
NO_BOUND_HERE = N_(
    "a target cannot be a bound: {text} — write the level the plan sets ({number}); a target "
    "is met at or above it (direction: increase) or at or below it (direction: decrease)"
)
BOUND_TWICE = N_(
    "{text} gives its bound twice (in the figure and as 'bound: {bound}') — write it once"
)
WIDTH_WITHOUT_ABOUT = N_(
    "about_pct is the width of 'bound: about' — write 'bound: about' (or \"~{number}\"), or "
    "remove about_pct"
)
BAD_WIDTH = N_(
    "about_pct {text} is not a width — write a percentage above 0, e.g. 5 (± 5 % of the value)"
)
NO_FIGURE = N_('{text} has a bound and no figure — write the figure after it, e.g. ">90"')


def split(text: str) -> tuple[Bound | None, str]:
    """The qualifier of a typed figure, and the figure without it: '>90' → ('above', '90')."""
    match = _SHORT.fullmatch(text)
    if match is None:
        return None, text
    return SHORT_FORMS[match[1]], match[2]


def no_figure(text: str | Message) -> Message:
    return N_(NO_FIGURE.text, text=text)
