"""The installed command's first module: Python's cycle collector held back for a short run.

Importing Typer, pydantic and plan-kpi's commands builds a few hundred thousand
objects and no garbage, yet each 700 new objects made the cycle collector scan
the young ones, and now and then all of them: a tenth of a command's start-up.
The collector is paused while they load, what they built is frozen (never
scanned again), and the command runs with the collector looking at the young
objects every 200.000 new ones instead of every 700, as mypy does: a command
builds its figures without cycles, and the little cyclic garbage it leaves is
still collected.
"""

import gc

_paused = gc.isenabled()
gc.disable()
from plan_kpi.cli.app import run  # noqa: E402 - after the collector is paused

if _paused:
    gc.freeze()
    gc.set_threshold(200_000, 30, 30)
    gc.enable()

__all__ = ["run"]
