"""Dated events: pipeline.extractors.events (find, then resolve; zh / en / es)."""
from __future__ import annotations

import pytest

from pipeline.extractors.events import extract, find, resolve, timeline_years
from pipeline.ingest import ingest_text

REF = "2024-06-15"


def _doc(text, ref=REF, lang=None):
    return ingest_text(text, doc_id="t", lang=lang, reference_date=ref)


def _events(text, ref=REF, lang=None):
    doc = _doc(text, ref, lang)
    return [(m.text, m.date) for m in extract(doc)]


# ----------------------------------------------------------------------------- events in body text

EVENTS = [
    # zh: an action in the clause makes a dated event
    ("zh", "5月28日，杭州援建的电商产业园新区正式开园。", [("5月28日", "2024-05-28")]),
    ("zh", "2019年，这家孵化基地建成并投入使用。", [("2019年", "2019")]),
    ("zh", "去年11月，市援疆指挥部成立直播培训基地。", [("去年11月", "2023-11")]),
    ("zh", "6月初，第二届丝路电商论坛在喀什举办。", [("6月初", "2024-06")]),
    ("zh", "2022年开始，她组建了一支主播团队。", [("2022年", "2022")]),
    ("zh", "小伙子2018年回乡创业，开了一家网店。", [("2018年", "2018")]),
    ("zh", "2021年3月，该县被评为国家级示范县。", [("2021年3月", "2021-03")]),
    ("zh", "今年4月，商务局印发了扶持办法。", [("今年4月", "2024-04")]),
    ("zh", "去年，协会与平台沟通后，平台解除了处罚机制。", [("去年", "2023")]),
    ("zh", "明年，新的物流园区将建成投用。", [("明年", "2025")]),
    ("zh", "在2023年全疆首届直播大赛上，他荣获冠军。", [("2023年", "2023")]),
    ("zh", "二〇一七年十一月，合作社正式挂牌成立。", [("二〇一七年十一月", "2017-11")]),
    # en
    ("en", "The small county became a demonstration county early in 2016.", [("early in 2016", "2016")]),
    ("en", "In May, the ministry announced 10 new occupations.", [("May", "2024-05")]),
    ("en", "Many enterprises started up last year, with sales exceeding 20 billion yuan.",
     [("last year", "2023")]),
    ("en", "The new logistics park opened on March 3, 2021.", [("March 3, 2021", "2021-03-03")]),
    ("en", "The company was founded in 2012 by two brothers.", [("2012", "2012")]),
    ("en", "The region will expand its digital economy by 10 percent this year.", [("this year", "2024")]),
    ("en", "Online consumption has increased significantly since the beginning of this year.",
     [("since the beginning of this year", "2024-01/2024-06")]),
    ("en", "The forum was held in Kashgar in September 2019.", [("September 2019", "2019-09")]),
    ("en", "Residents pick apricots in a village in Luntai, in June 2018. [Photo/Xinhua]",
     [("June 2018", "2018-06")]),
    # es
    ("es", "El 28 de mayo se inauguró el nuevo parque industrial.", [("28 de mayo", "2024-05-28")]),
    ("es", "La cooperativa se fundó en 2015 con diez familias.", [("2015", "2015")]),
    ("es", "El año pasado el gobierno aprobó un plan de apoyo.", [("El año pasado", "2023")]),
    ("es", "En junio se celebró la feria del comercio electrónico.", [("junio", "2024-06")]),
    ("es", "El distrito fue designado condado modelo a principios de 2016.", [("a principios de 2016", "2016-01")]),
    ("es", "Este año se abrirán tres centros de servicios.", [("Este año", "2024")]),
]


@pytest.mark.parametrize("lang,text,expected", EVENTS)
def test_events_found(lang, text, expected):
    assert _events(text) == expected


# ----------------------------------------------------------------------------- not events

NOT_EVENTS = [
    # a date that only frames a figure
    ("zh", "2023年，阿克苏全地区网络交易额达到185.65亿元。"),
    ("zh", "去年，新疆网上零售额达723.3亿元，同比增长13.62%。"),
    ("zh", "今年前5个月，地区实现网络交易额88.2亿元。"),
    ("en", "In 2023, online sales reached 3.4 billion yuan."),
    ("en", "Retail sales reached 6.49 billion yuan in the first quarter, up 25.46 percent."),
    ("es", "En 2023, las ventas en línea alcanzaron 500 millones de yuanes."),
    # baselines
    ("zh", "游客较2022年增加4倍"),
    ("en", "Visitors tripled compared with 2019"),
    # vague or present time
    ("zh", "如今，库尔勒香梨已出口至20多个国家和地区。"),
    ("zh", "近年来，电商产业快速发展。"),
    ("zh", "这些年，加依村变化很大。"),
    ("zh", "一直以来，运输是最大瓶颈。"),
    ("en", "In the past, companies bought products from farmers."),
    ("en", "Now I have nearly 1,000 students."),
    ("es", "En la serie de hoy conoceremos a los agricultores."),
    # durations and names are no dates
    ("zh", "乐器制作技艺传承已逾300年。"),
    ("zh", "他在杭州经营干果店3年。"),
    ("zh", "这位“90后”组建了团队。"),
]


@pytest.mark.parametrize("lang,text", NOT_EVENTS)
def test_events_not_events(lang, text):
    assert _events(text) == []


@pytest.mark.parametrize("lang,text", [
    ("zh", "去年11月，基地成立。"),
    ("zh", "5月28日，产业园开园。"),
    ("en", "In May, the ministry announced new jobs."),
    ("es", "El año pasado se fundó la empresa."),
])
def test_events_relative_skipped_without_document_date(lang, text):
    assert _events(text, ref=None) == []


@pytest.mark.parametrize("lang,text,expected", [
    # an edition year inside an event name is no event when another date carries the event
    ("zh", "6月初，2024年南疆新电商大会在阿克苏举办。", [("6月初", "2024-06")]),
    ("en", "On June 6, 2024, the 2024 Kashgar Trade Fair opened.", [("June 6, 2024", "2024-06-06")]),
])
def test_events_edition_year_in_name(lang, text, expected):
    assert _events(text) == expected


