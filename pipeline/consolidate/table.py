"""Build the fact table (CONTRACT.md columns + extras) and the tables derived from it.

Computing is separate from writing: ``build_*`` return DataFrames, ``write_*`` put them on disk.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..safety import FORMULA_STARTS, atomic_path, spreadsheet_safe
from ..types import MENTION_FIELDS, Mention
from .checks import flags_column, run_checks
from .clusters import cluster_ids
from .enrich import ENRICH_COLUMNS, _meta, enrich
from .rows import derive
from .statements import find_statements, statement_ids
from .subjects import entity_id

# The contract's columns, in the contract's order, with their types.
COLUMNS: dict[str, str] = {
    "fact_id": "string", "doc_id": "string", "lang": "string", "kind": "string", "text": "string",
    "start": "Int64", "end": "Int64", "line": "Int64", "context": "string",
    "value": "Float64", "value_max": "Float64", "unit": "string", "qualifier": "string",
    "metric": "string", "period": "string", "label": "string", "canonical": "string",
    "date": "string", "description": "string", "cluster_id": "string", "status": "string",
}
# Columns we add (the contract allows extensions; see README "Fact table").
EXTRA_COLUMNS: dict[str, str] = {
    "duplicate": "boolean",    # the mention's sentence repeats an earlier one in its document
    "pair": "Int64",           # parallel-text pair index of its block (bilingual documents)
    "group": "string",         # figures of one conversion inside a sentence
    "doc_date": "string",      # the document date relative expressions were resolved against
    "participants": "string",  # events: canonical names of the entities in the event's sentence
    "doc_date_source": "string",  # how doc_date was found: catalog, html metadata, byline/header, ..., inferred
    **ENRICH_COLUMNS,          # subject, metric_key, direction, sortable periods, provenance (enrich.py)
    "flags": "string",         # checks the fact fails, "check: reason" joined by " | " (checks.py)
}
STATUSES = ("pending", "accepted", "rejected", "corrected")
_STRINGS = [c for c, t in {**COLUMNS, **EXTRA_COLUMNS}.items() if t == "string"]


def build_table(mentions: Sequence[Mention], *, doc_dates: Mapping[str, str | None] | None = None,
                reviews: Mapping[str, str] | None = None,
                doc_date_sources: Mapping[str, str | None] | None = None,
                doc_meta: Mapping[str, object] | None = None,
                derived: Mapping[str, list] | None = None) -> pd.DataFrame:
    """One row per mention.  ``reviews`` maps fact_id -> status (from the review store);
    ``doc_meta`` maps doc_id -> DocumentMeta or dict (title, publisher, url) for provenance;
    ``derived``: the per-document columns (rows.derive, made by the workers), computed here if not given.

    Built column by column (one list per column, one typed array each): a dict per row cost more
    than everything else the parent does with the table."""
    df, shares = base_table(mentions, doc_dates=doc_dates, reviews=reviews, doc_date_sources=doc_date_sources,
                            doc_meta=doc_meta, derived=derived)
    statements = find_statements(df)
    df["cluster_id"] = pd.array(cluster_ids(mentions, df["fact_id"].tolist(),
                                            same_fact=statement_ids(df, statements, agreeing=True)), "string")
    df["flags"] = pd.array(flags_column(df, run_checks(df, shares, statements)), "string")
    return df


def base_table(mentions: Sequence[Mention], *, doc_dates: Mapping[str, str | None] | None = None,
               reviews: Mapping[str, str] | None = None,
               doc_date_sources: Mapping[str, str | None] | None = None,
               doc_meta: Mapping[str, object] | None = None,
               derived: Mapping[str, list] | None = None) -> tuple[pd.DataFrame, list[bool]]:
    """``build_table`` without what reads other documents: ``cluster_id`` and ``flags`` left empty.
    Also returns, per row, whether the figure is a share of a whole (for the checks)."""
    doc_meta = doc_meta or {}
    if derived is None:
        derived = derive(mentions, {d: _meta(m, "title") for d, m in doc_meta.items()})
    extra, shares = enrich(mentions, doc_meta, derived)
    ids = derived["fact_id"]
    reviews = reviews or {}
    doc_dates = doc_dates or {}
    doc_date_sources = doc_date_sources or {}
    field = dict(zip(MENTION_FIELDS, (list(c) for c in zip(*(m.to_row() for m in mentions))))) if mentions \
        else {name: [] for name in MENTION_FIELDS}
    docs = field["doc_id"]
    cols: dict[str, list] = {name: field[name] for name in COLUMNS if name in field}
    cols.update({name: field[name] for name in EXTRA_COLUMNS if name in field})
    cols["fact_id"] = ids
    cols["cluster_id"] = [None] * len(mentions)      # read other documents: build_table or stream.py
    cols["status"] = [reviews.get(fid, "pending") for fid in ids]
    cols["doc_date"] = [doc_dates.get(d) for d in docs]
    cols["participants"] = derived["participants"]
    cols["doc_date_source"] = [doc_date_sources.get(d) for d in docs]
    cols.update(extra)
    cols["flags"] = [None] * len(mentions)
    types = {**COLUMNS, **EXTRA_COLUMNS}
    df = pd.DataFrame({name: string_array(cols[name]) if t == "string" else pd.array(cols[name], dtype=t)
                       for name, t in types.items()})
    return df, shares


def string_array(values: list) -> pd.api.extensions.ExtensionArray:
    """A "string" column of Python values, empty strings as null (never "" or "None").

    Straight through Arrow when every value is a str or None (what ``pd.array(values, "string")``
    gives, at a third of its cost: it checks every value in Python first); else pandas converts."""
    try:
        arr = pa.array(values, type=pa.large_string())
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        return _null_if_empty(pd.array(values, dtype="string"))
    empty = pc.equal(arr, "")
    if pc.any(empty).as_py():
        arr = pc.if_else(empty, pa.scalar(None, pa.large_string()), arr)
    return pd.arrays.ArrowStringArray(pa.chunked_array([arr]))


def _null_if_empty(values: pd.api.extensions.ExtensionArray) -> pd.api.extensions.ExtensionArray:
    """Empty is null, never "" or "None"."""
    empty = (values == "").fillna(False)
    if empty.any():
        values[empty] = pd.NA
    return values


def build_entities(facts) -> pd.DataFrame:
    """One row per entity: surfaces, languages, counts, parent, aliases, related (consolidate/entities.py),
    and ``entity_id`` (what a fact's ``subject_id`` points at).  ``facts``: a fact table, or an
    ``EntityTally`` fed slice by slice."""
    from .entities import EntityTally, build_entities as entity_rows

    out = facts.table() if isinstance(facts, EntityTally) else entity_rows(facts)
    out.insert(0, "entity_id", [entity_id(lab, can) for lab, can in zip(out["label"], out["canonical"])])
    return out


def build_timeline(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per event across the corpus, sorted by date (repeats of one event collapsed)."""
    ev = facts[(facts["kind"] == "event") & facts["date"].notna()]
    cols = ["date", "label", "description", "participants", "doc_id", "lang", "text", "context", "fact_id",
            "cluster_id", "status"]
    if ev.empty:
        return pd.DataFrame(columns=cols)
    ev = ev[~ev["duplicate"].fillna(False)]
    ev = ev.sort_values(["date", "doc_id", "start"], kind="stable")
    return ev.drop_duplicates(subset=["cluster_id", "doc_id"])[cols].reset_index(drop=True)


def write_parquet(df: pd.DataFrame, path: Path) -> None:
    """The typed copy, raw text untouched; written to a temporary name and renamed."""
    if not isinstance(path, (str, Path)):          # a stream
        df.to_parquet(path, index=False)
        return
    with atomic_path(Path(path)) as tmp:
        df.to_parquet(tmp, index=False)


CSV_ROWS = 20_000     # rows formatted at a time by write_csv (each cell of a slice is copied once)


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """The spreadsheet copy: list cells as JSON arrays, formula-like text cells prefixed with ``'``
    (OWASP CSV-injection advice; numbers stay numbers); temporary name, then renamed."""
    if not isinstance(path, (str, Path)):          # a stream
        csv_cells(df).to_csv(path, index=False, lineterminator="\n")
        return
    with atomic_path(Path(path)) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        table = _as_arrow(df)
        for start in range(0, max(len(df), 1), CSV_ROWS):    # in slices: the cells' copy stays small
            if table is not None and write_csv_rows(fh, table.slice(start, CSV_ROWS), start == 0):
                continue
            table = None                                     # declined (a type it does not write): pandas
            csv_cells(df.iloc[start:start + CSV_ROWS]).to_csv(fh, index=False, header=start == 0,
                                                                lineterminator="\n")


def _as_arrow(df: pd.DataFrame):
    """``df`` as an Arrow table for ``write_csv_rows``, or None when its cells do not convert."""
    import pyarrow as pa

    try:
        return pa.Table.from_pandas(df, preserve_index=False)
    except (pa.ArrowException, TypeError, ValueError):
        return None


def csv_cells(df: pd.DataFrame) -> pd.DataFrame:
    """The DataFrame as written to CSV: text and list columns made safe for a spreadsheet.

    Column by column (``Series.map`` per cell was most of the writers' time): in a text column only
    the cells starting like a formula (found by one vectorized ``startswith``) are rewritten."""
    cols = {}
    for col in df.columns:
        values = df[col]
        if not _plain_scalar(values):        # numbers, booleans and dates stay as they are
            cell = _csv_cell_provenance if col == "text" else _csv_cell
            if isinstance(values.dtype, pd.StringDtype):
                risky = values.str.startswith(FORMULA_STARTS).fillna(False).to_numpy(dtype=bool).nonzero()[0]
                values = values.astype(object)
                if len(risky):
                    values = values.copy()
                    for i in risky:
                        values.iat[i] = cell(values.iat[i])
            else:
                values = pd.Series([v if _missing(v) else cell(v) for v in values.tolist()], index=df.index,
                                   dtype=object, name=col)
        cols[col] = values
    return pd.DataFrame(cols, index=df.index, columns=df.columns)


def write_csv_rows(fh, table, header: bool) -> bool:
    """An Arrow table's rows appended to an open CSV file, the bytes ``csv_cells(df).to_csv`` gives
    (the same cell rules; ``csv``, which pandas' writer is built on, with its defaults), from Arrow
    values without a pandas frame: half the time on the fact table.  False, and nothing written,
    for a table with a column of another type than text, number, boolean, null or list of text
    (dates, lists of numbers: left to pandas, whose formatting of them differs)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    types = pa.types

    def text(t) -> bool:
        return types.is_string(t) or types.is_large_string(t)

    def listed_text(t) -> bool:      # lists of text (ids, names): JSON arrays, as _csv_cell makes them
        return (types.is_list(t) or types.is_large_list(t)) and (text(t.value_type) or types.is_null(t.value_type))

    if not all(text(t) or listed_text(t) or types.is_integer(t) or types.is_floating(t) or types.is_boolean(t)
               or types.is_null(t) for t in table.schema.types):
        return False
    columns = []
    for name, column in zip(table.column_names, table.columns):
        values = column.to_pylist()
        if listed_text(column.type):
            values = [v if v is None else _csv_cell(v) for v in values]
        elif text(column.type):
            cell = _csv_cell_provenance if name == "text" else _csv_cell
            risky = None
            for start in FORMULA_STARTS:
                starts = pc.starts_with(column, start)
                risky = starts if risky is None else pc.or_(risky, starts)
            for i in pc.indices_nonzero(pc.fill_null(risky, False)).to_pylist():
                values[i] = cell(values[i])
        columns.append(values)
    writer = csv.writer(fh, lineterminator="\n")
    if header:
        writer.writerow(table.column_names)
    writer.writerows(zip(*columns))
    return True


def _missing(v) -> bool:
    """What ``Series.map(..., na_action="ignore")`` leaves alone: None, NA, NaN (not a list)."""
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def _plain_scalar(col: pd.Series) -> bool:
    kind = getattr(col.dtype, "kind", "O")
    return kind in "biufcmMb" and not isinstance(col.dtype, pd.StringDtype)


_JSON = json.JSONEncoder(ensure_ascii=False)     # json.dumps(x, ensure_ascii=False), made once
_JSON_STRING = json.encoder.encode_basestring      # one string as that encoder writes it (C when built)


def _csv_cell(v):
    if isinstance(v, str):
        return spreadsheet_safe(v) if v.startswith(FORMULA_STARTS) else v
    if isinstance(v, (list, tuple, np.ndarray)):
        items = list(v)
        if all(type(x) is str for x in items):       # ids and names, the usual lists: what the encoder
            return "[" + ", ".join(map(_JSON_STRING, items)) + "]"      # writes, without its set-up per call
        return _JSON.encode([jsonable(x) for x in items])
    return v


def _csv_cell_provenance(v):
    """``text`` keeps a signed figure as written, so ``source[start:end] == text`` holds in the CSV."""
    if isinstance(v, str):
        return spreadsheet_safe(v, signed_figure_ok=True) if v.startswith(FORMULA_STARTS) else v
    return _csv_cell(v)


def jsonable(v):
    """A cell as a plain Python value (None for missing)."""
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def write_jsonl(df: pd.DataFrame, stream) -> None:
    for rec in df.to_dict("records"):
        stream.write(json.dumps({k: jsonable(v) for k, v in rec.items()}, ensure_ascii=False) + "\n")
