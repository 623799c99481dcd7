"""Time whole commands side by side: plan-kpi against the floors of its stack and hledger.

    python benchmarks/run.py [--runs 7] [--indicators 10000] [--years 5] [--work DIR]
                             [--note-indicators 20000] [--growth-indicators 1000]
                             [--outlook-indicators 10000]
                             [--only startup|scale|notes|growth]

Generates the benchmark plans (benchmarks/generate.py) unless they exist in
--work, checks that the YAML plan, the CSV plan and the hledger journal give
the same figures (and that the reading floors read them), then runs every
command --runs times, interleaved (run 1 of every command, then run 2 of
every command, …) so a slow moment of the machine hits all of them alike.
Prints each command's median wall and CPU time and its peak memory (maximum
resident set size, from GNU time when /usr/bin/time is installed), then the
ratios the performance targets are stated in, each with its target and
whether this run met it. A time ratio is the median of the runs' own ratios
(run k of one command over run k of the other, taken a round apart at most),
with the lowest and highest of them: on a shared machine the speed drifts
between rounds, and the spread says how much a start-up ratio moves here.

The growth cases time the same command on plans of n/10, n and 10 × n
indicators, and divide what the largest costs beyond the middle one by what
the middle one costs beyond the smallest: (T(10n) − T(n)) / (T(n) − T(n/10)).
That is 10 when the time beyond start-up grows in proportion to the plan
(10^p when it grows as its p-th power), and start-up, the same at every size,
drops out without being measured: subtracting a start-up measured on another
plan (the bundled one, whose formulas and bounds cost outlook about as much
as 500 synthetic indicator-years, or one of a single indicator, which has no
parts to add up) made the ratio too high or too low. The cases: the check
above (JSON; 10,000, 1,000 and 100 indicators by default), a check whose
table has a footnote on every row (``derived/`` of benchmarks/generate.py:
every previous value derived from a stated pct_of_previous; 20,000, 2,000
and 200 indicators), where a scan of the notes per row once made the time
grow with the square of the plan; audit and report (1,000, 100 and 10: audit
takes about 20 s at 1,000 × 5 here) and outlook (10,000, 1,000 and 100: it
costs so little an indicator that 100 indicators take little longer than
one).

Start-up is read against two floors: the bare imports of the stack, and the
fair floor (benchmarks/typer_floor.py: a Typer app with check's options that
validates one pydantic model and ends with os._exit, as plan-kpi does), with
rich.table imported too for the table. At scale, plan-kpi check is read
against hledger and against its reading floor (benchmarks/reading_floor.py:
that start-up, libyaml's events with line numbers, pydantic and Decimal(s)
for a YAML file, the csv module's rows and Decimal(s) for a CSV file, and
writing the JSON). Without hledger installed, its command and ratios are
left out, said so.

A benchmark, not a test: it never fails on a timing (exit 0 unless a command
itself fails). Wall times depend on the machine; compare ratios.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
BARE = "import typer, pydantic, yaml, babel.numbers"
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None
#: every command on the bundled plan (and schema, which reads none), each against the fair
#: floor; init and import need a folder to write and a workbook to read
BUNDLED: dict[str, list[str]] = {
    "status": ["status"],
    "audit": ["audit"],
    "outlook": ["outlook"],
    "report": ["report"],
    "show": ["show"],
    "list": ["list"],
    "schema": ["schema", "targets"],
}
#: the commands whose growth is timed beside check's, each on a plan folder and a period; the
#: larger plan of each is --growth-indicators, outlook's --outlook-indicators
GROWN: dict[str, Callable[[str, str], list[str]]] = {
    "audit": lambda folder, period: ["audit", "--data", folder, "-f", "json"],
    "report": lambda folder, period: ["report", "--data", folder, "--period", period],
    "outlook": lambda folder, period: ["outlook", "--data", folder, "-f", "json"],
}
#: the issue's targets: (label, command, command it is compared with, time or memory, at most)
RATIOS: list[tuple[str, str, str, str, float | None]] = [
    ("floor: the fair floor / bare imports", "floor", "bare", "time", None),
    ("start-up, JSON: check -f json / the fair floor", "json", "floor", "time", 1.1),
    ("start-up, table: check / the fair floor + rich.table", "table", "floor_rich", "time", 1.15),
    ("start-up, JSON: check -f json / bare imports", "json", "bare", "time", None),
    # what reading the bundled plan costs before anything is derived: under the target above?
    (
        "start-up: the bundled plan's reading floor / the fair floor",
        "bundled_floor",
        "floor",
        "time",
        None,
    ),
    (
        "start-up, JSON: check -f json / the bundled plan's reading floor",
        "json",
        "bundled_floor",
        "time",
        None,
    ),
    (
        "start-up: the bundled plan's reading floor and rich.table / the fair floor and rich.table",
        "bundled_floor_rich",
        "floor_rich",
        "time",
        None,
    ),
    (
        "start-up, table: check / the bundled plan's reading floor and rich.table",
        "table",
        "bundled_floor_rich",
        "time",
        None,
    ),
    *(
        (f"bundled plan: {' '.join(argv)} / the fair floor", name, "floor", "time", 1.3)
        for name, argv in BUNDLED.items()
    ),
]


def scale_ratios(indicators: int) -> list[tuple[str, str, str, str, float | None]]:
    """The targets at scale: 10,000 × 5 (and below); from 50,000 indicators, 0.3 of hledger."""
    large = indicators >= 50_000
    yaml_time, csv_time, memory = (0.3, 0.3, 0.3) if large else (1.0, 0.6, 0.5)
    return [
        ("scale, YAML: time plan-kpi / its reading floor", "yaml", "yaml_floor", "time", 2.0),
        ("scale, CSV: time plan-kpi / its reading floor", "csv", "csv_floor", "time", 2.0),
        ("scale, YAML: time plan-kpi / hledger", "yaml", "hledger", "time", yaml_time),
        ("scale, CSV: time plan-kpi / hledger", "csv", "hledger", "time", csv_time),
        ("scale, YAML: peak memory plan-kpi / hledger", "yaml", "hledger", "memory", memory),
        ("scale, CSV: peak memory plan-kpi / hledger", "csv", "hledger", "memory", memory),
        ("scale, YAML: reading floor / hledger", "yaml_floor", "hledger", "time", None),
        ("scale, CSV: reading floor / hledger", "csv_floor", "hledger", "time", None),
        ("scale, YAML: memory of the floor / hledger", "yaml_floor", "hledger", "memory", None),
    ]


@dataclass
class Command:
    """A command line to time; codes it may exit with and still count as a success."""

    name: str
    argv: list[str]
    ok_codes: tuple[int, ...] = (0,)
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_kb: list[int] = field(default_factory=list)

    def run_once(self) -> None:
        # GNU time reports the command's own peak memory: wait4's maximum resident set of a
        # child counts the memory of this runner it was forked from, before its exec
        with tempfile.NamedTemporaryFile("r") as peak:
            argv = [GNU_TIME, "-f", "%M", "-o", peak.name, *self.argv] if GNU_TIME else self.argv
            start = time.perf_counter()
            proc = subprocess.Popen(
                argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env()
            )
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - start
            peak_kb = int(peak.read().split()[-1]) if GNU_TIME else usage.ru_maxrss
        proc.returncode = os.waitstatus_to_exitcode(status)
        assert proc.stderr is not None
        err = proc.stderr.read().decode(errors="replace")
        proc.stderr.close()
        if proc.returncode not in self.ok_codes:
            sys.exit(f"{self.name} failed (exit {proc.returncode}): {' '.join(self.argv)}\n{err}")
        self.seconds.append(elapsed)
        self.cpu.append(usage.ru_utime + usage.ru_stime)  # the command's, under GNU time
        self.peak_kb.append(peak_kb)  # kilobytes

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)

    @property
    def peak_mb(self) -> float:
        return max(self.peak_kb) / 1024


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PLAN_KPI_DATA", None)
    # plan-kpi as installed: pip compiles an installed package's bytecode, as it did the
    # baseline's libraries; an editable install under PYTHONDONTWRITEBYTECODE would compile
    # every module of plan-kpi from source at every run. The untimed warm-up run writes it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "160"
    return env


def plan_kpi_command() -> list[str]:
    """The installed plan-kpi beside this Python (a virtual environment's bin/)."""
    beside = Path(sys.executable).parent / "plan-kpi"
    found = str(beside) if beside.exists() else shutil.which("plan-kpi")
    if found is None:
        sys.exit("plan-kpi is not installed: pip install -e . first")
    return [found]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    hledger = "not installed"
    if shutil.which("hledger"):
        hledger = subprocess.run(
            ["hledger", "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
    return (
        f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}, {hledger}"
    )


#: years of the plans whose check has a footnote on every row (the last year is checked)
NOTE_YEARS = 3


def sizes(largest: int) -> tuple[int, int, int]:
    """The plans a growth is measured on: n × 10, n and n / 10 indicators."""
    return largest, max(1, largest // 10), max(1, largest // 100)


def ensure_plans(work: Path, indicators: int, years: int) -> Path:
    folder = work / f"{indicators}x{years}"
    if not (folder / "budget.journal").exists() or not (folder / "derived").is_dir():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--indicators",
                str(indicators),
                "--years",
                str(years),
                "--out",
                str(folder),
            ],
            check=True,
        )
    return folder


def verify_same_figures(tool: list[str], folder: Path, period: str, ledger: bool) -> None:
    """The YAML and CSV plans give the same report, the reading floors read its targets and
    actuals, and hledger (when installed) has its figures: else stop."""
    reports = []
    for kind in ("yaml", "csv"):
        argv = [*tool, "check", "--data", str(folder / kind), "--period", period, "-f", "json"]
        done = subprocess.run(argv, capture_output=True, text=True, env=_env(), check=False)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(argv)} failed:\n{done.stderr}")
        reports.append(done.stdout)
    if reports[0] != reports[1]:
        sys.exit("the YAML and CSV plans give different reports")
    rows = json.loads(reports[0], parse_float=Decimal)["rows"]
    for kind in ("yaml", "csv"):
        floor = [*reading_floor(), "--data", str(folder / kind), "--period", period, "-f", "json"]
        done = subprocess.run(floor, capture_output=True, text=True, env=_env(), check=True)
        read = json.loads(done.stdout)["rows"]
        for row, floor_row in itertools.zip_longest(rows, read):
            if row is None or floor_row is None:
                sys.exit(f"the {kind} reading floor has {len(read)} rows, plan-kpi {len(rows)}")
            keys = ["target"] if row["actual_derived"] else ["target", "actual"]
            if floor_row["indicator"] != row["indicator"] or any(
                (None if floor_row[key] is None else Decimal(floor_row[key])) != row[key]
                for key in keys
            ):
                sys.exit(f"the {kind} reading floor read {floor_row}, plan-kpi {row}")
    if not ledger:
        print(f"Same figures: plan-kpi (YAML and CSV) and its reading floors, {len(rows)} rows")
        return
    ledger_csv = subprocess.run(
        [
            "hledger",
            "-f",
            str(folder / "budget.journal"),
            "bal",
            "--budget",
            "-Y",
            "-p",
            period,
            "-O",
            "csv",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    budget = {
        row[0]: (Decimal(row[1]), Decimal(row[2]))
        for row in csv.reader(io.StringIO(ledger_csv))
        if row[0] not in ("Account", "Total:")
    }
    for row in rows:
        actual = row["actual"] if row["actual"] is not None else Decimal(0)
        if (actual, row["target"]) != budget.get(row["indicator"]):
            sys.exit(
                f"{row['indicator']}: plan-kpi {actual}, {row['target']}; "
                f"hledger {budget.get(row['indicator'])}"
            )
    if len(rows) != len(budget):
        sys.exit(f"plan-kpi has {len(rows)} rows, hledger {len(budget)} accounts")
    print(
        f"Same figures: plan-kpi (YAML and CSV), its reading floors and hledger agree on "
        f"{len(rows)} indicators"
    )


def bundled_floor(tool: list[str]) -> list[str]:
    """The reading floor of the bundled plan, of the period check shows by default, once
    it is seen to read every target and actual plan-kpi shows as typed, of the same
    period; else stop."""
    from plan_kpi.load.places import bundled_data

    argv = [*tool, "check", "-f", "json"]
    done = subprocess.run(argv, capture_output=True, text=True, env=_env(), check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} failed:\n{done.stderr}")
    report = json.loads(done.stdout, parse_float=Decimal)
    floor = [*reading_floor(), "--data", str(bundled_data()), "--period", report["period"]]
    floor += ["-f", "json"]
    read = {
        row["indicator"]: row
        for row in json.loads(
            subprocess.run(floor, capture_output=True, text=True, env=_env(), check=True).stdout
        )["rows"]
    }
    for row in report["rows"]:
        typed = [key for key in ("target", "actual") if not row[f"{key}_derived"]]
        if all(row[key] is None for key in typed):
            continue  # a row of derived figures only: no floor reads those
        found = read.pop(row["indicator"], None)
        if (
            found is None
            or found["period"] != row["period"]
            or any(
                (None if found[key] is None else Decimal(found[key])) != row[key] for key in typed
            )
        ):
            sys.exit(f"the bundled plan's reading floor read {found}, plan-kpi {row}")
    if read:
        sys.exit(f"the bundled plan's reading floor has rows plan-kpi has not: {sorted(read)}")
    return floor


def reading_floor(rich_table: bool = False) -> list[str]:
    rich = ["--with-rich-table"] if rich_table else []
    return [sys.executable, str(HERE / "reading_floor.py"), *rich, "check"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--indicators", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument(
        "--period", help="the period to check (default: the plan's last year, 2019 + years − 1)"
    )
    parser.add_argument("--work", type=Path, default=HERE / "work")
    parser.add_argument(
        "--note-indicators",
        type=int,
        default=20_000,
        help="indicators of the larger plan whose check has a footnote on every row",
    )
    parser.add_argument(
        "--growth-indicators",
        type=int,
        default=1_000,
        help="indicators of the largest plan of the growth of audit and report",
    )
    parser.add_argument(
        "--outlook-indicators",
        type=int,
        default=10_000,
        help="indicators of the largest plan of the growth of outlook",
    )
    parser.add_argument(
        "--only",
        choices=("startup", "scale", "notes", "growth"),
        help="run only the start-up, the scale, the footnotes or the growth part",
    )
    args = parser.parse_args()
    if args.period is None:  # benchmarks/generate.py starts its plans in 2019
        args.period = str(2019 + args.years - 1)
    py = [sys.executable]
    tool = plan_kpi_command()
    ledger = shutil.which("hledger") is not None
    _, small, hundredth = sizes(args.indicators)  # the scale plan, its tenth, hundredth
    period = ["--period", args.period, "--format", "json"]
    commands: dict[str, Command] = {}

    def add(key: str, name: str, argv: list[str], ok: tuple[int, ...] = (0,)) -> None:
        commands[key] = Command(name, argv, ok)

    if args.only in (None, "startup"):
        add("bare", "python -c 'import typer, pydantic, yaml, babel.numbers'", [*py, "-c", BARE])
        add(
            "bare_rich",
            "python -c 'import …, rich.table'",
            [*py, "-c", BARE + ", rich.table"],
        )
        floor = [*py, str(HERE / "typer_floor.py")]
        add("floor", "the fair floor (benchmarks/typer_floor.py)", [*floor, "check", "-f", "json"])
        add(
            "floor_rich",
            "the fair floor and rich.table",
            [*floor, "--with-rich-table", "check", "-f", "json"],
        )
        add(
            "json",
            "plan-kpi check --format json (bundled plan)",
            [*tool, "check", "-f", "json"],
            (0, 1),
        )
        add("table", "plan-kpi check (bundled plan, table)", [*tool, "check"], (0, 1))
        add(
            "bundled_floor",
            "the bundled plan's reading floor (benchmarks/reading_floor.py)",
            bundled_floor(tool),
        )
        add(
            "bundled_floor_rich",
            "the same and rich.table",
            [
                *reading_floor(rich_table=True),
                *commands["bundled_floor"].argv[len(reading_floor()) :],
            ],
        )
        for name, argv in BUNDLED.items():
            where = "" if name == "schema" else " (bundled plan)"  # schema reads no plan
            add(name, f"plan-kpi {' '.join(argv)}{where}", [*tool, *argv], (0, 1))
    if args.only in (None, "scale"):
        big = ensure_plans(args.work, args.indicators, args.years)
        tenth = ensure_plans(args.work, small, args.years)
        scale = f"{args.indicators}×{args.years}"
        if ledger:
            add(
                "hledger",
                f"hledger bal --budget -Y -p {args.period} -O csv ({scale})",
                [
                    "hledger",
                    "-f",
                    str(big / "budget.journal"),
                    "bal",
                    "--budget",
                    "-Y",
                    "-p",
                    args.period,
                    "-O",
                    "csv",
                ],
            )
        add(
            "yaml",
            f"plan-kpi check, YAML actuals ({scale})",
            [*tool, "check", "--data", str(big / "yaml"), *period],
            (0, 1),
        )
        add(
            "csv",
            f"plan-kpi check, CSV actuals ({scale})",
            [*tool, "check", "--data", str(big / "csv"), *period],
            (0, 1),
        )
        for kind in ("yaml", "csv"):
            add(
                f"{kind}_floor",
                f"its reading floor, {kind.upper()} actuals (benchmarks/reading_floor.py)",
                [*reading_floor(), "--data", str(big / kind), *period],
            )
        add(
            "yaml_tenth",
            f"plan-kpi check, YAML actuals ({small}×{args.years})",
            [*tool, "check", "--data", str(tenth / "yaml"), *period],
            (0, 1),
        )
        add(
            "yaml_hundredth",
            f"plan-kpi check, YAML actuals ({hundredth}×{args.years})",
            [
                *tool,
                "check",
                "--data",
                str(ensure_plans(args.work, hundredth, args.years) / "yaml"),
                *period,
            ],
            (0, 1),
        )
    if args.only in (None, "notes"):
        last = ["--period", str(2019 + NOTE_YEARS - 1)]
        for key, count in zip(
            ("notes", "notes_tenth", "notes_hundredth"), sizes(args.note_indicators), strict=True
        ):
            folder = ensure_plans(args.work, count, NOTE_YEARS)
            add(
                key,
                f"plan-kpi check, table, a footnote a row ({count}×{NOTE_YEARS})",
                [*tool, "check", "--data", str(folder / "derived"), *last],
                (0, 1),
            )
    if args.only in (None, "growth"):
        for name, grown in GROWN.items():
            largest = args.outlook_indicators if name == "outlook" else args.growth_indicators
            # not the bundled plan's command of the same name, which start-up times
            for key, count in zip(("", "_tenth", "_hundredth"), sizes(largest), strict=True):
                folder = ensure_plans(args.work, count, args.years) / "yaml"
                add(
                    f"grown_{name}{key}",
                    f"plan-kpi {name}, YAML actuals ({count}×{args.years})",
                    [*tool, *grown(str(folder), args.period)],
                    (0, 1),
                )

    print(machine())
    if args.only in (None, "scale"):
        if not ledger:
            print(
                "hledger is not installed (apt-get install hledger): its command and every "
                "ratio against it are left out"
            )
        verify_same_figures(tool, big, args.period, ledger)
    print(f"{args.runs} runs each, interleaved; median wall and CPU time, peak RSS\n")
    for command in commands.values():  # warm the file cache once, untimed
        command.run_once()
        command.seconds.clear()
        command.cpu.clear()
        command.peak_kb.clear()
    for _ in range(args.runs):
        for command in commands.values():
            command.run_once()
    width = max(len(c.name) for c in commands.values())
    for command in commands.values():
        print(
            f"{command.name:<{width}}  {command.median:7.3f} s wall  "
            f"{command.median_cpu:7.3f} s CPU  {command.peak_mb:7.1f} MB"
        )
    print()
    c = commands
    checks: list[tuple[str, float, float | None]] = []
    spreads: dict[str, tuple[float, float]] = {}
    for label, numerator, denominator, measure, target in [
        *RATIOS,
        *scale_ratios(args.indicators),
    ]:
        if numerator in c and denominator in c:
            top, bottom = c[numerator], c[denominator]
            if measure == "time":
                ratio, spreads[label] = paired(top.seconds, bottom.seconds)
                checks.append((label, ratio, target))
            else:
                checks.append((label, top.peak_mb / bottom.peak_mb, target))
    # growth: what 10 × the indicators cost beyond n, over what n cost beyond n / 10
    for label, key in (
        ("growth, check: 10× the indicators ×", "yaml"),
        ("growth, a footnote a row: 10× the indicators ×", "notes"),
        *((f"growth, {name}: 10× the indicators ×", f"grown_{name}") for name in GROWN),
    ):
        keys = (key, f"{key}_tenth", f"{key}_hundredth")
        if any(k not in c for k in keys):
            continue
        # wall time, as every ratio here, and CPU time, which other work on a shared machine
        # disturbs less
        for measure in ("wall", "CPU"):
            largest, larger, smallest = (
                c[k].median if measure == "wall" else c[k].median_cpu for k in keys
            )
            if larger > smallest:
                ratio = (largest - larger) / (larger - smallest)
                checks.append((f"{label} ({measure})", ratio, 11.0))
            else:
                print(f"{label}: n/a (n indicators take no longer than a tenth of them)")
    label_width = max((len(label) for label, _, _ in checks), default=0)
    print(
        "a ratio of times: the median of the runs' own ratios [their lowest and highest]; "
        "a growth: of the medians"
    )
    for label, ratio, target in checks:
        goal = ""
        if target is not None:
            goal = f"  (target ≤ {target}: {'met' if ratio <= target else 'NOT met'})"
        low, high = spreads.get(label, (None, None))
        spread = f" [{low:.2f}–{high:.2f}]" if low is not None and high is not None else ""
        print(f"{label:<{label_width}} {ratio:6.2f}{spread:<14}{goal}".rstrip())


def paired(top: list[float], bottom: list[float]) -> tuple[float, tuple[float, float]]:
    """A time ratio read run by run: each run of the two commands is one round apart at
    most, so a slow spell of the machine slows both; the median of those ratios, and their
    lowest and highest, which say how far one run can be trusted here."""
    ratios = [a / b for a, b in zip(top, bottom, strict=True)]
    return statistics.median(ratios), (min(ratios), max(ratios))


if __name__ == "__main__":
    main()
