"""The quantities plan figures speak of: a level, a ratio of two levels, a change, an
attainment, a share.

Each is a frozen key of the engine's dictionaries; it computes its hash once, since a
large plan looks each up millions of times.
"""

from __future__ import annotations

from typing import Literal

from plan_kpi.core.periods import Period
from plan_kpi.core.records import field, record

LevelKind = Literal["value", "target"]


@record
class Level:
    """An indicator's value (or target) in a period.

    A target of a plan with several (central, provincial) has its ``name``; None is the
    default target, the one reports show.
    """

    kind: LevelKind
    indicator: str
    period: Period
    name: str | None = None
    #: each quantity computes its hash once: it is a key of the engine's dictionaries
    #: millions of times in a large plan
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_hash", hash((Level, self.kind, self.indicator, self.period, self.name))
        )

    @property
    def other_target(self) -> bool:
        """A target other than the default one (reports show the default)."""
        return self.name is not None

    def __hash__(self) -> int:
        return self._hash


@record
class Ratio:
    """value(period) / value(vs)."""

    indicator: str
    period: Period
    vs: Period
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((Ratio, self.indicator, self.period, self.vs)))

    def __hash__(self) -> int:
        return self._hash


@record
class Change:
    """value(period) − value(vs)."""

    indicator: str
    period: Period
    vs: Period
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((Change, self.indicator, self.period, self.vs)))

    def __hash__(self) -> int:
        return self._hash


@record
class Attainment:
    """value(period) / target(period), of the target of that ``name`` (None: the default)."""

    indicator: str
    period: Period
    name: str | None = None
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_hash", hash((Attainment, self.indicator, self.period, self.name))
        )

    @property
    def other_target(self) -> bool:
        return self.name is not None

    def __hash__(self) -> int:
        return self._hash


@record
class Share:
    """value(period) / the parent's value(period)."""

    indicator: str
    parent: str
    period: Period
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((Share, self.indicator, self.parent, self.period)))

    def __hash__(self) -> int:
        return self._hash


Quantity = Level | Ratio | Change | Attainment | Share
