"""End-to-end speed and memory of ``factmine run``, and the off-the-shelf stack on the same text.

    python bench/e2e.py --files 300                       # all measurements, 300 files per corpus
    python bench/e2e.py --files 300 --only run,startup    # a subset (run, rerun, startup, rss, offshelf, profile)
    python bench/e2e.py --rss 500,5000                    # peak RSS of a 1-worker run at two corpus sizes

Corpora are generated under ``bench/.work/`` (ignored by git, never committed): news-sized files
made from the project's own articles (``corpus/`` and ``tests/data/devset*/corpus``), each copy
with its numbers changed (every digit run gets new digits of the same length, the first never 0)
so no two files are the same and clustering sees distinct figures.  Corpora: ``zh``, ``en``,
``es`` (articles of one language) and ``mixed`` (all, including the bilingual one).

Every timing is the median of ``--repeat`` runs (3 by default) of the real command in a fresh
process, so start-up is included; peak RSS is the largest process of the run (``wait4``).
The machine may be shared: say so next to the numbers.  Nothing here is asserted by the tests.

The off-the-shelf stack (jieba POS for Chinese names, spaCy small NER for English/Spanish,
dateparser's ``search_dates`` for dates in all three) runs in a separate venv given by
``--offshelf-python`` (see bench/README.md for how to make it): it is never a dependency of factmine.
"""
from __future__ import annotations

import argparse
import compileall
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
FACTMINE = [sys.executable, "-m", "pipeline.cli"]
_HAN = regex.compile(r"\p{Han}")
_DIGITS = regex.compile(r"\d+")
SENTENCES = {"zh": "去年，新疆网上零售额达723.3亿元，同比增长13.62%。",
             "en": "Last year, Xinjiang's online retail sales hit 72.33 billion yuan, up 13.62 percent.",
             "es": "El año pasado, las ventas en línea de Xinjiang alcanzaron 72.330 millones de yuanes."}