# ----------------------------------------------------------------------------- publication dates

@pytest.mark.parametrize("text,ref,expected", [
    ("Rural shops boom\n\nSource: Xinhua| 2020-05-16 17:05:24|Editor: Lu Hui\n\n"
     "URUMQI, May 16 (Xinhua) -- Zhang Wei's online shop has been busy.\n",
     "2020-05-16", [("2020-05-16 17:05:24", "2020-05-16"), ("May 16", "2020-05-16")]),
    ("Xinjiang looks to expand digital economy\n\nchinadaily.com.cn | Updated: June 2, 2020\n\n"
     "The region will grow.\n", "2020-06-02", [("June 2, 2020", "2020-06-02")]),
    ("电商带火小山村\n\n新华社乌鲁木齐5月16日电（记者 李明）当地农民开始直播带货。\n",
     "2020-05-16", [("5月16日", "2020-05-16")]),
    ("El comercio crece\n\nBEIJING, 3 jun (Xinhua) -- Los agricultores venden en línea.\n",
     "2020-06-03", [("3 jun", "2020-06-03")]),
])
def test_events_publication(text, ref, expected):
    doc = _doc(text, ref)
    got = [(m.text, m.date, m.label, m.description) for m in extract(doc)]
    assert got == [(t, d, "publication", "publication") for t, d in expected]


# ----------------------------------------------------------------------------- timelines

TIMELINE = (
    "发展历程\n\n"
    "2013年\n某县第一家电商企业开始运营。\n\n"
    "2015年\n4月，某县首期电商培训班开班。7月中旬，该县被确定为示范县。\n\n"
    "2018年\n全县网商达到1200家，带动就业3000人。\n\n"
    "2020年\n3月，产业园获评示范基地；12月，物流中心建成。\n"
)


def test_events_timeline_headings_and_items():
    got = [(m.text, m.date) for m in extract(_doc(TIMELINE, "2024-06"))]
    assert got == [
        ("2013年", "2013"),
        ("2015年", "2015"), ("4月", "2015-04"), ("7月中旬", "2015-07"),
        ("2018年", "2018"),
        ("2020年", "2020"), ("3月", "2020-03"), ("12月", "2020-12"),
    ]


def test_events_timeline_heading_description_is_entry_summary():
    by_text = {m.text: m for m in extract(_doc(TIMELINE, "2024-06"))}
    assert "电商企业开始运营" in by_text["2013年"].description
    assert "培训班开班" in by_text["2015年"].description
    assert not by_text["2015年"].description.startswith("4月")


def test_events_timeline_years_map():
    doc = _doc(TIMELINE, "2024-06")
    headings, governed = timeline_years(doc)
    assert sorted(headings.values()) == [2013, 2015, 2018, 2020]
    assert set(governed.values()) <= {2013, 2015, 2018, 2020}


def test_events_timeline_bare_year_heading_en():
    text = "Milestones\n\n2012\nThe first online shop opened in March.\n\n2016\nIn July, the county was named a pilot.\n"
    got = [(m.text, m.date) for m in extract(_doc(text, "2024-06"))]
    assert got == [("2012", "2012"), ("March", "2012-03"), ("2016", "2016"), ("July", "2016-07")]


# ----------------------------------------------------------------------------- labels, descriptions, offsets

@pytest.mark.parametrize("lang,text,label", [
    ("zh", "5月28日，产业园新区开园。", "opening"),
    ("zh", "去年11月，基地成立。", "founding"),
    ("zh", "2015年4月，该市被确定为示范县。", "designation"),
    ("zh", "6月6日，南疆新电商大会举行。", "conference"),
    ("zh", "3月，商务部宣布了新名单。", "announcement"),
    ("zh", "去年，平台解除了处罚机制。", "policy"),
    ("en", "The park opened on May 28, 2024.", "opening"),
    ("en", "The company was founded in 2012.", "founding"),
    ("en", "The county became a demonstration county early in 2016.", "designation"),
    ("en", "The fair was held in September 2019.", "conference"),
    ("en", "In May, the ministry announced new jobs.", "announcement"),
    ("es", "El 28 de mayo se inauguró el parque.", "opening"),
    ("es", "La empresa se fundó en 2015.", "founding"),
    ("es", "En junio se celebró la feria.", "conference"),
])
def test_events_label(lang, text, label):
    ms = list(extract(_doc(text)))
    assert len(ms) == 1 and ms[0].label == label


@pytest.mark.parametrize("text,fragment", [
    ("5月28日，杭州全额援建的阿克苏市电商产业园新区开园。", "电商产业园新区开园"),
    ("去年11月，杭州市援疆指挥部成立直播培训基地，帮助学员学习。", "成立直播培训基地"),
    ("The small county became a demonstration county of e-commerce early in 2016.",
     "became a demonstration county"),
])
def test_events_description_is_a_phrase_from_the_sentence(text, fragment):
    m = next(iter(extract(_doc(text))))
    assert fragment in m.description
    assert m.text not in m.description


def test_events_offsets_are_raw_and_exact():
    raw = "标题\r\n\r\n５月２８日，产业园新区开园。去年１１月，基地成立。\r\n"
    doc = ingest_text(raw, doc_id="t", reference_date=REF)
    ms = list(extract(doc))
    assert [m.date for m in ms] == ["2024-05-28", "2023-11"]
    for m in ms:
        assert raw[m.start:m.end] == m.text
        assert m.kind == "event"


def test_events_find_then_resolve():
    doc = _doc("交易额2023年达到185亿元。5月28日，新园区开园。")
    cands = list(find(doc))
    assert [c.timex.text for c in cands] == ["2023年", "5月28日"]
    assert [c.role for c in cands] == ["body", "body"]
    kept = [resolve(doc, c, cands) for c in cands]
    assert kept[0] is None and kept[1].date == "2024-05-28"


