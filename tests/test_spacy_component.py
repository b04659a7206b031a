"""factmine inside spaCy: spans from fact rows, unaligned offsets, the entry point, the DocBin export."""
from __future__ import annotations

import logging
from importlib.metadata import entry_points

import pytest

spacy = pytest.importorskip("spacy")

from spacy.tokens import DocBin  # noqa: E402

from pipeline.spacy_component import add_facts, write_docbin  # noqa: E402

from .conftest import CORPUS, read_raw  # noqa: E402


def _row(kind, start, end, label, **extra):
    return {"kind": kind, "start": start, "end": end, "label": label, **extra}


@pytest.mark.parametrize("lang, text, facts, expected", [
    ("en", "Li Wei said sales hit 5 billion yuan in 2024.",
     [_row("entity", 0, 6, "PERSON", canonical="Li Wei", fact_id="e1"),
      _row("figure", 22, 36, "money", value=5e9, unit="CNY", fact_id="f1"),
      _row("event", 0, 44, "statement", date="2024", fact_id="v1")],
     {"ents": [("Li Wei", "PERSON")], "figures": [("5 billion yuan", 5e9, "CNY")], "events": ["2024"]}),
    ("zh", "李伟说，去年销售额达5亿元。",
     [_row("entity", 0, 2, "PERSON", canonical="李伟"), _row("figure", 10, 13, "money", value=5e8, unit="CNY")],
     {"ents": [("李伟", "PERSON")], "figures": [("5亿元", 5e8, "CNY")], "events": []}),
    ("es", "Las ventas de Madrid subieron un 5 %.",
     [_row("entity", 14, 20, "PLACE", canonical="Madrid"), _row("figure", 33, 36, "percent", value=5.0, unit="%")],
     {"ents": [("Madrid", "PLACE")], "figures": [("5 %", 5.0, "%")], "events": []}),
])
def test_spacy_add_facts_sets_ents_spans_and_attributes(lang, text, facts, expected):
    doc = add_facts(spacy.blank(lang).make_doc(text), facts)
    assert [(e.text, e.label_) for e in doc.ents] == expected["ents"]
    assert [(s.text, s._.value, s._.unit) for s in doc.spans["figures"]] == expected["figures"]
    assert [s._.date for s in doc.spans["events"]] == expected["events"]
    assert doc.ents[0]._.canonical == facts[0]["canonical"]
    assert doc._.factmine == {"placed": len(facts), "expanded": 0, "dropped": 0, "overlapping": 0}


def test_spacy_unaligned_offsets_are_expanded_and_counted():
    doc = spacy.blank("en").make_doc("Sales hit 5bn yuan.")
    doc = add_facts(doc, [_row("figure", 10, 11, "money", value=5e9)])     # "5" inside the token "5bn"
    assert [s.text for s in doc.spans["figures"]] == ["5bn"]
    assert doc._.factmine["expanded"] == 1 and doc._.factmine["dropped"] == 0


def test_spacy_unplaceable_span_is_dropped_counted_and_logged(caplog):
    doc = spacy.blank("en").make_doc("Hello world.")
    with caplog.at_level(logging.WARNING, logger="factmine"):
        doc = add_facts(doc, [_row("entity", 5, 6, "PLACE")])              # only the space
    assert list(doc.ents) == [] and doc._.factmine["dropped"] == 1
    assert "falls on no token" in caplog.text


def test_spacy_overlapping_entities_keep_the_longest_and_count_the_rest(caplog):
    doc = spacy.blank("en").make_doc("The Bank of China Limited grew.")
    with caplog.at_level(logging.WARNING, logger="factmine"):
        doc = add_facts(doc, [_row("entity", 4, 17, "ORG"), _row("entity", 12, 17, "PLACE")])
    assert [e.text for e in doc.ents] == ["Bank of China"]
    assert len(doc.spans["entities"]) == 2
    assert doc._.factmine["overlapping"] == 1 and "overlap" in caplog.text


def test_spacy_factory_is_registered_by_entry_point():
    assert "factmine" in {ep.name for ep in entry_points(group="spacy_factories")}
    assert spacy.util.registry.factories.get("factmine") is not None


@pytest.mark.parametrize("lang, text, figure, entity", [
    ("zh", "去年，新疆网上零售额达723.3亿元，同比增长13.62%。", "723.3亿元", "新疆"),
    ("en", "Last year, Xinjiang's online retail sales hit 72.33 billion yuan.", "72.33 billion yuan", "Xinjiang"),
    ("es", "Las ventas en línea de Xinjiang alcanzaron 72.330 millones de yuanes.", "72.330 millones de yuanes",
     "Xinjiang"),
])
def test_spacy_add_pipe_by_name_runs_factmine(lang, text, figure, entity):
    nlp = spacy.blank(lang)
    nlp.add_pipe("factmine", config={"reference_date": "2025-09-28"})
    doc = nlp(text)
    assert figure in [s.text for s in doc.spans["figures"]]
    assert entity in [e.text for e in doc.ents]
    assert all(s._.fact_id for s in doc.spans["figures"])


def test_spacy_write_docbin_round_trips_the_seed_table(seed_run, tmp_path):
    facts = seed_run[0].facts
    path = tmp_path / "facts.spacy"
    counts = write_docbin(facts, CORPUS, path)
    assert counts["docs"] == facts["doc_id"].nunique() and counts["missing"] == 0 and counts["dropped"] == 0
    docs = list(DocBin().from_disk(path).get_docs(spacy.blank("zh").vocab))
    assert len(docs) == counts["docs"]
    by_id = {row.fact_id: row for row in facts.itertuples()}
    exact = 0
    for doc in docs:
        assert doc.text == read_raw(CORPUS / doc.user_data["doc_id"])
        for key in ("figures", "events", "entities"):
            for span in doc.spans[key]:
                row = by_id[span._.fact_id]
                assert span.start_char <= row.start and row.end <= span.end_char
                exact += (span.start_char, span.end_char) == (row.start, row.end)
    assert exact >= 0.9 * counts["placed"]
    assert not list(tmp_path.glob(".facts.spacy.*"))          # the temporary file was renamed
