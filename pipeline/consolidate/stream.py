"""The tables of a run, built and written a slice of documents at a time (issue 13: flat memory).

``build_table`` holds every fact of the corpus at once, three times over while it works; peak memory
grew with the corpus.  Only three things read across documents: statements (figures of one fact in
several sources), cluster ids (statements, and entities of the same label and canonical) and the
``disagreement`` check.  So:

* **pass 1** — documents in doc_id order, about ``SLICE_ROWS`` facts at a time: the per-document
  columns (``table.base_table``), the links within documents (``clusters.link_within_documents``),
  the per-document checks, the corpus's aliases.  The slice goes to a spill file (Arrow IPC in
  ``<out>/.cache``, a temporary name, removed at the end); what stays in memory is compact: a
  union-find over row numbers (plus the smallest fact id of each cluster of two or more), the
  candidate figures of statements, one row per entity key, the rows review decisions may need.
* **between** — statements, cluster links across documents, disagreements, decisions matched.
* **pass 2** — the spill read back slice by slice: ``cluster_id``, ``flags`` and the review columns
  filled in; ``facts.parquet`` (one row group per slice) and ``facts.csv`` appended; of the decided
  rows only those the derived tables read are kept (entities, dated events, candidate figures,
  flagged facts), and the entity, timeline, statement and check tables are built from them.

The tables are those of ``build_table`` + ``aliases.apply`` + ``apply_decisions`` on the whole
corpus, row for row (tests/test_stream.py compares the two on every run of the corpus tests).
"""
from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..review.apply import apply_decisions, decided_view, reconcile
from ..safety import TEMP_PREFIX, atomic_path
from ..types import Mention
from . import aliases as user_aliases
from .checks import build_checks, disagreements_of, document_checks, flags_column
from .clusters import _UnionFind, entity_key, link_within_documents
from .ids import hash_record
from .rows import combine, derive, valid
from .statements import _STATEMENT_SOURCE, CANDIDATE_COLUMNS, build_statements, candidates, plain_records, \
    statement_id_map, statements_of
from .table import CSV_ROWS, base_table, build_entities, build_timeline, csv_cells, write_csv, write_parquet

SLICE_ROWS = 5_000             # facts per slice (documents are not cut): what pass 1 holds at a time
_ROW = "_row"                  # the spill's extra column: the fact's row number before aliases dropped any
_REVIEW_COLUMNS = ("fact_id", "doc_id", "kind", "text", "context", "start")      # what reconcile reads
_ENTITY_COLUMNS = ("kind", "text", "canonical", "label", "lang", "doc_id", "start", "end")
_EVENT_COLUMNS = ("kind", "date", "label", "description", "participants", "doc_id", "lang", "text", "context",
                  "fact_id", "cluster_id", "status", "duplicate", "start")
_FIGURE_COLUMNS = tuple(dict.fromkeys(("kind", "fact_id", *CANDIDATE_COLUMNS, *_STATEMENT_SOURCE)))
_FLAG_COLUMNS = ("fact_id", "doc_id", "flags")


@dataclass
class Written:
    """What ``write_tables`` leaves for the run report (the facts themselves stay on disk)."""
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)    # entities, timeline, statements, checks
    rows: dict[str, int] = field(default_factory=dict)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # facts by kind and language
    review: dict = field(default_factory=dict)
    alias_error: str | None = None
    outputs: list[Path] = field(default_factory=list)


class _Clusters:
    """Union-find over the row numbers of the whole table; ``low`` holds the smallest fact id of each
    cluster of two or more rows (a row alone is its own smallest id), so nothing per row but its parent."""

    def __init__(self):
        self.uf = _UnionFind(0)
        self.low: dict[int, str] = {}
        self.first: dict[tuple, tuple[int, str]] = {}      # entity key -> (row, fact id) of its first mention

    def link(self, a: int, fa: str, b: int, fb: str) -> None:
        ra, rb = self.uf.find(a), self.uf.find(b)
        if ra == rb:
            return
        low = min(self.low.pop(ra, fa), self.low.pop(rb, fb))    # a root not in ``low`` is a row alone
        self.uf.union(ra, rb)
        self.low[self.uf.find(ra)] = low

    def add_slice(self, offset: int, mentions: list[Mention], ids: list[str]) -> None:
        self.uf.grow(len(mentions))
        local = _UnionFind(len(mentions))
        link_within_documents(local, mentions)
        for i in range(len(mentions)):
            r = local.find(i)
            if r != i:
                self.link(offset + r, ids[r], offset + i, ids[i])
        for i, m in enumerate(mentions):
            key = entity_key(m)
            if key is None:
                continue
            if key in self.first:
                self.link(*self.first[key], offset + i, ids[i])
            else:
                self.first[key] = (offset + i, ids[i])

    def name(self, row: int, fact_id: str) -> str:
        root = self.uf.find(row)
        return "c" + hash_record(self.low.get(root, fact_id), length=12)


