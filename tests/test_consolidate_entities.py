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


def test_entity_tally_fed_in_slices_equals_the_whole_table():
    """Issue 13: a streamed run feeds the entity table slice by slice (EntityTally); whatever the
    cut, the table is the one built from all rows at once — a transcribed name whose first row has
    no Latin form (a lone surname) and a later one has, a place chain cut between two slices."""
    from pipeline.consolidate.entities import EntityTally

    rows = _facts([
        ("a", "zh", "entity", "买买提", 0, 3, "PERSON", "Maimaiti Aili"),          # one word: no Latin key
        ("a", "zh", "entity", "和田地区", 10, 14, "PLACE", "Hotan Prefecture"),
        ("a", "zh", "entity", "策勒县", 14, 17, "PLACE", "Qira County"),
        ("a", "zh", "entity", "达玛沟乡", 17, 21, "PLACE", "Damagou Township"),
        ("a", "zh", "figure", "5%", 22, 24, None, None),
        ("b", "en", "entity", "Memet Eli", 0, 9, "PERSON", "Memet Eli"),
        ("b", "en", "entity", "Qira", 20, 24, "PLACE", None),                   # canonical missing: its text
        ("c", "zh", "entity", "买买提·艾力", 0, 6, "PERSON", "Maimaiti Aili"),     # the Latin key, found late
        ("c", "zh", "entity", "策勒县", 10, 13, "PLACE", "Qira County"),
        ("c", "zh", "entity", "达玛沟乡", 13, 17, "PLACE", "Damagou Township"),
        ("c", "es", "entity", "Memet Eli", 30, 39, "PERSON", "Memet Eli"),
    ])
    whole = build_entities(rows)
    assert "Maimaiti Aili" not in set(whole["canonical"])              # merged into the Latin form
    memet = whole.set_index("canonical").loc["Memet Eli"]
    assert memet["mentions"] == 4 and memet["surfaces"] == "买买提 | Memet Eli | 买买提·艾力"
    assert whole.set_index("canonical").loc["Damagou Township", "parent"] == "Qira County"
    for size in range(1, len(rows) + 1):
        tally = EntityTally()
        for start in range(0, len(rows), size):
            tally.add(rows.iloc[start:start + size])
        pd.testing.assert_frame_equal(tally.table(), whole)
    assert EntityTally().table().columns.tolist() == build_entities(rows.iloc[:0]).columns.tolist()
