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
from ..types import Mention, MentionRecord
from . import aliases as user_aliases
from .checks import build_checks, disagreements_of, document_checks, flags_column
from .clusters import _UnionFind, entity_key, link_within_documents
from .entities import EntityTally
from .facts_csv import CSV_PROCESS_MIN_ROWS, FactsCsv, cores
from .ids import hash_record
from .rows import combine, derive, valid
from .statements import _STATEMENT_SOURCE, CANDIDATE_COLUMNS, build_statements, candidates, plain_records, \
    statement_id_map, statements_of
from .table import base_table, build_entities, build_timeline, write_csv, write_parquet

SLICE_ROWS = 20_000            # facts per slice (documents are not cut): what pass 1 holds at a time
                               # (5,000 until the eighth wave of issue 13: each slice costs ~25 ms of
                               # pandas and Arrow set-up in each pass; 20,000 hold ~50 MB more)
_ROW = "_row"                  # the spill's extra column: the fact's row number before aliases dropped any
_REVIEW_COLUMNS = ("fact_id", "doc_id", "kind", "text", "context", "start")      # what reconcile reads
_EVENT_COLUMNS = ("kind", "date", "label", "description", "participants", "doc_id", "lang", "text", "context",
                  "fact_id", "cluster_id", "status", "duplicate", "start")
_FIGURE_COLUMNS = tuple(dict.fromkeys(("kind", "fact_id", *CANDIDATE_COLUMNS, *_STATEMENT_SOURCE)))
_FLAG_COLUMNS = ("fact_id", "doc_id", "flags")
_FIGURE_KEYS = (*_FIGURE_COLUMNS, _ROW)     # what pass 1 keeps of a candidate figure (statements: finish)


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
        self.names: dict[int, str] = {}                     # root -> cluster id, once asked (pass 2)

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
        if root not in self.low:                            # a row alone
            return "c" + hash_record(fact_id, length=12)
        if root not in self.names:
            self.names[root] = "c" + hash_record(self.low[root], length=12)
        return self.names[root]


def _base(part: list[dict]) -> tuple[list[Mention], pd.DataFrame, list[bool]]:
    mentions, derived = [], []
    for blob in part:
        ms = list(map(MentionRecord._make, blob["mentions"]))
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


