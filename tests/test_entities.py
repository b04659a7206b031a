"""Tests for pipeline.extractors.entities (issue 4): find, resolve, canonical, extract."""
from __future__ import annotations

import pytest

from pipeline.extractors.entities import extract, find, resolve
from pipeline.extractors.entities.canonical import looks_pinyin, person_zh, proper_zh
from pipeline.extractors.entities.latin import find_latin
from pipeline.extractors.entities.lexicon import lexicon
from pipeline.extractors.entities.zh import find_zh
from pipeline.ingest import ingest_text


def _entities(text: str, lang: str | None = None) -> list:
    doc = ingest_text(text, doc_id="t", lang=lang, reference_date="2024-06-15")
    return list(extract(doc))


def _table(text: str, lang: str | None = None) -> dict[str, tuple[str, str]]:
    return {m.text: (m.label, m.canonical) for m in _entities(text, lang)}


# (lang, text, expected: surface → (label, canonical))
CASES_ZH = [
    ("zh", "新疆阿克苏地区温宿县的核桃远销海外。",
     {"新疆": ("PLACE", "Xinjiang"), "阿克苏地区": ("PLACE", "Aksu Prefecture"), "温宿县": ("PLACE", "Wensu County")}),
    ("zh", "喀什地区莎车县巴旦木种植面积持续扩大。",
     {"喀什地区": ("PLACE", "Kashgar Prefecture"), "莎车县": ("PLACE", "Yarkant County"), "巴旦木": ("PRODUCT", "badam")}),
    ("zh", "莎车巴旦木和库尔勒香梨都是新疆的名优特产。",
     {"莎车巴旦木": ("PRODUCT", "Yarkant badam"), "库尔勒香梨": ("PRODUCT", "Korla fragrant pear")}),
    ("zh", "和田地区墨玉县托胡拉乡的农民通过直播卖红枣。",
     {"和田地区": ("PLACE", "Hotan Prefecture"), "墨玉县": ("PLACE", "Karakax County"),
      "托胡拉乡": ("PLACE", "Tuohula Township")}),
    ("zh", "伊犁哈萨克自治州霍城县的薰衣草吸引了大批游客。",
     {"伊犁哈萨克自治州": ("PLACE", "Ili Kazak Autonomous Prefecture"), "霍城县": ("PLACE", "Huocheng County")}),
    ("zh", "巴音郭楞蒙古自治州库尔勒市的香梨丰收了。",
     {"巴音郭楞蒙古自治州": ("PLACE", "Bayingolin Mongol Autonomous Prefecture"), "库尔勒市": ("PLACE", "Korla City")}),
    ("zh", "乌鲁木齐市和克拉玛依市的数字经济增速领先。",
     {"乌鲁木齐市": ("PLACE", "Urumqi City"), "克拉玛依市": ("PLACE", "Karamay City")}),
    ("zh", "吐鲁番的葡萄干和哈密瓜享誉全国。",
     {"吐鲁番": ("PLACE", "Turpan"), "哈密瓜": ("PRODUCT", "Hami melon")}),
    ("zh", "江苏省对口支援伊犁州，广东省对口支援喀什。",
     {"江苏省": ("PLACE", "Jiangsu Province"), "广东省": ("PLACE", "Guangdong Province"), "喀什": ("PLACE", "Kashgar")}),
    ("zh", "新疆维吾尔自治区商务厅发布了最新数据。",
     {"新疆维吾尔自治区商务厅": ("ORG", "Xinjiang Uygur Autonomous Region Department of Commerce")}),
    ("zh", "据喀什地区商务局介绍，今年电商销售额大幅增长。",
     {"喀什地区商务局": ("ORG", "Kashgar Prefecture Commerce Bureau")}),
    ("zh", "江苏省援疆指挥部组织企业赴伊宁考察，省援疆指挥部负责人表示满意。",
     {"江苏省援疆指挥部": ("ORG", "Jiangsu Provincial Xinjiang Aid Headquarters"),
      "省援疆指挥部": ("ORG", "Jiangsu Provincial Xinjiang Aid Headquarters")}),
    ("zh", "若羌县金丝玉枣农民专业合作社成立于2015年。",
     {"若羌县金丝玉枣农民专业合作社": ("ORG", "Ruoqiang County Jinsi Jujube Farmers Specialized Cooperative")}),
    ("zh", "他在昌吉州玛纳斯县创办了天润乳业股份有限公司。",
     {"玛纳斯县": ("PLACE", "Manas County")}),
    ("zh", "拜城县电子商务公共服务中心为群众提供培训。",
     {"拜城县电子商务公共服务中心": ("ORG", None)}),
    ("zh", "会长王建国介绍，协会已有会员企业200多家。", {"王建国": ("PERSON", "Wang Jianguo")}),
    ("zh", "县委书记李明华表示，要把电商作为富民产业。", {"李明华": ("PERSON", "Li Minghua")}),
    ("zh", "“我们村的杏子今年卖得特别好。”村民张秀英说。", {"张秀英": ("PERSON", "Zhang Xiuying")}),
    ("zh", "本报记者 王小丽 摄", {"王小丽": ("PERSON", "Wang Xiaoli")}),
    ("zh", "主播阿依古丽·吐尔逊每天直播三个小时。", {"阿依古丽·吐尔逊": ("PERSON", "Ayiguli Tuerxun")}),
    ("zh", "买买提·艾力在喀什老城开了一家手工艺品店。",
     {"买买提·艾力": ("PERSON", "Maimaiti Aili"), "喀什": ("PLACE", "Kashgar")}),
    ("zh", "欧阳晓峰说，物流成本已经明显下降。", {"欧阳晓峰": ("PERSON", "Ouyang Xiaofeng")}),
    ("zh", "农户们在淘宝、抖音和快手上开设了网店。",
     {"淘宝": ("PLATFORM", "Taobao"), "抖音": ("PLATFORM", "Douyin"), "快手": ("PLATFORM", "Kuaishou")}),
    ("zh", "拼多多和京东也推出了新疆特产专区，小红书上相关笔记很多。",
     {"拼多多": ("PLATFORM", "Pinduoduo"), "京东": ("PLATFORM", "JD.com"), "小红书": ("PLATFORM", "Xiaohongshu")}),
    ("zh", "第八届中国—亚欧博览会在乌鲁木齐开幕。",
     {"中国—亚欧博览会": ("EVENT_NAME", "China-Eurasia Expo"), "乌鲁木齐": ("PLACE", "Urumqi")}),
    ("zh", "首届喀什地区直播电商大赛吸引了300名选手。",
     {"喀什地区直播电商大赛": ("EVENT_NAME", "Kashgar Prefecture Livestreaming E-commerce Competition")}),
    ("zh", "2023年和田地区电商产业发展大会在和田市举行。",
     {"和田地区电商产业发展大会": ("EVENT_NAME", "Hotan Prefecture E-commerce Industry Development Conference"),
      "和田市": ("PLACE", "Hotan City")}),
    ("zh", "商务部和农业农村部联合开展“数商兴农”行动。",
     {"商务部": ("ORG", "Ministry of Commerce"), "农业农村部": ("ORG", "Ministry of Agriculture and Rural Affairs")}),
    ("zh", "新华社乌鲁木齐5月16日电", {"新华社": ("ORG", "Xinhua"), "乌鲁木齐": ("PLACE", "Urumqi")}),
    ("zh", "游客可以从天山天池一路向南前往塔克拉玛干沙漠。",
     {"天山天池": ("PLACE", "Tianchi Lake"), "塔克拉玛干沙漠": ("PLACE", "Taklimakan Desert")}),
    ("zh", "霍尔果斯口岸每天通行的中欧班列越来越多。",
     {"霍尔果斯口岸": ("PLACE", "Khorgos Port"), "中欧班列": ("ORG", "China-Europe Railway Express")}),
    ("zh", "新疆的产品出口到哈萨克斯坦、吉尔吉斯斯坦和俄罗斯。",
     {"哈萨克斯坦": ("PLACE", "Kazakhstan"), "吉尔吉斯斯坦": ("PLACE", "Kyrgyzstan"), "俄罗斯": ("PLACE", "Russia")}),
    ("zh", "阿勒泰地区布尔津县的喀纳斯景区游客爆满。",
     {"阿勒泰地区": ("PLACE", "Altay Prefecture"), "布尔津县": ("PLACE", "Burqin County")}),
    ("zh", "塔城地区的农产品通过微信小程序销售。", {"塔城地区": ("PLACE", "Tacheng Prefecture"), "微信": ("PLATFORM", "WeChat")}),
    ("zh", "库车市龟兹故城遗址游客数量增加。", {"库车市龟兹故城遗址": ("PLACE", "Kuqa City Qiuci Ancient City Ruins")}),
    ("zh", "新疆生产建设兵团第一师阿拉尔市的红枣远近闻名。",
     {"新疆生产建设兵团": ("ORG", "Xinjiang Production and Construction Corps"), "阿拉尔市": ("PLACE", "Aral City")}),
    ("zh", "阿图什市的无花果通过冷链运往上海。", {"阿图什市": ("PLACE", "Atushi City"), "上海": ("PLACE", "Shanghai")}),
]

CASES_EN = [
    ("en", "Farmers in Aksu prefecture sell walnuts on Taobao and Pinduoduo.",
     {"Aksu prefecture": ("PLACE", "Aksu Prefecture"), "Taobao": ("PLATFORM", "Taobao"),
      "Pinduoduo": ("PLATFORM", "Pinduoduo")}),
    ("en", "Kashgar, in the Xinjiang Uygur autonomous region, is an ancient Silk Road city.",
     {"Kashgar": ("PLACE", "Kashgar"), "Xinjiang Uygur autonomous region": ("PLACE", "Xinjiang Uygur Autonomous Region")}),
    ("en", "Li Na, a 28-year-old livestreamer from Hotan, sells jujubes online.",
     {"Li Na": ("PERSON", "Li Na"), "Hotan": ("PLACE", "Hotan")}),
    ("en", "\"Sales have tripled,\" said Chen Jianhua, director of the county's commerce bureau.",
     {"Chen Jianhua": ("PERSON", "Chen Jianhua")}),
    ("en", "Liu Yang opened a shop in 2018. Liu now employs 30 villagers.",
     {"Liu Yang": ("PERSON", "Liu Yang"), "Liu": ("PERSON", "Liu Yang")}),
    ("en", "Memet Tursun, who runs a cooperative in Shache county, said orders doubled.",
     {"Memet Tursun": ("PERSON", "Memet Tursun"), "Shache county": ("PLACE", "Yarkant County")}),
    ("en", "The Ministry of Commerce said online retail sales rose 11 percent.",
     {"Ministry of Commerce": ("ORG", "Ministry of Commerce")}),
    ("en", "The Xinjiang Academy of Agricultural Sciences trained 500 farmers in Korla.",
     {"Xinjiang Academy of Agricultural Sciences": ("ORG", "Xinjiang Academy of Agricultural Sciences"),
      "Korla": ("PLACE", "Korla")}),
    ("en", "Hami melons and Turpan grapes reach Beijing within 48 hours.",
     {"Hami melons": ("PRODUCT", "Hami melon"), "Turpan grapes": ("PRODUCT", "Turpan grape"),
      "Beijing": ("PLACE", "Beijing")}),
    ("en", "Livestreamers on Douyin and Kuaishou promote Korla pears and Aksu apples.",
     {"Douyin": ("PLATFORM", "Douyin"), "Kuaishou": ("PLATFORM", "Kuaishou"),
      "Korla pears": ("PRODUCT", "Korla fragrant pear"), "Aksu apples": ("PRODUCT", "Aksu apple")}),
    ("en", "Wensu County lies at the foot of the Tianshan Mountains.",
     {"Wensu County": ("PLACE", "Wensu County"), "Tianshan Mountains": ("PLACE", "Tianshan Mountains")}),
    ("en", "Trucks cross the Taklimakan Desert to reach the Tarim Basin oil fields.",
     {"Taklimakan Desert": ("PLACE", "Taklimakan Desert"), "Tarim Basin": ("PLACE", "Tarim Basin")}),
    ("en", "URUMQI, June 3 (Xinhua) -- The China-Eurasia Expo opened on Thursday.",
     {"URUMQI": ("PLACE", "Urumqi"), "Xinhua": ("ORG", "Xinhua"), "China-Eurasia Expo": ("EVENT_NAME", "China-Eurasia Expo")}),
    ("en", "Exports to Kazakhstan and Uzbekistan grew quickly.",
     {"Kazakhstan": ("PLACE", "Kazakhstan"), "Uzbekistan": ("PLACE", "Uzbekistan")}),
    ("en", "Editor: Zhang Xiaomei", {"Zhang Xiaomei": ("PERSON", "Zhang Xiaomei")}),
    ("en", "Goods from Yiwu reach Khorgos by the China-Europe Railway Express.",
     {"Khorgos": ("PLACE", "Khorgos"), "China-Europe Railway Express": ("ORG", "China-Europe Railway Express")}),
    ("en", "Guma County in Hotan prefecture built 120 village e-commerce stations.",
     {"Guma County": ("PLACE", "Guma County"), "Hotan prefecture": ("PLACE", "Hotan Prefecture")}),
    ("en", "Kashi University and the Xinjiang Agricultural University signed an agreement.",
     {"Kashi University": ("ORG", "Kashi University"), "Xinjiang Agricultural University": ("ORG", "Xinjiang Agricultural University")}),
    ("en", "Sales on WeChat and Xiaohongshu, or RedNote, keep growing.",
     {"WeChat": ("PLATFORM", "WeChat"), "Xiaohongshu": ("PLATFORM", "Xiaohongshu"), "RedNote": ("PLATFORM", "Xiaohongshu")}),
    ("en", "Zhejiang province has paired with Aksu since 1997.",
     {"Zhejiang": ("PLACE", "Zhejiang"), "Aksu": ("PLACE", "Aksu")}),
    ("en", "Ms. Gulnar Abdurehim teaches embroidery in Kuqa.",
     {"Gulnar Abdurehim": ("PERSON", "Gulnar Abdurehim"), "Kuqa": ("PLACE", "Kuqa")}),
    ("en", "Huang Wei's online store sells Hotan jade and Atlas silk.",
     {"Huang Wei": ("PERSON", "Huang Wei"), "Hotan jade": ("PRODUCT", "Hotan jade"), "Atlas silk": ("PRODUCT", "Atlas silk")}),
    ("en", "Data from the National Bureau of Statistics show rural incomes rising.",
     {"National Bureau of Statistics": ("ORG", "National Bureau of Statistics")}),
    ("en", "Tourists flock to Sayram Lake and the Nalati Grassland every summer.",
     {"Sayram Lake": ("PLACE", "Sayram Lake"), "Nalati Grassland": ("PLACE", "Nalati Grassland")}),
]

