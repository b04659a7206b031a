"""Tests for pipeline.consolidate.aliases (issue 12): the user's corpus/aliases.yaml."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.consolidate.aliases import (AliasFileError, add_alias, add_not_entity, apply, load, parse)


@pytest.mark.parametrize("text,reason", [
    ("- merge: [a, b]\n", "merge needs 'canonical"),
    ("- merge: [a]\n  canonical: A\n  label: TOWN\n", "label 'TOWN'"),
    ("- not_entity: x\n  canonical: y\n", "stands alone"),
    ("- name: x\n", "unknown key"),
    ("merge: x\n", "expected a list"),
    ("- merge: [a\n", "not valid YAML"),
    ("- merge: []\n  canonical: A\n", "a name or a list"),
])
def test_issue_12_aliases_malformed_is_one_line_error(tmp_path, text, reason):
    with pytest.raises(AliasFileError) as err:
        parse(text, tmp_path / "aliases.yaml")
    msg = str(err.value)
    assert reason in msg and "aliases.yaml" in msg and "\n" not in msg


def test_issue_12_add_alias_appends_and_keeps_user_text(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("# mine, keep me\n- not_entity: 云上农场   # a slogan\n", encoding="utf-8")
    add_alias(tmp_path, ["Aksu", "阿克苏市"], "Aksu City", "PLACE")
    add_not_entity(tmp_path, 'a "quoted": name')
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# mine, keep me\n- not_entity: 云上农场   # a slogan\n")
    got = load(tmp_path)
    assert got.merge["阿克苏市"] == ("Aksu City", "PLACE") and got.merge["Aksu"] == ("Aksu City", "PLACE")
    assert got.not_entity == {"云上农场", 'a "quoted": name'}
    assert [p.name for p in tmp_path.iterdir()] == ["aliases.yaml"]      # no temporary file left


def test_issue_12_add_alias_refuses_to_append_to_broken_file(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("- merge: [a\n", encoding="utf-8")
    with pytest.raises(AliasFileError):
        add_not_entity(tmp_path, "x")
    assert path.read_text(encoding="utf-8") == "- merge: [a\n"


def test_issue_12_apply_merges_and_drops_entities_only(tmp_path):
    facts = pd.DataFrame([
        {"fact_id": "1", "kind": "entity", "text": "阿克苏市", "label": "PLACE", "canonical": "Aksu City"},
        {"fact_id": "2", "kind": "entity", "text": "Aksu", "label": "PLACE", "canonical": "Aksu"},
        {"fact_id": "3", "kind": "entity", "text": "夏牧场", "label": "ORG", "canonical": "Xia Ranch"},
        {"fact_id": "4", "kind": "figure", "text": "夏牧场", "label": "count", "canonical": None},
    ])
    add_alias(tmp_path, ["Aksu"], "Aksu City")
    add_not_entity(tmp_path, "Xia Ranch")
    out = apply(facts, load(tmp_path))
    assert list(out["fact_id"]) == ["1", "2", "4"]
    assert list(out["canonical"][:2]) == ["Aksu City", "Aksu City"]


def test_issue_12_aliases_file_applies_without_reextracting(tmp_path):
    from pipeline.run import run

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("新疆阿克苏地区温宿县的牧民在夏牧场上直播。记者王磊报道。\n", encoding="utf-8")
    out = tmp_path / "out"
    first = run(corpus, out)
    assert "Wang Lei" in set(first.facts["canonical"])
    add_alias(corpus, ["王磊"], "Wang Lei (Xinhua)", "PERSON")
    (corpus / "aliases.yaml").write_text((corpus / "aliases.yaml").read_text(encoding="utf-8")
                                         + "- not_entity: 温宿县\n", encoding="utf-8")
    second = run(corpus, out)
    assert second.from_cache == 1                       # no extraction was redone
    assert "Wang Lei (Xinhua)" in set(second.entities["canonical"])
    assert "温宿县" not in set(second.facts["text"])
    (corpus / "aliases.yaml").write_text("- merge: x\n", encoding="utf-8")
    third = run(corpus, out)
    assert any("aliases.yaml" in reason for _, reason in third.skipped)
    assert len(third.facts) == len(first.facts)
