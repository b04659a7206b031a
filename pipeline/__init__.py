"""factmine: figures, entities and dated events from zh/en/es news, with exact provenance.

Notebook API::

    from pipeline import extract, run_corpus
    extract("去年，新疆网上零售额达723.3亿元。", reference_date="2025-09-28")
    facts, entities, timeline = run_corpus("corpus")
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

__version__ = "0.1.0"


def extract(text: str, *, lang: str | None = None, reference_date: str | None = None,
            kinds: Iterable[str] | None = None, doc_id: str = "-") -> list[dict]:
    """The fact mentions of one text, as dicts with the fact table's columns."""
    from .consolidate import build_table
    from .consolidate.table import jsonable
    from .extractors import extract_all
    from .ingest import ingest_text

    doc = ingest_text(text, doc_id, lang=lang, reference_date=reference_date)
    df = build_table(extract_all(doc, kinds), doc_dates={doc_id: doc.meta.date},
                     doc_date_sources={doc_id: doc.meta.date_source or None}, doc_meta={doc_id: doc.meta})
    return [{k: jsonable(v) for k, v in rec.items()} for rec in df.to_dict("records")]


def run_corpus(corpus: str | Path = "corpus", out: str | Path | None = None, *, workers: int = 1):
    """Run the whole corpus; returns (facts, entities, timeline) DataFrames.  Writes to ``out`` if given."""
    from .run import run

    report = run(Path(corpus), Path(out) if out is not None else None, workers=workers)
    return report.facts, report.entities, report.timeline