CASES_ES = [
    ("es", "Los agricultores del condado de Wensu venden nueces en Taobao.",
     {"Wensu": ("PLACE", "Wensu County"), "Taobao": ("PLATFORM", "Taobao")}),
    ("es", "La región autónoma uygur de Xinjiang exporta frutas a Kazajistán.",
     {"región autónoma uygur de Xinjiang": ("PLACE", "Xinjiang Uygur Autonomous Region"),
      "Kazajistán": ("PLACE", "Kazakhstan")}),
    ("es", "Según la Agencia Xinhua, las ventas en línea crecieron un 20 por ciento.",
     {"Agencia Xinhua": ("ORG", "Xinhua")}),
    ("es", "El Ministerio de Comercio de China publicó nuevas medidas.",
     {"Ministerio de Comercio": ("ORG", "Ministry of Commerce"), "China": ("PLACE", "China")}),
    ("es", "Gulnur Tohti, quien trabaja en Kashgar, vende alfombras por Douyin.",
     {"Gulnur Tohti": ("PERSON", "Gulnur Tohti"), "Kashgar": ("PLACE", "Kashgar"), "Douyin": ("PLATFORM", "Douyin")}),
    ("es", "Las peras de Korla llegan a Pekín en dos días.",
     {"peras de Korla": ("PRODUCT", "Korla fragrant pear"), "Pekín": ("PLACE", "Beijing")}),
    ("es", "El Centro de formación agrícola de Hotan capacitó a 300 jóvenes.",
     {"Centro de formación agrícola de Hotan": ("ORG", "Hotan Agricultural Training Center")}),
    ("es", "Wang Fang, una joven de Urumqi, transmite en vivo por Kuaishou.",
     {"Wang Fang": ("PERSON", "Wang Fang"), "Urumqi": ("PLACE", "Urumqi"), "Kuaishou": ("PLATFORM", "Kuaishou")}),
    ("es", "Las montañas Tianshan separan el norte y el sur de la región.",
     {"montañas Tianshan": ("PLACE", "Tianshan Mountains")}),
    ("es", "Muchos productos llegan a Europa y a América Latina a través de Tik-Tok.",
     {"Europa": ("PLACE", "Europe"), "América Latina": ("PLACE", "Latin America"), "Tik-Tok": ("PLATFORM", "TikTok")}),
    ("es", "La Universidad de Xinjiang firmó un acuerdo con la ciudad de Hangzhou.",
     {"Universidad de Xinjiang": ("ORG", "Xinjiang University"), "Hangzhou": ("PLACE", "Hangzhou")}),
    ("es", "El distrito de Yarkant tiene más de un millón de habitantes.",
     {"Yarkant": ("PLACE", "Yarkant County")}),
    ("es", "Las manzanas de Aksu se venden en JD.com y Pinduoduo.",
     {"manzanas de Aksu": ("PRODUCT", "Aksu apple"), "JD.com": ("PLATFORM", "JD.com"), "Pinduoduo": ("PLATFORM", "Pinduoduo")}),
    ("es", "La Feria de comercio electrónico de Kashgar reunió a 200 empresas.",
     {"Feria de comercio electrónico de Kashgar": ("EVENT_NAME", "Kashgar E-commerce Fair")}),
    ("es", "La provincia de Zhejiang apoya a la prefectura de Aksu desde hace años.",
     {"Zhejiang": ("PLACE", "Zhejiang"), "Aksu": ("PLACE", "Aksu")}),
]


@pytest.mark.parametrize("lang,text,expected", CASES_ZH + CASES_EN + CASES_ES)
def test_entities_recognizes(lang, text, expected):
    table = _table(text, lang)
    for surface, (label, canonical) in expected.items():
        assert surface in table, f"{surface!r} not found in {table}"
        assert table[surface][0] == label, (surface, table[surface])
        if canonical is not None:
            assert table[surface][1] == canonical, (surface, table[surface])


# (lang, text, surfaces that must NOT be emitted as entities)
NEGATIVE = [
    ("zh", "电商平台和直播平台帮助农民增收，县级电商服务中心覆盖全县。", ["电商平台", "直播平台", "县级电商服务中心"]),
    ("zh", "自治区党委高度重视，全疆各地积极响应。", ["自治区", "全疆"]),
    ("zh", "南北疆的交通条件不断改善，疆内物流更加顺畅。", ["南北疆", "南疆", "疆内"]),
    ("zh", "“一带一路”倡议为丝绸之路经济带建设注入动力。", ["一带一路", "丝绸之路经济带"]),
    ("zh", "培育出不少电商网红，是名副其实的电商创业孵化基地。", ["电商创业孵化基地", "孵化基地"]),
    ("zh", "当地政府出台了扶持政策，农村电商表现尤为突出。", ["当地政府", "政府"]),
    ("zh", "他们成立了7个农民专业合作社，带动周边村民就业。", ["农民专业合作社", "合作社"]),
    ("zh", "“精致柯坪”团队负责人介绍了经验。", ["柯坪"]),
    ("zh", "记者看见不少民族乐手在网络直播间演奏音乐。", ["乐手", "记者"]),
    ("zh", "主播和优质授课教师一起上课。", ["和优质"]),
    ("zh", "即便在偏远地区，公路也已延伸至田间地头。", ["偏远地区"]),
    ("zh", "这个村子被誉为中国民间乐器制作第一村。", ["第一村"]),
    ("en", "The government said the county will build more roads.", ["The", "government", "county"]),
    ("en", "Rural e-commerce, in particular, performed exceptionally well.", ["Rural"]),
    ("en", "Livestreaming has become their new farm tool. Statistics showed growth.", ["Livestreaming", "Statistics"]),
    ("en", "It has integrated remote sensing, GIS, GPS, and communications technology.", ["GIS", "GPS"]),
    ("en", "The country's economy has been affected by the COVID-19 epidemic.", ["COVID-19", "COVID"]),
    ("en", "EXPLORE XINHUANET", ["XINHUANET"]),
    ("en", "Home> Updates", ["Home", "Updates"]),
    ("en", "In May, farmers planted cotton. Today, sales are strong.", ["May", "Today", "In"]),
    ("es", "El Centro ha establecido más de 200 estaciones en todo el distrito.", ["Centro", "El Centro"]),
    ("es", "En la serie de hoy dedicada a \"China sin pobreza\", conoceremos su historia.", ["China sin pobreza", "China"]),
    ("es", "Sin embargo, a muchos agricultores les resulta difícil vender.", ["Sin", "Sin embargo"]),
    ("es", "Para ello, colabora con las cooperativas agrícolas locales.", ["Para"]),
    ("es", "Sobre todo, después del brote de COVID-19, creció el consumo.", ["COVID-19", "Sobre"]),
    ("en", "Officials said the plan will work. Residents agreed.", ["Officials", "Residents"]),
    ("en", "Digital Silk Road projects grow. Smart Farming helps.", ["Digital Silk Road", "Smart Farming"]),
]


@pytest.mark.parametrize("lang,text,absent", NEGATIVE)
def test_entities_skips_generic_and_chrome(lang, text, absent):
    surfaces = {m.text for m in _entities(text, lang)}
    for a in absent:
        assert a not in surfaces, f"{a!r} wrongly emitted: {surfaces}"


@pytest.mark.parametrize("lang,text,outer,inner", [
    ("zh", "浙江省援疆指挥部组织了培训。", "浙江省援疆指挥部", "浙江"),
    ("zh", "阿克苏地区商务局发布消息。", "阿克苏地区商务局", "阿克苏地区"),
    ("zh", "柯坪县红沙河粮油购销有限责任公司总经理接受采访。", "柯坪县红沙河粮油购销有限责任公司", "柯坪县"),
    ("zh", "2024年南疆新电商大会在阿克苏举办。", "南疆新电商大会", "南疆"),
    ("en", "Residents of the Xinjiang Uygur Autonomous Region shop online.", "Xinjiang Uygur Autonomous Region", "Xinjiang"),
    ("en", "He studied at the Xinjiang Potential Education Development Institute.",
     "Xinjiang Potential Education Development Institute", "Xinjiang"),
    ("es", "Trabaja en el Centro de servicios de comercio electrónico de Yarkant.",
     "Centro de servicios de comercio electrónico de Yarkant", "Yarkant"),
])
def test_entities_flat_outermost(lang, text, outer, inner):
    surfaces = [m.text for m in _entities(text, lang)]
    assert outer in surfaces
    assert inner not in surfaces


@pytest.mark.parametrize("lang,text,short,canonical", [
    ("en", "Zhang Wei runs a shop in Jinghe County. Zhang said business is good in Jinghe.", "Zhang", "Zhang Wei"),
    ("en", "Zhang Wei runs a shop in Jinghe County. Zhang said business is good in Jinghe.", "Jinghe", "Jinghe County"),
    ("en", "Bian Mingyao, deputy head of the department, spoke. \"We grew,\" Bian said.", "Bian", "Bian Mingyao"),
    ("en", "Farmers in Foshan Township sell pears. Foshan is small.", "Foshan", None),
    ("en", "Gulnar Tursun sells carpets online. Gulnar said orders doubled.", "Gulnar", "Gulnar Tursun"),
    ("es", "Asidam Kayyum, quien transmite en vivo, vende miel. Asidam trabaja mucho.", "Asidam", "Asidam Kayyum"),
    ("zh", "浙江省援疆指挥部组织培训。近年来，省援疆指挥部投入大量资金。", "省援疆指挥部",
     "Zhejiang Provincial Xinjiang Aid Headquarters"),
    ("zh", "会长郝占军介绍了情况。郝占军见证了电商产业的兴起。", "郝占军", "Hao Zhanjun"),
])
def test_entities_document_alias(lang, text, short, canonical):
    ms = [m for m in _entities(text, lang) if m.text == short]
    assert ms, f"short form {short!r} not found"
    if canonical is not None:
        assert all(m.canonical == canonical for m in ms), [(m.text, m.canonical) for m in ms]


def test_entities_alias_not_inside_collective():
    text = "浙江省援疆指挥部支持电商。省市援疆指挥部帮助建立机制。"
    surfaces = [m.text for m in _entities(text, "zh")]
    assert "市援疆指挥部" not in surfaces


def test_entities_anaphora_region_department():
    text = ("The Xinjiang Uygur autonomous region will expand its digital economy, according to the "
            "region's Department of Industry and Information Technology. Xinjiang has many firms.")
    table = _table(text, "en")
    assert table["Department of Industry and Information Technology"] == (
        "ORG", "Xinjiang Department of Industry and Information Technology")


@pytest.mark.parametrize("name,expected", [
    ("郝占军", "Hao Zhanjun"), ("陆斯超", "Lu Sichao"), ("欧阳晓峰", "Ouyang Xiaofeng"), ("单田芳", "Shan Tianfang"),
    ("曾小红", "Zeng Xiaohong"), ("迪丽妮格·依明", "Dilinige Yiming"), ("米尔扎提·喀米力", "Mierzhati Kamili"),
    ("吕梅", "Lu Mei"), ("朱磊", "Zhu Lei"),
])
def test_entities_canonical_person_pinyin(name, expected):
    assert person_zh(name) == expected


@pytest.mark.parametrize("text,expected", [("加依", "Jiayi"), ("红沙河", "Hongshahe"), ("托胡拉", "Tuohula")])
def test_entities_canonical_proper_pinyin(text, expected):
    assert proper_zh(text) == expected


@pytest.mark.parametrize("word,expected", [
    ("Shujun", True), ("Mingyao", True), ("Wen", True), ("Xiaohong", True),
    ("Kayyum", False), ("Asidam", False), ("Tursun", False), ("Abdurehim", False),
])
def test_entities_looks_pinyin(word, expected):
    assert looks_pinyin(word) is expected


@pytest.mark.parametrize("surface,label,canonical", [
    ("阿克苏", "PLACE", "Aksu"), ("阿克苏市", "PLACE", "Aksu City"), ("阿克苏地区", "PLACE", "Aksu Prefecture"),
    ("新和县", "PLACE", "Xinhe County"), ("新疆维吾尔自治区", "PLACE", "Xinjiang Uygur Autonomous Region"),
    ("库尔勒", "PLACE", "Korla"), ("莎车", "PLACE", "Yarkant County"), ("淘宝网", "PLATFORM", "Taobao"),
    ("浙报", "ORG", "Zhejiang Daily"), ("杭州市", "PLACE", "Hangzhou City"), ("浙江省", "PLACE", "Zhejiang Province"),
])
def test_entities_lexicon_zh(surface, label, canonical):
    entry = lexicon().zh[surface]
    assert (entry.label, entry.canonical) == (label, canonical)


@pytest.mark.parametrize("surface,label,canonical", [
    ("Yarkant", "PLACE", "Yarkant County"), ("Kashi", "PLACE", "Kashgar"), ("Hetian", "PLACE", "Hotan"),
    ("Uqturpan", "PLACE", "Wushi County"), ("Keping", "PLACE", "Kalpin County"), ("Kargilik", "PLACE", "Kargilik County"),
    ("chinadaily.com.cn", "ORG", "China Daily"), ("Tik-Tok", "PLATFORM", "TikTok"), ("URUMQI", "PLACE", "Urumqi"),
    ("región autónoma uygur de Xinjiang", "PLACE", "Xinjiang Uygur Autonomous Region"),
])
def test_entities_lexicon_latin(surface, label, canonical):
    entry = lexicon().latin[surface]
    assert (entry.label, entry.canonical) == (label, canonical)


def test_entities_find_zh_offsets_are_absolute():
    text = "会长郝占军介绍"
    cands = find_zh(text, base=100)
    person = [c for c in cands if c.label == "PERSON"]
    assert person and person[0].start == 102 and person[0].end == 105


def test_entities_find_latin_offsets_are_absolute():
    cands = find_latin("Farmers in Korla sell pears.", base=50, lang="en")
    korla = [c for c in cands if c.text == "Korla"]
    assert korla and korla[0].start == 61 and korla[0].end == 66


def test_entities_find_then_resolve_drops_skip():
    doc = ingest_text("全疆的电商发展很快。", doc_id="t", lang="zh", reference_date="2024-06-15")
    found = find(doc)
    assert any(c.label == "SKIP" for _, cands in found for c in cands)
    assert all(c.label != "SKIP" for _, c in resolve(doc, found))


@pytest.mark.parametrize("text", [
    "新疆阿克苏地区新和县加依村。丽水市援疆指挥部供图\nJinghe County is in Xinjiang. Zhang Wei said so.\n",
    "Source: Xinhua| 2020-05-16 17:05:24|Editor: Lu Hui\r\nURUMQI, May 16 (Xinhua) -- Zhang Wei's shop.",
    "La región autónoma uygur de Xinjiang, en el noroeste de China.",
])
def test_entities_provenance(text):
    doc = ingest_text(text, doc_id="t", lang=None, reference_date="2024-06-15")
    ms = list(extract(doc))
    assert ms
    for m in ms:
        assert doc.raw[m.start:m.end] == m.text
        assert m.kind == "entity" and m.label and m.canonical


def test_entities_byline_reporter():
    text = "今年电商发展迅速\n\n本报记者 陆斯超\n\n资料来源:阿克苏地区商务局 浙报制图:戚建卫\n"
    table = _table(text, "zh")
    assert table["陆斯超"] == ("PERSON", "Lu Sichao")
    assert table["戚建卫"] == ("PERSON", "Qi Jianwei")
    assert table["浙报"] == ("ORG", "Zhejiang Daily")
    assert table["阿克苏地区商务局"] == ("ORG", "Aksu Prefecture Commerce Bureau")


