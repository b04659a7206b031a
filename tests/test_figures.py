"""Tests for pipeline.extractors.figures: find, resolve, numeral parsing and the extractor."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extractors.figures import extract, figures_in, find, resolve
from pipeline.extractors.figures.lexicon import lexicon
from pipeline.extractors.figures.numbers import parse_digits, parse_words, parse_zh
from pipeline.ingest import ingest_text


def _figs(lang, text):
    return [(text[c.start:c.end], r.value, r.value_max, r.unit, r.qualifier, r.label)
            for c, r in figures_in(text, lang)]


# ----------------------------------------------------------------------------- numerals
@pytest.mark.parametrize("text,expected", [
    ("723.3亿", 72330000000.0),
    ("5.32万", 53200.0),
    ("二十万亿", 2e13),
    ("一万五千亿", 1.5e12),
    ("1,100万", 11000000.0),
    ("3万4000", 34000.0),
    ("二百余万", 2000000.0),
    ("十二", 12.0),
    ("两万", 20000.0),
    ("三千", 3000.0),
    ("一百零五", 105.0),
    ("三亿五千万", 350000000.0),
    ("1.2万亿", 1.2e12),
    ("千万", 1e7),
    ("十二点五", 12.5),
    ("４５６", 456.0),
    ("几十", 10.0),
    ("数百万", 1e6),
])
def test_figures_parse_zh_values(text, expected):
    p = parse_zh(text, lexicon("zh"))
    assert p is not None and p.value == pytest.approx(expected)


@pytest.mark.parametrize("text", ["十百千", "二〇二三", "五一", "一二三四", "万万"])
def test_figures_parse_zh_rejects_non_numerals(text):
    assert parse_zh(text, lexicon("zh")) is None


@pytest.mark.parametrize("text,lo,hi", [("五六", 5, 6), ("十五六", 15, 16), ("两三万", 20000, 30000),
                                        ("三四十", 30, 40)])
def test_figures_parse_zh_digit_pair_ranges(text, lo, hi):
    p = parse_zh(text, lexicon("zh"))
    assert (p.value, p.value_max) == (lo, hi)


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "1,000", 1000.0), ("en", "72.33", 72.33), ("en", "1000000", 1e6),
    ("es", "1.000", 1000.0), ("es", "1 000", 1000.0), ("es", "6,49", 6.49), ("es", "1.250,5", 1250.5),
    ("es", "2,5", 2.5),
])
def test_figures_parse_digits_separators(lang, text, expected):
    assert parse_digits(text, lexicon(lang)) == pytest.approx(expected)


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "twenty-five", 25), ("en", "three hundred and twelve", 312), ("en", "a dozen", 12),
    ("en", "two thousand", 2000), ("en", "four", 4), ("en", "one million", 1e6),
    ("es", "doscientos", 200), ("es", "treinta y dos", 32), ("es", "mil millones", 1e9),
    ("es", "tres mil", 3000), ("es", "ciento veinte", 120), ("es", "veinticinco", 25),
])
def test_figures_parse_words(lang, text, expected):
    assert parse_words(text, lexicon(lang)) == pytest.approx(expected)


# ----------------------------------------------------------------------------- find + resolve
ZH_CASES = [
    ("zh", "全年实现营业收入12.5亿元,同比增长8.3%。", [("12.5亿元", 1.25e9, None, "CNY", ""), ("8.3%", 8.3, None, "%", "")]),
    ("zh", "该市常住人口约为两万人。", [("两万人", 20000, None, "people", "approx")]),
    ("zh", "项目总投资二十万亿元。", [("二十万亿元", 2e13, None, "CNY", "")]),
    ("zh", "计划投入一万五千亿元用于基础设施。", [("一万五千亿元", 1.5e12, None, "CNY", "")]),
    ("zh", "去年公司营收为1,100万元。", [("1,100万元", 1.1e7, None, "CNY", "")]),
    ("zh", "活动吸引了3万4000名观众。", [("3万4000名观众", 34000, None, "viewers", "")]),
    ("zh", "村里筹集二百余万元修路。", [("二百余万元", 2e6, None, "CNY", "over")]),
    ("zh", "失业率较去年下降了1.5个百分点。", [("1.5个百分点", 1.5, None, "pp", "")]),
    ("zh", "市场份额提高20个百分点。", [("20个百分点", 20, None, "pp", "")]),
    ("zh", "合格率达到百分之九十五。", [("百分之九十五", 95, None, "%", "")]),
    ("zh", "利润增长了3.2倍。", [("3.2倍", 3.2, None, "times", "")]),
    ("zh", "全镇近七成农户种植棉花。", [("七成", 70, None, "%", "nearly")]),
    ("zh", "超过一半的学生选择了线上课程。", [("一半", 50, None, "%", "over")]),
    ("zh", "每期培训5到10万人次。", [("5到10万人次", 50000, 100000, "person-times", "range")]),
    ("zh", "预计需要3-5年完成。", [("3-5年", 3, 5, "year", "range")]),
    ("zh", "现场来了七八名志愿者。", [("七八名志愿者", 7, 8, "volunteers", "range")]),
    ("zh", "全省共有13家上市公司。", [("13家上市公司", 13, None, "companies", "")]),
    ("zh", "合作社带动了600余户农民增收。", [("600余户农民", 600, None, "households", "over")]),
    ("zh", "景区年接待游客120万人次。", [("120万人次", 1.2e6, None, "person-times", "")]),
    ("zh", "这位老人今年86岁。", [("86岁", 86, None, "year", "")]),
    ("zh", "他在深圳打工近5年。", [("5年", 5, None, "year", "nearly")]),
    ("zh", "整个过程持续了72小时。", [("72小时", 72, None, "hour", "")]),
    ("zh", "工程历时两个半月。", [("两个半月", 2.5, None, "month", "")]),
    ("zh", "大约用了一年半时间。", [("一年半", 1.5, None, "year", "")]),
    ("zh", "果园面积达3000亩。", [("3000亩", 3000, None, "mu", "")]),
    ("zh", "新建冷库5000平方米。", [("5000平方米", 5000, None, "square meters", "")]),
    ("zh", "出口额约合5.2亿美元。", [("5.2亿美元", 5.2e8, None, "USD", "approx")]),
    ("zh", "订单量翻了一番。", [("翻了一番", 2, None, "times", "")]),
    ("zh", "年产值突破千万元。", [("千万元", 1e7, None, "CNY", "over")]),
    ("zh", "企业年营收规模已达5000万以上。", [("5000万", 5e7, None, "CNY", "over")]),
    ("zh", "全县有数百万网民。", [("数百万网民", 1e6, None, "internet users", "over")]),
    ("zh", "全村有十几户参加。", [("十几户", 10, None, "households", "over")]),
    ("zh", "逾千名工人参与建设。", [("千名工人", 1000, None, "workers", "over")]),
    ("zh", "该寺庙已有1000多年历史。", [("1000多年", 1000, None, "year", "over")]),
    ("zh", "平台入驻商家超过１２０００家。", [("１２０００家", 12000, None, "merchants", "over")]),
    ("zh", "价格上涨了１５％左右。", [("１５％", 15, None, "%", "approx")]),
    ("zh", "年均增速在3%-5%之间。", [("3%-5%", 3, 5, "%", "range")]),
    ("zh", "她花了近半个月准备。", [("半个月", 0.5, None, "month", "nearly")]),
    ("zh", "全国31个省份都参加了。", [("31个省份", 31, None, "provinces", "")]),
]

ZH_NEGATIVE = [
    ("zh", "2023年5月28日,大会在杭州开幕。"),
    ("zh", "他获得了第三名。"),
    ("zh", "首届电商节吸引了很多人。"),
    ("zh", "一部手机就能开网店。"),
    ("zh", "一夜之间,订单涌来。"),
    ("zh", "5G网络覆盖全村。"),
    ("zh", "这些90后青年返乡创业。"),
    ("zh", "其一是市场潜力,其二是人才潜力。"),
    ("zh", "该县二次申报成功。"),
    ("zh", "千万不要相信谣言。"),
    ("zh", "大家千方百计想办法。"),
    ("zh", "他们三番五次上门服务。"),
    ("zh", "双方在十四五期间加强合作。"),
    ("zh", "活动于下午3点开始。"),
    ("zh", "咨询电话13800138000。"),
    ("zh", "第九届博览会在乌鲁木齐举行。"),
    ("zh", "上半年形势良好。"),
    ("zh", "80年代的人都记得。"),
    ("zh", "共建一带一路。"),
    ("zh", "3D打印技术发展很快。"),
    ("zh", "COVID-19疫情影响了经济。"),
    ("zh", "一批新企业入驻。"),
    ("zh", "建立了一整套机制。"),
]

EN_CASES = [
    ("en", "Exports reached 4.5 billion yuan (about $630 million) last year.",
     [("4.5 billion yuan", 4.5e9, None, "CNY", ""), ("$630 million", 6.3e8, None, "USD", "approx")]),
    ("en", "Profits rose 7.2 percent year on year.", [("7.2 percent", 7.2, None, "%", "")]),
    ("en", "Unemployment fell by 0.4 percentage points.", [("0.4 percentage points", 0.4, None, "pp", "")]),
    ("en", "The town now has more than 3,500 residents.", [("3,500 residents", 3500, None, "residents", "over")]),
    ("en", "Almost 200 farmers joined the cooperative.", [("200 farmers", 200, None, "farmers", "nearly")]),
    ("en", "About 12 percent of households shop online.", [("12 percent", 12, None, "%", "approx")]),
    ("en", "Revenue grew four times in a decade.", [("four times", 4, None, "times", "")]),
    ("en", "Output was three-fold higher.", [("three-fold", 3, None, "times", "")]),
    ("en", "Her sales doubled in 2021.", [("doubled", 2, None, "times", "")]),
    ("en", "Officials expect the figure to double.", [("double", 2, None, "times", "")]),
    ("en", "A 42-year-old farmer opened the shop.", [("42-year-old", 42, None, "year", "")]),
    ("en", "The owner, aged 51, hired staff.", [("51", 51, None, "year", "")]),
    ("en", "The course lasts 16 weeks.", [("16 weeks", 16, None, "week", "")]),
    ("en", "He worked there for three years.", [("three years", 3, None, "year", "")]),
    ("en", "Between 20 and 30 companies applied.", [("20 and 30 companies", 20, 30, "companies", "range")]),
    ("en", "Prices climbed 5-8 percent.", [("5-8 percent", 5, 8, "%", "range")]),
    ("en", "A dozen villages signed up.", [("A dozen villages", 12, None, "villages", "")]),
    ("en", "The fund holds US$2.5 billion.", [("US$2.5 billion", 2.5e9, None, "USD", "")]),
    ("en", "Tickets cost €15 each.", [("€15", 15, None, "EUR", "")]),
    ("en", "The deal is worth 300 million U.S. dollars.", [("300 million U.S. dollars", 3e8, None, "USD", "")]),
    ("en", "Up to 5,000 tons of apples are stored.", [("5,000 tons", 5000, None, "tons", "up_to")]),
    ("en", "The region added 25 new stations.", [("25 new stations", 25, None, "stations", "")]),
    ("en", "Twenty-five teachers volunteered.", [("Twenty-five teachers", 25, None, "teachers", "")]),
    ("en", "It covers 1.2 million hectares.", [("1.2 million hectares", 1.2e6, None, "hectares", "")]),
    ("en", "Sales exceeded 1,000 in March.", [("1,000", 1000, None, "items", "over")]),
    ("en", "Nearly 2,000 people attended.", [("2,000 people", 2000, None, "people", "nearly")]),
]

EN_NEGATIVE = [
    ("en", "URUMQI, May 16 (Xinhua) -- The market opened."),
    ("en", "The company was founded in 2016."),
    ("en", "The COVID-19 outbreak hit sales."),
    ("en", "5G base stations reach every village."),
    ("en", "3D printing is an emerging field."),
    ("en", "With one click, goods ship nationwide."),
    ("en", "A single broadband line changes lives."),
    ("en", "The first is market potential."),
    ("en", "The meeting starts at 10:30 today."),
    ("en", "Source: Xinhua | 2020-05-16 17:05:24 | Editor: Lu"),
    ("en", "He left three years ago."),
    ("en", "She booked a double room."),
    ("en", "Updated: June 2, 2020"),
    ("en", "Users of Windows 10 can upgrade."),
    ("en", "Tracking code 010020070750000000000000011102351390620891"),
    ("en", "She trains three times a week."),
]

ES_CASES = [
    ("es", "El distrito tiene más de 1 millón de habitantes.", [("1 millón de habitantes", 1e6, None, "people", "over")]),
    ("es", "Se crearon 350 empleos nuevos.", [("350 empleos", 350, None, "jobs", "")]),
    ("es", "Las ventas alcanzaron 6,49 millones de euros.", [("6,49 millones de euros", 6.49e6, None, "EUR", "")]),
    ("es", "La inversión fue de mil millones de yuanes.", [("mil millones de yuanes", 1e9, None, "CNY", "")]),
    ("es", "Participaron 1.500 agricultores.", [("1.500 agricultores", 1500, None, "farmers", "")]),
    ("es", "El pueblo recibió 1 000 turistas.", [("1 000 turistas", 1000, None, "tourists", "")]),
    ("es", "El consumo creció un 12,5 por ciento.", [("12,5 por ciento", 12.5, None, "%", "")]),
    ("es", "El paro bajó 2 puntos porcentuales.", [("2 puntos porcentuales", 2, None, "pp", "")]),
    ("es", "Cerca de 300 familias salieron de la pobreza.", [("300 familias", 300, None, "families", "nearly")]),
    ("es", "Alrededor de 40 cooperativas venden en línea.", [("40 cooperativas", 40, None, "cooperatives", "approx")]),
    ("es", "Hay unos 25 centros de servicio.", [("25 centros", 25, None, "centers", "approx")]),
    ("es", "Asidam, una joven de 26 años, transmite en directo.", [("26 años", 26, None, "year", "")]),
    ("es", "Trabajó durante 3 años en Kashgar.", [("3 años", 3, None, "year", "")]),
    ("es", "Los ingresos se duplicaron y luego el triple.", [("duplicaron", 2, None, "times", ""), ("el triple", 3, None, "times", "")]),
    ("es", "Los ingresos se multiplicaron por cuatro veces.", [("cuatro veces", 4, None, "times", "")]),
    ("es", "Entre 3 y 5 empresas participan.", [("3 y 5 empresas", 3, 5, "companies", "range")]),
    ("es", "La cifra llegó a 1 millón y medio de pedidos.", [("1 millón y medio de pedidos", 1.5e6, None, "orders", "")]),
    ("es", "El precio es de 25 euros con 50.", [("25 euros con 50", 25.5, None, "EUR", "")]),
    ("es", "Doscientos trabajadores fueron contratados.", [("Doscientos trabajadores", 200, None, "workers", "")]),
    ("es", "Casi 2.500 aldeanos tienen acceso a Internet.", [("2.500 aldeanos", 2500, None, "villagers", "nearly")]),
    ("es", "Hasta 20 camiones salen cada día.", [("20 camiones", 20, None, "trucks", "up_to")]),
    ("es", "La producción subió un 8% en 2019.", [("8%", 8, None, "%", "")]),
]

ES_NEGATIVE = [
    ("es", "El 16 de mayo de 2020 se inauguró el centro."),
    ("es", "En 2020 la región eliminó la pobreza."),
    ("es", "Después del brote de COVID-19 todo cambió."),
    ("es", "Fue un gran éxito para el distrito."),
    ("es", "Una celebridad cibernética promociona productos."),
    ("es", "Hace 3 años atrás no había Internet."),
]


def _check(lang, text, expected):
    got = _figs(lang, text)
    assert [(g[0], g[1], g[2], g[3], g[4]) for g in got] == [
        (e[0], pytest.approx(e[1]), None if e[2] is None else pytest.approx(e[2]), e[3], e[4]) for e in expected]


@pytest.mark.parametrize("lang,text,expected", ZH_CASES)
def test_figures_zh_cases(lang, text, expected):
    _check(lang, text, expected)


@pytest.mark.parametrize("lang,text,expected", EN_CASES)
def test_figures_en_cases(lang, text, expected):
    _check(lang, text, expected)


@pytest.mark.parametrize("lang,text,expected", ES_CASES)
def test_figures_es_cases(lang, text, expected):
    _check(lang, text, expected)


@pytest.mark.parametrize("lang,text", ZH_NEGATIVE + EN_NEGATIVE + ES_NEGATIVE)
def test_figures_not_figures(lang, text):
    assert _figs(lang, text) == []


@pytest.mark.parametrize("lang,text,label", [
    ("zh", "销售额达300万元。", "money"), ("zh", "增长12%。", "percent"), ("zh", "增长2倍。", "multiple"),
    ("zh", "他今年30岁。", "age"), ("zh", "持续3天。", "duration"), ("zh", "有5个村。", "count"),
    ("en", "up 4 percent", "percent"), ("en", "a 30-year-old man", "age"), ("en", "for 48 hours", "duration"),
    ("es", "75 dólares", "money"), ("es", "durante 2 semanas", "duration"),
])
def test_figures_labels(lang, text, label):
    got = _figs(lang, text)
    assert len(got) == 1 and got[0][5] == label


# ----------------------------------------------------------------------------- find alone / resolve alone
@pytest.mark.parametrize("lang,text,span,qual_before", [
    ("zh", "约合101.7亿美元", "101.7亿美元", "约合"),
    ("zh", "逾300年", "300年", "逾"),
    ("en", "more than 20 countries and regions", "20 countries and regions", "more than"),
    ("es", "más de 200 estaciones", "200 estaciones", "más de"),
])
def test_figures_find_span_excludes_qualifier(lang, text, span, qual_before):
    cands = find(text, lang)
    assert len(cands) == 1
    c = cands[0]
    assert text[c.start:c.end] == span and c.qual_before.casefold() == qual_before


@pytest.mark.parametrize("lang,text,unit", [
    ("zh", "7个乐器专业合作社", "个"), ("zh", "2000余人", "人"), ("en", "72.33 billion yuan", "yuan"),
])
def test_figures_find_names_unit(lang, text, unit):
    (c,) = find(text, lang)
    assert c.unit == unit and text[c.start:c.end] == text


def test_figures_resolve_unparsable_numeral_gives_none():
    from pipeline.extractors.figures.find import Candidate
    assert resolve(Candidate(0, 4, "zh", "zh", "十百千", unit="个")) is None
    assert resolve(Candidate(0, 3, "en", "digits", "4", unit="percent")).value == 4.0


# ----------------------------------------------------------------------------- the extractor on documents
def _doc(text, date="2024-06-15"):
    return ingest_text(text, doc_id="t", lang=None, reference_date=date)


def test_figures_extract_conversion_group_and_qualifier_inheritance():
    doc = _doc("Sales exceeded 20 billion yuan ($3 billion) last year.\n")
    ms = list(extract(doc))
    assert [m.text for m in ms] == ["20 billion yuan", "$3 billion"]
    assert ms[0].group and ms[0].group == ms[1].group
    assert ms[1].qualifier == "over"
    assert ms[0].period == "2023" == ms[1].period


def test_figures_extract_zh_conversion_group():
    doc = _doc("今年出口额达300亿元(约合42亿美元),同比增长5%。\n")
    ms = list(extract(doc))
    assert [m.text for m in ms] == ["300亿元", "42亿美元", "5%"]
    assert ms[0].group == ms[1].group != "" and ms[2].group == ""
    assert ms[1].qualifier == "approx"


@pytest.mark.parametrize("text,periods", [
    ("网络零售额从2014年的4亿元增加到2023年的34.24亿元,增长7.6倍。\n", ["2014", "2023", "2023"]),
    ("2023年景区接待游客75万人次,较2022年增加4倍。\n", ["2023", "2023"]),
    ("今年前5个月,全区实现交易额88.2亿元。\n", ["2024-01/2024-05"]),
    ("Last year, online sales hit 5 billion yuan.\n", ["2023"]),
    ("Sales reached 6 billion yuan in the first quarter, up 25 percent year on year.\n", ["2024-Q1", "2024-Q1"]),
    ("他曾在杭州经营小店3年。\n", [""]),
])
def test_figures_extract_period_from_own_clause(text, periods):
    ms = list(extract(_doc(text)))
    assert [m.period for m in ms] == periods


def test_figures_extract_period_from_timeline_heading():
    text = "发展历程\n\n2017年\n全地区拥有活跃用户50万余人,卖家超过3000家。\n\n2020年\n网商共计13320家。\n"
    ms = list(extract(_doc(text)))
    assert [(m.text, m.period) for m in ms] == [("50万余人", "2017"), ("3000家", "2017"), ("13320家", "2020")]


def test_figures_extract_metric_mentions_growth():
    ms = list(extract(_doc("新疆网上零售额达723.3亿元,同比增长13.62%。\n")))
    assert ms[0].metric.endswith("网上零售额")
    assert "增长" in ms[1].metric
    ms = list(extract(_doc("Online retail sales hit 7 billion yuan, up 13.6 percent year-on-year.\n")))
    assert ms[1].metric.startswith("growth of") and "online retail sales" in ms[1].metric.casefold()


def test_figures_extract_provenance_on_unnormalized_text():
    raw = "全年销售额达１２．５亿元，增长１２％。\r\nSales hit 3 billion yuan.\r\n"
    doc = _doc(raw)
    ms = list(extract(doc))
    assert len(ms) == 3
    for m in ms:
        assert doc.raw[m.start:m.end] == m.text
    assert ms[0].value == pytest.approx(1.25e9) and ms[1].value == pytest.approx(12)


def test_figures_extract_kind_and_labels():
    ms = list(extract(_doc("阿克苏小伙今年24岁,经营网店3年,带动50户农民增收。\n")))
    assert all(m.kind == "figure" for m in ms)
    assert [m.label for m in ms] == ["age", "duration", "count"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["销售额达", "12.5亿元", "，", "约", "3万余人", "Sales hit ", "5 billion yuan",
                                 " (about $700 million)", "\n", "增长１２％", "más de 200 estaciones", "。",
                                 "2023年", "近六成", " ", "\u3000", "one click"]), max_size=12))
def test_figures_provenance_holds_for_any_text(parts):
    raw = "".join(parts)
    doc = _doc(raw)
    for m in extract(doc):
        assert doc.raw[m.start:m.end] == m.text
        assert m.value is not None


# ----------------------------------------------------------------------------- regressions from trial articles
@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The hotel has 300 rooms and charges $150 a night.",
     [("300 rooms", 300, None, "rooms", ""), ("$150", 150, None, "USD", "")]),
    ("en", "The county will invest between 500 million and 800 million yuan.",
     [("500 million and 800 million yuan", 5e8, 8e8, "CNY", "range")]),
    ("en", "Li Wei, 45, heads the village.", [("45", 45, None, "year", "")]),
    ("en", "It trained 10,000 people over eight years.", [("10,000 people", 10000, None, "people", ""),
                                                       ("eight years", 8, None, "year", "")]),
    ("en", "Nearly half of them are under 35.", [("half", 50, None, "%", "nearly")]),   # shares: half of -> 50 %
    ("en", "It built 10 cold-chain logistics centers.", [("10 cold-chain logistics centers", 10, None, "centers", "")]),
    ("es", "El pueblo, que tiene 2.400 hogares, vende en línea.", [("2.400 hogares", 2400, None, "households", "")]),
    ("es", "Li Wei, de 45 años, es el jefe de la aldea.", [("45 años", 45, None, "year", "")]),
    ("es", "Las exportaciones aumentaron un 30 % hasta 8.900 millones de dólares.",
     [("30 %", 30, None, "%", ""), ("8.900 millones de dólares", 8.9e9, None, "USD", "")]),
    ("es", "Es un hotel de cinco estrellas.", []),
    ("es", "Dos de cada tres familias usan el pago móvil.", [("Dos de cada tres", 66.667, None, "%", "")]),
    ("es", "Cerca del 60 % de los habitantes vive en zonas rurales.", [("60 %", 60, None, "%", "nearly")]),
    ("zh", "全国网民规模达10.79亿,普及率达76.4%。", [("10.79亿", 1.079e9, None, "internet users", ""),
                                            ("76.4%", 76.4, None, "%", "")]),
    ("zh", "1-5月,全市快递业务量完成1.23亿件。", [("1.23亿件", 1.23e8, None, "items", "")]),
    ("zh", "三大产业增加值分别增长4.5%、6.2%和7.1%。", [("4.5%", 4.5, None, "%", ""), ("6.2%", 6.2, None, "%", ""),
                                                ("7.1%", 7.1, None, "%", "")]),
    ("zh", "5A级景区17家,万家灯火,千年古城。", [("17家", 17, None, "scenic spots", "")]),
    ("zh", "五家渠市的七台河路上有两年前开的店。", []),
    ("zh", "咨询电话:0991-12345678,邮编830000。", []),
    ("zh", "二〇二四年,该县排名全省第2位。", []),
    ("zh", "他家种了30亩红枣,一晚上能卖出两三千单。", [("30亩", 30, None, "mu", ""), ("两三千单", 2000, 3000, "orders", "range")]),
    ("zh", "投资5亿至8亿元建设10个冷链物流中心。", [("5亿至8亿元", 5e8, 8e8, "CNY", "range"),
                                          ("10个冷链物流中心", 10, None, "centers", "")]),
])
def test_figures_trial_article_regressions(lang, text, expected):
    _check(lang, text, expected)


def test_figures_extract_dateline_is_not_the_period():
    text = ("URUMQI, June 10 (Xinhua) -- Online sales reached 31.26 billion yuan in the first four months "
            "of 2024, up 15.2 percent year on year.\n")
    ms = list(extract(_doc(text, "2024-06-10")))
    assert [m.period for m in ms] == ["2024-01/2024-04", "2024-01/2024-04"]


def test_figures_extract_period_carries_within_paragraph():
    text = "Last year, sales hit 7 billion yuan. Rural sales grew by 18 percent.\n"
    ms = list(extract(_doc(text, "2025-09-28")))
    assert [m.period for m in ms] == ["2024", "2024"]


def test_figures_extract_baseline_year_is_not_the_period():
    ms = list(extract(_doc("2023年库车王府接待游客60万人次,较2022年增加3倍。\n")))
    assert [(m.text, m.period) for m in ms] == [("60万人次", "2023"), ("3倍", "2023")]


@pytest.mark.parametrize("lang,text,expected", [
    ("es", "Medio millón de personas vieron el directo.", [("Medio millón de personas", 5e5, None, "people", "")]),
    ("en", "Half a million people watched.", [("Half a million people", 5e5, None, "people", "")]),
    ("en", "Half a dozen shops opened.", []),
    ("es", "Un millón de personas vieron el directo.", [("Un millón de personas", 1e6, None, "people", "")]),
    ("en", "A million people watched.", [("A million people", 1e6, None, "people", "")]),
    ("es", "Mil personas asistieron.", [("Mil personas", 1000, None, "people", "")]),
    ("en", "Four in 10 residents shop online.", [("Four in 10", 40, None, "%", "")]),
    ("zh", "他数十年如一日坚守岗位,十年磨一剑。", []),
    ("zh", "亿万农民受益,上万家庭增收。", [("万家庭", 10000, None, "families", "over")]),
    ("zh", "(单位:万元)", []),
    ("zh", "人均收入万元以上。", [("万元", 10000, None, "CNY", "over")]),
])
def test_figures_vague_and_scale_only_forms(lang, text, expected):
    _check(lang, text, expected)


def test_figures_long_sentence_without_punctuation_is_handled():
    text = "销售额12亿元 增长5% " * 3000
    got = figures_in(text, "zh")
    assert len(got) == 6000 and got[-1][1].value == 5.0


def test_figures_spans_index_overlap():
    from pipeline.extractors.figures.find import _Spans
    sp = _Spans([(10, 20), (30, 40)])
    assert sp.overlaps(15, 16) and sp.overlaps(5, 11) and sp.overlaps(39, 50)
    assert not sp.overlaps(20, 30) and not sp.overlaps(0, 10) and not sp.overlaps(40, 41)


# ----------------------------------------------------------------------------- second pass: unseen-article categories
# durations with 一/a/un, goods classifiers, modifier chains, ranges with a bare first number, fractions and
# halves (not quarters of a year), N times as a count of occurrences vs a multiple (comparative cue)
ZH_SECOND_PASS = [
    ("zh", "他只用了一个月就把网店开了起来。", [('一个月', 1, None, 'month', '', 'duration')]),
    ("zh", "这家合作社已经经营了一年。", [('一年', 1, None, 'year', '', 'duration')]),
    ("zh", "一个月内,订单量翻了一番。", [('一个月', 1, None, 'month', '', 'duration'), ('翻了一番', 2.0, None, 'times', '', 'multiple')]),
    ("zh", "花了半年时间,她学会了剪辑视频。", [('半年', 0.5, None, 'year', '', 'duration')]),
    ("zh", "一年时间,村里新建了12个冷库。", [('一年', 1, None, 'year', '', 'duration'), ('12个冷库', 12.0, None, 'cold stores', '', 'count')]),
    ("zh", "新品上线后只用了一天就售罄。", [('一天', 1, None, 'day', '', 'duration')]),
    ("zh", "培训为期一周,共有80名学员参加。", [('一周', 1, None, 'week', '', 'duration'), ('80名学员', 80.0, None, 'trainees', '', 'count')]),
    ("zh", "整整一年,他没有回过家。", [('一年', 1, None, 'year', '', 'duration')]),
    ("zh", "不到一个月,粉丝就突破了10万。", [('一个月', 1, None, 'month', 'under', 'duration'), ('10万', 100000.0, None, 'items', '', 'count')]),
    ("zh", "历时一年多,项目终于完工。", [('一年多', 1, None, 'year', 'over', 'duration')]),
    ("zh", "短短一天,直播间卖出3000单。", [('一天', 1, None, 'day', '', 'duration'), ('3000单', 3000.0, None, 'orders', '', 'count')]),
    ("zh", "近一个月来,价格持续上涨。", [('一个月', 1, None, 'month', 'nearly', 'duration')]),
    ("zh", "他坚持了一年,终于盈利。", [('一年', 1, None, 'year', '', 'duration')]),
    ("zh", "一部手机就能卖遍全国。", []),
    ("zh", "一夜之间,他成了网红。", []),
    ("zh", "一年一度的丰收节又到了。", []),
    ("zh", "一天天过去,果子熟了。", []),
    ("zh", "每一天都有新订单。", []),
    ("zh", "他一年卖出200多单。", [('200多单', 200.0, None, 'orders', 'over', 'count')]),
    ("zh", "去年卖出两千多盒红枣。", [('两千多盒', 2000.0, None, 'boxes', 'over', 'count')]),
    ("zh", "合作社发出500箱苹果和300袋核桃。", [('500箱', 500.0, None, 'boxes', '', 'count'), ('300袋', 300.0, None, 'bags', '', 'count')]),
    ("zh", "全年收购鲜杏1.2万吨。", [('1.2万吨', 12000.0, None, 'tons', '', 'other')]),
    ("zh", "每天发货2000多单。", [('2000多单', 2000.0, None, 'orders', 'over', 'count')]),
    ("zh", "村里有86户贫困户脱贫。", [('86户贫困户', 86.0, None, 'households', '', 'count')]),
    ("zh", "他家种了30亩棉花,养了200只羊。", [('30亩', 30.0, None, 'mu', '', 'other'), ('200只羊', 200.0, None, 'sheep', '', 'count')]),
    ("zh", "基地栽种了5000株葡萄苗。", [('5000株葡萄苗', 5000.0, None, 'seedlings', '', 'count')]),
    ("zh", "共有15家企业入驻园区。", [('15家企业', 15.0, None, 'enterprises', '', 'count')]),
    ("zh", "已培训电商人才3000余名。", [('3000余名', 3000.0, None, 'people', 'over', 'count')]),
    ("zh", "景区接待游客12万人次。", [('12万人次', 120000.0, None, 'person-times', '', 'count')]),
    ("zh", "平台累计售出4万件服装。", [('4万件服装', 40000.0, None, 'garments', '', 'count')]),
    ("zh", "这批货有800份礼盒。", [('800份礼盒', 800.0, None, 'gift boxes', '', 'count')]),
    ("zh", "牧场存栏120头牛。", [('120头牛', 120.0, None, 'cattle', '', 'count')]),
    ("zh", "果园里有600棵苹果树。", [('600棵苹果树', 600.0, None, 'fruit trees', '', 'count')]),
    ("zh", "全县建成186个村级电商服务站。", [('186个村级电商服务站', 186.0, None, 'stations', '', 'count')]),
    ("zh", "现有300多家注册网店。", [('300多家注册网店', 300.0, None, 'online shops', 'over', 'count')]),
    ("zh", "每亩收入在5到8万元之间。", [('5到8万元', 50000.0, 80000.0, 'CNY', 'range', 'money')]),
    ("zh", "月收入三四千元。", [('三四千元', 3000.0, 4000.0, 'CNY', 'range', 'money')]),
    ("zh", "每斤售价10至15元。", [('10至15元', 10.0, 15.0, 'CNY', 'range', 'money')]),
    ("zh", "需要两三年时间。", [('两三年', 2.0, 3.0, 'year', 'range', 'duration')]),
    ("zh", "招聘五六名主播。", [('五六名主播', 5.0, 6.0, 'livestreamers', 'range', 'count')]),
    ("zh", "三分之一的村民开起了网店。", [('三分之一', 33.333, None, '%', '', 'percent')]),
    ("zh", "三分之二以上的产品销往内地。", [('三分之二', 66.667, None, '%', 'over', 'percent')]),
    ("zh", "四分之一的订单来自抖音。", [('四分之一', 25.0, None, '%', '', 'percent')]),
    ("zh", "千分之五的次品率。", [('千分之五', 0.5, None, '%', '', 'percent')]),
    ("zh", "近一半的农户加入合作社。", [('一半', 50.0, None, '%', 'nearly', 'percent')]),
    ("zh", "前三季度网络零售额增长18%。", [('18%', 18.0, None, '%', '', 'percent')]),
    ("zh", "第一季度出口额为2亿元。", [('2亿元', 200000000.0, None, 'CNY', '', 'money')]),
    ("zh", "他先后五次来到新疆考察。", [('五次', 5.0, None, 'times', '', 'count')]),
    ("zh", "销量是去年的三倍。", [('三倍', 3.0, None, 'times', '', 'multiple')]),
    ("zh", "收入增长了两倍。", [('两倍', 2.0, None, 'times', '', 'multiple')]),
]
EN_SECOND_PASS = [
    ("en", "It took two weeks to build the warehouse.", [('two weeks', 2.0, None, 'week', '', 'duration')]),
    ("en", "The festival lasted 10 days.", [('10 days', 10.0, None, 'day', '', 'duration')]),
    ("en", "She spent three years learning to sew.", [('three years', 3.0, None, 'year', '', 'duration')]),
    ("en", "Within a month, sales had doubled.", [('a month', 1, None, 'month', '', 'duration'), ('doubled', 2.0, None, 'times', '', 'multiple')]),
    ("en", "In just one year, the village opened 20 shops.", [('one year', 1, None, 'year', '', 'duration'), ('20 shops', 20.0, None, 'shops', '', 'count')]),
    ("en", "The course runs for a week.", [('a week', 1, None, 'week', '', 'duration')]),
    ("en", "He needed only a day to sell out.", [('a day', 1, None, 'day', '', 'duration')]),
    ("en", "It took him half a year to recover.", [('half a year', 0.5, None, 'year', '', 'duration')]),
    ("en", "The project lasted a decade.", [('a decade', 1, None, 'decade', '', 'duration')]),
    ("en", "For about a month, the roads were closed.", [('a month', 1, None, 'month', 'approx', 'duration')]),
    ("en", "They worked there for one year.", [('one year', 1, None, 'year', '', 'duration')]),
    ("en", "One day, he decided to go online.", []),
    ("en", "A year ago, there was no road.", []),
    ("en", "The fair is held once a year.", []),
    ("en", "He earned 30,000 yuan for a year's work.", [('30,000 yuan', 30000.0, None, 'CNY', '', 'money')]),
    ("en", "It was a day to remember.", []),
    ("en", "A year later, the shop closed.", []),
    ("en", "The county has 186 village-level e-commerce service stations.", [('186 village-level e-commerce service stations', 186.0, None, 'stations', '', 'count')]),
    ("en", "There are more than 300 registered online stores.", [('300 registered online stores', 300.0, None, 'stores', 'over', 'count')]),
    ("en", "The firm hired 45 full-time customer service staff.", [('45 full-time customer service staff', 45.0, None, 'staff', '', 'count')]),
    ("en", "About 2,000 small and medium-sized enterprises took part.", [('2,000 small and medium-sized enterprises', 2000.0, None, 'enterprises', 'approx', 'count')]),
    ("en", "It built 12 large cold-storage warehouses.", [('12 large cold-storage warehouses', 12.0, None, 'warehouses', '', 'count')]),
    ("en", "They trained 500 young rural women entrepreneurs.", [('500 young rural women entrepreneurs', 500.0, None, 'entrepreneurs', '', 'count')]),
    ("en", "Prices rose between 30 and 40 percent.", [('30 and 40 percent', 30.0, 40.0, '%', 'range', 'percent')]),
    ("en", "Apples sell from 5 to 8 yuan a kilogram.", [('5 to 8 yuan', 5.0, 8.0, 'CNY', 'range', 'money')]),
    ("en", "A room costs two or three thousand yuan.", [('two or three thousand yuan', 2000.0, 3000.0, 'CNY', 'range', 'money')]),
    ("en", "Each plot yields 3 to 5 tons.", [('3 to 5 tons', 3.0, 5.0, 'tons', 'range', 'other')]),
    ("en", "One or two villages still lack broadband.", [('One or two villages', 1.0, 2.0, 'villages', 'range', 'count')]),
    ("en", "About two-thirds of the villagers sell online.", [('two-thirds', 66.667, None, '%', 'approx', 'percent')]),
    ("en", "Half of the farmers joined the cooperative.", [('Half', 50.0, None, '%', '', 'percent')]),
    ("en", "A quarter of the orders came from abroad.", [('A quarter', 25.0, None, '%', '', 'percent')]),
    ("en", "More than half of the students are women.", [('half', 50.0, None, '%', 'over', 'percent')]),
    ("en", "Three quarters of the respondents agreed.", [('Three quarters', 75.0, None, '%', '', 'percent')]),
    ("en", "In the first three quarters, sales grew 12 percent.", [('12 percent', 12.0, None, '%', '', 'percent')]),
    ("en", "The second half of 2023 was difficult.", []),
    ("en", "In the first half of the year, exports rose 5%.", [('5%', 5.0, None, '%', '', 'percent')]),
    ("en", "A quarter of a century has passed.", []),
    ("en", "He visited the village five times.", [('five times', 5.0, None, 'times', '', 'count')]),
    ("en", "She has won the award three times.", [('three times', 3.0, None, 'times', '', 'count')]),
    ("en", "They meet three times a week.", []),
    ("en", "Sales were four times as much as last year.", [('four times', 4.0, None, 'times', '', 'multiple')]),
    ("en", "Output is three times higher than in 2019.", [('three times', 3.0, None, 'times', '', 'multiple')]),
    ("en", "Incomes are now five times the national average.", [('five times', 5.0, None, 'times', '', 'multiple')]),
    ("en", "Revenue was six times that of 2015.", [('six times', 6.0, None, 'times', '', 'multiple')]),
    ("en", "Sales increased five times.", [('five times', 5.0, None, 'times', '', 'multiple')]),
]
ES_SECOND_PASS = [
    ("es", "Tardó dos meses en abrir la tienda.", [('dos meses', 2.0, None, 'month', '', 'duration')]),
    ("es", "Durante tres años trabajó en la ciudad.", [('tres años', 3.0, None, 'year', '', 'duration')]),
    ("es", "En apenas un año, las ventas se duplicaron.", [('un año', 1, None, 'year', '', 'duration'), ('duplicaron', 2.0, None, 'times', '', 'multiple')]),
    ("es", "Trabajó allí durante un año.", [('un año', 1, None, 'year', '', 'duration')]),
    ("es", "Solo necesitó un mes para recuperar la inversión.", [('un mes', 1, None, 'month', '', 'duration')]),
    ("es", "Se tarda media hora en llegar al mercado.", [('media hora', 0.5, None, 'hour', '', 'duration')]),
    ("es", "El curso dura diez días.", [('diez días', 10.0, None, 'day', '', 'duration')]),
    ("es", "Hace un año abrió la tienda.", []),
    ("es", "Va a la feria una vez al año.", []),
    ("es", "Un día decidió vender en línea.", []),
    ("es", "Esperó un cuarto de hora.", []),
    ("es", "Hay 1.200 puntos de venta rurales.", [('1.200 puntos de venta', 1200.0, None, 'outlets', '', 'count')]),
    ("es", "Abrió 15 nuevas tiendas rurales.", [('15 nuevas tiendas', 15.0, None, 'stores', '', 'count')]),
    ("es", "La cooperativa tiene 320 socios activos.", [('320 socios', 320.0, None, 'members', '', 'count')]),
    ("es", "Hay más de 300 tiendas en línea registradas.", [('300 tiendas', 300.0, None, 'stores', 'over', 'count')]),
    ("es", "Los precios subieron entre un 15 y un 20 por ciento.", [('15 y un 20 por ciento', 15.0, 20.0, '%', 'range', 'percent')]),
    ("es", "La inversión fue de 3 a 5 millones de yuanes.", [('3 a 5 millones de yuanes', 3000000.0, 5000000.0, 'CNY', 'range', 'money')]),
    ("es", "Las ventas crecieron entre el 10 y el 12 %.", [('10 y el 12 %', 10.0, 12.0, '%', 'range', 'percent')]),
    ("es", "Dos o tres familias venden miel.", [('Dos o tres familias', 2.0, 3.0, 'families', 'range', 'count')]),
    ("es", "El valor pasó de 3 a 5 millones de yuanes.", [('5 millones de yuanes', 5000000.0, None, 'CNY', '', 'money')]),
    ("es", "Entre 2019 y 2023 las ventas se duplicaron.", [('duplicaron', 2.0, None, 'times', '', 'multiple')]),
    ("es", "La mitad de los agricultores vende en línea.", [('La mitad', 50.0, None, '%', '', 'percent')]),
    ("es", "Más de la mitad de los jóvenes compra por internet.", [('la mitad', 50.0, None, '%', 'over', 'percent')]),
    ("es", "Un tercio de los hogares usa el pago móvil.", [('Un tercio', 33.333, None, '%', '', 'percent')]),
    ("es", "Dos tercios de los pedidos llegan desde otras provincias.", [('Dos tercios', 66.667, None, '%', '', 'percent')]),
    ("es", "Una cuarta parte de la producción se exporta.", [('Una cuarta parte', 25.0, None, '%', '', 'percent')]),
    ("es", "Es la tercera parte del proyecto.", []),
    ("es", "En la primera mitad del año las ventas crecieron.", []),
    ("es", "Visitó la aldea cinco veces.", [('cinco veces', 5.0, None, 'times', '', 'count')]),
    ("es", "Visitó la aldea tres veces el año pasado.", [('tres veces', 3.0, None, 'times', '', 'count')]),
    ("es", "Las ventas son tres veces mayores que en 2019.", [('tres veces', 3.0, None, 'times', '', 'multiple')]),
    ("es", "Los ingresos son cinco veces el promedio nacional.", [('cinco veces', 5.0, None, 'times', '', 'multiple')]),
    ("es", "Se reúnen dos veces por semana.", []),
]


def _check_labelled(lang, text, expected):
    got = _figs(lang, text)
    assert got == [(e[0], pytest.approx(e[1]), None if e[2] is None else pytest.approx(e[2]), e[3], e[4], e[5])
                   for e in expected]


@pytest.mark.parametrize("lang,text,expected", ZH_SECOND_PASS)
def test_figures_zh_second_pass_categories(lang, text, expected):
    _check_labelled(lang, text, expected)


@pytest.mark.parametrize("lang,text,expected", EN_SECOND_PASS)
def test_figures_en_second_pass_categories(lang, text, expected):
    _check_labelled(lang, text, expected)


@pytest.mark.parametrize("lang,text,expected", ES_SECOND_PASS)
def test_figures_es_second_pass_categories(lang, text, expected):
    _check_labelled(lang, text, expected)


@pytest.mark.parametrize("raw,quote,value,unit,qualifier", [
    ("去年賣出兩千多盒紅棗。", "兩千多盒", 2000, "boxes", "over"),
    ("一個月內發出三百箱蘋果。", "三百箱", 300, "boxes", ""),
    ("他只用了一個月就學會了直播。", "一個月", 1, "month", ""),
    ("合作社帶動八十戶農戶增收。", "八十戶農戶", 80, "households", ""),
])
def test_figures_extract_traditional_raw_text(raw, quote, value, unit, qualifier):
    doc = ingest_text(raw, doc_id="t", lang=None, reference_date="2024-06-15")
    ms = [m for m in extract(doc) if m.text == quote]
    assert len(ms) == 1 and ms[0].value == pytest.approx(value) and ms[0].unit == unit
    assert (ms[0].qualifier or "") == qualifier
    assert raw[ms[0].start:ms[0].end] == quote


@pytest.mark.parametrize("lang,text,label,unit", [
    ("en", "He has been to Xinjiang four times.", "count", "times"),
    ("en", "The harvest is four times as large as before.", "multiple", "times"),
    ("en", "Orders grew threefold.", "multiple", "times"),
    ("es", "Ha estado en la feria seis veces.", "count", "times"),
    ("es", "La cosecha es cuatro veces superior a la de 2018.", "multiple", "times"),
    ("zh", "他三次参加电商培训。", "count", "times"),
    ("zh", "产值增长了1.5倍。", "multiple", "times"),
])
def test_figures_times_count_or_multiple(lang, text, label, unit):
    (c, r), = figures_in(text, lang)
    assert (r.label, r.unit) == (label, unit)


# halves (and a half / y medio), more ranges, occurrences and relative uses that stay out
MORE_SECOND_PASS = [
    ("en", "They need one and a half years to break even.", [('one and a half years', 1.5, None, 'year', '', 'duration')]),
    ("en", "It took a year and a half.", [('a year and a half', 1.5, None, 'year', '', 'duration')]),
    ("en", "It took two years and a half.", [('two years and a half', 2.5, None, 'year', '', 'duration')]),
    ("en", "Two and a half years later he returned.", []),
    ("en", "A year and a half ago he left.", []),
    ("en", "The trip takes 2 and a half hours.", [('2 and a half hours', 2.5, None, 'hour', '', 'duration')]),
    ("en", "The meeting will last about a week.", [('a week', 1.0, None, 'week', 'approx', 'duration')]),
    ("en", "He was paid for a day's work.", []),
    ("en", "The shop opens seven days a week.", [('seven days', 7.0, None, 'day', '', 'duration')]),
    ("en", "Every one of the 40 stalls sold out.", [('40 stalls', 40.0, None, 'stalls', '', 'count')]),
    ("en", "Nearly a third of the county's output goes online.", [('a third', 33.333, None, '%', 'nearly', 'percent')]),
    ("en", "A fifth of the orders were returned.", [('A fifth', 20.0, None, '%', '', 'percent')]),
    ("en", "The price fell by half.", []),
    ("en", "Over a year, the fund grew.", [('a year', 1.0, None, 'year', '', 'duration')]),
    ("en", "The plan covers a month-long campaign.", []),
    ("en", "He earned two or three hundred yuan a day.", [('two or three hundred yuan', 200.0, 300.0, 'CNY', 'range', 'money')]),
    ("en", "Between 1,000 and 1,500 tourists came.", [('1,000 and 1,500 tourists', 1000.0, 1500.0, 'tourists', 'range', 'count')]),
    ("en", "He sold 30 or 40 boxes a day.", [('30 or 40 boxes', 30.0, 40.0, 'boxes', 'range', 'count')]),
    ("en", "She has been to Beijing twice and to Shanghai four times.", [('four times', 4.0, None, 'times', '', 'count')]),
    ("en", "The harvest is four times as large as before.", [('four times', 4.0, None, 'times', '', 'multiple')]),
    ("es", "Durante un año y medio vendió fruta.", [('un año y medio', 1.5, None, 'year', '', 'duration')]),
    ("es", "Un año y medio después volvió.", []),
    ("es", "Tardó dos años y medio en pagar el préstamo.", [('dos años y medio', 2.5, None, 'year', '', 'duration')]),
    ("es", "Esperó tres horas y media.", [('tres horas y media', 3.5, None, 'hour', '', 'duration')]),
    ("es", "La obra duró un mes.", [("un mes", 1, None, "month", "", "duration")]),
    ("es", "Cada día salen 50 camiones.", [('50 camiones', 50.0, None, 'trucks', '', 'count')]),
    ("es", "Un cuarto de los ingresos procede del turismo.", [('Un cuarto', 25.0, None, '%', '', 'percent')]),
    ("es", "Dos de cada tres familias usan el pago móvil.", [("Dos de cada tres", 66.667, None, "%", "", "percent")]),
    ("es", "Registró un aumento de 3 a 5 millones de pedidos.", [('5 millones de pedidos', 5000000.0, None, 'orders', '', 'count')]),
    ("es", "Trabaja de 10 a 12 horas al día.", [('10 a 12 horas', 10.0, 12.0, 'hour', 'range', 'duration')]),
    ("es", "Los precios oscilan de 20 a 30 yuanes por kilo.", [('20 a 30 yuanes', 20.0, 30.0, 'CNY', 'range', 'money')]),
    ("es", "Entre 300 y 400 personas asistieron.", [('300 y 400 personas', 300.0, 400.0, 'people', 'range', 'count')]),
    ("es", "La tienda abre de lunes a viernes.", []),
    ("es", "Ganó tres veces el premio.", [('tres veces', 3.0, None, 'times', '', 'count')]),
    ("es", "Ha estado en la feria seis veces.", [('seis veces', 6.0, None, 'times', '', 'count')]),
    ("zh", "他用了一年半时间还清贷款。", [('一年半', 1.5, None, 'year', '', 'duration')]),
    ("zh", "一个多月后,订单暴涨。", []),
    ("zh", "二分之一的收入来自直播。", [('二分之一', 50.0, None, '%', '', 'percent')]),
    ("zh", "每天工作十一二个小时。", [('十一二个小时', 11.0, 12.0, 'hour', 'range', 'duration')]),
    ("zh", "周一到周五营业。", []),
    ("zh", "一周年庆典。", []),
    ("zh", "他们先后三次调整价格。", [('三次', 3.0, None, 'times', '', 'count')]),
    ("zh", "产值增长了1.5倍。", [('1.5倍', 1.5, None, 'times', '', 'multiple')]),
    ("zh", "用一年时间走完了别人十年的路。", [('一年', 1.0, None, 'year', '', 'duration'), ('十年', 10.0, None, 'year', '', 'duration')]),
    ("zh", "两三千元的手机。", [('两三千元', 2000.0, 3000.0, 'CNY', 'range', 'money')]),
    ("zh", "村里有三四十户人家做电商。", [('三四十户', 30.0, 40.0, 'households', 'range', 'count')]),
    ("zh", "日均发货五六百单。", [('五六百单', 500.0, 600.0, 'orders', 'range', 'count')]),
    ("zh", "年销售额达1000多万元。", [('1000多万元', 10000000.0, None, 'CNY', 'over', 'money')]),
]


@pytest.mark.parametrize("lang,text,expected", MORE_SECOND_PASS)
def test_figures_second_pass_halves_ranges_occurrences(lang, text, expected):
    _check_labelled(lang, text, expected)


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "He has 3 children and 2 grandchildren.", [("3 children", 3, None, "children", "", "count"),
                                                     ("2 grandchildren", 2, None, "grandchildren", "", "count")]),
    ("en", "The workshop employs 40 craftsmen.", [("40 craftsmen", 40, None, "craftsmen", "", "count")]),
    ("en", "The 5 specimen were lost.", []),
    ("es", "Trabajan 20 hombres y 35 mujeres.", [("20 hombres", 20, None, "men", "", "count"),
                                                ("35 mujeres", 35, None, "women", "", "count")]),
])
def test_figures_irregular_plural_heads(lang, text, expected):
    _check_labelled(lang, text, expected)


# ----------------------------------------------------------------------------- third pass (issue 3)
# measure adjectives (5-kilogram, un saco de 25 kilos, 5公斤装), shares with comparisons (less than half the
# time, casi la mitad, 不到一半), elided nouns (of whom 35, de los cuales 35, 其中35人), word-numeral ranges and
# durations (entre tres y cuatro horas, 三四天, 三五天), 320余个 with the noun before or none
EN_THIRD_PASS = [
    ('en', 'They shipped a 5-kilogram box of apples to Beijing.', [('5-kilogram', 5.0, None, 'kilograms', '', 'other')]),
    ('en', 'A 10-ton truck left the village at dawn.', [('10-ton', 10.0, None, 'tons', '', 'other')]),
    ('en', 'The company rented a 2,000-square-meter warehouse.', [('2,000-square-meter', 2000.0, None, 'square meters', '', 'other')]),
    ('en', 'She hosted a 3-hour livestream on Sunday.', [('3-hour', 3.0, None, 'hour', '', 'duration')]),
    ('en', 'It was a three-hour livestream that sold 5,000 boxes.', [('three-hour', 3.0, None, 'hour', '', 'duration'), ('5,000 boxes', 5000.0, None, 'boxes', '', 'count')]),
    ('en', 'The county built a 1,200-kilometer highway.', [('1,200-kilometer', 1200.0, None, 'kilometers', '', 'other')]),
    ('en', 'A 500-mu orchard produces Korla pears.', [('500-mu', 500.0, None, 'mu', '', 'other')]),
    ('en', 'The 30-minute video went viral.', [('30-minute', 30.0, None, 'minute', '', 'duration')]),
    ('en', 'The two-day fair drew 10,000 visitors.', [('two-day', 2.0, None, 'day', '', 'duration'), ('10,000 visitors', 10000.0, None, 'visitors', '', 'count')]),
    ('en', 'He signed a three-year contract with the platform.', [('three-year', 3.0, None, 'year', '', 'duration')]),
    ('en', 'They launched a $5-million cold-chain project.', [('$5-million', 5000000.0, None, 'USD', '', 'money')]),
    ('en', 'It set up a 2-billion-yuan fund.', [('2-billion-yuan', 2000000000.0, None, 'CNY', '', 'money')]),
    ('en', 'A 10-person team runs the online shop.', [('10-person', 10.0, None, 'people', '', 'count')]),
    ('en', 'A 1,000-strong crowd gathered at the market.', [('1,000-strong', 1000.0, None, 'people', '', 'count')]),
    ('en', 'The 2-day-old calf was sold.', [('2-day-old', 2.0, None, 'day', '', 'age')]),
    ('en', 'The 14th Five-Year Plan sets new goals.', []),
    ('en', 'Each bag holds 5 kilograms of rice.', [('5 kilograms', 5.0, None, 'kilograms', '', 'other')]),
    ('en', 'It took less than half the time.', [('half', 50.0, None, '%', 'under', 'percent')]),
    ('en', 'Less than a quarter of the time was spent online.', [('a quarter', 25.0, None, '%', 'under', 'percent')]),
    ('en', 'Nearly half are women.', [('half', 50.0, None, '%', 'nearly', 'percent')]),
    ('en', 'More than half said they shop online.', [('half', 50.0, None, '%', 'over', 'percent')]),
    ('en', 'More than a third of the villagers sell online.', [('a third', 33.333, None, '%', 'over', 'percent')]),
    ('en', 'At least half the villagers shop online.', [('half', 50.0, None, '%', 'over', 'percent')]),
    ('en', 'Half the time he is busy.', []),
    ('en', 'The firm has 200 employees, of whom 35 work on livestreams.', [('200 employees', 200.0, None, 'employees', '', 'count'), ('35', 35.0, None, 'employees', '', 'count')]),
    ('en', 'The firm has 200 employees, 35 of whom work on livestreams.', [('200 employees', 200.0, None, 'employees', '', 'count'), ('35', 35.0, None, 'employees', '', 'count')]),
    ('en', 'The county raised 5 million yuan, of which 2 million came from donors.', [('5 million yuan', 5000000.0, None, 'CNY', '', 'money'), ('2 million', 2000000.0, None, 'CNY', '', 'money')]),
    ('en', 'There are 120 cooperatives, of which about 80 sell online.', [('120 cooperatives', 120.0, None, 'cooperatives', '', 'count'), ('80', 80.0, None, 'cooperatives', 'approx', 'count')]),
    ('en', 'Of the 500 households, 320 sell online.', [('500 households', 500.0, None, 'households', '', 'count'), ('320', 320.0, None, 'households', '', 'count')]),
    ('en', 'Among the 1,200 trainees, about 800 found jobs.', [('1,200 trainees', 1200.0, None, 'trainees', '', 'count'), ('800', 800.0, None, 'trainees', 'approx', 'count')]),
    ('en', 'Three people came, two of whom were women.', [('Three people', 3.0, None, 'people', '', 'count'), ('two', 2.0, None, 'people', '', 'count')]),
    ('en', 'Of the villagers in 2019, 320 sold online.', []),
    ('en', 'There were 30 applicants, one of whom won.', [('30 applicants', 30.0, None, 'applicants', '', 'count')]),
    ('en', 'It grew 12 percent, of which 5 came from exports.', [('12 percent', 12.0, None, '%', '', 'percent')]),
    ('en', 'It takes between two and three hours.', [('two and three hours', 2.0, 3.0, 'hour', 'range', 'duration')]),
    ('en', 'Delivery takes two to three days.', [('two to three days', 2.0, 3.0, 'day', 'range', 'duration')]),
    ('en', 'She sold two and bought three boxes.', [('three boxes', 3.0, None, 'boxes', '', 'count')]),
    ('en', 'There are three hundred and twelve shops.', [('three hundred and twelve shops', 312.0, None, 'shops', '', 'count')]),
    ('en', 'The market opens for two or three weeks.', [('two or three weeks', 2.0, 3.0, 'week', 'range', 'duration')]),
    ('en', 'He spent more than half a year there.', [('half a year', 0.5, None, 'year', 'over', 'duration')]),
]
ES_THIRD_PASS = [
    ('es', 'Compró un saco de 25 kilos de arroz.', [('25 kilos', 25.0, None, 'kilograms', '', 'other')]),
    ('es', 'Un camión de 10 toneladas salió del pueblo.', [('10 toneladas', 10.0, None, 'tons', '', 'other')]),
    ('es', 'Alquilaron una nave de 2.000 metros cuadrados.', [('2.000 metros cuadrados', 2000.0, None, 'square meters', '', 'other')]),
    ('es', 'Hizo una transmisión en vivo de tres horas.', [('tres horas', 3.0, None, 'hour', '', 'duration')]),
    ('es', 'Vende cajas de 5 kilogramos.', [('5 kilogramos', 5.0, None, 'kilograms', '', 'other')]),
    ('es', 'Cada botella tiene 2 litros.', [('2 litros', 2.0, None, 'liters', '', 'other')]),
    ('es', 'Menos de la mitad del tiempo se dedica a vender.', [('la mitad', 50.0, None, '%', 'under', 'percent')]),
    ('es', 'Casi la mitad son mujeres.', [('la mitad', 50.0, None, '%', 'nearly', 'percent')]),
    ('es', 'Más de un tercio vive en la ciudad.', [('un tercio', 33.333, None, '%', 'over', 'percent')]),
    ('es', 'Casi la mitad de los agricultores vende en línea.', [('la mitad', 50.0, None, '%', 'nearly', 'percent')]),
    ('es', 'La mitad del tiempo está ocupado.', []),
    ('es', 'Menos de la mitad de los hogares tiene coche.', [('la mitad', 50.0, None, '%', 'under', 'percent')]),
    ('es', 'La empresa tiene 200 empleados, de los cuales 35 se dedican a las transmisiones.', [('200 empleados', 200.0, None, 'employees', '', 'count'), ('35', 35.0, None, 'employees', '', 'count')]),
    ('es', 'Hay 300 familias, de las cuales unas 120 venden miel.', [('300 familias', 300.0, None, 'families', '', 'count'), ('120', 120.0, None, 'families', 'approx', 'count')]),
    ('es', 'Recibió 6 millones de euros, de los cuales 2 millones fueron donaciones.', [('6 millones de euros', 6000000.0, None, 'EUR', '', 'money'), ('2 millones', 2000000.0, None, 'EUR', '', 'money')]),
    ('es', 'Tiene 40 trabajadores, 12 de ellos mujeres.', [('40 trabajadores', 40.0, None, 'workers', '', 'count'), ('12', 12.0, None, 'workers', '', 'count')]),
    ('es', 'De las 300 familias, 120 venden miel.', [('300 familias', 300.0, None, 'families', '', 'count'), ('120', 120.0, None, 'families', '', 'count')]),
    ('es', 'Entre los 50 alumnos, 30 son mujeres.', [('50 alumnos', 50.0, None, 'students', '', 'count'), ('30', 30.0, None, 'students', '', 'count')]),
    ('es', 'De ellos, 35 son mujeres.', []),
    ('es', 'Trabaja entre tres y cuatro horas al día.', [('tres y cuatro horas', 3.0, 4.0, 'hour', 'range', 'duration')]),
    ('es', 'Tardó entre dos y tres semanas en llegar.', [('dos y tres semanas', 2.0, 3.0, 'week', 'range', 'duration')]),
    ('es', 'Hay entre veinte y treinta tiendas.', [('veinte y treinta tiendas', 20.0, 30.0, 'stores', 'range', 'count')]),
    ('es', 'Hay treinta y dos tiendas en el pueblo.', [('treinta y dos tiendas', 32.0, None, 'stores', '', 'count')]),
    ('es', 'Compró dos y vendió tres cajas.', [('tres cajas', 3.0, None, 'boxes', '', 'count')]),
    ('es', 'Pasó dos días en el mercado.', [('dos días', 2.0, None, 'day', '', 'duration')]),
    ('es', 'El envío tarda de dos a tres días.', [('dos a tres días', 2.0, 3.0, 'day', 'range', 'duration')]),
    ('es', 'Tardó dos o tres días.', [('dos o tres días', 2.0, 3.0, 'day', 'range', 'duration')]),
    ('es', 'La feria duró cinco días.', [('cinco días', 5.0, None, 'day', '', 'duration')]),
]
ZH_THIRD_PASS = [
    ('zh', '他们推出了5公斤装的礼盒。', [('5公斤', 5.0, None, 'kilograms', '', 'other')]),
    ('zh', '一辆10吨的货车开进了村。', [('10吨', 10.0, None, 'tons', '', 'other')]),
    ('zh', '租了一个2000平方米的仓库。', [('2000平方米', 2000.0, None, 'square meters', '', 'other')]),
    ('zh', '进行了3小时的直播。', [('3小时', 3.0, None, 'hour', '', 'duration')]),
    ('zh', '10斤装苹果卖50元。', [('10斤', 10.0, None, 'jin', '', 'other'), ('50元', 50.0, None, 'CNY', '', 'money')]),
    ('zh', '不到一半的村民参加了。', [('一半', 50.0, None, '%', 'under', 'percent')]),
    ('zh', '近三成的订单来自海外。', [('三成', 30.0, None, '%', 'nearly', 'percent')]),
    ('zh', '超过三分之一的商品销往外地。', [('三分之一', 33.333, None, '%', 'over', 'percent')]),
    ('zh', '一半以上的农户开了网店。', [('一半', 50.0, None, '%', 'over', 'percent')]),
    ('zh', '公司有200名员工,其中35人从事直播。', [('200名员工', 200.0, None, 'employees', '', 'count'), ('35人', 35.0, None, 'employees', '', 'count')]),
    ('zh', '公司有200名员工,其中约35人从事直播。', [('200名员工', 200.0, None, 'employees', '', 'count'), ('35人', 35.0, None, 'employees', 'approx', 'count')]),
    ('zh', '全县有300个行政村,其中120个已通快递。', [('300个行政村', 300.0, None, 'villages', '', 'count'), ('120个', 120.0, None, 'villages', '', 'count')]),
    ('zh', '全县有5000户农户,其中35人参加培训。', [('5000户农户', 5000.0, None, 'households', '', 'count'), ('35人', 35.0, None, 'people', '', 'count')]),
    ('zh', '在200名员工中,35人从事直播。', [('200名员工', 200.0, None, 'employees', '', 'count'), ('35人', 35.0, None, 'employees', '', 'count')]),
    ('zh', '这300个村中,有120个已通快递。', [('300个村', 300.0, None, 'villages', '', 'count'), ('120个', 120.0, None, 'villages', '', 'count')]),
    ('zh', '销售额达5亿元,其中3亿元来自线上。', [('5亿元', 500000000.0, None, 'CNY', '', 'money'), ('3亿元', 300000000.0, None, 'CNY', '', 'money')]),
    ('zh', '其中35人从事直播。', [('35人', 35.0, None, 'people', '', 'count')]),
    ('zh', '今年以来,35家企业入驻园区。', [('35家企业', 35.0, None, 'enterprises', '', 'count')]),
    ('zh', '目前,320个村通了快递。', [('320个村', 320.0, None, 'villages', '', 'count')]),
    ('zh', '快递三到五天就能送到。', [('三到五天', 3.0, 5.0, 'day', 'range', 'duration')]),
    ('zh', '快递三四天就能送到。', [('三四天', 3.0, 4.0, 'day', 'range', 'duration')]),
    ('zh', '快递三五天就到。', [('三五天', 3.0, 5.0, 'day', 'range', 'duration')]),
    ('zh', '只用了一两个月。', [('一两个月', 1.0, 2.0, 'month', 'range', 'duration')]),
    ('zh', '来了一两个人。', []),
    ('zh', '他们三五成群地聊天。', []),
    ('zh', '他花了三天时间。', [('三天', 3.0, None, 'day', '', 'duration')]),
    ('zh', '培训持续两周。', [('两周', 2.0, None, 'week', '', 'duration')]),
    ('zh', '直播了五个小时。', [('五个小时', 5.0, None, 'hour', '', 'duration')]),
    ('zh', '三年后再看。', []),
    ('zh', '五个人一起干。', [('五个人', 5.0, None, 'people', '', 'count')]),
    ('zh', '培养了5个人才。', [('5个人才', 5.0, None, 'talents', '', 'count')]),
    ('zh', '全县建成320余个。', [('320余个', 320.0, None, 'items', 'over', 'count')]),
    ('zh', '截至目前,全县共建成村级电商服务站点320余个,实现全覆盖。', [('320余个', 320.0, None, 'stations', 'over', 'count')]),
    ('zh', '全区培育电商企业300多家。', [('300多家', 300.0, None, 'enterprises', 'over', 'count')]),
    ('zh', '阿克苏已有上百个直播间。', [('百个直播间', 100.0, None, 'livestream rooms', 'over', 'count')]),
    ('zh', '建成冷库上百座。', [('百座', 100.0, None, 'cold stores', 'over', 'count')]),
    ('zh', '开通直播账号上千个。', [('千个', 1000.0, None, 'accounts', 'over', 'count')]),
    ('zh', '培训了数十名主播。', [('数十名主播', 10.0, None, 'livestreamers', 'over', 'count')]),
    ('zh', '全县快递网点达300多个。', [('300多个', 300.0, None, 'outlets', 'over', 'count')]),
    ('zh', '引进企业二十余家。', [('二十余家', 20.0, None, 'enterprises', 'over', 'count')]),
    ('zh', '组织培训十余场。', [('十余场', 10.0, None, 'sessions', 'over', 'count')]),
    ('zh', '已有百余家企业入驻。', [('百余家企业', 100.0, None, 'enterprises', 'over', 'count')]),
]


@pytest.mark.parametrize("lang,text,expected", EN_THIRD_PASS)
def test_figures_en_third_pass_categories(lang, text, expected):
    _check_labelled(lang, text, expected)


@pytest.mark.parametrize("lang,text,expected", ES_THIRD_PASS)
def test_figures_es_third_pass_categories(lang, text, expected):
    _check_labelled(lang, text, expected)


@pytest.mark.parametrize("lang,text,expected", ZH_THIRD_PASS)
def test_figures_zh_third_pass_categories(lang, text, expected):
    _check_labelled(lang, text, expected)


@pytest.mark.parametrize("lang,text,expected", [
    ("zh", "近半村民开了网店。", [("半", 50.0, None, "%", "nearly", "percent")]),
    ("zh", "销售额逾半来自线上。", [("半", 50.0, None, "%", "over", "percent")]),
    ("zh", "她花了近半个月准备。", [("半个月", 0.5, None, "month", "nearly", "duration")]),
    ("zh", "近一半的收入来自电商。", [("一半", 50.0, None, "%", "nearly", "percent")]),
    ("zh", "不足三成的企业盈利。", [("三成", 30.0, None, "%", "under", "percent")]),
    ("zh", "将近四分之一的人口在城市。", [("四分之一", 25.0, None, "%", "nearly", "percent")]),
    ("en", "Almost two-thirds of the orders came from abroad.", [("two-thirds", 66.667, None, "%", "nearly", "percent")]),
    ("en", "Over half of the shops closed.", [("half", 50.0, None, "%", "over", "percent")]),
    ("es", "Cerca de un tercio de las ventas se hace en línea.", [("un tercio", 33.333, None, "%", "nearly", "percent")]),
    ("es", "Más de la mitad del tiempo lo dedica a vender.", [("la mitad", 50.0, None, "%", "over", "percent")]),
    ("es", "Menos de una cuarta parte de la producción se exporta.", [("una cuarta parte", 25.0, None, "%", "under", "percent")]),
])
def test_figures_shares_with_comparisons(lang, text, expected):
    _check_labelled(lang, text, expected)


@pytest.mark.parametrize("lang,text,number,head", [
    ("en", "The firm has 200 employees, of whom 35 work online.", "35", "employees"),
    ("en", "Of the 500 households, 320 sell online.", "320", "households"),
    ("es", "Hay 300 familias, de las cuales 120 venden miel.", "120", "familias"),
    ("zh", "公司有200名员工,其中35人从事直播。", "35", "员工"),
])
def test_figures_find_elided_number_takes_antecedent_noun(lang, text, number, head):
    cands = find(text, lang)
    assert len(cands) == 2
    assert cands[1].num == number and cands[1].head == head and cands[1].hint == ""


@pytest.mark.parametrize("lang,text", [
    ("en", "Of them, 35 work online."),            # no antecedent figure in the sentence: no guessed noun
    ("es", "De ellos, 35 son mujeres."),
])
def test_figures_find_elided_number_without_antecedent_is_dropped(lang, text):
    assert find(text, lang) == []


def test_figures_resolve_elided_money_takes_antecedent_currency():
    (c1, r1), (c2, r2) = figures_in("It raised $5 million, of which 2 million came from donors.", "en")
    assert (r2.value, r2.unit, r2.label) == (2e6, "USD", "money")


def test_issue_3_number_after_fullwidth_comma():
    raw = "今年以来，35家企业入驻园区，其中12家来自浙江。\n"
    doc = _doc(raw)
    ms = list(extract(doc))
    assert [(m.text, m.value, m.unit) for m in ms] == [("35家企业", 35.0, "enterprises"), ("12家", 12.0, "enterprises")]
    for m in ms:
        assert raw[m.start:m.end] == m.text


def test_figures_extract_measure_adjective_quote_and_metric():
    ms = list(extract(_doc("The cooperative rented a 2,000-square-meter warehouse and hosted a 3-hour livestream.\n")))
    assert [(m.text, m.value, m.unit, m.label) for m in ms] == [
        ("2,000-square-meter", 2000.0, "square meters", "other"), ("3-hour", 3.0, "hour", "duration")]


@pytest.mark.parametrize("lang,text,expected", [
    ("es", "Una docena de tiendas abrió en la aldea.", [("Una docena de tiendas", 12.0, None, "stores", "", "count")]),
    ("es", "Un centenar de personas asistió a la feria.", [("Un centenar de personas", 100.0, None, "people", "", "count")]),
    ("es", "Una veintena de empresas participó.", [("Una veintena de empresas", 20.0, None, "companies", "", "count")]),
    ("es", "Más de un millar de turistas llegaron.", [("un millar de turistas", 1000.0, None, "tourists", "over", "count")]),
    ("es", "Centenares de personas asistieron.", []),
    ("en", "Two dozen shops opened.", [("Two dozen shops", 24.0, None, "shops", "", "count")]),
    ("en", "Dozens of shops opened.", []),
    ("es", "Viven allí 2.000 personas, de las cuales la mitad son mujeres.",
     [("2.000 personas", 2000.0, None, "people", "", "count"), ("la mitad", 50.0, None, "%", "", "percent")]),
    ("en", "The shop has 40 staff, of whom half are women.",
     [("40 staff", 40.0, None, "staff", "", "count"), ("half", 50.0, None, "%", "", "percent")]),
    ("en", "Half are women.", []),
    ("zh", "已建成县级电商服务中心1个、乡镇服务站12个、村级服务点320余个。",
     [("1个", 1.0, None, "service centers", "", "count"), ("12个", 12.0, None, "stations", "", "count"),
      ("320余个", 320.0, None, "stations", "over", "count")]),
    ("zh", "全县建成快递驿站50个。", [("50个", 50.0, None, "stations", "", "count")]),
    ("zh", "两三天就能到货。", [("两三天", 2.0, 3.0, "day", "range", "duration")]),
    ("zh", "每天直播四五个小时。", [("四五个小时", 4.0, 5.0, "hour", "range", "duration")]),
    ("en", "Delivery takes one to two weeks.", [("one to two weeks", 1.0, 2.0, "week", "range", "duration")]),
    ("es", "El envío tarda uno o dos días.", [("uno o dos días", 1.0, 2.0, "day", "range", "duration")]),
    ("es", "El curso dura de tres a cuatro semanas.", [("tres a cuatro semanas", 3.0, 4.0, "week", "range", "duration")]),
])
def test_figures_collectives_elided_shares_and_word_ranges(lang, text, expected):
    _check_labelled(lang, text, expected)


def test_figures_extract_measure_adjective_metric_is_its_noun():
    ms = list(extract(_doc("In 2023 it rented a 2,000-square-meter warehouse and held a 3-hour livestream.\n")))
    assert [(m.text, m.metric) for m in ms] == [("2,000-square-meter", "warehouse"), ("3-hour", "livestream")]


@pytest.mark.parametrize("lang,text,expected", [
    # "Of the N X," lends its noun only when it opens a clause
    ("es", "El volumen de ventas fue de 300 millones de yuanes, 35 más que el año pasado.",
     [("300 millones de yuanes", 3e8, None, "CNY", "", "money")]),
    ("en", "Sales of 500 boxes, 320 sold online.", [("500 boxes", 500.0, None, "boxes", "", "count")]),
    ("en", "In 2023, of the 500 households, 320 sold online.",
     [("500 households", 500.0, None, "households", "", "count"), ("320", 320.0, None, "households", "", "count")]),
    ("es", "Según el informe, de las 300 familias, 120 venden miel.",
     [("300 familias", 300.0, None, "families", "", "count"), ("120", 120.0, None, "families", "", "count")]),
    ("es", "Medio millón de personas compra en línea.", [("Medio millón de personas", 5e5, None, "people", "", "count")]),
    ("en", "Sales hit half a million yuan.", [("half a million yuan", 5e5, None, "CNY", "", "money")]),
])
def test_figures_elided_group_opens_a_clause(lang, text, expected):
    _check_labelled(lang, text, expected)


@pytest.mark.parametrize("lang,text,expected", [
    ("zh", "五个人一起开网店。", [("五个人", 5.0, None, "people", "", "count")]),
    ("zh", "培养了5个人才。", [("5个人才", 5.0, None, "talents", "", "count")]),
    ("zh", "启动了3个人工智能项目。", [("3个", 3.0, None, "items", "", "count")]),
    ("zh", "三年后再看效果。", []),
    ("zh", "5天后发货。", []),
    ("zh", "来了一两个人。", []),
    ("en", "The 7-Eleven store opened.", []),
    ("en", "It is a 3-in-1 device.", []),
    ("en", "The 2-day-old calf was sold.", [("2-day-old", 2.0, None, "day", "", "age")]),
    ("en", "The baby is 6 months old.", [("6 months old", 6.0, None, "month", "", "age")]),
    ("en", "A 5-yuan ticket is cheap.", [("5-yuan", 5.0, None, "CNY", "", "money")]),
    ("en", "It took 3-5 years.", [("3-5 years", 3.0, 5.0, "year", "range", "duration")]),
])
def test_figures_classifier_split_relative_durations_and_hyphen_glue(lang, text, expected):
    _check_labelled(lang, text, expected)


# --- issue 3: partitive counts, ratio shares, currency ranges, people nouns before 人/名/位, "and a half"
ISSUE3_CASES = [
    # word numeral + of its/of the + noun: a count of that noun
    ("en", "The storm hit seven of its counties and cities.",
     [("seven of its counties and cities", 7, None, "counties and cities", "")]),
    ("en", "Two of the largest banks failed last year.", [("Two of the largest banks", 2, None, "banks", "")]),
    ("en", "Nine of their stores closed.", [("Nine of their stores", 9, None, "stores", "")]),
    ("en", "One of the banks failed.", []),
    ("es", "La empresa cerró tres de sus cooperativas.", [("tres de sus cooperativas", 3, None, "cooperatives", "")]),
    ("es", "Cuatro de las tiendas abrieron en mayo.", [("Cuatro de las tiendas", 4, None, "stores", "")]),
    ("es", "Uno de los bancos quebró.", []),
    # N in M / N de cada M: a share of a group
    ("en", "One in three adults owns a car.", [("One in three", 33.333, None, "%", "")]),
    ("en", "Nearly 4 out of 10 households lack running water.", [("4 out of 10", 40, None, "%", "nearly")]),
    ("en", "Three in five voters backed the plan.", [("Three in five", 60, None, "%", "")]),
    ("en", "He finished the work in 10 years.", [("10 years", 10, None, "year", "")]),
    ("en", "The firm sells a 2 in 1 laptop.", []),
    ("en", "Sales grew 5 in 2020.", []),
    ("es", "Uno de cada tres adultos tiene coche.", [("Uno de cada tres", 33.333, None, "%", "")]),
    ("es", "Dos de cada diez jóvenes no estudian.", [("Dos de cada diez", 20, None, "%", "")]),
    ("zh", "三分之一的村民外出务工。", [("三分之一", 33.333, None, "%", "")]),
    # from X to Y with the currency/unit on both ends: one range, unless a change verb precedes
    ("en", "Tickets cost from $5 to $8.", [("$5 to $8", 5, 8, "USD", "range")]),
    ("en", "Rooms cost $40-$60 a night.", [("$40-$60", 40, 60, "USD", "range")]),
    ("en", "Salaries range from $1.5 million to $2 million.", [("$1.5 million to $2 million", 1.5e6, 2e6, "USD", "range")]),
    ("en", "Meals cost from 5 yuan to 8 yuan each.", [("5 yuan to 8 yuan", 5, 8, "CNY", "range")]),
    ("en", "Fares cost between 3 dollars and 4 dollars.", [("3 dollars and 4 dollars", 3, 4, "USD", "range")]),
    ("en", "Prices ranged from 5 to 8 yuan.", [("5 to 8 yuan", 5, 8, "CNY", "range")]),
    ("en", "Prices rose from $5 to $8.", [("$5", 5, None, "USD", ""), ("$8", 8, None, "USD", "")]),
    ("en", "Sales fell from $10 billion to $8 billion.", [("$10 billion", 1e10, None, "USD", ""),
                                                        ("$8 billion", 8e9, None, "USD", "")]),
    ("en", "He paid 5 dollars and she paid 8 dollars.", [("5 dollars", 5, None, "USD", ""), ("8 dollars", 8, None, "USD", "")]),
    ("es", "Las entradas cuestan de 5 a 8 euros.", [("5 a 8 euros", 5, 8, "EUR", "range")]),
    ("es", "El menú cuesta de 5 euros a 8 euros.", [("5 euros a 8 euros", 5, 8, "EUR", "range")]),
    ("es", "El alquiler cuesta entre 300 euros y 500 euros.", [("300 euros y 500 euros", 300, 500, "EUR", "range")]),
    ("es", "El precio subió de 5 euros a 8 euros.", [("5 euros", 5, None, "EUR", ""), ("8 euros", 8, None, "EUR", "")]),
    ("es", "El menú cuesta 12,50 € por persona.", [("12,50 €", 12.5, None, "EUR", "")]),
    ("es", "La entrada cuesta entre 5 € y 8 €.", [("5 € y 8 €", 5, 8, "EUR", "range")]),
    ("es", "El billete pasó de 5 € a 8 €.", [("5 €", 5, None, "EUR", ""), ("8 €", 8, None, "EUR", "")]),
    ("zh", "每张门票5元到8元。", [("5元到8元", 5, 8, "CNY", "range")]),
    ("zh", "价格从5元增加到8元。", [("5元", 5, None, "CNY", ""), ("8元", 8, None, "CNY", "")]),
    ("zh", "门票从5元到8元不等。", [("5元到8元", 5, 8, "CNY", "range")]),
    ("zh", "每期学员由30人到50人不等。", [("30人到50人", 30, 50, "people", "range")]),
    ("zh", "收入从5万元到8万元,增长明显。", [("5万元", 5e4, None, "CNY", ""), ("8万元", 8e4, None, "CNY", "")]),
    ("zh", "价格由10元降到6元。", [("10元", 10, None, "CNY", ""), ("6元", 6, None, "CNY", "")]),
    # Chinese people counts: a people noun right before the number names what 人/名/位 count
    ("zh", "今年共培训学员2000余人。", [("2000余人", 2000, None, "trainees", "over")]),
    ("zh", "公司现有员工300名。", [("300名", 300, None, "employees", "")]),
    ("zh", "活动吸引志愿者120位参加。", [("120位", 120, None, "volunteers", "")]),
    ("zh", "带动就业2000余人。", [("2000余人", 2000, None, "people", "over")]),
    ("zh", "园区企业200人参加培训。", [("200人", 200, None, "people", "")]),
    ("zh", "景区接待游客75万人次。", [("75万人次", 750000, None, "person-times", "")]),
    ("zh", "带动农户300多户增收。", [("300多户", 300, None, "households", "over")]),
    # "and a half" before a scale word
    ("en", "The city has 1 and a half million residents.", [("1 and a half million residents", 1.5e6, None, "residents", "")]),
    ("en", "It cost two and a half million dollars.", [("two and a half million dollars", 2.5e6, None, "USD", "")]),
    ("en", "Three and a half billion people use it.", [("Three and a half billion people", 3.5e9, None, "people", "")]),
    ("en", "He waited two and a half years.", [("two and a half years", 2.5, None, "year", "")]),
    ("en", "Each pays two or three thousand yuan.", [("two or three thousand yuan", 2000, 3000, "CNY", "range")]),
    ("es", "La ciudad tiene un millón y medio de habitantes.", [("un millón y medio de habitantes", 1.5e6, None, "people", "")]),
    ("es", "Invirtió dos millones y medio de euros.", [("dos millones y medio de euros", 2.5e6, None, "EUR", "")]),
    ("es", "Tiene 1 millón y medio de clientes.", [("1 millón y medio de clientes", 1.5e6, None, "customers", "")]),
    ("es", "Cada uno paga dos o tres mil euros.", [("dos o tres mil euros", 2000, 3000, "EUR", "range")]),
]


@pytest.mark.parametrize("lang,text,expected", ISSUE3_CASES)
def test_figures_issue3_partitives_ratios_ranges_people_halves(lang, text, expected):
    _check(lang, text, expected)


# ----------------------------------------------------------------------------- issue 11: breadth by category
def _fig3(lang, text):
    return [(span, value, unit) for span, value, _, unit, _, _ in _figs(lang, text)]


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The deficit widened to -1.2 billion euros.", [("-1.2 billion euros", -1.2e9, "EUR")]),
    ("en", "Core inflation came in at −4.5% in March.", [("−4.5%", -4.5, "%")]),
    ("en", "Growth was minus five percent.", [("minus five percent", -5, "%")]),
    ("en", "Prices moved +0.3 percent.", [("+0.3 percent", 0.3, "%")]),
    ("es", "La inflación se situó en menos 3 por ciento.", [("menos 3 por ciento", -3, "%")]),
    ("es", "La economía creció un -1,5 % en el trimestre.", [("-1,5 %", -1.5, "%")]),
    ("es", "Creció al menos 3 por ciento.", [("3 por ciento", 3, "%")]),          # al menos: at least, no sign
    ("zh", "去年财政赤字为负12亿港元。", [("负12亿港元", -1.2e9, "HKD")]),
    ("zh", "全年利润增长率为负百分之三。", [("负百分之三", -3, "%")]),
    ("zh", "误差为正负5%。", [("5%", 5, "%")]),                                  # 正负: plus or minus, no sign
    ("zh", "GDP为负增长0.5%。", [("负增长0.5%", -0.5, "%")]),
    ("en", "Prices rose 3-5 percent.", [("3-5 percent", 3, "%")]),                 # a range, not a minus
])
def test_issue_11_signs(lang, text, expected):
    assert _fig3(lang, text) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Inflation was 2¼ per cent in May.", [("2¼ per cent", 2.25, "%")]),
    ("en", "The loan carries a rate of 4 1/2 percent.", [("4 1/2 percent", 4.5, "%")]),
    ("en", "Three fifths of the voters backed the plan.", [("Three fifths", 60, "%")]),
    ("es", "Tres octavos de los encuestados no respondieron.", [("Tres octavos", 37.5, "%")]),
    ("es", "La inflación fue del 2½ %.", [("2½ %", 2.5, "%")]),
    ("zh", "十分之七的居民支持该方案。", [("十分之七", 70, "%")]),
    ("zh", "今年增速为2½%。", [("2½%", 2.5, "%")]),
])
def test_issue_11_fractions(lang, text, expected):
    assert [(s, pytest.approx(v, rel=1e-4), u) for s, v, u in expected] == _fig3(lang, text)


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The firm sold 1 234 567 units.", [("1 234 567 units", 1234567, "units")]),
    ("en", "The fund raised Rs 12,34,567 from donors.", [("Rs 12,34,567", 1234567, "INR")]),
    ("en", "Debt reached 1.5e9 dollars.", [("1.5e9 dollars", 1.5e9, "USD")]),
    ("en", "Prices rose zero point five percent.", [("zero point five percent", 0.5, "%")]),
    ("es", "La empresa facturó 1.234,5 millones de euros.", [("1.234,5 millones de euros", 1.2345e9, "EUR")]),
    ("es", "Se invirtieron 450 000 euros en la obra.", [("450 000 euros", 450000, "EUR")]),
    ("zh", "他向学校捐款壹万贰仟元。", [("壹万贰仟元", 12000, "CNY")]),
    ("zh", "售价为一万二元。", [("一万二元", 12000, "CNY")]),
    ("zh", "日本政府债务超过1200兆日元。", [("1200兆日元", 1.2e15, "JPY")]),
    ("zh", "工程投资一 千 五 百万元。", [("一 千 五 百万元", 1.5e7, "CNY")]),
    ("zh", "风电装机容量为5兆瓦。", [("5兆瓦", 5, "megawatts")]),                 # 兆瓦: mega, not 10^12
])
def test_issue_11_grouping_and_numerals(lang, text, expected):
    assert _fig3(lang, text) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The ticket costs 5 € at the door.", [("5 €", 5, "EUR")]),
    ("en", "The visa fee is 100 ₾.", [("100 ₾", 100, "GEL")]),
    ("en", "The club paid 48.5 MGBP for the striker.", [("48.5 MGBP", 4.85e7, "GBP")]),
    ("en", "The bond raised US$ 1MM.", [("US$ 1MM", 1e6, "USD")]),
    ("en", "Kenya borrowed KES 20 billion.", [("KES 20 billion", 2e10, "KES")]),
    ("en", "Imports cost 12 billion Brazilian reais.", [("12 billion Brazilian reais", 1.2e10, "BRL")]),
    ("es", "Se pagaron 800 florines neerlandeses.", [("800 florines neerlandeses", 800, "NLG")]),
    ("es", "Pemex perdió 300 mdd.", [("300 mdd", 3e8, "USD")]),
    ("es", "El club pagó 80 M€ por el delantero.", [("80 M€", 8e7, "EUR")]),
    ("zh", "台积电计划投资5306亿台币。", [("5306亿台币", 5.306e11, "TWD")]),
    ("zh", "交易额为USD 500万。", [("USD 500万", 5e6, "USD")]),
    ("en", "ALL 5 of them came.", []),                                              # ALL is a word, not Albanian lek
])
def test_issue_11_currencies(lang, text, expected):
    assert _fig3(lang, text) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "A first-class stamp costs 197 pence.", [("197 pence", 1.97, "GBP")]),
    ("en", "Bananas sell for 99p each.", [("99p", 0.99, "GBP")]),
    ("es", "La tarifa subió 14,27 centavos de dólar.", [("14,27 centavos de dólar", 0.1427, "USD")]),
    ("zh", "公交票价为8毛。", [("8毛", 0.8, "CNY")]),
    ("zh", "邮票面值为80美分。", [("80美分", 0.8, "USD")]),
    ("en", "It cost two dollars and three cents.", [("two dollars and three cents", 2.03, "USD")]),
    ("es", "El billete cuesta 15 dólares 50.", [("15 dólares 50", 15.5, "USD")]),
    ("es", "Cuesta dos euros y cincuenta céntimos.", [("dos euros y cincuenta céntimos", 2.5, "EUR")]),
    ("zh", "一斤苹果卖五元三毛。", [("五元三毛", 5.3, "CNY")]),
    ("zh", "他只找回了两美元又三美分。", [("两美元又三美分", 2.03, "USD")]),
    ("zh", "西瓜每斤卖八块五。", [("八块五", 8.5, "CNY")]),
    ("zh", "一共花了12元8角5分。", [("12元8角5分", 12.85, "CNY")]),
])
def test_issue_11_minor_units_and_compound_amounts(lang, text, expected):
    assert [(s, pytest.approx(v), u) for s, v, u in expected] == _fig3(lang, text)


@pytest.mark.parametrize("lang,text,expected", [
    ("es", "El cambio se situó en 6,33 yuanes por dólar.", [("6,33 yuanes por dólar", 6.33, "CNY/USD", "rate")]),
    ("en", "The yuan traded at 7.1 yuan per dollar.", [("7.1 yuan per dollar", 7.1, "CNY/USD", "rate")]),
    ("zh", "当日1美元兑6.9元人民币。", [("1美元兑6.9元人民币", 6.9, "CNY/USD", "rate")]),
    ("zh", "人民币汇率为7.2元人民币兑1美元。", [("7.2元人民币兑1美元", 7.2, "CNY/USD", "rate")]),
    # a price per unit of goods stays money (annotation guidelines): 6,49 yuanes por kilo
    ("es", "El melón se vende a 6,49 yuanes por kilo.", [("6,49 yuanes", 6.49, "CNY", "money")]),
    ("zh", "猪肉价格为每斤15元。", [("15元", 15, "CNY", "money")]),
])
def test_issue_11_rates(lang, text, expected):
    assert [(s, v, u, lab) for s, v, _, u, _, lab in _figs(lang, text)] == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The central bank raised rates by 25 basis points.", [("25 basis points", 0.25, "pp")]),
    ("es", "La inflación fue del 3,4 por cien.", [("3,4 por cien", 3.4, "%")]),
    ("es", "El consumo cayó un diez por ciento.", [("diez por ciento", 10, "%")]),
    ("es", "La tasa es del 15 por 100.", [("15 por 100", 15, "%")]),
    ("zh", "同比增长百分之零点八。", [("百分之零点八", 0.8, "%")]),
    ("zh", "央行下调利率25个基点。", [("25个基点", 0.25, "pp")]),
])
def test_issue_11_percent_forms(lang, text, expected):
    assert _fig3(lang, text) == expected


@pytest.mark.parametrize("lang,text", [
    ("en", "Call us at +1 202 555 0147 today."), ("en", "Update to version 2.3.1 today."), ("en", "The flight leaves at 14:45."),
    ("es", "Llame al 915 123 456 para más información."), ("es", "El tren sale a las 18.45 horas."),
    ("es", "Marque el 900 100 200 gratis."), ("zh", "咨询热线400-800-1234。"), ("zh", "身份证号码为110101199003071234。"),
])
def test_issue_11_not_figures(lang, text):
    assert _figs(lang, text) == []


@pytest.mark.parametrize("lang,text,expected", [
    ("es", "Se emitieron $ 125 millones de bonos.", [("$ 125 millones", 1.25e8, "USD")]),   # the span stops at the scale
    ("es", "El precio era dólar 22500000.", [("dólar 22500000", 2.25e7, "USD")]),
    ("es", "Votaron veinte veinticincoavos de los socios.", [("veinte veinticincoavos", 80, "%")]),
    ("en", "It holds a 12.5pc stake.", [("12.5pc", 12.5, "%")]),
])
def test_issue_11_spans_and_rare_forms(lang, text, expected):
    assert _fig3(lang, text) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("zh", "全程约3又四分之一公里。", [("3又四分之一公里", 3.25, "kilometers")]),
    ("zh", "工程历时一又二分之一年。", [("一又二分之一年", 1.5, "year")]),
    ("en", "About ⅔ of voters backed it.", [("⅔", 66.667, "%")]),
    ("es", "Cerca de 1/3 de la población.", [("1/3", 33.333, "%")]),
    ("en", "It happened on 3/4 of May.", []),                                    # a date, not a share
    ("en", "Chapter 5 p. 23.", []),                                             # a page, not pence
])
def test_issue_11_mixed_numbers_and_digit_shares(lang, text, expected):
    assert _fig3(lang, text) == expected


@pytest.mark.parametrize("text,expected", [
    ("增长百分之五到百分之十。", [("百分之五到百分之十", 5, 10, "%", "range", "percent")]),
    ("仅占百分之一。", [("百分之一", 1, None, "%", "", "percent")]),
])
def test_issue_11_zh_percent_ranges(text, expected):
    assert _figs("zh", text) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("zh", "基金支付了300USD。", [("300USD", 300, "USD")]),
    ("en", "The fee was RMB300 last year.", [("RMB300", 300, "CNY")]),
    ("en", "The fee was Rs300 last year.", [("Rs300", 300, "INR")]),
    ("es", "La tarifa fue 300 CHF el año pasado.", [("300 CHF", 300, "CHF")]),
    ("en", "The G20 summit opened.", []),
    ("zh", "5G网络覆盖全村。", []),
])
def test_issue_11_glued_codes_and_symbols(lang, text, expected):
    assert _fig3(lang, text) == expected


@pytest.mark.parametrize("lang,text", [("zh", "共5"), ("en", "paid 5"), ("es", "pagó 5"), ("zh", "5"), ("en", "5")])
def test_issue_11_number_at_text_end(lang, text):
    assert _figs(lang, text) == []          # the unit lookahead stops at the end of the text


def test_issue_11_headline_figure_period_from_the_text_not_the_publication():
    from pipeline.extractors.figures import extract as figures
    from pipeline.ingest import ingest_text
    doc = ingest_text("Xinjiang's foreign trade up 23.68 pct in 2023 | Xinhua | 2024-01-17\n\n"
                      "新华社乌鲁木齐1月17日电 新疆外贸进出口总值3573.2亿元。\n", "h", reference_date="2024-01-17")
    periods = {m.text: m.period for m in figures(doc)}
    assert periods["23.68 pct"] == "2023"
    assert periods["3573.2亿元"] != "2024-01-17"      # a dateline is the publication, not a period
