"""Tests for the gazetteer data (issue 4): entities_admin_china.yaml and entities_world.yaml,
through the real entity extractor, plus integrity checks of the two files."""
from __future__ import annotations

from collections import defaultdict

import pytest
import yaml

from pipeline.extractors.entities import extract
from pipeline.extractors.entities.lexicon import LABELS, SKIP, Lexicon, _build_admin, lexicon
from pipeline.ingest import ingest_text
from pipeline.resources import load, path

# pinyin homonyms: different places, one spelling (泰州/台州, 宿州/苏州, 抚州/福州, 伊春/宜春, 玉林/榆林)
HOMONYMS = {"Taizhou", "Suzhou", "Fuzhou", "Yichun", "Yulin"}
# Latin surfaces of ours that an earlier file already gives another place (白城 vs 拜城, 清河县 vs 青河县)
SHADOWED = {"Baicheng", "Qinghe County", "Qinghe county"}


def _mentions(lang: str, text: str) -> dict[str, tuple[str, str]]:
    doc = ingest_text(text, doc_id="t", lang=lang, reference_date="2024-06-15")
    return {m.text: (m.label, m.canonical) for m in extract(doc)}


# (lang, text, surface, label, canonical)
CASES_ZH = [
    ("zh", "西藏日喀则市的青稞饼干通过电商卖到了广州。", "日喀则市", "PLACE", "Xigaze City"),
    ("zh", "林芝的松茸在直播间里很抢手。", "林芝", "PLACE", "Nyingchi"),
    ("zh", "果洛藏族自治州的牦牛肉走出了高原。", "果洛藏族自治州", "PLACE", "Golog Tibetan Autonomous Prefecture"),
    ("zh", "玉树州的虫草合作社开通了网店。", "玉树州", "PLACE", "Yushu Tibetan Autonomous Prefecture"),
    ("zh", "海西蒙古族藏族自治州的枸杞远销海外。", "海西蒙古族藏族自治州", "PLACE",
     "Haixi Mongol and Tibetan Autonomous Prefecture"),
    ("zh", "甘肃定西的马铃薯加工企业越来越多。", "定西", "PLACE", "Dingxi"),
    ("zh", "陇南市的花椒和核桃通过网店销往各地。", "陇南市", "PLACE", "Longnan City"),
    ("zh", "酒泉市的戈壁农业发展迅速。", "酒泉市", "PLACE", "Jiuquan City"),
    ("zh", "敦煌市的李广杏在电商平台热销。", "敦煌市", "PLACE", "Dunhuang City"),
    ("zh", "宁夏中卫市的硒砂瓜开始上市。", "中卫市", "PLACE", "Zhongwei"),
    ("zh", "中宁县被称为中国枸杞之乡。", "中宁县", "PLACE", "Zhongning County"),
    ("zh", "云南普洱市的咖啡豆通过直播卖到了北京。", "普洱市", "PLACE", "Pu'er"),
    ("zh", "保山的小粒咖啡也很受欢迎。", "保山", "PLACE", "Baoshan"),
    ("zh", "西双版纳傣族自治州的热带水果销往全国。", "西双版纳傣族自治州", "PLACE", "Xishuangbanna Dai Autonomous Prefecture"),
    ("zh", "大理州的乳扇是当地特产。", "大理州", "PLACE", "Dali Bai Autonomous Prefecture"),
    ("zh", "丽江的旅游业正在复苏。", "丽江", "PLACE", "Lijiang"),
    ("zh", "黔东南州的银饰在网上很受欢迎。", "黔东南州", "PLACE", "Qiandongnan Miao and Dong Autonomous Prefecture"),
    ("zh", "黔南布依族苗族自治州的茶叶出口增长。", "黔南布依族苗族自治州", "PLACE",
     "Qiannan Buyei and Miao Autonomous Prefecture"),
    ("zh", "凉山彝族自治州的苦荞通过电商走向全国。", "凉山彝族自治州", "PLACE", "Liangshan Yi Autonomous Prefecture"),
    ("zh", "锡林郭勒盟的羊肉在网上热卖。", "锡林郭勒盟", "PLACE", "Xilingol League"),
    ("zh", "阿拉善盟的肉苁蓉开通了直播间。", "阿拉善盟", "PLACE", "Alxa League"),
    ("zh", "阿里地区的牧民也用上了快递。", "阿里地区", "PLACE", "Ngari Prefecture"),
    ("zh", "山东曹县的汉服占全国线上销量的三分之一。", "曹县", "PLACE", "Cao County"),
    ("zh", "寿光市的蔬菜大棚遍布各个乡镇。", "寿光市", "PLACE", "Shouguang City"),
    ("zh", "江苏睢宁县沙集镇被称为淘宝村的发源地。", "沙集镇", "PLACE", "Shaji Town"),
    ("zh", "江苏睢宁县的家具电商发展迅速。", "睢宁县", "PLACE", "Suining County"),
    ("zh", "吉隆县的商户通过口岸与尼泊尔做生意。", "吉隆县", "PLACE", "Gyirong County"),
    ("zh", "大庆市的农产品通过直播卖向全国。", "大庆市", "PLACE", "Daqing"),
    ("zh", "恩施土家族苗族自治州的硒茶走俏市场。", "恩施土家族苗族自治州", "PLACE",
     "Enshi Tujia and Miao Autonomous Prefecture"),
    ("zh", "延边州的大米远销韩国。", "延边州", "PLACE", "Yanbian Korean Autonomous Prefecture"),
    ("zh", "唐山和邯郸的钢铁企业都在转型。", "邯郸", "PLACE", "Handan"),
    ("zh", "临沂的商贸物流城是全国闻名的批发市场。", "临沂", "PLACE", "Linyi"),
    ("zh", "宁夏固原市的冷凉蔬菜供应粤港澳大湾区。", "固原市", "PLACE", "Guyuan City"),
    ("zh", "海南藏族自治州的光伏产业规模很大。", "海南藏族自治州", "PLACE", "Hainan Tibetan Autonomous Prefecture"),
    ("zh", "景德镇的陶瓷通过跨境电商卖到欧洲。", "景德镇", "PLACE", "Jingdezhen"),
    ("zh", "这批货物从德国杜伊斯堡发出。", "杜伊斯堡", "PLACE", "Duisburg"),
    ("zh", "中欧班列经波兰罗兹抵达欧洲腹地。", "罗兹", "PLACE", "Lodz"),
    ("zh", "新疆的番茄酱大量出口到意大利和尼泊尔。", "尼泊尔", "PLACE", "Nepal"),
    ("zh", "货物经吉隆口岸出口到尼泊尔加德满都。", "吉隆口岸", "PLACE", "Gyirong Port"),
    ("zh", "货物经吉隆口岸出口到尼泊尔加德满都。", "加德满都", "PLACE", "Kathmandu"),
    ("zh", "青藏高原上的牦牛肉干走进了直播间。", "青藏高原", "PLACE", "Qinghai-Tibet Plateau"),
    ("zh", "河西走廊是古丝绸之路的重要通道。", "河西走廊", "PLACE", "Hexi Corridor"),
    ("zh", "二连浩特口岸的货运量持续增长。", "二连浩特口岸", "PLACE", "Erenhot Port"),
    ("zh", "满洲里口岸今年进出口货运量创新高。", "满洲里口岸", "PLACE", "Manzhouli Port"),
    ("zh", "红其拉甫口岸是中巴之间唯一的陆路口岸。", "红其拉甫口岸", "PLACE", "Khunjerab Port"),
    ("zh", "据大公报报道，新疆的瓜果销往香港。", "大公报", "ORG", "Ta Kung Pao"),
    ("zh", "商户在闲鱼上出售二手农机。", "闲鱼", "PLATFORM", "Xianyu"),
    ("zh", "企业入驻阿里巴巴国际站，把地毯卖到了中东。", "阿里巴巴国际站", "PLATFORM", "Alibaba.com"),
    ("zh", "企业入驻阿里巴巴国际站，把地毯卖到了中东。", "中东", "PLACE", "Middle East"),
    ("zh", "世界贸易组织发布了最新的贸易报告。", "世界贸易组织", "ORG", "World Trade Organization"),
    ("zh", "新疆与东盟的贸易额持续增长。", "东盟", "ORG", "ASEAN"),
    ("zh", "中非合作论坛在北京举行。", "中非合作论坛", "EVENT_NAME", "Forum on China-Africa Cooperation"),
    ("zh", "俄罗斯、白俄罗斯和格鲁吉亚的客商前来采购。", "白俄罗斯", "PLACE", "Belarus"),
    ("zh", "俄罗斯、白俄罗斯和格鲁吉亚的客商前来采购。", "格鲁吉亚", "PLACE", "Georgia"),
    ("zh", "跨境电商包裹经阿塞拜疆巴库转运至欧洲。", "巴库", "PLACE", "Baku"),
    ("zh", "中国邮政和德邦快递在县城设立了网点。", "德邦快递", "ORG", "Deppon Express"),
]

