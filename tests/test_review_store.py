"""The decision store: validation, history, real concurrent processes, a write killed midway."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pipeline.review.store import (CORRECTABLE, STATUSES, DecisionStore, StoreError, default_path,
                                   parse_corrections)

from .conftest import ROOT

FACT = {"doc_id": "a.txt", "kind": "figure", "label": "money", "text": "723.3亿元", "start": 10, "end": 17,
        "context": "去年，新疆网上零售额达723.3亿元。", "value": 72.33e9, "unit": "CNY", "lang": "zh"}


def test_review_store_lives_next_to_the_corpus(tmp_path):
    store = DecisionStore.for_corpus(tmp_path / "corpus")
    assert store.path == tmp_path / "corpus" / ".factmine" / "reviews.sqlite" == default_path(tmp_path / "corpus")
    assert store.path.is_file()
    assert sqlite3.connect(store.path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_review_store_history_and_supersede(tmp_path):
    store = DecisionStore(tmp_path / "r.sqlite")
    first = store.record("f1", "Accepted ", fact=FACT, reviewer="ana")
    store.record("f2", "rejected")
    last = store.record("f1", "corrected", corrections={"value": 64.09e9, "metric": "online retail sales"},
                        comment="typo in the source")
    assert first.status == "accepted" and first.fact["text"] == "723.3亿元"
    latest = store.latest()
    assert set(latest) == {"f1", "f2"} and latest["f1"].id == last.id
    assert latest["f1"].corrections == {"value": 64.09e9, "metric": "online retail sales"}
    assert [d.status for d in store.history("f1")] == ["accepted", "corrected"]
    assert latest["f1"].fact["doc_id"] == "a.txt"          # the snapshot is inherited when not given
    store.close()
    reopened = DecisionStore(tmp_path / "r.sqlite")
    assert reopened.latest()["f1"].comment == "typo in the source" and len(reopened) == 3


@pytest.mark.parametrize("status, corrections, reason", [
    ("bogus", None, "expected one of accepted, rejected, corrected"),
    ("corrected", None, "needs at least one corrected field"),
    ("accepted", {"value": 1.0}, "corrected fields given with status"),
    ("corrected", {"colour": "red"}, "cannot correct 'colour'"),
    ("corrected", {"value": "12"}, "expected a finite number"),
    ("corrected", {"value": float("nan")}, "expected a finite number"),
    ("corrected", {"unit": ""}, "expected non-empty text"),
    ("corrected", {"date": "2024-13-01"}, "expected YYYY-MM-DD"),
])
def test_review_store_rejects_malformed_decisions(tmp_path, status, corrections, reason):
    store = DecisionStore(tmp_path / "r.sqlite")
    with pytest.raises(StoreError, match=reason):
        store.record("f1", status, corrections=corrections)
    with pytest.raises(StoreError):                        # all or nothing
        store.record_many([("f1", "accepted"), ("f2", "bogus")])
    assert len(store) == 0


def test_review_store_parses_typed_corrections():
    assert parse_corrections({"value": "64,090,000,000", "unit": " CNY ", "period": ""}) == \
        {"value": 64.09e9, "unit": "CNY"}
    assert set(CORRECTABLE) >= {"value", "canonical", "date"} and STATUSES[0] == "accepted"
    with pytest.raises(StoreError, match="expected a number"):
        parse_corrections({"value": "sixty"})


def test_review_store_record_many_is_one_transaction(tmp_path):
    store = DecisionStore(tmp_path / "r.sqlite")
    facts = {f"f{i}": {**FACT, "start": i} for i in range(3000)}
    assert store.record_many([(f"f{i}", "accepted") for i in range(3000)], facts=facts, reviewer="bulk") == 3000
    latest = store.latest()
    assert len(latest) == 3000 and latest["f2999"].fact["start"] == 2999 and latest["f7"].reviewer == "bulk"


def test_review_store_not_a_database_is_one_line(tmp_path):
    bad = tmp_path / "r.sqlite"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="cannot open the decision store"):
        DecisionStore(bad)


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from pipeline.review.store import DecisionStore
    store = DecisionStore(Path(sys.argv[1]))
    who, n = sys.argv[2], int(sys.argv[3])
    for i in range(n):
        d = store.record(f"{who}-{i}", "accepted" if i % 2 else "rejected", reviewer=who,
                         fact={"doc_id": "a.txt", "text": str(i)})
        print("recorded", d.fact_id, flush=True)
""")


def _writer(path: Path, who: str, n: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), who, str(n)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_review_store_concurrent_writer_processes(tmp_path):
    path = tmp_path / "corpus" / ".factmine" / "reviews.sqlite"
    procs = [_writer(path, f"w{k}", 40) for k in range(6)]       # they also race to create the file
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    store = DecisionStore(path)
    assert len(store) == 240 and len(store.latest()) == 240
    assert {d.reviewer for d in store.all()} == {f"w{k}" for k in range(6)}


def test_review_store_survives_sigkill_mid_write(tmp_path):
    path = tmp_path / "r.sqlite"
    proc = _writer(path, "k", 100_000)
    printed = []
    deadline = time.monotonic() + 60
    while len(printed) < 25 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith("recorded"):
            printed.append(line.split()[1])
    os.kill(proc.pid, signal.SIGKILL)                        # in the middle of the next write
    proc.wait()
    printed += [line.split()[1] for line in proc.stdout.read().splitlines() if line.startswith("recorded")]
    assert len(printed) >= 25
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    kept = set(DecisionStore(path).latest())
    assert set(printed) <= kept                              # nothing reported as recorded is lost


def test_review_store_locked_too_long_is_one_line(tmp_path, monkeypatch):
    import pipeline.review.store as store_module

    path = tmp_path / "r.sqlite"
    monkeypatch.setattr(store_module, "BUSY_MS", 100)
    store = DecisionStore(path)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")                       # another writer holding the lock
    with pytest.raises(StoreError, match="cannot write a decision"):
        store.record("f1", "accepted")
    blocker.execute("ROLLBACK")
    assert store.record("f1", "accepted").status == "accepted"


BULK = textwrap.dedent("""
    import sys
    from pathlib import Path
    from pipeline.review.store import DecisionStore
    store = DecisionStore(Path(sys.argv[1]))
    for batch in range(1000):
        store.record_many([(f"b{batch}-{i}", "accepted") for i in range(5000)])
        print("recorded batch", batch, flush=True)
""")


def test_review_store_sigkill_during_bulk_write_is_all_or_nothing(tmp_path):
    path = tmp_path / "r.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", BULK, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    done = 0
    while done < 3:
        if proc.stdout.readline().startswith("recorded"):
            done += 1
    time.sleep(0.05)                                         # somewhere inside the next batch
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done += sum(1 for line in proc.stdout.read().splitlines() if line.startswith("recorded"))
    n = len(DecisionStore(path))
    assert n % 5000 == 0 and n >= done * 5000
