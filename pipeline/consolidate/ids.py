"""Stable fact ids: what a fact is and where it sits in its own sentence, never a document offset.

A fact id hashes (doc_id, kind, label, the normalized text of its sentence, the normalized surface,
what it says — value/value_max/unit for a figure, canonical name for an entity, date for an event — and
its rank among identical mentions *within that sentence*).  So inserting, deleting or moving other
paragraphs, even ones repeating the same names and figures, changes no other fact's id.  Only when
the very same sentence occurs twice in a document does the second occurrence get a suffix (its
occurrence number); both then state the same thing.

``legacy_fact_ids`` is the id scheme before issue 10 (rank among identical mentions across the
document), kept only to map old ``reviews.csv`` files onto the current ids.
"""
from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter, defaultdict
from typing import Sequence

from ..types import Mention


def _encoder():
    """json.dumps(keys, ensure_ascii=False, sort_keys=True, default=str) for a tuple of keys, built
    once: the C encoder ``JSONEncoder.encode`` makes anew on every call, when json has it."""
    enc = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return enc.encode
    one = make({}, enc.default, json.encoder.encode_basestring, enc.indent, enc.key_separator,
               enc.item_separator, enc.sort_keys, enc.skipkeys, enc.allow_nan)
    return lambda keys: "".join(one(keys, 0))


_ENCODE = _encoder()


def hash_record(*keys: object, length: int = 16) -> str:
    if len(keys) == 1 and type(keys[0]) is str and keys[0].isascii() and keys[0].isalnum():
        blob = f'["{keys[0]}"]'           # what the encoder gives for one plain word (a fact id), faster still
    else:
        blob = _ENCODE(keys)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:length]


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _norm_cached(done: dict[str, str], text: str) -> str:
    """``_norm`` of a sentence or a surface: many mentions share one, normalized once per call."""
    out = done.get(text)
    if out is None:
        out = done[text] = _norm(text)
    return out


def _what(m: Mention) -> tuple:
    """What the mention says, by kind."""
    if m.kind == "figure":
        return (m.value, m.value_max, m.unit)
    if m.kind == "entity":
        return (m.canonical,)
    return (m.date,)


def content_keys(mentions: Sequence[Mention]) -> list[tuple]:
    """(doc_id, kind, label, sentence, surface, what, rank within its sentence) for each mention."""
    normed: dict[str, str] = {}
    base = [(m.doc_id, m.kind, m.label, _norm_cached(normed, m.context), _norm_cached(normed, m.text), _what(m))
            for m in mentions]
    groups: dict[tuple, list[int]] = defaultdict(list)      # one sentence instance: doc, block, context
    for i, m in enumerate(mentions):
        groups[(m.doc_id, m.block, m.context, base[i])].append(i)
    rank = [0] * len(mentions)
    for members in groups.values():
        if len(members) > 1:                   # most mentions are alone in their group: rank 0
            for r, i in enumerate(sorted(members, key=lambda i: (mentions[i].start, mentions[i].end))):
                rank[i] = r
    return [key + (r,) for key, r in zip(base, rank)]


def fact_ids(mentions: Sequence[Mention]) -> list[str]:
    """The id of each mention; a repeat of an identical sentence adds its occurrence number."""
    keys = content_keys(mentions)
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].doc_id, mentions[i].block, mentions[i].start))
    seen: Counter = Counter()
    out = [""] * len(mentions)
    for i in order:
        occurrence = seen[keys[i]]
        seen[keys[i]] += 1
        out[i] = "f" + (hash_record(*keys[i]) if occurrence == 0 else hash_record(*keys[i], occurrence))
    return out


def legacy_fact_ids(mentions: Sequence[Mention]) -> list[str]:
    """The pre-issue-10 ids: doc_id, kind, label, normalized text, rank among identical mentions in the doc."""
    rank: Counter = Counter()
    out = []
    for m in mentions:
        key = (m.doc_id, m.kind, m.label, _norm(m.text))
        out.append("f" + hash_record(*key, rank[key]))
        rank[key] += 1
    return out
