"""CPU seconds of the entity stage on a corpus, and of jieba's loading in a fresh process.

    python bench/bench_zh_entities.py bench/.work/zh-300/corpus            # stage, median of 3
    python bench/bench_zh_entities.py CORPUS --profile 25                   # cProfile, top 25 (tottime)
    python bench/bench_zh_entities.py --load                                # init_jieba() in a new process

The documents are ingested and everything is warmed up (lexicons, jieba, patterns) before the
clock starts; per-sentence caches are cleared before each repetition, so every repetition does
the same work.  CPU seconds (``time.process_time``), not wall time: the machine is shared.
No numbers are asserted anywhere: this is a measurement, not a test.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LOAD = ("import time; t0 = time.process_time(); "
        "from pipeline.extractors.entities.lexicon import init_jieba; init_jieba(); "
        "print(time.process_time() - t0)")


def _docs(corpus: Path):
    from pipeline.ingest import ingest_file

    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in (".txt", ".md", ".html"))
    return [ingest_file(p, reference_date="2025-01-01") for p in files]


def _clear_caches() -> None:
    from pipeline.extractors.entities import canonical, zh, zh_units
    from pipeline.extractors.entities.lexicon import init_jieba

    for cache in ("_blocks", "_guesses"):     # the tokenizer's caches (zh_jieba.FastTokenizer)
        getattr(init_jieba(), cache, {}).clear()
    getattr(zh, "_WORD_UNITS", {}).clear()
    for mod in (zh, zh_units, canonical):
        for name in dir(mod):
            fn = getattr(mod, name)
            if callable(fn) and hasattr(fn, "cache_clear") and getattr(fn, "__module__", "") == mod.__name__ \
                    and fn.cache_info().maxsize not in (1, None):
                fn.cache_clear()


def stage(corpus: Path, reps: int, profile: int) -> None:
    os.environ.setdefault("FACTMINE_MODELS", "off")
    from pipeline.engines import warm_up
    from pipeline.extractors import get

    warm_up()
    docs = _docs(corpus)
    extract = get("entity")
    chars = sum(len(d.text) for d in docs)
    if profile:
        _clear_caches()
        prof = cProfile.Profile(time.process_time)
        prof.enable()
        for d in docs:
            list(extract(d))
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(profile)
        return
    times = []
    for _ in range(reps):
        _clear_caches()
        t0 = time.process_time()
        n = sum(1 for d in docs for _ in extract(d))
        times.append(time.process_time() - t0)
    print(f"{len(docs)} documents, {chars:,} chars, {n} mentions; entity stage CPU s "
          f"{' '.join(f'{t:.2f}' for t in times)}, median {statistics.median(times):.2f}")


def load(reps: int) -> None:
    times = []
    for _ in range(reps):
        out = subprocess.run([sys.executable, "-c", LOAD], cwd=ROOT, capture_output=True, text=True, check=True)
        times.append(float(out.stdout.split()[-1]))
    print(f"init_jieba() in a fresh process, CPU s {' '.join(f'{t:.2f}' for t in times)}, "
          f"median {statistics.median(times):.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="print the top N functions by own time")
    ap.add_argument("--load", action="store_true", help="time init_jieba() in fresh processes")
    args = ap.parse_args()
    if args.load:
        load(args.reps)
    if args.corpus:
        stage(args.corpus, args.reps, args.profile)


if __name__ == "__main__":
    main()