def _slices(blobs: Iterable[dict]) -> Iterator[list[dict]]:
    """Consecutive documents, about SLICE_ROWS facts together (a document is never cut)."""
    part, rows = [], 0
    for blob in blobs:
        part.append(blob)
        rows += len(blob["mentions"])
        if rows >= SLICE_ROWS:
            yield part
            part, rows = [], 0
    if part:
        yield part


def _base(part: list[dict]) -> tuple[list[Mention], pd.DataFrame, list[bool]]:
    mentions, derived = [], []
    for blob in part:
        ms = [Mention.from_row(m) for m in blob["mentions"]]
        done = blob.get("derived")            # computed by the worker (rows.py), unless relabelled
        if not valid(done, len(ms)):
            done = derive(ms, {blob["doc_id"]: (blob.get("meta") or {}).get("title")})
        mentions += ms
        derived.append(done)
    df, shares = base_table(
        mentions, doc_dates={b["doc_id"]: b.get("date") for b in part},
        doc_date_sources={b["doc_id"]: b.get("date_source") for b in part},
        doc_meta={b["doc_id"]: b.get("meta") or {} for b in part}, derived=combine(derived))
    return mentions, df, shares


def write_tables(blobs: Iterable[dict], out: Path, *, decisions: Mapping, corpus: Path) -> Written:
    """Build the five tables from ``blobs`` (cache entries with their mentions, in doc_id order) and
    write them to ``out`` (each to a temporary name, then renamed)."""
    written = Written()
    try:
        aliases = user_aliases.load(corpus)
    except user_aliases.AliasFileError as exc:     # a malformed file is reported and ignored
        aliases, written.alias_error = user_aliases.UserAliases(), str(exc)
    decided_ids = set(decisions)
    decided_docs = {(d.fact or {}).get("doc_id") for d in decisions.values()}
    clusters = _Clusters()
    figures: list[tuple[int, dict]] = []        # (row, CANDIDATE_COLUMNS + fact_id) of candidate figures
    reviewable: list[pd.DataFrame] = []          # rows a decision may be matched or re-attached to
    fd, spill = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix="-facts.arrow", dir=out / ".cache")
    os.close(fd)
    try:
        rows = 0
        with pa.OSFile(spill, "wb") as sink:
            writer = schema = None
            for part in _slices(blobs):
                mentions, df, shares = _base(part)
                ids = df["fact_id"].tolist()
                clusters.add_slice(rows, mentions, ids)
                del mentions
                fig = candidates(df)
                figures += [(rows + i, r) for i, r in zip(fig.index, plain_records(fig, (*CANDIDATE_COLUMNS,
                                                                                         "fact_id")))]
                df["flags"] = pd.array(flags_column(df, document_checks(df, shares)), "string")
                df[_ROW] = range(rows, rows + len(df))
                rows += len(df)
                df = user_aliases.apply(df, aliases)
                keep = df["fact_id"].isin(decided_ids) | df["doc_id"].isin(decided_docs)
                if keep.any():
                    reviewable.append(df.loc[keep, list(_REVIEW_COLUMNS)])
                table = pa.Table.from_pandas(df, preserve_index=False)
                if writer is None:
                    schema = table.schema
                    writer = pa.ipc.new_stream(sink, schema)
                writer.write_table(table.cast(schema))
            if writer is not None:
                writer.close()
        # across documents
        statements = statements_of(figures)
        ids = {i: r["fact_id"] for i, r in figures}
        first_of: dict[str, int] = {}
        for i, sid in statement_id_map(ids, statements, agreeing=True).items():
            j = first_of.setdefault(sid, i)
            if j != i:
                clusters.link(j, ids[j], i, ids[i])
        column = {c: {i: r[c] for i, r in figures} for c in ("text", "doc_id", "subject")}
        disagreeing: dict[str, list[str]] = {}
        for flag in disagreements_of(column["text"], column["doc_id"], ids, column["subject"], statements):
            for fid in flag.fact_ids:
                disagreeing.setdefault(fid, []).append(f"{flag.check}: {flag.reason}")
        del figures, ids, column, statements
        facts_so_far = pd.concat(reviewable, ignore_index=True) if reviewable else \
            pd.DataFrame({c: pd.Series(dtype=object) for c in _REVIEW_COLUMNS})
        matched = reconcile(facts_so_far, decisions)
        del reviewable, facts_so_far
        written.review = matched.summary()
        _second_pass(spill, rows > 0, out, clusters, disagreeing, decisions, matched, written)
    finally:
        Path(spill).unlink(missing_ok=True)
    return written


