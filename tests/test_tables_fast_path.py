"""Issue 13, the parent's tables: the fast paths give what the slow ones gave.

* the per-document columns (consolidate/rows.py) computed document by document (as the workers do)
  equal those computed over the whole batch;
* a run whose cache entries carry them builds the same tables as one whose entries do not
  (old entries, relabelled ones) and as ``build_table`` without them;
* importing the package or ``consolidate.rows`` imports no pandas.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

from pipeline.consolidate import rows
from pipeline.run import run
from pipeline.types import Mention

from .conftest import CORPUS, ROOT

TABLES = ("facts", "entities", "timeline", "statements", "checks")


def _cached_mentions(out: Path) -> dict[str, tuple[list[Mention], dict]]:
    found = {}
    for p in (out / ".cache").glob("fm-*.json"):
        blob = json.loads(p.read_text(encoding="utf-8"))
        found[blob["doc_id"]] = ([Mention.from_row(m) for m in blob["mentions"]], blob)
    return found


def test_issue_13_derived_per_document_equals_derived_whole(seed_run):
    _, out = seed_run
    docs = _cached_mentions(out)
    titles = {d: (blob.get("meta") or {}).get("title") for d, (_, blob) in docs.items()}
    order = sorted(docs)
    whole = rows.derive([m for d in order for m in docs[d][0]], titles)
    parts = rows.combine([rows.derive(docs[d][0], {d: titles[d]}) for d in order])
    assert parts == whole
    stored = rows.combine([docs[d][1]["derived"] for d in order])      # what the workers wrote
    assert stored == whole
    assert sum(whole["share"]) >= 0 and any(whole["subject"]) and any(whole["metric_key"])


def test_issue_13_cache_without_derived_columns_builds_the_same_tables(seed_run, tmp_path):
    report, out = seed_run
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    old = tmp_path / "old"
    run(corpus, old)
    for p in (old / ".cache").glob("fm-*.json"):       # entries as an earlier version wrote them
        blob = json.loads(p.read_text(encoding="utf-8"))
        assert rows.valid(blob.pop("derived"), len(blob["mentions"]))
        p.write_text(json.dumps(blob, ensure_ascii=False), encoding="utf-8")
    (old / ".cache" / "outputs.json").unlink()
    again = run(corpus, old)
    assert again.from_cache == report.documents
    for name in TABLES:
        assert (old / f"{name}.csv").read_bytes() == (out / f"{name}.csv").read_bytes(), name


def test_issue_13_build_table_with_and_without_derived_columns(seed_run):
    from pipeline.consolidate import build_table

    _, out = seed_run
    docs = _cached_mentions(out)
    order = sorted(docs)
    mentions = [m for d in order for m in docs[d][0]]
    meta = {d: docs[d][1].get("meta") or {} for d in order}
    given = build_table(mentions, doc_meta=meta, derived=rows.combine([docs[d][1]["derived"] for d in order]))
    computed = build_table(mentions, doc_meta=meta)
    pd.testing.assert_frame_equal(given, computed)
    assert build_table([]).dtypes.equals(given.dtypes)


def test_issue_13_relabelled_entry_drops_its_derived_columns(tmp_path):
    from pipeline.run import _relabel

    blob = {"doc_id": "a.txt", "mentions": [["a.txt", "entity", 0, 3, "Foo", "en"]], "derived": {"fact_id": ["fx"]}}
    assert "derived" not in _relabel(blob, "b.txt")
    assert _relabel(blob, "a.txt")["derived"] == {"fact_id": ["fx"]}
    assert not rows.valid({"fact_id": ["fx"]}, 1) and not rows.valid(None, 0)


def test_issue_13_consolidate_package_imports_no_pandas():
    code = ("import sys, pipeline.consolidate, pipeline.consolidate.rows; "
            "assert 'pandas' not in sys.modules, 'pandas imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def _csv_cells_by_map(df: pd.DataFrame) -> pd.DataFrame:
    """csv_cells as it was written before issue 13 (Series.map per cell): the reference."""
    from pipeline.consolidate.table import _csv_cell, _csv_cell_provenance, _plain_scalar

    out = df.copy()
    for col in out.columns:
        if not _plain_scalar(out[col]):
            out[col] = out[col].astype(object)
            out[col] = out[col].map(_csv_cell_provenance if col == "text" else _csv_cell, na_action="ignore")
    return out


def test_issue_13_csv_cells_column_wise_writes_what_map_wrote(seed_run):
    from pipeline.consolidate.table import csv_cells

    report, _ = seed_run
    tricky = pd.DataFrame({"text": pd.array(["-5%", "=1+2", None, "+3 yuan"], dtype="string"),
                           "note": pd.array(["@x", "\tx", "plain", None], dtype="string"),
                           "ids": [["=a", "b"], [], None, ["c"]], "n": pd.array([1, None, 3, 4], dtype="Int64"),
                           "v": pd.array([1.5, None, 2.0, 0.1], dtype="Float64")}, index=[3, 5, 7, 9])
    for df in [tricky, *(report._table(name) for name in TABLES)]:
        assert csv_cells(df).to_csv(index=False, lineterminator="\n") == \
            _csv_cells_by_map(df).to_csv(index=False, lineterminator="\n")


def test_issue_13_cache_entries_skip_fsync_outputs_keep_it(tmp_path, monkeypatch):
    import os

    from pipeline import safety
    from pipeline.run import _Cache

    synced = []
    real = os.fsync
    monkeypatch.setattr(safety.os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    cache = _Cache(tmp_path, [])
    cache.put("0" * 40, {"doc_id": "a.txt", "mentions": []})
    assert synced == [] and json.loads((tmp_path / ".cache" / ("fm-" + "0" * 40 + ".json")).read_text()) \
        == {"doc_id": "a.txt", "mentions": []}
    assert not list((tmp_path / ".cache").glob(".fm-tmp-*"))
    safety.atomic_write(tmp_path / "table.csv", "a\n")
    assert len(synced) == 1 and (tmp_path / "table.csv").read_text() == "a\n"


def test_issue_13_cache_entries_round_trip_and_what_orjson_refuses_is_still_written(tmp_path):
    from pipeline.run import _Cache

    warnings: list[str] = []
    cache = _Cache(tmp_path, warnings)
    blob = {"doc_id": "a.txt", "mentions": [["a.txt", "figure", 3.25, None, ["x", "é"], "新疆"]], "chars": 10}
    cache.put("1" * 40, blob)
    assert cache.get("1" * 40, "a.txt") == blob and not warnings
    odd = {"doc_id": "b.txt", "mentions": [["b.txt", "lone \ud800 surrogate"]]}      # orjson refuses it
    cache.put("2" * 40, odd)                          # json writes it: the run goes on
    assert cache.get("2" * 40, "b.txt") in (odd, None)         # read back, or redone with a warning


def test_issue_13_csv_written_in_slices_is_the_csv_written_whole(seed_run, tmp_path, monkeypatch):
    from pipeline.consolidate import table
    from pipeline.consolidate.table import csv_cells, write_csv

    report, _ = seed_run
    monkeypatch.setattr(table, "CSV_ROWS", 7)       # many slices, one cut inside every table
    for name in TABLES:
        df = report._table(name)
        write_csv(df, tmp_path / f"{name}.csv")
        whole = csv_cells(df).to_csv(index=False, lineterminator="\n")
        assert (tmp_path / f"{name}.csv").read_text(encoding="utf-8") == whole, name
    write_csv(report.facts.iloc[:0], tmp_path / "empty.csv")      # no rows: the header alone
    assert (tmp_path / "empty.csv").read_text(encoding="utf-8") == \
        csv_cells(report.facts.iloc[:0]).to_csv(index=False, lineterminator="\n")


def _pandas_csv(df: pd.DataFrame) -> str:
    import io

    from pipeline.consolidate.table import csv_cells

    out = io.StringIO()
    csv_cells(df).to_csv(out, index=False, lineterminator="\n")
    return out.getvalue()


def _arrow_csv(df: pd.DataFrame) -> str | None:
    import io

    import pyarrow as pa

    from pipeline.consolidate.table import write_csv_rows

    out = io.StringIO()
    return out.getvalue() if write_csv_rows(out, pa.Table.from_pandas(df, preserve_index=False), True) else None


def test_issue_13_csv_from_arrow_is_the_pandas_csv_on_the_fact_table(seed_run):
    report, _ = seed_run
    assert len(report.facts) > 300
    assert _arrow_csv(report.facts) == _pandas_csv(report.facts)


from hypothesis import given, settings, strategies as st  # noqa: E402

_TEXT = st.one_of(st.none(), st.text(alphabet=st.sampled_from(list('ab 中,"\n\r\t=+-@1.%\'')), max_size=8))
_FLOAT = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False),
                   st.sampled_from([0.1, 1e20, 1e-7, 72.33, 1e16, 123456789.123, -0.0, 5.0]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_TEXT, _TEXT, _FLOAT, st.one_of(st.none(), st.integers(-10**12, 10**12)),
                          st.one_of(st.none(), st.booleans())), min_size=1, max_size=6))
def test_issue_13_csv_from_arrow_is_the_pandas_csv_on_any_cells(rows):
    """Text (formula-like starts, quotes, line breaks), float, integer and boolean columns with
    missing cells: the Arrow writer gives pandas' bytes, or declines."""
    df = pd.DataFrame({
        "text": pd.array([r[0] for r in rows], "string"), "context": pd.array([r[1] for r in rows], "string"),
        "value": pd.array([r[2] for r in rows], "Float64"), "start": pd.array([r[3] for r in rows], "Int64"),
        "duplicate": pd.array([r[4] for r in rows], "boolean")})
    assert _arrow_csv(df) == _pandas_csv(df)
    with_dates = df.assign(when=pd.Timestamp("2024-01-01"))
    assert _arrow_csv(with_dates) is None                  # a date column: left to pandas


