"""consolidate/statements.py: one fact stated across documents and languages."""
from __future__ import annotations

import pytest

from pipeline.consolidate import build_statements, build_table
from pipeline.consolidate.statements import value_interval
from pipeline.extractors import extract_all
from pipeline.ingest import ingest_text


def _table(*docs: tuple[str, str, str]):
    """Fact table of several one-text documents (doc_id, lang, text)."""
    mentions = []
    for doc_id, lang, text in docs:
        mentions += extract_all(ingest_text(text, doc_id, lang=lang, reference_date="2024-06-01"))
    return build_table(mentions, doc_meta={d: {"publisher": f"pub-{d}"} for d, _, _ in docs})


def _row(df, text):
    return df[(df["kind"] == "figure") & (df["text"] == text)].iloc[0]


@pytest.mark.parametrize("lang,text,value,lo,hi", [
    ("zh", "338亿元", 3.38e10, 3.375e10, 3.385e10),
    ("en", "33.89 billion yuan", 3.389e10, 3.3885e10, 3.3895e10),
    ("es", "1.250 millones de yuanes", 1.25e9, 1.245e9, 1.255e9),     # a trailing zero may be rounding
    ("es", "6,5 por ciento", 6.5, 6.45, 6.55),
    ("en", "1,000 students", 1000.0, 500.0, 1500.0),
    ("zh", "六成", 60.0, 55.0, 65.0),
])
def test_statements_value_interval_follows_the_text_precision(lang, text, value, lo, hi):
    a, b = value_interval(text, value, None, None, lang)
    assert a == pytest.approx(lo) and b == pytest.approx(hi)


def test_statements_qualifier_widens_the_interval():
    lo, hi = value_interval("超338亿元", 3.38e10, None, "over", "zh")
    assert lo < 3.38e10 < 3.389e10 < hi


def test_statements_link_rounded_and_qualified_values_across_languages():
    df = _table(("a.txt", "zh", "2023年，新疆农产品网络零售额超338亿元。"),
                ("b.txt", "en", "In 2023, Xinjiang's online sales of agricultural products reached 33.89 billion yuan."))
    a, b = _row(df, "超338亿元") if (df["text"] == "超338亿元").any() else _row(df, "338亿元"), _row(df, "33.89 billion yuan")
    assert a["cluster_id"] == b["cluster_id"]
    st = build_statements(df)
    assert len(st) == 1
    s = st.iloc[0]
    assert s["subject"] == "Xinjiang" and s["metric_key"] == "agricultural_online_sales" and s["period"] == "2023"
    assert bool(s["agree"]) and s["langs"] == ["en", "zh"] and s["publishers"] == ["pub-a.txt", "pub-b.txt"]
    assert sorted(s["fact_ids"]) == sorted([a["fact_id"], b["fact_id"]])


def test_statements_never_on_value_alone():
    df = _table(("a.txt", "en", "In 2023, Xinjiang's online retail sales grew 5 percent."),
                ("b.txt", "en", "In 2023, Xinjiang's exports grew 5 percent."))
    rows = df[df["kind"] == "figure"]
    assert rows["cluster_id"].nunique() == 2
    assert len(build_statements(df)) == 2


def test_statements_disagreeing_sources_are_one_statement_that_does_not_agree():
    df = _table(("a.txt", "en", "In 2023, Xinjiang's online retail sales reached 64.09 billion yuan."),
                ("b.txt", "en", "In 2023, Xinjiang's online retail sales reached 65.2 billion yuan."))
    st = build_statements(df)
    assert len(st) == 1 and not bool(st.iloc[0]["agree"])
    assert st.iloc[0]["value_min"] == 6.409e10 and st.iloc[0]["value_max"] == 6.52e10
    assert _row(df, "64.09 billion yuan")["cluster_id"] != _row(df, "65.2 billion yuan")["cluster_id"]


def test_statements_three_languages_one_fact():
    df = _table(("a.txt", "en", "Xinjiang's online retail sales reached 64.09 billion yuan in 2023, People's Daily reported."),
                ("b.txt", "zh", "2023年，新疆网上零售额达640.9亿元，同比增长12.6%。"),
                ("c.txt", "es", "Las ventas minoristas en línea de Xinjiang alcanzaron 64.090 millones de yuanes en 2023."))
    st = build_statements(df)
    money = st[st["unit"] == "CNY"]
    assert len(money) == 1 and money.iloc[0]["langs"] == ["en", "es", "zh"] and bool(money.iloc[0]["agree"])
    assert df[df["unit"] == "CNY"]["cluster_id"].nunique() == 1
    growth = st[st["unit"] == "%"]
    assert len(growth) == 1 and growth.iloc[0]["direction"] == "up"       # a growth is not the level
