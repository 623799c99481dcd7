"""The plan's two languages, and how their files write numbers: vi (61.005 · 92,19), en."""

from __future__ import annotations

from typing import Literal

Locale = Literal["vi", "en"]
LOCALES: tuple[Locale, ...] = ("vi", "en")
