"""The files of a new plan folder: an example of each kind of indicator, in a locale's style."""

from __future__ import annotations

import re
import unicodedata
from importlib import resources

from plan_kpi.core.numbers import Locale
from plan_kpi.load.formats import schema_text

#: The example files, as laid out in the new folder (templates/LOCALE/ holds each).
EXAMPLES = ("targets.yaml", "actuals/2024.yaml")
SCHEMAS = {"targets": "schema/targets.schema.json", "actuals": "schema/actuals.schema.json"}


def plan_id_for(name: str) -> str:
    """A plan id from a folder name: 'Kế hoạch 2025' → 'ke-hoach-2025'."""
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_only = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    return slug or "plan"


def plan_files(plan_id: str, locale: Locale) -> dict[str, str]:
    """Each file of the new plan (path inside the folder → text)."""
    templates = resources.files("plan_kpi").joinpath("templates", locale)
    files = {
        name: templates.joinpath(name).read_text(encoding="utf-8").replace("PLAN_ID", plan_id)
        for name in EXAMPLES
    }
    files |= {path: schema_text(kind) for kind, path in SCHEMAS.items()}
    return files
