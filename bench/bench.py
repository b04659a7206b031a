"""Speed and memory of ingest and each extractor, per language.

    python bench/bench.py                 # 1 MB per language (quick)
    python bench/bench.py --mb 10         # the issue's 10 MB texts

Texts are built by repeating the bundled articles of one language until the size is reached.
Prints characters per second for ingest and for each extractor, and the peak resident memory.
No numbers are asserted anywhere: this is a measurement, not a test.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extractors import KINDS, get  # noqa: E402
from pipeline.ingest import ingest_text  # noqa: E402

SOURCES = {
    "zh": ["004_f7175b00e1a29747.txt"],
    "en": ["001_30bdd61343b5a7ce.txt", "002_811667954f068af1.txt"],
    "es": ["003_51c6b0f0ed0e603a.txt"],
}


def _tag(k: int) -> str:
    letters = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        letters = chr(97 + r) + letters
    return letters


def build_text(lang: str, n_chars: int) -> str:
    """Copies of the language's articles, each sentence end marked with the copy's tag (qx, qy …),
    so no two copies share a sentence and per-sentence caches do not flatter the numbers."""
    unit = "\n\n".join((ROOT / "corpus" / name).read_text(encoding="utf-8") for name in SOURCES[lang])
    copies, size, k = [], 0, 0
    while size < n_chars:
        tag = _tag(k)
        copy = unit.replace("。", f" {tag}。").replace(". ", f" {tag}. ")
        copies.append(copy)
        size += len(copy) + 2
        k += 1
    return "\n\n".join(copies)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=1.0, help="size of each language's text in millions of characters")
    ap.add_argument("--langs", default="zh,en,es")
    ap.add_argument("--models", choices=("on", "off"), default="off",
                    help="use installed statistical models (see pipeline/models.py)")
    args = ap.parse_args()
    os.environ["FACTMINE_MODELS"] = args.models
    from pipeline import models

    print(f"statistical models: {', '.join(f'{d} {v}' for d, v in models.installed()) or 'none'}; "
          f"in use for en: {models.available('en')}, es: {models.available('es')}")
    n = int(args.mb * 1_000_000)
    for kind in KINDS:          # load lexicons and models before timing
        list(get(kind)(ingest_text("Warm up 5 percent. 预热5%。", reference_date="2024-01-01")))
    print(f"{'lang':4} {'chars':>10} {'stage':8} {'seconds':>8} {'chars/s':>12} {'mentions':>9}")
    for lang in args.langs.split(","):
        text = build_text(lang, n)
        t0 = time.perf_counter()
        doc = ingest_text(text, f"bench-{lang}", reference_date="2024-06-15")
        dt = time.perf_counter() - t0
        print(f"{lang:4} {len(text):10d} {'ingest':8} {dt:8.2f} {len(text) / dt:12,.0f} {'':>9}")
        for kind in KINDS:
            t0 = time.perf_counter()
            found = sum(1 for _ in get(kind)(doc))
            dt = time.perf_counter() - t0
            print(f"{lang:4} {len(text):10d} {kind:8} {dt:8.2f} {len(text) / dt:12,.0f} {found:9d}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
