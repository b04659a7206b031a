"""Time the decision store: 3,000 decisions in one transaction, one by one, read back, applied.

Usage: python bench/bench_review.py [--n 3000]
Nothing here is asserted by the tests; numbers go in docs/review.md.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd

from pipeline.review import DecisionStore, apply_decisions, decided_view


def timed(label: str, fn):
    t0 = time.perf_counter()
    result = fn()
    print(f"{label:48} {time.perf_counter() - t0:8.3f} s")
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=3000)
    n = ap.parse_args().n
    facts = pd.DataFrame({
        "fact_id": [f"f{i:016x}" for i in range(n)], "doc_id": [f"d{i % 50}.txt" for i in range(n)],
        "kind": "entity", "text": "Xinjiang", "start": range(n), "end": range(8, n + 8),
        "context": [f"Sentence {i} about Xinjiang." for i in range(n)],
        "canonical": pd.array(["Xinjiang"] * n, dtype="string"), "status": "pending"})
    rows = {r["fact_id"]: r for r in facts.to_dict("records")}
    with tempfile.TemporaryDirectory() as tmp:
        store = DecisionStore(Path(tmp) / "bulk.sqlite")
        items = [(fid, "accepted" if i % 4 else "rejected") for i, fid in enumerate(facts["fact_id"])]
        timed(f"record_many: {n} decisions, one transaction", lambda: store.record_many(items, facts=rows))
        one = DecisionStore(Path(tmp) / "one.sqlite")
        k = min(n, 300)
        timed(f"record: {k} decisions, one transaction each",
              lambda: [one.record(fid, s, fact=rows[fid]) for fid, s in items[:k]])
        latest = timed(f"latest(): {n} decisions", store.latest)
        applied = timed(f"apply_decisions: {n} facts", lambda: apply_decisions(facts, latest))
        timed("decided_view", lambda: decided_view(applied))
        renamed = facts.assign(fact_id=[f"h{i}" for i in range(n)])
        again = timed(f"apply, {n} ids changed, sentences unchanged", lambda: apply_decisions(renamed, latest))
        print(f"re-attached {len(again.attrs['review']['reattached'])}, orphaned {len(again.attrs['review']['orphaned'])}")
        edited = facts.assign(fact_id=[f"g{i}" for i in range(n)],
                              context=[f"Sentence {i} about Xinjiang, edited." for i in range(n)])
        again = timed(f"apply, {n} ids changed, every sentence edited", lambda: apply_decisions(edited, latest))
        print(f"re-attached {len(again.attrs['review']['reattached'])}, orphaned {len(again.attrs['review']['orphaned'])}")


if __name__ == "__main__":
    main()
