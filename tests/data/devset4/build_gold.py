"""Build gold.jsonl for devset4 (entities only) from (quote, label, canonical, options) rows.

Offsets are computed on ``open(path, encoding='utf-8', newline='').read()``; ``count`` and the
first offset come from a leftmost-longest scan over the document's listed surfaces (Latin
surfaces need word boundaries); every line is asserted (text[start:end] == quote).
Run: python tests/data/devset4/build_gold.py
"""
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
B = {"borderline": True}

ENTITIES = {
    "h01_zh.txt": [
        ("新华网", "ORG", "Xinhuanet", B),
        ("新华社", "ORG", "Xinhua News Agency"),
        ("乌鲁木齐", "PLACE", "Urumqi"),
        ("王磊", "PERSON", "Wang Lei"),
        ("刘思雨", "PERSON", "Liu Siyu"),
        ("和田地区", "PLACE", "Hotan Prefecture"),
        ("策勒县", "PLACE", "Qira County"),
        ("达玛沟乡", "PLACE", "Damagou Township"),
        ("托帕艾日克村", "PLACE", "Tuopaairike Village"),
        ("阿依努尔·买买提", "PERSON", "Ayinuer Maimaiti", {"canonical_alt": "Aynur Memet"}),
        ("吐尔逊江", "PERSON", "Tuerxunjiang", {"canonical_alt": "Tursunjan"}),
        ("何淼", "PERSON", "He Miao"),
        ("达玛沟乡红枣农民专业合作社", "ORG", "Damagou Township Red Jujube Farmers' Professional Cooperative"),
        ("策勒县电子商务公共服务中心", "ORG", "Qira County E-commerce Public Service Center"),
        ("艾合买提·吐尔地", "PERSON", "Aihemaiti Tuerdi", {"canonical_alt": "Ehmet Turdi"}),
        ("拼多多", "PLATFORM", "Pinduoduo"),
        ("抖音", "PLATFORM", "Douyin"),
        ("策勒县职业技术学校", "ORG", "Qira County Vocational and Technical School"),
        ("帕提曼", "PERSON", "Patiman"),
        ("恰哈乡", "PLACE", "Qiaha Township"),
        ("和田市", "PLACE", "Hotan City"),
        ("买买提江", "PERSON", "Maimaitijiang", {"canonical_alt": "Memetjan"}),
        ("和田地区商务局", "ORG", "Hotan Prefecture Commerce Bureau"),
        ("地区商务局", "ORG", "Hotan Prefecture Commerce Bureau", B),
        ("孙凯", "PERSON", "Sun Kai"),
        ("于田县", "PLACE", "Keriya County"),
        ("洛浦县", "PLACE", "Lop County"),
    ],
    "h02_zh.txt": [
        ("大公報", "ORG", "Ta Kung Pao"),
        ("喀什", "PLACE", "Kashgar"),
        ("疏附縣", "PLACE", "Shufu County"),
        ("陳嘉欣", "PERSON", "Chen Jiaxin"),
        ("新疆", "PLACE", "Xinjiang"),
        ("喀什地區", "PLACE", "Kashgar Prefecture"),
        ("托克扎克鎮", "PLACE", "Tuokezhake Town"),
        ("巴格其村", "PLACE", "Bageqi Village"),
        ("阿依古麗巧手刺繡工坊", "ORG", "Ayiguli Qiaoshou Embroidery Workshop"),
        ("艾德萊斯綢", "PRODUCT", "Atlas silk", B),
        ("上海", "PLACE", "Shanghai"),
        ("阿依古麗·吐爾遜", "PERSON", "Ayiguli Tuerxun", {"canonical_alt": "Aygul Tursun"}),
        ("淘寶", "PLATFORM", "Taobao"),
        ("快手", "PLATFORM", "Kuaishou"),
        ("疏附縣電子商務產業園", "PLACE", "Shufu County E-commerce Industrial Park"),
        ("廣州", "PLACE", "Guangzhou"),
        ("鄭雅婷", "PERSON", "Zheng Yating"),
        ("喀什地區職業技術學院", "ORG", "Kashgar Prefecture Vocational and Technical College"),
        ("疏附縣商務和工業信息化局", "ORG", "Shufu County Bureau of Commerce, Industry and Information Technology"),
        ("麥麥提·依明", "PERSON", "Maimaiti Yiming", {"canonical_alt": "Memet Imin"}),
        ("吾庫薩克鎮", "PLACE", "Wukusake Town"),
        ("站敏鄉", "PLACE", "Zhanmin Township"),
        ("喀什地區商務局", "ORG", "Kashgar Prefecture Commerce Bureau"),
        ("古麗巴哈爾", "PERSON", "Gulibahaer", {"canonical_alt": "Gulbahar"}),
    ],
    "h03_zh.txt": [
        ("巴音郭楞日报", "ORG", "Bayingolin Daily"),
        ("巴州香梨", "PRODUCT", "Bayingolin fragrant pear"),
        ("马晓东", "PERSON", "Ma Xiaodong"),
        ("古丽扎尔", "PERSON", "Gulizhaer", {"canonical_alt": "Gulzar"}),
        ("巴音郭楞蒙古自治州", "PLACE", "Bayingolin Mongol Autonomous Prefecture"),
        ("库尔勒市", "PLACE", "Korla City"),
        ("上户镇", "PLACE", "Shanghu Town"),
        ("热合曼·托合提", "PERSON", "Reheman Tuoheti", {"canonical_alt": "Rahman Tohti"}),
        ("库尔勒香梨", "PRODUCT", "Korla fragrant pear"),
        ("热合曼", "PERSON", "Reheman Tuoheti"),
        ("杨建新", "PERSON", "Yang Jianxin"),
        ("新疆冠农果业有限公司", "ORG", "Xinjiang Guannong Fruit Industry Co., Ltd."),
        ("京东", "PLATFORM", "JD.com"),
        ("抖音", "PLATFORM", "Douyin"),
        ("巴州商务局", "ORG", "Bayingolin Mongol Autonomous Prefecture Commerce Bureau"),
        ("巴州", "PLACE", "Bayingolin Mongol Autonomous Prefecture"),
        ("巴州电子商务协会", "ORG", "Bayingolin Mongol Autonomous Prefecture E-commerce Association"),
        ("刘振华", "PERSON", "Liu Zhenhua"),
        ("尉犁县", "PLACE", "Yuli County"),
        ("第二师", "ORG", "Second Division of the Xinjiang Production and Construction Corps"),
        ("二十九团", "PLACE", "29th Regiment"),
        ("张秀兰", "PERSON", "Zhang Xiulan"),
        ("罗布麻茶", "PRODUCT", "Luobuma tea", B),
        ("兴平乡", "PLACE", "Xingping Township"),
        ("达西村", "PLACE", "Daxi Village"),
        ("焉耆回族自治县", "PLACE", "Yanqi Hui Autonomous County"),
        ("七个星镇", "PLACE", "Qigexing Town"),
        ("焉耆县天塞酒庄", "ORG", "Yanqi County Tiansai Winery"),
        ("吴佳琪", "PERSON", "Wu Jiaqi"),
        ("巴州人民政府", "ORG", "Bayingolin Mongol Autonomous Prefecture People's Government"),
    ],
    "h04_zh.txt": [
        ("天山网", "ORG", "Tianshan Net"),
        ("伊犁州", "PLACE", "Ili Kazak Autonomous Prefecture"),
        ("阿丽娅", "PERSON", "Aliya"),
        ("周伟", "PERSON", "Zhou Wei"),
        ("伊犁哈萨克自治州", "PLACE", "Ili Kazak Autonomous Prefecture"),
        ("新源县", "PLACE", "Xinyuan County"),
        ("那拉提镇", "PLACE", "Nalati Town"),
        ("阿尔善村", "PLACE", "Aershan Village"),
        ("叶尔兰·哈布德克", "PERSON", "Yeerlan Habudeke", {"canonical_alt": "Erlan Khabdek"}),
        ("阿依达娜", "PERSON", "Ayidana", {"canonical_alt": "Aydana"}),
        ("伊犁马", "PRODUCT", "Ili horse", B),
        ("伊犁职业技术学院", "ORG", "Ili Vocational and Technical College"),
        ("特克斯县", "PLACE", "Tekes County"),
        ("喀拉达拉镇", "PLACE", "Kaladala Town"),
        ("喀拉达拉镇电商直播基地", "ORG", "Kaladala Town E-commerce Livestreaming Base"),
        ("努尔兰·赛力克", "PERSON", "Nuerlan Sailike", {"canonical_alt": "Nurlan Serik"}),
        ("乔拉克铁热克镇", "PLACE", "Qiaolaketieruke Town"),
        ("齐勒乌泽克镇", "PLACE", "Qilewuzeke Town"),
        ("伊犁州商务局", "ORG", "Ili Kazak Autonomous Prefecture Commerce Bureau"),
        ("伊宁市", "PLACE", "Yining City"),
        ("巴彦岱镇", "PLACE", "Bayandai Town"),
        ("伊犁河谷果业农民专业合作社", "ORG", "Ili River Valley Fruit Farmers' Professional Cooperative"),
        ("快手", "PLATFORM", "Kuaishou"),
        ("马国庆", "PERSON", "Ma Guoqing"),
        ("昭苏县", "PLACE", "Zhaosu County"),
        ("昭苏县文化体育广播电视和旅游局", "ORG",
         "Zhaosu County Bureau of Culture, Sports, Radio, Television and Tourism"),
        ("中国移动新疆公司", "ORG", "China Mobile Xinjiang Company"),
        ("昭苏镇", "PLACE", "Zhaosu Town"),
        ("吐格勒勤布拉克村", "PLACE", "Tugeleqinbulake Village"),
        ("古丽娜尔", "PERSON", "Gulinaer", {"canonical_alt": "Gulnar"}),
    ],
    "h05_zh.txt": [
        ("新疆日报", "ORG", "Xinjiang Daily"),
        ("阿克苏", "PLACE", "Aksu"),
        ("赵倩", "PERSON", "Zhao Qian"),
        ("买合木提·阿不都拉", "PERSON", "Maihemuti Abudula", {"canonical_alt": "Mehmut Abdulla"}),
        ("阿克苏市", "PLACE", "Aksu City"),
        ("依干其乡", "PLACE", "Yiganqi Township"),
        ("冰糖心", "PRODUCT", "ice-sugar heart apple", B),
        ("长三角", "PLACE", "Yangtze River Delta"),
        ("阿克苏地区商务局", "ORG", "Aksu Prefecture Commerce Bureau"),
        ("李建军", "PERSON", "Li Jianjun"),
        ("阿克苏地区", "PLACE", "Aksu Prefecture"),
        ("浙江省援疆指挥部", "ORG", "Zhejiang Provincial Xinjiang Aid Headquarters"),
        ("杭州", "PLACE", "Hangzhou"),
        ("温宿县", "PLACE", "Wensu County"),
        ("吐木秀克镇", "PLACE", "Tumuxiuke Town"),
        ("阿克苏天润果业有限责任公司", "ORG", "Aksu Tianrun Fruit Industry Co., Ltd."),
        ("王海涛", "PERSON", "Wang Haitao"),
        ("阿瓦提县", "PLACE", "Awat County"),
        ("英艾日克乡", "PLACE", "Yingairike Township"),
        ("陈志刚", "PERSON", "Chen Zhigang"),
        ("刘亚楠", "PERSON", "Liu Yanan"),
        ("艾尔肯", "PERSON", "Aierken", {"canonical_alt": "Erkin"}),
        ("第一师", "ORG", "First Division of the Xinjiang Production and Construction Corps"),
        ("阿拉尔市", "PLACE", "Aral City"),
        ("十六团", "PLACE", "16th Regiment"),
        ("阿克苏地区职业技术学院", "ORG", "Aksu Prefecture Vocational and Technical College"),
        ("阿克苏纺织工业城", "PLACE", "Aksu Textile Industrial City"),
        ("阿克苏地区统计局", "ORG", "Aksu Prefecture Statistics Bureau"),
        ("新疆维吾尔自治区商务厅", "ORG", "Xinjiang Uygur Autonomous Region Department of Commerce"),
    ],
    "h06_zh.txt": [
        ("中国新闻网", "ORG", "China News Network"),
        ("阿勒泰", "PLACE", "Altay"),
        ("禾木村", "PLACE", "Hemu Village"),
        ("中新网", "ORG", "China News Network"),
        ("孙亭文", "PERSON", "Sun Tingwen"),
        ("阿勒泰地区", "PLACE", "Altay Prefecture"),
        ("布尔津县", "PLACE", "Burqin County"),
        ("禾木哈纳斯蒙古族乡", "PLACE", "Hemu Kanas Mongol Ethnic Township"),
        ("巴特尔", "PERSON", "Bateer", {"canonical_alt": "Batur"}),
        ("斯琴", "PERSON", "Siqin"),
        ("冲乎尔镇", "PLACE", "Chonghuer Town"),
        ("合孜勒哈英村", "PLACE", "Hezilehaying Village"),
        ("加娜尔·木拉提", "PERSON", "Jianaer Mulati", {"canonical_alt": "Janar Murat"}),
        ("冲乎尔镇民族手工艺品合作社", "ORG", "Chonghuer Town Ethnic Handicrafts Cooperative"),
        ("小红书", "PLATFORM", "Xiaohongshu"),
        ("微信视频号", "PLATFORM", "WeChat Channels"),
        ("北京", "PLACE", "Beijing"),
        ("上海", "PLACE", "Shanghai"),
        ("加娜尔", "PERSON", "Jianaer Mulati"),
        ("哈巴河县", "PLACE", "Habahe County"),
        ("哈巴河县融媒体中心", "ORG", "Habahe County Media Center"),
        ("县电商公共服务中心", "ORG", "Habahe County E-commerce Public Service Center", B),
        ("金山银水好物节", "EVENT_NAME", "Jinshan Yinshui Good Products Festival"),
        ("兵团", "ORG", "Xinjiang Production and Construction Corps"),
        ("第十师", "ORG", "Tenth Division of the Xinjiang Production and Construction Corps"),
        ("北屯市", "PLACE", "Beitun City"),
        ("一八八团", "PLACE", "188th Regiment"),
        ("吕建平", "PERSON", "Lu Jianping"),
        ("阿勒泰地区文化体育广播电视和旅游局", "ORG",
         "Altay Prefecture Bureau of Culture, Sports, Radio, Television and Tourism"),
        ("马兴", "PERSON", "Ma Xing"),
    ],
    "h07_en.txt": [
        ("Aksu apples", "PRODUCT", "Aksu apple"),
        ("Yarkant walnuts", "PRODUCT", "Yarkant walnut"),
        ("WANG LEI", "PERSON", "Wang Lei"),
        ("Urumqi", "PLACE", "Urumqi"),
        ("China Daily", "ORG", "China Daily"),
        ("China", "PLACE", "China"),
        ("southern Xinjiang", "PLACE", "Southern Xinjiang"),
        ("Aksu Prefecture", "PLACE", "Aksu Prefecture"),
        ("Aksu City", "PLACE", "Aksu City"),
        ("Shanghai", "PLACE", "Shanghai"),
        ("Hangzhou", "PLACE", "Hangzhou"),
        ("Memet Eli", "PERSON", "Memet Eli"),
        ("Wensu County", "PLACE", "Wensu County"),
        ("Pinduoduo", "PLATFORM", "Pinduoduo"),
        ("Yarkant County E-commerce Center", "ORG", "Yarkant County E-commerce Center"),
        ("Aynur Tursun", "PERSON", "Aynur Tursun"),
        ("Kashgar Vocational and Technical College", "ORG", "Kashgar Vocational and Technical College"),
        ("Li Jianjun", "PERSON", "Li Jianjun"),
        ("Aksu prefectural commerce bureau", "ORG", "Aksu Prefecture Commerce Bureau"),
        ("Zhejiang", "PLACE", "Zhejiang"),
        ("Kashgar", "PLACE", "Kashgar"),
        ("Xinjiang Uygur Autonomous Region's Department of Commerce", "ORG",
         "Xinjiang Uygur Autonomous Region Department of Commerce"),
        ("Cainiao", "ORG", "Cainiao"),
        ("JD Logistics", "ORG", "JD Logistics"),
    ],
    "h08_es.txt": [
        ("Xinjiang", "PLACE", "Xinjiang"),
        ("URUMQI", "PLACE", "Urumqi"),
        ("Xinhua", "ORG", "Xinhua News Agency"),
        ("Aksu", "PLACE", "Aksu Prefecture"),
        ("China", "PLACE", "China"),
        ("Douyin", "PLATFORM", "Douyin"),
        ("Pinduoduo", "PLATFORM", "Pinduoduo"),
        ("Memet Eli", "PERSON", "Memet Eli"),
        ("Wensu", "PLACE", "Wensu County"),
        ("Yarkant", "PLACE", "Yarkant County"),
        ("Kashgar", "PLACE", "Kashgar Prefecture"),
        ("Centro de Comercio Electrónico de Yarkant", "ORG", "Yarkant County E-commerce Center"),
        ("Aynur Tursun", "PERSON", "Aynur Tursun"),
        ("Oficina de Comercio de la prefectura de Aksu", "ORG", "Aksu Prefecture Commerce Bureau"),
        ("Li Jianjun", "PERSON", "Li Jianjun"),
        ("Zhejiang", "PLACE", "Zhejiang"),
        ("Cainiao", "ORG", "Cainiao"),
        ("JD Logistics", "ORG", "JD Logistics"),
        ("Shanghái", "PLACE", "Shanghai"),
        ("Cantón", "PLACE", "Guangzhou"),
    ],
}


