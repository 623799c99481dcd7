"""A progress bar on stderr while a large plan loads: only on a terminal, only after a second.

Loading a national plan (tens of thousands of indicator-years) takes seconds;
a small one takes a blink, and a bar flashing by would only be noise. So the
bar appears once a load has run for DELAY seconds, on stderr (stdout stays
the report), and only when stderr is a terminal (never in a pipe, a log or
a test). rich is imported only when the bar is shown: start-up is measured.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from plan_kpi.core.messages import N_

if TYPE_CHECKING:
    import threading

    from rich.progress import Progress, TaskID

    from plan_kpi.core.locales import Locale

#: seconds a load runs before its bar appears
DELAY = 1.0


class LoadProgress:
    """Counts the bytes of a plan's files as they are read, then says the figures are derived.

    The bar is started by a timer after ``delay`` seconds, so it also appears when the
    files are read quickly and deriving is what takes long. Its words are in ``lang``,
    by default the run's language.
    """

    def __init__(
        self,
        files: list[Path],
        stream: TextIO | None = None,
        delay: float = DELAY,
        lang: Locale | None = None,
    ) -> None:
        from plan_kpi.cli.common import run_language

        self.stream = stream if stream is not None else sys.stderr
        self.lang = lang or run_language()
        self.sizes = {path: _size(path) for path in files}
        self.total = sum(self.sizes.values())
        self.done = 0
        self.what = N_("Reading the plan")
        #: deriving has no count of its own: the bar then pulses
        self.counting = True
        self.bar: Progress | None = None
        self.task: TaskID | None = None
        self.timer: threading.Timer | None = None
        if self.stream.isatty():
            import threading

            self.lock = threading.Lock()
            self.timer = threading.Timer(delay, self._start)
            self.timer.daemon = True
            self.timer.start()

    def file_read(self, path: Path) -> None:
        self.done += self.sizes.get(path, 0)
        self._update()

    def deriving(self) -> None:
        """The files are read; the engine now derives and checks the figures (no count)."""
        self.what, self.counting = N_("Deriving the figures"), False
        self._update()

    def close(self) -> None:
        if self.timer is None:
            return
        self.timer.cancel()
        with self.lock:
            if self.bar is not None:
                self.bar.stop()
                self.bar = None
            self.timer = None

    def _description(self) -> str:
        from plan_kpi.say.catalog import words

        return words(self.lang).say(self.what)

    def _update(self) -> None:
        if self.bar is None or self.task is None:
            return
        with self.lock:
            if self.bar is not None and self.task is not None:
                self.bar.update(
                    self.task,
                    completed=self.done,
                    total=(self.total or None) if self.counting else None,
                    description=self._description(),
                )

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

        with self.lock:
            if self.timer is None:  # closed meanwhile
                return
            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TaskProgressColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self.task = self.bar.add_task(self._description(), total=self.total or None)
            self.bar.start()
        self._update()


def plan_files(folder: Path) -> list[Path]:
    """targets.yaml and the files of actuals/, as the loader reads them."""
    from plan_kpi.load.folder import actual_files
    from plan_kpi.load.places import TARGETS

    return [folder / TARGETS, *actual_files(folder)[0]]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
