"""Provenance is sacred: source[start:end] == text for every fact, on the corpus and generated input."""
from __future__ import annotations

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extractors import extract_all
from pipeline.ingest import ingest_text
from pipeline.ingest.normalize import normalize

from .conftest import CORPUS, read_raw

# Pieces that exercise every normalization: full width, Traditional, CRLF, BOM-like and zero-width
# characters, odd spaces, curly quotes, broken lines, and real sentences in three languages.
PIECES = [
    "１２％", "３．５万元", "臺灣", "電子商務", "\r\n", "\n\n", "\r", "\u200b", "\ufeff", "\u00a0", "\u3000",
    "“", "”", "‘", "’", "，", "。", "；", "（约合１０１.７亿美元）",
    "去年,新疆网上零售额达723.3亿元,同比增长13.62%。", "阿克苏市电商产业园新区开园",
    "2024年5月28日,", "免3年", "房租、物流补贴", "会长郝占军介绍", "迪丽妮格·依明说",
    "Last year, online sales hit 72.33 billion yuan ($10.17 billion), up 13.62 percent. ",
    "Zhang Wei lives in Jinghe County, Xinjiang. ", "On May 16, 2020, the park opened. ",
    "El Centro ha establecido más de 200 estaciones en Yarkant. ", "el año pasado ", "1.000 millones de euros",
    "Dr. ", "U.S. ", "TOP STORIES\n", "[Photo/Xinhua]", "本报记者 陆斯超\n", "2015年\n", "4月,",
    "a", "Z", " ", "-", "9", "ê", "😀", "𠀀",
]

text_strategy = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join)
_WS = regex.compile(r"\s+")


def _squash(s: str) -> str:
    return _WS.sub("", s)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy)
def test_provenance_analysis_spans_map_to_their_source(raw):
    doc = ingest_text(raw)
    raw = doc.raw
    for b in doc.blocks:
        for a, z in ((b.start, b.end), (b.start, min(b.end, b.start + 3)), (max(b.start, b.end - 2), b.end)):
            s, e = doc.to_raw(a, z)
            assert 0 <= s < e <= len(raw)
            # the raw span, normalized again, is the analysis span (line breaks aside)
            assert _squash(normalize(raw[s:e]).text) == _squash(doc.text[a:z])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy)
def test_provenance_every_mention_is_its_source_slice(raw):
    doc = ingest_text(raw, reference_date="2024-06-15")
    for m in extract_all(doc):
        assert m.start < m.end
        assert doc.raw[m.start:m.end] == m.text
        assert m.line == doc.raw.count("\n", 0, m.start) + 1


def test_provenance_holds_over_the_whole_corpus(seed_run):
    report, _ = seed_run
    facts = report.facts
    assert len(facts) > 0
    sources = {p.name: read_raw(p) for p in CORPUS.glob("*.txt")}
    bad = [(r.doc_id, r.start, r.text) for r in facts.itertuples()
           if sources[r.doc_id][r.start:r.end] != r.text]
    assert bad == []
