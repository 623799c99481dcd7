"""Which language a run speaks: --lang, else PLAN_KPI_LANG, else the plan's, else the system's.

The system's language is the first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG
that is set (as gettext reads them): ``vi_VN.UTF-8`` is Vietnamese, any other
is English.
"""

from __future__ import annotations

import os

from plan_kpi.core.locales import LOCALES, Locale

ENV_LANG = "PLAN_KPI_LANG"
_SYSTEM = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def system_language() -> Locale | None:
    """The language of the user's environment, when it names one."""
    for name in _SYSTEM:
        setting = os.environ.get(name, "")
        if not setting:
            continue
        first = setting.split(":")[0]  # LANGUAGE may list several: vi:en
        if first.lower().startswith("vi"):
            return "vi"
        if first not in ("C", "POSIX") and not first.startswith("C."):
            return "en"
    return None


def language_setting() -> Locale | None:
    """PLAN_KPI_LANG, when it names one of plan-kpi's languages."""
    setting = os.environ.get(ENV_LANG, "").strip().lower()
    for lang in LOCALES:
        if setting == lang or setting.startswith(lang + "_"):
            return lang
    return None


def chosen_language(option: Locale | None, plan_locale: Locale | None) -> Locale:
    """--lang, else PLAN_KPI_LANG, else the plan's locale, else the system's, else English."""
    return option or language_setting() or plan_locale or system_language() or "en"
