"""facts.csv, written beside pass 2 of the table stream (stream.py) by a process of its own.

Formatting the CSV is half of pass 2, so for a big table the slices go, as the Arrow stream the
Parquet file is written from, to ``python -m pipeline.consolidate.facts_csv``, which writes them
while the parent reviews and writes the next.  That process starts before the run's workers
(``start_early``): its imports (pandas, pyarrow: 0.5 s) then overlap the parent's warm-up, where a
core is idle.  This module imports neither, so the parent forks its workers before it does.
"""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..safety import atomic_path

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

# from this many facts, facts.csv is written by a process of its own (FACTMINE_CSV_PROCESS_ROWS overrides)
CSV_PROCESS_MIN_ROWS = int(os.environ.get("FACTMINE_CSV_PROCESS_ROWS", "50000"))
# input bytes per fact, at least (news: 45 in Chinese, 50 in the benchmark's mixed corpus): a run
# given this many bytes per CSV_PROCESS_MIN_ROWS starts facts.csv's process before its workers
BYTES_PER_ROW = 40


def cores() -> int:
    return os.cpu_count() or 1


def write_slice(fh, df, header: bool, table=None) -> None:
    """One slice of facts.csv (a DataFrame, or its Arrow table), from the Arrow table when
    ``write_csv_rows`` can (the same bytes)."""
    from .table import CSV_ROWS, csv_cells, write_csv_rows

    if table is not None and write_csv_rows(fh, table, header):
        return
    if df is None:
        df = table.to_pandas()
    for start in range(0, max(len(df), 1), CSV_ROWS):
        csv_cells(df.iloc[start:start + CSV_ROWS]).to_csv(fh, index=False, header=header and start == 0,
                                                          lineterminator="\n")


class CsvWriter:
    """facts.csv, slice after slice.  For a big table the slices go, as the Arrow stream the Parquet
    file is written from, to a Python process of its own (``python -m pipeline.consolidate.facts_csv``)
    that formats and writes them while this one reviews and writes the next: formatting the CSV is
    half of pass 2.  A fresh interpreter, not multiprocessing: a fork would inherit pyarrow's
    threads, and "spawn" runs the caller's main script again when it has no ``__main__`` guard."""

    def __init__(self, path: Path, parallel: bool):
        """``path``: the file being written (a temporary name; see FactsCsv for the rename)."""
        self.path, self.process, self.stream = path, None, None
        if parallel:
            package_root = str(Path(__file__).resolve().parents[2])
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root,
                                                                             os.environ.get("PYTHONPATH")]))}
            self.process = subprocess.Popen([sys.executable, "-m", __name__, str(path)], stdin=subprocess.PIPE,
                                            stderr=subprocess.PIPE, env=env)
        else:
            self.fh = open(path, "w", encoding="utf-8", newline="")

    def write(self, df: pd.DataFrame, table: pa.Table, header: bool) -> None:
        """``table``: ``df`` as Arrow (what the Parquet file gets)."""
        import pyarrow as pa

        if self.process is None:
            write_slice(self.fh, df, header, table)
            return
        try:
            if self.stream is None:
                self.stream = pa.ipc.new_stream(self.process.stdin, table.schema)
            self.stream.write_table(table)
        except (BrokenPipeError, OSError, pa.ArrowIOError):
            self._fail()

    def _wait(self) -> bytes:
        """Its stdin closed, its end awaited: what it said on stderr."""
        try:
            self.process.stdin.close()
        except OSError:
            pass
        err = self.process.stderr.read()
        self.process.wait()
        return err or b""

    def _fail(self, err: bytes | None = None):
        if err is None:
            self.process.kill()
            err = self._wait()
        last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise OSError(f"{self.path}: the process writing the CSV file failed ({last[0]})")

    def __enter__(self) -> CsvWriter:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        import pyarrow as pa

        if self.process is None:
            self.fh.close()
            return
        if kind is not None:                     # failed before the end: do not leave it writing
            self.process.kill()
            self._wait()
            return
        try:
            if self.stream is not None:
                self.stream.close()
        except (BrokenPipeError, OSError, pa.ArrowIOError):
            self._fail()
        err = self._wait()
        if self.process.returncode != 0:
            self._fail(err)


class FactsCsv:
    """facts.csv: a ``CsvWriter`` on a temporary name, renamed into place when the writer ends
    well (``atomic_path``).  Made before it is used (``start_early``); a context manager around
    the writing, or ``abandon``-ed unused."""

    def __init__(self, path: Path, parallel: bool):
        self._stack = contextlib.ExitStack()
        try:
            tmp = self._stack.enter_context(atomic_path(path))
            self.writer = self._stack.enter_context(CsvWriter(tmp, parallel))
        except BaseException:                   # the temporary file removed, facts.csv left as it was
            self._stack.__exit__(*sys.exc_info())
            raise

    def __enter__(self) -> CsvWriter:
        return self.writer

    def __exit__(self, kind, exc, tb):
        return self._stack.__exit__(kind, exc, tb)

    def abandon(self) -> None:
        """Stop the writer, remove the temporary file, leave facts.csv as it was."""
        with contextlib.suppress(_Abandoned):
            self._stack.__exit__(_Abandoned, _Abandoned(), None)


class _Abandoned(Exception):
    pass


def main(path: str) -> None:
    """The CSV writer's process: the Arrow stream on stdin, written as CSV slices to ``path``.
    A stream cut short (its parent was killed) ends it with an error and no rename: the previous
    facts.csv stays, the temporary file is removed by the next run."""
    import pyarrow as pa

    reader = pa.ipc.open_stream(pa.PythonFile(sys.stdin.buffer, mode="r"))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        header = True
        for batch in reader:
            write_slice(fh, None, header, pa.Table.from_batches([batch]))
            header = False


def start_early(out: Path, expected_bytes: int) -> FactsCsv | None:
    """facts.csv's process, started now when ``expected_bytes`` of documents will make a table big
    enough for it (and there is a second core); None otherwise, or when it cannot start now (no
    memory, no pids): pass 2 then starts one as before."""
    if expected_bytes < CSV_PROCESS_MIN_ROWS * BYTES_PER_ROW or cores() <= 1:
        return None
    try:
        return FactsCsv(out / "facts.csv", parallel=True)
    except OSError:
        return None


if __name__ == "__main__":          # the CSV writer's process (CsvWriter)
    main(sys.argv[1])
