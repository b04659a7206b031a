"""The columns that turn mentions into facts, for ``build_table`` (the per-document ones come from rows.py).

subject, subject_id (subjects.py) · metric_key, direction (metrics.py) · period_start, period_end
(figures) and date_start, date_end (events) (periods.py) · source_title, publisher, source_url
(the document's metadata: catalog row, else the article's header, as ingest found them).
"""
from __future__ import annotations

from typing import Mapping, Sequence

from ..types import Mention
from .rows import derive

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


def enrich(mentions: Sequence[Mention], doc_meta: Mapping[str, object] | None = None,
           derived: Mapping[str, list] | None = None) -> tuple[dict[str, list], list[bool]]:
    """ENRICH_COLUMNS as one list per column, and per mention whether the figure is a share of a whole.

    ``derived``: the per-document columns (rows.derive), computed here when not given."""
    doc_meta = doc_meta or {}
    if derived is None:
        derived = derive(mentions, {d: _meta(m, "title") for d, m in doc_meta.items()})
    cols = {name: derived[name] for name in ENRICH_COLUMNS if name in derived}
    provenance = {d: (_meta(m, "title"), _meta(m, "publisher"), _meta(m, "url")) for d, m in doc_meta.items()}
    per_mention = [provenance.get(m.doc_id, (None, None, None)) for m in mentions]
    for j, name in enumerate(("source_title", "publisher", "source_url")):
        cols[name] = [p[j] for p in per_mention]
    return {name: cols[name] for name in ENRICH_COLUMNS}, derived["share"]
