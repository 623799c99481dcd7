"""'Did you mean': the same suggestions as difflib for a plan's usual misspellings, in near-
linear time for thousands of them."""

from __future__ import annotations

import difflib
import time

from plan_kpi.core.suggestions import Suggestions

#: ten thousand ids, as benchmarks/generate.py makes them: groups of a parent and nine parts
IDS = [
    f"g{group:05d}" + (f".p{part}" if part else "") for group in range(1000) for part in range(10)
]


def difflibs(word: str, names: list[str]) -> str | None:
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    return close[0] if close else None


def test_a_plans_few_names_get_difflibs_own_suggestion() -> None:
    names = ["industrial_output", "industrial_output.mining", "tax_revenue", "loans_total"]
    for word in ("industrial_outptu", "industrial_output.minning", "tax_revenu", "loan_total"):
        assert Suggestions(names).closest(word) == difflibs(word, names)
    assert Suggestions(names).closest("zzz") is None


def test_one_typo_among_ten_thousand_ids_gets_difflibs_suggestion() -> None:
    ids = Suggestions(IDS)
    # a digit lost, a dot lost, a letter doubled
    cases = {"g0765.p4": "g00765.p4", "g00999p3": "g00999.p3", "g00432.pp2": "g00432.p2"}
    for word, meant in cases.items():
        assert difflibs(word, IDS) == meant
        assert ids.closest(word) == meant


def test_a_thousand_misspelt_ids_among_ten_thousand_take_seconds_not_minutes() -> None:
    ids = Suggestions(IDS)
    words = [f"g{group:05d}.px{group % 9 + 1}" for group in range(0, 1000)]  # '.pxN': one extra x
    started = time.perf_counter()
    found = [ids.closest(word) for word in words]
    elapsed = time.perf_counter() - started
    # difflib compares each word with all 10,000 ids: 10 million comparisons, about a minute
    assert elapsed < 10
    assert found[:3] == ["g00000.p1", "g00001.p2", "g00002.p3"]
