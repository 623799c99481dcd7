"""openpyxl is optional (pip install 'plan-kpi[excel]'): check for it, or say how to get it."""

from __future__ import annotations

import importlib.util

from plan_kpi.core.errors import UsageError

INSTALL = "pip install 'plan-kpi[excel]' (or: pip install openpyxl)"


def require_openpyxl(why: str) -> None:
    """A usage error naming what needs openpyxl and how to install it, when it is missing."""
    if importlib.util.find_spec("openpyxl") is None:
        raise UsageError(f"{why} needs the openpyxl package — install it: {INSTALL}")
