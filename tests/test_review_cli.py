"""factmine review / export end to end on a small corpus."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.consolidate.ids import legacy_fact_ids
from pipeline.review.legacy import _Row

runner = CliRunner()
TEXT = ("Kashgar farmers sell dates, and Kashgar sellers ship them to Urumqi.\n"
        "Sales rose 13 percent to 5 billion yuan last year in Kashgar.\n")


@pytest.fixture
def small(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "outputs"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    assert runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)]).exit_code == 0
    facts = pd.read_parquet(out / "facts.parquet")
    return corpus, out, facts, ["--corpus", str(corpus), "--out", str(out)]


def _review(args, *more):
    return runner.invoke(app, ["review", *more, *args])


def test_review_cli_bulk_by_filter_and_errors(small):
    corpus, out, facts, args = small
    kashgar = facts[(facts["kind"] == "entity") & (facts["canonical"] == "Kashgar")]
    assert len(kashgar) == 3
    typo = _review(args, "accept", "nope")
    assert typo.exit_code == 1 and not (corpus / ".factmine").exists()     # no store made for nothing
    first = kashgar["fact_id"].iloc[0]
    assert _review(args, "reject", first).exit_code == 0
    done = _review(args, "accept", "--canonical", "Kashgar", "--kind", "entity")
    assert done.exit_code == 0, done.output
    assert "recorded 2 decision(s)" in done.stdout and "1 already decided" in done.stdout
    listed = _review(args, "list", "--canonical", "kashgar", "--status", "accepted")
    assert listed.stdout.count("(accepted)") == 2 and "and [Kashgar] sellers" in listed.stdout
    for bad, message in [(["--status", "bogus"], "--status 'bogus'"),
                         (["--accept", first, "--reject", first], "both --accept and --reject"),
                         (["accept", "nope", first], "unknown fact_id nope"),
                         (["accept"], "give FACT_IDs or at least one filter"),
                         (["correct", first], "give at least one corrected field"),
                         (["correct", first, "--value", "lots"], "expected a number"),
                         (["correct", first, "--date", "2024-02-30"], "expected YYYY-MM-DD")]:
        result = _review(args, *bad)
        assert result.exit_code == 1 and message in result.stderr and "Traceback" not in result.output, bad
    history = runner.invoke(app, ["review", "history", first, "--corpus", str(corpus)])
    assert [ln.split()[1] for ln in history.stdout.splitlines()] == ["rejected"]


def test_review_cli_correct_then_run_applies(small):
    corpus, out, facts, args = small
    fig = facts[facts["text"] == "5 billion yuan"]["fact_id"].iloc[0]
    done = _review(args, "correct", fig, "--value", "6e9", "--metric", "sales", "--comment", "per the agency")
    assert done.exit_code == 0, done.output
    assert runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)]).exit_code == 0
    row = pd.read_parquet(out / "facts.parquet").set_index("fact_id").loc[fig]
    assert row["status"] == "corrected" and row["value"] == 5e9 and row["final_value"] == 6e9
    assert row["metric_corrected"] == "sales" and row["final_metric"] == "sales"
    renamed = _review(args, "correct", "--kind", "entity", "--where-canonical", "Kashgar", "--canonical", "Kashi")
    assert renamed.exit_code == 0 and "recorded 3 decision(s)" in renamed.stdout, renamed.output
    runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    entities = pd.read_parquet(out / "entities.parquet")
    assert "Kashi" in set(entities["canonical"]) and "Kashgar" not in set(entities["canonical"])


def test_review_cli_import_old_csv(small, tmp_path):
    corpus, out, facts, args = small
    ids = facts["fact_id"].tolist()
    old = legacy_fact_ids([_Row(r.doc_id, r.kind, r.label, r.text) for r in facts.itertuples()])
    csv = tmp_path / "reviews.csv"
    csv.write_bytes(("\ufefffact_id,status,decided_at\n"           # Excel's byte-order mark
                     f"{ids[0]},Accepted,2025-01-01T00:00:00+00:00\n"
                     f"{old[1]},rejected\n"                        # an id of the old scheme
                     "f0000000000000000,accepted\n"                # no such fact
                     f"{ids[2]},maybe\n").encode("utf-8"))
    done = runner.invoke(app, ["review", "import", str(csv), *args])
    assert done.exit_code == 0, done.output
    assert "imported 3 decision(s) (1 old ids mapped" in done.stdout and "1 unknown ids kept" in done.stdout
    assert "line 5: status 'maybe'" in done.stderr
    rerun = runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    assert "review decisions applied to 2 facts, 1 orphaned" in rerun.stdout
    status = pd.read_parquet(out / "facts.parquet").set_index("fact_id")["status"]
    assert status[ids[0]] == "accepted" and status[ids[1]] == "rejected"
    orphans = runner.invoke(app, ["review", "orphans", *args])
    assert "orphaned f0000000000000000" in orphans.stdout
    csv.write_bytes(b"fact_id,status\nf1,acept\xe9\n")
    bad = runner.invoke(app, ["review", "import", str(csv), *args])
    assert bad.exit_code == 1 and "line 2: not UTF-8 (byte 0xe9)" in bad.stderr and "Traceback" not in bad.output
    back = tmp_path / "back.csv"
    assert runner.invoke(app, ["review", "export-csv", str(back), "--corpus", str(corpus)]).exit_code == 0
    assert back.read_bytes().startswith(b"\xef\xbb\xbffact_id,status,decided_at\n")


def test_review_cli_run_refuses_old_csv_as_store(small, tmp_path):
    corpus, out, _, _ = small
    (tmp_path / "reviews.csv").write_text("fact_id,status\n", encoding="utf-8")
    result = runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out), "--reviews",
                                 str(tmp_path / "reviews.csv")])
    assert result.exit_code == 1 and "factmine review import" in result.stderr
    inside = runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out), "--reviews", str(out / "r.sqlite")])
    assert inside.exit_code == 1 and "must not live inside the outputs folder" in inside.stderr
    bulk = runner.invoke(app, ["review", "accept", "--kind", "entity", "--corpus", str(corpus), "--out", str(out),
                               "--reviews", str(out / "r.sqlite")])
    assert bulk.exit_code == 1 and not (out / "r.sqlite").exists()


@pytest.mark.parametrize("fmt", ["sqlite", "csv", "jsonl"])
def test_review_cli_export_formats(small, tmp_path, fmt):
    corpus, out, facts, args = small
    rejected = facts[facts["kind"] == "entity"]["fact_id"].iloc[0]
    _review(args, "reject", rejected)
    dest = tmp_path / ("x.sqlite" if fmt == "sqlite" else "x")
    done = runner.invoke(app, ["export", "--format", fmt, "--out", str(dest), "--corpus", str(corpus),
                               "--outputs", str(out)])
    assert done.exit_code == 0, done.output
    if fmt == "sqlite":
        db = sqlite3.connect(dest)
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert names == {"facts", "entities", "timeline", "decisions"}
        assert db.execute("SELECT status FROM facts WHERE fact_id = ?", (rejected,)).fetchone()[0] == "rejected"
        assert db.execute("SELECT start, \"end\", text FROM decisions").fetchone()[2] is not None
        assert db.execute("SELECT COUNT(*) FROM facts").fetchone()[0] == len(facts)
    elif fmt == "csv":
        data = (dest / "facts.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbffact_id,") and (dest / "decisions.csv").is_file()
    else:
        rows = [json.loads(ln) for ln in (dest / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
        assert len(rows) == len(facts) and {r["status"] for r in rows} >= {"rejected", "pending"}
    bad = runner.invoke(app, ["export", "--format", "xls", "--corpus", str(corpus), "--outputs", str(out)])
    assert bad.exit_code == 1 and "--format 'xls'" in bad.stderr


@pytest.mark.parametrize("cmd", [["review", "accept"], ["review", "reject"], ["review", "correct"],
                                 ["review", "list"], ["export"]])
def test_review_cli_commands_have_examples(cmd):
    result = runner.invoke(app, [*cmd, "--help"])
    assert result.exit_code == 0 and "Example: factmine" in result.stdout
