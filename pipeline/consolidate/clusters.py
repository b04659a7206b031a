"""Which mentions state the same fact: cluster ids by union-find.

Linked are:
* the figures of one conversion (``group``: ``72.33 billion yuan ($10.17 billion)``);
* a mention in a repeated sentence and its twin in the first occurrence;
* the two sides of a parallel text (paired blocks): figures with the same value and unit,
  entities with the same canonical name, events with the same date;
* across documents: figures of one statement whose values agree (same subject, metric_key, period,
  unit and direction, values equal within the text's precision: ``超338亿元`` and ``33.89 billion``;
  see statements.py), and entity mentions with the same label and canonical.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from ..types import Mention
from .ids import hash_record


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def grow(self, n: int) -> None:
        """``n`` more elements, each alone."""
        self.parent.extend(range(len(self.parent), len(self.parent) + n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _value_key(m: Mention):
    return (round(m.value, 6) if m.value is not None else None, m.unit)


def _link_by(uf: _UnionFind, mentions: Sequence[Mention], key) -> None:
    first: dict = {}
    for i, m in enumerate(mentions):
        k = key(m)
        if k is None:
            continue
        if k in first:
            uf.union(first[k], i)
        else:
            first[k] = i


def cluster_ids(mentions: Sequence[Mention], fact_ids: Sequence[str],
                same_fact: Sequence[str | None] | None = None) -> list[str]:
    """``same_fact``: per mention, the id of the agreeing statement it belongs to, if any."""
    uf = _UnionFind(len(mentions))
    link_within_documents(uf, mentions)
    # across documents
    first_of: dict[str, int] = {}
    for i, sid in enumerate(same_fact or ()):
        if sid:
            uf.union(first_of.setdefault(sid, i), i)
    _link_by(uf, mentions, entity_key)
    return cluster_names(uf, fact_ids)


def entity_key(m: Mention) -> tuple | None:
    """What links entity mentions across documents: the same label and canonical name."""
    return ("ent", m.label, m.canonical) if m.kind == "entity" and m.canonical else None


def cluster_names(uf: _UnionFind, fact_ids: Sequence[str]) -> list[str]:
    """Each mention's cluster id: a hash of the smallest fact id of its cluster."""
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(fact_ids)):
        members[uf.find(i)].append(i)
    out = [""] * len(fact_ids)
    for idx in members.values():
        cid = "c" + hash_record(min(fact_ids[i] for i in idx), length=12)
        for i in idx:
            out[i] = cid
    return out


def link_within_documents(uf: _UnionFind, mentions: Sequence[Mention]) -> None:
    """The links that read one document only: conversions, parallel pairs, repeated sentences."""
    _link_by(uf, mentions, lambda m: (m.doc_id, "group", m.group) if m.group else None)

    def content(m: Mention):
        if m.kind == "figure":
            return _value_key(m) if m.value is not None else None
        if m.kind == "entity":
            return (m.label, m.canonical or m.text)
        return (m.date, m.label) if m.date else None

    # parallel pairs and repeated sentences, within a document
    _link_by(uf, mentions, lambda m: (m.doc_id, m.kind, "pair", m.pair, content(m))
             if m.pair is not None and content(m) is not None else None)
    twins: dict = defaultdict(list)
    for i, m in enumerate(mentions):
        twins[(m.doc_id, m.kind, m.label, m.text, content(m))].append(i)
    for idx in twins.values():
        if any(mentions[i].duplicate for i in idx):
            for i in idx[1:]:
                uf.union(idx[0], i)
