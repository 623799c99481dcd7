"""Where plans are: the one bundled with plan-kpi (the seed plan), and its files' names."""

from __future__ import annotations

from functools import cache
from pathlib import Path

TARGETS = "targets.yaml"
ACTUALS = "actuals"


@cache
def bundled_data() -> Path:
    """The seed plan shipped inside the package (or the repository's data/ when run from it),
    resolved (found once: every file a plan names is told apart from it)."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "bundled"
    if (inside / TARGETS).is_file():
        return inside.resolve()
    return (package.parent.parent / "data").resolve()
