"""The one registry of extractors: kind -> ``function(Document) -> Iterable[Mention]``.

Entries are import paths, loaded on first use, so asking only for figures never loads jieba.
``tests/test_registry.py`` snapshots this table.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from typing import Iterable

from ..types import Document, Extractor, Mention

EXTRACTORS: dict[str, str] = {
    "figure": "pipeline.extractors.figures:extract",
    "entity": "pipeline.extractors.entities:extract",
    "event": "pipeline.extractors.events:extract",
}
KINDS = tuple(EXTRACTORS)


@lru_cache(maxsize=None)
def get(kind: str) -> Extractor:
    if kind not in EXTRACTORS:
        raise KeyError(f"unknown kind {kind!r}: choose from {', '.join(KINDS)}")
    module, _, name = EXTRACTORS[kind].partition(":")
    return getattr(import_module(module), name)


def extract_all(doc: Document, kinds: Iterable[str] | None = None) -> list[Mention]:
    """Run the chosen extractors (all by default) on one document, in document order."""
    mentions: list[Mention] = []
    for kind in KINDS if kinds is None else kinds:
        mentions.extend(get(kind)(doc))
    mentions.sort(key=lambda m: (m.start, m.end, m.kind))
    return mentions
