"""Tables written a slice of documents at a time (consolidate/stream.py, every run with an output
folder) are the tables built whole in memory (``run(corpus, None)``: build_table over the corpus,
aliases, review decisions), cell for cell in the Parquet files and byte for byte in the CSV files."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.consolidate import facts_csv, stream, write_csv
from pipeline.consolidate.aliases import add_alias, add_not_entity
from pipeline.errors import EmptyCorpus
from pipeline.review import DecisionStore
from pipeline.run import _read_table, run

from .conftest import CORPUS

TABLES = ("facts", "entities", "timeline", "statements")


def _assert_same(whole, streamed, out: Path, tmp: Path) -> None:
    tmp.mkdir(exist_ok=True)
    for name in TABLES:
        built = whole.tables[name]
        write_csv(built, tmp / f"{name}.csv")
        assert (out / f"{name}.csv").read_bytes() == (tmp / f"{name}.csv").read_bytes(), name
        built.to_parquet(tmp / f"{name}.parquet", index=False)
        pd.testing.assert_frame_equal(_read_table(out / f"{name}.parquet"), _read_table(tmp / f"{name}.parquet"))
        pd.testing.assert_frame_equal(streamed._table(name), _read_table(tmp / f"{name}.parquet"))
    write_csv(whole.tables["checks"], tmp / "checks.csv")
    assert (out / "checks.csv").read_bytes() == (tmp / "checks.csv").read_bytes()
    assert streamed.counts() == whole.counts() and streamed.rows() == whole.rows()
    assert streamed.review == whole.review
    assert not list((out / ".cache").glob(".fm-tmp-*")), "the spill file is removed"


@pytest.mark.parametrize("slice_rows", [1, 150, 10 ** 9])
def test_stream_equals_whole_on_the_seed_corpus(tmp_path, monkeypatch, slice_rows):
    monkeypatch.setattr(stream, "SLICE_ROWS", slice_rows)      # one document per slice ... all in one
    out = tmp_path / "out"
    streamed = run(CORPUS, out, use_cache=False)
    whole = run(CORPUS, None)
    assert whole.rows()["facts"] > 300 and len(whole.tables["statements"]) > 0
    _assert_same(whole, streamed, out, tmp_path / "whole")


def _decide(corpus: Path, facts: pd.DataFrame) -> None:
    """Every kind of decision: accepted, rejected, corrected; one to re-attach after an edit of its
    sentence, one orphaned; the user's aliases (a merge with a new label, a name that is no entity)."""
    store = DecisionStore.for_corpus(corpus)
    rows = facts.to_dict("records")
    for i, row in enumerate(rows[::7]):
        if row["kind"] == "figure" and i % 3 == 0:
            store.record(row["fact_id"], "corrected", corrections={"value": 1.0 + i, "period": "2031"}, fact=row)
        else:
            store.record(row["fact_id"], ("accepted", "rejected")[i % 2], fact=row)
    moved = next(r for r in rows[1::7] if r["kind"] == "entity")
    store.record("f0000000000000000", "rejected", fact={**moved, "context": moved["context"] + " Indeed."})
    store.record("f1111111111111111", "accepted", fact={**moved, "doc_id": "gone.txt"})
    store.close()
    entities = facts[facts["kind"] == "entity"]
    names = [n for n in entities["text"].value_counts().index if n != moved["text"]]
    add_alias(corpus, [names[0], names[1]], "One Merged Name", "ORG")
    add_not_entity(corpus, names[2])


@pytest.mark.parametrize("slice_rows", [1, 40])
def test_stream_equals_whole_with_decisions_and_aliases(tmp_path, monkeypatch, slice_rows):
    monkeypatch.setattr(stream, "SLICE_ROWS", slice_rows)
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    _decide(corpus, run(corpus, None).facts)
    out = tmp_path / "out"
    streamed = run(corpus, out)
    whole = run(corpus, None)
    assert whole.review["applied"] > 50 and whole.review["reattached"] and whole.review["orphaned"]
    assert (whole.facts["final_canonical"] == "One Merged Name").any()
    _assert_same(whole, streamed, out, tmp_path / "whole")