@pytest.mark.parametrize("lang,text,expected", [
    ("zh", "农民通过TikTok和WeChat把Korla pears卖到迪拜。",
     {"TikTok": ("PLATFORM", "TikTok"), "WeChat": ("PLATFORM", "WeChat"), "迪拜": ("PLACE", "Dubai")}),
    ("zh", "（编辑：王静）", {"王静": ("PERSON", "Wang Jing")}),
    ("zh", "理事长买买提江·吾守尔告诉记者，销售额突破500万元。", {"买买提江·吾守尔": ("PERSON", "Maimaitijiang Wushouer")}),
    ("zh", "在沙雅县，县长张伟明表示要让农民分享红利。", {"张伟明": ("PERSON", "Zhang Weiming"), "沙雅县": ("PLACE", "Xayar County")}),
    ("zh", "广州市援疆工作队帮助当地引进了中通快递。",
     {"广州市援疆工作队": ("ORG", "Guangzhou Xinjiang Aid Work Team"), "中通快递": ("ORG", "ZTO Express")}),
    ("zh", "将举办新疆特色农产品产销对接会。",
     {"新疆特色农产品产销对接会": ("EVENT_NAME", None)}),
    ("zh", "公司与盒马、叮咚买菜建立了合作关系。", {"盒马": ("PLATFORM", "Freshippo"), "叮咚买菜": ("PLATFORM", "Dingdong Maicai")}),
    ("en", "Kashgar Prefecture and Hotan Prefecture launched similar programs.",
     {"Kashgar Prefecture": ("PLACE", "Kashgar Prefecture"), "Hotan Prefecture": ("PLACE", "Hotan Prefecture")}),
    ("en", "By Cui Jia in Urumqi | China Daily", {"Cui Jia": ("PERSON", "Cui Jia"), "China Daily": ("ORG", "China Daily")}),
    ("en", "Many young people, like 23-year-old Dilnur, work as hosts. Dilnur's channel is popular.",
     {"Dilnur": ("PERSON", "Dilnur")}),
    ("en", "Experts from Peking University visited the Alashankou Comprehensive Bonded Zone.",
     {"Peking University": ("ORG", "Peking University"),
      "Alashankou Comprehensive Bonded Zone": ("PLACE", "Alashankou Comprehensive Bonded Zone")}),
    ("es", "Según el Departamento de Comercio de Xinjiang, las ventas crecieron.",
     {"Departamento de Comercio de Xinjiang": ("ORG", "Xinjiang Department of Commerce")}),
    ("es", "La Cooperativa de frutas Hongqi de Aksu cuenta con 120 miembros.",
     {"Cooperativa de frutas Hongqi de Aksu": ("ORG", "Aksu Hongqi Fruit Cooperative")}),
    ("es", "La Universidad Agrícola de Xinjiang capacitó a 500 jóvenes.",
     {"Universidad Agrícola de Xinjiang": ("ORG", "Xinjiang Agricultural University")}),
    ("es", "El Festival Internacional de la Uva de Turpan atrajo a miles de turistas.",
     {"Festival Internacional de la Uva de Turpan": ("EVENT_NAME", None)}),
    ("es", "Los productos de Xinjiang, como las uvas de Turpan y los melones de Hami, son populares.",
     {"uvas de Turpan": ("PRODUCT", "Turpan grape"), "melones de Hami": ("PRODUCT", "Hami melon")}),
])
def test_entities_recognizes_more(lang, text, expected):
    table = _table(text, lang)
    for surface, (label, canonical) in expected.items():
        assert surface in table, f"{surface!r} not found in {table}"
        assert table[surface][0] == label, (surface, table[surface])
        if canonical is not None:
            assert table[surface][1] == canonical, (surface, table[surface])


@pytest.mark.parametrize("lang,text,absent", [
    ("zh", "记者马上赶到了现场。", ["马上"]),
    ("zh", "“数商兴农”和“快递进村”工程在阿克苏落地。", ["数商兴农", "快递进村"]),
    ("en", "Digital Farming Takes Root In Remote Xinjiang Villages", ["Digital Farming", "Remote Xinjiang Villages"]),
    ("en", "By Cui Jia in Urumqi", ["Cui Jia in"]),
])
def test_entities_skips_more(lang, text, absent):
    surfaces = {m.text for m in _entities(text, lang)}
    for a in absent:
        assert a not in surfaces, f"{a!r} wrongly emitted: {surfaces}"


@pytest.mark.parametrize("lang,text,expected_present,absent", [
    ("zh", "浙江援建阿克苏电商产业园。", ["阿克苏电商产业园"], ["浙江援建阿克苏电商产业园"]),
    ("zh", "在阿克苏建设电商基地。", ["阿克苏"], ["阿克苏建设电商基地"]),
    ("zh", "新疆投资发展集团有限公司成立。", ["新疆投资发展集团有限公司"], ["新疆"]),
    ("zh", "杭州市援疆指挥部成立遥望商学院阿克苏直播培训基地。", ["遥望商学院阿克苏直播培训基地"], ["阿克苏"]),
    ("en", "Kashgar Opens New E-commerce Center For Farmers", ["Kashgar"], ["Kashgar Opens New E-commerce Center"]),
    ("en", "Delegates to the Chinese People's Political Consultative Conference met in Beijing.",
     ["Chinese People's Political Consultative Conference", "Beijing"], []),
])
def test_entities_clause_and_headline_guards(lang, text, expected_present, absent):
    surfaces = {m.text for m in _entities(text, lang)}
    for e in expected_present:
        assert e in surfaces, (e, surfaces)
    for a in absent:
        assert a not in surfaces, (a, surfaces)


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "By CUI JIA in Urumqi | China Daily", {"CUI JIA": ("PERSON", "Cui Jia")}),
    ("zh", "本报记者 张三丰 李四光", {"张三丰": ("PERSON", "Zhang Sanfeng"), "李四光": ("PERSON", "Li Siguang")}),
    ("zh", "（记者 李晓东 王静）", {"李晓东": ("PERSON", "Li Xiaodong"), "王静": ("PERSON", "Wang Jing")}),
    ("es", "Según la Agencia de Noticias Xinhua, las ventas crecieron.", {"Agencia de Noticias Xinhua": ("ORG", "Xinhua")}),
    ("zh", "阿克苏小伙米尔扎提·喀米力回乡创业。米尔扎提说，直播改变了他的生活。",
     {"米尔扎提": ("PERSON", "Mierzhati Kamili")}),
])
def test_entities_bylines_and_short_names(lang, text, expected):
    table = _table(text, lang)
    for surface, (label, canonical) in expected.items():
        assert table.get(surface) == (label, canonical), (surface, table)


@pytest.mark.parametrize("lang,text,expected_present,absent", [
    ("en", "The county built a new E-commerce Service Center last year.", [], ["E-commerce Service Center"]),
    ("en", "Students of Tsinghua University joined the Rural Revitalization Training Base.", ["Tsinghua University"],
     ["Rural Revitalization Training Base"]),
    ("en", "The Department of Industry and Information Technology released data.",
     ["Department of Industry and Information Technology"], []),
    ("es", "El presidente chino, Xi Jinping, visitó la provincia de Gansu.", ["Xi Jinping", "Gansu"], ["provincia de Gansu"]),
    ("es", "La empresa Xinjiang Guoyuan Agricultural Technology Co., Ltd. exporta a Malasia.",
     ["Xinjiang Guoyuan Agricultural Technology Co., Ltd.", "Malasia"], ["Xinjiang"]),
    ("es", "El director del Centro de Innovación Digital de Urumqi habló.", ["Centro de Innovación Digital de Urumqi"],
     ["Urumqi"]),
    ("zh", "温宿县佳木镇科克库勒村的核桃熟了。", ["温宿县", "佳木镇", "科克库勒村"], []),
    ("zh", "温宿县电商助力乡村振兴。", ["温宿县"], ["电商助力乡"]),
    ("zh", "90后返乡青年阿依努尔·买买提正对着手机镜头介绍。", ["阿依努尔·买买提"], ["阿依努尔·买买提正"]),
])
def test_entities_generalization_guards(lang, text, expected_present, absent):
    surfaces = {m.text for m in _entities(text, lang)}
    for e in expected_present:
        assert e in surfaces, (e, surfaces)
    for a in absent:
        assert a not in surfaces, (a, surfaces)


@pytest.mark.parametrize("lang,text,surface,canonical", [
    ("en", "Tursun Niyaz, 45, sells dried fruit online.", "Tursun Niyaz", "Tursun Niyaz"),
    ("es", "Aygul Ablimit, de 28 años, vende alfombras en línea.", "Aygul Ablimit", "Aygul Ablimit"),
    ("zh", "在郝占军看来，电商传播速度快。", "郝占军", "Hao Zhanjun"),
])
def test_entities_person_cues(lang, text, surface, canonical):
    table = _table(text, lang)
    assert table.get(surface) == ("PERSON", canonical), table


def test_entities_chinese_romanized_alias_is_surname_only():
    text = "Yang Wen teaches online. Yang said Wen Jiabao visited once."
    ms = [(m.text, m.canonical) for m in _entities(text, "en")]
    assert ("Yang", "Yang Wen") in ms
    assert ("Wen", "Yang Wen") not in ms


from hypothesis import given, settings, strategies as st

FRAGMENTS = ["新疆阿克苏地区新和县加依村", "会长郝占军介绍，", "浙江省援疆指挥部", "“精致柯坪”", "。", "\n", "\r\n", "　",
             "Zhang Wei said ", "Jinghe County ", "the region's Department of Commerce ", "Tik-Tok ", "URUMQI, ",
             "región autónoma uygur de Xinjiang ", "Centro de servicios de Yarkant ", "１２％", "（", "）", "😀", " ",
             "迪丽妮格·依明说", "Korla pears", "库尔勒香梨", "Editor: Lu Hui", "\u200b", "ＡＢＣ"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14))
def test_entities_hypothesis_provenance(parts):
    text = "".join(parts)
    doc = ingest_text(text, doc_id="h", lang=None, reference_date="2024-06-15")
    for m in extract(doc):
        assert doc.raw[m.start:m.end] == m.text
        assert m.text.strip() and m.label in {"PLACE", "ORG", "PERSON", "PRODUCT", "PLATFORM", "EVENT_NAME"}


@pytest.mark.parametrize("text", ["", "   ", "。。。", "!!!", "ALL CAPS TEXT WITHOUT NAMES HERE", "a" * 5000,
                                  "新" * 3000])
def test_entities_degenerate_input(text):
    doc = ingest_text(text, doc_id="d", lang=None, reference_date=None)
    assert isinstance(list(extract(doc)), list)


@pytest.mark.parametrize("lang,text,expected,absent", [
    ("en", "Chinese President Xi Jinping visited Urumqi on Tuesday.", {"Xi Jinping": "Xi Jinping"}, ["Chinese President"]),
    ("en", "Governor Erkin Tuniyaz spoke at the meeting.", {"Erkin Tuniyaz": "Erkin Tuniyaz"}, []),
    ("es", "El Presidente Xi Jinping llegó a Urumqi.", {"Xi Jinping": "Xi Jinping"}, []),
    ("en", "The Ministry of Commerce and Director General said so.", {}, ["General", "Director General"]),
])
def test_entities_titles_inside_runs(lang, text, expected, absent):
    table = _table(text, lang)
    for surface, canonical in expected.items():
        assert table.get(surface) == ("PERSON", canonical), table
    for a in absent:
        assert a not in table, table


@pytest.mark.parametrize("lang,text,surface,canonical", [
    # a lowercase province / township / town / village head stays outside the quote (gold style),
    # the canonical keeps the level; county and prefecture are quoted whole
    ("en", "Farmers in Bay village sell apricots.", "Bay", "Bay Village"),
    ("en", "He lives in Luntai county.", "Luntai county", "Luntai County"),
    ("en", "Growers in Minle township sell potatoes.", "Minle", "Minle Township"),
    ("en", "The farm sits in Heilongjiang province.", "Heilongjiang", "Heilongjiang"),
    ("en", "Rice from Jilin province and Aksu prefecture sold well.", "Jilin", "Jilin"),
    ("en", "Officials in Hotan prefecture counted the orders.", "Hotan prefecture", "Hotan Prefecture"),
    ("en", "Shepherds in Hongliu village sell lamb online.", "Hongliu", "Hongliu Village"),
    ("en", "A new road reaches Dawan town this year.", "Dawan", "Dawan Town"),
    ("en", "Orders from Guangdong province doubled.", "Guangdong", "Guangdong"),
    ("es", "La aldea de Jiayi fabrica instrumentos.", "Jiayi", "Jiayi Village"),
])
def test_entities_lowercase_place_heads(lang, text, surface, canonical):
    assert _table(text, lang).get(surface) == ("PLACE", canonical)


@pytest.mark.parametrize("text,surface,canonical", [
    ("La prefectura autónoma mongol de Bayingolin produce peras.", "prefectura autónoma mongol de Bayingolin",
     "Bayingolin Mongol Autonomous Prefecture"),
    ("El condado de Foo tiene 20 aldeas.", "Foo", "Foo County"),
    ("Visitamos la región autónoma uygur de Xinjiang.", "región autónoma uygur de Xinjiang", "Xinjiang Uygur Autonomous Region"),
])
def test_entities_spanish_place_heads(text, surface, canonical):
    assert _table(text, "es").get(surface) == ("PLACE", canonical)


def test_entities_spanish_region_de_is_just_the_place():
    table = _table("La región de Xinjiang exporta frutas.", "es")
    assert table.get("Xinjiang") == ("PLACE", "Xinjiang")
    assert "región de Xinjiang" not in table


def test_entities_chinese_names_inside_english():
    table = _table("Farmers in Aksu (阿克苏) and Kuqa (库车) sell apples.", "en")
    assert table.get("阿克苏") == ("PLACE", "Aksu")
    assert table.get("Kuqa") == ("PLACE", "Kuqa")


@pytest.mark.parametrize("text,surface,canonical", [
    ("By MAO WEIHUA in Kashgar and CUI JIA in Urumqi | CHINA DAILY", "CUI JIA", "Cui Jia"),
    ("Every evening, his daughter Gulbahar streams the workshop live.", "Gulbahar", "Gulbahar"),
    ("The bureau's director, Abdukadir Tohti, said sales rose.", "Abdukadir Tohti", "Abdukadir Tohti"),
])
def test_entities_english_person_contexts(text, surface, canonical):
    assert _table(text, "en").get(surface) == ("PERSON", canonical)


def test_entities_email_is_not_an_outlet():
    assert "chinadaily.com.cn" not in _table("Contact the writers at cuijia@chinadaily.com.cn", "en")


@pytest.mark.parametrize("text,surface,canonical", [
    ("La Cooperativa Agrícola Tianyuan, ubicada en la aldea, tiene 300 miembros.", "Cooperativa Agrícola Tianyuan",
     "Tianyuan Agricultural Cooperative"),
    ("La Universidad Tsinghua firmó un acuerdo.", "Universidad Tsinghua", "Tsinghua University"),
])
def test_entities_spanish_official_names(text, surface, canonical):
    assert _table(text, "es").get(surface) == ("ORG", canonical)


@pytest.mark.parametrize("text", ["El Centro Nacional ha abierto.", "El Centro ha establecido 200 estaciones."])
def test_entities_spanish_bare_heads_are_not_names(text):
    assert not any(m.label == "ORG" for m in _entities(text, "es"))


@pytest.mark.parametrize("text,absent", [
    ("Han Chinese and Uygur farmers work together.", ["Han Chinese"]),
    ("Many Kazak herdsmen now sell lamb online.", ["Kazak"]),
])
def test_entities_ethnonyms_are_not_persons(text, absent):
    table = _table(text, "en")
    for a in absent:
        assert a not in table, table


