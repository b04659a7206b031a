"""Engines: the same tables from every engine, chunks balanced by size, workers that die with the parent."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline import engines
from pipeline.extractors import KINDS
from pipeline.run import run

from .conftest import CORPUS, ROOT


def _square(x: int) -> tuple[int, int]:
    return x, x * x


def _table(report) -> pd.DataFrame:
    return report.facts.sort_values(["doc_id", "start", "end", "kind"]).reset_index(drop=True)


def test_engines_chunks_shrink_towards_the_end():
    sizes = [1000, 700, 400] + [50 + (i * 37) % 200 for i in range(300)]
    total = sum(sizes)
    chunks = engines.balanced_chunks(list(range(len(sizes))), sizes, 2)
    loads = [sum(sizes[j] for j in chunk) for chunk in chunks]
    assert sorted(j for chunk in chunks for j in chunk) == list(range(len(sizes)))   # every job once
    assert chunks[0][0] == 0                                # the largest job goes first
    assert loads[0] <= total / 4 + max(sizes)               # a share of what is left, not half the work
    assert loads[-1] <= total / 64                          # the last chunks are small: workers end together
    assert len(chunks) <= 40                                # and there are not many of them
    assert all(a >= b - 250 for a, b in zip(loads, loads[1:]))   # shrinking, within one small job
    assert engines.balanced_chunks([], None, 4) == []
    assert len(engines.balanced_chunks([1, 2], None, 8)) == 2       # never more chunks than jobs
    assert [len(c) for c in engines.balanced_chunks(list(range(3)), None, 1)] == [2, 1]


def test_engines_balanced_chunks_refuse_mismatched_sizes():
    with pytest.raises(ValueError):
        engines.balanced_chunks([1, 2, 3], [1, 2], 2)


@pytest.mark.parametrize("name", ["serial", "process"])
def test_engines_map_yields_every_result_once(name):
    with engines.make_engine(name, 2) as engine:
        got = sorted(engine.map(_square, range(23), sizes=[i % 5 + 1 for i in range(23)]))
    assert got == [(i, i * i) for i in range(23)]


def _die_on_three(x: int) -> tuple[str, int]:
    if x == 3:
        os._exit(1)                     # a worker killed (out of memory, say) mid-chunk
    return "ok", x


def test_engines_dead_worker_reported_per_job_not_raised():
    with engines.ProcessEngine(2) as engine:
        got = list(engine.map(_die_on_three, range(6), on_error=lambda job, exc: ("died", job)))
    assert sorted(x for _, x in got) == list(range(6))          # every job answered once
    assert ("died", 3) in got


def _frozen(_job) -> int:
    import gc

    return gc.get_freeze_count()


def test_engines_workers_inherit_the_parent_frozen_and_the_parent_stays_collected():
    """What the workers inherit is out of their collector's reach; the parent's own objects are
    not kept from its collector (nothing frozen left behind)."""
    import gc

    if "fork" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("workers inherit nothing without fork")
    kept = [{"a lexicon entry": i} for i in range(5000)]       # tracked objects the workers inherit
    with engines.ProcessEngine(2) as engine:
        counts = list(engine.map(_frozen, range(4)))
        assert gc.get_freeze_count() == 0
    assert min(counts) >= len(kept)
    gc.freeze()                                                 # a caller's own freeze is left as it was
    try:
        frozen = gc.get_freeze_count()
        with engines.ProcessEngine(2) as engine:
            list(engine.map(_frozen, range(2)))
        assert 0 < gc.get_freeze_count() <= frozen           # neither unfrozen nor more frozen (objects may die)
    finally:
        gc.unfreeze()


def test_engines_worker_count_capped_at_cores():
    assert engines.ProcessEngine(10_000).workers == engines.cores()


def test_engines_unknown_engine_and_stray_scheduler_refused():
    with pytest.raises(ValueError):
        engines.make_engine("spark", 2)
    with pytest.raises(ValueError):
        engines.make_engine("process", 2, scheduler="tcp://127.0.0.1:8786")


def test_engines_same_tables_from_serial_process_and_dask(seed_run, tmp_path):
    """The seed corpus through each engine gives the same fact table, row for row."""
    pytest.importorskip("dask.distributed")
    serial = _table(seed_run[0])
    with engines.ProcessEngine(2, warm_up=engines.warm_up) as engine:
        process = _table(run(CORPUS, None, use_cache=False, engine=engine))
    with engines.DaskEngine(2, processes=False) as engine:
        dask = _table(run(CORPUS, None, use_cache=False, engine=engine))
    pd.testing.assert_frame_equal(process, serial)
    pd.testing.assert_frame_equal(dask, serial)


def _alive(pid: int) -> bool:
    """Running (a zombie no parent reaped counts as dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_engines_workers_die_when_the_parent_is_killed(tmp_path):
    pids = tmp_path / "pids"
    pids.mkdir()
    script = textwrap.dedent(f"""
        import os, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from pipeline.engines import ProcessEngine

        def job(i):
            open(os.path.join({str(pids)!r}, str(os.getpid())), "w").close()
            time.sleep(120)
            return i

        if __name__ == "__main__":
            engine = ProcessEngine(2)
            for _ in engine.map(job, range(4)):
                pass
    """)
    (tmp_path / "parent.py").write_text(script)
    parent = subprocess.Popen([sys.executable, str(tmp_path / "parent.py")], cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        while len(list(pids.iterdir())) < min(2, engines.cores()) and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = [int(p.name) for p in pids.iterdir()]
        assert workers, "no worker started"
        assert all(_alive(pid) for pid in workers)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 20
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    orphans = [pid for pid in workers if _alive(pid)]
    for pid in orphans:                      # do not leave them behind even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not orphans, f"workers {orphans} outlived their killed parent"


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="workers are capped at the machine's cores")
def test_issue_13_run_with_workers_from_python_uses_the_process_engine(tmp_path, monkeypatch):
    used = []
    real_map = engines.ProcessEngine.map

    def spy(self, fn, jobs, sizes=None, on_error=None):
        jobs = list(jobs)
        used.append((self.workers, len(jobs), self.warm_up))
        return real_map(self, fn, jobs, sizes, on_error)

    monkeypatch.setattr(engines.ProcessEngine, "map", spy)
    pooled = run(CORPUS, None, workers=2)
    [(workers, jobs, warm_up)] = used                           # one pool, forked after warm-up
    assert (workers, jobs, warm_up.func, warm_up.args) == (2, pooled.documents, engines.warm_up, (KINDS,))
    pd.testing.assert_frame_equal(_table(pooled), _table(run(CORPUS, None, workers=1)))
    used.clear()
    run(CORPUS, None, workers=2, kinds=("figure",))             # warm-up loads only what figures need
    assert used[0][2].args == (("figure",),)


def test_engines_warm_up_loads_the_language_detector_before_forking():
    """Issue 13: the warm-up text is decided by hint words, so lingua was loaded again in every
    forked worker; warm_up() now loads it in the parent (not with detector=False)."""
    from pipeline.ingest import blocks

    blocks._lingua.cache_clear()
    engines.warm_up(detector=False)
    assert blocks._lingua.cache_info().currsize == 0
    engines.warm_up()
    assert blocks._lingua.cache_info().currsize == 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_engines_a_fork_of_a_process_that_preloaded_the_detector_does_not_preload_again():
    """The warm-up has lingua load its models on its own threads (issue 13); that thread pool is
    inherited broken by a fork, and a child that preloaded again would hang: it builds lazily."""
    code = textwrap.dedent("""
        import os, signal, sys
        from pipeline.ingest import blocks
        blocks.warm_up_detector()
        assert blocks._preloaded_in == os.getpid()
        pid = os.fork()
        if pid == 0:
            signal.alarm(60)                      # a hang ends the child, with SIGALRM
            blocks._lingua.cache_clear(), blocks._lingua_quick.cache_clear()
            blocks.warm_up_detector()
            verdict = blocks._lingua().compute_language_confidence_values("esto es una frase")[0]
            os._exit(0 if str(verdict.language) == "Language.SPANISH" else 3)
        sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
    """)
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])


