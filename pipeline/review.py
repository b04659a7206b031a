"""Review decisions: an append-only CSV log (fact_id, status, time) that runs read, never write."""
from __future__ import annotations

import csv
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

import pandas as pd

FIELDS = ["fact_id", "status", "decided_at"]


def append_decisions(path: Path, decisions: Iterable[tuple[str, str]]) -> None:
    """Append (fact_id, status) lines; the file and its earlier lines are never rewritten."""
    new = not path.is_file() or path.stat().st_size == 0
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with path.open("a", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        if new:
            writer.writerow(FIELDS)
        for fid, status in decisions:
            writer.writerow([fid, status, now])


def select_facts(facts: pd.DataFrame, reviews: Path, *, kind: str | None, doc: str | None,
                 status: str) -> pd.DataFrame:
    from .run import read_reviews

    decided = read_reviews(reviews)
    facts = facts.assign(status=[decided.get(f, s) for f, s in zip(facts["fact_id"], facts["status"])])
    mask = pd.Series(True, index=facts.index)
    if kind:
        mask &= facts["kind"] == kind
    if doc:
        mask &= facts["doc_id"] == doc
    if status != "all":
        mask &= facts["status"] == status
    return facts[mask]


def format_fact(row) -> str:
    """Two lines: what was found, and the sentence with the mention in [brackets]."""
    if row.kind == "figure":
        what = f"{row.label} value={row.value:,.12g}" if pd.notna(row.value) else str(row.label)
        what += f" {row.unit}" if pd.notna(row.unit) else ""
        what += f" ({row.qualifier})" if pd.notna(row.qualifier) else ""
        what += f" metric={row.metric}" if pd.notna(row.metric) else ""
        what += f" period={row.period}" if pd.notna(row.period) else ""
    elif row.kind == "entity":
        what = f"{row.label} canonical={row.canonical}"
    else:
        what = f"{row.label} date={row.date} — {row.description}"
    context = str(row.context) if pd.notna(row.context) else ""
    text = str(row.text)
    marked = context.replace(" ".join(text.split()), f"[{' '.join(text.split())}]", 1)
    return (f"{row.fact_id}  {row.doc_id}:{row.line} [{row.start}:{row.end}]  {row.kind} {text!r}  {what}  "
            f"({row.status})\n    {marked}")