CASES_EN = [
    ("en", "Farmers in Xigaze sell highland barley online.", "Xigaze", "PLACE", "Xigaze"),
    ("en", "Farmers in Shigatse sell highland barley online.", "Shigatse", "PLACE", "Xigaze"),
    ("en", "Yak meat from Golog is now sold on Douyin.", "Golog", "PLACE", "Golog"),
    ("en", "Nyingchi is known for its peach blossoms.", "Nyingchi", "PLACE", "Nyingchi"),
    ("en", "Dingxi produces a large share of China's potatoes.", "Dingxi", "PLACE", "Dingxi"),
    ("en", "Walnuts from Longnan are shipped across the country.", "Longnan", "PLACE", "Longnan"),
    ("en", "Apricots grown in Dunhuang sell out within days.", "Dunhuang", "PLACE", "Dunhuang"),
    ("en", "Goji berries from Zhongning County are famous.", "Zhongning County", "PLACE", "Zhongning County"),
    ("en", "Coffee beans from Pu'er reach buyers in Shanghai.", "Pu'er", "PLACE", "Pu'er"),
    ("en", "Tourists flock to Xishuangbanna every winter.", "Xishuangbanna", "PLACE", "Xishuangbanna"),
    ("en", "Liangshan Yi Autonomous Prefecture grows buckwheat.", "Liangshan Yi Autonomous Prefecture", "PLACE",
     "Liangshan Yi Autonomous Prefecture"),
    ("en", "Silver jewelry from Qiandongnan is popular online.", "Qiandongnan", "PLACE", "Qiandongnan"),
    ("en", "Cao County in Shandong makes Hanfu costumes.", "Cao County", "PLACE", "Cao County"),
    ("en", "Vegetables from Shouguang supply Beijing.", "Shouguang", "PLACE", "Shouguang"),
    ("en", "Lamb from Xilingol League is sold on Freshippo.", "Xilingol League", "PLACE", "Xilingol League"),
    ("en", "Trucks queue at the Erenhot Port every morning.", "Erenhot Port", "PLACE", "Erenhot Port"),
    ("en", "Goods cross into Nepal through Gyirong Port.", "Gyirong Port", "PLACE", "Gyirong Port"),
    ("en", "Trains from Xi'an reach Duisburg in 15 days.", "Duisburg", "PLACE", "Duisburg"),
    ("en", "The freight train left for Warsaw on Monday.", "Warsaw", "PLACE", "Warsaw"),
    ("en", "Exports to Nepal rose 12 percent.", "Nepal", "PLACE", "Nepal"),
    ("en", "Cotton is shipped to Bangladesh and Cambodia.", "Bangladesh", "PLACE", "Bangladesh"),
    ("en", "Cotton is shipped to Bangladesh and Cambodia.", "Cambodia", "PLACE", "Cambodia"),
    ("en", "The Qinghai-Tibet Plateau is home to many yak herders.", "Qinghai-Tibet Plateau", "PLACE",
     "Qinghai-Tibet Plateau"),
    ("en", "The Hexi Corridor links Lanzhou and Dunhuang.", "Hexi Corridor", "PLACE", "Hexi Corridor"),
    ("en", "Demand from the Middle East keeps growing.", "Middle East", "PLACE", "Middle East"),
    ("en", "According to Ta Kung Pao, sales doubled.", "Ta Kung Pao", "ORG", "Ta Kung Pao"),
    ("en", "The WTO released its annual trade report.", "WTO", "ORG", "World Trade Organization"),
    ("en", "Sellers list their carpets on Alibaba.com for foreign buyers.", "Alibaba.com", "PLATFORM", "Alibaba.com"),
    ("en", "The goods are shipped via Wildberries to buyers in Russia.", "Wildberries", "PLATFORM", "Wildberries"),
    ("en", "Students sell old textbooks on Xianyu.", "Xianyu", "PLATFORM", "Xianyu"),
    ("en", "Exports to the European Union fell slightly.", "European Union", "ORG", "European Union"),
    ("en", "Georgia and Armenia signed trade agreements.", "Armenia", "PLACE", "Armenia"),
    ("en", "Traders from Kathmandu visited the fair.", "Kathmandu", "PLACE", "Kathmandu"),
    ("en", "Tibet's Xigaze and Qinghai's Haidong both joined the program.", "Haidong", "PLACE", "Haidong"),
    ("en", "The Forum on China-Africa Cooperation will meet next year.", "Forum on China-Africa Cooperation",
     "EVENT_NAME", "Forum on China-Africa Cooperation"),
]

