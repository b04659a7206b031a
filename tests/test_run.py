"""The batch (pipeline/run.py): cache keyed by content but never identity, crash safety with real
processes and signals, locks, what a run may delete, empty corpora, workers, time budgets."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import EmptyCorpus, OutputLocked
from pipeline.run import run
from pipeline.safety import OutputLock

from .conftest import CORPUS

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
SENTENCES = [
    "Sales in Aksu rose 13 percent to 5 billion yuan last year, officials said.",
    "去年，新疆网上零售额达723.3亿元，同比增长13.62%。",
    "Las ventas de Kasgar crecieron un 20 % en 2023, según el Gobierno.",
    "The county shipped 40,000 tons of apples in 2022 to buyers in Beijing.",
]


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    return {n: pd.read_parquet(out / f"{n}.parquet") for n in ("facts", "entities", "timeline")}


def _same_tables(a: Path, b: Path) -> None:
    ta, tb = _tables(a), _tables(b)
    for name in ta:
        pd.testing.assert_frame_equal(ta[name], tb[name], check_dtype=False)


def test_issue_8_moved_and_copied_file_name_their_new_path(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    (corpus / "old").mkdir(parents=True)
    (corpus / "old" / "a.txt").write_text(SENTENCES[0] + "\n", encoding="utf-8")
    run(corpus, out)
    (corpus / "new").mkdir()
    shutil.move(corpus / "old" / "a.txt", corpus / "new" / "a.txt")
    shutil.copy(corpus / "new" / "a.txt", corpus / "new" / "b.txt")
    report = run(corpus, out)
    assert set(report.facts["doc_id"]) == {"new/a.txt", "new/b.txt"}
    assert report.from_cache == 2                 # identical bytes reused, identity relabelled
    assert report.facts["fact_id"].is_unique
    fresh = run(corpus, tmp_path / "fresh", use_cache=False)
    pd.testing.assert_frame_equal(report.facts, fresh.facts)


_OPS = st.lists(st.tuples(st.sampled_from(["add", "edit", "move", "copy", "delete"]),
                          st.integers(0, 5), st.integers(0, len(SENTENCES) - 1)), min_size=1, max_size=6)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(_OPS, min_size=1, max_size=3))
def test_issue_8_cache_property_any_edits_match_no_cache(tmp_path_factory, steps):
    """Any sequence of add/edit/move/copy/delete between runs gives the tables of --no-cache."""
    base = tmp_path_factory.mktemp("prop")
    corpus, out = base / "corpus", base / "out"
    corpus.mkdir()
    (corpus / "seed.txt").write_text(SENTENCES[0] + "\n", encoding="utf-8")
    names = [f"d{i % 3}/f{i}.txt" for i in range(6)]
    for n, ops in enumerate(steps):
        for op, i, s in ops:
            files = sorted(p for p in corpus.rglob("*.txt"))
            target = corpus / names[i]
            if op == "add" or (op == "edit" and files):
                victim = target if op == "add" else files[i % len(files)]
                victim.parent.mkdir(parents=True, exist_ok=True)
                victim.write_text(SENTENCES[s] + f"\nLine {n}.\n", encoding="utf-8")
            elif op in ("move", "copy") and files and files[i % len(files)] != target:
                target.parent.mkdir(parents=True, exist_ok=True)
                (shutil.move if op == "move" else shutil.copy)(files[i % len(files)], target)
            elif op == "delete" and len(files) > 1:
                files[i % len(files)].unlink()
        cached = run(corpus, out)
        fresh = run(corpus, base / f"fresh{n}", use_cache=False)
        for name in ("facts", "entities", "timeline"):
            pd.testing.assert_frame_equal(getattr(cached, name), getattr(fresh, name), check_dtype=False)


def test_issue_8_corrupt_cache_entry_is_discarded_with_a_warning(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SENTENCES[0] + "\n", encoding="utf-8")
    first = run(corpus, out)
    for entry in (out / ".cache").glob("fm-*.json"):
        entry.write_bytes(entry.read_bytes()[:7])          # truncated, as a SIGKILL mid-write would
    again = run(corpus, out)
    assert again.from_cache == 0 and any("corrupt cache entry discarded" in w for w in again.warnings)
    pd.testing.assert_frame_equal(first.facts, again.facts)
    assert run(corpus, out).from_cache == 1


def test_issue_8_run_never_deletes_files_it_did_not_write(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SENTENCES[0] + "\n", encoding="utf-8")
    (out / ".cache").mkdir(parents=True)
    mine = [out / ".cache" / "notes.json", out / ".cache" / ("0" * 40 + ".json"), out / "README.txt"]
    for p in mine:
        p.write_text("user data", encoding="utf-8")
    run(corpus, out)
    (corpus / "a.txt").write_text(SENTENCES[1] + "\n", encoding="utf-8")    # old entry goes stale
    run(corpus, out)
    assert all(p.read_text(encoding="utf-8") == "user data" for p in mine)
    assert len(list((out / ".cache").glob("fm-*.json"))) == 1           # its own stale entry is gone


def test_issue_8_empty_corpus_is_an_error_that_leaves_outputs_alone(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SENTENCES[0] + "\n", encoding="utf-8")
    run(corpus, out)
    # every table and cache entry stays (the manifest may name more files the run planned to write)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and p.name != "manifest.json"}
    (corpus / "a.txt").unlink()
    (corpus / "empty.txt").write_bytes(b"")
    with pytest.raises(EmptyCorpus):
        run(corpus, out)
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and p.name != "manifest.json"}
    assert after == before
    result = runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    assert result.exit_code == 1 and "no article could be read" in result.stderr
    assert "empty.txt: empty file" in result.stderr and "Traceback" not in result.output


def test_issue_8_second_run_on_a_locked_out_fails_with_one_line(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SENTENCES[0] + "\n", encoding="utf-8")
    with OutputLock(out):
        with pytest.raises(OutputLocked):
            run(corpus, out)
        result = runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "another factmine run is writing here" in result.stderr
    assert not (out / "facts.csv").exists()
    assert run(corpus, out).documents == 1             # the lock is gone with its holder


def test_issue_8_workers_capped_at_cores(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, s in enumerate(SENTENCES[:3]):
        (corpus / f"{i}.txt").write_text(s + "\n", encoding="utf-8")
    report = run(corpus, None, workers=1000)
    assert report.workers == (os.cpu_count() or 1) and report.documents == 3


def test_issue_8_symlink_out_of_corpus_not_followed_catalog_outside_refused(tmp_path):
    corpus, secret = tmp_path / "corpus", tmp_path / "secret.txt"
    corpus.mkdir()
    secret.write_text("Secret sales rose 99 percent to 7 billion yuan in 2021.\n", encoding="utf-8")
    (corpus / "a.txt").write_text(SENTENCES[0] + "\n", encoding="utf-8")
    (corpus / "link.txt").symlink_to(secret)
    (corpus / "inside.txt").symlink_to(corpus / "a.txt")
    (corpus / "catalog.csv").write_text("file,date\n../secret.txt,2020-01-01\na.txt,2021-05-05\n", encoding="utf-8")
    report = run(corpus, None)
    assert "link.txt" not in set(report.facts["doc_id"]) and "inside.txt" in set(report.facts["doc_id"])
    assert any("link.txt: symbolic link to a file outside the corpus" in r for _, r in report.skipped)
    assert any("'../secret.txt' is outside the corpus" in w for w in report.warnings)
    assert not report.facts["text"].str.contains("99").any()


def test_issue_8_doc_timeout_skips_the_document_not_the_run(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SENTENCES[0] + "\n", encoding="utf-8")
    run(corpus, tmp_path / "out")            # a.txt now comes from the cache: only slow.txt is timed
    (corpus / "slow.txt").write_text(SENTENCES[2] + "\n", encoding="utf-8")
    monkeypatch.setenv("FACTMINE_TEST_PAUSE", "extract:slow.txt")
    report = run(corpus, tmp_path / "out", doc_timeout=0.5)
    assert set(report.facts["doc_id"]) == {"a.txt"} and report.from_cache == 1
    assert any("slow.txt: took longer than 0.5 s" in r for _, r in report.skipped)


def test_issue_8_summary_lists_unsupported_undated_and_date_source(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Sales in Aksu rose 13 percent to 5 billion yuan in 2021.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Sales in Hotan rose 10 percent, officials said.\n", encoding="utf-8")
    (corpus / "c.txt").write_text(SENTENCES[0] + "\n", encoding="utf-8")
    (corpus / "catalog.csv").write_text("file,date\nc.txt,2019-03-01\n", encoding="utf-8")
    (corpus / "aliases.yaml").write_text("- not_entity: Xinhua\n", encoding="utf-8")   # a control file, not an article
    for name in ("x.xlsx", "data.json", "notes.odt"):
        (corpus / name).write_bytes(b"PK\x03\x04")
    result = runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "unsupported: 3 (data.json, notes.odt, x.xlsx)" in result.stdout
    assert "no document date: 1 (b.txt)" in result.stdout
    assert "date guessed: a.txt 2021 (inferred" in result.stdout
    facts = pd.read_parquet(out / "facts.parquet").drop_duplicates("doc_id").set_index("doc_id")
    assert facts.loc["c.txt", "doc_date_source"] == "catalog"
    assert facts.loc["a.txt", "doc_date_source"].startswith("inferred")
    assert pd.isna(facts.loc["b.txt", "doc_date_source"])


# --- real processes and signals ----------------------------------------------------------------

def _start(corpus: Path, out: Path, mark: Path, pause: str, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "FACTMINE_TEST_PAUSE": pause, "FACTMINE_TEST_PAUSE_MARK": str(mark),
           "FACTMINE_TEST_PAUSE_SECONDS": "60"}
    return subprocess.Popen([sys.executable, "-m", "pipeline.cli", "run", "--corpus", str(corpus),
                             "--out", str(out), *extra],          # decisions: the tmp corpus's own store
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for(mark: Path, proc: subprocess.Popen, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while not mark.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < end, "the run never reached the pause point"
        time.sleep(0.05)


def _kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


@pytest.fixture
def three_docs(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(CORPUS / "002_811667954f068af1.txt", corpus / name)
        with (corpus / name).open("a", encoding="utf-8") as fh:
            fh.write(f"\nThis is copy {name}.\n")
    return corpus


def test_issue_8_sigkill_while_extracting_resumes_from_finished_documents(tmp_path, three_docs):
    out, mark = tmp_path / "out", tmp_path / "mark"
    proc = _start(three_docs, out, mark, "extract:c.txt")
    _wait_for(mark, proc)
    _kill(proc)
    assert len(list((out / ".cache").glob("fm-*.json"))) == 2    # a and b saved as soon as done
    report = run(three_docs, out)
    assert report.from_cache == 2 and report.documents == 3


def test_issue_8_sigkill_while_writing_outputs_keeps_previous_tables(tmp_path, three_docs):
    out, mark = tmp_path / "out", tmp_path / "mark"
    run(three_docs, out)
    before = {n: (out / n).read_bytes() for n in ("facts.csv", "facts.parquet")}
    (three_docs / "a.txt").write_text(SENTENCES[0] + "\n", encoding="utf-8")
    proc = _start(three_docs, out, mark, "rename:facts.csv")
    _wait_for(mark, proc)
    _kill(proc)
    assert (out / "facts.parquet").read_bytes() != before["facts.parquet"]     # renamed already
    assert (out / "facts.csv").read_bytes() == before["facts.csv"]            # the old one, whole
    pd.read_csv(out / "facts.csv")
    report = run(three_docs, out)
    assert report.from_cache == 3
    assert not list(out.glob(".fm-tmp-*"))                                    # its leftovers cleaned
    assert len(pd.read_csv(out / "facts.csv")) == len(report.facts)


def test_issue_8_sigkill_while_writing_cache_leaves_a_usable_cache(tmp_path, three_docs):
    out, mark = tmp_path / "out", tmp_path / "mark"
    proc = _start(three_docs, out, mark, "rename:fm-*.json")
    _wait_for(mark, proc)
    _kill(proc)
    report = run(three_docs, out)
    assert report.documents == 3 and not report.warnings
    assert not list((out / ".cache").glob(".fm-tmp-*"))


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        kids = (task / "children").read_text().split()
        found += [int(k) for k in kids]
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")
def test_issue_8_workers_die_with_their_parent(tmp_path, three_docs):
    out, mark = tmp_path / "out", tmp_path / "mark"
    proc = _start(three_docs, out, mark, "extract:*", "--workers", "2")
    _wait_for(mark, proc)
    workers = _children(proc.pid)
    assert workers
    _kill(proc)
    end = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() and "State:\tZ" not in Path(f"/proc/{w}/status").read_text()
              for w in workers if Path(f"/proc/{w}").exists()):
        assert time.monotonic() < end, "orphan workers still alive"
        time.sleep(0.1)


def test_issue_8_two_concurrent_runs_do_not_interleave(tmp_path, three_docs):
    out, mark = tmp_path / "out", tmp_path / "mark"
    first = _start(three_docs, out, mark, "extract:b.txt")
    _wait_for(mark, first)
    second = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "--corpus", str(three_docs),
                             "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    _kill(first)
    assert second.returncode == 1 and "another factmine run is writing here" in second.stderr
    assert "Traceback" not in second.stderr


def test_issue_8_out_inside_the_corpus_is_not_read_back(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.html").write_text("<html><body><article>" + "<p>Sales in Aksu rose 13 percent to 5 billion "
                                   "yuan last year, officials of the county said on Monday.</p>" * 3
                                   + "</article></body></html>", encoding="utf-8")
    first = run(corpus, corpus / "outputs")
    again = run(corpus, corpus / "outputs")
    assert set(again.facts["doc_id"]) == {"a.html"} and not again.unsupported
    assert len(again.facts) == len(first.facts)


def _stamps(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in sorted(out.glob("*.*")) if p.suffix in (".csv", ".parquet")}


@pytest.fixture()
def mined(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    for i, s in enumerate(SENTENCES):
        (corpus / f"d{i}.txt").write_text(s + "\n", encoding="utf-8")
    first = run(corpus, out)
    return corpus, out, first


def test_issue_13_no_change_rerun_leaves_outputs_and_reports_the_same(mined, tmp_path):
    corpus, out, first = mined
    stamps = _stamps(out)
    assert set(stamps) == {p.name for p in first.outputs} and len(stamps) >= 6 and not first.unchanged
    again = run(corpus, out)
    assert again.unchanged and again.from_cache == len(SENTENCES)
    assert _stamps(out) == stamps                                   # nothing rewritten
    assert again.counts() == first.counts() and again.rows() == first.rows()
    assert [p.name for p in again.outputs] == [p.name for p in first.outputs]
    for name in ("facts", "entities", "timeline"):                  # read back from Parquet on use
        pd.testing.assert_frame_equal(getattr(again, name), getattr(first, name), check_dtype=False)


def _edit_file(corpus, out, tmp_path):
    (corpus / "d0.txt").write_text(SENTENCES[0].replace("13", "17") + "\n", encoding="utf-8")


def _decide(corpus, out, tmp_path):
    from pipeline.review import DecisionStore

    fact_id = pd.read_parquet(out / "facts.parquet")["fact_id"].iloc[0]
    with DecisionStore.for_corpus(corpus) as store:          # <corpus>/.factmine/reviews.sqlite
        store.record(fact_id, "rejected")


def _alias(corpus, out, tmp_path):
    (corpus / "aliases.yaml").write_text("- not_entity: Aksu\n", encoding="utf-8")


def _new_file(corpus, out, tmp_path):
    (corpus / "d9.txt").write_text(SENTENCES[1] + "\n", encoding="utf-8")


def _remove_file(corpus, out, tmp_path):
    (corpus / "d3.txt").unlink()


def _touch_output(corpus, out, tmp_path):
    (out / "facts.csv").write_text("edited by hand\n", encoding="utf-8")


def _delete_output(corpus, out, tmp_path):
    (out / "timeline.parquet").unlink()


@pytest.mark.parametrize("change", [_edit_file, _decide, _alias, _new_file, _remove_file, _touch_output, _delete_output])
def test_issue_13_any_change_rebuilds_the_tables(mined, tmp_path, change):
    corpus, out, first = mined
    change(corpus, out, tmp_path)
    again = run(corpus, out)
    assert not again.unchanged
    fresh = run(corpus, tmp_path / "fresh", use_cache=False)
    _same_tables(out, tmp_path / "fresh")                          # the rebuilt tables are the right ones
    assert again.counts() == fresh.counts()
    quiet = run(corpus, out)                                      # and the next rerun is quiet
    assert quiet.unchanged and quiet.counts() == again.counts() and quiet.review == again.review


def test_issue_13_no_cache_always_rebuilds(mined, tmp_path):
    corpus, out, _ = mined
    stamps = _stamps(out)
    again = run(corpus, out, use_cache=False)
    assert not again.unchanged and _stamps(out) != stamps


def test_issue_13_no_change_rerun_needs_no_pandas(mined, tmp_path):
    """The no-change path reads a JSON summary: pandas (0.6 s CPU to import) stays unloaded."""
    from pipeline.consolidate import aliases
    from pipeline import run as run_module

    corpus, out, _ = mined
    assert run_module.ALIASES_FILE == aliases.FILENAME
    code = ("import sys; from pathlib import Path; from pipeline.run import run; "
            f"r = run(Path({str(corpus)!r}), Path({str(out)!r})); "
            "print(r.unchanged, r.rows()['facts'], 'pandas' in sys.modules)")
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert res.stdout.split() == ["True", str(len(pd.read_parquet(out / "facts.parquet"))), "False"]


def test_issue_13_run_collects_garbage_less_often_and_puts_the_thresholds_back(tmp_path, monkeypatch):
    import gc

    import pipeline.run as run_module

    seen = []
    real = run_module._run
    monkeypatch.setattr(run_module, "_run", lambda *a: (seen.append(gc.get_threshold()), real(*a))[1])
    before = gc.get_threshold()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Online sales in Kashgar rose 15.5 percent in 2024.\n", encoding="utf-8")
    run(corpus, tmp_path / "out")
    assert seen[0][0] == max(before[0], run_module.GC_YOUNG_THRESHOLD) and seen[0][1:] == before[1:]
    assert gc.get_threshold() == before
    (tmp_path / "empty").mkdir()
    with pytest.raises(EmptyCorpus):
        run(tmp_path / "empty", tmp_path / "out2")          # an error inside the run: put back too
    assert gc.get_threshold() == before
