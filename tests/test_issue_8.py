"""Issue 8: every file a user drops in, hostile input, and the small ones — encodings, document
dates, the ingest command, pathological shapes, and a hostile corpus end to end.

(Run safety and the cache: tests/test_run.py; formats: tests/test_formats.py; safe outputs:
tests/test_safety.py.)
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.extractors import extract_all
from pipeline.ingest import ingest_bytes, ingest_text
from pipeline.ingest.decode import decode

from .conftest import CORPUS, SEED_FILES

runner = CliRunner()

ES = ("El año pasado, España exportó un 12 % más de aceite según el Ministerio; también subieron las "
      "ventas de piñones y de jamón. «Es un récord», dijo el señor Núñez en Cádiz el 3 de marzo de 2023.\n")


# --- encodings ---------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_issue_8_western_codepage_keeps_spanish_letters(encoding):
    d = decode(ES.encode(encoding), "es.txt")
    assert d.text == ES and d.encoding in ("cp1252", "latin-1") and not d.warnings
    assert "año" in ingest_bytes(ES.encode(encoding), "es.txt").raw


@pytest.mark.parametrize("text,encoding", [
    ("去年，新疆网上零售额达723.3亿元，同比增长13.62%。阿克苏地区的苹果销往全国。\n" * 3, "gb18030"),
    ("去年，新疆網上零售額達723.3億元，同比增長13.62%。阿克蘇地區的蘋果銷往全國。\n" * 3, "big5"),
])
def test_issue_8_cjk_still_preferred_for_cjk_bytes(text, encoding):
    assert decode(text.encode(encoding), "zh.txt").text == text


def test_issue_8_mostly_utf8_file_reports_replacement_count(tmp_path):
    data = ES.encode("utf-8") + b"broken \xff\xfe bytes, " + ES.encode("utf-8")
    d = decode(data, "x.txt")
    assert d.encoding == "utf-8" and "año" in d.text
    assert d.warnings == ("x.txt: 2 undecodable byte sequence(s) replaced by U+FFFD",)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "x.txt").write_bytes(data)
    result = runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0 and "warning: x.txt: 2 undecodable byte sequence(s)" in result.stderr


# --- document dates ----------------------------------------------------------------------------

def test_issue_8_catalog_wins_in_ingest_and_extract(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    f = corpus / "sub" / "a.txt"
    f.write_text("Updated: June 2, 2020\n\nLast year, sales in Aksu rose 13 percent.\n", encoding="utf-8")
    (corpus / "catalog.csv").write_text("file,date\nsub/a.txt,2019-03-01\n", encoding="utf-8")
    shown = runner.invoke(app, ["ingest", str(f)])
    assert "date: 2019-03-01 (catalog, confidence 1.0)" in shown.stdout
    extracted = runner.invoke(app, ["extract", str(f), "--kind", "figure"])
    assert '"doc_date": "2019-03-01"' in extracted.stdout and '"period": "2018"' in extracted.stdout
    assert '"doc_date_source": "catalog"' in extracted.stdout


@pytest.mark.parametrize("text,date,source,confidence", [
    ("Title\n\nSource: Xinhua| 2021-03-04 10:00:00|Editor: Li\n\nBody text goes here.", "2021-03-04",
     "date in the byline/header", 0.9),
    ("Sales rose 5 percent in 2021 and 7 percent in 2022 in the county.", "2022",
     "inferred: latest date the text mentions", 0.3),
    # a year in Chinese digits is named too: 2015 must not win over 二〇一九年
    ("二〇一九年，该县网上销售额增长百分之十。该县在2015年开始建设电商产业园。", "2019",
     "inferred: latest date the text mentions", 0.3),
])
def test_issue_8_inferred_date_says_how_and_how_sure(text, date, source, confidence):
    meta = ingest_text(text).meta
    assert (meta.date, meta.date_source, meta.date_confidence) == (date, source, confidence)


# --- the ingest command ------------------------------------------------------------------------

def test_issue_8_ingest_on_a_folder_is_a_clear_one_line_error(tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path)])
    assert result.exit_code == 1 and "is a folder" in result.stderr
    assert result.stderr.count("\n") == 1 and result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("args", [["run", "--workers", "0"], ["run", "--doc-timeout", "-1"]])
def test_issue_8_run_flags_validated(args, tmp_path):
    result = runner.invoke(app, args + ["--corpus", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "Invalid value" in result.output


# --- pathological shapes: each finishes (the suite would hang if one went quadratic again) -----

SHAPES = {
    "list_like_lines": "\n".join(f"{2000 + i % 25}年{1 + i % 12}月 销量 {i % 999}.{i % 10} 亿元 增长 {i % 50}%"
                                 if i % 2 else f"- {i % 28 + 1} March 2021: 3.{i} million units, up {i % 9}%"
                                 for i in range(600)),
    "one_long_line": "sales rose 5 percent to 3 million yuan in 2021 and " * 1000,
    "scale_characters": "亿" * 30_000,
    "digit_run": "1" * 100_000,
    "space_run": "a" + " " * 100_000 + "b",
    "dot_run": "5" + "." * 100_000 + " A",
    "nested_brackets": "(" * 10_000 + "x" + ")" * 10_000,
    "combining_marks": "e" + "\u0301" * 50_000 + " 5 percent",
    "zh_without_punctuation": "新疆网上零售额达七百二十三亿元同比增长" * 1500,
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_issue_8_pathological_shapes_finish_with_exact_provenance(name):
    doc = ingest_text(SHAPES[name], name)
    for m in extract_all(doc):
        assert doc.raw[m.start:m.end] == m.text


# --- a hostile corpus end to end ---------------------------------------------------------------

def _hostile_corpus(root: Path) -> tuple[Path, set[str]]:
    corpus = root / "corpus"
    corpus.mkdir()
    good = set()
    for name in SEED_FILES:
        shutil.copy(CORPUS / name, corpus / name)
        good.add(name)
    zh = (CORPUS / "004_f7175b00e1a29747.txt").read_text(encoding="utf-8")
    (corpus / "gbk.txt").write_bytes(zh.encode("gb18030"))
    (corpus / "es_cp1252.txt").write_bytes(ES.encode("cp1252"))
    (corpus / "utf16.txt").write_bytes(ES.encode("utf-16"))
    good |= {"gbk.txt", "es_cp1252.txt", "utf16.txt"}
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (corpus / "nul.txt").write_bytes(ES.encode() + b"\x00\x00" + ES.encode())
    filler = "and the county kept building roads and markets for the farmers of the region "
    (corpus / "megaline.txt").write_text(
        # 300 KB on one line (bench/hostile.py times 1 MB and 3 MB lines; kept smaller here for the suite)
        ("sales rose 5 percent to 3 million yuan in 2021 " + filler * 110) * 33, encoding="utf-8")
    for name in ("dot_run", "digit_run", "nested_brackets", "combining_marks", "scale_characters"):
        (corpus / f"shape_{name}.txt").write_text(SHAPES[name], encoding="utf-8")
    (corpus / "page.html").write_text(
        "<html><head><title>Aksu sales</title><script>document.write('evil 99 percent')</script></head><body>"
        "<article>" + "".join(f"<p>{p}</p>" for p in (CORPUS / "002_811667954f068af1.txt").read_text(
            encoding="utf-8").split("\n")[8:] if p.strip()) + "<script>var x = '77 percent';</script></article>"
        "</body></html>", encoding="utf-8")
    good |= {"page.html", "megaline.txt"}
    (corpus / "table.xlsx").write_bytes(b"PK\x03\x04 not really")
    return corpus, good


def test_issue_8_hostile_corpus_end_to_end(tmp_path):
    corpus, good = _hostile_corpus(tmp_path)
    out = tmp_path / "out"
    # a generous budget: on a loaded machine a slow document must not turn this test into a flake
    result = runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out), "--workers", "2",
                                 "--doc-timeout", "600"])
    assert result.exit_code == 0, result.output
    assert result.exception is None and "Traceback" not in result.output
    assert "unsupported: 1 (table.xlsx)" in result.stdout
    for bad in ("empty.txt: empty file", "binary.txt: binary file", "nul.txt: binary file"):
        assert bad in result.stderr
    facts = pd.read_parquet(out / "facts.parquet")
    assert good <= set(facts["doc_id"])                        # every good article mined
    assert not facts["text"].str.contains("evil|77 percent", regex=True).any()
    for doc_id, rows in facts.groupby("doc_id"):
        if (out / "text" / f"{doc_id}.txt").is_file():             # a converted file
            source = (out / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")
        else:
            source = decode((corpus / doc_id).read_bytes(), doc_id).text
        for row in rows.itertuples():
            assert source[row.start:row.end] == row.text, (doc_id, row.start)