@pytest.mark.parametrize("lang,text,ref,expected", [
    # a year-less date later in a paragraph takes the year of an explicit month date before it
    ("zh", "2015年4月，该市被确定为示范县；7月中旬，又被商务部确定为综合示范县。", REF,
     [("2015年4月", "2015-04"), ("7月中旬", "2015-07")]),
    ("zh", "2019年3月，合作社成立。5月，第一家网店开业。", REF,
     [("2019年3月", "2019-03"), ("5月", "2019-05")]),
    ("zh", "去年11月，基地成立。12月，首批学员开班。", REF, [("去年11月", "2023-11"), ("12月", "2023-12")]),
    ("en", "The park opened in March 2019. In July, the first firms moved in.", REF,
     [("March 2019", "2019-03"), ("July", "2019-07")]),
    # not when the month lies before the context month, nor after a bare year
    ("zh", "2019年11月，合作社成立。3月，新园区开园。", REF, [("2019年11月", "2019-11"), ("3月", "2024-03")]),
    ("zh", "他说，2019年合作社成立。5月28日，新园区开园。", REF, [("2019年", "2019"), ("5月28日", "2024-05-28")]),
])
def test_events_paragraph_year_context(lang, text, ref, expected):
    assert _events(text, ref) == expected


@pytest.mark.parametrize("text,expected", [
    ("2015年，该县被确定为示范县。同年7月，电商产业园开园。", [("2015年", "2015"), ("同年7月", "2015-07")]),
    ("2018年3月，合作社成立，次年5月建成冷库。", [("2018年3月", "2018-03"), ("次年5月", "2019-05")]),
    ("同年7月，电商产业园开园。", []),     # no year to refer to: unresolvable, skipped
])
def test_events_anaphoric_year(text, expected):
    assert _events(text) == expected


@pytest.mark.parametrize("text,ref,expected", [
    ("Title here\n\nAKSU, China, June 6 (Xinhua) -- The conference opened in Aksu.\n", "2024-06-06",
     [("June 6", "publication")]),
    ("Title here\n\nKashgar, Aug. 21 (Xinhua) -- Farmers sell apricots online.\n", "2023-08-21",
     [("Aug. 21", "publication")]),
    ("标题\n\n人民网北京6月5日电 国务院召开常务会议，部署电商工作。\n", "2024-06-05", [("6月5日", "publication")]),
])
def test_events_dateline_variants(text, ref, expected):
    assert [(m.text, m.label) for m in extract(_doc(text, ref))] == expected


def test_events_long_paragraph_ends_a_timeline():
    text = ("回顾\n\n2015年\n4月，首期培训班开班。\n\n" + "电商带动农民增收，" * 50 + "5月28日，新园区开园。\n")
    got = [(m.text, m.date) for m in extract(_doc(text, "2024-06"))]
    assert got == [("2015年", "2015"), ("4月", "2015-04"), ("5月28日", "2024-05-28")]


MORE_EVENTS = [
    ("es", "La feria se celebrará en Urumqi del 17 al 21 de agosto.", REF,
     [("17 al 21 de agosto", "2024-08-17/2024-08-21")]),
    ("es", "En marzo de 2020, Aysa fundó una cooperativa con 12 vecinos.", REF, [("marzo de 2020", "2020-03")]),
    ("es", "El gobierno local planea construir 50 estaciones más para finales de 2025.", REF,
     [("finales de 2025", "2025")]),
    ("es", "En 2022, la prefectura fue designada base nacional de comercio electrónico.", REF, [("2022", "2022")]),
    ("es", "La joven regresó a su pueblo natal en 2019.", REF, [("2019", "2019")]),
    ("es", "El mes pasado, el gobierno anunció nuevas ayudas.", REF, [("El mes pasado", "2024-05")]),
    ("es", "El lunes se inauguró un centro logístico.", "2024-06-12", [("El lunes", "2024-06-10")]),
    ("es", "En el primer semestre, las ventas alcanzaron 3.200 millones de yuanes.", REF, []),
    ("es", "Las ventas crecieron un 20 % respecto a 2022.", REF, []),
    ("en", "In March 2020, she set up a cooperative with 12 other villagers.", REF, [("March 2020", "2020-03")]),
    ("en", "The zone, approved by the State Council in 2014, started operations in 2015.", REF,
     [("2014", "2014"), ("2015", "2015")]),
    ("en", "A new cold-chain center went into operation on Monday.", "2023-08-23", [("on Monday", "2023-08-21")]),
    ("en", "Ma said the company plans to list on the stock market in 2026.", REF, [("2026", "2026")]),
    ("en", "Since 2018, more than 3,000 drones have been deployed across the region.", REF, []),
    ("en", "In 2022, cotton output reached 5.39 million tons, over 90 percent of the national total.", REF, []),
    ("en", "Tourist numbers rose 30 percent in the first two months.", REF, []),
    ("zh", "喀什综合保税区2014年经国务院批准设立，2015年正式封关运营。", REF, [("2014年", "2014"), ("2015年", "2015")]),
    ("zh", "第八届中国—亚欧博览会将于8月17日至21日在乌鲁木齐举办。", REF, [("8月17日至21日", "2024-08-17/2024-08-21")]),
    ("zh", "自2018年以来，全区已投入农用无人机3000多架。", REF, []),
    ("zh", "2022年，新疆棉花产量达539万吨，占全国总产量的90%以上。", REF, []),
    ("zh", "今年1月，自治区发布了数字经济发展规划。", REF, [("今年1月", "2024-01")]),
    ("zh", "马总表示，公司计划于2026年上市。", REF, [("2026年", "2026")]),
    ("zh", "截至2023年底，全市共有网店1.2万家。", REF, []),
    ("zh", "与2018年相比，网店数量增长了两倍。", REF, []),
]


@pytest.mark.parametrize("lang,text,ref,expected", MORE_EVENTS)
def test_events_more_cases(lang, text, ref, expected):
    assert _events(text, ref) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # a year opening a paragraph frames the year-less dates after it
    ("zh", "2019年，他回乡创业。3月，他注册了电商公司。", [("2019年", "2019"), ("3月", "2019-03")]),
    ("en", "In 2015, the county opened its first e-commerce center. In July, it was named a pilot county.",
     [("2015", "2015"), ("July", "2015-07")]),
    ("es", "En 2015, el distrito abrió su primer centro. En julio, fue designado condado piloto.",
     [("2015", "2015"), ("julio", "2015-07")]),
    # a year inside the paragraph does not
    ("zh", "他说，2019年回乡创业。5月28日，新园区开园。", [("2019年", "2019"), ("5月28日", "2024-05-28")]),
])
def test_events_paragraph_opening_year(lang, text, expected):
    assert _events(text) == expected