CASES_ES = [
    ("es", "Las ventas en Kazajistán crecieron.", "Kazajistán", "PLACE", "Kazakhstan"),
    ("es", "Los productos llegan a Alemania y Polonia por tren.", "Polonia", "PLACE", "Poland"),
    ("es", "El tren de mercancías llegó a Duisburgo tras 16 días.", "Duisburgo", "PLACE", "Duisburg"),
    ("es", "Los comerciantes de Nepal compran algodón chino.", "Nepal", "PLACE", "Nepal"),
    ("es", "La meseta Qinghai-Tíbet es una región de gran altitud.", "meseta Qinghai-Tíbet", "PLACE",
     "Qinghai-Tibet Plateau"),
    ("es", "El corredor de Hexi une Gansu con Xinjiang.", "corredor de Hexi", "PLACE", "Hexi Corridor"),
    ("es", "Las exportaciones a Bielorrusia aumentaron.", "Bielorrusia", "PLACE", "Belarus"),
    ("es", "Un comprador de Marruecos visitó la feria.", "Marruecos", "PLACE", "Morocco"),
    ("es", "Las frutas de Xigaze se venden en línea.", "Xigaze", "PLACE", "Xigaze"),
    ("es", "El pueblo de Shaji es famoso por sus tiendas en Taobao.", "Shaji", "PLACE", "Shaji Town"),
    ("es", "Según el Diario del Pueblo, las ventas se duplicaron.", "Diario del Pueblo", "ORG", "People's Daily"),
    ("es", "La Organización Mundial del Comercio publicó su informe.", "Organización Mundial del Comercio", "ORG",
     "World Trade Organization"),
    ("es", "Los envíos a la Unión Europea cayeron.", "Unión Europea", "ORG", "European Union"),
    ("es", "Los vendedores usan Wildberries y Ozon para llegar a Rusia.", "Wildberries", "PLATFORM", "Wildberries"),
    ("es", "Los productos llegan hasta Oriente Medio.", "Oriente Medio", "PLACE", "Middle East"),
    ("es", "Un contenedor salió de Varsovia rumbo a Xi'an.", "Varsovia", "PLACE", "Warsaw"),
    ("es", "La empresa abrió una oficina en Estambul y otra en Teherán.", "Teherán", "PLACE", "Tehran"),
    ("es", "Los camiones cruzan hacia Katmandú cada semana.", "Katmandú", "PLACE", "Kathmandu"),
    ("es", "Los envíos a Sudáfrica y Egipto se duplicaron.", "Sudáfrica", "PLACE", "South Africa"),
    ("es", "Los envíos a Sudáfrica y Egipto se duplicaron.", "Egipto", "PLACE", "Egypt"),
]


