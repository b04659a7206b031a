"""The fact table as the review page sees it: read once per version of ``facts.parquet``, decisions laid
on top, filtered and counted.  Columns that a given run does not have (``flags`` before the
statements work, ``metric_key``, ``subject``) are simply absent: filters on them match nothing."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock

import pandas as pd

FILTERS = ("kind", "lang", "doc", "label", "status", "flagged", "canonical", "cluster")   # and the text "q"
COLUMN_OF = {"kind": "kind", "lang": "lang", "doc": "doc_id", "label": "label", "status": "status",
             "canonical": "canonical", "cluster": "cluster_id"}
MENUS = ("kind", "lang", "doc", "label", "status")     # filters with a menu of values and counts
SEARCHED = ("text", "context", "canonical", "metric", "description", "unit", "fact_id", "subject")
STATUS_ORDER = ("pending", "accepted", "corrected", "rejected")


class NoFactTable(Exception):
    """outputs/facts.parquet is missing or unreadable; the message says what to do."""


class FactTable:
    """``facts.parquet`` (or another table of the run), re-read when the file changes (a `factmine run`
    while the page is open)."""

    def __init__(self, out: Path, name: str = "facts.parquet", sort: bool = True):
        self.path = out / name
        self.sort = sort
        self._lock = Lock()
        self._key: tuple | None = None
        self._frame: pd.DataFrame | None = None

    def frame(self) -> pd.DataFrame:
        try:
            st = self.path.stat()
        except OSError:
            raise NoFactTable(f"{self.path}: no fact table (run `factmine run` first)") from None
        key = (st.st_mtime_ns, st.st_size, st.st_ino)
        with self._lock:
            if key != self._key:
                try:
                    df = pd.read_parquet(self.path)
                except (OSError, ValueError) as exc:
                    raise NoFactTable(f"{self.path}: cannot read ({exc})") from exc
                if self.sort:
                    df = df.sort_values(["doc_id", "start", "end"], kind="stable", ignore_index=True)
                self._frame, self._key = df, key
            return self._frame


def is_flagged(value) -> bool:
    """``flags`` cell: a list of flag names (Parquet list) or a string; empty/null means not flagged."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return False
    if isinstance(value, str):
        return value.strip() not in ("", "[]")
    try:
        return len(value) > 0
    except TypeError:
        return bool(value)


def flag_list(value) -> list[str]:
    """The flags of a cell: a list, or ``check: reason`` strings joined by `` | `` (issue 9's format)."""
    if not is_flagged(value):
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(" | ") if part.strip()]
    return [str(v) for v in value]


def statement_of(statements: pd.DataFrame | None, fact_id: str) -> dict | None:
    """The statement (``statements.parquet`` row) whose ``fact_ids`` hold ``fact_id``, if any."""
    if statements is None or statements.empty or "fact_ids" not in statements.columns:
        return None
    for i, ids in enumerate(statements["fact_ids"]):
        if ids is not None and not (isinstance(ids, float) and pd.isna(ids)) and fact_id in list(ids):
            row = statements.iloc[i]
            return {c: cell(row[c]) for c in statements.columns}
    return None


@dataclass
class Query:
    """The list's filters, from the URL's query string (unknown keys ignored, values are plain text)."""
    kind: str = ""
    lang: str = ""
    doc: str = ""
    label: str = ""
    status: str = ""
    flagged: str = ""      # "", "yes", "no"
    canonical: str = ""    # set by links: an entity's name everywhere
    cluster: str = ""      # set by links: the mentions of one cluster
    q: str = ""
    page: int = 1
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_args(cls, args) -> "Query":
        values = {k: (args.get(k) or "").strip()[:200] for k in (*FILTERS, "q")}
        try:
            page = max(1, int(args.get("page") or 1))
        except ValueError:
            page = 1
        return cls(**values, page=page)

    def params(self, **override) -> dict[str, str]:
        """Non-empty filters as URL parameters (``override`` replaces one or, with "", drops it)."""
        values = {k: getattr(self, k) for k in (*FILTERS, "q")}
        values.update(override)
        return {k: str(v) for k, v in values.items() if v not in ("", None)}


def _mask(df: pd.DataFrame, query: Query, skip: str = "") -> pd.Series:
    mask = pd.Series(True, index=df.index)
    for name, column in COLUMN_OF.items():
        wanted = getattr(query, name)
        if not wanted or name == skip:
            continue
        mask &= (df[column] == wanted).fillna(False) if column in df.columns else False
    if query.flagged and skip != "flagged":
        flagged = df["flags"].map(is_flagged) if "flags" in df.columns else pd.Series(False, index=df.index)
        mask &= flagged if query.flagged == "yes" else ~flagged
    if query.q and skip != "q":
        needle = query.q.casefold()
        hit = pd.Series(False, index=df.index)
        for column in SEARCHED:
            if column in df.columns:
                hit |= df[column].astype("string").str.casefold().str.contains(needle, regex=False).fillna(False)
        mask &= hit
    return mask.astype(bool)


def select(df: pd.DataFrame, query: Query) -> pd.DataFrame:
    return df[_mask(df, query)]


def facets(df: pd.DataFrame, query: Query) -> dict[str, list[tuple[str, int]]]:
    """For each filter, its values with how many facts each would leave (the other filters applied)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for name in MENUS:
        column = COLUMN_OF[name]
        if column not in df.columns:
            out[name] = []
            continue
        counts = df.loc[_mask(df, query, skip=name), column].dropna().astype(str).value_counts()
        values = sorted(counts.index, key=lambda v: (STATUS_ORDER.index(v) if v in STATUS_ORDER else 9, v))
        out[name] = [(v, int(counts[v])) for v in values]
    if "flags" in df.columns:
        flagged = df.loc[_mask(df, query, skip="flagged"), "flags"].map(is_flagged)
        out["flagged"] = [("yes", int(flagged.sum())), ("no", int((~flagged).sum()))]
    else:
        out["flagged"] = []
    return out


def status_counts(df: pd.DataFrame) -> list[tuple[str, int]]:
    counts = df["status"].value_counts() if "status" in df.columns else {}
    return [(s, int(counts.get(s, 0))) for s in STATUS_ORDER]


def neighbours(ids: list[str], fact_id: str) -> tuple[str | None, str | None]:
    """The facts before and after ``fact_id`` in a list of ids (None at the ends or when absent)."""
    try:
        i = ids.index(fact_id)
    except ValueError:
        return None, (ids[0] if ids else None)
    return (ids[i - 1] if i > 0 else None), (ids[i + 1] if i + 1 < len(ids) else None)


def cell(value):
    """A table cell as plain Python: None for nulls, lists as lists."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and pd.isna(value):
        return None
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def row_dict(df: pd.DataFrame, fact_id: str) -> dict | None:
    hit = df.index[df["fact_id"] == fact_id]
    if len(hit) == 0:
        return None
    row = df.loc[hit[0]]
    return {column: cell(row[column]) for column in df.columns}
