"""The columns that turn mentions into facts, computed for ``build_table``.

subject, subject_id (subjects.py) · metric_key, direction (metrics.py) · period_start, period_end
(figures) and date_start, date_end (events) (periods.py) · source_title, publisher, source_url
(the document's metadata: catalog row, else the article's header, as ingest found them).
"""
from __future__ import annotations

from typing import Mapping, Sequence

from ..types import Mention
from .metrics import annotate
from .periods import period_bounds
from .subjects import subjects

ENRICH_COLUMNS: dict[str, str] = {
    "subject": "string",        # canonical name of the entity the figure/event is about
    "subject_id": "string",     # entity_id of that entity (entities table)
    "metric_key": "string",     # figures: metric vocabulary key (resources/common/metrics.yaml)
    "direction": "string",      # figures stating a change: up | down
    "period_start": "string",   # figures: first day of period (YYYY-MM-DD)
    "period_end": "string",     # figures: last day of period
    "date_start": "string",     # events: first day of date
    "date_end": "string",       # events: last day of date
    "source_title": "string",   # the document's title (catalog, else headline)
    "publisher": "string",      # the document's publisher (catalog, else header/byline)
    "source_url": "string",     # the document's URL (catalog, else header)
}


def _meta(meta: object, key: str) -> str | None:
    if meta is None:
        return None
    value = meta.get(key) if isinstance(meta, Mapping) else getattr(meta, key, None)
    return value or None


def enrich(mentions: Sequence[Mention], doc_meta: Mapping[str, object] | None = None
           ) -> tuple[list[dict], list[bool]]:
    """Per mention: a dict of ENRICH_COLUMNS, and whether the figure is a share of a whole."""
    doc_meta = doc_meta or {}
    titles = {d: _meta(m, "title") for d, m in doc_meta.items()}
    who = subjects(mentions, titles)
    what = annotate(mentions)
    rows, shares = [], []
    for m, (subject, sid), (key, direction, share) in zip(mentions, who, what):
        meta = doc_meta.get(m.doc_id)
        p0, p1 = period_bounds(m.period) if m.kind == "figure" else (None, None)
        d0, d1 = period_bounds(m.date) if m.kind == "event" else (None, None)
        rows.append({
            "subject": subject, "subject_id": sid, "metric_key": key, "direction": direction,
            "period_start": p0, "period_end": p1, "date_start": d0, "date_end": d1,
            "source_title": _meta(meta, "title"), "publisher": _meta(meta, "publisher"),
            "source_url": _meta(meta, "url"),
        })
        shares.append(share)
    return rows, shares