def test_stream_writes_whole_tables_for_a_corpus_without_facts(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Nothing to see here at all, really.\n", encoding="utf-8")
    out = tmp_path / "out"
    streamed = run(corpus, out)
    whole = run(corpus, None)
    assert whole.rows()["facts"] == 0
    _assert_same(whole, streamed, out, tmp_path / "whole")


def test_stream_reports_a_cache_entry_lost_during_the_run_and_rebuilds_next_time(tmp_path, monkeypatch):
    from pipeline import run as run_module

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = tmp_path / "out"
    run(corpus, out)
    real = run_module._Tables.finish

    def lose_one(self, report):                  # the entry of one document vanishes mid-run
        for p in sorted((out / ".cache").glob("fm-*.json"))[:1]:
            p.unlink()
        return real(self, report)

    (out / ".cache" / "outputs.json").unlink()      # the tables must be built again
    monkeypatch.setattr(run_module._Tables, "finish", lose_one)
    report = run(corpus, out)
    assert any("vanished during the run" in reason for _, reason in report.skipped)
    assert not (out / ".cache" / "outputs.json").exists()     # so the next run builds them again
    monkeypatch.setattr(run_module._Tables, "finish", real)
    again = run(corpus, out)
    assert not again.unchanged and not any("vanished" in r for _, r in again.skipped)
    assert again.rows() == run(corpus, None).rows()


def test_stream_does_not_depend_on_the_order_documents_arrive_in(tmp_path, monkeypatch):
    monkeypatch.setattr(stream, "SLICE_ROWS", 60)
    whole = run(CORPUS, None)
    blobs = []
    real = stream.TableStream.add
    monkeypatch.setattr(stream.TableStream, "add", lambda self, blob: blobs.append(blob))
    run(CORPUS, tmp_path / "first", use_cache=False)                  # collects the documents
    monkeypatch.setattr(stream.TableStream, "add", real)
    (tmp_path / "out" / ".cache").mkdir(parents=True)
    blobs.sort(key=lambda b: b["doc_id"], reverse=True)               # last document first
    written = stream.write_tables(blobs, tmp_path / "out", decisions={}, corpus=CORPUS)
    assert written.rows == whole.rows() and written.counts == whole.counts()
    _assert_same(whole, run(CORPUS, tmp_path / "out2", use_cache=False), tmp_path / "out2", tmp_path / "w1")
    for name in TABLES:
        assert (tmp_path / "out" / f"{name}.csv").read_bytes() == (tmp_path / "out2" / f"{name}.csv").read_bytes()


def test_stream_with_the_csv_writer_process_equals_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(stream, "CSV_PROCESS_MIN_ROWS", 0)       # facts.csv written by its own process
    out = tmp_path / "out"
    streamed = run(CORPUS, out, use_cache=False)
    _assert_same(run(CORPUS, None), streamed, out, tmp_path / "whole")


def _big(monkeypatch) -> None:
    """Every run counts as big: its CSV writer starts before the workers, on a 2-core machine."""
    monkeypatch.setattr(facts_csv, "BYTES_PER_ROW", 0)
    monkeypatch.setattr(facts_csv, "cores", lambda: 2)
    monkeypatch.setattr(stream, "cores", lambda: 2)


def test_a_big_run_starts_the_csv_writer_before_its_workers_and_writes_the_same_tables(tmp_path, monkeypatch):
    events = []
    real = facts_csv.CsvWriter.__init__

    def spy(self, path, parallel):
        real(self, path, parallel)
        events.append(("writer", parallel, self.process is not None))
    monkeypatch.setattr(facts_csv.CsvWriter, "__init__", spy)
    _big(monkeypatch)
    monkeypatch.setattr(stream, "CSV_PROCESS_MIN_ROWS", 10**9)    # pass 2 would not start one
    real_stream = stream.TableStream.__init__

    def seen(self, *args, **kwargs):
        real_stream(self, *args, **kwargs)
        events.append(("stream", self.facts_csv is not None and self.facts_csv.writer.process.poll() is None))
    monkeypatch.setattr(stream.TableStream, "__init__", seen)
    out = tmp_path / "out"
    streamed = run(CORPUS, out, use_cache=False)
    assert events == [("writer", True, True), ("stream", True)], "one process, started before the stream"
    _assert_same(run(CORPUS, None), streamed, out, tmp_path / "whole")


def test_the_parent_imports_no_pandas_before_its_workers_fork(tmp_path):
    """pandas and pyarrow (0.4 s) are imported on the first result, while the workers extract."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    script = ("import sys\n"
              "from pipeline import engines\n"
              "real = engines.ProcessEngine._start\n"
              "def start(self, *a, **k):\n"
              "    print('at fork:', 'pandas' in sys.modules, 'pyarrow' in sys.modules)\n"
              "    return real(self, *a, **k)\n"
              "engines.ProcessEngine._start = start\n"
              "from pipeline.cli import app\n"
              "app(sys.argv[1:])\n")
    env = {**os.environ, "FACTMINE_MODELS": "off"}
    out = subprocess.run([sys.executable, "-c", script, "run", "--corpus", str(corpus), "--out", str(tmp_path / "out"),
                          "--workers", "2"], cwd=Path(__file__).resolve().parent.parent, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "at fork: False False" in out.stdout, out.stdout


def test_an_unused_csv_writer_is_stopped_and_its_temporary_file_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(facts_csv, "cores", lambda: 2)
    out = tmp_path / "out"
    (out / ".cache").mkdir(parents=True)
    (out / "facts.csv").write_text("the previous table\n")
    early = facts_csv.start_early(out, 10**12)
    process = early.writer.process
    tables = stream.TableStream(out, decisions={}, corpus=CORPUS, facts_csv=early)
    assert process.poll() is None
    tables.close()                                   # the run failed before pass 2
    assert process.poll() is not None and tables.facts_csv is None
    assert sorted(p.name for p in out.iterdir()) == [".cache", "facts.csv"]
    assert not list((out / ".cache").iterdir())
    assert (out / "facts.csv").read_text() == "the previous table\n"
    assert facts_csv.start_early(out, 1000) is None, "a small run starts no process"


def test_a_run_without_any_result_stops_its_early_csv_writer(tmp_path, monkeypatch):
    _big(monkeypatch)
    started = []                                  # held here: nothing but the run may stop it
    real = facts_csv.start_early
    monkeypatch.setattr(facts_csv, "start_early", lambda *a: started.append(real(*a)) or started[-1])
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 not a pdf at all")
    (out).mkdir()
    (out / "facts.csv").write_text("the previous table\n")
    with pytest.raises(EmptyCorpus):
        run(corpus, out, use_cache=False)
    assert started and started[0].writer.process.poll() is not None, "its process stopped"
    assert not list(out.glob(".fm-tmp-*")) and not _csv_writers(out)
    assert (out / "facts.csv").read_text() == "the previous table\n"


def _csv_writers(out: Path) -> list[int]:
    """Processes whose command line or open files mention ``out`` (the CSV writer holds its temp file)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            fds = [os.readlink(fd) for fd in (proc / "fd").iterdir()]
        except OSError:
            continue
        if any(str(out) in f for f in fds):
            found.append(int(proc.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")
def test_stream_sigkill_during_pass_two_leaves_no_csv_writer_and_the_old_tables(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    out, mark = tmp_path / "out", tmp_path / "mark"
    run(corpus, out)
    before = (out / "facts.csv").read_bytes()
    (out / ".cache" / "outputs.json").unlink()                  # the tables are built again
    env = {**os.environ, "FACTMINE_CSV_PROCESS_ROWS": "0", "FACTMINE_TEST_PAUSE": "rename:facts.parquet",
           "FACTMINE_TEST_PAUSE_MARK": str(mark), "FACTMINE_TEST_PAUSE_SECONDS": "60"}
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "run", "--corpus", str(corpus), "--out", str(out)],
                            cwd=Path(__file__).resolve().parent.parent, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    end = time.monotonic() + 120
    while not mark.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < end
        time.sleep(0.05)
    assert [p for p in _csv_writers(out) if p != proc.pid], "the CSV writer runs beside its parent"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    end = time.monotonic() + 20
    while _csv_writers(out) and time.monotonic() < end:        # it sees the pipe close and leaves
        time.sleep(0.1)
    assert not _csv_writers(out)
    assert (out / "facts.csv").read_bytes() == before            # the old table, whole
    report = run(corpus, out)
    assert not list(out.glob(".fm-tmp-*")) and report.rows() == run(corpus, None).rows()


def test_a_csv_writer_that_cannot_start_early_is_started_at_pass_two(tmp_path, monkeypatch):
    real = facts_csv.CsvWriter.__init__
    calls = []

    def flaky(self, path, parallel):
        calls.append(parallel)
        if len(calls) == 1:
            raise OSError("Resource temporarily unavailable")      # fork refused, say
        real(self, path, parallel)
    monkeypatch.setattr(facts_csv.CsvWriter, "__init__", flaky)
    _big(monkeypatch)
    out = tmp_path / "out"
    streamed = run(CORPUS, out, use_cache=False)
    assert len(calls) == 2, "tried early, then again at pass 2"
    assert not list(out.glob(".fm-tmp-*")) and not list((out / ".cache").glob(".fm-tmp-*"))
    _assert_same(run(CORPUS, None), streamed, out, tmp_path / "whole")


def test_a_table_stream_that_cannot_be_made_stops_the_early_csv_writer(tmp_path, monkeypatch):
    _big(monkeypatch)
    started = []                                  # held here: nothing but the run may stop it
    real = facts_csv.start_early
    monkeypatch.setattr(facts_csv, "start_early", lambda *a: started.append(real(*a)) or started[-1])

    def no_room(self, *args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(stream.TableStream, "__init__", no_room)
    out = tmp_path / "out"
    with pytest.raises(OSError):
        run(CORPUS, out, use_cache=False)
    assert started and started[0].writer.process.poll() is not None, "its process stopped"
    assert not list(out.glob(".fm-tmp-*")) and not _csv_writers(out)
