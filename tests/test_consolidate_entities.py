"""Tests for pipeline.consolidate.entities (issue 12): the entity table's parent, aliases, related."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.consolidate.entities import build_entities


def _facts(rows):
    cols = ["doc_id", "lang", "kind", "text", "start", "end", "label", "canonical"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows])


@pytest.fixture
def table():
    # 和田地区策勒县达玛沟乡托帕艾日克村 … 阿克苏 / 阿克苏市 / Aksu Prefecture … 买买提·艾力 / Memet Eli
    return build_entities(_facts([
        ("a", "zh", "entity", "和田地区", 0, 4, "PLACE", "Hotan Prefecture"),
        ("a", "zh", "entity", "策勒县", 4, 7, "PLACE", "Qira County"),
        ("a", "zh", "entity", "达玛沟乡", 7, 11, "PLACE", "Damagou Township"),
        ("a", "zh", "entity", "托帕艾日克村", 11, 17, "PLACE", "Tuopaairike Village"),
        ("a", "zh", "entity", "和田地区商务局", 30, 37, "ORG", "Hotan Prefecture Commerce Bureau"),
        ("a", "zh", "entity", "阿克苏", 40, 43, "PLACE", "Aksu"),
        ("a", "zh", "entity", "阿克苏市", 50, 54, "PLACE", "Aksu City"),
        ("b", "en", "entity", "Aksu Prefecture", 0, 15, "PLACE", "Aksu Prefecture"),
        ("a", "zh", "entity", "买买提·艾力", 60, 66, "PERSON", "Maimaiti Aili"),
        ("b", "en", "entity", "Memet Eli", 20, 29, "PERSON", "Memet Eli"),
        ("a", "zh", "figure", "5%", 70, 72, None, None),
    ])).set_index("canonical")


@pytest.mark.parametrize("child,parent", [
    ("Tuopaairike Village", "Damagou Township"),     # from the text chain
    ("Damagou Township", "Qira County"),
    ("Qira County", "Hotan Prefecture"),              # from the gazetteer
    ("Aksu City", "Aksu Prefecture"),
    ("Hotan Prefecture Commerce Bureau", "Hotan Prefecture"),   # an org named after a place
])
def test_issue_12_entity_parent(table, child, parent):
    assert table.loc[child, "parent"] == parent


def test_issue_12_aksu_entities_distinct_but_related(table):
    assert {"Aksu", "Aksu City", "Aksu Prefecture"} <= set(table.index)
    assert table.loc["Aksu", "related"] == ["Aksu City", "Aksu Prefecture"]
    assert table.loc["Aksu Prefecture", "related"] == ["Aksu", "Aksu City"]


def test_issue_12_transcribed_person_meets_latin_form(table):
    row = table.loc["Memet Eli"]
    assert row["langs"] == "en,zh" and row["mentions"] == 2
    assert "买买提·艾力" in row["aliases"] and "Maimaiti Aili" in row["aliases"]


def test_issue_12_entity_table_empty_has_columns():
    out = build_entities(_facts([("a", "zh", "figure", "5%", 0, 2, None, None)]))
    assert out.empty and {"parent", "aliases", "related"} <= set(out.columns)
