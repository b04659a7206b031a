"""Stable ids: a hash of content keys, never of offsets (so edits elsewhere keep ids)."""
from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter
from typing import Sequence

from ..types import Mention


def hash_record(*keys: object, length: int = 16) -> str:
    blob = json.dumps(keys, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:length]


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def fact_ids(mentions: Sequence[Mention]) -> list[str]:
    """doc_id, kind, label, normalized text and the rank among identical mentions in the doc."""
    rank: Counter = Counter()
    out = []
    for m in mentions:
        key = (m.doc_id, m.kind, m.label, _norm(m.text))
        out.append("f" + hash_record(*key, rank[key]))
        rank[key] += 1
    return out
