"""The workers' share of ``factmine run``: ``run._extract_blob`` (ingest, the extractors and
``rows.derive``) over every file of a corpus, in one process.

    python bench/profile_docs.py CORPUS [--repeat 3] [--profile N] [--save FILE] [--check FILE]
    python bench/profile_docs.py CORPUS --ab OTHER_CHECKOUT [--repeat 3]

Each repetition runs in a fresh process that first warms up as the process engine's parent does
(``engines.warm_up``: every lexicon, pattern and jieba loaded, lingua too), then times
``_extract_blob`` on every file in CPU seconds (``time.process_time``): per-text caches start empty,
as in a forked worker.  Prints the median.  ``--profile N`` prints the top N entries of one cProfile
run (CPU clock) by own time and by cumulative time.  ``--save FILE`` writes every document's blob
(JSON, sorted keys) and ``--check FILE`` compares them with a saved file: a quick byte-identity
check of the worker side before the full ``factmine run``.  ``--ab`` runs another checkout's
``pipeline`` (e.g. a ``git archive main`` export) and this one alternately, A B A B A B, so both see
the same machine load, and prints both medians.  ``FACTMINE_MODELS=off`` is set.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

os.environ["FACTMINE_MODELS"] = "off"

CHILD = r"""
import cProfile, io, json, pstats, sys, time
from pathlib import Path
from pipeline import engines, run as R
corpus, prof, save = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
catalog = R.read_catalog(corpus)
jobs = []
for path in R.scan(corpus).files:
    doc_id = R.doc_id_of(path, corpus)
    jobs.append((path.read_bytes(), path.name, doc_id, catalog.get(doc_id)))
engines.warm_up(R.KINDS)
from pipeline.ingest.blocks import warm_up_detector
warm_up_detector()
blobs = {}
def work():
    for data, name, doc_id, row in jobs:
        blobs[doc_id] = R._extract_blob(data, name, doc_id, row, R.KINDS)
if prof:
    pr = cProfile.Profile(time.process_time)
    pr.runcall(work)
    for key in ("tottime", "cumulative"):
        s = io.StringIO()
        pstats.Stats(pr, stream=s).sort_stats(key).print_stats(prof)
        print(s.getvalue(), file=sys.stderr)
else:
    t0 = time.process_time()
    work()
    print(json.dumps({"cpu": time.process_time() - t0, "docs": len(jobs),
                      "chars": sum(b["chars"] for b in blobs.values())}))
if save:
    Path(save).write_text(json.dumps(blobs, sort_keys=True, ensure_ascii=False), encoding="utf-8")
"""


def child(corpus: str, prof: int = 0, save: str = "", code: str = "") -> str:
    root = Path(code).resolve() if code else Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", CHILD, corpus, str(prof), save], cwd=root,
                          capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(done.stderr)
    return done.stdout if not prof else done.stderr


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", type=int, default=0, metavar="N")
    ap.add_argument("--save", default="")
    ap.add_argument("--check", default="")
    ap.add_argument("--ab", default="", metavar="OTHER_CHECKOUT")
    args = ap.parse_args()
    if args.ab:
        a, b = [], []
        for _ in range(args.repeat):
            a.append(json.loads(child(args.corpus, code=args.ab))["cpu"])
            b.append(json.loads(child(args.corpus))["cpu"])
        print(json.dumps({"A": round(statistics.median(a), 3), "B": round(statistics.median(b), 3),
                          "A_runs": [round(c, 3) for c in a], "B_runs": [round(c, 3) for c in b]}))
        return
    if args.profile:
        print(child(args.corpus, args.profile))
        return
    if args.save or args.check:
        dest = args.save or args.check + ".new"
        print(child(args.corpus, 0, dest).strip())
        if args.check:
            same = Path(dest).read_bytes() == Path(args.check).read_bytes()
            print("identical" if same else f"DIFFERENT: {dest} vs {args.check}")
            if not same:
                sys.exit(1)
        return
    runs = [json.loads(child(args.corpus)) for _ in range(args.repeat)]
    cpu = [r["cpu"] for r in runs]
    print(json.dumps({"median_cpu": round(statistics.median(cpu), 3), "runs": [round(c, 3) for c in cpu],
                      "docs": runs[0]["docs"], "chars": runs[0]["chars"]}))


if __name__ == "__main__":
    main()
