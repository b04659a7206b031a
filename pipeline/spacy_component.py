"""factmine inside spaCy: a pipeline component, and the fact table as a ``DocBin``.

    import spacy
    nlp = spacy.blank("zh")              # or "en", "es"; no statistical model needed
    nlp.add_pipe("factmine")             # found through the ``spacy_factories`` entry point
    doc = nlp("去年，新疆网上零售额达723.3亿元，同比增长13.62%。")
    doc.ents                              # entities (label PERSON, ORG, PLACE, ...)
    doc.spans["figures"], doc.spans["events"]
    span._.value, span._.unit, span._.date, span._.canonical, span._.fact_id, ...

Config: ``kinds`` (default all three), ``lang`` (force zh/en/es instead of detecting per
paragraph), ``reference_date`` (what "last year" is relative to).

factmine's offsets are characters; spaCy's spans are tokens.  A fact whose characters do not
fall on token boundaries (spaCy's blank tokenizers split words, Chinese by character) is widened
to the tokens that cover it (``alignment_mode="expand"``); one that cannot be placed, or an entity
that overlaps a longer one (``doc.ents`` cannot overlap), is left out.  Nothing is left out
silently: every such case is counted in ``doc._.factmine`` (``placed``, ``expanded``, ``dropped``,
``overlapping``) and logged at WARNING.

``write_docbin(facts, corpus, path)`` writes a corpus's fact table as a ``DocBin``
(``factmine export --format spacy``): one Doc per document, on the raw decoded text, with the same
spans and ``Span._`` values, to train or evaluate statistical models on reviewed facts.
"""
from __future__ import annotations

import logging
import math
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Mapping

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

log = logging.getLogger("factmine")

SPAN_KEYS = {"figure": "figures", "event": "events"}          # entities go to doc.ents
# Span._ attributes, from the fact table's columns of the same name.
ATTRIBUTES = ("fact_id", "kind", "value", "value_max", "unit", "qualifier", "metric", "period",
              "canonical", "date", "description", "cluster_id", "status")
BLANK = {"zh": "zh", "en": "en", "es": "es"}                  # spaCy language per factmine language


def register_extensions() -> None:
    """``Span._.<column>`` for every ATTRIBUTES column and ``Doc._.factmine`` (placement counts)."""
    for name in ATTRIBUTES:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Doc.has_extension("factmine"):
        Doc.set_extension("factmine", default=None)


def _clean(value: Any) -> Any:
    """pandas' missing values (NA, NaN) as None; numpy scalars as Python ones."""
    if value is None:
        return None
    try:
        if value != value or value is getattr(__import__("pandas"), "NA"):
            return None
    except (TypeError, ValueError):          # pd.NA compares to NA, not a bool
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if hasattr(value, "item") else value


def add_facts(doc: Doc, facts: Iterable[Mapping[str, Any]]) -> Doc:
    """Put fact rows (fact-table columns: kind, start, end, label, ... as dicts) on ``doc``.

    ``start``/``end`` are character offsets into ``doc.text``.  Returns the doc; placement counts
    in ``doc._.factmine``."""
    register_extensions()
    stats = {"placed": 0, "expanded": 0, "dropped": 0, "overlapping": 0}
    groups: dict[str, list[Span]] = {"entity": [], "figure": [], "event": []}
    for row in facts:
        kind, start, end = row["kind"], int(row["start"]), int(row["end"])
        label = _clean(row.get("label")) or kind
        span = doc.char_span(start, end, label=label, alignment_mode="strict")
        if span is None:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is None or not len(span):
                stats["dropped"] += 1
                log.warning("factmine: %s %r at %d:%d falls on no token: left out of the spaCy doc",
                            kind, doc.text[start:end], start, end)
                continue
            stats["expanded"] += 1
        for name in ATTRIBUTES:
            span._.set(name, _clean(row.get(name)) if name != "kind" else kind)
        groups.setdefault(kind, []).append(span)
        stats["placed"] += 1
    kept = filter_spans(groups["entity"])          # longest first; doc.ents may not overlap
    if len(kept) < len(groups["entity"]):
        stats["overlapping"] = len(groups["entity"]) - len(kept)
        log.warning("factmine: %d entity span(s) overlap a longer one: left out of doc.ents "
                    "(all entities are in doc.spans['entities'])", stats["overlapping"])
    doc.ents = kept
    doc.spans["entities"] = groups["entity"]
    for kind, key in SPAN_KEYS.items():
        doc.spans[key] = groups.get(kind, [])
    doc._.factmine = stats
    return doc