@pytest.mark.parametrize("lang,text,surface,label,canonical", CASES_ZH + CASES_EN + CASES_ES)
def test_gazetteer_extracts_new_entries(lang, text, surface, label, canonical):
    found = _mentions(lang, text)
    assert surface in found, f"{surface!r} not found in {found}"
    assert found[surface] == (label, canonical)


# (lang, text, surface that must NOT be an entity): ambiguous words left out or suffixed-only
NOT_ENTITIES = [
    ("zh", "今年日照时间长，苹果糖分高。", "日照"),
    ("zh", "白银价格持续上涨。", "白银"),
    ("zh", "欢迎各位来宾参加开幕式。", "来宾"),
    ("zh", "祝大家新春安康。", "安康"),
    ("zh", "产品开封后请尽快食用。", "开封"),
    ("zh", "同心协力，共同致富。", "同心"),
    ("zh", "阿曼古丽在直播间里介绍红枣。", "阿曼"),
    ("zh", "中东部地区的物流成本较低。", "中东"),
    ("zh", "天山南北的农产品通过电商销往全国。", "山南"),
    ("zh", "阿里的工程师来到了村里。", "阿里"),
    ("en", "Chad Smith, a trader, said demand was strong.", "Chad"),
    ("en", "Michael Jordan visited the factory.", "Jordan"),
]


@pytest.mark.parametrize("lang,text,surface", NOT_ENTITIES)
def test_gazetteer_ambiguous_words_not_places(lang, text, surface):
    found = _mentions(lang, text)
    assert not any(label == "PLACE" and s == surface for s, (label, _) in found.items()), found