def _plain_jobs(folder: Path, texts: dict[str, str]) -> list:
    folder.mkdir(parents=True, exist_ok=True)
    jobs = []
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
        jobs.append((folder / name, "digest", name, None, ("figure",), None))
    return jobs


def test_engines_warm_up_skips_the_detector_when_no_document_needs_it(tmp_path):
    from pipeline.ingest import blocks

    zh = _plain_jobs(tmp_path / "zh", {"a.txt": "去年，新疆网上零售额达723.3亿元。\n\nGDP 增长 5%。"})
    en = _plain_jobs(tmp_path / "en", {"b.txt": "Xinjiang online retail sales hit 72.33 billion yuan, up 13.62 percent."})
    blocks._lingua.cache_clear()
    engines.warm_up(jobs=zh)
    assert blocks._lingua.cache_info().currsize == 0
    engines.warm_up(jobs=zh + en)
    assert blocks._lingua.cache_info().currsize == 1
    assert engines._may_need_detector([("not", "a", "path")])          # a job of another shape: load it
    assert engines._takes_jobs(engines.warm_up) and not engines._takes_jobs(lambda: None)


def test_engines_detector_probe_never_says_no_to_a_document_that_asks(monkeypatch):
    """A plain text the probe says needs no detector is ingested without asking it."""
    from pipeline.ingest import blocks, ingest_source

    def refuse():
        raise AssertionError("the detector was asked")

    files = sorted(CORPUS.glob("*.txt")) + sorted((ROOT / "tests" / "data").glob("devset*/corpus/*.txt"))
    unneeded = [p for p in files if not blocks.may_need_detector(p.read_bytes().decode("utf-8-sig", "replace"))]
    assert unneeded and len(unneeded) < len(files)
    monkeypatch.setattr(blocks, "_lingua", refuse)
    for p in unneeded:
        ingest_source(p.read_bytes(), p.name, p.name)


def test_engines_detector_probe_samples_a_large_run(tmp_path, monkeypatch):
    read = []
    jobs = _plain_jobs(tmp_path / "zh", {f"{i}.txt": "去年，新疆网上零售额达723.3亿元。" for i in range(50)})
    monkeypatch.setattr(engines, "PROBE_DOCUMENTS", 10)
    from pipeline.ingest import blocks
    monkeypatch.setattr(blocks, "may_need_detector", lambda text: read.append(text) or False)
    assert not engines._may_need_detector(jobs)
    assert len(read) == 10