@pytest.mark.parametrize("lang,text,present,absent", [
    ("en", "The activity was launched in the Hetian walnut market in Hetian.", ["Hetian"], ["Hetian walnut"]),
    ("en", "Hotan walnuts are sold nationwide.", ["Hotan walnuts"], []),
    ("zh", "实现农村物流县有中心、镇有站点。", [], ["县有中心"]),
    ("zh", "中国(新疆)贫困地区特色农产品品牌推介洽谈会暨电商扶贫天山行在乌鲁木齐市启动。",
     ["电商扶贫天山行", "乌鲁木齐市"], ["电商扶贫天山行在乌鲁木齐市启动"]),
    ("zh", "在商务部电子商务和信息化司的指导下开展工作。", ["商务部电子商务和信息化司"], ["商务部"]),
    ("zh", "青河县商务和经济信息化委员会主任李红梅接过授牌。", ["青河县商务和经济信息化委员会", "李红梅"], []),
])
def test_entities_more_guards(lang, text, present, absent):
    surfaces = {m.text for m in _entities(text, lang)}
    for p in present:
        assert p in surfaces, (p, surfaces)
    for a in absent:
        assert a not in surfaces, (a, surfaces)


@pytest.mark.parametrize("text,expected,absent", [
    ("ABDUKAHAR ADIL Founder, Yarkant Sami Agricultural Cooperative \"Sales rose.\"",
     {"ABDUKAHAR ADIL": ("PERSON", "Abdukahar Adil"),
      "Yarkant Sami Agricultural Cooperative": ("ORG", "Yarkant Sami Agricultural Cooperative")}, []),
    ("\"Now I realize it,\" said trainee Aimaljan Aili, expressing his amazement.",
     {"Aimaljan Aili": ("PERSON", "Aimaljan Aili")}, []),
    ("Instructors teach intelligent tools like DeepSeek to trainees.", {}, ["DeepSeek"]),
    ("TOP STORIES", {}, ["TOP STORIES"]),
])
def test_entities_captions_and_roles(text, expected, absent):
    table = _table(text, "en")
    for surface, value in expected.items():
        assert table.get(surface) == value, table
    for a in absent:
        assert a not in table, table


@pytest.mark.parametrize("text,expected,absent", [
    ("天山网-新疆日报记者 拍热扎提·阿不都", {"拍热扎提·阿不都": ("PERSON", "Pairezhati Abudu")}, []),
    ("青年意见领袖奥马尔·易卜拉欣同样对这座纺纱厂赞誉有加。", {"奥马尔·易卜拉欣": ("PERSON", "Aomaer Yibulaxin")}, []),
    ("记者走进昌吉市阿什里乡的小镇。", {"阿什里乡": ("PLACE", "Ashili Township")}, []),
    ("江西已构建省直医院支撑、阿克陶县人民医院帮扶的模式。",
     {"阿克陶县人民医院": ("ORG", "Akto County People's Hospital")}, ["省直医院"]),
    ("在新疆尉犁县利华纺织有限公司纺纱厂参观。",
     {"新疆尉犁县利华纺织有限公司": ("ORG", "Xinjiang Yuli County Lihua Textile Co., Ltd.")}, []),
])
def test_entities_chinese_news_snippets(text, expected, absent):
    table = _table(text, "zh")
    for surface, value in expected.items():
        assert table.get(surface) == value, table
    for a in absent:
        assert a not in table, table


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "His yard is in Darya Boyi, a town located in Taklimakan Desert.",
     {"Darya Boyi": ("PLACE", "Darya Boyi"), "Taklimakan Desert": ("PLACE", "Taklimakan Desert")}),
    ("en", "Agigul Niyazi lives in Wuqia county in Kezilesu Kirgiz autonomous prefecture.",
     {"Kezilesu Kirgiz autonomous prefecture": ("PLACE", "Kizilsu Kirgiz Autonomous Prefecture"),
      "Wuqia county": ("PLACE", "Ulugqat County")}),
    ("es", "Una empleada alimenta a un ternero en Bole, Xinjiang.", {"Bole": ("PLACE", "Bole")}),
    ("es", "Fu Qiang, director de la oficina de agricultura de Bole, señaló la cifra. \"Hemos crecido\", dijo Fu.",
     {"Fu Qiang": ("PERSON", "Fu Qiang"), "Fu": ("PERSON", "Fu Qiang")}),
])
def test_entities_wire_snippets(lang, text, expected):
    table = _table(text, lang)
    for surface, value in expected.items():
        assert table.get(surface) == value, table


@pytest.mark.parametrize("text,expected", [
    ("今年45岁的王大海是村里的致富带头人。", {"王大海": ("PERSON", "Wang Dahai")}),
    ("加依村村委会组织村民参加培训。", {"加依村村委会": ("ORG", "Jiayi Village Committee")}),
])
def test_entities_chinese_age_cue_and_village_bodies(text, expected):
    table = _table(text, "zh")
    for surface, value in expected.items():
        assert table.get(surface) == value, table


# ---------------------------------------------------------------------------------------------
# Second pass (issue 4): categories of errors seen on unseen articles.  Own sentences, no seed text.

def _check(lang, text, expected, absent=()):
    table = _table(text, lang)
    for surface, value in expected.items():
        assert surface in table, f"{surface!r} not found in {table}"
        if value is not None:
            label, canonical = value
            assert table[surface][0] == label, (surface, table[surface])
            if canonical is not None:
                assert table[surface][1] == canonical, (surface, table[surface])
    for a in absent:
        assert a not in table, f"{a!r} wrongly emitted: {table}"


# 1. Spanish multi-word names: "X de Y de Z" → "Z Y X", glossary across "de", surface fallback
@pytest.mark.parametrize("text,surface,label,canonical", [
    ("El Festival de Comercio Electrónico del Melón de Hami abrió sus puertas.",
     "Festival de Comercio Electrónico del Melón de Hami", "EVENT_NAME", "Hami Melon E-commerce Festival"),
    ("La Feria de Comercio Electrónico de la Ruta de la Seda reunió a 300 empresas.",
     "Feria de Comercio Electrónico de la Ruta de la Seda", "EVENT_NAME", "Silk Road E-commerce Fair"),
    ("La Oficina de Comercio de Hotan informó de un aumento de las ventas.",
     "Oficina de Comercio de Hotan", "ORG", "Hotan Commerce Bureau"),
    ("Según el Departamento de Comercio de Gansu, el comercio creció.",
     "Departamento de Comercio de Gansu", "ORG", "Gansu Department of Commerce"),
    ("El Departamento de Agricultura y Asuntos Rurales de Xinjiang publicó datos.",
     "Departamento de Agricultura y Asuntos Rurales de Xinjiang", "ORG",
     "Xinjiang Department of Agriculture and Rural Affairs"),
    ("El Centro de Servicios de Comercio Electrónico de Kuqa atiende a 80 aldeas.",
     "Centro de Servicios de Comercio Electrónico de Kuqa", "ORG", "Kuqa E-commerce Service Center"),
    ("La Feria Internacional de Comercio Electrónico de Kashgar duró tres días.",
     "Feria Internacional de Comercio Electrónico de Kashgar", "EVENT_NAME", "Kashgar International E-commerce Fair"),
    ("La Cooperativa de Frutas Tianhe de Aksu exporta manzanas.",
     "Cooperativa de Frutas Tianhe de Aksu", "ORG", "Aksu Tianhe Fruit Cooperative"),
    ("El Festival de la Cosecha de Korla atrajo a miles de visitantes.",
     "Festival de la Cosecha de Korla", "EVENT_NAME", "Korla Harvest Festival"),
    ("La Semana Cultural de la Uva de Turpan comenzó el lunes.",
     "Semana Cultural de la Uva de Turpan", "EVENT_NAME", None),
    # a word we cannot translate: the surface as written, never a half translation
    ("La Feria de la Sandía Dulce de Hami vendió 20 toneladas.",
     "Feria de la Sandía Dulce de Hami", "EVENT_NAME", "Feria de la Sandía Dulce de Hami"),
    ("El Festival del Cordero Asado de Altay se celebra en otoño.",
     "Festival del Cordero Asado de Altay", "EVENT_NAME", "Festival del Cordero Asado de Altay"),
])
def test_entities_spanish_name_translation(text, surface, label, canonical):
    _check("es", text, {surface: (label, canonical)})


@pytest.mark.parametrize("text", [
    "La Feria de Comercio Electrónico de la Ruta de la Seda reunió a 300 empresas.",
    "El Festival de Comercio Electrónico del Melón de Hami abrió sus puertas.",
    "La Oficina de Comercio de Hotan informó de un aumento de las ventas.",
])
def test_entities_spanish_canonical_has_no_spanish_words(text):
    for m in _entities(text, "es"):
        if m.label in ("ORG", "EVENT_NAME"):
            assert not set(m.canonical.split()) & {"Electrónico", "Comercio", "Ruta", "Seda", "Melón", "Oficina", "de"}, \
                m.canonical


# 2. Spanish admin descriptors: only the name; sites, produce + de + place
@pytest.mark.parametrize("text,expected,absent", [
    ("La provincia de Gansu limita con Xinjiang.", {"Gansu": ("PLACE", "Gansu")}, ["provincia de Gansu"]),
    ("Viajamos a la ciudad de Turpan en tren.", {"Turpan": ("PLACE", "Turpan")}, ["ciudad de Turpan"]),
    ("En el distrito de Yizhou hay muchos huertos.", {"Yizhou": ("PLACE", None)}, ["distrito de Yizhou"]),
    ("La aldea de Yueyaquan vive del turismo.", {"Yueyaquan": ("PLACE", "Yueyaquan Village")}, ["aldea de Yueyaquan"]),
    ("El condado de Shanshan produce melones.", {"Shanshan": ("PLACE", "Shanshan County")}, ["condado de Shanshan"]),
    ("La prefectura de Altay tiene pastos.", {"Altay": ("PLACE", "Altay")}, ["prefectura de Altay"]),
    ("El municipio de Chongqing compra frutas de Xinjiang.", {"Chongqing": ("PLACE", "Chongqing")}, []),
    ("En el distrito de Gaochang, los agricultores secan uvas.", {"Gaochang": ("PLACE", None)}, []),
    ("El pueblo de Tuyugou es antiguo.", {"Tuyugou": ("PLACE", "Tuyugou Village")}, ["pueblo de Tuyugou"]),
    ("El condado de Foobar tiene 20 aldeas.", {"Foobar": ("PLACE", "Foobar County")}, []),
    ("Viven en la región autónoma uygur de Xinjiang.",
     {"región autónoma uygur de Xinjiang": ("PLACE", "Xinjiang Uygur Autonomous Region")}, ["Xinjiang"]),
    ("Los turistas visitan las grutas de Mogao cada verano.", {"grutas de Mogao": ("PLACE", "Mogao Grottoes")}, []),
    ("El lago de Sayram es muy azul.", {"lago de Sayram": ("PLACE", "Sayram Lake")}, []),
    ("Venden albaricoques secos de Dunhuang por internet.",
     {"albaricoques secos de Dunhuang": ("PRODUCT", "Dunhuang dried apricot")}, []),
    ("El goji de Zhongning es famoso.", {"goji de Zhongning": ("PRODUCT", "Zhongning wolfberry")}, []),
    ("La miel de Altay se vende en Shanghái.", {"miel de Altay": ("PRODUCT", "Altay honey")}, []),
    ("Compramos pasas de Turpan y nueces de Hotan.",
     {"pasas de Turpan": ("PRODUCT", "Turpan raisin"), "nueces de Hotan": ("PRODUCT", "Hotan walnut")}, []),
])
def test_entities_spanish_places_and_produce(text, expected, absent):
    _check("es", text, expected, absent)


# 3./4. English: no leading article; lowercase China Daily institutions
@pytest.mark.parametrize("text,expected,absent", [
    ("Trucks queue at the Kashgar Comprehensive Bonded Zone every morning.",
     {"Kashgar Comprehensive Bonded Zone": ("PLACE", None)}, ["the Kashgar Comprehensive Bonded Zone"]),
    ("The Urumqi Economic and Technological Development Zone hosts 30 firms.",
     {"Urumqi Economic and Technological Development Zone": ("PLACE", None)}, []),
    ("The China (Xinjiang) Pilot Free Trade Zone was launched in 2023.",
     {"China (Xinjiang) Pilot Free Trade Zone": ("PLACE", None)}, ["The China (Xinjiang) Pilot Free Trade Zone"]),
    ("According to the Altay prefectural commerce bureau, sales doubled.",
     {"Altay prefectural commerce bureau": ("ORG", "Altay Prefecture Commerce Bureau")}, []),
    ("The Altay commerce bureau organized a livestreaming contest.",
     {"Altay commerce bureau": ("ORG", "Altay Commerce Bureau")}, []),
    ("Data from the Hami city commerce bureau show growth.",
     {"Hami city commerce bureau": ("ORG", "Hami City Commerce Bureau")}, []),
    ("Officials of the Kashgar prefecture agriculture and rural affairs bureau visited farms.",
     {"Kashgar prefecture agriculture and rural affairs bureau": (
         "ORG", "Kashgar Prefecture Agriculture and Rural Affairs Bureau")}, []),
    ("The Hotan e-commerce association trained 200 young people.",
     {"Hotan e-commerce association": ("ORG", "Hotan E-commerce Association")}, []),
    ("Members of the Aksu walnut cooperative sell online.", {"Aksu walnut cooperative": ("ORG", None)}, []),
    ("The county's commerce bureau said the plan works.", {}, ["commerce bureau", "county's commerce bureau"]),
    ("The bureau of commerce in the prefecture said so.", {}, ["bureau of commerce"]),
])
def test_entities_english_zones_and_lowercase_orgs(text, expected, absent):
    _check("en", text, expected, absent)


# 5. Named events
@pytest.mark.parametrize("lang,text,expected,absent", [
    ("en", "Sales hit a record during the Double 11 shopping festival.",
     {"Double 11 shopping festival": ("EVENT_NAME", "Double 11 Shopping Festival")}, ["Double 11"]),
    ("en", "The 8th China-Eurasia Expo opened in Urumqi.", {"China-Eurasia Expo": ("EVENT_NAME", "China-Eurasia Expo")},
     ["8th China-Eurasia Expo"]),
    ("en", "The Turpan grape festival draws tourists.", {"Turpan grape festival": ("EVENT_NAME", "Turpan Grape Festival")},
     []),
    ("en", "The Korla pear blossom festival opened on Saturday.",
     {"Korla pear blossom festival": ("EVENT_NAME", None)}, []),
    ("en", "The Kashgar trade fair attracted buyers from Pakistan.",
     {"Kashgar trade fair": ("EVENT_NAME", "Kashgar Trade Fair")}, []),
    ("zh", "吐鲁番举办葡萄干文化周，吸引大批游客。", {"葡萄干文化周": ("EVENT_NAME", "Raisin Culture Week")}, []),
    ("zh", "新疆特色农产品网络年货节正式启动。",
     {"新疆特色农产品网络年货节": ("EVENT_NAME", None)}, ["网络年货节"]),
    ("zh", "第八届中国—亚欧博览会吸引了众多客商。", {"中国—亚欧博览会": ("EVENT_NAME", "China-Eurasia Expo")},
     ["第八届中国—亚欧博览会"]),
    ("zh", "第三届阿克苏苹果采摘节将于10月开幕。", {"阿克苏苹果采摘节": ("EVENT_NAME", None)}, []),
    ("zh", "轮台县举办杏花节，游客纷至沓来。", {"轮台县": ("PLACE", "Luntai County")}, []),
    ("zh", "库尔勒香梨文化旅游节在库尔勒市开幕。", {"库尔勒香梨文化旅游节": ("EVENT_NAME", None)}, []),
    ("es", "La Exposición China-Eurasia se celebra en Urumqi.",
     {"Exposición China-Eurasia": ("EVENT_NAME", "China-Eurasia Expo")}, []),
])
def test_entities_event_names(lang, text, expected, absent):
    _check(lang, text, expected, absent)