# ---- integrity of the data files ------------------------------------------------------------

class _DupLoader(yaml.SafeLoader):
    pass


def _no_dups(loader, node, deep=False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        raise ValueError(f"duplicate keys: {sorted(dup)}")
    return loader.construct_mapping(node, deep)


_DupLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_dups)


@pytest.mark.parametrize("topic", ["entities_world", "entities_admin_china"])
def test_gazetteer_files_have_no_duplicate_keys(topic):
    yaml.load(path("common", topic).read_text(encoding="utf-8"), Loader=_DupLoader)


def test_gazetteer_world_surfaces_map_to_one_canonical():
    """Across entities_names.yaml and entities_world.yaml, a surface has one (label, canonical),
    a canonical is used under one label, and entities_world.yaml lists each canonical once."""
    meaning: dict[str, tuple[str, str]] = {}
    label_of: dict[str, str] = {}
    for topic in ("entities_names", "entities_world"):
        data = load("common", topic)
        for label, group in data.items():
            if label == SKIP:
                continue
            assert label in LABELS
            for canonical, surfaces in group.items():
                assert surfaces, f"{canonical}: no surfaces"
                assert label_of.setdefault(canonical, label) == label, f"{canonical} under two labels"
                for s in surfaces:
                    s = str(s)
                    assert s.strip() == s and s, f"{canonical}: bad surface {s!r}"
                    assert meaning.setdefault(s, (label, canonical)) == (label, canonical), \
                        f"{s!r} → {meaning[s]} and {(label, canonical)}"
    world = load("common", "entities_world")
    canon = [c for label, g in world.items() if label != SKIP for c in g]
    assert len(canon) == len(set(canon))


def _admin_rows(topic):
    data = load("common", topic)
    rows = [r for g in data.values() if isinstance(g, list) for r in g]
    out = []
    for r in rows:
        if isinstance(r, dict):
            out.append(dict(r))
        else:
            d = {"zh": r[0], "en": r[1], "alt": r[2], "level": r[3]}
            if len(r) > 4:
                d.update(r[4])
            out.append(d)
    return out


def test_gazetteer_admin_china_rows_are_new_and_unique():
    old = {(r["zh"], r["en"]) for r in _admin_rows("entities_admin")}
    old_zh = {r["zh"] for r in _admin_rows("entities_admin")}
    seen = set()
    for r in _admin_rows("entities_admin_china"):
        key = (r["zh"], r["level"])
        assert key not in seen, f"row repeated: {key}"
        seen.add(key)
        assert (r["zh"], r["en"]) not in old
        # a bare name already listed is only allowed as a differently-leveled place (吉林 province → 吉林市)
        if r["zh"] in old_zh:
            assert r["level"] == "ccity_only" or r.get("zh_bare") is False, r
    en = [r["en"] for r in _admin_rows("entities_admin_china") if r["level"] in ("city", "ccity_only", "aprefecture")]
    dups = {e for e in en if en.count(e) > 1}
    assert dups <= HOMONYMS, dups


def test_gazetteer_admin_china_surfaces_resolve_to_their_row():
    """Every surface a row generates means that row's place in the built lexicon (or the same
    canonical from an earlier file); shadowed surfaces are listed in SHADOWED."""
    lex = lexicon()
    for r in _admin_rows("entities_admin_china"):
        one = Lexicon()
        _build_admin(one, {"cities": [r]})
        for table, got in ((one.zh, lex.zh), (one.latin, lex.latin)):
            for surface, entry in table.items():
                if surface in SHADOWED or surface.upper() in {s.upper() for s in SHADOWED}:
                    continue
                have = got.get(surface)
                assert have is not None, surface
                assert have.canonical == entry.canonical or entry.canonical in HOMONYMS, \
                    f"{surface!r}: {have.canonical!r} instead of {entry.canonical!r}"


def test_gazetteer_admin_china_covers_every_province():
    data = load("common", "entities_admin_china")
    counts = defaultdict(int)
    for group, rows in data.items():
        counts[group] = len(rows)
    # 26 provinces/regions outside Xinjiang with prefecture-level divisions (Zhejiang: county-level only)
    assert len(counts) == 26
    prefecture_level = [r for r in _admin_rows("entities_admin_china")
                        if r["level"] in ("city", "aprefecture", "prefecture")
                        or (r["level"] == "ccity_only" and not r["en"].endswith(" City"))]
    assert len(prefecture_level) >= 240