class TableStream:
    """Documents go in (``add``, in any order: as the workers finish them), the tables come out
    (``finish``, in doc_id order).  Use it as a context manager: the spill file goes with it.

    Rows are numbered in the order documents arrive; what crosses documents (clusters, statements,
    re-attached decisions) is computed from those numbers but in doc_id order, so nothing depends
    on the arrival order."""

    def __init__(self, out: Path, *, decisions: Mapping, corpus: Path, facts_csv: FactsCsv | None = None):
        """``facts_csv``: facts.csv's writer when the run started it already (``facts_csv.start_early``);
        the stream owns it from here (used in pass 2, or stopped when the stream closes unused)."""
        self.out, self.decisions = out, decisions
        self.written = Written()
        try:
            self.aliases = user_aliases.load(corpus)
        except user_aliases.AliasFileError as exc:     # a malformed file is reported and ignored
            self.aliases, self.written.alias_error = user_aliases.UserAliases(), str(exc)
        self.decided_ids = set(decisions)
        self.decided_docs = {(d.fact or {}).get("doc_id") for d in decisions.values()}
        self.clusters = _Clusters()
        self.figures: list[pd.DataFrame] = []      # candidate figures of statements (_FIGURE_KEYS)
        self.statement_table: pd.DataFrame | None = None   # built in finish when no decision can change it
        self.reviewable: list[pd.DataFrame] = []   # rows a decision may be matched or re-attached to
        self.batches: dict[str, int | None] = {}   # doc_id -> its record batch in the spill (None: no rows)
        self.pending: list[dict] = []
        self.pending_rows = self.rows = 0
        self.writer = self.schema = None
        self.written_batches = 0
        fd, self.spill = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix="-facts.arrow", dir=out / ".cache")
        os.close(fd)
        self.sink = pa.OSFile(self.spill, "wb")
        self.facts_csv = facts_csv

    def __enter__(self) -> TableStream:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if not self.sink.closed:
            self.sink.close()
        Path(self.spill).unlink(missing_ok=True)
        if self.facts_csv is not None:          # not used (the run failed before pass 2): stopped, removed
            self.facts_csv.abandon()
            self.facts_csv = None

    def add(self, blob: dict) -> None:
        """One document's cache entry (with its mentions); pass 1 runs once a slice is full."""
        self.pending.append(blob)
        self.pending_rows += len(blob["mentions"])
        if self.pending_rows >= SLICE_ROWS:
            self._flush()

    def _flush(self) -> None:
        if not self.pending:
            return
        part, self.pending, self.pending_rows = self.pending, [], 0
        mentions, df, shares = _base(part)
        first = self.rows
        self.clusters.add_slice(first, mentions, df["fact_id"].tolist())
        del mentions
        df["flags"] = pd.array(flags_column(df, document_checks(df, shares)), "string")
        df[_ROW] = range(first, first + len(df))
        self.rows += len(df)
        self.figures.append(candidates(df[list(_FIGURE_KEYS)]))      # the columns first: fewer to take rows of
        df = user_aliases.apply(df, self.aliases)
        keep = df["fact_id"].isin(self.decided_ids) | df["doc_id"].isin(self.decided_docs)
        if keep.any():
            self.reviewable.append(df.loc[keep, [*_REVIEW_COLUMNS, _ROW]])
        table = pa.Table.from_pandas(df, preserve_index=False)
        if self.writer is None:
            self.schema = table.schema
            self.writer = pa.ipc.new_file(self.sink, self.schema)
        table = table.cast(self.schema)
        docs = df["doc_id"].tolist()
        spans: dict[str, list[int]] = {}           # a document's rows are consecutive in its slice
        for i, doc in enumerate(docs):
            spans.setdefault(doc, [i, i])[1] = i + 1
        for blob in part:
            doc = blob["doc_id"]
            if doc in spans:
                a, b = spans[doc]
                self.writer.write_batch(table.slice(a, b - a).combine_chunks().to_batches()[0])
                self.batches[doc] = self.written_batches
                self.written_batches += 1
            else:
                self.batches[doc] = None

    def finish(self) -> Written:
        """Statements, clusters and checks across documents; the tables built and written."""
        self._flush()
        if self.writer is not None:
            self.writer.close()
        self.sink.close()
        figures = _in_table_order(self.figures, _FIGURE_KEYS)
        self.figures = []
        rows = figures[_ROW].tolist()            # row numbers (arrival order) of the figures, in table order
        columns = {c: figures[c].to_numpy(dtype=object, na_value=None).tolist()
                   for c in (*CANDIDATE_COLUMNS, "fact_id")}
        records = ((k, {c: columns[c][k] for c in CANDIDATE_COLUMNS}) for k in range(len(rows)))
        statements = statements_of(records)      # positions in ``figures``
        ids = columns["fact_id"]
        first_of: dict[str, int] = {}
        for k, sid in statement_id_map(ids, statements, agreeing=True).items():
            j = first_of.setdefault(sid, k)
            if j != k:
                self.clusters.link(rows[j], ids[j], rows[k], ids[k])
        disagreeing: dict[str, list[str]] = {}
        for flag in disagreements_of(columns["text"], columns["doc_id"], ids, columns["subject"], statements):
            for fid in flag.fact_ids:
                disagreeing.setdefault(fid, []).append(f"{flag.check}: {flag.reason}")
        # without decisions the decided figures are these very rows (aliases rename entities only):
        # the statement table is built from them now, not found again in pass 2
        self.statement_table = build_statements(figures, statements) if not self.decisions else None
        del columns, ids, statements, figures
        reviewable = _in_table_order(self.reviewable, (*_REVIEW_COLUMNS, _ROW))
        self.reviewable = []
        matched = reconcile(reviewable, self.decisions)
        self.written.review = matched.summary()
        _second_pass(self, disagreeing, matched)
        return self.written

    def slices(self) -> Iterator[pd.DataFrame]:
        """The spilled rows in doc_id order, about SLICE_ROWS at a time."""
        if not any(b is not None for b in self.batches.values()):
            yield _empty()
            return
        with pa.OSFile(self.spill, "rb") as source:     # not memory-mapped: pages read would stay in RSS
            reader = pa.ipc.open_file(source)
            part, n = [], 0
            for doc in sorted(self.batches):
                if self.batches[doc] is None:
                    continue
                part.append(reader.get_batch(self.batches[doc]))
                n += part[-1].num_rows
                if n >= SLICE_ROWS:
                    yield pa.Table.from_batches(part).combine_chunks().to_pandas()   # one chunk: pandas is slow on many
                    part, n = [], 0
            if part:
                yield pa.Table.from_batches(part).combine_chunks().to_pandas()   # one chunk: pandas is slow on many


