"""Score a fact table against the seed gold (a copy of shared/eval) and keep floors.

    python -m tests.eval.gate outputs/facts.csv            # print scores vs floors
    python -m tests.eval.gate outputs/facts.csv --update   # raise floors to the current scores
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
BASELINE = HERE / "baseline.json"
GOLD = HERE / "seed_gold.jsonl"
METRICS = ("precision", "recall", "attr", "attr2")


def corpus_digest(corpus: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(corpus.glob("*.txt")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def load_baseline() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


def scores_of(facts: pd.DataFrame) -> dict:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = facts.astype(object).where(facts.notna(), None).to_dict("records")
    return score(rows, gold, {g["doc"] for g in gold})


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("facts", type=Path)
    ap.add_argument("--corpus", type=Path, default=HERE.parent.parent / "corpus")
    ap.add_argument("--update", action="store_true", help="raise floors to the current scores")
    ap.add_argument("--allow-regression", action="store_true", help="let --update lower floors")
    a = ap.parse_args()
    facts = pd.read_parquet(a.facts) if a.facts.suffix == ".parquet" else pd.read_csv(a.facts)
    res = scores_of(facts)
    base = load_baseline() if BASELINE.is_file() else {"floors": {}}
    for kind, r in res.items():
        floors = base["floors"].setdefault(kind, {})
        for m in METRICS:
            got = r[m]
            if got is None or (isinstance(got, float) and math.isnan(got)):
                continue
            old = floors.get(m)
            print(f"{kind:7} {m:9} {got:.3f}  floor {old if old is not None else '-'}")
            if a.update and (old is None or got > old or a.allow_regression):
                floors[m] = round(math.floor(got * 1000) / 1000, 3)
    if a.update:
        base["corpus_digest"] = corpus_digest(a.corpus)
        BASELINE.write_text(json.dumps(base, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {BASELINE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
