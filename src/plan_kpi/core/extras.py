"""The optional packages ([excel], [docx], [charts]): check for one, or say how to get it."""

from __future__ import annotations

import importlib.util

from plan_kpi.core.errors import UsageError
from plan_kpi.core.messages import N_, Message

#: a module plan-kpi imports: the extra that installs it and its package's name
EXTRAS: dict[str, tuple[str, str]] = {
    "openpyxl": ("excel", "openpyxl"),
    "docx": ("docx", "python-docx"),
    "matplotlib": ("charts", "matplotlib"),
}


def require(module: str, why: Message | str) -> None:
    """A usage error naming what needs the module's package and how to install it, when missing.

    ``why`` is an option ('--charts'), or a message saying what needs it.
    """
    if importlib.util.find_spec(module) is None:
        extra, package = EXTRAS[module]
        raise UsageError(
            N_(
                "{why} needs the {package} package — install it: pip install "
                "'plan-kpi[{extra}]' (or: pip install {package})",
                why=why,
                package=package,
                extra=extra,
            )
        )


def require_openpyxl(why: Message | str) -> None:
    """Excel workbooks (``--format xlsx``, ``import``) need openpyxl."""
    require("openpyxl", why)
