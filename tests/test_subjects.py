"""consolidate/subjects.py: the entity a figure is about, in its sentence, paragraph or headline."""
from __future__ import annotations

import pytest

from pipeline import extract
from pipeline.consolidate import build_entities, build_table
from pipeline.consolidate.subjects import entity_id, subject_key


def _subject_of(text: str, lang: str, figure: str) -> str | None:
    rows = extract(text, lang=lang, reference_date="2024-06-01", kinds=["figure", "entity"])
    hit = [r for r in rows if r["kind"] == "figure" and r["text"] == figure]
    assert hit, f"{figure!r} not extracted from {text!r}"
    return hit[0]["subject"]


@pytest.mark.parametrize("lang,text,figure,subject", [
    ("en", "Last year, Xinjiang's online retail sales hit 72.33 billion yuan, up 13.62 percent.",
     "72.33 billion yuan", "Xinjiang"),
    ("en", "Farmers in Aksu sell apples on Taobao, and their online sales reached 5 million yuan in 2023.",
     "5 million yuan", "Aksu"),                                   # on Taobao: an oblique, not the subject
    ("zh", "2023年，阿克苏地区网络零售额达到185.65亿元，同比增长12.5%。", "12.5%", "Aksu Prefecture"),
    ("zh", "在浙江省援疆指挥部支持下，喀什地区2023年网络零售额增长12.5%。", "12.5%", "Kashgar Prefecture"),
    ("es", "Las ventas en línea de Hami alcanzaron 1.250 millones de yuanes en 2023.",
     "1.250 millones de yuanes", "Hami"),
    ("en", "Online sales reached 5 million yuan last year.", "5 million yuan", None),      # nobody named
    ("zh", "全地区拥有电商活跃用户50万余人。", "50万余人", None),        # an anaphor with no headline: none
])
def test_subjects_in_sentence(lang, text, figure, subject):
    assert _subject_of(text, lang, figure) == subject


def test_subjects_from_the_paragraph_first_sentence():
    text = "Hotan Prefecture has built 200 village stations.\nOnline sales reached 5 million yuan in 2023."
    # separate paragraphs: the second has no entity of its own and is not the first sentence's paragraph
    assert _subject_of(text, "en", "5 million yuan") is None
    text = "Hotan Prefecture has built new village stations. Online sales reached 5 million yuan in 2023."
    assert _subject_of(text, "en", "5 million yuan") == "Hotan Prefecture"


def test_subjects_id_links_the_entity_row():
    rows = extract("Last year, Xinjiang's online retail sales hit 72.33 billion yuan.", lang="en",
                   reference_date="2024-06-01")
    fig = next(r for r in rows if r["kind"] == "figure")
    import pandas as pd
    entities = build_entities(pd.DataFrame(rows))
    assert fig["subject_id"] in set(entities["entity_id"])
    assert fig["subject_id"] == entity_id("PLACE", "Xinjiang")


@pytest.mark.parametrize("name,key", [
    ("Xinjiang Uygur Autonomous Region", "Xinjiang"), ("Zhejiang Province", "Zhejiang"),
    ("Aksu Prefecture", "Aksu Prefecture"), ("Aksu City", "Aksu City"), ("Xinjiang", "Xinjiang"),
])
def test_subjects_key_merges_only_status_words(name, key):
    assert subject_key(name) == key


def test_subjects_none_for_entities_and_empty_input():
    assert build_table([]).empty
