"""Consolidation: stable fact ids, clusters, typed tables with nulls (never 'None')."""
from __future__ import annotations

import io

import pandas as pd
import pytest

from pipeline.consolidate import COLUMNS, build_entities, build_table, build_timeline, write_csv, write_jsonl
from pipeline.types import Mention


def _m(**kw) -> Mention:
    base = dict(doc_id="a.txt", kind="figure", start=0, end=3, text="10%", lang="en")
    base.update(kw)
    return Mention(**base)


def test_consolidate_fact_id_ignores_offsets_and_counts_repeats():
    a = build_table([_m(start=0, end=3), _m(start=50, end=53)])
    b = build_table([_m(start=10, end=13), _m(start=90, end=93)])
    assert list(a["fact_id"]) == list(b["fact_id"])
    assert a["fact_id"].nunique() == 2


@pytest.mark.parametrize("mentions,linked", [
    # a conversion: the same group inside a sentence
    ([_m(text="72.33 billion yuan", value=7.233e10, unit="CNY", group="g1"),
      _m(text="$10.17 billion", start=20, end=34, value=1.017e10, unit="USD", group="g1")], True),
    # a parallel text: same value and unit in paired blocks
    ([_m(text="13.62 percent", value=13.62, unit="%", pair=3),
      _m(text="13.62%", lang="zh", start=400, end=406, value=13.62, unit="%", pair=3)], True),
    # different pairs are not linked
    ([_m(text="13.62 percent", value=13.62, unit="%", pair=3),
      _m(text="13.62%", lang="zh", start=400, end=406, value=13.62, unit="%", pair=4)], False),
    # the same entity in two documents
    ([_m(kind="entity", text="Aksu", label="PLACE", canonical="Aksu"),
      _m(kind="entity", doc_id="b.txt", text="阿克苏", lang="zh", label="PLACE", canonical="Aksu")], True),
    # the same figure in two documents needs the same period
    ([_m(value=10.0, unit="%", period="2023"), _m(doc_id="b.txt", value=10.0, unit="%", period="2024")], False),
])
def test_consolidate_clusters(mentions, linked):
    df = build_table(mentions)
    assert (df["cluster_id"].nunique() == 1) is linked


def test_consolidate_table_types_and_nulls():
    df = build_table([_m(value=None, unit="")])
    assert list(df.columns)[: len(COLUMNS)] == list(COLUMNS)
    assert df["unit"].isna().all() and df["value"].isna().all()
    assert df.loc[0, "status"] == "pending"
    buf = io.StringIO()
    write_csv(df, buf)
    assert "None" not in buf.getvalue()
    out = io.StringIO()
    write_jsonl(df, out)
    assert '"unit": null' in out.getvalue()


def test_consolidate_reviews_set_status():
    df = build_table([_m()])
    fid = df.loc[0, "fact_id"]
    assert build_table([_m()], reviews={fid: "accepted"}).loc[0, "status"] == "accepted"


def test_consolidate_entities_and_timeline_tables():
    mentions = [
        _m(kind="entity", text="Aksu", label="PLACE", canonical="Aksu"),
        _m(kind="entity", doc_id="b.txt", text="阿克苏", lang="zh", label="PLACE", canonical="Aksu"),
        _m(kind="event", text="2015年", lang="zh", date="2015", label="designation", description="x"),
        _m(kind="event", text="May 2012", start=9, end=17, date="2012-05", label="opening", description="y"),
    ]
    facts = build_table(mentions)
    ents = build_entities(facts)
    assert ents.loc[0, "canonical"] == "Aksu" and ents.loc[0, "mentions"] == 2 and ents.loc[0, "langs"] == "en,zh"
    timeline = build_timeline(facts)
    assert list(timeline["date"]) == ["2012-05", "2015"]


def test_consolidate_event_participants_are_the_sentence_entities():
    ctx = "2015年4月,阿克苏市被商务部确定为示范县。"
    mentions = [
        _m(kind="event", text="2015年4月", lang="zh", date="2015-04", label="designation", context=ctx, block=3),
        _m(kind="entity", text="阿克苏市", lang="zh", label="PLACE", canonical="Aksu City", context=ctx, block=3),
        _m(kind="entity", text="商务部", lang="zh", label="ORG", canonical="Ministry of Commerce", context=ctx, block=3),
        _m(kind="entity", text="库车", lang="zh", label="PLACE", canonical="Kuqa", context="另一句。", block=4),
    ]
    facts = build_table(mentions)
    assert facts.loc[0, "participants"] == "Aksu City; Ministry of Commerce"
    assert facts["participants"].iloc[1:].isna().all()
    assert isinstance(facts, pd.DataFrame)
