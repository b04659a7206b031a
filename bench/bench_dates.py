"""Speed of the dates layer, and the events extractor on a list-like file (issue 11).

    python bench/bench_dates.py                  # timex chars/s per language (1 MB, medians of 3)
    python bench/bench_dates.py --list-lines 5000,10000,20000   # events on list-like files

The first part runs ``pipeline.dates.find`` over the paragraphs of the bench texts of bench.py
(present-time anchors included, as figure periods ask).  The second builds files of short lines
with figures and dates that ingest reads as one long sentence, and times the events extractor:
linear work shows as a flat seconds-per-1000-lines column.  Nothing is asserted.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench import build_text  # noqa: E402

from pipeline import dates  # noqa: E402
from pipeline.extractors import get  # noqa: E402
from pipeline.ingest import ingest_text  # noqa: E402


def timex_speed(lang: str, n_chars: int, repeats: int = 3) -> tuple[float, int]:
    paragraphs = [p for p in build_text(lang, n_chars).split("\n") if p.strip()]
    size = sum(len(p) for p in paragraphs)
    times, found = [], 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        found = sum(len(dates.find(p, lang, "2024-06-15", include_present=True)) for p in paragraphs)
        times.append(time.perf_counter() - t0)
    return size / statistics.median(times), found


def list_like(n_lines: int) -> str:
    """Short lines of figures and dates, no sentence punctuation: one long sentence for ingest."""
    lines = []
    for i in range(n_lines):
        y = 2000 + i % 24
        lines.append(f"{y}年{1 + i % 12}月{1 + i % 28}日 产量{i}吨，增长{i % 50}%" if i % 2 else
                     f"May {1 + i % 28}, {y}: sales {i} units, up {i % 50} percent")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--langs", default="zh,en,es")
    ap.add_argument("--list-lines", default="")
    args = ap.parse_args()
    if not args.list_lines:
        dates.find("预热 2024年5月 warm up", "zh")
        print(f"{'lang':4} {'chars/s (median of 3)':>22} {'expressions':>12}")
        for lang in args.langs.split(","):
            speed, found = timex_speed(lang, int(args.mb * 1_000_000))
            print(f"{lang:4} {speed:22,.0f} {found:12d}")
        return
    print(f"{'lines':>7} {'chars':>9} {'events s':>9} {'s per 1000 lines':>17}")
    for n in (int(x) for x in args.list_lines.split(",")):
        text = list_like(n)
        doc = ingest_text(text, "list", reference_date="2024-06-15")
        t0 = time.perf_counter()
        sum(1 for _ in get("event")(doc))
        dt = time.perf_counter() - t0
        print(f"{n:7d} {len(text):9d} {dt:9.2f} {1000 * dt / n:17.3f}")


if __name__ == "__main__":
    main()