def _in_table_order(frames: list[pd.DataFrame], columns) -> pd.DataFrame:
    """Pieces kept from slices, in the fact table's order (doc_id, then position in the document)."""
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    df = pd.concat(frames, ignore_index=True)
    return df.sort_values(["doc_id", _ROW], kind="stable").reset_index(drop=True)


def write_tables(blobs: Iterable[dict], out: Path, *, decisions: Mapping, corpus: Path) -> Written:
    """The five tables of ``blobs`` (cache entries with their mentions, in any order) written to ``out``."""
    with TableStream(out, decisions=decisions, corpus=corpus) as tables:
        for blob in blobs:
            tables.add(blob)
        return tables.finish()


def _second_pass(stream: TableStream, disagreeing: dict[str, list[str]], matched) -> None:
    out, written, clusters = stream.out, stream.written, stream.clusters
    keep: dict[str, list[pd.DataFrame]] = {"events": [], "figures": [], "flags": []}
    if stream.statement_table is not None:
        del keep["figures"]
    entities = EntityTally()         # the entity table's aggregates: one per entity, not per mention
    counts: Counter = Counter()
    n_rows = 0
    # facts.parquet is renamed into place first, then the other tables are built and written while
    # facts.csv's process formats its last slices (it lags behind this loop), then facts.csv
    facts_csv, stream.facts_csv = stream.facts_csv, None
    if facts_csv is None:
        facts_csv = FactsCsv(out / "facts.csv", parallel=stream.rows >= CSV_PROCESS_MIN_ROWS and cores() > 1)
    with facts_csv as csv_out:
        with atomic_path(out / "facts.parquet") as parquet_tmp:
            parquet = None
            try:
                for df in stream.slices():
                    rows, ids = df.pop(_ROW).tolist(), df["fact_id"].tolist()
                    df["cluster_id"] = pd.array([clusters.name(r, f) for r, f in zip(rows, ids)], "string")
                    df["flags"] = pd.array([_join_flags(disagreeing.get(f), own)
                                            for f, own in zip(ids, df["flags"].tolist())], "string")
                    df = apply_decisions(df, stream.decisions, reconciled=matched)
                    df.attrs.pop("review", None)
                    pairs = df[["kind", "lang"]].dropna()     # lists, not Arrow-backed values one by one
                    counts.update(zip(pairs["kind"].tolist(), pairs["lang"].tolist()))
                    table = pa.Table.from_pandas(df, preserve_index=False)
                    if parquet is None:
                        parquet = pq.ParquetWriter(parquet_tmp, table.schema)
                    table = table.cast(parquet.schema)
                    parquet.write_table(table)
                    csv_out.write(df, table, header=n_rows == 0)
                    n_rows += len(df)
                    decided = decided_view(df)
                    _keep_decided(decided, keep)
                    entities.add(decided)
            finally:
                if parquet is not None:
                    parquet.close()
        by_kind: dict[str, dict[str, int]] = {}
        for (kind, lang), n in sorted(counts.items()):
            by_kind.setdefault(kind, {})[lang] = n
        written.counts = by_kind
        parts = {name: pd.concat(frames, ignore_index=True) for name, frames in keep.items()}
        written.tables = {"entities": build_entities(entities), "timeline": build_timeline(parts["events"]),
                          "statements": stream.statement_table if stream.statement_table is not None
                          else build_statements(parts["figures"]), "checks": build_checks(parts["flags"])}
        written.rows = {"facts": n_rows, "entities": len(written.tables["entities"]),
                        "timeline": len(written.tables["timeline"])}
        derived = []
        for name in ("entities", "timeline", "statements"):
            write_parquet(written.tables[name], out / f"{name}.parquet")
            write_csv(written.tables[name], out / f"{name}.csv")
            derived += [out / f"{name}.parquet", out / f"{name}.csv"]
        write_csv(written.tables["checks"], out / "checks.csv")
        derived.append(out / "checks.csv")
    written.outputs += [out / "facts.parquet", out / "facts.csv", *derived]


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
    keep["events"].append(decided.loc[(kind == "event") & decided["date"].notna(), list(_EVENT_COLUMNS)])
    if "figures" in keep:
        keep["figures"].append(candidates(decided)[list(_FIGURE_COLUMNS)])
    keep["flags"].append(decided.loc[decided["flags"].notna(), list(_FLAG_COLUMNS)])