_CELLS = st.one_of(st.none(), st.just(""), st.text(max_size=6), st.integers(-5, 5), st.just(float("nan")))


@settings(max_examples=200, deadline=None)
@given(st.lists(_CELLS, max_size=12))
def test_string_array_is_pandas_string_with_empty_as_null(values):
    """The Arrow fast path of a "string" column gives pandas' own conversion, "" made null."""
    from pipeline.consolidate.table import _null_if_empty, string_array

    fast = string_array(list(values))
    slow = _null_if_empty(pd.array(list(values), dtype="string"))
    assert fast.dtype == slow.dtype
    pd.testing.assert_series_equal(pd.Series(fast), pd.Series(slow))


def test_mention_record_reads_as_the_mention_it_was_made_from():
    from pipeline.types import MENTION_FIELDS, MentionRecord

    m = Mention(doc_id="a.txt", kind="figure", start=3, end=9, text="5 tons", lang="en", value=5.0, unit="ton",
                pair=2, duplicate=True)
    record = MentionRecord._make(json.loads(json.dumps(m.to_row())))     # as a cache entry gives it back
    assert all(getattr(record, f) == getattr(m, f) for f in MENTION_FIELDS)
    assert tuple(record.to_row()) == m.to_row()


_ITEM = st.one_of(st.none(), st.text(alphabet=st.sampled_from(list('ab 中,"\n=+-@1')), max_size=5))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.lists(_ITEM, max_size=4)),
                          st.one_of(st.none(), st.just(float("nan")), _ITEM),
                          st.one_of(st.none(), st.lists(st.text(alphabet="xy", max_size=3), max_size=3))),
                min_size=1, max_size=6))
