"""The two-step language detector (issue 13): how often lingua's low-accuracy mode decides a
Latin-script line alone, and how often it disagrees with the high-accuracy detector.

    python bench/bench_detector.py [--thresholds 0.9,0.99,0.999]

Lines: every Latin-script line of 4+ words in ``corpus/`` and ``tests/data`` that the hint words
do not decide (as ``blocks.detect_language`` sees them), and fragments of 4, 5, 6, 8 and 12 words
cut from every Latin-script line there and from spaCy's example sentences in en, es, fr, de, pt, it
(short, mixed and foreign lines are where detectors disagree).  Reference: the high-accuracy
detector alone (``quick_min_confidence`` above 1).  Nothing here is asserted by the tests.
"""
from __future__ import annotations

import argparse
import importlib
import time
from pathlib import Path

from pipeline.ingest import blocks
from pipeline.ingest.decode import decode

ROOT = Path(__file__).resolve().parents[1]


def latin_lines() -> set[str]:
    lines: set[str] = set()
    for path in sorted([*ROOT.glob("corpus/**/*"), *ROOT.glob("tests/data/**/*")]):
        if not path.is_file() or path.suffix not in {".txt", ".md", ".html", ".htm"}:
            continue
        try:
            text = decode(path.read_bytes(), path.name).text
        except Exception:                # noqa: BLE001  (a hostile test file: not text to measure)
            continue
        lines.update(ln.strip() for ln in text.split("\n")
                     if len(ln.split()) >= 4 and blocks.script_language(ln.strip()) is None)
    for code in ("en", "es", "fr", "de", "pt", "it"):
        lines.update(importlib.import_module(f"spacy.lang.{code}.examples").sentences)
    return lines


def undecided(lines) -> list[str]:
    return sorted(ln for ln in lines if blocks.script_language(ln) is None
                  and len(ln.split()) >= 4 and blocks.hinted_language(ln) is None)


def fragments(lines) -> list[str]:
    out = set()
    for ln in lines:
        words = ln.split()
        for n in (4, 5, 6, 8, 12):
            for i in range(0, max(1, len(words) - n + 1), 3):
                out.add(" ".join(words[i:i + n]))
    return undecided(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--thresholds", default="0.9,0.95,0.99,0.999")
    args = ap.parse_args()
    lines = latin_lines()
    sets = {"whole lines": undecided(lines), "fragments": fragments(lines)}
    quick = blocks._lingua_quick()
    for name, texts in sets.items():
        original = blocks._quick_min_confidence
        blocks._quick_min_confidence = lambda: 2.0                 # the high-accuracy detector alone
        t = time.process_time()
        reference = {text: blocks.detect_language(text) for text in texts}
        print(f"{name}: {len(texts)} lines to lingua, high-accuracy {time.process_time() - t:.2f} s CPU")
        blocks._quick_min_confidence = original
        for threshold in map(float, args.thresholds.split(",")):
            decided, differ = 0, []
            for text in texts:
                top = quick.compute_language_confidence_values(text[:400])[0]
                lang = blocks._LINGUA_CODES.get(top.language.name)
                if lang and top.value >= threshold:
                    decided += 1
                    if lang != reference[text]:
                        differ.append((text[:70], lang, reference[text], round(top.value, 4)))
            print(f"  at {threshold}: quick step decides {decided} ({decided / len(texts):.0%}), differs on {len(differ)}")
            for row in differ[:3]:
                print("     ", row)


if __name__ == "__main__":
    main()