# 6. False positives: verb phrase + 村; single capitalized common words as persons
@pytest.mark.parametrize("lang,text,absent", [
    ("zh", "吐鲁番市推动快递进村，打通最后一公里。", ["推动快递进村", "快递进村"]),
    ("zh", "哈密市实现电商服务到村，物流下乡到村。", ["服务到村", "下乡到村"]),
    ("zh", "喀什地区加快推进寄递物流进村入户。", ["物流进村", "进村"]),
    ("zh", "阿克苏地区全面推动电商进乡镇。", ["电商进乡镇"]),
    ("en", "The Chinese New Year has been celebrated in Hami.", ["Year", "New Year"]),
    ("en", "Happy New Year was the greeting. Year-end sales was strong.", ["Year"]),
    ("en", "The Spring Festival has always been busy for couriers.", ["Festival", "Spring"]),
    ("en", "The Silk Road has shaped the region for centuries.", ["Road", "Silk Road"]),
    ("es", "El Año Nuevo chino dijo adiós al invierno.", ["Nuevo", "Año"]),
])
def test_entities_false_positive_guards(lang, text, absent):
    surfaces = {m.text for m in _entities(text, lang)}
    for a in absent:
        assert a not in surfaces, (a, surfaces)


@pytest.mark.parametrize("text,surface", [
    ("Mr. Tursun has opened a second shop.", "Tursun"),
    ("Villager Aynur said the apricots sold out.", "Aynur"),
])
def test_entities_single_person_with_cue_still_found(text, surface):
    assert _table(text, "en").get(surface, ("",))[0] == "PERSON"


# 7. Interpunct (Uygur) names run over the whole transcription
@pytest.mark.parametrize("text,surface,canonical", [
    ("热依拉·阿不来提介绍，今年合作社销量翻番。", "热依拉·阿不来提", "Reyila Abulaiti"),
    ("通讯员 热依拉·阿不来提 摄", "热依拉·阿不来提", "Reyila Abulaiti"),
    ("店主阿不都热依木·买买提说生意越来越好。", "阿不都热依木·买买提", "Abudureyimu Maimaiti"),
    ("古丽米拉·阿不来提今年开了网店。", "古丽米拉·阿不来提", None),
    ("主播阿依古丽·吐尔逊每天直播三小时。", "阿依古丽·吐尔逊", "Ayiguli Tuerxun"),
    ("阿克苏小伙艾尔肯·吐尔洪在直播间推介红枣。", "艾尔肯·吐尔洪", None),
    ("艾力和阿依努尔·买买提在喀什开店。", "阿依努尔·买买提", "Ayinuer Maimaiti"),
    ("村民买买提明·阿不来提说，杏子卖得很好。", "买买提明·阿不来提", None),
])
def test_entities_interpunct_names_whole(text, surface, canonical):
    table = _table(text, "zh")
    assert surface in table, table
    assert table[surface][0] == "PERSON"
    if canonical is not None:
        assert table[surface][1] == canonical
    assert not any(s != surface and s in surface and v[0] == "PERSON" and "·" in s for s, v in table.items())


# 8. Chinese role cues before a name
@pytest.mark.parametrize("text,surface,canonical", [
    ("采购商陈家明说，哈密瓜品质很好。", "陈家明", "Chen Jiaming"),
    ("今年销量翻番。（责任编辑:马丽娟）", "马丽娟", "Ma Lijuan"),
    ("记者 王东升 报道", "王东升", "Wang Dongsheng"),
    ("客商李文博在展会上签下订单。", "李文博", "Li Wenbo"),
    ("店主张小明说生意很好。", "张小明", "Zhang Xiaoming"),
    ("农户赵桂兰种了十亩红枣。", "赵桂兰", "Zhao Guilan"),
    ("村支书马建军介绍了情况。", "马建军", "Ma Jianjun"),
    ("公司负责人刘洋表示将扩大生产。", "刘洋", "Liu Yang"),
    ("总经理周海涛告诉记者，订单增加了。", "周海涛", "Zhou Haitao"),
    ("创始人孙丽华回忆起创业经历。", "孙丽华", "Sun Lihua"),
    ("研究员黄志强指出了问题。", "黄志强", "Huang Zhiqiang"),
    ("县长李建华表示全力支持。", "李建华", "Li Jianhua"),
    ("记者刘东表示，现场气氛热烈。", "刘东", "Liu Dong"),
    ("村民马建国介绍了种植经验。", "马建国", "Ma Jianguo"),
])
def test_entities_chinese_role_cues(text, surface, canonical):
    assert _table(text, "zh").get(surface) == ("PERSON", canonical)


@pytest.mark.parametrize("text,absent", [
    ("会长和书记说要加油。", ["和书记"]),
    ("记者马上赶到了现场。", ["马上"]),
    ("记者了解到，销量增长明显。", ["了解"]),
    ("学生宿舍的条件改善了。", ["宿舍"]),
    ("记者高兴地说，今年收成好。", ["高兴地", "高兴"]),
    ("记者周末走访了农户。", ["周末"]),
])
def test_entities_chinese_role_cue_guards(text, absent):
    surfaces = {m.text for m in _entities(text, "zh")}
    for a in absent:
        assert a not in surfaces, surfaces


# 9. Outlets, regions, districts after a city, long bureau names
@pytest.mark.parametrize("text,expected,absent", [
    ("人民网乌鲁木齐6月1日电", {"人民网": ("ORG", "People's Daily Online")}, []),
    ("新疆日报网讯 近日，哈密市举办活动。", {"新疆日报网": ("ORG", "Xinjiang Daily")}, ["新疆日报"]),
    ("新疆的农产品销往中亚和欧洲。", {"中亚": ("PLACE", "Central Asia"), "欧洲": ("PLACE", "Europe")}, []),
    ("吐鲁番市高昌区的葡萄干远销海外。", {"高昌区": ("PLACE", "Gaochang District")}, []),
    ("哈密市商务和工业信息化局联合举办培训。", {"哈密市商务和工业信息化局": ("ORG", None)}, ["哈密市"]),
    ("中国(新疆)自由贸易试验区喀什片区正式挂牌。", {"中国(新疆)自由贸易试验区喀什片区": ("PLACE", None)}, []),
    ("喀什综合保税区进出口额大增。", {"喀什综合保税区": ("PLACE", "Kashgar Comprehensive Bonded Zone")}, []),
])
def test_entities_outlets_and_places(text, expected, absent):
    _check("zh", text, expected, absent)


# 10. Canonical conventions
@pytest.mark.parametrize("lang,text,surface,label,canonical", [
    ("zh", "哈密市商务局发布数据。", "哈密市商务局", "ORG", "Hami City Commerce Bureau"),
    ("zh", "吐鲁番市商务局组织企业参展。", "吐鲁番市商务局", "ORG", "Turpan City Commerce Bureau"),
    ("zh", "阿克苏市商务局表示支持。", "阿克苏市商务局", "ORG", "Aksu City Commerce Bureau"),
    ("zh", "杭州市援疆指挥部捐赠设备。", "杭州市援疆指挥部", "ORG", "Hangzhou Xinjiang Aid Headquarters"),
    ("en", "Turpan raisins are sold across China.", "Turpan raisins", "PRODUCT", "Turpan raisin"),
    ("en", "Hami melons reach Shanghai in two days.", "Hami melons", "PRODUCT", "Hami melon"),
    ("en", "Altay lamb is popular in winter.", "Altay lamb", "PRODUCT", "Altay lamb"),
    ("en", "Dunhuang apricots sell well online.", "Dunhuang apricots", "PRODUCT", "Dunhuang apricot"),
    ("zh", "阿勒泰羊肉和若羌红枣很受欢迎。", "阿勒泰羊肉", "PRODUCT", "Altay lamb"),
    ("zh", "哈密瓜干是网红零食。", "哈密瓜干", "PRODUCT", "dried Hami melon"),
    ("zh", "若羌红枣通过电商销往全国。", "若羌红枣", "PRODUCT", "Ruoqiang jujube"),
    ("es", "Los melones de Hami llegan a Pekín.", "melones de Hami", "PRODUCT", "Hami melon"),
])
def test_entities_canonical_conventions(lang, text, surface, label, canonical):
    assert _table(text, lang).get(surface) == (label, canonical)


@pytest.mark.parametrize("text,absent", [
    ("库尔勒梨产业发展迅速。", ["库尔勒梨"]),
    ("阿克苏苹果种植面积扩大。", ["阿克苏苹果种植"]),
])
def test_entities_produce_industry_is_not_a_product(text, absent):
    surfaces = {m.text for m in _entities(text, "zh")}
    for a in absent:
        assert a not in surfaces, surfaces


def test_entities_find_zh_cache_returns_fresh_candidates():
    a = find_zh("会长郝占军介绍", base=0)
    a[0].canonical = "changed"
    b = find_zh("会长郝占军介绍", base=10)
    assert all(c.canonical != "changed" for c in b)
    assert b[0].start == a[0].start + 10


@pytest.mark.parametrize("lang,text,expected,absent", [
    ("es", "La Zona Piloto de Libre Comercio de China (Xinjiang) se inauguró en 2023.",
     {"Zona Piloto de Libre Comercio de China (Xinjiang)": ("PLACE", "China (Xinjiang) Pilot Free Trade Zone")}, []),
    ("es", "Las frutas salen por el Puerto de Khorgos hacia Kazajistán.",
     {"Puerto de Khorgos": ("PLACE", "Khorgos Port")}, []),
    ("es", "Según la Oficina de Comercio de la ciudad de Hami, las ventas crecieron.",
     {"Oficina de Comercio de la ciudad de Hami": ("ORG", "Hami City Commerce Bureau")}, []),
    ("es", "El Centro de Exposiciones Internacionales de Xinjiang acogió la feria.",
     {"Centro de Exposiciones Internacionales de Xinjiang": ("ORG", "Xinjiang International Exhibition Center")}, []),
    ("es", "El Parque Industrial de Comercio Electrónico de Aksu tiene 100 empresas.",
     {"Parque Industrial de Comercio Electrónico de Aksu": ("PLACE", "Aksu E-commerce Industrial Park")}, []),
    ("es", "Li Qiang, jefe del Buró de Comercio del distrito de Gaochang, explicó la política.",
     {"Li Qiang": ("PERSON", "Li Qiang"), "Buró de Comercio del distrito de Gaochang": ("ORG", None)}, []),
    ("es", "La Asociación de Comercio Electrónico de Aksu organizó un concurso.",
     {"Asociación de Comercio Electrónico de Aksu": ("ORG", "Aksu E-commerce Association")}, []),
    ("es", "La Semana Cultural de la Uva de Turpan comenzó el lunes.",
     {"Semana Cultural de la Uva de Turpan": ("EVENT_NAME", "Turpan Grape Cultural Week")}, []),
    ("es", "El Gobierno Popular de Kashgar firmó un acuerdo.",
     {"Gobierno Popular de Kashgar": ("ORG", "Kashgar People's Government")}, []),
    ("es", "La Oficina Municipal de Comercio de Hami publicó datos.",
     {"Oficina Municipal de Comercio de Hami": ("ORG", "Hami Municipal Commerce Bureau")}, []),
    ("es", "El Gobierno chino apoya a los agricultores.", {}, ["Gobierno", "Gobierno chino"]),
    ("zh", "喀什地区疏附县前进村的村民种植西梅。", {"前进村": ("PLACE", "Qianjin Village")}, []),
    ("zh", "阿克苏地区带动村民增收，温宿县推进村级经济发展。", {}, ["带动村", "推进村"]),
    ("zh", "吐鲁番葡萄干文化周在高昌区开幕。", {"吐鲁番葡萄干文化周": ("EVENT_NAME", "Turpan Raisin Culture Week")}, []),
    ("zh", "霍尔果斯国际边境合作中心吸引了大批游客。",
     {"霍尔果斯国际边境合作中心": ("ORG", "Khorgos International Border Cooperation Center")}, []),
])
def test_entities_more_names_second_pass(lang, text, expected, absent):
    _check(lang, text, expected, absent)


@pytest.mark.parametrize("lang,text,surface,canonical", [
    ("es", "\"Es un buen año\", explica Abdurahman Kasim mientras empaqueta uvas.", "Abdurahman Kasim", "Abdurahman Kasim"),
    ("es", "\"Vendemos a todo el país\", cuenta Reyila Ablat.", "Reyila Ablat", "Reyila Ablat"),
    ("es", "Zulpiye Memet asegura que el negocio crece.", "Zulpiye Memet", "Zulpiye Memet"),
    ("es", "La comerciante Rahile Tursun abrió una tienda en línea.", "Rahile Tursun", "Rahile Tursun"),
    ("es", "Ayer, Gulnur recordó sus inicios en el pueblo.", "Gulnur", "Gulnur"),
    ("en", "\"It is hard work,\" recalls Reyila Ablat.", "Reyila Ablat", "Reyila Ablat"),
    ("en", "Grower Tursunay Ahmat smiles as she packs apricots.", "Tursunay Ahmat", "Tursunay Ahmat"),
    ("en", "Zulpiye Memet returned to her village in 2019. Zulpiye now sells carpets.", "Zulpiye", "Zulpiye Memet"),
])
def test_entities_person_cues_second_pass(lang, text, surface, canonical):
    assert _table(text, lang).get(surface) == ("PERSON", canonical)


@pytest.mark.parametrize("lang,text,expected,absent", [
    ("en", "Staff from the Zhejiang provincial Xinjiang aid headquarters helped.",
     {"Zhejiang provincial Xinjiang aid headquarters": ("ORG", "Zhejiang Provincial Xinjiang Aid Headquarters")}, []),
    ("en", "The Hotan prefectural government approved the plan.",
     {"Hotan prefectural government": ("ORG", "Hotan Prefecture Government")}, []),
    ("en", "The Xinjiang government said so.", {"Xinjiang": ("PLACE", "Xinjiang")}, ["Xinjiang government"]),
    ("en", "Farmers in Aksu last week sold apples.", {"Aksu": ("PLACE", "Aksu")}, ["Aksu last week"]),
    ("zh", "库尔勒市塔什店区的农民开起了网店。", {"塔什店区": ("PLACE", "Tashidian District")}, []),
    ("zh", "昌吉市榆树沟镇的蔬菜销往全国。", {"榆树沟镇": ("PLACE", "Yushugou Town")}, []),
    ("zh", "阿克苏市城区商户纷纷开展直播。", {"阿克苏市": ("PLACE", "Aksu City")}, ["城区"]),
])
def test_entities_levels_and_districts(lang, text, expected, absent):
    _check(lang, text, expected, absent)


def test_entities_spanish_descriptor_name_is_an_alias():
    text = "La aldea de Yueyaquan vive del turismo. Muchos jóvenes de Yueyaquan venden en línea."
    ms = [(m.text, m.label, m.canonical) for m in _entities(text, "es") if m.text == "Yueyaquan"]
    assert len(ms) == 2 and all(m[1:] == ("PLACE", "Yueyaquan Village") for m in ms), ms


