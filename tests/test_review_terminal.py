"""Terminal review: marking at the mention's own offsets, control characters, the interactive walk."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.review import DecisionStore
from pipeline.review.terminal import Sources, Walk, format_fact, mark, select
from pipeline.safety import terminal_safe

SENTENCE = "Kashgar farmers sell dates, and Kashgar sellers ship them."


@pytest.mark.parametrize("lang, raw, text, start, expected", [
    ("en", SENTENCE, "Kashgar", 32, "Kashgar farmers sell dates, and [Kashgar] sellers ship them."),
    ("en", SENTENCE, "Kashgar", 0, "[Kashgar] farmers sell dates, and Kashgar sellers ship them."),
    ("en", "Sales:\n  Kashgar   rose, and\nKashgar fell.", "Kashgar", 29, "Sales: Kashgar rose, and [Kashgar] fell."),
    ("zh", "喀什的红枣，喀什的核桃。", "喀什", 6, "喀什的红枣，[喀什]的核桃。"),
    ("es", "Kasgar vende dátiles y Kasgar vende nueces.", "Kasgar", 23, "Kasgar vende dátiles y [Kasgar] vende nueces."),
])
def test_review_terminal_marks_own_offsets(lang, raw, text, start, expected):
    assert raw[start:start + len(text)] == text
    context = " ".join(raw.split())
    assert mark(context, text, start, start + len(text), raw) == expected


def test_review_terminal_safe_strips_control_sequences():
    hostile = "Sales\x1b[2J\x1b]0;owned\x07 rose\u202e 5%\x00"
    safe = terminal_safe(hostile)
    assert "\x1b" not in safe and "\x07" not in safe and "\u202e" not in safe and "\x00" not in safe
    assert safe.startswith("Sales") and "rose" in safe and "5%" in safe
    assert terminal_safe("新疆 Xinjiang\tok") == "新疆 Xinjiang\tok"


def _facts() -> pd.DataFrame:
    rows = [{"fact_id": f"f{i}", "doc_id": "a.txt", "kind": "entity", "text": "Kashgar", "start": s,
             "end": s + 7, "line": 1, "context": SENTENCE, "label": "PLACE", "canonical": "Kashgar",
             "status": "pending", "cluster_id": "c1", "lang": "en"} for i, s in enumerate((0, 32))]
    rows.append({**rows[0], "fact_id": "f9", "kind": "figure", "text": "dates", "label": "count",
                 "canonical": None, "value": 3.0, "start": 21, "end": 26})
    return pd.DataFrame(rows)


def test_review_terminal_select_filters():
    facts = _facts()
    assert select(facts, kind="entity", canonical="kashgar")["fact_id"].tolist() == ["f0", "f1"]
    assert select(facts, cluster="c1", kind="figure")["fact_id"].tolist() == ["f9"]
    with pytest.raises(Exception, match="--status 'bogus'"):
        select(facts, status="bogus")
    with pytest.raises(Exception, match="--kind 'figures'"):
        select(facts, kind="figures")
    assert select(facts, flagged=True).empty                                  # no flags column yet
    flagged = facts.assign(flags=[None, "sum: parts exceed the total", None])
    assert select(flagged, flagged=True)["fact_id"].tolist() == ["f1"]
    assert "flags: sum: parts exceed the total" in format_fact(flagged.iloc[1].to_dict())


def test_review_terminal_walk_fed_keys(tmp_path):
    store = DecisionStore(tmp_path / "r.sqlite")
    (tmp_path / "a.txt").write_text(SENTENCE + "\n", encoding="utf-8")
    keys = iter(["a", "k", "x", "r", "s", "c", "c", "q"])
    lines = iter(["value=sixty", "value=4; unit=boxes"])
    shown: list[str] = []
    walk = Walk(_facts(), store, read_key=lambda: next(keys), read_line=lambda _: next(lines),
                write=shown.append, sources=Sources(tmp_path), reviewer="t")
    assert walk.run() == 3
    latest = store.latest()
    assert latest["f0"].status == "rejected" and len(store.history("f0")) == 2     # k went back, r superseded
    assert "f1" not in latest                                                       # skipped
    assert latest["f9"].corrections == {"value": 4.0, "unit": "boxes"}
    assert any("not recorded: value correction 'sixty'" in s for s in shown)
    assert "unknown key 'x'" in shown
    assert any("and [Kashgar] sellers" in s for s in shown)
    assert latest["f9"].fact["text"] == "dates"


def test_review_terminal_sources_prefer_extracted_text(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.html").write_text("<p>Kashgar</p>", encoding="utf-8")
    (tmp_path / "out" / "text").mkdir(parents=True)
    (tmp_path / "out" / "text" / "a.html.txt").write_text("Kashgar\n", encoding="utf-8")
    assert Sources(tmp_path / "corpus", tmp_path / "out").raw("a.html") == "Kashgar\n"
    assert Sources(tmp_path / "corpus").raw("a.html") == "<p>Kashgar</p>"
    assert Sources(tmp_path / "corpus").raw("missing.txt") == ""
