"""Issue 13, the workers' per-document work: each shortcut gives what the code it replaced gave
(reference versions kept here), on the seed corpus's mentions."""
from __future__ import annotations

import json
from functools import lru_cache

import hashlib
import pytest

from pipeline.consolidate import ids, metrics, rows, subjects
from pipeline.consolidate.periods import period_bounds
from pipeline.consolidate.sentences import offsets_in_context
from pipeline.extractors import extract_all
from pipeline.ingest import ingest_text

from .conftest import CORPUS, read_raw


@lru_cache(maxsize=1)
def _documents():
    out = []
    for p in sorted(CORPUS.glob("*.txt")):
        doc = ingest_text(read_raw(p), p.stem)
        out.append((doc, extract_all(doc)))
    return out


def _hash_record_reference(*keys: object, length: int = 16) -> str:
    blob = json.dumps(keys, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:length]


def _content_keys_reference(mentions) -> list[tuple]:
    base = [(m.doc_id, m.kind, m.label, ids._norm(m.context), ids._norm(m.text), ids._what(m)) for m in mentions]
    groups: dict = {}
    for i, m in enumerate(mentions):
        groups.setdefault((m.doc_id, m.block, m.context, base[i]), []).append(i)
    rank = [0] * len(mentions)
    for members in groups.values():
        for r, i in enumerate(sorted(members, key=lambda i: (mentions[i].start, mentions[i].end))):
            rank[i] = r
    return [key + (r,) for key, r in zip(base, rank)]


def _metric_key_reference(metric, label, unit, lang):
    vocab = [e for e in metrics._vocabulary() if metrics._applies(e, label)]
    for e in vocab:
        if unit and unit in e["units"]:
            return e["key"]
    text = metrics.fold(metric or "")
    if text:
        for e in vocab:
            rx = e["re"].get(lang)
            if rx is not None and rx.search(text):
                return e["key"]
    return None


@pytest.mark.parametrize("keys", [("a", 1.5, None, float("nan"), "中文", ("x", 2)), (1, {"b": 1, "a": 2}),
                                  (object,), ("ü", "\u2028", "\ud7ff", -0.0, 10**20, True)])
def test_hash_record_same_as_json_dumps(keys):
    assert ids.hash_record(*keys) == _hash_record_reference(*keys)
    assert ids.hash_record(*keys, length=12) == _hash_record_reference(*keys, length=12)


def test_derived_columns_same_as_reference():
    for doc, mentions in _documents():
        assert ids.content_keys(mentions) == _content_keys_reference(mentions)
        offsets = offsets_in_context(mentions)
        assert subjects.subjects(mentions, {doc.doc_id: doc.meta.title}) == \
            subjects.subjects(mentions, {doc.doc_id: doc.meta.title}, offsets)
        assert metrics.annotate(mentions) == metrics.annotate(mentions, offsets)
        derived = rows.derive(mentions, {doc.doc_id: doc.meta.title})
        assert derived["period_start"] == [period_bounds(m.period)[0] if m.kind == "figure" else None
                                           for m in mentions]
        for m in mentions:
            if m.kind == "figure":
                assert metrics.metric_key(m.metric, m.label, m.unit, m.lang) == \
                    _metric_key_reference(m.metric, m.label, m.unit, m.lang)
            if m.kind == "entity":
                assert subjects._entity_id(m.label, m.canonical or m.text) == \
                    subjects.entity_id(m.label, m.canonical or m.text)
