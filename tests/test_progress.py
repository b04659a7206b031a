"""Progress: counts every document of a run, draws a bar only on a terminal; the JSON summary."""
from __future__ import annotations

import io
import json
import shutil

from pipeline import progress
from pipeline.run import run

from .conftest import CORPUS, read_raw


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_silent_when_not_a_terminal():
    assert type(progress.for_terminal(io.StringIO())) is progress.NullProgress
    assert isinstance(progress.for_terminal(_Terminal()), progress.BarProgress)


def test_progress_counts_files_facts_errors_and_characters(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    counter = progress.NullProgress()
    report = run(corpus, None, use_cache=False, progress=counter)
    assert counter.files == counter.done == 6
    assert counter.errors == 1 and counter.facts == len(report.facts)
    assert counter.chars == sum(len(read_raw(p)) for p in CORPUS.glob("*.txt"))
    assert counter.rate() > 0


def test_progress_bar_draws_files_and_facts_on_a_terminal(tmp_path):
    screen = _Terminal()
    bar = progress.BarProgress(screen)
    report = run(CORPUS, None, use_cache=False, progress=bar)
    assert bar.done == 5 and bar.facts == len(report.facts)
    assert "facts" in screen.getvalue() and "chars/s" in screen.getvalue()


def test_progress_summary_is_json(seed_run):
    data = json.loads(json.dumps(progress.summary(seed_run[0], "serial", 1)))
    assert data["documents"] == 5 and data["rows"]["facts"] == len(seed_run[0].facts)
    assert data["facts"]["figure"]["zh"] > 0 and data["skipped"] == []
