"""Generate a plan of N indicators × Y years, and the same figures as an hledger journal.

    python benchmarks/generate.py --indicators 10000 --years 5 --out /tmp/bench

writes, under --out:

- ``yaml/``: targets.yaml and one actuals/YEAR.yaml per year (a report a year);
- ``csv/``: the same targets.yaml and the same actuals as actuals/YEAR.csv;
- ``derived/``: the YAML plan without the report of the year before the last,
  whose values are then derived (a check of the last year has a footnote on
  every row);
- ``budget.journal``: for hledger, each year's targets as a periodic
  transaction (``~ yearly from Y-01-01 to Y+1-01-01``: hledger's budgets) and
  each actual as one dated posting.

Indicators come in groups of ten: a parent (``g0001``) and nine parts
(``g0001.p1`` … ``g0001.p9``, breakdown complete: the parts sum to the
parent). Figures are written in the ``vi`` locale (``1.234,5``). Every actual
after the first year states its ``pct_of_previous`` and ``pct_of_target`` as
a report prints them (rounded half-up to 2 decimals), so the engine derives
and checks as it does for a real report; hledger gets the values and targets,
which is all it can read. One part in twenty has no actual in the last year
(its row shows the growth required instead). The figures are pseudo-random
from --seed, so a run is reproducible.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

FIRST_YEAR = 2019
GROUP = 10
TENTH = Decimal("0.1")
HUNDREDTH = Decimal("0.01")


def vi(value: Decimal) -> str:
    """A figure in the vi locale: '.' groups thousands, ',' marks decimals."""
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        whole, tail = whole[:-3], whole[-3:]
        groups.insert(0, tail)
    text = ".".join([whole, *groups])
    return sign + text + ("," + fraction if fraction else "")


def pct(a: Decimal, b: Decimal) -> Decimal:
    return (a / b * 100).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def indicator_ids(count: int) -> list[tuple[str, str | None]]:
    """(id, parent) of each indicator: groups of a parent and its nine parts."""
    result: list[tuple[str, str | None]] = []
    for i in range(count):
        group, place = divmod(i, GROUP)
        parent = f"g{group:05d}"
        result.append((parent, None) if place == 0 else (f"{parent}.p{place}", parent))
    return result


def figures(
    ids: list[tuple[str, str | None]], years: list[int], seed: int
) -> tuple[dict[tuple[str, int], Decimal], dict[tuple[str, int], Decimal]]:
    """Targets and actuals by (indicator, year); a parent's figures are its parts' sums (the
    last group may be a parent alone, with figures of its own)."""
    rng = random.Random(seed)
    targets: dict[tuple[str, int], Decimal] = {}
    actuals: dict[tuple[str, int], Decimal] = {}
    parents = {parent for _, parent in ids if parent is not None}
    for ind, parent in ids:
        if ind in parents:  # its figures are its parts' sums
            continue
        level = Decimal(rng.randrange(1_000, 10_000_000)) * TENTH
        for year in years:
            level = (level * Decimal(rng.uniform(0.95, 1.12))).quantize(TENTH)
            target = (level * Decimal(rng.uniform(0.97, 1.06))).quantize(TENTH)
            targets[ind, year] = target
            actuals[ind, year] = level
            if parent is not None:
                targets[parent, year] = targets.get((parent, year), Decimal(0)) + target
                actuals[parent, year] = actuals.get((parent, year), Decimal(0)) + level
    return targets, actuals


def missing(ind: str, parent: str | None, position: int, year: int, last: int) -> bool:
    """One part in twenty has no actual yet in the last year."""
    return year == last and parent is not None and position % 20 == 19


def write_targets(
    path: Path,
    ids: list[tuple[str, str | None]],
    years: list[int],
    targets: dict[tuple[str, int], Decimal],
) -> None:
    lines = [
        "plan:",
        "  id: benchmark",
        '  title: "Benchmark plan"',
        "  locale: vi",
        "indicators:",
    ]
    for ind, parent in ids:
        lines.append(f"  - id: {ind}")
        lines.append(f'    name: {{vi: "Chỉ tiêu {ind}", en: "Indicator {ind}"}}')
        lines.append('    unit: {vi: "tỷ đồng", en: "billion VND"}')
        if parent is not None:
            lines.append(f"    parent: {parent}")
        lines.append("    targets:")
        for year in years:
            lines.append(f'      {year}: "{vi(targets[ind, year])}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def generate(out: Path, count: int, year_count: int, seed: int) -> None:
    years = list(range(FIRST_YEAR, FIRST_YEAR + year_count))
    last = years[-1]
    ids = indicator_ids(count)
    targets, actuals = figures(ids, years, seed)
    for kind in ("yaml", "csv"):
        (out / kind / "actuals").mkdir(parents=True, exist_ok=True)
        write_targets(out / kind / "targets.yaml", ids, years, targets)
    journal = []
    for year in years:
        status = "estimate" if year == last else "final"
        source = f"Báo cáo năm {year}"
        yaml_lines = [f"period: {year}", f"status: {status}", f'source: "{source}"', "locale: vi"]
        yaml_lines.append("values:")
        header = ["indicator", "period", "value", "status", "source"]
        if year > years[0]:
            header += ["pct_of_previous", "pct_of_target"]
        rows = []
        journal.append(f"~ yearly from {year}-01-01 to {year + 1}-01-01  targets {year}")
        journal.extend(f"    ({ind})  {targets[ind, year]}" for ind, _ in ids)
        journal.append("")
        for position, (ind, parent) in enumerate(ids):
            if missing(ind, parent, position, year, last):
                continue
            value = actuals[ind, year]
            row = [ind, str(year), vi(value), status, source]
            yaml_lines.append(f"  {ind}:")
            yaml_lines.append(f'    value: "{vi(value)}"')
            if year > years[0]:
                of_previous = vi(pct(value, actuals[ind, year - 1]))
                of_target = vi(pct(value, targets[ind, year]))
                yaml_lines.append(
                    f'    stated: {{pct_of_previous: "{of_previous}", '
                    f'pct_of_target: "{of_target}"}}'
                )
                row += [of_previous, of_target]
            rows.append(row)
            journal.append(f"{year}-12-31 {ind}\n    ({ind})  {value}\n")
        (out / "yaml" / "actuals" / f"{year}.yaml").write_text(
            "\n".join(yaml_lines) + "\n", encoding="utf-8"
        )
        with (out / "csv" / "actuals" / f"{year}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
    (out / "budget.journal").write_text("\n".join(journal) + "\n", encoding="utf-8")
    if len(years) >= 2:
        write_derived(out, years)


def write_derived(out: Path, years: list[int]) -> None:
    """``derived/``: the YAML plan without the report of the year before the last.

    Its values are then derived from the last year's pct_of_previous (2022's
    61.005 at 92,19 % gives 2021's 66.173,1), so a check of the last year
    has a derived previous value, and a footnote saying how, on every row.
    """
    (out / "derived" / "actuals").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(out / "yaml" / "targets.yaml", out / "derived" / "targets.yaml")
    for year in years:
        if year != years[-2]:
            name = f"{year}.yaml"
            shutil.copyfile(out / "yaml" / "actuals" / name, out / "derived" / "actuals" / name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--indicators", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generate(args.out, args.indicators, args.years, args.seed)
    print(f"{args.out}: {args.indicators} indicators × {args.years} years")


if __name__ == "__main__":
    main()