# ---- third pass (issue 4): categories missed on unseen articles ---------------------------------
P, O, PR, EV, PL = "PERSON", "ORG", "PRODUCT", "EVENT_NAME", "PLACE"


# 1. Spanish/English people with two given names and/or two surnames, found with or without a cue
@pytest.mark.parametrize("lang,text,expected", [
    ("es", "José Luis Rodríguez Zapatero visitó la feria de Kashgar.", {"José Luis Rodríguez Zapatero": (P, None)}),
    ("es", "María Fernanda López recorrió los puestos del mercado.", {"María Fernanda López": (P, None)}),
    ("es", "\"Todo se vende\", dice María Fernanda López, gerente de la cooperativa.",
     {"María Fernanda López": (P, "María Fernanda López")}),
    ("es", "Según Ana Belén Martínez, las ventas subieron.", {"Ana Belén Martínez": (P, None)}),
    ("es", "Juan Carlos Pérez, de 45 años, vende té en línea.", {"Juan Carlos Pérez": (P, None)}),
    ("es", "La gerente Lucía Gómez Ruiz afirma que el negocio va bien.", {"Lucía Gómez Ruiz": (P, None)}),
    ("es", "El director Andrés Felipe Castaño inauguró la tienda.", {"Andrés Felipe Castaño": (P, None)}),
    ("es", "Carlos Alberto Sánchez y Laura Jiménez recorrieron el mercado.",
     {"Carlos Alberto Sánchez": (P, None), "Laura Jiménez": (P, None)}),
    ("es", "Sofía Herrera Vidal compró dos alfombras de seda.", {"Sofía Herrera Vidal": (P, None)}),
    ("es", "Miguel Ángel Torres estudió la ruta comercial.", {"Miguel Ángel Torres": (P, None)}),
    ("es", "Isabel Cristina Moreno Díaz presentó el informe.", {"Isabel Cristina Moreno Díaz": (P, None)}),
    ("es", "Ayer, Pedro Navarro explicó el proyecto a los vecinos.", {"Pedro Navarro": (P, None)}),
    ("es", "Luis dijo que la cosecha fue buena.", {"Luis": (P, None)}),
    ("es", "La periodista Elena Castro Ortega viajó a Urumqi.", {"Elena Castro Ortega": (P, None)}),
    ("es", "Raúl Domínguez, quien dirige una tienda en Madrid, importa pasas.", {"Raúl Domínguez": (P, None)}),
    ("en", "María Fernanda López, a manager at the cooperative, said sales doubled.", {"María Fernanda López": (P, None)}),
    ("en", "Peter Smith and Anna Brown visited the bazaar in Kashgar.",
     {"Peter Smith": (P, None), "Anna Brown": (P, None), "Kashgar": (PL, "Kashgar")}),
    ("en", "Mary Johnson bought three carpets in Hotan.", {"Mary Johnson": (P, "Mary Johnson")}),
    ("en", "Thomas Edward Miller studied the Silk Road trade.", {"Thomas Edward Miller": (P, None)}),
    ("en", "Sarah Collins walked through the night market.", {"Sarah Collins": (P, None)}),
])
def test_entities_given_name_persons(lang, text, expected):
    _check(lang, text, expected)


@pytest.mark.parametrize("lang,text,short,canonical", [
    ("es", "Dice María Fernanda López que hay demanda. López explica que venden a Madrid.", "López",
     "María Fernanda López"),
    ("es", "José Luis Rodríguez Zapatero visitó la feria. Rodríguez Zapatero elogió a los productores.",
     "Rodríguez Zapatero", "José Luis Rodríguez Zapatero"),
    ("es", "Ana Belén Martínez dirige el mercado. Martínez añadió que hay más clientes.", "Martínez",
     "Ana Belén Martínez"),
    ("es", "Juan Carlos Pérez, de 45 años, vende té. Pérez empezó en 2019.", "Pérez", "Juan Carlos Pérez"),
    ("es", "Lucía Gómez Ruiz abrió la tienda. Gómez Ruiz vende miel.", "Gómez Ruiz", "Lucía Gómez Ruiz"),
    ("en", "Mary Johnson runs a café in Urumqi. Johnson says tourists love it.", "Johnson", "Mary Johnson"),
    ("en", "Peter Smith visited Kashgar in May. Smith bought a carpet.", "Smith", "Peter Smith"),
])
def test_entities_given_name_surname_alias(lang, text, short, canonical):
    table = _table(text, lang)
    assert table.get(short) == (P, canonical), table


@pytest.mark.parametrize("lang,text,absent", [
    # a surname-only alias: the given names alone are not short forms of the full name
    ("es", "María Fernanda López vende miel. Fernanda es también el nombre de su tienda.", ["Fernanda"]),
    # acronyms, titles and place heads are not people
    ("en", "The Grace Bay resort opened.", ["Grace"]),
    ("en", "ALL OUR PRODUCTS ARE FRESH", ["ALL OUR"]),
    ("en", "Farmers In Xinjiang Sell More Apples Online", ["Xinjiang Sell"]),
])
def test_entities_given_name_guards(lang, text, absent):
    surfaces = {m.text for m in _entities(text, lang)}
    for a in absent:
        assert a not in surfaces, surfaces


# 2. Customs, ports, branches, agencies
@pytest.mark.parametrize("lang,text,expected", [
    ("zh", "据乌鲁木齐海关统计，前5个月进出口增长。", {"乌鲁木齐海关": (O, "Urumqi Customs")}),
    ("zh", "喀什海关共监管进出口货物1万吨。", {"喀什海关": (O, "Kashgar Customs")}),
    ("zh", "霍尔果斯海关与阿拉山口海关加强合作。",
     {"霍尔果斯海关": (O, "Khorgos Customs"), "阿拉山口海关": (O, "Alashankou Customs")}),
    ("zh", "新疆邮政吐鲁番分公司开通了直播间。", {"新疆邮政吐鲁番分公司": (O, "Xinjiang Post Turpan Branch")}),
    ("zh", "中国移动喀什分公司在村里建了基站。", {"中国移动喀什分公司": (O, None)}),
    ("zh", "建设银行阿克苏分行发放贷款5000万元。", {"建设银行阿克苏分行": (O, None)}),
    ("zh", "农业银行喀什支行提供贷款。", {"农业银行喀什支行": (O, None)}),
    ("zh", "喀什农商银行巴楚支行支持农户。", {"喀什农商银行巴楚支行": (O, None)}),
    ("zh", "新华社新疆分社记者报道。", {"新华社新疆分社": (O, "Xinhua Xinjiang Bureau")}),
    ("zh", "中国邮政集团有限公司新疆分公司推出新服务。", {"中国邮政集团有限公司新疆分公司": (O, None)}),
    ("en", "According to Urumqi Customs, imports rose 20 percent.", {"Urumqi Customs": (O, "Urumqi Customs")}),
    ("en", "Horgos Customs handled 300 freight trains in May.", {"Horgos Customs": (O, "Khorgos Customs")}),
    ("en", "Officers at Kashgar Customs checked the cargo.", {"Kashgar Customs": (O, "Kashgar Customs")}),
    ("en", "Trucks wait at Gyirong Port before crossing.", {"Gyirong Port": (PL, None)}),
    ("es", "La Agencia EFE informó que el Diario del Pueblo publicó un reportaje.",
     {"Agencia EFE": (O, "EFE"), "Diario del Pueblo": (O, "People's Daily")}),
])
def test_entities_customs_branches_agencies(lang, text, expected):
    _check(lang, text, expected)


# 3. Towns and villages: a chain after a county, or alone after a cue word
@pytest.mark.parametrize("text,expected,absent", [
    ("乌鲁木齐县水西沟镇平西梁村的村民开起了农家乐。",
     {"乌鲁木齐县": (PL, "Urumqi County"), "水西沟镇": (PL, "Shuixigou Town"), "平西梁村": (PL, "Pingxiliang Village")},
     ["乌鲁木齐县水西沟镇平西梁村"]),
    ("在水西沟镇，游客可以体验民宿。", {"水西沟镇": (PL, "Shuixigou Town")}, ["西沟镇"]),
    ("东湾村党支部书记王建军说，今年收入翻番。", {"东湾村": (PL, "Dongwan Village"), "王建军": (P, "Wang Jianjun")}, []),
    ("板房沟镇的樱桃熟了。", {"板房沟镇": (PL, "Banfanggou Town")}, []),
    ("来到阿瓦提镇，记者看到大片棉田。", {"阿瓦提镇": (PL, None)}, []),
    ("走进托克扎克镇，映入眼帘的是一排排新房。", {"托克扎克镇": (PL, "Tuokezhake Town")}, []),
    ("记者走访了红星村，村里新修了道路。", {"红星村": (PL, "Hongxing Village")}, []),
    ("位于天山脚下的白杨沟村游客不断。", {}, ["天山脚下的白杨沟村"]),
    ("在东湾村村委会门前，村民排起了长队。", {"东湾村村委会": ("ORG", "Dongwan Village Committee")}, ["东湾村"]),
    ("前往大河沿镇的道路已经修通。", {"大河沿镇": (PL, "Daheyan Town")}, []),
])
def test_entities_lone_towns_and_villages(text, expected, absent):
    _check("zh", text, expected, absent)


@pytest.mark.parametrize("text,absent", [
    ("我们要建设美丽乡村，推动新农村建设。", ["美丽乡", "新农村", "美丽乡村"]),
    ("在贫困村，干部们走村入户。", ["贫困村", "干部们走村"]),
    ("记者来到深度贫困村调研。", ["深度贫困村"]),
    ("在特色小镇建设中，要突出产业。", ["特色小镇"]),
    ("吸引青年返乡，重塑农村知识体系。", ["重塑农村"]),
    ("在各乡镇都建立了服务站。", ["各乡镇"]),
    ("在易地扶贫搬迁安置村，新房整齐。", ["易地扶贫搬迁安置村", "搬迁安置村"]),
    ("在这个村，人人都会做馕。", ["这个村"]),
    ("他在镇上开了一家店。", ["镇上"]),
    ("到村民家中走访。", ["村民"]),
    ("驻村工作队在这里工作三年。", ["驻村工作队"]),
    ("在淘宝村，家家户户开网店。", ["淘宝村"]),
])
def test_entities_lone_village_guards(text, absent):
    surfaces = {m.text for m in _entities(text, "zh")}
    for a in absent:
        assert a not in surfaces, surfaces


# 4 + 7. Websites and outlets by suffix (Traditional input arrives folded: 大公報 → 大公报)
@pytest.mark.parametrize("lang,text,expected,absent", [
    ("zh", "来源：乌鲁木齐县人民政府网", {"乌鲁木齐县人民政府网": (O, "Urumqi County People's Government website")}, []),
    ("zh", "来源：中国政府网", {"中国政府网": (O, None)}, []),
    ("zh", "据大公报报道，新疆的葡萄销往香港。", {"大公报": (O, None), "香港": (PL, "Hong Kong")}, []),
    ("zh", "据大公報報道，新疆的葡萄銷往香港。", {"大公報": (O, None)}, []),
    ("zh", "据新疆法制报报道，案件已审结。", {"新疆法制报": (O, None)}, ["新疆"]),
    ("zh", "据中国青年报报道，大学生返乡创业。", {"中国青年报": (O, None)}, []),
    ("zh", "据都市消费晨报报道，客流量大增。", {"都市消费晨报": (O, None)}, []),
    ("zh", "乌鲁木齐晚报记者从市商务局获悉。", {"乌鲁木齐晚报": (O, "Urumqi Evening News")}, []),
    ("zh", "哈密日报和昌吉电视台也做了报道。", {"哈密日报": (O, "Hami Daily"), "昌吉电视台": (O, None)}, []),
    ("zh", "记者从阿克苏日报社获悉。", {"阿克苏日报社": (O, None)}, ["阿克苏"]),
    ("zh", "新疆电商网报道了此事。", {"新疆电商网": (O, None)}, []),
    ("zh", "据统计公报显示，GDP增长。", {}, ["统计公报", "公报"]),
    ("zh", "据上报数据显示，产量增长。", {}, ["上报"]),
    ("zh", "物联网和互联网技术已经普及。", {}, ["物联网", "互联网"]),
    ("zh", "他们在网上开店，物流网覆盖全县。", {}, ["物流网"]),
    ("en", "Source: Alibaba.com; buyers also use Made-in-China.com.",
     {"Alibaba.com": (None, None), "Made-in-China.com": (O, None)}, []),
    ("en", "The story first ran on Spanish.xinhuanet.com last week.", {"Spanish.xinhuanet.com": (O, None)}, []),
    ("en", "Email info@example.com for details.", {}, ["example.com", "info@example.com"]),
    ("en", "Read more at www.example.com/news/2020/1.html today.", {}, ["www.example.com"]),
    ("es", "Lo publicó el portal Mundoasia.com en mayo.", {"Mundoasia.com": (O, None)}, []),
])
def test_entities_outlets_and_websites(lang, text, expected, absent):
    table = _table(text, lang)
    for surface, (label, canonical) in expected.items():
        assert surface in table, f"{surface!r} not found in {table}"
        if label is not None:
            assert table[surface][0] == label, (surface, table[surface])
        if canonical is not None:
            assert table[surface][1] == canonical, (surface, table[surface])
    for a in absent:
        assert a not in table, table


# 5. English geographic heads, and lone places after a preposition
@pytest.mark.parametrize("lang,text,expected,absent", [
    ("en", "The Qinghai-Tibet Plateau and the Taklimakan Desert are in western China.",
     {"Qinghai-Tibet Plateau": (PL, None), "Taklimakan Desert": (PL, "Taklimakan Desert")}, []),
    ("en", "The Kashgar Free Trade Zone opened a bonded warehouse.", {"Kashgar Free Trade Zone": (PL, None)}, []),
    ("en", "Tourists hike through the Khunjerab Pass each summer.", {"Khunjerab Pass": (PL, None)}, []),
    ("en", "Flights land at Kashgar Airport twice a day.", {"Kashgar Airport": (PL, None)}, []),
    ("en", "Trains run from Xi'an to Duisburg every week.", {"Duisburg": (PL, "Duisburg")}, []),
    ("en", "Goods arrive in Nepal from Gyirong and then go to Kathmandu.",
     {"Nepal": (PL, None), "Gyirong": (PL, None), "Kathmandu": (PL, None)}, []),
    ("en", "The goods were shipped via Almaty to Hamburg.", {"Hamburg": (PL, None)}, []),
    ("en", "Buyers from Riyadh attended the fair.", {"Riyadh": (PL, None)}, []),
    ("en", "The report was written in Chinese and translated into English.", {}, ["Chinese", "English"]),
    ("en", "Sales peaked in December, according to Zhang.", {}, ["December"]),
    ("en", "She handed the award to Gulnar, who thanked the villagers.", {}, []),
    ("en", "They met in Room 302 of the building.", {}, ["Room"]),
    ("en", "Mark Lee lives in Hotan. Prices were sent to Lee yesterday.", {"Lee": (P, None)}, []),
    ("en", "He works in Logistics at the company.", {}, ["Logistics"]),
    ("en", "Farmers In Xinjiang Sell More Apples Online", {}, ["Sell"]),
    ("en", "The seller spoke in Mandarin and in Uygur.", {}, ["Mandarin", "Uygur"]),
    ("es", "Viajó desde Duisburgo hasta Urumqi en tren.", {"Duisburgo": (PL, None), "Urumqi": (PL, "Urumqi")}, []),
    ("es", "Las frutas se venden en Internet y en Navidad suben los precios.", {}, ["Internet", "Navidad"]),
    ("es", "Los camiones llegan hasta Kirguistán y luego hacia Osh.", {"Osh": (PL, None)}, []),
    ("es", "Se transmite en Vivo cada noche.", {}, ["Vivo"]),
])
def test_entities_geographic_heads_and_prepositions(lang, text, expected, absent):
    _check(lang, text, expected, absent)


