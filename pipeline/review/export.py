"""Exports of the reviewed tables: SQLite (opens in Datasette as is), Excel-friendly CSV, JSON Lines.

``EXPORTERS`` is the registry: name -> Exporter(write, default_name).  A new format (e.g. a spaCy
DocBin) adds one entry.  Every exporter gets the same tables — facts (decisions applied), entities
and timeline (rebuilt from the decided view: no rejected facts, corrected values in place) and
decisions (the whole history, ``in_force`` marking the decision that applies) — and writes to a
temporary name first, then renames (``safety.atomic_path``).  CSV cells go through the fact
table's ``csv_cells`` (formula-like text prefixed with ``'``, lists as JSON arrays).  SQLite is written with the standard library (pandas
``to_sql`` on a ``sqlite3`` connection): no extra dependency for four plain tables.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from ..consolidate import build_entities, build_timeline
from ..consolidate.table import csv_cells, jsonable
from ..safety import atomic_path
from .apply import decided_view
from .store import DecisionStore


@dataclass(frozen=True)
class Exporter:
    write: Callable[[dict[str, pd.DataFrame], Path], list[Path]]
    default_name: str           # under the outputs folder when --out is not given


def tables(facts: pd.DataFrame, store: DecisionStore | None) -> dict[str, pd.DataFrame]:
    """The four exported tables; ``facts`` already has the decisions applied."""
    decided = decided_view(facts)
    history = store.all() if store is not None else []
    in_force = {d.fact_id: d.id for d in history}
    summary = facts.attrs.get("review", {})
    moved = summary.get("reattached", {})
    orphaned = set(summary.get("orphaned", []))
    decisions = pd.DataFrame(
        [{"id": d.id, "fact_id": d.fact_id, "applied_to": moved.get(d.fact_id, None if d.fact_id in orphaned else d.fact_id),
          "status": d.status, "corrections": json.dumps(d.corrections, ensure_ascii=False),
          "comment": d.comment, "reviewer": d.reviewer, "decided_at": d.decided_at,
          "in_force": in_force[d.fact_id] == d.id, "orphaned": d.fact_id in orphaned,
          "doc_id": d.fact.get("doc_id"), "start": d.fact.get("start"), "end": d.fact.get("end"),
          "text": d.fact.get("text"), "context": d.fact.get("context")} for d in history],
        columns=["id", "fact_id", "applied_to", "status", "corrections", "comment", "reviewer", "decided_at",
                 "in_force", "orphaned", "doc_id", "start", "end", "text", "context"])
    return {"facts": facts, "entities": build_entities(decided), "timeline": build_timeline(decided),
            "decisions": decisions}


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Lists and dicts as JSON text, missing as None: cells SQLite can hold."""
    out = df.astype(object).where(df.notna(), None)
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, (list, tuple, dict, np.ndarray))).any():
            out[col] = out[col].map(lambda v: None if v is None else json.dumps(
                _listed(v), ensure_ascii=False, default=str))
    return out


def _listed(v):
    """numpy arrays (Parquet list columns) as plain lists, elements as plain values."""
    if isinstance(v, (list, tuple, np.ndarray)):
        return [jsonable(x) for x in list(v)]
    return jsonable(v)


def write_sqlite(data: dict[str, pd.DataFrame], path: Path) -> list[Path]:
    with atomic_path(path) as tmp:
        db = sqlite3.connect(tmp)
        try:
            for name, df in data.items():
                _plain(df).to_sql(name, db, index=False, if_exists="replace")
            db.execute("CREATE INDEX facts_fact_id ON facts (fact_id)")
            db.execute("CREATE INDEX facts_doc ON facts (doc_id, start)")
            db.execute("CREATE INDEX decisions_fact_id ON decisions (fact_id)")
            db.commit()
        finally:
            db.close()
    return [path]


def _per_table(suffix: str, write_one: Callable[[pd.DataFrame, Path], None]):
    def write(data: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, df in data.items():
            path = folder / f"{name}{suffix}"
            with atomic_path(path) as tmp:
                write_one(df, tmp)
            written.append(path)
        return written
    return write


def _csv(df: pd.DataFrame, path: Path) -> None:
    """Excel: BOM and CRLF; formula-like text cells prefixed with ' and lists as JSON (csv_cells)."""
    csv_cells(df).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")


def _jsonl(df: pd.DataFrame, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for rec in df.to_dict("records"):
            fh.write(json.dumps({k: _listed(v) for k, v in rec.items()}, ensure_ascii=False) + "\n")


EXPORTERS: dict[str, Exporter] = {
    "sqlite": Exporter(write_sqlite, "factmine.sqlite"),
    "csv": Exporter(_per_table(".csv", _csv), "export-csv"),
    "jsonl": Exporter(_per_table(".jsonl", _jsonl), "export-jsonl"),
}


def export(fmt: str, facts: pd.DataFrame, store: DecisionStore | None, dest: Path) -> list[Path]:
    """Write the tables in format ``fmt`` to ``dest``; returns the files written."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    return EXPORTERS[fmt].write(tables(facts, store), dest)
