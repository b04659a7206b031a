"""The old ``reviews.csv`` (fact_id,status[,decided_at]): import into the store, export from it.

Import reads a file re-saved by Excel (byte-order mark), any case of status (``Accepted``), and maps
ids of the old scheme (rank across the document) onto current ids when the fact table still has
that fact; unknown ids are kept (orphaned) and reported; undecodable bytes are a one-line error.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..consolidate.ids import legacy_fact_ids
from ..safety import atomic_path
from .store import STATUSES, DecisionStore, StoreError

FIELDS = ["fact_id", "status", "decided_at"]


@dataclass
class Imported:
    recorded: int = 0
    mapped: dict[str, str] = field(default_factory=dict)     # old id -> current id
    unknown: list[str] = field(default_factory=list)          # recorded, but no such fact now (orphaned)
    bad_lines: list[str] = field(default_factory=list)        # "line N: reason", not recorded


class _Row:
    __slots__ = ("doc_id", "kind", "label", "text")

    def __init__(self, doc_id, kind, label, text):
        self.doc_id, self.kind, self.text = doc_id, kind, text
        self.label = "" if label is None or pd.isna(label) else label


def read_csv_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise StoreError(f"{path}: line {line}: not UTF-8 (byte 0x{data[exc.start]:02x}); "
                         "save it as UTF-8 CSV and import again") from None


def import_csv(path: Path, store: DecisionStore, facts: pd.DataFrame, *, reviewer: str = "") -> Imported:
    """Record every valid line of an old reviews.csv (in its order: later lines win) in one transaction."""
    reader = csv.DictReader(io.StringIO(read_csv_text(path), newline=""))
    names = [(n or "").strip().lower() for n in reader.fieldnames or []]
    if "fact_id" not in names or "status" not in names:
        raise StoreError(f"{path}: expected a header with fact_id,status[,decided_at]; found {reader.fieldnames}")
    reader.fieldnames = names
    by_id = {r["fact_id"]: r for r in facts.to_dict("records")}
    old = dict(zip(legacy_fact_ids([_Row(r.doc_id, r.kind, r.label, r.text) for r in facts.itertuples()]),
                   facts["fact_id"]))
    result, rows = Imported(), []
    for n, line in enumerate(reader, 2):
        fid, status = (line.get("fact_id") or "").strip(), (line.get("status") or "").strip().lower()
        if not fid or status not in STATUSES or status == "corrected":
            why = ("no fact_id" if not fid else
                   "status 'corrected' without a corrected value (record it with `factmine review correct`)"
                   if status == "corrected" else f"status {line.get('status')!r} (expected accepted or rejected)")
            result.bad_lines.append(f"line {n}: {why}")
            continue
        if fid not in by_id and fid in old:
            result.mapped[fid] = fid = old[fid]
        elif fid not in by_id:
            result.unknown.append(fid)
        rows.append((fid, status, None, f"imported from {path.name}", reviewer,
                     (line.get("decided_at") or "").strip() or None, by_id.get(fid)))
    result.recorded = store.import_rows(rows)
    return result


def export_csv(store: DecisionStore, path: Path) -> int:
    """The decisions in force as fact_id,status,decided_at (UTF-8 with BOM); returns the row count."""
    latest = store.latest()
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(FIELDS)
        for d in latest.values():
            writer.writerow([d.fact_id, d.status, d.decided_at])
    return len(latest)
