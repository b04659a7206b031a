"""Where the per-document work runs: in this process, in a pool of processes, or on a Dask cluster.

Every engine has one method, ``map(fn, jobs, sizes=None, on_error=None)``, which yields ``fn(job)``
for every job *as it completes* (not in job order), so the caller can write and report while the
rest still runs.  When a worker dies (out of memory, killed), ``on_error(job, exc)`` is yielded for
each job it took down; without ``on_error`` the error is raised.
``fn`` must be a module-level function (it is pickled) and its result should say which job it
belongs to.  Results cross process boundaries, so keep them compact (tuples, not dicts: see
``Mention.to_row``).

* ``SerialEngine``   — in this process, in order; no start-up cost.
* ``ProcessEngine``  — a pool of worker processes on this machine.  The parent runs ``warm_up``
  (loads lexicons, compiles patterns, loads jieba) *before* the pool starts and the workers are
  forked from it (Linux), so nothing is loaded twice.  Jobs go in chunks that shrink towards the
  end (largest jobs first), workers die with their parent (``PR_SET_PDEATHSIG``), at most one
  worker per core.
* ``DaskEngine``     — a ``dask.distributed`` cluster: a scheduler address, or a ``LocalCluster``
  on this machine without one.  Jobs carry file paths, so files are read on the workers: the
  workers must see the corpus at the same path (a shared filesystem).

``make_engine(name, workers, scheduler)`` builds one from CLI options.
"""
from __future__ import annotations

import gc
import inspect
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

log = logging.getLogger("factmine")

ENGINES = ("serial", "process", "dask")
TAIL_CHUNKS = 64           # the smallest chunk is 1/(TAIL_CHUNKS x workers) of the work (see balanced_chunks)