def _read_spill(spill: str) -> Iterator[pd.DataFrame]:
    with pa.OSFile(spill, "rb") as source:      # not memory-mapped: pages read would stay in RSS
        reader = pa.ipc.open_stream(source)
        for batch in reader:
            yield pa.Table.from_batches([batch]).to_pandas()


def _second_pass(spill: str, any_rows: bool, out: Path, clusters: _Clusters, disagreeing: dict[str, list[str]],
                 decisions: Mapping, matched, written: Written) -> None:
    keep: dict[str, list[pd.DataFrame]] = {"entities": [], "events": [], "figures": [], "flags": []}
    counts: Counter = Counter()
    n_rows = 0
    slices = _read_spill(spill) if any_rows else iter([_empty()])
    # innermost first out: facts.parquet is renamed into place before facts.csv, as the other tables are
    with atomic_path(out / "facts.csv") as csv_tmp, open(csv_tmp, "w", encoding="utf-8", newline="") as csv_out, \
            atomic_path(out / "facts.parquet") as parquet_tmp:
        parquet = None
        try:
            for df in slices:
                rows, ids = df.pop(_ROW).tolist(), df["fact_id"].tolist()
                df["cluster_id"] = pd.array([clusters.name(r, f) for r, f in zip(rows, ids)], "string")
                df["flags"] = pd.array([_join_flags(disagreeing.get(f), own) for f, own in zip(ids, df["flags"])],
                                       "string")
                df = apply_decisions(df, decisions, reconciled=matched)
                df.attrs.pop("review", None)
                counts.update(k for k in zip(df["kind"], df["lang"]) if not (pd.isna(k[0]) or pd.isna(k[1])))
                table = pa.Table.from_pandas(df, preserve_index=False)
                if parquet is None:
                    parquet = pq.ParquetWriter(parquet_tmp, table.schema)
                parquet.write_table(table.cast(parquet.schema))
                for start in range(0, max(len(df), 1), CSV_ROWS):
                    csv_cells(df.iloc[start:start + CSV_ROWS]).to_csv(csv_out, index=False, header=n_rows == 0
                                                                      and start == 0, lineterminator="\n")
                n_rows += len(df)
                _keep_decided(decided_view(df), keep)
        finally:
            if parquet is not None:
                parquet.close()
    written.outputs += [out / "facts.parquet", out / "facts.csv"]
    by_kind: dict[str, dict[str, int]] = {}
    for (kind, lang), n in sorted(counts.items()):
        by_kind.setdefault(kind, {})[lang] = n
    written.counts = by_kind
    parts = {name: pd.concat(frames, ignore_index=True) for name, frames in keep.items()}
    written.tables = {"entities": build_entities(parts["entities"]), "timeline": build_timeline(parts["events"]),
                      "statements": build_statements(parts["figures"]), "checks": build_checks(parts["flags"])}
    written.rows = {"facts": n_rows, "entities": len(written.tables["entities"]),
                    "timeline": len(written.tables["timeline"])}
    for name in ("entities", "timeline", "statements"):
        write_parquet(written.tables[name], out / f"{name}.parquet")
        write_csv(written.tables[name], out / f"{name}.csv")
        written.outputs += [out / f"{name}.parquet", out / f"{name}.csv"]
    write_csv(written.tables["checks"], out / "checks.csv")
    written.outputs.append(out / "checks.csv")


def _empty() -> pd.DataFrame:
    df, _ = base_table([])
    df[_ROW] = pd.Series(dtype="int64")
    return df


def _join_flags(across: list[str] | None, own) -> str | None:
    """The disagreement flags first, then the document's own (the order of ``run_checks``)."""
    parts = list(across or ())
    if isinstance(own, str):
        parts.append(own)
    return " | ".join(parts) or None


def _keep_decided(decided: pd.DataFrame, keep: dict[str, list[pd.DataFrame]]) -> None:
    """The decided rows the derived tables read, and only their columns."""
    kind = decided["kind"]
    keep["entities"].append(decided.loc[kind == "entity", list(_ENTITY_COLUMNS)])
    keep["events"].append(decided.loc[(kind == "event") & decided["date"].notna(), list(_EVENT_COLUMNS)])
    keep["figures"].append(candidates(decided)[list(_FIGURE_COLUMNS)])
    keep["flags"].append(decided.loc[decided["flags"].notna(), list(_FLAG_COLUMNS)])
