"""CPU seconds of the rule-based stages on a corpus directory (issue 13, helper C).

    python bench/bench_rules.py CORPUS [--repeat 3] [--stages figure,event,latin,dates,ingest]
                                       [--profile STAGE] [--top 25]

Every file is ingested once (``ingest`` times that step), then each stage runs over all the
documents: ``figure`` and ``event`` are the extractors, ``latin`` is ``find_latin`` (plus bylines)
on the en/es sentences, ``dates`` is ``dates.sentence_dates`` on every readable sentence (the
per-document date cache is cleared between stages, so each stage pays its own dates).  Numbers are
process CPU seconds (``time.process_time``), medians of ``--repeat``; ``--profile`` prints a
cProfile of one pass of one stage instead.  ``FACTMINE_MODELS=off`` is set here.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("FACTMINE_MODELS", "off")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline import dates, engines  # noqa: E402
from pipeline.dates import engine as date_engine  # noqa: E402
from pipeline.extractors import get  # noqa: E402
from pipeline.ingest import ingest_source  # noqa: E402
from pipeline.types import ENTITY_KINDS, FIGURE_KINDS  # noqa: E402

SKIP = {"catalog.csv", "aliases.yaml"}


def read_corpus(corpus: Path) -> list[tuple[str, bytes]]:
    return [(str(p.relative_to(corpus)), p.read_bytes()) for p in sorted(corpus.rglob("*"))
            if p.is_file() and p.name not in SKIP and not p.name.startswith(".")]


def ingest_all(files):
    docs = []
    for name, data in files:
        try:
            docs.append(ingest_source(data, Path(name).name, name))
        except Exception:  # noqa: BLE001 — unsupported files are skipped as run() does
            pass
    return docs


def stage_fn(stage: str, files):
    if stage == "ingest":
        return lambda docs: ingest_all(files)
    if stage in ("figure", "event"):
        ext = get(stage)
        return lambda docs: [list(ext(d)) for d in docs]
    if stage == "latin":
        from pipeline.extractors.entities.latin import byline_caps, find_latin

        def latin(docs):
            for d in docs:
                for s in d.readable(ENTITY_KINDS):
                    if s.lang in ("en", "es"):
                        text = d.text[s.start:s.end]
                        find_latin(text, s.start, s.lang)
                        byline_caps(text, s.start, s.lang)
        return latin
    if stage == "dates":
        def find_dates(docs):
            for d in docs:
                for s in d.readable(FIGURE_KINDS):
                    dates.sentence_dates(d, s, d.text[s.start:s.end], s.lang)
        return find_dates
    raise SystemExit(f"unknown stage {stage}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--stages", default="ingest,figure,event,latin,dates")
    ap.add_argument("--profile")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--callers", help="with --profile: also who calls functions matching this")
    a = ap.parse_args()
    files = read_corpus(a.corpus)
    docs = ingest_all(files)
    print(f"{len(docs)} documents, {sum(len(d.text) for d in docs):,} chars")
    engines.warm_up()                            # lexicons, patterns, jieba, lingua loaded once
    for stage in a.stages.split(","):            # and whatever the first documents compile
        date_engine._SHARED.clear()
        stage_fn(stage, files)(docs[:20])
    if a.profile:
        date_engine._SHARED.clear()
        fn = stage_fn(a.profile, files)
        prof = cProfile.Profile(time.process_time)
        prof.runcall(fn, docs)
        st = pstats.Stats(prof).sort_stats("tottime")
        st.print_stats(a.top)
        if a.callers:
            st.print_callers(a.callers)
        return
    for stage in a.stages.split(","):
        fn = stage_fn(stage, files)
        times = []
        for _ in range(a.repeat):
            date_engine._SHARED.clear()
            t = time.process_time()
            fn(docs)
            times.append(time.process_time() - t)
        print(f"{stage:8s} {statistics.median(times):7.3f} CPU s  ({', '.join(f'{x:.3f}' for x in times)})")


if __name__ == "__main__":
    main()
