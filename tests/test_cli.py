"""The factmine command end to end, on temporary corpora."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.consolidate import COLUMNS

from .conftest import CORPUS

runner = CliRunner()


def _corpus_with_bad_files(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    shutil.copy(CORPUS / "002_811667954f068af1.txt", corpus / "good.txt")
    text = (CORPUS / "004_f7175b00e1a29747.txt").read_text(encoding="utf-8")
    (corpus / "sub" / "gb.txt").write_bytes(text.encode("gb18030"))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (corpus / "notes.pdf").write_bytes(b"%PDF-1.4")
    return corpus


def test_cli_run_writes_contract_tables_and_goes_on_after_bad_files(tmp_path):
    corpus = _corpus_with_bad_files(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "read 2 documents" in result.stdout
    assert "skipped 3" in result.stdout
    err = result.stderr
    assert "empty.txt: empty file" in err and "binary.txt: binary file" in err
    assert "notes.pdf: cannot read this pdf file" in err
    assert "Traceback" not in result.output
    facts = pd.read_parquet(out / "facts.parquet")
    assert list(facts.columns)[: len(COLUMNS)] == list(COLUMNS)
    assert set(facts["doc_id"]) == {"good.txt", "sub/gb.txt"}
    csv = pd.read_csv(out / "facts.csv", dtype=str, keep_default_na=False)
    assert len(csv) == len(facts)
    assert not (csv == "None").any().any()
    for name in ("entities", "timeline"):
        assert (out / f"{name}.parquet").is_file() and (out / f"{name}.csv").is_file()


def test_cli_run_second_time_reuses_unchanged_files(tmp_path):
    corpus = _corpus_with_bad_files(tmp_path)
    out = tmp_path / "out"
    runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    first = pd.read_parquet(out / "facts.parquet")
    again = runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    assert "(2 unchanged, from cache)" in again.stdout
    second = pd.read_parquet(out / "facts.parquet")
    pd.testing.assert_frame_equal(first, second)


def test_cli_run_fact_ids_survive_edits_elsewhere(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = "Sales rose 13 percent to 5 billion yuan last year, officials in Aksu said."
    (corpus / "a.txt").write_text(body + "\n", encoding="utf-8")
    out = tmp_path / "out"
    runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    before = pd.read_parquet(out / "facts.parquet").set_index("text")["fact_id"].to_dict()
    (corpus / "a.txt").write_text("A new first paragraph, added later by the editor.\n\n" + body + "\n",
                                  encoding="utf-8")
    runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    after = pd.read_parquet(out / "facts.parquet").set_index("text")["fact_id"].to_dict()
    assert before and all(after.get(k) == v for k, v in before.items())


def test_cli_run_missing_corpus_is_one_line_error(tmp_path):
    result = runner.invoke(app, ["run", "--corpus", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "no such folder" in result.stderr


def test_cli_run_nothing_processable_exits_nonzero(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1


def test_cli_run_keeps_review_decisions(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Sales rose 13 percent last year in the county.\n", encoding="utf-8")
    out = tmp_path / "out"
    runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    fid = pd.read_parquet(out / "facts.parquet")["fact_id"].iloc[0]
    store = tmp_path / "decisions.sqlite"
    done = runner.invoke(app, ["review", "reject", fid, "--out", str(out), "--reviews", str(store)])
    assert done.exit_code == 0, done.output
    before = store.read_bytes()
    runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out), "--reviews", str(store)])
    facts = pd.read_parquet(out / "facts.parquet").set_index("fact_id")
    assert facts.loc[fid, "status"] == "rejected"
    assert store.read_bytes() == before                                  # runs read the store, never write it
    missing = runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out), "--reviews", str(tmp_path / "typo.sqlite")])
    assert missing.exit_code == 1 and "no such decision store" in missing.stderr


def test_cli_extract_stdin_prints_jsonl():
    result = runner.invoke(app, ["extract", "-", "--kind", "figure", "--reference-date", "2025-09-28"],
                           input="去年,新疆网上零售额达723.3亿元,同比增长13.62%。".encode("utf-8"))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["kind"] == "figure" and r["doc_id"] == "-" for r in rows)
    assert set(COLUMNS) <= set(rows[0])


def test_cli_extract_batch_sets_doc_id(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "row-7", "text": "Exports grew 20 percent in 2023.", "lang": "en"}) + "\n"
                   + "not json\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--input", str(src), "--kind", "figure"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {r["doc_id"] for r in rows} == {"row-7"}
    assert "in.jsonl:2: skipped" in result.stderr


@pytest.mark.parametrize("args,message", [
    (["extract", "-", "--reference-date", "2024-13-01"], "--reference-date"),
    (["extract", "missing-file.txt"], "no such file"),
    (["extract"], "give a FILE"),
])
def test_cli_extract_bad_input_is_one_line_error(args, message):
    result = runner.invoke(app, args, input="")
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output


def test_cli_ingest_shows_blocks_and_repeats():
    result = runner.invoke(app, ["ingest", str(CORPUS / "004_f7175b00e1a29747.txt")])
    assert result.exit_code == 0
    out = result.stdout
    assert "date: 2024-06" in out
    assert "joined a line broken mid-sentence" in out
    assert "repeated sentence" in out
    assert " byline " in out and " caption " in out


def test_cli_help_has_examples():
    for cmd in ("run", "ingest", "extract"):
        result = runner.invoke(app, [cmd, "--help"])
        assert result.exit_code == 0 and "Example" in result.stdout


def test_cli_review_lists_and_appends_decisions(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Sales rose 13 percent to 5 billion yuan last year in Aksu.\n", encoding="utf-8")
    out = tmp_path / "out"
    runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    common = ["--out", str(out), "--corpus", str(corpus)]
    listed = runner.invoke(app, ["review", *common, "--kind", "figure"])
    assert listed.exit_code == 0 and "[13 percent]" in listed.stdout
    fid = pd.read_parquet(out / "facts.parquet").query("kind == 'figure'")["fact_id"].iloc[0]
    for _ in range(2):
        done = runner.invoke(app, ["review", *common, "--accept", fid])
        assert done.exit_code == 0, done.output
    history = runner.invoke(app, ["review", "history", fid, "--corpus", str(corpus)])
    assert history.stdout.count("accepted") == 2                          # history kept, never rewritten
    shown = runner.invoke(app, ["review", *common, "--status", "accepted"])
    assert fid in shown.stdout
    bad = runner.invoke(app, ["review", *common, "--reject", "nope"])
    assert bad.exit_code == 1 and "unknown fact_id" in bad.stderr


def test_cli_run_catalog_date_wins_over_inferred(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Last year, sales in Aksu rose 13 percent.\n", encoding="utf-8")
    (corpus / "catalog.csv").write_text("file,title,date\na.txt,Aksu sales,2019-03-01\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    assert "read 1 documents" in result.stdout          # the catalog itself is not an article
    facts = pd.read_parquet(out / "facts.parquet")
    assert set(facts["doc_date"]) == {"2019-03-01"}
    assert "2018" in set(facts["period"].dropna())       # 'last year' resolved against the catalog date


def test_issue_13_cli_run_json_prints_the_summary_only(tmp_path):
    corpus = _corpus_with_bad_files(tmp_path)
    result = runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--json",
                                 "--workers", "2"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["documents"] == 2
    assert {"binary.txt", "empty.txt"} <= {s["doc_id"] for s in summary["skipped"]}
    assert summary["engine"] in ("process", "serial") and summary["rows"]["facts"] > 0


def test_issue_13_cli_run_unknown_engine_is_one_line_error(tmp_path):
    result = runner.invoke(app, ["run", "--corpus", str(CORPUS), "--out", str(tmp_path / "o"), "--engine", "spark"])
    assert result.exit_code == 1 and "unknown engine" in result.stderr and "Traceback" not in result.output


def test_issue_12_cli_alias_merge_and_not_entity(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    res = runner.invoke(app, ["alias", "merge", "Aksu", "阿克苏市", "--canonical", "Aksu City", "--label", "PLACE",
                              "--corpus", str(corpus)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["alias", "not-entity", "夏牧场", "--corpus", str(corpus)])
    assert res.exit_code == 0, res.output
    text = (corpus / "aliases.yaml").read_text(encoding="utf-8")
    assert '"阿克苏市"' in text and "canonical: \"Aksu City\"" in text and '- not_entity: "夏牧场"' in text
    res = runner.invoke(app, ["alias", "merge", "X", "--canonical", "Y", "--label", "TOWN", "--corpus", str(corpus)])
    assert res.exit_code == 1 and "label 'TOWN'" in res.output and "Traceback" not in res.output


def test_cli_run_freezes_what_it_leaves_at_exit_so_the_last_collection_skips_it(tmp_path):
    """The process's last garbage collection would walk every object the run made; ``run`` freezes
    them at exit (atexit, so a process that goes on, like this test's, is not affected)."""
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Online sales rose 12 percent in 2023, the bureau said.", encoding="utf-8")
    script = ("import atexit, gc, sys\n"
              "atexit.register(lambda: print('frozen', gc.get_freeze_count()))\n"   # runs last (LIFO)
              "from pipeline.cli import app\n"
              "assert gc.get_freeze_count() == 0\n"
              "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
              "assert gc.get_freeze_count() == 0, 'frozen only at exit'\n")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", script, "run", "--corpus", str(corpus), "--out", str(tmp_path / "out")],
                         cwd=root, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    frozen = int(out.stdout.strip().splitlines()[-1].split()[1])
    assert frozen > 10_000, out.stdout