@pytest.mark.parametrize("lang", ["zh", "en", "es"])
def test_events_resources_well_formed(lang):
    from pipeline.extractors.events.rules import LABELS, rules
    from pipeline.resources import load
    data = load(lang, "events")
    assert set(data["cues"]) <= set(LABELS) and "publication" not in data["cues"]
    assert all(isinstance(w, str) and w for ws in data["cues"].values() for w in ws)
    r = rules(lang)
    assert r.figure.search("5.32") and not r.cue.search("")


# ----------------------------------------------------------------------------- second pass (issue 5)

def _labelled(text, ref):
    return [(m.text, m.date, m.label) for m in extract(_doc(text, ref))]


# parts of a year and festivals as event dates (reference 2025-03-10)
PART_AND_FESTIVAL_EVENTS = [
    ("zh", "去年底，阿克苏市电商产业园二期建成投用。", [("去年底", "2024-12")]),
    ("zh", "年初，县商务局出台了电商扶持办法。", [("年初", "2025-01")]),
    ("zh", "2023年末，合作社正式挂牌成立。", [("2023年末", "2023-12")]),
    ("zh", "今年春节前后，园区举办了年货节。", [("今年春节前后", "2025-01/2025-02")]),
    ("zh", "去年国庆期间，新景区正式开园。", [("去年国庆期间", "2024-10")]),
    ("zh", "去年双十一，他的网店首次参加大促并上线了新品。", [("去年双十一", "2024-11-11")]),
    ("zh", "元旦当天，冷链物流中心启用。", [("元旦", "2025-01-01")]),
    ("zh", "每年春节，游子返乡。", []),
    ("en", "The logistics park opened at the end of last year.", [("the end of last year", "2024-12")]),
    ("en", "Early this year, the county launched a livestreaming base.", [("Early this year", "2025-01")]),
    ("en", "She set up her online shop in late 2023.", [("late 2023", "2023-12")]),
    ("en", "During the Spring Festival, the market hosted a food fair.",
     [("During the Spring Festival", "2025-01/2025-02")]),
    ("en", "The platform launched a farm channel on Singles' Day.", [("Singles' Day", "2024-11-11")]),
    ("es", "El parque se inauguró a finales del año pasado.", [("a finales del año pasado", "2024")]),
    ("es", "A principios de este año, la empresa abrió una tienda en línea.",
     [("A principios de este año", "2025-01")]),
    ("es", "La cooperativa se fundó a mediados de 2022.", [("a mediados de 2022", "2022-06")]),
    ("es", "En Navidad, el mercado inauguró un pabellón de frutas.", [("Navidad", "2024-12-25")]),
]


@pytest.mark.parametrize("lang,text,expected", PART_AND_FESTIVAL_EVENTS)
def test_events_year_parts_and_festivals(lang, text, expected):
    assert _events(text, "2025-03-10") == expected


# since / past N years / N years ago: events only with an action in the clause (reference 2023-06-01)
VAGUE_EVENTS = [
    ("en", "Ten years ago, the village had no paved road.", []),
    ("en", "Ten years ago, he founded a cooperative in the village.", [("Ten years ago", "2013")]),
    ("en", "A decade ago, few people here had heard of online shopping.", []),
    ("en", "Since 2020, the county has trained village livestreamers.", [("Since 2020", "2020/2023")]),
    ("en", "Since 2020, life in the village has changed a lot.", []),
    ("en", "In the past five years, the town has become greener.", []),
    ("en", "In the past five years, the town has built a new market.", [("In the past five years", "2018/2023")]),
    ("es", "Hace diez años, el pueblo no tenía carretera.", []),
    ("es", "Hace diez años, fundó una cooperativa con sus vecinos.", [("Hace diez años", "2013")]),
    ("es", "Desde 2021, la ciudad ha cambiado mucho.", []),
    ("es", "Desde 2021, el gobierno implementó un plan de apoyo.", [("Desde 2021", "2021/2023")]),
    ("es", "En los últimos cinco años, la vida del pueblo mejoró.", []),
    ("zh", "十年前，这里还是一片戈壁。", []),
    ("zh", "十年前，他回乡创业。", [("十年前", "2013")]),
    ("zh", "近五年来，电商产业发展迅速。", []),
    ("zh", "近五年来，全县建成了一批电商服务站。", [("近五年来", "2018/2023")]),
    ("zh", "2018年以来，村里的面貌焕然一新。", []),
    ("zh", "2018年以来，县里先后出台了多项扶持政策。", [("2018年以来", "2018/2023")]),
    ("zh", "两年前，她加入了直播团队。", [("两年前", "2021")]),
]


@pytest.mark.parametrize("lang,text,expected", VAGUE_EVENTS)
def test_events_vague_dates_need_an_action(lang, text, expected):
    assert _events(text, "2023-06-01") == expected


# planned events: future dates, resolved forward, labelled by the strongest cue (reference 2024-10-20)
PLANNED_EVENTS = [
    ("zh", "第二届电商大会将于明年3月在喀什举办。", [("明年3月", "2025-03", "conference")]),
    ("zh", "新园区将于3月建成投用。", [("3月", "2025-03", "opening")]),
    ("zh", "展会定于9月15日开幕。", [("9月15日", "2025-09-15", "opening")]),
    ("zh", "博览会计划于明年5月在乌鲁木齐召开。", [("明年5月", "2025-05", "conference")]),
    ("zh", "展会于9月15日开幕。", [("9月15日", "2024-09-15", "opening")]),
    ("en", "The expo is scheduled for next March.", [("next March", "2025-03", "conference")]),
    ("en", "The new airport will open in May.", [("May", "2025-05", "opening")]),
    ("en", "The trade fair will be held in Kashgar in April.", [("April", "2025-04", "conference")]),
    ("en", "The trade fair was held in Kashgar in April.", [("April", "2024-04", "conference")]),
    ("en", "A new forum is planned for next June in Urumqi.", [("next June", "2025-06", "conference")]),
    ("es", "La feria está prevista para septiembre.", [("septiembre", "2025-09", "conference")]),
    ("es", "El nuevo centro logístico abrirá en marzo.", [("marzo", "2025-03", "opening")]),
    ("es", "La cumbre se celebrará en mayo en Pekín.", [("mayo", "2025-05", "conference")]),
    ("es", "La cumbre se celebró en mayo en Pekín.", [("mayo", "2024-05", "conference")]),
]


