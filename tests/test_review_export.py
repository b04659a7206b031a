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


def test_review_export_csv_is_spreadsheet_safe_and_jsonl_keeps_lists(tmp_path):
    import json

    import numpy as np

    data = {"facts": pd.DataFrame({"text": ["=HYPERLINK(\"x\")", "新疆"], "value": [1.5, None],
                                   "doc_ids": [np.array(["a.txt", "b.txt"]), np.array(["c.txt"])]})}
    csv_file = EXPORTERS["csv"].write(data, tmp_path / "csv")[0]
    text = csv_file.read_bytes().decode("utf-8-sig")
    assert "'=HYPERLINK" in text and '"[""a.txt"", ""b.txt""]"' in text and "\r\n" in text and "1.5" in text
    jsonl = EXPORTERS["jsonl"].write(data, tmp_path / "jsonl")[0]
    first = json.loads(jsonl.read_text(encoding="utf-8").splitlines()[0])
    assert first["doc_ids"] == ["a.txt", "b.txt"] and first["text"].startswith("=")   # JSON is data, not a sheet
    assert not [p for p in tmp_path.rglob("*") if "tmp" in p.name.lower()]             # no temporary left
