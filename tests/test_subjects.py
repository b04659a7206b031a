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


@pytest.mark.parametrize("lang,text,figure,subject", [
    ("zh", "泽普县则把目光投向了跨境电商。今年以来，全县跨境电商出口额达2300万元。", "2300万元", "Zepu County"),
    ("en", "Zepu County built a new cold storage. In 2023 the county shipped 9,000 boxes of walnuts.",
     "9,000 boxes", "Zepu County"),
    ("zh", "县商务局局长赵红梅说，2023年，喀什地区网络零售额增长12.5%。", "12.5%", "Kashgar Prefecture"),
])
def test_subjects_anaphora_and_speakers(lang, text, figure, subject):
    assert _subject_of(text, lang, figure) == subject


def test_subjects_platforms_are_where_not_who():
    text = "2023年，每月在拼多多和抖音上的销售额稳定在200万元左右。"
    assert _subject_of(text, "zh", "200万元") is None


def test_subjects_event_date_bounds():
    rows = extract("2020年第一季度，阿克苏市电商产业园新区开园。", lang="zh", reference_date="2024-06-01")
    events = [r for r in rows if r["kind"] == "event"]
    assert events and events[0]["date_start"] == "2020-01-01" and events[0]["date_end"] == "2020-03-31"
