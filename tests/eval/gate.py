"""Score fact tables against hand-made gold and keep floors (trafilatura's eval_gate, in small).

Five sets: ``seed`` (the bundled corpus, gold copied from shared/eval), ``dev``, ``dev2`` and
``dev3`` (six further articles each in tests/data/devset*, written and annotated by the same guidelines by
someone who had not seen the extractors), and ``dev4`` (issue 12: entities only, Chinese shapes).  Floors live in tests/eval/baseline.json with a digest of each set's corpus.

    python -m tests.eval.gate                  # run the pipeline on both sets, print scores vs floors
    python -m tests.eval.gate --update         # raise floors to the current scores (never lowers)
    python -m tests.eval.gate --update --allow-regression   # lower them too: say why in the commit
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path

import pandas as pd

from .score import score

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
BASELINE = HERE / "baseline.json"
SETS = {
    "seed": (TESTS.parent / "corpus", HERE / "seed_gold.jsonl"),
    "dev": (TESTS / "data" / "devset" / "corpus", TESTS / "data" / "devset" / "gold.jsonl"),
    "dev2": (TESTS / "data" / "devset2" / "corpus", TESTS / "data" / "devset2" / "gold.jsonl"),
    "dev3": (TESTS / "data" / "devset3" / "corpus", TESTS / "data" / "devset3" / "gold.jsonl"),
    # devset4 (issue 12): Chinese entities of the lowest admin levels, transcribed names; entities only
    "dev4": (TESTS / "data" / "devset4" / "corpus", TESTS / "data" / "devset4" / "gold.jsonl"),
}
METRICS = ("precision", "recall", "attr", "attr2")


def corpus_digest(corpus: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(corpus.glob("*.txt")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def load_baseline() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


def scores_of(facts: pd.DataFrame, gold_path: Path) -> dict:
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = facts.astype(object).where(facts.notna(), None).to_dict("records")
    return score(rows, gold, {g["doc"] for g in gold})


def run_set(name: str) -> pd.DataFrame:
    from pipeline.run import run

    corpus, _ = SETS[name]
    return run(corpus, None, use_cache=False).facts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--update", action="store_true", help="raise floors to the current scores")
    ap.add_argument("--allow-regression", action="store_true", help="let --update lower floors")
    a = ap.parse_args()
    base = load_baseline() if BASELINE.is_file() else {}
    for name, (corpus, gold) in SETS.items():
        res = scores_of(run_set(name), gold)
        entry = base.setdefault(name, {"floors": {}})
        for kind, r in res.items():
            if not r["gold"]:
                continue        # a set without gold for this kind (devset4: entities only)
            floors = entry["floors"].setdefault(kind, {})
            for m in METRICS:
                got = r[m]
                if got is None or (isinstance(got, float) and math.isnan(got)):
                    continue
                old = floors.get(m)
                print(f"{name:5} {kind:7} {m:9} {got:.3f}  floor {old if old is not None else '-'}")
                new = math.floor(got * 1000) / 1000
                if a.update and (old is None or new > old or a.allow_regression):
                    floors[m] = new
        if a.update:
            entry["corpus_digest"] = corpus_digest(corpus)
    if a.update:
        BASELINE.write_text(json.dumps(base, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {BASELINE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