def cores() -> int:
    """CPUs this process may use (the affinity mask, not the machine's count, where known)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:                                     # macOS, Windows
        return max(1, os.cpu_count() or 1)


def balanced_chunks(jobs: Sequence[Any], sizes: Sequence[int] | None, workers: int) -> list[list[Any]]:
    """Jobs in chunks for ``workers`` workers, largest jobs first, chunks shrinking towards the end
    (guided self-scheduling): each chunk takes 1/(2 x workers) of the size still unassigned, down to
    a floor of 1/(``TAIL_CHUNKS`` x workers) of the total.

    Big chunks early cost few messages; small ones late let the workers finish together and leave
    the parent (which writes each result as it comes) little to catch up on once they are done.
    A job larger than its chunk's share is a chunk of its own.  Without sizes every job counts 1.
    """
    if not jobs:
        return []
    sizes = list(sizes) if sizes is not None else [1] * len(jobs)
    if len(sizes) != len(jobs):
        raise ValueError(f"{len(jobs)} jobs but {len(sizes)} sizes")
    workers = max(1, workers)
    weights = [max(1, s) for s in sizes]
    remaining = sum(weights)
    floor = remaining / (TAIL_CHUNKS * workers)
    chunks: list[list[Any]] = []
    load = target = 0.0
    for i in sorted(range(len(jobs)), key=lambda i: -weights[i]):
        if not chunks or load >= target:
            chunks.append([])
            load, target = 0.0, max(floor, remaining / (2 * workers))
        chunks[-1].append(jobs[i])
        load += weights[i]
        remaining -= weights[i]
    return chunks


def run_chunk(fn: Callable[[Any], Any], chunk: list[Any]) -> list[Any]:
    """One task on a worker: ``fn`` over a chunk of jobs."""
    return [fn(job) for job in chunk]


class SerialEngine:
    """Everything in this process, in job order."""
    name = "serial"
    workers = 1

    def map(self, fn: Callable[[Any], Any], jobs: Iterable[Any], sizes: Sequence[int] | None = None,
            on_error: Callable[[Any, BaseException], Any] | None = None) -> Iterator[Any]:
        for job in jobs:
            yield fn(job)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def die_with_parent(parent: int) -> None:
    """Worker initializer: on Linux ask the kernel for SIGKILL when the parent dies; everywhere,
    leave at once if the parent is already gone (it died between fork and this call), and watch
    for it from a daemon thread (platforms without PR_SET_PDEATHSIG)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            PR_SET_PDEATHSIG = 1
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
                log.debug("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


class ProcessEngine(SerialEngine):
    """A pool of worker processes forked after ``warm_up`` ran in the parent (where fork exists)."""
    name = "process"

    def __init__(self, workers: int, warm_up: Callable[[], Any] | None = None):
        self.workers = max(1, min(workers, cores()))
        self.warm_up = warm_up
        self._pool: ProcessPoolExecutor | None = None

    def _start(self, jobs: Sequence[Any] = ()) -> ProcessPoolExecutor:
        if self._pool is None:
            methods = multiprocessing.get_all_start_methods()
            fork = "fork" in methods
            if self.warm_up is not None and fork:
                if _takes_jobs(self.warm_up):      # loaded once, shared copy-on-write by the workers
                    self.warm_up(jobs=jobs)
                else:
                    self.warm_up()
            ctx = multiprocessing.get_context("fork" if fork else "spawn")
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_initialize,
                                             initargs=(os.getpid(), None if fork else self.warm_up))
        return self._pool

    def map(self, fn: Callable[[Any], Any], jobs: Iterable[Any], sizes: Sequence[int] | None = None,
            on_error: Callable[[Any, BaseException], Any] | None = None) -> Iterator[Any]:
        jobs = list(jobs)
        if not jobs:
            return
        pool = self._start(jobs)
        # the workers fork at the first submit: what they inherit (lexicons, models, patterns) is
        # frozen, so their collector never walks it (nor copies its pages by writing to it);
        # this process's own objects go back to its collector once they have forked (unless its
        # caller had frozen some: then that is the caller's to undo, and nothing more is frozen)
        freeze = gc.get_freeze_count() == 0
        if freeze:
            gc.freeze()
        try:
            chunks = {pool.submit(run_chunk, fn, chunk): chunk
                      for chunk in balanced_chunks(jobs, sizes, self.workers)}
        finally:
            if freeze:
                gc.unfreeze()
        pending = set(chunks)
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    try:
                        results = future.result()
                    except BrokenProcessPool as exc:       # a worker died: its chunk is lost
                        if on_error is None:
                            raise
                        results = [on_error(job, exc) for job in chunks[future]]
                    yield from results
        finally:
            for future in pending:
                future.cancel()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _takes_jobs(warm_up: Callable[..., Any]) -> bool:
    """A warm-up that can look at the jobs about to run (``warm_up(jobs=...)``)."""
    try:
        return "jobs" in inspect.signature(warm_up).parameters
    except (TypeError, ValueError):
        return False


def _initialize(parent: int, warm_up: Callable[[], Any] | None) -> None:
    die_with_parent(parent)
    if warm_up is not None:                       # spawn: nothing inherited, load here
        warm_up()


