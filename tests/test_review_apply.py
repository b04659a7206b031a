"""Decisions applied to the tables, re-attached after a sentence edit, kept through reruns and edits."""
from __future__ import annotations

import shutil

import pandas as pd

from pipeline import run_corpus
from pipeline.review import DecisionStore, apply_decisions, decided_view
from pipeline.run import run

ARTICLE = "000_0c1849d751c1ada4.txt"


def _facts() -> pd.DataFrame:
    return pd.DataFrame({
        "fact_id": ["f1", "f2", "f3"], "doc_id": "a.txt", "kind": ["figure", "entity", "entity"],
        "text": ["5 billion yuan", "Aksu", "Aksu"], "start": [10, 40, 80],
        "context": ["Sales hit 5 billion yuan in Aksu.", "Sales hit 5 billion yuan in Aksu.", "Aksu is far."],
        "value": pd.array([5e9, None, None], dtype="Float64"),
        "canonical": pd.array([None, "Aksu", "Aksu"], dtype="string"), "status": "pending"})


def test_review_apply_corrections_beside_extracted_values(tmp_path):
    store = DecisionStore(tmp_path / "r.sqlite")
    store.record("f1", "corrected", corrections={"value": 6e9})
    store.record("f2", "corrected", corrections={"canonical": "Aksu City"})
    store.record("f3", "rejected")
    df = apply_decisions(_facts(), store.latest())
    assert df["status"].tolist() == ["corrected", "corrected", "rejected"]
    assert df.loc[0, "value"] == 5e9 and df.loc[0, "value_corrected"] == 6e9 and df.loc[0, "final_value"] == 6e9
    assert df.loc[1, "canonical"] == "Aksu" and df.loc[1, "final_canonical"] == "Aksu City"
    assert pd.isna(df.loc[2, "canonical_corrected"]) and df.loc[2, "final_canonical"] == "Aksu"
    view = decided_view(df)
    assert view["fact_id"].tolist() == ["f1", "f2"] and view.loc[1, "canonical"] == "Aksu City"
    again = apply_decisions(df, store.latest())                     # idempotent
    assert list(again.columns) == list(df.columns)


def test_review_apply_unknown_fact_is_orphaned_not_moved(tmp_path):
    store = DecisionStore(tmp_path / "r.sqlite")
    store.record("gone", "accepted", fact={"doc_id": "a.txt", "kind": "entity", "text": "Aksu",
                                           "context": "A completely different sentence about Aksu.", "start": 3})
    store.record("nowhere", "rejected")
    df = apply_decisions(_facts(), store.latest())
    assert (df["status"] == "pending").all()
    assert sorted(df.attrs["review"]["orphaned"]) == ["gone", "nowhere"]


def test_review_apply_reattaches_after_a_sentence_edit(tmp_path):
    store = DecisionStore(tmp_path / "r.sqlite")
    store.record("old", "rejected", fact={"doc_id": "a.txt", "kind": "entity", "text": "Aksu", "start": 41,
                                          "context": "Sales hit 5 billion yuan in Aksu!"})
    df = apply_decisions(_facts(), store.latest())
    assert df.loc[1, "status"] == "rejected" and df.loc[1, "reattached_from"] == "old"
    assert df.loc[2, "status"] == "pending"                         # not the Aksu of another sentence
    assert df.attrs["review"]["reattached"] == {"old": "f2"}


def _decide_article(corpus, out):
    facts = run(corpus, out).facts
    mine = facts[facts["doc_id"] == ARTICLE].reset_index(drop=True)
    store = DecisionStore.for_corpus(corpus)
    for i, row in enumerate(mine.to_dict("records")):
        if i % 3 == 2 and row["kind"] == "figure":
            store.record(row["fact_id"], "corrected", corrections={"value": 1.0 + i}, fact=row)
        else:
            store.record(row["fact_id"], ("accepted", "rejected")[i % 2], fact=row)
    store.close()
    return {(r["start"], r["end"], r["kind"]): r["fact_id"] for r in mine.to_dict("records")}, len(mine)