def sources() -> dict[str, list[Path]]:
    """Articles by language: zh / en / es, plus 'bilingual' for the parallel English/Chinese one."""
    found: dict[str, list[Path]] = {"zh": [], "en": [], "es": [], "bilingual": []}
    files = sorted((ROOT / "corpus").glob("*.txt")) + sorted(ROOT.glob("tests/data/devset*/corpus/*.txt"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        han = len(_HAN.findall(text))
        latin = len(regex.findall(r"\p{Latin}", text))
        if han and latin and min(han, latin) > 0.2 * max(han, latin):
            found["bilingual"].append(path)
        elif han > latin:
            found["zh"].append(path)
        elif regex.search(r"\b(?:el|la|los|de la|que)\b", text) and text.count(" the ") < 5:
            found["es"].append(path)
        else:
            found["en"].append(path)
    return found


def vary_numbers(text: str, rng: random.Random) -> str:
    def new(m: regex.Match) -> str:
        digits = m.group()
        if len(digits) == 4 and digits[:2] in ("19", "20"):      # keep years plausible
            return digits[:2] + f"{rng.randrange(100):02d}"
        first = str(rng.randrange(1, 10)) if len(digits) > 1 else str(rng.randrange(10))
        return first + "".join(str(rng.randrange(10)) for _ in digits[1:])
    return _DIGITS.sub(new, text)


def make_corpus(name: str, n_files: int, seed: int = 13) -> tuple[Path, int]:
    """``bench/.work/<name>-<n>/`` with n files; returns (folder, total characters)."""
    folder = WORK / f"{name}-{n_files}"
    marker = folder / ".chars"
    if marker.is_file():
        return folder, int(marker.read_text())
    src = sources()
    pool = [p for lang in ("zh", "en", "es", "bilingual") for p in src[lang]] if name == "mixed" else src[name]
    texts = [p.read_text(encoding="utf-8") for p in pool]
    rng = random.Random(seed)
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "corpus").mkdir(parents=True)
    total = 0
    for i in range(n_files):
        text = vary_numbers(texts[i % len(texts)], rng)
        sub = folder / "corpus" / f"{i // 500:03d}"          # a few sub-folders, as real corpora have
        sub.mkdir(exist_ok=True)
        (sub / f"{name}_{i:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    marker.write_text(str(total))
    return folder, total


def timed(cmd: list[str], stdin: bytes | None = None, cwd: Path = ROOT) -> tuple[float, float]:
    """Run a command -> (wall seconds, CPU seconds of it and its children); fails loudly on failure.

    CPU seconds are less disturbed by other jobs on a shared machine than wall seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate(stdin)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return seconds, cpu


def peak_rss(cmd: list[str]) -> float:
    """Peak RSS (MB) of the largest process of a command, via /usr/bin/time -v (children included)."""
    res = subprocess.run(["/usr/bin/time", "-v", *cmd], cwd=ROOT, capture_output=True, text=True, check=True)
    line = next(ln for ln in res.stderr.splitlines() if "Maximum resident set size" in ln)
    return int(line.rsplit(":", 1)[1]) / 1024


def run_cmd(folder: Path, workers: int, *, cache: bool = False, extra: tuple[str, ...] = ()) -> list[str]:
    cmd = FACTMINE + ["run", "--corpus", str(folder / "corpus"), "--out", str(folder / "out"),
                      "--workers", str(workers), *extra]
    return cmd if cache else cmd + ["--no-cache"]


def median_time(cmd: list[str], repeat: int, stdin: bytes | None = None) -> tuple[float, list[float], float]:
    """(median wall seconds, every run's wall seconds, median CPU seconds)."""
    runs = [timed(cmd, stdin) for _ in range(repeat)]
    times = [w for w, _ in runs]
    return statistics.median(times), times, statistics.median(c for _, c in runs)


def bench_runs(names: list[str], n_files: int, repeat: int, workers: list[int]) -> list[dict]:
    rows = []
    for name in names:
        folder, chars = make_corpus(name, n_files)
        for w in workers:
            med, times, cpu = median_time(run_cmd(folder, w), repeat)
            rows.append({"corpus": name, "files": n_files, "chars": chars, "workers": w, "seconds": round(med, 2),
                         "chars_per_s": round(chars / med), "cpu_s": round(cpu, 2),
                         "chars_per_cpu_s": round(chars / cpu), "runs": [round(t, 2) for t in times]})
            print(json.dumps(rows[-1]), flush=True)
    return rows


def bench_ab(names: list[str], n_files: int, repeat: int, workers: list[int], other: Path) -> list[dict]:
    """This tree (B) against another checkout (A, e.g. the code before a change), runs interleaved
    A B A B ... so both see the same machine load; ``python -m pipeline.cli`` runs in each tree."""
    rows = []
    for name in names:
        folder, chars = make_corpus(name, n_files)
        for w in workers:
            runs: dict[str, list[tuple[float, float]]] = {"A": [], "B": []}
            for _ in range(repeat):
                for tag, tree in (("A", other), ("B", ROOT)):
                    runs[tag].append(timed(run_cmd(folder, w), cwd=tree))
            for tag in ("A", "B"):
                wall = statistics.median(t for t, _ in runs[tag])
                cpu = statistics.median(c for _, c in runs[tag])
                rows.append({"tree": tag, "corpus": name, "files": n_files, "chars": chars, "workers": w,
                             "seconds": round(wall, 2), "chars_per_s": round(chars / wall), "cpu_s": round(cpu, 2),
                             "chars_per_cpu_s": round(chars / cpu), "runs": [round(t, 2) for t, _ in runs[tag]]})
                print(json.dumps(rows[-1]), flush=True)
    return rows


def bench_rerun(name: str, n_files: int, repeat: int) -> dict:
    folder, chars = make_corpus(name, n_files)
    cold, cold_cpu = timed(run_cmd(folder, 1))              # --no-cache: redoes all, refills the cache
    med, times, cpu = median_time(run_cmd(folder, 1, cache=True), repeat)
    row = {"corpus": name, "files": n_files, "cold_s": round(cold, 2), "rerun_s": round(med, 2),
           "share": round(med / cold, 3), "cold_cpu_s": round(cold_cpu, 2), "rerun_cpu_s": round(cpu, 2),
           "cpu_share": round(cpu / cold_cpu, 3), "runs": [round(t, 2) for t in times]}
    print(json.dumps(row), flush=True)
    return row


def bench_startup(repeat: int) -> list[dict]:
    rows = []
    for lang, sentence in SENTENCES.items():
        for forced in (False, True):
            cmd = FACTMINE + ["extract", "-", "--reference-date", "2025-09-28"] + (["--lang", lang] if forced else [])
            med, times, cpu = median_time(cmd, repeat, sentence.encode())
            rows.append({"lang": lang, "forced_lang": forced, "seconds": round(med, 2), "cpu_s": round(cpu, 2),
                         "runs": [round(t, 2) for t in times]})
            print(json.dumps(rows[-1]), flush=True)
    return rows


def bench_rss(sizes: list[int]) -> list[dict]:
    rows = []
    for n in sizes:
        folder, chars = make_corpus("mixed", n)
        mb = peak_rss(run_cmd(folder, 1))
        rows.append({"corpus": "mixed", "files": n, "chars": chars, "peak_rss_mb": round(mb)})
        print(json.dumps(rows[-1]), flush=True)
    return rows


def bench_offshelf(python: str, names: list[str], n_files: int, limit: int) -> list[dict]:
    rows = []
    for name in names:
        folder, _ = make_corpus(name, n_files)
        res = subprocess.run([python, str(ROOT / "bench" / "offshelf.py"), str(folder / "corpus"), str(limit)],
                             capture_output=True, text=True, check=True)
        rows.append({"corpus": name, "files": n_files, **json.loads(res.stdout.strip().splitlines()[-1])})
        print(json.dumps(rows[-1]), flush=True)
    return rows


def bench_profile(names: list[str], n_files: int, top: int) -> None:
    """cProfile of an in-process run (one worker), timed in CPU seconds (a shared machine's wall
    clock would charge other jobs' time to whatever function was running)."""
    for name in names:
        folder, chars = make_corpus(name, n_files)
        out = WORK / f"profile-{name}-{n_files}.txt"
        code = ("import cProfile, pstats, sys, time; from pathlib import Path; from pipeline.run import run; "
                f"p = cProfile.Profile(time.process_time); p.enable(); run(Path({str(folder / 'corpus')!r}), None, use_cache=False); "
                f"p.disable(); s = pstats.Stats(p, stream=sys.stdout); s.sort_stats('tottime').print_stats({top}); "
                f"s.sort_stats('cumulative').print_stats({top * 2})")
        res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        out.write_text(res.stdout)
        print(f"profile of {name} ({n_files} files, {chars:,} chars): {out}", flush=True)


def compile_bytecode(tree: Path) -> None:
    """The package's bytecode, as ``pip install`` (or a first run) leaves it.  A machine that sets
    PYTHONDONTWRITEBYTECODE (this sandbox does) never writes it, and every process then compiles
    the sources it imports: ~0.4 s more per process, which no user's install pays."""
    compileall.compile_dir(str(tree / "pipeline"), quiet=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=300, help="files per corpus")
    ap.add_argument("--corpora", default="mixed,zh,en,es")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default="run,rerun,startup,offshelf",
                    help="comma list of: run, rerun, startup, rss, offshelf, profile, ab")
    ap.add_argument("--rss", default="500,5000", help="corpus sizes (files) for the peak-RSS comparison")
    ap.add_argument("--offshelf-python", default=str(ROOT / ".venv-bench" / "bin" / "python"))
    ap.add_argument("--offshelf-chars", type=int, default=150_000,
                    help="the off-the-shelf stack reads the corpus's first N characters (it is slow)")
    ap.add_argument("--ab", type=Path, help="with --only ab: the other checkout to compare with, interleaved")
    ap.add_argument("--json", type=Path, help="also write all rows to this file")
    args = ap.parse_args()
    os.environ.setdefault("FACTMINE_MODELS", "off")
    for tree in filter(None, (ROOT, args.ab)):
        compile_bytecode(tree)
    names = args.corpora.split(",")
    only = set(args.only.split(","))
    result: dict[str, object] = {"cpus": os.cpu_count(), "load_avg": os.getloadavg()}
    if "startup" in only:
        result["startup"] = bench_startup(args.repeat)
    if "run" in only:
        result["run"] = bench_runs(names, args.files, args.repeat, [int(w) for w in args.workers.split(",")])
    if "ab" in only:
        result["ab"] = bench_ab(names, args.files, args.repeat, [int(w) for w in args.workers.split(",")], args.ab)
    if "rerun" in only:
        result["rerun"] = bench_rerun("mixed", args.files, args.repeat)
    if "offshelf" in only:
        result["offshelf"] = bench_offshelf(args.offshelf_python, names, args.files, args.offshelf_chars)
    if "rss" in only:
        result["rss"] = bench_rss([int(n) for n in args.rss.split(",")])
    if "profile" in only:
        bench_profile(names, args.files, 25)
    result["load_avg_end"] = os.getloadavg()
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
