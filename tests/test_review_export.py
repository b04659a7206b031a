"""Exported tables: decisions in force applied, history with in_force / orphaned, derived tables decided."""
from __future__ import annotations

import pandas as pd

from pipeline.review import DecisionStore, apply_decisions
from pipeline.review.export import EXPORTERS, tables


def _facts() -> pd.DataFrame:
    return pd.DataFrame({
        "fact_id": ["f1", "f2"], "doc_id": "a.txt", "lang": "en", "kind": "entity", "text": ["Aksu", "Hotan"],
        "start": [0, 10], "end": [4, 15], "context": "Aksu and Hotan.", "label": "PLACE",
        "canonical": pd.array(["Aksu", "Hotan"], dtype="string"), "status": "pending", "duplicate": False,
        "date": pd.array([None, None], dtype="string")})


def test_review_export_tables(tmp_path):
    store = DecisionStore(tmp_path / "r.sqlite")
    store.record("f1", "rejected")
    store.record("f1", "corrected", corrections={"canonical": "Aksu City"})
    store.record("f2", "rejected")
    store.record("gone", "accepted")
    out = tables(apply_decisions(_facts(), store.latest()), store)
    assert set(out) == {"facts", "entities", "timeline", "decisions"}
    assert out["entities"]["canonical"].tolist() == ["Aksu City"]            # Hotan rejected, Aksu renamed
    d = out["decisions"]
    assert d["in_force"].tolist() == [False, True, True, True]
    assert d.loc[d["fact_id"] == "gone", "orphaned"].item() and d.loc[d["fact_id"] == "gone", "applied_to"].isna().item()
    assert set(EXPORTERS) == {"sqlite", "csv", "jsonl"}