# 6. Latin products and companies named after a place; Spanish event names
@pytest.mark.parametrize("lang,text,expected,absent", [
    ("en", "Duyun Maojian is one of China's ten famous teas.", {"Duyun Maojian": (PR, "Duyun Maojian")}, []),
    ("en", "Visitors sipped West Lake Longjing and Anxi Tieguanyin.",
     {"West Lake Longjing": (PR, None), "Anxi Tieguanyin": (PR, None)}, []),
    ("en", "Yunnan Manlao Coffee ships beans to Shanghai.", {"Yunnan Manlao Coffee": (O, None)}, []),
    ("en", "Yunnan Manlao Coffee Co. signed a deal.", {"Yunnan Manlao Coffee Co.": (O, None)}, []),
    ("en", "Yunnan Manlao Coffee Trading Co., Ltd. signed a deal.",
     {"Yunnan Manlao Coffee Trading Co., Ltd.": (O, None)}, []),
    ("en", "Xinjiang Tianshan Wool Textiles exports to Italy.", {"Xinjiang Tianshan Wool Textiles": (O, None)}, []),
    ("en", "Yunnan coffee is sold online.", {"Yunnan coffee": (PR, "Yunnan coffee")}, []),
    ("es", "El café de Yunnan se vende en línea.", {"café de Yunnan": (PR, "Yunnan coffee")}, []),
    ("zh", "云南咖啡和都匀毛尖都在网上热销。", {"云南咖啡": (PR, "Yunnan coffee"), "都匀毛尖": (PR, "Duyun Maojian")}, []),
    ("en", "Yunnan coffee farms hired 200 workers.", {"Yunnan": (PL, "Yunnan")}, ["Yunnan coffee farms", "Yunnan coffee"]),
    ("es", "El Festival de Transmisiones en Vivo del Té de Guizhou se celebró en Duyun.",
     {"Festival de Transmisiones en Vivo del Té de Guizhou": (EV, "Guizhou Tea Livestreaming Festival")},
     ["Festival de Transmisiones"]),
    ("es", "La Feria Internacional del Té de Guizhou atrajo a miles.",
     {"Feria Internacional del Té de Guizhou": (EV, None)}, []),
    ("es", "La Exposición de Productos Agrícolas de Yunnan abrió en Kunming.",
     {"Exposición de Productos Agrícolas de Yunnan": (EV, "Yunnan Agricultural Products Expo")}, []),
    ("es", "El Festival de Comercio en Línea de Kashgar reunió a 300 vendedores.",
     {"Festival de Comercio en Línea de Kashgar": (EV, None)}, []),
])
def test_entities_latin_products_companies_events(lang, text, expected, absent):
    _check(lang, text, expected, absent)


@pytest.mark.parametrize("text,expected", [
    ("在乌鲁木齐县板房沟镇东湾村，樱桃园里游客如织。",
     {"乌鲁木齐县": (PL, None), "板房沟镇": (PL, "Banfanggou Town"), "东湾村": (PL, "Dongwan Village")}),
    ("水西沟镇平西梁村党支部书记李强说，今年游客增多。",
     {"水西沟镇": (PL, None), "平西梁村": (PL, "Pingxiliang Village"), "李强": (P, "Li Qiang")}),
    ("沙雅县红旗镇和盖孜库木乡都建了电商服务站。",
     {"红旗镇": (PL, "Hongqi Town"), "盖孜库木乡": (PL, "Gezikumu Township")}),
    ("莎车县阿热勒乡尤库日斯村的村民种植巴旦木。", {"阿热勒乡": (PL, None), "尤库日斯村": (PL, None)}),
    ("伊宁县英塔木镇托格拉克村的蜂蜜远销各地。", {"英塔木镇": (PL, None), "托格拉克村": (PL, None)}),
    ("记者在莎车县米夏镇看到，农民正在采摘。", {"米夏镇": (PL, "Mixia Town")}),
    ("在红星村和团结村，家家户户种葡萄。", {"红星村": (PL, None), "团结村": (PL, "Tuanjie Village")}),
])
def test_entities_village_chains_and_coordination(text, expected):
    _check("zh", text, expected)


@pytest.mark.parametrize("text", [
    "村里的年轻人都去城里打工了，留在村里的多是老人。",
    "从村到镇的公路已经硬化，快递可以直接送到村。",
    "截至目前，全县已建成乡镇电商服务站12个、村级服务点200个。",
    "在此基础上，镇里成立了电商协会。",
    "到2025年，每个行政村都将通快递。",
    "在我们村，家家户户都种葡萄。",
    "在示范村的带动下，周边村也富了起来。",
    "在城镇化进程中，大量农民进城。",
    "在两个村之间修了一座桥。",
    "在本村，合作社有50名社员。",
    "来自周边乡镇的游客络绎不绝。",
    "在附近村庄，也有不少人开网店。",
    "在老村长的带领下，村民们修了路。",
    "网店开到了家门口，网购已经成为习惯。",
])
def test_entities_generic_villages_are_not_places(text):
    assert [m.text for m in _entities(text, "zh") if m.label == PL] == []


@pytest.mark.parametrize("lang,text,expected,absent", [
    ("en", "At the Kashgar International Trade Fair, visitors sampled Hotan jujubes.",
     {"Kashgar International Trade Fair": (EV, None)}, ["the Kashgar International Trade Fair"]),
    ("en", "Photos by Li Hao and Chen Xi.", {"Li Hao": (P, "Li Hao"), "Chen Xi": (P, "Chen Xi")},
     ["Li Hao and Chen Xi"]),
    ("en", "Reporting by Zhang Min and Liu Yang.", {"Zhang Min": (P, None), "Liu Yang": (P, None)}, []),
    ("en", "James Wilson and Sarah Collins met the growers.", {"James Wilson": (P, None), "Sarah Collins": (P, None)},
     []),
])
def test_entities_runs_split_and_trimmed(lang, text, expected, absent):
    _check(lang, text, expected, absent)


@pytest.mark.parametrize("lang,text,expected,absent", [
    ("es", "María del Carmen Ruiz vende dátiles en Hotan.", {"María del Carmen Ruiz": (P, "María del Carmen Ruiz")}, []),
    ("es", "José de la Cruz Martínez llegó a Kashgar.", {"José de la Cruz Martínez": (P, None)}, ["Cruz Martínez"]),
    ("es", "Juan y María venden té.", {}, ["Juan y María"]),
    ("en", "Rose Garden is a popular spot in Urumqi.", {"Rose Garden": (PL, None)}, []),
    ("en", "Tourists gather in Tiananmen Square.", {"Tiananmen Square": (PL, None)}, []),
    ("en", "Tianshan Net reported the news.", {"Tianshan Net": (O, None)}, []),
    ("en", "The Anadolu News Agency covered the expo.", {"Anadolu News Agency": (O, None)}, []),
])
def test_entities_particles_and_more_heads(lang, text, expected, absent):
    _check(lang, text, expected, absent)


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Wang Xinyu, a farmer, said sales rose.", [("Wang Xinyu", "PERSON")]),
    ("en", "Sales in Lanzhou rose, said Chen Lanzhou.", [("Lanzhou", "PLACE"), ("Chen Lanzhou", "PERSON")]),
    ("es", "Las artesanas de Kasgar venden gorros bordados.", [("Kasgar", "PLACE")]),
])
def test_entities_given_name_that_is_a_city(lang, text, expected):
    doc = ingest_text(text, lang=lang)
    assert [(m.text, m.label) for m in extract(doc)] == expected


@pytest.mark.parametrize("text,expected", [
    ("其中32名主播单场直播销售额突破10万元。", []),
    ("全县200多名村干部参加了培训。", []),
    ("主播李娜介绍说,订单很多。", [("李娜", "PERSON")]),
])
def test_entities_counted_role_noun_is_not_a_title(text, expected):
    assert [(m.text, m.label) for m in extract(ingest_text(text))] == expected


# ---- issue 4: Spain and Latin America, capitals bylines, platforms and festivals, one-character
# counties, lowercase heads after unlisted places ----
ISSUE4_CASES = [
    ("es", "Los jamones de Guijuelo y Jabugo llegan a Shanghái gracias al ICEX.",
     {"Guijuelo": ("PLACE", "Guijuelo"), "Jabugo": ("PLACE", "Jabugo"), "ICEX": ("ORG", "ICEX")}),
    ("es", "Las almazaras de Jaén, Córdoba y Sevilla exportan aceite desde Málaga.",
     {"Jaén": ("PLACE", "Jaen"), "Córdoba": ("PLACE", "Cordoba"), "Sevilla": ("PLACE", "Seville"),
      "Málaga": ("PLACE", "Malaga")}),
    ("es", "Los mantecados de Estepa triunfan en Zaragoza, Bilbao y Valladolid.",
     {"Estepa": ("PLACE", "Estepa"), "Zaragoza": ("PLACE", "Zaragoza"), "Bilbao": ("PLACE", "Bilbao"),
      "Valladolid": ("PLACE", "Valladolid")}),
    ("es", "La Oficina Económica y Comercial de España en Cantón organizó la cata.",
     {"Oficina Económica y Comercial de España": ("ORG", "Economic and Commercial Office of Spain")}),
    ("es", "La Cámara de Comercio de España en China reunió a 40 empresas, informó la Agencia EFE.",
     {"Cámara de Comercio de España en China": ("ORG", "Spanish Chamber of Commerce in China"),
      "Agencia EFE": ("ORG", "EFE")}),
    ("es", "Según El País, las ventas por Tmall Global y JD Worldwide se duplicaron antes del Año Nuevo chino.",
     {"El País": ("ORG", "El País"), "Tmall Global": ("PLATFORM", "Tmall Global"),
      "JD Worldwide": ("PLATFORM", "JD Worldwide"), "Año Nuevo chino": ("EVENT_NAME", "Spring Festival")}),
    ("es", "Las bodegas de La Rioja y Cataluña venden vino en Douyin Mall.",
     {"La Rioja": ("PLACE", "La Rioja"), "Cataluña": ("PLACE", "Catalonia"), "Douyin Mall": ("PLATFORM", "Douyin Mall")}),
    ("en", "Olive oil from Seville, Huelva and Granada reached buyers in Salamanca and Valencia.",
     {"Seville": ("PLACE", "Seville"), "Huelva": ("PLACE", "Huelva"), "Granada": ("PLACE", "Granada"),
      "Salamanca": ("PLACE", "Salamanca"), "Valencia": ("PLACE", "Valencia")}),
    ("en", "Ham exporters from Andalusia met ICEX officials in Madrid and Barcelona.",
     {"Andalusia": ("PLACE", "Andalusia"), "ICEX": ("ORG", "ICEX"), "Madrid": ("PLACE", "Madrid"),
      "Barcelona": ("PLACE", "Barcelona")}),
    ("en", "Sales on Alibaba and Tmall Global rose ahead of Chinese New Year.",
     {"Alibaba": ("ORG", "Alibaba"), "Tmall Global": ("PLATFORM", "Tmall Global"),
      "Chinese New Year": ("EVENT_NAME", "Spring Festival")}),
    ("en", "Double 12 orders on JD Worldwide beat last year's.",
     {"Double 12": ("EVENT_NAME", "Double 12 Shopping Festival"), "JD Worldwide": ("PLATFORM", "JD Worldwide")}),
    ("en", "Villages held fairs for the Chinese Farmers' Harvest Festival on Sunday.",
     {"Chinese Farmers' Harvest Festival": ("EVENT_NAME", "Chinese Farmers' Harvest Festival")}),
    ("en", "Rice from Northeast China and fruit from Northwest China sold well.",
     {"Northeast China": ("PLACE", "Northeast China"), "Northwest China": ("PLACE", "Northwest China")}),
    ("en", "The Wuchang commerce bureau said rice sales rose.",
     {"Wuchang commerce bureau": ("ORG", "Wuchang Commerce Bureau")}),
    ("en", "Officials of the Dongning city agriculture bureau visited the farm.",
     {"Dongning city agriculture bureau": ("ORG", "Dongning City Agriculture Bureau")}),
    ("en", "Growers in Minle township sold potatoes in Heilongjiang province.",
     {"Minle": ("PLACE", "Minle Township"), "Heilongjiang": ("PLACE", "Heilongjiang")}),
    ("en", "Herders in the Xinjiang Uygur autonomous region sell lamb.",
     {"Xinjiang Uygur autonomous region": ("PLACE", "Xinjiang Uygur Autonomous Region")}),
    ("zh", "春节前，天猫国际和京东国际的进口火腿销量大增。",
     {"春节": ("EVENT_NAME", "Spring Festival"), "天猫国际": ("PLATFORM", "Tmall Global"),
      "京东国际": ("PLATFORM", "JD Worldwide")}),
    ("zh", "双十二期间，抖音商城的农产品订单翻番。",
     {"双十二": ("EVENT_NAME", "Double 12 Shopping Festival"), "抖音商城": ("PLATFORM", "Douyin Mall")}),
    ("zh", "第七个中国农民丰收节在礼县举行。",
     {"中国农民丰收节": ("EVENT_NAME", "Chinese Farmers' Harvest Festival"), "礼县": ("PLACE", "Li County")}),
    ("zh", "岷县、徽县、漳县和甘谷县的电商企业参加了培训。",
     {"岷县": ("PLACE", "Min County"), "徽县": ("PLACE", "Hui County"), "漳县": ("PLACE", "Zhang County"),
      "甘谷县": ("PLACE", "Gangu County")}),
    ("zh", "礼县苹果和岷县当归通过直播卖到全国。",
     {"礼县苹果": ("PRODUCT", "Li County apple"), "岷县当归": ("PRODUCT", "Min County angelica")}),
    ("zh", "东北地区的大米和西北地区的苹果都上了网。",
     {"东北地区": ("PLACE", "Northeast China"), "西北地区": ("PLACE", "Northwest China")}),
]


@pytest.mark.parametrize("lang,text,expected", ISSUE4_CASES)
def test_entities_issue4_categories(lang, text, expected):
    table = _table(text, lang)
    for surface, want in expected.items():
        assert table.get(surface) == want, (surface, table)


@pytest.mark.parametrize("lang,text,absent", [
    ("en", "Farmers in northwest China grow melons.", "northwest China"),
    ("en", "Local commerce bureau staff helped the farmers.", "Local commerce bureau"),
    ("en", "The county commerce bureau opened a livestreaming room.", "county commerce bureau"),
    ("es", "El arroz del noreste de China llegó a Madrid.", "arroz del noreste de China"),
    ("zh", "礼品卖得很好，徽章也很受欢迎。", "礼"),
    ("zh", "礼品卖得很好，徽章也很受欢迎。", "徽"),
])
def test_entities_issue4_not_entities(lang, text, absent):
    assert absent not in _table(text, lang)


def test_entities_issue4_chain_each_unit_a_place():
    table = _table("礼县盐官镇罗堡村的村民种花椒。", "zh")
    assert table.get("礼县") == ("PLACE", "Li County")
    assert table.get("盐官镇") == ("PLACE", "Yanguan Town")
    assert table.get("罗堡村") == ("PLACE", "Luobu Village")