@pytest.mark.parametrize("lang,text,expected", PLANNED_EVENTS)
def test_events_planned_resolve_forward(lang, text, expected):
    assert _labelled(text, "2024-10-20") == expected


# publication dates in edition lines, timestamps and source lines (ingest types them byline)
PUBLICATION_LINES = [
    ("《 人民日报 》（ 2024年10月22日 第 10 版）\n阿克苏电商产业蓬勃发展\n去年，全市网络零售额增长两成。\n",
     None, [("2024年10月22日", "2024-10-22", "publication")]),
    ("阿克苏电商产业蓬勃发展\n2025-01-08 08:35 来源：新疆日报\n今年，园区将扩建。\n",
     None, [("2025-01-08 08:35", "2025-01-08", "publication"), ("今年", "2025", "other")]),
    ("China sin pobreza\nCGTN Español | Publicado: 2 de agosto de 2024\nLas ventas crecieron mucho.\n",
     None, [("2 de agosto de 2024", "2024-08-02", "publication")]),
    ("Auge del comercio\nSpanish.xinhuanet.com | 2024-06-12 15:20:31\nEl parque abrió en 2019.\n",
     None, [("2024-06-12 15:20:31", "2024-06-12", "publication"), ("2019", "2019", "opening")]),
    ("Xinjiang fruit goes online\nUpdated: 2023-09-01 10:20\nThe market opened in 2019.\n",
     None, [("2023-09-01 10:20", "2023-09-01", "publication"), ("2019", "2019", "opening")]),
]


@pytest.mark.parametrize("text,ref,expected", PUBLICATION_LINES)
def test_events_publication_lines(text, ref, expected):
    assert _labelled(text, ref) == expected


def test_events_weak_cue_yields_to_a_stronger_one():
    from pipeline.extractors.events.rules import best_cue, rules
    r = rules("zh")
    assert best_cue(r, "将于明年3月在喀什举办").group(0) == "举办"
    assert best_cue(r, "将于明年完成").group(0) == "将于"
    assert best_cue(rules("en"), "will be held in Kashgar").group(0).lower() == "will be held"


@pytest.mark.parametrize("text,expected", [
    # a bare 年底 / 年中 takes the paragraph's explicit year, but not a planned (future) one
    ("2015年4月，该市被确定为示范县；年底，又被商务部确定为综合示范县。", [("2015年4月", "2015-04"), ("年底", "2015-12")]),
    ("2015年4月，该市被确定为示范县。年底，园区开园。", [("2015年4月", "2015-04"), ("年底", "2015-12")]),
    ("据介绍，大会将于明年3月举办。年中将再引进一批企业。", [("明年3月", "2025-03"), ("年中", "2024-06")]),
])
def test_events_bare_year_part_context(text, expected):
    assert _events(text) == expected


def test_events_description_drops_the_dateline():
    text = "Title here\n\nKASHGAR, Dec. 3 (Xinhua) -- A base that opened at the end of last year now hosts firms.\n"
    got = [(m.text, m.description) for m in extract(_doc(text, "2024-12-03"))]
    assert got == [("Dec. 3", "publication"), ("the end of last year", "A base that opened now hosts firms")]


@pytest.mark.parametrize("lang,text,ref,expected", [
    # two expressions of one date side by side are one event spanning both
    ("en", "Many shoppers stocked up ahead of Singles' Day on Nov. 11.", "2023-11-20",
     [("ahead of Singles' Day on Nov. 11", "2023-11-11")]),
    ("es", "El 11 de noviembre, día de los Solteros, las ventas se dispararon.", "2023-11-20",
     [("11 de noviembre, día de los Solteros", "2023-11-11")]),
    ("zh", "11月11日（双十一），平台订单突破百万单并上线新频道。", "2023-11-20", [("11月11日（双十一", "2023-11-11")]),
    # a vague date's action must be in its own clause, not in a later one
    ("en", "\"Ten years ago, nobody here sold online,\" said Ali, who opened a shop in 2015.", "2023-06-01",
     [("2015", "2015")]),
    ("es", "Hace diez años, nadie vendía por internet, dijo Ali, que abrió una tienda en 2015.", "2023-06-01",
     [("2015", "2015")]),
    ("en", "Since last year, the county has built 30 cold-storage facilities.", "2023-06-01",
     [("Since last year", "2022/2023")]),
])
def test_events_appositions_and_vague_clauses(lang, text, ref, expected):
    assert _events(text, ref) == expected


@pytest.mark.parametrize("text,expected", [
    ("Xinjiang fruit\nFecha de publicación: 20/11/2023\nLas ventas crecieron.\n", [("20/11/2023", "publication")]),
    ("Xinjiang fruit\nPublished on: 2023-11-20\nSales grew.\n", [("2023-11-20", "publication")]),
])
def test_events_publication_words(text, expected):
    assert [(m.text, m.label) for m in extract(_doc(text, None))] == expected


