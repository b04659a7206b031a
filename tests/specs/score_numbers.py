"""Score the figure extractor on the numbers case table ``tests/specs/numbers/{zh,en,es}.jsonl``.

    python -m tests.specs.score_numbers [--lenient] [--show CATEGORY] [--lang zh]

Each line: ``{"text", "expected": [{"text", "value", "value_max"?, "unit"?, "label"?}], "category"}``.
A prediction matches an expected figure when the span text is equal (``--lenient``: the spans
overlap), the value is equal within 0.1 % (and value_max when given) and the unit and label are
equal when the case gives them.  Category ``negative`` expects no figure at all.  Prints precision
and recall per category (micro-averaged over the three languages).  A measurement, not a test.
"""
from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from pathlib import Path

from pipeline.extractors.figures import figures_in

ROOT = Path(__file__).resolve().parent / "numbers"
PIPELINE = False        # --pipeline: score pipeline.extract instead of figures_in


def load(langs=("zh", "en", "es"), prefix=""):
    for lang in langs:
        for i, line in enumerate((ROOT / f"{prefix}{lang}.jsonl").read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                yield lang, i, json.loads(line)


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-9)


def predict_pipeline(text: str, lang: str) -> list[dict]:
    """Through ``pipeline.extract`` (ingest, normalisation, sentences): what a user of the API gets."""
    from pipeline import extract
    rows = extract(text, lang=lang, reference_date="2024-06-15", kinds=["figure"])
    return [{"text": r["text"], "start": r["start"], "end": r["end"], "value": r["value"], "value_max": r["value_max"],
             "unit": r["unit"], "label": r["label"]} for r in rows]


def predict_layer(text: str, lang: str) -> list[dict]:
    """The numbers layer (``pipeline.numbers.find``): percents in %, fractions as 0..1, money in the major unit."""
    from pipeline.numbers import find
    return [{"text": x.text, "start": x.start, "end": x.end, "value": x.value, "value_max": x.value_max,
             "unit": x.unit, "label": x.kind} for x in find(text, lang)]


def predict(text: str, lang: str) -> list[dict]:
    if PIPELINE == "layer":
        return predict_layer(text, lang)
    if PIPELINE:
        return predict_pipeline(text, lang)
    return [{"text": text[c.start:c.end], "start": c.start, "end": c.end, "value": r.value,
             "value_max": r.value_max, "unit": r.unit, "label": r.label} for c, r in figures_in(text, lang)]


def matches(exp: dict, pred: dict, text: str, lenient: bool) -> bool:
    if lenient:
        s = text.find(exp["text"])
        if s < 0 or not (pred["start"] < s + len(exp["text"]) and s < pred["end"]):
            return False
    elif pred["text"] != exp["text"]:
        return False
    if not _close(pred["value"], exp["value"]):
        return False
    if "value_max" in exp and not _close(pred["value_max"], exp["value_max"]):
        return False
    return all(exp[k] == pred[k] for k in ("unit", "label") if k in exp)


def score(langs=("zh", "en", "es"), lenient=False, show=None, prefix=""):
    tp, fp, fn = Counter(), Counter(), Counter()
    for lang, line, case in load(langs, prefix):
        cat = case["category"]
        preds = predict(case["text"], lang)
        used = set()
        for exp in case["expected"]:
            hit = next((k for k, p in enumerate(preds) if k not in used and matches(exp, p, case["text"], lenient)), None)
            if hit is None:
                fn[cat] += 1
            else:
                used.add(hit)
                tp[cat] += 1
        fp[cat] += len(preds) - len(used)
        if show and cat == show and (len(used) < len(case["expected"]) or len(preds) > len(used)):
            print(f"{lang}:{line} {case['text']}\n   want {[(e['text'], e['value'], e.get('unit')) for e in case['expected']]}"
                  f"\n   got  {[(p['text'], p['value'], p['unit'], p['label']) for p in preds]}")
    return tp, fp, fn


def table(tp, fp, fn) -> str:
    rows = ["| category | cases expected | TP | FP | FN | P | R |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    cats = sorted(set(tp) | set(fp) | set(fn))
    for cat in cats + ["ALL"]:
        t = sum(tp.values()) if cat == "ALL" else tp[cat]
        f = sum(fp.values()) if cat == "ALL" else fp[cat]
        n = sum(fn.values()) if cat == "ALL" else fn[cat]
        p = t / (t + f) if t + f else 1.0
        r = t / (t + n) if t + n else 1.0
        rows.append(f"| {cat} | {t + n} | {t} | {f} | {n} | {p:.2f} | {r:.2f} |")
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lenient", action="store_true")
    ap.add_argument("--lang", default="zh,en,es")
    ap.add_argument("--show", default=None, help="print the misses of one category")
    ap.add_argument("--heldout", action="store_true", help="score heldout_<lang>.jsonl (written after tuning began, not tuned on)")
    ap.add_argument("--pipeline", action="store_true", help="go through pipeline.extract (ingest and normalisation)")
    ap.add_argument("--layer", action="store_true",
                    help="score pipeline.numbers.find on money cases (value and unit; use with --lenient)")
    a = ap.parse_args()
    global PIPELINE
    PIPELINE = "layer" if a.layer else a.pipeline
    print(table(*score(tuple(a.lang.split(",")), a.lenient, a.show, "heldout_" if a.heldout else "")))


if __name__ == "__main__":
    main()
