"""Apply review decisions to the fact table, and re-attach decisions whose fact id changed.

The extracted columns are never overwritten: a correction goes in ``<field>_corrected`` and the
column analysts use is ``final_<field>`` (the correction if any, else the extracted value).
Derived tables (entities, timeline, statements) are built from ``decided_view(facts)``: rejected
facts left out, corrected values in place of the extracted ones.

A decision whose ``fact_id`` no longer exists (its sentence was edited, or an extractor changed what
it finds) is re-attached to the fact of the same document, kind and surface in the most similar
sentence (difflib ratio >= ``REATTACH_MIN``), never to a fact that has a decision of its own, and the
row says so in ``reattached_from``.  Otherwise it is orphaned: kept in the store and reported.
"""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from typing import Mapping

import pandas as pd

from .store import CORRECTABLE, NUMERIC, Decision

REATTACH_MIN = 0.75      # sentence similarity needed to re-attach (an edited sentence, not another one)
PENDING = "pending"


@dataclass
class Reconciled:
    """Decisions matched to the current facts."""
    by_fact: dict[str, Decision] = field(default_factory=dict)           # current fact_id -> decision
    reattached: list[tuple[Decision, str, float]] = field(default_factory=list)   # (decision, new id, ratio)
    orphaned: list[Decision] = field(default_factory=list)

    def summary(self) -> dict:
        return {"applied": len(self.by_fact), "reattached": {d.fact_id: new for d, new, _ in self.reattached},
                "orphaned": [d.fact_id for d in self.orphaned]}


def summary_line(summary: Mapping) -> str:
    """One line for the run summary: decisions applied, re-attached, orphaned."""
    line = f"review decisions applied to {summary.get('applied', 0)} facts"
    moved, orphaned = len(summary.get("reattached", {})), len(summary.get("orphaned", []))
    if moved:
        line += f", {moved} re-attached after an edit of their sentence"
    if orphaned:
        line += f", {orphaned} orphaned (their fact is gone: `factmine review orphans`)"
    return line


def _norm(text) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(text or "")).split()).casefold()


def reconcile(facts: pd.DataFrame, decisions: Mapping[str, Decision]) -> Reconciled:
    """Match decisions (latest per fact id) to the facts of the table."""
    out = Reconciled()
    present = set(facts["fact_id"]) if len(facts) else set()
    missing = []
    for fid, d in decisions.items():
        if fid in present:
            out.by_fact[fid] = d
        else:
            missing.append(d)
    if not missing:
        return out
    index = _index(facts[~facts["fact_id"].isin(out.by_fact.keys())])
    offers = []                                   # (ratio, -distance, decision index, fact id)
    for i, d in enumerate(missing):
        for fid, ratio, dist in _candidates(index, d.fact):
            offers.append((ratio, -dist, i, fid))
    taken_d, taken_f = set(), set()
    for ratio, _, i, fid in sorted(offers, key=lambda o: (-o[0], -o[1], o[2])):
        if i in taken_d or fid in taken_f:
            continue
        taken_d.add(i)
        taken_f.add(fid)
        out.by_fact[fid] = missing[i]
        out.reattached.append((missing[i], fid, round(ratio, 3)))
    out.orphaned = [d for i, d in enumerate(missing) if i not in taken_d]
    return out


def _index(free: pd.DataFrame) -> dict[tuple, list[tuple[str, str, int]]]:
    """Facts without a decision, by (doc_id, kind, surface): [(fact_id, sentence, start)]."""
    index: dict[tuple, list[tuple[str, str, int]]] = {}
    for fid, doc, kind, text, context, start in zip(free["fact_id"], free["doc_id"], free["kind"], free["text"],
                                                    free["context"], free["start"]):
        index.setdefault((doc, kind, _norm(text)), []).append((fid, _norm(context), int(start)))
    return index


