"""The reading floor of plan-kpi check: start-up, reading the plan's files, writing the JSON.

    python benchmarks/reading_floor.py check --data DIR --period 2023 --format json
    python benchmarks/reading_floor.py --with-rich-table check --data DIR ...   # the table's

What any check of a plan folder costs before it derives anything: the fair
floor's start-up (benchmarks/typer_floor.py: the Typer app with check's
options, ending with os._exit), then every file read as plainly as the
stack allows, then a JSON of the check's rows written to stdout:

- a YAML file: libyaml's events (PyYAML's C parser), built into plain
  mappings, lists and texts, the line of every value kept; validated by
  plan-kpi's own file models (pydantic); every figure text made a Decimal;
- a CSV actuals file: the csv module's rows, every figure text a Decimal.

No derivation, no check of the figures, no words: a row, for every
indicator with a target or a figure in the period (or, by its text, inside
it), carries the indicator's name, unit, target, actual and previous figure,
the rest of the check's keys null. A growth target is read but gives no
target of the period (plan-kpi derives one). benchmarks/run.py checks that
it reads the same targets and actuals as plan-kpi, then times it beside
plan-kpi check.
"""

from __future__ import annotations

import csv
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from typer_floor import floor_app, run_to_exit

#: the keys of a row of plan-kpi check's JSON, in its order (the floor fills a few)
ROW_KEYS = (
    "indicator", "name", "unit", "period", "target", "target_derived", "target_growth_pct",
    "actual", "actual_derived", "attainment_pct", "attainment_reason", "gap", "previous",
    "previous_period", "previous_derived", "growth_pct", "required_growth_pct",
    "latest_period", "status", "actual_status", "derivations",
)  # fmt: skip
MARKS = {"vi": (".", ","), "en": (",", ".")}
#: the short forms of a figure's qualifier (docs/data-format.md), and the spaces after one
QUALIFIERS = "<>=≥≤~ "
#: a percentage's sign after its figure, and the space before it
PERCENT = "% "
#: the figures a report states beside a value (StatedSpec's)
STATED = (
    "previous",
    "change",
    "growth_pct",
    "pct_of_previous",
    "target",
    "pct_of_target",
    "share_pct",
)


def events_to_data(path: Path) -> tuple[Any, list[int]]:
    """A YAML file from libyaml's events: plain data, and the line of every text in it."""
    lines: list[int] = []
    top: Any = []  # the container being filled: a list holding the document at first
    key: Any = None  # a mapping's key, once read and until its value is
    outer: list[tuple[Any, Any]] = []  # the containers around top, with their keys
    scalar, mapping, sequence = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    with path.open("rb") as stream:
        for event in yaml.parse(stream, Loader=yaml.CSafeLoader):
            kind = type(event)
            if kind is scalar or kind is mapping or kind is sequence:
                mark = event.start_mark
                lines.append(mark.line + 1 if mark is not None else 0)
                if kind is scalar:
                    value: Any = event.value  # type: ignore[attr-defined]
                else:
                    value = {} if kind is mapping else []
                if type(top) is list:
                    top.append(value)
                elif key is None:
                    key = value
                    continue
                else:
                    top[key] = value
                if kind is not scalar:
                    outer.append((top, key))
                    top, key = value, None
                else:
                    key = None
            elif kind in ends:
                top, key = outer.pop()
                key = None
    return top[0], lines


def text(value: Any, lang: str) -> str | None:
    return value if isinstance(value, str) or value is None else getattr(value, lang)


def read_floor(**options: Any) -> None:
    from plan_kpi.load.formats import ActualsFile, TargetsFile

    folder: Path = options["data"]
    (period,) = options["period"]  # check's --period may be given several times: here once
    previous = str(int(period) - 1)  # benchmarks/generate.py's periods are years
    data, _ = events_to_data(folder / "targets.yaml")
    targets = TargetsFile.model_validate(data)
    group, mark = MARKS[targets.plan.locale]

    def figure(written: Any) -> Decimal:
        """A figure's value: its text, or a mapping's ({value: "90", bound: above}), with
        the short form of a qualifier (">90", "≥ 90", "~22.294") and a percentage's sign
        ("96,76 %") left out."""
        if not isinstance(written, str):
            written = written.value
        written = written.strip().lstrip(QUALIFIERS).rstrip(PERCENT)
        return Decimal(written.replace(group, "").replace(mark, "."))

    target: dict[str, Decimal] = {}
    for indicator in targets.indicators:
        for when, spec in indicator.targets.items():
            if isinstance(spec, str) or spec.value is not None:
                value = figure(spec if isinstance(spec, str) else spec.value)
                if when == period:
                    target[indicator.id] = value
            elif spec.growth_pct is not None:  # a growth target: read, no level of its own
                figure(spec.growth_pct)
    actual: dict[tuple[str, str], Decimal] = {}
    for path in sorted((folder / "actuals").iterdir()):
        if path.suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as lines:
                reader = csv.reader(lines)
                header = next(reader)
                at, period_at = header.index("value"), header.index("period")
                stated = [i for i, name in enumerate(header) if name.startswith("pct_")]
                for cells in reader:
                    actual[cells[0], cells[period_at]] = figure(cells[at])
                    for i in stated:
                        figure(cells[i])
            continue
        data, _ = events_to_data(path)
        actuals = ActualsFile.model_validate(data)
        for ind, spec in actuals.values.items():
            if isinstance(spec, str):
                actual[ind, str(actuals.period)] = figure(spec)
                continue
            if spec.value is not None:
                actual[ind, str(spec.period or actuals.period)] = figure(spec.value)
            statements = spec.stated if isinstance(spec.stated, list) else [spec.stated]
            for statement in statements:
                for name in STATED if statement is not None else ():
                    written = getattr(statement, name)
                    if written is not None:
                        figure(written)
    lang = targets.plan.locale
    # an indicator's figure of a period inside the period, when it has none of the period
    # itself (a balance on 2021-12-31, the months 2021-01/2021-11): as plainly, by its text
    inside: dict[str, str] = {}
    for ind, when in actual:
        if when.startswith(period) and when > inside.get(ind, ""):
            inside[ind] = when
    rows = []
    for indicator in targets.indicators:
        if indicator.id not in target and indicator.id not in inside:
            continue
        when = period if (indicator.id, period) in actual else inside.get(indicator.id, period)
        now, before = actual.get((indicator.id, when)), actual.get((indicator.id, previous))
        row: dict[str, Any] = dict.fromkeys(ROW_KEYS)
        row.update(
            indicator=indicator.id,
            name=text(indicator.name, lang),
            unit=text(indicator.unit, lang),
            period=when,
            target=str(target[indicator.id]) if indicator.id in target else None,
            actual=None if now is None else str(now),
            previous=None if before is None else str(before),
            derivations={},
        )
        rows.append(row)
    report = {"plan": targets.plan.id, "period": period, "rows": rows}
    sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    if "--with-rich-table" in sys.argv:  # the table's reading floor: rich.table imported too
        sys.argv.remove("--with-rich-table")
        import rich.table  # noqa: F401
    run_to_exit(floor_app(read_floor))