PUBLICATION_MORE = [
    ("标题在此\n发布时间：2024-06-12 10:20\n去年，园区开园。\n", [("2024-06-12 10:20", "publication"), ("去年", "opening")]),
    ("标题在此\n2024年06月12日 15:20  来源：新华网\n正文内容很多。\n", [("2024年06月12日", "publication")]),
    ("标题在此\n来源：人民网 2024年6月12日\n正文内容很多。\n", [("2024年6月12日", "publication")]),
    ("Title here\nBy Li Ming | chinadaily.com.cn | Updated: 2024-06-12 15:20\nThe park opened in 2019.\n",
     [("2024-06-12 15:20", "publication"), ("2019", "opening")]),
    ("Title here\nPublished: June 12, 2024\nThe park opened in 2019.\n",
     [("June 12, 2024", "publication"), ("2019", "opening")]),
    ("Título aquí\nActualizado 12/06/2024 15:20\nEl parque abrió en 2019.\n",
     [("12/06/2024 15:20", "publication"), ("2019", "opening")]),
    ("Título\nPEKÍN, 12 de junio de 2024 (Xinhua) -- El parque abrió en 2019.\n",
     [("12 de junio de 2024", "publication"), ("2019", "opening")]),
    ("Title\nURUMQI, Nov. 11 (Xinhua) -- The fair opened in Urumqi.\n", [("Nov. 11", "publication")]),
    ("Título\nURUMQI, 3 sept (Xinhua) -- La feria abrió en Urumqi.\n", [("3 sept", "publication")]),
]


@pytest.mark.parametrize("text,expected", PUBLICATION_MORE)
def test_events_publication_more_forms(text, expected):
    assert [(m.text, m.label) for m in extract(_doc(text, "2024-11-20"))] == expected


@pytest.mark.parametrize("lang,text,dates", [
    ("en", "Double 11 is our busiest season.", []),
    ("en", "The county prepared for the Double 11 shopping festival.", []),
    ("en", "During Double 11, the county held a livestreaming contest.", ["2023-11-11"]),
    ("zh", "双十一购物节是一年中最忙的时候。", []),
    ("zh", "今年双十一期间,该县举办了直播大赛。", ["2023-11-11"]),
    ("es", "El festival de compras Doble 11 es la temporada más activa.", []),
])
def test_events_festival_named_is_not_a_date(lang, text, dates):
    doc = ingest_text(text, reference_date="2023-11-08")
    assert [m.date for m in extract(doc)] == dates


# ----------------------------------------------------------------------------- third pass (issue 5)
WED = "2023-05-17"   # a Wednesday

PUBLICATION_3 = [
    ("Title\nUpdated 14:32, 18-Apr-2023\n\nThe company opened a warehouse in Kashgar.\n",
     "2023-04-18", [("18-Apr-2023", "publication")]),
    ("Title\nPosted 3-Jan-2022\n\nThe firm expanded.\n", "2022-01-03", [("3-Jan-2022", "publication")]),
    ("Kasgar (China), 23 oct (EFE).- Una cooperativa de Kasgar vende granadas por internet.\n",
     "2023-10-23", [("23 oct", "publication")]),
    ("LA PAZ (Bolivia), 17 may (EFE).- El gobierno firmó un acuerdo comercial.\n",
     WED, [("17 may", "publication")]),
    ("KUNMING, 15 may (Xinhua) -- La provincia de Yunnan abrió un nuevo centro logístico.\n",
     WED, [("15 may", "publication")]),
    ("Nairobi, May 17 (Reuters) - Kenya launched a trade platform.\n", WED, [("May 17", "publication")]),
    ("PARIS, May 17 (AFP) - France signed a deal with Kazakhstan.\n", WED, [("May 17", "publication")]),
    ("MADRID, 5 de mayo (EFE).- España firmó un acuerdo.\n", WED, [("5 de mayo", "publication")]),
    ("URUMQI, 16 may (Xinhua) -- El primer tren de carga partió el lunes hacia Almaty.\n", WED,
     [("16 may", "publication"), ("el lunes", "other")]),
]


@pytest.mark.parametrize("text,ref,expected", PUBLICATION_3)
def test_events_datelines_and_publication_lines(text, ref, expected):
    assert [(m.text, m.label) for m in extract(_doc(text, ref))] == expected