class DaskEngine(SerialEngine):
    """Jobs on a ``dask.distributed`` cluster; a ``LocalCluster`` when no scheduler address is given."""
    name = "dask"

    def __init__(self, workers: int = 1, scheduler: str | None = None, *, processes: bool = True,
                 warm_up: Callable[[], Any] | None = None):
        from dask.distributed import Client, LocalCluster

        self._cluster = None
        if scheduler:
            self._client = Client(scheduler)
        else:
            self._cluster = LocalCluster(n_workers=max(1, min(workers, cores())), threads_per_worker=1,
                                         processes=processes, dashboard_address=None,
                                         silence_logs=logging.ERROR)   # no shutdown chatter on stderr
            self._client = Client(self._cluster)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))
        if warm_up is not None:
            self._client.run(warm_up)             # load lexicons and jieba on every worker once

    def map(self, fn: Callable[[Any], Any], jobs: Iterable[Any], sizes: Sequence[int] | None = None,
            on_error: Callable[[Any, BaseException], Any] | None = None) -> Iterator[Any]:
        from dask.distributed import as_completed

        jobs = list(jobs)
        if not jobs:
            return
        chunks = balanced_chunks(jobs, sizes, self.workers)
        futures = self._client.map(run_chunk, [fn] * len(chunks), chunks, pure=False)
        chunk_of = {f.key: chunk for f, chunk in zip(futures, chunks)}
        try:
            for future in as_completed(futures):
                try:
                    results = future.result()
                except Exception as exc:                   # noqa: BLE001 — a worker lost (KilledWorker)
                    if on_error is None:
                        raise
                    results = [on_error(job, exc) for job in chunk_of[future.key]]
                future.release()
                yield from results
        finally:
            self._client.cancel([f for f in futures if not f.done()])

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(name: str = "process", workers: int = 1, scheduler: str | None = None,
                warm_up: Callable[[], Any] | None = None) -> SerialEngine:
    """The engine for ``factmine run --engine NAME --workers N [--scheduler ADDRESS]``.

    ``process`` with one worker is the serial engine (a pool of one only adds start-up).
    """
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}: choose from {', '.join(ENGINES)}")
    if name == "dask":
        return DaskEngine(workers, scheduler, warm_up=warm_up)
    if scheduler:
        raise ValueError("--scheduler needs --engine dask")
    if name == "serial" or workers <= 1:
        return SerialEngine()
    return ProcessEngine(workers, warm_up=warm_up)


WARM_UP_TEXT = ("Sales rose 5 percent in Beijing last year, Li Wei said on May 3.\n\n"
                "去年，北京的销售额增长5%，李伟5月3日说。\n\n"
                "Las ventas subieron un 5 por ciento en Madrid el año pasado, dijo el 3 de mayo.")


def warm_up(kinds: Sequence[str] | None = None, *, detector: bool = True, jobs: Sequence[Any] | None = None) -> None:
    """Load every resource, compiled pattern and jieba once, by extracting from a small text in
    each language (before forking workers, or once on each Dask worker), and the language
    detector's models (``detector``; the warm-up text's lines are decided by hint words, so
    without this every worker loaded lingua again on its first unhinted Latin-script line).
    Pass ``detector=False`` when the language is forced and lingua is never asked.  Given
    ``jobs`` (run()'s, ``(path, ...)`` tuples), the detector is loaded only if a document may
    need it (a Chinese corpus does not: 1 s CPU and ~130 MB saved)."""
    from .consolidate import rows
    from .extractors import extract_all
    from .ingest import ingest_text
    from .ingest.blocks import warm_up_detector

    doc = ingest_text(WARM_UP_TEXT, "warm-up", reference_date="2024-01-01")
    rows.derive(extract_all(doc, kinds), {doc.doc_id: doc.meta.title})   # the metric and subject rules too
    if detector and (jobs is None or _may_need_detector(jobs)):
        warm_up_detector()


PROBE_DOCUMENTS = 200      # documents the detector probe reads at most (spread over the run)


def _may_need_detector(jobs: Sequence[Any]) -> bool:
    """Whether a document of ``jobs`` may ask the language detector: plain text files are read
    and looked at (``blocks.may_need_detector``); anything else, or a job of another shape, may.
    A large run is sampled (``PROBE_DOCUMENTS``, evenly): the probe runs in the parent before the
    workers start, and a miss only means the workers load the detector themselves, as before."""
    from .errors import FactmineError
    from .ingest.blocks import may_need_detector
    from .ingest.decode import decode
    from .ingest.formats import format_of, sniff

    jobs = list(jobs)
    step = max(1, -(-len(jobs) // PROBE_DOCUMENTS))
    for job in jobs[::step]:
        path = job[0] if isinstance(job, tuple) and job else None
        if not isinstance(path, Path):
            return True
        try:
            data = path.read_bytes()
            if sniff(data, format_of(path.name)) != "text":
                return True                       # converted or Markdown: its lines are not the file's
            text = decode(data, path.name).text
        except (OSError, FactmineError):
            continue                              # unreadable: skipped by the run, asks nothing
        if may_need_detector(text):
            return True
    return False
