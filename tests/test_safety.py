"""Safe outputs (pipeline/safety.py, the writers in consolidate/table.py)."""
from __future__ import annotations

import csv
import json
import re

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.consolidate import build_entities, write_csv, write_parquet
from pipeline import safety
from pipeline.safety import TEMP_PREFIX, atomic_write, spreadsheet_safe, terminal_safe, write_entry
from pipeline.run import run

runner = CliRunner()


@pytest.mark.parametrize("cell,expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1+1", "'+1+1"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("sales", "sales"), ("", ""),
    ("72.33 billion", "72.33 billion"), ("去年", "去年"),
])
def test_safety_spreadsheet_safe(cell, expected):
    assert spreadsheet_safe(cell) == expected


@pytest.mark.parametrize("cell,expected", [      # the fact table's text column: provenance holds in the CSV
    ("-1.2 billion euros", "-1.2 billion euros"), ("+5%", "+5%"), ("-0,3 %", "-0,3 %"), ("-12亿港元", "-12亿港元"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"), ("+HYPERLINK(\"x\")", "'+HYPERLINK(\"x\")"),
    ("-cmd|x", "'-cmd|x"), ("-5 A1:B2", "'-5 A1:B2"), ("=1+2", "'=1+2"), ("@SUM(A1)", "'@SUM(A1)"),
])
def test_safety_spreadsheet_safe_signed_figure_text(cell, expected):
    assert spreadsheet_safe(cell, signed_figure_ok=True) == expected


@pytest.mark.parametrize("text,expected", [
    ("plain 文本 text", "plain 文本 text"), ("\x1b[31mred\x1b[0m", "red"), ("bell\x07!", "bell!"),
    ("\x1b]0;title\x07x", "x"), ("a\tb\nc", "a\tb\nc"), ("c1\x9bcontrol", "c1control"),
])
def test_safety_terminal_safe(text, expected):
    assert terminal_safe(text) == expected


def test_issue_8_csv_neutralises_formulas_parquet_keeps_raw_numbers_stay_numbers(tmp_path):
    df = pd.DataFrame({"text": ["=1+2", "-5 percent", "ok", None], "value": [-5.0, -1.5, 3.0, None],
                       "doc_ids": [["a,b.txt", "c.txt"], ["x"], [], ["=evil.txt"]]})
    df["text"] = df["text"].astype("string")
    df["value"] = df["value"].astype("Float64")
    write_csv(df, tmp_path / "t.csv")
    write_parquet(df, tmp_path / "t.parquet")
    rows = list(csv.DictReader((tmp_path / "t.csv").open(encoding="utf-8")))
    assert [r["text"] for r in rows] == ["'=1+2", "-5 percent", "ok", ""]     # a signed figure stays as written
    assert [r["value"] for r in rows] == ["-5.0", "-1.5", "3.0", ""]           # numbers untouched
    assert json.loads(rows[0]["doc_ids"]) == ["a,b.txt", "c.txt"]
    assert json.loads(rows[3]["doc_ids"]) == ["=evil.txt"]                       # a JSON array, no formula
    back = pd.read_parquet(tmp_path / "t.parquet")
    assert back["text"].iloc[0] == "=1+2" and list(back["doc_ids"].iloc[0]) == ["a,b.txt", "c.txt"]


def test_issue_8_entity_doc_ids_are_a_list_even_with_commas_in_names(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    for name in ("a,b.txt", "c.txt"):
        (corpus / name).write_text("Officials in Aksu said sales rose 13 percent last year.\n", encoding="utf-8")
    report = run(corpus, out)
    aksu = report.entities.set_index("canonical").loc["Aksu"]
    assert list(aksu["doc_ids"]) == ["a,b.txt", "c.txt"]
    rows = {r["canonical"]: r for r in csv.DictReader((out / "entities.csv").open(encoding="utf-8"))}
    assert json.loads(rows["Aksu"]["doc_ids"]) == ["a,b.txt", "c.txt"]
    assert list(pd.read_parquet(out / "entities.parquet").set_index("canonical").loc["Aksu", "doc_ids"]) == \
        ["a,b.txt", "c.txt"]


def test_issue_8_formula_in_article_is_text_in_facts_csv(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "a.txt").write_text("=HYPERLINK(\"http://evil\") Sales in Aksu rose 13 percent last year.\n"
                                  "+5 percent was the rise in Hotan in 2023, officials said.\n", encoding="utf-8")
    run(corpus, out)
    source = (corpus / "a.txt").read_text(encoding="utf-8")
    rows = list(csv.DictReader((out / "facts.csv").open(encoding="utf-8")))
    cells = [c for row in rows for col, c in row.items() if col != "text"]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert any(c.startswith("'=HYPERLINK") or c.startswith("'+5") for c in cells)
    for row in rows:      # text: provenance holds in the CSV; a signed figure as written is no formula
        assert source[int(row["start"]):int(row["end"])] == row["text"]
        assert not row["text"].startswith(("=", "@")) and not re.search(r"[|!(=]", row["text"])


def test_issue_8_ingest_strips_terminal_escapes(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Sales \x1b]0;pwned\x07rose \x1b[2J13 percent in Aksu last year, officials of the county said "
                 "on Monday in a statement about the harvest and the new roads to the markets of the region.\n",
                 encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(f)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_issue_8_atomic_write_replaces_whole_and_leaves_no_temp(tmp_path):
    target = tmp_path / "sub" / "f.txt"
    atomic_write(target, "one")
    atomic_write(target, "two")
    assert target.read_text(encoding="utf-8") == "two"
    assert [p.name for p in target.parent.iterdir()] == ["f.txt"]


def test_issue_13_write_entry_replaces_whole_and_leaves_no_temp(tmp_path, monkeypatch):
    """The cache entries' writer: a temporary name, then a rename; a name left by a killed process
    with the same pid is stepped over, not overwritten; a failed write leaves the old entry."""
    folder = tmp_path / "cache"                     # made on the first write
    write_entry(str(folder), "fm-a.json", b"one")
    big = bytes(range(256)) * 40_000                  # 10 MB: more than one os.write may take
    write_entry(str(folder), "fm-a.json", big)
    assert (folder / "fm-a.json").read_bytes() == big
    number = next(safety._ENTRY_NUMBERS) + 1
    stale = folder / f"{TEMP_PREFIX}{__import__('os').getpid()}-{number}-fm-b.json"
    stale.write_bytes(b"stale")
    write_entry(str(folder), "fm-b.json", b"new")
    assert (folder / "fm-b.json").read_bytes() == b"new" and stale.read_bytes() == b"stale"
    stale.unlink()

    def refuse(*args):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(safety.os, "write", refuse)
    with pytest.raises(OSError):
        write_entry(str(folder), "fm-a.json", b"lost")
    assert sorted(p.name for p in folder.iterdir()) == ["fm-a.json", "fm-b.json"]
    assert (folder / "fm-a.json").read_bytes() == big