WEEK_EVENTS_3 = [
    # en: news verbs and weekdays
    ("en", "The minister said Monday that exports rose 5 percent.", [("Monday", "2023-05-15")]),
    ("en", "Sales rose 20 percent, the company said Monday.", [("Monday", "2023-05-15")]),
    ("en", "The first freight train set off from Kashgar on Tuesday.", [("on Tuesday", "2023-05-16")]),
    ("en", "The cargo was shipped last week to Almaty.", [("last week", "2023-05-08/2023-05-14")]),
    ("en", "The courier delivered 3,000 parcels last Friday.", [("last Friday", "2023-05-12")]),
    ("en", "The expo opens this week in Urumqi.", [("this week", "2023-05-15/2023-05-21")]),
    ("en", "Zhang told reporters on Thursday that 200 stores joined.", [("on Thursday", "2023-05-11")]),
    ("en", "The county hosted a livestream festival last week.", [("last week", "2023-05-08/2023-05-14")]),
    ("en", "The two sides signed an agreement on Monday.", [("on Monday", "2023-05-15")]),
    ("en", "The new port will open on Friday.", [("on Friday", "2023-05-19")]),
    ("en", "The store opened on April 12, 2023.", [("April 12, 2023", "2023-04-12")]),
    ("en", "The platform launched in April 2023 with 40 sellers.", [("April 2023", "2023-04")]),
    ("en", "The convoy departed in March with 12 trucks.", [("March", "2023-03")]),
    ("en", "Since 2020, the cooperative has sold its dates online.", [("Since 2020", "2020/2023")]),
    ("en", "Since 2020, sales have risen 30 percent.", []),
    ("en", "In 2022, sales reached 5 million yuan.", []),
    # es
    ("es", "El ministro dijo el lunes que las exportaciones crecieron un 5 %.", [("el lunes", "2023-05-15")]),
    ("es", "La empresa firmó el acuerdo la semana pasada.", [("la semana pasada", "2023-05-08/2023-05-14")]),
    ("es", "La feria se celebra esta semana en Kasgar.", [("esta semana", "2023-05-15/2023-05-21")]),
    ("es", "El primer tren partió el jueves pasado hacia Almaty.", [("el jueves pasado", "2023-05-11")]),
    ("es", "La cooperativa envió 20 toneladas de granadas el martes.", [("el martes", "2023-05-16")]),
    ("es", "La tienda abrirá el viernes en Urumqi.", [("el viernes", "2023-05-19")]),
    ("es", "Desde 2019, la cooperativa vende en línea sus productos.", [("Desde 2019", "2019/2023")]),
    ("es", "Los agricultores venden sus dátiles desde 2020 a través de Douyin.", [("desde 2020", "2020/2023")]),
    ("es", "Desde 2019, las ventas crecieron un 30 %.", []),
    ("es", "La empresa prevé abrir una tienda a finales de 2025.", [("a finales de 2025", "2025")]),
    ("es", "El gobierno quiere exportar 500 toneladas para finales de 2025.", [("finales de 2025", "2025")]),
    ("es", "La planta estará terminada a fin de año.", [("a fin de año", "2023")]),
    ("es", "A fin de año, el centro logístico entrará en funcionamiento.", [("A fin de año", "2023")]),
    ("es", "En 2022, las ventas alcanzaron 5 millones de yuanes.", []),
    # zh (Traditional script arrives folded to Simplified)
    ("zh", "上周，当地开通了首条货运专线。", [("上周", "2023-05-08/2023-05-14")]),
    ("zh", "本周，喀什举办了电商节。", [("本周", "2023-05-15/2023-05-21")]),
    ("zh", "下周，首趟中欧班列将从喀什开行。", [("下周", "2023-05-22/2023-05-28")]),
    ("zh", "公司周二宣布开通新航线。", [("周二", "2023-05-16")]),
    ("zh", "今年开通了3条冷链专线。", [("今年", "2023")]),
    ("zh", "该公司去年成立，主要销售红枣。", [("去年", "2022")]),
    ("zh", "今年内将建成5个直播基地。", [("今年内", "2023")]),
    ("zh", "去年，村里建起了直播基地，带动200户增收。", [("去年", "2022")]),
    ("zh", "今年3月，合作社办起了网店，销售额达50万元。", [("今年3月", "2023-03")]),
    ("zh", "去年，该项目落地阿克苏，总投资3亿元。", [("去年", "2022")]),
    ("zh", "今年，首批500吨红枣发运至上海。", [("今年", "2023")]),
    ("zh", "去年，阿克苏开设了10家直营店。", [("去年", "2022")]),
    ("zh", "去年，他开了一家网店，年销售额超过100万元。", [("去年", "2022")]),
    ("zh", "今年4月，两地签约5个项目。", [("今年4月", "2023-04")]),
    ("zh", "阿克蘇市今年開通了3條冷鏈專線。", [("今年", "2023")]),
    ("zh", "去年，公司獲批成為示範企業。", [("去年", "2022")]),
    ("zh", "去年，网络零售额达到185亿元。", []),
]


@pytest.mark.parametrize("lang,text,expected", WEEK_EVENTS_3)
def test_events_weekdays_weeks_and_news_verbs(lang, text, expected):
    assert _events(text, WED) == expected


@pytest.mark.parametrize("text,label", [
    ("The minister said Monday that exports rose 5 percent.", "announcement"),
    ("El ministro dijo el lunes que las exportaciones crecieron.", "announcement"),
    ("The new line went live last week.", "opening"),
    ("上周，当地开通了首条货运专线。", "opening"),
    ("去年，村里建起了直播基地。", "founding"),
])
def test_events_news_verb_labels(text, label):
    assert [m.label for m in extract(_doc(text, WED))] == [label]


PLANS_AND_DAY_PARTS_3 = [
    ("es", "El gobierno anunció que a fin de año estarán operativas 50 nuevas estaciones.",
     [("a fin de año", "2023")]),
    ("es", "A finales de 2025, la planta tendrá 300 empleados.", [("A finales de 2025", "2025")]),
    ("es", "Para finales de 2024, la red contará con 80 almacenes.", [("finales de 2024", "2024")]),
    ("es", "La próxima semana se abrirán 12 tiendas nuevas.", [("La próxima semana", "2023-05-22/2023-05-28")]),
    ("es", "Los camiones saldrán esta misma tarde hacia Shanghái.", [("esta misma tarde", "2023-05-17")]),
    ("es", "Anoche llegó a Kasgar el primer tren de carga.", [("Anoche", "2023-05-16")]),
    ("es", "En 2022, la cooperativa tenía 300 socios.", []),
    ("en", "The plant opened this morning with 200 workers.", [("this morning", "2023-05-17")]),
    ("en", "Last night, the first freight train arrived in Kashgar.", [("Last night", "2023-05-16")]),
    ("en", "The train departed two weeks ago with 50 containers.", [("two weeks ago", "2023-05-01/2023-05-07")]),
    ("zh", "今晨，首趟班列从喀什开行。", [("今晨", "2023-05-17")]),
    ("zh", "两周前，平台上线了50款新品。", [("两周前", "2023-05-01/2023-05-07")]),
    ("zh", "本月底，新园区将建成投运。", [("本月底", "2023-05")]),
    ("zh", "前不久，阿克苏开设了首家直播基地。", [("前不久", "2023-05")]),
]


@pytest.mark.parametrize("lang,text,expected", PLANS_AND_DAY_PARTS_3)
def test_events_plans_and_parts_of_day(lang, text, expected):
    assert _events(text, WED) == expected


@pytest.mark.parametrize("text,label", [
    ("La feria abrirá sus puertas el viernes.", "opening"),
    ("A finales de 2025, la planta tendrá 300 empleados.", "policy"),
    ("El centro será inaugurado el próximo lunes.", "opening"),
    ("El próximo lunes, la empresa tendrá 40 tiendas.", "policy"),
])
def test_events_spanish_future_tense_is_a_plan(text, label):
    assert [m.label for m in extract(_doc(text, WED))] == [label]


# ----------------------------------------------------------------------------- issue 5: fronted vague
# dates, 今年以来 / 今年 with an action and a figure, year-less month-days