def _doc_table(text: str) -> dict[str, tuple[str, str]]:
    doc = ingest_text(text, doc_id="t", lang=None, reference_date="2024-06-15")
    return {m.text: (m.label, m.canonical) for m in extract(doc)}


@pytest.mark.parametrize("text,expected,absent", [
    ("Por MARÍA JOSÉ SERRANO | EL PAÍS\n\nLos productores de Jaén venden aceite de oliva en China este año.\n",
     {"MARÍA JOSÉ SERRANO": ("PERSON", "María José Serrano"), "EL PAÍS": ("ORG", "El País")}, []),
    ("MARÍA JOSÉ SERRANO\nMadrid - 12 MAR 2024\n\nLas ventas de aceite a China crecieron un 20% este año.\n",
     {"MARÍA JOSÉ SERRANO": ("PERSON", "María José Serrano")}, []),
    ("Apple farmers go online\nBy MAO WEIHUA in Urumqi | China Daily\n\nFarmers in Aksu sold 20 tons of apples.\n",
     {"MAO WEIHUA": ("PERSON", "Mao Weihua"), "China Daily": ("ORG", "China Daily")}, []),
    ("Ham sales grow\nBy JOHN SMITH and LI NA\n\nSpanish ham exporters sold more to China this year.\n",
     {"JOHN SMITH": ("PERSON", "John Smith")}, []),
    ("CHINA SELLS MORE APPLES\n\nFarmers in Aksu sold 20 tons of apples this year.\n", {}, ["CHINA SELLS MORE APPLES"]),
    ("Farmers in Aksu sold apples.\nThey said GOOD NEWS travels fast.\nPrices rose.\nBuyers came.\nSales grew.\n"
     "Nothing else.\n", {}, ["GOOD NEWS"]),
])
def test_entities_issue4_byline_capitals(text, expected, absent):
    table = _doc_table(text)
    for surface, want in expected.items():
        assert table.get(surface) == want, (surface, table)
    for a in absent:
        assert a not in table, table


# ---- issue 4, last pass: unlisted institutions, village bodies, place + produce, capitals outlets

@pytest.mark.parametrize("lang,text,expected,absent", [
    ("zh", "他毕业于华南理工大学，后来回乡创业。", {"华南理工大学": ("ORG", None)}, []),
    ("zh", "华中农业大学的专家来到果园指导修剪。", {"华中农业大学": ("ORG", None)}, []),
    ("zh", "新疆师范大学的志愿者教村民直播。", {"新疆师范大学": ("ORG", None)}, []),
    ("zh", "喀什职业技术学院的学生参加了电商培训。",
     {"喀什职业技术学院": ("ORG", "Kashgar Vocational and Technical College")}, ["喀什"]),
    ("zh", "阿克苏职业学院和和田职业技术学院签订合作协议。",
     {"阿克苏职业学院": ("ORG", "Aksu Vocational College"),
      "和田职业技术学院": ("ORG", "Hotan Vocational and Technical College")}, []),
    ("zh", "他在清华大学读书时就开始研究农村电商。", {"清华大学": ("ORG", None)}, []),
    ("zh", "新疆农业科学院园艺研究所的研究员来到村里。", {"新疆农业科学院园艺研究所": ("ORG", None)}, []),
    ("zh", "东湾村村委会组织村民学习电商知识。", {"东湾村村委会": ("ORG", "Dongwan Village Committee")}, ["东湾村"]),
    ("zh", "加依村党支部组织党员开展直播培训。", {"加依村党支部": ("ORG", "Jiayi Village Party Branch")}, []),
    ("zh", "红旗镇政府组织了一次招商会。", {"红旗镇政府": ("ORG", "Hongqi Town Government")}, []),
    ("zh", "来到托胡拉乡，乡党委组织了培训。", {"托胡拉乡": ("PLACE", None)}, []),
    ("zh", "罗堡村党支部书记李明说，今年苹果卖得好。", {"罗堡村": ("PLACE", "Luobu Village"), "李明": ("PERSON", "Li Ming")},
     ["罗堡村党支部"]),
    ("zh", "阿克苏红旗坡农民专业合作社的苹果很有名。", {"阿克苏红旗坡农民专业合作社": ("ORG", None)}, []),
    ("zh", "新疆果业集团有限公司在乌鲁木齐设立了仓库。", {"新疆果业集团有限公司": ("ORG", None), "乌鲁木齐": ("PLACE", "Urumqi")}, []),
    ("zh", "大学生回乡创业成为新风尚。", {}, ["大学生", "大学"]),
])
def test_entities_unlisted_institutions_and_village_bodies(lang, text, expected, absent):
    _check(lang, text, expected, absent)


@pytest.mark.parametrize("lang,text,expected,absent", [
    ("zh", "记者来到盐官镇，漫山遍野都是花椒。今年盐官花椒卖到了全国。",
     {"盐官镇": ("PLACE", "Yanguan Town"), "盐官花椒": ("PRODUCT", "Yanguan Sichuan pepper")}, []),
    ("zh", "走进罗堡村，果园连成一片。罗堡村苹果远销各地。",
     {"罗堡村苹果": ("PRODUCT", "Luobu Village apple")}, []),
    ("zh", "在托胡拉乡，家家种红枣。托胡拉红枣供不应求。", {"托胡拉红枣": ("PRODUCT", None)}, []),
    ("zh", "走进盐官镇，花椒产业兴旺。盐官花椒产业越做越大。", {"盐官镇": ("PLACE", None)}, ["盐官花椒"]),
    ("zh", "盐官花椒卖到了全国。", {}, ["盐官花椒"]),
    ("zh", "来到东湾村，村民们正在采摘。东湾核桃个大皮薄。", {"东湾核桃": ("PRODUCT", None)}, []),
    ("zh", "来到东湾村，村民们正在采摘。西湾核桃个大皮薄。", {}, ["西湾核桃"]),
])
def test_entities_place_stem_produce_in_document(lang, text, expected, absent):
    _check(lang, text, expected, absent)


@pytest.mark.parametrize("lang,text,expected,absent", [
    ("en", "LA VANGUARDIA\n\nThe county sold more apples this year, officials said on Monday.",
     {"LA VANGUARDIA": ("ORG", "La Vanguardia")}, []),
    ("en", "By LI WEI and ZHANG MIN | SOUTH CHINA POST\n\nThe county sold more apples this year.",
     {"LI WEI": ("PERSON", "Li Wei"), "ZHANG MIN": ("PERSON", "Zhang Min"),
      "SOUTH CHINA POST": ("ORG", "South China Post")}, ["and ZHANG MIN", "SOUTH CHINA"]),
    ("es", "Por ANA GÓMEZ y LUIS PÉREZ | LA VANGUARDIA\n\nLa ciudad vendió más manzanas este año.",
     {"ANA GÓMEZ": ("PERSON", "Ana Gómez"), "LUIS PÉREZ": ("PERSON", "Luis Pérez"),
      "LA VANGUARDIA": ("ORG", "La Vanguardia")}, []),
    ("es", "Por MARTA RUIZ | DIARIO DE SEVILLA\n\nLa cooperativa vendió más aceite este año.",
     {"MARTA RUIZ": ("PERSON", "Marta Ruiz"), "DIARIO DE SEVILLA": ("ORG", "Diario de Sevilla")}, []),
    ("es", "EL HERALDO\n\nLos agricultores venden sus frutas por internet.", {"EL HERALDO": ("ORG", "El Heraldo")}, []),
    ("en", "By MAO WEIHUA | Updated: 2024-06-01\n\nThe county sold more apples.",
     {"MAO WEIHUA": ("PERSON", "Mao Weihua")}, ["Updated"]),
    ("en", "BREAKING NEWS\n\nThe county sold more apples.", {}, ["BREAKING NEWS"]),
    ("en", "XINJIANG APPLES\n\nThe county sold more apples.", {}, ["XINJIANG APPLES"]),
    ("es", "AKSU EN LÍNEA\n\nLa cooperativa vendió más manzanas.", {}, ["AKSU EN LÍNEA"]),
    ("es", "ÚLTIMA HORA\n\nLa cooperativa vendió más aceite.", {}, ["ÚLTIMA HORA"]),
    ("en", "The county sold more apples this year.\n\nIt also sold pears.\n\nAnd walnuts.\n\nMORE APPLES",
     {}, ["MORE APPLES"]),
    ("en", "By CHEN LIN | THE STAR\n\nFarmers sold more pears online this spring.",
     {"CHEN LIN": ("PERSON", "Chen Lin"), "THE STAR": ("ORG", "The Star")}, []),
])
def test_entities_byline_unlisted_outlets(lang, text, expected, absent):
    _check(lang, text, expected, absent)


# ---- issue 12: Chinese head-noun grammar, transcribed names, name table -------------------------

# (lang, text, expected: surface → (label, canonical)); invented sentences of the issue's shapes
CASES_ISSUE_12 = [
    ("zh", "清晨，和田地区策勒县达玛沟乡托帕艾日克村的加工车间已经忙碌起来。",
     {"达玛沟乡": ("PLACE", "Damagou Township"), "托帕艾日克村": ("PLACE", "Tuopaairike Village")}),
    ("zh", "全县已有十二个乡镇建成服务站，其中吾库萨克镇和站敏乡还能提供冷链。",
     {"吾库萨克镇": ("PLACE", "Wukusake Town"), "站敏乡": ("PLACE", "Zhanmin Township")}),
    ("zh", "基地和特克斯县乔拉克铁热克镇、齐勒乌泽克镇的合作社签约。",
     {"乔拉克铁热克镇": ("PLACE", "Qiaolaketiereke Town")}),
    ("zh", "游客来到布尔津县禾木哈纳斯蒙古族乡禾木村。",
     {"禾木哈纳斯蒙古族乡": ("PLACE", "Hemuhanasi Mongol Ethnic Township"), "禾木村": ("PLACE", "Hemu Village")}),
    ("zh", "在尉犁县，第二师二十九团的职工也开始直播。",
     {"第二师": ("ORG", "Second Division of the Xinjiang Production and Construction Corps"),
      "二十九团": ("PLACE", "29th Regiment")}),
    ("zh", "她的丈夫吐尔逊江正举着手机向网友介绍。", {"吐尔逊江": ("PERSON", "Tuerxunjiang")}),
    ("zh", "学校的电商老师帕提曼给年轻人开设了培训班。", {"帕提曼": ("PERSON", "Patiman")}),
    ("zh", "技术员陈志刚、刘亚楠和艾尔肯定期下地查看。",
     {"陈志刚": ("PERSON", "Chen Zhigang"), "刘亚楠": ("PERSON", "Liu Yanan"), "艾尔肯": ("PERSON", "Aierken")}),
    ("zh", "巴州电子商务协会会长刘振华认为，香梨电商要做品牌。",
     {"巴州电子商务协会": ("ORG", "Bayingolin Mongol Autonomous Prefecture E-commerce Association"),
      "刘振华": ("PERSON", "Liu Zhenhua")}),
    ("zh", "学生们在阿克苏纺织工业城的企业实习。", {"阿克苏纺织工业城": ("PLACE", "Aksu Textile Industrial City")}),
    ("zh", "县里举办了“金山银水好物节”。", {"金山银水好物节": ("EVENT_NAME", "Jinshanyinshuihaowu Festival")}),
]


@pytest.mark.parametrize("lang,text,expected", CASES_ISSUE_12)
def test_issue_12_recognizes_chinese_shapes(lang, text, expected):
    got = _table(text, lang)
    for surface, (label, canonical) in expected.items():
        assert got.get(surface, (None, None))[0] == label, (surface, got)
        assert got[surface][1] == canonical


# no place, person or regiment where the head word is part of a common word or clause
NEGATIVE_ISSUE_12 = [
    ("zh", "推动快递进村，带动全村112户增收。", "村"),
    ("zh", "这些贫困村都建设了美丽乡村。", "村"),
    ("zh", "在试点村，村民学会了开网店。", "试点村"),
    ("zh", "二十多个团队参加了比赛，主播们正在直播。", "团"),
    ("zh", "记者了解到，老师都说学员进步很快。", "都说"),
    ("zh", "牧民在夏牧场上放牧。", "夏牧场"),
]


@pytest.mark.parametrize("lang,text,absent", NEGATIVE_ISSUE_12)
def test_issue_12_no_false_units_or_names(lang, text, absent):
    assert not any(absent in m.text for m in _entities(text, lang) if m.label != "PLATFORM")


def test_issue_12_traditional_script_names_and_units():
    got = _table("記者陳嘉欣報道：疏附縣托克扎克鎮的巴格其村，主播古麗巴哈爾一邊展示圍巾。", "zh")
    assert got["陳嘉欣"] == ("PERSON", "Chen Jiaxin")
    assert got["托克扎克鎮"][0] == got["巴格其村"][0] == "PLACE"
    assert got["古麗巴哈爾"] == ("PERSON", "Gulibahaer")


@pytest.mark.parametrize("name,expected", [
    ("买买提·艾力", "Memet Eli"), ("阿依努尔·买买提", "Aynur Memet"), ("麥麥提·艾力", None),
    ("買買提·吐爾遜", "Memet Tursun"), ("买买提江", "Memetjan"), ("王磊", None), ("古丽巴哈尔", None),
])
def test_issue_12_latin_name_from_table_or_none(name, expected):
    from pipeline.extractors.entities.names import latin_name

    assert latin_name(name) == expected


@pytest.mark.parametrize("name,expected", [("阿依达娜", "Ayidana"), ("帕提曼", "Patiman"), ("艾青", "Ai Qing"),
                                           ("王海涛", "Wang Haitao")])
def test_issue_12_transcribed_names_romanized_whole(name, expected):
    assert person_zh(name) == expected


@pytest.mark.parametrize("lang,text,surface,canonical", [
    ("en", "In Kashgar, the Xinjiang Uygur Autonomous Region's Department of Commerce opened a hub.",
     "Xinjiang Uygur Autonomous Region's Department of Commerce",
     "Xinjiang Uygur Autonomous Region Department of Commerce"),
    ("es", "Memet Eli, productor de manzanas del distrito de Wensu, contó a Xinhua que vendió más.",
     "Memet Eli", "Memet Eli"),
    ("zh", "巴州香梨“触网”：从梨园到直播间。", "巴州香梨", "Bayingolin fragrant pear"),
])
def test_issue_12_possessive_orgs_appositions_short_form_products(lang, text, surface, canonical):
    got = _table(text, lang)
    assert got[surface][1] == canonical


@pytest.mark.parametrize("text,surface,canonical", [
    ("于田县喀尔克乡拜什托格拉克村的村民若克艳·图迪正在直播。", "若克艳·图迪", "Ruokeyan Tudi"),
    ("他和若克艳·图迪一起", "若克艳·图迪", "Ruokeyan Tudi"),
    ("乌鲁木齐市天山区燕儿窝街道团结社区的居民。", "团结社区", "Tuanjie Community"),
])
def test_issue_12_interpunct_names_and_chained_communities(text, surface, canonical):
    assert _table(text, "zh")[surface] == ("PERSON" if "·" in surface else "PLACE", canonical)


@pytest.mark.parametrize("text,absent", [("今年的直播·带货节", "直播·带货"), ("新疆·阿克苏", "新疆·阿克苏"),
                                         ("记者 王磊·摄影", "王磊·摄影")])
def test_issue_12_interpunct_between_words_is_no_name(text, absent):
    assert absent not in _table(text, "zh")