def test_issue_10_decisions_survive_rerun_and_a_repeating_top_paragraph(seed_corpus, tmp_path):
    out = tmp_path / "outputs"
    spans, n = _decide_article(seed_corpus, out)
    decided = DecisionStore.for_corpus(seed_corpus).latest()
    assert len(decided) == n > 40

    shutil.rmtree(out)                                                # rm -rf outputs && factmine run
    facts = run(seed_corpus, out).facts.set_index("fact_id")
    for fid, d in decided.items():
        assert facts.loc[fid, "status"] == d.status
    assert (facts["status"] != "pending").sum() == n

    raw = (seed_corpus / ARTICLE).read_text(encoding="utf-8")
    first = facts[facts["doc_id"] == ARTICLE].sort_values("start").head(8)
    recap = "Recap: " + ", ".join(first["text"]) + ".\n"          # names and figures of the article again
    (seed_corpus / ARTICLE).write_text(recap + raw, encoding="utf-8")
    report = run(seed_corpus, out)
    after = report.facts
    mine = after[after["doc_id"] == ARTICLE]
    new = mine[mine["start"] < len(recap)]
    assert len(new) >= 8 and (new["status"] == "pending").all()       # nothing moved onto the new paragraph
    shifted = {(r["start"] - len(recap), r["end"] - len(recap), r["kind"]): r for r in mine.to_dict("records")}
    moved = [key for key, fid in spans.items() if shifted[key]["status"] != decided[fid].status]
    assert moved == []                                                # every decision still on its fact
    assert report.review["orphaned"] == [] and report.review["reattached"] == {}
    corrected = after[after["status"] == "corrected"]
    assert (corrected["final_value"] == corrected["value_corrected"]).all() and len(corrected) > 0


def test_review_apply_python_api_applies_and_derived_tables_drop_rejected(seed_corpus, tmp_path):
    facts = run(seed_corpus, None).facts
    xinjiang = facts[(facts["kind"] == "entity") & (facts["canonical"] == "Xinjiang")]
    event = facts[facts["kind"] == "event"].iloc[0]
    store = DecisionStore.for_corpus(seed_corpus)
    store.record_many([(f, "rejected") for f in xinjiang["fact_id"]] + [(event["fact_id"], "rejected")])
    store.close()
    before = (seed_corpus / ".factmine" / "reviews.sqlite").read_bytes()
    got, entities, timeline = run_corpus(seed_corpus, out=tmp_path / "o")
    assert (got.set_index("fact_id").loc[xinjiang["fact_id"], "status"] == "rejected").all()
    assert "Xinjiang" not in set(entities["canonical"])
    assert event["fact_id"] not in set(timeline["fact_id"]) and "status" in timeline.columns
    assert (seed_corpus / ".factmine" / "reviews.sqlite").read_bytes() == before


def test_issue_10_rejected_figure_leaves_the_statements(seed_corpus, tmp_path):
    out = tmp_path / "o"
    run(seed_corpus, out)
    statements = pd.read_parquet(out / "statements.parquet")
    assert len(statements), "the seed corpus states facts in both languages of 000"
    rejected = list(statements.iloc[0]["fact_ids"])
    store = DecisionStore.for_corpus(seed_corpus)
    store.record_many([(f, "rejected") for f in rejected])
    store.close()
    run(seed_corpus, out)
    after = pd.read_parquet(out / "statements.parquet")
    remaining = {f for ids in after["fact_ids"] for f in ids}
    assert not remaining & set(rejected) and len(after) < len(statements)


def test_review_apply_rows_without_a_decision_read_the_same_on_either_path(seed_run, tmp_path):
    """Rows no decision touches come out of the fast path (no decision at all) exactly as out of
    the general one (a decision on another row): the same columns, dtypes and values."""
    facts = seed_run[0].facts
    first = facts["fact_id"].iloc[0]
    store = DecisionStore(tmp_path / "r.sqlite")
    store.record(first, "corrected", corrections={"value": 6e9, "canonical": "Elsewhere"})
    fast = apply_decisions(facts, {})
    general = apply_decisions(facts, store.latest())
    assert (fast["status"] == "pending").all() and general["status"].iloc[0] == "corrected"
    assert list(fast.columns) == list(general.columns)
    pd.testing.assert_frame_equal(fast.iloc[1:], general.iloc[1:])
    assert fast.attrs["review"] == {"applied": 0, "reattached": {}, "orphaned": []}