FOURTH_PASS_EVENTS = [
    # a fronted "ago" date governs the whole main clause after its comma (en/es)
    ("en", "Five years ago, the village had no road, but it opened a logistics station.", REF,
     [("Five years ago", "2019")]),
    ("en", "Three years ago, the cooperative started selling dried fruit online.", REF, [("Three years ago", "2021")]),
    ("en", "But ten years ago, the cooperative opened its first shop in the county seat.", REF,
     [("ten years ago", "2014")]),
    ("en", "Eight years ago, the town was poor and remote, and it launched a tourism program.", REF,
     [("Eight years ago", "2016")]),
    ("es", "Hace tres años, la cooperativa empezó a vender en línea.", REF, [("Hace tres años", "2021")]),
    ("es", "Hace diez años, el pueblo no tenía carretera, pero construyó un mercado.", REF,
     [("Hace diez años", "2014")]),
    ("es", "Hace cinco años, la aldea era pobre, pero inauguró una escuela de comercio electrónico.", REF,
     [("Hace cinco años", "2019")]),
    ("zh", "三年前，合作社开始在网上销售红枣。", REF, [("三年前", "2021")]),
    ("zh", "五年前，村里建起了第一座冷库。", REF, [("五年前", "2019")]),
    # a later date of the sentence carries the action: the fronted vague date is not the event
    ("en", "Ten years ago, the town was poor, but it built a new market in 2020.", REF, [("2020", "2020")]),
    # 今年以来 / 今年 + an action: an event even with a figure in the clause
    ("zh", "今年以来，该站已组织直播带货活动30场。", REF, [("今年以来", "2024-01/2024-06")]),
    ("zh", "今年以来，全县新建冷库5座，带动200户农民增收。", REF, [("今年以来", "2024-01/2024-06")]),
    ("zh", "今年以来，合作社累计组织培训12期。", REF, [("今年以来", "2024-01/2024-06")]),
    ("zh", "去年以来，村里修建了两条产业路。", REF, [("去年以来", "2023/2024")]),
    ("zh", "今年，村里建起了冷库。", REF, [("今年", "2024")]),
    ("zh", "今年，合作社搭建了直播间。", REF, [("今年", "2024")]),
    ("zh", "今年，村里建起了冷库，储存能力达到500吨。", REF, [("今年", "2024")]),
    ("en", "Since January, the station has organized 30 livestreaming sessions.", REF, [("January", "2024-01")]),
    ("es", "En lo que va de año, la estación ha organizado 30 transmisiones en directo.", REF,
     [("En lo que va de año", "2024-01/2024-06")]),
    ("es", "Este año, el ayuntamiento ha celebrado 12 ferias de productos locales.", REF, [("Este año", "2024")]),
    # year-less month-days take the document's year
    ("zh", "11月18日，县里举办了首届电商直播大赛。", "2023-12-05", [("11月18日", "2023-11-18")]),
    ("zh", "电商产业园于11月18日举办首届直播节，吸引200多家商户参加。", "2023-12-05", [("11月18日", "2023-11-18")]),
    ("zh", "11月18日至20日，县里举办了电商大赛。", "2023-12-05", [("11月18日至20日", "2023-11-18/2023-11-20")]),
    ("zh", "11月18日，县委书记一行到产业园调研。", "2023-12-05", [("11月18日", "2023-11-18")]),
    ("zh", "记者11月18日在县电商中心看到，几十名主播正在直播。", "2023-12-05", [("11月18日", "2023-11-18")]),
]


@pytest.mark.parametrize("lang,text,ref,expected", FOURTH_PASS_EVENTS)
def test_events_fronted_vague_ytd_and_monthday(lang, text, ref, expected):
    assert _events(text, ref) == expected


FOURTH_PASS_NOT_EVENTS = [
    ("en", "Five years ago, the village had no road."),
    ("en", "Since January, online sales have reached 3 million yuan."),
    ("es", "Hace diez años, el pueblo era pobre."),
    ("es", "Desde enero, las ventas en línea han alcanzado 3 millones de yuanes."),
    ("es", "Hace cinco años, la aldea era pobre, y hoy tiene 300 tiendas en línea."),
    ("zh", "今年以来，全县电商交易额达到3亿元。"),
    ("zh", "今年，合作社的销售额增长了20%。"),
    ("zh", "五年前，村里还没有一条像样的路。"),
]


@pytest.mark.parametrize("lang,text", FOURTH_PASS_NOT_EVENTS)
def test_events_fronted_vague_without_action_not_events(lang, text):
    assert _events(text) == []


# ----------------------------------------------------------------------------- issue 11

def _list_like(n: int) -> str:
    """Short lines with figures and dates and no sentence punctuation: one long sentence."""
    return "\n".join(f"{2000 + i % 24}年{1 + i % 12}月{1 + i % 28}日 产量{i}吨，增长{i % 50}%" for i in range(n))


def test_issue_11_events_work_is_bounded_on_a_list_like_file(monkeypatch):
    """Resolving a date looks only at its neighbours: the date spans handed to the masking grow
    with the file, not with the file times its dates (it was quadratic: every date of the
    sentence was handed over for every other)."""
    import pipeline.extractors.events as events
    masked = []
    real = events._masked

    def counting(text, spans):
        spans = list(spans)
        masked.append(len(spans))
        return real(text, spans)
    monkeypatch.setattr(events, "_masked", counting)
    work = {}
    for n in (200, 800):
        masked.clear()
        doc = ingest_text(_list_like(n), "list", reference_date="2024-06-15")
        list(extract(doc))
        work[n] = sum(masked) / len(doc.text)
    assert work[800] < 3 * work[200] + 1        # per character, not per character x date


def test_issue_11_headline_year_in_a_byline_line_is_not_the_publication():
    doc = ingest_text("Xinjiang's foreign trade up 23.68 pct in 2023 | Xinhua | 2024-01-17\n\n"
                      "URUMQI, Jan. 17 (Xinhua) -- The foreign trade of Xinjiang reached 357.32 billion yuan last year.\n",
                      "h", reference_date="2024-01-17")
    pubs = [(m.text, m.date) for m in extract(doc) if m.label == "publication"]
    assert ("2023", "2023") not in pubs and ("2024-01-17", "2024-01-17") in pubs
