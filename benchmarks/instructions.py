"""Count the instructions each start-up command runs: its ratios to the floors, without noise.

    python benchmarks/instructions.py [--jobs 2] [--only json,table,report]

benchmarks/run.py times the start-up commands (the fair floor, check on the
bundled plan, every other command) and reads the targets in wall time. On a
shared machine those ratios move by half their value from one round to the
next (run.py prints each one's spread), so a change of a few milliseconds
cannot be seen in them. This counts instead the instructions each command
runs from its start to its exit, under valgrind's callgrind: the same count
to within a few tenths of a percent at every run, so one run of each command
says whether a change made start-up cheaper, and by how much.

An instruction count is a proxy, not the target: a page fault, a cache miss
or a system call costs time and few instructions (reading files is cheap
here, loading shared libraries is not). The ratios it prints are for seeing
a change; the targets stay the wall-time ratios of run.py, and README's
"Performance" quotes those.

Needs valgrind (``apt-get install valgrind``); each command runs about fifty
times slower under it (a few seconds to half a minute each), ``--jobs`` at a
time. The commands are run.py's own, with its environment; each is run once
without valgrind first, so that Python's bytecode caches are written.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from run import BARE, BUNDLED, HERE, RATIOS, _env, bundled_floor, plan_kpi_command, reading_floor

#: callgrind's summary line on stderr: "==123== Collected : 950894471"
_COLLECTED = re.compile(r"Collected : (\d+)")


def commands() -> dict[str, list[str]]:
    """run.py's start-up commands, by its keys: the floors, check (JSON and table), the rest."""
    py = [sys.executable]
    tool = plan_kpi_command()
    floor = [*py, str(HERE / "typer_floor.py")]
    found = {
        "bare": [*py, "-c", BARE],
        "floor": [*floor, "check", "-f", "json"],
        "floor_rich": [*floor, "--with-rich-table", "check", "-f", "json"],
        "json": [*tool, "check", "-f", "json"],
        "table": [*tool, "check"],
        "bundled_floor": bundled_floor(tool),
    }
    found["bundled_floor_rich"] = [
        *reading_floor(rich_table=True),
        *found["bundled_floor"][len(reading_floor()) :],
    ]
    found.update({name: [*tool, *argv] for name, argv in BUNDLED.items()})
    return found


def counted(argv: list[str]) -> int:
    """The instructions the command runs (valgrind runs a script's interpreter: plan-kpi's
    Python)."""
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={Path(folder) / 'out'}",
                *argv,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
            check=False,
        )
    found = _COLLECTED.search(result.stderr)
    if found is None:
        sys.exit(f"valgrind counted nothing for {' '.join(argv)}:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--only", help="run.py's keys of the commands, comma-separated")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed: apt-get install valgrind")
    chosen = commands()
    if args.only:
        wanted = set(args.only.split(","))
        # a ratio needs its floor: the floors a chosen command is read against come too
        wanted |= {vs for _, key, vs, _, _ in RATIOS if key in wanted}
        chosen = {key: argv for key, argv in chosen.items() if key in wanted}
    for argv in chosen.values():  # bytecode written, outside the count
        subprocess.run(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(), check=False
        )
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        counts = dict(zip(chosen, pool.map(counted, chosen.values()), strict=True))
    print("instructions from start to exit (valgrind's callgrind), millions\n")
    for key, argv in chosen.items():
        shown = " ".join([Path(argv[0]).name, *argv[1:]]).replace(str(HERE), "benchmarks")
        print(f"{shown[:70]:70} {counts[key] / 1e6:9.1f}")
    print("\nratios of instructions (a proxy for run.py's ratios of time and their targets)")
    shown_ratios = [
        (label, key, vs, target)
        for label, key, vs, kind, target in RATIOS
        if kind == "time" and key in counts and vs in counts
    ]
    width = max((len(label) for label, _, _, _ in shown_ratios), default=0)
    for label, key, vs, target in shown_ratios:
        ratio = counts[key] / counts[vs]
        said = ""
        if target is not None:
            said = f"    (time target ≤ {target}: {'within' if ratio <= target else 'above'} it)"
        print(f"{label:{width}} {ratio:5.2f}{said}")


if __name__ == "__main__":
    main()
