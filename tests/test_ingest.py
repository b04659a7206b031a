"""Ingest: decoding, normalization with an offset map, blocks, languages, kinds, sentences, metadata."""
from __future__ import annotations

import codecs

import pytest

from pipeline.errors import EmptySource, UndecodableSource
from pipeline.ingest import ingest_bytes, ingest_text
from pipeline.ingest.decode import decode_bytes
from pipeline.ingest.normalize import normalize

from .conftest import CORPUS, SEED_FILES, read_raw


@pytest.mark.parametrize("raw,expected", [
    ("１２％", "12%"),
    ("ＡＢＣ，（１）", "ABC,(1)"),
    ("臺灣電子商務", "台湾电子商务"),
    ("a\u200bb", "ab"),
    ("x\u3000y\u00a0z", "x y z"),
    ("“quoted” ‘x’", "\"quoted\" 'x'"),
    ("l1\r\nl2\rl3", "l1\nl2\nl3"),
])
def test_normalize_folds_and_maps_back(raw, expected):
    norm = normalize(raw)
    assert norm.text == expected
    assert len(norm.starts) == len(norm.text) == len(norm.ends)
    # every analysis char comes from a non-empty raw span, in order
    assert all(s < e for s, e in zip(norm.starts, norm.ends))
    assert list(norm.starts) == sorted(norm.starts)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030"])
@pytest.mark.parametrize("name", SEED_FILES)
def test_decode_seed_in_other_encodings(name, encoding):
    text = read_raw(CORPUS / name)
    if encoding == "gb18030" and any("\uac00" <= c <= "\ud7af" for c in text):
        text = "".join(c for c in text if not "\uac00" <= c <= "\ud7af")   # GB18030 has Hangul, but keep it simple
    data = text.encode(encoding)
    decoded, _ = decode_bytes(data, name)
    assert decoded == text


def test_decode_big5_traditional():
    text = "阿克蘇地區的網絡交易額達到一百八十五億元，居南疆首位。" * 3
    decoded, enc = decode_bytes(text.encode("big5"), "t.txt")
    assert decoded == text and enc.replace("-", "").lower().startswith("big5")
    doc = ingest_bytes(text.encode("big5"), "t.txt")
    assert "阿克苏地区的网络交易额" in doc.text


@pytest.mark.parametrize("data,error", [
    (b"", EmptySource),
    (b"  \n\t ", EmptySource),
    (bytes(range(256)) * 4, UndecodableSource),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), UndecodableSource),
])
def test_decode_rejects_binary_and_empty(data, error):
    with pytest.raises(error) as exc:
        decode_bytes(data, "bad.txt")
    assert "bad.txt" in str(exc.value)


def test_ingest_bom_is_removed_from_raw():
    doc = ingest_bytes(codecs.BOM_UTF8 + "Sales rose 5 percent.".encode(), "b.txt")
    assert doc.raw == "Sales rose 5 percent."


@pytest.mark.parametrize("text,langs", [
    ("Sales of pears rose sharply in the county last year.\n去年，该县香梨销售额大幅增长。",
     ["en", "zh"]),
    ("Las ventas de peras aumentaron mucho en el distrito el año pasado.", ["es"]),
    ("정보\n- 발행일2025년 9월 28일", ["other", "other"]),
])
def test_blocks_language_per_paragraph(text, langs):
    doc = ingest_text(text)
    assert [b.lang for b in doc.blocks] == langs


@pytest.mark.parametrize("line,kind", [
    ("Home> Updates", "debris"),
    ("TOP STORIES", "debris"),
    ("Facebook", "debris"),
    ("Copy link", "debris"),
    ("Video PlayerClose", "debris"),
    ("010020070750000000000000011102351390620891", "debris"),
    ("本报记者 张三", "byline"),
    ("Source: Xinhua| 2021-03-04 10:00:00|Editor: Li Ming", "byline"),
    ("chinadaily.com.cn | Updated: March 4, 2021", "byline"),
    ("Farmers pick cotton in Aksu. [Photo/Xinhua]", "caption"),
    ("果农在果园里采摘苹果。李明 摄", "caption"),
    ("新疆某县电商产业园。某某指挥部供图", "caption"),
    ("/ʃɪnˈdʒɑːŋ/", "gloss"),
    ("人民网 >> 经济·科技", "debris"),
    ("责任编辑:马丽娟", "byline"),
    ("Xinhua | 2024-06-12 15:20:31", "byline"),
    ("| 2023 | 18.5 |", "table"),
    ("|------|-------|", "table"),
    ("![Photo: farmers in Aksu](img.jpg)", "caption"),
    ("(责任编辑:马丽娟)", "byline"),
    ("Home > News > Regional", "debris"),
    ("2025-01-08 08:35 来源:新疆日报", "byline"),
    ("《 人民日报 》( 2024年10月22日   第 10 版)", "byline"),
    ("CGTN Español | Publicado: 2 de agosto de 2024", "byline"),
    ("直播间里卖出\"南疆好味道\"", "headline"),
    ("2015年", "headline"),
    ("Xinjiang looks to expand digital economy", "headline"),
    ("The county opened a new logistics park in March, creating hundreds of local jobs.", "body"),
])
def test_blocks_kind(line, kind):
    doc = ingest_text("Intro paragraph that is long enough to be body text, as usual.\n" + line)
    assert doc.blocks[-1].kind == kind


def test_blocks_broken_line_joined_and_mapped():
    raw = ("因此,指挥部又帮助建立电商产业园新园区,为入驻企业提供免3年\n\n"
           "房租、物流补贴等优惠政策,吸引了许多电商企业入驻园区发展。\n")
    doc = ingest_text(raw)
    body = [b for b in doc.blocks if b.kind == "body"]
    assert len(body) == 1
    text = doc.text[body[0].start:body[0].end]
    assert "免3年房租" in text
    i = doc.text.index("3年房租")
    s, e = doc.to_raw(i, i + 4)
    assert raw[s:e] == "3年\n\n房租"


