"""Review in the terminal: select facts by filter, show a fact with its mention marked at its own
offsets, and the interactive walk (a loop over an input function, so tests feed it keys).

Nothing here prints: functions return strings, or write through the ``write`` function given.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

import pandas as pd

from ..errors import FactmineError
from ..safety import terminal_safe
from ..types import LANGS
from .store import CORRECTABLE, VIEW_STATUSES, DecisionStore, StoreError, parse_corrections

FILTERS = ("kind", "doc", "label", "canonical", "cluster", "lang", "status")
KINDS = ("figure", "entity", "event")


def select(facts: pd.DataFrame, *, status: str = "all", flagged: bool = False, **filters: str | None) -> pd.DataFrame:
    """Facts matching every given filter (kind, doc, label, canonical, cluster, lang; status; flagged:
    failing a consistency check, where the table has the statements' ``flags`` column)."""
    if status not in VIEW_STATUSES:
        raise StoreError(f"--status {status!r}: expected one of {', '.join(VIEW_STATUSES)}")
    for name, allowed in (("kind", KINDS), ("lang", LANGS)):
        if filters.get(name) is not None and filters[name] not in allowed:
            raise StoreError(f"--{name} {filters[name]!r}: expected one of {', '.join(allowed)}")
    columns = {"doc": "doc_id", "cluster": "cluster_id"}
    mask = pd.Series(True, index=facts.index)
    for name, wanted in filters.items():
        if wanted is None:
            continue
        col = columns.get(name, name)
        if col == "canonical" and "final_canonical" in facts.columns:
            col = "final_canonical"
        mask &= facts[col].astype("string").str.casefold() == str(wanted).casefold()
    if status != "all":
        mask &= facts["status"] == status
    if flagged:
        mask &= facts["flags"].notna() if "flags" in facts.columns else False
    return facts[mask.fillna(False)]


def _collapse_index(raw: str, context: str, start: int, end: int, text: str) -> tuple[int, int] | None:
    """Where in ``context`` (the sentence, whitespace collapsed) the mention at raw[start:end] is."""
    surface = " ".join(text.split())
    hits = [m.start() for m in re.finditer(re.escape(surface), context)] if surface else []
    if len(hits) == 1 or not raw:
        return (hits[0], hits[0] + len(surface)) if hits else None
    before = "".join(raw[max(0, start - 2 * len(context) - 10):start].split())
    for p in reversed(hits):                    # the occurrence whose preceding text matches the source
        if before.endswith("".join(context[:p].split())):
            return p, p + len(surface)
    return None


def mark(context: str, text: str, start: int, end: int, raw: str = "", *, left="[", right="]") -> str:
    """The sentence with the mention wrapped in ``left``/``right`` at its own offsets (terminal-safe)."""
    context = str(context or "")
    if raw and raw[start:end] != text:            # the file changed since the run: its offsets are stale
        raw = ""
    span = _collapse_index(raw, context, start, end, str(text))
    if span is None:
        return terminal_safe(context) + f"  {left}{terminal_safe(text)}{right}"
    a, z = span
    return terminal_safe(context[:a]) + left + terminal_safe(context[a:z]) + right + terminal_safe(context[z:])


def _num(v) -> str:
    return f"{v:,.12g}" if pd.notna(v) else ""


def describe(row: Mapping) -> str:
    """What the fact says, with corrections shown as extracted → corrected."""
    def get(name):
        v = row.get(f"final_{name}", row.get(name))
        return None if v is None or pd.isna(v) else v
    kind = row["kind"]
    if kind == "figure":
        parts = [str(get("label") or ""), f"value={_num(get('value'))}" if get("value") is not None else "",
                 str(get("unit") or ""), f"({get('qualifier')})" if get("qualifier") else "",
                 f"metric={get('metric')}" if get("metric") else "", f"period={get('period')}" if get("period") else ""]
    elif kind == "entity":
        parts = [str(get("label") or ""), f"canonical={get('canonical')}"]
    else:
        parts = [str(get("label") or ""), f"date={get('date')}", f"— {row.get('description')}"
                 if pd.notna(row.get("description")) else ""]
    fixed = [n for n in CORRECTABLE if pd.notna(row.get(f"{n}_corrected", None))]
    note = f"  corrected: {', '.join(fixed)}" if fixed else ""
    return terminal_safe(" ".join(p for p in parts if p)) + note


def format_fact(row: Mapping, raw: str = "") -> str:
    """Two lines: id, provenance and what was found; the sentence with the mention in [brackets]."""
    head = (f"{row['fact_id']}  {terminal_safe(row['doc_id'])}:{row['line']} [{row['start']}:{row['end']}]  "
            f"{row['kind']} {terminal_safe(repr(str(row['text'])))}  {describe(row)}  ({row['status']})")
    flags = row.get("flags")
    head += f"\n    flags: {terminal_safe(flags)}" if isinstance(flags, str) and flags else ""
    return head + "\n    " + mark(row["context"], row["text"], int(row["start"]), int(row["end"]), raw)


class Sources:
    """Raw text of corpus documents as the fact offsets see it (cached): the extracted text that
    ``factmine run`` saved in ``<out>/text/`` for a converted file (HTML, docx, PDF), else the file
    decoded as the pipeline decodes it."""

    def __init__(self, corpus: Path | None, out: Path | None = None):
        self.corpus, self.out, self._cache = corpus, out, {}

    def raw(self, doc_id: str) -> str:
        if self.corpus is None:
            return ""
        if doc_id not in self._cache:
            from ..ingest.decode import decode_bytes
            extracted = self.out / "text" / f"{doc_id}.txt" if self.out is not None else None
            try:
                if extracted is not None and extracted.is_file():
                    self._cache[doc_id] = extracted.read_text(encoding="utf-8")
                else:
                    self._cache[doc_id] = decode_bytes((self.corpus / doc_id).read_bytes(), doc_id)[0]
            except (OSError, UnicodeError, FactmineError):   # gone or unreadable: mark by text alone
                self._cache[doc_id] = ""
        return self._cache[doc_id]


KEYS_HELP = "a accept · r reject · c correct · s/j next · k previous · q quit"


@dataclass
class Walk:
    """The interactive review: one fact at a time; every decision is stored when it is made."""
    facts: pd.DataFrame
    store: DecisionStore
    read_key: Callable[[], str]
    read_line: Callable[[str], str]
    write: Callable[[str], None]
    sources: Sources
    reviewer: str = ""

    def run(self) -> int:
        """Walk the facts; returns how many decisions were recorded."""
        rows = self.facts.to_dict("records")
        i, recorded = 0, 0
        while 0 <= i < len(rows):
            row = rows[i]
            self.write(f"\n[{i + 1}/{len(rows)}] " + format_fact(row, self.sources.raw(row["doc_id"])))
            self.write(KEYS_HELP)
            try:
                key = (self.read_key() or "q").strip().lower()[:1]
            except (KeyboardInterrupt, EOFError):         # Ctrl-C / end of input: stop, keep what was recorded
                break
            if key == "q":
                break
            if key == "k":
                i = max(0, i - 1)
                continue
            if key in ("a", "r", "c"):
                decided = self._decide(row, key)
                if decided is None:
                    continue
                row["status"] = decided
                recorded += 1
            elif key not in ("s", "j"):
                self.write(f"unknown key {key!r}")
                continue
            i += 1
        return recorded

    def _decide(self, row: dict, key: str) -> str | None:
        status = {"a": "accepted", "r": "rejected", "c": "corrected"}[key]
        corrections = None
        if key == "c":
            try:
                line = self.read_line(f"field=value, separated by ';' ({', '.join(CORRECTABLE)}): ")
            except (KeyboardInterrupt, EOFError):
                self.write("not recorded")
                return None
            try:
                corrections = parse_corrections(dict(_pair(p) for p in line.split(";") if p.strip()))
            except StoreError as exc:
                self.write(f"not recorded: {exc}")
                return None
            if not corrections:
                self.write("not recorded: no field given")
                return None
        try:
            d = self.store.record(row["fact_id"], status, corrections=corrections, reviewer=self.reviewer, fact=row)
        except StoreError as exc:                 # locked too long, disk full: said, and the walk goes on
            self.write(f"not recorded: {exc}")
            return None
        self.write(f"recorded {d.status} {d.fact_id}" + (f" {d.corrections}" if d.corrections else ""))
        return d.status


def _pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep:
        raise StoreError(f"{text.strip()!r}: expected field=value")
    return name.strip(), value.strip()
