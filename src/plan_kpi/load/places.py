"""Where plans are: the one bundled with plan-kpi (the seed plan), and its files' names."""

from __future__ import annotations

from pathlib import Path

TARGETS = "targets.yaml"
ACTUALS = "actuals"


def bundled_data() -> Path:
    """The seed plan shipped inside the package (or the repository's data/ when run from it)."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "bundled"
    if (inside / TARGETS).is_file():
        return inside
    return package.parent.parent / "data"
