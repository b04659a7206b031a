"""Figures extractor: money, percentages, counts, multiples, ages and durations in zh/en/es.

``extract(doc)`` reads ``doc.readable(FIGURE_KINDS)`` sentences, finds candidates (``find``),
resolves their values (``resolve``) and adds metric, period and conversion group (``context``).
"""
from __future__ import annotations

from typing import Iterator

from ...types import FIGURE_KINDS, Document, Mention
from .combine import combine
from .context import Context
from .find import Candidate, find
from .resolve import Resolved, resolve

__all__ = ["extract", "find", "resolve", "figures_in", "prepare", "Candidate", "Resolved"]


def figures_in(text: str, lang: str) -> list[tuple[Candidate, Resolved]]:
    """Find and resolve the figures of one sentence (no metric/period): for tests and tools."""
    out = []
    for c in find(text, lang):
        r = resolve(c)
        if r is not None:
            out.append((c, r))
    return combine(text, lang, out) if out else out


def prepare() -> None:
    """Load and compile every lexicon up front (e.g. before a benchmark); extract() does it lazily."""
    from .lexicon import lexicon
    for lang in ("zh", "en", "es"):
        lexicon(lang)


def extract(doc: Document) -> Iterator[Mention]:
    """Figure mentions of ``doc`` (kind="figure"), in document order."""
    ctx = Context(doc)
    for s in doc.readable(FIGURE_KINDS):
        text = doc.text[s.start:s.end]
        found = figures_in(text, s.lang)
        if not found:
            ctx.see(s, text)
            continue
        for (c, r), extra in zip(found, ctx.fields(s, text, found)):
            fields = {"label": r.label, "value": r.value, "value_max": r.value_max, "unit": r.unit,
                      "qualifier": r.qualifier}
            fields.update(extra)
            yield doc.mention("figure", s.start + c.start, s.start + c.end, s, **fields)