class FactmineComponent:
    """The ``factmine`` pipe: runs factmine's extractors on ``doc.text`` and adds their spans."""

    def __init__(self, kinds: list[str] | None = None, lang: str | None = None,
                 reference_date: str | None = None):
        register_extensions()
        self.kinds = tuple(kinds) if kinds else None
        self.lang = lang
        self.reference_date = reference_date

    def __call__(self, doc: Doc) -> Doc:
        from .consolidate import build_table
        from .extractors import extract_all
        from .ingest import ingest_text

        if not doc.text.strip():
            return add_facts(doc, [])
        source = ingest_text(doc.text, "spacy", lang=self.lang, reference_date=self.reference_date)
        table = build_table(extract_all(source, self.kinds), doc_dates={"spacy": source.meta.date})
        return add_facts(doc, table.to_dict("records"))


@Language.factory("factmine", default_config={"kinds": None, "lang": None, "reference_date": None})
def make_factmine(nlp: Language, name: str, kinds: list[str] | None, lang: str | None,
                  reference_date: str | None) -> FactmineComponent:
    """Factory registered with spaCy (entry point ``spacy_factories``: ``factmine``)."""
    return FactmineComponent(kinds, lang, reference_date)


def _doc_language(rows: list[Mapping[str, Any]]) -> str:
    """The spaCy blank language for a document: zh whenever any fact is Chinese (its character
    tokenizer also aligns Latin text well), else the facts' majority language, else en."""
    langs = [r.get("lang") for r in rows]
    if "zh" in langs:
        return "zh"
    counted = [lang for lang in langs if lang in BLANK]
    return max(set(counted), key=counted.count) if counted else "en"


def write_docbin(facts, corpus: Path, path: Path) -> dict[str, int]:
    """The fact table (a DataFrame from ``factmine run``) as a spaCy ``DocBin`` at ``path``.

    One Doc per document that has facts, on its raw decoded text (so offsets agree with the
    table), read from ``corpus/<doc_id>``; documents that cannot be read are skipped and counted.
    Written to a temporary name and renamed.  Returns counts: docs, spans placed/expanded/dropped/
    overlapping, missing documents."""
    import spacy

    from .ingest.decode import decode_bytes

    register_extensions()
    blanks: dict[str, Language] = {}
    docbin = DocBin(store_user_data=True)
    totals = {"docs": 0, "placed": 0, "expanded": 0, "dropped": 0, "overlapping": 0, "missing": 0}
    for doc_id, group in facts.groupby("doc_id", sort=True):
        rows = group.to_dict("records")
        try:
            text, _ = decode_bytes((Path(corpus) / doc_id).read_bytes(), doc_id)
        except (OSError, ValueError) as exc:
            log.warning("factmine: %s: not exported to spaCy (%s)", doc_id, exc)
            totals["missing"] += 1
            continue
        lang = _doc_language(rows)
        nlp = blanks.get(lang) or blanks.setdefault(lang, spacy.blank(BLANK[lang]))
        doc = add_facts(nlp.make_doc(text), rows)
        doc.user_data["doc_id"] = doc_id
        docbin.add(doc)
        totals["docs"] += 1
        for key, n in doc._.factmine.items():
            totals[key] += n
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(docbin.to_bytes())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return totals


def export_spacy_cli(out: Path = Path("outputs"), corpus: Path = Path("corpus"),
                     dest: Path | None = None) -> dict[str, int]:
    """The standalone hook for ``factmine export --format spacy``: reads ``out/facts.parquet``,
    writes ``dest`` (default ``out/facts.spacy``), returns the counts."""
    import pandas as pd

    facts = pd.read_parquet(Path(out) / "facts.parquet")
    return write_docbin(facts, corpus, dest or Path(out) / "facts.spacy")
