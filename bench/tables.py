"""The parent's serial share of ``factmine run``: building and writing the tables from per-document results.

    python bench/tables.py CORPUS [--repeat 3] [--profile N] [--keep DIR] [--check REF_DIR]
    python bench/tables.py CORPUS --run 1,2 [--code OTHER_CHECKOUT] [--repeat 3]

Runs ``factmine run`` once (cached) to get every document's result, then, in a fresh process per
repetition (pandas import included, as in a real run), times ``run._build_tables`` + ``run._write_tables``
on those results in CPU seconds (``time.process_time``).  Prints the median; ``--profile N`` also
prints the top N cumulative entries of one cProfile run.  ``FACTMINE_MODELS=off`` is set.

``--run 1,2``: the whole ``factmine run --no-cache`` with 1 and 2 workers instead, CPU seconds of the
parent process (``RUSAGE_SELF``: what stays serial) and of its workers (``RUSAGE_CHILDREN``), medians;
``--code`` runs another checkout's ``pipeline`` (e.g. ``git archive main``), for before/after.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ["FACTMINE_MODELS"] = "off"

CHILD = r"""
import json, sys, time, cProfile, pstats, io
from pathlib import Path
t_all = time.process_time()
from pipeline import run as R, review
corpus, out, dest, prof = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
results = {}
for p in sorted((out / R.CACHE_DIR).glob("fm-*.json")):
    blob = json.loads(p.read_text(encoding="utf-8"))
    results[blob["doc_id"]] = blob
decisions = review.load_decisions(corpus, None, out=out)
report = R.RunReport()
def work():
    R._build_tables(report, results, decisions, corpus)
    R._write_tables(report, dest)
if prof:
    pr = cProfile.Profile(time.process_time)
    pr.runcall(work)
    s = io.StringIO()
    pstats.Stats(pr, stream=s).sort_stats("cumulative").print_stats(prof)
    print(s.getvalue(), file=sys.stderr)
else:
    t0 = time.process_time()
    work()
    print(json.dumps({"tables": time.process_time() - t0, "docs": len(results)}))
"""


RUN = r"""
import json, resource, sys, tempfile
from pipeline.cli import main
out = tempfile.mkdtemp(prefix="fm-run-")
sys.argv = ["factmine", "run", "--corpus", sys.argv[1], "--out", out, "--no-cache", "--workers", sys.argv[2]]
try:
    main()
except SystemExit:
    pass
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"parent": me.ru_utime + me.ru_stime, "workers": kids.ru_utime + kids.ru_stime}))
"""


def whole_runs(corpus: Path, workers: list[int], repeat: int, code: Path) -> None:
    for w in workers:
        got = []
        for _ in range(repeat):
            r = subprocess.run([sys.executable, "-c", RUN, str(corpus.resolve()), str(w)], check=True, cwd=code,
                               capture_output=True, text=True)
            got.append(json.loads(r.stdout.strip().splitlines()[-1]))
        parent = statistics.median(g["parent"] for g in got)
        kids = statistics.median(g["workers"] for g in got)
        total = statistics.median(g["parent"] + g["workers"] for g in got)
        print(f"{code}: {corpus} workers={w}: CPU s parent {parent:.2f}, workers {kids:.2f}, total {total:.2f} "
              f"(medians of {repeat})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", type=int, default=0)
    ap.add_argument("--keep", type=Path, help="output folder whose cache to use (made if missing)")
    ap.add_argument("--check", type=Path, help="folder of reference CSVs the written ones must equal byte for byte")
    ap.add_argument("--run", help="whole runs with these worker counts, e.g. 1,2")
    ap.add_argument("--code", type=Path, help="checkout whose pipeline --run uses (default: this one)")
    args = ap.parse_args()
    root = Path(__file__).resolve().parent.parent
    if args.run:
        whole_runs(args.corpus, [int(w) for w in args.run.split(",")], args.repeat, args.code or root)
        return
    out = args.keep or Path(tempfile.mkdtemp(prefix="fm-tables-"))
    if not (out / ".cache").is_dir():
        subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "--corpus", str(args.corpus), "--out", str(out),
                        "--workers", "1"], check=True, cwd=root, stdout=subprocess.DEVNULL)
    dest = Path(tempfile.mkdtemp(prefix="fm-tables-out-"))
    times = []
    for _ in range(args.repeat):
        r = subprocess.run([sys.executable, "-c", CHILD, str(args.corpus), str(out), str(dest), "0"], check=True,
                           cwd=root, capture_output=True, text=True)
        times.append(json.loads(r.stdout.strip().splitlines()[-1])["tables"])
    if args.check:
        for ref in sorted(args.check.glob("*.csv")):
            same = (dest / ref.name).read_bytes() == ref.read_bytes()
            print(f"{ref.name}: {'identical' if same else 'DIFFERENT'}")
    print(f"{args.corpus}: build+write tables, CPU s: median {statistics.median(times):.2f} "
          f"({', '.join(f'{t:.2f}' for t in times)})")
    if args.profile:
        r = subprocess.run([sys.executable, "-c", CHILD, str(args.corpus), str(out), str(dest), str(args.profile)],
                           check=True, cwd=root, capture_output=True, text=True)
        print(r.stderr)


if __name__ == "__main__":
    main()