def test_csv_from_arrow_is_the_pandas_csv_on_lists_of_text(rows):
    """Lists of text (ids, names, with missing items, empty, missing) as JSON arrays and plain
    object text columns with NaN: the Arrow writer gives pandas' bytes; lists of numbers are
    left to pandas (an int and a float in one list would come back as two floats)."""
    df = pd.DataFrame({"fact_ids": [r[0] for r in rows], "text": pd.Series([r[1] for r in rows], dtype=object),
                       "doc_ids": [r[2] for r in rows]})
    assert _arrow_csv(df) == _pandas_csv(df)
    numbers = df.assign(values=[[1, 2.5]] * len(df))
    assert _arrow_csv(numbers) is None


def test_derived_tables_are_written_through_arrow_with_pandas_bytes(seed_run, tmp_path, monkeypatch):
    from pipeline.consolidate import table

    report, _ = seed_run
    declined = []
    real = table.write_csv_rows

    def spy(fh, arrow, header):
        ok = real(fh, arrow, header)
        declined.append(not ok)
        return ok
    monkeypatch.setattr(table, "write_csv_rows", spy)
    for name in ("entities", "timeline", "statements"):
        df = report._table(name)
        declined.clear()
        table.write_csv(df, tmp_path / f"{name}.csv")
        assert declined and not any(declined), f"{name}: written by pandas"
        assert (tmp_path / f"{name}.csv").read_text(encoding="utf-8") == _pandas_csv(df), name
