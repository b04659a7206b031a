"""Where each mention stands inside its sentence (``Mention.context``), for rules that read the words
around a figure or an entity after extraction (subjects, metric keys, direction, checks).

A mention's sentence is identified by (doc_id, block, context).  ``context`` is the raw sentence with
runs of whitespace collapsed, so raw offsets cannot index it directly: the sentence's start is
estimated from a mention whose text occurs once in it, and each mention is placed at the occurrence
of its text nearest to that estimate.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from typing import Sequence

from ..ingest.normalize import to_simplified
from ..types import Mention


def squash(text: str) -> str:
    return " ".join(text.split())


# full-width ASCII forms -> ASCII, one character each (NFKC of U+FF01..U+FF5E)
_FULL_WIDTH = {o: unicodedata.normalize("NFKC", chr(o)) for o in range(0xFF01, 0xFF5F)}
_HAS_FULL_WIDTH = re.compile("[\uff01-\uff5e]")


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Length-preserving folding for matching cues: Simplified characters, ASCII for full-width forms."""
    text = to_simplified(text)
    return text.translate(_FULL_WIDTH) if _HAS_FULL_WIDTH.search(text) else text


def sentence_key(m: Mention) -> tuple:
    return (m.doc_id, m.block, m.context)


def offsets_in_context(mentions: Sequence[Mention]) -> list[int | None]:
    """For each mention, the index of its text in its (whitespace-collapsed) context, or None."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[sentence_key(m)].append(i)
    out: list[int | None] = [None] * len(mentions)
    for (_, _, ctx), idx in groups.items():
        base = None
        for i in idx:
            t = squash(mentions[i].text)
            if t and ctx.count(t) == 1:
                base = mentions[i].start - ctx.find(t)
                break
        for i in idx:
            t = squash(mentions[i].text)
            if not t:
                continue
            guess = mentions[i].start - base if base is not None else 0
            best, j = None, ctx.find(t)
            while j != -1:
                if best is None or abs(j - guess) < abs(best - guess):
                    best = j
                j = ctx.find(t, j + 1)
            out[i] = best
    return out
