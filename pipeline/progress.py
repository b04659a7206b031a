"""What a run tells about itself while it runs: a progress bar on a terminal, nothing elsewhere.

``run()`` takes one ``progress=`` object with three methods and calls them from the parent process:

* ``start(files, cached=0)``                 — ``files`` documents to process (``cached`` reused);
* ``advance(doc_id, chars, facts, error)``   — one document finished (``error``: why it was skipped);
* ``close()``                                — the processing is over (always called).

``NullProgress`` does nothing; ``BarProgress`` draws a ``rich`` bar on standard error (files done,
facts, errors, characters per second, time left).  ``for_terminal()`` picks the bar only when
standard error is a terminal, so logs, pipes and CI stay clean.  The bar is the CLI's display: it
is created by cli.py and handed to run(); the pipeline itself never prints.
"""
from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO


class Progress(Protocol):
    def start(self, files: int, cached: int = 0) -> None: ...
    def advance(self, doc_id: str, chars: int, facts: int, error: str | None) -> None: ...
    def close(self) -> None: ...


class NullProgress:
    """Counts, shows nothing (the default, and what a non-terminal gets)."""

    def __init__(self) -> None:
        self.files = self.done = self.cached = self.chars = self.facts = self.errors = 0
        self.t0 = time.perf_counter()

    def start(self, files: int, cached: int = 0) -> None:
        self.files, self.cached = files, cached
        self.t0 = time.perf_counter()

    def advance(self, doc_id: str, chars: int, facts: int, error: str | None) -> None:
        self.done += 1
        self.chars += chars
        self.facts += facts
        self.errors += error is not None

    def close(self) -> None:
        pass

    def rate(self) -> float:
        """characters per second so far"""
        seconds = time.perf_counter() - self.t0
        return self.chars / seconds if seconds > 0 else 0.0


class BarProgress(NullProgress):
    """A ``rich`` progress bar: files done/total, facts, errors, chars/s, ETA."""

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__()
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn

        self._bar = Bar(TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[facts]:,} facts, {task.fields[errors]} errors, "
                                   "{task.fields[rate]:,.0f} chars/s"),
                        TimeRemainingColumn(),
                        console=Console(file=stream or sys.stderr), transient=True)
        self._task = None

    def start(self, files: int, cached: int = 0) -> None:
        super().start(files, cached)
        if files:
            self._bar.start()
            self._task = self._bar.add_task("run", total=files, facts=0, errors=0, rate=0.0)

    def advance(self, doc_id: str, chars: int, facts: int, error: str | None) -> None:
        super().advance(doc_id, chars, facts, error)
        if self._task is not None:
            self._bar.update(self._task, advance=1, facts=self.facts, errors=self.errors, rate=self.rate())

    def close(self) -> None:
        if self._task is not None:
            self._bar.stop()
            self._task = None


def for_terminal(stream: TextIO | None = None) -> NullProgress:
    """A bar when ``stream`` (standard error by default) is a terminal, else the silent counter."""
    stream = stream or sys.stderr
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return BarProgress(stream) if tty else NullProgress()


def summary(report, engine: str = "", workers: int = 1) -> dict:
    """The run summary as plain JSON-able data (``factmine run --json``)."""
    return {
        "documents": report.documents,
        "from_cache": report.from_cache,
        "skipped": [{"doc_id": doc_id, "reason": reason} for doc_id, reason in report.skipped],
        "seconds": round(report.seconds, 3),
        "engine": engine,
        "workers": workers,
        "facts": report.counts(),
        "rows": {name: 0 if df is None else int(len(df))
                 for name, df in (("facts", report.facts), ("entities", report.entities),
                                  ("timeline", report.timeline))},
        "outputs": [str(p) for p in report.outputs],
        "unsupported": list(getattr(report, "unsupported", [])),
        "undated": list(getattr(report, "undated", [])),
        "guessed_dates": [list(g) for g in getattr(report, "guessed_dates", [])],
        "warnings": list(getattr(report, "warnings", [])),
    }