def scan(text: str, surfaces: list[str], latin: bool) -> dict[str, list[int]]:
    """Leftmost-longest occurrences of the listed surfaces: surface -> start offsets."""
    alts = "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))
    rx = re.compile(rf"(?<![\w])(?:{alts})(?![\w])" if latin else f"(?:{alts})")
    found: dict[str, list[int]] = {s: [] for s in surfaces}
    for m in rx.finditer(text):
        found[m.group()].append(m.start())
    return found


def main() -> None:
    lines = []
    for doc, rows in ENTITIES.items():
        text = open(HERE / "corpus" / doc, encoding="utf-8", newline="").read()
        lang = doc.split("_")[1][:2]
        hits = scan(text, [r[0] for r in rows], latin=lang != "zh")
        for quote, label, canonical, *opts in rows:
            starts = hits[quote]
            assert starts, f"{doc}: {quote!r} not found as a separate surface"
            s = starts[0]
            assert text[s:s + len(quote)] == quote
            line = {"doc": doc, "lang": lang, "kind": "entity", "quote": quote, "start": s,
                    "end": s + len(quote), "count": len(starts), "label": label, "canonical": canonical}
            for o in opts:
                line.update(o)
            lines.append(line)
    (HERE / "gold.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
                                     encoding="utf-8")
    print(f"{len(lines)} lines")


if __name__ == "__main__":
    main()