def test_blocks_broken_english_line_joined_with_a_space():
    raw = "The county opened a new\nlogistics park in March, creating jobs.\n"
    doc = ingest_text(raw)
    assert [doc.text[b.start:b.end] for b in doc.blocks] == ["The county opened a new logistics park in March, creating jobs."]


def test_blocks_heading_not_joined_with_unfinished_paragraph():
    raw = ("公司年销售额从2021年的1500万元增加到2023年的5100万元,惠及全县一半以上\n\n"
           "授人以渔谋求长久繁荣\n\n如何将一时红火转化为长久繁荣,双方选择从完善机制和人才培养破题。")
    doc = ingest_text(raw)
    assert [b.kind for b in doc.blocks] == ["body", "headline", "body"]


def test_sentences_repeated_are_flagged():
    raw = ("El Centro ha establecido más de 200 estaciones en todo el distrito.\n"
           "Otro párrafo distinto con más información sobre el distrito.\n"
           "El Centro ha establecido más de 200 estaciones en todo el distrito. Y algo nuevo aquí.")
    doc = ingest_text(raw)
    dups = [s for s in doc.sentences if s.duplicate_of is not None]
    assert len(dups) == 1 and doc.sentence_text(dups[0]).startswith("El Centro")


@pytest.mark.parametrize("lang,text,n", [
    ("en", "Dr. Smith arrived in the U.S. on Monday. He met Mr. Li. They talked.", 3),
    ("en", "Sales hit 72.33 billion yuan. That is up 13.62 percent!", 2),
    ("es", "¿Qué pasó? El Sr. García llegó. ¡Qué bien!", 3),
    ("zh", "去年销售额增长13.62%。今年呢?继续增长;前景很好!", 4),
])
def test_sentences_split_per_language(lang, text, n):
    doc = ingest_text(text, lang=lang)
    assert len(doc.sentences) == n


def test_parallel_text_pairs_lines():
    en = ["Sales rose by 10 percent in the county this year.", "The county has 20 new shops now.",
          "Farmers sell apples online every day.", "Logistics costs have fallen sharply."]
    zh = ["今年该县销售额增长10%。", "该县现在有20家新店。", "农民每天在网上卖苹果。", "物流成本大幅下降。"]
    doc = ingest_text("\n".join(x for pair in zip(en, zh) for x in pair))
    assert [b.pair for b in doc.blocks] == [0, 0, 1, 1, 2, 2, 3, 3]


@pytest.mark.parametrize("text,date", [
    ("Title here\n\nSource: Xinhua| 2021-03-04 10:00:00|Editor: Li\n\nBody text goes here, as usual.", "2021-03-04"),
    ("Title here\n\nchinadaily.com.cn | Updated: June 2, 2020\n\nBody text goes here.", "2020-06-02"),
    ("Body text that mentions nothing dated at all.\n- 발행일2025년 9월 28일 오후 11:00 UTC", "2025-09-28"),
    ("去年销售额增长。\n\n2023年\n5月,某园区开园。\n\n2024年\n3月,某大会举行。", "2024-03"),
    ("Texto sin ninguna fecha en absoluto.", None),
    ("Headline of the story\n\nUpdated 14:32, 18-Apr-2023\n\nBody text goes here, as usual.", "2023-04-18"),
    ("Las artesanas de Kasgar\n\nKasgar (China), 23 oct (EFE).- Las artesanas venden en 2023 por internet.",
     "2023-10-23"),
    ("Title\n\nKashgar, China, Nov. 8 (Reuters) - Sales rose in 2022 and again this year.", "2022-11-08"),
    ("CGTN en Español\nPublicado el 07-09-2023 | 10:15 (hora de Beijing)\n\nEl kiwi conquista a los compradores.",
     "2023-09-07"),
])
def test_metadata_document_date(text, date):
    assert ingest_text(text).meta.date == date


@pytest.mark.parametrize("name", SEED_FILES)
def test_ingest_seed_map_round_trips(name):
    raw = read_raw(CORPUS / name)
    doc = ingest_text(raw, name)
    for s in doc.sentences:
        rs, re_ = doc.to_raw(s.start, s.end)
        assert 0 <= rs < re_ <= len(raw)


def test_issue_2_seed_debris_and_footer_not_body():
    doc = ingest_text(read_raw(CORPUS / "000_0c1849d751c1ada4.txt"))
    korean = [b for b in doc.blocks if "발행일" in doc.text[b.start:b.end]]
    assert korean and all(b.kind != "body" and b.lang == "other" for b in korean)
    assert doc.meta.date == "2025-09-28"
    doc = ingest_text(read_raw(CORPUS / "001_30bdd61343b5a7ce.txt"))
    kinds = {doc.text[b.start:b.end]: b.kind for b in doc.blocks}
    assert kinds["TOP STORIES"] == kinds["Video PlayerClose"] == "debris"


def test_document_mention_context_is_bounded_in_overlong_sentences():
    from pipeline.types import MAX_CONTEXT, Sentence

    raw = "新疆网上零售额达723.3亿元同比增长" * 200
    doc = ingest_text(raw)
    sentence = doc.sentences[0]
    assert sentence.end - sentence.start > MAX_CONTEXT
    i = doc.text.index("723.3亿元", 3000)
    m = doc.mention("figure", i, i + 7, sentence)
    assert m.text == "723.3亿元" and len(m.context) <= MAX_CONTEXT + 20 and "723.3亿元" in m.context
    assert isinstance(sentence, Sentence)