def _candidates(index: dict, snap: Mapping) -> list[tuple[str, float, int]]:
    """Facts of the snapshot's document, kind and surface in a sentence similar enough."""
    if not snap or not snap.get("doc_id") or not snap.get("text"):
        return []
    context, start0 = _norm(snap.get("context")), int(snap.get("start", 0))
    candidates = index.get((snap["doc_id"], snap.get("kind"), _norm(snap["text"])), [])
    same = [(fid, 1.0, abs(start - start0)) for fid, other, start in candidates if other == context]
    if same:                                      # ids changed (an extractor change), the sentence did not
        return same
    found = []
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(context)                     # seq2 is the one SequenceMatcher caches
    for fid, other, start in candidates:
        matcher.set_seq1(other)
        if matcher.real_quick_ratio() < REATTACH_MIN or matcher.quick_ratio() < REATTACH_MIN:
            continue
        ratio = matcher.ratio()
        if ratio >= REATTACH_MIN:
            found.append((fid, ratio, abs(start - start0)))
    return found


def apply_decisions(facts: pd.DataFrame, decisions: Mapping[str, Decision],
                    reconciled: Reconciled | None = None) -> pd.DataFrame:
    """The fact table with ``status``, ``<field>_corrected``, ``final_<field>`` and ``reattached_from``.

    ``result.attrs["review"]`` holds the summary: applied count, re-attached ids, orphaned ids.
    ``reconciled``: the decisions already matched to the facts (a table written in parts matches
    them once, over the whole table: stream.py); else they are matched to ``facts`` here.
    """
    derived = [c for c in facts.columns if c.endswith("_corrected") or c.startswith("final_")]
    df = facts.drop(columns=derived + ["reattached_from"], errors="ignore")   # re-applying is idempotent
    rec = reconciled if reconciled is not None else reconcile(df, decisions)
    ids = df["fact_id"].tolist()
    found = [rec.by_fact.get(fid) for fid in ids] if rec.by_fact else []
    if not any(found):                            # no decision on these rows: the same columns, built whole
        return _undecided(df, rec)
    moved = {new: d.fact_id for d, new, _ in rec.reattached}
    df["status"] = pd.array([d.status if d else PENDING for d in found], dtype="string")
    fields = [f for f in CORRECTABLE if f in df.columns or any(d and f in d.corrections for d in found)]
    for name in fields:
        corrected = [d.corrections.get(name) if d else None for d in found]
        dtype = "Float64" if name in NUMERIC else "string"
        df[f"{name}_corrected"] = pd.array(corrected, dtype=dtype)
    for name in fields:
        extracted = df[name] if name in df.columns else pd.Series(pd.NA, index=df.index, dtype=df[f"{name}_corrected"].dtype)
        df[f"final_{name}"] = df[f"{name}_corrected"].fillna(extracted.astype(df[f"{name}_corrected"].dtype))
    df["reattached_from"] = pd.array([moved.get(fid) for fid in ids], dtype="string")
    df.attrs["review"] = rec.summary()
    return df


def _undecided(df: pd.DataFrame, rec: Reconciled) -> pd.DataFrame:
    """``apply_decisions`` for rows none of which has a decision: every status pending, every
    correction missing, every final value the extracted one, nothing re-attached here (a
    re-attached decision has its fact in ``rec.by_fact``) — a fast path for the common case."""
    df["status"] = pd.Series(PENDING, index=df.index, dtype="string")
    fields = [f for f in CORRECTABLE if f in df.columns]
    for name in fields:
        dtype = "Float64" if name in NUMERIC else "string"
        df[f"{name}_corrected"] = pd.Series(pd.NA, index=df.index, dtype=dtype)
    for name in fields:
        df[f"final_{name}"] = df[name].astype(df[f"{name}_corrected"].dtype)
    df["reattached_from"] = pd.Series(pd.NA, index=df.index, dtype="string")
    df.attrs["review"] = rec.summary()
    return df


def decided_view(facts: pd.DataFrame) -> pd.DataFrame:
    """What derived tables are built from: rejected facts removed, corrected values in place."""
    df = facts[facts["status"] != "rejected"] if "status" in facts.columns else facts
    df = df.copy()
    for name in CORRECTABLE:
        final = f"final_{name}"
        if final in df.columns and name in df.columns:
            df[name] = df[final]
    return df.reset_index(drop=True)
